"""/sos: where to find help right now, shown at any time (even while Redis is away)."""

from __future__ import annotations

import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from telegram import Update

from bot.care import sos_reply
from bot.handlers.common import answer
from bot.helplines import helplines_for
from bot.services import TendContext

log = logging.getLogger(__name__)


async def sos(update: Update, context: TendContext) -> None:
    """/sos: the helplines for the user's country, a grounding step, and an open door."""
    user = update.effective_user
    if user is None:
        return
    svc = context.services
    zone: str | None = None
    try:
        profile = await svc.store.get_profile(user.id)
        zone = profile.zone if profile is not None else None
    except (RedisConnectionError, RedisTimeoutError):
        log.warning("redis unreachable during /sos; helping by language alone")
    lines = helplines_for(svc.helplines, zone, user.language_code)
    seed = update.effective_message.message_id if update.effective_message else 0
    await answer(update, sos_reply(svc.texts, lines, svc.settings.helpline_text, seed))
