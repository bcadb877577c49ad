"""FAQ ranking as a person meets it: a question asked in the same message as the symptoms is answered
from the question's own words (the symptoms neither drown it nor pull it towards the clinical entries),
and a question no entry answers is never given some other entry's answer."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.engine import Engine
from bot.understand import Understanding

from .conftest import Chat


def faq_answers_shown(chat: Chat, content: Content) -> list[str]:
    """The FAQ entries whose answer (its opening) is in the last replies."""
    return [f.id for f in content.faq if f.answer[:60] in chat.text]


@pytest.mark.parametrize(
    ("message", "region", "faq"),
    [
        ("my lower back has been sore for weeks, do you take insurance?", "lower_back", "insurance"),
        ("my neck is stiff and my shoulders ache, how much is a session?", "neck", "prices"),
        ("my hip aches at night, can I park near you?", "hip", "parking"),
        ("tension headaches most days, what should I wear?", "head", "what_to_wear"),
        ("my calf is tight after football, whereabouts are you?", "calf", "location_hours"),
        ("my knee has ached since I started running, do I need a referral from my GP?", "knee", "doctor_referral"),
    ],
)
def test_a_question_beside_the_symptoms_is_answered_and_the_symptoms_kept(chat: Chat, content: Content, message: str, region: str, faq: str) -> None:
    chat.start().say(message)
    assert faq_answers_shown(chat, content) == [faq], "the question's own entry, answered at once (not a did-you-mean)"
    assert chat.conv.answers.get("region") == region and chat.state not in ("region", "screen"), "and where it hurts is kept"
    assert content.msg("faq_unknown") not in chat.text


@pytest.mark.parametrize(
    ("message", "faq"),
    [
        ("my jaw clicks and aches when I chew, is there parking near you?", "parking"),
        ("sciatica down my leg since the weekend, do you take card payments?", "insurance"),
        ("headaches and a stiff neck every afternoon, where are you based?", "location_hours"),
        ("my shoulder has been aching for a week, do you take cards", "insurance"),  # no question mark: the clause asks
    ],
)
def test_symptom_words_do_not_pull_the_question_towards_the_clinical_entries(engine: Engine, message: str, faq: str) -> None:
    u = engine.understand
    parsed = u.parse(message)
    assert parsed.faq and parsed.faq[0][0] == faq and u.faq_answer(parsed) == faq


def test_a_question_that_points_back_is_read_with_what_came_before(chat: Chat, content: Content) -> None:
    chat.start().say("I've got osteoporosis, is it safe?")
    assert faq_answers_shown(chat, content) == ["is_it_safe"]


def test_an_off_list_question_is_answered_honestly_as_unknown(chat: Chat, content: Content) -> None:
    chat.start().say("do you do dog massage?")
    assert content.msg("faq_unknown") in chat.text, "said plainly that the bot does not know"
    assert not faq_answers_shown(chat, content), "and no other entry's answer instead"
    assert chat.state == "region" and chat.conv.answers == {}


@pytest.mark.parametrize(
    "message",
    [
        "my back is killing me, do you do dog massage?",
        "my shoulder aches, do you do hot stone massage?",
        "my neck is stiff, is the therapist a man or a woman?",
    ],
)
def test_an_off_list_question_beside_the_symptoms_gets_no_wrong_answer(chat: Chat, content: Content, message: str) -> None:
    chat.start().say(message)
    assert not faq_answers_shown(chat, content)
    assert chat.conv.answers.get("region"), "the symptoms are still read"
    assert content.msg("faq_unknown") in chat.text or content.msg("did_you_mean") in chat.text, "the question is not dropped"


def test_a_low_confidence_match_is_offered_not_answered(engine: Engine) -> None:
    u = engine.understand
    # One common word in common ("book") beside words no entry knows: at most a did-you-mean.
    parsed = u.parse("it's probably nothing, how do I book?")
    assert u.faq_answer(parsed) is None
    assert "how_to_book" in u.faq_offers(parsed), "offered as a did-you-mean"


def test_entries_the_words_point_to_are_put_in_order_by_meaning(chat: Chat) -> None:
    """ "when would someone need nmt" shares most words with "What is NMT?", which was answered straight away;
    by meaning it asks when NMT is used, so that is offered first (and nothing is answered on a guess)."""
    plain = chat.engine.understand.parse("when would someone need nmt").faq
    assert plain[0][0] == "what_is_nmt", "by its words alone"
    chat.start().say("when would someone need nmt")
    assert [b.id for b in chat.buttons][:2] == ["faq.when_used", "faq.what_is_nmt"]
    assert chat.state == "region", "the person's place is kept"


def test_the_order_by_meaning_keeps_each_entrys_confidence_and_adds_none(u: Understanding) -> None:
    by_words = dict(u.parse("do i need to be injured to come").faq)
    by_meaning = u.read("do i need to be injured to come").parsed.faq
    assert by_meaning[0][0] == "when_used" and dict(by_meaning) == by_words


def test_the_stored_faq_vectors_cover_every_phrasing(content: Content) -> None:
    """scripts/encode_faq.py stores them; one missing is encoded at the warm-up instead (slower to start)."""
    from bot.understand import meaning
    from bot.understand.faq_meaning import load_stored, phrasings

    reader = meaning.stored()
    assert reader is not None
    stored = load_stored(reader.encoder.encode)
    missing = [t for texts in phrasings(content).values() for t in texts if t not in stored]
    assert not missing, f"run scripts/encode_faq.py: {missing[:3]}"


def test_the_warm_up_builds_the_faq_by_meaning(content: Content) -> None:
    u = Understanding(content)
    assert u._faq_meaning is None
    u.warm()
    assert u._faq_meaning is not None, "built by the warm-up, not while the first question waits"


def test_put_in_order_by_meaning_the_entries_are_still_offered(u: Understanding) -> None:
    """ "hours": by meaning the opening hours come first, though the words' most confident entry is the session
    length; whether to offer rests on the most confident entry, so all are still offered."""
    r = u.read("hours")
    assert r.faq is None and r.offers[0] == "location_hours" and "session_length" in r.offers
