"""Where the wrapped data keys live: apart from the words, so that deleting one shreds them.

Two backends with one small interface, both safe with several processes:

* ``RedisKeyring``: a second Redis (KEYRING_URL), never the one that holds the words, so its
  snapshots, append-only files and replicas are its own and can be kept for a short time.
* ``FileKeyring``: one file per user under DATA_DIR/keyring (folders 0700, files 0600),
  outside the embedded Redis's own files. A new key is written to a private temporary file
  and ``link``-ed into place, which fails if another process got there first (atomic
  create-if-absent); changes and deletions are serialised by an ``flock``.

Entry names come from ``bot.keys`` (``keys.data_key(uid)``, ``keys.KEYRING_CHECK``, ...).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Final, Protocol

from redis.asyncio import Redis, RedisCluster

from bot import keys


class Keyring(Protocol):
    """Small named values, each created once, changed only by compare-and-set."""

    async def get(self, name: str) -> str | None: ...

    async def create(self, name: str, value: str) -> str:
        """Store ``value`` unless the name exists; returns what is stored (ours or theirs)."""

    async def replace(self, name: str, old: str, new: str) -> bool:
        """Set ``new`` only if the value is still ``old`` (rotation never revives a deletion)."""

    async def delete(self, name: str) -> None: ...

    def data_key_names(self) -> AsyncIterator[str]:
        """Every user's data key entry (for rotation)."""

    async def close(self) -> None: ...


_REPLACE: Final = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end
return 0
"""


class RedisKeyring:
    """The keyring on its own Redis server (KEYRING_URL)."""

    def __init__(self, redis: Redis | RedisCluster) -> None:
        self.redis = redis
        self._replace = redis.register_script(_REPLACE)

    async def get(self, name: str) -> str | None:
        value = await self.redis.get(name)
        return None if value is None else _s(value)

    async def create(self, name: str, value: str) -> str:
        if await self.redis.set(name, value, nx=True):
            return value
        stored = await self.get(name)
        return stored if stored is not None else await self.create(name, value)

    async def replace(self, name: str, old: str, new: str) -> bool:
        return bool(await self._replace(keys=[name], args=[old, new]))

    async def delete(self, name: str) -> None:
        await self.redis.delete(name)

    async def data_key_names(self) -> AsyncIterator[str]:
        async for name in self.redis.scan_iter(match=keys.data_key(0)[:-1] + "*", count=1000):
            yield _s(name)

    async def close(self) -> None:
        await self.redis.aclose()


class FileKeyring:
    """The keyring as files under one private folder (the embedded default)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        private_dir(folder)
        self._lock_path = folder / "lock"

    async def get(self, name: str) -> str | None:
        try:
            return self._path(name).read_text(encoding="ascii")
        except FileNotFoundError:
            return None

    async def create(self, name: str, value: str) -> str:
        path = self._path(name)
        private_dir(path.parent)
        tmp = self._write_tmp(path.parent, value)
        try:
            os.link(tmp, path)  # atomic, and fails when another process created it first
        except FileExistsError:
            return path.read_text(encoding="ascii")
        finally:
            tmp.unlink()
        _sync_dir(path.parent)
        return value

    async def replace(self, name: str, old: str, new: str) -> bool:
        path = self._path(name)
        with self._locked():
            try:
                if path.read_text(encoding="ascii") != old:
                    return False
            except FileNotFoundError:
                return False
            os.replace(self._write_tmp(path.parent, new), path)
            _sync_dir(path.parent)
            return True

    async def delete(self, name: str) -> None:
        path = self._path(name)
        with self._locked(), contextlib.suppress(FileNotFoundError):
            # Overwrite, then unlink: on a plain file system the old blocks no longer hold
            # the key. (Copy-on-write and SSD remapping may keep them: see SECURITY.md.)
            with path.open("r+b") as file:
                file.write(b"\0" * len(file.read()))
                file.flush()
                os.fsync(file.fileno())
            path.unlink()
            _sync_dir(path.parent)

    async def data_key_names(self) -> AsyncIterator[str]:
        for path in sorted((self.folder / "dk").glob("*/*")):
            if path.name.isdigit():
                yield keys.data_key(int(path.name))

    async def close(self) -> None:
        return None

    def _path(self, name: str) -> Path:
        prefix = keys.data_key(0)[:-1]
        if name.startswith(prefix):
            user = int(name.removeprefix(prefix))
            return self.folder / "dk" / f"{user % 256:02x}" / str(user)
        return self.folder / name.rpartition(":")[2]

    @staticmethod
    def _write_tmp(folder: Path, value: str) -> Path:
        tmp = folder / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(value)
            file.flush()
            os.fsync(file.fileno())
        return tmp

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def private_dir(folder: Path) -> Path:
    """A folder only this user can enter (0700), made if missing, tightened if not."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def private_tree(folder: Path) -> None:
    """DATA_DIR as an older Tend may have left it: every folder 0700, every file 0600."""
    private_dir(folder)
    for root, dirs, files in os.walk(folder):
        if Path(root).name == "keyring":
            dirs[:] = [d for d in dirs if d != "dk"]  # made 0700/0600 by FileKeyring itself
        for name in dirs:
            private_dir(Path(root, name))
        for name in files:
            path = Path(root, name)
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _s(value: bytes | str) -> str:
    return value if isinstance(value, str) else value.decode()
