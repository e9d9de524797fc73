"""The intuition week, as pure functions: which day it is, what each message says, the recap."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.content import Series
from bot.models import CheckIn, Profile
from bot.render import Button, Outgoing, esc
from bot.texts import Texts

INTUITION = "intuition"


def next_series_day(profile: Profile, series: Series | None) -> int | None:
    """The series day the next morning brings, or ``None`` (not in a series, paused, done)."""
    if series is None or profile.series != series.id or profile.series_paused:
        return None
    day = profile.series_day + 1
    return day if day <= len(series.days) else None


def morning(texts: Texts, series: Series, day: int, local_date: date) -> Outgoing:
    entry = series.days[day - 1]
    text = texts.series_morning.format(
        day=day, days=len(series.days), title=esc(entry.title), text=entry.morning
    )
    return Outgoing(text, ((Button(texts.btn_done, f"d:{local_date.isoformat()}"),),))


def evening(texts: Texts, series: Series, day: int) -> Outgoing:
    entry = series.days[day - 1]
    text = texts.series_evening.format(day=day, evening=entry.evening)
    return Outgoing(
        text,
        (
            (Button(texts.btn_followed, f"ic:{day}:f"),),
            (Button(texts.btn_noticed, f"ic:{day}:n"),),
            (Button(texts.btn_not_noticed, f"ic:{day}:x"),),
        ),
    )


def confidence_buttons(day: int) -> tuple[tuple[Button, ...], ...]:
    return (tuple(Button(str(c), f"icc:{day}:{c}") for c in range(1, 6)),)


def calibration(texts: Texts, checkin: CheckIn) -> Outgoing:
    day = checkin.day
    return Outgoing(
        texts.calibration.format(confidence=checkin.confidence),
        (
            (
                Button(texts.btn_good, f"io:{day}:good"),
                Button(texts.btn_mixed, f"io:{day}:mixed"),
                Button(texts.btn_not_well, f"io:{day}:bad"),
            ),
        ),
    )


@dataclass(frozen=True, slots=True)
class RecapNumbers:
    checked: int
    noticed: int
    followed: int
    high_good: int
    high_total: int
    low_good: int
    low_total: int


def recap_numbers(checkins: Mapping[int, CheckIn]) -> RecapNumbers:
    answered = list(checkins.values())
    with_outcome = [c for c in answered if c.outcome and c.confidence]
    high = [c for c in with_outcome if (c.confidence or 0) >= 4]
    low = [c for c in with_outcome if (c.confidence or 0) <= 3]
    return RecapNumbers(
        checked=len(answered),
        noticed=sum(1 for c in answered if c.answer in ("followed", "noticed")),
        followed=sum(1 for c in answered if c.answer == "followed"),
        high_good=sum(1 for c in high if c.outcome == "good"),
        high_total=len(high),
        low_good=sum(1 for c in low if c.outcome == "good"),
        low_total=len(low),
    )


def recap(texts: Texts, series: Series, checkins: Mapping[int, CheckIn]) -> Outgoing:
    n = recap_numbers(checkins)
    lines = []
    if n.high_total:
        total, went_well = _outcome(texts, n.high_good, n.high_total)
        lines.append(texts.recap_calibration_high.format(total=total, went_well=went_well))
    if n.low_total:
        total, went_well = _outcome(texts, n.low_good, n.low_total)
        lines.append(texts.recap_calibration_low.format(total=total, went_well=went_well))
    notes = [f"“{esc(c.note)}”" for _, c in sorted(checkins.items()) if c.note]
    text = texts.recap.format(
        checked=n.checked,
        days=len(series.days),
        nudges=nudges_line(texts, n.noticed, n.followed),
        calibration="\n".join(lines) or texts.recap_calibration_none,
        notes=texts.recap_notes.format(notes=", ".join(notes[:5])) if notes else "",
    )
    return Outgoing(text.replace("\n\n\n", "\n\n"), ((Button(texts.btn_restart, "is:restart"),),))


def nudges_line(texts: Texts, noticed: int, followed: int) -> str:
    """ "You noticed a nudge 3 times and followed it twice.", and kind words for the zeros."""
    if noticed == 0:
        return texts.recap_nudges_none
    if followed == 0:
        return texts.recap_nudges_not_followed.format(noticed=texts.times(noticed))
    return texts.recap_nudges.format(noticed=texts.times(noticed), followed=texts.times(followed))


def _outcome(texts: Texts, good: int, total: int) -> tuple[str, str]:
    """(how many times, how many of them went well), in words."""
    went_well = (
        texts.recap_went_well.format(good=texts.times(good)) if good else texts.recap_went_well_none
    )
    return texts.times(total), went_well
