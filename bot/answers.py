"""Replies that any step or command may give: help, how to book, the FAQ list and an FAQ answer."""

from __future__ import annotations

import re

from . import buttons
from .content import Content
from .replies import Button, Reply, chunk
from .state import Conversation
from .turn import Turn


def help_reply(content: Content, conv: Conversation) -> Reply:
    """The help text, with a button to talk to the therapist (not after an emergency outcome)."""
    if conv.level == "emergency":
        return Reply(content.msg("help"))
    return Reply(content.msg("help"), ((Button(buttons.TALK, content.msg("talk_button")),),))


def booking_text(content: Content, conv: Conversation) -> str:
    """How to book, or why not now: never a booking link where the outcome says not to book."""
    level = content.levels.get(conv.level or "")
    if level is None:
        return content.msg("book_not_yet")
    return content.msg("book_now") if level.booking else level.booking_reply


def faq_list(content: Content) -> Reply:
    return Reply(content.msg("faq_intro"), tuple(chunk([Button(buttons.faq(f.id), f.question) for f in content.faq], 1)))


def faq(turn: Turn, faq_id: str, back_to: str | None = None, whole: bool = False, aside: bool = False) -> None:
    """An FAQ answer. In the middle of the questions (``back_to``: the step id to come back to) only
    its first lines, with "Tell me more" for the rest and one button back to the question; elsewhere
    the whole answer, then the current step again. ``aside``: the whole answer as a message of its
    own, leaving what else the turn says for the message after it."""
    content, conv = turn.content, turn.conv
    entry = content.faq_entry(faq_id)
    if entry is None:
        return
    level = content.levels.get(conv.level or "")
    answer = entry.answer
    if entry.booking and ((level is not None and not level.booking) or any(v != "no" for v in conv.flags.values())):
        answer = booking_text(content, conv) if level is not None else content.levels["doctor_first"].booking_reply
    where = venue(content) if entry.venue else None
    if aside:
        turn.aside(Reply(f"{entry.question}\n\n{answer}", venue=where))
        return
    if back_to is None:
        turn.say(Reply(f"{entry.question}\n\n{answer}", venue=where))
        turn.note(content.msg("faq_resume"))
        return
    short = answer if whole else first_words(answer, SHORT_ANSWER_WORDS)
    rows: list[tuple[Button, ...]] = []
    if short != answer:
        rows.append((Button(buttons.faq_more(entry.id), content.msg("faq_more")),))
    rows.append((Button(buttons.resume(back_to), content.msg("faq_back")),))
    turn.say(Reply(f"{entry.question}\n\n{short}", tuple(rows), venue=where))
    turn.hold()


SHORT_ANSWER_WORDS = 60  # an answer in the middle of the questions: about what a phone shows at once


def first_words(text: str, limit: int) -> str:
    """Whole sentences from the start of ``text``, as many as fit in ``limit`` words (at least one)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    out: list[str] = []
    for sentence in sentences:
        if out and len(" ".join([*out, sentence]).split()) > limit:
            break
        out.append(sentence)
    return " ".join(out) if len(out) < len(sentences) else text


def venue(content: Content) -> dict[str, str] | None:
    """The practice as a map pin, when practice.yaml gives its coordinates."""
    p = content.practice
    if not p.get("latitude") or not p.get("longitude"):
        return None
    return {"latitude": p["latitude"], "longitude": p["longitude"], "title": p["name"], "address": p["address"]}
