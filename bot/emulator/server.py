"""A local stand-in for the Telegram Bot API: an aiohttp server plus the state tests drive.

The bot under test talks to `emu.base_url` with its real HTTP stack; tests inject what users do
(`user_sends`, `user_presses`, ...) and await what the bot does (`wait_for_bot_message`,
`wait_for_call`). Every call is recorded, every call the real Bot API would refuse is listed in
`emu.violations`, and faults (429, 403, dropped connections, flood limits) come on demand.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
import hashlib
import json
import math
import mimetypes
import random
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import web

from . import validate
from .validate import BotApiSpec, Problem

JsonDict = dict[str, Any]

BOT_USER_ID = 1000
# Methods that post or change a message: flood limits and random faults apply to these.
SENDING_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "editMessageText",
        "editMessageReplyMarkup",
        "copyMessage",
        "forwardMessage",
    }
)
# Updates Telegram leaves out unless allowed_updates names them.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
MAX_LONG_POLL_S = 50.0  # the live server caps getUpdates' timeout about here
DELETE_WINDOW_S = 48 * 3600  # bots can delete messages for everyone for 48 hours
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class UploadedFile:
    """A multipart file part as the bot uploaded it."""

    filename: str
    content: bytes
    content_type: str


@dataclass
class ChatMessage:
    """A message in a chat, from a user or from the bot; edits change it in place.

    `text` is what the user sees (markup parsed away, surrounding whitespace trimmed);
    `source_text` is the text exactly as sent, markup included. `raw` holds the parameters of
    the call that last set the content (send or edit).
    """

    message_id: int
    chat_id: int
    from_bot: bool
    text: str | None
    parse_mode: str | None = None
    reply_markup: JsonDict | None = None
    document: tuple[str, bytes] | None = None
    edited: int = 0
    deleted: bool = False
    raw: JsonDict = field(default_factory=dict)
    date: int = 0
    user_id: int | None = None  # the sender of a user's message
    source_text: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    caption: str | None = None
    location: tuple[float, float] | None = None
    edit_date: int | None = None
    reply_to_message_id: int | None = None
    document_info: JsonDict | None = None

    def buttons(self) -> list[JsonDict]:
        """The inline keyboard's buttons, row by row, flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [b for row in rows for b in row if isinstance(b, dict)]

    def callback_data(self) -> list[str]:
        """The callback_data of every inline button, in keyboard order."""
        return [str(b["callback_data"]) for b in self.buttons() if "callback_data" in b]

    def summary(self) -> str:
        """A short line for error messages."""
        who = "bot" if self.from_bot else f"user {self.user_id}"
        body = self.text if self.text is not None else self.caption
        if self.document is not None:
            body = f"[document {self.document[0]}] {body or ''}".strip()
        if self.location is not None:
            body = f"[location {self.location[0]}, {self.location[1]}]"
        flags = "".join(
            [
                f" edited x{self.edited}" if self.edited else "",
                " deleted" if self.deleted else "",
                f" buttons={self.callback_data()}" if self.buttons() else "",
            ]
        )
        return f"#{self.message_id} {who}: {body!r}{flags}"


@dataclass
class Call:
    """One HTTP call to the Bot API as the emulator answered it (status 0: connection dropped)."""

    seq: int
    method: str
    params: JsonDict
    status: int
    response: JsonDict
    at: float
    files: dict[str, UploadedFile] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ok: true."""
        return self.status == 200


@dataclass
class CallbackAnswer:
    """What the bot answered to a callback query (answerCallbackQuery)."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


class ApiError(Exception):
    """A Telegram error answer: HTTP status, description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JsonDict:
        out: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            out["parameters"] = {"retry_after": self.retry_after}
        return out


@dataclass
class _Fault:
    status: int
    retry_after: int
    times: int
    description: str | None


@dataclass
class _RandomFault:
    kind: Literal["429", "timeout"]
    fraction: float
    rng: random.Random
    methods: frozenset[str]
    retry_after: int = 1
    hang_s: float = 1.0
    deliver: bool = False


@dataclass
class _Bucket:
    """A token bucket: `capacity` tokens, refilled at `rate_per_s`."""

    capacity: float
    rate_per_s: float
    tokens: float
    last: float

    def refill(self, now: float) -> None:
        elapsed = max(now - self.last, 0.0)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate_per_s)
        self.last = now

    def wait_s(self) -> float:
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate_per_s


class _Changes:
    """Wakes every waiter on any change.

    Each waiter parks on a future of its own; notify() resolves all parked futures and starts a
    new list, so a change costs nothing when no one waits (most calls) and allocates nothing
    per change. Unlike asyncio.Condition it can be notified from synchronous code (the
    injection API) and needs no lock; a waiter re-checks its predicate after each wake-up, so
    nothing is missed.
    """

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    def notify(self) -> None:
        if self._waiters:
            waiters, self._waiters = self._waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)

    async def wait_until(self, ready: Callable[[], bool], timeout_s: float | None) -> bool:
        """Wait until ready() is true; False if timeout_s passed first."""
        try:
            async with asyncio.timeout(timeout_s):
                while not ready():
                    waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                    self._waiters.append(waiter)
                    try:
                        await waiter
                    finally:
                        if not waiter.done() or waiter.cancelled():  # not taken by notify()
                            with contextlib.suppress(ValueError):
                                self._waiters.remove(waiter)
        except TimeoutError:
            return ready()
        return True


def _update_kind(update: Mapping[str, Any]) -> str | None:
    return next((k for k in update if k != "update_id"), None)


class BotApiEmulator:
    """A local Telegram Bot API for one bot; any token is accepted.

    `strict`: a call the real Bot API would refuse gets Telegram's error (it is recorded in
    `violations` either way). `clock` gives message dates and drives the flood buckets.
    `known_chats_only`: sending to a private chat that no user started answers 403
    "bot can't initiate conversation with a user". `single_poller`: a second concurrent
    getUpdates ends the first one with 409 Conflict, as on the live server.
    """

    def __init__(
        self,
        bot_username: str = "tend_bot",
        strict: bool = True,
        *,
        clock: Callable[[], float] = time.time,
        spec: BotApiSpec | None = None,
        known_chats_only: bool = False,
        single_poller: bool = False,
    ) -> None:
        self.bot_username = bot_username
        self.strict = strict
        self.clock = clock
        self.spec = spec or validate.load_spec()
        self.known_chats_only = known_chats_only
        self.single_poller = single_poller
        self.bot_user: JsonDict = {
            "id": BOT_USER_ID,
            "is_bot": True,
            "first_name": "Tend",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.internal_errors: list[str] = []
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self.commands: dict[str, list[JsonDict]] = {}
        self.webhook: JsonDict = {"url": "", "secret_token": None}
        self.webhook_targets: list[str] | None = None
        """Where webhook updates really go (a load balancer's replicas); default: the URL."""
        self.webhook_deliveries: list[tuple[int, str, int]] = []
        """(update_id, target, HTTP status or 0 for a connection error), in order."""
        self.delivered_updates: dict[int, JsonDict] = {}
        """Every update delivered by webhook with a 2xx answer, by update_id."""
        self._delivery: asyncio.Task[None] | None = None
        self._redeliver: list[JsonDict] = []
        self.stats: dict[str, int] = dict.fromkeys(
            ("sent", "edited", "deleted", "http_429", "http_403", "violations"), 0
        )
        self._saw_token = False
        self._seq = 0
        self._changes = _Changes()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._host = "127.0.0.1"
        # chats and messages
        self._chats: dict[int, JsonDict] = {}
        self._users: dict[int, JsonDict] = {}
        self._messages: dict[int, list[ChatMessage]] = {}
        self._by_id: dict[tuple[int, int], ChatMessage] = {}
        self._next_message_id: dict[int, int] = {}
        self._events: list[tuple[int, ChatMessage]] = []  # (seq, snapshot) of bot sends/edits
        self._blocked: dict[int, str] = {}  # chat id -> 403 description
        self._files: dict[str, tuple[str, bytes, str]] = {}
        # updates
        self._updates: list[JsonDict] = []
        self._next_update_id = 1
        self._allowed_updates: list[str] = []
        self._poll_generation = 0
        self._waiting_polls = 0
        self._pending_callbacks: set[str] = set()
        self._next_callback = 1
        # faults
        self._faults: dict[str, deque[_Fault]] = {}
        self._random_faults: list[_RandomFault] = []
        self._global_bucket: _Bucket | None = None
        self._chat_bucket_spec: tuple[float, int] | None = None
        self._chat_buckets: dict[str, _Bucket] = {}

    # ----------------------------------------------------------------------------------------
    # Lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on host:port (0 picks a free port)."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already running")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # access_log=None: the access log would print the token that is part of every path.
        runner = web.AppRunner(
            app, access_log=None, handle_signals=False, handler_cancellation=True
        )
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        self._runner, self._host, self._closing = runner, host, False
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Answer pending long polls and stop serving."""
        self._closing = True
        self._changes.notify()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port served on."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """For `Bot(token, base_url=...)`: PTB appends the token, then `/method`."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def saw_token(self) -> bool:
        """Whether any request carried a token (the token itself is never kept)."""
        return self._saw_token

    # ----------------------------------------------------------------------------------------
    # Reading state

    def cursor(self) -> int:
        """The sequence number of the latest event; pass as `since=` to the wait_for_* calls."""
        return self._seq

    def messages(self, chat_id: int) -> list[ChatMessage]:
        """Every message of a chat in order, the user's and the bot's, deleted ones included."""
        return list(self._messages.get(chat_id, []))

    def bot_messages(self, chat_id: int) -> list[ChatMessage]:
        """The bot's messages in a chat, in order."""
        return [m for m in self._messages.get(chat_id, []) if m.from_bot]

    def message(self, chat_id: int, message_id: int) -> ChatMessage:
        """One message (live: edits show). Raises KeyError if there is none."""
        return self._by_id[(chat_id, message_id)]

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls of one method (any capitalisation)."""
        name = self.spec.canonical(method) or method
        return [c for c in self.calls if c.method == name]

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates not yet confirmed by a getUpdates offset."""
        return list(self._updates)

    # ----------------------------------------------------------------------------------------
    # Awaiting what the bot does

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Callable[[ChatMessage], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 (the documented API)
        since: int | None = None,
    ) -> ChatMessage:
        """The first bot message sent or edited in the chat after `since` (default: now).

        Returns a snapshot of the message as of that send or edit. Raises TimeoutError listing
        what the chat did get, and the failed calls since `since`.
        """
        start = self.cursor() if since is None else since
        found: list[ChatMessage] = []
        checked = bisect.bisect_right(self._events, start, key=lambda e: e[0])

        def ready() -> bool:
            nonlocal checked
            while checked < len(self._events):
                _, snap = self._events[checked]
                checked += 1
                if snap.chat_id == chat_id and (predicate is None or predicate(snap)):
                    found.append(snap)
                    return True
            return False

        if await self._changes.wait_until(ready, timeout):
            return found[0]
        raise TimeoutError(self._explain_timeout(chat_id, start, timeout, predicate is not None))

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 (the documented API)
        since: int | None = None,
    ) -> Call:
        """The first recorded call of `method` (any capitalisation) after `since` (default: now)."""
        start = self.cursor() if since is None else since
        name = self.spec.canonical(method) or method
        found: list[Call] = []
        checked = bisect.bisect_right(self.calls, start, key=lambda c: c.seq)

        def ready() -> bool:
            nonlocal checked
            while checked < len(self.calls):
                call = self.calls[checked]
                checked += 1
                if call.method == name and (predicate is None or predicate(call)):
                    found.append(call)
                    return True
            return False

        if await self._changes.wait_until(ready, timeout):
            return found[0]
        seen = [f"#{c.seq} {c.method} -> {c.status}" for c in self.calls if c.seq > start]
        raise TimeoutError(
            f"no {name} call{' matching the predicate' if predicate else ''} within {timeout}s "
            f"after cursor {start}; calls since: {seen[-20:] or 'none'}"
        )

    async def wait_for_updates_confirmed(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has confirmed (via getUpdates offset) every update injected."""
        if not await self._changes.wait_until(lambda: not self._updates, timeout):
            ids = [u.get("update_id") for u in self._updates]
            raise TimeoutError(f"updates {ids} still unconfirmed after {timeout}s")

    @property
    def waiting_polls(self) -> int:
        """How many getUpdates long polls are waiting for an update right now."""
        return self._waiting_polls

    async def wait_until(
        self,
        ready: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 (the documented API)
        what: str = "the condition",
    ) -> None:
        """Wait until ``ready()`` holds, re-checked after every call, injection or change."""
        if not await self._changes.wait_until(ready, timeout):
            raise TimeoutError(f"{what} did not hold within {timeout}s")

    async def wait_for_pollers(self, count: int = 1, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until at least `count` getUpdates long polls are waiting (the bot is listening)."""
        if not await self._changes.wait_until(lambda: self._waiting_polls >= count, timeout):
            raise TimeoutError(
                f"{self._waiting_polls} long poll(s) waiting after {timeout}s, not {count}"
            )

    def _explain_timeout(self, chat_id: int, start: int, timeout: float, filtered: bool) -> str:
        lines = [
            f"no bot message in chat {chat_id}{' matching the predicate' if filtered else ''} "
            f"within {timeout}s after cursor {start}."
        ]
        history = self._messages.get(chat_id, [])
        lines.append(f"chat {chat_id} has {len(history)} message(s):")
        lines += [f"  {m.summary()}" for m in history[-15:]]
        late = [s for seq, s in self._events if seq > start and s.chat_id == chat_id]
        if late:
            lines.append("bot sends/edits since the cursor (none matched):")
            lines += [f"  {s.summary()}" for s in late[-10:]]
        failed = [c for c in self.calls if c.seq > start and c.status != 200]
        if failed:
            lines.append("failed calls since the cursor:")
            lines += [
                f"  #{c.seq} {c.method} -> {c.status} {c.response.get('description', '')}"
                for c in failed[-10:]
            ]
        if self.violations:
            lines.append(f"violations so far: {self.violations[-10:]}")
        if self._updates:
            lines.append(f"{len(self._updates)} update(s) not yet fetched by the bot")
        return "\n".join(lines)

    # ----------------------------------------------------------------------------------------
    # Injecting what users do

    def user_sends(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Ada",
        language_code: str = "en",
        chat_type: Literal["private", "group", "supergroup"] = "private",
        reply_to_message_id: int | None = None,
    ) -> ChatMessage:
        """A user sends a text message; a leading /command gets a bot_command entity."""
        chat_id = self._ensure_chat(user_id, chat_type, first_name)
        self._ensure_user(user_id, first_name, language_code)
        entities: list[JsonDict] = []
        match = _COMMAND_RE.match(text)
        if match:
            entities.append(
                {"type": "bot_command", "offset": 0, "length": validate.utf16_len(match[0])}
            )
        msg = self._new_message(
            chat_id,
            from_bot=False,
            user_id=user_id,
            text=text,
            source_text=text,
            entities=entities,
            reply_to_message_id=reply_to_message_id,
        )
        self._push_update({"message": self._message_dict(msg)})
        return msg

    def user_sends_document(
        self, user_id: int, name: str, content: bytes, mime: str = "application/json"
    ) -> ChatMessage:
        """A user sends a file (a document) in their private chat; the bot can fetch it
        with getFile and a download from ``/file/bot<token>/<file_path>``."""
        chat_id = self._ensure_chat(user_id, "private", "Ada")
        self._ensure_user(user_id, "Ada", "en")
        file_id = f"BQACAgIAAxkBAAI{len(self._files) + 1:06d}"
        self._files[file_id] = (name, content, mime)
        info = self._document({"document": file_id}, {})
        msg = self._new_message(
            chat_id,
            from_bot=False,
            user_id=user_id,
            text=None,
            document=(name, content),
            document_info=info,
        )
        self._push_update({"message": self._message_dict(msg)})
        return msg

    def user_shares_location(
        self, user_id: int, latitude: float, longitude: float, *, first_name: str = "Ada"
    ) -> ChatMessage:
        """A user shares a location in their private chat with the bot."""
        chat_id = self._ensure_chat(user_id, "private", first_name)
        self._ensure_user(user_id, first_name, "en")
        msg = self._new_message(
            chat_id, from_bot=False, user_id=user_id, text=None, location=(latitude, longitude)
        )
        self._push_update({"message": self._message_dict(msg)})
        return msg

    def user_edits(
        self, user_id: int, message_id: int, new_text: str, *, chat_id: int | None = None
    ) -> ChatMessage:
        """A user edits one of their messages: an edited_message update."""
        msg = self._user_message(user_id, chat_id, message_id)
        if msg.from_bot or msg.user_id != user_id:
            raise ValueError(f"message {message_id} was not sent by user {user_id}")
        msg.text = msg.source_text = new_text
        msg.edited += 1
        msg.edit_date = self._now()
        self._push_update({"edited_message": self._message_dict(msg)})
        return msg

    def user_presses(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        first_name: str = "Ada",
        force: bool = False,
    ) -> str:
        """A user presses an inline button of a bot message; returns the callback query id.

        Raises ValueError if the message has no button with that callback_data (unless
        `force`, for stale or forged data).
        """
        msg = self._user_message(user_id, chat_id, message_id)
        if not msg.from_bot:
            raise ValueError(f"message {message_id} is the user's, not the bot's")
        if msg.deleted and not force:
            raise ValueError(f"message {message_id} was deleted")
        if data not in msg.callback_data() and not force:
            raise ValueError(
                f"message {message_id} has no button with callback_data {data!r}; "
                f"it has {msg.callback_data()}"
            )
        user = self._ensure_user(user_id, first_name, "en")
        query_id = str(4_000_000_000_000_000 + self._next_callback)
        self._next_callback += 1
        self._pending_callbacks.add(query_id)
        self._push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": self._message_dict(msg),
                    "chat_instance": str(-(msg.chat_id * 31 + 7)),
                    "data": data,
                }
            }
        )
        return query_id

    def user_blocks(self, user_id: int, *, first_name: str = "Ada") -> JsonDict:
        """The user blocks the bot: later sends get 403; a my_chat_member update (kicked)."""
        self._blocked[user_id] = "Forbidden: bot was blocked by the user"
        return self._member_update(user_id, first_name, "member", "kicked")

    def user_unblocks(self, user_id: int, *, first_name: str = "Ada") -> JsonDict:
        """The user unblocks the bot (restarts it): a my_chat_member update back to member."""
        self._blocked.pop(user_id, None)
        return self._member_update(user_id, first_name, "kicked", "member")

    def user_deactivates(self, user_id: int) -> None:
        """The user deletes their account: later sends get 403 "user is deactivated"."""
        self._blocked[user_id] = "Forbidden: user is deactivated"

    def inject_raw_update(self, update: Mapping[str, Any]) -> JsonDict:
        """Queue any update as given (malformed ones too); update_id is added if missing."""
        raw = dict(update)
        if isinstance(raw.get("update_id"), int):
            self._next_update_id = max(self._next_update_id, raw["update_id"] + 1)
        else:
            raw = {"update_id": self._next_update_id, **raw}
            self._next_update_id += 1
        self._updates.append(raw)
        self._bump()
        self._deliver_soon()
        return raw

    # ----------------------------------------------------------------------------------------
    # Faults

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` ("*": any method) get this error instead."""
        key = "*" if method == "*" else (self.spec.canonical(method) or method)
        self._faults.setdefault(key, deque()).append(
            _Fault(status, retry_after, times, description)
        )

    def set_flood_limits(
        self,
        global_per_s: float | None = 30,
        per_chat_per_s: float | None = 1,
        per_chat_burst: int = 3,
    ) -> None:
        """Token buckets over the sending methods; None switches a limit off.

        Global: capacity `global_per_s`, refilled `global_per_s` per second. Per chat: capacity
        `per_chat_burst`, refilled `per_chat_per_s`. Time is the emulator's `clock`.
        """
        now = self.clock()
        self._global_bucket = (
            _Bucket(global_per_s, global_per_s, global_per_s, now) if global_per_s else None
        )
        self._chat_bucket_spec = (per_chat_per_s, per_chat_burst) if per_chat_per_s else None
        self._chat_buckets = {}

    def set_429_fraction(
        self,
        p: float,
        seed: int | None = None,
        *,
        retry_after: int = 1,
        methods: Iterable[str] | None = None,
    ) -> None:
        """Answer a random fraction p of the sending methods' calls with 429 (p=0: off)."""
        self._set_random("429", p, seed, methods, retry_after=retry_after)

    def set_timeout_fraction(
        self,
        p: float,
        seed: int | None = None,
        *,
        hang_s: float = 1.0,
        methods: Iterable[str] | None = None,
        deliver: bool = False,
    ) -> None:
        """Hold a random fraction p of the sending methods' calls hang_s seconds, then drop
        the connection without an answer. `deliver`: the message is sent all the same (a
        timeout after Telegram acted), so a retry duplicates it."""
        self._set_random("timeout", p, seed, methods, hang_s=hang_s, deliver=deliver)

    def _set_random(
        self,
        kind: Literal["429", "timeout"],
        p: float,
        seed: int | None,
        methods: Iterable[str] | None,
        **options: Any,
    ) -> None:
        self._random_faults = [f for f in self._random_faults if f.kind != kind]
        if p > 0:
            names = frozenset(self.spec.canonical(m) or m for m in (methods or SENDING_METHODS))
            self._random_faults.append(_RandomFault(kind, p, random.Random(seed), names, **options))

    # ----------------------------------------------------------------------------------------
    # HTTP

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self._saw_token = True
        method = request.match_info["method"]
        try:
            raw, files = await _read_params(request)
        except ValueError as exc:
            return self._answer(method, {}, {}, ApiError(400, f"Bad Request: {exc}"))
        canonical = self.spec.canonical(method)
        if canonical is None:
            problem = Problem("Not Found", f"{method} is not a Bot API method", status=404)
            self._violate(method, [problem])
            return self._answer(method, raw, files, ApiError(404, "Not Found"))
        params = validate.coerce_params(self.spec, canonical, raw)
        params, files = _resolve_attachments(params, files)
        problems = validate.validate_call(self.spec, canonical, params, files)
        if problems:
            self._violate(canonical, problems)
            if self.strict:
                first = problems[0]
                error = ApiError(first.status, first.description)
                return self._answer(canonical, params, files, error)
        timeout_fault = self._take_timeout(canonical)
        if timeout_fault is not None:
            return await self._drop(request, canonical, params, files, timeout_fault)
        try:
            self._check_faults(canonical)
            self._check_blocked(canonical, params)
            self._check_flood(canonical, params)
            if canonical == "getUpdates":
                result: Any = await self._get_updates(params)
            else:
                result = self._dispatch(canonical, params, files)
        except ApiError as error:
            if error.status == 400:
                self._violate(canonical, [Problem(error.description)])
            return self._answer(canonical, params, files, error)
        except Exception as exc:  # an emulator bug: answer 500, keep a note, stay up
            self.internal_errors.append(f"{canonical}: {exc!r}")
            failure = ApiError(500, f"Internal Server Error: emulator bug: {exc!r}")
            return self._answer(canonical, params, files, failure)
        return self._answer(canonical, params, files, result)

    def _answer(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, UploadedFile],
        outcome: Any,
    ) -> web.Response:
        if isinstance(outcome, ApiError):
            status, body = outcome.status, outcome.body()
            if status == 429:
                self.stats["http_429"] += 1
            elif status == 403:
                self.stats["http_403"] += 1
        else:
            status, body = 200, {"ok": True, "result": outcome}
        self._record(method, params, files, status, body)
        return web.json_response(body, status=status)

    def _record(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, UploadedFile],
        status: int,
        body: JsonDict,
    ) -> Call:
        self._seq += 1
        call = Call(self._seq, method, dict(params), status, body, self.clock(), dict(files))
        self.calls.append(call)
        self._changes.notify()
        return call

    def _violate(self, method: str, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.violations.append(problem.describe(method))
            self.stats["violations"] += 1

    async def _drop(
        self,
        request: web.Request,
        method: str,
        params: JsonDict,
        files: dict[str, UploadedFile],
        fault: _RandomFault,
    ) -> web.StreamResponse:
        if fault.deliver:
            with contextlib.suppress(ApiError):
                self._dispatch(method, params, files)
        await self._changes.wait_until(lambda: self._closing, fault.hang_s)
        self._record(method, params, files, 0, {"dropped": True})
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=204)

    # ----------------------------------------------------------------------------------------
    # Checks that need state

    def _take_timeout(self, method: str) -> _RandomFault | None:
        for fault in self._random_faults:
            hit = fault.kind == "timeout" and method in fault.methods
            if hit and fault.rng.random() < fault.fraction:
                return fault
        return None

    def _check_faults(self, method: str) -> None:
        for key in (method, "*"):
            queue = self._faults.get(key)
            if queue:
                fault = queue[0]
                fault.times -= 1
                if fault.times <= 0:
                    queue.popleft()
                raise _fault_error(fault.status, fault.retry_after, fault.description)
        for rf in self._random_faults:
            if rf.kind == "429" and method in rf.methods and rf.rng.random() < rf.fraction:
                raise _fault_error(429, rf.retry_after, None)

    def _check_blocked(self, method: str, params: Mapping[str, Any]) -> None:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            return
        sends = method.startswith(("send", "copyMessage", "forwardMessage", "editMessage"))
        if not sends:
            return
        if chat_id in self._blocked:
            raise ApiError(403, self._blocked[chat_id])
        if chat_id not in self._chats:
            if chat_id < 0:
                raise ApiError(400, "Bad Request: chat not found")
            if self.known_chats_only:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")

    def _check_flood(self, method: str, params: Mapping[str, Any]) -> None:
        if method not in SENDING_METHODS:
            return
        now = self.clock()
        if self._global_bucket is None and self._chat_bucket_spec is None:
            return
        buckets: list[_Bucket] = []
        if self._global_bucket is not None:
            buckets.append(self._global_bucket)
        if self._chat_bucket_spec is not None:
            rate, burst = self._chat_bucket_spec
            key = str(params.get("chat_id"))
            if key not in self._chat_buckets:
                self._chat_buckets[key] = _Bucket(burst, rate, burst, now)
            buckets.append(self._chat_buckets[key])
        for bucket in buckets:
            bucket.refill(now)
        wait_s = max((b.wait_s() for b in buckets), default=0.0)
        if wait_s > 0:
            retry_after = max(1, math.ceil(wait_s))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        for bucket in buckets:
            bucket.tokens -= 1

    # ----------------------------------------------------------------------------------------
    # Methods

    def _dispatch(self, method: str, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return True  # a real method the emulator does not model: accepted, recorded
        return handler(params, files)

    def _m_getMe(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        return dict(self.bot_user)

    def _m_logOut(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        return True

    def _m_close(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        return True

    def _m_setWebhook(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        self._deliver_soon()
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _m_deleteWebhook(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        self.webhook = {"url": "", "secret_token": None}
        if params.get("drop_pending_updates"):
            self._updates.clear()
            self._changes.notify()
        return True

    def _m_getWebhookInfo(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        return {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(a) for a in allowed]
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            self._confirm(offset)
        limit = params.get("limit")
        limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
        timeout = params.get("timeout")
        timeout_s = min(float(timeout), MAX_LONG_POLL_S) if isinstance(timeout, int) else 0.0
        self._poll_generation += 1
        generation = self._poll_generation
        self._changes.notify()

        def superseded() -> bool:
            return self.single_poller and self._poll_generation != generation

        def ready() -> bool:
            return bool(self._deliverable()) or self._closing or superseded()

        if timeout_s > 0 and not ready():
            self._waiting_polls += 1
            self._changes.notify()
            try:
                await self._changes.wait_until(ready, timeout_s)
            finally:
                self._waiting_polls -= 1
        if superseded():
            raise ApiError(409, _DEFAULT_DESCRIPTIONS[409])
        return [copy.deepcopy(u) for u in self._deliverable()[:limit]]

    def _confirm(self, offset: int) -> None:
        before = len(self._updates)
        if offset < 0:
            self._updates = self._updates[offset:]
        else:
            self._updates = [u for u in self._updates if u.get("update_id", 0) >= offset]
        if len(self._updates) != before:
            self._changes.notify()

    def _deliverable(self) -> list[JsonDict]:
        allowed = set(self._allowed_updates)
        keep: list[JsonDict] = []
        for update in self._updates:
            kind = _update_kind(update)
            if kind is None or (kind in allowed if allowed else kind not in _OPT_IN_UPDATES):
                keep.append(update)
        if len(keep) != len(self._updates):  # Telegram never delivers the others
            self._updates = keep
        return keep

    def _m_sendMessage(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        chat_id = self._target_chat(params)
        parsed = self._parse(
            str(params.get("text", "")), params.get("parse_mode"), params.get("entities")
        )
        reply_to = self._reply_target(chat_id, params)
        msg = self._new_message(
            chat_id,
            from_bot=True,
            text=parsed.text,
            source_text=params.get("text"),
            entities=list(parsed.entities),
            parse_mode=params.get("parse_mode"),
            reply_markup=_inline_markup(params.get("reply_markup")),
            raw=params,
            reply_to_message_id=reply_to,
        )
        self.stats["sent"] += 1
        self._bot_event(msg)
        return self._message_dict(msg)

    def _m_sendDocument(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        chat_id = self._target_chat(params)
        document = self._document(params, files)
        caption = params.get("caption")
        parsed = (
            self._parse(str(caption), params.get("parse_mode"), params.get("caption_entities"))
            if caption
            else None
        )
        msg = self._new_message(
            chat_id,
            from_bot=True,
            text=None,
            caption=parsed.text if parsed else None,
            source_text=caption if isinstance(caption, str) else None,
            entities=list(parsed.entities) if parsed else [],
            parse_mode=params.get("parse_mode"),
            reply_markup=_inline_markup(params.get("reply_markup")),
            raw={k: v for k, v in params.items() if k != "document"},
            reply_to_message_id=self._reply_target(chat_id, params),
            document=(document["file_name"], self._files[document["file_id"]][1]),
            document_info=document,
        )
        self.stats["sent"] += 1
        self._bot_event(msg)
        return self._message_dict(msg)

    def _document(self, params: JsonDict, files: dict[str, UploadedFile]) -> JsonDict:
        upload = files.get("document")
        if upload is not None:
            if not upload.content:
                raise ApiError(400, "Bad Request: file must be non-empty")
            name = upload.filename or "document"
            mime = upload.content_type
            if mime in ("", "application/octet-stream"):
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            content = upload.content
            file_id = f"BQACAgIAAxkDAAI{len(self._files) + 1:06d}"
            self._files[file_id] = (name, content, mime)
        else:
            ref = params.get("document")
            if not isinstance(ref, str) or not ref:
                raise ApiError(400, "Bad Request: there is no document in the request")
            if ref in self._files:
                file_id = ref
            elif ref.startswith(("http://", "https://")):
                file_id = f"BQACAgIAAxkDAAI{len(self._files) + 1:06d}"
                self._files[file_id] = (ref.rsplit("/", 1)[-1] or "file", b"", "text/plain")
            else:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        name, content, mime = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": "AgAD"
            + hashlib.sha1(content, usedforsecurity=False).hexdigest()[:12],
            "file_name": name,
            "mime_type": mime,
            "file_size": len(content),
        }

    def _m_getFile(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        file_id = params.get("file_id")
        if not isinstance(file_id, str) or file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        info = self._document({"document": file_id}, {})
        return {
            "file_id": file_id,
            "file_unique_id": info["file_unique_id"],
            "file_size": info["file_size"],
            "file_path": f"documents/{file_id}",
        }

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """A file by its ``file_path`` from getFile, as the Bot API's file server serves it."""
        self._saw_token = True
        file_id = request.match_info["path"].removeprefix("documents/")
        if file_id not in self._files:
            return web.Response(status=404, text="Not Found")
        _name, content, mime = self._files[file_id]
        return web.Response(body=content, content_type=mime)

    def _m_editMessageText(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        msg = self._editable(params)
        if msg is None:
            return True
        if msg.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        parsed = self._parse(
            str(params.get("text", "")), params.get("parse_mode"), params.get("entities")
        )
        markup = _inline_markup(params.get("reply_markup"))
        if (parsed.text, list(parsed.entities), markup) == (
            msg.text,
            msg.entities,
            msg.reply_markup,
        ):
            raise ApiError(400, NOT_MODIFIED)
        msg.text, msg.entities, msg.reply_markup = parsed.text, list(parsed.entities), markup
        msg.source_text, msg.parse_mode = params.get("text"), params.get("parse_mode")
        return self._edited(msg, params)

    def _m_editMessageReplyMarkup(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        msg = self._editable(params)
        if msg is None:
            return True
        markup = _inline_markup(params.get("reply_markup"))
        if markup == msg.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        msg.reply_markup = markup
        return self._edited(msg, params)

    def _m_deleteMessage(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        key = (params["chat_id"], params["message_id"])
        msg = self._by_id.get(key) if isinstance(key[0], int) else None
        if msg is None or msg.deleted:
            raise ApiError(400, "Bad Request: message to delete not found")
        if self.clock() - msg.date > DELETE_WINDOW_S:
            raise ApiError(400, "Bad Request: message can't be deleted for everyone")
        msg.deleted = True
        self.stats["deleted"] += 1
        return True

    def _m_answerCallbackQuery(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        query_id = str(params["callback_query_id"])
        if query_id not in self._pending_callbacks:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._pending_callbacks.discard(query_id)
        self.callback_answers[query_id] = CallbackAnswer(
            query_id,
            params.get("text"),
            bool(params.get("show_alert", False)),
            params.get("url"),
            params.get("cache_time"),
        )
        return True

    def _m_sendChatAction(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        self._target_chat(params)
        return True

    def _m_setMyCommands(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        self.commands[_commands_key(params)] = list(params.get("commands") or [])
        return True

    def _m_getMyCommands(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        return list(self.commands.get(_commands_key(params), []))

    def _m_deleteMyCommands(self, params: JsonDict, files: dict[str, UploadedFile]) -> Any:
        self.commands.pop(_commands_key(params), None)
        return True

    # ----------------------------------------------------------------------------------------
    # Helpers

    def _now(self) -> int:
        return int(self.clock())

    def _bump(self) -> int:
        self._seq += 1
        self._changes.notify()
        return self._seq

    def _parse(self, text: str, parse_mode: object, entities: object = None) -> validate.ParsedText:
        """What the user would see; explicit entities count when there is no parse_mode."""
        if not isinstance(parse_mode, str) and isinstance(entities, list):
            given = tuple(e for e in entities if isinstance(e, dict))
            return validate.ParsedText(text, given)
        try:
            return validate.parse_formatted(
                text, parse_mode if isinstance(parse_mode, str) else None
            )
        except validate.EntityParseError:  # only reachable when not strict
            return validate.ParsedText(text)

    def _ensure_chat(self, user_id: int, chat_type: str, first_name: str) -> int:
        if chat_type == "private":
            chat: JsonDict = {"id": user_id, "type": "private", "first_name": first_name}
        elif chat_type == "group":
            chat = {"id": -user_id, "type": "group", "title": f"Group {user_id}"}
        elif chat_type == "supergroup":
            chat = {"id": -(10**12 + user_id), "type": "supergroup", "title": f"Group {user_id}"}
        else:
            raise ValueError(f"chat_type must be private, group or supergroup, not {chat_type!r}")
        self._chats.setdefault(chat["id"], chat)
        return int(chat["id"])

    def _ensure_user(self, user_id: int, first_name: str, language_code: str) -> JsonDict:
        user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        self._users[user_id] = user
        return user

    def _target_chat(self, params: Mapping[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id not in self._chats:
            self._chats[chat_id] = {"id": chat_id, "type": "private", "first_name": "User"}
        return chat_id

    def _user_message(self, user_id: int, chat_id: int | None, message_id: int) -> ChatMessage:
        key = (user_id if chat_id is None else chat_id, message_id)
        if key not in self._by_id:
            have = [m.summary() for m in self._messages.get(key[0], [])]
            raise ValueError(f"chat {key[0]} has no message {message_id}; it has {have}")
        return self._by_id[key]

    def _new_message(
        self, chat_id: int, *, from_bot: bool, text: str | None, **extra: Any
    ) -> ChatMessage:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        msg = ChatMessage(
            message_id=message_id, chat_id=chat_id, from_bot=from_bot, text=text, **extra
        )
        msg.date = self._now()
        self._messages.setdefault(chat_id, []).append(msg)
        self._by_id[(chat_id, message_id)] = msg
        return msg

    def _bot_event(self, msg: ChatMessage) -> None:
        # A shallow snapshot, as dataclasses.replace(msg) makes, without re-running __init__.
        self._events.append((self._bump(), copy.copy(msg)))

    def _reply_target(self, chat_id: int, params: Mapping[str, Any]) -> int | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            return None
        target = self._by_id.get((chat_id, reply["message_id"]))
        if target is None or target.deleted:
            if reply.get("allow_sending_without_reply"):
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        return target.message_id

    def _editable(self, params: Mapping[str, Any]) -> ChatMessage | None:
        if "inline_message_id" in params:
            return None
        chat_id, message_id = params.get("chat_id"), params.get("message_id")
        msg = None
        if isinstance(chat_id, int) and isinstance(message_id, int):
            msg = self._by_id.get((chat_id, message_id))
        if msg is None or msg.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        if not msg.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return msg

    def _edited(self, msg: ChatMessage, params: JsonDict) -> JsonDict:
        msg.edited += 1
        msg.edit_date = self._now()
        msg.raw = params
        self.stats["edited"] += 1
        self._bot_event(msg)
        return self._message_dict(msg)

    def _message_dict(self, msg: ChatMessage, *, nested: bool = False) -> JsonDict:
        sender = self.bot_user if msg.from_bot else self._users.get(msg.user_id or 0, {})
        out: JsonDict = {
            "message_id": msg.message_id,
            "from": dict(sender),
            "chat": dict(self._chats[msg.chat_id]),
            "date": msg.date,
        }
        if msg.edit_date is not None:
            out["edit_date"] = msg.edit_date
        if msg.reply_to_message_id is not None and not nested:
            target = self._by_id.get((msg.chat_id, msg.reply_to_message_id))
            if target is not None:
                out["reply_to_message"] = self._message_dict(target, nested=True)
        if msg.text is not None:
            out["text"] = msg.text
            if msg.entities:
                out["entities"] = _json_copy(msg.entities)
        if msg.document_info is not None:
            out["document"] = dict(msg.document_info)
        if msg.caption is not None:
            out["caption"] = msg.caption
            if msg.entities:
                out["caption_entities"] = _json_copy(msg.entities)
        if msg.location is not None:
            out["location"] = {"latitude": msg.location[0], "longitude": msg.location[1]}
        if msg.reply_markup is not None:
            out["reply_markup"] = _json_copy(msg.reply_markup)
        return out

    def _push_update(self, body: JsonDict) -> JsonDict:
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        self._updates.append(update)
        self._bump()
        self._deliver_soon()
        return update

    # -- webhook delivery ----------------------------------------------------------------------

    def redeliver(self, update: JsonDict) -> None:
        """Deliver an update again by webhook (as Telegram does after a non-2xx answer)."""
        self._redeliver.append(dict(update))
        self._deliver_soon()

    @property
    def redeliveries_pending(self) -> int:
        return len(self._redeliver)

    def _deliver_soon(self) -> None:
        if self.webhook["url"] and (self._delivery is None or self._delivery.done()):
            self._delivery = asyncio.get_running_loop().create_task(self._deliver_all())

    def _delivery_due(self) -> bool:
        return bool(
            (self._updates or self._redeliver) and self.webhook["url"] and not self._closing
        )

    async def _deliver_all(self) -> None:
        """Posts queued updates one at a time, in order, round-robin over the targets.

        The outer loop re-checks after the session closes: work queued while it was closing
        would otherwise find this task still alive and not start another.
        """
        import aiohttp

        turn = 0
        while self._delivery_due():
            async with aiohttp.ClientSession() as session:
                while self._delivery_due():
                    turn += 1
                    await self._deliver_one(session, turn)

    async def _deliver_one(self, session: Any, turn: int) -> None:
        import aiohttp

        again = bool(self._redeliver)
        update = self._redeliver[0] if again else self._updates[0]
        targets = self.webhook_targets or [str(self.webhook["url"])]
        target = targets[turn % len(targets)]
        headers = {}
        if self.webhook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(self.webhook["secret_token"])
        try:
            async with session.post(target, json=update, headers=headers) as response:
                status = response.status
        except (aiohttp.ClientError, OSError):
            status = 0
        self.webhook_deliveries.append((int(update["update_id"]), target, status))
        if 200 <= status < 300:
            self.delivered_updates[int(update["update_id"])] = update
            (self._redeliver if again else self._updates).pop(0)
            self._bump()
        else:
            await asyncio.sleep(0.05)  # Telegram retries later; so do we

    def _member_update(self, user_id: int, first_name: str, old: str, new: str) -> JsonDict:
        self._ensure_chat(user_id, "private", first_name)
        user = self._ensure_user(user_id, first_name, "en")

        def member(status: str) -> JsonDict:
            out: JsonDict = {"status": status, "user": dict(self.bot_user)}
            if status == "kicked":
                out["until_date"] = 0
            return out

        return self._push_update(
            {
                "my_chat_member": {
                    "chat": dict(self._chats[user_id]),
                    "from": user,
                    "date": self._now(),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )


def _fault_error(status: int, retry_after: int, description: str | None) -> ApiError:
    if status == 429:
        text = description or f"Too Many Requests: retry after {retry_after}"
        return ApiError(429, text, retry_after)
    return ApiError(status, description or _DEFAULT_DESCRIPTIONS.get(status, "Injected failure"))


def _inline_markup(value: object) -> JsonDict | None:
    """Telegram echoes (and keeps on the message) only inline keyboards."""
    if isinstance(value, dict) and "inline_keyboard" in value:
        copied: JsonDict = _json_copy(value)
        return copied
    return None


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _json_copy(value: Any) -> Any:
    """copy.deepcopy for JSON-shaped values (dicts, lists, scalars), several times faster.

    Anything else (a value a test put there by hand) still goes through copy.deepcopy.
    """
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _JSON_SCALARS else _json_copy(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _JSON_SCALARS else _json_copy(v) for v in value]
    if kind in _JSON_SCALARS:
        return value
    return copy.deepcopy(value)


def _commands_key(params: Mapping[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


async def _read_params(request: web.Request) -> tuple[JsonDict, dict[str, UploadedFile]]:
    """Query string, then the body: form (urlencoded or multipart) or a JSON object."""
    params: JsonDict = dict(request.query) if request.rel_url.raw_query_string else {}
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise ValueError("can't parse JSON object") from exc
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        params.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = UploadedFile(
                    value.filename, value.file.read(), value.content_type or ""
                )
            elif isinstance(value, bytes):
                params[name] = value.decode("utf-8", "replace")
            else:
                params[name] = value
    return params, files


def _resolve_attachments(
    params: JsonDict, files: dict[str, UploadedFile]
) -> tuple[JsonDict, dict[str, UploadedFile]]:
    """Map "attach://name" values to their file parts under the field's own name."""
    if not files:  # no part to attach: nothing to map (the common case)
        return params, {}
    out_files = dict(files)
    for name, value in params.items():
        if isinstance(value, str) and value.startswith("attach://"):
            part = value[len("attach://") :]
            if part in out_files:
                out_files[name] = out_files.pop(part)
    out_params = {k: v for k, v in params.items() if k not in out_files}
    return out_params, out_files


__all__ = [
    "BOT_USER_ID",
    "SENDING_METHODS",
    "ApiError",
    "BotApiEmulator",
    "Call",
    "CallbackAnswer",
    "ChatMessage",
    "UploadedFile",
]
