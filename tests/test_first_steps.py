"""An operator's first misconfigurations: one sentence naming the setting, exit 2, no traceback."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from asyncio.subprocess import PIPE
from pathlib import Path

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.cli import start_problem
from bot.emulator import BotApiEmulator
from bot.playground import ignored_settings
from bot.redis_server import free_port
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123:abc"
SETTINGS = {str(f.alias) for f in Settings.model_fields.values()}


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m bot run`` in an empty folder (no .env) with only these settings."""
    clean = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS}
    clean.update({"PYTHONPATH": str(ROOT), "CI": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def one_sentence(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "Unclosed" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Tend cannot start: ") and line.endswith("."), line
    for word in words:
        assert word in line
    return line


def test_an_unknown_log_level(tmp_path: Path) -> None:
    one_sentence(start(tmp_path, LOG_LEVEL="LOUD"), "LOG_LEVEL", "LOUD", "INFO")


def test_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    result = start(tmp_path, BOT_TOKEN=TOKEN, DATA_DIR=str(tmp_path / "data"))
    one_sentence(result, "DATA_DIR", "writable folder")


def test_a_data_dir_that_cannot_be_written(tmp_path: Path) -> None:
    # /proc refuses new folders even to root, where a chmod would not stop anyone.
    result = start(tmp_path, BOT_TOKEN=TOKEN, DATA_DIR="/proc/tend-data")
    one_sentence(result, "DATA_DIR", "/proc/tend-data", "writable folder")


def test_telegram_out_of_reach(tmp_path: Path) -> None:
    """No network: getMe fails; one sentence, and no "Unclosed client session" after it."""
    nobody = f"http://127.0.0.1:{free_port()}/bot"
    result = start(
        tmp_path,
        BOT_TOKEN=TOKEN,
        BOT_API_URL=nobody,
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
    )
    line = one_sentence(result, "BOT_API_URL", "cannot be reached", "network")
    assert TOKEN not in line


def test_a_redis_url_of_another_scheme(tmp_path: Path) -> None:
    result = start(tmp_path, BOT_TOKEN=TOKEN, REDIS_URL="http://localhost:6379")
    one_sentence(result, "REDIS_URL", "redis://")


async def test_a_redis_url_that_does_not_answer(tmp_path: Path) -> None:
    """Telegram answers (the stand-in), Redis does not: one sentence, once its retries end."""
    async with BotApiEmulator() as emulator:
        env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS}
        env.update(
            PYTHONPATH=str(ROOT),
            BOT_TOKEN=TOKEN,
            BOT_API_URL=emulator.base_url,
            REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
            DATA_DIR=str(tmp_path),
        )
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env, stderr=PIPE, stdout=PIPE
        )
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    result = subprocess.CompletedProcess(["tend"], proc.returncode or 0, "", err.decode())
    one_sentence(result, "REDIS_URL", "does not answer", "embedded Redis")


def test_a_redis_password_is_not_repeated() -> None:
    """The sentence names the Redis it tried, without the password."""
    settings = Settings.model_validate(
        {"BOT_TOKEN": TOKEN, "REDIS_URL": "redis://:pw@10.0.0.1:6379/0"}
    )
    problem = start_problem(RedisConnectionError("refused"), settings)
    assert problem is not None and "REDIS_URL" in problem and "pw" not in problem


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, []),
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, ["REDIS_URL"]),
        (
            {"DATA_DIR": "/srv/tend", "WEBHOOK_URL": "https://x.org/t", "WEBHOOK_SECRET": "s"},
            ["DATA_DIR", "WEBHOOK_URL", "WEBHOOK_SECRET"],
        ),
        ({"PLAYGROUND_PORT": "9000", "LOG_LEVEL": "debug"}, []),
    ],
)
def test_the_playground_names_what_it_ignores(
    env: dict[str, str], said: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert ignored_settings(Settings(_env_file=None)) == said  # type: ignore[call-arg]
