"""Turning pure ``Outgoing`` messages into Bot API calls, and their errors into outcomes."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from http import HTTPStatus
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import BaseRequest, RequestData

from bot.http import AiohttpRequest
from bot.render import Outgoing
from scheduler.dispatch import SendResult

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_GONE_FOR_GOOD = ("chat not found", "user is deactivated", "bot can't initiate", "bot was blocked")


def markup(message: Outgoing) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )


def retry_after_s(error: RetryAfter) -> float:
    value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """The dispatcher's ``Sender`` over PTB's bot."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, message: Outgoing) -> SendResult:
        try:
            sent = await self.bot.send_message(
                chat_id,
                message.text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup(message),
                link_preview_options=NO_PREVIEW,
            )
        except RetryAfter as exc:
            return SendResult("retry_after", retry_after_s=retry_after_s(exc))
        except Forbidden:
            return SendResult("blocked")
        except BadRequest as exc:
            if any(s in exc.message.lower() for s in _GONE_FOR_GOOD):
                return SendResult("blocked")
            log.error("telegram refused a scheduled message: %s", exc.message)
            return SendResult("failed")
        except NetworkError as exc:
            log.warning("sending failed for now (%s); will retry", type(exc).__name__)
            return SendResult("failed")
        except TelegramError as exc:
            log.error("sending failed: %s", exc)
            return SendResult("failed")
        return SendResult("sent", message_id=sent.message_id)


class TolerantRequest(AiohttpRequest):
    """The getUpdates transport: an update the library cannot read is logged and skipped.

    PTB parses a batch of updates at once, so one malformed update would fail every poll
    and stop the bot. Each update is tried alone; one that does not parse is replaced by a
    bare ``{"update_id": N}``, so the offset still moves past it and nothing else is lost.
    """

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        status, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if status != HTTPStatus.OK or not url.endswith("/getUpdates"):
            return status, payload
        try:
            body = json.loads(payload)
        except ValueError:
            return status, payload
        updates = body.get("result") if isinstance(body, dict) else None
        if not isinstance(updates, list):
            return status, payload
        body["result"] = [_readable(update) for update in updates]
        return status, json.dumps(body).encode()


def _readable(update: object) -> object:
    try:
        Update.de_json(update, None)  # type: ignore[arg-type]
    except Exception:
        update_id = update.get("update_id") if isinstance(update, dict) else None
        log.error("skipped a malformed update", extra={"update_id": update_id})
        return {"update_id": update_id} if isinstance(update_id, int) else None
    return update
