"""The store against a real Redis: users, wins, and the claim/lease/idempotency contract."""

from __future__ import annotations

import asyncio
from datetime import date

from bot import keys
from bot.models import QUESTION_TTL_MS, Profile, Question, Win
from bot.store import Finish, NextSend, Store, connect

NOW = 1_800_000_000_000  # unix ms


async def test_profile_round_trip(store: Store) -> None:
    assert await store.create_profile(Profile(7, created_ms=NOW))
    assert not await store.create_profile(Profile(7, created_ms=NOW + 1))
    profile = await store.get_profile(7)
    assert profile is not None and profile.created_ms == NOW
    await store.change(profile, zone="Asia/Kathmandu", paused_until=date(2026, 1, 2))
    again = await store.get_profile(7)
    assert again is not None
    assert (again.zone, again.paused_until) == ("Asia/Kathmandu", date(2026, 1, 2))
    await store.change(again, paused_until=None)
    cleared = await store.get_profile(7)
    assert cleared is not None and cleared.paused_until is None


async def test_a_change_writes_its_fields_only_and_deletes_what_it_emptied(store: Store) -> None:
    await store.create_profile(Profile(8, created_ms=NOW))
    stale = await store.get_profile(8)
    assert stale is not None
    # Two handlers each holding the same old copy change different things: both stick.
    await store.change(stale, series="intuition", series_day=3, invite="intuition")
    await store.change(stale, followup_h=1)
    both = await store.get_profile(8)
    assert both is not None
    assert (both.series, both.series_day, both.followup_h) == ("intuition", 3, 1)
    # Emptied fields are gone from the hash, not left with their old values.
    await store.change(both, series=None, series_day=0, invite=None, followup_h=3)
    raw = await store.redis.hgetall(keys.user(8))
    assert raw == {"created_ms": str(NOW)}
    # Nothing is written for a user who is gone.
    await store.forget(8, ("morning",))
    await store.change(both, zone="UTC")
    assert await store.get_profile(8) is None


async def test_a_question_is_answered_once(store: Store) -> None:
    profile = Profile(9, created_ms=NOW)
    await store.create_profile(profile)
    await store.change(profile, asking=Question.asked("note", NOW, day=2))
    first, second = await asyncio.gather(store.take_question(9), store.take_question(9))
    assert {first, second} == {None, Question("note", NOW + QUESTION_TTL_MS, 2)}
    assert (await store.get_profile(9)).asking is None  # type: ignore[union-attr]


async def test_wins_newest_first_edit_and_delete(store: Store) -> None:
    for i in range(5):
        await store.add_win(3, Win(str(100 + i), f"win {i} <b>&</b>", NOW + i, date(2026, 1, 1)))
    wins = await store.list_wins(3, limit=3)
    assert [w.text for w in wins] == ["win 4 <b>&</b>", "win 3 <b>&</b>", "win 2 <b>&</b>"]
    assert [w.text for w in await store.list_wins(3, offset=3)] == [
        "win 1 <b>&</b>",
        "win 0 <b>&</b>",
    ]
    edited = Win("102", "edited ✨", NOW + 2, date(2026, 1, 1), edited=True)
    assert await store.update_win(3, edited)
    assert not await store.update_win(3, Win("999", "x", NOW, date(2026, 1, 1)))
    assert (await store.get_win(3, "102")) == edited
    assert await store.delete_win(3, "102")
    assert not await store.delete_win(3, "102")
    assert await store.count_wins(3) == 4


async def _due(store: Store, user_id: int, at_ms: int, day: str = "2026-01-01") -> None:
    await store.create_profile(Profile(user_id, created_ms=NOW))
    await store.schedule(user_id, NextSend("morning", at_ms, day))


async def test_claim_takes_only_what_is_due_earliest_first(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    await _due(store, 2, NOW - 30)
    await _due(store, 3, NOW + 1000)
    claims = await store.claim(NOW, 60_000, 10)
    assert [(c.user_id, c.slot, c.local_date) for c in claims] == [
        (2, "morning", "2026-01-01"),
        (1, "morning", "2026-01-01"),
    ]
    assert await store.claim(NOW, 60_000, 10) == []  # held under lease
    assert await store.inflight_count() == 2


async def test_a_batch_larger_than_the_scripts_slices_is_claimed_and_confirmed_whole(
    store: Store,
) -> None:
    # 1,100 users of one shard: the claim works in slices of 500, the confirmation of 1,000.
    ids = [keys.SHARDS * (i + 1) for i in range(1100)]
    await store.save_profiles([Profile(u, created_ms=NOW) for u in ids])
    await store.schedule_many([(u, NextSend("morning", NOW - u, "2026-01-01")) for u in ids])
    claims = await store.claim(NOW, 60_000, keys.SHARDS * 1100)
    assert [c.user_id for c in claims] == sorted(ids, reverse=True)  # earliest due first
    assert {c.local_date for c in claims} == {"2026-01-01"}
    assert await store.backlog(NOW) == 0 and await store.inflight_count() == 1100
    begun = await store.begin_send(claims, "a")
    assert {b.verdict for b in begun} == {"go"}
    tomorrow = NextSend("morning", NOW + 86_400_000, "2026-01-02")
    await store.finish_many([Finish(c, "sent", tomorrow, {}) for c in claims])
    assert await store.inflight_count() == 0 and await store.scheduled() == 1100
    assert await store.claim(NOW + 86_400_000, 60_000, 10) != []


async def test_a_lease_that_expires_is_claimed_again(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    [first] = await store.claim(NOW, 60_000, 10)
    assert await store.claim(NOW + 59_999, 60_000, 10) == []
    [again] = await store.claim(NOW + 60_000, 60_000, 10)
    assert again.occurrence_id == first.occurrence_id
    assert again.redelivered


async def test_begin_send_refuses_an_occurrence_sent_already(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    [claim] = await store.claim(NOW, 60_000, 10)
    [begun] = await store.begin_send([claim], "a")
    assert begun.verdict == "go" and begun.profile is not None
    await store.finish_send(claim, "sent", NextSend("morning", NOW + 86_400_000, "2026-01-02"))
    # The same local date and slot scheduled again (a user moving their time): refused.
    await store.schedule(1, NextSend("morning", NOW - 5, "2026-01-01"))
    [dup] = await store.claim(NOW, 60_000, 10)
    assert (await store.begin_send([dup], "b"))[0].verdict == "dup"


async def test_finish_schedules_the_next_occurrence_unless_the_user_moved_it(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    [claim] = await store.claim(NOW, 60_000, 10)
    await store.begin_send([claim], "a")
    moved = NextSend("morning", NOW + 5_000, "2026-01-02")
    await store.schedule(1, moved)  # the user changed their time while it was in flight
    await store.finish_send(claim, "sent", NextSend("morning", NOW + 86_400_000, "2026-01-02"))
    assert await store.next_due(1, "morning") == NOW + 5_000
    assert await store.inflight_count() == 0


async def test_finish_writes_what_the_send_changed_to_the_profile_verbatim(
    store: Store,
) -> None:
    await _due(store, 1, NOW - 10)
    [claim] = await store.claim(NOW, 60_000, 10)
    await store.begin_send([claim], "a")
    odd = 'quote " back\\slash, ünïcödé 🌱 and <b>&</b>'
    updates = {"last_practice": odd, "practice_seq": "4", "zone": "Pacific/Chatham"}
    await store.finish_send(claim, "sent", None, updates)
    profile = await store.get_profile(1)
    assert profile is not None
    assert (profile.last_practice, profile.practice_seq, profile.zone) == (
        odd,
        4,
        "Pacific/Chatham",
    )
    assert await store.next_due(1, "morning") is None and await store.inflight_count() == 0


async def test_a_crashed_send_is_resent(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    [claim] = await store.claim(NOW, 60_000, 10)
    await store.begin_send([claim], "dead")  # then the sender dies
    [again] = await store.claim(NOW + 60_000, 60_000, 10)
    assert (await store.begin_send([again], "alive"))[0].verdict == "resend"


async def test_release_puts_a_failed_send_back(store: Store) -> None:
    await _due(store, 1, NOW - 10)
    [claim] = await store.claim(NOW, 60_000, 10)
    await store.begin_send([claim], "a")
    await store.release(claim, NOW + 30_000)
    assert await store.claim(NOW + 29_999, 60_000, 10) == []
    [again] = await store.claim(NOW + 30_000, 60_000, 10)
    assert again.occurrence_id == claim.occurrence_id
    assert (await store.begin_send([again], "b"))[0].verdict == "go"


async def test_forget_leaves_no_key_or_member_naming_the_user(store: Store) -> None:
    user_id = 987654321
    await _due(store, user_id, NOW - 10)
    await store.add_win(user_id, Win("5", "mine", NOW, date(2026, 1, 1)))
    [claim] = await store.claim(NOW, 60_000, 10)
    await store.begin_send([claim], "a")
    await store.schedule(user_id, NextSend("later", NOW + 10, "2026-01-01"))
    await store.forget(user_id, ["morning", "later"])
    # A send that was in flight finishes after the forget: it must not bring anything back.
    await store.finish_send(claim, "sent", NextSend("morning", NOW + 86_400_000, "2026-01-02"))
    assert await _mentions(store, str(user_id)) == []


async def _mentions(store: Store, needle: str) -> list[str]:
    found: list[str] = []
    async for raw_key in store.redis.scan_iter(match="*"):
        key = str(raw_key)
        if needle in key:
            found.append(key)
            continue
        kind = await store.redis.type(key)
        if kind == "zset":
            members = [str(m) for m in await store.redis.zrange(key, 0, -1)]
        elif kind == "hash":
            members = [str(m) for m in await store.redis.hkeys(key)]
        else:
            members = [str(await store.redis.get(key) or "")]
        found += [f"{key} -> {m}" for m in members if needle in m]
    return found


async def test_rate_slots_are_spaced_across_clients(store: Store, redis_url: str) -> None:
    import time

    other = Store(connect(redis_url))
    slots = []  # when each reservation may send, on this process's clock
    for i in range(20):
        wait_s = await (store if i % 2 else other).reserve_send_slot(20.0)
        slots.append(time.monotonic() + wait_s)
    await other.close()
    # 20 slots at 20/s, whichever client took them: 50 ms apart, 0.95 s from first to last.
    assert slots == sorted(slots)
    assert 0.9 <= slots[-1] - slots[0] <= 1.0


async def test_a_pause_pushes_every_sender_back(store: Store) -> None:
    await store.pause_sending(3.0)
    wait = await store.reserve_send_slot(25.0)
    assert 2.5 <= wait <= 3.0  # the pause, less the time the call itself took


def test_every_user_key_shares_the_users_shard() -> None:
    for user_id in (1, 16, 12345):
        tags = {k.split("{")[1].split("}")[0] for k in keys.user_keys(user_id)}
        tags |= {keys.due(keys.shard_of(user_id)).split("{")[1].split("}")[0]}
        assert len(tags) == 1


async def test_a_confirmed_send_writes_and_clears_profile_fields(store: Store) -> None:
    profile = Profile(10, created_ms=NOW, series="intuition", series_day=7)
    await store.create_profile(profile)
    await store.schedule(10, NextSend("s_recap", NOW, "2026-01-01"))
    (claim,) = await store.claim(NOW + 1, 60_000, 10)
    await store.begin_send([claim], "t")
    changes = {"series": None, "series_day": 0, "last_prompt_msg": 42}
    await store.finish_many([Finish(claim, "sent", None, changes)])
    after = await store.get_profile(10)
    assert after is not None
    assert (after.series, after.series_day, after.last_prompt_msg) == (None, 0, 42)


async def test_reflections_are_kept_beside_wins_and_not_counted_as_wins(store: Store) -> None:
    day = date(2026, 1, 1)
    await store.add_win(11, Win("1", "ran 5k", NOW, day))
    await store.add_win(11, Win("2", "patience, mostly", NOW + 1, day, kind="reflection"))
    assert (await store.count_wins(11), await store.count_reflections(11)) == (1, 1)
    assert await store.count_entries(11) == 2
    moved = await store.set_kind(11, "2", "win")
    assert moved is not None and not moved.is_reflection
    assert (await store.count_wins(11), await store.count_reflections(11)) == (2, 0)
    await store.set_kind(11, "1", "reflection")
    assert (await store.get_win(11, "1")).kind == "reflection"  # type: ignore[union-attr]
    assert await store.delete_win(11, "1")
    assert (await store.count_wins(11), await store.count_reflections(11)) == (1, 0)
    assert await store.set_kind(11, "404", "win") is None
