"""Pure rendering: exports hold everything kept; progress freezes over rest; wins are escaped."""

from __future__ import annotations

import json
from datetime import date

from bot.models import CheckIn, Profile, Win
from bot.render import export_json, export_markdown, progress_line, wins_page
from tests.test_dispatch import TEXTS

CHECKIN = CheckIn(3, date(2026, 11, 25), "followed", 4, "took the quiet road", "good")


def test_export_holds_settings_days_wins_and_series_check_ins() -> None:
    profile = Profile(9, zone="UTC", checkins={"1:3": CHECKIN})
    wins = [Win("5", "said <no>", 1, date(2026, 11, 24))]
    data = json.loads(export_json(profile, wins, {date(2026, 11, 24)}))
    assert data["settings"]["time zone"] == "UTC"
    assert data["days_practised"] == ["2026-11-24"]
    assert data["wins"][0]["text"] == "said <no>"
    assert data["intuition_check_ins"]["1:3"]["note"] == "took the quiet road"
    markdown = export_markdown(profile, wins, set())
    assert "4/5 sure, turned out good: took the quiet road" in markdown


def test_progress_counts_only_days_that_were_not_rest() -> None:
    today = date(2026, 11, 30)
    practised = {date(2026, 11, 30), date(2026, 11, 20), date(2026, 11, 19)}
    resting_before = Profile(1, pauses="2026-11-21..2026-11-29")
    line = progress_line(TEXTS, resting_before, practised, 3, today)
    assert "Practised on 3 of your last 7 days" in line  # nine rest days skipped, not missed
    assert "3 small wins logged" in line
    assert progress_line(TEXTS, Profile(1, paused_forever=True), practised, 3, today) == (
        TEXTS.progress_paused
    )


def test_wins_are_escaped_and_long_ones_shortened_in_the_list() -> None:
    wins = [Win("1", "<b>&</b>" + "x" * 700, 1, date(2026, 11, 24))]
    page = wins_page(TEXTS, wins, 0, 1)
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in page.text
    assert page.text.endswith("…")
    assert len(page.text) < 1000
