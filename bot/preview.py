"""What a new user would receive over the coming days (pure: for content authors)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.content import Library
from bot.render import practice_for, prompt
from bot.texts import Texts

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
