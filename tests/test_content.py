"""`tend content check`: the shipped content passes; each kind of mistake is named precisely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.content import load_library, normalise_space
from bot.render import practice_for
from bot.settings import default_content_dir

CONTENT = default_content_dir()
ESSAY_IDEAS = {"reflection", "self_compassion", "small_steps", "garden", "intuition", "own_back"}


def test_shipped_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert re.match(r"ok: \d+ files, \d+ practices, \d+ themes", out)


def test_enough_practices_for_seven_weeks_covering_every_idea() -> None:
    library = load_library(CONTENT)
    assert len(library.practices) >= 48
    assert set(library.themes) >= ESSAY_IDEAS
    assert {p.source.essay for p in library.practices} == {"relationships.txt", "importance.txt"}


def test_no_repeat_until_every_practice_was_seen() -> None:
    practices = load_library(CONTENT).practices
    n = len(practices)
    for user_id in (1, 2, 99):
        first_round = [practice_for(user_id, i, practices).id for i in range(n)]
        assert len(set(first_round)) == n
        second_round = [practice_for(user_id, n + i, practices).id for i in range(n)]
        assert len(set(second_round)) == n


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def _check(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["content", "check", str(folder)]) == 1
    return capsys.readouterr().err


def _replace(path: Path, old: str, new: str, count: int = 1) -> int:
    """Edit a file; returns the 1-based line of the edit."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[:index].count("\n") + 1


def test_a_misspelt_field(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "practices" / "garden.yaml"
    line = _replace(path, "    follow_up:", "    folow_up:")
    err = _check(broken, capsys)
    assert f"{path}:{line}: practices[0].folow_up: unknown field 'folow_up'" in err
    assert "practices[0].follow_up: missing" in err


def test_a_duplicate_id(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    garden = broken / "practices" / "garden.yaml"
    first_id = re.search(r"- id: (\S+)", garden.read_text(encoding="utf-8"))
    assert first_id is not None
    path = broken / "practices" / "reflection.yaml"
    text = path.read_text(encoding="utf-8")
    old_id = re.search(r"- id: (\S+)", text)
    assert old_id is not None
    line = _replace(path, f"- id: {old_id.group(1)}", f"- id: {first_id.group(1)}")
    err = _check(broken, capsys)
    assert f"{path}:{line}: id: duplicate id '{first_id.group(1)}' (first at {garden}:" in err


def test_a_quote_not_in_the_essay(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "practices" / "intuition.yaml"
    text = path.read_text(encoding="utf-8")
    quote = re.search(r'quote: "(.+)"', text)
    assert quote is not None
    line = _replace(path, quote.group(1), quote.group(1).replace(" ", " truly ", 1))
    err = _check(broken, capsys)
    assert re.search(
        rf"{re.escape(str(path))}:{line}: practices\[\d+\]\.source\.quote: not found word for word "
        r"in essays/\w+\.txt",
        err,
    )


def test_a_5000_character_text(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "practices" / "small_steps.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    text: |-\n")
    line = text[:start].count("\n") + 1
    long_text = "    text: " + "a" * 5000 + "\n"
    end = text.index("    follow_up:", start)
    path.write_text(text[:start] + long_text + text[end:], encoding="utf-8")
    err = _check(broken, capsys)
    assert f"{path}:{line}: practices[0].text: String should have at most 1500 characters" in err


def test_bad_yaml_names_the_line(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "practices" / "garden.yaml"
    line = _replace(path, "    title:", "    title: [unclosed")
    err = _check(broken, capsys)
    assert f"{path}:" in err and "bad YAML" in err
    reported = int(re.search(rf"{re.escape(str(path))}:(\d+)", err).group(1))  # type: ignore[union-attr]
    assert line <= reported <= line + 2


def test_html_that_telegram_would_reject(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "practices" / "garden.yaml"
    line = _replace(path, "    follow_up: ", "    follow_up: Tom & Jerry <blink>? ")
    err = _check(broken, capsys)
    assert f"{path}:{line}: practices[0].follow_up:" in err


def test_a_missing_text_in_texts_yaml(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken / "texts.yaml"
    _replace(path, "private_only:", "privat_only:")
    err = _check(broken, capsys)
    assert (
        f"{path}:" in err and "privat_only: unknown field" in err and "private_only: missing" in err
    )


def test_a_practice_that_says_this_morning(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken / "practices" / "garden.yaml"
    line = _replace(
        path, "Close your eyes and picture", "This morning, close your eyes and picture"
    )
    err = _check(broken, capsys)
    assert f"{path}:{line}: practices[0].text: says 'This morning', but it can arrive" in err


def test_a_follow_up_or_series_day_that_says_this_morning(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practices = broken / "practices" / "intuition.yaml"
    first = _replace(
        practices, "    follow_up: What came up", "    follow_up: This  morning, what came up"
    )
    series = broken / "series" / "intuition.yaml"
    second = _replace(
        series, "Think back to that minute of stillness earlier", "Think of this morning"
    )
    err = _check(broken, capsys)
    assert f"{practices}:{first}: practices[0].follow_up: says 'This  morning'" in err
    assert f"{series}:{second}: days[0].evening: says 'this morning'" in err


def test_a_painful_recall_without_the_care_question(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken / "practices" / "small_steps.yaml"
    old = "      Write it down in a few words."
    line = _replace(path, old, "      Think of an old hurt. Write it down in a few words.")
    err = _check(broken, capsys)
    assert (
        f"{path}:{line}: practices[0].text: mentions 'hurt': if it asks to recall something "
        "painful, add 'recalls_pain: true'"
    ) in err


def test_an_answered_care_question_passes_and_adds_the_care_line(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken / "practices" / "small_steps.yaml"
    _replace(path, "Write it down in a few words.", "Think of an old hurt. Write it down.")
    _replace(
        path,
        "    follow_up: What small step",
        "    recalls_pain: true\n    follow_up: What small step",
    )
    assert main(["content", "check", str(broken)]) == 0
    practice = load_library(broken).practice("small-steps-one-step-out")
    assert practice is not None and practice.recalls_pain


def test_a_gentle_theme_cannot_hold_a_painful_recall(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken / "practices" / "self_compassion.yaml"
    line = _replace(
        path,
        "    follow_up: What kind words",
        "    recalls_pain: true\n    follow_up: What kind words",
    )
    err = _check(broken, capsys)
    assert f"{path}:{line}: practices[0].recalls_pain: a gentle theme is for first days" in err


def test_content_without_a_gentle_theme(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _replace(broken / "practices" / "self_compassion.yaml", "gentle: true", "gentle: false")
    err = _check(broken, capsys)
    assert "gentle: no theme is marked 'gentle: true'" in err


def test_practices_that_recall_pain_are_marked() -> None:
    library = load_library(CONTENT)
    marked = {p.id for p in library.practices if p.recalls_pain}
    assert marked >= {
        "connection-the-shadow",
        "connection-whose-fear",
        "connection-trust-reflects",
        "garden-turn-to-compost",
        "reflection-came-through",
    }
    assert not [p.id for p in library.practices if p.gentle and p.recalls_pain]
    assert not [p.id for p in library.practices if "only your baggage" in p.text]


def test_every_paragraph_of_both_essays_has_a_practice() -> None:
    """Each idea is a paragraph of an essay; each paragraph is quoted by at least one practice."""
    library = load_library(CONTENT)
    for name, essay in library.essays.items():
        paragraphs = [normalise_space(p) for p in essay.split("\n\n") if p.strip()][1:]
        for paragraph in paragraphs:
            quoted = [
                p.id
                for p in library.practices
                if p.source.essay == name and normalise_space(p.source.quote) in paragraph
            ]
            assert quoted, f"no practice for this idea in {name}: {paragraph[:80]}"
