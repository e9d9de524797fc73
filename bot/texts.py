"""The bot's own words, loaded from content/texts.yaml into a typed model."""

from __future__ import annotations

import re
import string
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
    "wins_line": ("date", "mark", "text"),
    "care_crisis": ("opening", "helplines", "grounding"),
    "care_helpline": ("name", "ways"),
    "care_call": ("phone",),
    "care_sms": ("sms",),
    "wins_page": ("page", "pages"),
    "btn_delete_win": ("n", "date"),
    "paused_days": ("date",),
    "resumed": ("next_line",),
    "not_paused": ("next_line",),
    "settings": ("time", "zone", "local_time", "followup", "quiet", "paused"),
    "settings_followup_after": ("hours",),
    "settings_paused": ("date",),
    "admin_stats": ("scheduled", "backlog", "loops", "sent", "updates", "errors", "held"),
    "series_invite": ("intro",),
    "series_joined": ("time",),
    "series_status": ("day", "days", "paused", "time"),
    "series_resumed": ("day",),
    "series_morning": ("day", "days", "title", "text"),
    "series_evening": ("day", "evening"),
    "btn_join": ("time",),
    "calibration": ("confidence",),
    "recap": ("checked", "days", "nudges", "calibration", "notes"),
    "recap_calibration_high": ("total", "went_well"),
    "recap_calibration_low": ("total", "went_well"),
    "times_many": ("n",),
    "recap_nudges": ("noticed", "followed"),
    "recap_nudges_not_followed": ("noticed",),
    "recap_went_well": ("good",),
    "recap_notes": ("notes",),
    # hardening
    "wins_full": ("count", "n"),
    "btn_delete_oldest": ("n",),
    "oldest_deleted": ("n",),
    "export_limit": ("limit",),
    "export_part_caption": ("part", "parts"),
    "privacy_retention": ("days",),
    "import_done": ("added", "skipped", "days", "checkins", "next_line"),
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

    # content care
    care_line: str
    btn_later_60: str
    later_when_hour: str
    later_when_evening_passed: str
    reflection_acks: tuple[str, ...] = Field(min_length=1)
    hard_acks: tuple[str, ...] = Field(min_length=1)
    mark_win: str
    mark_reflection: str
    btn_as_reflection: str
    btn_as_win: str
    moved_to_reflection: str
    moved_to_win: str
    times_once: str
    times_twice: str
    times_many: str
    recap_nudges: str
    recap_nudges_not_followed: str
    recap_nudges_none: str
    recap_went_well: str
    recap_went_well_none: str

    @field_validator("reflection_acks", "hard_acks")
    @classmethod
    def _never_a_win(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """A reflection is thanked and kept, a hard feeling met gently: neither is "a win"."""
        for text in value:
            if re.search(r"\bwins?\b", text, re.IGNORECASE):
                raise ValueError(f"says 'win': {text!r}")
        return value

    @field_validator("hard_acks")
    @classmethod
    def _never_celebrated(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for text in value:
            if _CELEBRATION.search(text):
                raise ValueError(f"celebrates a hard feeling: {text!r}")
        return value

    # hardening
    wins_full: str
    btn_delete_oldest: str
    oldest_deleted: str
    export_limit: str
    export_part_caption: str
    privacy_retention: str
    privacy_no_retention: str
    import_usage: str
    import_done: str
    import_unreadable: str
    import_other_user: str
    # care
    care_crisis_opening: str
    care_sos_opening: str
    care_crisis: str
    care_helpline: str
    care_call: str
    care_sms: str
    care_grounding: tuple[str, ...] = Field(min_length=1)
    care_unsure: str
    btn_care_not_okay: str
    btn_care_okay: str
    care_okay: str

    def wins_count(self, n: int) -> str:
        if n == 0:
            return self.wins_none
        return self.wins_one if n == 1 else self.wins_many.format(n=n)

    def ack(self, n: int, user_id: int = 0) -> str:
        """The acknowledgement of a user's ``n``-th win: consecutive wins walk through every
        one in turn (each user from their own starting point), so all are met within a few
        days of wins instead of the same two or three."""
        return _rotate(self.win_acks, n, user_id)

    def ack_reflection(self, n: int, user_id: int = 0) -> str:
        """The thanks for a user's ``n``-th reflection (an answer to a practice's question)."""
        return _rotate(self.reflection_acks, n, user_id)

    def ack_hard(self, n: int, user_id: int = 0) -> str:
        """The reply to a user's ``n``-th message about a hard feeling: gentle, never a cheer."""
        return _rotate(self.hard_acks, n, user_id)

    def times(self, n: int) -> str:
        """ "once", "twice", "3 times" (English needs words, not CLDR's one/other, for 1 and 2)."""
        if n == 1:
            return self.times_once
        if n == 2:
            return self.times_twice
        return self.times_many.format(n=n)


_CELEBRATION = re.compile(
    "[\U0001f389\U0001f38a\u2728\U0001f31f\u2b50\U0001f973\U0001f44f\U0001f64c\U0001f3c6]"
    r"|\b(congrat\w*|yay|hooray|amazing|awesome|well done|great job|beautiful)\b|!",
    re.IGNORECASE,
)
"""Confetti, sparkles, stars, party faces, applause, trophies and cheering words: none of them
belong in a reply to someone who said they are having a hard time."""


def _rotate(options: tuple[str, ...], n: int, user_id: int) -> str:
    return options[(zlib.crc32(str(user_id).encode()) + n) % len(options)]


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
