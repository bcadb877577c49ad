"""A first message the reader of meaning hears as needing a doctor today or first, though the word lists
named no sign ("my balance has been going for weeks…"): the person is asked to go through the checks with
care, the questions go on (the first screen and the region's checks may still find something more
urgent), and the outcome is at least what was heard, with no booking."""

from __future__ import annotations

import pytest

from bot.state import Conversation
from bot.summary import lead_request
from bot.understand import Understanding, meaning

from .conftest import Chat
from .questions import BOOKING_IDS


# Written for these tests; the reader hears "see a doctor first" in it, the word lists name nothing.
def finish(chat: Chat) -> Chat:
    """The first option of each pain question, "No" or "None of these" to every check, to the outcome."""
    for _ in range(20):
        if chat.state == "recommendation":
            break
        if chat.state in ("red_flags", "age", "contraindications"):
            chat.answer_no_until_done()
        else:
            chat.press_id(chat.buttons[0].id)
    return chat


BALANCE = "my balance has been going for a few weeks, I keep veering to one side and my head aches, it's worse every week"


def test_what_the_reader_heard_is_the_least_the_outcome_says(chat: Chat, u: Understanding) -> None:
    assert u.describe(BALANCE).heard == "doctor_first"  # the reading this test stands on
    chat.start()
    chat.say(BALANCE)
    assert chat.engine.content.msg("doubt_check") in chat.text and chat.level is None  # the questions go on
    finish(chat)
    assert chat.state == "recommendation" and chat.level == "doctor_first"
    assert chat.engine.content.rules["sounds_doctor_first"].reason in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}
    assert chat.engine.content.msg("summary_doubt") in chat.engine.summary(chat.conv)
    assert lead_request(chat.engine.content, chat.conv).triage["careful_check"] is True


def test_a_more_urgent_sign_found_later_still_wins(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say(BALANCE)
    assert chat.conv.heard == "doctor_first" and chat.state == "screen"  # heard, and the first screen still asked
    chat.press("screen.stroke_signs")
    assert chat.level == "emergency"


@pytest.fixture
def hears_urgent(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader of meaning that hears "a doctor today" in anything it reads."""
    reader = meaning.stored()
    assert reader is not None
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, text: (reader.layer.bar + 1.0, "urgent"))


@pytest.mark.usefixtures("hears_urgent")
def test_an_urgent_reading_gives_an_urgent_outcome_and_is_kept(chat: Chat) -> None:
    """Anything long enough to be an account is read."""
    chat.start()
    chat.say("my shoulder has been aching on and off for a couple of weeks now, worse at night")
    assert chat.conv.heard == "urgent"
    assert Conversation.from_json(chat.conv.to_json()).heard == "urgent"  # a restart keeps it
    finish(chat)
    assert chat.state == "recommendation" and chat.level == "urgent" and not BOOKING_IDS & {b.id for b in chat.buttons}


@pytest.mark.usefixtures("hears_urgent")
def test_a_short_answer_is_not_read_for_meaning(chat: Chat) -> None:
    chat.start()
    chat.say("lower back")
    assert chat.conv.heard is None
