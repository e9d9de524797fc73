"""Tend: a kind Telegram bot for small daily self-trust practices."""

import os

# Opt into python-telegram-bot's v23 behaviour: durations (RetryAfter.retry_after, ...) are
# timedelta objects, which also silences the v22 deprecation warning on every access.
os.environ.setdefault("PTB_TIMEDELTA", "true")
