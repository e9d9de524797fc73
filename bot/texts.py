"""The bot's own words, loaded from content/texts.yaml into a typed model."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.content import ContentError, ContentProblem, html_problem, locate, read_yaml, validate

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "welcome_back": ("next_line",),
    "timezone_set": ("zone", "local_time", "offset"),
    "all_set": ("when", "time"),
    "when_on": ("weekday",),
    "next_line_scheduled": ("when", "time"),
    "prompt": ("title", "text", "follow_up"),
    "later_set": ("when",),
    "later_when_minutes": ("minutes",),
    "later_when_hours": ("hours",),
    "later_when_evening": ("time",),
    "done_ok": ("progress",),
    "why_this": ("essay", "quote"),
    "win_too_long": ("limit",),
    "progress": ("days", "wins"),
    "wins_many": ("n",),
    "wins_line": ("date", "text"),
    "wins_page": ("page", "pages"),
    "btn_delete_win": ("n", "date"),
    "paused_days": ("date",),
    "resumed": ("next_line",),
    "not_paused": ("next_line",),
    "settings": ("time", "zone", "local_time", "followup", "quiet", "paused"),
    "settings_followup_after": ("hours",),
    "settings_paused": ("date",),
    "safety": ("helpline",),
    "admin_stats": ("scheduled", "backlog", "loops", "sent", "updates", "errors", "held"),
    "series_invite": ("intro",),
    "series_joined": ("time",),
    "series_status": ("day", "days", "paused", "time"),
    "series_resumed": ("day",),
    "series_morning": ("day", "days", "title", "text"),
    "series_evening": ("day", "evening"),
    "btn_join": ("time",),
    "calibration": ("confidence",),
    "recap": ("checked", "days", "noticed", "followed", "calibration", "notes"),
    "recap_calibration_high": ("good", "total"),
    "recap_calibration_low": ("good", "total"),
    "recap_notes": ("notes",),
}
"""The names the code passes to each text's ``str.format``; every other text gets none.

The one declaration both ``tend content check`` and the start-up check read, and which a
test holds to the call sites (tests/test_texts.py), so a misspelt ``{nextline}`` is refused
before it can crash a handler.
"""
PLAIN = frozenset({"zone_choices", "share_location", "essay_titles"})
"""Texts that are not parsed as HTML: button labels (and every ``btn_*``), escaped titles."""


class Texts(BaseModel):
    """One field per message; a missing or unknown key is refused at start with its line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    welcome: str
    welcome_back: str
    help: str
    ask_timezone: str
    share_location: str
    zone_choices: tuple[str, ...] = Field(min_length=1)
    location_not_found: str
    timezone_set: str
    timezone_usage: str
    ask_time: str
    time_usage: str
    time_needs_zone: str
    all_set: str
    when_today: str
    when_tomorrow: str
    when_on: str
    next_line_scheduled: str
    next_line_unscheduled: str
    prompt: str
    prompt_again: str
    btn_done: str
    btn_later: str
    btn_skip: str
    btn_why: str
    btn_later_30: str
    btn_later_120: str
    btn_later_evening: str
    btn_back: str
    later_set: str
    later_when_minutes: str
    later_when_hours: str
    later_when_evening: str
    later_usage: str
    reminder_usage: str
    quiet_usage: str
    skip_ok: str
    done_ok: str
    why_this: str
    essay_titles: dict[str, str]
    follow_up_nudge: str
    win_acks: tuple[str, ...] = Field(min_length=1)
    btn_undo: str
    win_undone: str
    win_edited: str
    win_too_long: str
    win_empty: str
    progress: str
    wins_none: str
    wins_one: str
    wins_many: str
    progress_paused: str
    wins_title: str
    wins_line: str
    wins_empty: str
    wins_page: str
    btn_newer: str
    btn_older: str
    btn_delete_win: str
    practice_none: str
    pause_usage: str
    paused_days: str
    paused_forever: str
    resumed: str
    not_paused: str
    settings: str
    settings_followup_off: str
    settings_followup_after: str
    settings_paused: str
    settings_paused_forever: str
    settings_active: str
    btn_set_time: str
    btn_set_zone: str
    btn_set_followup: str
    btn_set_quiet: str
    btn_pause: str
    btn_resume: str
    btn_close: str
    ask_followup: str
    ask_quiet: str
    btn_off: str
    closed: str
    unset: str
    export_caption: str
    export_nothing: str
    forget_confirm: str
    btn_forget_yes: str
    btn_forget_no: str
    forget_done: str
    forget_kept: str
    privacy: str
    safety: str
    stale_button: str
    flood_notice: str
    admin_stats: str
    win_held: str
    redis_down: str
    onboarding_time_first: str
    unknown_command: str
    private_only: str
    error_apology: str

    series_invite: str
    series_joined: str
    series_needs_setup: str
    series_status: str
    series_status_paused: str
    series_paused: str
    series_resumed: str
    series_left: str
    series_morning: str
    series_evening: str
    btn_join: str
    btn_series_pause: str
    btn_series_resume: str
    btn_series_leave: str
    btn_followed: str
    btn_noticed: str
    btn_not_noticed: str
    series_ask_confidence: str
    series_ask_note: str
    series_not_noticed: str
    series_note_saved: str
    calibration: str
    btn_good: str
    btn_mixed: str
    btn_not_well: str
    calibration_thanks: str
    recap: str
    recap_calibration_high: str
    recap_calibration_low: str
    recap_calibration_none: str
    recap_notes: str
    btn_restart: str

    def wins_count(self, n: int) -> str:
        if n == 0:
            return self.wins_none
        return self.wins_one if n == 1 else self.wins_many.format(n=n)

    def ack(self, seed: int) -> str:
        """A varied acknowledgement for a logged win."""
        return self.win_acks[seed % len(self.win_acks)]


def load_texts(content_dir: Path) -> Texts:
    """The texts, refused with every problem (file, line, field) when any would misbehave."""
    path = content_dir / "texts.yaml"
    problems: list[ContentProblem] = []
    loaded = read_yaml(path, problems)
    texts = None
    if loaded is not None:
        data, node = loaded
        texts = validate(path, data, node, Texts, problems)
        for loc, text in _strings(data):
            line, field = locate(node, loc)
            problems += [ContentProblem(path, line, field, p) for p in text_problems(loc, text)]
    if problems or texts is None:
        raise ContentError(problems)
    return texts


def text_problems(loc: tuple[str | int, ...], text: str) -> list[str]:
    """What is wrong with one text: placeholders the code does not fill, or HTML Telegram
    would refuse (checked with the placeholders left in, as they are plain text)."""
    key = str(loc[0])
    allowed = PLACEHOLDERS.get(key, ())
    out = []
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        names = []
        out.append(f"a lone brace ({exc}); write {{{{ and }}}} for literal braces")
    for name in dict.fromkeys(names):
        if name not in allowed:
            known = ", ".join(f"{{{n}}}" for n in allowed) or "none"
            out.append(f"unknown placeholder {{{name}}} (the bot fills in: {known})")
    if key not in PLAIN and not key.startswith("btn_"):
        problem = html_problem(text)
        if problem is not None:
            out.append(problem)
    return out


def _strings(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in texts.yaml with where it is: (key,), (key, index) or (key, name)."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if isinstance(value, str):
            yield (str(key),), value
        elif isinstance(value, list):
            yield from (((str(key), i), v) for i, v in enumerate(value) if isinstance(v, str))
        elif isinstance(value, dict):
            yield from (((str(key), str(k)), v) for k, v in value.items() if isinstance(v, str))
