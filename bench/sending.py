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

import aiohttp
import httpx
from telegram import Bot
from telegram.request import HTTPXRequest

from bench.common import seed_users, table
from bot.app import CONNECTIONS, send_concurrency
from bot.http import AiohttpRequest

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
    # The bot's own transport and sizes (bot/app.py).
    bot = Bot(TOKEN, base_url=base_url, request=AiohttpRequest(connection_pool_size=CONNECTIONS))
    await bot.initialize()
    dispatcher = Dispatcher(
        store=store,
        sender=TelegramSender(bot),
        plans=all_plans(load_library(default_content_dir()), load_texts(default_content_dir())),
        clock=lambda: datetime.now(UTC),
        rate_per_s=rate,
        catch_up_s=7200,
        tick_s=1.0,
        concurrency=send_concurrency(rate),
    )
    started = wall.perf_counter()
    result = await dispatcher.run_once()
    elapsed = wall.perf_counter() - started
    await bot.shutdown()
    await store.close()
    assert result.sent == users, vars(result)
    return users / elapsed


BARE_POOLS = (2, 4, 16)
"""httpx's cost per request grows with the connections in use (measured: 0.7 ms of CPU at 4,
1.5 ms at 16), so the floor is the best of a few pool sizes, not Tend's own."""


async def bare_rate(base_url: str, users: int, pace_per_s: float | None, pool: int) -> float:
    """The floor: httpx posting sendMessage as fast as it can (or paced), ``pool`` at once."""
    gate = asyncio.Semaphore(pool)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=pool)) as client:
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


async def best_bare_rate(base_url: str, users: int, pace_per_s: float | None) -> tuple[float, int]:
    """The bare loop's best rate over ``BARE_POOLS``, and the pool that reached it."""
    return max([(await bare_rate(base_url, users, pace_per_s, p), p) for p in BARE_POOLS])


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
            bare, bare_pool = await best_bare_rate(base_url, users, None)
            paced, paced_pool = await best_bare_rate(base_url, users, limit)
        rows += [
            [
                f"{limit:.0f}/s",
                "Tend dispatch loop (PTB Bot on aiohttp, Redis GCRA)",
                f"{users:,}",
                f"{tend:,.1f}",
                f"{tend_429}",
                f"**{tend / paced:.2f}**",
            ],
            [
                f"{limit:.0f}/s",
                f"bare httpx loop paced at the limit (best pool: {paced_pool})",
                f"{users:,}",
                f"{paced:,.1f}",
                "n/a",
                "1.00",
            ],
            [
                "none",
                f"bare httpx loop unpaced, this machine's ceiling (best pool: {bare_pool})",
                f"{users:,}",
                f"{bare:,.1f}",
                "n/a",
                "",
            ],
        ]
    return table(
        ["limit", "sender", "messages", "achieved /s", "429s", "of the bare loop at the limit"],
        rows,
    )


async def transport_costs(quick: bool) -> str:
    """CPU per sendMessage in the sending process, by HTTP client, against one stand-in.

    Why the bot's transport is aiohttp: the same calls, 16 at once, through each stack.
    """
    from bot.content import load_library
    from bot.render import Outgoing, practice_for, prompt
    from bot.settings import default_content_dir
    from bot.telegram_io import TelegramSender
    from bot.texts import load_texts

    library = load_library(default_content_dir())
    message: Outgoing = prompt(
        load_texts(default_content_dir()),
        practice_for(1, 0, library.practices),
        datetime.now(UTC).date(),
    )
    count = 1000 if quick else 4000
    rows: list[list[Any]] = []

    async def measure(label: str, pool: int, one: Any) -> None:
        gate = asyncio.Semaphore(pool)

        async def gated(i: int) -> None:
            async with gate:
                await one(i)

        await asyncio.gather(*(gated(i) for i in range(100)))  # warm up: connections open
        cpu, started = wall.process_time(), wall.perf_counter()
        await asyncio.gather(*(gated(i) for i in range(count)))
        elapsed = wall.perf_counter() - started
        per_ms = (wall.process_time() - cpu) / count * 1000
        rows.append([label, str(pool), f"{per_ms:.2f}", f"{count / elapsed:,.0f}"])

    with StandIn(None) as base_url:
        url = f"{base_url}{TOKEN}/sendMessage"
        for pool in (4, 16):
            limits = httpx.Limits(max_connections=pool)
            async with httpx.AsyncClient(limits=limits) as client:

                async def bare_httpx(i: int, client: httpx.AsyncClient = client) -> None:
                    answer = await client.post(url, data={"chat_id": str(i + 1), "text": "hi"})
                    answer.raise_for_status()

                await measure("bare httpx", pool, bare_httpx)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=16)) as session:

            async def bare_aiohttp(i: int) -> None:
                data = {"chat_id": str(i + 1), "text": "hi"}
                async with session.post(url, data=data) as answer:
                    answer.raise_for_status()
                    await answer.read()

            await measure("bare aiohttp", 16, bare_aiohttp)
        for label, request in (
            ("PTB send_message, PTB's default HTTPXRequest", HTTPXRequest(16)),
            ("PTB send_message, Tend's AiohttpRequest", AiohttpRequest(16)),
        ):
            bot = Bot(TOKEN, base_url=base_url, request=request)
            await bot.initialize()
            sender = TelegramSender(bot)

            async def through_ptb(i: int, sender: TelegramSender = sender) -> None:
                assert (await sender.send(i + 1, message)).status == "sent"

            await measure(label, 16, through_ptb)
            await bot.shutdown()
    return table(["sender", "connections", "CPU ms per message", "messages /s"], rows)
