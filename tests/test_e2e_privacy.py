"""The embedded default end to end: words sealed at rest, a private DATA_DIR, and /forget
that leaves an old copy of Redis's own files unreadable."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
import redis as sync_redis
from redis.exceptions import AuthenticationError, ResponseError

from bot import keys
from bot.emulator import BotApiEmulator
from bot.redis_server import RedisServer
from bot.settings import Settings
from bot.store import Store, connect
from bot.vault import build_vault
from tests.harness import BotProcess, bot_env, onboard, run_bot, say
from tests.test_crypto import all_values, grep

pytestmark = pytest.mark.e2e
WORD = "zephyrine-41c9"
USER = 4_150_007


def embedded_port(log: str) -> int:
    for line in log.splitlines():
        if line.startswith("{") and '"redis server ready"' in line:
            return int(json.loads(line)["port"])
    raise AssertionError(f"no 'redis server ready' line in the log:\n{log}")


async def test_the_embedded_default_keeps_words_sealed_private_and_forgettable(
    emulator: BotApiEmulator, tmp_path: Path, processes: list[BotProcess]
) -> None:
    data = tmp_path / "data"
    bot = await run_bot(emulator, processes, bot_env(emulator, None, data), tmp_path / "bot.log")
    await onboard(emulator, USER, "Europe/Lisbon", "07:30")
    await say(emulator, USER, f"Called my sister, {WORD}", "of your last 7 days")

    # Another local user: no command without the password, no file to read.
    port = embedded_port(bot.log)
    with pytest.raises((AuthenticationError, ResponseError)):
        sync_redis.Redis(port=port).ping()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"

    # The operator, with the password: every value of every key, and every file, sealed.
    password = (data / "redis" / "auth.conf").read_text().split()[-1]
    client = sync_redis.Redis(port=port, password=password)
    client.bgrewriteaof()
    client.save()
    assert WORD not in await all_values(client)
    client.close()
    assert grep(data, WORD) == []

    backup = tmp_path / "backup"  # Redis's own files, as a backup would copy them
    shutil.copytree(data / "redis", backup, ignore=shutil.ignore_patterns("tend.lock"))

    since = emulator.cursor()
    emulator.user_sends(USER, "/forget")
    confirm = await emulator.wait_for_bot_message(
        USER, since=since, predicate=lambda m: "can't be undone" in (m.text or "")
    )
    since = emulator.cursor()
    emulator.user_presses(USER, confirm.message_id, "fg:yes")
    await emulator.wait_for_bot_message(
        USER, since=since, predicate=lambda m: "Everything is deleted" in (m.text or "")
    )
    assert await bot.stop() == 0, bot.log

    # The old copy, restored, with the master key file and the keyring at hand: the words
    # are there, sealed, and their data key is gone.
    vault = build_vault(Settings(DATA_DIR=data))
    assert await vault.keyring.get(keys.data_key(USER)) is None
    with RedisServer(backup, persistent=True, password=password) as restored:
        old = Store(connect(restored.url), vault)
        sealed = await old.redis.hgetall(keys.win_text(USER))
        assert sealed and all(str(v).startswith("v1:") for v in sealed.values())
        assert await old.list_wins(USER) == []
        await old.close()
    await vault.close()
