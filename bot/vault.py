"""The vault: seals and opens a user's words with their data key, and shreds it on /forget.

It joins the pure crypto (bot/crypto.py) to the keyring (bot/keyring.py) and keeps recently
used data keys in memory, so reading a win costs one AES-GCM operation, not a keyring round
trip. The Store is handed one and calls it for words only; the send path never does.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot import crypto, keys
from bot.keyring import FileKeyring, Keyring, RedisKeyring, private_dir
from bot.settings import Settings

log = logging.getLogger(__name__)

CACHE_SIZE = 4096
"""Data keys kept in memory: the users active in the last minute or so of a busy bot."""
CACHE_TTL_S = 60.0
"""A key another process shredded (/forget) stays usable here at most this long."""
KEY_FILE = "data.key"
KEYRING_DIR = "keyring"
CHECK_USER = 0
"""The check entry is wrapped as if for user 0 (no Telegram user has id 0)."""


class VaultError(RuntimeError):
    """The vault cannot work as configured; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Rotation:
    """What ``Vault.rotate`` did."""

    rewrapped: int
    already: int
    gone: int


class Vault:
    """Per-user data keys, wrapped by the master keys, cached for a minute."""

    def __init__(
        self,
        master: crypto.MasterKeys,
        keyring: Keyring,
        *,
        cache_size: int = CACHE_SIZE,
        cache_ttl_s: float = CACHE_TTL_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.master = master
        self.keyring = keyring
        self._cache: OrderedDict[int, tuple[AESGCM, float]] = OrderedDict()
        self._cache_size = cache_size
        self._ttl_s = cache_ttl_s
        self._monotonic = monotonic

    async def seal(self, user_id: int, field: str, plaintext: str) -> str:
        """The words sealed under the user's data key (made on their first words)."""
        data = await self._cipher(user_id, create=True)
        assert data is not None
        return crypto.seal(data, user_id, field, plaintext)

    async def open(self, user_id: int, field: str, sealed: str) -> str | None:
        """The words back; ``None`` when the user's key was shredded (they forgot).

        Raises ``crypto.CryptoError`` when the value was tampered with or moved.
        """
        data = await self._cipher(user_id, create=False)
        return None if data is None else crypto.open_sealed(data, user_id, field, sealed)

    async def shred(self, user_id: int) -> None:
        """Destroy the user's data key: every copy of their words, anywhere, is unreadable."""
        self._cache.pop(user_id, None)
        await self.keyring.delete(keys.data_key(user_id))

    async def check(self) -> str:
        """Verify the master key opens this keyring; returns the keyring's id.

        A wrong DATA_KEY (or a keyring from elsewhere) stops the start with a sentence,
        instead of sealing new words under keys nobody can open later.
        """
        check = await self.keyring.create(
            keys.KEYRING_CHECK, self.master.wrap(CHECK_USER, crypto.new_key())
        )
        try:
            self.master.unwrap(CHECK_USER, check)
        except crypto.CryptoError:
            raise VaultError(
                "DATA_KEY does not open this keyring's keys. If you changed it, list the new "
                "key first and the old one after it (DATA_KEY=new,old), start, then run "
                "`tend keys rotate`."
            ) from None
        return await self.keyring.create(keys.KEYRING_ID, secrets.token_hex(8))

    async def rotate(self) -> Rotation:
        """Re-wrap every data key under the newest master key; safe while the bot runs."""
        rewrapped = already = gone = 0
        names = [keys.KEYRING_CHECK]
        names += [name async for name in self.keyring.data_key_names()]
        for name in names:
            user_id = CHECK_USER if name == keys.KEYRING_CHECK else int(name.rpartition(":")[2])
            wrapped = await self.keyring.get(name)
            if wrapped is None:
                gone += 1  # shredded meanwhile: nothing to do, and nothing may revive it
                continue
            if self.master.wrapped_by_primary(wrapped):
                already += 1
                continue
            new = self.master.wrap(user_id, self.master.unwrap(user_id, wrapped))
            if await self.keyring.replace(name, wrapped, new):
                rewrapped += 1
            else:
                gone += 1
        return Rotation(rewrapped, already, gone)

    async def close(self) -> None:
        self._cache.clear()
        await self.keyring.close()

    async def _cipher(self, user_id: int, *, create: bool) -> AESGCM | None:
        now = self._monotonic()
        cached = self._cache.get(user_id)
        if cached is not None and cached[1] > now:
            self._cache.move_to_end(user_id)
            return cached[0]
        name = keys.data_key(user_id)
        wrapped = await self.keyring.get(name)
        if wrapped is None:
            if not create:
                return None
            wrapped = await self.keyring.create(name, self.master.wrap(user_id, crypto.new_key()))
        data = crypto.cipher(self.master.unwrap(user_id, wrapped))
        self._cache[user_id] = (data, now + self._ttl_s)
        self._cache.move_to_end(user_id)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return data


def master_keys(settings: Settings) -> crypto.MasterKeys:
    """DATA_KEY when set; else the key file under DATA_DIR, created (0600) on first start."""
    if settings.data_key is not None:
        return crypto.MasterKeys.parse(settings.data_key.get_secret_value())
    path = private_dir(settings.data_dir) / KEY_FILE
    if not path.exists():
        # Written aside, then linked into place: a process starting at the same moment
        # reads the whole key or makes its own and loses the race, never half of one.
        tmp = path.with_name(f".{KEY_FILE}-{os.getpid()}-{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(base64.b64encode(crypto.new_key()).decode() + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
            log.info("created a master key file", extra={"path": str(path)})
        tmp.unlink()
    return crypto.MasterKeys.parse(path.read_text(encoding="ascii"))


def open_keyring(settings: Settings) -> Keyring:
    """KEYRING_URL when set (a second Redis); else files under DATA_DIR/keyring."""
    if settings.keyring_url is not None:
        from bot.store import connect

        return RedisKeyring(connect(settings.keyring_url))
    return FileKeyring(private_dir(settings.data_dir) / KEYRING_DIR)


def build_vault(settings: Settings) -> Vault:
    return Vault(master_keys(settings), open_keyring(settings))


def key_file(settings: Settings) -> Path:
    return settings.data_dir / KEY_FILE
