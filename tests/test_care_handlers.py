"""The safety net's Telegram side, with stand-ins for Telegram and the store: what `respond`
sends for each reading, the two buttons, and help while Redis is away."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from redis.exceptions import ConnectionError as RedisConnectionError
from telegram import InlineKeyboardMarkup, Update

from bot.handlers.care import care_button, respond, send_crisis_help
from bot.models import Profile
from bot.safety import Concern, Reading, read
from bot.services import Services
from tests.test_dispatch import TEXTS
from tests.test_helplines import TABLE


@dataclass
class Chat:
    sent: list[tuple[str, Any]] = field(default_factory=list)

    async def send_message(self, text: str, **kwargs: Any) -> None:
        self.sent.append((text, kwargs.get("reply_markup")))


@dataclass
class Query:
    edits: list[str] = field(default_factory=list)
    message: object = field(default_factory=object)

    async def edit_message_text(self, text: str, **kwargs: Any) -> None:
        self.edits.append(text)


class Store:
    def __init__(self, profile: Profile | None, down: bool = False) -> None:
        self.profile, self.down = profile, down

    async def get_profile(self, user_id: int) -> Profile | None:
        if self.down:
            raise RedisConnectionError("away")
        return self.profile


def fakes(
    zone: str | None = "Europe/Berlin", language: str = "de", down: bool = False
) -> tuple[Update, Services, Chat, Query]:
    chat, query = Chat(), Query()
    update = SimpleNamespace(
        effective_chat=chat,
        effective_user=SimpleNamespace(id=5, language_code=language),
        effective_message=SimpleNamespace(message_id=12),
        callback_query=query,
    )
    svc = SimpleNamespace(
        store=Store(Profile(5, zone=zone), down),
        helplines=TABLE,
        texts=TEXTS,
        settings=SimpleNamespace(helpline_text="Operator line 0800"),
    )
    return cast(Update, update), cast(Services, svc), chat, query


async def test_a_crisis_gets_the_help_for_the_users_zone() -> None:
    update, svc, chat, _ = fakes()
    assert await respond(update, svc, read("ich will nicht mehr leben"))
    [(text, buttons)] = chat.sent
    assert "TelefonSeelsorge" in text
    assert "Operator line 0800" in text
    assert buttons is None


async def test_an_ambiguous_message_is_asked_about_with_two_buttons() -> None:
    update, svc, chat, _ = fakes()
    assert await respond(update, svc, Reading(Concern.UNSURE, hard=True), ref="12")
    [(text, buttons)] = chat.sent
    assert text == TEXTS.care_unsure
    assert isinstance(buttons, InlineKeyboardMarkup)
    data = [b.callback_data for row in buttons.inline_keyboard for b in row]
    assert data == ["cr:no:12", "cr:ok:12"]


async def test_an_ordinary_message_gets_nothing_from_the_safety_net() -> None:
    update, svc, chat, _ = fakes()
    assert not await respond(update, svc, read("ran 5k!"))
    assert chat.sent == []


async def test_help_is_shown_while_redis_is_away_by_language_alone() -> None:
    update, svc, chat, _ = fakes(zone=None, language="uk", down=True)
    await send_crisis_help(update, svc)
    assert "Lifeline Ukraine" in chat.sent[0][0]


async def test_not_okay_shows_the_help_and_okay_keeps_the_note() -> None:
    kept: list[str] = []

    async def keep(update: Update, svc: Services, user_id: int, ref: str) -> bool:
        kept.append(ref)
        return ref == "12"

    handler = care_button(keep)
    update, svc, chat, query = fakes(zone="America/Sao_Paulo")
    assert await handler(update, svc, 5, "no:12")
    assert query.edits == [TEXTS.care_unsure]  # the question stays, without its buttons
    assert "CVV" in chat.sent[0][0]
    assert kept == []

    update, svc, chat, query = fakes()
    assert await handler(update, svc, 5, "ok:12")
    assert kept == ["12"]
    assert query.edits == [TEXTS.care_okay]
    assert not await handler(update, svc, 5, "ok:99")  # the note is gone: a stale button
    assert not await handler(update, svc, 5, "maybe")
