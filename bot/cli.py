"""The ``tend`` command: ``tend run``, ``tend content check`` and ``tend keys rotate``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from bot.content import ContentError, ContentProblem, Library, load_library
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.texts import Texts

log = logging.getLogger("tend")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tend", description="Tend, a kind self-trust bot.")
    sub = parser.add_subparsers(dest="command")
    run_parser = sub.add_parser("run", help="run the bot (the default)")
    run_parser.add_argument(
        "--role",
        choices=["all", "updates", "sender"],
        default="all",
        help="all: answer users and send scheduled messages (default); updates: answer users "
        "only; sender: send scheduled messages only (run as many as you like)",
    )
    content = sub.add_parser("content", help="work with practices")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    check = content_sub.add_parser("check", help="validate content files")
    check.add_argument("dir", nargs="?", type=Path, help="content folder (default: CONTENT_DIR)")
    preview = content_sub.add_parser("preview", help="what a new user receives, day by day")
    preview.add_argument("--days", type=int, default=7, help="how many days (default 7)")
    preview.add_argument("dir", nargs="?", type=Path, help="content folder (default: CONTENT_DIR)")
    keys_parser = sub.add_parser("keys", help="the master key and the users' data keys")
    keys_sub = keys_parser.add_subparsers(dest="keys_command", required=True)
    keys_sub.add_parser("new", help="print a new random master key (for DATA_KEY)")
    keys_sub.add_parser(
        "rotate",
        help="re-wrap every data key under the first key of DATA_KEY (or of the key file); "
        "safe while the bot runs",
    )
    args = parser.parse_args(argv)
    if args.command == "keys":
        return keys_new() if args.keys_command == "new" else keys_rotate()
    if args.command == "content" and args.content_command == "preview":
        return content_preview(args.dir, args.days)
    if args.command == "content":
        return content_check(args.dir)
    return run(getattr(args, "role", "all"))


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            print(f"Tend cannot start: {setting_problem(error)}", file=sys.stderr)
        raise SystemExit(2) from None


def setting_problem(error: Any) -> str:
    """One sentence for one invalid setting, naming it (our own messages already do)."""
    name = ".".join(str(p) for p in error["loc"]).upper()
    message = str(error["msg"]).removeprefix("Value error, ")
    if name and name not in message:
        given = error.get("input")
        message = f"{name} {message[:1].lower()}{message[1:]}" + (
            f", not {given!r}" if isinstance(given, str) else ""
        )
    return message.rstrip(".") + "."


def content_check(folder: Path | None) -> int:
    """Every problem of every file in one run: practices and series, texts, helplines."""
    from bot.helplines import load_helplines
    from bot.texts import load_texts

    root = folder if folder is not None else load_settings().content_path()
    problems: list[ContentProblem] = []
    library = None
    try:
        library = load_library(root)
    except ContentError as exc:
        problems += exc.problems
    for load in (load_texts, load_helplines):
        try:
            load(root)
        except ContentError as exc:
            problems += exc.problems
    if problems or library is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(summary(library, root))
    return 0


def content_preview(folder: Path | None, days: int) -> int:
    from datetime import UTC, datetime

    from bot.emulator.validate import parse_formatted
    from bot.preview import preview_days
    from bot.render import long_date
    from bot.texts import load_texts

    root = folder if folder is not None else load_settings().content_path()
    try:
        library, texts = load_library(root), load_texts(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    for day in preview_days(library, texts, max(1, days), datetime.now(UTC)):
        print(f"── Day {day.number} · {long_date(day.date, day.date)} ──\n")
        for text in day.messages:
            print(parse_formatted(text, "HTML").text + "\n")
    return 0


def summary(library: Library, root: Path) -> str:
    days = sum(len(s.days) for s in library.series)
    return (
        f"ok: {len(library.files)} files, {len(library.practices)} practices, "
        f"{len(library.themes)} themes, {len(library.series)} series ({days} days) in {root}"
    )


def keys_new() -> int:
    import base64

    from bot.crypto import new_key

    print(base64.b64encode(new_key()).decode())
    return 0


def keys_rotate() -> int:
    """Re-wrap every data key under the newest master key; the words are not touched."""
    import asyncio

    from bot.vault import VaultError, build_vault

    os.umask(0o077)
    settings = load_settings()

    async def rotate() -> int:
        vault = build_vault(settings)
        try:
            await vault.check()
            done = await vault.rotate()
        except VaultError as exc:
            print(f"Tend cannot rotate: {exc}", file=sys.stderr)
            return 2
        finally:
            await vault.close()
        new, old = vault.master.primary_id, list(vault.master.ids[1:])
        print(
            f"re-wrapped {done.rewrapped} key(s) under {new}; {done.already} already were; "
            f"{done.gone} shredded meanwhile."
        )
        if old:
            print(
                f"Once every process runs with {new} first, run this once more; then "
                f"{', '.join(old)} can be removed."
            )
        return 0

    return asyncio.run(rotate())


def run(role: str = "all") -> int:
    import secrets

    from bot import logs
    from bot.helplines import load_helplines
    from bot.texts import load_texts

    os.umask(0o077)  # every file Tend (and its embedded Redis) writes: 0600
    settings = load_settings()
    # The embedded Redis's password and the master keys are never logged either.
    redis_password = secrets.token_hex(24)
    master = settings.data_key.get_secret_value().split(",") if settings.data_key else []
    master = [k.strip() for k in master if k.strip()]
    logs.configure(settings.log_level, [settings.token or "", redis_password, *master])
    try:
        library = load_library(settings.content_path())
        texts = load_texts(settings.content_path())
        load_helplines(settings.content_path())  # refused here with file and line, not later
    except ContentError as exc:
        print(f"Tend cannot start; the content has problems:\n{exc}", file=sys.stderr)
        return 2
    try:
        if settings.token is None:
            start_playground(settings, library, texts)
        else:
            start_bot(settings, library, texts, role, redis_password)
    except Exception as exc:
        problem = start_problem(exc, settings)
        if problem is None:
            raise
        print(f"Tend cannot start: {problem}", file=sys.stderr)
        return 2
    return 0


def start_problem(exc: Exception, settings: Settings) -> str | None:
    """The one sentence for a failure at start that the operator can fix; None for a bug.

    Every such failure is explained here, so each gets a sentence naming the setting and
    what to do, and exit code 2, never a traceback.
    """
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from telegram.error import InvalidToken, NetworkError

    from bot.app import AnotherPoller
    from bot.redis_server import ServerStartError
    from bot.vault import VaultError

    if isinstance(exc, DataDirError | AnotherPoller | VaultError):
        return str(exc)
    if isinstance(exc, ServerStartError):
        where = "the playground's" if settings.token is None else "its embedded"
        return f"{where} Redis did not start: {exc}"
    if isinstance(exc, InvalidToken):
        # PTB's own message quotes the token: this sentence names no token.
        return (
            f"Telegram's Bot API at {urlsplit(settings.bot_api_url).netloc} refused BOT_TOKEN "
            "(401 Unauthorized or 404 Not Found); check the token @BotFather gave you, and "
            "that BOT_API_URL is the Bot API's address ending in /bot."
        )
    if isinstance(exc, NetworkError):
        host = urlsplit(settings.bot_api_url).netloc
        return (
            f"Telegram's Bot API at {host} cannot be reached ({exc.message}); check this "
            "machine's network, or set BOT_API_URL to a Bot API server it can reach."
        )
    if isinstance(exc, RedisConnectionError | RedisTimeoutError) and settings.redis_url:
        parts = urlsplit(settings.redis_url)
        return (
            f"the Redis at REDIS_URL ({parts.scheme}://{parts.netloc.rpartition('@')[2]}) does "
            "not answer; start it, correct REDIS_URL, or unset it to use the embedded Redis."
        )
    if isinstance(exc, OSError) and settings.token is None:
        return (
            f"the playground cannot listen on port {settings.playground_port} "
            f"({exc.strerror or exc}); set PLAYGROUND_PORT to a free port."
        )
    return None


class DataDirError(RuntimeError):
    """DATA_DIR is not a folder Tend can write to."""


def writable_data_dir(folder: Path) -> Path:
    """DATA_DIR, created if missing; raises ``DataDirError`` saying what to do when it can't."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DataDirError(
            f"DATA_DIR {str(folder)!r} is not a folder Tend can write to "
            f"({exc.strerror or exc}); set DATA_DIR to a writable folder."
        ) from None
    return folder


def start_playground(settings: Settings, library: Library, texts: Texts) -> None:
    import asyncio

    from bot import playground

    print(
        "No BOT_TOKEN: starting the local playground (a chat in your browser). To talk to "
        "Telegram, create a bot with @BotFather and set BOT_TOKEN.",
        file=sys.stderr,
    )
    ignored = playground.ignored_settings(settings)
    if ignored:
        print(
            f"The playground ignores {', '.join(ignored)}: it keeps everything in a throwaway "
            "Redis and talks only to 127.0.0.1; these apply with BOT_TOKEN.",
            file=sys.stderr,
        )
    asyncio.run(playground.run(settings, library, texts, settings.playground_port))


def start_bot(settings: Settings, library: Library, texts: Texts, role: str, password: str) -> None:
    import asyncio

    from bot.app import build_application, serve
    from bot.keyring import private_tree
    from bot.redis_server import RedisServer

    data_dir = writable_data_dir(settings.data_dir)
    private_tree(data_dir)  # and what an older Tend left readable to others
    server: RedisServer | None = None
    redis_url = settings.redis_url
    if redis_url is None:
        server = RedisServer(data_dir / "redis", persistent=True, password=password).start()
        redis_url = server.url
        log.info("using the embedded redis", extra={"data_dir": str(data_dir)})
    try:
        app = build_application(settings, redis_url, library, texts, dispatch=role != "updates")
        asyncio.run(serve(app, updates=role != "sender"))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
