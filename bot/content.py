"""Content models and their loader: practices, series and the bot's own texts.

Pure: reads files, imports neither ``telegram`` nor ``redis``. Every problem is reported with
the file, the line and the field, so an author can fix it without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.emulator.validate import parse_formatted, utf16_len

TEXT_LIMIT = 4096
"""Telegram's limit on a message's text after entity parsing (UTF-16 code units)."""
PRACTICE_TEXT_LIMIT = 1500
"""A practice is a minute or two of doing; longer text stops being one."""
_ID = r"^[a-z0-9][a-z0-9-]{1,39}$"

M = TypeVar("M", bound=BaseModel)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Source(_Frozen):
    """Where a practice came from: an essay under content/essays and an exact quote of it."""

    essay: str = Field(pattern=r"^[A-Za-z0-9_.-]+\.txt$")
    quote: str = Field(min_length=20, max_length=600)


_THEME = r"^[a-z_]+$"


class _PracticeEntry(_Frozen):
    """A practice as written in a file (the file gives its theme)."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=2, max_length=60)
    text: str = Field(min_length=40, max_length=PRACTICE_TEXT_LIMIT)
    follow_up: str = Field(min_length=5, max_length=200)
    recalls_pain: bool = False
    """Asks to bring back a hurt or a hard time: the care line is added when it is sent, and it
    is never the gentle practice chosen for a first day or after a hard message."""
    source: Source


_Entry = _PracticeEntry


class Practice(_PracticeEntry):
    """One micro-practice: a minute or two of doing, and a question that invites a reply."""

    theme: str = Field(pattern=_THEME)
    gentle: bool = False
    """From its theme: fit for a first day, and for the day after someone said they are hurting."""


class PracticeFile(_Frozen):
    """A file of practices sharing one theme."""

    theme: str = Field(pattern=_THEME)
    gentle: bool = False
    """The theme a new user begins with, and the one chosen after a hard message."""
    practices: tuple[_PracticeEntry, ...] = Field(min_length=1)


class SeriesDay(_Frozen):
    """One day of a series: a morning practice and the words before the evening check-in."""

    day: int = Field(ge=1, le=60)
    title: str = Field(min_length=2, max_length=60)
    morning: str = Field(min_length=40, max_length=PRACTICE_TEXT_LIMIT)
    evening: str = Field(min_length=5, max_length=600)
    source: Source


class Series(_Frozen):
    """An opt-in series of days (the intuition week)."""

    id: str = Field(pattern=r"^[a-z0-9_]{2,40}$")
    title: str = Field(min_length=2, max_length=60)
    intro: str = Field(min_length=10, max_length=600)
    days: tuple[SeriesDay, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _days_in_order(self) -> Self:
        numbers = [d.day for d in self.days]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"days must be numbered 1..{len(numbers)} in order, got {numbers}")
        return self


@dataclass(frozen=True, slots=True)
class Library:
    """All content, loaded and checked."""

    practices: tuple[Practice, ...]
    series: tuple[Series, ...]
    essays: dict[str, str]
    files: tuple[Path, ...]

    def practice(self, practice_id: str) -> Practice | None:
        return next((p for p in self.practices if p.id == practice_id), None)

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.theme for p in self.practices))

    def series_by_id(self, series_id: str) -> Series | None:
        return next((s for s in self.series if s.id == series_id), None)


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with a content file, located precisely."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(Exception):
    """Content that must not be served; carries every problem found."""

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def load_library(root: Path) -> Library:
    """Load and check everything under ``root``; raise ``ContentError`` naming each problem."""
    problems: list[ContentProblem] = []
    essays = _load_essays(root / "essays", problems)
    practices: list[Practice] = []
    seen: dict[str, tuple[Path, int]] = {}
    files: list[Path] = []
    for path in sorted((root / "practices").glob("*.y*ml")):
        files.append(path)
        loaded = read_yaml(path, problems)
        if loaded is None:
            continue
        data, node = loaded
        model = validate(path, data, node, PracticeFile, problems)
        # A file with one bad entry still has every other entry checked: all problems, one run.
        entries = enumerate(model.practices) if model else _salvage(data, "practices", _Entry)
        for index, entry in entries:
            base = ("practices", index)
            _check_id(entry.id, path, _line(node, (*base, "id")), seen, problems)
            _check_source(entry.source, essays, path, node, base, problems)
            for field in ("title", "text", "follow_up"):
                _check_any_time(getattr(entry, field), path, node, (*base, field), problems)
            for field in ("text", "follow_up"):
                _check_html(getattr(entry, field), path, node, (*base, field), problems)
            if model is not None:
                _check_care(entry, model.gentle, path, node, base, problems)
                practices.append(
                    Practice(theme=model.theme, gentle=model.gentle, **entry.model_dump())
                )
    series: list[Series] = []
    for path in sorted((root / "series").glob("*.y*ml")):
        files.append(path)
        loaded = read_yaml(path, problems)
        if loaded is None:
            continue
        data, node = loaded
        one = validate(path, data, node, Series, problems)
        days = enumerate(one.days) if one else _salvage(data, "days", SeriesDay)
        for index, day in days:
            base = ("days", index)
            _check_source(day.source, essays, path, node, base, problems)
            for field in ("morning", "evening"):
                _check_any_time(getattr(day, field), path, node, (*base, field), problems)
                _check_html(getattr(day, field), path, node, (*base, field), problems)
        if one is not None:
            series.append(one)
    if not practices and not problems:
        problems.append(ContentProblem(root / "practices", 0, "", "no practices found"))
    elif practices and not any(p.gentle for p in practices):
        problems.append(
            ContentProblem(
                root / "practices",
                0,
                "gentle",
                "no theme is marked 'gentle: true': new users and people who are hurting "
                "need one to begin with",
            )
        )
    if problems:
        raise ContentError(problems)
    practices.sort(key=lambda p: p.id)  # a stable order, whatever the files' order
    return Library(tuple(practices), tuple(series), essays, tuple(files))


E = TypeVar("E", bound=BaseModel)


def _salvage(data: Any, key: str, model: type[E]) -> list[tuple[int, E]]:
    """The entries of ``data[key]`` that are valid on their own (their file is not)."""
    items = data.get(key) if isinstance(data, dict) else None
    out: list[tuple[int, E]] = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            out.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported with the file's own errors
    return out


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Load one YAML file into ``model``, raising ``ContentError`` with file and line."""
    problems: list[ContentProblem] = []
    loaded = _load_model(path, model, problems)
    if loaded is None:
        raise ContentError(problems)
    return loaded[0]


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace, so a quote may wrap differently from the essay."""
    return re.sub(r"\s+", " ", text).strip()


def _load_essays(folder: Path, problems: list[ContentProblem]) -> dict[str, str]:
    essays = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    if not essays:
        problems.append(ContentProblem(folder, 0, "", "no essays (*.txt) found"))
    return essays


def _load_model(
    path: Path, model: type[M], problems: list[ContentProblem]
) -> tuple[M, yaml.Node] | None:
    loaded = read_yaml(path, problems)
    if loaded is None:
        return None
    data, node = loaded
    checked = validate(path, data, node, model, problems)
    return None if checked is None else (checked, node)


def read_yaml(path: Path, problems: list[ContentProblem]) -> tuple[Any, yaml.Node] | None:
    """A YAML file's data and its node tree (for lines); ``None`` after naming the problem."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        problems.append(ContentProblem(path, 0, "", f"not UTF-8 text ({exc.reason})"))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(ContentProblem(path, line, "", f"bad YAML: {exc.problem or exc}"))
        return None
    except OSError as exc:
        problems.append(ContentProblem(path, 0, "", f"cannot be read ({exc.strerror or exc})"))
        return None
    if node is None:
        problems.append(ContentProblem(path, 0, "", "the file is empty"))
        return None
    before = len(problems)
    _check_duplicate_keys(path, node, (), problems)
    if len(problems) > before:
        return None
    return data, node


def validate(
    path: Path, data: Any, node: yaml.Node, model: type[M], problems: list[ContentProblem]
) -> M | None:
    """``data`` as ``model``; each validation error becomes a problem with its line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                ContentProblem(path, _line(node, loc), _field(loc), _message(error["msg"], loc))
            )
        return None


def html_problem(text: str) -> str | None:
    """Why Telegram would refuse ``text`` in HTML parse mode, or ``None`` when it would not."""
    try:
        length = utf16_len(parse_formatted(text, "HTML").text)
    except ValueError as exc:
        return str(exc)
    if length > TEXT_LIMIT:
        return f"{length} characters is over Telegram's limit of {TEXT_LIMIT}"
    return None


def locate(node: yaml.Node, loc: tuple[str | int, ...]) -> tuple[int, str]:
    """The 1-based line and the field name of ``loc`` in a file's node tree."""
    return _line(node, loc), _field(loc)


def _check_duplicate_keys(
    path: Path, node: yaml.Node, loc: tuple[str | int, ...], problems: list[ContentProblem]
) -> None:
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in keys:
                field = _field((*loc, name))
                problems.append(
                    ContentProblem(path, key.start_mark.line + 1, field, "appears twice")
                )
            keys.add(name)
            _check_duplicate_keys(path, value, (*loc, name), problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _check_duplicate_keys(path, item, (*loc, index), problems)


def _check_id(
    practice_id: str,
    path: Path,
    line: int,
    seen: dict[str, tuple[Path, int]],
    problems: list[ContentProblem],
) -> None:
    if practice_id in seen:
        first_path, first_line = seen[practice_id]
        problems.append(
            ContentProblem(
                path,
                line,
                "id",
                f"duplicate id {practice_id!r} (first at {first_path}:{first_line})",
            )
        )
    else:
        seen[practice_id] = (path, line)


def _check_source(
    source: Source,
    essays: dict[str, str],
    path: Path,
    node: yaml.Node,
    base: tuple[str | int, ...],
    problems: list[ContentProblem],
) -> None:
    essay = essays.get(source.essay)
    if essay is None:
        line = _line(node, (*base, "source", "essay"))
        known = ", ".join(sorted(essays)) or "none"
        problems.append(
            ContentProblem(
                path,
                line,
                _field((*base, "source", "essay")),
                f"no essay named {source.essay!r} (known: {known})",
            )
        )
    elif normalise_space(source.quote) not in normalise_space(essay):
        line = _line(node, (*base, "source", "quote"))
        problems.append(
            ContentProblem(
                path,
                line,
                _field((*base, "source", "quote")),
                f"not found word for word in essays/{source.essay}",
            )
        )


def _check_html(
    text: str,
    path: Path,
    node: yaml.Node,
    loc: tuple[str | int, ...],
    problems: list[ContentProblem],
) -> None:
    problem = html_problem(text)
    if problem is not None:
        problems.append(ContentProblem(path, _line(node, loc), _field(loc), problem))


_ANY_TIME = re.compile(r"\bthis\s+morning\b", re.IGNORECASE)
"""A practice can arrive at any hour (a late morning time, /practice, /later), so it must not
say when it is read."""

_PAIN = re.compile(
    r"\b(hurts?|hurting|pain|painful|wound\w*|hard times?|hardships?|challenges? you|"
    r"came through|got through|go through|wavered|wobbled|betray\w*|shadow|baggage|"
    r"trust feels hard|old fears?|suspicio\w*|resent\w*|rejected|loss)\b",
    re.IGNORECASE,
)
"""Words that, in a practice's text, usually mean it asks someone to bring back something
painful. A match needs an explicit ``recalls_pain`` (true adds the care line; false says the
author looked and it does not), so a new practice cannot skip the question."""


def _check_any_time(
    text: str,
    path: Path,
    node: yaml.Node,
    loc: tuple[str | int, ...],
    problems: list[ContentProblem],
) -> None:
    found = _ANY_TIME.search(text)
    if found:
        problems.append(
            ContentProblem(
                path,
                _line_of(node, loc, found.group(0)),
                _field(loc),
                f"says {found.group(0)!r}, but it can arrive at any time of day; "
                "say 'today' or 'right now' instead",
            )
        )


def _check_care(
    entry: _PracticeEntry,
    gentle: bool,
    path: Path,
    node: yaml.Node,
    base: tuple[str | int, ...],
    problems: list[ContentProblem],
) -> None:
    if entry.recalls_pain and gentle:
        problems.append(
            ContentProblem(
                path,
                _line(node, (*base, "recalls_pain")),
                _field((*base, "recalls_pain")),
                "a gentle theme is for first days and hard days: move this practice to "
                "another theme",
            )
        )
        return
    field = "text" if _PAIN.search(entry.text) else "follow_up"
    found = _PAIN.search(getattr(entry, field))
    if found and "recalls_pain" not in entry.model_fields_set:
        problems.append(
            ContentProblem(
                path,
                _line_of(node, (*base, field), found.group(0)),
                _field((*base, field)),
                f"mentions {found.group(0)!r}: if it asks to recall something painful, add "
                "'recalls_pain: true' (it adds the care line); if it does not, "
                "'recalls_pain: false'",
            )
        )


def _walk(node: yaml.Node, loc: tuple[str | int, ...]) -> Iterator[yaml.Node]:
    yield node
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((v for k, v in node.value if k.value == part), None)
            if match is None:
                match = next((k for k, _ in node.value if k.value == part), None)
            if match is None:
                return
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return
            node = node.value[part]
        else:
            return
        yield node


def _line(node: yaml.Node, loc: tuple[str | int, ...]) -> int:
    """1-based line of the deepest node that ``loc`` reaches."""
    *_, last = _walk(node, loc)
    return int(last.start_mark.line) + 1


def _line_of(node: yaml.Node, loc: tuple[str | int, ...], words: str) -> int:
    """1-based line of ``words`` inside the value at ``loc`` (a literal block keeps its lines;
    any other value is reported at its own line)."""
    *_, last = _walk(node, loc)
    line = int(last.start_mark.line) + 1
    if not isinstance(last, yaml.ScalarNode) or last.style != "|" or words not in last.value:
        return line
    value: str = last.value
    return line + 1 + value[: value.index(words)].count("\n")


def _field(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _message(msg: str, loc: tuple[str | int, ...]) -> str:
    if msg == "Extra inputs are not permitted":
        return f"unknown field {str(loc[-1])!r}"
    if msg == "Field required":
        return "missing"
    return msg
