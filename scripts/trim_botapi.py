"""Generate emulator/botapi_methods.json from the full Bot API scrape.

The source is github.com/PaulSonOfLars/telegram-bot-api-spec `api.json` (MIT, (c) 2020 Paul
Larsen). The output keeps, for every method, each field's `required` flag and `types`, and the same
for the few types whose shape the emulator checks (keyboards, commands, link preview, reply).

    python scripts/trim_botapi.py  # ../shared/botapi/api.json -> bot/emulator/
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

KEPT_TYPES = (
    "InlineKeyboardMarkup",
    "InlineKeyboardButton",
    "ReplyKeyboardMarkup",
    "KeyboardButton",
    "ReplyKeyboardRemove",
    "ForceReply",
    "BotCommand",
    "LinkPreviewOptions",
    "ReplyParameters",
)
SOURCE_NOTE = (
    "Trimmed from github.com/PaulSonOfLars/telegram-bot-api-spec api.json, MIT licence, "
    "(c) 2020 Paul Larsen. Regenerate with scripts/trim_botapi.py."
)
_HERE = Path(__file__).resolve().parent
DEFAULT_SRC = _HERE.parent.parent / "shared" / "botapi" / "api.json"
DEFAULT_OUT = _HERE.parent / "bot" / "emulator" / "botapi_methods.json"


def _fields(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f["name"]: {"required": bool(f["required"]), "types": list(f["types"])}
        for f in entry.get("fields", [])
    }


def trim(api: dict[str, Any]) -> dict[str, Any]:
    """Return the trimmed spec: version, source note, methods and the kept types."""
    missing = [name for name in KEPT_TYPES if name not in api["types"]]
    if missing:
        raise SystemExit(f"api.json lacks the types {missing}")
    return {
        "version": api["version"],
        "release_date": api.get("release_date", ""),
        "source": SOURCE_NOTE,
        "methods": {name: _fields(m) for name, m in sorted(api["methods"].items())},
        "types": {name: _fields(api["types"][name]) for name in KEPT_TYPES},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="full api.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="trimmed JSON to write")
    args = parser.parse_args(argv)
    api = json.loads(args.src.read_text(encoding="utf-8"))
    text = json.dumps(trim(api), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
