"""People's words at rest: sealed, bound to their place, shredded by /forget, keys rotated."""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import redis as sync_redis
from pydantic import SecretStr
from redis.exceptions import AuthenticationError, ResponseError

from bot import crypto, keys
from bot.content import load_library
from bot.crypto import CryptoError, MasterKeys, new_key
from bot.emulator import BotApiEmulator
from bot.keyring import FileKeyring, Keyring, RedisKeyring
from bot.models import CheckIn, Profile, Win
from bot.outbox import HeldWin, Outbox
from bot.plans import RECAP, WORD_SLOTS, all_plans
from bot.redis_server import RedisServer
from bot.settings import Settings, default_content_dir
from bot.store import NextSend, Store, connect
from bot.texts import load_texts
from bot.vault import Vault, master_keys
from scheduler.dispatch import Dispatcher
from scheduler.schedule import to_ms

NOW = 1_800_000_000_000
WORD = "quixotically-7f3a"
"""A word that appears nowhere else: if it can be found at rest, the words are not sealed."""
DAY = date(2027, 1, 15)


def win(win_id: str = "10", text: str = f"walked by the river, {WORD}") -> Win:
    return Win(win_id, text, NOW, DAY)


# -- pure crypto --------------------------------------------------------------------------


def test_sealed_words_open_only_for_their_user_and_field() -> None:
    data = crypto.cipher(new_key())
    sealed = crypto.seal(data, 7, "win:10", "ünïcode ✨ 你好")
    assert crypto.open_sealed(data, 7, "win:10", sealed) == "ünïcode ✨ 你好"
    assert WORD not in crypto.seal(data, 7, "win:10", WORD)
    for user, field in ((8, "win:10"), (7, "win:11"), (7, "ci:0:1")):
        with pytest.raises(CryptoError):
            crypto.open_sealed(data, user, field, sealed)
    with pytest.raises(CryptoError):
        crypto.open_sealed(crypto.cipher(new_key()), 7, "win:10", sealed)
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(CryptoError):
        crypto.open_sealed(data, 7, "win:10", tampered)


def test_a_wrapped_key_opens_only_for_its_user_and_under_a_known_master() -> None:
    old, new = new_key(), new_key()
    data_key = new_key()
    wrapped = MasterKeys((old,)).wrap(5, data_key)
    assert wrapped.startswith(crypto.key_id(old) + ":")
    assert MasterKeys((new, old)).unwrap(5, wrapped) == data_key
    with pytest.raises(CryptoError):
        MasterKeys((old,)).unwrap(6, wrapped)  # moved to another user's entry
    with pytest.raises(CryptoError, match="no master key"):
        MasterKeys((new,)).unwrap(5, wrapped)
    assert MasterKeys.parse(MasterKeys((new, old)).text()).keys == (new, old)
    with pytest.raises(CryptoError):
        MasterKeys.parse("not base64!")


def test_settings_refuse_a_malformed_data_key_and_a_keyring_on_the_words_server() -> None:
    with pytest.raises(ValueError, match="DATA_KEY must be base64"):
        Settings(DATA_KEY=SecretStr("short"))
    with pytest.raises(ValueError, match="KEYRING_URL must name another Redis"):
        Settings(REDIS_URL="redis://db:6379/0", KEYRING_URL="redis://db/1")
    with pytest.raises(ValueError, match="DATA_KEY is required with KEYRING_URL"):
        Settings(REDIS_URL="redis://db:6379/0", KEYRING_URL="redis://keys:6379/0")
    key = SecretStr(MasterKeys((new_key(),)).text())
    ok = Settings(REDIS_URL="redis://db:6379/0", KEYRING_URL="redis://keys:6379/0", DATA_KEY=key)
    assert ok.keyring_url == "redis://keys:6379/0"


# -- the store seals; nothing readable at rest --------------------------------------------


async def all_values(client: sync_redis.Redis) -> str:
    """Every key name, member and value of every type, as one text to search."""
    out: list[str] = []
    for key in client.scan_iter(match="*"):
        kind = client.type(key)
        out.append(str(key))
        if kind == b"string":
            out.append(str(client.get(key)))
        elif kind == b"hash":
            out += [f"{k!r}={v!r}" for k, v in client.hgetall(key).items()]
        elif kind == b"zset":
            out += [str(m) for m in client.zrange(key, 0, -1)]
        elif kind == b"set":
            out += [str(m) for m in client.smembers(key)]
        elif kind == b"list":
            out += [str(m) for m in client.lrange(key, 0, -1)]
    return "\n".join(out)


def grep(folder: Path, word: str) -> list[Path]:
    """``grep -r``: files under ``folder`` whose bytes hold ``word``."""
    return [p for p in folder.rglob("*") if p.is_file() and word.encode() in p.read_bytes()]


async def test_words_are_sealed_in_redis_and_read_back(
    store: Store, vault: Vault, redis_url: str
) -> None:
    await store.add_win(7, win())
    await store.add_win(7, win("11", f"second {WORD}"))
    assert await store.update_win(7, Win("11", f"edited {WORD}", NOW, DAY, edited=True))
    await store.create_profile(Profile(7, created_ms=NOW))
    await store.save_checkin(7, 0, CheckIn(1, DAY, "followed", 4, note=f"a nudge: {WORD}"))

    assert (await store.get_win(7, "10")) == win()
    assert [w.text for w in await store.list_wins(7)] == [f"edited {WORD}", win().text]
    profile = await store.get_profile(7)
    assert profile is not None and profile.checkins["0:1"].note == f"a nudge: {WORD}"

    client = sync_redis.Redis.from_url(redis_url)
    assert WORD not in await all_values(client)
    raw = client.hget(keys.win_text(7), "10")
    assert isinstance(raw, bytes) and raw.startswith(b"v1:")
    client.close()
    keyring = vault.keyring
    assert isinstance(keyring, FileKeyring)
    assert grep(keyring.folder, WORD) == []


async def test_the_send_path_sees_check_in_answers_but_not_notes(store: Store) -> None:
    """begin_send (the Lua script) reads the hash as is: the answers, never the words."""
    await store.create_profile(Profile(7, created_ms=NOW, zone="UTC"))
    await store.save_checkin(7, 0, CheckIn(1, DAY, "followed", 4, note=WORD))
    await store.schedule(7, NextSend(RECAP, NOW, DAY.isoformat()))
    claims = await store.claim(NOW, 60_000, 10)
    [begun] = await store.begin_send(claims, "t")
    assert begun.profile is not None
    checkin = begun.profile.checkins["0:1"]
    assert (checkin.answer, checkin.confidence, checkin.note) == ("followed", 4, None)
    assert checkin.sealed_note is not None and WORD not in checkin.sealed_note
    opened = await store.open_words(begun.profile)
    assert opened.checkins["0:1"].note == WORD


async def test_a_value_moved_to_another_user_or_win_does_not_open(
    store: Store, redis_url: str
) -> None:
    await store.add_win(7, win())
    await store.add_win(8, win("20", "someone else's"))
    client = sync_redis.Redis.from_url(redis_url)
    sealed = client.hget(keys.win_text(7), "10")
    assert sealed is not None
    client.hset(keys.win_text(8), "20", sealed)  # someone with write access swaps it in
    client.hset(keys.win_text(7), "11", sealed)
    client.zadd(keys.wins(7), {"11": NOW + 1})
    client.close()
    assert await store.get_win(8, "20") is None
    assert await store.get_win(7, "11") is None
    assert [w.win_id for w in await store.list_wins(7)] == ["10"]


async def test_words_stored_in_clear_by_an_older_tend_are_read_then_sealed_once(
    store: Store, redis_url: str
) -> None:
    client = sync_redis.Redis.from_url(redis_url)
    client.hset(keys.win_text(7), "10", win().to_json())
    client.zadd(keys.wins(7), {"10": NOW})
    client.hset(keys.win_text(30), "11", win("11").to_json())  # another shard
    client.hset(keys.user(7), "created_ms", NOW)
    client.hset(keys.user(7), "ci:0:1", CheckIn(1, DAY, "noticed", note=WORD).to_json())
    assert await store.get_win(7, "10") == win()

    assert await store.seal_cleartext() == 3
    assert WORD not in await all_values(client)
    assert await store.get_win(7, "10") == win()
    assert await store.get_win(30, "11") == win("11")
    profile = await store.get_profile(7)
    assert profile is not None and profile.checkins["0:1"].note == WORD
    assert await store.seal_cleartext() is None  # once per Redis
    client.close()


# -- /forget shreds: an old backup holds nothing readable ---------------------------------


async def test_forget_shreds_the_key_so_a_backup_taken_before_holds_nothing_readable(
    store: Store, vault: Vault, redis_server: RedisServer, tmp_path: Path
) -> None:
    await store.create_profile(Profile(7, created_ms=NOW))
    await store.add_win(7, win())
    await store.save_checkin(7, 0, CheckIn(1, DAY, "noticed", note=WORD))
    await store.redis.save()  # the snapshot an operator's backup would copy
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(redis_server.directory / "dump.rdb", backup / "dump.rdb")
    assert grep(backup, WORD) == []

    await store.forget(7, ["morning"])
    assert await vault.keyring.get(keys.data_key(7)) is None

    # The backup restored on a server of its own: the sealed words are all there, and with
    # the master key and the keyring they still do not open (their data key is gone).
    with RedisServer(backup) as restored:
        old = Store(connect(restored.url), vault)
        raw = await old.redis.hget(keys.win_text(7), "10")
        assert isinstance(raw, str) and crypto.is_sealed(raw)
        assert await old.get_win(7, "10") is None
        profile = await old.get_profile(7)
        assert profile is not None and profile.checkins["0:1"].note is None
        fresh = Vault(vault.master, vault.keyring)  # no cache: another process, or later
        assert await fresh.open(7, "win:10", raw) is None
        await old.close()


async def test_another_process_forgets_a_cached_key_within_the_cache_lifetime(
    vault: Vault,
) -> None:
    clock = [0.0]
    other = Vault(vault.master, vault.keyring, cache_ttl_s=60, monotonic=lambda: clock[0])
    sealed = await vault.seal(7, "win:1", WORD)
    assert await other.open(7, "win:1", sealed) == WORD
    await vault.shred(7)  # /forget handled by another process
    clock[0] = 61.0
    assert await other.open(7, "win:1", sealed) is None


# -- the keyring, shared by processes ------------------------------------------------------


def _create_in_process(folder: str) -> str:
    keyring = FileKeyring(Path(folder))
    return asyncio.run(keyring.create(keys.data_key(7), f"k{os.getpid()}"))


def test_processes_creating_one_users_key_at_once_agree_on_one() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, ProcessPoolExecutor(4) as pool:
        winners = set(pool.map(_create_in_process, [folder] * 16))
        assert len(winners) == 1
        entry = Path(folder) / "dk" / "07" / "7"
        assert entry.read_text() == winners.pop()
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
        assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
        assert [p.name for p in entry.parent.iterdir()] == ["7"]  # no temporary file left


async def test_a_redis_keyring_creates_once_and_never_revives_a_shredded_key(
    redis_url: str,
) -> None:
    keyring = RedisKeyring(connect(redis_url.removesuffix("/0") + "/1"))
    name = keys.data_key(7)
    assert await keyring.create(name, "a") == "a"
    assert await keyring.create(name, "b") == "a"
    assert await keyring.replace(name, "a", "c")
    assert not await keyring.replace(name, "a", "d")
    assert [n async for n in keyring.data_key_names()] == [name]
    await keyring.delete(name)
    assert not await keyring.replace(name, "c", "e")
    assert await keyring.get(name) is None
    await keyring.close()


# -- rotation ------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["files", "redis"])
async def test_rotate_rewraps_every_key_and_the_old_master_is_no_longer_needed(
    backend: str, redis_url: str, tmp_path: Path
) -> None:
    old, new = new_key(), new_key()

    def keyring_of() -> Keyring:
        if backend == "files":
            return FileKeyring(tmp_path / "keyring")
        return RedisKeyring(connect(redis_url.removesuffix("/0") + "/1"))

    before = Vault(MasterKeys((old,)), keyring_of())
    await before.check()
    store = Store(connect(redis_url), before)
    for user in range(1, 6):
        await store.add_win(user, win(str(user), f"{WORD} {user}"))
    await before.shred(5)

    during = Vault(MasterKeys((new, old)), keyring_of())
    done = await during.rotate()
    assert (done.rewrapped, done.already) == (5, 0)  # four users and the check entry
    assert (await during.rotate()).rewrapped == 0

    after = Vault(MasterKeys((new,)), keyring_of())
    await after.check()
    reader = Store(connect(redis_url), after)
    for user in range(1, 5):
        found = await reader.get_win(user, str(user))
        assert found is not None and found.text == f"{WORD} {user}"
    assert await reader.get_win(5, "5") is None  # shredded stays shredded
    for v in (before, during, after):
        await v.close()
    await store.close()
    await reader.close()


async def test_a_wrong_master_key_stops_the_start_with_a_sentence(tmp_path: Path) -> None:
    from bot.vault import VaultError

    await Vault(MasterKeys((new_key(),)), FileKeyring(tmp_path)).check()
    with pytest.raises(VaultError, match="DATA_KEY does not open"):
        await Vault(MasterKeys((new_key(),)), FileKeyring(tmp_path)).check()


def test_the_key_file_is_made_once_0600_and_data_key_wins(tmp_path: Path) -> None:
    settings = Settings(DATA_DIR=tmp_path / "data")
    first = master_keys(settings)
    assert master_keys(settings) == first
    path = tmp_path / "data" / "data.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    given = MasterKeys((new_key(),))
    assert (
        master_keys(Settings(DATA_DIR=tmp_path / "data", DATA_KEY=SecretStr(given.text()))) == given
    )


# -- the outbox ------------------------------------------------------------------------------


async def test_held_wins_are_sealed_on_disk_0600_and_written_once_redis_is_back(
    store: Store, tmp_path: Path
) -> None:
    await store.create_profile(Profile(7, created_ms=NOW, zone="UTC"))
    outbox = Outbox(store, tmp_path / "outbox")
    await outbox.hold(HeldWin(7, "10", f"held {WORD}", NOW))
    assert grep(tmp_path / "outbox", WORD) == []
    assert stat.S_IMODE(outbox.path.stat().st_mode) == 0o600
    again = Outbox(store, tmp_path / "outbox")  # a restart reads it back
    assert await again.flush() == 1
    found = await store.get_win(7, "10")
    assert found is not None and found.text == f"held {WORD}"


# -- the recap, the one send that quotes the user's words ---------------------------------


async def test_the_recap_quotes_sealed_notes_and_the_morning_opens_no_key(
    store: Store, vault: Vault, emulator: BotApiEmulator
) -> None:
    from telegram import Bot

    from bot.telegram_io import TelegramSender

    library = load_library(default_content_dir())
    texts = load_texts(default_content_dir())
    series = library.series[0]
    now = datetime(2027, 1, 15, 19, 0, tzinfo=UTC)
    profile = Profile(7, zone="UTC", morning=time(7), series=series.id, series_day=len(series.days))
    await store.create_profile(profile)
    await store.save_checkin(7, 0, CheckIn(1, DAY, "noticed", note=f"felt it, {WORD}"))
    await store.schedule(7, NextSend(RECAP, to_ms(now), DAY.isoformat()))
    opened: list[int] = []

    async def open_words(p: Profile) -> Profile:
        opened.append(p.user_id)
        return await store.open_words(p)

    bot = Bot("123:crypto", base_url=emulator.base_url)
    await bot.initialize()
    dispatcher = Dispatcher(
        store=store,
        sender=TelegramSender(bot),
        plans=all_plans(library, texts),
        clock=lambda: now,
        rate_per_s=100,
        catch_up_s=7200,
        open_words=open_words,
        word_slots=WORD_SLOTS,
    )
    assert (await dispatcher.run_once()).sent == 1
    assert WORD in (emulator.bot_messages(7)[-1].text or "")
    assert opened == [7]
    await bot.shutdown()


# -- the embedded Redis, locked down -------------------------------------------------------


def test_the_locked_server_refuses_clients_without_its_password_and_keeps_files_private(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "redis"
    with RedisServer(folder, persistent=True, password="s3cret-" + "x" * 20) as server:
        with pytest.raises((AuthenticationError, ResponseError)):
            sync_redis.Redis(port=server.port).ping()
        with pytest.raises((AuthenticationError, ResponseError)):
            sync_redis.Redis(port=server.port, password="wrong").ping()
        client = sync_redis.Redis.from_url(server.url)
        client.set("k", "v")
        client.bgrewriteaof()
        client.save()
        client.close()
        cmdline = Path(f"/proc/{server.pid}/cmdline").read_bytes()
        assert b"s3cret" not in cmdline  # ps shows the command line to every local user
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.rglob("*"))
    assert any(p.name == "dump.rdb" for p in files)
    for path in files:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


def test_tend_keys_rotate_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot import cli

    assert cli.main(["keys", "new"]) == 0
    new = MasterKeys.parse(capsys.readouterr().out.strip())
    old = MasterKeys((new_key(),))
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KEYRING_URL", raising=False)

    async def seal_some() -> str:
        vault = Vault(old, FileKeyring(tmp_path / "keyring"))
        await vault.check()
        return await vault.seal(7, "win:1", WORD)

    sealed = asyncio.run(seal_some())
    monkeypatch.setenv("DATA_KEY", f"{new.text()},{old.text()}")
    assert cli.main(["keys", "rotate"]) == 0
    out = capsys.readouterr().out
    assert "re-wrapped 2 key(s)" in out and old.primary_id in out

    async def read_with_new_only() -> str | None:
        return await Vault(new, FileKeyring(tmp_path / "keyring")).open(7, "win:1", sealed)

    assert asyncio.run(read_with_new_only()) == WORD
    monkeypatch.setenv("DATA_KEY", MasterKeys((new_key(),)).text())  # a wrong key: refused
    assert cli.main(["keys", "rotate"]) == 2
    assert "DATA_KEY does not open" in capsys.readouterr().err
