"""Inline buttons: ``kind:argument``, each checked against the pressed message."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date, time

from telegram import (
    InlineKeyboardMarkup,
    Update,
)

from bot.handlers.care import care_button, keep_held
from bot.handlers.commands import apply_pause, apply_resume, settings_view, wins_view
from bot.handlers.common import (
    answer,
    ascii_int,
    edit,
    load,
    progress,
    reschedule,
    set_buttons,
    zone_keyboard,
)
from bot.handlers.intuition import (
    on_checkin,
    on_confidence,
    on_outcome,
    on_series_join,
    on_series_leave,
    on_series_pause,
    on_series_restart,
    on_series_resume,
)
from bot.handlers.onboarding import apply_time
from bot.handlers.rights import on_delete_oldest
from bot.models import Question
from bot.plans import (
    LATER,
    SLOTS,
)
from bot.render import (
    LATER_KINDS,
    Button,
    Outgoing,
    later_buttons,
    later_choice,
    prompt_buttons,
    time_grid,
    why_this,
)
from bot.services import Services, TendContext
from bot.store import NextSend
from scheduler.schedule import parse_hhmm, to_ms

log = logging.getLogger(__name__)


async def button(update: Update, context: TendContext) -> None:
    """Every inline button: ``kind:argument``; anything else is refused without effect."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    svc = context.services
    data = query.data or ""
    kind, _, arg = data.partition(":")
    handler = BUTTONS.get(kind)
    if handler is None or not offered(query.message, data):
        await query.answer(svc.texts.stale_button)
        return
    if not await handler(update, svc, user.id, arg):
        await query.answer(svc.texts.stale_button)
        return
    await query.answer()


def offered(message: object, data: str) -> bool:
    """Whether the pressed message carries that button now: anything else is forged or stale."""
    markup = getattr(message, "reply_markup", None)
    rows = markup.inline_keyboard if isinstance(markup, InlineKeyboardMarkup) else ()
    return any(button.callback_data == data for row in rows for button in row)


def _day_arg(arg: str) -> date | None:
    try:
        return date.fromisoformat(arg)
    except ValueError:
        return None


async def on_time(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    chosen = parse_hhmm(arg)
    if chosen is None:
        return False
    await set_buttons(update, ())
    await apply_time(update, svc, await load(svc, user_id, svc.clock()), chosen)
    return True


async def on_done(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    if day is None or profile is None:
        return False
    now = svc.clock()
    await svc.store.mark_practised(user_id, day)
    await svc.store.change(profile, engaged_on=day)
    practice = svc.library.practice(profile.last_practice or "")
    if practice is not None:
        await set_buttons(update, ((Button(svc.texts.btn_why, f"w:{practice.id}"),),))
    await answer(update, svc.texts.done_ok.format(progress=await progress(svc, profile, now)))
    return True


async def on_later_menu(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    if day is None or profile is None or profile.tz is None:
        return False
    local = svc.clock().astimezone(profile.tz).time()
    await set_buttons(update, later_buttons(svc.texts, day, local))
    return True


async def on_later_back(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    practice = svc.library.practice(profile.last_practice or "") if profile else None
    if day is None or practice is None:
        return False
    await set_buttons(update, prompt_buttons(svc.texts, practice, day))
    return True


async def on_later(update: Update, svc: Services, user_id: int, kind: str, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    if day is None or profile is None or profile.tz is None:
        return False
    t = svc.texts
    at, when = later_choice(t, kind, svc.clock(), profile.tz)
    await svc.store.schedule(user_id, NextSend(LATER, to_ms(at), day.isoformat()))
    await svc.store.change(profile, engaged_on=day)
    await set_buttons(update, ())
    await answer(update, t.later_set.format(when=when))
    return True


async def on_skip(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    if day is None or profile is None:
        return False
    await svc.store.change(profile, engaged_on=day)
    await set_buttons(update, ())
    await answer(update, svc.texts.skip_ok)
    return True


async def on_why(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    practice = svc.library.practice(arg)
    if practice is None:
        return False
    await answer(update, why_this(svc.texts, practice))
    return True


async def on_undo(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    if not await svc.store.delete_win(user_id, arg):
        return False
    await edit(update, svc.texts.win_undone)
    return True


async def on_kind(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    """``k:<id>:r`` keeps an entry as a reflection, ``k:<id>:w`` counts it as a win."""
    win_id, _, to = arg.rpartition(":")
    if to not in ("r", "w") or not win_id:
        return False
    moved = await svc.store.set_kind(user_id, win_id, "reflection" if to == "r" else "win")
    if moved is None:
        return False
    t = svc.texts
    if moved.is_reflection:
        text, other = t.moved_to_reflection, Button(t.btn_as_win, f"k:{win_id}:w")
    else:
        text, other = t.moved_to_win, Button(t.btn_as_reflection, f"k:{win_id}:r")
    await edit(update, Outgoing(text, ((Button(t.btn_undo, f"u:{win_id}"), other),)))
    return True


async def on_wins_page(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    page = ascii_int(arg)
    if page is None:
        return False
    await edit(update, await wins_view(svc, user_id, page))
    return True


FOLLOW_UP_CHOICES = (0, 1, 2, 3, 4, 6)
QUIET_CHOICES = ("22:00-07:00", "21:00-08:00", "23:00-06:00", "00:00-00:00")


async def on_settings(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    now = svc.clock()
    profile = await load(svc, user_id, now)
    t = svc.texts
    back = (Button(t.btn_back, "st:back"),)
    action, _, value = arg.partition(":")
    match action:
        case "back":
            await edit(update, settings_view(svc, profile))
        case "close":
            await edit(update, t.closed)
        case "time":
            await set_buttons(update, (*time_grid("st:t"), back))
        case "t":
            chosen = parse_hhmm(value)
            if chosen is None:
                return False
            profile = await svc.store.change(profile, morning=chosen)
            await reschedule(svc, profile, now)
            await edit(update, settings_view(svc, profile))
        case "zone":
            await svc.store.change(profile, asking=Question.asked("zone", to_ms(now)))
            await answer(update, t.ask_timezone, reply_markup=zone_keyboard(svc))
        case "fu":
            labels = [
                Button(t.btn_off if h == 0 else f"{h} h", f"st:f:{h}") for h in FOLLOW_UP_CHOICES
            ]
            await edit(
                update, Outgoing(t.ask_followup, (tuple(labels[:3]), tuple(labels[3:]), back))
            )
        case "f":
            hours = ascii_int(value)
            if hours is None or hours not in FOLLOW_UP_CHOICES:
                return False
            profile = await svc.store.change(profile, followup_h=hours)
            await edit(update, settings_view(svc, profile))
        case "q":
            labels = [
                Button(t.btn_off if c == "00:00-00:00" else c.replace("-", "–"), f"st:qq:{c}")
                for c in QUIET_CHOICES
            ]
            await edit(update, Outgoing(t.ask_quiet, (tuple(labels[:2]), tuple(labels[2:]), back)))
        case "qq":
            if value not in QUIET_CHOICES:
                return False
            start, end = (time.fromisoformat(v) for v in value.split("-"))
            profile = await svc.store.change(profile, quiet_from=start, quiet_to=end)
            await edit(update, settings_view(svc, profile))
        case "pause":
            await apply_pause(svc, user_id, 7)
            await edit(update, settings_view(svc, await load(svc, user_id, now)))
        case "resume":
            await apply_resume(svc, user_id)
            await edit(update, settings_view(svc, await load(svc, user_id, now)))
        case _:
            return False
    return True


async def on_forget(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    if arg == "yes":
        svc.outbox.drop_user(user_id)
        await svc.store.forget(user_id, SLOTS)
        await edit(update, svc.texts.forget_done)
        log.info("a user's data was deleted at their request")
        return True
    if arg == "no":
        await edit(update, svc.texts.forget_kept)
        return True
    return False


ButtonHandler = Callable[[Update, Services, int, str], Awaitable[bool]]


def _later(kind: str) -> ButtonHandler:
    async def handler(update: Update, svc: Services, user_id: int, arg: str) -> bool:
        return await on_later(update, svc, user_id, kind, arg)

    return handler


BUTTONS: dict[str, ButtonHandler] = {
    "tm": on_time,
    "d": on_done,
    "l": on_later_menu,
    "lb": on_later_back,
    **{kind: _later(kind) for kind in LATER_KINDS},
    "s": on_skip,
    "w": on_why,
    "u": on_undo,
    "cr": care_button(keep_held),
    "k": on_kind,
    "wp": on_wins_page,
    "st": on_settings,
    "fg": on_forget,
    "wo": on_delete_oldest,
    "ij": on_series_join,
    "is": on_series_restart,
    "isp": on_series_pause,
    "isr": on_series_resume,
    "il": on_series_leave,
    "ic": on_checkin,
    "icc": on_confidence,
    "io": on_outcome,
}
