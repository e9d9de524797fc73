"""The crisis, /sos and unsure replies: what they contain, and their button data."""

from __future__ import annotations

import pytest

from bot.care import care_data, crisis_reply, parse_care, sos_reply, unsure_reply
from bot.helplines import helplines_for
from tests.test_dispatch import TEXTS
from tests.test_helplines import TABLE

DEFAULT = "You can find free, confidential helplines in your country at https://findahelpline.com"


def test_the_crisis_reply_offers_more_than_a_number() -> None:
    lines = helplines_for(TABLE, "Europe/Berlin", "de")
    text = crisis_reply(TEXTS, lines, "Our community line: 0123 <24/7>").text
    assert "glad you told me" in text
    assert "<b>TelefonSeelsorge</b>: call 0800 111 0 111" in text  # the country's line
    assert "Our community line: 0123 &lt;24/7&gt;" in text  # the operator's, escaped
    assert "emergency number" in text
    assert "One thing you can do right now: breathe in slowly" in text  # grounding
    assert "one person you trust" in text
    assert text.rstrip().endswith("I'm here. You can keep writing to me.")
    assert "win" not in text.lower()


def test_the_grounding_step_varies_with_the_seed() -> None:
    lines = helplines_for(TABLE, None, None)
    steps = {crisis_reply(TEXTS, lines, DEFAULT, seed).text for seed in range(8)}
    assert len(steps) == len(TEXTS.care_grounding)


def test_the_directory_is_not_repeated_when_the_operator_text_already_names_it() -> None:
    text = crisis_reply(TEXTS, helplines_for(TABLE, None, "en"), DEFAULT).text
    assert text.count("findahelpline.com") == 1
    other = crisis_reply(TEXTS, helplines_for(TABLE, None, "en"), "Call our line 555").text
    assert "<b>Find A Helpline</b>: https://findahelpline.com" in other
    assert "Call our line 555" in other


def test_a_line_with_phone_and_text_shows_both() -> None:
    text = sos_reply(TEXTS, helplines_for(TABLE, "America/Chicago", None), DEFAULT).text
    assert "call 988, text 988, https://988lifeline.org (call or text, 24/7)" in text
    assert text.startswith(TEXTS.care_sos_opening)


def test_the_unsure_question_has_two_answers() -> None:
    out = unsure_reply(TEXTS, ref="4711")
    assert out.text == "That sounded heavy. Are you okay right now?"
    assert [(b.text, b.data) for row in out.buttons for b in row] == [
        ("I'm not okay", "cr:no:4711"),
        ("I'm okay, keep my note", "cr:ok:4711"),
    ]
    assert [b.data for row in unsure_reply(TEXTS).buttons for b in row] == ["cr:no", "cr:ok"]


@pytest.mark.parametrize(
    ("argument", "parsed"),
    [("no", ("no", "")), ("ok:4711", ("ok", "4711")), ("maybe", None), ("", None)],
)
def test_parse_care(argument: str, parsed: tuple[str, str] | None) -> None:
    assert parse_care(argument) == parsed


def test_care_data_refuses_what_telegram_would() -> None:
    with pytest.raises(ValueError, match="too long or malformed"):
        care_data("ok", "x" * 64)
    with pytest.raises(ValueError, match="too long or malformed"):
        care_data("ok", "a:b")
