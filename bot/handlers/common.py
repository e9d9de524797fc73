"""Shared by every handler: replying, loading and rescheduling a user, and the error handler."""

from __future__ import annotations

import logging
from datetime import date, datetime

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from telegram import (
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.models import Profile
from bot.plans import (
    SLOTS,
    next_morning,
)
from bot.render import (
    Button,
    Outgoing,
    hhmm,
    progress_line,
    when_phrase,
)
from bot.services import Services, TendContext
from bot.store import WinsFull
from bot.telegram_io import NO_PREVIEW, markup
from scheduler.schedule import from_ms, to_ms

log = logging.getLogger(__name__)


WINS_PER_PAGE = 8
PAUSE_MAX_DAYS = 365


def ascii_int(text: str) -> int | None:
    """A number written in ASCII digits only, or ``None``: ``str.isdigit`` also accepts
    "²" or "٣", which ``int`` then refuses (or reads as another number)."""
    return int(text) if text.isascii() and text.isdigit() else None


async def answer(update: Update, message: Outgoing | str, **kwargs: object) -> Message | None:
    """Reply in the user's chat with HTML text and inline buttons."""
    chat = update.effective_chat
    if chat is None:
        return None
    out = Outgoing(message) if isinstance(message, str) else message
    reply_markup = kwargs.pop("reply_markup", None) or markup(out)
    return await chat.send_message(
        out.text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply_markup,  # type: ignore[arg-type]
        link_preview_options=NO_PREVIEW,
    )


async def edit(update: Update, message: Outgoing | str) -> None:
    """Replace the text and buttons of the message whose button was pressed."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    out = Outgoing(message) if isinstance(message, str) else message
    try:
        await query.edit_message_text(
            out.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup(out),
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def set_buttons(update: Update, buttons: tuple[tuple[Button, ...], ...]) -> None:
    """Change only the buttons of the pressed message."""
    query = update.callback_query
    if query is None:
        return
    try:
        await query.edit_message_reply_markup(markup(Outgoing("", buttons)))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


def today(svc: Services, profile: Profile, now: datetime) -> date:
    zone = profile.tz
    return now.astimezone(zone).date() if zone else now.date()


async def load(svc: Services, user_id: int, now: datetime) -> Profile:
    return await svc.store.get_profile(user_id) or Profile(user_id, created_ms=to_ms(now))


async def reschedule(svc: Services, profile: Profile, now: datetime) -> str:
    """Put the user's next morning in the due set (or take everything out); says when."""
    nxt = next_morning(profile, now)
    if nxt is None or profile.paused_until is not None:
        await svc.store.unschedule(profile.user_id, SLOTS)
    if nxt is None:
        return svc.texts.next_line_unscheduled
    await svc.store.schedule(profile.user_id, nxt)
    tz = profile.tz
    assert tz is not None and profile.morning is not None
    when = when_phrase(svc.texts, from_ms(nxt.at_ms), tz, now)
    return svc.texts.next_line_scheduled.format(when=when, time=hhmm(profile.morning))


def zone_keyboard(svc: Services) -> ReplyKeyboardMarkup:
    cities = list(svc.texts.zone_choices)
    rows: list[list[KeyboardButton]] = [
        [KeyboardButton(svc.texts.share_location, request_location=True)]
    ]
    rows += [[KeyboardButton(c) for c in cities[i : i + 3]] for i in range(0, len(cities), 3)]
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)


async def progress(svc: Services, profile: Profile, now: datetime) -> str:
    practised = await svc.store.practised_days(profile.user_id)
    wins = await svc.store.count_wins(profile.user_id)
    return progress_line(svc.texts, profile, practised, wins, today(svc, profile, now))


def oldest_share(svc: Services) -> int:
    """How many wins the way-out button deletes: a tenth of the cap, so there is room."""
    return max(1, svc.settings.wins_max // 10)


def wins_full(svc: Services, count: int) -> Outgoing:
    """The kind message when a user's wins reach the cap, with the way out."""
    n = oldest_share(svc)
    button = Button(svc.texts.btn_delete_oldest.format(n=n), f"wo:{n}")
    return Outgoing(svc.texts.wins_full.format(count=count, n=n), ((button,),))


async def on_error(update: object, context: TendContext) -> None:
    """Log first; then tell the user honestly, if there is one."""
    error = context.error
    if isinstance(error, WinsFull) and isinstance(update, Update) and update.effective_user:
        # Not a failure: the user's store is full. Say so kindly, with the way out.
        svc = context.services
        count = await svc.store.count_entries(update.effective_user.id)
        await answer(update, wins_full(svc, count))
        return
    if context.bot_data.services is not None:
        context.services.metrics.handler_errors += 1
    redis_down = isinstance(error, RedisConnectionError | RedisTimeoutError)
    if redis_down:
        log.error("redis is unreachable: %s", error)
    else:
        log.error("handler failed", exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        texts = context.services.texts
        try:
            await update.effective_chat.send_message(
                texts.redis_down if redis_down else texts.error_apology,
                parse_mode=ParseMode.HTML,
            )
        except Exception:
            log.warning("could not send the apology either")
