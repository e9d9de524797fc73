"""The intuition week end to end: joining, seven days, calibration, recap, pause, leave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.emulator import BotApiEmulator, ChatMessage
from bot.plans import CALIBRATION, FOLLOW_UP, MORNING, RECAP, SERIES_EVENING, SLOTS
from bot.store import Store
from scheduler.schedule import from_ms
from tests.harness import BotProcess, onboard, say, travel

pytestmark = pytest.mark.e2e


async def bot_now(store: Store) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=await store.clock_offset_s())


async def next_event(store: Store, user_ids: list[int]) -> tuple[int, str, int] | None:
    pending = [
        (ms, user_id, slot)
        for user_id in user_ids
        for slot in SLOTS
        if (ms := await store.next_due(user_id, slot)) is not None
    ]
    if not pending:
        return None
    ms, user_id, slot = min(pending)
    return user_id, slot, ms


async def step(emulator: BotApiEmulator, store: Store, user_ids: list[int]) -> tuple[int, str]:
    """Travel to the next scheduled send of any of the users; returns (user, slot)."""
    event = await next_event(store, user_ids)
    assert event is not None, "nothing scheduled"
    user_id, slot, ms = event
    await travel(store, (from_ms(ms) - await bot_now(store)).total_seconds() + 1)
    return user_id, slot


async def join(emulator: BotApiEmulator, user_id: int, evening: str = "20:00") -> None:
    since = emulator.cursor()
    emulator.user_sends(user_id, "/intuition")
    invite = await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: "A week of listening" in (m.text or "")
    )
    await press(emulator, user_id, invite, f"ij:{evening}", "You're in")


async def press(
    emulator: BotApiEmulator, user_id: int, message: ChatMessage, data: str, expect: str
) -> str:
    since = emulator.cursor()
    emulator.user_presses(user_id, message.message_id, data)
    reply = await emulator.wait_for_bot_message(
        user_id, since=since, predicate=lambda m: expect in (m.text or "")
    )
    return reply.text or ""


def series_messages(emulator: BotApiEmulator, user_id: int, marker: str) -> list[ChatMessage]:
    return [m for m in emulator.bot_messages(user_id) if marker in (m.text or "")]


# The test's answers, day by day: (button, confidence, outcome the next day)
ANSWERS = {
    1: ("f", 5, "good"),
    2: ("n", 2, None),
    3: ("f", 4, "good"),
    4: ("x", None, None),
    5: ("f", 2, "bad"),
    6: ("f", 5, "mixed"),
    7: ("f", 4, "good"),
}


@pytest.mark.parametrize(
    "start_at",
    [
        # Lisbon is UTC+1 in June, UTC+0 before 29 March 2026 (01:00 UTC jumps to 02:00).
        pytest.param(datetime(2026, 6, 10, 20, 50, tzinfo=UTC), id="late-evening"),
        pytest.param(datetime(2026, 6, 10, 23, 10, tzinfo=UTC), id="just-after-midnight"),
        pytest.param(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), id="night-before-dst"),
        pytest.param(datetime(2026, 6, 10, 12, 48, tzinfo=UTC), id="early-afternoon"),
    ],
)
async def test_a_week_of_listening_with_calibration_and_a_recap_in_numbers(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user = 601
    await onboard(emulator, user, "Europe/Lisbon", "07:00")
    await say(emulator, user, "/settings")  # follow-ups off keeps the days short to read
    panel = emulator.bot_messages(user)[-1]
    await press(emulator, user, panel, "st:fu", "nudge you")
    await press(emulator, user, panel, "st:f:0", "Your settings")
    await join(emulator, user)
    awaiting_outcome: list[int] = []
    evenings_seen: list[int] = []

    while (event := await next_event(store, [user])) is not None:
        since = emulator.cursor()
        _, slot = await step(emulator, store, [user])
        if slot == SERIES_EVENING:
            checkin = await emulator.wait_for_bot_message(
                user, since=since, predicate=lambda m: "check-in" in (m.text or "")
            )
            day = int((checkin.text or "").split("Day ")[1].split(" ")[0])
            evenings_seen.append(day)
            choice, confidence, _ = ANSWERS[day]
            if choice == "x":
                await press(emulator, user, checkin, f"ic:{day}:x", "Noticing takes practice")
                continue
            await press(emulator, user, checkin, f"ic:{day}:{choice}", "How sure")
            await press(emulator, user, checkin, f"icc:{day}:{confidence}", "few words")
            if choice == "f":
                awaiting_outcome.append(day)
            if day == 3:
                await say(emulator, user, "I took the quiet road home", "Kept with")
        elif slot == CALIBRATION:
            question = await emulator.wait_for_bot_message(
                user, since=since, predicate=lambda m: "turn out" in (m.text or "")
            )
            day = awaiting_outcome.pop(0)
            assert f"{ANSWERS[day][1]}/5 sure" in (question.text or "")
            await press(emulator, user, question, f"io:{day}:{ANSWERS[day][2]}", "Looking back")
        elif slot == RECAP:
            await emulator.wait_for_bot_message(
                user, since=since, predicate=lambda m: "Your week of listening" in (m.text or "")
            )
            break
        elif slot == MORNING and (await store.get_profile(user)).series is None:  # type: ignore[union-attr]
            break
        assert event

    mornings = series_messages(emulator, user, "🧭 Day ")
    recaps = series_messages(emulator, user, "Your week of listening")
    assert (len(mornings), len(evenings_seen), len(recaps)) == (7, 7, 1)
    assert evenings_seen == list(range(1, 8))
    assert [m.text.split(":")[0] for m in mornings if m.text] == [
        f"🧭 Day {d} of 7" for d in range(1, 8)
    ]
    recap = recaps[0].text or ""
    # 6 of 7 noticed (all but day 4), 5 followed; outcomes: confidence 4-5 went well on days
    # 1, 3 and 7 and mixed on day 6 (3 of 4); below 4, day 5 went badly (0 of 1).
    assert "You checked in on 7 of 7 days" in recap
    assert "noticed a nudge 6 times and followed it 5 times" in recap
    assert "When you felt 4 or 5 sure, you followed a nudge 4 times, and it went well 3 times." in (
        recap
    )
    assert "When you felt less sure, you followed a nudge once, and it didn't clearly go well" in (
        recap
    )
    assert "I took the quiet road home" in recap
    assert await store.next_due(user, SERIES_EVENING) is None


@pytest.mark.clock("2026-06-10T13:48:00+00:00")  # afternoon: the hour that once broke it
async def test_pausing_two_days_shifts_the_week_and_leaving_stops_it(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    user = 602
    await onboard(emulator, user, "Europe/Berlin", "07:00")
    await join(emulator, user)
    for _ in range(12):  # day 1's morning and evening
        _, slot = await step(emulator, store, [user])
        if slot == SERIES_EVENING:
            break
    assert len(series_messages(emulator, user, "🧭 Day 1 of 7")) == 1
    await say(emulator, user, "/pause 2", "Resting until")
    resumed_on = (await store.get_profile(user)).paused_until  # type: ignore[union-attr]
    for _ in range(12):
        _, slot = await step(emulator, store, [user])
        if series_messages(emulator, user, "🧭 Day 2 of 7"):
            break
    day_two = series_messages(emulator, user, "🧭 Day 2 of 7")
    assert len(day_two) == 1
    sent_on = day_two[0].callback_data()[0].removeprefix("d:")
    assert resumed_on is not None and sent_on == resumed_on.isoformat()  # shifted two days
    status = await say(emulator, user, "/intuition", "day 2 of 7")
    panel = emulator.bot_messages(user)[-1]
    assert status
    await press(emulator, user, panel, "il:", "You've left the week")
    assert [await store.next_due(user, s) for s in (SERIES_EVENING, CALIBRATION)] == [None, None]
    _, slot = await step(emulator, store, [user])
    assert slot in (MORNING, FOLLOW_UP)
    assert len(series_messages(emulator, user, "🧭 Day 3")) == 0


async def test_check_ins_come_at_each_users_own_evening(
    emulator: BotApiEmulator, store: Store, travelling_bot: BotProcess
) -> None:
    await onboard(emulator, 701, "Pacific/Auckland", "07:00")
    await onboard(emulator, 702, "America/Los_Angeles", "07:00")
    await join(emulator, 701, "21:00")
    await join(emulator, 702, "19:00")
    for user, zone_evening in ((701, "21:00"), (702, "19:00")):
        due = await store.next_due(user, SERIES_EVENING)
        profile = await store.get_profile(user)
        assert due is not None and profile is not None and profile.tz is not None
        assert f"{from_ms(due).astimezone(profile.tz):%H:%M}" == zone_evening
