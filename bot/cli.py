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
    args = parser.parse_args(argv)
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


def summary(library: Library, root: Path) -> str:
    days = sum(len(s.days) for s in library.series)
    return (
        f"ok: {len(library.files)} files, {len(library.practices)} practices, "
        f"{len(library.themes)} themes, {len(library.series)} series ({days} days) in {root}"
    )


def run(role: str = "all") -> int:
    import asyncio

    from bot import logs
    from bot.app import build_application, serve
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
        print(
            "Tend needs a bot token to talk to Telegram. Create a bot with @BotFather, then\n"
            "  BOT_TOKEN=123456:ABC... tend run\n"
            "(or put BOT_TOKEN=... in a .env file here).",
            file=sys.stderr,
        )
        return 2
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
        asyncio.run(serve(app, poll=role != "sender"))
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
