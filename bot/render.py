"""Pure message rendering: content and state in, text and buttons out (no Telegram)."""

from __future__ import annotations

import html
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from math import gcd
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
    """The user's ``seq``-th practice: no repeat until every one was seen.

    Each (user, cycle) walks the practices in its own order, ``(start + step * i) mod n`` with a
    ``step`` coprime to ``n``: a permutation, computed in O(1) on the send path. Practices are
    ordered by id (ids start with their theme), so a step larger than one mixes the themes.
    """
    n = len(practices)
    if n == 0:
        raise ValueError("no practices loaded")
    cycle, index = divmod(seq, n)
    seed = zlib.crc32(f"{user_id}:{cycle}".encode())
    steps = _coprime_steps(n)
    step = steps[seed % len(steps)]
    start = (seed // len(steps)) % n
    return practices[(start + step * index) % n]


@cache
def _coprime_steps(n: int) -> tuple[int, ...]:
    """Steps that visit all ``n`` positions; larger than 1 where ``n`` allows, to mix themes."""
    steps = tuple(s for s in range(2, n) if gcd(s, n) == 1)
    return steps or (1,)


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
