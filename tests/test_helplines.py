"""The helpline table: it loads, every line is reachable and sourced, and a user's country is
found from their zone, then their Telegram language, then the directory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.content import ContentError
from bot.helplines import (
    HelplineTable,
    country_for,
    country_of_language,
    country_of_zone,
    helplines_for,
    load_helplines,
)
from bot.settings import default_content_dir

TABLE = load_helplines(default_content_dir())

REQUIRED = {
    # the nine languages' countries
    *("GB", "US", "ES", "MX", "BR", "PT", "DE", "AT", "CH", "FR", "BE", "IT", "RU", "UA", "PL"),
    # the largest English-speaking countries and Latin America's big ones
    *("IE", "CA", "AU", "NZ", "IN", "ZA", "AR", "CO", "CL"),
}


def test_the_table_covers_the_countries_it_must() -> None:
    assert set(TABLE.countries) >= REQUIRED


def test_every_line_says_where_it_is_published_and_when_it_was_checked() -> None:
    for line in (TABLE.directory, *(h for lines in TABLE.countries.values() for h in lines)):
        assert line.source.startswith("https://")
        assert line.checked == date(2026, 11, 30)
        assert line.phone or line.sms or line.url


@pytest.mark.parametrize(
    ("zone", "language", "country", "first"),
    [
        ("Europe/Berlin", None, "DE", "TelefonSeelsorge"),
        ("America/Sao_Paulo", None, "BR", "CVV – Centro de Valorização da Vida"),
        ("Europe/Kyiv", None, "UA", "Lifeline Ukraine"),
        ("Europe/Kiev", None, "UA", "Lifeline Ukraine"),  # the old name, a link in tzdata
        ("America/New_York", "de", "US", "988 Suicide & Crisis Lifeline"),  # the zone wins
        ("Europe/London", None, "GB", "Samaritans"),
        ("Asia/Kolkata", None, "IN", "Tele MANAS"),
        (None, "pl", "PL", "Kryzysowy Telefon Zaufania"),
        (None, "uk", "UA", "Lifeline Ukraine"),
        (None, "pt-BR", "BR", "CVV – Centro de Valorização da Vida"),
        (None, "pt-br", "BR", "CVV – Centro de Valorização da Vida"),
        ("UTC", "es-MX", "MX", "Línea de la Vida"),  # UTC names no country
        (None, "en", None, "Find A Helpline"),  # English alone is no country
        (None, None, None, "Find A Helpline"),
        ("Antarctica/Troll", "en", "AQ", "Find A Helpline"),  # a country without a line
        ("Europe/Oslo", "uk", "NO", "Find A Helpline"),  # the zone's country, not the language's
        ("Not/AZone", None, None, "Find A Helpline"),
    ],
)
def test_helplines_for_a_zone_and_language(
    zone: str | None, language: str | None, country: str | None, first: str
) -> None:
    assert country_for(zone, language) == country
    assert helplines_for(TABLE, zone, language)[0].name == first


def test_zone_and_language_readings() -> None:
    assert country_of_zone("America/Sao_Paulo") == "BR"
    assert country_of_zone(None) is None
    assert country_of_language("en_US") == "US"
    assert country_of_language("zh-hans") is None  # a script, not a region
    assert country_of_language("sr-Latn-RS") == "RS"
    assert country_of_language("") is None


def _write(folder: Path, text: str) -> Path:
    (folder / "helplines.yaml").write_text(text, encoding="utf-8")
    return folder


GOOD_LINE = "name: X Line\n    phone: '123'\n    source: https://x.example\n    checked: 2026-11-30"
LINE = GOOD_LINE.replace("\n", "\n  ")
PLAIN_HTTP = LINE.replace("https://x", "http://x")


def test_a_line_nobody_can_reach_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    text = (
        "directory:\n  name: Dir\n  url: https://d.example\n  source: https://d.example\n"
        "  checked: 2026-11-30\n"
        "countries:\n  DE:\n    - name: Nothing\n      source: https://x.example\n"
        "      checked: 2026-11-30\n"
    )
    with pytest.raises(ContentError) as caught:
        load_helplines(_write(tmp_path, text))
    message = str(caught.value)
    assert "helplines.yaml:8" in message
    assert "countries.DE[0]" in message
    assert "at least one of phone, sms and url" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("  de:\n    - " + LINE, "countries.de"),  # lower case
        ("  DE:\n    - " + LINE + "\n      fax: '1'", "unknown field"),
        ("  DE:\n    - " + PLAIN_HTTP, "source"),
        ("  DE: []", "countries without a line: DE"),
    ],
)
def test_malformed_tables_are_refused(tmp_path: Path, body: str, expected: str) -> None:
    text = (
        "directory:\n  name: Dir\n  url: https://d.example\n  source: https://d.example\n"
        "  checked: 2026-11-30\ncountries:\n" + body + "\n"
    )
    with pytest.raises(ContentError, match=expected):
        load_helplines(_write(tmp_path, text))


def test_the_model_is_frozen() -> None:
    with pytest.raises(ValueError, match="frozen"):
        TABLE.directory.name = "other"
    assert isinstance(TABLE, HelplineTable)
