"""The export document (pure): everything kept, in words and the user's own dates, and read
back exactly: export -> import -> export is the same document."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

import pytest

from bot.models import CheckIn, Profile, Question, Win
from bot.portable import (
    NotAnExport,
    Pending,
    Snapshot,
    document,
    export_files,
    markdown,
    merged,
    read_document,
)

NOW = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # already 1 December in Tokyo
MORNING_MS = int(datetime(2026, 12, 3, 22, 30, tzinfo=UTC).timestamp() * 1000)
CHECKIN = CheckIn(3, date(2026, 11, 25), "followed", 4, "took the quiet road", "good")


def snapshot(zone: str = "Asia/Tokyo") -> Snapshot:
    profile = Profile(
        9,
        created_ms=1_764_000_000_123,
        zone=zone,
        morning=time(7, 30),
        paused_until=date(2026, 12, 3),
        paused_from=date(2026, 11, 29),
        pauses="2026-11-02..2026-11-03;2026-11-10..2026-11-10;2026-11-02..2026-11-03",
        practice_seq=12,
        last_practice="trust-03",
        last_prompt_msg=4711,
        asking=Question("note", 1_764_500_000_000, 7),
        care_on=date(2026, 11, 28),
        followup_h=2,
        series="intuition",
        series_day=3,
        series_round=1,
        series_last_date=date(2026, 11, 25),
        checkins={"1:3": CHECKIN, "1:2": CheckIn(2, date(2026, 11, 24), "none")},
    )
    wins = (
        Win("12", "说了不 👍🏽 said <no> & meant it", 1_764_500_000_000, date(2026, 11, 30)),
        Win("5", "ran 5k", 1_764_400_000_000, date(2026, 11, 29), edited=True),
    )
    return Snapshot(
        profile,
        wins,
        frozenset({date(2026, 11, 24), date(2026, 11, 29)}),
        {"2026-11-29:morning": "sent", "2026-11-30:followup": "sending:abc"},
        (Pending("morning", MORNING_MS, "2026-12-04"),),
    )


def test_the_export_holds_everything_in_words_and_the_users_own_dates() -> None:
    doc = document(snapshot(), NOW)
    text = json.dumps(doc, ensure_ascii=False)
    for internal in ("created_ms", "asking", "note|", "last_prompt_msg", "4711", "sending:"):
        assert internal not in text
    assert doc["exported_at"] == "2026-12-01T08:30:00+09:00"
    assert doc["settings"]["morning_practice_at"] == "07:30"
    assert doc["settings"]["receiving_messages"] is True
    assert doc["settings"]["joined_at"].endswith("+09:00")
    assert doc["rest"] == {
        "now": {"from": "2026-11-29", "until": "2026-12-03"},
        "past": [
            {"from": "2026-11-02", "to": "2026-11-03"},
            {"from": "2026-11-10", "to": "2026-11-10"},
        ],
    }
    assert [c["day"] for c in doc["intuition_check_ins"]] == [2, 3]
    assert doc["intuition_check_ins"][1]["note"] == "took the quiet road"
    assert doc["wins"][0]["text"] == "说了不 👍🏽 said <no> & meant it"
    assert doc["sent_lately"][1] == {
        "date": "2026-11-30",
        "what": "gentle reminder",
        "state": "being sent",
    }
    assert doc["scheduled"] == [
        {
            "what": "morning practice",
            "at": "2026-12-04T07:30:00.000+09:00",
            "for_date": "2026-12-04",
        }
    ]
    md = markdown(snapshot(), NOW)
    assert "4/5 sure, turned out good: took the quiet road" in md
    assert "Rested 2026-11-02 to 2026-11-03" in md and md.count("2026-11-02 to") == 1
    assert "Resting now, since 2026-11-29, until 2026-12-03" in md


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/St_Johns", "UTC"])
def test_export_import_export_is_the_same_document(zone: str) -> None:
    first = document(snapshot(zone), NOW)
    again = document(read_document(json.dumps(first).encode()), NOW)
    assert again == first


def test_a_long_history_is_split_into_parts_each_readable_on_its_own() -> None:
    base = snapshot()
    wins = tuple(
        Win(str(i), "词" * 1000 + str(i), 1_764_000_000_000 + i, date(2026, 11, 1))
        for i in range(300)
    )
    big = Snapshot(base.profile, wins, base.practised, base.sent, base.pending)
    files = export_files(big, NOW, part_bytes=200_000)
    jsons = [(n, b) for n, b in files if n.endswith(".json")]
    assert len(jsons) > 3
    assert all(len(b) < 200_000 for _, b in files)
    assert jsons[0][0] == f"tend-2026-12-01-part-1-of-{len(jsons)}.json"
    back = [w.win_id for _, b in jsons for w in read_document(b).wins]
    assert back == [w.win_id for w in wins]


def test_importing_twice_changes_nothing_the_second_time() -> None:
    imported = read_document(json.dumps(document(snapshot(), NOW)))
    here = Profile(9, created_ms=1_765_000_000_000, zone="UTC", pauses="2026-10-01..2026-10-02")
    once = merged(here, imported.profile)
    assert merged(once, imported.profile) == once
    assert once.zone == "Asia/Tokyo" and once.created_ms == imported.profile.created_ms
    assert once.pauses.split(";")[0] == "2026-10-01..2026-10-02"
    assert once.checkins == here.checkins  # check-ins are written by the store, field by field


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"format": "something-else"}',
        b'{"format": "tend-export", "version": 99}',
        json.dumps({**document(snapshot(), NOW), "user_id": "9"}).encode(),
        json.dumps({**document(snapshot(), NOW), "wins": [{"id": "1"}]}).encode(),
        json.dumps(
            {**document(snapshot(), NOW), "settings": {"time_zone": "../../etc/passwd"}}
        ).encode(),
    ],
)
def test_anything_but_an_export_is_refused(raw: bytes) -> None:
    with pytest.raises(NotAnExport):
        read_document(raw)
