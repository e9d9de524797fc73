"""The safety net's reading of messages: the corpus targets, normalisation, idioms, `hard`.

The corpus (tests/care_corpus/<language>.yaml) and both held-out sets were written for Tend.
``python -m bench.care`` prints the per-language table that docs/CARE.md shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench.care import CORPUS, HELD_OUT, LANGUAGES, held_out, load, overall, score
from bot.safety import Concern, Reading, explain, forms, mentions_self_harm, normalise, read
from bot.safety_patterns import LANGUAGES as TABLES

SCORES = [score(c) for c in load()]


def test_corpus_is_large_enough_in_every_language() -> None:
    for corpus in load():
        assert len(corpus.crisis) >= 25, corpus.language
        assert len(corpus.ordinary) >= 25, corpus.language
    total = overall(SCORES)
    assert total.crisis >= 200
    assert total.ordinary >= 200


def test_recall_is_at_least_097_overall_and_09_in_every_language() -> None:
    total = overall(SCORES)
    assert total.recall >= 0.97, total.misses
    for s in SCORES:
        assert s.recall >= 0.9, (s.language, s.misses)


def test_false_alarms_are_at_most_002_overall() -> None:
    """An ordinary message met with the gentle question counts as half a false alarm."""
    total = overall(SCORES)
    assert total.false_alarm_rate <= 0.02, total.false_alarms


def _held_out(name: str) -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = yaml.safe_load(
        (CORPUS / name).read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_phrases_are_read_rightly(name: str) -> None:
    """Every crisis message is caught; no ordinary one sounds the full alarm."""
    data = _held_out(name)
    assert set(data["crisis"]) == set(LANGUAGES)
    missed = [t for ts in data["crisis"].values() for t in ts if read(t).concern is Concern.NONE]
    alarmed = [
        t for ts in data["ordinary"].values() for t in ts if read(t).concern is Concern.CRISIS
    ]
    assert missed == []
    assert alarmed == []


def test_held_out_false_alarms_stay_within_the_target() -> None:
    """Over every held-out set, the gentle question on an ordinary message counts half."""
    total = overall([held_out(name) for name in HELD_OUT])
    assert total.false_alarm_rate <= 0.02, total.false_alarms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I Don’t WANT to", "i dont want to"),  # curly apostrophe, case
        ("don't", "dont"),
        ("j'ai envie", "j ai envie"),  # French elision separates words
        ("вб'ю", "вбю"),  # a Ukrainian apostrophe is inside the word
        ("Nie chcę żyć", "nie chce zyc"),  # Polish diacritics and ł
        ("łza", "lza"),
        ("Größe", "grosse"),
        ("ещё й", "еще и"),  # Cyrillic ё and й fold like the patterns do
        ("k\u200bm\u200bs", "kms"),  # zero-width spaces
        ("soft\u00adhyphen", "softhyphen"),
        ("k1ll mys3lf", "kill myself"),  # leetspeak inside words
        ("want 2 die", "want 2 die"),  # a number on its own stays a number
        ("ran 5 km", "ran 5 km"),
        ("k!ll", "kill"),  # "!" for "i" inside a word
        ("wow!!", "wow"),
        ("self-harm...!!", "self harm"),
        ("ｋｍｓ", "kms"),  # full-width letters
        ("  many   spaces\n", "many spaces"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("thinking about suicde", "thinking about suicide"),  # a letter left out
        ("ich will mich umbrigen", "ich will mich umbringen"),
        ("i wnat to kill myslef", "i want to kill myself"),  # two swapped
        ("je veux mourrir", "je veux mourir"),  # one doubled
        ("хочу умерет", "хочу умереть"),
        ("je veux courir", "je veux courir"),  # a real word a letter away stays itself
        ("mi amiga intentó suicidarse", "mi amiga intento suicidarse"),  # not "suicidarme"
        ("ela morre de rir", "ela morre de rir"),
        ("je vais me prendre un café", "je vais me prendre un cafe"),  # not "pendre"
        ("I wasn't anxious", "i wasnt anxious"),  # not "want"
        ("ammazzami, che noia", "ammazzami che noia"),  # "kill me", not "kill myself"
    ],
)
def test_one_slip_typos_of_key_words_are_mended(text: str, mended: str) -> None:
    assert forms(text)[-1] == mended


def test_stretched_letters_give_both_squeezed_forms() -> None:
    assert forms("I want to diiieee")[:2] == ("i want to die", "i want to diiee")
    assert "kill myself" in forms("killlll myself")[1]
    assert forms("sleep") == ("sleep",)


@pytest.mark.parametrize(
    "text",
    [
        "killing it",
        "dead tired",
        "cut myself some slack",
        "no point in living someone else's life",
        "afraid I'd hurt myself on the climbing wall",
        "I could die of embarrassment",
        "this meeting is killing me",
        "drop dead gorgeous",
        "lo he petado, estoy muerta de cansancio",
        "me muero de vergüenza",
        "morri de rir",
        "essa reunião está me matando",
        "ich bin todmüde",
        "dieses Meeting bringt mich um",
        "je suis mort de fatigue",
        "cette réunion me tue",
        "sono stanco morto",
        "questa riunione mi sta uccidendo",
        "я умираю со смеху",
        "это совещание меня убивает",
        "я помираю від сміху",
        "ця нарада мене вбиває",
        "umieram ze śmiechu",
        "to spotkanie mnie zabija",
        "I'd rather die than sing karaoke again",
        "I cut my arm on a branch while hiking",
        "quiero dejar de fumar",
        "I read about suicide prevention for work",
        "I'll do it tonight",  # the practice, in a habit bot
        "I'm ready to die on this hill: pineapple belongs on pizza",
        "I can't stop cutting back on sugar",
        "I hope I die peacefully at 100 surrounded by grandkids",
        "I put my affairs in order before the surgery, just in case",
        "mi amiga intentó suicidarse el año pasado, hoy está bien",
        "моя подруга пыталась покончить с собой, сейчас ей лучше",
        "ich bringe mich beim Sport fast um",
        "zabijam się na siłowni",
        "me quiero morir de la risa con este meme",
        "regalé todas mis cosas antes de la mudanza",
        "I almost killed myself laughing",
        "I'm killing myself at the gym for the marathon",
        "cut myself a slice of cake as a reward",
        "my last day at work today, goodbye everyone!",
        "giving all my stuff away before moving abroad, won't need it there",
        "I hope I don't wake up my baby when I go out",
        "I have a plan to finally finish my thesis",
        "my niece was born today!",
        "I can't go on holiday this year",
        "there's no hope for my plants lol",
        "kein Ausweg aus dem Stau",
        "это не обуза, это радость",
        "took all my meds today",  # taking medicine as prescribed is a win
        "tomo todas mis pastillas por la mañana",
        "ich nehme alle Tabletten pünktlich",
        "going to do it today: call my sister",
        "collecting my pills from the pharmacy",
        "собираю таблетки в поездку",
        "mi voglio ammazzare di risate",
        "she'd be better off without me nagging her",
    ],
)
def test_idioms_raise_no_alarm(text: str) -> None:
    assert read(text).concern is Concern.NONE, explain(text)


@pytest.mark.parametrize(
    "text",
    [
        "kms",
        "i should kys",
        "unalive myself",
        "wnat to die",
        "want 2 die",
        "i want to d1e",
        "I want to diiieee",
        "k.m.s",
        "I don’t want to live",  # the curly apostrophe phones type
        "took a bunch of pills",
        "written my goodbye letters",
        "gave away my things",
        "bought a rope",
        "been cutting again",
        "hurting myself",
        "burned myself",
        "k!ll myself",
        "thinking about sewerslide",
        "gonna self delete",
        "s*icide thoughts",
        "su*cide",
        "quiero suisidarme",
        "хочу роскомнадзорнуться",
        "думаю про самовбивство",
    ],
)
def test_slang_typos_and_means_are_crisis(text: str) -> None:
    assert read(text) == Reading(Concern.CRISIS, hard=True)
    assert mentions_self_harm(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to disappear",
        "I can't do this anymore",
        "what's the point",
        "I'm a burden",
        "ya no puedo más",
        "ich kann nicht mehr",
        "j'en peux plus",
        "non ce la faccio più",
        "не могу больше",
        "не можу більше",
        "nie daję rady",
    ],
)
def test_ambiguous_signals_are_unsure(text: str) -> None:
    assert read(text) == Reading(Concern.UNSURE, hard=True)
    assert not mentions_self_harm(text)


@pytest.mark.parametrize(
    ("text", "hard"),
    [
        ("rough day, feeling really low", True),
        ("I'm so anxious", True),
        ("lonely since the move", True),
        ("exhausted after the shift", True),
        ("me siento triste", True),
        ("ich bin so einsam", True),
        ("je suis épuisée", True),
        ("мне очень грустно", True),
        ("мені сумно", True),
        ("jest mi smutno", True),
        ("I'm not okay", True),
        ("no, I feel sad", True),
        ("ran 5k!", False),
        ("I am not sad anymore", False),  # a hard word negated is not a hard feeling
        ("less anxious today", False),
        ("no stress at work today", False),
        ("ya no estoy triste", False),
        ("ich bin nicht mehr traurig", False),
        ("I sat down and meditated", False),  # "down" alone is not a feeling
        ("walked alone by the sea and loved it", False),
        ("dyed my hair blue", False),
        ("solo quería decir gracias", False),  # "only", not "alone"
        ("the fridge is empty", False),  # a thing can be empty; only a person feels it
        ("mein Handy ist kaputt", False),
        ("I feel empty since the breakup", True),
        ("ich bin total kaputt", True),
        ("mi sono tagliato i capelli da solo", False),
        ("fui sozinha ao cinema e adorei", False),
        ("me siento sola desde la mudanza", True),
        ("je me sens seul depuis le déménagement", True),
        ("said no to an extra shift and felt fine", False),
        ("killing it", False),
    ],
)
def test_hard_feelings_are_marked_but_not_alarming(text: str, hard: bool) -> None:
    assert read(text) == Reading(Concern.NONE, hard=hard)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just really tired",
        "I don't want to die, I'm scared of the surgery",
        "I would never kill myself but I feel awful",
        "no quiero morir",
        "não quero morrer",
        "ich will nicht sterben",
        "je veux pas mourir",
        "non voglio morire",
        "не хочу умирать",
        "не хочу помирати",
        "nie chcę umrzeć",
    ],
)
def test_a_denied_crisis_statement_is_asked_about_not_treated_as_crisis(text: str) -> None:
    assert read(text) == Reading(Concern.UNSURE, hard=True)


@pytest.mark.parametrize(
    "text", ["I don't know why I want to kill myself", "я не хочу жить", "nie chcę żyć"]
)
def test_a_negation_that_is_part_of_the_crisis_stays_crisis(text: str) -> None:
    assert read(text).concern is Concern.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "ugh I want to die, I sent the email to the wrong person lol",
        "I want to die 😂",
        "jajaja me quiero morir",
        "kkkk quero morrer",
        "хахаха хочу умереть",
    ],
)
def test_a_crisis_word_beside_laughter_is_asked_about(text: str) -> None:
    assert read(text) == Reading(Concern.UNSURE, hard=True)
    assert read("I want to die") == Reading(Concern.CRISIS, hard=True)
    assert read("lollipop, and I want to die").concern is Concern.CRISIS  # a word, not a laugh


def test_every_pattern_is_lower_case_without_upper_case_escapes() -> None:
    """Patterns are folded like the text; an upper-case escape (\\S) would fold into another."""
    for language, table in TABLES.items():
        for kind in ("crisis", "unsure", "hard", "idioms"):
            for pattern in getattr(table, kind):
                assert pattern == pattern.lower(), (language, kind, pattern)
                assert "\\\\" not in pattern, (language, kind, pattern)  # a doubled backslash
                re.compile(pattern)


def test_a_long_message_is_read_quickly_enough_to_never_matter() -> None:
    """No pattern backtracks badly: the longest message Telegram allows reads at once."""
    text = ("I am so tired of everything but " * 130)[:4096]
    assert read(text).concern is Concern.UNSURE
    assert read("a" * 4096) == Reading(Concern.NONE, hard=False)


def test_the_corpus_files_are_the_languages_scored() -> None:
    files = {p.stem for p in Path(CORPUS).glob("*.yaml") if not p.stem.startswith("held")}
    assert files == set(LANGUAGES)
