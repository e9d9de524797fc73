"""Properties of the schedule maths over random zones, times, pauses and moments (Hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.schedule import next_occurrence, occurrence_on

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Asia/Gaza",
    "America/Havana",
    "Europe/Dublin",
    "Africa/Casablanca",
    "UTC",
    "Pacific/Kiritimati",
    "America/St_Johns",
]

zones = st.sampled_from(ZONES).map(ZoneInfo)
times = st.builds(time, st.integers(0, 23), st.integers(0, 59))
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2031, 12, 31), timezones=st.just(UTC)
)
pauses = st.one_of(st.none(), st.integers(-30, 60))


@settings(max_examples=400, deadline=None)
@given(zone=zones, at=times, now=moments, pause_days=pauses)
def test_the_next_send_is_in_the_future_at_the_chosen_local_time_once_a_day(
    zone: ZoneInfo, at: time, now: datetime, pause_days: int | None
) -> None:
    resume_on = None if pause_days is None else now.astimezone(zone).date() + timedelta(pause_days)
    occ = next_occurrence(zone, at, now, resume_on=resume_on)

    assert occ.at > now
    if resume_on is not None:
        assert occ.local_date >= resume_on
    # At the chosen local time, or shifted forward by a DST gap it fell into (fold=0).
    wall = occ.at.astimezone(zone)
    nominal = datetime.combine(occ.local_date, at)
    shift = wall.replace(tzinfo=None) - nominal
    assert shift == timedelta(0) or timedelta(0) < shift <= timedelta(hours=2)
    if shift:
        assert datetime.combine(occ.local_date, at, tzinfo=zone).astimezone(UTC) == occ.at
    # It is the first: the local date before it is already past (or paused).
    earlier = occurrence_on(occ.local_date - timedelta(days=1), at, zone)
    assert earlier.at <= now or (resume_on is not None and earlier.local_date < resume_on)
    # Never twice for one local date: the next one belongs to a later date.
    following = next_occurrence(zone, at, occ.at, resume_on=resume_on)
    assert following.local_date > occ.local_date
    assert following.at > occ.at


@settings(max_examples=200, deadline=None)
@given(zone=zones, at=times, start=moments)
def test_a_year_of_mornings_has_one_send_per_local_date(
    zone: ZoneInfo, at: time, start: datetime
) -> None:
    now, seen = start, []
    for _ in range(40):
        occ = next_occurrence(zone, at, now)
        seen.append(occ.local_date)
        now = occ.at
    assert len(seen) == len(set(seen))
    assert all((b - a).days == 1 for a, b in pairwise(seen))  # no local date skipped
