"""The daily conversation end to end: a bot process, the stand-in, a real Redis, time travel."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot import keys
from bot.emulator import BotApiEmulator, ChatMessage
from bot.plans import FOLLOW_UP, MORNING
from bot.store import Store
from scheduler.schedule import from_ms
from tests.harness import BotProcess, say, travel, wait_for_passes

pytestmark = pytest.mark.e2e
BERLIN = ZoneInfo("Europe/Berlin")


async def bot_now(store: Store) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=await store.clock_offset_s())


async def set_up(emulator: BotApiEmulator, store: Store, user_id: int) -> datetime:
    """Onboard by text alone with a morning time a few minutes ahead; returns when it is due."""
    await say(emulator, user_id, "/start", "welcome to Tend")
    await say(emulator, user_id, "/timezone Europe/Berlin", "when would you like")
    local = (await bot_now(store)).astimezone(BERLIN) + timedelta(minutes=3)
    reply = await say(emulator, user_id, f"/time {local:%H:%M}", "your time")
    assert f"at {local:%H:%M} your time" in reply
    due = await store.next_due(user_id, MORNING)
    assert due is not None
    return from_ms(due)


async def until_prompt(emulator: BotApiEmulator, store: Store, user_id: int) -> ChatMessage:
    """Travel to the user's next morning and return the practice that arrives."""
    pending_follow_up = await store.next_due(user_id, FOLLOW_UP)
    if pending_follow_up is not None:  # the morning comes after the day's follow-up
        await travel(store, (from_ms(pending_follow_up) - await bot_now(store)).total_seconds() + 1)
    due = await store.next_due(user_id, MORNING)
    assert due is not None
    since = emulator.cursor()
    await travel(store, (from_ms(due) - await bot_now(store)).total_seconds() + 1)
    return await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: (m.text or "").startswith("🌱")
    )


async def press(
    emulator: BotApiEmulator,
    user_id: int,
    message: ChatMessage,
    prefix: str,
    expect: str | None = None,
) -> str:
    """Press the button whose data starts with ``prefix``; returns the next bot message."""
    data = next(
        d
        for d in emulator.message(user_id, message.message_id).callback_data()
        if d.startswith(prefix)
    )
    since = emulator.cursor()
    emulator.user_presses(user_id, message.message_id, data)
    reply = await emulator.wait_for_bot_message(
        user_id,
        since=since,
        predicate=None if expect is None else lambda m: expect in (m.text or ""),
    )
    return reply.text or ""


async def test_text_only_user_gets_the_prompt_and_sees_their_exact_win(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await set_up(emulator, store, 501)
    prompt = await until_prompt(emulator, store, 501)
    assert prompt.callback_data()[:2] == [d for d in prompt.callback_data() if d[0] in "dl"][:2]
    win = "I said no to a meeting <b>&</b> felt fine"
    ack = await say(emulator, 501, win, "of your last 7 days")
    assert "Practised on 1 of your last 7 days" in ack
    wins = await say(emulator, 501, "/wins", "Your small wins")
    assert win in wins
    source = emulator.bot_messages(501)[-1].source_text or ""
    assert "I said no to a meeting &lt;b&gt;&amp;&lt;/b&gt; felt fine" in source


async def test_every_prompt_button_does_what_it_says(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await set_up(emulator, store, 502)
    prompt = await until_prompt(emulator, store, 502)

    why = await press(emulator, 502, prompt, "w:", "comes from")
    practice_title = (prompt.text or "").splitlines()[0].removeprefix("🌱 ")
    assert practice_title and why

    await press(emulator, 502, prompt, "l:")  # opens the choices in place
    assert any(
        d.startswith("l30:") for d in emulator.message(502, prompt.message_id).callback_data()
    )
    assert "in 30 minutes" in await press(emulator, 502, prompt, "l30:", "bring it back")
    since = emulator.cursor()
    await travel(store, 29 * 60)
    assert not [
        m
        for m in emulator.bot_messages(502)
        if m.message_id > prompt.message_id and "Here it is again" in (m.text or "")
    ]
    await travel(store, 60 + 1)
    again = await emulator.wait_for_bot_message(
        502, since=since, predicate=lambda m: "Here it is again" in (m.text or "")
    )
    assert practice_title in (again.text or "")
    done = await press(emulator, 502, again, "d:", "promise kept")
    assert "Practised on 1 of your last 7 days" in done

    # The next morning: Skip today means no gentle follow-up that day.
    tomorrow = await until_prompt(emulator, store, 502)
    assert "No worries" in await press(emulator, 502, tomorrow, "s:", "No worries")
    follow_up = await store.next_due(502, FOLLOW_UP)
    assert follow_up is not None
    since = emulator.cursor()
    await travel(store, (from_ms(follow_up) - await bot_now(store)).total_seconds() + 1)
    await wait_for_passes(store, 2)
    assert [
        m.text
        for m in emulator.bot_messages(502)
        if m.message_id > tomorrow.message_id and "gentle nudge" in (m.text or "")
    ] == []

    # Quiet hours off (the test's mornings are late evenings in Berlin), in /settings.
    since = emulator.cursor()
    emulator.user_sends(502, "/settings")
    panel = await emulator.wait_for_bot_message(502, since=since)
    assert "Quiet hours: 22:00–07:00" in (panel.text or "")
    await press(emulator, 502, panel, "st:q", "hold back the gentle reminder")
    updated = await press(emulator, 502, panel, "st:qq:00:00", "Your settings")
    assert "Quiet hours: Off" in updated
    assert emulator.message(502, panel.message_id).text == updated  # edited in place

    # The morning after, no answer at all: exactly one gentle follow-up.
    third = await until_prompt(emulator, store, 502)
    follow_up = await store.next_due(502, FOLLOW_UP)
    assert follow_up is not None
    await travel(store, (from_ms(follow_up) - await bot_now(store)).total_seconds() + 1)
    nudge = await emulator.wait_for_bot_message(
        502, since=since, predicate=lambda m: "gentle nudge" in (m.text or "")
    )
    assert nudge.message_id > third.message_id
    await travel(store, 3600)
    nudges = [m for m in emulator.bot_messages(502) if "gentle nudge" in (m.text or "")]
    assert len(nudges) == 1

    # Undo removes a win.
    ack_text = await say(emulator, 502, "Asked for help", "of your last 7 days")
    ack = emulator.bot_messages(502)[-1]
    assert ack.text == ack_text
    assert "Removed" in await press(emulator, 502, ack, "u:", "Removed")
    assert "Asked for help" not in await say(emulator, 502, "/wins")


async def test_editing_a_message_edits_the_win(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await set_up(emulator, store, 503)
    since = emulator.cursor()
    sent = emulator.user_sends(503, "Went for a walk")
    await emulator.wait_for_bot_message(503, since=since)
    since = emulator.cursor()
    emulator.user_edits(503, sent.message_id, "Went for a long walk 🌳")
    await emulator.wait_for_bot_message(
        503, since=since, predicate=lambda m: "Updated" in (m.text or "")
    )
    wins = await say(emulator, 503, "/wins", "Your small wins")
    assert "Went for a long walk 🌳" in wins
    assert "Went for a walk\n" not in wins + "\n"


async def test_forget_leaves_no_key_holding_the_user_and_export_has_nothing(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user_id = 734_512_009
    await set_up(emulator, store, user_id)
    await say(emulator, user_id, "Drank a glass of water first thing", "of your last 7 days")
    since = emulator.cursor()
    emulator.user_sends(user_id, "/export")
    document = await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: m.document is not None
    )
    assert document.document is not None
    exported = json.loads(document.document[1])
    assert exported["wins"][0]["text"] == "Drank a glass of water first thing"

    await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: (m.document or ("", b""))[0].endswith(".md")
    )
    for choice, outcome in (("fg:no", "Nothing was deleted"), ("fg:yes", "Everything is deleted")):
        since = emulator.cursor()
        emulator.user_sends(user_id, "/forget")
        confirm = await emulator.wait_for_bot_message(
            user_id, since=since, predicate=lambda m: "can't be undone" in (m.text or "")
        )
        await press(emulator, user_id, confirm, choice, outcome)
        assert outcome in (emulator.message(user_id, confirm.message_id).text or "")
    await wait_for_passes(store, 2)
    assert await mentions(store, str(user_id)) == []
    assert "don't keep anything" in await say(emulator, user_id, "/export")


async def mentions(store: Store, needle: str) -> list[str]:
    """Every key whose name, members or value hold ``needle``."""
    found: list[str] = []
    async for raw in store.redis.scan_iter(match="*"):
        key = raw if isinstance(raw, str) else raw.decode()
        kind = await store.redis.type(key)
        if kind == "zset":
            values = [str(m) for m in await store.redis.zrange(key, 0, -1)]
        elif kind == "hash":
            values = [f"{k!s}={v!s}" for k, v in (await store.redis.hgetall(key)).items()]
        elif kind == "set":
            values = [str(m) for m in await store.redis.smembers(key)]
        else:
            values = [str(await store.redis.get(key) or "")]
        found += [f"{key}: {v}" for v in [key, *values] if needle in v]
    return found


async def test_a_user_who_blocks_gets_nothing_and_comes_back_with_their_settings(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    due = await set_up(emulator, store, 504)
    since = emulator.cursor()
    emulator.user_blocks(504)
    await wait_for_passes(store, 2)
    profile = await store.get_profile(504)
    assert profile is not None and not profile.active
    assert await store.next_due(504, MORNING) is None
    await travel(store, (due - await bot_now(store)).total_seconds() + 60)
    assert [
        m
        for m in emulator.bot_messages(504)
        if m.message_id > 0 and emulator.cursor() and (m.text or "").startswith("🌱")
    ] == []
    assert since  # nothing was sent after the block
    emulator.user_unblocks(504)
    back = await say(emulator, 504, "/start", "Welcome back")
    assert f"at {due.astimezone(BERLIN):%H:%M}" in back
    assert await store.next_due(504, MORNING) is not None


HOSTILE = [
    "<b>",
    "</a>",
    "&amp;",
    "a < b > c & d",
    "_*[]()~`>#+-=|{}.!",
    "x" * 4096,
    "🌱💛🙂" * 50,
    "zero\u200bwidth\u200d",
    "\u202eשלום עולם",
    "مرحبا بالعالم",
    "/foo",
    "/time 25:99",
    "/timezone Mars/Olympus",
    "/pause abc",
    "/pause 0",
    "/time",
    "/wins extra args",
    "<script>alert(1)</script>",
    "&#0;",
    "\\",
    "   ",
]


async def test_hostile_input_gets_answers_telegram_accepts(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await set_up(emulator, store, 505)
    for text in HOSTILE:
        reply = await say(emulator, 505, text)
        assert reply, text
    wins = await say(emulator, 505, "/wins", "Your small wins")
    assert "&lt;script&gt;" in (emulator.bot_messages(505)[-1].source_text or "")
    assert len(wins) <= 4096
    assert emulator.stats["violations"] == 0
    assert keys.user(505)


async def test_every_button_has_a_typed_twin(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await set_up(emulator, store, 506)
    await until_prompt(emulator, store, 506)
    assert "bring it back in 30 minutes" in await say(emulator, 506, "/later 30m", "bring it back")
    assert "When shall I" in await say(emulator, 506, "/later tomorrow-ish", "When shall I")
    assert "promise kept" in await say(emulator, 506, "/done", "promise kept")
    assert "No worries" in await say(emulator, 506, "/skip", "No worries")
    assert "2 h after the practice" in await say(emulator, 506, "/reminder 2", "Your settings")
    assert "Gentle reminder: off" in await say(emulator, 506, "/reminder off", "Your settings")
    assert "/reminder 3" in await say(emulator, 506, "/reminder 9", "reminder")
    assert "Quiet hours: 23:00–06:30" in await say(emulator, 506, "/quiet 23:00-06:30", "Your")
    assert "Quiet hours: Off" in await say(emulator, 506, "/quiet off", "Your settings")
    assert "/quiet 22:00-07:00" in await say(emulator, 506, "/quiet later", "Quiet hours")
