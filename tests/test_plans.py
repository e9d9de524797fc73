"""Pure plans: when the series' first check-in comes, whatever the hour of joining."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.models import Profile
from bot.plans import SERIES_EVENING, first_series_evening
from scheduler.schedule import from_ms

LISBON = Profile(1, zone="Europe/Lisbon", morning=time(7, 0), series="intuition")


@pytest.mark.parametrize(
    ("joined_at", "first_evening"),
    [
        # Before the morning practice: the series starts this morning, so this evening.
        (datetime(2026, 6, 10, 5, 30, tzinfo=UTC), "2026-06-10 20:00"),
        # After it (the afternoon that once broke the suite): tomorrow's morning and evening.
        (datetime(2026, 6, 10, 12, 48, tzinfo=UTC), "2026-06-11 20:00"),
        (datetime(2026, 6, 10, 20, 50, tzinfo=UTC), "2026-06-11 20:00"),
        # Just after local midnight: today's morning is still to come.
        (datetime(2026, 6, 10, 23, 10, tzinfo=UTC), "2026-06-11 20:00"),
        # The night before the clocks go forward: the evening is on summer time.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-29 20:00"),
    ],
)
def test_the_first_check_in_is_the_evening_of_the_first_series_morning(
    joined_at: datetime, first_evening: str
) -> None:
    nxt = first_series_evening(LISBON, joined_at)
    assert nxt is not None and nxt.slot == SERIES_EVENING
    local = from_ms(nxt.at_ms).astimezone(LISBON.tz)
    assert f"{local:%Y-%m-%d %H:%M}" == first_evening
    assert nxt.local_date == first_evening[:10]


def test_a_paused_user_starts_the_series_the_evening_they_resume() -> None:
    from datetime import date

    paused = LISBON.with_(paused_until=date(2026, 6, 14))
    nxt = first_series_evening(paused, datetime(2026, 6, 10, 12, 0, tzinfo=UTC))
    assert nxt is not None and nxt.local_date == "2026-06-14"


def test_after_a_message_that_needed_care_three_days_of_practice_are_gentle() -> None:
    from datetime import date, timedelta

    from bot.content import load_library
    from bot.plans import GENTLE_DAYS, needs_gentle, todays_practice
    from bot.settings import default_content_dir

    library = load_library(default_content_dir())
    hurt_on = date(2026, 6, 10)
    profile = LISBON.with_(care_on=hurt_on, practice_seq=40)  # well past the gentle start
    days = [hurt_on + timedelta(days=d) for d in range(-1, GENTLE_DAYS + 1)]
    assert [needs_gentle(profile, d) for d in days] == [False, True, True, True, False]
    for seq in range(40, 60):
        practice = todays_practice(profile.with_(practice_seq=seq), library, hurt_on)
        assert practice.gentle and not practice.recalls_pain
