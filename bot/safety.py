"""Recognising words of self-harm or suicide, so they are met with care, never logged as wins.

Deliberately broad: a false positive costs one caring message; a miss costs far more.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\bsuicid",
    r"\bkill(ing)?\s+my\s*self\b",
    r"\bend(ing)?\s+(it\s+all|my\s+life)\b",
    r"\btake\s+my\s+(own\s+)?life\b",
    r"\bself[-\s]?harm",
    r"\b(hurt|harm|cut)(ting)?\s+my\s*self\b",
    r"\bwant(ed)?\s+to\s+die\b",
    r"\b(don'?t|do\s+not)\s+want\s+to\s+(live|be\s+alive|exist)\b",
    r"\bno\s+(reason|point)\s+(in\s+|to\s+)?(living|live|going\s+on)\b",
    r"\bbetter\s+off\s+dead\b",
]
_RISK = re.compile("|".join(_PATTERNS), re.IGNORECASE)


def mentions_self_harm(text: str) -> bool:
    """Whether a message speaks of self-harm or suicide."""
    return _RISK.search(text) is not None
