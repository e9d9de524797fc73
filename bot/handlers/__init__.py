"""Command, message and button handlers: parse, call, reply.

Every handler reads the clock once (``svc.clock()``) and passes it down; texts come from
content/texts.yaml; everything a user wrote is HTML-escaped before it is echoed.

One module per part of the conversation; they import in one direction only:
``common`` <- ``intuition`` <- ``onboarding`` <- ``conversation``, ``common`` <-
``commands``, ``rights`` <- ``buttons`` <- ``typed``, and ``common`` <- ``care`` (the safety
net, which any of them may call). ``bot.app`` registers what this package exports.
"""

from bot.handlers.buttons import button
from bot.handlers.care import guard_care, sos
from bot.handlers.commands import (
    forget,
    group_notice,
    help_command,
    member_changed,
    not_text,
    pause,
    practice_now,
    privacy,
    resume,
    settings_command,
    stats,
    unknown_command,
    wins_command,
)
from bot.handlers.common import on_error
from bot.handlers.conversation import edited, text
from bot.handlers.intuition import intuition
from bot.handlers.onboarding import location, start, time_command, timezone_command
from bot.handlers.rights import export, import_command, import_document
from bot.handlers.typed import (
    done_command,
    later_command,
    quiet_command,
    reminder_command,
    skip_command,
)

__all__ = [
    "button",
    "done_command",
    "edited",
    "export",
    "forget",
    "group_notice",
    "guard_care",
    "help_command",
    "import_command",
    "import_document",
    "intuition",
    "later_command",
    "location",
    "member_changed",
    "not_text",
    "on_error",
    "pause",
    "practice_now",
    "privacy",
    "quiet_command",
    "reminder_command",
    "resume",
    "settings_command",
    "skip_command",
    "sos",
    "start",
    "stats",
    "text",
    "time_command",
    "timezone_command",
    "unknown_command",
    "wins_command",
]
