"""From a shared location to a time zone, offline.

``tzfpy`` ships the zones' boundary polygons (timezone-boundary-builder, from OpenStreetMap)
and answers in about a microsecond: Evansville IN and Pensacola FL are on Central time,
Strasbourg is French. At sea it answers with the nautical zone, ``Etc/GMT±N`` by longitude,
the time ships keep. Only if it has no answer that this machine's tz database knows does
the nearest zone's principal city decide (``zone1970.tab`` from the ``tzdata`` package),
which near a border can pick the neighbour's zone. The bot always confirms the zone and the
local time it implies.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

import tzfpy

from scheduler.schedule import zone_or_none


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


def warm() -> None:
    """Load tzfpy's polygons now (about 0.1 s and 34 MiB), not on someone's first location."""
    tzfpy.get_tz(0.0, 0.0)
    _zones()


def zone_at(latitude: float, longitude: float) -> str | None:
    """The zone the point lies in (by boundary polygons), or else the nearest principal
    city's; ``None`` for a point that is not on Earth."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    found = tzfpy.get_tz(longitude, latitude)
    if found and zone_or_none(found) is not None:
        return found
    return nearest_city_zone(latitude, longitude)


def nearest_city_zone(latitude: float, longitude: float) -> str | None:
    """The zone whose principal city is nearest (great-circle) to the point."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)

    def distance(entry: tuple[float, float, str]) -> float:
        lat2, lon2 = math.radians(entry[0]), math.radians(entry[1])
        a = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        )
        return 2 * math.asin(min(1.0, math.sqrt(a)))

    return min(_zones(), key=distance)[2] if _zones() else None
