"""Faults and hostile input: real processes, real Redis, the stand-in. Each prints its counts.

Run on its own with ``pytest -m reliability -s``; figures go to docs/RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.emulator import BotApiEmulator
from bot.plans import MORNING
from bot.redis_server import RedisServer
from bot.store import Store, connect
from tests.harness import BotProcess, bot_env, onboard, run_bot, say, started, wait_for_passes
from tests.test_dispatch import Clock, dispatcher, user
from tests.test_e2e_conversation import mentions
from tests.test_e2e_scheduler import per_chat, seed_due, wait_for_sends

pytestmark = [pytest.mark.reliability, pytest.mark.e2e]
OUTAGE_S = 30


@pytest.fixture
async def tg(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    bot = Bot("123:reliability", base_url=emulator.base_url)
    await bot.initialize()
    yield bot
    await bot.shutdown()


async def test_redis_away_for_30_s_loses_no_win_and_the_bot_recovers_by_itself(
    emulator: BotApiEmulator, tmp_path: Path, processes: list[BotProcess]
) -> None:
    server = RedisServer(tmp_path / "redis", persistent=True).start()
    port = server.port
    bot = await run_bot(
        emulator, processes, bot_env(emulator, server.url, tmp_path / "data"), tmp_path / "bot.log"
    )
    await onboard(emulator, 7, "UTC", "07:00")
    await say(emulator, 7, "Before the outage", "of your last 7 days")

    server.stop()
    down_at = datetime.now(UTC)
    words = ["Said no kindly", "Took a walk in the rain", "Asked for help <b>&</b> got it"]
    for text in words:
        reply = await say(emulator, 7, text, timeout_s=30)
        assert "holding on to this" in reply  # honest: not saved yet, and not lost
    remaining = OUTAGE_S - (datetime.now(UTC) - down_at).total_seconds()
    await asyncio.sleep(max(0.0, remaining))  # the outage itself lasts its full length
    server = RedisServer(tmp_path / "redis", persistent=True, port=port).start()
    try:
        store = Store(connect(server.url))
        deadline = asyncio.get_running_loop().time() + 30
        while await store.count_wins(7) < 4:  # the bot writes held wins every 3 s
            assert asyncio.get_running_loop().time() < deadline, "held wins never written"
            await asyncio.sleep(0.1)
        wins = await say(emulator, 7, "/wins", "small wins", timeout_s=30)
        lost = [w for w in ["Before the outage", *words] if w not in wins]
        print(f"\nredis down {OUTAGE_S} s: {len(words)} wins written meanwhile, lost {len(lost)}")
        assert lost == []
        assert bot.proc is not None and bot.proc.returncode is None  # no restart
        await store.close()
    finally:
        server.stop()


async def test_random_429s_and_timeouts_still_deliver_every_prompt_once(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(70_000, 70_150)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    emulator.set_429_fraction(0.2, seed=1, retry_after=1, methods=["sendMessage"])
    emulator.set_timeout_fraction(0.05, seed=2, hang_s=1.0, methods=["sendMessage"])
    env = bot_env(emulator, redis_url, tmp_path, {"TIME_TRAVEL": "1", "SEND_RATE_PER_S": "300"})
    await run_bot(emulator, processes, env, tmp_path / "bot.log", "sender")
    everyone = lambda: len(per_chat(emulator)) == len(users)  # noqa: E731
    for _ in range(20):  # a send that timed out is retried 30 s later: move time along
        try:
            await emulator.wait_until(everyone, 15, what="every prompt")
            break
        except TimeoutError:
            await store.advance_clock(31)
    counts = per_chat(emulator)
    failures = Counter(c.status for c in emulator.calls if c.method == "sendMessage")
    print(
        f"\n429 on 20%, timeouts on 5%: {dict(failures)}; delivered {len(counts)} of "
        f"{len(users)}, duplicated {sum(n - 1 for n in counts.values())}"
    )
    assert sorted(counts) == list(users)
    assert set(counts.values()) == {1}


async def test_ten_percent_blocked_are_deactivated_without_a_retry_storm(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(71_000, 71_500)
    blocked = set(users[::10])
    for user_id in blocked:
        emulator.user_blocks(user_id)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    env = bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "500"})
    await run_bot(emulator, processes, env, tmp_path / "bot.log", "sender")
    await wait_for_sends(emulator, len(users) - len(blocked), timeout_s=30)
    await wait_for_passes(store, 5)
    attempts = Counter(
        int(c.params["chat_id"])
        for c in emulator.calls
        if c.method == "sendMessage" and int(c.params["chat_id"]) in blocked
    )
    print(f"\n{len(blocked)} of {len(users)} blocked: {sum(attempts.values())} attempts to them")
    assert set(attempts.values()) == {1}  # one try each, then never again
    for user_id in blocked:
        profile = await store.get_profile(user_id)
        assert profile is not None and not profile.active
        assert await store.next_due(user_id, MORNING) is None
    assert sorted(per_chat(emulator)) == sorted(set(users) - blocked)


async def test_the_host_clock_jumping_an_hour_either_way_neither_doubles_nor_skips(
    store: Store, tg: Bot, emulator: BotApiEmulator
) -> None:
    clock = Clock(datetime(2026, 11, 23, 5, 0, tzinfo=UTC))
    for user_id, at in ((1, time(7, 0)), (2, time(7, 30))):
        await user(store, clock, user_id, "Europe/Lisbon", at)
    loop = dispatcher(store, tg, clock)
    clock.set(2026, 11, 23, 6, 59, 0)
    assert (await loop.run_once()).sent == 0
    clock.now += timedelta(hours=1)  # forward an hour, over both mornings
    assert (await loop.run_once()).sent == 2  # late but within catch-up: sent, not skipped
    clock.now -= timedelta(hours=1)  # back an hour, before both mornings again
    assert (await loop.run_once()).sent == 0
    clock.now += timedelta(minutes=45)
    assert (await loop.run_once()).sent == 0
    clock.set(2026, 11, 24, 7, 30, 1)
    assert (await loop.run_once()).sent == 2  # the next day, once each
    assert [len(emulator.bot_messages(u)) for u in (1, 2)] == [2, 2]


async def test_forget_racing_a_prompt_leaves_nothing(
    store: Store, tg: Bot, emulator: BotApiEmulator
) -> None:
    clock = Clock(datetime(2026, 11, 23, 5, 0, tzinfo=UTC))
    user_ids = list(range(900_100, 900_140))
    for user_id in user_ids:
        await user(store, clock, user_id, "UTC", time(6, 0))
    clock.set(2026, 11, 23, 6, 0, 0)
    loop = dispatcher(store, tg, clock, rate=50)
    forgetting = [store.forget(u, ("morning", "followup", "later")) for u in user_ids]
    await asyncio.gather(loop.run_once(), *forgetting)
    left = [m for u in user_ids for m in await mentions(store, str(u))]
    print(f"\n/forget racing {len(user_ids)} prompts: {len(left)} keys or entries left")
    assert left == []


async def test_forged_stale_and_garbage_buttons_are_refused_without_effect(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "bot.log")
    for user_id in (11, 12):
        await onboard(emulator, user_id, "UTC", "07:00")
    await say(emulator, 11, "Mine, not yours", "of your last 7 days")
    ack = emulator.bot_messages(11)[-1]
    undo, move = ack.callback_data()  # Undo, and "Keep as a reflection"
    own = emulator.bot_messages(12)[-1]
    forged = [
        undo,
        move,
        "u:1",
        "k:1:w",
        "k::r",
        "cr:ok:1",
        "fg:yes",
        "wp:-1",
        "st:qq:../../",
        "d:not-a-date",
        "ic:9:f",
        "icc:1:9",
        "io:1:great",
        "\x00\xff",
        "x" * 64,
        "tm:25:00",
        "l30:",
        ":::",
    ]
    for data in forged:  # pressed on user 12's own message, naming user 11's things
        query = emulator.user_presses(12, own.message_id, data, force=True)
        await emulator.wait_until(lambda q=query: q in emulator.callback_answers, 10)  # type: ignore[misc]
    assert "Mine, not yours" in await say(emulator, 11, "/wins", "small wins")
    assert await store.get_profile(12) is not None  # fg:yes without its confirmation message
    refused = sum(1 for q in emulator.callback_answers.values() if "expired" in (q.text or ""))
    print(f"\n{len(forged)} forged or garbage button presses: {refused} refused, 0 took effect")
    assert refused == len(forged)
    assert emulator.violations == []


async def test_malformed_updates_are_skipped_and_the_bot_keeps_serving(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    bot = await run_bot(
        emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "bot.log"
    )
    for raw in (
        {"message": {"message_id": 1}},  # no chat, no date
        {"brand_new_update_type": {"x": 1}},
        {
            "message": {
                "message_id": 2,
                "date": 0,
                "chat": {"id": 5, "type": "private"},
                "text": None,
            }
        },
        {
            "callback_query": {
                "id": "1",
                "from": {"id": 5, "is_bot": False, "first_name": "x"},
                "chat_instance": "1",
            }
        },
        {"edited_message": "not an object"},
    ):
        emulator.inject_raw_update(raw)
    reply = await say(emulator, 5, "/help", "/practice", timeout_s=20)
    assert "/intuition" in reply
    assert bot.proc is not None and bot.proc.returncode is None


async def test_everything_people_send_gets_an_answer_or_a_quiet_ignore(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "bot.log")
    await onboard(emulator, 21, "UTC", "07:00")
    base = {
        "date": 0,
        "chat": {"id": 21, "type": "private", "first_name": "Ada"},
        "from": {"id": 21, "is_bot": False, "first_name": "Ada"},
    }
    non_text: list[dict[str, Any]] = [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
        {
            "text": "a forwarded win",
            "forward_origin": {"type": "hidden_user", "sender_user_name": "x", "date": 0},
        },
    ]
    answered = 0
    for index, extra in enumerate(non_text):
        since = emulator.cursor()
        emulator.inject_raw_update({"message": {"message_id": 10_000 + index, **base, **extra}})
        await emulator.wait_for_bot_message(21, since=since, timeout=10)
        answered += 1
    since = emulator.cursor()
    emulator.user_sends(22, "/start", chat_type="group")
    group = await emulator.wait_for_bot_message(-22, since=since, timeout=10)
    assert "private" in (group.text or "")
    print(f"\nnon-text messages: {answered} of {len(non_text)} answered; group chat told once")
    assert emulator.violations == []


async def test_one_person_flooding_gets_one_calm_notice_and_slows_nobody(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    bot = BotProcess(
        bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "25"}), tmp_path / "bot.log"
    )
    processes.append(await started(emulator, bot))
    # Set up first: during setup a message that is not an answer is a win *and* the question
    # again (two replies), which would blur what this counts.
    await onboard(emulator, 31, "Europe/Berlin", "07:00")
    before = len(emulator.bot_messages(31))
    for index in range(100):  # a hundred messages in well under a second
        emulator.user_sends(31, f"spam {index}")
    await say(emulator, 32, "/help", "/start")  # someone else is answered meanwhile
    others = range(72_000, 72_050)
    started_at = datetime.now(UTC)
    await seed_due(store, others, started_at - timedelta(seconds=1))
    await wait_for_sends(emulator, 50, timeout_s=30)
    took = (datetime.now(UTC) - started_at).total_seconds()
    notices = [m for m in emulator.bot_messages(31) if "a lot of messages" in (m.text or "")]
    replies = len(emulator.bot_messages(31)) - before
    print(
        f"\nflood of 100: {replies} replies to the flooder ({len(notices)} notice); "
        f"50 others' prompts in {took:.1f} s at 25/s"
    )
    assert len(notices) == 1
    assert replies <= 41 + 1  # the first 40 or so, one notice
    assert took < 50 / 25 + 5
