"""Issue 13 end to end: after a question is answered, what people write is theirs again.

A real bot process, the stand-in and a real Redis, on a travelling clock pinned to fixed
instants (tests/conftest.py), so nothing here depends on the hour the suite runs at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator, ChatMessage
from bot.plans import MORNING, SERIES_EVENING
from bot.settings import Settings
from bot.store import Store
from bot.vault import build_vault
from tests.harness import BotProcess, onboard, say
from tests.test_e2e_conversation import until_prompt
from tests.test_e2e_series import join, next_event, press, step

pytestmark = pytest.mark.e2e
SHORT_WINS = ("ran 5k", "9:15", "ok", "Drank water")


async def tap(emulator: BotApiEmulator, user_id: int, data: str, expect: str) -> ChatMessage:
    """Press the button ``data`` on the newest bot message that carries it."""
    message = next(m for m in reversed(emulator.bot_messages(user_id)) if data in m.callback_data())
    since = emulator.cursor()
    emulator.user_presses(user_id, message.message_id, data)
    return await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: expect in (m.text or "")
    )


async def onboard_by_taps(emulator: BotApiEmulator, user_id: int) -> None:
    """/start, a city from the keyboard (a reply keyboard sends its label), a time button."""
    await say(emulator, user_id, "/start", "Where are you")
    await say(emulator, user_id, "Berlin", "when would you like")
    await tap(emulator, user_id, "tm:07:00", "your time")


@pytest.mark.parametrize("by", ["text", "taps"])
@pytest.mark.clock("2026-06-10T21:50:00+00:00")  # 23:50 in Berlin: late, and the day turns
async def test_after_onboarding_short_texts_and_times_are_wins(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess, by: str
) -> None:
    user = 801
    if by == "text":
        await onboard(emulator, user, "Europe/Berlin", "07:00")
    else:
        await onboard_by_taps(emulator, user)
    for words in SHORT_WINS:
        reply = await say(emulator, user, words)
        assert "hours and minutes" not in reply and "time zone" not in reply
    wins = await say(emulator, user, "/wins", "Your small wins")
    for words in SHORT_WINS:
        assert words in wins
    settings = await say(emulator, user, "/settings", "Your settings")
    assert "Morning practice: 07:00" in settings


async def test_a_mistyped_answer_is_asked_again_and_a_win_in_between_is_kept(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user = 802
    await say(emulator, user, "/start", "Where are you")
    await say(emulator, user, "Berln", "find")  # meant as a place: a hint, not a win
    since = emulator.cursor()
    emulator.user_sends(user, "ran 5k this morning")  # not an answer: kept, and asked again
    await emulator.wait_for_bot_message(
        user, since=since, predicate=lambda m: "time zone" in (m.text or "").lower()
    )
    await say(emulator, user, "Europe/Berlin", "when would you like")
    await say(emulator, user, "/time 07:30", "your time")
    assert "ran 5k this morning" in await say(emulator, user, "/wins", "Your small wins")


@pytest.mark.clock("2026-06-10T05:30:00+00:00")  # 07:30 in Berlin, after the morning
async def test_each_check_in_note_is_kept_once_and_later_words_are_wins(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess, tmp_path: Path
) -> None:
    user = 803
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    await say(emulator, user, "/reminder off", "Your settings")
    await join(emulator, user)
    notes = {1: "took the quiet road", 2: "called my sister back"}
    for day, note in notes.items():
        while True:
            since = emulator.cursor()
            _, slot = await step(emulator, store, [user])
            if slot == SERIES_EVENING:
                break
        checkin = await emulator.wait_for_bot_message(
            user, since=since, predicate=lambda m: "check-in" in (m.text or "")
        )
        await press(emulator, user, checkin, f"ic:{day}:f", "How sure")
        await press(emulator, user, checkin, f"icc:{day}:4", "few words")
        assert "Kept with" in await say(emulator, user, note)
        for extra in (f"day {day}: watered the plants", f"day {day}: slept early"):
            assert "Kept with" not in await say(emulator, user, extra)
    # The notes are sealed under the bot's own keyring (its DATA_DIR): read them with it.
    vault = build_vault(Settings.model_validate({"DATA_DIR": str(tmp_path)}))
    bots_store = Store(store.redis, vault)
    profile = await bots_store.get_profile(user)
    await vault.close()
    assert profile is not None
    assert {d: c.note for d, c in profile.round_checkins().items()} == notes
    wins = await say(emulator, user, "/wins", "Your small wins")
    for day in notes:
        assert f"day {day}: watered the plants" in wins and f"day {day}: slept early" in wins
    assert all(note not in wins for note in notes.values())


@pytest.mark.clock("2026-06-10T12:48:00+00:00")
async def test_leaving_the_week_brings_back_the_daily_practice(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user = 804
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    await join(emulator, user)
    await say(emulator, user, "/intuition", "of 7")
    panel = emulator.bot_messages(user)[-1]
    await press(emulator, user, panel, "il:", "You've left the week")
    assert "Want to join?" in await say(emulator, user, "/intuition", "A week of listening")
    event = await next_event(store, [user])
    assert event is not None and event[1] == MORNING
    morning = await until_prompt(emulator, store, user)
    assert "🧭" not in (morning.text or "")
    assert await store.next_due(user, SERIES_EVENING) is None


@pytest.mark.clock("2026-06-10T04:30:00+00:00")  # 06:30 in Berlin, before the morning
async def test_an_answer_to_the_practice_is_a_reflection_and_one_tap_makes_it_a_win(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user = 805
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    prompt = await until_prompt(emulator, store, user)
    since = emulator.cursor()
    emulator.user_sends(user, "Patience, mostly", reply_to_message_id=prompt.message_id)
    thanks = await emulator.wait_for_bot_message(user, since=since)
    assert "win" not in (thanks.text or "").lower()
    assert [d for d in thanks.callback_data() if d.startswith("k:")] == [
        f"k:{thanks.message_id - 1}:w"
    ]
    listed = await say(emulator, user, "/wins", "Your small wins")
    assert "💭" in listed and "Patience, mostly" in listed
    await tap(emulator, user, f"k:{thanks.message_id - 1}:w", "Counted as a small win")
    assert "🌱" in await say(emulator, user, "/wins", "Your small wins")
    # the answer, now a win, and this one: reflections are not counted as wins, wins are
    assert "2 small wins" in await say(emulator, user, "a short walk", "of your last 7 days")
