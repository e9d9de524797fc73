"""Scheduler acceptance, end to end: bot processes, the stand-in, a real Redis."""

from __future__ import annotations

import itertools
import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from bot.models import Profile
from bot.plans import FOLLOW_UP, MORNING
from bot.store import NextSend, Store
from scheduler.schedule import to_ms
from tests.harness import BotProcess, bot_env, onboard, run_bot, say, started, wait_for_passes

pytestmark = pytest.mark.e2e


async def seed_due(store: Store, user_ids: range, due_at: datetime) -> None:
    """Users whose morning prompt is due at ``due_at`` (UTC zone, morning = that minute)."""
    morning = due_at.time().replace(second=0, microsecond=0)
    for user_id in user_ids:
        await store.create_profile(Profile(user_id, zone="UTC", morning=morning, followup_h=0))
    await store.schedule_many(
        [(u, NextSend(MORNING, to_ms(due_at), due_at.date().isoformat())) for u in user_ids]
    )


async def wait_for_sends(emulator: BotApiEmulator, count: int, timeout_s: float) -> None:
    """Wait until the stand-in has accepted ``count`` messages in all."""
    await emulator.wait_until(
        lambda: emulator.stats["sent"] >= count, timeout_s, what=f"{count} messages sent"
    )


def per_chat(emulator: BotApiEmulator) -> Counter[int]:
    return Counter(
        int(c.params["chat_id"])
        for c in emulator.calls
        if c.method == "sendMessage" and c.status == 200
    )


async def test_a_prompt_set_for_the_next_minute_arrives_within_30_s_exactly_once(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    await run_bot(emulator, processes, bot_env(emulator, redis_url, tmp_path), tmp_path / "bot.log")
    await say(emulator, 31, "/start", "welcome")
    await say(emulator, 31, "/timezone UTC", "when would you like")
    now = datetime.now(UTC)
    minute = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (minute - now).total_seconds() < 5:
        minute += timedelta(minutes=1)
    since = emulator.cursor()
    emulator.user_sends(31, f"/time {minute:%H:%M}")
    confirm = await emulator.wait_for_bot_message(
        31, since=since, predicate=lambda m: "your time" in (m.text or "")
    )
    assert f"at {minute:%H:%M} your time" in (confirm.text or "")

    since = emulator.cursor()
    prompt = await emulator.wait_for_bot_message(31, since=since, timeout=100)
    arrived = datetime.now(UTC)
    assert minute <= arrived <= minute + timedelta(seconds=30)
    assert "🌱" in (prompt.text or "")
    await wait_for_passes(store, 3)
    assert len(emulator.bot_messages(31)) == len(
        [m for m in emulator.bot_messages(31) if m.message_id <= prompt.message_id]
    )
    # What comes next is the day's one gentle follow-up, three hours on; no second prompt.
    assert await store.next_due(31, MORNING) is None
    assert await store.next_due(31, FOLLOW_UP) == to_ms(minute + timedelta(hours=3))
    assert emulator.violations == []


async def test_two_sender_processes_send_each_of_2000_prompts_once(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(10_000, 12_000)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    env = bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "1000"})
    for name in ("a", "b"):
        await run_bot(emulator, processes, env, tmp_path / f"{name}.log", "sender")
    await wait_for_sends(emulator, len(users), timeout_s=60)
    await wait_for_passes(store, 4)
    counts = per_chat(emulator)
    assert sorted(counts) == list(users)
    assert set(counts.values()) == {1}
    beats = await store.heartbeats()
    assert len(beats) == 2
    print(f"\nsent by each process: {[b.get('sent') for b in beats.values()]}")


@pytest.mark.reliability
async def test_a_sender_killed_mid_burst_loses_nothing_and_duplicates_at_most_its_inflight(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(20_000, 21_000)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    env = bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "150", "LEASE_S": "2"})
    first = await run_bot(emulator, processes, env, tmp_path / "first.log", "sender")
    await wait_for_sends(emulator, 300, timeout_s=30)
    await first.kill()
    in_flight = await store.inflight_count()
    sent_before = emulator.stats["sent"]

    await run_bot(emulator, processes, env, tmp_path / "second.log", "sender")
    await wait_for_sends(emulator, len(users), timeout_s=60)
    await wait_for_passes(store, 4)
    counts = per_chat(emulator)
    duplicates = sum(n - 1 for n in counts.values())
    print(
        f"\nkilled after {sent_before} sends with {in_flight} claims in flight; "
        f"lost {len(users) - len(counts)}, duplicated {duplicates}"
    )
    assert sorted(counts) == list(users)  # nobody lost
    assert duplicates <= in_flight


async def test_under_telegrams_limits_no_429_and_an_injected_429_delays_everything(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    emulator.set_flood_limits(global_per_s=30, per_chat_per_s=1)
    users = range(30_000, 30_120)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    bot = BotProcess(
        bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "25"}),
        tmp_path / "bot.log",
        args=("run", "--role", "sender"),
    )
    processes.append(await started(emulator, bot, polls=False))
    await wait_for_sends(emulator, 40, timeout_s=30)
    emulator.fail_next("sendMessage", status=429, retry_after=2)
    await wait_for_sends(emulator, len(users), timeout_s=60)
    counts = per_chat(emulator)
    assert sorted(counts) == list(users) and set(counts.values()) == {1}
    assert emulator.stats["http_429"] == 1  # only the injected one
    ok = [c.at for c in emulator.calls if c.method == "sendMessage" and c.status == 200]
    failed = next(c.at for c in emulator.calls if c.method == "sendMessage" and c.status == 429)
    after = min(t for t in ok if t > failed)
    assert after - failed >= 1.9  # nobody sent during retry_after
    gaps = [b - a for a, b in itertools.pairwise(ok)]
    assert max(gaps) < 5  # one pause of 2 s, plus slack for a loaded machine


def _faketime() -> str:
    path = shutil.which("faketime")
    assert path, "faketime is needed (scripts/system-deps installs it)"
    return path


@pytest.mark.parametrize(
    ("start_utc", "local", "expected_utc", "restart_utc"),
    [
        # 02:30 New York on spring-forward day: one prompt at 03:30 EDT (07:30 UTC).
        ("2026-03-08 07:29:48", "02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC), None),
        # 01:30 on fall-back day: the first (EDT, 05:30 UTC); a restart just before the
        # second 01:30 (EST, 06:30 UTC) finds tomorrow scheduled, not a repeat.
        (
            "2026-11-01 05:29:48",
            "01:30",
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            "2026-11-01 06:29:55",
        ),
    ],
)
async def test_dst_days_under_faketime(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
    start_utc: str,
    local: str,
    expected_utc: datetime,
    restart_utc: str | None,
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"TZ": "UTC"})
    bot = BotProcess(env, tmp_path / "bot.log", wrapper=(_faketime(), "-f", f"@{start_utc}"))
    processes.append(await started(emulator, bot))
    await onboard(emulator, 55, "America/New_York", f"{local}")
    assert await store.next_due(55, MORNING) == to_ms(expected_utc)
    since = emulator.cursor()
    await emulator.wait_for_bot_message(55, since=since, timeout=40)
    await wait_for_passes(store, 2)  # the pass that sent it has confirmed it
    profile = await store.get_profile(55)
    assert profile is not None and str(profile.last_prompt_date) == str(expected_utc.date())
    assert await store.next_due(55, MORNING) is None  # no repeat of the same local date
    follow_up = await store.next_due(55, FOLLOW_UP)
    assert follow_up == to_ms(expected_utc + timedelta(hours=3))
    if restart_utc is not None:
        await bot.stop()
        again = BotProcess(
            env, tmp_path / "again.log", wrapper=(_faketime(), "-f", f"@{restart_utc}")
        )
        processes.append(await started(emulator, again))
        await wait_for_passes(store, 40, timeout_s=30)  # 8 s of passes, past 06:30 UTC
        assert await store.next_due(55, MORNING) is None
        assert await store.next_due(55, FOLLOW_UP) == follow_up
    prompts = [m for m in emulator.bot_messages(55) if (m.text or "").startswith("🌱")]
    assert len(prompts) == 1
