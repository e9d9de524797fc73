"""One person sending far too much: drop the excess quietly, after one calm notice.

Per process and in memory (no key in Redis names the user): a flood never reaches the
handlers, Redis or the send limit, so nobody else waits for it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

WINDOW_S = 10.0
LIMIT = 40
"""More than 40 messages in 10 seconds is no conversation: a person typing (or pasting) as
fast as they can stays under it."""
QUIET_S = 30.0


@dataclass
class FloodGuard:
    """Sliding window per user; ``check`` says whether to handle, and whether to warn."""

    seen: dict[int, deque[float]] = field(default_factory=dict)
    quiet_until: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int, now_s: float) -> tuple[bool, bool]:
        """(handle this update, send the one notice now)."""
        if self.quiet_until.get(user_id, 0.0) > now_s:
            return False, False
        window = self.seen.setdefault(user_id, deque())
        window.append(now_s)
        while window and window[0] < now_s - WINDOW_S:
            window.popleft()
        if len(window) > LIMIT:
            self.quiet_until[user_id] = now_s + QUIET_S
            window.clear()
            return False, True
        if len(self.seen) > 10_000:  # forget idle users now and then
            self.seen = {u: w for u, w in self.seen.items() if w and w[-1] >= now_s - WINDOW_S}
        return True, False
