"""The first slice end to end: the real bot process, the stand-in, a real Redis."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis.asyncio as aioredis

from bot import keys
from bot.emulator import BotApiEmulator
from bot.store import Store
from tests.harness import TOKEN, BotProcess, bot_env, onboard, run_bot, say, wait_for_passes

pytestmark = pytest.mark.e2e


async def test_start_welcomes_and_stores_the_user(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    bot = await run_bot(
        emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "bot.log"
    )

    since = emulator.cursor()
    emulator.user_sends(4242, "/start")
    welcome = await emulator.wait_for_bot_message(4242, since=since)
    assert welcome.text is not None and "welcome to Tend" in welcome.text
    # /start's second message asks where the user is; /help comes after the whole reply.
    await emulator.wait_for_bot_message(4242, lambda m: "time zone" in (m.text or ""), since=since)

    client = aioredis.Redis.from_url(redis_url, decode_responses=True)
    assert await client.exists(keys.user(4242))
    await client.aclose()

    since = emulator.cursor()
    emulator.user_sends(4242, "/help")
    help_text = await emulator.wait_for_bot_message(4242, since=since)
    for command in ("/start", "/time", "/timezone", "/wins", "/forget", "/privacy", "/help"):
        assert command in (help_text.text or "")

    assert emulator.violations == []
    assert await bot.stop() == 0
    assert TOKEN not in bot.log
    assert TOKEN.split(":")[1] not in bot.log


async def test_without_redis_url_the_embedded_server_keeps_data_across_a_restart(
    emulator: BotApiEmulator, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(emulator, None, tmp_path / "data")
    first = await run_bot(emulator, processes, env, tmp_path / "first.log")
    await onboard(emulator, 77, "Asia/Kathmandu", "07:15")
    assert await first.stop() == 0, first.log

    second = await run_bot(emulator, processes, env, tmp_path / "second.log")
    back = await say(emulator, 77, "/start")
    assert "Welcome back" in back, second.log
    assert "at 07:15" in back
    assert (tmp_path / "data" / "redis" / "appendonlydir").is_dir()
    assert await second.stop() == 0


async def test_a_malformed_token_is_refused_with_a_sentence(tmp_path: Path) -> None:
    import asyncio
    import os
    import sys

    env = dict(os.environ, BOT_TOKEN="not-a-token", DATA_DIR=str(tmp_path))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert b"BOT_TOKEN does not look like a token" in err
    assert b"not-a-token" not in err


async def test_stats_are_for_admins_only(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"ADMIN_IDS": "900, 901"})
    await run_bot(emulator, processes, env, tmp_path / "bot.log")
    for user_id in (900, 5):
        await onboard(emulator, user_id, "UTC", "07:00")
    await wait_for_passes(store, 1)  # the dispatch loop has made itself known
    report = await say(emulator, 900, "/stats", "right now")
    assert "Sends scheduled: 2" in report
    assert "Dispatch loops alive: 1" in report
    assert "I don't know that command" in await say(emulator, 5, "/stats")
