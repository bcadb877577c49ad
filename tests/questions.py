"""Answering the bot's five questions in a test conversation, the buttons that offer booking, and the level
a single message reaches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content import Content
from bot.understand import Understanding
from scripts.evaluate import implied_level

if TYPE_CHECKING:
    from .conftest import Chat

BOOKING_IDS = {"recommendation.book", "recommendation.call", "recommendation.callback"}


def level_of(u: Understanding, text: str) -> str | None:
    """The level a first message reaches on its own (as scripts/evaluate.py reads it)."""
    return implied_level(u.content, u.describe(text))


def label(content: Content, slot: str, option_id: str) -> str:
    option = content.option(slot, option_id)
    assert option is not None, f"{slot} has no option {option_id}"
    return option.label


def answer_questions(chat: Chat, content: Content, region: str, pain: str, onset: str, duration: str, severity: int) -> Chat:
    """Press one button per question, checking the progress line as we go. How long it has lasted
    is asked only after a sudden start (only then can it change the outcome), so ``duration`` is
    pressed only then."""
    total = content.flow.total_steps
    assert f"Question 1 of {total}" in chat.text
    chat.press(label(content, "region", region))
    assert f"Question 2 of {total}" in chat.text
    chat.press(label(content, "pain_type", pain))
    assert f"Question 3 of {total}" in chat.text
    chat.press(label(content, "onset", onset))
    if onset != "sudden":
        assert f"Question 4 of {total - 1}" in chat.text and chat.state == "severity"
        return chat.press(str(severity))
    assert f"Question 4 of {total}" in chat.text
    chat.press(label(content, "duration", duration))
    assert f"Question 5 of {total}" in chat.text
    return chat.press(str(severity))
