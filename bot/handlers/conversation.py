"""Free text: onboarding answers, wins, notes, and edits of what was written."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from telegram import (
    Message,
    Update,
)

from bot.answers import looks_like_place, looks_like_time
from bot.handlers.common import answer, progress, today, zone_keyboard
from bot.handlers.intuition import save_note
from bot.handlers.onboarding import apply_time, apply_zone, ask_again, start
from bot.models import EntryKind, Profile, Question, Win
from bot.outbox import HeldWin
from bot.render import (
    Button,
    Outgoing,
    time_grid,
)
from bot.safety import read
from bot.services import Services, TendContext
from bot.zones import resolve_zone
from scheduler.schedule import parse_hhmm, to_ms

log = logging.getLogger(__name__)


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
        words = message.text.strip()  # read with care already (guard_care)
        if words:
            now = svc.clock()
            await svc.outbox.hold(HeldWin(user.id, str(message.message_id), words, to_ms(now)))
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
    # The question the bot asked is taken (answered once); an expired one is no question.
    # The profile just read says whether there is one: most messages need no second trip.
    asked = await svc.store.take_question(user.id) if profile.asking is not None else None
    question = profile.with_(asking=asked).question(to_ms(now))
    if question is not None and await answered(update, svc, profile, question, message.text):
        return
    reading = context.reading or read(message.text)  # read by the care guard already
    await log_win(update, svc, profile, message, now, hard=reading.hard)
    if question is not None and question.kind != "note":
        # Not an answer: the words are kept, and the question asked once more.
        if asked is not None and asked.is_open(to_ms(now)):
            await svc.store.change(profile, asking=asked)
        await ask_again(update, svc, question.kind)


async def answered(
    update: Update, svc: Services, profile: Profile, question: Question, words: str
) -> bool:
    """Use the message as the answer to ``question`` if it is one; ``False``: it is a win."""
    now = svc.clock()
    match question.kind:
        case "zone":
            zone = resolve_zone(words)
            if zone is not None:
                await apply_zone(update, svc, profile, zone)
                return True
            if looks_like_place(words):  # a mistyped place: meant as an answer, not a win
                await keep_asking(svc, profile, question, now)
                await answer(update, svc.texts.timezone_usage, reply_markup=zone_keyboard(svc))
                return True
        case "time":
            chosen = parse_hhmm(words)
            if chosen is not None:
                await apply_time(update, svc, profile, chosen)
                return True
            if looks_like_time(words):
                await keep_asking(svc, profile, question, now)
                await answer(update, Outgoing(svc.texts.time_usage, time_grid("tm")))
                return True
        case "note":
            if await save_note(svc, profile, question.day, words, now):
                await answer(update, svc.texts.series_note_saved)
                return True
    return False


async def keep_asking(svc: Services, profile: Profile, question: Question, now: datetime) -> None:
    """The answer could not be used: the question stays open (setup's needs no storing)."""
    if profile.is_set_up:
        await svc.store.change(profile, asking=Question.asked(question.kind, to_ms(now)))


async def log_win(
    update: Update,
    svc: Services,
    profile: Profile,
    message: Message,
    now: datetime,
    *,
    hard: bool = False,
) -> None:
    """Keep what the user wrote: a win is celebrated; an answer to the day's practice is
    thanked as a reflection; a hard feeling is met gently and never celebrated."""
    words = (message.text or "").strip()
    if not words:
        await answer(update, svc.texts.win_empty)
        return
    day = today(svc, profile, now)
    kind: EntryKind = "reflection" if hard or answers_practice(profile, message) else "win"
    win = Win(str(message.message_id), words, to_ms(now), day, kind=kind)
    await svc.store.add_win(profile.user_id, win)
    await svc.store.mark_practised(profile.user_id, day)
    await svc.store.change(profile, engaged_on=day)
    await answer(update, await acknowledgement(svc, profile, win, now, hard=hard))


def answers_practice(profile: Profile, message: Message) -> bool:
    """Whether a message answers a practice's closing question: a reply to the practice.

    Telling an answer from a report of something done, by its words alone, is guesswork
    ("I said no to a meeting" after "what helped?" is a win); a guess the other way is one
    tap to undo on the acknowledgement.
    """
    replied = message.reply_to_message
    return replied is not None and replied.message_id == profile.last_prompt_msg


async def acknowledgement(
    svc: Services, profile: Profile, win: Win, now: datetime, *, hard: bool = False
) -> Outgoing:
    """The answer to a kept entry, with Undo and the one tap that moves it to the other list."""
    t, uid = svc.texts, profile.user_id
    if win.is_reflection:
        n = await svc.store.count_reflections(uid)
        text = t.ack_hard(n, uid) if hard else t.ack_reflection(n, uid)
        move = Button(t.btn_as_win, f"k:{win.win_id}:w")
    else:
        n = await svc.store.count_wins(uid)
        text = f"{t.ack(n, uid)}\n{await progress(svc, profile, now)}"
        move = Button(t.btn_as_reflection, f"k:{win.win_id}:r")
    return Outgoing(text, ((Button(t.btn_undo, f"u:{win.win_id}"), move),))


async def edited(update: Update, context: TendContext) -> None:
    """Editing a message in Telegram edits the win it logged."""
    message, user = update.edited_message, update.effective_user
    if message is None or message.text is None or user is None:
        return
    svc = context.services
    win = await svc.store.get_win(user.id, str(message.message_id))
    if win is None:  # crisis words never reach here (bot/handlers/care.py guard_care)
        return
    new = replace(win, text=message.text.strip(), edited=True)
    if new.text and await svc.store.update_win(user.id, new):
        await answer(update, svc.texts.win_edited)
