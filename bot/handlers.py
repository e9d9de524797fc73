"""Command, message and button handlers: parse, call, reply.

Every handler reads the clock once (``svc.clock()``) and passes it down; texts come from
content/texts.yaml; everything a user wrote is HTML-escaped before it is echoed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from telegram import (
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest

from bot.models import CheckIn, Profile, Win
from bot.outbox import HeldWin
from bot.places import zone_at
from bot.plans import (
    LATER,
    SERIES_SLOTS,
    SLOTS,
    calibration_send,
    next_morning,
    next_series_evening,
)
from bot.render import (
    Button,
    Outgoing,
    esc,
    export_json,
    export_markdown,
    hhmm,
    later_buttons,
    practice_for,
    progress_line,
    prompt,
    prompt_buttons,
    time_grid,
    when_phrase,
    why_this,
    wins_page,
)
from bot.safety import mentions_self_harm
from bot.series import INTUITION, confidence_buttons
from bot.services import Services, TendContext
from bot.store import NextSend
from bot.telegram_io import NO_PREVIEW, markup
from bot.zones import resolve_zone
from scheduler.schedule import from_ms, local_now, parse_hhmm, to_ms, utc_offset_label

log = logging.getLogger(__name__)

WINS_PER_PAGE = 8
EVENING = time(19, 0)
PAUSE_MAX_DAYS = 365


# -- small helpers ---------------------------------------------------------------------


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


# -- onboarding ------------------------------------------------------------------------


async def start(update: Update, context: TendContext) -> None:
    """Welcome a new user, or bring a returning one back with their settings."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    now = svc.clock()
    payload = (context.args or [""])[0][:64]
    invite = INTUITION if payload == INTUITION else None
    new = Profile(user.id, created_ms=to_ms(now), step="zone", invite=invite)
    if await svc.store.create_profile(new):
        await answer(update, svc.texts.welcome)
        await answer(update, svc.texts.ask_timezone, reply_markup=zone_keyboard(svc))
        return
    profile = (await load(svc, user.id, now)).with_(active=True)
    await svc.store.save_profile(profile)
    if profile.tz is None:
        await svc.store.save_profile(profile.with_(step="zone"))
        await answer(update, svc.texts.ask_timezone, reply_markup=zone_keyboard(svc))
    elif profile.morning is None:
        await svc.store.save_profile(profile.with_(step="time"))
        await answer(update, Outgoing(svc.texts.ask_time, time_grid("tm")))
    else:
        next_line = await reschedule(svc, profile, now)
        await answer(update, svc.texts.welcome_back.format(next_line=next_line))
        if invite is not None:
            await answer(update, series_view(svc, profile))


async def apply_zone(update: Update, svc: Services, profile: Profile, zone: str) -> None:
    """Store the zone, confirm it with the local time it implies, and ask what comes next."""
    now = svc.clock()
    onboarding = profile.step == "zone" or profile.morning is None
    profile = profile.with_(zone=zone, step="time" if profile.morning is None else None)
    await svc.store.save_profile(profile)
    tz = profile.tz
    assert tz is not None
    confirm = svc.texts.timezone_set.format(
        zone=esc(zone),
        local_time=hhmm(local_now(tz, now).time()),
        offset=utc_offset_label(tz, now),
    )
    await answer(update, confirm, reply_markup=ReplyKeyboardRemove())
    if onboarding and profile.morning is None:
        await answer(update, Outgoing(svc.texts.ask_time, time_grid("tm")))
    else:
        await answer(update, await reschedule(svc, profile, now))


async def apply_time(update: Update, svc: Services, profile: Profile, chosen: time) -> None:
    now = svc.clock()
    profile = profile.with_(morning=chosen, step=None if profile.tz else "zone")
    await svc.store.save_profile(profile)
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
        profile = profile.with_(invite=None)
        await svc.store.save_profile(profile)
        await answer(update, series_view(svc, profile))


async def timezone_command(update: Update, context: TendContext) -> None:
    """/timezone <zone or city>."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    typed = " ".join(context.args or ())
    profile = await load(svc, user.id, svc.clock())
    if not typed:
        await svc.store.save_profile(profile.with_(step="zone"))
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


# -- text: onboarding answers, wins, edits ---------------------------------------------


async def text(update: Update, context: TendContext) -> None:
    """Plain text: an onboarding answer, or a small win (held if Redis is out of reach)."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    svc = context.services
    try:
        await understand(update, context, message)
    except (RedisConnectionError, RedisTimeoutError):
        log.error("redis unreachable while a user wrote; holding their words")
        words = message.text.strip()
        if mentions_self_harm(words):
            await answer(update, svc.texts.safety.format(helpline=esc(svc.settings.helpline_text)))
        elif words:
            now = svc.clock()
            svc.outbox.hold(HeldWin(user.id, str(message.message_id), words, to_ms(now)))
            await answer(update, svc.texts.win_held)


async def understand(update: Update, context: TendContext, message: Message) -> None:
    user = update.effective_user
    assert user is not None and message.text is not None
    svc = context.services
    now = svc.clock()
    profile = await svc.store.get_profile(user.id)
    if profile is None:
        await start(update, context)
        return
    if profile.step == "zone":
        zone = resolve_zone(message.text)
        if zone is not None:
            await apply_zone(update, svc, profile, zone)
            return
        if len(message.text) <= 40:  # a mistyped city, not a win
            await answer(update, svc.texts.timezone_usage, reply_markup=zone_keyboard(svc))
            return
    noting = profile.step is not None and profile.step.startswith("note:")
    if noting and await save_note(svc, profile, message.text, now):
        await answer(update, svc.texts.series_note_saved)
        return
    if profile.step == "time":
        chosen = parse_hhmm(message.text)
        if chosen is not None:
            await apply_time(update, svc, profile, chosen)
            return
        if len(message.text) <= 12:
            await answer(update, Outgoing(svc.texts.time_usage, time_grid("tm")))
            return
    await log_win(update, svc, profile, message, now)


async def log_win(
    update: Update, svc: Services, profile: Profile, message: Message, now: datetime
) -> None:
    """Keep what the user wrote as a small win, and thank them for it."""
    words = (message.text or "").strip()
    if not words:
        await answer(update, svc.texts.win_empty)
        return
    if mentions_self_harm(words):
        log.info("a message spoke of self-harm; answered with care, not logged")
        await answer(update, svc.texts.safety.format(helpline=esc(svc.settings.helpline_text)))
        return
    day = today(svc, profile, now)
    win = Win(str(message.message_id), words, to_ms(now), day)
    await svc.store.add_win(profile.user_id, win)
    await svc.store.mark_practised(profile.user_id, day)
    await svc.store.save_profile(profile.with_(engaged_on=day))
    ack = f"{svc.texts.ack(message.message_id)}\n{await progress(svc, profile, now)}"
    await answer(update, Outgoing(ack, ((Button(svc.texts.btn_undo, f"u:{win.win_id}"),),)))


async def edited(update: Update, context: TendContext) -> None:
    """Editing a message in Telegram edits the win it logged."""
    message, user = update.edited_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    svc = context.services
    win = await svc.store.get_win(user.id, str(message.message_id))
    if win is None or mentions_self_harm(message.text):
        return
    new = Win(win.win_id, message.text.strip(), win.at_ms, win.local_date, edited=True)
    if new.text and await svc.store.update_win(user.id, new):
        await answer(update, svc.texts.win_edited)


# -- commands --------------------------------------------------------------------------


async def help_command(update: Update, context: TendContext) -> None:
    """List the commands."""
    await answer(update, context.services.texts.help)


async def privacy(update: Update, context: TendContext) -> None:
    """What is kept, and why."""
    await answer(update, context.services.texts.privacy)


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
    practice = practice_for(user.id, profile.practice_seq, svc.library.practices)
    day = today(svc, profile, now)
    sent = await answer(update, prompt(svc.texts, practice, day))
    await svc.store.save_profile(
        profile.with_(
            practice_seq=profile.practice_seq + 1,
            last_practice=practice.id,
            last_prompt_date=day,
            last_prompt_msg=sent.message_id if sent else None,
        )
    )


async def wins_command(update: Update, context: TendContext) -> None:
    """/wins: the newest page."""
    user = update.effective_user
    if user is not None:
        await answer(update, await wins_view(context.services, user.id, 0))


async def wins_view(svc: Services, user_id: int, page: int) -> Outgoing:
    total = await svc.store.count_wins(user_id)
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
        if len(args) != 1 or not args[0].isdigit() or not 1 <= int(args[0]) <= PAUSE_MAX_DAYS:
            await answer(update, svc.texts.pause_usage)
            return
        days = int(args[0])
    await answer(update, await apply_pause(svc, user.id, days))


async def apply_pause(svc: Services, user_id: int, days: int | None) -> str:
    now = svc.clock()
    profile = await load(svc, user_id, now)
    day = today(svc, profile, now)
    until = day + timedelta(days=days) if days else None
    profile = profile.with_(
        paused_until=until, paused_forever=days is None, paused_from=profile.paused_from or day
    )
    await svc.store.save_profile(profile)
    await svc.store.unschedule(user_id, SLOTS)
    if until is None:
        return svc.texts.paused_forever
    nxt = next_morning(profile, now)
    if nxt is not None:
        await svc.store.schedule(user_id, nxt)
    return svc.texts.paused_days.format(date=until.strftime("%A %d %B"))


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
    profile = profile.with_(
        paused_until=None, paused_forever=False, paused_from=None, pauses=pauses
    )
    await svc.store.save_profile(profile)
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
        paused = t.settings_paused.format(date=profile.paused_until.isoformat())
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


async def export(update: Update, context: TendContext) -> None:
    """/export: everything kept about the user, as JSON and Markdown documents."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    svc = context.services
    profile = await svc.store.get_profile(user.id)
    if profile is None:
        await answer(update, svc.texts.export_nothing)
        return
    wins = await svc.store.all_wins(user.id)
    practised = await svc.store.practised_days(user.id)
    stamp = svc.clock().strftime("%Y-%m-%d")
    await chat.send_document(
        InputFile(export_json(profile, wins, practised).encode(), f"tend-{stamp}.json"),
        caption=svc.texts.export_caption,
    )
    await chat.send_document(
        InputFile(export_markdown(profile, wins, practised).encode(), f"tend-{stamp}.md")
    )


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
    """Tend only talks in private chats."""
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
            await svc.store.save_profile(profile.with_(active=False))
            await svc.store.unschedule(profile.user_id, SLOTS)
            log.info("user blocked the bot; deactivated")


# -- the intuition week ----------------------------------------------------------------


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
            await svc.store.save_profile(profile.with_(invite=INTUITION))
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
    profile = profile.with_(
        series=INTUITION,
        series_day=0,
        series_last_date=None,
        series_paused=False,
        series_round=profile.series_round + 1,
    )
    await svc.store.save_profile(profile)
    await svc.store.unschedule(profile.user_id, SERIES_SLOTS)
    nxt = next_series_evening(profile, svc.clock())
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
    profile = profile.with_(series_paused=True)
    await svc.store.save_profile(profile)
    await edit(update, Outgoing(svc.texts.series_paused, series_view(svc, profile).buttons))
    return True


async def on_series_resume(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if profile is None or profile.series is None:
        return False
    profile = profile.with_(series_paused=False)
    await svc.store.save_profile(profile)
    text = svc.texts.series_resumed.format(day=profile.series_day + 1)
    await edit(update, Outgoing(text, series_view(svc, profile).buttons))
    return True


async def on_series_leave(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    profile = await svc.store.get_profile(user_id)
    if profile is None or profile.series is None:
        return False
    await svc.store.save_profile(profile.with_(series=None, series_day=0, series_paused=False))
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
    await svc.store.save_profile(profile.with_(engaged_on=local_date))
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
    await svc.store.save_profile(profile.with_(step=f"note:{checkin.day}"))
    if checkin.answer == "followed":
        nxt = calibration_send(profile, checkin.local_date)
        if nxt is not None:
            await svc.store.schedule(user_id, nxt)
    await edit(update, svc.texts.series_ask_note)
    return True


async def save_note(svc: Services, profile: Profile, words: str, now: datetime) -> bool:
    """The optional note after a check-in: kept with it, not logged as a win."""
    day = int(profile.step.removeprefix("note:")) if profile.step else 0
    checkin = profile.round_checkins().get(day)
    await svc.store.save_profile(profile.with_(step=None))
    if checkin is None or checkin.local_date != today(svc, profile, now):
        return False
    if mentions_self_harm(words):
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


# -- buttons ---------------------------------------------------------------------------


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
    await svc.store.save_profile(profile.with_(engaged_on=day))
    practice = svc.library.practice(profile.last_practice or "")
    if practice is not None:
        await set_buttons(update, ((Button(svc.texts.btn_why, f"w:{practice.id}"),),))
    await answer(update, svc.texts.done_ok.format(progress=await progress(svc, profile, now)))
    return True


async def on_later_menu(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    if day is None:
        return False
    await set_buttons(update, later_buttons(svc.texts, day))
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
    now = svc.clock()
    t = svc.texts
    if kind == "l30":
        at, when = now + timedelta(minutes=30), t.later_when_minutes.format(minutes=30)
    elif kind == "l120":
        at, when = now + timedelta(hours=2), t.later_when_hours.format(hours=2)
    else:
        local = local_now(profile.tz, now)
        evening = datetime.combine(local.date(), EVENING, tzinfo=profile.tz)
        at = evening if evening > now else now + timedelta(hours=2)
        when = t.later_when_evening.format(time=hhmm(at.astimezone(profile.tz).time()))
    await svc.store.schedule(user_id, NextSend(LATER, to_ms(at), day.isoformat()))
    await svc.store.save_profile(profile.with_(engaged_on=day))
    await set_buttons(update, ())
    await answer(update, t.later_set.format(when=when))
    return True


async def on_skip(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    day = _day_arg(arg)
    profile = await svc.store.get_profile(user_id)
    if day is None or profile is None:
        return False
    await svc.store.save_profile(profile.with_(engaged_on=day))
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


async def on_wins_page(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    if not arg.isdigit():
        return False
    await edit(update, await wins_view(svc, user_id, int(arg)))
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
            profile = profile.with_(morning=chosen)
            await svc.store.save_profile(profile)
            await reschedule(svc, profile, now)
            await edit(update, settings_view(svc, profile))
        case "zone":
            await svc.store.save_profile(profile.with_(step="zone"))
            await answer(update, t.ask_timezone, reply_markup=zone_keyboard(svc))
        case "fu":
            labels = [
                Button(t.btn_off if h == 0 else f"{h} h", f"st:f:{h}") for h in FOLLOW_UP_CHOICES
            ]
            await edit(
                update, Outgoing(t.ask_followup, (tuple(labels[:3]), tuple(labels[3:]), back))
            )
        case "f":
            if not value.isdigit() or int(value) not in FOLLOW_UP_CHOICES:
                return False
            profile = profile.with_(followup_h=int(value))
            await svc.store.save_profile(profile)
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
            profile = profile.with_(quiet_from=start, quiet_to=end)
            await svc.store.save_profile(profile)
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
    "l30": _later("l30"),
    "l120": _later("l120"),
    "lev": _later("lev"),
    "s": on_skip,
    "w": on_why,
    "u": on_undo,
    "wp": on_wins_page,
    "st": on_settings,
    "fg": on_forget,
    "ij": on_series_join,
    "is": on_series_restart,
    "isp": on_series_pause,
    "isr": on_series_resume,
    "il": on_series_leave,
    "ic": on_checkin,
    "icc": on_confidence,
    "io": on_outcome,
}


# -- the buttons' typed twins: the bot can be driven by text alone ---------------------


LATER_WORDS = {"30": "l30", "30m": "l30", "2h": "l120", "120": "l120", "evening": "lev"}


async def done_command(update: Update, context: TendContext) -> None:
    """/done: today's practice, done (the Done button)."""
    await typed(update, context, lambda svc, uid, day: on_done(update, svc, uid, day))


async def skip_command(update: Update, context: TendContext) -> None:
    """/skip: rest today, no reminder (the Skip button)."""
    await typed(update, context, lambda svc, uid, day: on_skip(update, svc, uid, day))


async def later_command(update: Update, context: TendContext) -> None:
    """/later [30m|2h|evening]: today's practice again later (the Later buttons)."""
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
    hours = 0 if word == "off" else int(word) if word.isdigit() else -1
    if not 0 <= hours <= 6:
        await answer(update, svc.texts.reminder_usage)
        return
    profile = (await load(svc, user.id, svc.clock())).with_(followup_h=hours)
    await svc.store.save_profile(profile)
    await answer(update, settings_view(svc, profile))


async def quiet_command(update: Update, context: TendContext) -> None:
    """/quiet HH:MM-HH:MM|off: hours in which nothing is sent."""
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
    profile = (await load(svc, user.id, svc.clock())).with_(quiet_from=start, quiet_to=end)
    await svc.store.save_profile(profile)
    await answer(update, settings_view(svc, profile))


# -- errors ----------------------------------------------------------------------------


async def on_error(update: object, context: TendContext) -> None:
    """Log first; then tell the user honestly, if there is one."""
    error = context.error
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
