"""Understanding what a user types as a time zone (pure)."""

from __future__ import annotations

from functools import cache

from scheduler.schedule import known_zones, zone_or_none


@cache
def _by_lower() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in sorted(known_zones()):
        if name.startswith(("SystemV/", "posix/", "right/")):
            continue
        table.setdefault(name.lower(), name)
        if "/" in name and not name.startswith("Etc/"):
            city = name.rsplit("/", 1)[-1].replace("_", " ").lower()
            table.setdefault(city, name)
    return table


def resolve_zone(text: str) -> str | None:
    """An IANA zone for ``Europe/Berlin``, ``europe/berlin``, ``Berlin`` or ``new york``."""
    cleaned = " ".join(text.strip().split())
    if not cleaned or len(cleaned) > 64:
        return None
    if cleaned in known_zones() and zone_or_none(cleaned) is not None:
        return cleaned
    key = cleaned.lower()
    return _by_lower().get(key) or _by_lower().get(key.replace("_", " "))
