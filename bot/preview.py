"""What a user will receive over the coming days (pure: for content authors and the playground).

``preview_days`` is a new user's mornings; ``upcoming`` and ``user_days`` run one user's
schedule forward through the same plans the dispatcher uses, series included.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.content import Library
from bot.models import Profile
from bot.plans import (
    CALIBRATION,
    FOLLOW_UP,
    LATER,
    MORNING,
    RECAP,
    SERIES_EVENING,
    Plan,
)
from bot.render import Outgoing, practice_for, prompt
from bot.store import Claim, NextSend
from bot.texts import Texts
from scheduler.schedule import from_ms

PREVIEW_USER = 1
"""Previews follow one fixed user's order, so two previews of the same content agree."""


@dataclass(frozen=True, slots=True)
class PreviewDay:
    number: int
    date: date
    messages: tuple[str, ...]


def preview_days(library: Library, texts: Texts, days: int, now: datetime) -> list[PreviewDay]:
    """The morning messages of days 1..``days`` for a user who joins at ``now``."""
    start = now.date() + timedelta(days=1)
    out = []
    for index in range(days):
        practice = practice_for(PREVIEW_USER, index, library.practices)
        day = start + timedelta(days=index)
        out.append(PreviewDay(index + 1, day, (prompt(texts, practice, day).text,)))
    return out


SLOT_WORDS = {
    MORNING: "morning practice",
    FOLLOW_UP: "gentle reminder",
    LATER: "practice again",
    SERIES_EVENING: "evening check-in",
    CALIBRATION: "how yesterday's nudge went",
    RECAP: "the week's recap",
}
"""What each slot is, in the words the playground shows (never the slot's internal name)."""
LOOKAHEAD_STEPS = 200
"""Occurrences simulated at most per user: four a day for seven weeks."""


@dataclass(frozen=True, slots=True)
class Upcoming:
    """One scheduled occurrence and what it will send (``None``: it sends nothing)."""

    slot: str
    at: datetime
    local_date: date
    message: Outgoing | None

    @property
    def words(self) -> str:
        return SLOT_WORDS.get(self.slot, "message")


def upcoming(
    profile: Profile,
    pending: Sequence[NextSend],
    plans: Mapping[str, Plan],
    until: datetime,
) -> Iterator[Upcoming]:
    """What the dispatcher will do for this user until ``until`` if the user does nothing:
    the same plans, in due order, each occurrence composed on time, its profile updates
    applied and its successor scheduled, as ``scheduler.dispatch`` does."""
    queue = {n.slot: n for n in pending}
    message_id = 1 << 40  # a made-up id for on_sent: beyond any real message
    for _ in range(LOOKAHEAD_STEPS):
        if not queue:
            return
        nxt = min(queue.values(), key=lambda n: (n.at_ms, n.slot))
        at = from_ms(nxt.at_ms)
        if at > until:
            return
        del queue[nxt.slot]
        plan = plans.get(nxt.slot)
        if plan is None:
            continue
        claim = Claim(
            f"{profile.user_id}:{nxt.slot}:{nxt.local_date}",
            profile.user_id,
            nxt.slot,
            nxt.local_date,
            nxt.at_ms,
            False,
        )
        following = plan.next_send(profile, claim, at)
        message = plan.compose(profile, claim, at)
        yield Upcoming(nxt.slot, at, date.fromisoformat(nxt.local_date), message)
        if message is not None:
            profile = _updated(profile, plan.on_sent(profile, claim, message_id))
        if following is not None:
            queue[following.slot] = following


def user_days(
    profile: Profile,
    pending: Sequence[NextSend],
    plans: Mapping[str, Plan],
    days: int,
    now: datetime,
) -> list[PreviewDay]:
    """What this user receives from ``now``, day by day in their zone (today is day 1)."""
    zone = profile.tz
    if zone is None:
        return []
    start = now.astimezone(zone).date()
    by_day: dict[date, list[str]] = {start + timedelta(days=i): [] for i in range(days)}
    horizon = max(by_day) + timedelta(days=1)
    for event in upcoming(profile, pending, plans, now + timedelta(days=days + 1)):
        day = event.at.astimezone(zone).date()
        if event.message is not None and event.at >= now and day < horizon:
            by_day[day].append(event.message.text)
    return [
        PreviewDay(index + 1, day, tuple(texts))
        for index, (day, texts) in enumerate(sorted(by_day.items()))
    ]


def _updated(profile: Profile, changes: Mapping[str, object]) -> Profile:
    """``profile`` with a plan's ``on_sent`` changes made, as the store would."""
    return profile.with_(**changes) if changes else profile
