"""The playground: Tend in a browser, with no Telegram token and no Redis to install.

One process runs a throwaway embedded Redis, the Bot API emulator on loopback, the real bot
pointed at it through ``BOT_API_URL`` (the same code path as production), and a small web
app whose page looks and works like a Telegram chat. Time can be moved forward through the
clock the scheduler already takes as an input. Nothing listens or connects beyond 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import tempfile
import unicodedata
import webbrowser
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import SecretStr

from bot.app import build_application, serve
from bot.clock import TravelClock
from bot.content import TEXT_LIMIT, Library
from bot.emulator import BotApiEmulator, ChatMessage
from bot.emulator.validate import parse_formatted
from bot.models import Profile
from bot.plans import FOLLOW_UP, SLOTS, Plan, all_plans
from bot.preview import PreviewDay, Upcoming, preview_days, upcoming, user_days
from bot.redis_server import RedisServer
from bot.settings import Settings
from bot.store import NextSend, Store, connect
from bot.texts import Texts
from scheduler.schedule import from_ms, to_ms

log = logging.getLogger(__name__)

PLAYGROUND_TOKEN = "1:playground"  # noqa: S105  (not a secret: the emulator accepts any)
UPCOMING_SPAN = timedelta(days=8)
UPCOMING_SHOWN = 3
"""The sidebar lists a user's next three messages within eight days."""
NEXT_SPAN = timedelta(days=60)
"""How far "Next scheduled" looks for a message (a long pause may hold everything back)."""
SETTLE_S = 10.0
SETTLE_POLL_S = 0.05
"""After travelling, the page waits for the dispatcher (ticks of TICK_S, at most 0.5 s here)."""
IGNORED = (
    "redis_url",
    "data_dir",
    "bot_api_url",
    "time_travel",
    "webhook_url",
    "webhook_secret",
    "webhook_listen",
    "webhook_port",
)
"""Settings the playground overrides: its Redis, files and Bot API are throwaway and local."""
FIRST_USER = 1001
DEFAULT_COMMANDS = json.dumps([{"type": "default"}, ""], sort_keys=True)
"""The emulator's key for the command list with no scope and no language."""


@dataclass
class Playground:
    """The state behind the page: the emulator, the store, the simulated users."""

    emulator: BotApiEmulator
    store: Store
    library: Library
    texts: Texts
    clock: TravelClock
    plans: dict[str, Plan]
    users: dict[int, str] = field(default_factory=lambda: {FIRST_USER: "Ada"})

    async def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=await self.store.clock_offset_s())

    async def pending(self, user_id: int, profile: Profile) -> list[NextSend]:
        """The user's scheduled occurrences, read from the store."""
        zone = profile.tz
        out = []
        for slot in SLOTS:
            at_ms = await self.store.next_due(user_id, slot)
            if at_ms is None or zone is None:
                continue
            day = from_ms(at_ms).astimezone(zone).date()
            if slot == FOLLOW_UP and profile.last_prompt_date is not None:
                day = profile.last_prompt_date  # the reminder belongs to its morning's date
            out.append(NextSend(slot, at_ms, day.isoformat()))
        return out

    async def upcoming(self, user_id: int, until: datetime, count: int) -> list[Upcoming]:
        """The user's next ``count`` messages until ``until`` (silent occurrences left out)."""
        profile = await self.store.get_profile(user_id)
        if profile is None or profile.tz is None:
            return []
        pending = await self.pending(user_id, profile)
        events = upcoming(profile, pending, self.plans, until)
        return list(islice((e for e in events if e.message is not None), count))

    async def user_summary(self, user_id: int, now: datetime) -> dict[str, Any]:
        profile = await self.store.get_profile(user_id)
        zone = profile.tz if profile else None
        coming = await self.upcoming(user_id, now + UPCOMING_SPAN, UPCOMING_SHOWN)
        words = [f"{e.words}, {e.at.astimezone(zone):%a %H:%M}" for e in coming]
        return {
            "id": user_id,
            "name": self.users[user_id],
            "zone": profile.zone if profile and zone else None,
            "local_time": f"{now.astimezone(zone):%a %H:%M}" if zone else None,
            "next": words[0] if words else None,
            "upcoming": words,
        }

    async def state(self, user_id: int) -> dict[str, Any]:
        now = await self.now()
        messages = [m for m in self.emulator.messages(user_id) if not m.deleted]
        shown = [message_json(user_id, m) for m in messages]
        keyboard = reply_keyboard(messages)
        # The page redraws the chat when this changes: derived from what it shows, so no
        # change (a send, an edit, a new keyboard) can slip between two polls unseen.
        version = zlib.crc32(json.dumps([shown, keyboard], sort_keys=True).encode())
        users = [await self.user_summary(u, now) for u in self.users]
        return {
            "user": user_id,
            "zone": next(u["zone"] for u in users if u["id"] == user_id),
            "now_utc": now.isoformat(timespec="seconds"),
            "users": users,
            "commands": [
                {"command": c.get("command"), "description": c.get("description")}
                for c in self.emulator.commands.get(DEFAULT_COMMANDS, [])
            ],
            "version": version,
            "messages": shown,
            "reply_keyboard": keyboard,
        }

    async def next_sending_at(self, now: datetime) -> datetime | None:
        """When the next message of any simulated user goes out (skipping silent ones)."""
        firsts = [await self.upcoming(u, now + NEXT_SPAN, 1) for u in self.users]
        times = [events[0].at for events in firsts if events]
        return min(times) if times else None

    async def travel(self, seconds: float | None) -> datetime:
        """Move time forward by ``seconds``, or to the next send that says something; return
        once the bot has sent what fell due (so the page shows it with the new time)."""
        now = await self.now()
        if seconds is None:
            target = await self.next_sending_at(now)
            seconds = max(0.0, (target - now).total_seconds() + 1) if target else 0.0
        if seconds > 0:
            self.clock.set_offset(await self.store.advance_clock(seconds))
        now = await self.now()
        await self.settle(now)
        return now

    async def settle(self, now: datetime) -> None:
        """Wait (at most SETTLE_S) until the dispatcher has handled everything due at ``now``.

        The dispatcher is another task on its own tick, and a silent occurrence leaves no
        trace to wait on in the emulator, so this watches the schedule itself.
        """
        deadline = asyncio.get_running_loop().time() + SETTLE_S
        while asyncio.get_running_loop().time() < deadline:
            earliest = await self.store.earliest_due_ms()
            idle = await self.store.inflight_count() == 0
            if idle and (earliest is None or earliest > to_ms(now)):
                return
            await asyncio.sleep(SETTLE_POLL_S)


def preview_day(day: PreviewDay) -> dict[str, Any]:
    messages = []
    for text in day.messages:
        parsed = parse_formatted(text, "HTML")
        messages.append({"text": parsed.text, "entities": list(parsed.entities)})
    return {
        "day": day.number,
        "date": f"{day.date:%a %d %b}",
        "iso_date": day.date.isoformat(),
        "messages": messages,
    }


INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Unicode categories that show nothing: controls, format marks (zero-width space, joiners,
the byte-order mark) and spaces. Telegram refuses a message made only of these."""


def refusal(text: str) -> str | None:
    """Why Telegram would not send ``text`` from a person, in words for the composer."""
    if not text:
        return "Type a message first."
    if all(unicodedata.category(c) in INVISIBLE or c.isspace() for c in text):
        return "Only spaces or invisible characters: Telegram would not send that."
    if len(text.encode("utf-16-le")) // 2 > TEXT_LIMIT:
        return f"Longer than Telegram's {TEXT_LIMIT} characters."
    return None


def ignored_settings(settings: Settings) -> list[str]:
    """The names of settings given (environment or .env) that the playground does not use."""
    fields = type(settings).model_fields
    return [str(fields[name].alias) for name in IGNORED if name in settings.model_fields_set]


def message_json(user_id: int, message: ChatMessage) -> dict[str, Any]:
    markup = message.reply_markup or {}
    document = None
    if message.document is not None:
        name, data = message.document
        document = {
            "name": name,
            "url": f"/api/document/{user_id}/{message.message_id}",
            "size": len(data),
        }
    return {
        "id": message.message_id,
        "from_bot": message.from_bot,
        "date": message.date,
        "edited": message.edited,
        "editable": not message.from_bot and message.text is not None,
        "deleted": message.deleted,
        "text": message.text or message.caption or ("📍 Location" if message.location else ""),
        "entities": list(message.entities or ()),
        "inline_keyboard": [
            [{"text": b.get("text", ""), "data": b.get("callback_data")} for b in row]
            for row in markup.get("inline_keyboard", [])
        ]
        or None,
        "document": document,
    }


def sent_markup(message: ChatMessage) -> dict[str, Any]:
    """The reply_markup the bot sent with a message, whatever its kind."""
    value = message.raw.get("reply_markup") if isinstance(message.raw, dict) else None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def reply_keyboard(messages: list[ChatMessage]) -> list[list[dict[str, Any]]] | None:
    """The reply keyboard Telegram would show now: the bot's latest, unless removed or used."""
    for message in reversed(messages):
        if not message.from_bot:
            continue
        markup = sent_markup(message)
        if markup.get("remove_keyboard"):
            return None
        if "keyboard" in markup:
            used = any(not m.from_bot and m.message_id > message.message_id for m in messages)
            if used and markup.get("one_time_keyboard"):
                return None
            return [
                [
                    {"text": b.get("text", ""), "request_location": bool(b.get("request_location"))}
                    for b in row
                ]
                for row in markup["keyboard"]
            ]
    return None


def web_app(playground: Playground) -> web.Application:
    """The page and its JSON API."""
    static = resources.files("bot") / "static"
    routes = web.RouteTableDef()

    def user_of(value: object) -> int:
        user_id = int(str(value))
        if user_id not in playground.users:
            raise web.HTTPNotFound(text="no such user")
        return user_id

    @routes.get("/")
    async def index(_request: web.Request) -> web.Response:
        return web.Response(
            text=(static / "index.html").read_text("utf-8"), content_type="text/html"
        )

    @routes.get("/static/{name}")
    async def asset(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        kinds = {".js": "application/javascript", ".css": "text/css", ".png": "image/png"}
        kind = kinds.get(Path(name).suffix)
        if kind is None or "/" in name or name.startswith("."):
            raise web.HTTPNotFound()
        return web.Response(body=(static / name).read_bytes(), content_type=kind)

    @routes.get("/api/state")
    async def state(request: web.Request) -> web.Response:
        return web.json_response(
            await playground.state(user_of(request.query.get("user", FIRST_USER)))
        )

    async def typed(request: web.Request) -> tuple[dict[str, Any], int, str]:
        """The body, user and text of something a person typed; refused when it is blank."""
        body = await request.json()
        text = str(body.get("text", ""))
        refused = refusal(text)
        if refused is not None:
            raise web.HTTPBadRequest(text=refused)
        return body, user_of(body.get("user")), text

    @routes.post("/api/send")
    async def send(request: web.Request) -> web.Response:
        _, user_id, text = await typed(request)
        playground.emulator.user_sends(user_id, text, first_name=playground.users[user_id])
        return web.json_response({"ok": True})

    @routes.post("/api/edit")
    async def edit(request: web.Request) -> web.Response:
        """The user edits a message they sent: Telegram's edited_message update."""
        body, user_id, text = await typed(request)
        try:
            playground.emulator.user_edits(user_id, int(body["message_id"]), text)
        except (ValueError, KeyError, LookupError) as exc:
            raise web.HTTPBadRequest(text=f"cannot edit that message: {exc}") from None
        return web.json_response({"ok": True})

    @routes.post("/api/press")
    async def press(request: web.Request) -> web.Response:
        body = await request.json()
        user_id = user_of(body.get("user"))
        try:
            query_id = playground.emulator.user_presses(
                user_id, int(body["message_id"]), str(body["data"])
            )
        except (ValueError, KeyError) as exc:
            raise web.HTTPBadRequest(text=str(exc)) from None
        answers = playground.emulator.callback_answers
        try:
            await playground.emulator.wait_until(lambda: query_id in answers, 5.0)
        except TimeoutError:
            return web.json_response({"ok": True, "answer": None})
        answer = answers[query_id]
        return web.json_response({"ok": True, "answer": getattr(answer, "text", None) or None})

    @routes.post("/api/location")
    async def location(request: web.Request) -> web.Response:
        body = await request.json()
        user_id = user_of(body.get("user"))
        playground.emulator.user_shares_location(
            user_id,
            float(body["latitude"]),
            float(body["longitude"]),
            first_name=playground.users[user_id],
        )
        return web.json_response({"ok": True})

    @routes.post("/api/travel")
    async def travel(request: web.Request) -> web.Response:
        body = await request.json()
        seconds = None if body.get("to") == "next" else float(body.get("seconds", 0))
        if body.get("at"):  # an instant (ISO 8601, with its offset): pins a demo or a test
            try:
                at = datetime.fromisoformat(str(body["at"]))
            except ValueError:
                raise web.HTTPBadRequest(
                    text="at: an ISO 8601 instant, e.g. 2030-01-07T06:00Z"
                ) from None
            if at.tzinfo is None:
                raise web.HTTPBadRequest(text="at: give the offset, e.g. Z or +01:00")
            seconds = (at - await playground.now()).total_seconds()
            if seconds < 0:
                raise web.HTTPBadRequest(text="at: time only moves forward here")
        elif seconds is not None and not 0 <= seconds <= 366 * 86400:
            raise web.HTTPBadRequest(text="seconds out of range")
        before = await playground.now()
        now = await playground.travel(seconds)
        moved = (now - before).total_seconds() >= 1  # not just the real seconds of the wait
        return web.json_response(
            {"ok": True, "now_utc": now.isoformat(timespec="seconds"), "moved": moved}
        )

    @routes.post("/api/users")
    async def add_user(request: web.Request) -> web.Response:
        body = await request.json()
        name = str(body.get("name") or "").strip()[:32] or f"User {len(playground.users) + 1}"
        user_id = max(playground.users) + 1
        playground.users[user_id] = name
        return web.json_response({"id": user_id})

    @routes.get("/api/preview")
    async def preview(request: web.Request) -> web.Response:
        days = max(1, min(31, int(request.query.get("days", "7"))))
        now = await playground.now()
        user_id = user_of(request.query.get("user", FIRST_USER))
        profile = await playground.store.get_profile(user_id)
        if profile is not None and profile.is_set_up:
            pending = await playground.pending(user_id, profile)
            week = user_days(profile, pending, playground.plans, days, now)
            whose = "this user"
        else:
            week = preview_days(playground.library, playground.texts, days, now)
            whose = "a new user"
        return web.json_response({"whose": whose, "days": [preview_day(d) for d in week]})

    @routes.get("/api/document/{user}/{message_id}")
    async def document(request: web.Request) -> web.Response:
        user_id = user_of(request.match_info["user"])
        message = playground.emulator.message(user_id, int(request.match_info["message_id"]))
        if message.document is None:
            raise web.HTTPNotFound()
        name, data = message.document
        return web.Response(
            body=data,
            content_type="application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    app = web.Application(middlewares=[same_origin_only])
    app.add_routes(routes)
    return app


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _hostname(netloc: str) -> str | None:
    """``127.0.0.1:8080`` -> ``127.0.0.1``; ``[::1]:8080`` -> ``::1``."""
    try:
        return urlsplit(f"//{netloc}").hostname
    except ValueError:
        return None


@web.middleware
async def same_origin_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Only the page itself, at a loopback name, may use the playground.

    A ``Host`` other than localhost, 127.0.0.1 or [::1] is refused: a DNS-rebinding page
    (evil.example resolving to 127.0.0.1) could otherwise read ``/api/state``. A POST from
    another site is refused by ``Sec-Fetch-Site`` (browsers send it) and by ``Origin``,
    which must be this very host and port: a form elsewhere cannot send as the user.
    """
    if _hostname(request.host) not in LOOPBACK_NAMES:
        return web.Response(status=421, text="The playground answers only at 127.0.0.1.")
    if request.method not in SAFE_METHODS:
        site = request.headers.get("Sec-Fetch-Site")
        origin = request.headers.get("Origin")
        if site not in (None, "same-origin", "none") or (
            origin is not None and urlsplit(origin).netloc != request.host
        ):
            return web.Response(status=403, text="Cross-site requests are refused.")
    return await handler(request)


async def run(settings: Settings, library: Library, texts: Texts, port: int) -> None:
    """Everything the playground needs, in this process, until SIGINT or SIGTERM."""
    with tempfile.TemporaryDirectory(prefix="tend-playground-") as tmp:
        server = RedisServer(Path(tmp)).start()
        clock = TravelClock()  # the emulator dates messages in travelled time too
        emulator = BotApiEmulator(
            bot_username="tend_playground_bot", clock=lambda: clock().timestamp()
        )
        await emulator.start(host="127.0.0.1", port=0)
        runner: web.AppRunner | None = None
        try:
            bot_settings = settings.model_copy(
                update={
                    "bot_token": SecretStr(PLAYGROUND_TOKEN),
                    "time_travel": True,
                    "bot_api_url": emulator.base_url,
                    "tick_s": min(settings.tick_s, 0.5),
                    "redis_url": None,
                    # Its words, keys and key file go with its throwaway Redis.
                    "data_dir": Path(tmp) / "data",
                    "data_key": None,
                    "keyring_url": None,
                    "webhook_url": None,
                    "webhook_secret": None,
                }
            )
            app = build_application(bot_settings, server.url, library, texts)
            store = Store(connect(server.url))
            plans = all_plans(library, texts)
            playground = Playground(emulator, store, library, texts, clock, plans)
            runner = web.AppRunner(web_app(playground), access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            bound = runner.addresses[0][1]  # PLAYGROUND_PORT=0 picks a free port
            url = f"http://127.0.0.1:{bound}"
            print(f"Tend playground: {url}  (Ctrl+C to stop)", file=sys.stderr)  # noqa: T201
            open_browser(url)
            await serve(app, updates=True)
            await store.close()
        finally:
            if runner is not None:
                await runner.cleanup()
            await emulator.stop()
            server.stop()


def open_browser(url: str) -> None:
    """Open the page where a browser is at hand; never in CI or when asked not to."""
    if os.environ.get("CI") or os.environ.get("TEND_NO_BROWSER"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return
    try:
        asyncio.get_running_loop().run_in_executor(None, webbrowser.open, url)
    except RuntimeError:
        webbrowser.open(url)
