"""The dispatch loop: claim what is due, send it at the shared rate, confirm, reschedule.

Run every ``tick_s`` by PTB's JobQueue (APScheduler); ``run_once()`` is one pass a test can
await. Nothing here knows Telegram: sending goes through a ``Sender`` and each slot's
message and next time come from a ``SlotPlan``.

Why it never double-sends: a claim moves an occurrence ``uid:slot:date`` from the due set
into a leased in-flight set in one Lua script, so no two replicas hold it at once; before
sending, ``begin_send`` records it against the user's idempotency hash and refuses one
already sent. Why it never loses a send: a claim whose sender died comes back when its lease
expires, and the next occurrence is only scheduled in the same script that confirms this one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from bot.models import Profile
from bot.render import Outgoing
from bot.store import Begun, Claim, Finish, NextSend, Outcome, Store
from scheduler.schedule import from_ms, is_too_late, to_ms

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

LEASE_S = 120.0
"""A claim is someone else's after two minutes: far longer than a batch takes to send (about
two ticks, or one more when it was claimed ahead), short enough that a crash delays little.
A batch claimed ahead that waited past half of it is given back and claimed afresh."""
MAX_BATCH = 2000
"""The most one claim takes: a few ms of Redis time, so other replicas interleave."""
YIELD_EVERY = 20
"""Deciding a batch is pure CPU (about 20 us a message): the event loop gets a turn this
often (every 0.4 ms or so), so answers to people are never held up, and the next batch's
Redis calls, each waiting on the previous one's reply, keep moving meanwhile (measured:
every 100 left the loop idle 15 us a message waiting on Redis; every 20, 4 us)."""
RETRY_S = 30.0
"""A send that failed for a passing reason (network, 5xx) is tried again this much later."""


@dataclass(frozen=True, slots=True)
class SendResult:
    """What became of one send."""

    status: Literal["sent", "blocked", "retry_after", "failed"]
    message_id: int | None = None
    retry_after_s: float = 0.0


class Sender(Protocol):
    """Delivers one message to one private chat."""

    async def send(self, chat_id: int, message: Outgoing) -> SendResult: ...


class SlotPlan(Protocol):
    """What one kind of scheduled message says, and when the next one comes."""

    def compose(self, profile: Profile, claim: Claim, now: datetime) -> Outgoing | None:
        """The message, or ``None`` to skip this occurrence quietly."""

    def next_send(self, profile: Profile, claim: Claim, now: datetime) -> NextSend | None:
        """The following occurrence of this slot, or ``None`` when it does not recur."""

    def on_sent(self, profile: Profile, claim: Claim, message_id: int) -> dict[str, object]:
        """Profile fields to record once the message went out."""


@dataclass
class PassResult:
    """Counts of one pass, by outcome."""

    claimed: int = 0
    sent: int = 0
    skipped_late: int = 0
    duplicates: int = 0
    blocked: int = 0
    gone: int = 0
    retried: int = 0
    rate_limited: int = 0
    resent: int = 0
    released: int = 0


@dataclass
class Dispatcher:
    """Claims and sends scheduled messages; safe to run in any number of processes."""

    store: Store
    sender: Sender
    plans: Mapping[str, SlotPlan]
    clock: Clock
    rate_per_s: float
    catch_up_s: int
    tick_s: float = 2.0
    lease_s: float = LEASE_S
    concurrency: int = 12
    """Sends on the wire at once (the bot sets it from the rate: ``send_concurrency``)."""
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")
    before_pass: Callable[[], Awaitable[None]] | None = None
    observe_lag: Callable[[float], None] | None = None
    """Told, for each message sent, how many seconds after its due time it went out."""
    open_words: Callable[[Profile], Awaitable[Profile]] | None = None
    """Opens a profile's sealed words (``Store.open_words``), only for ``word_slots``: the
    recap quotes the user's notes; every other send goes out without a key being read."""
    word_slots: frozenset[str] = frozenset()
    totals: PassResult = field(default_factory=PassResult)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _task: asyncio.Task[None] | None = None
    _stopping: bool = False
    _resume_at: float = 0.0
    _progress_at: float = field(default_factory=time.monotonic)

    @property
    def batch(self) -> int:
        """How much one claim takes: what the rate lets out in about two ticks, and never more
        than a quarter of a lease's worth, so a batch is sent and confirmed long before its
        leases end (even when a short LEASE_S is set to recover from crashes quickly)."""
        by_rate = int(self.rate_per_s * min(self.tick_s * 2, self.lease_s / 4))
        return max(1, min(MAX_BATCH, by_rate))

    async def run_once(self) -> PassResult:
        """One pass: claim, send, confirm. Overlapping calls wait for each other."""
        async with self._lock:
            if self.before_pass is not None:
                await self.before_pass()
            result = PassResult()
            background: set[asyncio.Task[Any]] = set()
            try:
                await self._batches(result, background)
            finally:
                # Whatever happened, let confirmations already on their way land. Claims
                # taken ahead and never worked on come back when their lease ends.
                await asyncio.gather(*background, return_exceptions=True)
            self._progress_at = time.monotonic()
            _add(self.totals, result)
            await self.store.heartbeat(self.worker, to_ms(self.clock()), vars(self.totals))
            return result

    async def tick(self, _context: object = None) -> None:
        """The JobQueue callback: start a pass unless one is still sending.

        A pass through a large backlog runs for as long as the rate needs; the tick returns
        at once, so APScheduler never has an overlapping run to skip.
        """
        if self._stopping or (self._task is not None and not self._task.done()):
            return
        self._task = asyncio.create_task(self._logged_pass(), name="tend-dispatch")

    def ticking(self) -> bool:
        """Whether the loop made progress lately (a pass, or a batch of a long one)."""
        return time.monotonic() - self._progress_at < max(5 * self.tick_s, 30.0)

    async def stop(self) -> None:
        """Claim nothing more; finish the sends in flight and give back the rest."""
        self._stopping = True
        if self._task is not None:
            await self._task

    async def _logged_pass(self) -> None:
        try:
            result = await self.run_once()
        except Exception:
            log.exception("dispatch pass failed; it will be tried again next tick")
            return
        if result.claimed:
            log.info("dispatch pass", extra={"counts": vars(result)})

    async def _batches(self, result: PassResult, background: set[asyncio.Task[Any]]) -> None:
        """Claim, decide and send batches until nothing is due.

        A full batch means more is due: the next one is claimed and checked (Redis) while
        this one is decided and sent (this process), and this one's confirmations are
        written while the next is decided, so neither side waits for the other.
        """
        fetched = await self._fetch(result) if not self._stopping else None
        confirming: asyncio.Task[None] | None = None
        ahead: asyncio.Task[_Fetched | None] | None = None
        try:
            while fetched is not None:
                self._progress_at = time.monotonic()
                ahead = None
                if fetched.full and not self._stopping and not self._paused():
                    ahead = asyncio.create_task(self._fetch(result))
                    _keep_until_done(background, ahead)
                batch = await self._decide_all(fetched, result)
                await self._send_batch(batch, result)
                if confirming is not None:
                    await confirming  # at most one batch's confirmations in flight
                confirming = asyncio.create_task(batch.finisher.drain())
                _keep_until_done(background, confirming)
                if ahead is None:
                    await confirming
                    fetched = await self._fetch(result) if not self._stopping else None
                else:
                    fetched, ahead = await ahead, None
                    if fetched is not None and self._stale(fetched):
                        # Held too long behind a slow batch (a long 429 pause): its leases
                        # would run out mid-send and another pass would send it too. Claim
                        # afresh once this batch is confirmed, so nothing of it is taken
                        # back as expired.
                        result.released += await self.store.release_many(fetched.claims)
                        await confirming
                        fetched = await self._fetch(result) if not self._stopping else None
            if confirming is not None:
                await confirming
        except Exception:
            # Give back a batch fetched ahead at once rather than at the end of its lease.
            if (
                ahead is not None
                and ahead.done()
                and not ahead.cancelled()
                and not ahead.exception()
            ):
                left = ahead.result()
                if left is not None:
                    with contextlib.suppress(Exception):
                        result.released += await self.store.release_many(left.claims)
            raise

    def _paused(self) -> bool:
        """Whether Telegram asked every sender to wait (a 429) and the wait is not over."""
        return self._resume_at > asyncio.get_running_loop().time()

    def _stale(self, fetched: _Fetched) -> bool:
        """Whether a fetched batch has used half its lease: too little left to send it in."""
        return (self.clock() - fetched.now).total_seconds() > self.lease_s / 2

    async def _fetch(self, result: PassResult) -> _Fetched | None:
        """Claim the earliest due and check each against its idempotency record (Redis)."""
        now = self.clock()
        claims = await self.store.claim(to_ms(now), int(self.lease_s * 1000), self.batch)
        if not claims:
            return None
        result.claimed += len(claims)
        late = [c for c in claims if is_too_late(from_ms(c.due_ms), now, self.catch_up_s)]
        fresh = [c for c in claims if c not in late] if late else claims
        profiles = await self.store.get_profiles([c.user_id for c in late]) if late else {}
        begun = await self.store.begin_send(fresh, secrets.token_hex(4)) if fresh else []
        if self.open_words is not None and self.word_slots:
            begun = [await self._with_words(c, b) for c, b in zip(fresh, begun, strict=True)]
        return _Fetched(
            now,
            claims,
            len(claims) >= self.batch,
            [(c, profiles.get(c.user_id)) for c in late],
            list(zip(fresh, begun, strict=True)),
        )

    async def _with_words(self, claim: Claim, begun: Begun) -> Begun:
        """The profile with its words opened, when this slot's message quotes them."""
        if claim.slot not in self.word_slots or begun.profile is None or not self.open_words:
            return begun
        try:
            return Begun(begun.verdict, await self.open_words(begun.profile))
        except Exception:  # the keyring is out of reach: send without the quotes
            log.exception("could not open a user's words; sending without them")
            return begun

    async def _decide_all(self, fetched: _Fetched, result: PassResult) -> _Batch:
        """What to do with each claimed occurrence (this process only)."""
        now = fetched.now
        batch = _Batch(now, _Finisher(self.store))
        for claim, profile in fetched.late:
            batch.finisher.add(self._skip_late(claim, profile, now))
        result.skipped_late += len(fetched.late)
        for index, (claim, begun) in enumerate(fetched.fresh):
            if index % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)  # let replies to people, and Redis replies, through
            decided = self._decide(claim, begun, now, result)
            if isinstance(decided, Finish):
                batch.finisher.add(decided)
            else:
                batch.to_send.append(decided)
        return batch

    async def _send_batch(self, batch: _Batch, result: PassResult) -> None:
        """Send a prepared batch at the shared rate, ``concurrency`` at a time."""
        if self._stopping:  # prepared just before a stop: another process sends it now
            result.released += await self.store.release_many([s[0] for s in batch.to_send])
            return
        if not batch.to_send:
            return
        first_wait_s = await self.store.reserve_send_slot(self.rate_per_s, len(batch.to_send))
        started = asyncio.get_running_loop().time()
        interval_s = 1 / self.rate_per_s
        queue = iter(enumerate(batch.to_send))  # shared: each item is taken once, in order
        clock = asyncio.get_running_loop().time

        async def sending() -> None:
            """One of ``concurrency`` senders: each takes the next item when free."""
            for index, item in queue:
                slot = started + first_wait_s + index * interval_s
                if max(slot, self._resume_at) > clock():
                    await self._wait_until(slot)
                if self._stopping:  # shutting down: another process sends it now
                    await self.store.release(item[0], item[0].due_ms)
                    result.released += 1
                    continue
                try:
                    finish = await self._deliver(*item, batch.now, result)
                except Exception:  # a bug, not Telegram: the others still go out
                    log.exception("a scheduled send failed; it comes back when its lease ends")
                    result.retried += 1
                    continue
                if finish is not None:
                    batch.finisher.add(finish)

        senders = min(self.concurrency, len(batch.to_send))
        await asyncio.gather(*(sending() for _ in range(senders)))

    def _decide(
        self, claim: Claim, begun: Begun, now: datetime, result: PassResult
    ) -> Finish | ToSend:
        """What to do with one claimed occurrence, before any sending."""
        plan = self.plans.get(claim.slot)
        profile = begun.profile
        if begun.verdict == "gone" or profile is None or plan is None:
            result.gone += 1
            return Finish(claim, "gone", None, {})
        if begun.verdict == "inactive":
            result.gone += 1
            return Finish(claim, "skipped", None, {})
        nxt = plan.next_send(profile, claim, now)
        if begun.verdict == "dup":
            result.duplicates += 1
            return Finish(claim, "skipped", nxt, {})
        message = plan.compose(profile, claim, now)
        if message is None:
            return Finish(claim, "skipped", nxt, {})
        if begun.verdict == "resend":
            result.resent += 1
        return claim, profile, plan, message, nxt

    def _skip_late(self, claim: Claim, profile: Profile | None, now: datetime) -> Finish:
        """Too old to be useful: say nothing, and carry on with the next occurrence."""
        plan = self.plans.get(claim.slot)
        nxt = plan.next_send(profile, claim, now) if profile and plan else None
        return Finish(claim, "skipped", nxt, {})

    async def _deliver(
        self,
        claim: Claim,
        profile: Profile,
        plan: SlotPlan,
        message: Outgoing,
        nxt: NextSend | None,
        now: datetime,
        result: PassResult,
    ) -> Finish | None:
        outcome = await self._send(claim.user_id, message, result)
        match outcome.status:
            case "sent":
                result.sent += 1
                if self.observe_lag is not None:
                    self.observe_lag((self.clock() - from_ms(claim.due_ms)).total_seconds())
                updates = plan.on_sent(profile, claim, outcome.message_id or 0)
                return Finish(claim, "sent", nxt, updates)
            case "blocked":
                result.blocked += 1
                log.info("user blocked the bot; deactivated", extra={"user": claim.user_id})
                return Finish(claim, "blocked", None, {"active": False})
            case _:
                result.retried += 1
                await self.store.release(claim, to_ms(now + timedelta(seconds=RETRY_S)))
                return None

    async def _send(self, chat_id: int, message: Outgoing, result: PassResult) -> SendResult:
        """Send in the reserved slot; on 429 pause every sender, then take a new slot."""
        for _attempt in range(5):
            outcome = await self.sender.send(chat_id, message)
            if outcome.status != "retry_after":
                return outcome
            result.rate_limited += 1
            log.warning(
                "telegram asked to slow down", extra={"retry_after_s": outcome.retry_after_s}
            )
            loop = asyncio.get_running_loop()
            self._resume_at = max(self._resume_at, loop.time() + outcome.retry_after_s)
            await self.store.pause_sending(outcome.retry_after_s)
            wait_s = await self.store.reserve_send_slot(self.rate_per_s)
            await self._wait_until(loop.time() + wait_s)
        return SendResult("failed")

    async def _wait_until(self, at: float) -> None:
        """Sleep until loop time ``at``, and past any pause Telegram asked of us."""
        loop = asyncio.get_running_loop()
        # A loop, not one sleep: a 429 seen by another send may move _resume_at meanwhile.
        while (delay := max(at, self._resume_at) - loop.time()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)


ToSend = tuple[Claim, Profile, SlotPlan, Outgoing, NextSend | None]
"""A claimed occurrence ready to go: its claim, profile, plan, message and next send."""


@dataclass(frozen=True, slots=True)
class _Fetched:
    """One claim's worth of occurrences, with what Redis said of each."""

    now: datetime
    """When it was claimed: its leases end ``lease_s`` later."""
    claims: list[Claim]
    full: bool
    """The claim took all it could: more is probably due."""
    late: list[tuple[Claim, Profile | None]]
    """Too late to send (older than the catch-up window), with the user's profile."""
    fresh: list[tuple[Claim, Begun]]


@dataclass
class _Batch:
    """One claim's worth of occurrences, decided: what to send, and the confirmations."""

    now: datetime
    finisher: _Finisher
    to_send: list[ToSend] = field(default_factory=list)


class _Finisher:
    """Confirms claims as soon as they are settled, batching by itself.

    A send is recorded the moment Telegram accepted it, so a crash afterwards costs no
    duplicate. While one write is on its way the next ones queue and go together: one round
    trip a send at a trickle, one script call per shard under a burst.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: list[Finish] = []
        self.task: asyncio.Task[None] | None = None

    def add(self, finish: Finish) -> None:
        self.pending.append(finish)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._flush())

    async def _flush(self) -> None:
        while self.pending:
            batch, self.pending = self.pending, []
            await self.store.finish_many(batch)

    async def drain(self) -> None:
        while self.task is not None and not self.task.done():
            await self.task


def _keep_until_done(tasks: set[asyncio.Task[Any]], task: asyncio.Task[Any]) -> None:
    """Hold a task while it runs (asyncio keeps only weak references), and no longer: a
    finished batch is let go, so memory does not grow with a long pass."""
    tasks.add(task)
    task.add_done_callback(tasks.discard)


def _add(total: PassResult, part: PassResult) -> None:
    for name, value in vars(part).items():
        setattr(total, name, getattr(total, name) + value)


__all__ = ["Clock", "Dispatcher", "Outcome", "PassResult", "SendResult", "Sender", "SlotPlan"]
