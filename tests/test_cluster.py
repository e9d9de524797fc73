"""Redis Cluster: a local three-master cluster on loopback, the store and the bot against it."""

from __future__ import annotations

import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import redis as sync_redis

from bot.emulator import BotApiEmulator
from bot.models import Profile, Win
from bot.redis_server import RedisServer, bundled_binary
from bot.store import NextSend, Store, connect
from tests.harness import BotProcess, bot_env, onboard, run_bot, say
from tests.test_e2e_scheduler import per_chat, seed_due, wait_for_sends

pytestmark = pytest.mark.e2e
NOW = 1_800_000_000_000


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[RedisServer]]:
    """Three masters, slots spread by valkey-cli --cluster create, as an operator would."""
    binary = bundled_binary()
    root = tmp_path_factory.mktemp("cluster")
    nodes: list[RedisServer] = []
    try:
        for index in range(3):
            node = RedisServer(
                root / f"n{index}",
                binary=binary,
                extra_args=(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "5000",
                ),
            )
            nodes.append(node.start())
        cli = str(Path(binary).with_name("valkey-cli"))
        addresses = [f"127.0.0.1:{n.port}" for n in nodes]
        subprocess.run(
            [cli, "--cluster", "create", *addresses, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        for node in nodes:  # every node must agree the cluster is up
            client = sync_redis.Redis(port=node.port)
            deadline = time.monotonic() + 30
            while client.cluster("info").get("cluster_state") != "ok":
                assert time.monotonic() < deadline, "the cluster did not come up"
                time.sleep(0.05)
            client.close()
        yield nodes
    finally:
        for node in nodes:
            node.stop()


@pytest.fixture
def cluster_url(cluster: list[RedisServer]) -> str:
    for node in cluster:
        client = sync_redis.Redis(port=node.port)
        client.flushall()
        client.close()
    return "redis+cluster://" + ",".join(f"127.0.0.1:{n.port}" for n in cluster)


@pytest.fixture
async def cluster_store(cluster_url: str) -> AsyncIterator[Store]:
    store = Store(connect(cluster_url))
    await store.prepare()
    yield store
    await store.close()


async def every_key(cluster: list[RedisServer]) -> list[str]:
    found: list[str] = []
    for node in cluster:
        client = sync_redis.Redis(port=node.port, decode_responses=True)
        found += list(client.scan_iter("*"))
        client.close()
    return found


async def test_the_schedule_contract_holds_on_a_cluster(
    cluster_store: Store, cluster: list[RedisServer]
) -> None:
    store = cluster_store
    for user_id in range(1, 41):  # every shard, spread over the three masters
        await store.create_profile(Profile(user_id, created_ms=NOW, zone="UTC"))
        await store.schedule(user_id, NextSend("morning", NOW - user_id, "2026-01-01"))
    claims = await store.claim(NOW, 60_000, 100)
    assert sorted(c.user_id for c in claims) == list(range(1, 41))
    assert [c.due_ms for c in claims] == sorted(c.due_ms for c in claims)
    begun = await store.begin_send(claims, "t")
    assert {b.verdict for b in begun} == {"go"}
    await store.finish_many([])
    for claim in claims:
        await store.finish_send(claim, "sent", NextSend("morning", NOW + 86_400_000, "2026-01-02"))
    assert await store.inflight_count() == 0
    await store.add_win(7, Win("1", "kept on a cluster", NOW, date(2026, 1, 1)))
    await store.forget(7, ["morning"])
    assert [k for k in await every_key(cluster) if ":7" in k and k.endswith(":7")] == []
    assert await store.reserve_send_slot(100.0) >= 0


async def test_the_bot_runs_its_loop_and_conversation_on_a_cluster(
    emulator: BotApiEmulator,
    cluster_store: Store,
    cluster_url: str,
    cluster: list[RedisServer],
    tmp_path: Path,
    processes: list[BotProcess],
) -> None:
    users = range(60_000, 60_200)
    await seed_due(cluster_store, users, datetime.now(UTC) - timedelta(seconds=1))
    env = bot_env(emulator, None, tmp_path, {"REDIS_URL": cluster_url, "SEND_RATE_PER_S": "400"})
    await run_bot(emulator, processes, env, tmp_path / "bot.log")
    await wait_for_sends(emulator, len(users), timeout_s=60)
    counts = per_chat(emulator)
    assert sorted(counts) == list(users) and set(counts.values()) == {1}

    await onboard(emulator, 61_001, "Asia/Kathmandu", "06:30")
    await say(emulator, 61_001, "Watered the plants <i>slowly</i>", "of your last 7 days")
    assert "Watered the plants <i>slowly</i>" in await say(emulator, 61_001, "/wins", "small wins")
    since = emulator.cursor()
    emulator.user_sends(61_001, "/forget")
    confirm = await emulator.wait_for_bot_message(
        61_001, since=since, predicate=lambda m: "can't be undone" in (m.text or "")
    )
    since = emulator.cursor()
    emulator.user_presses(61_001, confirm.message_id, "fg:yes")
    await emulator.wait_for_bot_message(
        61_001, since=since, predicate=lambda m: "Everything is deleted" in (m.text or "")
    )
    assert [k for k in await every_key(cluster) if "61001" in k] == []
    assert emulator.violations == []


async def test_sentinel_urls_follow_the_named_primary(tmp_path: Path) -> None:
    """redis+sentinel:// asks a real Sentinel (the bundled server in sentinel mode)."""
    binary = bundled_binary()
    with RedisServer(tmp_path / "primary", binary=binary) as primary:
        config = tmp_path / "sentinel.conf"
        config.write_text(
            f"sentinel monitor tendprimary 127.0.0.1 {primary.port} 1\n"
            "sentinel down-after-milliseconds tendprimary 5000\n"
        )
        sentinel = RedisServer(
            tmp_path / "sentinel", binary=binary, config_file=config, extra_args=("--sentinel",)
        )
        with sentinel:
            store = Store(connect(f"redis+sentinel://127.0.0.1:{sentinel.port}/tendprimary/0"))
            await store.prepare()
            await store.create_profile(Profile(5, created_ms=NOW, zone="UTC"))
            await store.schedule(5, NextSend("morning", NOW - 1, "2026-01-01"))
            [claim] = await store.claim(NOW, 60_000, 10)
            assert claim.user_id == 5
            await store.close()
            direct = sync_redis.Redis(port=primary.port, decode_responses=True)
            assert direct.exists("tend:{t5}:user:5")
            direct.close()
