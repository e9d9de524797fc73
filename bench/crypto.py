"""What sealing people's words costs, per win written and read (``python -m bench.crypto``).

Pure AES-GCM (seal, open) on a typical win, then the Store's ``add_win`` + ``get_win``
round trip on a local Redis without a vault (words in clear), with a vault whose data key
is cached (the usual case: a user who writes is a user who was just read), and with the
cache missed (a file keyring read and an unwrap each time). Median of several rounds, in
microseconds per win.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from bench.common import table
from bot import crypto
from bot.crypto import MasterKeys, new_key
from bot.keyring import FileKeyring
from bot.models import Win
from bot.redis_server import RedisServer
from bot.store import Store, connect
from bot.vault import Vault

TEXT = "Went for a walk at lunch instead of eating at my desk, and felt calmer all afternoon."
"""A typical win: about 90 characters (the JSON stored is about 160 bytes)."""


def per_op_us(fn: Callable[[], object], n: int, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - start) / n * 1e6)
    return statistics.median(samples)


async def per_op_us_async(
    fn: Callable[[int], Awaitable[object]], n: int, first: int
) -> tuple[float, float]:
    """Wall and CPU (this process) microseconds per call, over ``n`` calls."""
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(first, first + n):
        await fn(i)
    return (time.perf_counter() - wall) / n * 1e6, (time.process_time() - cpu) / n * 1e6


async def main(n: int, rounds: int) -> None:
    data = crypto.cipher(new_key())
    plain = Win("1", TEXT, 1_800_000_000_000, date(2027, 1, 1)).to_json()
    sealed = crypto.seal(data, 7, "win:1", plain)
    seal_us = per_op_us(lambda: crypto.seal(data, 7, "win:1", plain), n, rounds)
    open_us = per_op_us(lambda: crypto.open_sealed(data, 7, "win:1", sealed), n, rounds)
    rows: list[list[object]] = [
        ["seal (AES-256-GCM + base64), one win", f"{seal_us:.1f}", f"{seal_us:.1f}"],
        ["open, one win", f"{open_us:.1f}", f"{open_us:.1f}"],
    ]
    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp) / "redis") as server:
        keyring = FileKeyring(Path(tmp) / "keyring")
        plain_store = Store(connect(server.url))
        cached = Store(connect(server.url), Vault(MasterKeys((new_key(),)), keyring))
        missing = Store(
            connect(server.url),
            Vault(MasterKeys((new_key(),)), FileKeyring(Path(tmp) / "k2"), cache_size=0),
        )

        def round_trip(store: Store, users: int) -> Callable[[int], Awaitable[object]]:
            async def one(i: int) -> object:
                user = i % users + 1
                await store.add_win(
                    user, Win(str(i), TEXT, 1_800_000_000_000 + i, date(2027, 1, 1))
                )
                return await store.get_win(user, str(i))

            return one

        vault = cached.vault
        assert vault is not None
        await vault.seal(1, "win:1", plain)

        async def vault_both(i: int) -> object:
            return await vault.open(1, "win:1", await vault.seal(1, "win:1", plain))

        _, vault_cpu = await per_op_us_async(vault_both, n, 0)
        rows.append(["Vault.seal + Vault.open, data key cached (no Redis)", "", f"{vault_cpu:.1f}"])
        # Warm up: keys made, scripts and connections ready.
        for store in (plain_store, cached, missing):
            for i in range(200):
                await round_trip(store, 100)(i)
        # Rounds interleaved, so a neighbour's load on the shared cores hits all three alike.
        times: dict[Store, list[tuple[float, float]]] = {plain_store: [], cached: [], missing: []}
        for r in range(rounds):
            for store, samples in times.items():
                samples.append(await per_op_us_async(round_trip(store, 100), n // 10, r * n))
        (base, base_cpu), (hot, hot_cpu), (cold, cold_cpu) = (
            (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
            for t in times.values()
        )
        rows += [
            ["add_win + get_win, no vault (clear text)", f"{base:.0f}", f"{base_cpu:.0f}"],
            ["add_win + get_win, vault, data key cached", f"{hot:.0f}", f"{hot_cpu:.0f}"],
            [
                "add_win + get_win, vault, key from the file keyring",
                f"{cold:.0f}",
                f"{cold_cpu:.0f}",
            ],
            [
                "encryption's cost per win written and read (cached)",
                f"{hot - base:+.0f}",
                f"{hot_cpu - base_cpu:+.0f}",
            ],
        ]
        for store in (plain_store, cached, missing):
            await store.close()
    print(table(["operation", "µs (wall)", "µs CPU of the bot process"], rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=20_000, help="operations per round (pure)")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    asyncio.run(main(args.n, args.rounds))
