"""From a shared location to a time zone, offline: the nearest zone's principal city.

Uses ``zone1970.tab`` from the ``tzdata`` package (the tz database's own coordinates). Near
a border this can pick the neighbour's zone, which is why the bot always confirms the zone
and the local time it implies.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources


def _coordinate(text: str, degree_digits: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    degrees = int(digits[:degree_digits])
    minutes = int(digits[degree_digits : degree_digits + 2])
    seconds = int(digits[degree_digits + 2 :] or 0)
    return sign * (degrees + minutes / 60 + seconds / 3600)


def tab_rows(name: str) -> list[list[str]]:
    """The rows of one of the tz database's tables (``zone1970.tab``, ``zone.tab``), split on
    tabs, without comments."""
    table = resources.files("tzdata.zoneinfo").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]


@cache
def _zones() -> tuple[tuple[float, float, str], ...]:
    out: list[tuple[float, float, str]] = []
    for row in tab_rows("zone1970.tab"):
        _, coords, zone, *_ = row
        split = max(coords.rfind("+"), coords.rfind("-"))
        lat_text, lon_text = coords[:split], coords[split:]
        out.append((_coordinate(lat_text, 2), _coordinate(lon_text, 3), zone))
    return tuple(out)


def zone_at(latitude: float, longitude: float) -> str | None:
    """The zone whose principal city is nearest (great-circle) to the point."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    lat1, lon1 = math.radians(latitude), math.radians(longitude)

    def distance(entry: tuple[float, float, str]) -> float:
        lat2, lon2 = math.radians(entry[0]), math.radians(entry[1])
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * math.asin(min(1.0, math.sqrt(a)))

    return min(_zones(), key=distance)[2] if _zones() else None
