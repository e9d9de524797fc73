"""Sustained send rate through the Bot API stand-in (run from bench.scheduling).

The stand-in runs in its own process, enforcing Telegram's flood limit, so the sender's
numbers are not paid for by the server's CPU time on the same core.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time as wall
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

import httpx
from telegram import Bot
from telegram.request import HTTPXRequest

from bench.common import seed_users, table

SEND_POOL = 16  # the bot's own pool (bot/app.py): httpcore's upkeep grows with pool size
TOKEN = "1:bench"  # noqa: S105  (a stand-in token)


def _serve(conn: Connection, limit_per_s: float | None) -> None:
    from bot.emulator import BotApiEmulator

    async def main() -> None:
        emulator = BotApiEmulator()
        await emulator.start()
        emulator.set_flood_limits(global_per_s=limit_per_s, per_chat_per_s=None)
        conn.send(emulator.base_url)
        loop = asyncio.get_running_loop()
        while (command := await loop.run_in_executor(None, conn.recv)) != "stop":
            if command == "stats":
                conn.send(dict(emulator.stats))
        await emulator.stop()

    asyncio.run(main())


class StandIn:
    """The stand-in in a child process."""

    def __init__(self, limit_per_s: float | None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, limit_per_s), daemon=True)

    def __enter__(self) -> str:
        self.proc.start()
        return str(self.conn.recv())

    def stats(self) -> dict[str, int]:
        self.conn.send("stats")
        return dict(self.conn.recv())

    def __exit__(self, *exc: object) -> None:
        self.conn.send("stop")
        self.proc.join(10)


async def tend_rate(redis_url: str, base_url: str, rate: float, users: int) -> float:
    from bot.content import load_library
    from bot.plans import all_plans
    from bot.settings import default_content_dir
    from bot.store import Store, connect
    from bot.telegram_io import TelegramSender
    from bot.texts import load_texts
    from scheduler.dispatch import Dispatcher

    store = Store(connect(redis_url))
    await store.redis.flushall()
    due = datetime.now(UTC) - timedelta(seconds=1)
    await seed_users(store, users, due)
    bot = Bot(TOKEN, base_url=base_url, request=HTTPXRequest(connection_pool_size=SEND_POOL))
    await bot.initialize()
    dispatcher = Dispatcher(
        store=store,
        sender=TelegramSender(bot),
        plans=all_plans(load_library(default_content_dir()), load_texts(default_content_dir())),
        clock=lambda: datetime.now(UTC),
        rate_per_s=rate,
        catch_up_s=7200,
        tick_s=1.0,
        concurrency=SEND_POOL,
    )
    started = wall.perf_counter()
    result = await dispatcher.run_once()
    elapsed = wall.perf_counter() - started
    await bot.shutdown()
    await store.close()
    assert result.sent == users, vars(result)
    return users / elapsed


async def bare_rate(base_url: str, users: int, pace_per_s: float | None) -> float:
    """The floor: httpx posting sendMessage as fast as it can (or paced), with the same
    connection pool and concurrency as Tend's sender, so only the work in between differs."""
    gate = asyncio.Semaphore(SEND_POOL)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=SEND_POOL)) as client:
        url = f"{base_url}{TOKEN}/sendMessage"
        started = wall.perf_counter()

        async def one(i: int) -> None:
            if pace_per_s:
                delay = started + i / pace_per_s - wall.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            async with gate:
                response = await client.post(url, data={"chat_id": str(i + 1), "text": "hello"})
                response.raise_for_status()

        await asyncio.gather(*(one(i) for i in range(users)))
        return users / (wall.perf_counter() - started)


async def send_rates(redis_url: str, quick: bool) -> str:
    """Tend at 30/s and 1000/s against a stand-in enforcing that limit; the bare loop beside."""
    rows: list[list[Any]] = []
    for limit, users in ((30.0, 150 if quick else 600), (1000.0, 2000 if quick else 10_000)):
        limited = StandIn(limit)
        with limited as base_url:
            tend = await tend_rate(redis_url, base_url, limit, users)
            tend_429 = limited.stats()["http_429"]
        unlimited = StandIn(None)
        with unlimited as base_url:
            bare = await bare_rate(base_url, users, None)
            bare_paced = await bare_rate(base_url, users, limit)
        ceiling = min(limit, bare)
        rows += [
            [
                f"{limit:.0f}/s",
                "Tend dispatch loop (PTB Bot, Redis GCRA)",
                f"{users:,}",
                f"{tend:,.1f}",
                f"{tend_429}",
                f"{tend / ceiling:.3f}",
            ],
            [
                f"{limit:.0f}/s",
                "bare httpx loop, paced at the limit",
                f"{users:,}",
                f"{bare_paced:,.1f}",
                "n/a",
                f"{bare_paced / ceiling:.3f}",
            ],
            [
                "none",
                "bare httpx loop, unpaced (the machine's ceiling)",
                f"{users:,}",
                f"{bare:,.1f}",
                "n/a",
                "",
            ],
        ]
    return table(
        ["limit", "sender", "messages", "achieved /s", "429s", "of min(limit, ceiling)"], rows
    )
