"""What users type as a time zone."""

from __future__ import annotations

import pytest

from bot.zones import resolve_zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("  Kathmandu ", "Asia/Kathmandu"),
        ("UTC", "UTC"),
        ("Lord Howe", "Australia/Lord_Howe"),
        ("Atlantis", None),
        ("", None),
        ("../../etc/passwd", None),
        ("<b>Berlin</b>", None),
        ("x" * 200, None),
    ],
)
def test_resolve_zone(typed: str, zone: str | None) -> None:
    assert resolve_zone(typed) == zone
