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
import webbrowser
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import SecretStr

from bot.app import build_application, serve
from bot.clock import TravelClock
from bot.content import Library
from bot.emulator import BotApiEmulator, ChatMessage
from bot.emulator.validate import parse_formatted
from bot.plans import SLOTS
from bot.preview import preview_days
from bot.redis_server import RedisServer
from bot.settings import Settings
from bot.store import Store, connect
from bot.texts import Texts
from scheduler.schedule import from_ms

log = logging.getLogger(__name__)

PLAYGROUND_TOKEN = "1:playground"  # noqa: S105  (not a secret: the emulator accepts any)
SLOT_NAMES = {
    "morning": "morning practice",
    "followup": "gentle reminder",
    "later": "practice again",
}
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
    users: dict[int, str] = field(default_factory=lambda: {FIRST_USER: "Ada"})

    async def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=await self.store.clock_offset_s())

    async def user_summary(self, user_id: int, now: datetime) -> dict[str, Any]:
        profile = await self.store.get_profile(user_id)
        zone = profile.tz if profile else None
        nexts = [(await self.store.next_due(user_id, slot), slot) for slot in SLOTS]
        pending = sorted((ms, slot) for ms, slot in nexts if ms is not None)
        upcoming = None
        if pending and zone is not None:
            at = from_ms(pending[0][0]).astimezone(zone)
            upcoming = f"{at:%a %H:%M} · {SLOT_NAMES.get(pending[0][1], pending[0][1])}"
        return {
            "id": user_id,
            "name": self.users[user_id],
            "zone": profile.zone if profile else None,
            "local_time": f"{now.astimezone(zone):%a %H:%M}" if zone else None,
            "next": upcoming,
        }

    async def state(self, user_id: int) -> dict[str, Any]:
        now = await self.now()
        messages = [m for m in self.emulator.messages(user_id) if not m.deleted]
        shown = [message_json(user_id, m) for m in messages]
        keyboard = reply_keyboard(messages)
        # The page redraws the chat when this changes: derived from what it shows, so no
        # change (a send, an edit, a new keyboard) can slip between two polls unseen.
        version = zlib.crc32(json.dumps([shown, keyboard], sort_keys=True).encode())
        return {
            "user": user_id,
            "now_utc": now.isoformat(timespec="seconds"),
            "users": [await self.user_summary(u, now) for u in self.users],
            "commands": [
                {"command": c.get("command"), "description": c.get("description")}
                for c in self.emulator.commands.get(DEFAULT_COMMANDS, [])
            ],
            "version": version,
            "messages": shown,
            "reply_keyboard": keyboard,
        }

    async def travel(self, seconds: float | None) -> datetime:
        """Move time forward by ``seconds``, or to the next scheduled send."""
        now = await self.now()
        if seconds is None:
            earliest = await self.store.earliest_due_ms()
            seconds = max(0.0, (from_ms(earliest) - now).total_seconds() + 1) if earliest else 0.0
        if seconds > 0:
            self.clock.set_offset(await self.store.advance_clock(seconds))
        return await self.now()


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

    @routes.post("/api/send")
    async def send(request: web.Request) -> web.Response:
        body = await request.json()
        text = str(body.get("text", ""))[:4096]
        if not text.strip():
            raise web.HTTPBadRequest(text="empty message")
        user_id = user_of(body.get("user"))
        playground.emulator.user_sends(user_id, text, first_name=playground.users[user_id])
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
        if seconds is not None and not 0 <= seconds <= 366 * 86400:
            raise web.HTTPBadRequest(text="seconds out of range")
        now = await playground.travel(seconds)
        return web.json_response({"ok": True, "now_utc": now.isoformat(timespec="seconds")})

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
        out = []
        for day in preview_days(playground.library, playground.texts, days, now):
            messages = []
            for text in day.messages:
                parsed = parse_formatted(text, "HTML")
                messages.append({"text": parsed.text, "entities": list(parsed.entities)})
            out.append({"day": day.number, "date": f"{day.date:%a %d %b}", "messages": messages})
        return web.json_response({"days": out})

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

    app = web.Application()
    app.add_routes(routes)
    return app


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
                    # Its words, keys and key file go with its throwaway Redis.
                    "data_dir": Path(tmp) / "data",
                    "data_key": None,
                    "keyring_url": None,
                }
            )
            app = build_application(bot_settings, server.url, library, texts)
            store = Store(connect(server.url))
            playground = Playground(emulator, store, library, texts, clock)
            runner = web.AppRunner(web_app(playground), access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            url = f"http://127.0.0.1:{port}"
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
