"""Schedule maths: exact instants over real zones, including every DST shape."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.schedule import (
    from_ms,
    is_too_late,
    next_occurrence,
    parse_hhmm,
    to_ms,
    utc_offset_label,
)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# zone, local time, now (UTC), expected instant (UTC), expected local date
CASES = [
    # An ordinary day: 07:00 Berlin (CET, UTC+1) in November.
    (
        "Europe/Berlin",
        "07:00",
        utc(2026, 11, 23, 5, 0),
        utc(2026, 11, 23, 6, 0),
        date(2026, 11, 23),
    ),
    # Already past today: tomorrow.
    (
        "Europe/Berlin",
        "07:00",
        utc(2026, 11, 23, 6, 0),
        utc(2026, 11, 24, 6, 0),
        date(2026, 11, 24),
    ),
    # Spring forward in Berlin (29 Mar 2026, 02:00 -> 03:00): 02:30 is sent at 03:30 CEST.
    ("Europe/Berlin", "02:30", utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 1, 30), date(2026, 3, 29)),
    # Fall back in Berlin (25 Oct 2026, 03:00 -> 02:00): 02:30 happens twice; the first one.
    (
        "Europe/Berlin",
        "02:30",
        utc(2026, 10, 24, 12, 0),
        utc(2026, 10, 25, 0, 30),
        date(2026, 10, 25),
    ),
    # ... and after that first one, the next is the following day, not the repeat.
    (
        "Europe/Berlin",
        "02:30",
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 26, 1, 30),
        date(2026, 10, 26),
    ),
    # New York spring forward (8 Mar 2026): 02:30 -> 03:30 EDT (07:30 UTC).
    ("America/New_York", "02:30", utc(2026, 3, 8, 0, 0), utc(2026, 3, 8, 7, 30), date(2026, 3, 8)),
    # New York fall back (1 Nov 2026): 01:30 EDT first (05:30 UTC), once.
    (
        "America/New_York",
        "01:30",
        utc(2026, 11, 1, 4, 0),
        utc(2026, 11, 1, 5, 30),
        date(2026, 11, 1),
    ),
    (
        "America/New_York",
        "01:30",
        utc(2026, 11, 1, 5, 30),
        utc(2026, 11, 2, 6, 30),
        date(2026, 11, 2),
    ),
    # Lord Howe's 30-minute shift (4 Oct 2026, 02:00 -> 02:30, +10:30 -> +11): 02:15 -> 02:45.
    (
        "Australia/Lord_Howe",
        "02:15",
        utc(2026, 10, 3, 12, 0),
        utc(2026, 10, 3, 15, 45),
        date(2026, 10, 4),
    ),
    # Lord Howe fall back (5 Apr 2026, 02:00 -> 01:30): 01:45 twice; the first (+11).
    (
        "Australia/Lord_Howe",
        "01:45",
        utc(2026, 4, 4, 12, 0),
        utc(2026, 4, 4, 14, 45),
        date(2026, 4, 5),
    ),
    # Kathmandu, +05:45 all year.
    (
        "Asia/Kathmandu",
        "07:00",
        utc(2026, 11, 23, 0, 0),
        utc(2026, 11, 23, 1, 15),
        date(2026, 11, 23),
    ),
    # Chatham, +13:45 in (southern) summer: the local date is a day ahead of UTC's.
    (
        "Pacific/Chatham",
        "07:00",
        utc(2026, 11, 23, 12, 0),
        utc(2026, 11, 23, 17, 15),
        date(2026, 11, 24),
    ),
    # Chatham in winter, +12:45.
    ("Pacific/Chatham", "07:00", utc(2026, 6, 1, 12, 0), utc(2026, 6, 1, 18, 15), date(2026, 6, 2)),
    # Chatham spring forward (27 Sep 2026, 02:45 -> 03:45): 03:00 becomes 04:00.
    (
        "Pacific/Chatham",
        "03:00",
        utc(2026, 9, 26, 0, 0),
        utc(2026, 9, 26, 14, 15),
        date(2026, 9, 27),
    ),
]


@pytest.mark.parametrize(("zone", "hhmm", "now", "expected", "local_date"), CASES)
def test_next_occurrence(
    zone: str, hhmm: str, now: datetime, expected: datetime, local_date: date
) -> None:
    at = parse_hhmm(hhmm)
    assert at is not None
    occ = next_occurrence(ZoneInfo(zone), at, now)
    assert occ.at == expected
    assert occ.local_date == local_date


def test_pause_resumes_on_the_given_local_date() -> None:
    zone = ZoneInfo("Europe/Berlin")
    now = utc(2026, 11, 23, 5, 0)
    occ = next_occurrence(zone, time(7, 0), now, resume_on=date(2026, 11, 26))
    assert occ.at == utc(2026, 11, 26, 6, 0)
    assert occ.local_date == date(2026, 11, 26)


def test_pause_that_already_ended_changes_nothing() -> None:
    zone = ZoneInfo("Europe/Berlin")
    now = utc(2026, 11, 23, 5, 0)
    assert next_occurrence(zone, time(7, 0), now, resume_on=date(2026, 11, 1)).at == utc(
        2026, 11, 23, 6, 0
    )


def test_one_occurrence_per_local_date_across_a_year_of_transitions() -> None:
    for name in ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham"):
        zone = ZoneInfo(name)
        for at in (time(0, 30), time(1, 30), time(2, 30), time(7, 0), time(23, 30)):
            now = utc(2026, 1, 1)
            dates: list[date] = []
            for _ in range(370):
                occ = next_occurrence(zone, at, now)
                assert occ.at > now
                dates.append(occ.local_date)
                now = occ.at
            assert len(dates) == len(set(dates)), (name, at)
            assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(dates))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7:05", time(7, 5)),
        (" 6.45 ", time(6, 45)),
        ("21h00", time(21, 0)),
        ("23:59", time(23, 59)),
        ("24:00", None),
        ("7", None),
        ("7:5", None),
        ("", None),
        ("seven", None),
        ("07:60", None),
        ("<b>7:00</b>", None),
    ],
)
def test_parse_hhmm(text: str, expected: time | None) -> None:
    assert parse_hhmm(text) == expected


def test_catch_up_window() -> None:
    due = utc(2026, 11, 23, 6, 0)
    assert not is_too_late(due, due + timedelta(hours=2), 7200)
    assert is_too_late(due, due + timedelta(hours=2, seconds=1), 7200)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_occurrence(ZoneInfo("UTC"), time(7), datetime(2026, 1, 1))


def test_ms_round_trip_and_offset_label() -> None:
    moment = utc(2026, 11, 23, 5, 0, 0)
    assert from_ms(to_ms(moment)) == moment
    assert utc_offset_label(ZoneInfo("Asia/Kathmandu"), moment) == "UTC+05:45"
    assert utc_offset_label(ZoneInfo("America/New_York"), moment) == "UTC-05:00"
