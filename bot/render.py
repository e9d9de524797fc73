"""Pure message rendering: content and state in, text and buttons out (no Telegram)."""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from math import gcd
from zoneinfo import ZoneInfo

from bot.content import Practice
from bot.models import Profile, Win
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


GENTLE_START = 3
"""A new user's first three practices come from the gentle themes: someone arriving on a hard
day meets a minute of kindness before being asked to look back at anything."""


def practice_for(
    user_id: int, seq: int, practices: Sequence[Practice], *, gentle: bool = False
) -> Practice:
    """The user's ``seq``-th practice: no repeat until every one was seen.

    Each (user, cycle) walks the practices in its own order, ``(start + step * i) mod n`` with a
    ``step`` coprime to ``n``: a permutation, computed in O(1) on the send path. Practices are
    ordered by id (ids start with their theme), so a step larger than one mixes the themes.

    The first cycle begins with ``GENTLE_START`` gentle practices: each is swapped with the
    position it held in that cycle, so the cycle is still a permutation. With ``gentle=True``
    the answer is the ``seq``-th of the user's own walk through the gentle practices only
    (never one that recalls pain), whatever the usual order holds for that day.
    """
    n = len(practices)
    if n == 0:
        raise ValueError("no practices loaded")
    pool = _gentle_pool(practices)
    if gentle:
        return practices[pool[_walk(user_id, seq, len(pool), "gentle")]]
    cycle, index = divmod(seq, n)
    if cycle > 0 or len(pool) == n:
        return practices[_walk(user_id, seq, n)]
    start = min(GENTLE_START, len(pool))
    if index < start:
        return practices[pool[_walk(user_id, index, len(pool), "gentle")]]
    # Undo the swaps: which position of the usual order ended up at ``index``?
    at = {k: k for k in range(start)}  # position -> original position, only where changed
    for k in range(start):
        wanted = _position(user_id, 0, n, pool[_walk(user_id, k, len(pool), "gentle")])
        here = next((p for p, orig in at.items() if orig == wanted), wanted)
        at[k], at[here] = at.get(here, here), at[k]
    return practices[_walk(user_id, at.get(index, index), n)]


def _order(user_id: int, cycle: int, n: int, salt: str) -> tuple[int, int]:
    """(step, start) of one user's walk through ``n`` items in one cycle."""
    seed = zlib.crc32(f"{user_id}:{cycle}{salt}".encode())
    steps = _coprime_steps(n)
    return steps[seed % len(steps)], (seed // len(steps)) % n


def _walk(user_id: int, seq: int, n: int, salt: str = "") -> int:
    """Position of the user's ``seq``-th item among ``n`` (``salt`` gives another order)."""
    cycle, index = divmod(seq, n)
    step, start = _order(user_id, cycle, n, f":{salt}" if salt else "")
    return (start + step * index) % n


def _position(user_id: int, cycle: int, n: int, item: int) -> int:
    """Inverse of ``_walk`` within a cycle: when does ``item`` come in the usual order?"""
    step, start = _order(user_id, cycle, n, "")
    return ((item - start) * pow(step, -1, n)) % n


_POOLS: dict[int, tuple[Sequence[Practice], tuple[int, ...]]] = {}


def _gentle_pool(practices: Sequence[Practice]) -> tuple[int, ...]:
    """Positions of the gentle practices (else of those that recall no pain; else all).

    Computed once per loaded library: kept by identity beside the sequence itself, so the send
    path stays O(1)."""
    cached = _POOLS.get(id(practices))
    if cached is not None and cached[0] is practices:
        return cached[1]
    pool = tuple(i for i, p in enumerate(practices) if p.gentle and not p.recalls_pain)
    pool = pool or tuple(i for i, p in enumerate(practices) if not p.recalls_pain)
    pool = pool or tuple(range(len(practices)))
    if isinstance(practices, tuple):
        if len(_POOLS) > 16:
            _POOLS.clear()
        _POOLS[id(practices)] = (practices, pool)
    return pool


@cache
def _coprime_steps(n: int) -> tuple[int, ...]:
    """Steps that visit all ``n`` positions, from the middle of the range: consecutive days
    land a quarter to three quarters of the list apart, so in different themes."""
    steps = tuple(s for s in range(max(2, n // 4), max(3, 3 * n // 4 + 1)) if gcd(s, n) == 1)
    return steps or (1,)


def prompt(texts: Texts, practice: Practice, local_date: date) -> Outgoing:
    """The morning message of one practice, with its buttons."""
    text = f"{practice.text}\n\n{texts.care_line}" if practice.recalls_pain else practice.text
    body = texts.prompt.format(title=esc(practice.title), text=text, follow_up=practice.follow_up)
    return Outgoing(body, prompt_buttons(texts, practice, local_date))


def prompt_buttons(
    texts: Texts, practice: Practice, local_date: date
) -> tuple[tuple[Button, ...], ...]:
    day = local_date.isoformat()
    return (
        (Button(texts.btn_done, f"d:{day}"), Button(texts.btn_later, f"l:{day}")),
        (Button(texts.btn_skip, f"s:{day}"), Button(texts.btn_why, f"w:{practice.id}")),
    )


EVENING = time(19, 0)
"""What "this evening" means for Later; from then on the menu offers shorter waits instead."""


def later_buttons(
    texts: Texts, local_date: date, local_time: time
) -> tuple[tuple[Button, ...], ...]:
    """The Later menu at the user's ``local_time``: "this evening" only while it is still ahead."""
    day = local_date.isoformat()
    if local_time >= EVENING:
        return (
            (Button(texts.btn_later_30, f"l30:{day}"), Button(texts.btn_later_60, f"l60:{day}")),
            (Button(texts.btn_back, f"lb:{day}"),),
        )
    return (
        (Button(texts.btn_later_30, f"l30:{day}"), Button(texts.btn_later_120, f"l120:{day}")),
        (Button(texts.btn_later_evening, f"lev:{day}"), Button(texts.btn_back, f"lb:{day}")),
    )


LATER_KINDS = ("l30", "l60", "l120", "lev")


def later_choice(texts: Texts, kind: str, now: datetime, zone: ZoneInfo) -> tuple[datetime, str]:
    """When a Later choice brings the practice back, and the words that say so truthfully.

    "This evening" asked for once the evening has begun (a typed ``/later evening``, an old
    menu) comes back in an hour and says so, never at an hour past midnight."""
    if kind == "l30":
        return now + timedelta(minutes=30), texts.later_when_minutes.format(minutes=30)
    if kind == "l60":
        return now + timedelta(hours=1), texts.later_when_hour
    if kind == "l120":
        return now + timedelta(hours=2), texts.later_when_hours.format(hours=2)
    local = now.astimezone(zone)
    evening = datetime.combine(local.date(), EVENING, tzinfo=zone)
    if evening > now:
        return evening, texts.later_when_evening.format(time=hhmm(EVENING))
    return now + timedelta(hours=1), texts.later_when_evening_passed


def why_this(texts: Texts, practice: Practice) -> str:
    title = texts.essay_titles.get(practice.source.essay, practice.source.essay)
    return texts.why_this.format(essay=esc(title), quote=esc(practice.source.quote))


TIME_CHOICES = tuple(time(h, m) for h in range(6, 10) for m in (0, 30))


def time_grid(prefix: str) -> tuple[tuple[Button, ...], ...]:
    """Morning times, four to a row; ``prefix`` says what the choice is for."""
    buttons = [Button(hhmm(t), f"{prefix}:{hhmm(t)}") for t in TIME_CHOICES]
    return tuple(tuple(buttons[i : i + 4]) for i in range(0, len(buttons), 4))


def progress_line(
    texts: Texts, profile: Profile, practised: set[date], wins: int, today: date
) -> str:
    """ "Practised on 5 of your last 7 days": rest days are skipped, never counted as missed."""
    if profile.is_paused:
        return texts.progress_paused
    rest = profile.rest_days()
    days: list[date] = []
    day = today
    while len(days) < 7 and (today - day).days < 366:
        if day not in rest:
            days.append(day)
        day -= timedelta(days=1)
    done = sum(1 for d in days if d in practised)
    return texts.progress.format(days=done, wins=texts.wins_count(wins))


WIN_PREVIEW = 600
"""Characters of a win shown in /wins at most; the whole text is in /export."""
TEXT_UTF16_MAX = 4096
"""Telegram's limit for a message, counted in UTF-16 code units after entity parsing (an
emoji outside the BMP is two, ``&lt;`` one, a tag none)."""
_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def visible_len(html_text: str) -> int:
    """What Telegram counts of an HTML message: its text without tags, entities decoded."""
    return utf16_len(html.unescape(_TAG.sub("", html_text)))


def cut_utf16(text: str, units: int) -> str:
    """The longest prefix of ``text`` within ``units`` (never half a surrogate pair)."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return text[:index]
    return text


def shares(lengths: Sequence[int], budget: int) -> list[int]:
    """Split ``budget`` over items wanting ``lengths``: short ones get all they want, the
    rest share what is left equally (water-filling), so the page is as full as it can be."""
    out = [0] * len(lengths)
    left = max(0, budget)
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    for done, index in enumerate(order):
        fair = left // (len(order) - done)
        out[index] = min(lengths[index], fair)
        left -= out[index]
    return out


def wins_page(texts: Texts, wins: Sequence[Win], page: int, pages: int) -> Outgoing:
    """One page of wins, newest first, each as the user wrote it (escaped), shortened only
    as much as needed for the page to fit Telegram's 4,096 UTF-16 units."""
    if not wins:
        return Outgoing(texts.wins_empty)
    head = [texts.wins_title, ""]
    tail = ["", texts.wins_page.format(page=page + 1, pages=pages)] if pages > 1 else []

    def render(shown: Sequence[str]) -> str:
        lines = [
            texts.wins_line.format(
                date=w.local_date.isoformat(),
                mark=texts.mark_reflection if w.is_reflection else texts.mark_win,
                text=esc(text),
            )
            for w, text in zip(wins, shown, strict=True)
        ]
        return "\n".join([*head, *lines, *tail])

    overhead = visible_len(render(["" for _ in wins]))
    wanted = [min(utf16_len(w.text), WIN_PREVIEW) for w in wins]
    allowed = shares(wanted, TEXT_UTF16_MAX - overhead)
    shown = [
        w.text if utf16_len(w.text) <= room else cut_utf16(w.text, max(0, room - 1)) + "…"
        for w, room in zip(wins, allowed, strict=True)
    ]
    nav: list[Button] = []
    if page > 0:
        nav.append(Button(texts.btn_newer, f"wp:{page - 1}"))
    if page + 1 < pages:
        nav.append(Button(texts.btn_older, f"wp:{page + 1}"))
    return Outgoing(render(shown), (tuple(nav),) if nav else ())


def day_phrase(texts: Texts, day: date, today: date) -> str:
    """A date as a person says it: "today", "tomorrow", "on Friday" within the week ahead,
    else "on Friday 11 December" (and the year only when it is not this one)."""
    if day == today:
        return texts.when_today
    if day == today + timedelta(days=1):
        return texts.when_tomorrow
    if today < day < today + timedelta(days=7):
        return texts.when_on.format(weekday=day.strftime("%A"))
    return texts.when_on.format(weekday=long_date(day, today))


def long_date(day: date, today: date) -> str:
    """ "Friday 11 December", with the year when it is not ``today``'s."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def short_date(day: date, today: date) -> str:
    """ "Tue 24 Nov" for lists of days, with the year when it is not ``today``'s."""
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


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
