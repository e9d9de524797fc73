"""A user's coming days, run forward through the dispatcher's own plans (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.content import load_library
from bot.models import Profile
from bot.plans import FOLLOW_UP, MORNING, RECAP, SERIES_EVENING, all_plans
from bot.playground import refusal
from bot.preview import upcoming, user_days
from bot.settings import default_content_dir
from bot.store import NextSend
from bot.texts import load_texts
from scheduler.schedule import to_ms

CONTENT = default_content_dir()
PLANS = all_plans(load_library(CONTENT), load_texts(CONTENT))
NOW = datetime(2036, 1, 6, 17, 0, tzinfo=UTC)  # Sunday, 18:00 in Berlin
MONDAY_7 = datetime(2036, 1, 7, 6, 0, tzinfo=UTC)  # 07:00 in Berlin


def ada(**changes: object) -> Profile:
    base = Profile(user_id=7, zone="Europe/Berlin", morning=time(7, 0), created_ms=to_ms(NOW))
    return base.with_(**changes) if changes else base


def morning_at(at: datetime) -> NextSend:
    return NextSend(MORNING, to_ms(at), at.astimezone(ada().tz).date().isoformat())


def test_a_morning_then_its_reminder_then_the_next_morning() -> None:
    events = list(upcoming(ada(), [morning_at(MONDAY_7)], PLANS, NOW + timedelta(days=2)))
    assert [(e.slot, e.at.astimezone(ada().tz).strftime("%a %H:%M")) for e in events] == [
        (MORNING, "Mon 07:00"),
        (FOLLOW_UP, "Mon 10:00"),
        (MORNING, "Tue 07:00"),
        (FOLLOW_UP, "Tue 10:00"),
    ]
    assert all(e.message is not None for e in events)
    assert [e.words for e in events[:2]] == ["morning practice", "gentle reminder"]


def test_no_reminder_once_done() -> None:
    """After Done the pending reminder sends nothing: the sidebar must not announce it."""
    monday = date(2036, 1, 7)
    profile = ada(engaged_on=monday, last_prompt_date=monday)
    reminder = NextSend(FOLLOW_UP, to_ms(MONDAY_7 + timedelta(hours=3)), monday.isoformat())
    first = next(upcoming(profile, [reminder], PLANS, NOW + timedelta(days=2)))
    assert first.slot == FOLLOW_UP and first.message is None


def test_the_intuition_week_through_its_recap() -> None:
    profile = ada(series="intuition", followup_h=0)
    evening = NextSend(SERIES_EVENING, to_ms(NOW + timedelta(hours=2)), "2036-01-06")
    events = list(upcoming(profile, [morning_at(MONDAY_7), evening], PLANS, NOW + timedelta(9)))
    said = [(e.slot, e.local_date.day) for e in events if e.message is not None]
    assert said[:3] == [(MORNING, 7), (SERIES_EVENING, 7), (MORNING, 8)]
    assert said.count((SERIES_EVENING, 13)) == 1  # day 7's check-in, on Sunday the 13th
    assert (RECAP, 14) in said
    silent = [e.slot for e in events if e.message is None]
    assert silent == [SERIES_EVENING]  # the join evening: no series morning went out yet
    days = user_days(profile, [morning_at(MONDAY_7), evening], PLANS, 7, NOW)
    assert [d.date.day for d in days] == [6, 7, 8, 9, 10, 11, 12]
    assert [len(d.messages) for d in days] == [0, 2, 2, 2, 2, 2, 2]
    assert "Day 1 of 7" in days[1].messages[0]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("", True),
        ("   \n\t", True),
        ("\u200b", True),
        (" \ufeff\u2060\u200d ", True),
        ("\u00a0", True),
        ("hi\u200b", False),
        ("🌱", False),
        ("x" * 4097, True),
    ],
)
def test_what_a_person_cannot_send(text: str, refused: bool) -> None:
    assert (refusal(text) is not None) == refused
