"""Pure checks of Bot API calls: the trimmed spec, Telegram's text and keyboard rules.

Every check returns `Problem`s instead of raising, so the server can both record a violation and
answer the way Telegram would. Error descriptions copy Telegram's wording where it is known (the
HTML parser's messages follow tdlib's `parse_html`); where the emulator is stricter than the live
server (unknown parameters, unescaped `&` and `>` in HTML) the description says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("botapi_methods.json")

MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_CHARS = 200
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100
PARSE_MODES = {"html": "HTML", "markdownv2": "MarkdownV2", "markdown": "Markdown"}
TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
EDIT_METHODS = frozenset(
    {"editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup"}
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# Fields of InlineKeyboardButton that are not its action (exactly one action must be set).
BUTTON_DECORATION = frozenset({"text", "icon_custom_emoji_id", "style"})
STRICTER = "(emulator check; the live server ignores this)"

_INT_RE = re.compile(r"-?[0-9]+")
_USERNAME_RE = re.compile(r"@[A-Za-z0-9_]{4,32}")
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_PRIMITIVES = frozenset({"String", "Integer", "Float", "Boolean", "InputFile"})


# --------------------------------------------------------------------------------------------
# The spec


@dataclass(frozen=True)
class FieldSpec:
    """One field of a method or type: whether it is required and its Bot API type names."""

    required: bool
    types: tuple[str, ...]


@dataclass(frozen=True)
class BotApiSpec:
    """The trimmed Bot API reference: methods and a few checked types, field by field."""

    version: str
    methods: Mapping[str, Mapping[str, FieldSpec]]
    types: Mapping[str, Mapping[str, FieldSpec]]
    _by_lower: Mapping[str, str] = field(repr=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BotApiSpec:
        """Build from the dict that tools/trim_botapi.py writes."""

        def table(raw: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, FieldSpec]]:
            return {
                name: {
                    f: FieldSpec(bool(s["required"]), tuple(str(t) for t in s["types"]))
                    for f, s in fields.items()
                }
                for name, fields in raw.items()
            }

        methods = table(data["methods"])
        return cls(
            version=str(data["version"]),
            methods=methods,
            types=table(data["types"]),
            _by_lower={name.lower(): name for name in methods},
        )

    def canonical(self, method: str) -> str | None:
        """The spec's spelling of a method name (Telegram matches them case-insensitively)."""
        return self._by_lower.get(method.lower())


@cache
def load_spec(path: Path = SPEC_PATH) -> BotApiSpec:
    """Read and cache the trimmed spec shipped beside this module."""
    return BotApiSpec.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Problem:
    """One reason the real Bot API would refuse a call."""

    description: str  # Telegram-shaped, e.g. "Bad Request: message is too long"
    detail: str = ""  # extra context for people, e.g. "text is 5000 UTF-16 units"
    status: int = 400

    def describe(self, method: str) -> str:
        """A one-line, human-readable violation: method, Telegram's answer and detail."""
        tail = f" ({self.detail})" if self.detail else ""
        return f"{method}: {self.description}{tail}"


# --------------------------------------------------------------------------------------------
# Decoding form values by their declared types


def _is_object_type(type_name: str) -> bool:
    return type_name.startswith("Array of ") or type_name not in _PRIMITIVES


def coerce_value(value: object, types: Collection[str]) -> object:
    """Turn one form value (always a string) into the JSON value its declared types call for.

    PTB sends ints and bools JSON-dumped ("42", "true") and objects as JSON strings. A value
    that does not fit is returned unchanged; `validate_call` reports it.
    """
    if not isinstance(value, str):
        if (
            set(types) == {"String"}
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return str(value)
        return value
    if "Integer" in types and _INT_RE.fullmatch(value):
        return int(value)
    if "Float" in types:
        try:
            return float(value)
        except ValueError:
            return value
    if "Boolean" in types and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if "String" not in types and any(_is_object_type(t) for t in types):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def coerce_params(spec: BotApiSpec, method: str, raw: Mapping[str, object]) -> dict[str, object]:
    """Decode every parameter by the method's field types; unknown fields decode if JSON."""
    fields = spec.methods.get(method, {})
    out: dict[str, object] = {}
    for name, value in raw.items():
        if name in fields:
            out[name] = coerce_value(value, fields[name].types)
        elif isinstance(value, str) and value[:1] in ("{", "["):
            try:
                out[name] = json.loads(value)
            except ValueError:
                out[name] = value
        else:
            out[name] = value
    return out


# --------------------------------------------------------------------------------------------
# Text: lengths and entity parsing


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts text and entity offsets in."""
    if text.isascii():  # one unit per character; no need to encode
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class ParsedText:
    """Text as the user sees it, and the entities (UTF-16 offsets) the markup made."""

    text: str
    entities: tuple[dict[str, Any], ...] = ()


class EntityParseError(ValueError):
    """The markup is malformed; the message is Telegram's reason after "can't parse entities: "."""


class _Builder:
    """Accumulates plain text and entities while a parser walks the markup."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0  # UTF-16 units so far
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.offset += utf16_len(text)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        if self.offset > start:
            self.entities.append({"type": kind, "offset": start, "length": self.offset - start})
            self.entities[-1].update(extra)

    def result(self) -> ParsedText:
        ordered = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return _strip(ParsedText("".join(self.parts), tuple(ordered)))


def _strip(parsed: ParsedText) -> ParsedText:
    """Telegram trims surrounding whitespace and clips entities to what is left."""
    text = parsed.text
    stripped = text.strip()
    if stripped == text:
        return parsed
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    entities = []
    for e in parsed.entities:
        start = max(e["offset"] - lead, 0)
        end = min(e["offset"] + e["length"] - lead, size)
        if end > start:
            entities.append({**e, "offset": start, "length": end - start})
    return ParsedText(stripped, tuple(entities))


_HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "code",
        "pre",
        "blockquote",
    }
)
_HTML_KINDS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
_HTML_ENTITY_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n\v\f\0"
_HTML_SPECIAL_RE = re.compile(r"[&<>]")
_HTML_NAME_END_RE = re.compile(r"[ \t\r\n\v\f\0>]")


def _html_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode the HTML entity starting at text[i] ('&'): (character, next index), or None."""
    match = _HTML_ENTITY_RE.match(text, i)
    if match is None:
        return None
    named, dec, hexa = match.groups()
    if named:
        return _NAMED[named], match.end()
    code = int(dec) if dec else int(hexa, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the output
    byte_offset: int


def _html_attributes(text: str, i: int, tag: _OpenTag) -> int:
    """Read attributes after a start tag's name; return the index after '>'."""
    n = len(text)
    where = f'the tag "{tag.name}" at byte offset {tag.byte_offset}'
    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {tag.byte_offset}")
        if text[i] == ">":
            return i + 1
        name_start = i
        while i < n and text[i] not in _SPACE and text[i] not in "=>":
            i += 1
        name = text[name_start:i]
        if not name:
            raise EntityParseError(f"Empty attribute name in {where}")
        while i < n and text[i] in _SPACE:
            i += 1
        if tag.name == "blockquote" and name == "expandable" and text[i : i + 1] != "=":
            tag.attrs[name] = ""  # the one attribute Telegram takes without a value
            continue
        if i >= n or text[i] != "=":
            raise EntityParseError(f"Expected equal sign in declaration of an attribute of {where}")
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            raise EntityParseError(
                f'Unclosed start tag "{tag.name}" at byte offset {tag.byte_offset}'
            )
        if text[i] not in "'\"":
            token_start = i
            while i < n and ((text[i].isascii() and text[i].isalnum()) or text[i] in ".-"):
                i += 1
            if i < n and text[i] not in _SPACE and text[i] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                )
            value = text[token_start:i].lower()
        else:
            quote = text[i]
            i += 1
            chars: list[str] = []
            while i < n and text[i] != quote:
                decoded = _html_entity(text, i) if text[i] == "&" else None
                if decoded is not None:
                    chars.append(decoded[0])
                    i = decoded[1]
                else:  # like Telegram, a bare '&' inside a quoted value is kept as is
                    chars.append(text[i])
                    i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {tag.byte_offset}")
            i += 1
            value = "".join(chars)
        tag.attrs[name] = value


def _check_html_tag(tag: _OpenTag) -> None:
    attrs, where = tag.attrs, f"at byte offset {tag.byte_offset}"
    if tag.name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    if tag.name == "a" and not attrs.get("href"):
        raise EntityParseError(f'Tag "a" must have a non-empty attribute "href" {where} {STRICTER}')
    if tag.name == "tg-emoji" and not _INT_RE.fullmatch(attrs.get("emoji-id", "")):
        raise EntityParseError("Custom emoji entity must contain a valid custom emoji identifier")
    if tag.name == "tg-time" and not _INT_RE.fullmatch(attrs.get("unix", "")):
        raise EntityParseError(f'Tag "tg-time" must have an integer attribute "unix" {where}')


def _close_html_tag(out: _Builder, tag: _OpenTag) -> None:
    attrs = tag.attrs
    if tag.name == "a":
        out.entity("text_link", tag.start, url=attrs["href"])
    elif tag.name == "tg-emoji":
        out.entity("custom_emoji", tag.start, custom_emoji_id=attrs["emoji-id"])
    elif tag.name == "tg-time":
        extra: dict[str, Any] = {"unix_time": int(attrs["unix"])}
        if attrs.get("format"):
            extra["date_time_format"] = attrs["format"]
        out.entity("date_time", tag.start, **extra)
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attrs else "blockquote"
        out.entity(kind, tag.start)
    elif tag.name == "code" and attrs.get("class", "").startswith("language-"):
        out.entity("code", tag.start, language=attrs["class"][len("language-") :])
    elif tag.name == "pre":
        inner = [
            e
            for e in out.entities
            if e["type"] == "code" and e["offset"] == tag.start and "language" in e
        ]
        out.entity("pre", tag.start)
        if inner and out.entities[-1]["length"] == inner[-1]["length"]:
            out.entities.remove(inner[-1])
            out.entities[-1]["language"] = inner[-1]["language"]
    else:
        out.entity(_HTML_KINDS[tag.name], tag.start)


def parse_html(text: str) -> ParsedText:
    """Parse Telegram's HTML subset; raise EntityParseError with Telegram's reason.

    Stricter than the live server in one way the Bot API docs require: every `&` must start
    &lt; &gt; &amp; &quot; or a numeric entity, and a bare `>` must be written &gt;.
    """
    out = _Builder()
    stack: list[_OpenTag] = []
    n, i = len(text), 0
    while i < n:
        c = text[i]
        if c == "&":
            decoded = _html_entity(text, i)
            if decoded is None:
                raise EntityParseError(
                    f'Character "&" at byte offset {_byte_offset(text, i)} must be escaped '
                    f'as "&amp;" {STRICTER}'
                )
            out.add(decoded[0])
            i = decoded[1]
            continue
        if c == ">":
            raise EntityParseError(
                f'Character ">" at byte offset {_byte_offset(text, i)} must be escaped '
                f'as "&gt;" {STRICTER}'
            )
        if c != "<":
            special = _HTML_SPECIAL_RE.search(text, i)  # the next '&', '<' or '>'
            j = n if special is None else special.start()
            out.add(text[i:j])
            i = j
            continue
        begin = _byte_offset(text, i)
        if i + 1 < n and text[i + 1] == "/":
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
            j = i + 2
            while j < n and text[j] not in _SPACE and text[j] != ">":
                j += 1
            end_name = text[i + 2 : j].lower()
            while j < n and text[j] in _SPACE:
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
            tag = stack.pop()
            if end_name and end_name != tag.name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {begin}, expected "</{tag.name}>", '
                    f'found "</{end_name}>"'
                )
            _close_html_tag(out, tag)
            i = j + 1
            continue
        name_end = _HTML_NAME_END_RE.search(text, i + 1)  # the next space or '>'
        j = n if name_end is None else name_end.start()
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        name = text[i + 1 : j].lower()
        if name not in _HTML_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {begin}')
        tag = _OpenTag(name, {}, out.offset, begin)
        i = _html_attributes(text, j, tag)
        _check_html_tag(tag)
        stack.append(tag)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return out.result()


_MDV2_RESERVED = "_*[]()~`>#+-=|{}.!"
_MDV2_KINDS = {
    "Bold": "bold",
    "Italic": "italic",
    "Underline": "underline",
    "Strikethrough": "strikethrough",
    "Spoiler": "spoiler",
    "Code": "code",
    "Pre": "pre",
    "TextUrl": "text_link",
    "CustomEmoji": "custom_emoji",
}


def _read_url(text: str, i: int) -> tuple[str, int]:
    """Read a MarkdownV2 `(url)` whose '(' is at i-1; return (url, index of ')')."""
    chars: list[str] = []
    start = i
    while i < len(text) and text[i] != ")":
        if text[i] == "\\" and i + 1 < len(text) and 0 < ord(text[i + 1]) <= 126:
            chars.append(text[i + 1])
            i += 2
            continue
        chars.append(text[i])
        i += 1
    if i >= len(text):
        raise EntityParseError(
            f"Can't find end of a URL at byte offset {_byte_offset(text, start)}"
        )
    return "".join(chars), i


def _mdv2_ends(kind: str, text: str, i: int) -> bool:
    c, nxt = text[i], text[i + 1 : i + 2]
    return {
        "Bold": c == "*",
        "Italic": c == "_" and nxt != "_",
        "Underline": c == "_" and nxt == "_",
        "Strikethrough": c == "~",
        "Spoiler": c == "|" and nxt == "|",
        "Code": c == "`",
        "Pre": text.startswith("```", i),
        "TextUrl": c == "]",
        "CustomEmoji": c == "]",
    }[kind]


def parse_markdown_v2(text: str) -> ParsedText:
    """Parse MarkdownV2 following tdlib: reserved characters must be escaped with '\\'."""
    out = _Builder()
    stack: list[tuple[str, int, int, str]] = []  # kind, utf16 start, byte offset, argument
    n, i = len(text), 0
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        in_code = bool(stack) and stack[-1][0] in ("Code", "Pre")
        if c not in ("`" if in_code else _MDV2_RESERVED):
            out.add(c)
            i += 1
            continue
        if c == ">" and (i == 0 or text[i - 1] == "\n") and not stack:
            i += 1  # block quotation marker at the start of a line
            continue
        if stack and _mdv2_ends(stack[-1][0], text, i):
            kind, start, _, arg = stack.pop()
            extra: dict[str, Any] = {}
            if kind in ("Underline", "Spoiler"):
                i += 1
            elif kind == "Pre":
                i += 2
                if arg:
                    extra["language"] = arg
            elif kind in ("TextUrl", "CustomEmoji"):
                if text[i + 1 : i + 2] != "(":
                    if kind == "CustomEmoji":
                        raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                    url = "".join(out.parts)[start:]
                else:
                    url, i = _read_url(text, i + 2)
                if kind == "TextUrl":
                    extra["url"] = url
                else:
                    extra["custom_emoji_id"] = url.rpartition("id=")[2]
            out.entity(_MDV2_KINDS[kind], start, **extra)
            i += 1
            continue
        begin = _byte_offset(text, i)
        argument = ""
        if c == "_":
            kind = "Underline" if text[i + 1 : i + 2] == "_" else "Italic"
            i += 2 if kind == "Underline" else 1
        elif c == "*":
            kind, i = "Bold", i + 1
        elif c == "~":
            kind, i = "Strikethrough", i + 1
        elif c == "|" and text[i + 1 : i + 2] == "|":
            kind, i = "Spoiler", i + 2
        elif c == "[":
            kind, i = "TextUrl", i + 1
        elif c == "!" and text[i + 1 : i + 2] == "[":
            kind, i = "CustomEmoji", i + 2
        elif c == "`" and text.startswith("```", i):
            kind, i = "Pre", i + 3
            end = i
            while end < n and text[end] not in _SPACE and text[end] != "`":
                end += 1
            if end != i and end < n and text[end] != "`":
                argument, i = text[i:end], end
            if text[i : i + 1] in ("\n", "\r"):
                i += 2 if text[i : i + 2] in ("\r\n", "\n\r") else 1
        elif c == "`":
            kind, i = "Code", i + 1
        else:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        stack.append((kind, out.offset, begin, argument))
    if stack:
        kind, _, begin, _ = stack[-1]
        raise EntityParseError(f"Can't find end of {kind} entity at byte offset {begin}")
    return out.result()


def parse_markdown(text: str) -> ParsedText:
    """Parse legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, links)."""
    out = _Builder()
    n, i = len(text), 0
    while i < n:
        c = text[i]
        if c == "\\" and text[i + 1 : i + 2] in ("_", "*", "`", "["):
            out.add(text[i + 1])
            i += 2
            continue
        if c not in "_*`[":
            out.add(c)
            i += 1
            continue
        begin = i
        end_char = "]" if c == "[" else c
        is_pre = c == "`" and text.startswith("```", i)
        i += 3 if is_pre else 1
        if is_pre and text[i : i + 1] == "\n":
            i += 1
        start = out.offset
        j = i
        while j < n and (text[j] != end_char or (is_pre and not text.startswith("```", j))):
            j += 1
        if j >= n:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {_byte_offset(text, begin)}"
            )
        out.add(text[i:j])
        i = j + (3 if is_pre else 1)
        if c == "[":
            url = text[begin + 1 : j]
            if text[i : i + 1] == "(":
                close = text.find(")", i)
                url, i = (text[i + 1 : close], close + 1) if close >= 0 else (text[i + 1 :], n)
            out.entity("text_link", start, url=url)
        else:
            kind = {"_": "italic", "*": "bold"}.get(c, "pre" if is_pre else "code")
            out.entity(kind, start)
    return out.result()


def parse_formatted(text: str, parse_mode: str | None) -> ParsedText:
    """Plain text and entities for a text sent with `parse_mode` (None: the text as is)."""
    mode = PARSE_MODES.get((parse_mode or "").lower())
    if mode is None:
        return _strip(ParsedText(text))
    # Every call's text is parsed twice (validation, then the send), and bots resend the same
    # texts: the parse is remembered; each caller gets entity dicts of its own to keep.
    parsed = _parse_cached(mode, text)
    return ParsedText(parsed.text, tuple(dict(e) for e in parsed.entities))


@lru_cache(maxsize=512)
def _parse_cached(mode: str, text: str) -> ParsedText:
    """Parse by mode; a malformed text raises (and is not remembered)."""
    if mode == "HTML":
        return parse_html(text)
    if mode == "MarkdownV2":
        return parse_markdown_v2(text)
    return parse_markdown(text)


# --------------------------------------------------------------------------------------------
# Call validation


def _type_matches(value: object, type_name: str) -> bool:
    if type_name.startswith("Array of "):
        inner = type_name[len("Array of ") :]
        return isinstance(value, list) and all(_type_matches(v, inner) for v in value)
    if type_name == "String":
        return isinstance(value, str)
    if type_name == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "Float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_name == "Boolean":
        return isinstance(value, bool)
    if type_name == "InputFile":
        return isinstance(value, str)  # a file part, or "attach://name"
    return isinstance(value, dict)


def _check_object(
    spec: BotApiSpec, type_name: str, value: object, path: str, problems: list[Problem]
) -> None:
    """Check a kept type (required, unknown and mistyped fields), recursing into kept types."""
    fields = spec.types.get(type_name)
    if fields is None:
        return
    if not isinstance(value, dict):
        problems.append(
            Problem(f"Bad Request: can't parse {type_name}", f"{path} is not an object")
        )
        return
    for name, fs in fields.items():
        if fs.required and name not in value:
            problems.append(
                Problem(f'Bad Request: field "{name}" of {type_name} is required', path)
            )
    for name, item in value.items():
        item_spec = fields.get(name)
        if item_spec is None:
            problems.append(
                Problem(
                    f'Bad Request: unknown field "{name}" in {type_name} {STRICTER}',
                    f"{path}.{name}",
                )
            )
        elif not any(_type_matches(item, t) for t in item_spec.types):
            problems.append(
                Problem(
                    f'Bad Request: field "{name}" of {type_name} must be '
                    f"{' or '.join(item_spec.types)}",
                    f"{path}.{name}={item!r}",
                )
            )
        elif isinstance(item, list | dict):  # only lists and objects have anything nested
            for t in item_spec.types:
                _check_nested(spec, t, item, f"{path}.{name}", problems)


def _check_nested(
    spec: BotApiSpec, type_name: str, value: object, path: str, problems: list[Problem]
) -> None:
    if type_name.startswith("Array of ") and isinstance(value, list):
        for k, item in enumerate(value):
            _check_nested(spec, type_name[len("Array of ") :], item, f"{path}[{k}]", problems)
    elif type_name in spec.types and isinstance(value, dict):
        _check_object(spec, type_name, value, path, problems)


def _button_problem(reason: str, path: str) -> Problem:
    return Problem(f"Bad Request: can't parse inline keyboard button: {reason}", path)


def check_inline_button(spec: BotApiSpec, button: object, path: str) -> list[Problem]:
    """One InlineKeyboardButton: text, exactly one action, callback_data of 1-64 bytes."""
    if not isinstance(button, dict):
        return [_button_problem("InlineKeyboardButton must be an Object", path)]
    if not isinstance(button.get("text"), str):
        return [_button_problem('Field "text" must be of type String', path)]
    problems: list[Problem] = []
    _check_object(spec, "InlineKeyboardButton", button, path, problems)
    actions = sorted(k for k in button if k not in BUTTON_DECORATION)
    if not actions:
        problems.append(_button_problem("Text buttons are unallowed in the inline keyboard", path))
    elif len(actions) > 1:
        problems.append(
            _button_problem("exactly one of the optional fields must be used", f"{path}: {actions}")
        )
    data = button.get("callback_data")
    if isinstance(data, str):
        size = len(data.encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            problems.append(
                Problem(
                    "Bad Request: BUTTON_DATA_INVALID",
                    f"{path}.callback_data is {size} bytes, must be 1-{MAX_CALLBACK_DATA_BYTES}",
                )
            )
    if "url" in button and not button["url"]:
        problems.append(Problem("Bad Request: BUTTON_URL_INVALID", f"{path}.url is empty"))
    return problems


def check_reply_markup(
    spec: BotApiSpec, markup: object, *, inline_only: bool = False
) -> list[Problem]:
    """A reply_markup: inline keyboard, reply keyboard, keyboard removal or force reply."""
    if not isinstance(markup, dict):
        return [Problem("Bad Request: can't parse reply keyboard markup JSON object")]
    if "inline_keyboard" not in markup:
        if inline_only:
            return [Problem("Bad Request: inline keyboard expected", "reply_markup")]
        for type_name, key in (
            ("ReplyKeyboardMarkup", "keyboard"),
            ("ReplyKeyboardRemove", "remove_keyboard"),
            ("ForceReply", "force_reply"),
        ):
            if key in markup:
                problems: list[Problem] = []
                rows = markup[key]
                if key == "keyboard" and not (
                    isinstance(rows, list) and all(isinstance(r, list) for r in rows)
                ):
                    return [
                        Problem(
                            'Bad Request: field "keyboard" of the ReplyKeyboardMarkup should be '
                            "an Array of Arrays"
                        )
                    ]
                if key == "keyboard":  # plain strings are accepted as buttons
                    markup = {
                        **markup,
                        "keyboard": [
                            [{"text": b} if isinstance(b, str) else b for b in row] for row in rows
                        ],
                    }
                _check_object(spec, type_name, markup, "reply_markup", problems)
                return problems
        return [Problem("Bad Request: can't parse reply keyboard markup JSON object")]
    rows = markup["inline_keyboard"]
    if not (isinstance(rows, list) and all(isinstance(r, list) for r in rows)):
        return [
            Problem(
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an '
                "Array of Arrays"
            )
        ]
    problems = [
        Problem(f'Bad Request: unknown field "{k}" in InlineKeyboardMarkup {STRICTER}')
        for k in markup
        if k != "inline_keyboard"
    ]
    count = 0
    for r, row in enumerate(rows):
        for c, button in enumerate(row):
            count += 1
            problems += check_inline_button(spec, button, f"inline_keyboard[{r}][{c}]")
    if count > MAX_INLINE_BUTTONS:
        problems.append(Problem("Bad Request: reply markup is too long", f"{count} buttons"))
    return problems


def check_text(text: object, parse_mode: object, *, caption: bool = False) -> list[Problem]:
    """Text or caption: parseable in its parse_mode, and 1-4096 (caption 0-1024) UTF-16 units."""
    what = "caption" if caption else "text"
    if not isinstance(text, str):
        return [Problem(f"Bad Request: message {what} is empty", f"{what} is not a string")]
    mode = parse_mode if isinstance(parse_mode, str) else None
    if mode is not None and mode.lower() not in PARSE_MODES:
        return [Problem("Bad Request: unsupported parse_mode", f"parse_mode={mode!r}")]
    try:
        parsed = parse_formatted(text, mode)
    except EntityParseError as exc:
        return [Problem(f"Bad Request: can't parse entities: {exc}")]
    size = utf16_len(parsed.text)
    if caption:
        if size > MAX_CAPTION_UTF16:
            return [
                Problem(
                    "Bad Request: message caption is too long",
                    f"caption is {size} UTF-16 units after entity parsing, limit "
                    f"{MAX_CAPTION_UTF16}",
                )
            ]
        return []
    if size == 0:
        return [Problem("Bad Request: message text is empty")]
    if size > MAX_TEXT_UTF16:
        return [
            Problem(
                "Bad Request: message is too long",
                f"text is {size} UTF-16 units after entity parsing, limit {MAX_TEXT_UTF16}",
            )
        ]
    return []


def check_chat_id(value: object) -> list[Problem]:
    """chat_id must be an integer or an @username."""
    if isinstance(value, int) and not isinstance(value, bool):
        return []
    if isinstance(value, str) and _USERNAME_RE.fullmatch(value):
        return []
    return [Problem("Bad Request: chat not found", f"chat_id={value!r}")]


def check_commands(commands: object) -> list[Problem]:
    """setMyCommands: at most 100 BotCommands of a-z0-9_ (1-32) with 1-256 char descriptions."""
    if not isinstance(commands, list):
        return [Problem("Bad Request: can't parse commands JSON object")]
    problems: list[Problem] = []
    if len(commands) > MAX_COMMANDS:
        problems.append(Problem("Bad Request: too many commands", f"{len(commands)} commands"))
    for k, command in enumerate(commands):
        if not isinstance(command, dict):
            problems.append(Problem("Bad Request: can't parse BotCommand", f"commands[{k}]"))
            continue
        name, text = command.get("command"), command.get("description")
        if not (isinstance(name, str) and _COMMAND_RE.fullmatch(name)):
            problems.append(Problem("Bad Request: BOT_COMMAND_INVALID", f"command={name!r}"))
        if not (isinstance(text, str) and 1 <= len(text.strip()) <= 256):
            problems.append(
                Problem("Bad Request: command description must be 1-256 characters", f"{name!r}")
            )
    return problems


def _required_problem(method: str, name: str) -> Problem:
    if name == "text" and method in TEXT_METHODS:
        return Problem("Bad Request: message text is empty", "text is missing")
    return Problem(f"Bad Request: {name} is empty", f'required parameter "{name}" is missing')


def validate_call(
    spec: BotApiSpec,
    method: str,
    params: Mapping[str, object],
    files: Collection[str] = (),
) -> list[Problem]:
    """Every reason the real Bot API would refuse this call (params already coerced).

    `method` must be the spec's spelling (see BotApiSpec.canonical); `files` names the
    multipart file parts, which satisfy InputFile fields.
    """
    fields = spec.methods.get(method)
    if fields is None:
        return [Problem("Not Found", f"{method} is not a Bot API method", status=404)]
    problems: list[Problem] = []
    for name, fs in fields.items():
        if fs.required and name not in params and name not in files:
            problems.append(_required_problem(method, name))
    for name, value in params.items():
        value_spec = fields.get(name)
        if value_spec is None:
            problems.append(Problem(f'Bad Request: unknown parameter "{name}" {STRICTER}'))
        elif not any(_type_matches(value, t) for t in value_spec.types):
            problems.append(
                Problem(
                    f'Bad Request: parameter "{name}" must be {" or ".join(value_spec.types)}',
                    f"{name}={value!r}",
                )
            )
        elif name not in ("reply_markup", "commands") and isinstance(value, list | dict):
            for t in value_spec.types:
                _check_nested(spec, t, value, name, problems)
    problems += _semantic_checks(spec, method, params)
    return problems


def _semantic_checks(
    spec: BotApiSpec, method: str, params: Mapping[str, object]
) -> Iterable[Problem]:
    if "chat_id" in params:
        yield from check_chat_id(params["chat_id"])
    if method in EDIT_METHODS and "inline_message_id" not in params:
        if "chat_id" not in params:
            yield Problem("Bad Request: chat_id is empty", "no chat_id nor inline_message_id")
        if "message_id" not in params:
            yield Problem("Bad Request: message identifier is not specified")
    if method in TEXT_METHODS and "text" in params:
        yield from check_text(params["text"], params.get("parse_mode"))
    elif "caption" in params:
        yield from check_text(params["caption"], params.get("parse_mode"), caption=True)
    elif isinstance(params.get("parse_mode"), str):
        mode = str(params["parse_mode"])
        if mode.lower() not in PARSE_MODES:
            yield Problem("Bad Request: unsupported parse_mode", f"parse_mode={mode!r}")
    markup_spec = spec.methods[method].get("reply_markup")
    if "reply_markup" in params and markup_spec is not None:
        inline_only = markup_spec.types == ("InlineKeyboardMarkup",)
        yield from check_reply_markup(spec, params["reply_markup"], inline_only=inline_only)
    if method == "setMyCommands" and "commands" in params:
        yield from check_commands(params["commands"])
    if method == "sendChatAction" and params.get("action") not in CHAT_ACTIONS:
        yield Problem("Bad Request: wrong parameter action in request", f"{params.get('action')!r}")
    if method == "answerCallbackQuery" and isinstance(params.get("text"), str):
        size = len(str(params["text"]))
        if size > MAX_CALLBACK_ANSWER_CHARS:
            yield Problem("Bad Request: MESSAGE_TOO_LONG", f"callback answer is {size} characters")
