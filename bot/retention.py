"""Retention: people who blocked the bot long ago are deleted, as /forget would.

A block is known from Telegram (a ``my_chat_member`` update, recorded with its time) or from
a send that Telegram refused (403: the profile is deactivated; the daily pass records it the
first time it sees it, so at most a day late). RETENTION_DAYS after that, everything of the
user is deleted. Nothing else counts: someone who reads their practices without ever
replying is active, and is never deleted for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot import keys
from bot.store import Store

log = logging.getLogger(__name__)

DAY_MS = 24 * 3600 * 1000
SWEEP_EVERY_S = 24 * 3600.0


async def sweep(store: Store, now_ms: int, retention_days: int, slots: Iterable[str]) -> list[int]:
    """One pass at ``now_ms``: records new blocks, forgets those older than the retention;
    returns the ids deleted."""
    if retention_days <= 0:
        return []
    users = await store.user_ids()
    active = await store.active_flags(users)
    cutoff_ms = now_ms - retention_days * DAY_MS
    deleted: list[int] = []
    slots = tuple(slots)
    for shard in range(keys.SHARDS):
        known = await store.inactive_since(shard)
        for user_id, since_ms in known.items():
            if active.get(user_id, True):  # came back, or already gone
                await store.note_active(user_id)
            elif since_ms <= cutoff_ms:
                await store.forget(user_id, slots)
                deleted.append(user_id)
    for user_id, is_active in active.items():
        if not is_active and user_id not in deleted:
            await store.note_inactive(user_id, now_ms, fresh=False)  # kept if known
    if deleted:
        log.info(
            "deleted people who blocked the bot long ago",
            extra={"deleted": len(deleted), "retention_days": retention_days},
        )
    return deleted
