"""Running the real bot as a subprocess against the Bot API stand-in and a real Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.emulator import BotApiEmulator
from bot.store import Store

TOKEN = "123456:TEST-token-never-logged"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BotProcess:
    """One ``tend run`` process; its combined output goes to ``log_path``."""

    env: dict[str, str]
    log_path: Path
    args: tuple[str, ...] = ("run",)
    wrapper: tuple[str, ...] = ()
    proc: asyncio.subprocess.Process | None = field(default=None, init=False)

    async def start(self) -> BotProcess:
        log = self.log_path.open("ab")
        try:
            self.proc = await asyncio.create_subprocess_exec(
                *self.wrapper,
                sys.executable,
                "-m",
                "bot",
                *self.args,
                env=self.env,
                stdout=log,
                stderr=log,
                cwd=ROOT,
                # Its own process group: a wrapper (faketime) does not pass signals on, so
                # stop() and kill() signal the whole group, and no bot outlives its test.
                start_new_session=True,
            )
        finally:
            log.close()
        return self

    async def stop(self, timeout_s: float = 20.0) -> int:
        """SIGTERM, as an operator would, and wait for a clean exit."""
        if self.proc is None or self.proc.returncode is not None:
            return self.proc.returncode if self.proc and self.proc.returncode is not None else 0
        os.killpg(self.proc.pid, signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), timeout_s)

    async def kill(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # the wrapper's children too
            await self.proc.wait()

    @property
    def log(self) -> str:
        return (
            self.log_path.read_text(encoding="utf-8", errors="replace")
            if self.log_path.exists()
            else ""
        )


def bot_env(
    emulator: BotApiEmulator,
    redis_url: str | None,
    data_dir: Path,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "REDIS_", "TEND_"))}
    env.update(
        {
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": emulator.base_url,
            "DATA_DIR": str(data_dir),
            "TICK_S": "0.2",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    env.update(extra or {})
    return env


async def run_bot(
    emulator: BotApiEmulator,
    processes: list[BotProcess],
    env: dict[str, str],
    log: Path,
    role: str = "all",
    *,
    polls: bool | None = None,
) -> BotProcess:
    """Start ``tend run --role ROLE``, wait until it serves, and have the test clean it up.

    ``polls``: whether it long-polls (default: unless it is a sender; a webhook process
    does not).
    """
    bot = BotProcess(env, log, args=("run", "--role", role))
    polling = role != "sender" if polls is None else polls
    processes.append(await started(emulator, bot, polls=polling))
    return bot


async def started(
    emulator: BotApiEmulator, process: BotProcess, *, polls: bool = True
) -> BotProcess:
    """Start and wait until the bot is serving (its first long poll, or its first commands)."""
    since = emulator.cursor()
    await process.start()
    try:
        # A poller calls deleteWebhook right before its first getUpdates (recorded when it
        # completes, unlike a long poll); every process sets its commands once it is up.
        method = "deleteWebhook" if polls else "setMyCommands"
        await emulator.wait_for_call(method, since=since, timeout=30)
    except TimeoutError:
        raise AssertionError(f"the bot did not start; its log:\n{process.log}") from None
    return process


async def say(
    emulator: BotApiEmulator,
    user_id: int,
    text: str,
    expect: str | None = None,
    timeout_s: float = 10.0,
) -> str:
    """The user sends ``text``; returns the bot's reply (the one containing ``expect``)."""
    since = emulator.cursor()
    emulator.user_sends(user_id, text)
    reply = await emulator.wait_for_bot_message(
        user_id,
        since=since,
        timeout=timeout_s,
        predicate=None if expect is None else lambda m: expect in (m.text or ""),
    )
    return reply.text or ""


async def passes(store: Store) -> int:
    """Dispatch passes finished so far by every running bot (from their heartbeats)."""
    return sum(int(h.get("passes", "0")) for h in (await store.heartbeats()).values())


async def wait_for_passes(store: Store, more: int, timeout_s: float = 20) -> None:
    """Wait until the running bots have finished ``more`` further dispatch passes.

    The bot is another process: its heartbeat in Redis is the only sign of a pass, so this
    polls it (every 20 ms) rather than sleeping a guessed time.
    """
    target = await passes(store) + more
    deadline = asyncio.get_running_loop().time() + timeout_s
    while await passes(store) < target:
        assert asyncio.get_running_loop().time() < deadline, "the dispatch loop stopped ticking"
        await asyncio.sleep(0.02)


async def travel(store: Store, seconds: float) -> None:
    """Move the bot's clock forward (TIME_TRAVEL=1) and let it notice."""
    await store.advance_clock(seconds)
    await wait_for_passes(store, 2)


async def onboard(emulator: BotApiEmulator, user_id: int, zone: str, at: str) -> None:
    """A new user sets up by text alone: /start, /timezone, /time."""
    await say(emulator, user_id, "/start", "welcome to Tend")
    await say(emulator, user_id, f"/timezone {zone}", "when would you like")
    await say(emulator, user_id, f"/time {at}", "your time")
