"""Turning pure ``Outgoing`` messages into Bot API calls, and their errors into outcomes."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

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
