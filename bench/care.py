"""The safety net's figures on the labelled corpus: recall and false alarms per language.

    .venv/bin/python -m bench.care          # the tables docs/CARE.md shows
    .venv/bin/python -m bench.care --misses # and every message read wrongly

Scoring: a crisis message is caught when ``read`` says CRISIS or UNSURE (UNSURE asks "Are you
okay right now?" and never celebrates). An ordinary message read as CRISIS is one false
alarm; read as UNSURE it is half of one (it costs the writer a tap, and nothing is lost).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.common import table
from bot.safety import Concern, read

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "care_corpus"
LANGUAGES = ("en", "es", "pt", "de", "fr", "it", "ru", "uk", "pl")
UNSURE_ALARM = 0.5
"""An ordinary message that gets the gentle question counts as half a false alarm."""


@dataclass(frozen=True, slots=True)
class Corpus:
    language: str
    crisis: tuple[str, ...]
    ordinary: tuple[str, ...]


@dataclass(slots=True)
class Score:
    language: str
    crisis: int = 0
    caught: int = 0
    caught_unsure: int = 0
    ordinary: int = 0
    alarms: float = 0.0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.crisis if self.crisis else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.alarms / self.ordinary if self.ordinary else 0.0


def load(folder: Path = CORPUS) -> list[Corpus]:
    out = []
    for language in LANGUAGES:
        data = yaml.safe_load((folder / f"{language}.yaml").read_text(encoding="utf-8"))
        out.append(Corpus(language, tuple(data["crisis"]), tuple(data["ordinary"])))
    return out


def score(corpus: Corpus) -> Score:
    result = Score(corpus.language, crisis=len(corpus.crisis), ordinary=len(corpus.ordinary))
    for text in corpus.crisis:
        concern = read(text).concern
        if concern is Concern.NONE:
            result.misses.append(text)
        else:
            result.caught += 1
            result.caught_unsure += concern is Concern.UNSURE
    for text in corpus.ordinary:
        concern = read(text).concern
        if concern is not Concern.NONE:
            result.alarms += 1.0 if concern is Concern.CRISIS else UNSURE_ALARM
            result.false_alarms.append(f"{text} ({concern})")
    return result


def overall(scores: list[Score]) -> Score:
    total = Score("all")
    for s in scores:
        total.crisis += s.crisis
        total.caught += s.caught
        total.caught_unsure += s.caught_unsure
        total.ordinary += s.ordinary
        total.alarms += s.alarms
        total.misses += s.misses
        total.false_alarms += s.false_alarms
    return total


def report(scores: list[Score], first: str = "language") -> str:
    rows = [
        (
            s.language,
            s.crisis,
            s.ordinary,
            f"{s.caught}/{s.crisis} = {s.recall:.3f}",
            s.caught_unsure,
            f"{s.alarms:g}/{s.ordinary} = {s.false_alarm_rate:.3f}",
        )
        for s in [*scores, overall(scores)]
    ]
    headers = (first, "crisis", "ordinary", "recall", "of which unsure", "false alarms")
    return table(headers, rows)


HELD_OUT = tuple(
    sorted(
        (p.name for p in CORPUS.glob("held_out*.yaml")),
        key=lambda name: int(name.removeprefix("held_out").strip("_.yaml") or 1),
    )
)
"""Every held-out set under tests/care_corpus, in the order they were written."""


def held_out(name: str, folder: Path = CORPUS) -> Score:
    """One held-out set (``crisis:`` and ``ordinary:`` by language), scored as a whole."""
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    corpus = Corpus(
        name.removesuffix(".yaml"),
        tuple(t for texts in data["crisis"].values() for t in texts),
        tuple(t for texts in data["ordinary"].values() for t in texts),
    )
    return score(corpus)


def main(argv: list[str]) -> None:
    scores = [score(c) for c in load()]
    print(report(scores))
    print()
    print(report([held_out(name) for name in HELD_OUT], first="held-out set"))
    if "--misses" in argv:
        total = overall(scores)
        for text in total.misses:
            print("missed:", text)
        for text in total.false_alarms:
            print("false alarm:", text)


if __name__ == "__main__":
    main(sys.argv[1:])
