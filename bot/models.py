"""Pure data models of what Tend stores about a user (no Redis, no Telegram)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, time, timedelta
from typing import Any, Self
from zoneinfo import ZoneInfo

from scheduler.schedule import zone_or_none


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


@dataclass(frozen=True, slots=True)
class Profile:
    """A user's settings and progress. Only what the features need: no name, no phone."""

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
    step: str | None = None
    """What onboarding waits for: ``zone`` or ``time``; ``None`` once set up."""
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
    checkins: dict[str, CheckIn] = field(default_factory=dict)
    """Series check-ins by ``round:day``; stored as their own fields, never by ``to_hash``."""
    """Past rest periods, ``start..end`` joined by ``;``: those days never count as missed."""

    @property
    def tz(self) -> ZoneInfo | None:
        return zone_or_none(self.zone) if self.zone else None

    @property
    def is_set_up(self) -> bool:
        return self.tz is not None and self.morning is not None

    @property
    def is_paused(self) -> bool:
        return self.paused_forever or self.paused_until is not None

    def to_hash(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in self.__dataclass_fields__:
            value = getattr(self, key)
            if key in ("user_id", "checkins") or value is None:
                continue
            if isinstance(value, bool):
                out[key] = "1" if value else "0"
            elif isinstance(value, time):
                out[key] = value.strftime("%H:%M")
            elif isinstance(value, date):
                out[key] = value.isoformat()
            else:
                out[key] = str(value)
        return out

    @classmethod
    def from_hash(cls, user_id: int, raw: dict[str, str]) -> Self:
        def opt_date(name: str) -> date | None:
            value = raw.get(name)
            return date.fromisoformat(value) if value else None

        def opt_int(name: str) -> int | None:
            value = raw.get(name)
            return int(value) if value else None

        morning = raw.get("morning")
        quiet_from, quiet_to = raw.get("quiet_from"), raw.get("quiet_to")
        return cls(
            user_id=user_id,
            created_ms=int(raw.get("created_ms", "0")),
            zone=raw.get("zone") or None,
            morning=time.fromisoformat(morning) if morning else None,
            active=raw.get("active", "1") == "1",
            paused_until=opt_date("paused_until"),
            paused_forever=raw.get("paused_forever", "0") == "1",
            practice_seq=int(raw.get("practice_seq", "0")),
            last_prompt_msg=opt_int("last_prompt_msg"),
            last_prompt_date=opt_date("last_prompt_date"),
            last_practice=raw.get("last_practice") or None,
            step=raw.get("step") or None,
            followup_h=int(raw.get("followup_h", "3")),
            quiet_from=time.fromisoformat(quiet_from) if quiet_from else time(22, 0),
            quiet_to=time.fromisoformat(quiet_to) if quiet_to else time(7, 0),
            engaged_on=opt_date("engaged_on"),
            paused_from=opt_date("paused_from"),
            invite=raw.get("invite") or None,
            series=raw.get("series") or None,
            series_day=int(raw.get("series_day", "0")),
            series_last_date=opt_date("series_last_date"),
            series_evening=time.fromisoformat(raw.get("series_evening") or "20:00"),
            series_paused=raw.get("series_paused", "0") == "1",
            series_round=int(raw.get("series_round", "0")),
            pauses=raw.get("pauses", ""),
            checkins={
                k.removeprefix(CHECKIN_PREFIX): CheckIn.from_json(v)
                for k, v in raw.items()
                if k.startswith(CHECKIN_PREFIX)
            },
        )

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

    def rest_days(self) -> set[date]:
        """Every local date the user was resting (finished pauses and the current one)."""
        days: set[date] = set()
        ranges = [r.split("..") for r in self.pauses.split(";") if ".." in r]
        for start, end in ranges:
            day, last = date.fromisoformat(start), date.fromisoformat(end)
            while day <= last:
                days.add(day)
                day += timedelta(days=1)
        return days


FIELDS_CLEARED_WHEN_NONE = (
    "zone",
    "morning",
    "paused_until",
    "last_prompt_msg",
    "last_prompt_date",
    "last_practice",
)
"""Hash fields a profile update deletes when the new value is ``None``."""


@dataclass(frozen=True, slots=True)
class Win:
    """A small win the user logged, in their own words."""

    win_id: str
    text: str
    at_ms: int
    local_date: date
    edited: bool = False
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "text": self.text,
                "at_ms": self.at_ms,
                "local_date": self.local_date.isoformat(),
                "edited": self.edited,
                "meta": self.meta,
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
        )
