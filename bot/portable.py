"""The export document, and reading one back: pure (no Telegram, no Redis, no clock).

One JSON document holds everything Tend keeps about a person, in words and in their own
zone's dates: settings, rest (the pause they are in and every past one), the intuition
week and its check-ins with notes, practised days, wins, and what was sent lately and is
planned next. Internal fields (the message id of the last prompt, what the conversation
waits for, raw flags) are not in it. ``read_document`` takes such a document back, so a
person can move between self-hosted Tends; ``document(read_document(d)) == d``.

A long history is split into parts under ``PART_BYTES``, each a whole document with a
share of the wins, so each part can be imported on its own and in any order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from bot.models import CheckIn, Profile, Win
from scheduler.schedule import zone_or_none

FORMAT = "tend-export"
VERSION = 1
PART_BYTES = 19 * 1024 * 1024
"""Under Telegram's 50 MB upload cap for bots, and under its 20 MB download cap, so every
part a bot sends can be sent back to /import."""
MAX_WIN_CHARS = 4096
"""A win is one Telegram message: an imported one longer than a message is refused."""

SLOT_WORDS = {
    "morning": "morning practice",
    "followup": "gentle reminder",
    "later": "practice again later",
    "s_pm": "intuition week: evening check-in",
    "s_cal": "intuition week: look back",
    "s_recap": "intuition week: recap",
}
_WORD_SLOTS = {v: k for k, v in SLOT_WORDS.items()}


class NotAnExport(ValueError):
    """The document is not a Tend export this version can read (the message says where)."""


@dataclass(frozen=True, slots=True)
class Pending:
    """A scheduled send: its slot, when (unix ms) and the user's local date it is for."""

    slot: str
    at_ms: int
    local_date: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything kept about one user, as the store holds it."""

    profile: Profile
    wins: tuple[Win, ...] = ()
    """Newest first."""
    practised: frozenset[date] = frozenset()
    sent: Mapping[str, str] = field(default_factory=dict)
    """``date:slot`` -> ``sent`` or ``sending:<token>``."""
    pending: tuple[Pending, ...] = ()


# -- writing -----------------------------------------------------------------------------


def _zone(profile: Profile) -> tzinfo:
    return profile.tz or UTC


def _at(ms: int, zone: tzinfo) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone(zone).isoformat("T", "milliseconds")


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _pauses(profile: Profile) -> list[dict[str, str]]:
    """Past rests as distinct ranges, earliest first (a range recorded twice is one rest)."""
    ranges = {tuple(r.split("..", 1)) for r in profile.pauses.split(";") if ".." in r}
    return [{"from": a, "to": b} for a, b in sorted(ranges)]


def document(snap: Snapshot, now: datetime, wins: Sequence[Win] | None = None) -> dict[str, Any]:
    """The export as a JSON-ready dict; ``wins``: only these (one part of a long history)."""
    p, zone = snap.profile, _zone(snap.profile)
    return {
        "format": FORMAT,
        "version": VERSION,
        "user_id": p.user_id,
        "exported_at": now.astimezone(zone).isoformat("T", "seconds"),
        "settings": _settings_doc(p, zone),
        "rest": _rest_doc(p),
        "intuition_week": _series_doc(p),
        "intuition_check_ins": [
            {
                "round": int(key.partition(":")[0]),
                "day": c.day,
                "date": c.local_date.isoformat(),
                "answer": c.answer,
                "how_sure": c.confidence,
                "turned_out": c.outcome,
                "note": c.note,
            }
            for key, c in sorted(p.checkins.items(), key=lambda kv: _checkin_order(kv[0]))
        ],
        "days_practised": sorted(d.isoformat() for d in snap.practised),
        "wins": [
            {
                "id": w.win_id,
                "date": w.local_date.isoformat(),
                "text": w.text,
                "logged_at": _at(w.at_ms, zone),
                "edited": w.edited,
                "kind": w.kind,
            }
            for w in (snap.wins if wins is None else wins)
        ],
        "sent_lately": [
            {
                "date": key.partition(":")[0],
                "what": SLOT_WORDS.get(key.partition(":")[2], key.partition(":")[2]),
                "state": "sent" if state == "sent" else "being sent",
            }
            for key, state in sorted(snap.sent.items())
        ],
        "scheduled": [
            {
                "what": SLOT_WORDS.get(s.slot, s.slot),
                "at": _at(s.at_ms, zone),
                "for_date": s.local_date,
            }
            for s in snap.pending
        ],
    }


def _settings_doc(p: Profile, zone: tzinfo) -> dict[str, Any]:
    quiet = (
        None
        if p.quiet_from == p.quiet_to
        else {"from": _hhmm(p.quiet_from), "to": _hhmm(p.quiet_to)}
    )
    return {
        "time_zone": p.zone,
        "morning_practice_at": _hhmm(p.morning),
        "gentle_reminder_hours_after": p.followup_h or None,
        "quiet_hours": quiet,
        "receiving_messages": p.active,
        "joined_at": _at(p.created_ms, zone),
        "practices_received": p.practice_seq,
        "last_practice": p.last_practice,
        "gentle_practices_since": _day(p.care_on),
    }


def _rest_doc(p: Profile) -> dict[str, Any]:
    """The rest the user is in (``until`` None: until they come back), and every past one."""
    current = {"from": _day(p.paused_from), "until": _day(p.paused_until)} if p.is_paused else None
    return {"now": current, "past": _pauses(p)}


def _series_doc(p: Profile) -> dict[str, Any] | None:
    """Where the user is in the intuition week; ``None`` if they never joined it."""
    if p.series is None and not p.series_round and not p.checkins:
        return None
    return {
        "series": p.series,
        "joined": p.series is not None,
        "round": p.series_round,
        "day": p.series_day,
        "last_day_on": _day(p.series_last_date),
        "evening_at": _hhmm(p.series_evening),
        "paused": p.series_paused,
    }


def _checkin_order(key: str) -> tuple[int, int]:
    round_, _, day = key.partition(":")
    return int(round_), int(day)


def markdown(snap: Snapshot, now: datetime, wins: Sequence[Win] | None = None) -> str:
    """The same as ``document``, for reading."""
    doc = document(snap, now, wins)
    s, rest, series = doc["settings"], doc["rest"], doc["intuition_week"]
    quiet = f"{s['quiet_hours']['from']}–{s['quiet_hours']['to']}" if s["quiet_hours"] else "off"
    reminder = s["gentle_reminder_hours_after"]
    reminder_words = f"{reminder} h after the practice" if reminder else "off"
    receiving = "yes" if s["receiving_messages"] else "no (you blocked Tend)"
    care = s["gentle_practices_since"]
    gentle = [f"- Gentler practices since you wrote of something heavy on {care}"] if care else []
    lines = [
        "# Tend: everything kept about you",
        "",
        f"Exported {doc['exported_at']}. Dates and times are in your time zone.",
        "",
        "## Settings",
        "",
        f"- Time zone: {s['time_zone'] or 'not set'}",
        f"- Morning practice at: {s['morning_practice_at'] or 'not set'}",
        f"- Gentle reminder: {reminder_words}",
        f"- Quiet hours: {quiet}",
        f"- Receiving messages: {receiving}",
        f"- Joined: {s['joined_at']}",
        f"- Practices received: {s['practices_received']}",
        *gentle,
        "",
        "## Rest",
        "",
    ]
    now_rest = rest["now"]
    if now_rest:
        lines.append(
            f"- Resting now, since {now_rest['from'] or 'recently'}, "
            + (f"until {now_rest['until']}" if now_rest["until"] else "until you come back")
        )
    lines += [f"- Rested {r['from']} to {r['to']}" for r in rest["past"]]
    if not now_rest and not rest["past"]:
        lines.append("- No rest periods.")
    if series:
        state = "In it" if series["joined"] else "Left it"
        lines += [
            "",
            "## Intuition week",
            "",
            f"- {state}: round {series['round']}, day {series['day']}, "
            f"evening check-in at {series['evening_at']}",
        ]
    if doc["intuition_check_ins"]:
        lines += ["", "## Intuition check-ins", ""]
        for c in doc["intuition_check_ins"]:
            line = f"- {c['date']} (day {c['day']}): {c['answer']}"
            line += f", {c['how_sure']}/5 sure" if c["how_sure"] else ""
            line += f", turned out {c['turned_out']}" if c["turned_out"] else ""
            lines.append(line + (f": {c['note']}" if c["note"] else ""))
    lines += ["", f"## Days practised ({len(doc['days_practised'])})", ""]
    lines += [f"- {d}" for d in doc["days_practised"]]
    lines += ["", f"## Small wins ({len(doc['wins'])})", ""]
    lines += [
        f"- **{w['date']}**{' (reflection)' if w.get('kind') == 'reflection' else ''}: {w['text']}"
        for w in doc["wins"]
    ]
    lines += ["", "## Sent lately", ""]
    lines += [f"- {x['date']}: {x['what']} ({x['state']})" for x in doc["sent_lately"]]
    lines += ["", "## Planned next", ""]
    lines += [f"- {x['at']}: {x['what']}" for x in doc["scheduled"]]
    return "\n".join(lines) + "\n"


def export_files(
    snap: Snapshot, now: datetime, part_bytes: int = PART_BYTES
) -> list[tuple[str, bytes]]:
    """The export as files: ``(name, content)``, JSON then Markdown for each part.

    Wins are shared out so every file stays under ``part_bytes``; a single part is named
    ``tend-DATE.json``, several ``tend-DATE-part-K-of-N.json``.
    """
    stamp = now.astimezone(_zone(snap.profile)).date().isoformat()
    base = len(_encode(document(snap, now, ())))
    parts: list[list[Win]] = [[]]
    size = base
    for win in snap.wins:
        cost = len(json.dumps(win.text, ensure_ascii=False).encode()) + 200
        if parts[-1] and size + cost > part_bytes:
            parts.append([])
            size = base
        parts[-1].append(win)
        size += cost
    files: list[tuple[str, bytes]] = []
    for index, share in enumerate(parts, 1):
        name = f"tend-{stamp}" if len(parts) == 1 else f"tend-{stamp}-part-{index}-of-{len(parts)}"
        files.append((f"{name}.json", _encode(document(snap, now, share))))
        files.append((f"{name}.md", markdown(snap, now, share).encode()))
    return files


def _encode(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()


# -- reading -----------------------------------------------------------------------------


def read_document(raw: bytes | str) -> Snapshot:
    """A Tend export back as a snapshot; ``NotAnExport`` for anything else."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAnExport("not JSON") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise NotAnExport("not a Tend export")
    if doc.get("version") != VERSION:
        raise NotAnExport(f"version {doc.get('version')!r}; this Tend reads {VERSION}")
    try:
        return _snapshot(doc)
    except NotAnExport:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NotAnExport(f"malformed: {type(exc).__name__}") from exc


def _opt(value: object, parse: Any) -> Any:
    return None if value is None else parse(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _ms(value: object) -> int:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")
    return round(moment.timestamp() * 1000)


def _snapshot(doc: dict[str, Any]) -> Snapshot:
    user_id = doc["user_id"]
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise TypeError("user_id")
    sent = {
        f"{date.fromisoformat(_text(x['date']))}:{_WORD_SLOTS.get(x['what'], x['what'])}": (
            "sent" if x["state"] == "sent" else "sending:"
        )
        for x in doc["sent_lately"]
    }
    pending = tuple(
        Pending(_WORD_SLOTS.get(x["what"], _text(x["what"])), _ms(x["at"]), _text(x["for_date"]))
        for x in doc["scheduled"]
    )
    practised = frozenset(date.fromisoformat(_text(d)) for d in doc["days_practised"])
    return Snapshot(_profile_of(user_id, doc), _wins_of(doc), practised, sent, pending)


def _profile_of(user_id: int, doc: dict[str, Any]) -> Profile:
    s, now_rest = doc["settings"], doc["rest"]["now"]
    zone = _opt(s["time_zone"], _text)
    if zone is not None and zone_or_none(zone) is None:
        raise NotAnExport(f"unknown time zone {zone!r}")
    quiet = s["quiet_hours"]
    quiet_from, quiet_to = (
        (time(0, 0), time(0, 0))
        if quiet is None
        else (time.fromisoformat(_text(quiet["from"])), time.fromisoformat(_text(quiet["to"])))
    )
    past = ";".join(
        f"{date.fromisoformat(_text(r['from']))}..{date.fromisoformat(_text(r['to']))}"
        for r in doc["rest"]["past"]
    )
    series = doc["intuition_week"] or {}
    return Profile(
        user_id,
        created_ms=_ms(s["joined_at"]),
        zone=zone,
        morning=_opt(s["morning_practice_at"], lambda v: time.fromisoformat(_text(v))),
        active=bool(s["receiving_messages"]),
        paused_until=_opt(now_rest and now_rest["until"], date.fromisoformat),
        paused_forever=bool(now_rest) and now_rest["until"] is None,
        paused_from=_opt(now_rest and now_rest["from"], date.fromisoformat),
        practice_seq=int(s["practices_received"]),
        last_practice=_opt(s["last_practice"], _text),
        care_on=_opt(s.get("gentle_practices_since"), date.fromisoformat),
        followup_h=int(s["gentle_reminder_hours_after"] or 0),
        quiet_from=quiet_from,
        quiet_to=quiet_to,
        series=_opt(series.get("series") if series.get("joined") else None, _text),
        series_day=int(series.get("day", 0)),
        series_round=int(series.get("round", 0)),
        series_last_date=_opt(series.get("last_day_on"), date.fromisoformat),
        series_evening=time.fromisoformat(series.get("evening_at") or "20:00"),
        series_paused=bool(series.get("paused", False)),
        pauses=past,
        checkins=_checkins_of(doc),
    )


def _checkins_of(doc: dict[str, Any]) -> dict[str, CheckIn]:
    return {
        f"{int(c['round'])}:{int(c['day'])}": CheckIn(
            day=int(c["day"]),
            local_date=date.fromisoformat(_text(c["date"])),
            answer=_text(c["answer"]),
            confidence=_opt(c["how_sure"], int),
            note=_opt(c["note"], _text),
            outcome=_opt(c["turned_out"], _text),
        )
        for c in doc["intuition_check_ins"]
    }


def _wins_of(doc: dict[str, Any]) -> tuple[Win, ...]:
    wins = []
    for w in doc["wins"]:
        text = _text(w["text"])
        if not text.strip() or len(text) > MAX_WIN_CHARS:
            raise NotAnExport("a win that is empty or longer than a message")
        wins.append(
            Win(
                _text(w["id"]),
                text,
                _ms(w["logged_at"]),
                date.fromisoformat(_text(w["date"])),
                edited=bool(w["edited"]),
                kind="reflection" if w.get("kind") == "reflection" else "win",
            )
        )
    return tuple(wins)


def merged(current: Profile | None, imported: Profile) -> Profile:
    """The profile after an import: the file's settings and rest, with history kept.

    Idempotent: importing the same file twice gives the same profile. Past rests are a
    union, the practice count the larger, the join date the earlier; the import is by the
    person, so they receive messages again.
    """
    if current is None:
        return imported.with_(active=True, asking=None)
    return current.with_(**imported_fields(current, imported))


def imported_fields(current: Profile, imported: Profile) -> dict[str, Any]:
    """The profile attributes an import sets, by name (``Store.change`` writes just these)."""
    pauses = sorted({r for r in f"{current.pauses};{imported.pauses}".split(";") if ".." in r})
    cares = [d for d in (current.care_on, imported.care_on) if d is not None]
    return {
        "zone": imported.zone or current.zone,
        "morning": imported.morning or current.morning,
        "followup_h": imported.followup_h,
        "quiet_from": imported.quiet_from,
        "quiet_to": imported.quiet_to,
        "paused_until": imported.paused_until,
        "paused_forever": imported.paused_forever,
        "paused_from": imported.paused_from,
        "pauses": ";".join(pauses),
        "practice_seq": max(current.practice_seq, imported.practice_seq),
        "created_ms": min(current.created_ms or imported.created_ms, imported.created_ms),
        "series": imported.series,
        "series_day": imported.series_day,
        "series_round": imported.series_round,
        "series_last_date": imported.series_last_date,
        "series_evening": imported.series_evening,
        "series_paused": imported.series_paused,
        "care_on": max(cares) if cares else None,
        "active": True,
    }
