"""The Bot API emulator, driven by a real python-telegram-bot `Bot` and `Application`."""

from __future__ import annotations

import asyncio
import datetime as dtm
import importlib.util
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from bot.emulator import BotApiEmulator, ChatMessage
from bot.emulator import validate as v

TOKEN = "123:ABC"
KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Done", callback_data="done:1")],
        [InlineKeyboardButton("Later", callback_data="later")],
    ]
)


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """RetryAfter warns about its int retry_after unless PTB is told to use timedeltas."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emulator:
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=emu.base_url) as b:
        yield b


@pytest.fixture
async def raw(emu: BotApiEmulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=f"{emu.base_url}{TOKEN}/") as client:
        yield client


# ---------------------------------------------------------------------------------------------
# A real Bot against the emulator


async def test_bot_round_trip_records_calls_without_violations(
    emu: BotApiEmulator, bot: Bot
) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot, me.first_name) == (1000, "tend_bot", True, "Tend")
    emu.user_sends(42, "/start")

    sent = await bot.send_message(
        42, "Time to <b>breathe</b> &amp; rest", parse_mode="HTML", reply_markup=KEYBOARD
    )
    assert sent.text == "Time to breathe & rest"
    assert sent.reply_markup == KEYBOARD
    assert sent.message_id == 2  # the user's /start was 1
    assert sent.entities[0].type == "bold"

    edited = await bot.edit_message_text(
        "Done. <i>Well done.</i>", chat_id=42, message_id=sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, type(sent))
    assert edited.text == "Done. Well done."
    assert edited.reply_markup is None  # an edit without reply_markup removes the keyboard

    await bot.edit_message_reply_markup(42, sent.message_id, reply_markup=KEYBOARD)
    query_id = emu.user_presses(42, sent.message_id, "later")
    assert await bot.answer_callback_query(query_id, text="See you soon", show_alert=True)
    assert emu.callback_answers[query_id].text == "See you soon"
    assert emu.callback_answers[query_id].show_alert is True

    assert await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("stop", "Pause")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "stop"]

    doc = await bot.send_document(42, b"day,done\n1,yes\n", filename="export.csv", caption="Yours")
    assert doc.document is not None
    assert (doc.document.file_name, doc.document.mime_type, doc.document.file_size) == (
        "export.csv",
        "text/csv",
        15,
    )
    assert doc.caption == "Yours"
    again = await bot.send_document(42, doc.document.file_id)
    assert again.document is not None
    assert again.document.file_unique_id == doc.document.file_unique_id

    assert emu.violations == []
    assert emu.saw_token
    assert [c.method for c in emu.calls] == [
        "getMe",  # Bot.initialize
        "getMe",
        "sendMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "setMyCommands",
        "getMyCommands",
        "sendDocument",
        "sendDocument",
    ]
    assert all(c.ok for c in emu.calls)
    stored = emu.message(42, sent.message_id)
    assert (stored.text, stored.edited, stored.callback_data()) == (
        "Done. Well done.",
        2,
        ["done:1", "later"],
    )
    assert emu.bot_messages(42)[-2].document == ("export.csv", b"day,done\n1,yes\n")
    assert [m.from_bot for m in emu.messages(42)] == [False, True, True, True]
    assert emu.stats["sent"] == 3
    assert emu.stats["edited"] == 2


async def test_updates_parse_in_ptb(emu: BotApiEmulator, bot: Bot) -> None:
    first = emu.user_sends(7, "/start@tend_bot hello", first_name="Grace", language_code="de")
    emu.user_edits(7, first.message_id, "/start again")
    emu.user_shares_location(7, 52.52, 13.405)
    sent = await bot.send_message(7, "pick", reply_markup=KEYBOARD)
    emu.user_presses(7, sent.message_id, "done:1")
    emu.user_sends(8, "hi all", chat_type="group", reply_to_message_id=None)
    emu.user_blocks(7)
    emu.inject_raw_update({"unexpected_kind": {"x": 1}})

    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == list(range(1, 8))
    message = updates[0].message
    assert message is not None
    assert message.from_user is not None
    assert message.text == "/start@tend_bot hello"
    assert message.entities[0].type == "bot_command"
    assert message.entities[0].length == len("/start@tend_bot")
    assert message.from_user.language_code == "de"
    assert updates[1].edited_message is not None
    assert updates[1].edited_message.text == "/start again"
    assert updates[2].message is not None
    assert updates[2].message.location is not None
    assert updates[2].message.location.latitude == pytest.approx(52.52)
    query = updates[3].callback_query
    assert query is not None
    assert query.message is not None
    assert (query.data, query.message.message_id) == ("done:1", sent.message_id)
    assert updates[4].effective_chat is not None
    assert (updates[4].effective_chat.id, updates[4].effective_chat.type) == (-8, "group")
    member = updates[5].my_chat_member
    assert member is not None
    assert (member.old_chat_member.status, member.new_chat_member.status) == ("member", "kicked")
    assert updates[6].api_kwargs == {"unexpected_kind": {"x": 1}}

    # Telegram confirms everything below the offset.
    assert [u.update_id for u in await bot.get_updates(offset=7, timeout=0)] == [7]
    assert [u["update_id"] for u in emu.pending_updates] == [7]


async def test_user_presses_refuses_data_the_message_does_not_offer(
    emu: BotApiEmulator, bot: Bot
) -> None:
    sent = await bot.send_message(5, "pick", reply_markup=KEYBOARD)
    with pytest.raises(ValueError, match="has no button with callback_data 'nope'"):
        emu.user_presses(5, sent.message_id, "nope")
    query_id = emu.user_presses(5, sent.message_id, "stale", force=True)
    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)


# ---------------------------------------------------------------------------------------------
# Violations


async def test_calls_telegram_would_refuse_get_400_and_are_listed(
    emu: BotApiEmulator, bot: Bot, raw: httpx.AsyncClient
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(42, "x" * 5000)
    with pytest.raises(BadRequest, match=r'(?i)Unsupported start tag "foo" at byte offset 0'):
        await bot.send_message(42, "<foo>hi</foo>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r'(?i)Character "&" at byte offset 4'):
        await bot.send_message(42, "Tom & Jerry", parse_mode="HTML")
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(42, "hi", reply_markup=too_long)
    response = await raw.post("sendMessage", data={"text": "hi"})
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: chat_id is empty",
    }

    assert [c.status for c in emu.calls[1:]] == [400] * 5  # after getMe
    assert len(emu.violations) == 5
    assert emu.violations[0].startswith(
        "sendMessage: Bad Request: message is too long (text is 5000"
    )
    assert "BUTTON_DATA_INVALID" in emu.violations[3]
    assert "66 bytes" in emu.violations[3]
    assert emu.stats["violations"] == 5
    assert emu.bot_messages(42) == []


async def test_limits_count_utf16_units_after_entity_parsing(bot: Bot, emu: BotApiEmulator) -> None:
    await bot.send_message(1, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(1, "😀" * 2048)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1, "😀" * 2049)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(1, "<b> </b>", parse_mode="HTML")
    assert len(emu.violations) == 2


async def test_non_strict_mode_lets_bad_calls_through_but_lists_them() -> None:
    async with BotApiEmulator(strict=False) as emu, Bot(TOKEN, base_url=emu.base_url) as bot:
        sent = await bot.send_message(3, "a < b", parse_mode="HTML")
        assert sent.text == "a < b"
        assert emu.violations == [
            'sendMessage: Bad Request: can\'t parse entities: Unsupported start tag "" at byte '
            "offset 2"
        ]


async def test_stateful_errors(emu: BotApiEmulator, bot: Bot) -> None:
    sent = await bot.send_message(9, "same", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "same", chat_id=9, message_id=sent.message_id, reply_markup=KEYBOARD
        )
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=9, message_id=99)
    user_msg = emu.user_sends(9, "hello")
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("x", chat_id=9, message_id=user_msg.message_id)
    assert await bot.delete_message(9, sent.message_id)
    assert emu.message(9, sent.message_id).deleted
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(9, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(9, "re", reply_to_message_id=77)
    reply = await bot.send_message(9, "re", reply_to_message_id=user_msg.message_id)
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.text == "hello"
    assert len(emu.violations) == 5


async def test_explicit_entities_are_kept(emu: BotApiEmulator, bot: Bot) -> None:
    bold = MessageEntity(MessageEntity.BOLD, 0, 4)
    sent = await bot.send_message(2, "Calm now", entities=[bold])
    assert sent.entities == (bold,)
    assert emu.bot_messages(2)[0].entities == [{"type": "bold", "offset": 0, "length": 4}]


# ---------------------------------------------------------------------------------------------
# Raw HTTP: routes, bodies, unknown methods


async def test_routes_bodies_and_unknown_methods(
    emu: BotApiEmulator, raw: httpx.AsyncClient
) -> None:
    response = await raw.post("fooBar")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert emu.violations == ["fooBar: Not Found (fooBar is not a Bot API method)"]

    response = await raw.post("setMyDescription", json={"description": "Kind"})
    assert response.json() == {"ok": True, "result": True}

    response = await raw.post("SENDMESSAGE", json={"chat_id": 42, "text": "json body"})
    assert response.json()["result"]["text"] == "json body"
    response = await raw.get("sendmessage", params={"chat_id": "42", "text": "query"})
    assert response.json()["result"]["message_id"] == 2
    response = await raw.post("getme")
    assert response.json()["result"]["username"] == "tend_bot"

    response = await raw.post("sendMessage", data={"chat_id": "42", "text": "x", "colour": "red"})
    assert response.status_code == 400
    assert 'unknown parameter "colour"' in response.json()["description"]
    response = await raw.post("sendMessage", data={"chat_id": "nobody", "text": "x"})
    assert response.json()["description"] == "Bad Request: chat not found"

    assert [c.method for c in emu.calls] == [
        "fooBar",
        "setMyDescription",
        "sendMessage",
        "sendMessage",
        "getMe",
        "sendMessage",
        "sendMessage",
    ]
    assert all(TOKEN not in json.dumps(c.params) for c in emu.calls)
    assert emu.calls[2].params == {"chat_id": 42, "text": "json body"}


async def test_webhook_blocks_get_updates(emu: BotApiEmulator, raw: httpx.AsyncClient) -> None:
    await raw.post("setWebhook", data={"url": "https://example.org/hook", "secret_token": "s"})
    info = (await raw.post("getWebhookInfo")).json()["result"]
    assert info["url"] == "https://example.org/hook"
    assert emu.webhook["secret_token"] == "s"
    response = await raw.post("getUpdates")
    assert response.status_code == 409
    await raw.post("deleteWebhook")
    assert (await raw.post("getUpdates")).json() == {"ok": True, "result": []}


# ---------------------------------------------------------------------------------------------
# Long polling


async def test_get_updates_returns_at_once_when_updates_wait(
    emu: BotApiEmulator, raw: httpx.AsyncClient
) -> None:
    emu.user_sends(1, "hi")
    started = time.monotonic()
    response = await raw.post("getUpdates", data={"timeout": "30"})
    assert time.monotonic() - started < 2
    assert [u["update_id"] for u in response.json()["result"]] == [1]


async def test_get_updates_waits_the_timeout_then_returns_empty(
    emu: BotApiEmulator, raw: httpx.AsyncClient
) -> None:
    started = time.monotonic()
    response = await raw.post("getUpdates", data={"timeout": "1"})
    elapsed = time.monotonic() - started
    assert response.json() == {"ok": True, "result": []}
    assert 0.9 <= elapsed < 3


async def test_every_concurrent_long_poll_wakes(
    emu: BotApiEmulator, raw: httpx.AsyncClient
) -> None:
    polls = [
        asyncio.create_task(raw.post("getUpdates", data={"timeout": "20"}, timeout=30))
        for _ in range(5)
    ]
    await emu.wait_for_pollers(5)
    started = time.monotonic()
    emu.user_sends(1, "wake up")
    results = await asyncio.gather(*polls)
    assert time.monotonic() - started < 2
    assert all([u["update_id"] for u in r.json()["result"]] == [1] for r in results)


async def test_stop_releases_waiting_long_polls() -> None:
    emu = BotApiEmulator()
    await emu.start()
    async with httpx.AsyncClient(base_url=f"{emu.base_url}{TOKEN}/") as client:
        poll = asyncio.create_task(client.post("getUpdates", data={"timeout": "20"}, timeout=30))
        await emu.wait_for_pollers(1)
        started = time.monotonic()
        await emu.stop()
        assert (await poll).json() == {"ok": True, "result": []}
        assert time.monotonic() - started < 2


async def test_single_poller_mode_answers_409_to_the_older_poll() -> None:
    async with (
        BotApiEmulator(single_poller=True) as emu,
        httpx.AsyncClient(base_url=f"{emu.base_url}{TOKEN}/") as client,
    ):
        first = asyncio.create_task(client.post("getUpdates", data={"timeout": "20"}, timeout=30))
        await emu.wait_for_pollers(1)
        second = asyncio.create_task(client.post("getUpdates", data={"timeout": "20"}, timeout=30))
        assert (await first).status_code == 409
        emu.user_sends(1, "hi")
        assert len((await second).json()["result"]) == 1


async def test_offsets_confirm_and_negative_offset_keeps_the_tail(
    emu: BotApiEmulator, raw: httpx.AsyncClient
) -> None:
    for k in range(5):
        emu.user_sends(1, f"m{k}")
    body = (await raw.post("getUpdates", data={"offset": "3", "limit": "1"})).json()
    assert [u["update_id"] for u in body["result"]] == [3]
    body = (await raw.post("getUpdates", data={"offset": "-1"})).json()
    assert [u["update_id"] for u in body["result"]] == [5]
    assert [u["update_id"] for u in emu.pending_updates] == [5]


# ---------------------------------------------------------------------------------------------
# A PTB Application polling the emulator


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html("hello <b>there</b>")


async def test_application_polling_replies_to_start(emu: BotApiEmulator) -> None:
    app = ApplicationBuilder().token(TOKEN).base_url(emu.base_url).build()
    app.add_handler(CommandHandler("start", _start))
    assert app.updater is not None
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        emu.user_sends(42, "/start")
        reply = await emu.wait_for_bot_message(42)
        assert reply.text == "hello there"
        assert reply.source_text == "hello <b>there</b>"
        assert reply.parse_mode == "HTML"
        await emu.wait_for_updates_confirmed()
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert emu.violations == []
    assert {c.method for c in emu.calls} >= {"getMe", "deleteWebhook", "getUpdates", "sendMessage"}


# ---------------------------------------------------------------------------------------------
# Awaiting


async def test_wait_for_bot_message_sees_edits_after_the_cursor(
    emu: BotApiEmulator, bot: Bot
) -> None:
    sent = await bot.send_message(4, "draft")
    cursor = emu.cursor()
    waiter = asyncio.create_task(emu.wait_for_bot_message(4, since=cursor))
    await bot.edit_message_text("final", chat_id=4, message_id=sent.message_id)
    snapshot = await waiter
    assert (snapshot.message_id, snapshot.text, snapshot.edited) == (sent.message_id, "final", 1)

    later = asyncio.create_task(
        emu.wait_for_bot_message(4, predicate=lambda m: "second" in (m.text or ""))
    )
    await bot.send_message(4, "first")
    await bot.send_message(4, "second one")
    assert (await later).text == "second one"
    call = await emu.wait_for_call("sendmessage", since=cursor)
    assert call.params["text"] == "first"


async def test_wait_timeout_explains_what_the_chat_got(emu: BotApiEmulator, bot: Bot) -> None:
    emu.user_sends(6, "/start")
    await bot.send_message(6, "hello", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest):
        await bot.send_message(6, "<x>", parse_mode="HTML")
    with pytest.raises(TimeoutError) as info:
        await emu.wait_for_bot_message(
            6, since=0, predicate=lambda m: m.text == "bye", timeout=0.05
        )
    text = str(info.value)
    assert "chat 6 has 2 message(s)" in text
    assert "#1 user 6: '/start'" in text
    assert "#2 bot: 'hello' buttons=['done:1', 'later']" in text
    assert 'Unsupported start tag "x"' in text


# ---------------------------------------------------------------------------------------------
# Faults


async def test_fail_next_gives_retry_after(emu: BotApiEmulator, bot: Bot) -> None:
    emu.fail_next("sendMessage", retry_after=3, times=2)
    for _ in range(2):
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(1, "hi")
        assert info.value.retry_after == dtm.timedelta(seconds=3)
    await bot.send_message(1, "hi")
    emu.fail_next("*", status=502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.get_me()
    assert emu.stats["http_429"] == 2
    assert emu.calls_to("sendMessage")[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }


async def test_blocked_user_gives_forbidden_until_unblocked(emu: BotApiEmulator, bot: Bot) -> None:
    emu.user_sends(42, "/start")
    update = emu.user_blocks(42)
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(42, "hello?")
    assert emu.stats["http_403"] == 1
    assert emu.violations == []
    emu.user_unblocks(42)
    await bot.send_message(42, "welcome back")
    emu.user_deactivates(43)
    with pytest.raises(Forbidden, match=r"(?i)user is deactivated"):
        await bot.send_message(43, "hello?")


async def test_known_chats_only_refuses_to_start_conversations() -> None:
    async with (
        BotApiEmulator(known_chats_only=True) as emu,
        Bot(TOKEN, base_url=emu.base_url) as bot,
    ):
        with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
            await bot.send_message(42, "hi")
        emu.user_sends(42, "/start")
        await bot.send_message(42, "hi")


async def test_flood_limits_are_token_buckets_on_the_clock() -> None:
    now = [1000.0]
    async with (
        BotApiEmulator(clock=lambda: now[0]) as emu,
        Bot(TOKEN, base_url=emu.base_url) as bot,
    ):
        emu.set_flood_limits(global_per_s=4, per_chat_per_s=1, per_chat_burst=2)
        for _ in range(2):
            await bot.send_message(1, "burst")
        with pytest.raises(RetryAfter) as info:  # chat 1's bucket is empty
            await bot.send_message(1, "one too many")
        assert info.value.retry_after == dtm.timedelta(seconds=1)
        await bot.send_message(2, "other chat")
        await bot.send_message(3, "other chat")
        with pytest.raises(RetryAfter):  # 4 sends used the global bucket up
            await bot.send_message(4, "global bucket empty")
        now[0] += 1
        await bot.send_message(1, "refilled")
        assert emu.stats["http_429"] == 2
        emu.set_flood_limits(global_per_s=None, per_chat_per_s=None)
        for _ in range(10):
            await bot.send_message(1, "unlimited")


async def test_random_429_and_dropped_connections(emu: BotApiEmulator, bot: Bot) -> None:
    emu.set_429_fraction(1.0, seed=1)
    with pytest.raises(RetryAfter):
        await bot.send_message(1, "hi")
    emu.set_429_fraction(0)
    emu.set_timeout_fraction(1.0, seed=1, hang_s=0.0, deliver=True)
    with pytest.raises(NetworkError):
        await bot.send_message(1, "maybe")
    assert [m.text for m in emu.bot_messages(1)] == ["maybe"]  # delivered, answer lost
    assert emu.calls[-1].status == 0
    emu.set_timeout_fraction(0)
    await bot.send_message(1, "fine")


# ---------------------------------------------------------------------------------------------
# validate.py: pure checks


def test_html_parsing_gives_plain_text_and_entities() -> None:
    parsed = v.parse_html('hello <b>there</b> <a href="https://x.org/?a=1&b=2">link</a>')
    assert parsed.text == "hello there link"
    assert parsed.entities == (
        {"type": "bold", "offset": 6, "length": 5},
        {"type": "text_link", "offset": 12, "length": 4, "url": "https://x.org/?a=1&b=2"},
    )
    parsed = v.parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 5, "language": "python"},)
    parsed = v.parse_html("&lt;&#33;&#x1F600;&quot;&amp;")
    assert parsed.text == '<!😀"&'
    assert v.utf16_len(parsed.text) == 6
    ok = (
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>'
        "<blockquote expandable>q</blockquote>"
    )
    assert v.parse_html(ok).text == "stq"
    assert v.parse_html('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>').entities[0] == {
        "type": "custom_emoji",
        "offset": 0,
        "length": 2,
        "custom_emoji_id": "5368324170671202286",
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("é<foo>", 'Unsupported start tag "foo" at byte offset 2'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a>x</a>", 'Tag "a" must have a non-empty attribute "href"'),
        ("a &nbsp; b", 'Character "&" at byte offset 2 must be escaped as "&amp;"'),
        ("a > b", 'Character ">" at byte offset 2 must be escaped as "&gt;"'),
        ("<b class>x</b>", "Expected equal sign in declaration of an attribute"),
    ],
)
def test_html_errors_read_like_telegrams(text: str, reason: str) -> None:
    with pytest.raises(v.EntityParseError) as info:
        v.parse_html(text)
    assert str(info.value).startswith(reason)


def test_markdown_v2_and_markdown() -> None:
    parsed = v.parse_markdown_v2(r"Well *done*\. [site](https://x.org/a\)b) ||hid||")
    assert parsed.text == "Well done. site hid"
    assert [e["type"] for e in parsed.entities] == ["bold", "text_link", "spoiler"]
    assert parsed.entities[1]["url"] == "https://x.org/a)b"
    with pytest.raises(v.EntityParseError, match=r"Character '\.' is reserved"):
        v.parse_markdown_v2("Well done.")
    with pytest.raises(v.EntityParseError, match="Can't find end of Bold entity at byte offset 0"):
        v.parse_markdown_v2("*open")
    assert v.parse_markdown("*b* _i_ `c`").text == "b i c"
    with pytest.raises(v.EntityParseError, match="Can't find end of the entity starting"):
        v.parse_markdown("*open")


def test_text_checks() -> None:
    assert v.check_text("hi", None) == []
    assert v.check_text("   ", None)[0].description == "Bad Request: message text is empty"
    assert v.check_text("x", "html") == []
    assert v.check_text("x", "bbcode")[0].description == "Bad Request: unsupported parse_mode"
    assert v.check_text("x" * 1025, None, caption=True)[0].description == (
        "Bad Request: message caption is too long"
    )
    assert v.check_text("", None, caption=True) == []


def test_inline_button_checks() -> None:
    spec = v.load_spec()

    def reasons(button: dict[str, Any]) -> list[str]:
        return [p.description for p in v.check_inline_button(spec, button, "b")]

    assert reasons({"text": "a", "callback_data": "é" * 32}) == []
    assert reasons({"text": "a", "callback_data": "é" * 33}) == ["Bad Request: BUTTON_DATA_INVALID"]
    assert reasons({"text": "a", "callback_data": ""}) == ["Bad Request: BUTTON_DATA_INVALID"]
    assert "Text buttons are unallowed" in reasons({"text": "a"})[0]
    assert "exactly one" in reasons({"text": "a", "url": "https://x.org", "callback_data": "x"})[0]
    assert "unknown field" in reasons({"text": "a", "callback_data": "x", "colour": "red"})[0]
    markup = {"inline_keyboard": [{"text": "not a row"}]}
    assert "Array of Arrays" in v.check_reply_markup(spec, markup)[0].description
    reply_kb = {"keyboard": [["Yes", {"text": "Share", "request_location": True}]]}
    assert v.check_reply_markup(spec, reply_kb) == []
    assert v.check_reply_markup(spec, reply_kb, inline_only=True)[0].description == (
        "Bad Request: inline keyboard expected"
    )
    assert v.check_reply_markup(spec, {"remove_keyboard": True}) == []


def test_validate_call_and_coercion() -> None:
    spec = v.load_spec()
    assert spec.canonical("SENDmessage") == "sendMessage"
    assert spec.canonical("nope") is None
    raw = {
        "chat_id": "-100123",
        "text": "42",
        "disable_notification": "true",
        "reply_markup": json.dumps({"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}),
    }
    params = v.coerce_params(spec, "sendMessage", raw)
    assert params["chat_id"] == -100123
    assert params["text"] == "42"
    assert params["disable_notification"] is True
    assert isinstance(params["reply_markup"], dict)
    assert v.validate_call(spec, "sendMessage", params) == []
    assert (
        v.coerce_params(spec, "sendMessage", {"chat_id": "@tend_news"})["chat_id"] == "@tend_news"
    )

    problems = v.validate_call(spec, "sendMessage", {"chat_id": 1, "text": "x", "message_id": "x"})
    assert [p.description for p in problems] == [
        'Bad Request: unknown parameter "message_id" (emulator check; the live server ignores this)'
    ]
    problems = v.validate_call(spec, "editMessageText", {"text": "x"})
    assert {p.description for p in problems} == {
        "Bad Request: chat_id is empty",
        "Bad Request: message identifier is not specified",
    }
    commands = {"commands": [{"command": "Start", "description": "x"}]}
    assert v.validate_call(spec, "setMyCommands", commands)[0].description == (
        "Bad Request: BOT_COMMAND_INVALID"
    )
    action = {"chat_id": 1, "action": "dancing"}
    assert (
        "wrong parameter action" in v.validate_call(spec, "sendChatAction", action)[0].description
    )
    assert v.validate_call(spec, "sendDocument", {"chat_id": 1}, files=["document"]) == []
    assert v.validate_call(spec, "sendDocument", {"chat_id": 1})[0].description == (
        "Bad Request: document is empty"
    )
    reply = {"chat_id": 1, "text": "x", "reply_parameters": {"chat_id": 1}}
    assert 'field "message_id" of ReplyParameters is required' in (
        v.validate_call(spec, "sendMessage", reply)[0].description
    )


def test_shipped_spec_and_trim_tool() -> None:
    shipped = json.loads(v.SPEC_PATH.read_text(encoding="utf-8"))
    assert shipped["version"].startswith("Bot API ")
    assert "PaulSonOfLars/telegram-bot-api-spec" in shipped["source"]
    assert shipped["methods"]["sendMessage"]["chat_id"] == {
        "required": True,
        "types": ["Integer", "String"],
    }
    assert set(shipped["types"]) == {
        "InlineKeyboardMarkup",
        "InlineKeyboardButton",
        "ReplyKeyboardMarkup",
        "KeyboardButton",
        "ReplyKeyboardRemove",
        "ForceReply",
        "BotCommand",
        "LinkPreviewOptions",
        "ReplyParameters",
    }
    tool = Path(__file__).resolve().parents[1] / "scripts" / "trim_botapi.py"
    module_spec = importlib.util.spec_from_file_location("trim_botapi", tool)
    assert module_spec is not None
    assert module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    field = {"name": "x", "types": ["String"], "required": True, "description": "long"}
    api = {
        "version": "Bot API 1.0",
        "methods": {"getMe": {"name": "getMe", "fields": []}, "m": {"fields": [field]}},
        "types": {name: {"fields": [field]} for name in shipped["types"]},
    }
    trimmed = module.trim(api)
    assert trimmed["methods"] == {"getMe": {}, "m": {"x": {"required": True, "types": ["String"]}}}
    assert trimmed["types"]["BotCommand"] == {"x": {"required": True, "types": ["String"]}}


def test_chat_message_helpers() -> None:
    msg = ChatMessage(1, 2, True, "hi", reply_markup=KEYBOARD.to_dict())
    assert msg.callback_data() == ["done:1", "later"]
    assert msg.summary() == "#1 bot: 'hi' buttons=['done:1', 'later']"
