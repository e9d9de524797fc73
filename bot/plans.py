"""What each scheduled slot says and when it comes next (pure; used by the dispatcher).

The morning practice and its one gentle follow-up form a chain: a morning schedules the
follow-up (when the user wants one), and the follow-up, sent or not, schedules the next
morning. "Later" is a one-off re-send of the day's practice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.content import Library
from bot.models import Profile
from bot.render import Outgoing, practice_for, prompt
from bot.store import Claim, NextSend
from bot.texts import Texts
from scheduler.schedule import from_ms, next_occurrence, to_ms

MORNING = "morning"
FOLLOW_UP = "followup"
LATER = "later"
SLOTS = (MORNING, FOLLOW_UP, LATER)
"""Every slot a user can have in the schedule (what /forget and /pause clear)."""


def next_morning(profile: Profile, after: datetime) -> NextSend | None:
    """The user's next morning practice strictly after ``after``; ``None`` when none is due."""
    zone = profile.tz
    if zone is None or profile.morning is None or profile.paused_forever or not profile.active:
        return None
    occ = next_occurrence(zone, profile.morning, after, resume_on=profile.paused_until)
    return NextSend(MORNING, to_ms(occ.at), occ.local_date.isoformat())


def _day(claim: Claim) -> date:
    return date.fromisoformat(claim.local_date)


@dataclass(frozen=True)
class MorningPlan:
    """The daily practice."""

    library: Library
    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        if not profile.is_set_up:
            return None
        practice = practice_for(profile.user_id, profile.practice_seq, self.library.practices)
        return prompt(self.texts, practice, _day(claim))

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        due = from_ms(claim.due_ms)
        if profile.followup_h > 0 and now - due < timedelta(hours=profile.followup_h):
            at = due + timedelta(hours=profile.followup_h)
            return NextSend(FOLLOW_UP, to_ms(at), claim.local_date)
        return next_morning(profile, max(now, due))

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, str]:
        practice = practice_for(profile.user_id, profile.practice_seq, self.library.practices)
        return {
            "practice_seq": str(profile.practice_seq + 1),
            "last_prompt_msg": str(message_id),
            "last_prompt_date": claim.local_date,
            "last_practice": practice.id,
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

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, str]:
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

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, str]:
        return {"last_prompt_msg": str(message_id)}


def all_plans(library: Library, texts: Texts) -> dict[str, MorningPlan | FollowUpPlan | LaterPlan]:
    return {
        MORNING: MorningPlan(library, texts),
        FOLLOW_UP: FollowUpPlan(texts),
        LATER: LaterPlan(library, texts),
    }
