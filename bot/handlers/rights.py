"""Data rights: /export (everything kept, as files), /import (an export taken back in), and
the way out of a full store (delete the oldest wins).

Exports and imports are heavy for one person and must never slow anyone else: their
handlers run as tasks beside the update loop (``block=False`` at registration), at most
two build at once (``Services.heavy``), serialisation runs in a thread, and /export is
limited per user per hour (EXPORTS_PER_HOUR).
"""

from __future__ import annotations

import asyncio
import logging

from telegram import InputFile, Update

from bot import portable
from bot.handlers.common import (
    answer,
    load,
    oldest_share,
    reschedule,
    set_buttons,
    wins_full,
)
from bot.plans import SLOTS
from bot.portable import NotAnExport, Snapshot
from bot.services import Services, TendContext
from bot.store import WinsFull

log = logging.getLogger(__name__)

TRANSFER_TIMEOUT_S = 120.0
"""For a document of up to 19 MB each way: the transport's defaults (seconds) suit messages."""
IMPORT_MAX_BYTES = 20 * 1024 * 1024
"""Telegram lets a bot download files up to 20 MB; export parts are made smaller."""


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
    limit = svc.settings.exports_per_hour
    if await svc.store.count_export(user.id) > limit:
        await answer(update, svc.texts.export_limit.format(limit=limit))
        return
    async with svc.heavy:
        snap = await snapshot(svc, user.id)
        if snap is None:
            await answer(update, svc.texts.export_nothing)
            return
        files = await asyncio.to_thread(portable.export_files, snap, svc.clock())
    parts = len(files) // 2
    for index, (name, content) in enumerate(files):
        caption = None
        if index % 2 == 0:
            part = index // 2 + 1
            caption = (
                svc.texts.export_caption
                if parts == 1
                else svc.texts.export_part_caption.format(part=part, parts=parts)
            )
        await chat.send_document(
            InputFile(content, name), caption=caption, write_timeout=TRANSFER_TIMEOUT_S
        )


async def snapshot(svc: Services, user_id: int) -> Snapshot | None:
    """Everything the store keeps about a user, read in a few round trips."""
    profile = await svc.store.get_profile(user_id)
    if profile is None:
        return None
    return Snapshot(
        profile,
        tuple(await svc.store.all_wins(user_id)),
        frozenset(await svc.store.practised_days(user_id)),
        await svc.store.sent_log(user_id),
        tuple(await svc.store.pending(user_id, SLOTS)),
    )


async def import_command(update: Update, context: TendContext) -> None:
    """/import: how to bring an export from another Tend in."""
    await answer(update, context.services.texts.import_usage)


async def import_document(update: Update, context: TendContext) -> None:
    """A .json document: a Tend export of the user's own, taken back in (idempotent)."""
    message, user = update.message, update.effective_user
    if message is None or message.document is None or user is None:
        return
    svc, document = context.services, message.document
    if (document.file_size or 0) > IMPORT_MAX_BYTES:
        await answer(update, svc.texts.import_unreadable)
        return
    async with svc.heavy:
        file = await document.get_file()
        raw = bytes(await file.download_as_bytearray(read_timeout=TRANSFER_TIMEOUT_S))
        try:
            snap = await asyncio.to_thread(portable.read_document, raw)
        except NotAnExport as exc:
            log.info("an import was not a Tend export: %s", exc)
            await answer(update, svc.texts.import_unreadable)
            return
    if snap.profile.user_id != user.id:
        await answer(update, svc.texts.import_other_user)
        return
    now = svc.clock()
    current = await svc.store.get_profile(user.id)
    profile = portable.merged(current, snap.profile)
    if current is not None or not await svc.store.create_profile(profile):
        # Field by field over what is there (or what appeared meanwhile): settings from the
        # file, history kept.
        current = current or await load(svc, user.id, now)
        profile = await svc.store.change(current, **portable.imported_fields(current, snap.profile))
    try:
        added = await svc.store.import_user_data(
            user.id, snap.wins, snap.practised, snap.profile.checkins
        )
    except WinsFull:
        await answer(update, wins_full(svc, await svc.store.count_entries(user.id)))
        return
    await svc.store.note_active(user.id)
    next_line = await reschedule(svc, profile, now)
    await answer(
        update,
        svc.texts.import_done.format(
            added=added,
            skipped=len(snap.wins) - added,
            days=len(snap.practised),
            checkins=len(snap.profile.checkins),
            next_line=next_line,
        ),
    )


async def on_delete_oldest(update: Update, svc: Services, user_id: int, arg: str) -> bool:
    """The button under ``wins_full``: delete that many of the oldest wins."""
    if not arg.isascii() or not arg.isdigit() or int(arg) != oldest_share(svc):
        return False
    await set_buttons(update, ())  # once: a second press must not delete another share
    deleted = await svc.store.delete_oldest_wins(user_id, int(arg))
    await answer(update, svc.texts.oldest_deleted.format(n=deleted))
    return True
