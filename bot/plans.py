"""What each scheduled slot says and when it comes next (pure; used by the dispatcher)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.content import Library
from bot.models import Profile
from bot.render import Outgoing, practice_for, prompt
from bot.store import Claim, NextSend
from bot.texts import Texts
from scheduler.schedule import from_ms, next_occurrence, to_ms

MORNING = "morning"


def next_morning(profile: Profile, after: datetime) -> NextSend | None:
    """The user's next morning practice strictly after ``after``; ``None`` when none is due."""
    zone = profile.tz
    if zone is None or profile.morning is None or profile.paused_forever or not profile.active:
        return None
    occ = next_occurrence(zone, profile.morning, after, resume_on=profile.paused_until)
    return NextSend(MORNING, to_ms(occ.at), occ.local_date.isoformat())


@dataclass(frozen=True)
class MorningPlan:
    """The daily practice."""

    library: Library
    texts: Texts

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        if not profile.is_set_up:
            return None
        practice = practice_for(profile.user_id, profile.practice_seq, self.library.practices)
        return prompt(self.texts, practice)

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        return next_morning(profile, max(now, from_ms(claim.due_ms)))

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, str]:
        practice = practice_for(profile.user_id, profile.practice_seq, self.library.practices)
        return {
            "practice_seq": str(profile.practice_seq + 1),
            "last_prompt_msg": str(message_id),
            "last_prompt_date": claim.local_date,
            "last_practice": practice.id,
        }


__all__ = ["MORNING", "MorningPlan", "next_morning", "to_ms"]
