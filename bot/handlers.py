"""Command and message handlers: parse, call, reply."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ParseMode

from bot.models import Profile
from bot.plans import MORNING, next_morning
from bot.render import hhmm, when_phrase
from bot.services import Services, TendContext
from bot.zones import resolve_zone
from scheduler.schedule import from_ms, local_now, parse_hhmm, to_ms, utc_offset_label

log = logging.getLogger(__name__)


async def reply(update: Update, text: str) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(text, do_quote=False)


async def start(update: Update, context: TendContext) -> None:
    """Welcome a new user, or bring a returning one back with their settings."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    now = svc.clock()
    created = await svc.store.create_profile(Profile(user.id, created_ms=to_ms(now)))
    if created:
        await reply(update, svc.texts.welcome)
        await reply(update, svc.texts.ask_timezone)
        return
    profile = await svc.store.get_profile(user.id) or Profile(user.id, created_ms=to_ms(now))
    profile = profile.with_(active=True)
    await svc.store.save_profile(profile)
    next_line = await reschedule(svc, profile)
    await reply(update, svc.texts.welcome_back.format(next_line=next_line))


async def help_command(update: Update, context: TendContext) -> None:
    """List the commands."""
    await reply(update, context.services.texts.help)


async def timezone_command(update: Update, context: TendContext) -> None:
    """/timezone <zone or city>: set the user's IANA zone."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    zone = resolve_zone(" ".join(context.args or ()))
    if zone is None:
        await reply(update, svc.texts.timezone_usage)
        return
    profile = await _profile(svc, user.id)
    profile = profile.with_(zone=zone)
    await svc.store.save_profile(profile)
    tz = profile.tz
    assert tz is not None
    now = svc.clock()
    await reply(
        update,
        svc.texts.timezone_set.format(
            zone=zone, local_time=hhmm(local_now(tz, now).time()), offset=utc_offset_label(tz, now)
        ),
    )
    if profile.morning is None:
        await reply(update, svc.texts.ask_time)
    else:
        await reply(update, await reschedule(svc, profile))


async def time_command(update: Update, context: TendContext) -> None:
    """/time HH:MM: set the morning time."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    chosen = parse_hhmm(" ".join(context.args or ()))
    if chosen is None:
        await reply(update, svc.texts.time_usage)
        return
    profile = await _profile(svc, user.id)
    profile = profile.with_(morning=chosen)
    await svc.store.save_profile(profile)
    if profile.tz is None:
        await reply(update, svc.texts.time_needs_zone)
        return
    nxt = next_morning(profile, svc.clock())
    await reschedule(svc, profile)
    if nxt is not None:
        at = from_ms(nxt.at_ms)
        when = when_phrase(svc.texts, at, profile.tz, svc.clock())
        await reply(update, svc.texts.all_set.format(when=when, time=hhmm(chosen)))


async def unknown_command(update: Update, context: TendContext) -> None:
    """Any other /command."""
    await reply(update, context.services.texts.unknown_command)


async def group_notice(update: Update, context: TendContext) -> None:
    """Tend only talks in private chats."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(context.services.texts.private_only)


async def on_error(update: object, context: TendContext) -> None:
    """Log first; then apologise to the user, if there is one."""
    log.error("handler failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                context.services.texts.error_apology,
                parse_mode=ParseMode.HTML,
            )
        except Exception:
            log.warning("could not send the apology either")


async def _profile(svc: Services, user_id: int) -> Profile:
    return await svc.store.get_profile(user_id) or Profile(user_id, created_ms=to_ms(svc.clock()))


async def reschedule(svc: Services, profile: Profile) -> str:
    """Put the user's next morning in the due set (or take it out); says when, for a reply."""
    now = svc.clock()
    nxt = next_morning(profile, now)
    if nxt is None:
        await svc.store.unschedule(profile.user_id, [MORNING])
        return svc.texts.next_line_unscheduled
    await svc.store.schedule(profile.user_id, nxt)
    tz = profile.tz
    assert tz is not None and profile.morning is not None
    when = when_phrase(svc.texts, from_ms(nxt.at_ms), tz, now)
    return svc.texts.next_line_scheduled.format(when=when, time=hhmm(profile.morning))
