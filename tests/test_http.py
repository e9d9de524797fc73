"""The bot's transport (bot/http.py): PTB's Bot over aiohttp, against the stand-in."""

from __future__ import annotations

import asyncio
import io
import logging
import time
import traceback
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.emulator import BotApiEmulator
from bot.http import AiohttpRequest
from bot.logs import JsonFormatter, RedactingHandler

TOKEN = "123:ABC"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """RetryAfter warns about its int retry_after unless PTB is told to use timedeltas."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def bot(emulator: BotApiEmulator) -> AsyncIterator[Bot]:
    request = AiohttpRequest(connection_pool_size=4, read_timeout=0.5)
    async with Bot(TOKEN, base_url=emulator.base_url, request=request) as bot:
        yield bot


async def test_a_message_with_buttons_arrives_and_comes_back_parsed(
    emulator: BotApiEmulator, bot: Bot
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="d:1")]])
    text = "a <b>small</b> step &amp; more"
    sent = await bot.send_message(7, text, "HTML", reply_markup=keyboard)
    assert sent.text == "a small step & more"
    assert sent.reply_markup == keyboard
    [seen] = emulator.bot_messages(7)
    assert seen.source_text == text
    assert seen.reply_markup == keyboard.to_dict()


async def test_a_document_goes_up_as_multipart_with_its_name_and_bytes(
    emulator: BotApiEmulator, bot: Bot
) -> None:
    content = "wins: 3\n<not markup> & ünïcode\n".encode()
    await bot.send_document(7, content, filename="tend-export.md", caption="Your export")
    [seen] = emulator.bot_messages(7)
    assert seen.document == ("tend-export.md", content)
    assert seen.caption == "Your export"


async def test_telegram_errors_come_out_as_ptbs_exceptions(
    emulator: BotApiEmulator, bot: Bot
) -> None:
    emulator.set_429_fraction(1.0, seed=1, retry_after=3)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(7, "too fast")
    assert info.value.retry_after.total_seconds() == 3  # type: ignore[union-attr]
    emulator.set_429_fraction(0)
    emulator.user_blocks(8)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(8, "hello?")


async def test_an_answer_slower_than_the_read_timeout_is_a_timeout_and_the_next_call_works(
    emulator: BotApiEmulator, bot: Bot
) -> None:
    emulator.set_timeout_fraction(1.0, seed=1, hang_s=5.0)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(7, "slow")
    assert time.monotonic() - started < 2  # the 0.5 s read timeout, not the 5 s hang
    emulator.set_timeout_fraction(0)
    assert (await bot.send_message(7, "fine")).text == "fine"


async def test_a_dropped_connection_is_a_network_error_and_the_next_call_works(
    emulator: BotApiEmulator, bot: Bot
) -> None:
    emulator.set_timeout_fraction(1.0, seed=1, hang_s=0.0)
    with pytest.raises(NetworkError, match="aiohttp"):
        await bot.send_message(7, "lost")
    emulator.set_timeout_fraction(0)
    assert (await bot.send_message(7, "fine")).text == "fine"


async def test_an_unreachable_server_is_a_network_error_that_never_names_the_token() -> None:
    request = AiohttpRequest(connect_timeout=1.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="aiohttp") as info:  # port 9: nobody there
            await request.post(f"http://127.0.0.1:9/bot{TOKEN}/getMe")
    finally:
        await request.shutdown()
    logged = "".join(traceback.format_exception(info.value))
    assert "ClientConnectorError" in logged and TOKEN not in logged


async def test_a_pool_timeout_never_names_the_token(emulator: BotApiEmulator) -> None:
    # aiohttp words a pool or connect timeout "Connection timeout to host <the URL>".
    emulator.set_timeout_fraction(1.0, seed=1, hang_s=2.0)
    request = AiohttpRequest(connection_pool_size=1, pool_timeout=0.2, connect_timeout=0.1)
    async with Bot(TOKEN, base_url=emulator.base_url, request=request) as bot:
        # One call holds the only connection (then is dropped); the other waits for it.
        outcomes = await asyncio.gather(
            bot.send_message(7, "one"), bot.send_message(7, "two"), return_exceptions=True
        )
    assert {type(o) for o in outcomes} == {TimedOut, NetworkError}
    for outcome in outcomes:
        assert isinstance(outcome, Exception)
        assert TOKEN not in "".join(traceback.format_exception(outcome))


def test_the_log_never_shows_the_token_not_even_in_a_traceback() -> None:
    stream = io.StringIO()
    handler = RedactingHandler([TOKEN])
    handler.setStream(stream)
    handler.setFormatter(JsonFormatter())
    log = logging.getLogger("tend.test.redact")
    log.addHandler(handler)
    try:
        try:
            raise OSError(f"cannot reach https://api.telegram.org/bot{TOKEN}/sendMessage")
        except OSError:
            log.exception("send failed for %s", f"bot{TOKEN}", extra={"url": f"/bot{TOKEN}/x"})
    finally:
        log.removeHandler(handler)
    written = stream.getvalue()
    assert TOKEN not in written
    assert written.count("<token>") == 3  # the message, the extra field, the traceback


async def test_a_call_before_initialize_says_so() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"http://127.0.0.1:9/bot{TOKEN}/getMe", "POST")
