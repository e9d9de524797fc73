"""Logging: one line per event, JSON when not on a terminal, and never the token."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
import traceback
from collections.abc import Iterable
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TextIO
from urllib.parse import quote

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


MASK = "<token>"


def variants(secrets: Iterable[str]) -> list[str]:
    """Each secret as it may appear in output: as is, and percent-encoded as in a URL (a
    token's colon becomes ``%3A``); longest first, so no variant is left half-replaced."""
    found = {v for s in secrets if s for v in (s, quote(s, safe=""), quote(s))}
    return sorted(found, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (see ``variants``) replaced by ``<token>``."""
    for secret in variants(secrets):
        text = text.replace(secret, MASK)
    return text


class RedactingHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes each record with every secret replaced, wherever it appears in the line: the
    message, its arguments, extra fields, and tracebacks (an HTTP library's exception may
    carry the request URL, and the Bot API URL carries the token)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(sys.stderr)
        self.secrets = variants(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


class RedactingStream:
    """A text stream that redacts secrets from whatever is written to it.

    Installed over ``sys.stdout`` and ``sys.stderr``: the last line of defence for output
    that bypasses logging (a library's ``print``, a warning, Python's own traceback printer).
    Writers hand over whole lines or whole tracebacks, so a secret is never split between
    two writes in practice.
    """

    def __init__(self, stream: TextIO, secrets: list[str]) -> None:
        self._stream = stream
        self._secrets = secrets

    def write(self, text: str) -> int:
        self._stream.write(redact(text, self._secrets))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install_redaction(secrets: list[str]) -> None:
    """Keep the secrets out of every output of this process, not only the log.

    Wraps stdout and stderr, and replaces ``sys.excepthook`` and ``threading.excepthook``
    so an uncaught exception (PTB's ``InvalidToken`` says the token) is printed redacted.
    The asyncio loop's handler is installed by ``install_loop_handler`` once a loop runs.
    """
    clean = variants(secrets)
    if not clean:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, RedactingStream):
            setattr(sys, name, RedactingStream(stream, clean))

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        stream = sys.__stderr__
        if stream is not None:
            stream.write(redact("".join(traceback.format_exception(kind, value, tb)), clean))
            stream.flush()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook


def install_loop_handler(loop: asyncio.AbstractEventLoop) -> None:
    """Route the loop's unhandled errors ("Task exception was never retrieved") through the
    redacting log handler, with the exception's text but never its raw arguments."""

    def handle(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        message = context.get("message", "unhandled error in the event loop")
        logging.getLogger("asyncio").error(
            "%s", message, exc_info=error if isinstance(error, BaseException) else None
        )

    loop.set_exception_handler(handle)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        return f"{line} {extra}" if extra else line


def configure(level: str, secrets: list[str]) -> None:
    install_redaction(secrets)
    handler = RedactingHandler(secrets)
    if sys.stderr.isatty():
        handler.setFormatter(PlainFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # httpx logs every request URL, and the URL carries the token.
    for noisy in ("httpx", "httpcore", "apscheduler", "telegram.ext.ExtBot"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
