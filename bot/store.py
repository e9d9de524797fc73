"""The one module that talks to Redis.

Keys come from ``bot.keys``; everything that must be atomic is one Lua script over keys of
one shard (one hash slot), so it runs the same on a single server and on Redis Cluster.
Connection errors are retried with backoff by redis-py; what still fails reaches the caller
as ``redis.exceptions.ConnectionError`` and is handled at the edges.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, cast
from urllib.parse import unquote, urlsplit

from redis.asyncio import Redis, RedisCluster, Sentinel
from redis.asyncio.cluster import ClusterNode
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.commands.core import AsyncScript
from redis.exceptions import BusyLoadingError, ConnectionError, NoScriptError, TimeoutError

from bot import keys
from bot.crypto import CryptoError, is_sealed
from bot.models import (
    CHECKIN_PREFIX,
    CheckIn,
    EntryKind,
    Profile,
    Question,
    Win,
    checkin_field,
    encode_changes,
    profile_from_hash,
    profile_hash,
)
from bot.portable import Pending

if TYPE_CHECKING:
    from bot.vault import Vault

log = logging.getLogger(__name__)
T = TypeVar("T")

Verdict = Literal["go", "resend", "dup", "gone", "inactive"]
Outcome = Literal["sent", "skipped", "blocked", "gone"]
"""How a claim ended; only ``sent`` marks the occurrence as done for good."""

_CLAIM: Final = """
-- KEYS: due, occ, inflight, flight.
-- ARGV: now_ms, lease_until_ms, due_limit, expired_limit.
-- Returns flat triples: occurrence id, due ms, redelivered flag. Expired leases first (their
-- sender died), then up to due_limit of the earliest due.
local now, lease = tonumber(ARGV[1]), ARGV[2]
local due_limit, expired_limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, expired_limit)
for _, id in ipairs(expired) do
  local due = redis.call('HGET', KEYS[4], id)
  if due then
    redis.call('ZADD', KEYS[3], lease, id)
    table.insert(out, id); table.insert(out, due); table.insert(out, '1')
  else
    redis.call('ZREM', KEYS[3], id)
  end
end
if due_limit <= 0 then return out end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, due_limit)
-- One command per step for the whole batch, in slices (Lua's unpack has a stack limit).
for first = 1, #due, 1000 do
  local members, leased, flying = {}, {}, {}
  for i = first, math.min(first + 999, #due), 2 do members[#members + 1] = due[i] end
  local dates = redis.call('HMGET', KEYS[2], unpack(members))
  for j, member in ipairs(members) do
    local id, score = member .. ':' .. (dates[j] or ''), due[first + 2 * j - 1]
    leased[#leased + 1] = lease; leased[#leased + 1] = id
    flying[#flying + 1] = id; flying[#flying + 1] = score
    table.insert(out, id); table.insert(out, score); table.insert(out, '0')
  end
  redis.call('ZREM', KEYS[1], unpack(members))
  redis.call('HDEL', KEYS[2], unpack(members))
  redis.call('ZADD', KEYS[3], unpack(leased))
  redis.call('HSET', KEYS[4], unpack(flying))
end
return out
"""

_BEGIN: Final = """
-- KEYS: user_1, sent_1, user_2, sent_2, ... (one shard). ARGV: token, ttl_s, then a JSON
-- list of the sent fields, one per pair of keys (one argument, not one per occurrence:
-- packing arguments is what costs the client most).
-- For each occurrence: marks it as being sent unless it was sent already or the user is
-- gone or inactive. Returns, per occurrence, {verdict, profile fields}.
local fields = cjson.decode(ARGV[3])
local out = {}
for i = 1, #KEYS, 2 do
  local user, sent, field = KEYS[i], KEYS[i + 1], fields[(i + 1) / 2]
  local profile = redis.call('HGETALL', user)
  if #profile == 0 then
    table.insert(out, {'gone'})
  else
    local active = true
    for j = 1, #profile, 2 do
      if profile[j] == 'active' then active = profile[j + 1] ~= '0'; break end
    end
    local state = redis.call('HGET', sent, field)
    if not active then
      table.insert(out, {'inactive', profile})
    elseif state == 'sent' then
      table.insert(out, {'dup', profile})
    else
      redis.call('HSET', sent, field, 'sending:' .. ARGV[1])
      redis.call('EXPIRE', sent, ARGV[2])
      local verdict = 'go'
      if state then verdict = 'resend' end
      table.insert(out, {verdict, profile})
    end
  end
end
return out
"""

_FINISH: Final = """
-- KEYS: due, occ, inflight, flight, then user_1, sent_1, user_2, sent_2, ... (one shard).
-- ARGV: ttl_s, then a JSON list with one record per pair of user keys:
--   [occurrence id, field, outcome, next member, next ms, next date, [profile k, v, ...],
--    [profile fields to delete]].
-- Records each outcome, releases the lease and schedules the next occurrence, unless the
-- user moved it meanwhile (ZADD NX) or is gone (then nothing of them is left behind).
local records = cjson.decode(ARGV[2])
local ids = {}
for r = 1, #records do ids[r] = records[r][1] end
for first = 1, #ids, 1000 do
  local slice = {unpack(ids, first, math.min(first + 999, #ids))}
  redis.call('ZREM', KEYS[3], unpack(slice))
  redis.call('HDEL', KEYS[4], unpack(slice))
end
for r = 1, #records do
  local user, sent = KEYS[3 + 2 * r], KEYS[4 + 2 * r]
  local _, field, outcome, member, score, date, updates, cleared = unpack(records[r])
  if redis.call('EXISTS', user) == 0 then
    redis.call('DEL', sent)
  else
    if outcome == 'sent' then
      redis.call('HSET', sent, field, 'sent')
      redis.call('EXPIRE', sent, ARGV[1])
    elseif redis.call('HGET', sent, field) ~= 'sent' then
      redis.call('HDEL', sent, field)
    end
    if #updates > 0 then redis.call('HSET', user, unpack(updates)) end
    if #cleared > 0 then redis.call('HDEL', user, unpack(cleared)) end
    if member ~= '' and redis.call('ZADD', KEYS[1], 'NX', score, member) == 1 then
      redis.call('HSET', KEYS[2], member, date)
    end
  end
end
return 1
"""

_RELEASE: Final = """
-- KEYS: sent, due, occ, inflight, flight. ARGV: occurrence id, field, member, retry ms, date.
-- A send that failed for a passing reason goes back to the due set, unless it was sent.
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
if redis.call('HGET', KEYS[1], ARGV[2]) == 'sent' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[2])
if redis.call('ZADD', KEYS[2], 'NX', ARGV[4], ARGV[3]) == 1 then
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[5])
end
return 1
"""

_CHANGE: Final = """
-- KEYS: user. ARGV: JSON object of fields to set, JSON list of fields to delete.
-- Writes only these fields, and only for a user who still exists.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local values, cleared = cjson.decode(ARGV[1]), cjson.decode(ARGV[2])
local flat = {}
for k, v in pairs(values) do flat[#flat + 1] = k; flat[#flat + 1] = v end
if #flat > 0 then redis.call('HSET', KEYS[1], unpack(flat)) end
if #cleared > 0 then redis.call('HDEL', KEYS[1], unpack(cleared)) end
return 1
"""

_RESERVE: Final = """
-- KEYS: tat. ARGV: interval_us, ttl_ms, count. GCRA: every replica reserves its next slots
-- on one shared timeline, so together they never exceed the rate. Returns the wait in us
-- until the first of ``count`` consecutive slots, ``interval_us`` apart.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local after = tat + tonumber(ARGV[1]) * tonumber(ARGV[3])
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', ARGV[2])
return string.format('%.0f', tat - now)
"""

_PAUSE: Final = """
-- KEYS: tat. ARGV: pause_us, ttl_ms. A 429 pushes the shared timeline past retry_after.
local t = redis.call('TIME')
local until_us = tonumber(t[1]) * 1000000 + tonumber(t[2]) + tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < until_us then
  redis.call('SET', KEYS[1], string.format('%.0f', until_us), 'PX', ARGV[2])
end
return 1
"""


_SWAP: Final = """
-- KEYS: a hash. ARGV: field, old, new. Set the field to new only if it still holds old.
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
"""


_ADD_WIN: Final = """
-- KEYS: wins, wintext, winbytes. ARGV: win id, at ms, JSON, max count, max bytes.
-- Adds (or replaces) a win unless that would pass the user's caps; returns 'ok', 'count'
-- or 'bytes'. The byte counter is built once from the stored wins when it is missing.
local size = string.len(ARGV[3])
local old = redis.call('HSTRLEN', KEYS[2], ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 0 then
  local total = 0
  for _, v in ipairs(redis.call('HVALS', KEYS[2])) do total = total + string.len(v) end
  redis.call('SET', KEYS[3], total)
end
local bytes = tonumber(redis.call('GET', KEYS[3]))
if old == 0 and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 'count' end
if bytes - old + size > tonumber(ARGV[5]) then return 'bytes' end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('INCRBY', KEYS[3], size - old)
return 'ok'
"""

_SET_WIN_TEXT: Final = """
-- KEYS: wintext, winbytes. ARGV: win id, JSON ('' deletes). Keeps the byte counter true.
local old = redis.call('HSTRLEN', KEYS[1], ARGV[1])
if old == 0 and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], ARGV[1])
else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('INCRBY', KEYS[2], string.len(ARGV[2]) - old)
end
return 1
"""


class WinsFull(Exception):
    """A new win would pass the user's cap (``WINS_MAX`` or ``WINS_MAX_BYTES``)."""

    def __init__(self, reason: Literal["count", "bytes"]) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WinLimits:
    """What one user may keep (settings WINS_MAX and WINS_MAX_BYTES)."""

    count: int = 10_000
    bytes: int = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Claim:
    """One occurrence claimed for sending, under a lease."""

    occurrence_id: str
    user_id: int
    slot: str
    local_date: str
    due_ms: int
    redelivered: bool

    @property
    def sent_field(self) -> str:
        return f"{self.local_date}:{self.slot}"

    @classmethod
    def parse(cls, occurrence_id: str, due: str, redelivered: str) -> Claim:
        user_id, slot, local_date = occurrence_id.split(":", 2)
        return cls(
            occurrence_id, int(user_id), slot, local_date, int(float(due)), redelivered == "1"
        )


@dataclass(frozen=True, slots=True)
class Begun:
    """The answer of ``begin_send``: whether to send, and the user's profile if so."""

    verdict: Verdict
    profile: Profile | None


@dataclass(frozen=True, slots=True)
class NextSend:
    """Where a user's next occurrence of a slot goes."""

    slot: str
    at_ms: int
    local_date: str


def _by_shard(items: Iterable[T], user_of: Callable[[T], int]) -> dict[int, list[T]]:
    groups: dict[int, list[T]] = {}
    for item in items:
        groups.setdefault(keys.shard_of(user_of(item)), []).append(item)
    return groups


def _s(value: bytes | str) -> str:
    """The client decodes responses; its annotations still say ``bytes | str``."""
    return value if isinstance(value, str) else value.decode()


def _hash(raw: Mapping[bytes | str, bytes | str]) -> dict[str, str]:
    return {_s(k): _s(v) for k, v in raw.items()}


def _json(value: object) -> str:
    """One script argument for many values: JSON, which Lua reads with ``cjson.decode``."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _fields(values: Mapping[str, str | int]) -> Mapping[Any, Any]:
    """A str mapping as redis-py's (invariant) Mapping parameter type."""
    return values


@dataclass(frozen=True, slots=True)
class Finish:
    """How one claim ended, for ``finish_many``."""

    claim: Claim
    outcome: Outcome
    next_send: NextSend | None
    profile_updates: Mapping[str, object]
    """Profile attributes the send changed (``Store.change``'s terms: ``None`` clears)."""


AnyRedis = Redis | RedisCluster
ScriptCall = tuple[AsyncScript, list[str], list[Any]]
"""A Lua script, its keys and its arguments."""


def connect(url: str, *, retries: int = 6) -> AnyRedis:
    """A client with retries and backoff; no connection is made until first use.

    ``redis://`` and ``rediss://`` (one server), ``redis+cluster://h1:p1,h2:p2`` (Redis
    Cluster: any reachable nodes, the rest is discovered) and
    ``redis+sentinel://h1:p1,h2:p2/service[/db]`` (the primary that Sentinel names, followed
    across failovers). A password goes before the hosts: ``redis+cluster://:pw@h1:p1``.
    """
    retry = Retry(ExponentialBackoff(cap=2.0, base=0.05), retries)
    options: dict[str, Any] = {
        "decode_responses": True,
        "retry": retry,
        "socket_connect_timeout": 2.0,
        "socket_timeout": 5.0,
    }
    parts = urlsplit(url)
    if parts.scheme in ("redis+cluster", "redis+sentinel"):
        hosts = [_host_port(h) for h in parts.netloc.rpartition("@")[2].split(",") if h]
        if parts.password:
            options["password"] = unquote(parts.password)
        if parts.scheme == "redis+cluster":
            nodes = [ClusterNode(host, port) for host, port in hosts]
            return RedisCluster(startup_nodes=nodes, **options)
        service, _, db = parts.path.strip("/").partition("/")
        if not service:
            raise ValueError("redis+sentinel:// needs a service name: .../mymaster[/db]")
        sentinel = Sentinel(hosts, sentinel_kwargs={"socket_timeout": 2.0})  # type: ignore[no-untyped-call]
        primary: Redis = sentinel.master_for(
            service,
            redis_class=Redis,
            db=int(db or 0),
            retry_on_error=[ConnectionError, TimeoutError, BusyLoadingError],
            **options,
        )
        return primary
    client: Redis = Redis.from_url(
        url,
        retry_on_error=[ConnectionError, TimeoutError, BusyLoadingError],
        health_check_interval=15,
        **options,
    )
    return client


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return (host or text, int(port)) if port.isdigit() else (text, 6379)


class Store:
    """Users, wins and the shared schedule, over one redis-py asyncio client.

    With a ``vault``, everything a person wrote (wins, check-in notes) is sealed before it
    reaches Redis and opened after; without one (benchmarks, schedule-only tests) it is
    stored in clear. The send path (claim, begin_send, finish_many) never touches it.
    """

    def __init__(self, redis: AnyRedis, vault: Vault | None = None) -> None:
        self.redis = redis
        self.vault = vault
        self._claim = redis.register_script(_CLAIM)
        self._begin = redis.register_script(_BEGIN)
        self._finish = redis.register_script(_FINISH)
        self._release = redis.register_script(_RELEASE)
        self._reserve = redis.register_script(_RESERVE)
        self._pause = redis.register_script(_PAUSE)
        self._change = redis.register_script(_CHANGE)
        self._swap = redis.register_script(_SWAP)
        self._add_win = redis.register_script(_ADD_WIN)
        self._set_win_text = redis.register_script(_SET_WIN_TEXT)
        self.win_limits = WinLimits()

    async def close(self) -> None:
        # A Sentinel-managed client also holds connections to the sentinels themselves.
        manager = getattr(getattr(self.redis, "connection_pool", None), "sentinel_manager", None)
        await self.redis.aclose()
        for sentinel in getattr(manager, "sentinels", ()):
            await sentinel.aclose()

    async def ping(self) -> bool:
        return bool(await self.redis.ping())

    async def prepare(self) -> None:
        """Load every script on every primary before the first pass needs them."""
        for script in (
            self._claim,
            self._begin,
            self._finish,
            self._release,
            self._reserve,
            self._pause,
            self._change,
            self._swap,
        ):
            await self.redis.script_load(script.script)

    # -- users ---------------------------------------------------------------------------

    async def get_profile(self, user_id: int) -> Profile | None:
        """The profile, with the user's check-in notes opened."""
        raw = _hash(await self.redis.hgetall(keys.user(user_id)))
        return await self.open_words(profile_from_hash(user_id, raw)) if raw else None

    async def get_profiles(self, user_ids: Sequence[int]) -> dict[int, Profile]:
        """Several profiles in one round trip; users who are gone are left out."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for user_id in user_ids:
                pipe.hgetall(keys.user(user_id))
            raws = await pipe.execute()
        return {u: profile_from_hash(u, _hash(r)) for u, r in zip(user_ids, raws, strict=True) if r}

    async def change(self, profile: Profile, **changes: Any) -> Profile:
        """Write just these attributes of a user, atomically; returns the profile with them.

        Only the named fields are touched (a value that is ``None`` or the default deletes its
        field), so two handlers changing different things never undo each other. Nothing is
        written for a user who is gone (``/forget`` meanwhile).
        """
        changed = profile.with_(**changes)
        values, cleared = encode_changes(changes)
        await self._change(keys=[keys.user(profile.user_id)], args=[_json(values), _json(cleared)])
        return changed

    async def take_question(self, user_id: int) -> Question | None:
        """The question the bot asked this user, removed: each is answered once.

        Of two messages racing to answer it, one gets it; the other is read as itself.
        """
        key = keys.user(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hget(key, "asking")
            pipe.hdel(key, "asking")
            raw, _ = await pipe.execute()
        return profile_from_hash(user_id, {"asking": _s(raw)}).asking if raw else None

    async def create_profile(self, profile: Profile) -> bool:
        """Store a new user; ``False`` (and no change) when they exist already."""
        key = keys.user(profile.user_id)
        created = await self.redis.hsetnx(key, "created_ms", str(profile.created_ms))
        if created:
            await self.redis.hset(key, mapping=_fields(profile_hash(profile)))
        return bool(created)

    async def save_profiles(self, profiles: Sequence[Profile]) -> None:
        """Bulk ``save_profile`` in one round trip (imports, benchmarks)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for profile in profiles:
                pipe.hset(keys.user(profile.user_id), mapping=_fields(profile_hash(profile)))
            await pipe.execute()

    # -- schedule ------------------------------------------------------------------------

    async def schedule(self, user_id: int, nxt: NextSend) -> None:
        """Put (or move) a user's pending occurrence of ``nxt.slot``."""
        shard = keys.shard_of(user_id)
        member = keys.member(user_id, nxt.slot)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(keys.due(shard), {member: nxt.at_ms})
            pipe.hset(keys.occ(shard), member, nxt.local_date)
            await pipe.execute()

    async def schedule_many(self, items: Sequence[tuple[int, NextSend]]) -> None:
        """Bulk ``schedule`` (loading many users: benchmarks, imports)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for user_id, nxt in items:
                shard = keys.shard_of(user_id)
                member = keys.member(user_id, nxt.slot)
                pipe.zadd(keys.due(shard), {member: nxt.at_ms})
                pipe.hset(keys.occ(shard), member, nxt.local_date)
            await pipe.execute()

    async def unschedule(self, user_id: int, slots: Iterable[str]) -> None:
        shard = keys.shard_of(user_id)
        members = [keys.member(user_id, s) for s in slots]
        if not members:
            return
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(keys.due(shard), *members)
            pipe.hdel(keys.occ(shard), *members)
            await pipe.execute()

    async def next_due(self, user_id: int, slot: str) -> int | None:
        score = await self.redis.zscore(
            keys.due(keys.shard_of(user_id)), keys.member(user_id, slot)
        )
        return int(score) if score is not None else None

    async def earliest_due_ms(self) -> int | None:
        """The earliest pending send over all shards (playground time travel, metrics)."""
        results: list[list[tuple[str, float]]] = await self._each_shard(
            lambda pipe, shard: pipe.zrange(keys.due(shard), 0, 0, withscores=True)
        )
        scores = [int(r[0][1]) for r in results if r]
        return min(scores) if scores else None

    async def scheduled(self) -> int:
        """How many sends are pending in all (every user's next morning, reminders, ...)."""
        return sum(await self._each_shard(lambda pipe, shard: pipe.zcard(keys.due(shard))))

    async def backlog(self, now_ms: int) -> int:
        """How many sends are due and not yet claimed."""
        return sum(
            await self._each_shard(lambda pipe, shard: pipe.zcount(keys.due(shard), "-inf", now_ms))
        )

    async def claim(self, now_ms: int, lease_ms: int, limit: int) -> list[Claim]:
        """Atomically take the ``limit`` earliest due sends over all shards, under a lease.

        Two round trips: a peek at each shard's earliest scores decides how many each shard
        gives, so the batch is the earliest due over all shards (fairness) and nothing is
        over-claimed. The peek reads twice a fair share of each shard: a shard holding more
        of the earliest than that gives the rest in the next batch, a moment later.
        Expired leases (a sender died) are taken back first, whatever the limit.
        """
        peek = 2 * -(-limit // keys.SHARDS)  # twice a fair share; more waits a batch
        peeks: list[list[tuple[str, float]]] = await self._each_shard(
            lambda pipe, shard: pipe.zrangebyscore(
                keys.due(shard), "-inf", now_ms, start=0, num=peek, withscores=True
            )
        )
        ranked = sorted((score, shard) for shard, peek in enumerate(peeks) for _, score in peek)
        share = [0] * keys.SHARDS
        for _, shard in ranked[:limit]:
            share[shard] += 1
        results: list[list[str]] = await self._scripts(
            [
                (
                    self._claim,
                    keys.schedule_keys(shard),
                    [now_ms, now_ms + lease_ms, share[shard], limit],
                )
                for shard in range(keys.SHARDS)
            ]
        )
        claims = [
            Claim.parse(flat[i], flat[i + 1], flat[i + 2])
            for flat in results
            for i in range(0, len(flat), 3)
        ]
        claims.sort(key=lambda c: c.due_ms)
        return claims

    async def begin_send(self, claims: Sequence[Claim], token: str) -> list[Begun]:
        """Mark each claimed occurrence as being sent, unless sent already (idempotency).

        One script call per shard, whatever the number of claims.
        """
        by_shard = _by_shard(claims, lambda c: c.user_id)
        results: list[list[list[Any]]] = await self._scripts(
            [
                (
                    self._begin,
                    [k for c in group for k in (keys.user(c.user_id), keys.sent(c.user_id))],
                    [token, keys.SENT_TTL_S, _json([c.sent_field for c in group])],
                )
                for group in by_shard.values()
            ]
        )
        verdicts: dict[str, Begun] = {}
        for group, answers in zip(by_shard.values(), results, strict=True):
            for claim, answer in zip(group, answers, strict=True):
                profile = None
                if len(answer) > 1:  # the client decodes: these are str already
                    flat = iter(answer[1])
                    profile = profile_from_hash(claim.user_id, dict(zip(flat, flat, strict=True)))
                verdict = cast(Verdict, answer[0])
                verdicts[claim.occurrence_id] = Begun(verdict, profile)
        return [verdicts[c.occurrence_id] for c in claims]

    async def finish_send(
        self,
        claim: Claim,
        outcome: Outcome,
        nxt: NextSend | None,
        profile_updates: Mapping[str, object] | None = None,
    ) -> None:
        """Confirm a claim: record the outcome, release the lease, schedule the next one."""
        await self.finish_many([Finish(claim, outcome, nxt, profile_updates or {})])

    async def finish_many(self, finishes: Sequence[Finish]) -> None:
        """``finish_send`` for a whole batch: one script call per shard."""
        if not finishes:
            return
        calls: list[ScriptCall] = []
        for shard, group in _by_shard(finishes, lambda f: f.claim.user_id).items():
            user_keys: list[str] = []
            records: list[list[object]] = []
            for f in group:
                claim, nxt = f.claim, f.next_send
                user_keys += [keys.user(claim.user_id), keys.sent(claim.user_id)]
                values, cleared = encode_changes(f.profile_updates)
                records.append(
                    [
                        claim.occurrence_id,
                        claim.sent_field,
                        f.outcome,
                        keys.member(claim.user_id, nxt.slot) if nxt else "",
                        str(nxt.at_ms) if nxt else "0",
                        nxt.local_date if nxt else "",
                        [x for kv in values.items() for x in kv],
                        cleared,
                    ]
                )
            calls.append(
                (
                    self._finish,
                    [*keys.schedule_keys(shard), *user_keys],
                    [keys.SENT_TTL_S, _json(records)],
                )
            )
        await self._scripts(calls)

    async def _each_shard(self, queue: Callable[[Any, int], object]) -> list[Any]:
        """One read per shard, queued by ``queue(pipe, shard)``, in one round trip."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for shard in range(keys.SHARDS):
                queue(pipe, shard)
            return list(await pipe.execute())

    async def _scripts(self, calls: Sequence[ScriptCall]) -> list[Any]:
        """Several script calls in one round trip on one server; concurrently on a cluster.

        redis-py does not pipeline EVALSHA on a cluster, so there each call goes to its own
        node at once (and loads its script there if the node lacks it). On one server a
        pipeline loads missing scripts first; should one vanish meanwhile (a failover behind
        Sentinel), load them again and try once more.
        """
        if isinstance(self.redis, RedisCluster):
            return list(await asyncio.gather(*(s(keys=k, args=a) for s, k, a in calls)))
        for attempt in (1, 2):
            try:
                async with self.redis.pipeline(transaction=False) as pipe:
                    for script, script_keys, args in calls:
                        await script(keys=script_keys, args=args, client=cast(Any, pipe))
                    return list(await pipe.execute())
            except NoScriptError:
                if attempt == 2:
                    raise
                log.warning("scripts missing on a redis node (failover?); loading them again")
                await self.prepare()
        raise AssertionError("unreachable")

    async def release(self, claim: Claim, retry_at_ms: int) -> None:
        """Give a claim back after a passing failure; it is tried again at ``retry_at_ms``."""
        await self._scripts([self._release_call(claim, retry_at_ms)])

    async def release_many(self, claims: Sequence[Claim]) -> int:
        """Give back claims nobody worked on (a stop): each is due again when it was due.

        One round trip; returns how many were given back.
        """
        if claims:
            await self._scripts([self._release_call(c, c.due_ms) for c in claims])
        return len(claims)

    def _release_call(self, claim: Claim, retry_at_ms: int) -> ScriptCall:
        return (
            self._release,
            [keys.sent(claim.user_id), *keys.schedule_keys(keys.shard_of(claim.user_id))],
            [
                claim.occurrence_id,
                claim.sent_field,
                keys.member(claim.user_id, claim.slot),
                retry_at_ms,
                claim.local_date,
            ],
        )

    async def inflight_count(self) -> int:
        return sum(await self._each_shard(lambda pipe, shard: pipe.zcard(keys.inflight(shard))))

    # -- global send rate ----------------------------------------------------------------

    async def reserve_send_slot(self, rate_per_s: float, count: int = 1) -> float:
        """Reserve ``count`` consecutive send slots on the timeline all replicas share.

        Returns the seconds to wait before the first; the others follow ``1 / rate_per_s``
        apart.
        """
        interval_us = 1_000_000 / rate_per_s
        wait_us = await self._reserve(
            keys=[keys.RATE_TAT], args=[interval_us, keys.RATE_KEY_TTL_MS, count]
        )
        return int(wait_us) / 1_000_000

    async def pause_sending(self, seconds: float) -> None:
        """After a 429: no replica sends again before ``seconds`` have passed."""
        pause_ms = int(seconds * 1000) + keys.RATE_KEY_TTL_MS
        await self._pause(keys=[keys.RATE_TAT], args=[int(seconds * 1_000_000), pause_ms])

    async def clock_offset_s(self) -> float:
        value = await self.redis.get(keys.CLOCK_OFFSET)
        return float(_s(value)) if value else 0.0

    async def pin_clock(self, at: datetime, now: datetime) -> float:
        """Set the travelling clock so that it reads ``at`` at real time ``now`` (tests).

        Only before a bot has read it: a running clock never moves back.
        """
        offset_s = (at - now).total_seconds()
        await self.redis.set(keys.CLOCK_OFFSET, repr(offset_s))
        return offset_s

    async def advance_clock(self, seconds: float) -> float:
        """Move the shared travelling clock forward; returns the new offset."""
        return float(await self.redis.incrbyfloat(keys.CLOCK_OFFSET, seconds))

    async def first_delivery(self, update_id: int) -> bool:
        """Whether this update is seen for the first time (webhook redeliveries, replicas)."""
        key = keys.update_seen(update_id)
        return bool(await self.redis.set(key, "1", nx=True, ex=keys.UPDATE_SEEN_TTL_S))

    async def take_poll_lock(self, owner: str, ttl_s: int = keys.POLL_LOCK_TTL_S) -> str | None:
        """Become the only poller; returns the current holder when another process is."""
        if await self.redis.set(keys.POLL_LOCK, owner, nx=True, ex=ttl_s):
            return None
        holder = await self.redis.get(keys.POLL_LOCK)
        if holder is not None and _s(holder) == owner:
            await self.redis.expire(keys.POLL_LOCK, ttl_s)
            return None
        return _s(holder) if holder is not None else await self.take_poll_lock(owner, ttl_s)

    async def poll_lock_left_ms(self) -> int:
        """Milliseconds before the poll lock expires unless renewed (negative: not held)."""
        return int(await self.redis.pttl(keys.POLL_LOCK))

    async def release_poll_lock(self, owner: str) -> None:
        holder = await self.redis.get(keys.POLL_LOCK)
        if holder is not None and _s(holder) == owner:
            await self.redis.delete(keys.POLL_LOCK)

    async def heartbeat(self, worker: str, now_ms: int, counts: dict[str, int]) -> None:
        """Record that a dispatch loop finished a pass (and its running totals)."""
        key = keys.heartbeat(worker)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hincrby(key, "passes", 1)
            pipe.hset(key, mapping=_fields({"last_ms": now_ms, **counts}))
            pipe.expire(key, keys.HEARTBEAT_TTL_S)
            await pipe.execute()

    async def heartbeats(self) -> dict[str, dict[str, str]]:
        """Every live dispatch loop's heartbeat, by worker name."""
        out: dict[str, dict[str, str]] = {}
        async for key in self.redis.scan_iter(match=keys.heartbeat("*")):
            out[_s(key).rsplit(":", 1)[-1]] = _hash(await self.redis.hgetall(key))
        return out

    # -- wins ----------------------------------------------------------------------------

    async def add_win(self, user_id: int, win: Win) -> None:
        """Keep a win (or replace one with its id), sealed; ``WinsFull`` past ``win_limits``
        (the bytes counted are the sealed ones, as stored)."""
        value = await self._seal_win(user_id, win)
        limits = self.win_limits
        verdict = await self._add_win(
            keys=[keys.wins(user_id), keys.win_text(user_id), keys.win_bytes(user_id)],
            args=[win.win_id, win.at_ms, value, limits.count, limits.bytes],
        )
        if verdict != "ok":
            raise WinsFull("count" if verdict == "count" else "bytes")
        await self._index_kind(user_id, win)

    async def get_win(self, user_id: int, win_id: str) -> Win | None:
        raw = await self.redis.hget(keys.win_text(user_id), win_id)
        return await self._open_win(user_id, win_id, _s(raw)) if raw else None

    async def update_win(self, user_id: int, win: Win) -> bool:
        """Replace a win's text and kind; ``False`` when there is no such win."""
        written = bool(
            await self._set_win_text(
                keys=[keys.win_text(user_id), keys.win_bytes(user_id)],
                args=[win.win_id, await self._seal_win(user_id, win)],
            )
        )
        if written:
            await self._index_kind(user_id, win)
        return written

    async def _index_kind(self, user_id: int, win: Win) -> None:
        """Keep the reflections' index in step with an entry's kind."""
        if win.is_reflection:
            await self.redis.sadd(keys.reflections(user_id), win.win_id)
        else:
            await self.redis.srem(keys.reflections(user_id), win.win_id)

    async def set_kind(self, user_id: int, win_id: str, kind: EntryKind) -> Win | None:
        """Move an entry between wins and reflections; ``None`` when there is no such entry."""
        win = await self.get_win(user_id, win_id)
        if win is None:
            return None
        moved = replace(win, kind=kind)
        return moved if await self.update_win(user_id, moved) else None

    async def count_reflections(self, user_id: int) -> int:
        return int(await self.redis.scard(keys.reflections(user_id)))

    async def delete_win(self, user_id: int, win_id: str) -> bool:
        await self.redis.srem(keys.reflections(user_id), win_id)
        removed = await self.redis.zrem(keys.wins(user_id), win_id)
        await self._set_win_text(
            keys=[keys.win_text(user_id), keys.win_bytes(user_id)], args=[win_id, ""]
        )
        return bool(removed)

    async def count_wins(self, user_id: int) -> int:
        """Wins only (reflections are kept beside them, and not counted as wins)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.zcard(keys.wins(user_id))
            pipe.scard(keys.reflections(user_id))
            entries, reflections = await pipe.execute()
        return int(entries) - int(reflections)

    async def count_entries(self, user_id: int) -> int:
        """Wins and reflections together (paging the list of both)."""
        return int(await self.redis.zcard(keys.wins(user_id)))

    async def list_wins(self, user_id: int, offset: int = 0, limit: int = 10) -> list[Win]:
        """Newest first."""
        found = await self.redis.zrevrange(keys.wins(user_id), offset, offset + limit - 1)
        ids = [_s(i) for i in found if isinstance(i, bytes | str)]
        if not ids:
            return []
        raws = await self.redis.hmget(keys.win_text(user_id), ids)
        opened = [
            await self._open_win(user_id, i, _s(r)) for i, r in zip(ids, raws, strict=True) if r
        ]
        return [w for w in opened if w is not None]

    async def mark_practised(self, user_id: int, day: date) -> None:
        await self.redis.sadd(keys.days(user_id), day.isoformat())

    async def practised_days(self, user_id: int) -> set[date]:
        found = await self.redis.smembers(keys.days(user_id))
        return {date.fromisoformat(_s(d)) for d in found}

    async def all_wins(self, user_id: int) -> list[Win]:
        """Every win, newest first (for /export)."""
        return await self.list_wins(user_id, 0, 1_000_000)

    async def save_checkin(self, user_id: int, round_: int, checkin: CheckIn) -> None:
        """One field of the user's hash, written alone: a stale profile save cannot undo it.

        The note (the user's words) is sealed; the answers, which the send path reads to
        decide tomorrow's question, stay readable to it.
        """
        field = checkin_field(round_, checkin.day)
        if self.vault is not None and checkin.note is not None:
            sealed = await self.vault.seal(user_id, field, checkin.note)
            checkin = replace(checkin, note=None, sealed_note=sealed)
        await self.redis.hset(keys.user(user_id), field, checkin.to_json())

    # -- words (sealed by the vault) -------------------------------------------------------

    async def open_words(self, profile: Profile) -> Profile:
        """The profile with its check-in notes opened (those of a shredded key: none)."""
        if self.vault is None or not any(c.sealed_note for c in profile.checkins.values()):
            return profile
        opened = dict(profile.checkins)
        for key, checkin in profile.checkins.items():
            if checkin.sealed_note is not None:
                note = await self._open(profile.user_id, CHECKIN_PREFIX + key, checkin.sealed_note)
                opened[key] = replace(checkin, note=note, sealed_note=None)
        return profile.with_(checkins=opened)

    async def _seal_win(self, user_id: int, win: Win) -> str:
        if self.vault is None:
            return win.to_json()
        return await self.vault.seal(user_id, f"win:{win.win_id}", win.to_json())

    async def _open_win(self, user_id: int, win_id: str, raw: str) -> Win | None:
        """A stored win; ``None`` when it cannot be opened (its key was shredded)."""
        if not is_sealed(raw):
            return Win.from_json(win_id, raw)  # written before encryption at rest
        plain = await self._open(user_id, f"win:{win_id}", raw)
        return Win.from_json(win_id, plain) if plain is not None else None

    async def _open(self, user_id: int, field: str, sealed: str) -> str | None:
        if self.vault is None:
            log.error("sealed words but no vault to open them", extra={"user": user_id})
            return None
        try:
            return await self.vault.open(user_id, field, sealed)
        except CryptoError:
            log.error("sealed words that do not open", extra={"user": user_id, "field": field})
            return None

    async def seal_cleartext(self) -> int | None:
        """Seal the words an older Tend stored in clear; how many (``None``: done before).

        At start, once per Redis. Each value is replaced only if it still holds the clear
        text read (a user editing it meanwhile wins): safe beside running processes.
        """
        if self.vault is None or await self.redis.exists(keys.CLEARTEXT_SEALED):
            return None
        sealed = 0
        async for raw in self.redis.scan_iter(match=keys.every_user(keys.win_text), count=1000):
            key = _s(raw)
            user_id = int(key.rpartition(":")[2])
            async for win_id, value in self.redis.hscan_iter(key):
                if not is_sealed(_s(value)):
                    new = await self.vault.seal(user_id, f"win:{_s(win_id)}", _s(value))
                    sealed += await self._swap(keys=[key], args=[_s(win_id), _s(value), new])
            await self.redis.delete(keys.win_bytes(user_id))  # sizes changed: recounted lazily
        async for raw in self.redis.scan_iter(match=keys.every_user(keys.user), count=1000):
            key = _s(raw)
            user_id = int(key.rpartition(":")[2])
            async for field, value in self.redis.hscan_iter(key, match=CHECKIN_PREFIX + "*"):
                checkin = CheckIn.from_json(_s(value))
                if checkin.note is not None:
                    note = await self.vault.seal(user_id, _s(field), checkin.note)
                    new = replace(checkin, note=None, sealed_note=note).to_json()
                    sealed += await self._swap(keys=[key], args=[_s(field), _s(value), new])
        await self.redis.set(keys.CLEARTEXT_SEALED, "1")
        return sealed

    async def claim_keyring(self, keyring_id: str) -> str | None:
        """Tie this Redis to a keyring; returns the other keyring's id if already tied."""
        if await self.redis.set(keys.KEYRING_MARK, keyring_id, nx=True):
            return None
        mark = await self.redis.get(keys.KEYRING_MARK)
        return None if mark is None or _s(mark) == keyring_id else _s(mark)

    # -- forgetting ----------------------------------------------------------------------

    async def forget(self, user_id: int, slots: Iterable[str]) -> None:
        """Shred the user's data key, then delete every key of theirs and every schedule
        entry naming them (one shard). Shredding first: should the rest fail half-way, or
        survive in a backup, what is left of their words cannot be read."""
        if self.vault is not None:
            await self.vault.shred(user_id)
        shard = keys.shard_of(user_id)
        members = [keys.member(user_id, s) for s in slots]
        prefix = f"{user_id}:"
        in_flight = [
            m async for m, _ in self.redis.zscan_iter(keys.inflight(shard), match=f"{prefix}*")
        ]
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(*keys.user_keys(user_id))
            pipe.zrem(keys.inactive(shard), str(user_id))
            pipe.zrem(keys.due(shard), *members)
            pipe.hdel(keys.occ(shard), *members)
            if in_flight:
                pipe.zrem(keys.inflight(shard), *in_flight)
                pipe.hdel(keys.flight(shard), *in_flight)
            await pipe.execute()

    # -- hardening: bounded work, data rights, retention --------------------------------

    async def delete_oldest_wins(self, user_id: int, count: int) -> int:
        """Delete the user's ``count`` oldest wins (the way out of a full store)."""
        found = await self.redis.zrange(keys.wins(user_id), 0, count - 1)
        ids = [_s(i) for i in found if isinstance(i, bytes | str)]
        if not ids:
            return 0
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(keys.wins(user_id), *ids)
            pipe.hdel(keys.win_text(user_id), *ids)
            pipe.delete(keys.win_bytes(user_id))  # recounted at the next win
            await pipe.execute()
        return len(ids)

    async def count_export(self, user_id: int) -> int:
        """Count one /export; returns how many ran in this hour, this one included."""
        key = keys.exports(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, keys.EXPORT_WINDOW_S, nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def sent_log(self, user_id: int) -> dict[str, str]:
        """What was sent lately (``date:slot`` -> ``sent``), kept for idempotency."""
        return _hash(await self.redis.hgetall(keys.sent(user_id)))

    async def pending(self, user_id: int, slots: Iterable[str]) -> list[Pending]:
        """The user's scheduled sends, earliest first."""
        shard = keys.shard_of(user_id)
        members = [keys.member(user_id, s) for s in slots]
        async with self.redis.pipeline(transaction=False) as pipe:
            for member in members:
                pipe.zscore(keys.due(shard), member)
            pipe.hmget(keys.occ(shard), members)
            *scores, dates = await pipe.execute()
        found = [
            Pending(m.split(":", 1)[1], int(score), _s(day) if day else "")
            for m, score, day in zip(members, scores, dates, strict=True)
            if score is not None
        ]
        return sorted(found, key=lambda p: p.at_ms)

    async def import_user_data(
        self,
        user_id: int,
        wins: Sequence[Win],
        practised: Iterable[date],
        checkins: Mapping[str, CheckIn],
    ) -> int:
        """Merge imported wins, practised days and check-ins; returns the wins added.

        Idempotent: a win keeps its id, a day is a set member, a check-in its field. Wins
        go through ``add_win``, so the caps hold for imports too.
        """
        known = {_s(k) for k in await self.redis.hkeys(keys.win_text(user_id))}
        added = 0
        for win in wins:
            if win.win_id not in known:
                await self.add_win(user_id, win)
                added += 1
        days = [d.isoformat() for d in practised]
        if days:
            await self.redis.sadd(keys.days(user_id), *days)
        for key, checkin in checkins.items():
            await self.save_checkin(user_id, int(key.partition(":")[0]), checkin)  # sealed
        return added

    async def note_inactive(self, user_id: int, at_ms: int, *, fresh: bool) -> None:
        """Remember since when a user has blocked the bot; ``fresh``: a block just seen
        (restarts the count), else only if not known yet."""
        shard = keys.inactive(keys.shard_of(user_id))
        await self.redis.zadd(shard, {str(user_id): at_ms}, nx=not fresh)

    async def note_active(self, user_id: int) -> None:
        await self.redis.zrem(keys.inactive(keys.shard_of(user_id)), str(user_id))

    async def inactive_since(self, shard: int) -> dict[int, int]:
        """Users of a shard known to have blocked the bot, and since when (unix ms)."""
        found = await self.redis.zrange(keys.inactive(shard), 0, -1, withscores=True)
        pairs = cast(list[tuple[str, float]], found)
        return {int(m): int(score) for m, score in pairs}

    async def user_ids(self) -> list[int]:
        """Every user (one scan of the keyspace: for the daily retention pass only)."""
        pattern = keys.every_user(keys.user)
        return [
            int(_s(k).rsplit(":", 1)[1])
            async for k in self.redis.scan_iter(match=pattern, count=1000)
        ]

    async def active_flags(self, user_ids: Sequence[int]) -> dict[int, bool]:
        """Whether each user receives messages (has not blocked the bot)."""
        async with self.redis.pipeline(transaction=False) as pipe:
            for user_id in user_ids:
                pipe.hget(keys.user(user_id), "active")
            flags = await pipe.execute()
        return {u: f is None or _s(f) != "0" for u, f in zip(user_ids, flags, strict=True)}

    async def first_group_notice(self, chat_id: int) -> bool:
        """Whether a group is to be told (once a month at most) that Tend talks in private."""
        key = keys.group_noticed(chat_id)
        return bool(await self.redis.set(key, "1", nx=True, ex=keys.GROUP_NOTICE_TTL_S))
