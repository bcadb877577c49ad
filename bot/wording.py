"""Safety questions worded for the person concerned: someone asking for their mum reads "Do any of
these apply to them?" and "Have they ever had cancer?", not questions about themselves."""

from __future__ import annotations

import re

from bot.replies import Button, Reply
from bot.state import Conversation

# Object "you" after a preposition ("apply to you") becomes "them"; every other "you" is the subject.
_PREPOSITIONS = "to|for|with|at|on|of|about|from|near|around|behind|by|into|like"
_SWAPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"\byou(['’])re\b", r"they\1re"),
        (r"\byou(['’])ve\b", r"they\1ve"),
        (r"\byou(['’])d\b", r"they\1d"),
        (r"\byou(['’])ll\b", r"they\1ll"),
        (r"\byourself\b", "themselves"),
        (r"\byours\b", "theirs"),
        (r"\byour\b", "their"),
        (rf"\b({_PREPOSITIONS}) you\b", r"\1 them"),
        (r"(?<!thank )\byou\b", "they"),  # "Thank you" is said to the one typing
    )
)


def _keep_case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


def for_them(text: str) -> str:
    """``text`` asked about another person: "Do you…" → "Do they…", "your leg" → "their leg"."""
    for pattern, replacement in _SWAPS:
        text = pattern.sub(lambda m, r=replacement: _keep_case(m.group(0), m.expand(r)), text)  # type: ignore[misc]
    return text


def worded(conv: Conversation, replies: list[Reply]) -> list[Reply]:
    """The replies as they are, or worded for the person concerned when asking for someone else."""
    if not conv.for_other:
        return replies
    return [Reply(for_them(r.text), tuple(tuple(Button(b.id, for_them(b.label)) for b in row) for row in r.rows), r.request_contact, r.venue) for r in replies]
