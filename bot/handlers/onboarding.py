"""Onboarding: /start, the user's zone and morning time."""

from __future__ import annotations

from datetime import time

from telegram import (
    ReplyKeyboardRemove,
    Update,
)

from bot.handlers.common import answer, load, reschedule, zone_keyboard
from bot.handlers.intuition import series_view
from bot.models import Profile, Question
from bot.places import zone_at
from bot.plans import next_morning
from bot.render import (
    Outgoing,
    esc,
    hhmm,
    time_grid,
    when_phrase,
)
from bot.series import INTUITION
from bot.services import Services, TendContext
from bot.zones import resolve_zone
from scheduler.schedule import from_ms, local_now, parse_hhmm, to_ms, utc_offset_label


async def start(update: Update, context: TendContext) -> None:
    """Welcome a new user, or bring a returning one back with their settings."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    now = svc.clock()
    payload = (context.args or [""])[0][:64]
    invite = INTUITION if payload == INTUITION else None
    # Until the zone and the time are set, what the user writes answers the one missing
    # (Profile.question): nothing needs to be stored for it.
    new = Profile(user.id, created_ms=to_ms(now), invite=invite)
    if await svc.store.create_profile(new):
        await answer(update, svc.texts.welcome)
        await answer(update, svc.texts.ask_timezone, reply_markup=zone_keyboard(svc))
        return
    profile = await load(svc, user.id, now)
    profile = await svc.store.change(profile, active=True, invite=invite or profile.invite)
    if profile.tz is None:
        await ask_again(update, svc, "zone")
    elif profile.morning is None:
        await ask_again(update, svc, "time")
    else:
        next_line = await reschedule(svc, profile, now)
        await answer(update, svc.texts.welcome_back.format(next_line=next_line))
        if invite is not None:
            await answer(update, series_view(svc, profile))


async def apply_zone(update: Update, svc: Services, profile: Profile, zone: str) -> None:
    """Store the zone, confirm it with the local time it implies, and ask what comes next."""
    now = svc.clock()
    profile = await svc.store.change(profile, zone=zone, asking=None)
    tz = profile.tz
    assert tz is not None
    confirm = svc.texts.timezone_set.format(
        zone=esc(zone),
        local_time=hhmm(local_now(tz, now).time()),
        offset=utc_offset_label(tz, now),
    )
    await answer(update, confirm, reply_markup=ReplyKeyboardRemove())
    if profile.morning is None:
        await answer(update, Outgoing(svc.texts.ask_time, time_grid("tm")))
    else:
        await answer(update, await reschedule(svc, profile, now))


async def apply_time(update: Update, svc: Services, profile: Profile, chosen: time) -> None:
    now = svc.clock()
    profile = await svc.store.change(profile, morning=chosen, asking=None)
    if profile.tz is None:
        await answer(update, svc.texts.time_needs_zone)
        return
    await reschedule(svc, profile, now)
    nxt = next_morning(profile, now)
    if nxt is None:  # paused
        await answer(update, svc.texts.closed)
        return
    when = when_phrase(svc.texts, from_ms(nxt.at_ms), profile.tz, now)
    await answer(update, svc.texts.all_set.format(when=when, time=hhmm(chosen)))
    if profile.invite == INTUITION:
        profile = await svc.store.change(profile, invite=None)
        await answer(update, series_view(svc, profile))


async def ask_again(update: Update, svc: Services, kind: str) -> None:
    """Ask for the zone or the morning time (again)."""
    if kind == "zone":
        await answer(update, svc.texts.ask_timezone, reply_markup=zone_keyboard(svc))
    else:
        await answer(update, Outgoing(svc.texts.ask_time, time_grid("tm")))


async def timezone_command(update: Update, context: TendContext) -> None:
    """/timezone <zone or city>."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    typed = " ".join(context.args or ())
    profile = await load(svc, user.id, svc.clock())
    if not typed:
        await svc.store.change(profile, asking=Question.asked("zone", to_ms(svc.clock())))
        await answer(update, svc.texts.ask_timezone, reply_markup=zone_keyboard(svc))
        return
    zone = resolve_zone(typed)
    if zone is None:
        await answer(update, svc.texts.timezone_usage)
        return
    await apply_zone(update, svc, profile, zone)


async def time_command(update: Update, context: TendContext) -> None:
    """/time HH:MM."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    chosen = parse_hhmm(" ".join(context.args or ()))
    if chosen is None:
        await answer(update, Outgoing(svc.texts.time_usage, time_grid("tm")))
        return
    await apply_time(update, svc, await load(svc, user.id, svc.clock()), chosen)


async def location(update: Update, context: TendContext) -> None:
    """A shared location: only used to find the zone, never stored."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.location is None or user is None:
        return
    svc = context.services
    zone = zone_at(message.location.latitude, message.location.longitude)
    if zone is None:
        await answer(update, svc.texts.location_not_found, reply_markup=zone_keyboard(svc))
        return
    await apply_zone(update, svc, await load(svc, user.id, svc.clock()), zone)
