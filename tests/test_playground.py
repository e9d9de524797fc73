"""The playground in a real browser: onboard by tapping, travel to the morning, log a win."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Locator, Page, async_playwright, expect

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
        # The Done reply has "of your last 7 days" too: wait for the win's own answer.
        await expect(bot_says.filter(has_text="1 small win logged")).to_be_visible()
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


# --------------------------------------------------------------------------------------------
# One simulated week for two people in different zones.

START = "2036-01-06T17:00:00Z"
"""A Sunday: 18:00 in Berlin, already Monday 04:00 in Sydney. Pinned through TIME_TRAVEL, so
no outcome depends on when the test runs (winter: no DST change in either zone that week)."""
ADA, CLEO = 1001, 1002
DOCS = ROOT / "docs"
MAX_STEPS = 80


async def test_a_week_for_two_users_in_two_zones(playground: tuple[str, int]) -> None:
    url, pid = playground
    async with async_playwright() as p, httpx.AsyncClient(base_url=url, timeout=20) as api:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(15_000)
        expect.set_options(timeout=15_000)
        try:
            await two_zones_one_week(page, url, api)
        except Exception:
            await shot(page, "week-failure")
            raise
        finally:
            await browser.close()
    assert only_loopback(pid)


async def two_zones_one_week(page: Page, url: str, api: httpx.AsyncClient) -> None:
    assert (await api.post("/api/travel", json={"at": START})).status_code == 200
    await page.goto(url)
    await onboard(page, "Berlin", "Europe/Berlin")
    await expect(times(page).last).to_have_text("18:00")  # Ada's clock, not the browser's
    await expect(page.get_by_test_id("day-sep").last).to_have_text("Sun, 6 January")
    await send(page, "/reminder off")
    await join_the_week(page)

    await page.get_by_test_id("add-user").click()
    await expect(page.locator("body")).to_have_attribute("data-user", str(CLEO))
    await onboard(page, "Sydney", "Australia/Sydney")
    await expect(times(page).last).to_have_text("04:00")  # the same instant, in Sydney
    await expect(page.get_by_test_id("day-sep").last).to_have_text("Mon, 7 January")
    await join_the_week(page)
    await expect(page.get_by_test_id("user-1002").get_by_test_id("upcoming")).to_contain_text(
        "next: morning practice, Mon 07:00"
    )
    preview, seen_before = await read_preview(page, api)
    assert sum(len(m) for m in preview.values()) >= 14  # mornings and evenings, all week

    await page.get_by_test_id(f"user-{ADA}").click()
    await expect(page.locator("body")).to_have_attribute("data-user", str(ADA))
    await a_week_as_ada(page, api)

    await page.get_by_test_id(f"user-{CLEO}").click()
    await settled(page, api, CLEO)
    arrived = await page.evaluate(CHAT_BY_DAY, seen_before)
    assert {day: arrived.get(day, []) for day in preview} == preview
    await no_label_covers_text(page)


async def onboard(page: Page, city: str, zone: str) -> None:
    bot_says = page.locator('[data-testid="message"][data-from="bot"]')
    await page.get_by_test_id("start").click()
    await expect(bot_says.filter(has_text="welcome to Tend")).to_be_visible()
    await page.get_by_test_id("reply-button").filter(has_text=city).click()
    await expect(bot_says.filter(has_text=zone)).to_be_visible()
    await page.locator('[data-testid="inline-button"][data-data="tm:07:00"]').click()
    await expect(bot_says.filter(has_text="at 07:00 your time")).to_be_visible()


async def join_the_week(page: Page) -> None:
    await send(page, "/intuition")
    await page.locator('[data-testid="inline-button"][data-data="ij:20:00"]').click()
    await expect(page.get_by_test_id("message").last).to_contain_text("You're in")


async def send(page: Page, text: str) -> None:
    count = await page.get_by_test_id("message").count()
    await page.get_by_test_id("composer-input").fill(text)
    await page.get_by_test_id("composer-input").press("Enter")
    await expect(page.get_by_test_id("message")).not_to_have_count(count)
    await expect(page.get_by_test_id("message").last).to_have_attribute("data-from", "bot")


def times(page: Page) -> Locator:
    return page.locator('[data-testid="message"] [data-testid="time"]')


async def settled(page: Page, api: httpx.AsyncClient, user: int) -> dict[str, Any]:
    """The page shows the state the server has now (the bot has answered or sent)."""
    state: dict[str, Any] = (await api.get("/api/state", params={"user": user})).json()
    await expect(page.locator("body")).to_have_attribute("data-version", str(state["version"]))
    return state


async def read_preview(page: Page, api: httpx.AsyncClient) -> tuple[dict[str, list[str]], int]:
    """The preview of this user's week as shown: texts by local date; and the last message."""
    state = await settled(page, api, CLEO)
    await page.get_by_test_id("preview-toggle").click()
    await expect(page.get_by_test_id("preview-day")).to_have_count(7)
    await shot(page, "week-1-preview")
    preview: dict[str, list[str]] = await page.evaluate(PREVIEW_BY_DAY)
    await page.get_by_test_id("preview-toggle").click()
    return preview, max(m["id"] for m in state["messages"])


async def a_week_as_ada(page: Page, api: httpx.AsyncClient) -> None:
    """Travel from send to send until the recap; a practice, an edited win, the check-ins."""
    won = False
    for _ in range(MAX_STEPS):
        await page.get_by_test_id("travel-next").click()
        await expect(page.get_by_test_id("travel-next")).to_be_enabled()
        state = await settled(page, api, ADA)
        if not won and any(b.startswith("d:") for b in buttons(state)):
            await a_practice_and_an_edited_win(page)
            won = True
        while (answer := next(answers(buttons(state)), None)) is not None:
            await page.locator(f'[data-testid="inline-button"][data-data="{answer}"]').click()
            await expect(page.locator(f'[data-data="{answer}"]')).to_have_count(0)
            state = await settled(page, api, ADA)
        if "Your week of listening" in state["messages"][-1]["text"]:
            break
    else:
        raise AssertionError("no recap within the week")
    assert won
    recap = page.get_by_test_id("message").filter(has_text="Your week of listening").last
    await expect(recap).to_contain_text("You checked in on 7 of 7 days")
    await expect(recap.locator('[data-testid="time"]')).to_have_text("20:00")  # Berlin's evening
    await no_label_covers_text(page)
    await page.locator("#messages").evaluate("box => { box.scrollTop = box.scrollHeight / 3 }")
    await no_label_covers_text(page)
    await shot(page, "week-3-ada")
    if os.environ.get("UPDATE_DOCS"):
        await page.screenshot(path=str(DOCS / "playground.png"))


async def a_practice_and_an_edited_win(page: Page) -> None:
    """Done on the morning's practice, a win, then ↑ to edit it: the edit edits the win."""
    await page.locator('[data-testid="inline-button"][data-data^="d:"]').last.click()
    bot_says = page.locator('[data-testid="message"][data-from="bot"]')
    await expect(bot_says.filter(has_text="promise kept")).to_be_visible()
    await send(page, "Asked for help   ")
    await expect(bot_says.last).to_contain_text("small win logged")

    composer = page.get_by_test_id("composer-input")
    await composer.fill("  \u200b ")
    await composer.press("Enter")
    await expect(page.get_by_test_id("composer-hint")).to_contain_text("invisible")
    await composer.fill("")
    await composer.press("ArrowUp")
    await expect(page.get_by_test_id("edit-bar")).to_be_visible()
    await expect(composer).to_have_value("Asked for help   ")
    await composer.fill("Asked for help, and got it")
    await composer.press("Enter")
    await expect(bot_says.last).to_contain_text("Updated your win")
    mine = page.locator('[data-testid="message"][data-from="user"]')
    await expect(mine.filter(has_text="Asked for help, and got it")).to_have_attribute(
        "data-edited", "1"
    )
    await send(page, "/wins")
    await expect(bot_says.last).to_contain_text("Asked for help, and got it")
    await shot(page, "week-2-edited-win")


def buttons(state: dict[str, Any]) -> set[str]:
    rows = [row for m in state["messages"] for row in m["inline_keyboard"] or []]
    return {b["data"] for row in rows for b in row if b["data"]}


def answers(shown: set[str]) -> Iterator[str]:
    """Ada's answers: followed the nudge on day 1 (sure: 4; it went well), not noticed after."""
    for data in sorted(shown):
        kind, day, choice = [*data.split(":"), "", ""][:3]
        checkin = kind == "ic" and choice == ("f" if day == "1" else "x")
        if checkin or (kind, choice) in {("icc", "4"), ("io", "good")}:
            yield data


async def no_label_covers_text(page: Page) -> None:
    """No date label overlaps a message or another label, as drawn at this scroll position."""
    boxes: list[dict[str, Any]] = await page.evaluate(BOXES)
    labels = [b for b in boxes if b["kind"] == "label"]
    assert labels
    for label in labels:
        for other in boxes:
            if other is not label:
                assert not overlap(label, other), (label, other)


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return bool(
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


BOXES = """() => {
  const out = [];
  const add = (node, kind) => {
    const r = node.getBoundingClientRect();  // where it is drawn now, sticky or not
    if (!r.width) return;
    out.push({ kind, text: node.textContent.slice(0, 40), left: r.left, right: r.right,
               top: r.top, bottom: r.bottom });
  };
  document.querySelectorAll('.day-sep span').forEach((n) => add(n, 'label'));
  document.querySelectorAll('.bubble').forEach((n) => add(n, 'message'));
  return out;
}"""

PREVIEW_BY_DAY = """() => {
  const out = {};
  for (const day of document.querySelectorAll('[data-testid="preview-day"]')) {
    const texts = day.querySelectorAll('[data-testid="preview-message"] .text');
    out[day.dataset.date] = Array.from(texts, (n) => n.textContent);
  }
  return out;
}"""

CHAT_BY_DAY = """(after) => {
  const out = {};
  let day = null;
  for (const node of document.getElementById('messages-inner').children) {
    if (node.dataset.testid === 'day-sep') { day = node.dataset.day; continue; }
    const bubble = node.querySelector('[data-testid="message"][data-from="bot"]');
    if (!bubble || Number(bubble.dataset.id) <= after) continue;
    (out[day] = out[day] || []).push(bubble.querySelector('.text').textContent);
  }
  return out;
}"""
