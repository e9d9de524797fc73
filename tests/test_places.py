"""From a shared location to a time zone."""

from __future__ import annotations

import pytest

from bot.places import nearest_city_zone, zone_at


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        # At borders, where the nearest principal city was the neighbour's.
        (37.97, -87.57, "America/Chicago"),  # Evansville IN, not America/Indiana/Petersburg
        (30.42, -87.22, "America/Chicago"),  # Pensacola FL, not America/Kentucky/Monticello
        (48.58, 7.75, "Europe/Paris"),  # Strasbourg, not Europe/Zurich
        (48.57, 7.82, "Europe/Berlin"),  # Kehl, across the Rhine from Strasbourg
        # Ordinary places.
        (52.52, 13.405, "Europe/Berlin"),
        (-33.87, 151.21, "Australia/Sydney"),
        (27.72, 85.32, "Asia/Kathmandu"),
        (40.71, -74.01, "America/New_York"),
        # At sea: the nautical zone by longitude (Etc/GMT+2 is UTC-2).
        (0.0, -30.0, "Etc/GMT+2"),
        (-40.0, 170.0, "Etc/GMT-11"),
    ],
)
def test_zone_at(latitude: float, longitude: float, zone: str) -> None:
    assert zone_at(latitude, longitude) == zone


@pytest.mark.parametrize(("latitude", "longitude"), [(91.0, 0.0), (0.0, 181.0), (-91.0, -200.0)])
def test_not_on_earth(latitude: float, longitude: float) -> None:
    assert zone_at(latitude, longitude) is None


def test_nearest_principal_city_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.places.tzfpy.get_tz", lambda _lon, _lat: "")
    assert zone_at(52.52, 13.405) == "Europe/Berlin"
    monkeypatch.setattr("bot.places.tzfpy.get_tz", lambda _lon, _lat: "Mars/Olympus_Mons")
    assert zone_at(48.58, 7.75) == nearest_city_zone(48.58, 7.75) == "Europe/Zurich"
