"""The dispatch loop with an injected clock: real Redis, real PTB HTTP stack, the stand-in."""

from __future__ import annotations

import asyncio
import time as wall
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import pytest
from telegram import Bot

from bot.app import CONNECTIONS
from bot.content import load_library
from bot.emulator import BotApiEmulator
from bot.http import AiohttpRequest
from bot.models import Profile
from bot.plans import MORNING, all_plans, next_morning
from bot.settings import default_content_dir
from bot.store import NextSend, Store
from bot.telegram_io import TelegramSender
from bot.texts import load_texts
from scheduler.dispatch import Dispatcher
from scheduler.schedule import to_ms

TOKEN = "123:dispatch"
LIBRARY = load_library(default_content_dir())
TEXTS = load_texts(default_content_dir())


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> None:
        self.now = datetime(year, month, day, hour, minute, second, tzinfo=UTC)


class RunningClock(Clock):
    """Moves with real time from ``now``, so leases run out as they would in production."""

    def __init__(self, now: datetime) -> None:
        super().__init__(now)
        self.started = wall.monotonic()

    def __call__(self) -> datetime:
        return self.now + timedelta(seconds=wall.monotonic() - self.started)


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    bot = Bot(TOKEN, base_url=emulator.base_url, request=AiohttpRequest(CONNECTIONS))
    await bot.initialize()
    yield bot
    await bot.shutdown()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 5, 0, tzinfo=UTC))


def dispatcher(
    store: Store, bot: Bot, clock: Clock, *, rate: float = 500, **kw: object
) -> Dispatcher:
    return Dispatcher(
        store=store,
        sender=TelegramSender(bot),
        plans=all_plans(LIBRARY, TEXTS),
        clock=clock,
        rate_per_s=rate,
        catch_up_s=7200,
        tick_s=1.0,
        **kw,  # type: ignore[arg-type]
    )


async def user(
    store: Store, clock: Clock, user_id: int, zone: str, at: time, followup_h: int = 0
) -> None:
    profile = Profile(
        user_id, created_ms=to_ms(clock()), zone=zone, morning=at, followup_h=followup_h
    )
    await store.create_profile(profile)
    nxt = next_morning(profile, clock())
    assert nxt is not None
    await store.schedule(user_id, nxt)


async def due_at(store: Store, at: datetime, first_id: int, count: int) -> list[Profile]:
    """``count`` users in UTC, each with a morning practice due at ``at``."""
    profiles = [
        Profile(first_id + i, zone="UTC", morning=at.time(), followup_h=0) for i in range(count)
    ]
    await store.save_profiles(profiles)
    due = NextSend(MORNING, to_ms(at), at.date().isoformat())
    await store.schedule_many([(p.user_id, due) for p in profiles])
    return profiles


def prompts(emulator: BotApiEmulator, chat_id: int) -> list[str]:
    return [m.text or "" for m in emulator.bot_messages(chat_id)]


async def test_a_prompt_goes_out_at_its_minute_and_only_once(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    await user(store, clock, 1, "Europe/Berlin", time(7, 0))
    loop = dispatcher(store, bot, clock)
    clock.set(2026, 11, 23, 5, 59, 59)
    assert (await loop.run_once()).sent == 0
    clock.set(2026, 11, 23, 6, 0, 0)
    assert (await loop.run_once()).sent == 1
    [text] = prompts(emulator, 1)
    practice = LIBRARY.practice((await store.get_profile(1)).last_practice or "")  # type: ignore[union-attr]
    assert practice is not None and practice.title in text
    clock.set(2026, 11, 23, 12, 0, 0)
    assert (await loop.run_once()).sent == 0
    assert await store.next_due(1, MORNING) == to_ms(datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    assert emulator.violations == []


async def test_the_next_days_practice_is_a_different_one(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    await user(store, clock, 5, "UTC", time(6, 0))
    loop = dispatcher(store, bot, clock)
    for day in range(23, 27):
        clock.set(2026, 11, day, 6, 0, 1)
        await loop.run_once()
    texts = prompts(emulator, 5)
    assert len(texts) == 4 and len(set(texts)) == 4


async def test_catch_up_sends_what_is_under_two_hours_late_and_skips_the_rest(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    clock.set(2026, 11, 23, 3, 0)
    await user(store, clock, 1, "UTC", time(5, 0))  # will be 1h59 late
    await user(store, clock, 2, "UTC", time(4, 58))  # will be 2h01 late
    clock.set(2026, 11, 23, 6, 59)  # the bot was down since 03:00
    result = await dispatcher(store, bot, clock).run_once()
    assert (result.sent, result.skipped_late) == (1, 1)
    assert len(prompts(emulator, 1)) == 1
    assert prompts(emulator, 2) == []
    assert await store.next_due(2, MORNING) == to_ms(datetime(2026, 11, 24, 4, 58, tzinfo=UTC))


async def test_earliest_due_goes_first_when_more_is_due_than_the_rate_allows(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    clock.set(2026, 11, 23, 4, 0)
    for i in range(40):
        await user(store, clock, 100 + i, "UTC", time(5, 0 + i))
    clock.set(2026, 11, 23, 6, 0)
    loop = dispatcher(store, bot, clock, rate=200)
    loop.tick_s = 0.025  # claim 10 at a time
    result = await loop.run_once()
    assert result.sent == 40
    order = [int(c.params["chat_id"]) for c in emulator.calls if c.method == "sendMessage"]
    # A batch goes out concurrently, so order inside one is the network's; but each batch
    # holds exactly the next ten due, and everyone is sent.
    batches = [set(order[i : i + 10]) for i in range(0, 40, 10)]
    assert batches == [set(range(100 + i, 110 + i)) for i in range(0, 40, 10)]


async def test_a_backlog_of_many_batches_goes_out_whole_and_once(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    profiles = await due_at(store, datetime(2026, 11, 23, 6, 0, tzinfo=UTC), 2000, 95)
    clock.set(2026, 11, 23, 6, 0)
    loop = dispatcher(store, bot, clock, rate=1000)
    loop.tick_s = 0.01  # claim 20 at a time: the next batch is claimed while one is sent
    result = await loop.run_once()
    assert (result.claimed, result.sent) == (95, 95)
    assert all(len(prompts(emulator, p.user_id)) == 1 for p in profiles)
    assert await store.inflight_count() == 0
    assert await store.scheduled() == 95  # every user has tomorrow


async def test_a_stop_mid_pass_gives_back_at_once_what_it_had_not_sent(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    profiles = await due_at(store, datetime(2026, 11, 23, 6, 0, tzinfo=UTC), 3000, 60)
    clock.set(2026, 11, 23, 6, 0)
    loop = dispatcher(store, bot, clock, rate=40)
    loop.tick_s = 0.25  # batches of 20, each half a second at 40/s
    passing = asyncio.create_task(loop.run_once())
    await emulator.wait_until(lambda: len(emulator.calls_to("sendMessage")) >= 5)
    await loop.stop()
    result = await passing
    sent = {p.user_id for p in profiles if prompts(emulator, p.user_id)}
    assert len(sent) == result.sent and 5 <= result.sent < 60
    assert result.claimed == 40  # the batch being sent and the one claimed ahead
    assert result.released == 40 - result.sent  # both given back, not left to their lease
    assert await store.inflight_count() == 0  # nothing waits for a lease to run out
    assert await store.backlog(to_ms(clock())) == 60 - result.sent  # due again, for anyone
    again = await dispatcher(store, bot, clock, rate=1000).run_once()
    assert again.sent == 60 - result.sent
    assert all(len(prompts(emulator, p.user_id)) == 1 for p in profiles)


async def test_a_batch_claimed_ahead_and_held_past_half_its_lease_is_claimed_afresh(
    store: Store, bot: Bot, emulator: BotApiEmulator
) -> None:
    # A 429 holds the first batch of 10 for a second; the batch claimed ahead meanwhile
    # has a 0.6 s lease, so sent as it was it would be claimed again, and go out twice.
    running = RunningClock(datetime(2026, 11, 23, 5, 0, tzinfo=UTC))
    profiles = await due_at(store, running.now, 4000, 30)
    emulator.fail_next("sendMessage", status=429, retry_after=1)
    loop = dispatcher(store, bot, running, rate=200, lease_s=0.6)
    loop.tick_s = 0.025  # batches of 10
    result = await loop.run_once()
    assert (result.sent, result.rate_limited, result.resent) == (30, 1, 0)
    assert result.released >= 10  # the batch held too long went back and came again
    assert all(len(prompts(emulator, p.user_id)) == 1 for p in profiles)
    assert await store.inflight_count() == 0


async def test_a_user_who_blocked_the_bot_is_deactivated_and_others_carry_on(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    await user(store, clock, 1, "UTC", time(6, 0))
    await user(store, clock, 2, "UTC", time(6, 0))
    emulator.user_blocks(2)
    loop = dispatcher(store, bot, clock)
    clock.set(2026, 11, 23, 6, 0)
    result = await loop.run_once()
    assert (result.sent, result.blocked) == (1, 1)
    blocked = await store.get_profile(2)
    assert blocked is not None and not blocked.active
    assert await store.next_due(2, MORNING) is None
    clock.set(2026, 11, 24, 6, 0)
    assert (await loop.run_once()).sent == 1
    assert emulator.stats["http_403"] == 1


async def test_daylight_saving_days_send_once_at_the_shifted_time(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    clock.set(2026, 3, 7, 12, 0)
    await user(store, clock, 1, "America/New_York", time(2, 30))
    loop = dispatcher(store, bot, clock)
    clock.set(2026, 3, 8, 7, 29, 59)  # 03:29:59 EDT: 02:30 never happened today
    assert (await loop.run_once()).sent == 0
    clock.set(2026, 3, 8, 7, 30, 0)  # 03:30 EDT
    assert (await loop.run_once()).sent == 1
    clock.set(2026, 3, 9, 6, 29, 0)
    assert (await loop.run_once()).sent == 0

    clock.set(2026, 10, 31, 12, 0)
    await user(store, clock, 2, "America/New_York", time(1, 30))
    clock.set(2026, 11, 1, 5, 30)  # 01:30 EDT, the first one
    assert (await loop.run_once()).sent == 1
    clock.set(2026, 11, 1, 6, 30)  # 01:30 EST, the repeat
    assert (await loop.run_once()).sent == 0
    clock.set(2026, 11, 2, 6, 30)  # the next morning, 01:30 EST
    assert (await loop.run_once()).sent == 1
    assert len(prompts(emulator, 2)) == 2


async def test_two_loops_on_one_redis_send_each_prompt_once(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator, redis_url: str
) -> None:
    from bot.store import connect

    profiles = await due_at(store, datetime(2026, 11, 23, 6, 0, tzinfo=UTC), 1000, 300)
    other = Store(connect(redis_url))
    clock.set(2026, 11, 23, 6, 0)
    one = dispatcher(store, bot, clock, worker="one")
    two = dispatcher(other, bot, clock, worker="two")
    first, second = await asyncio.gather(one.run_once(), two.run_once())
    await other.close()
    assert first.sent + second.sent == 300
    assert all(len(prompts(emulator, p.user_id)) == 1 for p in profiles)


async def test_a_429_pauses_sending_for_retry_after_and_loses_nothing(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    for i in range(5):
        await user(store, clock, 10 + i, "UTC", time(6, 0))
    clock.set(2026, 11, 23, 6, 0)
    emulator.fail_next("sendMessage", status=429, retry_after=1)
    started = wall.monotonic()
    result = await dispatcher(store, bot, clock, concurrency=1).run_once()
    assert wall.monotonic() - started >= 1.0
    assert (result.sent, result.rate_limited) == (5, 1)
    assert all(len(prompts(emulator, 10 + i)) == 1 for i in range(5))


async def test_a_passing_failure_is_retried_later(
    store: Store, bot: Bot, clock: Clock, emulator: BotApiEmulator
) -> None:
    await user(store, clock, 1, "UTC", time(6, 0))
    loop = dispatcher(store, bot, clock)
    clock.set(2026, 11, 23, 6, 0)
    emulator.fail_next("sendMessage", status=502, description="Bad Gateway")
    assert (await loop.run_once()).retried == 1
    assert prompts(emulator, 1) == []
    clock.now += timedelta(seconds=30)
    assert (await loop.run_once()).sent == 1
    assert len(prompts(emulator, 1)) == 1
