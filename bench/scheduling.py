"""Scheduling at scale: Tend's Redis dispatch loop against one PTB ``run_daily`` job per user.

    python -m bench.scheduling            # everything (a few minutes on 2 cores)
    python -m bench.scheduling --quick    # smaller numbers, for a smoke run
    python -m bench.scheduling --part send   # one part: burst, memory or send

Each side runs in its own process, so start-up time and resident memory are its own.
Prints markdown tables; docs/PERFORMANCE.md holds the last results.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import subprocess
import sys
import tempfile
import time as wall
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import rss_mib, seed_users, table

USER_COUNTS = (1_000, 10_000, 100_000)


# -- the two contenders, each a subprocess printing one JSON line ------------------------


async def tend_worker(users: int, redis_url: str, start_at: float = 0.0) -> dict[str, Any]:
    """Start-up until every user is scheduled, then claim the whole burst (sending stubbed).

    ``start_at`` (epoch seconds): wait until then before claiming, so that several workers
    on one Redis start together.
    """
    t0 = wall.perf_counter()
    from bot.app import freeze_startup_heap, send_concurrency
    from bot.content import load_library
    from bot.plans import all_plans
    from bot.render import Outgoing
    from bot.settings import default_content_dir
    from bot.store import Store, connect
    from bot.texts import load_texts
    from scheduler.dispatch import Dispatcher, SendResult

    class StubSender:
        async def send(self, chat_id: int, message: Outgoing) -> SendResult:
            return SendResult("sent", message_id=1)

    library, texts = load_library(default_content_dir()), load_texts(default_content_dir())
    store = Store(connect(redis_url))
    await store.ping()
    freeze_startup_heap()  # as the bot does once started
    # Every user's next send is already in Redis: nothing to load, whatever their number.
    startup_s = wall.perf_counter() - t0
    clock_now = datetime.now(UTC) + timedelta(minutes=1)
    dispatcher = Dispatcher(
        store=store,
        sender=StubSender(),
        plans=all_plans(library, texts),
        clock=lambda: clock_now,
        rate_per_s=1e9,
        catch_up_s=7200,
        concurrency=send_concurrency(1000),  # what the bot runs at the 1,000/s ceiling
    )
    await asyncio.sleep(max(0.0, start_at - wall.time()))
    t1 = wall.perf_counter()
    result = await dispatcher.run_once()
    claim_s = wall.perf_counter() - t1
    ended_at = wall.time()
    rss, peak = rss_mib()
    await store.close()
    return {
        "startup_s": startup_s,
        "rss_mib": rss,
        "peak_mib": peak,
        "sent": result.sent,
        "missed": users - result.sent,
        "claim_s": claim_s,
        "claim_per_s": result.sent / claim_s,
        "ended_at": ended_at,
    }


async def ptb_worker(users: int) -> dict[str, Any]:
    """What a PTB user would write: one ``job_queue.run_daily`` per user, all at one minute."""
    t0 = wall.perf_counter()
    from telegram.ext import ApplicationBuilder, CallbackContext

    logging.getLogger("apscheduler").setLevel(logging.CRITICAL)
    app = ApplicationBuilder().token("1:bench").build()
    job_queue = app.job_queue
    assert job_queue is not None
    ran = 0

    async def morning(_context: CallbackContext[Any, Any, Any, Any]) -> None:
        nonlocal ran
        ran += 1  # sending stubbed out, as on Tend's side

    # Fire far enough ahead that loading finishes first (about 20 s per 100,000 here).
    fire_at = datetime.now(UTC) + timedelta(seconds=15 + users / 100_000 * 45)
    await job_queue.start()
    for user_id in range(users):
        job_queue.run_daily(morning, time=fire_at.timetz(), chat_id=user_id, name=str(user_id))
    startup_s = wall.perf_counter() - t0
    loaded_at = datetime.now(UTC)
    rss, peak = rss_mib()
    await asyncio.sleep(max(0.0, (fire_at - datetime.now(UTC)).total_seconds()) + 10)
    rss_after, peak = rss_mib()
    await job_queue.stop(wait=False)
    return {
        "startup_s": startup_s,
        "rss_mib": max(rss, rss_after),
        "peak_mib": peak,
        "sent": ran,
        "missed": users - ran,
        "loaded_before_due": loaded_at < fire_at,
    }


def run_worker(kind: str, users: int, redis_url: str) -> dict[str, Any]:
    return run_workers(kind, users, redis_url, 1)[0]


def run_workers(
    kind: str, users: int, redis_url: str, count: int, start_at: float = 0.0
) -> list[dict[str, Any]]:
    """``count`` workers at once, each a subprocess printing one JSON line."""
    command = [sys.executable, "-m", "bench.scheduling", "--worker", kind]
    command += ["--users", str(users), "--redis-url", redis_url, "--start-at", str(start_at)]
    workers = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(count)]
    results = []
    for worker in workers:
        out, _ = worker.communicate(timeout=600)
        if worker.returncode != 0:
            raise RuntimeError(f"bench worker {kind} failed ({worker.returncode})")
        results.append(dict(json.loads(out.strip().splitlines()[-1])))
    return results


# -- the parts of the report ---------------------------------------------------------------


async def burst(counts: tuple[int, ...], redis_url: str) -> str:
    from bot.store import Store, connect

    rows = []
    for users in counts:
        store = Store(connect(redis_url))
        await store.redis.flushall()
        await seed_users(store, users, datetime.now(UTC) + timedelta(seconds=30))
        await store.close()
        tend = run_worker("tend", users, redis_url)
        ptb = run_worker("ptb", users, redis_url)
        rows.append(
            [
                f"{users:,}",
                "Tend (Redis due set)",
                f"{tend['startup_s']:.2f}",
                f"{tend['rss_mib']:.0f}",
                f"{tend['sent']:,}",
                f"{tend['missed']:,}",
                f"{tend['claim_per_s']:,.0f}",
            ]
        )
        if users == counts[-1]:
            rows.append(await two_senders(users, redis_url))
        late = "" if ptb["loaded_before_due"] else " (still loading at due time)"
        rows.append(
            [
                f"{users:,}",
                "PTB run_daily per user",
                f"{ptb['startup_s']:.2f}",
                f"{ptb['rss_mib']:.0f}",
                f"{ptb['sent']:,}",
                f"{ptb['missed']:,}{late}",
                "n/a",
            ]
        )
    return table(
        [
            "users due in one minute",
            "design",
            "start-up s",
            "RSS MiB",
            "ran",
            "missed",
            "claimed+rescheduled /s",
        ],
        rows,
    )


async def two_senders(users: int, redis_url: str) -> list[str]:
    """The same burst shared by two sender processes on one Redis, started together."""
    from bot.store import Store, connect

    store = Store(connect(redis_url))
    await store.redis.flushall()
    await seed_users(store, users, datetime.now(UTC) + timedelta(seconds=30))
    await store.close()
    start_at = wall.time() + 5  # both imported and connected by then
    results = run_workers("tend", users, redis_url, 2, start_at)
    ran = sum(r["sent"] for r in results)
    split = " + ".join(f"{r['sent']:,}" for r in results)
    return [
        f"{users:,}",
        "Tend, two sender processes",
        f"{max(r['startup_s'] for r in results):.2f}",
        f"{max(r['rss_mib'] for r in results):.0f} each",
        f"{ran:,} ({split})",
        f"{users - ran:,}",
        f"{ran / (max(r['ended_at'] for r in results) - start_at):,.0f}",
    ]


async def redis_memory(users: int) -> str:
    """Bytes per onboarded user, on a fresh server so nothing else is counted."""
    from bot import keys
    from bot.redis_server import RedisServer
    from bot.store import Store, connect

    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp)) as server:
        store = Store(connect(server.url))
        before = int((await store.redis.info("memory"))["used_memory"])
        await seed_users(store, users, datetime.now(UTC) + timedelta(hours=1))
        after = int((await store.redis.info("memory"))["used_memory"])
        profile = await store.redis.memory_usage(keys.user(1)) or 0
        schedule = 0
        for shard in range(keys.SHARDS):
            for key in (keys.due(shard), keys.occ(shard)):
                schedule += await store.redis.memory_usage(key) or 0
        await store.close()
    return table(
        [
            "users",
            "used_memory MiB",
            "bytes per user (used_memory)",
            "profile hash",
            "schedule entries per user",
        ],
        [
            [
                f"{users:,}",
                f"{after / 2**20:.1f}",
                f"{(after - before) / users:.0f}",
                f"{profile}",
                f"{schedule / users:.0f}",
            ]
        ],
    )


async def main(quick: bool, part: str) -> None:
    from bench.sending import send_rates, transport_costs
    from bot.redis_server import RedisServer

    counts = (1_000, 10_000) if quick else USER_COUNTS
    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp)) as server:
        print(
            f"# Tend scheduling benchmark ({datetime.now(UTC):%Y-%m-%d}, "
            f"Python {sys.version.split()[0]})\n"
        )
        if part in ("all", "burst"):
            print("## A burst: every user due in the same minute\n")
            print(await burst(counts, server.url) + "\n")
        if part in ("all", "memory"):
            print("## Redis memory per user\n")
            print(await redis_memory(counts[-1]) + "\n")
        if part in ("all", "send"):
            print("## Sustained send rate through the Bot API stand-in\n")
            print(await send_rates(server.url, quick) + "\n")
            print("## What one send costs, by HTTP client\n")
            print(await transport_costs(quick) + "\n")


def cli() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--part", choices=["all", "burst", "memory", "send"], default="all")
    parser.add_argument("--worker", choices=["tend", "ptb"])
    parser.add_argument("--users", type=int, default=0)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--start-at", type=float, default=0.0)
    args = parser.parse_args()
    if args.worker == "tend":
        print(json.dumps(asyncio.run(tend_worker(args.users, args.redis_url, args.start_at))))
    elif args.worker == "ptb":
        print(json.dumps(asyncio.run(ptb_worker(args.users))))
    else:
        asyncio.run(main(args.quick, args.part))


if __name__ == "__main__":
    cli()
