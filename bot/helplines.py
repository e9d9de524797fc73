"""Crisis lines for a user's country, from content/helplines.yaml (pure: no telegram, no redis).

The country comes from the user's IANA time zone, via the tz database's own ``zone.tab``
(which names one country per zone; a renamed zone such as ``Europe/Kiev`` is followed to
``Europe/Kyiv`` through the links in ``tzdata.zi``), else from the region of their Telegram
language (``pt-BR`` -> BR), else from a language spoken mostly in one country (``uk`` -> UA).
Without a country, or for a country the table does not list, the international directory.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.content import load_yaml_model
from bot.places import tab_rows

_NUMBER = r"^\*?[0-9][0-9 ()+-]{1,24}$"
_HTTPS = r"^https://\S+$"
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Helpline(BaseModel):
    """One line: whom to reach and how, and where that is published."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=80)
    phone: str | None = Field(default=None, pattern=_NUMBER)
    sms: str | None = Field(default=None, pattern=_NUMBER)
    url: str | None = Field(default=None, pattern=_HTTPS)
    note: str | None = Field(default=None, max_length=120)
    source: str = Field(pattern=_HTTPS)
    checked: date

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not (self.phone or self.sms or self.url):
            raise ValueError("give at least one of phone, sms and url")
        return self


class HelplineTable(BaseModel):
    """The whole table: lines by ISO 3166 country code, and the directory for the rest."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    directory: Helpline
    countries: dict[Country, tuple[Helpline, ...]] = Field(min_length=1)

    @model_validator(mode="after")
    def _none_empty(self) -> Self:
        empty = sorted(code for code, lines in self.countries.items() if not lines)
        if empty:
            raise ValueError(f"countries without a line: {', '.join(empty)}")
        return self


def load_helplines(content_dir: Path) -> HelplineTable:
    """content/helplines.yaml, checked; a problem is refused with its file, line and field."""
    return load_yaml_model(content_dir / "helplines.yaml", HelplineTable)


LANGUAGE_COUNTRY = {"uk": "UA", "pl": "PL", "it": "IT", "de": "DE"}
"""Languages without a region that are spoken mostly in one country. English, Spanish,
Portuguese, French and Russian are not here: guessing one country for them would as often
be wrong, so they get the directory unless the zone or the region says more."""


@cache
def _zone_countries() -> dict[str, str]:
    """Every zone in ``zone.tab``, and every link to one, mapped to its country code."""
    countries = {row[2]: row[0] for row in tab_rows("zone.tab")}
    links = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    for line in links.splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            if target in countries:
                countries.setdefault(alias, countries[target])
    return countries


def country_of_zone(zone: str | None) -> str | None:
    """``Europe/Berlin`` -> ``DE``; ``UTC`` and unknown names -> ``None``."""
    return _zone_countries().get(zone) if zone else None


def country_of_language(language: str | None) -> str | None:
    """``pt-BR`` -> ``BR``, ``en_us`` -> ``US``, ``uk`` -> ``UA``, ``en`` -> ``None``."""
    if not language:
        return None
    base, _, region = language.replace("_", "-").partition("-")
    region = region.split("-")[-1]
    if len(region) == 2 and region.isalpha():
        return region.upper()
    return LANGUAGE_COUNTRY.get(base.lower())


def country_for(zone: str | None, language: str | None) -> str | None:
    """The user's country: from their zone, else their Telegram language."""
    return country_of_zone(zone) or country_of_language(language)


def helplines_for(
    table: HelplineTable, zone: str | None, language: str | None
) -> tuple[Helpline, ...]:
    """The lines to show: the country's own, or the international directory."""
    country = country_for(zone, language)
    lines = table.countries.get(country) if country else None
    return lines or (table.directory,)
