"""Journeys: random sequences of what a person does over days, checked against a model.

Hypothesis drives the real bot in this process (its real handlers, dispatch loop and PTB
HTTP stack, a real Redis, the Bot API stand-in) on a clock the test moves: commands, taps
on the buttons the last messages really carry, short and long texts (some look like times
or cities), edits, pauses, joining and leaving the intuition week, jumps of minutes to
days, and /forget. A plain model of what the person should see is checked after every step.

CI runs a fixed budget with a derandomised seed; ``make journeys`` runs a longer search
(JOURNEYS_EXAMPLES, JOURNEYS_STEPS).
"""

from __future__ import annotations

import asyncio
import html
import os
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from telegram import Update

from bot.answers import looks_like_place
from bot.app import FLOOD, build_application
from bot.content import load_library
from bot.emulator import BotApiEmulator, ChatMessage
from bot.models import Profile
from bot.plans import SERIES_EVENING, SLOTS
from bot.redis_server import RedisServer
from bot.services import Services, TendApp
from bot.settings import Settings, default_content_dir
from bot.store import Store, connect
from bot.texts import load_texts
from bot.zones import resolve_zone
from scheduler.schedule import from_ms

T = TypeVar("T")
TOKEN = "123456:journeys"
USER = 9_001
START = datetime(2026, 3, 27, 21, 45, tzinfo=UTC)
"""Late on a Friday, two nights before Europe's clocks go forward: journeys cross it."""
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland")
TEXTS = (
    "ran 5k",
    "9:15",
    "ok",
    "Drank water",
    "Berlin",
    "Europe/Paris",
    "07:30",
    "said <no> & meant it",
    "👍" * 30,
    "今日は散歩した。" * 20,
    "took a long walk and noticed the light " * 15,
)
CRISIS = ("I want to kill myself",)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Harness:
    """One bot, one stand-in, one Redis for all examples; each example is a new person."""

    loop: asyncio.AbstractEventLoop
    emulator: BotApiEmulator
    app: TendApp
    clock: Clock
    offset: int = 0

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    @property
    def svc(self) -> Services:
        services = self.app.bot_data.services
        assert services is not None
        return services

    @property
    def store(self) -> Store:
        return self.svc.store

    async def begin(self) -> None:
        """A new example starts from nothing: an empty Redis, the clock at START."""
        await self.store.redis.flushall()
        self.clock.now = START

    async def deliver(self) -> None:
        """Hand every update the stand-in holds to the bot, and wait until it answered.

        The flood guard is real-time and per process; journeys are typed faster than any
        person, so it is emptied first (tests/test_reliability.py covers it).
        """
        FLOOD.seen.clear()
        FLOOD.quiet_until.clear()
        while updates := await self.app.bot.get_updates(offset=self.offset, timeout=0):
            for update in updates:
                self.offset = update.update_id + 1
                await self.app.process_update(update)

    async def pass_due(self, until: datetime, user_id: int) -> None:
        """Move the clock to ``until``, running the dispatch loop at every send on the way."""
        while True:
            pending = [
                ms for s in SLOTS if (ms := await self.store.next_due(user_id, s)) is not None
            ]
            due = from_ms(min(pending)) + timedelta(seconds=1) if pending else None
            if due is None or due > until:
                break
            self.clock.now = max(self.clock.now, due)
            await self.svc.dispatcher.run_once()
            await self.deliver()
        self.clock.now = max(self.clock.now, until)
        await self.svc.dispatcher.run_once()


@dataclass
class Model:
    """What the person should see, kept by hand from what they did."""

    zone: ZoneInfo
    morning: time
    followup_h: int = 3
    quiet: tuple[time, time] = (time(22, 0), time(7, 0))
    paused_until: date | None = None
    paused_forever: bool = False
    paused_from: date | None = None
    pauses: list[tuple[date, date]] = field(default_factory=list)
    """Finished rests, each once, with their real dates."""
    in_series: bool = False
    wins: dict[int, str] = field(default_factory=dict)
    """Message id -> the words, for every message that must be a win."""
    notes: dict[int, str] = field(default_factory=dict)
    """Series day -> the note kept with its check-in."""
    note_for: tuple[int, date, datetime] | None = None
    """An open note question: (day, the check-in's local date, until)."""
    zone_until: datetime | None = None
    """An open question for a new time zone (``/timezone`` alone), until then."""
    mornings: dict[date, int] = field(default_factory=dict)
    """Morning practices received, by local date."""

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def resting_on(self, day: date) -> bool:
        return self.paused_forever or (self.paused_until is not None and day < self.paused_until)


def words(message: ChatMessage) -> str:
    return message.text or ""


class Journey(RuleBasedStateMachine):
    h: Harness

    def __init__(self) -> None:
        super().__init__()
        self.h.run(self.h.begin())
        self.user = USER
        self.model: Model | None = None
        self.seen = self.start = self.last_id()

    # -- talking --------------------------------------------------------------------------

    def send(self, text: str) -> list[ChatMessage]:
        return self.replies(lambda: self.h.emulator.user_sends(self.user, text))

    def replies(self, act: Any) -> list[ChatMessage]:
        """Do ``act`` (a user action on the stand-in), deliver it; the bot's new messages."""
        since = self.last_id()
        result = act()
        self.h.run(self.h.deliver())
        self.last_act = result
        return self.new_since(since)

    def last_id(self) -> int:
        messages = self.h.emulator.bot_messages(self.user)
        return messages[-1].message_id if messages else 0

    def new_since(self, since: int) -> list[ChatMessage]:
        """The bot's messages after message ``since``."""
        return [m for m in self.h.emulator.bot_messages(self.user) if m.message_id > since]

    def recent(self) -> list[ChatMessage]:
        """This example's last few bot messages that carry buttons."""
        mine = self.new_since(self.start)[-4:]
        return [m for m in mine if m.callback_data()]

    def fresh_bot_messages(self) -> list[ChatMessage]:
        messages = self.h.emulator.bot_messages(self.user)
        fresh = [m for m in messages if m.message_id > self.seen]
        if messages:
            self.seen = max(self.seen, messages[-1].message_id)
        return fresh

    @property
    def now(self) -> datetime:
        return self.h.clock.now

    # -- rules ----------------------------------------------------------------------------

    @initialize(
        zone=st.sampled_from(ZONES),
        at=st.sampled_from(("07:00", "06:30", "21:15")),
        join=st.booleans(),
    )
    def begin_journey(self, zone: str, at: str, join: bool) -> None:
        self.onboard(zone, at)
        if join:
            self.join_series("21:00")

    def onboard(self, zone: str, at: str) -> None:
        self.model = None
        self.send("/start")
        self.send(zone)
        self.send(at)
        self.model = Model(ZoneInfo(zone), time.fromisoformat(at))
        self.fresh_bot_messages()

    @rule(text=st.sampled_from(TEXTS))
    def write(self, text: str) -> None:
        assert self.model is not None
        m = self.model
        sent = self.h.emulator.user_sends
        since = self.last_id()
        message = sent(self.user, text)
        self.h.run(self.h.deliver())
        replies = self.new_since(since)
        if m.zone_until is not None:
            open_, m.zone_until = self.now < m.zone_until, None
            zone = resolve_zone(text)
            if open_ and zone is not None:
                m.zone = ZoneInfo(zone)
                return
            if open_ and looks_like_place(text):
                m.zone_until = self.now + timedelta(hours=1)  # asked again, not a win
                return
            if open_:
                m.zone_until = self.now + timedelta(hours=1)
        if m.note_for is not None:
            day, on, until = m.note_for
            m.note_for = None
            if self.now < until and m.today(self.now) == on:
                m.notes[day] = text.strip()[:500]
                assert any("Kept with" in words(r) for r in replies), replies
                return
        m.wins[message.message_id] = text.strip()
        assert replies, f"no answer to {text!r}"

    @rule(text=st.sampled_from(CRISIS))
    def write_in_crisis(self, text: str) -> None:
        replies = self.send(text)
        assert any("glad you told me" in words(r) for r in replies), replies

    @precondition(lambda self: self.model is not None and bool(self.model.wins))
    @rule(data=st.data())
    def edit_a_win(self, data: st.DataObject) -> None:
        assert self.model is not None
        message_id = data.draw(st.sampled_from(sorted(self.model.wins)))
        new = f"edited {message_id}"
        self.replies(lambda: self.h.emulator.user_edits(self.user, message_id, new))
        self.model.wins[message_id] = new

    @rule(data=st.data())
    def tap(self, data: st.DataObject) -> None:
        """Tap one of the buttons the last few bot messages really carry."""
        assert self.model is not None
        recent = self.recent()
        if not recent:
            return
        message = data.draw(st.sampled_from(recent))
        choice = data.draw(st.sampled_from(message.callback_data()))
        if choice.startswith("fg:yes"):
            choice = "fg:no"  # forgetting is its own rule, with its own checks
        if choice.startswith(("st:zone", "st:pause", "st:resume")):
            return  # the model follows these through their commands
        replies = self.replies(
            lambda: self.h.emulator.user_presses(self.user, message.message_id, choice)
        )
        pressed = self.h.emulator.message(self.user, message.message_id)
        self.follow_tap(choice, [pressed, *replies])  # a tap may answer by editing its message

    def follow_tap(self, choice: str, replies: list[ChatMessage]) -> None:
        assert self.model is not None
        m = self.model
        head, _, arg = choice.partition(":")
        if head == "u" and any("Removed" in words(r) for r in replies):
            m.wins = {k: v for k, v in m.wins.items() if str(k) != arg}
        elif head == "icc":
            day = int(arg.split(":")[0])
            profile = self.profile()
            checkin = profile.round_checkins().get(day)
            if checkin is not None:
                m.note_for = (day, checkin.local_date, self.now + timedelta(hours=1))
                m.zone_until = None
        elif head == "st" and arg.startswith("t:"):
            m.morning = time.fromisoformat(arg[2:])
        elif head == "st" and arg.startswith("f:"):
            m.followup_h = int(arg[2:])
        elif head == "st" and arg.startswith("qq:"):
            start, end = arg[3:].split("-")
            m.quiet = (time.fromisoformat(start), time.fromisoformat(end))
        elif head == "tm":
            m.morning = time.fromisoformat(arg)
        elif head == "ij" or (head == "is" and arg == "restart"):
            m.in_series = True
        elif head == "il":
            m.in_series = False

    @precondition(
        lambda self: any(d.startswith("ic:") for m in self.recent() for d in m.callback_data())
    )
    @rule(
        answer=st.sampled_from(("f", "n")),
        sure=st.sampled_from(("2", "5")),
        then=st.lists(st.sampled_from(TEXTS), max_size=2),
    )
    def answer_check_in(self, answer: str, sure: str, then: list[str]) -> None:
        """Answer the evening check-in, which opens the question for a note; then write."""
        message = next(
            m for m in self.recent() if any(d.startswith("ic:") for d in m.callback_data())
        )
        day = next(d for d in message.callback_data() if d.startswith("ic:")).split(":")[1]
        for choice in (f"ic:{day}:{answer}", f"icc:{day}:{sure}"):
            replies = self.replies(
                lambda c=choice: self.h.emulator.user_presses(self.user, message.message_id, c)
            )
            self.follow_tap(choice, [self.h.emulator.message(self.user, message.message_id)])
            assert not any("went wrong" in words(r) for r in replies)
        for text in then:
            self.write(text)

    @rule()
    def ask_for_a_new_zone(self) -> None:
        self.send("/timezone")
        assert self.model is not None
        self.model.zone_until = self.now + timedelta(hours=1)
        self.model.note_for = None  # one question at a time: the newest

    @rule(at=st.sampled_from(("06:00", "07:45", "23:30", "00:15")))
    def set_time(self, at: str) -> None:
        self.send(f"/time {at}")
        assert self.model is not None
        self.model.morning = time.fromisoformat(at)
        self.model.zone_until = self.model.note_for = None  # answered by the command

    @rule(hours=st.sampled_from(("off", "1", "4")))
    def reminder(self, hours: str) -> None:
        self.send(f"/reminder {hours}")
        assert self.model is not None
        self.model.followup_h = 0 if hours == "off" else int(hours)

    @rule(span=st.sampled_from(("23:00-06:00", "off")))
    def quiet(self, span: str) -> None:
        self.send(f"/quiet {span}")
        assert self.model is not None
        self.model.quiet = (time(0), time(0)) if span == "off" else (time(23, 0), time(6, 0))

    @rule(days=st.sampled_from((None, 1, 2)))
    def pause(self, days: int | None) -> None:
        self.send("/pause" if days is None else f"/pause {days}")
        assert self.model is not None
        today = self.model.today(self.now)
        self.model.paused_forever = days is None
        self.model.paused_until = None if days is None else today + timedelta(days=days)
        self.model.paused_from = self.model.paused_from or today

    @rule()
    def resume(self) -> None:
        self.send("/resume")
        assert self.model is not None
        m, today = self.model, self.model.today(self.now)
        if m.paused_forever or m.paused_until is not None:
            start = m.paused_from or today
            if start < today:
                m.pauses.append((start, today - timedelta(days=1)))
        m.paused_until, m.paused_forever, m.paused_from = None, False, None

    @precondition(lambda self: self.model is not None and not self.model.in_series)
    @rule(evening=st.sampled_from(("19:00", "21:00")))
    def join(self, evening: str) -> None:
        self.join_series(evening)

    def join_series(self, evening: str) -> None:
        invite = self.send("/intuition")
        if any(f"ij:{evening}" in m.callback_data() for m in invite):
            message = next(m for m in invite if f"ij:{evening}" in m.callback_data())
            self.replies(
                lambda: self.h.emulator.user_presses(self.user, message.message_id, f"ij:{evening}")
            )
            assert self.model is not None
            self.model.in_series = True

    @precondition(lambda self: self.model is not None and self.model.in_series)
    @rule()
    def leave_series(self) -> None:
        panel = self.send("/intuition")
        message = next((m for m in panel if "il:" in m.callback_data()), None)
        if message is not None:
            self.replies(lambda: self.h.emulator.user_presses(self.user, message.message_id, "il:"))
            assert self.model is not None
            self.model.in_series = False

    @rule(minutes=st.sampled_from((7, 95, 60 * 9, 60 * 24, 60 * 24 * 3)))
    def travel(self, minutes: int) -> None:
        assert self.model is not None
        self.fresh_bot_messages()
        self.h.run(self.h.pass_due(self.now + timedelta(minutes=minutes), self.user))
        for message in self.fresh_bot_messages():
            self.check_scheduled(message)

    @rule()
    def until_next_event(self) -> None:
        """Jump to just after the next thing scheduled for this person (any slot)."""
        pending = [
            ms
            for slot in SLOTS
            if (ms := self.h.run(self.h.store.next_due(self.user, slot))) is not None
        ]
        if pending:
            self.fresh_bot_messages()
            until = from_ms(min(pending)) + timedelta(seconds=2)
            self.h.run(self.h.pass_due(until, self.user))
            for message in self.fresh_bot_messages():
                self.check_scheduled(message)

    @precondition(lambda self: self.model is not None and self.model.in_series)
    @rule(
        answer=st.sampled_from(("f", "n", None)),
        sure=st.sampled_from(("2", "5")),
        then=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3),
    )
    def an_evening(self, answer: str | None, sure: str, then: list[str]) -> None:
        """Jump to this week's next evening check-in; perhaps answer it, with a note."""
        due = self.h.run(self.h.store.next_due(self.user, SERIES_EVENING))
        if due is None:
            return
        self.fresh_bot_messages()
        self.h.run(self.h.pass_due(from_ms(due) + timedelta(seconds=2), self.user))
        for message in self.fresh_bot_messages():
            self.check_scheduled(message)
        asked = any(d.startswith("ic:") for m in self.recent() for d in m.callback_data())
        if answer is not None and asked:
            self.answer_check_in(answer, sure, then)

    @rule()
    def forget(self) -> None:
        confirm = self.send("/forget")
        message = next(m for m in confirm if "fg:yes" in m.callback_data())
        self.replies(lambda: self.h.emulator.user_presses(self.user, message.message_id, "fg:yes"))
        assert self.h.run(self.h.store.get_profile(self.user)) is None
        assert self.h.run(self.h.store.count_wins(self.user)) == 0
        assert self.model is not None
        self.onboard(self.model.zone.key, self.model.morning.strftime("%H:%M"))

    @rule()
    def look_at_everything(self) -> None:
        """/wins (every page), /settings and /export show exactly the model."""
        assert self.model is not None
        m = self.model
        settings_text = words(self.send("/settings")[-1])
        assert f"Morning practice: {m.morning:%H:%M}" in settings_text
        assert m.zone.key in settings_text
        assert ("off" if m.followup_h == 0 else f"{m.followup_h} h") in settings_text
        if m.paused_forever:
            assert "until you resume" in settings_text
        stored = self.h.run(self.h.store.all_wins(self.user))
        assert sorted(w.text for w in stored) == sorted(m.wins.values())
        # /wins, page by page, lists every one of them, each as written (long ones shortened).
        listed: list[str] = []
        page = self.send("/wins")[-1]
        while True:
            lines = words(page).splitlines()
            listed += [line for line in lines if line.startswith(("🌱 ", "💭 "))]
            older = [d for d in page.callback_data() if d.startswith("wp:")][-1:]
            if not older or int(older[0][3:]) <= 0 or len(listed) >= len(m.wins):
                break
            self.replies(
                lambda d=older[0], mid=page.message_id: self.h.emulator.user_presses(
                    self.user, mid, d
                )
            )
            page = self.h.emulator.message(self.user, page.message_id)
        shown = sorted(html.unescape(line.split(" · ", 1)[1])[:12] for line in listed)
        assert shown == sorted(text[:12] for text in m.wins.values()), words(page)

    # -- what arrives on its own ---------------------------------------------------------

    def check_scheduled(self, message: ChatMessage) -> None:
        assert self.model is not None
        m = self.model
        text = words(message)
        day = m.today(self.now)
        assert "went wrong" not in text, text
        assert not m.resting_on(day), f"sent during a pause: {text[:60]!r}"
        if "🧭" in text or "check-in" in text:
            assert m.in_series, f"series message while not in the week: {text[:60]!r}"
        done = [d for d in message.callback_data() if d.startswith("d:")]
        if done and (text.startswith("🌱") or text.startswith("🧭 Day")):
            prompt_day = date.fromisoformat(done[0][2:])
            m.mornings[prompt_day] = m.mornings.get(prompt_day, 0) + 1
            assert m.mornings[prompt_day] == 1, f"two morning prompts on {prompt_day}"
            m.note_for = None  # the next day's practice closes yesterday's question
        if "is:restart" in message.callback_data():  # the recap: the week is over
            m.in_series = False

    # -- after every step -----------------------------------------------------------------

    def profile(self) -> Profile:
        profile = self.h.run(self.h.store.get_profile(self.user))
        assert profile is not None, "the profile is gone"
        return profile

    @invariant()
    def matches_the_model(self) -> None:
        if self.model is None:
            return
        m, p = self.model, self.profile()
        assert (p.zone, p.morning, p.followup_h) == (m.zone.key, m.morning, m.followup_h)
        assert (p.quiet_from, p.quiet_to) == m.quiet
        assert (p.paused_until, p.paused_forever) == (m.paused_until, m.paused_forever)
        assert (p.paused_from, p.pause_ranges()) == (m.paused_from, m.pauses)
        assert (p.series is not None) == m.in_series
        stored = {int(w.win_id): w.text for w in self.h.run(self.h.store.all_wins(self.user))}
        assert stored == m.wins
        notes = {d: c.note for d, c in p.round_checkins().items() if c.note}
        assert notes == m.notes
        apologies = [x for x in self.new_since(self.start) if "went wrong" in words(x)]
        assert not apologies, words(apologies[0])


EXAMPLES = int(os.environ.get("JOURNEYS_EXAMPLES", "50"))
STEPS = int(os.environ.get("JOURNEYS_STEPS", "25"))
SHRINK = os.environ.get("JOURNEYS_SHRINK", "1") != "0"


def test_journeys_match_the_model(redis_server: RedisServer, tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    try:
        harness = loop.run_until_complete(_start(redis_server.url, tmp_path))
        Journey.h = harness
        run_state_machine_as_test(
            Journey,
            settings=settings(
                max_examples=EXAMPLES,
                stateful_step_count=STEPS,
                derandomize=True,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                phases=[p for p in Phase if p is not Phase.shrink or SHRINK],
            ),
        )
    finally:
        loop.run_until_complete(_stop())
        loop.close()


_running: list[Any] = []


async def _start(redis_url: str, data_dir: Path) -> Harness:
    emulator = BotApiEmulator()
    await emulator.start()
    _running.append(emulator)
    settings_ = Settings.model_validate(
        {
            "BOT_TOKEN": TOKEN,
            "BOT_API_URL": emulator.base_url,
            "REDIS_URL": redis_url,
            "DATA_DIR": str(data_dir),
        }
    )
    clock = Clock(START)
    content = default_content_dir()
    flush = Store(connect(redis_url))
    await flush.redis.flushall()  # earlier tests' users and keyring mark: this bot starts anew
    await flush.close()
    app = build_application(
        settings_, redis_url, load_library(content), load_texts(content), clock, dispatch=False
    )
    await app.initialize()
    _running.append(app)
    assert app.post_init is not None
    await app.post_init(app)
    return Harness(asyncio.get_running_loop(), emulator, app, clock)


async def _stop() -> None:
    while _running:
        thing = _running.pop()
        if isinstance(thing, BotApiEmulator):
            await thing.stop()
        else:
            assert thing.post_shutdown is not None
            await thing.shutdown()
            await thing.post_shutdown(thing)


_ = Update  # the updates the harness hands over are PTB's own objects
pytestmark = pytest.mark.e2e
