"""The composition root: builds the application and registers every handler, in order."""

from __future__ import annotations

import asyncio
import gc
import logging
import math
import os
import signal
import socket
import time
from typing import Any, Literal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import BotCommand, Update
from telegram.error import NetworkError, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers, keys, logs, places, retention
from bot.clock import TravelClock, system_clock
from bot.content import Library
from bot.flood import FloodGuard
from bot.helplines import load_helplines
from bot.http import AiohttpRequest
from bot.ops import Metrics, ops_app
from bot.outbox import Outbox
from bot.plans import SLOTS, WORD_SLOTS, all_plans
from bot.services import BotData, Services, TendApp, TendContext
from bot.settings import Settings
from bot.store import Store, WinLimits, connect
from bot.telegram_io import TelegramSender, TolerantRequest
from bot.texts import Texts
from bot.vault import VaultError, build_vault
from bot.webhook import webhook_app
from scheduler.dispatch import Clock, Dispatcher

log = logging.getLogger(__name__)
CONNECTIONS = 128
"""Connections to the Bot API: scheduled sends in flight, plus room for replies to people."""


def freeze_startup_heap() -> None:
    """Move what start-up built (PTB, the content, the models) out of the collector's sight.

    None of it is ever garbage, yet every full collection walks all of it; a burst of
    sends, which allocates a great deal, triggers many. Measured in the burst benchmark:
    about 4 us less CPU per message.
    """
    gc.collect()
    gc.freeze()


def send_concurrency(rate_per_s: float) -> int:
    """Scheduled sends in flight: enough for the rate when Telegram answers within 100 ms
    (a tenth of the rate), at least 12, and never the whole pool (replies need some too)."""
    return max(12, min(CONNECTIONS - 16, math.ceil(rate_per_s / 10)))


OUTBOX_FLUSH_S = 3.0
"""How often wins held while Redis was away are written down."""

COMMANDS = [
    BotCommand("practice", "A practice right now"),
    BotCommand("wins", "What you've logged"),
    BotCommand("settings", "Time, zone, pause, reminders"),
    BotCommand("time", "When your morning practice comes"),
    BotCommand("timezone", "Your time zone"),
    BotCommand("done", "Today's practice: done"),
    BotCommand("later", "Today's practice, later"),
    BotCommand("skip", "Rest today"),
    BotCommand("reminder", "The gentle reminder: off or 1-6 h"),
    BotCommand("quiet", "Quiet hours"),
    BotCommand("pause", "Rest for a while"),
    BotCommand("resume", "Carry on"),
    BotCommand("export", "Everything I keep, as files"),
    BotCommand("import", "Bring in an export from another Tend"),
    BotCommand("forget", "Delete everything"),
    BotCommand("intuition", "A week of listening to small nudges"),
    BotCommand("privacy", "What I keep and why"),
    BotCommand("sos", "Help right now, if things are heavy"),
    BotCommand("start", "Set up, or come back"),
    BotCommand("help", "What I can do"),
]


def build_application(
    settings: Settings,
    redis_url: str,
    library: Library,
    texts: Texts,
    clock: Clock | None = None,
    *,
    dispatch: bool = True,
) -> TendApp:
    """The application; ``dispatch`` runs the scheduled-send loop in this process."""
    token = settings.token
    if token is None:
        raise ValueError("build_application needs BOT_TOKEN")
    travel = TravelClock() if settings.time_travel and clock is None else None
    the_clock: Clock = clock or travel or system_clock

    async def sync_clock(store: Store) -> None:
        if travel is not None:
            travel.set_offset(await store.clock_offset_s())

    async def post_init(app: TendApp) -> None:
        redis = connect(redis_url)
        await redis.ping()  # before the vault makes a key file for a Redis that isn't there
        store = Store(redis, build_vault(settings))
        vault = store.vault
        assert vault is not None
        store.win_limits = WinLimits(settings.wins_max, settings.wins_max_bytes)
        await store.prepare()
        keyring_id = await vault.check()
        other = await store.claim_keyring(keyring_id)
        if other is not None:
            raise VaultError(
                f"the words in this Redis are sealed with keyring {other}, but this process "
                f"has keyring {keyring_id}. Every process must share one keyring: set the "
                "same KEYRING_URL and DATA_KEY everywhere (or the same DATA_DIR). Starting "
                f"over on purpose? Delete the key {keys.KEYRING_MARK} first."
            )
        sealed = await store.seal_cleartext()
        if sealed:
            log.info("sealed words an older version stored in clear", extra={"count": sealed})
        await sync_clock(store)
        dispatcher = Dispatcher(
            store=store,
            sender=TelegramSender(app.bot),
            plans=all_plans(library, texts),
            clock=the_clock,
            rate_per_s=settings.send_rate_per_s,
            catch_up_s=settings.catch_up_s,
            tick_s=settings.tick_s,
            lease_s=settings.lease_s,
            concurrency=send_concurrency(settings.send_rate_per_s),
            open_words=store.open_words,
            word_slots=WORD_SLOTS,
        )
        metrics = Metrics()
        dispatcher.observe_lag = metrics.observe_lag
        outbox = Outbox(store, settings.data_dir)
        app.bot_data.services = Services(
            settings,
            store,
            library,
            texts,
            the_clock,
            dispatcher,
            metrics,
            outbox,
            load_helplines(settings.content_path()),
        )
        assert app.job_queue is not None
        app.job_queue.run_repeating(
            outbox.flush,
            interval=OUTBOX_FLUSH_S,
            first=1,
            name="outbox",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
        app.add_handler(TypeHandler(Update, count_update), group=-3)
        app.add_handler(TypeHandler(Update, guard_flood), group=-2)
        # Every text is read with care before any handler sees it (bot/handlers/care.py).
        app.add_handler(TypeHandler(Update, handlers.guard_care), group=-1)
        if settings.webhook_url:
            app.add_handler(TypeHandler(Update, drop_repeats), group=-4)
        if settings.metrics_port:
            runner = web.AppRunner(
                ops_app(store, metrics, dispatcher if dispatch else None, the_clock),
                access_log=None,
            )
            await runner.setup()
            await web.TCPSite(runner, settings.metrics_host, settings.metrics_port).start()
            app.bot_data.ops_runner = runner
        if travel is not None:
            dispatcher.before_pass = lambda: sync_clock(store)
            app.add_handler(TypeHandler(Update, lambda _u, _c: sync_clock(store)), group=-5)
        if settings.retention_days:

            async def forget_long_blocked(_context: object) -> None:
                now_ms = int(the_clock().timestamp() * 1000)
                for user_id in await retention.sweep(store, now_ms, settings.retention_days, SLOTS):
                    outbox.drop_user(user_id)

            app.job_queue.run_repeating(
                forget_long_blocked,
                interval=retention.SWEEP_EVERY_S,
                first=60,
                name="retention",
                job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            )
        await app.bot.set_my_commands(COMMANDS)
        freeze_startup_heap()
        if not dispatch:
            return
        assert app.job_queue is not None
        app.job_queue.run_repeating(
            dispatcher.tick,
            interval=settings.tick_s,
            first=0.1,
            name="dispatch",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )

    async def post_stop(app: TendApp) -> None:
        if app.bot_data.services is not None:
            await app.bot_data.services.dispatcher.stop()

    async def post_shutdown(app: TendApp) -> None:
        if app.bot_data.ops_runner is not None:
            await app.bot_data.ops_runner.cleanup()
        if app.bot_data.services is not None:
            await app.bot_data.services.store.close()
            if app.bot_data.services.store.vault is not None:
                await app.bot_data.services.store.vault.close()

    context_types: ContextTypes[TendContext, dict[Any, Any], dict[Any, Any], BotData] = (
        ContextTypes(context=TendContext, bot_data=BotData)
    )
    app: TendApp = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.bot_api_url)
        # Files (an /import document) come from the same server: .../bot -> .../file/bot.
        .base_file_url(settings.bot_api_url.removesuffix("bot") + "file/bot")
        .context_types(context_types)
        # PTB's transport over aiohttp (bot/http.py): a fraction of httpx's CPU per call.
        .request(AiohttpRequest(connection_pool_size=CONNECTIONS, pool_timeout=5.0))
        .get_updates_request(TolerantRequest(connection_pool_size=1, read_timeout=40))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    register(app)
    return app


FLOOD = FloodGuard()


async def guard_flood(update: Update, context: TendContext) -> None:
    """Group -2: a user flooding the bot is answered once, calmly, then ignored a while.

    Messages, edits and button presses count alike: each costs a reply or an edit.
    """
    user = update.effective_user
    if user is None or not (update.message or update.edited_message or update.callback_query):
        return
    handle, warn = FLOOD.check(user.id, time.monotonic())
    if warn and update.effective_chat is not None:
        await update.effective_chat.send_message(context.services.texts.flood_notice)
    if not handle:
        raise ApplicationHandlerStop


async def drop_repeats(update: Update, context: TendContext) -> None:
    """Webhook mode: an update delivered twice (Telegram retries; replicas) is handled once."""
    if not await context.services.store.first_delivery(update.update_id):
        raise ApplicationHandlerStop


async def count_update(_update: object, context: TendContext) -> None:
    """Counts every update (group -3, before any handler) for /metrics."""
    context.services.metrics.updates += 1


def register(app: TendApp) -> None:
    """Every handler, in the order they are tried."""
    private = filters.ChatType.PRIVATE
    new_message = filters.UpdateType.MESSAGE
    commands = {
        "start": handlers.start,
        "help": handlers.help_command,
        "timezone": handlers.timezone_command,
        "time": handlers.time_command,
        "practice": handlers.practice_now,
        "wins": handlers.wins_command,
        "pause": handlers.pause,
        "resume": handlers.resume,
        "settings": handlers.settings_command,
        "forget": handlers.forget,
        "privacy": handlers.privacy,
        "intuition": handlers.intuition,
        "done": handlers.done_command,
        "skip": handlers.skip_command,
        "later": handlers.later_command,
        "reminder": handlers.reminder_command,
        "quiet": handlers.quiet_command,
        "sos": handlers.sos,
        "stats": handlers.stats,  # ADMIN_IDS only; not in the public command menu
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=private & new_message))
    # Heavy for one person, so never in everyone else's way: run beside the update loop.
    app.add_handler(
        CommandHandler("export", handlers.export, filters=private & new_message, block=False)
    )
    app.add_handler(CommandHandler("import", handlers.import_command, filters=private))
    # After the known commands: anything else that looks like one.
    app.add_handler(
        MessageHandler(private & new_message & filters.COMMAND, handlers.unknown_command)
    )
    app.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, handlers.group_notice)
    )
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(MessageHandler(private & new_message & filters.LOCATION, handlers.location))
    app.add_handler(MessageHandler(private & new_message & filters.TEXT, handlers.text))
    app.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE & filters.TEXT, handlers.edited)
    )
    app.add_handler(
        MessageHandler(
            private & new_message & filters.Document.FileExtension("json"),
            handlers.import_document,
            block=False,
        )
    )
    app.add_handler(MessageHandler(private & new_message, handlers.not_text))
    app.add_handler(ChatMemberHandler(handlers.member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(handlers.on_error)


ALL_UPDATES = Update.ALL_TYPES
Role = Literal["all", "updates", "sender"]


class AnotherPoller(RuntimeError):
    """Telegram allows one long-polling process per token, and one already runs."""


async def start_webhook(app: TendApp, settings: Settings) -> web.AppRunner:
    """Serve the webhook (bot/webhook.py) and tell Telegram where it is, retrying until it
    answers (PTB's ``bootstrap_retries=-1``)."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()
    path = urlsplit(settings.webhook_url).path
    runner = web.AppRunner(webhook_app(path, secret, app.bot, app.update_queue), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
    wait_s = 1.0
    while True:
        try:
            await app.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=ALL_UPDATES
            )
            return runner
        except RetryAfter as exc:
            wait_s = float(exc.retry_after if isinstance(exc.retry_after, int) else 5)
        except NetworkError as exc:
            log.warning("could not set the webhook yet: %s", exc.message)
        await asyncio.sleep(wait_s)  # Telegram said when, or is out of reach: try again
        wait_s = min(30.0, wait_s * 2)


LOCK_LOOK_S = 1.0
"""How often a process waiting for the poll lock looks at it (at most; a sixth of its life
when that is shorter): well under the holder's renewal period of a third, so a renewal
always falls between two looks and shows as the lock's remaining life going up."""


async def take_poll_lock(store: Store, owner: str, ttl_s: int) -> None:
    """Become the only long-polling process, waiting for a holder that stopped renewing.

    A lock held by a dead process (kill -9, an OOM kill) expires within ``ttl_s``; then it is
    taken and this process polls. A holder that is alive renews it every third of ``ttl_s``:
    its remaining life going *up*, or another owner appearing, means someone is polling, and
    this process gives up with ``AnotherPoller`` (at the latest after ``ttl_s`` and a bit).
    """
    loop = asyncio.get_running_loop()
    look_s = min(LOCK_LOOK_S, ttl_s / 6)
    deadline = loop.time() + ttl_s + 2 * look_s
    first: str | None = None
    last_left_ms: int | None = None
    while (holder := await store.take_poll_lock(owner, ttl_s)) is not None:
        left_ms = await store.poll_lock_left_ms()
        if first is None:
            first = holder
            log.warning(
                "another process holds the long-polling lock; waiting up to %d s for it to "
                "stop renewing (a crashed process's lock expires by itself)",
                ttl_s,
                extra={"holder": holder, "lock_left_ms": left_ms},
            )
        renewed = last_left_ms is not None and left_ms > last_left_ms
        if holder != first or renewed or loop.time() > deadline:
            raise AnotherPoller(
                f"another process ({holder}) is already long-polling this bot, and Telegram "
                "allows only one. Run more processes with --role sender, or set WEBHOOK_URL "
                "to receive updates in several."
            )
        last_left_ms = left_ms
        await asyncio.sleep(look_s)  # another process's lock: nothing to await but time
    if first is not None:
        log.info("took over the long-polling lock", extra={"previous": first})


async def serve(app: TendApp, *, updates: bool) -> None:
    """Run until SIGINT or SIGTERM, then stop cleanly (sends in flight finish first).

    ``updates``: receive updates here, by webhook when WEBHOOK_URL is set, else by long
    polling, which only one process may do (a Redis lock says so to a second one).
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    logs.install_loop_handler(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()
    except BaseException:
        await app.bot.shutdown()  # initialize opened the HTTP sessions before getMe failed
        raise
    owner = f"{socket.gethostname()}-{os.getpid()}"
    polling = False
    webhook: web.AppRunner | None = None
    try:
        if app.post_init is not None:
            await app.post_init(app)
        svc = app.bot_data.services
        assert svc is not None and app.updater is not None
        if updates:  # the zone polygons (about 0.1 s, 34 MiB): before any update, off the loop
            await asyncio.to_thread(places.warm)
        await app.start()
        settings = svc.settings
        if updates and settings.webhook_url:
            webhook = await start_webhook(app, settings)
        elif updates:
            ttl_s = settings.poll_lock_ttl_s
            await take_poll_lock(svc.store, owner, ttl_s)
            polling = True
            app.job_queue.run_repeating(  # type: ignore[union-attr]
                lambda _c: svc.store.take_poll_lock(owner, ttl_s),
                interval=ttl_s / 3,
                first=ttl_s / 3,
                name="poll-lock",
            )
            await app.updater.start_polling(
                allowed_updates=ALL_UPDATES, timeout=30, bootstrap_retries=-1
            )
        log.info(
            "tend is running", extra={"updates": updates, "webhook": bool(settings.webhook_url)}
        )
        await stop.wait()
        log.info("stopping")
        if app.updater.running:
            await app.updater.stop()
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        if polling:
            await svc.store.release_poll_lock(owner)
    finally:
        if webhook is not None:
            await webhook.cleanup()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
