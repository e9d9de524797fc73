"""Wins written while Redis is out of reach: held, on disk too, and written down once it's back.

A small append-only file under DATA_DIR keeps them across a restart; it holds only what is
still waiting and is emptied as soon as everything is in Redis (or the user asks to forget).
The words in it are sealed under the user's data key like in Redis (never in clear: when
the keyring is out of reach too, the win is not held), and the file is 0600.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from redis.exceptions import RedisError

from bot.crypto import is_sealed
from bot.models import EntryKind, Win
from bot.safety import read
from bot.store import Store, WinsFull

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HeldWin:
    user_id: int
    win_id: str
    text: str
    at_ms: int


class Outbox:
    """Holds wins that could not be stored yet."""

    def __init__(self, store: Store, folder: Path) -> None:
        """Each process keeps its own file in ``folder``, and adopts those of dead ones."""
        self.store = store
        self.path = folder / f"outbox-{os.getpid()}.jsonl"
        self.held: list[HeldWin] = self._load(self.path)
        for other in sorted(folder.glob("outbox-*.jsonl")):
            pid = other.stem.removeprefix("outbox-")
            if other != self.path and pid.isdigit() and not _alive(int(pid)):
                self.held += self._load(other)
                self._rewrite()
                other.unlink(missing_ok=True)

    async def hold(self, win: HeldWin) -> None:
        """Keep a win until Redis is back, its text sealed (the keyring is not Redis)."""
        if self.store.vault is not None:
            sealed = await self.store.vault.seal(win.user_id, _field(win.win_id), win.text)
            win = HeldWin(win.user_id, win.win_id, sealed, win.at_ms)
        self.held.append(win)
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with _private(self.path, "a") as file:
            file.write(json.dumps(asdict(win), ensure_ascii=False) + "\n")
        log.warning(
            "redis unreachable: holding a win until it is back", extra={"held": len(self.held)}
        )

    def drop_user(self, user_id: int) -> None:
        """/forget: nothing of the user is kept here either."""
        self.held = [w for w in self.held if w.user_id != user_id]
        self._rewrite()

    async def flush(self, _context: object = None) -> int:
        """Write held wins to Redis, oldest first; stops at the first failure."""
        written = 0
        while self.held:
            win = self.held[0]
            try:
                await self._store(win)
            except (RedisError, OSError):
                break
            except WinsFull:
                # The user's store filled up meanwhile: nowhere to put it (they are told
                # so at their next win, with the way out).
                log.warning("a held win did not fit under the user's cap; dropped")
            self.held.pop(0)
            written += 1
        if written:
            self._rewrite()
            log.info("wrote held wins", extra={"written": written, "still_held": len(self.held)})
        return written

    async def _store(self, held: HeldWin) -> None:
        profile = await self.store.get_profile(held.user_id)
        if profile is None:
            return  # the user left (forgot) meanwhile
        zone = profile.tz
        moment = datetime.fromtimestamp(held.at_ms / 1000, UTC)
        day = moment.astimezone(zone).date() if zone else moment.date()
        text: str | None = held.text
        if is_sealed(held.text):
            assert self.store.vault is not None, "sealed words need the vault"
            text = await self.store.vault.open(held.user_id, _field(held.win_id), held.text)
        if text is None:
            return  # the user's key was shredded: they forgot
        # A hard feeling held through an outage is kept as a reflection, as it would have been.
        kind: EntryKind = "reflection" if read(text).hard else "win"
        await self.store.add_win(held.user_id, Win(held.win_id, text, held.at_ms, day, kind=kind))
        await self.store.mark_practised(held.user_id, day)

    @staticmethod
    def _load(path: Path) -> list[HeldWin]:
        if not path.exists():
            return []
        held = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                held.append(HeldWin(**json.loads(line)))
            except (ValueError, TypeError):
                log.error("skipping an unreadable line in the outbox file")
        return held

    def _rewrite(self) -> None:
        if not self.held:
            self.path.unlink(missing_ok=True)
            return
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with _private(tmp, "w") as file:
            file.write("".join(json.dumps(asdict(w), ensure_ascii=False) + "\n" for w in self.held))
        tmp.replace(self.path)


def _field(win_id: str) -> str:
    """Associated data of a held win: not movable to another user, win, or into Redis."""
    return f"outbox:{win_id}"


def _private(path: Path, mode: str) -> IO[str]:
    """A text file only this user can read (0600 from its creation, whatever the umask)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    return os.fdopen(os.open(path, flags, 0o600), mode, encoding="utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
