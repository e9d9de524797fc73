"""Pure message rendering: content and state in, text and buttons out (no Telegram)."""

from __future__ import annotations

import html
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content import Practice
from bot.texts import Texts


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    data: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message to send: HTML text and rows of inline buttons."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default=())


def esc(text: str) -> str:
    """Escape user text for Telegram HTML (every echo of user input goes through here)."""
    return html.escape(text, quote=False)


def practice_for(user_id: int, seq: int, practices: Sequence[Practice]) -> Practice:
    """The user's ``seq``-th practice: a per-user shuffle, no repeat until all were seen."""
    if not practices:
        raise ValueError("no practices loaded")
    cycle, index = divmod(seq, len(practices))
    order = sorted(practices, key=lambda p: p.id)
    random.Random(f"{user_id}:{cycle}").shuffle(order)
    return order[index]


def prompt(texts: Texts, practice: Practice) -> Outgoing:
    """The morning message of one practice."""
    body = texts.prompt.format(
        title=esc(practice.title), text=practice.text, follow_up=practice.follow_up
    )
    return Outgoing(body)


def when_phrase(texts: Texts, at: datetime, zone: ZoneInfo, now: datetime) -> str:
    """ "today", "tomorrow" or "on Tuesday", from the user's point of view."""
    day = at.astimezone(zone).date()
    today = now.astimezone(zone).date()
    if day == today:
        return texts.when_today
    if day == today + timedelta(days=1):
        return texts.when_tomorrow
    return texts.when_on.format(weekday=day.strftime("%A"))


def hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def local_date_of(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date()
