"""The intuition week: joining, pausing, leaving, and the evening check-ins."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from telegram import Update

from bot.handlers.common import answer, edit, set_buttons, today
from bot.models import CheckIn, Profile, Question
from bot.plans import (
    SERIES_SLOTS,
    calibration_send,
    first_series_evening,
)
from bot.render import (
    Button,
    Outgoing,
    hhmm,
)
from bot.series import INTUITION, confidence_buttons
from bot.services import Services, TendContext
from scheduler.schedule import parse_hhmm, to_ms

SERIES_EVENINGS = (time(19, 0), time(20, 0), time(21, 0))


def series_view(svc: Services, profile: Profile) -> Outgoing:
    """/intuition: an invitation, or where the user is in the week."""
    t = svc.texts
    series = svc.library.series_by_id(INTUITION)
    if series is None:
        return Outgoing(t.unknown_command)
    if profile.series != series.id:
        joins = tuple(
            Button(t.btn_join.format(time=hhmm(e)), f"ij:{hhmm(e)}") for e in SERIES_EVENINGS
        )
        return Outgoing(t.series_invite.format(intro=series.intro), (joins,))
    toggle = (
        Button(t.btn_series_resume, "isr:")
        if profile.series_paused
        else Button(t.btn_series_pause, "isp:")
    )
    text = t.series_status.format(
        day=max(1, profile.series_day),
        days=len(series.days),
        paused=t.series_status_paused if profile.series_paused else "",
        time=hhmm(profile.series_evening),
    )
    return Outgoing(text, ((toggle, Button(t.btn_series_leave, "il:")),))


async def intuition(update: Update, context: TendContext) -> None:
    """/intuition: join the week, or see and steer it."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    profile = await svc.store.get_profile(user.id)
    if profile is None or not profile.is_set_up:
        if profile is not None:
            await svc.store.change(profile, invite=INTUITION)
        await answer(update, svc.texts.series_needs_setup)
        return
    await answer(update, series_view(svc, profile))


async def on_series_join(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    evening = parse_hhmm(arg)
    profile = await svc.store.get_profile(user_id)
    if evening is None or profile is None or not profile.is_set_up:
        return False
    await start_series(svc, profile.with_(series_evening=evening))
    await set_buttons(update, ())
    await answer(update, svc.texts.series_joined.format(time=hhmm(evening)))
    return True


async def start_series(svc: Services, profile: Profile) -> None:
    profile = await svc.store.change(
        profile,
        series=INTUITION,
        series_day=0,
        series_last_date=None,
        series_paused=False,
        series_round=profile.series_round + 1,
        series_evening=profile.series_evening,
    )
    await svc.store.unschedule(profile.user_id, SERIES_SLOTS)
    nxt = first_series_evening(profile, svc.clock())
    if nxt is not None:
        await svc.store.schedule(profile.user_id, nxt)


async def on_series_restart(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if arg != "restart" or profile is None or not profile.is_set_up:
        return False
    await start_series(svc, profile)
    await set_buttons(update, ())
    await answer(update, svc.texts.series_joined.format(time=hhmm(profile.series_evening)))
    return True


async def on_series_pause(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if profile is None or profile.series is None:
        return False
    profile = await svc.store.change(profile, series_paused=True)
    await edit(update, Outgoing(svc.texts.series_paused, series_view(svc, profile).buttons))
    return True


async def on_series_resume(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if profile is None or profile.series is None:
        return False
    profile = await svc.store.change(profile, series_paused=False)
    text = svc.texts.series_resumed.format(day=profile.series_day + 1)
    await edit(update, Outgoing(text, series_view(svc, profile).buttons))
    return True


async def on_series_leave(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if profile is None or profile.series is None:
        return False
    await svc.store.change(
        profile, series=None, series_day=0, series_paused=False, series_last_date=None
    )
    await svc.store.unschedule(user_id, SERIES_SLOTS)
    await edit(update, svc.texts.series_left)
    return True


ANSWERS = {"f": "followed", "n": "noticed", "x": "none"}


def _series_day(profile: Profile, arg: str) -> int | None:
    """A check-in button's day, if it is one the user really had (today's or earlier)."""
    day = int(arg) if arg.isdigit() else 0
    return day if profile.series and 1 <= day <= profile.series_day else None


async def on_checkin(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day_arg, _, choice = arg.partition(":")
    profile = await svc.store.get_profile(user_id)
    day = _series_day(profile, day_arg) if profile else None
    if profile is None or day is None or choice not in ANSWERS:
        return False
    local_date = profile.series_last_date if day == profile.series_day else None
    local_date = local_date or today(svc, profile, svc.clock())
    checkin = CheckIn(day, local_date, ANSWERS[choice])
    await svc.store.save_checkin(user_id, profile.series_round, checkin)
    await svc.store.change(profile, engaged_on=local_date)
    if checkin.answer == "none":
        await edit(update, svc.texts.series_not_noticed)
    else:
        await edit(update, Outgoing(svc.texts.series_ask_confidence, confidence_buttons(day)))
    return True


async def on_confidence(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day_arg, _, value = arg.partition(":")
    profile = await svc.store.get_profile(user_id)
    day = _series_day(profile, day_arg) if profile else None
    checkin = profile.round_checkins().get(day or 0) if profile else None
    if profile is None or checkin is None or value not in {"1", "2", "3", "4", "5"}:
        return False
    checkin = replace(checkin, confidence=int(value))
    await svc.store.save_checkin(user_id, profile.series_round, checkin)
    await svc.store.change(
        profile, asking=Question.asked("note", to_ms(svc.clock()), day=checkin.day)
    )
    if checkin.answer == "followed":
        nxt = calibration_send(profile, checkin.local_date)
        if nxt is not None:
            await svc.store.schedule(user_id, nxt)
    await edit(update, svc.texts.series_ask_note)
    return True


async def save_note(svc: Services, profile: Profile, day: int, words: str, now: datetime) -> bool:
    """The optional note after day ``day``'s check-in: kept with it, not logged as a win.

    ``False`` when that check-in is not today's any more: the words are then a win.
    """
    checkin = profile.round_checkins().get(day)
    if checkin is None or checkin.local_date != today(svc, profile, now):
        return False
    note = words.strip()[:500]
    await svc.store.save_checkin(profile.user_id, profile.series_round, replace(checkin, note=note))
    return True


async def on_outcome(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day_arg, _, outcome = arg.partition(":")
    profile = await svc.store.get_profile(user_id)
    checkin = (
        profile.round_checkins().get(int(day_arg) if day_arg.isdigit() else 0) if profile else None
    )
    if profile is None or checkin is None or outcome not in ("good", "mixed", "bad"):
        return False
    await svc.store.save_checkin(user_id, profile.series_round, replace(checkin, outcome=outcome))
    await edit(update, svc.texts.calibration_thanks)
    return True
