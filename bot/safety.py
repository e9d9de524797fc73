"""Reading a message for signs of crisis, by meaning rather than by a short word list.

Pure: imports neither ``telegram`` nor ``redis`` and reads no clock. A message is normalised
(case, curly quotes, diacritics, repeated letters, leetspeak, invisible characters,
punctuation), ordinary idioms are blanked out ("killing it", "dead tired", "cut myself some
slack"), a denied statement ("I'm not suicidal") is blanked and asked about, and what is left
is matched against the per-language tables in ``bot.safety_patterns``; a crisis match beside
laughter ("lol", "jaja", "😂") is asked about rather than alarmed. Every language's table
is tried on every message: people mix languages, and Telegram's language setting says little
about what someone writes in.

Three answers, because a false alarm and a miss do not cost the same: ``CRISIS`` gets the
help at once; ``UNSURE`` (an ambiguous signal) gets a gentle "Are you okay right now?", which
costs one tap when it was nothing; ``NONE`` is ordinary. ``hard`` says the message speaks of
a hard feeling (sad, anxious, exhausted, lonely...) and must never be celebrated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from bot.safety_patterns import LANGUAGES


class Concern(StrEnum):
    NONE = "none"
    UNSURE = "unsure"
    CRISIS = "crisis"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a message says about how its writer is: ``hard`` is true whenever concern is."""

    concern: Concern
    hard: bool


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'"}
)
# Letters that do not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i"})
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_LEET_WORD = re.compile(r"[\w@$]*[^\W\d_][\w@$]*(?:!+[^\W\d_][\w@$]*)*")
# An English contraction loses its apostrophe ("don't" -> "dont"); elsewhere an apostrophe
# separates words (French "j'ai" -> "j ai"), except inside a Ukrainian word ("вб'ю").
_CONTRACTION = re.compile(r"(?<=[a-z])'(?=(?:t|m|s|re|ve|ll|d)\b)")
_INNER_APOSTROPHE = re.compile(r"(?<=[а-яіїєґ])'(?=[а-яіїєґ])")
_NOT_WORD = re.compile(r"[^\w]+|_+")
_RUN = re.compile(r"([^\W\d_])\1{2,}")
# Laughter beside crisis words is usually a joke ("I want to die, sent it to the wrong person
# lol") and sometimes a mask: either way the bot asks rather than sounding the full alarm.
_LAUGHTER = re.compile(
    r"(?<![^\W\d_])(?:lol+|lmf?ao+|rofl|(?:ha){2,}h?|(?:he){3,}|(?:ja){2,}|(?:ah){2,}|k{4,}|(?:rs){2,}"
    r"|mdr|ptdr|xd+|(?:ха){2,}|(?:хи){2,})(?![^\W\d_])|[\U0001f602\U0001f923\U0001f605\U0001f606]",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case without diacritics: "Nie chcę żyć" -> "nie chce zyc", "й" -> "и"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """The words of a message, folded, de-leeted, separated by single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    text = fold(text)
    text = _LEET_WORD.sub(_unleet, text)
    text = _CONTRACTION.sub("", _INNER_APOSTROPHE.sub("", text))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def forms(text: str) -> tuple[str, ...]:
    """The normalised text with stretched letters squeezed to one and to two ("diiieee" ->
    "die", "killlll" -> "kill"), and with one-slip typos of the key words mended ("suicde",
    "umbrigen", "умерет"): one of them is the word meant."""
    words = normalise(text)
    squeezed = (_RUN.sub(r"\1", words), _RUN.sub(r"\1\1", words))
    mended = tuple(" ".join(_mend(word) for word in form.split(" ")) for form in squeezed)
    return tuple(dict.fromkeys((*squeezed, *mended)))


# The words a crisis turns on, in each language. A word one slip away from one of them (a
# letter doubled or left out, two swapped) is read as it; left-out letters only for words of
# seven letters or more; never a letter replaced or a new one added, so a real word is not
# "mended" into one ("courir" is not "mourir", "prendre" is not "pendre", "wasn't" is not
# "want", "suicidarse" is not "suicidarme").
_KEYWORDS = (
    "suicide suicidal myself kill want unalive overdose "
    "suicidarme suicidio matarme morirme quitarme "
    "suicidar morrer enforcar "
    "sterben umbringen selbstmord suizid erhangen "
    "mourir suicider suicide tuer pendre "
    "morire uccidermi ammazzarmi suicidio impiccarmi "
    "умереть убить самоубийство суицид покончить повеситься "
    "померти вмерти самогубство покінчити повіситися "
    "umrzec zabic samobojstwo powiesic"
)
# Real words among the slips: "kill me" imperatives, third persons, a novel, "suicida".
_NOT_TYPOS = frozenset(
    {
        *("wants", "kills", "serben", "morre", "ammazzami", "impiccami", "matame", "quitame"),
        *("suicida", "powiesc", "повесится", "повіситься"),
    }
)


@cache
def _typo_table() -> dict[str, str]:
    table: dict[str, str] = {}
    keys = fold(_KEYWORDS).split()
    for key in keys:
        variants = {key[:i] + key[i] + key[i:] for i in range(len(key))}  # a letter doubled
        variants |= {key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(len(key) - 1)}
        if len(key) >= 7:
            variants |= {key[:i] + key[i + 1 :] for i in range(len(key))}
        for variant in variants - set(keys) - _NOT_TYPOS:
            table.setdefault(variant, key)
    return table


def _mend(word: str) -> str:
    return _typo_table().get(word, word) if len(word) >= 4 else word


def _unleet(match: re.Match[str]) -> str:
    """Digits and symbols standing for letters inside a word ("k1ll", "d13") become letters;
    a number on its own ("5 km", "took 30") is left alone."""
    word = match.group()
    return word.translate(_LEET) if any(c in "013457@$!" for c in word) else word


@dataclass(frozen=True, slots=True)
class _Compiled:
    idioms: re.Pattern[str]
    crisis: re.Pattern[str]
    unsure: re.Pattern[str]
    hard: re.Pattern[str]
    not_hard: re.Pattern[str]
    negated: re.Pattern[str]


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{fold(p)})" for p in patterns) or r"(?!x)x")


@cache
def _compiled() -> _Compiled:
    """Every language's patterns, folded like the text is, compiled once."""
    tables = LANGUAGES.values()
    return _Compiled(
        idioms=_union([p for t in tables for p in t.idioms]),
        crisis=_union([p for t in tables for p in t.crisis]),
        unsure=_union([p for t in tables for p in t.unsure]),
        hard=_union([p for t in tables for p in t.hard]),
        not_hard=_union([p for t in tables for p in t.not_hard]),
        negated=_union([p for t in tables for p in t.negated]),
    )


def read(text: str) -> Reading:
    """How worried to be about a message, and whether it speaks of a hard feeling."""
    tables = _compiled()
    concern = Concern.NONE
    hard = False
    for form in forms(text):
        left = tables.idioms.sub(" | ", f" {form} ")
        hard = hard or tables.hard.search(tables.not_hard.sub(" | ", left)) is not None
        if tables.negated.search(left):
            concern = Concern.UNSURE
            left = tables.negated.sub(" | ", left)
        if tables.crisis.search(left):
            if _LAUGHTER.search(text):
                return Reading(Concern.UNSURE, hard=True)
            return Reading(Concern.CRISIS, hard=True)
        if tables.unsure.search(left):
            concern = Concern.UNSURE
    return Reading(concern, hard=hard or concern is not Concern.NONE)


def mentions_self_harm(text: str) -> bool:
    """Whether a message speaks of self-harm or suicide (``read`` says more)."""
    return read(text).concern is Concern.CRISIS


@cache
def _each() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    out = []
    for language, table in LANGUAGES.items():
        for kind in ("negated", "crisis", "unsure", "hard"):
            out += [(language, kind, re.compile(fold(p))) for p in getattr(table, kind)]
    return tuple(out)


def explain(text: str) -> list[str]:
    """Which patterns a message meets, as ``language kind: matched words`` (for people
    tuning the tables; ``read`` is what the bot uses)."""
    tables = _compiled()
    found: list[str] = []
    for form in forms(text):
        left = tables.idioms.sub(" | ", f" {form} ")
        for language, kind, pattern in _each():
            match = pattern.search(left)
            if match and (line := f"{language} {kind}: {match.group().strip()}") not in found:
                found.append(line)
    return found
