"""Whether a message is a plausible answer to the question the bot asked (pure).

A message that is not one is the user's own words (a win), never dropped: the question is
asked again after it. A plausible answer that cannot be used ("Berln", "7:3o") gets a
usage hint instead, because it was meant as an answer, not as a win.
"""

from __future__ import annotations

import re

_TIME_LIKE = re.compile(
    r"^\s*\d{1,2}\s*(?:[:.h]\s*[\dOo]{0,2})?\s*(?:[ap]\.?m?\.?|uhr|h)?\s*$", re.IGNORECASE
)
_PLACE_LIKE = re.compile(r"^[^\W\d_]+(?:[\s'’/_.-]+[^\W\d_]+){0,3}\.?$")


def looks_like_time(text: str) -> bool:
    """``7``, ``7:3o``, ``19h``, ``7 am``: meant as a time of day, even if unreadable."""
    return _TIME_LIKE.match(text) is not None


def looks_like_place(text: str) -> bool:
    """One to four words of letters (``Berln``, ``Sao Paulo``, ``Europe/Berln``)."""
    cleaned = text.strip()
    return len(cleaned) <= 40 and _PLACE_LIKE.match(cleaned) is not None
