"""Pure data models of what Tend stores about a user (no Redis, no Telegram)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, time, timedelta
from typing import Any, Final, Literal, Self
from zoneinfo import ZoneInfo

from scheduler.schedule import zone_or_none

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One evening of a series: whether a nudge was noticed and followed, and how it went."""

    day: int
    local_date: date
    answer: str
    """``followed``, ``noticed`` or ``none``."""
    confidence: int | None = None
    note: str | None = None
    outcome: str | None = None
    """``good``, ``mixed`` or ``bad``: the next day's look back at a followed nudge."""
    sealed_note: str | None = None
    """The note as stored: sealed (bot/crypto.py); ``note`` is ``None`` until it is opened."""

    def to_json(self) -> str:
        data = asdict(self)
        data["local_date"] = self.local_date.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Self:
        data = json.loads(raw)
        data["local_date"] = date.fromisoformat(data["local_date"])
        return cls(**data)


CHECKIN_PREFIX = "ci:"


def checkin_field(round_: int, day: int) -> str:
    return f"{CHECKIN_PREFIX}{round_}:{day}"


EntryKind = Literal["win", "reflection"]

QUESTION_TTL_MS = 3600 * 1000
"""A question the bot asked is forgotten after an hour (or at the next morning practice):
after that, what the user writes is a win again, not an answer to something long gone."""


@dataclass(frozen=True, slots=True)
class Question:
    """What the bot is waiting for: ``zone``, ``time`` or ``note`` (of series day ``day``)."""

    kind: Literal["zone", "time", "note"]
    until_ms: int
    day: int = 0

    def is_open(self, now_ms: int) -> bool:
        return now_ms < self.until_ms

    @classmethod
    def asked(cls, kind: Literal["zone", "time", "note"], now_ms: int, day: int = 0) -> Self:
        return cls(kind, now_ms + QUESTION_TTL_MS, day)


@dataclass(frozen=True, slots=True)
class Profile:
    """A user's settings and progress. Only what the features need: no name, no phone.

    Stored as one Redis hash, a field per attribute (encoded by ``PROFILE_FIELDS``); a field
    holding its default is not stored at all, so clearing a value deletes its field.
    """

    user_id: int
    created_ms: int = 0
    zone: str | None = None
    morning: time | None = None
    active: bool = True
    paused_until: date | None = None
    """First local date of sending again; ``None`` with ``paused_forever`` False: not paused."""
    paused_forever: bool = False
    practice_seq: int = 0
    """How many practices this user has been sent: the position in their own shuffled order."""
    last_prompt_msg: int | None = None
    last_prompt_date: date | None = None
    last_practice: str | None = None
    asking: Question | None = None
    """The question the bot is waiting on, if any (answered once, then forgotten)."""
    followup_h: int = 3
    """Hours after an unanswered practice for the one gentle reminder; 0 is off."""
    quiet_from: time = time(22, 0)
    quiet_to: time = time(7, 0)
    engaged_on: date | None = None
    """The last local date the user replied, logged a win, pressed Done or skipped."""
    paused_from: date | None = None
    invite: str | None = None
    """A deep-link payload to act on once onboarding is done (``intuition``)."""
    series: str | None = None
    """The series the user is in, if any."""
    series_day: int = 0
    """The last series day whose morning practice went out: a pause never skips a day."""
    series_last_date: date | None = None
    series_evening: time = time(20, 0)
    series_paused: bool = False
    series_round: int = 0
    pauses: str = ""
    """Past rest periods, ``start..end`` joined by ``;``: those days never count as missed."""
    care_on: date | None = None
    """The last local date the user wrote something that worried us: the next practices are
    gentle ones, never a recall of hurt."""
    checkins: dict[str, CheckIn] = field(default_factory=dict)
    """Series check-ins by ``round:day``; stored as their own fields (``ci:<round>:<day>``)."""

    @property
    def tz(self) -> ZoneInfo | None:
        return zone_or_none(self.zone) if self.zone else None

    @property
    def is_set_up(self) -> bool:
        return self.tz is not None and self.morning is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_forever or self.paused_until is not None

    def question(self, now_ms: int) -> Question | None:
        """What a message from the user answers: an open question, or what setup still needs."""
        if self.asking is not None and self.asking.is_open(now_ms):
            return self.asking
        if self.tz is None:
            return Question("zone", now_ms + QUESTION_TTL_MS)
        if self.morning is None:
            return Question("time", now_ms + QUESTION_TTL_MS)
        return None

    def round_checkins(self) -> dict[int, CheckIn]:
        """The current series round's check-ins, by day."""
        prefix = f"{self.series_round}:"
        return {
            int(k.removeprefix(prefix)): c for k, c in self.checkins.items() if k.startswith(prefix)
        }

    def with_(self, **changes: Any) -> Self:
        return replace(self, **changes)

    def in_quiet_hours(self, local: time) -> bool:
        """Whether a local wall time falls in the user's quiet hours (which may span midnight)."""
        start, end = self.quiet_from, self.quiet_to
        if start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end

    def pause_ranges(self) -> list[tuple[date, date]]:
        """Finished rest periods, oldest first."""
        ranges = [r.split("..") for r in self.pauses.split(";") if ".." in r]
        return [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in ranges]

    def rest_days(self) -> set[date]:
        """Every local date the user was resting (finished pauses and the current one)."""
        days: set[date] = set()
        for day, last in self.pause_ranges():
            while day <= last:
                days.add(day)
                day += timedelta(days=1)
        return days


# -- the profile's hash encoding: one table drives both directions ----------------------


@dataclass(frozen=True, slots=True)
class Codec:
    """How one kind of profile value becomes a hash field and back."""

    encode: Callable[[Any], str]
    decode: Callable[[str], Any]


def _encode_question(q: Question) -> str:
    return f"{q.kind}|{q.day}|{q.until_ms}"


def _decode_question(raw: str) -> Question:
    kind, day, until_ms = raw.split("|")
    if kind not in ("zone", "time", "note"):
        raise ValueError(f"unknown question {kind!r}")
    return Question(kind, int(until_ms), int(day))  # type: ignore[arg-type]


_CODECS: dict[str, Codec] = {
    "int": Codec(str, int),
    "str": Codec(str, str),
    "bool": Codec(lambda v: "1" if v else "0", lambda r: r == "1"),
    "date": Codec(date.isoformat, date.fromisoformat),
    "time": Codec(lambda v: v.strftime("%H:%M"), time.fromisoformat),
    "Question": Codec(_encode_question, _decode_question),
}


def _profile_fields() -> dict[str, tuple[Codec, Any]]:
    table: dict[str, tuple[Codec, Any]] = {}
    for f in fields(Profile):
        if f.name in ("user_id", "checkins"):
            continue
        kind = str(f.type).removesuffix(" | None")
        table[f.name] = (_CODECS[kind], f.default)
    return table


PROFILE_FIELDS: Final = _profile_fields()
"""Every stored profile attribute: its codec and its default (a default is never stored)."""


def encode_changes(changes: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """The hash fields to set and to delete for these attribute changes.

    A value of ``None`` or the attribute's default deletes the field: reading it back gives
    the same value, and the hash holds only what differs from a new user's.
    """
    values: dict[str, str] = {}
    cleared: list[str] = []
    for name, value in changes.items():
        if name not in PROFILE_FIELDS:
            raise KeyError(f"Profile has no stored attribute {name!r}")
        codec, default = PROFILE_FIELDS[name]
        if value is None or value == default:
            cleared.append(name)
        else:
            values[name] = codec.encode(value)
    return values, cleared


def profile_hash(profile: Profile) -> dict[str, str]:
    """A whole profile as hash fields (a new user, bulk loads); defaults are left out."""
    values, _ = encode_changes({name: getattr(profile, name) for name in PROFILE_FIELDS})
    values["created_ms"] = str(profile.created_ms)  # the field whose presence means "exists"
    return values


def profile_from_hash(user_id: int, raw: Mapping[str, str]) -> Profile:
    """A profile from its hash; a field that is missing or unreadable reads as its default."""
    values: dict[str, Any] = {}
    for name, (codec, _) in PROFILE_FIELDS.items():
        encoded = raw.get(name)
        if encoded:
            try:
                values[name] = codec.decode(encoded)
            except ValueError:
                log.warning("profile %s: unreadable field %s, using its default", user_id, name)
    checkins = {
        k.removeprefix(CHECKIN_PREFIX): CheckIn.from_json(v)
        for k, v in raw.items()
        if k.startswith(CHECKIN_PREFIX)
    }
    return Profile(user_id, checkins=checkins, **values)


@dataclass(frozen=True, slots=True)
class Win:
    """Something the user wrote and Tend keeps, in their own words: a small win, or a
    reflection (an answer to a practice's question, or a hard feeling, never celebrated)."""

    win_id: str
    text: str
    at_ms: int
    local_date: date
    edited: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    kind: EntryKind = "win"

    @property
    def is_reflection(self) -> bool:
        return self.kind == "reflection"

    def to_json(self) -> str:
        return json.dumps(
            {
                "text": self.text,
                "at_ms": self.at_ms,
                "local_date": self.local_date.isoformat(),
                "edited": self.edited,
                "meta": self.meta,
                "kind": self.kind,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, win_id: str, raw: str) -> Self:
        data = json.loads(raw)
        return cls(
            win_id=win_id,
            text=str(data["text"]),
            at_ms=int(data["at_ms"]),
            local_date=date.fromisoformat(data["local_date"]),
            edited=bool(data.get("edited", False)),
            meta={str(k): str(v) for k, v in dict(data.get("meta", {})).items()},
            kind="reflection" if data.get("kind") == "reflection" else "win",
        )
