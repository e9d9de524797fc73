"""What each scheduled slot says and when it comes next (pure; used by the dispatcher).

The morning practice and its one gentle follow-up form a chain: a morning schedules the
follow-up (when the user wants one), and the follow-up, sent or not, schedules the next
morning. "Later" is a one-off re-send of the day's practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot import series as series_days
from bot.content import Library, Practice, Series
from bot.models import Profile
from bot.render import Outgoing, practice_for, prompt
from bot.store import Claim, NextSend
from bot.texts import Texts
from scheduler.schedule import from_ms, next_occurrence, occurrence_on, to_ms

MORNING = "morning"
FOLLOW_UP = "followup"
LATER = "later"
SERIES_EVENING = "s_pm"
CALIBRATION = "s_cal"
RECAP = "s_recap"
SERIES_SLOTS = (SERIES_EVENING, CALIBRATION, RECAP)
SLOTS = (MORNING, FOLLOW_UP, LATER, *SERIES_SLOTS)
WORD_SLOTS = frozenset({RECAP})
"""Slots whose message quotes the user's own words: only these open them on the send path."""
CALIBRATION_AT = time(12, 30)
"""The look back at yesterday's followed nudge: midday, between the two series messages."""
"""Every slot a user can have in the schedule (what /forget and /pause clear)."""


def next_morning(profile: Profile, after: datetime) -> NextSend | None:
    """The user's next morning practice strictly after ``after``; ``None`` when none is due."""
    zone = profile.tz
    if zone is None or profile.morning is None or profile.paused_forever or not profile.active:
        return None
    occ = next_occurrence(zone, profile.morning, after, resume_on=profile.paused_until)
    return NextSend(MORNING, to_ms(occ.at), occ.local_date.isoformat())


GENTLE_DAYS = 3
"""After a message that needed care, this many days' practices (that day's included) come
from the gentle theme: never a recall of hurt while someone is hurting."""


def needs_gentle(profile: Profile, day: date) -> bool:
    care_on = profile.care_on
    return care_on is not None and 0 <= (day - care_on).days < GENTLE_DAYS


def todays_practice(profile: Profile, library: Library, day: date) -> Practice:
    """The practice the user's next prompt brings on local date ``day``."""
    gentle = needs_gentle(profile, day)
    return practice_for(profile.user_id, profile.practice_seq, library.practices, gentle=gentle)


def _day(claim: Claim) -> date:
    return date.fromisoformat(claim.local_date)


@dataclass(frozen=True)
class MorningPlan:
    """The daily practice."""

    library: Library
    texts: Texts
    _prompts: dict[tuple[str, date], Outgoing] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Rendered prompts by (practice, local date): a burst renders a few dozen, not one each."""

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        if not profile.is_set_up:
            return None
        series = self._series(profile)
        day = series_days.next_series_day(profile, series)
        if series is not None and day is not None:
            # During the week the series practice comes instead of the daily one: one
            # morning message reads better than two, and progress through both is kept.
            return series_days.morning(self.texts, series, day, _day(claim))
        practice = todays_practice(profile, self.library, _day(claim))
        key = (practice.id, _day(claim))
        message = self._prompts.get(key)
        if message is None:
            if len(self._prompts) >= 4096:
                self._prompts.clear()
            message = self._prompts[key] = prompt(self.texts, practice, key[1])
        return message

    def _series(self, profile: Profile) -> Series | None:
        return self.library.series_by_id(profile.series) if profile.series else None

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        due = from_ms(claim.due_ms)
        if profile.followup_h > 0 and now - due < timedelta(hours=profile.followup_h):
            at = due + timedelta(hours=profile.followup_h)
            return NextSend(FOLLOW_UP, to_ms(at), claim.local_date)
        return next_morning(profile, max(now, due))

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        day = series_days.next_series_day(profile, self._series(profile))
        if day is not None:
            return {
                "series_day": day,
                "series_last_date": _day(claim),
                "last_prompt_msg": message_id,
                "last_prompt_date": _day(claim),
                "asking": None,  # a new day's practice: yesterday's question is gone
            }
        practice = todays_practice(profile, self.library, _day(claim))
        return {
            "practice_seq": profile.practice_seq + 1,
            "last_prompt_msg": message_id,
            "last_prompt_date": _day(claim),
            "last_practice": practice.id,
            "asking": None,
        }


@dataclass(frozen=True)
class FollowUpPlan:
    """At most one gentle reminder, only if the user has not answered that day."""

    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        zone = profile.tz
        if zone is None or profile.engaged_on == _day(claim) or profile.is_paused:
            return None
        if profile.last_prompt_date != _day(claim):
            return None  # that morning's practice never went out
        if profile.in_quiet_hours(now.astimezone(zone).time()):
            return None
        return Outgoing(self.texts.follow_up_nudge)

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        return next_morning(profile, max(now, from_ms(claim.due_ms)))

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        return {}


@dataclass(frozen=True)
class LaterPlan:
    """The day's practice again, at the time the user asked for."""

    library: Library
    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        practice = self.library.practice(profile.last_practice or "")
        if practice is None or profile.is_paused:
            return None
        message = prompt(self.texts, practice, _day(claim))
        return Outgoing(f"{self.texts.prompt_again}\n\n{message.text}", message.buttons)

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        return None

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        return {"last_prompt_msg": message_id}


def next_series_evening(profile: Profile, after: datetime) -> NextSend | None:
    zone = profile.tz
    if zone is None or profile.series is None or not profile.active:
        return None
    occ = next_occurrence(zone, profile.series_evening, after, resume_on=profile.paused_until)
    return NextSend(SERIES_EVENING, to_ms(occ.at), occ.local_date.isoformat())


def first_series_evening(profile: Profile, now: datetime) -> NextSend | None:
    """The first check-in of a series joined at ``now``: the evening of its first morning.

    The series' first practice comes with the user's next morning, so the first check-in is
    that day's evening, never this evening when this morning's practice was a daily one.
    """
    zone, first_morning = profile.tz, next_morning(profile, now)
    if zone is None or first_morning is None:
        return None
    local_date = date.fromisoformat(first_morning.local_date)
    occ = occurrence_on(local_date, profile.series_evening, zone)
    return NextSend(SERIES_EVENING, to_ms(occ.at), occ.local_date.isoformat())


@dataclass(frozen=True)
class SeriesEveningPlan:
    """The evening check-in, on the days whose series morning went out."""

    library: Library
    texts: Texts

    def _series(self, profile: Profile) -> Series | None:
        return self.library.series_by_id(profile.series) if profile.series else None

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        series = self._series(profile)
        if series is None or profile.series_paused or profile.series_last_date != _day(claim):
            return None
        return series_days.evening(self.texts, series, profile.series_day)

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        series = self._series(profile)
        after = max(now, from_ms(claim.due_ms))
        nxt = next_series_evening(profile, after)
        if series is None or nxt is None:
            return None
        finished = profile.series_day >= len(series.days)
        if finished and profile.series_last_date == _day(claim):
            return NextSend(RECAP, nxt.at_ms, nxt.local_date)  # the evening after the last day
        return nxt

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        return {}


@dataclass(frozen=True)
class CalibrationPlan:
    """The day after a followed nudge: how did it turn out?"""

    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        yesterday = _day(claim) - timedelta(days=1)
        for checkin in profile.round_checkins().values():
            pending = checkin.answer == "followed" and checkin.confidence and not checkin.outcome
            if checkin.local_date == yesterday and pending and profile.series:
                return series_days.calibration(self.texts, checkin)
        return None

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        return None

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        return {}


@dataclass(frozen=True)
class RecapPlan:
    """After the last day: the week in the user's own words and numbers."""

    library: Library
    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        series = self.library.series_by_id(profile.series) if profile.series else None
        if series is None or profile.series_day < len(series.days):
            return None
        return series_days.recap(self.texts, series, profile.round_checkins())

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        return None

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        return {"series": None, "series_day": 0}  # the week is over; its check-ins stay


def calibration_send(profile: Profile, checkin_date: date) -> NextSend | None:
    """When to ask how yesterday's followed nudge turned out: midday the next day."""
    zone = profile.tz
    if zone is None:
        return None
    occ = occurrence_on(checkin_date + timedelta(days=1), CALIBRATION_AT, zone)
    return NextSend(CALIBRATION, to_ms(occ.at), occ.local_date.isoformat())


Plan = MorningPlan | FollowUpPlan | LaterPlan | SeriesEveningPlan | CalibrationPlan | RecapPlan


def all_plans(library: Library, texts: Texts) -> dict[str, Plan]:
    return {
        MORNING: MorningPlan(library, texts),
        FOLLOW_UP: FollowUpPlan(texts),
        LATER: LaterPlan(library, texts),
        SERIES_EVENING: SeriesEveningPlan(library, texts),
        CALIBRATION: CalibrationPlan(texts),
        RECAP: RecapPlan(library, texts),
    }
