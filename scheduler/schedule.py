"""Pure schedule maths: when is a user's next send, in UTC.

Nothing here reads the clock, Redis or Telegram; ``now`` is always an argument.

One occurrence per local date. The instant of the occurrence on local date ``d`` at local time
``t`` is ``d t`` read in the user's IANA zone with ``fold=0``, which gives exactly the two DST
rules users expect:

* a local time that does not exist (spring forward) is sent when the clock has skipped past
  it, shifted by the gap: 02:30 on a day that jumps 02:00 -> 03:00 becomes 03:30;
* a local time that happens twice (fall back) is sent once, at its first occurrence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_HHMM = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:.h]\s*([0-5]\d)\s*$")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One scheduled send: its UTC instant and the local date it belongs to."""

    at: datetime
    local_date: date


def parse_hhmm(text: str) -> time | None:
    """``"7:05"``, ``"07:05"``, ``"7.05"`` or ``"7h05"`` as a time; ``None`` when it is not one."""
    match = _HHMM.match(text)
    if match is None:
        return None
    return time(int(match.group(1)), int(match.group(2)))


def zone_or_none(name: str) -> ZoneInfo | None:
    """The IANA zone of that name, or ``None``."""
    name = name.strip()
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        return None


@lru_cache(maxsize=8192)
def occurrence_on(local_date: date, at: time, zone: ZoneInfo) -> Occurrence:
    """The occurrence of local time ``at`` on ``local_date`` in ``zone`` (see module doc).

    Cached: a burst of users due in one minute shares a handful of (date, time, zone), and
    the zone arithmetic is most of the cost of rescheduling each of them.
    """
    wall = datetime.combine(local_date, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    return Occurrence(at=wall.astimezone(UTC), local_date=local_date)


def next_occurrence(
    zone: ZoneInfo,
    at: time,
    now: datetime,
    *,
    resume_on: date | None = None,
) -> Occurrence:
    """The first occurrence strictly after ``now`` on a local date on or after ``resume_on``.

    ``resume_on`` is the first local date of sending again after a pause (``None``: not paused).
    """
    _require_aware(now)
    today = now.astimezone(zone).date()
    start = today - timedelta(days=1)
    if resume_on is not None and resume_on > start:
        start = resume_on
    for offset in range(4):
        occ = occurrence_on(start + timedelta(days=offset), at, zone)
        if occ.at > now:
            return occ
    raise AssertionError("unreachable: one of four consecutive local dates is in the future")


def local_now(zone: ZoneInfo, now: datetime) -> datetime:
    """``now`` as the user's wall clock."""
    _require_aware(now)
    return now.astimezone(zone)


def is_too_late(due_at: datetime, now: datetime, catch_up_s: int) -> bool:
    """Whether a send due at ``due_at`` is older than the catch-up window at ``now``."""
    return (now - due_at).total_seconds() > catch_up_s


def to_ms(moment: datetime) -> int:
    """Unix milliseconds of an aware datetime."""
    _require_aware(moment)
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    """The aware UTC datetime of unix milliseconds."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def utc_offset_label(zone: ZoneInfo, now: datetime) -> str:
    """``UTC+05:45`` style label of the zone's offset at ``now``."""
    offset = local_now(zone, now).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def known_zones() -> frozenset[str]:
    """Every IANA zone name this machine knows."""
    return frozenset(available_timezones())


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes in Tend are timezone-aware; got a naive one")
