"""Scale-out end to end: two webhook processes and two senders on one Redis."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import httpx
import pytest

from bot.emulator import BotApiEmulator
from bot.plans import MORNING
from bot.redis_server import free_port
from bot.store import Store
from scheduler.schedule import from_ms
from tests.harness import BotProcess, bot_env, run_bot, travel, wait_for_passes
from tests.test_e2e_conversation import bot_now

pytestmark = pytest.mark.e2e
USERS = range(80_000, 81_000)
SECRET = "s3cret-for-tests_only"


def replies(emulator: BotApiEmulator, marker: str) -> Counter[int]:
    return Counter(
        m.chat_id for u in USERS for m in emulator.bot_messages(u) if marker in (m.text or "")
    )


def prompts(emulator: BotApiEmulator) -> Counter[int]:
    return Counter(
        m.chat_id
        for u in USERS
        for m in emulator.bot_messages(u)
        if (m.text or "").startswith("🌱")
    )


async def all_answered(emulator: BotApiEmulator, marker: str) -> None:
    await emulator.wait_until(
        lambda: len(replies(emulator, marker)) == len(USERS), 60, what=f"every {marker!r}"
    )


async def test_two_webhook_processes_and_two_senders_serve_1000_users_once(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    ports = [free_port(), free_port()]
    emulator.webhook_targets = [f"http://127.0.0.1:{p}/tg" for p in ports]
    common = {
        "TIME_TRAVEL": "1",
        "SEND_RATE_PER_S": "500",
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_URL": "https://tend.example/tg",
        "WEBHOOK_LISTEN": "127.0.0.1",
    }
    for index, port in enumerate(ports):
        env = bot_env(emulator, redis_url, tmp_path, {**common, "WEBHOOK_PORT": str(port)})
        await run_bot(
            emulator, processes, env, tmp_path / f"updates{index}.log", "updates", polls=False
        )
    for index in range(2):
        env = bot_env(emulator, redis_url, tmp_path, common)
        await run_bot(emulator, processes, env, tmp_path / f"sender{index}.log", "sender")
    assert emulator.webhook["url"] == "https://tend.example/tg"

    for text, marker in (
        ("/start", "welcome to Tend"),
        ("/timezone UTC", "when would you like"),
        ("/time 07:00", "at 07:00 your time"),
    ):
        for user_id in USERS:
            emulator.user_sends(user_id, text)
        await all_answered(emulator, marker)
    # Telegram retries an update it thinks failed: 100 of them arrive a second time.
    for update_id in random.Random(7).sample(sorted(emulator.delivered_updates), 100):
        emulator.redeliver(emulator.delivered_updates[update_id])
    await emulator.wait_until(lambda: emulator.redeliveries_pending == 0, 30, what="redelivery")
    # Each process handles its updates in order: once a /help routed to each is answered,
    # the duplicates before it were handled (or dropped) too.
    for sentinel in (90_001, 90_002):
        emulator.user_sends(sentinel, "/help")
    await emulator.wait_until(
        lambda: all(emulator.bot_messages(u) for u in (90_001, 90_002)), 30, what="sentinels"
    )

    counts = {
        m: replies(emulator, m)
        for m in ("welcome to Tend", "when would you like", "at 07:00 your time")
    }
    for marker, seen in counts.items():
        assert set(seen.values()) == {1}, f"{marker}: {Counter(seen.values())}"
    by_target = Counter(t for _u, t, s in emulator.webhook_deliveries if s == 200)
    assert len(by_target) == 2 and min(by_target.values()) > 500

    due = await store.next_due(USERS[0], MORNING)
    assert due is not None
    await travel(store, (from_ms(due) - await bot_now(store)).total_seconds() + 1)
    await emulator.wait_until(lambda: len(prompts(emulator)) == len(USERS), 60, what="every prompt")
    await wait_for_passes(store, 4)  # any second send would have happened by now
    sent = prompts(emulator)
    assert len(sent) == len(USERS) and set(sent.values()) == {1}

    async with httpx.AsyncClient() as client:
        update = {
            "update_id": 999_999,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/help",
                "chat": {"id": 1, "type": "private"},
            },
        }
        bare = await client.post(f"http://127.0.0.1:{ports[0]}/tg", json=update)
        wrong = await client.post(
            f"http://127.0.0.1:{ports[1]}/tg",
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
        )
    assert (bare.status_code, wrong.status_code) == (403, 403)
    assert emulator.bot_messages(1) == []
    assert emulator.violations == []
