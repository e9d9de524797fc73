"""Pure message rendering: content and state in, text and buttons out (no Telegram)."""

from __future__ import annotations

import html
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
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
    """Steps that visit all ``n`` positions, from the middle of the range: consecutive days
    land a quarter to three quarters of the list apart, so in different themes."""
    steps = tuple(s for s in range(max(2, n // 4), max(3, 3 * n // 4 + 1)) if gcd(s, n) == 1)
    return steps or (1,)


def prompt(texts: Texts, practice: Practice, local_date: date) -> Outgoing:
    """The morning message of one practice, with its buttons."""
    body = texts.prompt.format(
        title=esc(practice.title), text=practice.text, follow_up=practice.follow_up
    )
    return Outgoing(body, prompt_buttons(texts, practice, local_date))


def prompt_buttons(
    texts: Texts, practice: Practice, local_date: date
) -> tuple[tuple[Button, ...], ...]:
    day = local_date.isoformat()
    return (
        (Button(texts.btn_done, f"d:{day}"), Button(texts.btn_later, f"l:{day}")),
        (Button(texts.btn_skip, f"s:{day}"), Button(texts.btn_why, f"w:{practice.id}")),
    )


def later_buttons(texts: Texts, local_date: date) -> tuple[tuple[Button, ...], ...]:
    day = local_date.isoformat()
    return (
        (Button(texts.btn_later_30, f"l30:{day}"), Button(texts.btn_later_120, f"l120:{day}")),
        (Button(texts.btn_later_evening, f"lev:{day}"), Button(texts.btn_back, f"lb:{day}")),
    )


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
"""Characters of a win shown in /wins; the whole text is in /export."""


def wins_page(texts: Texts, wins: Sequence[Win], page: int, pages: int) -> Outgoing:
    """One page of wins, newest first, each exactly as the user wrote it (escaped)."""
    if not wins:
        return Outgoing(texts.wins_empty)
    lines = [texts.wins_title, ""]
    for win in wins:
        shown = win.text if len(win.text) <= WIN_PREVIEW else win.text[:WIN_PREVIEW] + "…"
        lines.append(texts.wins_line.format(date=win.local_date.isoformat(), text=esc(shown)))
    if pages > 1:
        lines += ["", texts.wins_page.format(page=page + 1, pages=pages)]
    nav: list[Button] = []
    if page > 0:
        nav.append(Button(texts.btn_newer, f"wp:{page - 1}"))
    if page + 1 < pages:
        nav.append(Button(texts.btn_older, f"wp:{page + 1}"))
    return Outgoing("\n".join(lines), (tuple(nav),) if nav else ())


def export_json(profile: Profile, wins: Sequence[Win], practised: set[date]) -> str:
    data = {
        "user_id": profile.user_id,
        "settings": _settings(profile),
        "days_practised": sorted(d.isoformat() for d in practised),
        "intuition_check_ins": {
            key: {
                "day": c.day,
                "date": c.local_date.isoformat(),
                "answer": c.answer,
                "confidence": c.confidence,
                "note": c.note,
                "outcome": c.outcome,
            }
            for key, c in sorted(profile.checkins.items())
        },
        "wins": [
            {
                "id": w.win_id,
                "date": w.local_date.isoformat(),
                "text": w.text,
                "logged_at": datetime.fromtimestamp(w.at_ms / 1000, UTC).isoformat(),
                "edited": w.edited,
            }
            for w in wins
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _settings(profile: Profile) -> dict[str, str | None]:
    """What the user set, as they would say it."""
    return {
        "time zone": profile.zone,
        "morning practice": hhmm(profile.morning) if profile.morning else None,
        "gentle reminder": f"{profile.followup_h} h after" if profile.followup_h else "off",
        "quiet hours": f"{hhmm(profile.quiet_from)}-{hhmm(profile.quiet_to)}",
        "paused until": profile.paused_until.isoformat() if profile.paused_until else None,
    }


def export_markdown(profile: Profile, wins: Sequence[Win], practised: set[date]) -> str:
    lines = ["# Tend: everything kept about you", "", "## Settings", ""]
    lines += [f"- {k}: {v}" for k, v in _settings(profile).items()]
    lines += ["", f"## Days practised ({len(practised)})", ""]
    lines += [f"- {d.isoformat()}" for d in sorted(practised)]
    if profile.checkins:
        lines += ["", "## Intuition check-ins", ""]
        lines += [
            f"- {c.local_date.isoformat()} (day {c.day}): {c.answer}"
            + (f", {c.confidence}/5 sure" if c.confidence else "")
            + (f", turned out {c.outcome}" if c.outcome else "")
            + (f": {c.note}" if c.note else "")
            for _, c in sorted(profile.checkins.items())
        ]
    lines += ["", f"## Small wins ({len(wins)})", ""]
    lines += [f"- **{w.local_date.isoformat()}**: {w.text}" for w in wins]
    return "\n".join(lines) + "\n"


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
