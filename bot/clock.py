"""The clock every decision reads: the real one, or one that can be moved forward.

A travelling clock adds an offset kept in Redis, so every process on that Redis (bot,
senders, the playground's page) agrees on what time it is. It is refreshed on every dispatch
tick and before every update; reading it is a plain function call with no I/O.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def system_clock() -> datetime:
    return datetime.now(UTC)


class TravelClock:
    """Real time plus an offset that only moves forward (time travel for the playground).

    The first offset read may be negative: a test pins the clock to an instant in the past
    (``Store.pin_clock``) before the bot starts, so its outcome never depends on the hour
    the suite runs at.
    """

    def __init__(self) -> None:
        self.offset_s = 0.0
        self._synced = False

    def __call__(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.offset_s)

    def set_offset(self, offset_s: float) -> None:
        self.offset_s = offset_s if not self._synced else max(self.offset_s, offset_s)
        self._synced = True
