"""Commands: /help, /practice, /wins, /pause, /resume, /settings, /forget, /stats."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import (
    ChatMemberUpdated,
    Update,
)
from telegram.constants import ChatMemberStatus

from bot.handlers.common import (
    PAUSE_MAX_DAYS,
    WINS_PER_PAGE,
    answer,
    ascii_int,
    load,
    reschedule,
    today,
)
from bot.models import Profile
from bot.plans import (
    SLOTS,
    next_morning,
    todays_practice,
)
from bot.render import (
    Button,
    Outgoing,
    esc,
    hhmm,
    long_date,
    prompt,
    wins_page,
)
from bot.services import Services, TendContext
from scheduler.schedule import local_now, to_ms

log = logging.getLogger(__name__)


async def help_command(update: Update, context: TendContext) -> None:
    """List the commands."""
    await answer(update, context.services.texts.help)


async def privacy(update: Update, context: TendContext) -> None:
    """What is kept, and why, and for how long after someone blocks the bot."""
    svc = context.services
    days = svc.settings.retention_days
    keeping = (
        svc.texts.privacy_retention.format(days=days) if days else svc.texts.privacy_no_retention
    )
    await answer(update, f"{svc.texts.privacy}\n\n{keeping}")


async def practice_now(update: Update, context: TendContext) -> None:
    """/practice: the next practice, right now."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    now = svc.clock()
    profile = await svc.store.get_profile(user.id)
    if profile is None:
        await answer(update, svc.texts.practice_none)
        return
    day = today(svc, profile, now)
    practice = todays_practice(profile, svc.library, day)
    sent = await answer(update, prompt(svc.texts, practice, day))
    await svc.store.change(
        profile,
        practice_seq=profile.practice_seq + 1,
        last_practice=practice.id,
        last_prompt_date=day,
        last_prompt_msg=sent.message_id if sent else None,
    )


async def wins_command(update: Update, context: TendContext) -> None:
    """/wins: the newest page."""
    user = update.effective_user
    if user is not None:
        await answer(update, await wins_view(context.services, user.id, 0))


async def wins_view(svc: Services, user_id: int, page: int) -> Outgoing:
    total = await svc.store.count_entries(user_id)
    pages = max(1, -(-total // WINS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    wins = await svc.store.list_wins(user_id, page * WINS_PER_PAGE, WINS_PER_PAGE)
    return wins_page(svc.texts, wins, page, pages)


async def pause(update: Update, context: TendContext) -> None:
    """/pause [days]: rest; progress is frozen, not broken."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    args = context.args or []
    days: int | None = None
    if args:
        days = ascii_int(args[0]) if len(args) == 1 else None
        if days is None or not 1 <= days <= PAUSE_MAX_DAYS:
            await answer(update, svc.texts.pause_usage)
            return
    await answer(update, await apply_pause(svc, user.id, days))


async def apply_pause(svc: Services, user_id: int, days: int | None) -> str:
    now = svc.clock()
    profile = await load(svc, user_id, now)
    day = today(svc, profile, now)
    until = day + timedelta(days=days) if days else None
    profile = await svc.store.change(
        profile,
        paused_until=until,
        paused_forever=days is None,
        paused_from=profile.paused_from or day,
    )
    await svc.store.unschedule(user_id, SLOTS)
    if until is None:
        return svc.texts.paused_forever
    nxt = next_morning(profile, now)
    if nxt is not None:
        await svc.store.schedule(user_id, nxt)
    return svc.texts.paused_days.format(date=long_date(until, day))


async def resume(update: Update, context: TendContext) -> None:
    """/resume: carry on."""
    user = update.effective_user
    if user is not None:
        await answer(update, await apply_resume(context.services, user.id))


async def apply_resume(svc: Services, user_id: int) -> str:
    now = svc.clock()
    profile = await load(svc, user_id, now)
    if not profile.is_paused:
        return svc.texts.not_paused.format(next_line=await reschedule(svc, profile, now))
    day = today(svc, profile, now)
    start = profile.paused_from or day
    rest = f"{start.isoformat()}..{(day - timedelta(days=1)).isoformat()}" if start < day else ""
    pauses = ";".join(p for p in (profile.pauses, rest) if p)
    profile = await svc.store.change(
        profile, paused_until=None, paused_forever=False, paused_from=None, pauses=pauses
    )
    return svc.texts.resumed.format(next_line=await reschedule(svc, profile, now))


async def settings_command(update: Update, context: TendContext) -> None:
    """/settings: one message whose keyboard edits it in place."""
    user = update.effective_user
    if user is not None:
        svc = context.services
        await answer(update, settings_view(svc, await load(svc, user.id, svc.clock())))


def settings_view(svc: Services, profile: Profile) -> Outgoing:
    t = svc.texts
    now = svc.clock()
    tz = profile.tz
    if profile.paused_forever:
        paused = t.settings_paused_forever
    elif profile.paused_until:
        local_today = local_now(tz, now).date() if tz else now.date()
        paused = t.settings_paused.format(date=long_date(profile.paused_until, local_today))
    else:
        paused = t.settings_active
    text = t.settings.format(
        time=hhmm(profile.morning) if profile.morning else t.unset,
        zone=esc(profile.zone) if profile.zone else t.unset,
        local_time=hhmm(local_now(tz, now).time()) if tz else "?",
        followup=t.settings_followup_after.format(hours=profile.followup_h)
        if profile.followup_h
        else t.settings_followup_off,
        quiet=t.btn_off
        if profile.quiet_from == profile.quiet_to
        else f"{hhmm(profile.quiet_from)}–{hhmm(profile.quiet_to)}",
        paused=paused,
    ).rstrip()
    rest = (
        Button(t.btn_resume, "st:resume") if profile.is_paused else Button(t.btn_pause, "st:pause")
    )
    buttons = (
        (Button(t.btn_set_time, "st:time"), Button(t.btn_set_zone, "st:zone")),
        (Button(t.btn_set_followup, "st:fu"), Button(t.btn_set_quiet, "st:q")),
        (rest, Button(t.btn_close, "st:close")),
    )
    return Outgoing(text, buttons)


async def forget(update: Update, context: TendContext) -> None:
    """/forget: asks first."""
    t = context.services.texts
    buttons = ((Button(t.btn_forget_yes, "fg:yes"), Button(t.btn_forget_no, "fg:no")),)
    await answer(update, Outgoing(t.forget_confirm, buttons))


async def stats(update: Update, context: TendContext) -> None:
    """/stats, for ADMIN_IDS only: how the bot is doing. Others get the unknown-command reply."""
    user = update.effective_user
    svc = context.services
    if user is None or user.id not in svc.settings.admin_ids:
        await unknown_command(update, context)
        return
    now_ms = to_ms(svc.clock())
    text = svc.texts.admin_stats.format(
        scheduled=await svc.store.scheduled(),
        backlog=await svc.store.backlog(now_ms),
        loops=len(await svc.store.heartbeats()),
        sent=svc.dispatcher.totals.sent,
        updates=svc.metrics.updates,
        errors=svc.metrics.handler_errors,
        held=len(svc.outbox.held),
    )
    await answer(update, text)


async def not_text(update: Update, context: TendContext) -> None:
    """Stickers, photos, voice: kindly say only words are kept."""
    await answer(update, context.services.texts.win_empty)


async def unknown_command(update: Update, context: TendContext) -> None:
    """Any other /command."""
    await answer(update, context.services.texts.unknown_command)


async def group_notice(update: Update, context: TendContext) -> None:
    """Tend only talks in private chats: says so once per group (a month, then once more)."""
    chat = update.effective_chat
    if chat is not None and await context.services.store.first_group_notice(chat.id):
        await answer(update, context.services.texts.private_only)


async def member_changed(update: Update, context: TendContext) -> None:
    """The user blocked the bot (or unblocked it): stop sending, keep their settings."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    svc = context.services
    status = change.new_chat_member.status
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        profile = await svc.store.get_profile(change.chat.id)
        if profile is not None:
            await svc.store.change(profile, active=False)
            await svc.store.unschedule(profile.user_id, SLOTS)
            await svc.store.note_inactive(profile.user_id, to_ms(svc.clock()), fresh=True)
            log.info("user blocked the bot; deactivated")
    elif status == ChatMemberStatus.MEMBER:
        await svc.store.note_active(change.chat.id)  # unblocked: retention no longer counts
