"""Every Redis key Tend uses, and why each expiry has its value.

Layout (works unchanged on Redis Cluster):

* Users are spread over ``SHARDS`` hash slots by ``user_id % SHARDS``. Everything about one
  user *and* that user's entries in the schedule live under the shard's hash tag
  ``{tN}``, so one Lua script can claim a due send, check its idempotency record and
  reschedule it atomically, and ``/forget`` can remove every trace in one transaction.
* The global send-rate limiter has its own tag ``{rate}``: one key, shared by every replica.

Per-shard keys (``N`` = shard):
  tend:{tN}:due              ZSET  "uid:slot" -> next send time, unix ms UTC
  tend:{tN}:occ              HASH  "uid:slot" -> local date of that occurrence (YYYY-MM-DD)
  tend:{tN}:inflight         ZSET  "uid:slot:date" -> lease expiry, unix ms
  tend:{tN}:flight           HASH  "uid:slot:date" -> the occurrence's due time, unix ms
Per-user keys:
  tend:{tN}:user:<uid>       HASH  profile and settings; series check-ins as "ci:<round>:<day>"
  tend:{tN}:sent:<uid>       HASH  "date:slot" -> "sending:<token>" | "sent"  (idempotency)
  tend:{tN}:wins:<uid>       ZSET  win id -> created unix ms (order, paging)
  tend:{tN}:wintext:<uid>    HASH  win id -> JSON of the win
  tend:{tN}:days:<uid>       SET   local dates the user practised (progress)
  tend:{tN}:winbytes:<uid>   STRING bytes of the user's stored wins (the WINS_MAX_BYTES cap)
  tend:{tN}:exports:<uid>    STRING /export runs in the current hour (expires: EXPORT_WINDOW_S)
  tend:{tN}:refl:<uid>       SET   entry ids that are reflections, not wins (counting wins)
Per-shard, hardening:
  tend:{tN}:inactive         ZSET  uid -> when the user was first seen deactivated, unix ms
Global:
  tend:{rate}:tat            STRING theoretical arrival time of the next send (GCRA), unix us
  tend:{hb}:<worker>         HASH   a dispatch loop's heartbeat (expires: see HEARTBEAT_TTL_S)
  tend:{meta}:keyring        STRING id of the keyring whose keys seal the words here
  tend:{meta}:sealed         STRING set once the words an older Tend stored in clear are sealed
  tend:{grp}:<chat>          STRING a group was told Tend talks in private (GROUP_NOTICE_TTL_S)

The keyring (bot/keyring.py) is another place, never this Redis: KEYRING_URL (a second
Redis), or files under DATA_DIR/keyring. Its entries, named here too:
  tendkeys:dk:<uid>          a user's data key, wrapped by a master key (bot/crypto.py)
  tendkeys:check             a random key wrapped by the master key: start-up checks DATA_KEY
  tendkeys:id                the keyring's random id, also written in tend:{meta}:keyring
"""

from __future__ import annotations

from collections.abc import Callable

PREFIX = "tend"
SHARDS = 16
"""Fixed at deployment: changing it moves users between slots (a migration, not a setting)."""

SENT_TTL_S = 4 * 24 * 3600
"""Idempotency records outlive every way a send can repeat: a lease expiry (minutes), the
DST fall-back hour, catch-up after downtime (CATCH_UP_S, hours) and a local date that starts
up to 26 h before UTC's. Four days covers all of them with room."""

RATE_KEY_TTL_MS = 60_000
"""The limiter's key disappears a minute after the last send; an idle bot keeps no state."""


def shard_of(user_id: int) -> int:
    """The shard a user lives in."""
    return user_id % SHARDS


def _tag(shard: int) -> str:
    return f"{PREFIX}:{{t{shard}}}"


def due(shard: int) -> str:
    return f"{_tag(shard)}:due"


def occ(shard: int) -> str:
    return f"{_tag(shard)}:occ"


def inflight(shard: int) -> str:
    return f"{_tag(shard)}:inflight"


def flight(shard: int) -> str:
    return f"{_tag(shard)}:flight"


def schedule_keys(shard: int) -> list[str]:
    """The four schedule keys of a shard, in the order the Lua scripts expect."""
    return [due(shard), occ(shard), inflight(shard), flight(shard)]


def user(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:user:{user_id}"


def sent(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:sent:{user_id}"


def wins(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:wins:{user_id}"


def win_text(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:wintext:{user_id}"


def days(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:days:{user_id}"


def win_bytes(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:winbytes:{user_id}"


def exports(user_id: int) -> str:
    return f"{_tag(shard_of(user_id))}:exports:{user_id}"


EXPORT_WINDOW_S = 3600
"""EXPORTS_PER_HOUR counts /export runs in an hour from the first; the counter then expires."""


def inactive(shard: int) -> str:
    """Users who blocked the bot, by when that was first seen: RETENTION_DAYS counts from it."""
    return f"{_tag(shard)}:inactive"


def reflections(user_id: int) -> str:
    """SET of the entry ids that are reflections, not wins: counting wins needs no reading."""
    return f"{_tag(shard_of(user_id))}:refl:{user_id}"


def user_keys(user_id: int) -> list[str]:
    """Every key that belongs to one user alone: what /forget deletes."""
    return [
        user(user_id),
        sent(user_id),
        wins(user_id),
        win_text(user_id),
        days(user_id),
        win_bytes(user_id),
        exports(user_id),
        reflections(user_id),
    ]


def member(user_id: int, slot: str) -> str:
    """A user's pending occurrence in ``due``: one per (user, slot)."""
    return f"{user_id}:{slot}"


def occurrence(user_id: int, slot: str, local_date: str) -> str:
    """The deterministic id of one scheduled send: no two workers can send it twice."""
    return f"{user_id}:{slot}:{local_date}"


# -- the keyring (another server or folder: see bot/keyring.py) ---------------------------

KEYRING_PREFIX = "tendkeys"
KEYRING_CHECK = f"{KEYRING_PREFIX}:check"
KEYRING_ID = f"{KEYRING_PREFIX}:id"
KEYRING_MARK = f"{PREFIX}:{{meta}}:keyring"
"""In the data Redis: which keyring seals its words. A process given another keyring (a
second host with its own DATA_DIR, a keyring lost or restored from elsewhere) refuses to
start rather than seal new words under keys the others cannot open."""


CLEARTEXT_SEALED = f"{PREFIX}:{{meta}}:sealed"
"""Set once every word stored in clear (before encryption at rest) was sealed: since then
nothing is written in clear, so no later start needs to look again."""


def every_user(key_of: Callable[[int], str]) -> str:
    """A SCAN pattern for one kind of per-user key, all users: ``every_user(win_text)``."""
    return key_of(0).replace("{t0}", "{t*}").removesuffix(":0") + ":*"


def data_key(user_id: int) -> str:
    """A user's wrapped data key, in the keyring. Deleting it is what /forget shreds."""
    return f"{KEYRING_PREFIX}:dk:{user_id}"


RATE_TAT = f"{PREFIX}:{{rate}}:tat"

CLOCK_OFFSET = f"{PREFIX}:{{clock}}:offset"
"""Seconds the playground's clock is ahead of real time (only read when TIME_TRAVEL is on)."""

POLL_LOCK = f"{PREFIX}:{{poll}}:lock"
POLL_LOCK_TTL_S = 60
"""Telegram allows one getUpdates consumer per token: the poller renews this every third of
its life (POLL_LOCK_TTL_S, default 60). A process killed without a word (kill -9, OOM) stops
renewing, so a restarted one takes it over after at most this long."""

UPDATE_SEEN_TTL_S = 24 * 3600
"""Telegram retries an undelivered webhook update for up to a day; a duplicate is dropped."""


def update_seen(update_id: int) -> str:
    return f"{PREFIX}:{{upd}}:{update_id}"


GROUP_NOTICE_TTL_S = 30 * 24 * 3600
"""A group is told once that Tend talks in private; after a month of silence, once more."""


def group_noticed(chat_id: int) -> str:
    return f"{PREFIX}:{{grp}}:{chat_id}"


HEARTBEAT_TTL_S = 60
"""A dispatch loop that has not passed for a minute is gone (or stuck): its heartbeat expires."""


def heartbeat(worker: str) -> str:
    """HASH of one dispatch loop: passes, last pass time, totals (health checks, tests)."""
    return f"{PREFIX}:{{hb}}:{worker}"
