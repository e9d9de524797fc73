"""Pure rendering: progress freezes over rest; wins are escaped and pages fit Telegram;
a new user starts gently; Later and dates say what is true."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.content import Practice, Source, load_library
from bot.emulator.validate import parse_formatted, utf16_len
from bot.models import Profile, Win
from bot.render import (
    GENTLE_START,
    cut_utf16,
    day_phrase,
    later_buttons,
    later_choice,
    long_date,
    practice_for,
    progress_line,
    prompt,
    shares,
    short_date,
    wins_page,
)
from bot.settings import default_content_dir
from tests.test_dispatch import TEXTS


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


def _practice(theme: str, number: int, *, gentle: bool = False, pain: bool = False) -> Practice:
    return Practice(
        id=f"{theme}-{number:02d}",
        title="A practice",
        text="Something to do for a minute, kindly and slowly.",
        follow_up="How was it?",
        recalls_pain=pain,
        theme=theme,
        gentle=gentle,
        source=Source(essay="essay.txt", quote="a quote of twenty characters"),
    )


# Four gentle practices (a-*) and six others (b-*), two of which recall pain.
PRACTICES = tuple(
    sorted(
        [_practice("a", i, gentle=True) for i in range(4)]
        + [_practice("b", i, pain=i % 3 == 0) for i in range(6)],
        key=lambda p: p.id,
    )
)


def _ids(user_id: int, seqs: range, *, gentle: bool = False) -> list[str]:
    return [practice_for(user_id, s, PRACTICES, gentle=gentle).id for s in seqs]


def test_a_new_user_begins_with_gentle_practices_then_the_usual_order() -> None:
    assert GENTLE_START == 3
    # User 1's usual first cycle is a-02 b-01 b-04 a-01 b-00 b-03 a-00 a-03 b-02 b-05; the
    # gentle walk begins a-02 a-01 a-00. Each gentle pick swaps with the place it held, so
    # b-01 moves to a-01's place (3) and b-04 to a-00's (6); the rest stays where it was.
    assert _ids(1, range(10)) == [
        *("a-02", "a-01", "a-00", "b-01", "b-00", "b-03", "b-04", "a-03", "b-02", "b-05")
    ]
    assert _ids(2, range(10)) == [
        *("a-01", "a-00", "a-03", "b-01", "a-02", "b-05", "b-02", "b-04", "b-00", "b-03")
    ]


def test_the_gentle_start_keeps_every_cycle_a_permutation() -> None:
    for user_id in range(200):
        first = _ids(user_id, range(10))
        assert len(set(first)) == 10
        assert all(p.startswith("a-") for p in first[:GENTLE_START])
        assert len(set(_ids(user_id, range(10, 20)))) == 10


def test_a_gentle_practice_on_request_never_recalls_pain() -> None:
    # What comes after a hard message: the user's own walk through the gentle practices.
    assert _ids(1, range(8), gentle=True) == [
        *("a-02", "a-01", "a-00", "a-03", "a-00", "a-03", "a-02", "a-01")
    ]
    assert _ids(1, range(GENTLE_START), gentle=True) == _ids(1, range(GENTLE_START))
    # Without a gentle theme: anything that does not recall pain.
    plain = tuple(p.model_copy(update={"gentle": False}) for p in PRACTICES)
    picks = {practice_for(u, s, plain, gentle=True) for u in range(20) for s in range(10)}
    assert picks and not any(p.recalls_pain for p in picks)


def test_the_shipped_content_starts_gently() -> None:
    practices = load_library(default_content_dir()).practices
    for user_id in range(50):
        for seq in range(GENTLE_START):
            assert practice_for(user_id, seq, practices).gentle
        for seq in range(30):
            picked = practice_for(user_id, seq, practices, gentle=True)
            assert picked.gentle and not picked.recalls_pain


def test_a_practice_that_recalls_pain_carries_the_care_line() -> None:
    hurt, kind = _practice("b", 0, pain=True), _practice("a", 0, gentle=True)
    assert TEXTS.care_line in prompt(TEXTS, hurt, date(2026, 11, 30)).text
    assert TEXTS.care_line not in prompt(TEXTS, kind, date(2026, 11, 30)).text
    for needed in ("small", "heavy", "stop", "caution"):
        assert needed in TEXTS.care_line


BERLIN = ZoneInfo("Europe/Berlin")


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 30, hour, minute, tzinfo=BERLIN)


def test_this_evening_is_offered_only_while_it_is_ahead() -> None:
    day = date(2026, 11, 30)
    before = [b.data for row in later_buttons(TEXTS, day, time(18, 59)) for b in row]
    assert before == ["l30:2026-11-30", "l120:2026-11-30", "lev:2026-11-30", "lb:2026-11-30"]
    after = [b.data for row in later_buttons(TEXTS, day, time(19, 0)) for b in row]
    assert after == ["l30:2026-11-30", "l60:2026-11-30", "lb:2026-11-30"]


def test_later_says_when_it_comes_back_truthfully() -> None:
    assert later_choice(TEXTS, "lev", _at(14), BERLIN) == (_at(19), "this evening at 19:00")
    # Asked for "this evening" at 23:30 (typed, or an old menu): an hour, said as such.
    at, words = later_choice(TEXTS, "lev", _at(23, 30), BERLIN)
    assert at == _at(23, 30) + timedelta(hours=1)
    assert words == TEXTS.later_when_evening_passed and "evening" not in words.split(",")[0]
    assert later_choice(TEXTS, "l60", _at(21), BERLIN) == (_at(22), "in an hour")
    assert later_choice(TEXTS, "l120", _at(9), BERLIN) == (_at(11), "in 2 hours")
    assert later_choice(TEXTS, "l30", _at(9), BERLIN) == (_at(9, 30), "in 30 minutes")


def test_dates_read_naturally() -> None:
    today = date(2026, 11, 30)  # a Monday
    assert day_phrase(TEXTS, today, today) == "today"
    assert day_phrase(TEXTS, date(2026, 12, 1), today) == "tomorrow"
    assert day_phrase(TEXTS, date(2026, 12, 4), today) == "on Friday"
    assert day_phrase(TEXTS, date(2026, 12, 7), today) == "on Monday 7 December"
    assert day_phrase(TEXTS, date(2027, 1, 4), today) == "on Monday 4 January 2027"
    assert short_date(date(2026, 11, 24), today) == "Tue 24 Nov"
    assert long_date(date(2026, 12, 7), today) == "Monday 7 December"


@pytest.mark.parametrize(
    "text",
    ["👍" * 600, "说" * 600, "a" * 600, "<&>" * 200, ("👍🏽 说了 <b>x</b> & " * 60)[:600]],
)
def test_a_page_of_long_wins_never_passes_4096_utf16_units(text: str) -> None:
    wins = [Win(str(i), text, 1, date(2026, 11, 24)) for i in range(8)]
    page = wins_page(TEXTS, wins, 0, 2)
    parsed = parse_formatted(page.text, "HTML")  # the stand-in's own reading of the HTML
    assert utf16_len(parsed.text) <= 4096
    assert utf16_len(parsed.text) > 3800  # filled, not cut short


def test_short_wins_are_shown_whole_and_long_ones_share_what_is_left() -> None:
    assert shares([10, 500, 500], 600) == [10, 295, 295]
    assert shares([10, 20], 600) == [10, 20]
    assert cut_utf16("a👍b", 2) == "a"  # never half an emoji
    wins = [
        Win("1", "short & sweet", 1, date(2026, 11, 24)),
        Win("2", "x" * 600, 1, date(2026, 11, 24)),
    ]
    page = wins_page(TEXTS, wins, 0, 1)
    assert "short &amp; sweet" in page.text and "x" * 600 in page.text
