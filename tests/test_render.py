"""Telegram rendering: escaping, the 4,096 limit, callback_data."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardMarkup

from bot.engine import Button, Engine, Event, Reply
from bot.telegram import render


def test_long_text_is_split_cleanly_within_the_limit() -> None:
    paragraph = "Trigger points refer pain. " * 40
    text = "\n\n".join(f"{i}: {paragraph}" for i in range(12)) + " 🙂" * 500
    pieces = render.split_text(text)
    assert len(pieces) > 1
    assert all(render.utf16_len(p) <= render.LIMIT for p in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert pieces[0].endswith("refer pain.")  # cut at a paragraph, not mid-word


def test_one_unbroken_word_is_still_cut() -> None:
    pieces = render.split_text("x" * 9000)
    assert [len(p) for p in pieces] == [4096, 4096, 808]


def test_reply_is_escaped_and_the_keyboard_goes_last() -> None:
    reply = Reply("<b>Ann</b> & co\n\n" + "y " * 3000, ((Button("region.knee", "Knee"),),))
    out = render.messages(reply)
    assert out[0][0].startswith("&lt;b&gt;Ann&lt;/b&gt; &amp; co")
    assert all(markup is None for _, markup in out[:-1])
    last = out[-1][1]
    assert isinstance(last, InlineKeyboardMarkup) and last.inline_keyboard[0][0].callback_data == "region.knee"


def test_every_button_of_a_whole_conversation_fits_callback_data(engine: Engine) -> None:
    seen: set[str] = set()
    state = None
    for event in (Event.command("start"), Event.command("faq"), Event.button("region.calf"), Event.button("pain_type.cramping"),
                  Event.button("onset.overuse"), Event.button("duration.weeks"), Event.button("severity.4")):  # fmt: skip
        result = engine.handle(state, event)
        state = result.conversation
        for reply in result.replies:
            render.keyboard(reply)  # raises past 64 bytes
            seen.update(b.id for b in reply.buttons)
    assert seen and all(len(b.encode()) <= 64 for b in seen)
    with pytest.raises(ValueError):
        render.keyboard(Reply("x", ((Button("x" * 65, "too long"),),)))


def test_answered_keeps_the_choice_visible() -> None:
    # The question comes as HTML (as shown, formatting kept); the label is escaped.
    assert render.answered("<b>Where</b> does it hurt?", "Back & <neck>") == "<b>Where</b> does it hurt?\n\n<b>✓ Back &amp; &lt;neck&gt;</b>"
    assert render.answered_header("Lower <back>") == "<b>✓ Lower &lt;back&gt;</b>\n\n"
