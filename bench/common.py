"""Shared bench helpers: process memory, table printing, seeding users."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path

from bot.models import Profile
from bot.plans import MORNING
from bot.store import NextSend, Store
from scheduler.schedule import to_ms


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process, MiB."""
    fields = dict(
        line.split(":", 1)
        for line in Path("/proc/self/status").read_text().splitlines()
        if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep, *[line(r) for r in cells[1:]]])


async def seed_users(store: Store, count: int, due_at: datetime, first_id: int = 1) -> None:
    """``count`` onboarded users, all due at ``due_at`` (as if they all chose that minute)."""
    morning = time(due_at.hour, due_at.minute)
    batch = 5000
    for start in range(first_id, first_id + count, batch):
        ids = range(start, min(start + batch, first_id + count))
        await store.save_profiles(
            [
                Profile(
                    u,
                    created_ms=to_ms(due_at),
                    zone="UTC",
                    morning=morning,
                    practice_seq=3,
                    followup_h=0,
                )
                for u in ids
            ]
        )
        await store.schedule_many(
            [(u, NextSend(MORNING, to_ms(due_at), due_at.date().isoformat())) for u in ids]
        )
