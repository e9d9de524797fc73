"""Issue 14 end to end: crisis words on every path get the help and are never a win;
ordinary idiom stays a win; a hard feeling is met gently; an ambiguous message costs a tap.

A real bot process with HELPLINE_TEXT set, the stand-in, a real Redis, a pinned clock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from bot.store import Store
from tests.harness import BotProcess, bot_env, onboard, run_bot, say
from tests.test_e2e_conversation import until_prompt
from tests.test_e2e_listening import tap
from tests.test_e2e_series import join, press, step

pytestmark = pytest.mark.e2e
OPERATOR = "Our community line: 0800 000 000"
CRISIS = "I don't want to be here anymore"
HELP = "glad you told me"


@pytest.fixture
async def caring_bot(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> AsyncIterator[BotProcess]:
    await store.pin_clock(datetime(2026, 6, 10, 4, 30, tzinfo=UTC), datetime.now(UTC))
    env = bot_env(emulator, redis_url, tmp_path, {"TIME_TRAVEL": "1", "HELPLINE_TEXT": OPERATOR})
    yield await run_bot(emulator, processes, env, tmp_path / "bot.log")
    assert emulator.violations == [], emulator.violations


async def helped(emulator: BotApiEmulator, user: int, act: object = None) -> str:
    """The crisis reply the bot sends after the user's last action."""
    since = emulator.cursor()
    if callable(act):
        act()
    reply = await emulator.wait_for_bot_message(
        user, since=since, predicate=lambda m: HELP in (m.text or "")
    )
    text = reply.text or ""
    assert OPERATOR in text and "keep writing" in text
    return text


async def wins_of(emulator: BotApiEmulator, user: int) -> str:
    return await say(emulator, user, "/wins", "")


async def test_crisis_words_at_each_onboarding_question_get_help_not_a_win(
    emulator: BotApiEmulator, store: Store, caring_bot: BotProcess
) -> None:
    user = 901
    await say(emulator, user, "/start", "Where are you")
    await helped(emulator, user, lambda: emulator.user_sends(user, "I want to end it all"))
    await say(emulator, user, "Europe/Berlin", "when would you like")  # the question stands
    await helped(emulator, user, lambda: emulator.user_sends(user, CRISIS))
    await say(emulator, user, "07:00", "your time")
    assert "Nothing logged yet" in await wins_of(emulator, user)


async def test_crisis_as_a_note_an_edit_and_a_reply_to_the_practice(
    emulator: BotApiEmulator, store: Store, caring_bot: BotProcess
) -> None:
    user = 902
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    # A reply to the morning practice.
    prompt = await until_prompt(emulator, store, user)
    await helped(
        emulator,
        user,
        lambda: emulator.user_sends(user, CRISIS, reply_to_message_id=prompt.message_id),
    )
    # An edit of a win into crisis words: help, and the win is gone.
    since = emulator.cursor()
    win = emulator.user_sends(user, "watered the plants")
    await emulator.wait_for_bot_message(user, since=since)
    await helped(emulator, user, lambda: emulator.user_edits(user, win.message_id, CRISIS))
    listed = await wins_of(emulator, user)
    assert "watered the plants" not in listed and CRISIS not in listed
    # As the note after a check-in.
    await join(emulator, user)
    while True:
        since = emulator.cursor()
        _, slot = await step(emulator, store, [user])
        if slot == "s_pm":
            break
    checkin = await emulator.wait_for_bot_message(
        user, since=since, predicate=lambda m: "check-in" in (m.text or "")
    )
    await press(emulator, user, checkin, "ic:1:f", "How sure")
    await press(emulator, user, checkin, "icc:1:4", "few words")
    await helped(emulator, user, lambda: emulator.user_sends(user, "I want to kill myself"))
    profile = await store.get_profile(user)
    assert profile is not None and profile.round_checkins()[1].note is None
    assert "kill" not in await wins_of(emulator, user)


async def test_idiom_is_a_win_a_hard_feeling_is_met_gently_and_unsure_costs_a_tap(
    emulator: BotApiEmulator, store: Store, caring_bot: BotProcess
) -> None:
    user = 903
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    for words in ("killing it at work today", "dead tired but I went", "cut myself some slack"):
        reply = await say(emulator, user, words)
        assert HELP not in reply and "Are you okay" not in reply
    listed = await wins_of(emulator, user)
    assert all(w in listed for w in ("killing it", "dead tired", "cut myself some slack"))
    gentle = await say(emulator, user, "rough day, I feel really low and lonely")
    assert "win" not in gentle.lower() and "✨" not in gentle and "!" not in gentle
    # An ambiguous message: a question and two taps' worth of choice; kept, never a win.
    asked = await say(emulator, user, "honestly what's the point of anything", "Are you okay")
    assert "Are you okay" in asked
    message = emulator.bot_messages(user)[-1]
    ok = next(d for d in message.callback_data() if d.startswith("cr:ok"))
    await tap(emulator, user, ok, "kept")
    listed = await wins_of(emulator, user)
    assert "what's the point" in listed and "💭" in listed
