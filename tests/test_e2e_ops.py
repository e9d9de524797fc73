"""Operations: metrics after a burst, health that follows Redis, a clean SIGTERM, packaging."""

from __future__ import annotations

import asyncio
import re
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import yaml

from bot.emulator import BotApiEmulator
from bot.redis_server import RedisServer, free_port
from bot.store import Store, connect
from tests.harness import ROOT, BotProcess, bot_env, run_bot
from tests.test_e2e_scheduler import per_chat, seed_due, wait_for_sends

pytestmark = pytest.mark.e2e


async def get(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as client:
        return await client.get(url)


async def wait_for_health(url: str, status: int, timeout_s: float = 30) -> dict[str, str]:
    """Poll /healthz (another process) until it answers ``status``."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        response = await get(url)
        if response.status_code == status:
            return dict(response.json())
        assert asyncio.get_running_loop().time() < deadline, response.text
        await asyncio.sleep(0.1)


async def test_metrics_after_a_burst_and_health_that_follows_redis(
    emulator: BotApiEmulator, tmp_path: Path, processes: list[BotProcess]
) -> None:
    server = RedisServer(tmp_path / "redis").start()
    store = Store(connect(server.url))
    try:
        users = range(40_000, 40_200)
        await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=30))
        port = free_port()
        env = bot_env(
            emulator, server.url, tmp_path, {"METRICS_PORT": str(port), "SEND_RATE_PER_S": "200"}
        )
        bot = await run_bot(emulator, processes, env, tmp_path / "bot.log", "sender")
        await wait_for_sends(emulator, len(users), timeout_s=30)
        base = f"http://127.0.0.1:{port}"
        metrics = (await get(f"{base}/metrics")).text
        sent = re.search(r'tend_sends_total\{outcome="sent"\} (\d+)', metrics)
        lag_count = re.search(r"tend_send_lag_seconds_count (\d+)", metrics)
        lag_sum = re.search(r"tend_send_lag_seconds_sum ([\d.]+)", metrics)
        assert sent and lag_count and lag_sum, metrics
        assert int(sent.group(1)) == int(lag_count.group(1)) == len(users)
        assert float(lag_sum.group(1)) / len(users) >= 30  # they were due 30 s before start
        assert "tend_due_backlog 0" in metrics
        assert (await wait_for_health(f"{base}/healthz", 200)) == {"redis": "ok", "loop": "ok"}

        redis_port = server.port
        server.stop()
        down = await wait_for_health(f"{base}/healthz", 503)
        assert down["redis"].startswith("unreachable")
        server = RedisServer(tmp_path / "redis", port=redis_port).start()
        await wait_for_health(f"{base}/healthz", 200)
        assert bot.proc is not None and bot.proc.returncode is None  # recovered, no restart
    finally:
        await store.close()
        server.stop()


async def test_sigterm_mid_burst_finishes_in_flight_and_gives_the_rest_back(
    emulator: BotApiEmulator,
    redis_url: str,
    store: Store,
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(50_000, 50_300)
    await seed_due(store, users, datetime.now(UTC) - timedelta(seconds=1))
    env = bot_env(emulator, redis_url, tmp_path, {"SEND_RATE_PER_S": "40", "TICK_S": "2"})
    first = await run_bot(emulator, processes, env, tmp_path / "first.log", "sender")
    await wait_for_sends(emulator, 40, timeout_s=30)
    started_stop = asyncio.get_running_loop().time()
    assert await first.stop(timeout_s=30) == 0
    assert asyncio.get_running_loop().time() - started_stop < 10  # well inside compose's 30 s
    assert await store.inflight_count() == 0  # nothing left held under a lease
    await run_bot(emulator, processes, env, tmp_path / "second.log", "sender")
    await wait_for_sends(emulator, len(users), timeout_s=60)
    counts = per_chat(emulator)
    assert sorted(counts) == list(users)
    assert set(counts.values()) == {1}


def test_the_dockerfile_installs_what_the_readme_installs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    python = re.search(r"^FROM python:(\d+\.\d+)", dockerfile, re.MULTILINE)
    assert python and tuple(map(int, python.group(1).split("."))) >= (3, 11)
    assert project["requires-python"] == ">=3.11"
    assert re.search(r"^RUN pip install \. ", dockerfile, re.MULTILINE)  # pyproject, as make run
    for folder in ("bot", "scheduler", "content"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert "CONTENT_DIR=/app/content" in dockerfile
    assert re.search(r"^USER tend$", dockerfile, re.MULTILINE)  # not root
    assert 'ENTRYPOINT ["tend"]' in dockerfile
    assert "make run" in (ROOT / "README.md").read_text()
    # make run installs the project from the same pyproject.toml (editable, plus dev tools).
    assert re.search(r"pip install .*-e '\.\[dev\]'", (ROOT / "Makefile").read_text())


def test_compose_runs_redis_persistently_and_stops_the_bot_cleanly() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    redis = compose["services"]["redis"]
    assert "--appendonly" in redis["command"] and "yes" in redis["command"]
    assert redis["volumes"][0].endswith(":/data")
    assert "healthcheck" in redis
    for name in ("bot", "sender"):
        service = compose["services"][name]
        assert service["build"] == "."
        assert service["env_file"] == ".env"
        assert service["stop_signal"] == "SIGTERM"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert int(service["stop_grace_period"].rstrip("s")) >= 10
    env_example = (ROOT / ".env.example").read_text()
    from bot.settings import Settings

    for field in Settings.model_fields.values():
        assert field.alias and field.alias in env_example, f"{field.alias} not in .env.example"
