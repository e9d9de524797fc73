"""Bounded work per user (#15): one person's exports, long wins, presses or a full store never
slow or break anyone else. Real bot process, real Redis, the Bot API stand-in."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from bot import keys
from bot.emulator import BotApiEmulator
from bot.models import Profile, Win
from bot.store import Store
from tests.harness import BotProcess, bot_env, onboard, run_bot, say

pytestmark = [pytest.mark.reliability, pytest.mark.e2e]


async def seed_wins(store: Store, user_id: int, count: int, chars: int) -> None:
    """A user with ``count`` wins of ``chars`` characters each, written in bulk."""
    await store.create_profile(Profile(user_id, zone="UTC", morning=time(7, 0)))
    text = ("I kept a promise to myself today 🌱 说到做到. " * (chars // 40 + 1))[:chars]
    async with store.redis.pipeline(transaction=False) as pipe:
        for i in range(count):
            win = Win(str(i), f"{i} {text}", 1_764_000_000_000 + i, date(2026, 11, 1))
            pipe.zadd(keys.wins(user_id), {win.win_id: win.at_ms})
            pipe.hset(keys.win_text(user_id), win.win_id, win.to_json())
        await pipe.execute()


async def timed_help(emulator: BotApiEmulator, user_id: int) -> float:
    loop = asyncio.get_running_loop()
    began = loop.time()
    await say(emulator, user_id, "/help", "/practice", timeout_s=30)
    return loop.time() - began


async def test_forty_exports_of_5000_long_wins_do_not_slow_anyone_else(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    await seed_wins(store, 51, 5000, 1000)
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    await timed_help(emulator, 52)  # warm
    since = emulator.cursor()
    for _ in range(40):
        emulator.user_sends(51, "/export")
    waits = [await timed_help(emulator, 52)]
    await emulator.wait_for_call("sendDocument", since=since, timeout=60)
    waits.append(await timed_help(emulator, 52))  # while the documents go out
    await emulator.wait_until(
        lambda: len([m for m in emulator.bot_messages(51) if m.document]) >= 6, 120
    )
    docs = [m for m in emulator.bot_messages(51) if m.document]
    limited = [m for m in emulator.bot_messages(51) if "exports within an hour" in (m.text or "")]
    first = json.loads(docs[0].document[1]) if docs[0].document else {}
    sizes = [len(m.document[1]) for m in docs if m.document]
    print(
        f"\n40 x /export of 5,000 wins of 1,000 characters: {len(docs)} documents "
        f"(largest {max(sizes) / 1e6:.1f} MB), {len(limited)} told the hourly limit; "
        f"another user's /help answered in {', '.join(f'{w:.2f}' for w in waits)} s"
    )
    assert len(first["wins"]) == 5000
    assert len(docs) == 6 and len(limited) == 37
    assert max(waits) < 1.0
    assert emulator.violations == []


async def test_ten_600_character_wins_with_emoji_and_cjk_are_listed_without_a_refusal(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    await onboard(emulator, 61, "UTC", "07:00")
    pieces = ["👍" * 600, "说" * 600, ("👍🏽 说了 <b>&</b> " * 60)[:600], "ß" * 600, "🌱说" * 300]
    for i in range(10):
        await say(emulator, 61, pieces[i % len(pieces)], "of your last 7 days")
    reply = await say(emulator, 61, "/wins", "small wins")
    older = emulator.bot_messages(61)[-1]
    [page2] = [d for d in older.callback_data() if d.startswith("wp:")]
    emulator.user_presses(61, older.message_id, page2)
    await emulator.wait_until(lambda: bool(emulator.message(61, older.message_id).edited), 10)
    print(f"\nten 600-character wins: /wins answered ({len(reply)} characters shown), 0 refused")
    assert emulator.violations == []
    assert all(c.status == 200 for c in emulator.calls if c.method.startswith(("send", "edit")))


async def test_a_full_store_says_so_kindly_and_makes_room(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"WINS_MAX": "10"})
    await run_bot(emulator, processes, env, tmp_path / "b.log")
    await onboard(emulator, 71, "UTC", "07:00")
    for i in range(10):
        await say(emulator, 71, f"kept a promise, win number {i}", "of your last 7 days")
    full = await say(emulator, 71, "one more kept promise today", "as much as I can hold")
    assert "/export" in full
    message = emulator.bot_messages(71)[-1]
    since = emulator.cursor()
    emulator.user_presses(71, message.message_id, "wo:1")
    await emulator.wait_for_bot_message(
        71, since=since, predicate=lambda m: "oldest 1" in (m.text or "")
    )
    await say(emulator, 71, "room again for my words", "of your last 7 days")
    wins = await say(emulator, 71, "/wins", "small wins")
    assert "room again" in wins and "win number 0" not in wins.split("Page")[0]
    assert emulator.violations == []


async def test_button_presses_count_against_the_flood_limit(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    await onboard(emulator, 81, "UTC", "07:00")
    settings = await say(emulator, 81, "/settings", "")
    del settings
    message = emulator.bot_messages(81)[-1]
    data = next(d for d in message.callback_data() if d == "st:fu")
    since = emulator.cursor()
    for _ in range(300):
        emulator.user_presses(81, message.message_id, data, force=True)
    await say(emulator, 82, "/help", "/practice", timeout_s=30)
    await emulator.wait_until(
        lambda: any("a lot of messages" in (m.text or "") for m in emulator.bot_messages(81)), 30
    )
    edits = [c for c in emulator.calls[since:] if c.method == "editMessageText"]
    print(f"\n300 button presses at once: {len(edits)} edits")
    assert len(edits) <= 41


async def test_superscript_digits_get_the_usage_reply_not_an_apology(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    await onboard(emulator, 91, "UTC", "07:00")
    assert "/pause 3" in await say(emulator, 91, "/pause ²")
    assert "/reminder 3" in await say(emulator, 91, "/reminder ³h")
    assert "/pause 3" in await say(emulator, 91, "/pause ٣")
    privacy = await say(emulator, 91, "/privacy", "What I keep")
    assert "after 180 days of being blocked" in privacy and "check-in" in privacy


async def test_a_group_is_told_once_that_tend_talks_in_private(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    for text in ("/start", "/help", "/wins"):
        emulator.user_sends(93, text, chat_type="group")
    await say(emulator, 94, "/help", "/practice")  # handled after the group's three
    told = [m for m in emulator.bot_messages(-93) if "private" in (m.text or "")]
    assert len(told) == 1


async def test_people_who_blocked_the_bot_long_ago_are_deleted_and_readers_never(
    store: Store,
) -> None:
    from bot.plans import SLOTS
    from bot.retention import DAY_MS, sweep
    from tests.test_e2e_conversation import mentions

    day0 = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1000)
    for user_id in (1001, 1002, 1003):
        await store.create_profile(Profile(user_id, created_ms=day0, zone="UTC"))
        await store.add_win(user_id, Win("1", "mine", day0, date(2026, 1, 1)))
    reader = 1003  # reads every practice, never replies: active
    for user_id in (1001, 1002):
        profile = await store.get_profile(user_id)
        assert profile is not None
        await store.change(profile, active=False)
    await store.note_inactive(1001, day0, fresh=True)  # blocked (my_chat_member) on day 0
    assert await sweep(store, day0 + 10 * DAY_MS, 180, SLOTS) == []  # 1002 seen on day 10
    assert await sweep(store, day0 + 180 * DAY_MS, 180, SLOTS) == [1001]
    assert await sweep(store, day0 + 189 * DAY_MS, 180, SLOTS) == []
    assert await sweep(store, day0 + 190 * DAY_MS, 180, SLOTS) == [1002]
    assert await sweep(store, day0 + 5000 * DAY_MS, 180, SLOTS) == []
    assert await store.get_profile(reader) is not None
    assert await mentions(store, "1001") == [] and await mentions(store, "1002") == []


async def export_document(emulator: BotApiEmulator, user_id: int) -> bytes:
    """/export, and the JSON document it sends."""
    since = emulator.cursor()
    emulator.user_sends(user_id, "/export")
    message = await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: (m.document or ("", b""))[0].endswith(".json")
    )
    assert message.document is not None
    return message.document[1]


async def test_an_export_taken_back_by_import_loses_nothing_and_twice_changes_nothing(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "b.log")
    await onboard(emulator, 95, "Asia/Tokyo", "07:30")
    for text in ("Said no kindly <b>&</b> meant it", "走了一万步 👣 and felt it"):
        await say(emulator, 95, text, "of your last 7 days")
    await say(emulator, 95, "/reminder 2", "")
    await say(emulator, 95, "/quiet 23:00-06:00", "")
    exported = await export_document(emulator, 95)
    before = json.loads(exported)

    since = emulator.cursor()
    emulator.user_sends(95, "/forget")
    confirm = await emulator.wait_for_bot_message(
        95, since=since, predicate=lambda m: "can't be undone" in (m.text or "")
    )
    emulator.user_presses(95, confirm.message_id, "fg:yes")
    await emulator.wait_until(
        lambda: "deleted" in (emulator.message(95, confirm.message_id).text or ""), 10
    )

    for attempt in range(2):
        since = emulator.cursor()
        emulator.user_sends_document(95, "tend-export.json", exported)
        done = await emulator.wait_for_bot_message(
            95, since=since, predicate=lambda m: "Brought in" in (m.text or "")
        )
        assert (done.text or "").startswith(f"Brought in {2 if attempt == 0 else 0} new wins")
    after = json.loads(await export_document(emulator, 95))
    for part in (
        "settings",
        "rest",
        "intuition_week",
        "intuition_check_ins",
        "days_practised",
        "wins",
    ):
        assert after[part] == before[part], part
    wins = await say(emulator, 95, "/wins", "small wins")
    assert "走了一万步" in wins

    since = emulator.cursor()
    emulator.user_sends_document(96, "not-mine.json", exported)
    refused = await emulator.wait_for_bot_message(
        96, since=since, predicate=lambda m: "another Telegram account" in (m.text or "")
    )
    assert "another Telegram account" in (refused.text or "")
    since = emulator.cursor()
    emulator.user_sends_document(96, "junk.json", b'{"format": "tend-export", "version": 1}')
    junk = await emulator.wait_for_bot_message(
        96, since=since, predicate=lambda m: "couldn't read that" in (m.text or "")
    )
    assert "couldn't read that" in (junk.text or "")
    print(
        "\nexport -> /forget -> import -> export: settings, rest, wins and days equal; twice: 0 new"
    )
    assert emulator.violations == []


async def test_pause_resume_pause_exports_two_distinct_rests_with_their_real_dates(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    from tests.harness import travel

    await onboard(emulator, 97, "Europe/Lisbon", "07:00")  # the clock reads 2026-06-10 10:00
    await say(emulator, 97, "/pause 2", "Resting until")
    await travel(store, 24 * 3600)
    await say(emulator, 97, "/resume", "")
    await travel(store, 24 * 3600)
    await say(emulator, 97, "/pause 1", "Resting until")
    since = emulator.cursor()
    doc = json.loads(await export_document(emulator, 97))
    assert doc["rest"] == {
        "now": {"from": "2026-06-12", "until": "2026-06-13"},
        "past": [{"from": "2026-06-10", "to": "2026-06-10"}],
    }
    assert doc["exported_at"].startswith("2026-06-12T10:00")  # Lisbon's summer time
    md = await emulator.wait_for_bot_message(
        97, since=since, predicate=lambda m: (m.document or ("", b""))[0].endswith(".md")
    )
    assert md.document is not None
    text = md.document[1].decode()
    assert "Rested 2026-06-10 to 2026-06-10" in text
    assert "Resting now, since 2026-06-12, until 2026-06-13" in text
