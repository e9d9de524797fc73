"""Wins written while Redis is out of reach: held, on disk too, and written down once it's back.

A small append-only file under DATA_DIR keeps them across a restart; it holds only what is
still waiting and is emptied as soon as everything is in Redis (or the user asks to forget).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from redis.exceptions import RedisError

from bot.models import Win
from bot.store import Store

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

    def hold(self, win: HeldWin) -> None:
        self.held.append(win)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
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
        await self.store.add_win(held.user_id, Win(held.win_id, held.text, held.at_ms, day))
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
        tmp.write_text(
            "".join(json.dumps(asdict(w), ensure_ascii=False) + "\n" for w in self.held),
            encoding="utf-8",
        )
        tmp.replace(self.path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
