"""texts.yaml against the code: placeholders the code fills, HTML Telegram accepts, every
problem of every file in one run of ``tend content check``."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import default_content_dir
from bot.texts import PLACEHOLDERS, Texts, text_problems

ROOT = Path(__file__).resolve().parent.parent
CONTENT = default_content_dir()


def format_calls() -> dict[str, set[frozenset[str]]]:
    """For each text key, the keyword sets the code passes to ``<...>.key.format(...)``."""
    calls: dict[str, set[frozenset[str]]] = {}
    for path in [*(ROOT / "bot").rglob("*.py"), *(ROOT / "scheduler").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            target = node.func.value
            is_text = isinstance(target, ast.Attribute) and target.attr in Texts.model_fields
            if node.func.attr == "format" and is_text:
                assert isinstance(target, ast.Attribute)
                names = frozenset(k.arg for k in node.keywords if k.arg is not None)
                calls.setdefault(target.attr, set()).add(names)
    return calls


def test_the_table_is_what_the_code_passes() -> None:
    calls = format_calls()
    assert len(calls) > 30  # the scan found the call sites
    for key, passed in calls.items():
        assert passed == {frozenset(PLACEHOLDERS.get(key, ()))}, key
    assert set(PLACEHOLDERS) <= set(Texts.model_fields)


@pytest.mark.parametrize(
    ("loc", "text", "problem"),
    [
        (("welcome_back",), "Hi {nextline}", "unknown placeholder {nextline}"),
        (("welcome_back",), "Hi {next_line.x}", "unknown placeholder {next_line.x}"),
        (("closed",), "Closed {}", "unknown placeholder {}"),
        (("closed",), "Closed {", "a lone brace"),
        (("closed",), "<b>Closed", 'end tag corresponding to start tag "b"'),
        (("closed",), "<b><i>Closed</b></i>", "Unmatched end tag"),
        (("closed",), "Tom &nbsp; Jerry", 'Character "&"'),
        (("closed",), "<div>Closed</div>", 'Unsupported start tag "div"'),
        (("closed",), '<span class="x">Closed</span>', 'class "tg-spoiler"'),
    ],
)
def test_a_text_problem(loc: tuple[str, ...], text: str, problem: str) -> None:
    assert any(problem in p for p in text_problems(loc, text)), text_problems(loc, text)


@pytest.mark.parametrize(
    "text",
    [
        "<b>a</b> <strong>b</strong> <i>c</i> <em>d</em> <u>e</u> <ins>f</ins> <s>g</s>",
        '<strike>h</strike> <del>i</del> <span class="tg-spoiler">j</span>',
        "<tg-spoiler>k</tg-spoiler>",
        '<a href="https://x.org/?a=1&amp;b=2">l</a> <code>m</code> <pre>n</pre>',
        '<blockquote>o</blockquote> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "&lt; &gt; &amp; &quot; &#38; &#x26; {next_line}",
    ],
)
def test_what_telegram_accepts(text: str) -> None:
    assert text_problems(("welcome_back",), text) == []


def test_buttons_are_plain_text() -> None:
    assert text_problems(("btn_done",), "<3 Done & dusted") == []


def _edit(path: Path, old: str, new: str, *, last: bool = False) -> int:
    """Replace the first (or last) ``old``; returns the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    index = text.rindex(old) if last else text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_every_problem_of_every_file_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    texts = content / "texts.yaml"
    placeholder = _edit(texts, "just as you left them. {next_line}", "as you left them. {nextline}")
    unclosed = _edit(texts, "  <b>Tend</b> sends one", "  <b>Tend sends one")
    practices = content / "practices" / "garden.yaml"
    quote = re.search(r'quote: "(.+)"', practices.read_text(encoding="utf-8"))
    assert quote is not None
    misquote = _edit(practices, quote.group(1), quote.group(1).replace(" ", " truly ", 1))
    short = _edit(practices, "    title: ", "    title: x\n    was_title: ", last=True)

    assert main(["content", "check", str(content)]) == 1
    err = capsys.readouterr().err
    assert f"{texts}:{placeholder - 1}: welcome_back: unknown placeholder {{nextline}}" in err
    assert f"{texts}:{unclosed - 1}: help: Can't find end tag" in err
    assert re.search(
        rf"{re.escape(str(practices))}:{misquote}: practices\[\d+\]\.source\.quote: not found", err
    )
    # Two more in the same file: an entry that fails on its own does not hide the others.
    assert re.search(rf"{re.escape(str(practices))}:{short}: practices\[\d+\]\.title: ", err)
    assert re.search(rf"{re.escape(str(practices))}:{short + 1}: practices\[\d+\]\.was_title", err)
    assert "5 problem(s)" in err


def test_the_bot_refuses_to_start_with_a_broken_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _edit(content / "texts.yaml", "{next_line}", "{nextline}")
    from bot.content import ContentError
    from bot.texts import load_texts

    with pytest.raises(ContentError, match="nextline"):
        load_texts(content)
