"""Hardening (#15): no token in any output, a restart that comes back, a webhook that reads
nothing before the secret, bounded work per user. Real processes, Redis and the stand-in."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from telegram.error import NetworkError

from bot.emulator import BotApiEmulator
from bot.http import AiohttpRequest
from tests.harness import ROOT, TOKEN, BotProcess, bot_env, run_bot, say

pytestmark = [pytest.mark.reliability, pytest.mark.e2e]
TOKEN_TAIL = TOKEN.partition(":")[2]


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def tend_run(env: dict[str, str], timeout_s: float = 60) -> tuple[int, str]:
    """``tend run`` to its end: exit status, and stdout and stderr together."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout_s)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    assert proc.returncode is not None
    return proc.returncode, out.decode(errors="replace")


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("401", 2),
        ("404", 2),
        ("trailing slash", 2),
        ("no /bot", 2),
        ("unreachable", 2),
        ("bad port", 2),
    ],
)
async def test_the_token_appears_in_no_output_when_start_up_fails(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, case: str, status: int
) -> None:
    url = {
        "trailing slash": emulator.base_url + "/",
        "no /bot": f"http://127.0.0.1:{closed_port()}",
        "unreachable": f"http://127.0.0.1:{closed_port()}/bot",
        "bad port": "http://127.0.0.1:99999/bot",
    }.get(case, emulator.base_url)
    if case in ("401", "404"):
        words = "Unauthorized" if case == "401" else "Not Found"
        emulator.fail_next("getMe", status=int(case), description=words)
    env = bot_env(emulator, redis_url, tmp_path, {"BOT_API_URL": url, "LOG_LEVEL": "DEBUG"})
    code, out = await tend_run(env)
    print(f"\n{case}: exit {code}: {out.strip().splitlines()[-1]}")
    assert TOKEN_TAIL not in out
    assert code == status, out
    assert "Traceback" not in out, out


async def test_an_unparseable_url_error_carries_no_token() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        for url in (f"http://127.0.0.1:{closed_port()}{TOKEN}/getMe", f"http://[{TOKEN}/getMe"):
            with pytest.raises(NetworkError) as caught:
                await request.do_request(url, "POST")
            assert TOKEN_TAIL not in str(caught.value)
            assert caught.value.__cause__ is None
    finally:
        await request.shutdown()


def test_uncaught_exceptions_and_prints_are_redacted(tmp_path: Path) -> None:
    script = (
        "from bot import logs; import asyncio, logging\n"
        f"logs.configure('INFO', [{TOKEN!r}])\n"
        f"print('printed', {TOKEN!r})\n"
        "async def main():\n"
        "    logs.install_loop_handler(asyncio.get_running_loop())\n"
        "    async def boom(): raise RuntimeError('in a task ' + " + repr(TOKEN) + ")\n"
        "    task = asyncio.get_running_loop().create_task(boom())\n"
        "    await asyncio.sleep(0)\n"
        "    del task\n"
        "    import gc; gc.collect()\n"
        "asyncio.run(main())\n"
        f"raise ValueError('uncaught ' + {TOKEN!r})\n"
    )
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    out = done.stdout + done.stderr
    assert "printed <token>" in out
    assert "uncaught <token>" in out
    assert "in a task <token>" in out
    assert TOKEN_TAIL not in out


def test_time_travel_is_refused_with_a_real_bot_api(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from bot.settings import Settings

    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TIME_TRAVEL", "1")
    with pytest.raises(ValidationError, match="TIME_TRAVEL"):
        Settings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.setenv("BOT_API_URL", "http://127.0.0.1:8081/bot")
    assert Settings(_env_file=None).time_travel  # type: ignore[call-arg]
    monkeypatch.delenv("BOT_TOKEN")
    monkeypatch.delenv("BOT_API_URL")
    assert Settings(_env_file=None).time_travel  # type: ignore[call-arg]  # the playground


async def test_a_bot_killed_with_sigkill_comes_back_by_itself_at_once(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"POLL_LOCK_TTL_S": "6"})
    first = await run_bot(emulator, processes, env, tmp_path / "first.log")
    await say(emulator, 41, "/help", "/practice")
    await first.kill()  # kill -9: the poll lock stays behind, unrenewed
    loop = asyncio.get_running_loop()
    killed_at = loop.time()
    second = BotProcess(env, tmp_path / "second.log")
    processes.append(await second.start())
    await say(emulator, 41, "/help", "/practice", timeout_s=90)
    took = loop.time() - killed_at
    print(f"\nkill -9, then tend run at once (lock of 6 s): answered after {took:.1f} s")
    assert "waiting up to 6 s" in second.log
    assert second.proc is not None and second.proc.returncode is None
    assert took < 90


async def test_a_second_poller_gives_up_only_on_a_live_renewing_holder(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    env = bot_env(emulator, redis_url, tmp_path, {"POLL_LOCK_TTL_S": "3"})
    await run_bot(emulator, processes, env, tmp_path / "first.log")
    loop = asyncio.get_running_loop()
    began = loop.time()
    code, out = await tend_run(env)
    took = loop.time() - began
    print(f"\na second poller beside a live one: exit {code} after {took:.1f} s")
    assert code == 2
    assert "already long-polling" in out
    assert took < 3 + 10
    await say(emulator, 42, "/help", "/practice")  # the first one is still serving


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


async def test_90_mib_unauthenticated_webhook_posts_are_refused_unread(
    emulator: BotApiEmulator, redis_url: str, tmp_path: Path, processes: list[BotProcess]
) -> None:
    port = closed_port()
    emulator.webhook_targets = [f"http://127.0.0.1:{port}/tg"]
    env = bot_env(
        emulator,
        redis_url,
        tmp_path,
        {
            "WEBHOOK_URL": "https://tend.example/tg",
            "WEBHOOK_SECRET": "right-secret",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        },
    )
    bot = await run_bot(emulator, processes, env, tmp_path / "bot.log", "updates", polls=False)
    await emulator.wait_for_call("setWebhook", timeout=10)  # served before it is set
    assert bot.proc is not None
    pid = bot.proc.pid
    url = f"http://127.0.0.1:{port}/tg"
    chunk = b"x" * (1024 * 1024)

    async def body() -> AsyncIterator[bytes]:
        for _ in range(90):  # 90 MiB, streamed: the test holds one MiB
            yield chunk

    async def post(headers: dict[str, str]) -> str:
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body(), headers=headers) as response,
            ):
                return str(response.status)
        except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError):
            return "closed"  # refused and hung up on before the body was sent

    before = rss_mib(pid)
    peak = before
    sampling = True

    async def sample() -> None:
        nonlocal peak
        while sampling:
            peak = max(peak, rss_mib(pid))
            await asyncio.sleep(0.02)  # another process's memory: nothing to await

    sampler = asyncio.create_task(sample())
    outcomes = await asyncio.gather(
        *(post({"X-Telegram-Bot-Api-Secret-Token": "wrong"} if i % 2 else {}) for i in range(8))
    )
    too_big = await post({"X-Telegram-Bot-Api-Secret-Token": "right-secret"})
    sampling = False
    await sampler
    print(
        f"\n8 x 90 MiB unauthenticated posts: {Counter(outcomes)}; with the secret: {too_big}; "
        f"bot RSS {before:.0f} -> peak {peak:.0f} MiB"
    )
    assert set(outcomes) <= {"403", "closed"}
    assert too_big in ("413", "closed")
    assert peak - before < 50

    async with aiohttp.ClientSession() as session:
        secret = {"X-Telegram-Bot-Api-Secret-Token": "right-secret"}
        bad = {"update_id": 777, "message": {"text": "my private words", "chat": "no"}}
        async with session.post(url, json=bad, headers=secret) as response:
            assert response.status == 200  # not redelivered
    await say(emulator, 43, "/help", "/practice")  # the bot still serves (by the webhook)
    assert "777" in bot.log
    assert "my private words" not in bot.log


@pytest.mark.parametrize(
    ("method", "headers", "status"),
    [
        ("GET", {"Host": "evil.example:8080"}, 421),  # DNS rebinding
        ("GET", {"Host": "127.0.0.1.evil.example"}, 421),
        ("POST", {"Host": "localhost:8080", "Origin": "https://evil.example"}, 403),
        ("POST", {"Host": "localhost:8080", "Sec-Fetch-Site": "cross-site"}, 403),
        ("POST", {"Host": "localhost:8080", "Sec-Fetch-Site": "same-site"}, 403),
        ("POST", {"Host": "localhost:8080", "Origin": "http://localhost:3000"}, 403),
        ("GET", {"Host": "127.0.0.1:8080"}, 200),
        ("GET", {"Host": "[::1]:8080"}, 200),
        ("POST", {"Host": "localhost:8080", "Origin": "http://localhost:8080"}, 404),
        ("POST", {"Host": "localhost:8080", "Sec-Fetch-Site": "same-origin"}, 404),
    ],
)
async def test_the_playground_answers_only_its_own_page_at_a_loopback_name(
    method: str, headers: dict[str, str], status: int
) -> None:
    from types import SimpleNamespace
    from typing import cast

    from aiohttp.test_utils import TestClient, TestServer

    from bot.playground import Playground, web_app

    nobody = cast(Playground, SimpleNamespace(users={}))  # 404 "no such user" once let in
    async with TestClient(TestServer(web_app(nobody))) as client:
        path = "/" if method == "GET" else "/api/send"
        body = {"user": 1, "text": "hi"} if method == "POST" else None
        response = await client.request(method, path, headers=headers, json=body)
        assert response.status == status
