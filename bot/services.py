"""What handlers need, handed in at start (no globals, nothing built at import)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from telegram.ext import Application, CallbackContext, ExtBot

from bot.content import Library
from bot.helplines import HelplineTable
from bot.ops import Metrics
from bot.outbox import Outbox
from bot.safety import Reading
from bot.settings import Settings
from bot.store import Store
from bot.texts import Texts
from scheduler.dispatch import Clock, Dispatcher


@dataclass
class Services:
    settings: Settings
    store: Store
    library: Library
    texts: Texts
    clock: Clock
    dispatcher: Dispatcher
    metrics: Metrics
    outbox: Outbox
    helplines: HelplineTable
    heavy: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))
    """Exports and imports being built at once, over all users: each holds a whole history."""


class BotData:
    """The application's ``bot_data``: the services, set in ``post_init``."""

    def __init__(self) -> None:
        self.services: Services | None = None
        self.ops_runner: web.AppRunner | None = None


class TendContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Typed access to the services from every handler (one context serves every handler
    group of an update)."""

    reading: Reading | None = None
    """How the care guard read this update's text, so no handler reads it twice."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are set in post_init, before any update is handled")
        return services


TendApp = Application[ExtBot[None], TendContext, dict[Any, Any], dict[Any, Any], BotData, Any]
