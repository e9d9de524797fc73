"""The bot's own words: acknowledgements that fit, numbers that read naturally, texts that say
what really happens."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.content import ContentError, load_library
from bot.flood import QUIET_S
from bot.models import CheckIn
from bot.plans import CALIBRATION_AT
from bot.render import hhmm
from bot.series import nudges_line, recap
from bot.settings import default_content_dir
from bot.texts import load_texts
from tests.test_dispatch import TEXTS


def test_a_user_meets_every_acknowledgement_within_as_many_wins() -> None:
    for user_id in (1, 2, 12345):
        for acks, pick in (
            (TEXTS.win_acks, TEXTS.ack),
            (TEXTS.reflection_acks, TEXTS.ack_reflection),
            (TEXTS.hard_acks, TEXTS.ack_hard),
        ):
            seen = [pick(n, user_id) for n in range(len(acks))]
            assert sorted(seen) == sorted(acks)  # each once, none twice in a row
            assert pick(len(acks), user_id) == seen[0]  # and round again


def test_users_start_their_rotation_in_different_places() -> None:
    assert len({TEXTS.ack(0, user_id) for user_id in range(40)}) == len(TEXTS.win_acks)


def test_a_reflection_is_thanked_and_kept_never_called_a_win() -> None:
    assert len(TEXTS.reflection_acks) >= 4
    for text in TEXTS.reflection_acks:
        assert not re.search(r"\bwins?\b", text, re.IGNORECASE)
        assert re.search(r"kept|keep|written", text, re.IGNORECASE)


def test_a_hard_feeling_is_met_gently_never_celebrated() -> None:
    assert len(TEXTS.hard_acks) >= 4
    for text in TEXTS.hard_acks:
        assert not re.search(r"\bwins?\b|!|✨|🎉|🌟|⭐", text, re.IGNORECASE)
        assert "kept" in text


def _texts_with(tmp_path: Path, key: str, line: str) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(default_content_dir(), copy)
    path = copy / "texts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{key}:\n", f"{key}:\n  - {line}\n", 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("hard_acks", "Well done for saying it 🎉"),
        ("hard_acks", "That's a win, in a way."),
        ("reflection_acks", "A real win. Kept."),
    ],
)
def test_texts_that_would_celebrate_pain_are_refused(tmp_path: Path, key: str, line: str) -> None:
    with pytest.raises(ContentError, match=key):
        load_texts(_texts_with(tmp_path, key, line))


def test_counts_read_naturally() -> None:
    assert [TEXTS.times(n) for n in (1, 2, 3, 11)] == ["once", "twice", "3 times", "11 times"]
    assert nudges_line(TEXTS, 1, 1) == "You noticed a nudge once and followed it once."
    assert nudges_line(TEXTS, 3, 2) == "You noticed a nudge 3 times and followed it twice."
    assert "0" not in nudges_line(TEXTS, 2, 0) and "0" not in nudges_line(TEXTS, 0, 0)


def test_the_recap_never_says_1_times() -> None:
    series = load_library(default_content_dir()).series[0]
    one = {1: CheckIn(1, date(2026, 11, 24), "followed", 5, None, "good")}
    text = recap(TEXTS, series, one).text
    assert "When you felt 4 or 5 sure, you followed a nudge once, and it went well once." in text
    assert not re.search(r"\b1 times\b|\b0 times\b", text)
    bad = {1: CheckIn(1, date(2026, 11, 24), "followed", 2, None, "bad")}
    assert "it didn't clearly go well" in recap(TEXTS, series, bad).text


def test_joining_the_week_says_what_happens() -> None:
    joined = TEXTS.series_joined
    assert "in place of your daily practice" in joined
    assert "that same evening" in joined
    assert hhmm(CALIBRATION_AT) in joined  # the look-back the next day, at its real time
    assert "{time}" in joined


def test_quiet_hours_say_they_hold_back_only_the_reminder() -> None:
    for text in (TEXTS.ask_quiet, TEXTS.quiet_usage):
        assert "never send" not in text
        assert "gentle reminder" in text and "morning practice still comes" in text


def test_the_flood_notice_says_what_happened_to_the_extra_messages() -> None:
    assert "safe" not in TEXTS.flood_notice
    assert "can't read" in TEXTS.flood_notice and "send it again" in TEXTS.flood_notice
    assert QUIET_S == 30 and "next half minute" in TEXTS.flood_notice
