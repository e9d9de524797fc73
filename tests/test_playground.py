"""The playground in a real browser: onboard by tapping, travel to the morning, log a win."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page, async_playwright, expect

from bot.redis_server import free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
async def playground(tmp_path: Path) -> AsyncIterator[tuple[str, int]]:
    """``tend run`` with no token, as the README says; yields its URL and pid."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "REDIS_URL")}
    env.update(
        {
            "PLAYGROUND_PORT": str(port),
            "DATA_DIR": str(tmp_path),
            "CI": "1",
            "TICK_S": "0.2",
            "LOG_LEVEL": "DEBUG",
        }
    )
    log = (tmp_path / "playground.log").open("wb")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(f"{url}/api/state")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.05)  # the server process is still starting
        else:
            raise AssertionError((tmp_path / "playground.log").read_text())
    yield url, proc.pid
    proc.terminate()
    assert await asyncio.wait_for(proc.wait(), 20) == 0, (tmp_path / "playground.log").read_text()
    log.close()


async def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SHOTS / f"{name}.png"))


async def test_a_week_in_the_playground_by_tapping(playground: tuple[str, int]) -> None:
    url, pid = playground
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(15_000)
        expect.set_options(timeout=15_000)
        try:
            await walk_through_a_week(page, url)
        except Exception:
            await shot(page, "failure")
            raise
        finally:
            await browser.close()
    assert only_loopback(pid)


async def walk_through_a_week(page: Page, url: str) -> None:
    if True:
        await page.goto(url)
        bot_says = page.locator('[data-testid="message"][data-from="bot"]')

        await page.get_by_test_id("commands-button").click()
        await page.get_by_test_id("command-start").click()
        await expect(bot_says.filter(has_text="welcome to Tend")).to_be_visible()
        await page.get_by_test_id("reply-button").filter(has_text="Berlin").click()
        await expect(bot_says.filter(has_text="Europe/Berlin")).to_be_visible()
        await page.locator('[data-testid="inline-button"][data-data="tm:07:00"]').click()
        await expect(bot_says.filter(has_text="at 07:00 your time")).to_be_visible()
        await shot(page, "1-onboarded")

        await page.get_by_test_id("travel-next").click()
        done = page.locator('[data-testid="inline-button"][data-data^="d:"]').last
        await expect(done).to_be_visible()
        await done.click()
        await expect(bot_says.filter(has_text="promise kept")).to_be_visible()
        await shot(page, "2-morning")

        await page.get_by_test_id("composer-input").fill(
            "I said no to a meeting <b>&</b> felt fine"
        )
        await page.get_by_test_id("composer-send").click()
        await expect(bot_says.filter(has_text="of your last 7 days")).to_be_visible()
        await page.get_by_test_id("commands-button").click()
        await page.get_by_test_id("command-wins").click()
        wins = bot_says.filter(has_text="Your small wins")
        await expect(wins).to_contain_text("I said no to a meeting <b>&</b> felt fine")
        await shot(page, "3-wins")


def only_loopback(pid: int) -> bool:
    """Every TCP socket the playground holds is bound on, and talks to, 127.0.0.1 only."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    local_ends, remote_ends = [], []
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes:
                local_ends.append(fields[1].split(":")[0])
                remote_ends.append(fields[2].split(":")[0])
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    unset = {"00000000", "0" * 32}  # the remote end of a listening socket
    assert local_ends, "the playground holds no TCP sockets?"
    return all(a in loopback for a in local_ends) and all(
        a in loopback | unset for a in remote_ends
    )
