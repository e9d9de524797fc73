"""The buttons' typed twins, so the bot can be driven by text alone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time

from telegram import Update

from bot.handlers.buttons import on_done, on_later, on_skip
from bot.handlers.commands import settings_view
from bot.handlers.common import answer, ascii_int, load, today
from bot.services import Services, TendContext
from scheduler.schedule import parse_hhmm

LATER_WORDS = {
    **{"30": "l30", "30m": "l30", "1h": "l60", "60": "l60", "60m": "l60"},
    **{"2h": "l120", "120": "l120", "evening": "lev"},
}


async def done_command(update: Update, context: TendContext) -> None:
    """/done: today's practice, done (the Done button)."""
    await typed(update, context, lambda svc, uid, day: on_done(update, svc, uid, day))


async def skip_command(update: Update, context: TendContext) -> None:
    """/skip: rest today, no reminder (the Skip button)."""
    await typed(update, context, lambda svc, uid, day: on_skip(update, svc, uid, day))


async def later_command(update: Update, context: TendContext) -> None:
    """/later [30m|1h|2h|evening]: today's practice again later (the Later buttons)."""
    kind = LATER_WORDS.get(" ".join(context.args or ["30m"]).lower())
    if kind is None:
        await answer(update, context.services.texts.later_usage)
        return
    await typed(update, context, lambda svc, uid, day: on_later(update, svc, uid, kind, day))


async def typed(
    update: Update,
    context: TendContext,
    act: Callable[[Services, int, str], Awaitable[bool]],
) -> None:
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    profile = await svc.store.get_profile(user.id)
    if profile is None or not profile.is_set_up:
        await answer(update, svc.texts.practice_none)
        return
    if not await act(svc, user.id, today(svc, profile, svc.clock()).isoformat()):
        await answer(update, svc.texts.practice_none)


async def reminder_command(update: Update, context: TendContext) -> None:
    """/reminder off|1-6: the gentle follow-up, in hours after the practice."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    word = " ".join(context.args or ()).lower().removesuffix("h")
    number = ascii_int(word)
    hours = 0 if word == "off" else number if number is not None else -1
    if not 0 <= hours <= 6:
        await answer(update, svc.texts.reminder_usage)
        return
    profile = await svc.store.change(await load(svc, user.id, svc.clock()), followup_h=hours)
    await answer(update, settings_view(svc, profile))


async def quiet_command(update: Update, context: TendContext) -> None:
    """/quiet HH:MM-HH:MM|off: hours in which the gentle reminder is left out."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    text = " ".join(context.args or ()).lower().replace("–", "-")
    start_text, _, end_text = text.partition("-")
    start, end = parse_hhmm(start_text), parse_hhmm(end_text)
    if text == "off":
        start = end = time(0, 0)
    if start is None or end is None:
        await answer(update, svc.texts.quiet_usage)
        return
    profile = await svc.store.change(
        await load(svc, user.id, svc.clock()), quiet_from=start, quiet_to=end
    )
    await answer(update, settings_view(svc, profile))
