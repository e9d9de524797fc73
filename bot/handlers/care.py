"""The safety net's Telegram side: the crisis help, the gentle question, its buttons, /sos.

Every path that takes text calls ``respond`` with ``bot.safety.read(text)``; it replies and
returns True when the message needed care (the caller then keeps it out of the wins). Help is
shown even while Redis is away: the country then comes from the Telegram language alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.care import crisis_reply, parse_care, sos_reply, unsure_reply
from bot.handlers.common import answer, edit, today
from bot.helplines import Helpline, helplines_for
from bot.models import Win
from bot.render import Outgoing
from bot.safety import Concern, Reading, read
from bot.services import Services, TendContext
from scheduler.schedule import to_ms

log = logging.getLogger(__name__)
LONG_TEXT = 300
"""Characters above which a message is read off the event loop (about 2 ms of reading)."""

Keep = Callable[[Update, Services, int, str], Awaitable[bool]]
"""Keeps the note the gentle question was about, given its ``ref``; False if it is gone."""
ButtonHandler = Callable[[Update, Services, int, str], Awaitable[bool]]


async def user_helplines(update: Update, svc: Services) -> tuple[Helpline, ...]:
    """The lines for this user: their stored zone, else their Telegram language."""
    user = update.effective_user
    zone: str | None = None
    if user is not None:
        try:
            profile = await svc.store.get_profile(user.id)
            zone = profile.zone if profile is not None else None
        except (RedisConnectionError, RedisTimeoutError):
            log.warning("redis unreachable while showing help; using the language alone")
    return helplines_for(svc.helplines, zone, user.language_code if user else None)


def _seed(update: Update) -> int:
    return update.effective_message.message_id if update.effective_message else 0


async def send_crisis_help(update: Update, svc: Services) -> None:
    """The crisis reply, in the user's chat."""
    lines = await user_helplines(update, svc)
    await answer(update, crisis_reply(svc.texts, lines, svc.settings.helpline_text, _seed(update)))


async def respond(update: Update, svc: Services, reading: Reading, ref: str = "") -> bool:
    """Reply to a message that needs care; False (nothing sent) for an ordinary one.

    ``ref`` names the message for the "I'm okay, keep my note" button (e.g. its message id).
    """
    if reading.concern is Concern.CRISIS:
        log.info("a message spoke of crisis; help shown, nothing kept")  # never the words
        await send_crisis_help(update, svc)
        return True
    if reading.concern is Concern.UNSURE:
        log.info("an ambiguous message; asked whether the user is okay")
        await answer(update, unsure_reply(svc.texts, ref))
        return True
    return False


def care_button(keep: Keep) -> ButtonHandler:
    """The handler for ``cr:no[:ref]`` and ``cr:ok[:ref]``; ``keep`` keeps the note."""

    async def on_care(update: Update, svc: Services, user_id: int, arg: str) -> bool:
        parsed = parse_care(arg)
        if parsed is None:
            return False
        choice, ref = parsed
        if choice == "no":
            await edit(update, Outgoing(svc.texts.care_unsure))  # the question stays, unbuttoned
            await send_crisis_help(update, svc)
            return True
        if not await keep(update, svc, user_id, ref):
            return False
        await edit(update, svc.texts.care_okay)
        return True

    return on_care


async def sos(update: Update, context: TendContext) -> None:
    """/sos: the helplines for the user's country, a grounding step, and an open door."""
    if update.effective_user is None:
        return
    svc = context.services
    lines = await user_helplines(update, svc)
    await answer(update, sos_reply(svc.texts, lines, svc.settings.helpline_text, _seed(update)))


async def guard_care(update: Update, context: TendContext) -> None:
    """Before any handler: every text a person sends or edits (a first message, an answer
    to a question, a note, a command's words, a caption) is read with care.

    A crisis gets the help and is never kept as a win or an answer; an ambiguous message
    is kept as a reflection and met with the gentle question. Help goes out first, so it
    reaches the person even while Redis is away.
    """
    message = update.message or update.edited_message
    user = update.effective_user
    words = (message.text or message.caption) if message is not None else None
    if message is None or user is None or not words or message.chat.type != "private":
        return
    # Reading costs about 7 us a character (27 ms for Telegram's longest message): a long
    # one is read in a thread, so others' replies and the sends go on meanwhile.
    reading = read(words) if len(words) <= LONG_TEXT else await asyncio.to_thread(read, words)
    context.reading = reading
    if reading.concern is Concern.NONE:
        return
    svc = context.services
    await respond(update, svc, reading, ref=str(message.message_id))
    try:
        await remember(svc, user.id, str(message.message_id), words, reading)
    except (RedisConnectionError, RedisTimeoutError):
        log.error("redis unreachable while keeping care; the help was shown")
    raise ApplicationHandlerStop


async def remember(
    svc: Services, user_id: int, entry_id: str, words: str, reading: Reading
) -> None:
    """What a message that needed care leaves behind: the next practices are gentle ones;
    crisis words are kept nowhere (an entry the message had logged is removed); ambiguous
    words are kept as a reflection, never a win, until the person says which."""
    profile = await svc.store.get_profile(user_id)
    if profile is None:
        return
    now = svc.clock()
    day = today(svc, profile, now)
    await svc.store.change(profile, care_on=day)
    if reading.concern is Concern.CRISIS:
        await svc.store.delete_win(user_id, entry_id)
        return
    entry = Win(entry_id, words.strip(), to_ms(now), day, kind="reflection")
    old = await svc.store.get_win(user_id, entry_id)
    if old is None:
        await svc.store.add_win(user_id, entry)
    else:
        await svc.store.update_win(user_id, replace(old, text=entry.text, kind="reflection"))


async def keep_held(update: Update, svc: Services, user_id: int, ref: str) -> bool:
    """ "I'm okay, keep my note": it was kept as a reflection already; is it still there?"""
    return ref != "" and await svc.store.get_win(user_id, ref) is not None
