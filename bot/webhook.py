"""The webhook, served on aiohttp: the secret first, then at most ``MAX_BODY_BYTES`` of body.

python-telegram-bot's own webhook server (tornado) reads up to 100 MB of a request before
any handler sees the secret header: eight unauthenticated 90 MiB posts took the bot from 72
to 866 MiB. Here a request without the right ``X-Telegram-Bot-Api-Secret-Token`` is
refused before one byte of its body is read, and the connection is closed rather than
drained; a body over the cap is refused by its ``Content-Length``, or, when it has none, as
soon as the cap is passed.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Bot, Update

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
"""Telegram's largest updates (a long message with entities, a poll) are a few tens of KiB."""
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


def _refuse(status: int) -> web.Response:
    response = web.Response(status=status)
    response.force_close()  # do not read (drain) the rest of an unwanted body
    return response


def webhook_app(path: str, secret: str, bot: Bot, queue: asyncio.Queue[Any]) -> web.Application:
    """An aiohttp app that takes Telegram's posts on ``path`` and queues them for PTB."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return _refuse(403)
        length = request.content_length
        if length is not None and length > MAX_BODY_BYTES:
            return _refuse(413)
        try:
            raw = await request.read()  # client_max_size stops a body with no length
        except web.HTTPRequestEntityTooLarge:
            return _refuse(413)
        update = parse_update(raw, bot)
        if update is not None:
            await queue.put(update)
        # Unreadable too: 200, or Telegram would redeliver it for a day.
        return web.Response()

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post("/" + path.lstrip("/"), receive)
    return app


def parse_update(raw: bytes, bot: Bot) -> Update | None:
    """The update, or ``None`` (logged by ``update_id`` alone: never a user's words or name)."""
    data: object = None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise TypeError("not an object")
        return Update.de_json(data, bot)
    except Exception as exc:
        update_id = data.get("update_id") if isinstance(data, dict) else None
        log.warning(
            "skipped an update that cannot be read",
            extra={"update_id": update_id, "error": type(exc).__name__},
        )
        return None
