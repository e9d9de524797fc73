"""Fixtures: a real throwaway Redis server, a Store on it, and the Bot API stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import redis as sync_redis

from bot.crypto import MasterKeys, new_key
from bot.keyring import FileKeyring
from bot.redis_server import RedisServer
from bot.store import Store, connect
from bot.vault import Vault

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """``redis-server`` from PATH on a random port, or the embedded Valkey binary."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The server's URL, emptied before each test."""
    client = sync_redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    return redis_server.url


@pytest.fixture
def vault(tmp_path_factory: pytest.TempPathFactory) -> Vault:
    """Words sealed as in production: a random master key and a file keyring of its own
    (not the DATA_DIR of a bot process the test may run: that one has its own keys)."""
    return Vault(MasterKeys((new_key(),)), FileKeyring(tmp_path_factory.mktemp("keyring")))


@pytest.fixture
async def store(redis_url: str, vault: Vault) -> AsyncIterator[Store]:
    store = Store(connect(redis_url), vault)
    yield store
    await store.close()


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    """The Bot API stand-in on a random loopback port."""
    from bot.emulator import BotApiEmulator

    emu = BotApiEmulator()
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def processes() -> AsyncIterator[list[BotProcess]]:
    """Bot processes a test started; killed at the end whatever happened."""
    started: list[BotProcess] = []
    yield started
    for process in started:
        await process.kill()


DEFAULT_START = "2026-06-10T09:00:00+00:00"
"""Where a travelling bot's clock starts unless a test says otherwise (``@pytest.mark.clock``):
a fixed instant, so no outcome depends on the hour or weekday the suite runs at."""


@pytest.fixture
def start_at(request: pytest.FixtureRequest) -> datetime:
    """The instant the travelling bot's clock reads when it starts."""
    marker = request.node.get_closest_marker("clock")
    return datetime.fromisoformat(marker.args[0] if marker else DEFAULT_START)


@pytest.fixture
async def travelling_bot(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    start_at: datetime,
    tmp_path: Path,
    processes: list[BotProcess],
) -> AsyncIterator[BotProcess]:
    """``tend run`` whose clock the test can move (TIME_TRAVEL=1), starting at ``start_at``;
    every call it made valid."""
    from tests.harness import bot_env, run_bot

    await store.pin_clock(start_at, datetime.now(UTC))
    env = bot_env(emulator, redis_url, tmp_path, {"TIME_TRAVEL": "1"})
    yield await run_bot(emulator, processes, env, tmp_path / "bot.log")
    assert emulator.violations == [], emulator.violations


if TYPE_CHECKING:
    from bot.emulator import BotApiEmulator
    from tests.harness import BotProcess
