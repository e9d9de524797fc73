"""The safety net's replies, as pure functions: texts and helplines in, a message out.

A crisis reply is warm and short, never argues or diagnoses, and offers more than a number
(Wysa's users in crisis used a safety plan and grounding far more than a helpline): the
lines for the user's country, the operator's own ``HELPLINE_TEXT``, one grounding step to do
now, a nudge towards one trusted person, and an open door. An ambiguous message gets one
gentle question with two buttons instead, so a false alarm costs a tap.

Button data (checked by ``bot.handlers.buttons``, which splits ``kind:argument``):
``cr:no[:ref]`` "I'm not okay" and ``cr:ok[:ref]`` "I'm okay, keep my note", where ``ref``
lets the handler find the note the question was about (e.g. its message id).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from bot.helplines import Helpline
from bot.render import Button, Outgoing, esc
from bot.texts import Texts

CARE = "cr"
"""The kind of the two answers' button data."""
Answer = Literal["no", "ok"]
_ANSWERS: tuple[Answer, ...] = ("no", "ok")


def care_data(answer: Answer, ref: str = "") -> str:
    """``cr:no`` / ``cr:ok``, with ``:ref`` when given (Telegram allows 64 bytes in all)."""
    data = f"{CARE}:{answer}:{ref}" if ref else f"{CARE}:{answer}"
    if len(data.encode()) > 64 or ":" in ref:
        raise ValueError(f"button data too long or malformed: {data!r}")
    return data


def parse_care(argument: str) -> tuple[Answer, str] | None:
    """The ``argument`` after ``cr:`` -> (answer, ref); anything else -> ``None``."""
    answer, _, ref = argument.partition(":")
    for known in _ANSWERS:
        if answer == known:
            return known, ref
    return None


def helpline_line(texts: Texts, line: Helpline) -> str:
    ways = [texts.care_call.format(phone=esc(line.phone))] if line.phone else []
    if line.sms:
        ways.append(texts.care_sms.format(sms=esc(line.sms)))
    if line.url:
        ways.append(esc(line.url))
    text = texts.care_helpline.format(name=esc(line.name), ways=", ".join(ways))
    return f"{text} ({esc(line.note)})" if line.note else text


def _help(
    texts: Texts, opening: str, lines: Sequence[Helpline], helpline_text: str, seed: int
) -> str:
    # A line the operator's own text already points to (the directory, by default) is not
    # repeated.
    shown = [helpline_line(texts, h) for h in lines if not (h.url and h.url in helpline_text)]
    if helpline_text.strip():
        shown.append(esc(helpline_text.strip()))
    helplines = "\n".join(shown)
    grounding = texts.care_grounding[seed % len(texts.care_grounding)]
    return texts.care_crisis.format(opening=opening, helplines=helplines, grounding=grounding)


def crisis_reply(
    texts: Texts, helplines: Sequence[Helpline], helpline_text: str, seed: int = 0
) -> Outgoing:
    """The reply to a message in crisis; ``seed`` varies the grounding step."""
    return Outgoing(_help(texts, texts.care_crisis_opening, helplines, helpline_text, seed))


def sos_reply(
    texts: Texts, helplines: Sequence[Helpline], helpline_text: str, seed: int = 0
) -> Outgoing:
    """/sos: the same help, opened for someone who has not told the bot anything."""
    return Outgoing(_help(texts, texts.care_sos_opening, helplines, helpline_text, seed))


def unsure_reply(texts: Texts, ref: str = "") -> Outgoing:
    """The gentle question after an ambiguous message, with its two answers."""
    return Outgoing(
        texts.care_unsure,
        (
            (Button(texts.btn_care_not_okay, care_data("no", ref)),),
            (Button(texts.btn_care_okay, care_data("ok", ref)),),
        ),
    )
