"""/sos end to end: in the command menu, the helplines for the user's country, and the
operator's HELPLINE_TEXT, before and after a time zone is set."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from tests.harness import BotProcess, bot_env, run_bot, say

pytestmark = pytest.mark.e2e
OPERATOR = "Our community line: 0800 000 000"


async def test_sos_shows_the_help_for_the_users_country(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"HELPLINE_TEXT": OPERATOR})
    await run_bot(emulator, processes, env, tmp_path / "bot.log")
    commands = emulator.calls_to("setMyCommands")[-1].params["commands"]
    assert "sos" in [c["command"] for c in commands]

    since = emulator.cursor()
    emulator.user_sends(7, "/sos", language_code="uk")  # never set up: language alone
    reply = (await emulator.wait_for_bot_message(7, since=since, timeout=10)).text or ""
    assert "Lifeline Ukraine" in reply
    assert "7333" in reply
    assert OPERATOR in reply
    assert "I'm here. You can keep writing to me." in reply

    await say(emulator, 8, "/start", "welcome to Tend")
    await say(emulator, 8, "/timezone Europe/Berlin", "when would you like")
    reply = await say(emulator, 8, "/sos", "TelefonSeelsorge")
    assert "0800 111 0 111" in reply
    assert OPERATOR in reply
