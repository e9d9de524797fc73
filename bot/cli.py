"""The ``tend`` command: ``tend run`` and ``tend content check``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.content import ContentError, Library, load_library
from bot.settings import Settings

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
    args = parser.parse_args(argv)
    if args.command == "content" and args.content_command == "preview":
        return content_preview(args.dir, args.days)
    if args.command == "content":
        return content_check(args.dir)
    return run(getattr(args, "role", "all"))


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}"
            for e in exc.errors()
        ]
        print("Tend cannot start; please fix these settings:\n" + "\n".join(lines), file=sys.stderr)
        raise SystemExit(2) from None


def content_check(folder: Path | None) -> int:
    root = folder if folder is not None else load_settings().content_path()
    try:
        library = load_library(root)
        from bot.texts import load_texts

        load_texts(root)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(summary(library, root))
    return 0


def content_preview(folder: Path | None, days: int) -> int:
    from datetime import UTC, datetime

    from bot.emulator.validate import parse_formatted
    from bot.preview import preview_days
    from bot.texts import load_texts

    root = folder if folder is not None else load_settings().content_path()
    try:
        library, texts = load_library(root), load_texts(root)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1
    for day in preview_days(library, texts, max(1, days), datetime.now(UTC)):
        print(f"── Day {day.number} · {day.date:%A %d %B} ──\n")
        for text in day.messages:
            print(parse_formatted(text, "HTML").text + "\n")
    return 0


def summary(library: Library, root: Path) -> str:
    days = sum(len(s.days) for s in library.series)
    return (
        f"ok: {len(library.files)} files, {len(library.practices)} practices, "
        f"{len(library.themes)} themes, {len(library.series)} series ({days} days) in {root}"
    )


def run(role: str = "all") -> int:
    import asyncio

    from bot import logs
    from bot.app import AnotherPoller, build_application, serve
    from bot.redis_server import RedisServer, ServerStartError
    from bot.texts import load_texts

    settings = load_settings()
    logs.configure(settings.log_level, [settings.token or ""])
    try:
        library = load_library(settings.content_path())
        texts = load_texts(settings.content_path())
    except ContentError as exc:
        print(f"Tend cannot start; the content has problems:\n{exc}", file=sys.stderr)
        return 2
    if settings.token is None:
        from bot import playground

        print(
            "No BOT_TOKEN: starting the local playground (a chat in your browser). To talk to "
            "Telegram, create a bot with @BotFather and set BOT_TOKEN.",
            file=sys.stderr,
        )
        try:
            asyncio.run(playground.run(settings, library, texts, settings.playground_port))
        except ServerStartError as exc:
            print(f"The playground cannot start its Redis: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(
                f"The playground cannot listen on port {settings.playground_port}: {exc}. "
                "Set PLAYGROUND_PORT to a free port.",
                file=sys.stderr,
            )
            return 2
        return 0
    server: RedisServer | None = None
    redis_url = settings.redis_url
    if redis_url is None:
        try:
            server = RedisServer(settings.data_dir / "redis", persistent=True).start()
        except ServerStartError as exc:
            print(f"Tend cannot start its embedded Redis: {exc}", file=sys.stderr)
            return 2
        redis_url = server.url
        log.info("using the embedded redis", extra={"data_dir": str(settings.data_dir)})
    try:
        app = build_application(settings, redis_url, library, texts, dispatch=role != "updates")
        asyncio.run(serve(app, updates=role != "sender"))
    except AnotherPoller as exc:
        print(f"Tend cannot start: {exc}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
