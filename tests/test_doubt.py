"""The second reader for warning signs (bot/understand/doubt.py): its scorer gives scikit-learn's own
probabilities, the stored model flags warning signs put in unusual words and not everyday aches, and
a flagged message asks the person, once, to go through the checks with care."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bot.content import Content
from bot.understand import Understanding
from bot.understand.doubt import Doubt, features, stored
from scripts.train_reader import _pipeline, train, training_data
from tests.conftest import Chat

# Warning signs the word lists do not name, in words people use.
UNNAMED = "my mouth feels like the dentist numbed it but I have not been to the dentist, and my arm is tingly"
EVERYDAY = [
    "my lower back has ached for a week since gardening",
    "my neck is stiff from my desk job",
    "sore shoulders after painting the ceiling all weekend",
    "tight calves from running, can I book a sports massage?",
]


def test_features_are_words_pairs_and_letter_groups() -> None:
    got = features("My arm")
    assert {"w:my", "w:arm", "b:my arm", "c: my", "c:my ", "c: my ", "c: ar", "c:arm ", "c: arm "} <= set(got)
    assert features("") == [] and features("a") == ["c: a "]  # a one-letter word: one group


def test_the_scorer_gives_scikit_learns_probabilities(tmp_path: Path) -> None:
    from threadpoolctl import threadpool_limits

    texts, labels = training_data()
    with threadpool_limits(1):  # one core: the suite runs beside timing tests of the bot
        model = train(texts[::5], labels[::5], bar=0.7, unlikely=0.1)
        theirs = _pipeline().fit(texts[::5], labels[::5])
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model))
    ours = Doubt(path)
    probe = [*texts[1::50], UNNAMED, *EVERYDAY, "", "!!!", "ÉMERGENCIA dolor en el pecho"]
    for text, expected in zip(probe, theirs.predict_proba(probe)[:, 1], strict=True):
        assert math.isclose(ours.score(text), float(expected), abs_tol=1e-4), text


def test_the_stored_model_reads_unnamed_signs_and_not_everyday_aches(u: Understanding) -> None:
    model = stored()
    assert model is not None and 0.5 <= model.threshold < 1 and len(model.weights) > 1000
    p = u.parse(UNNAMED)
    assert p.doubt and not (p.red_flags or p.screen), "not named by the word lists, flagged by the model"
    for text in EVERYDAY:
        assert not u.parse(text).doubt, text
    assert not u.parse("yes").doubt and not u.parse("a bit").doubt, "short answers are not weighed"


@pytest.fixture(scope="module")
def u(content: Content) -> Understanding:
    return Understanding(content)


def test_a_flagged_message_asks_for_a_careful_check_once(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say(UNNAMED)
    note = content.msg("doubt_check")
    assert note in chat.text and chat.conv.doubt
    assert content.msg("screen_none") in chat.labels, "the first safety check comes next"
    assert chat.level is None, "no advice is made up: the checks decide"
    chat.say("my arm is still tingly")
    assert note not in chat.text, "said once"
    chat.press(content.msg("screen_none"))
    assert chat.state != "recommendation" and chat.level is None
    while chat.state in ("region", "pain_type", "onset", "duration", "severity"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("3")
    chat.answer_no_until_done()
    assert chat.state == "recommendation" and chat.level not in ("emergency", "urgent"), "all checks answered no: no made-up advice"
    assert content.msg("summary_doubt") in chat.text, "the summary (and the lead) tells the therapist to ask about it"


def test_a_named_sign_gets_its_own_advice_not_the_careful_check(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("crushing chest pain going down my left arm, sweating")
    assert chat.level == "emergency" and content.msg("doubt_check") not in chat.text


def test_no_careful_check_on_top_of_a_word_for_someone_else(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("my dad had a fall this morning and can't put weight on his leg, my back aches from helping him up")
    assert content.msg("someone_else_today") in chat.text and content.msg("doubt_check") not in chat.text
    assert not chat.conv.doubt, "the doubt was the dad's, not the person's: not in their summary"


# A sign's words said as a joke, in a first message: the second reader finds a sign very unlikely.
JOKE = "totally paralysed after bootcamp lol jk, glutes are sooo sore"


def test_the_stored_model_finds_a_joke_unlikely_and_a_plain_sign_not(u: Understanding) -> None:
    model = stored()
    assert model is not None and 0 < model.unlikely < model.threshold
    joke = u.parse(JOKE)
    assert joke.screen and joke.unlikely, "the words name a sign; the model finds one very unlikely"
    for text in ("my face has dropped on one side and my words are slurred", "crushing chest pain going down my left arm", UNNAMED):
        assert not u.parse(text).unlikely, text
    assert all(u.parse(text).unlikely for text in EVERYDAY[1:]), "an everyday ache: no sign, and none likely"


def test_an_unlikely_sign_is_put_to_the_person_with_its_advice_then_the_first_screen(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say(JOKE)
    stroke = next(c for c in content.screen if c.id == "stroke_signs")
    line = content.msg("sign_to_confirm", items=stroke.label, advice=stroke.advice)
    assert line in chat.text, "the sign is named, with what to do should it be happening now"
    assert "999" in line
    assert chat.level is None and chat.conv.mentioned == ["stroke_signs"] and not chat.conv.screen, "not taken as said"
    assert stroke.label in chat.labels and content.msg("screen_none") in chat.labels, "the first safety check asks"
    assert chat.conv.answers.get("region") == "buttock", "what else was said is kept"
    chat.press(content.msg("screen_none"))
    assert chat.level is None and chat.state != "recommendation"
    while chat.state in ("region", "pain_type", "onset", "duration", "severity"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("3")
    chat.answer_no_until_done()
    assert chat.state == "recommendation" and chat.level not in ("emergency", "urgent", "doctor_first")
    mentioned = content.msg("summary_mentioned", items=stroke.label)
    assert mentioned in chat.text, "the summary (and the lead) tells the therapist what was mentioned"


def test_an_unlikely_sign_confirmed_at_the_first_screen_gets_the_emergency_advice(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say(JOKE)
    stroke = next(c for c in content.screen if c.id == "stroke_signs")
    chat.press(stroke.label)
    assert chat.level == "emergency" and not any("book" in b.id for b in chat.buttons), "no booking beside emergency advice"


def test_an_unlikely_sign_later_in_the_conversation_is_taken_as_said(chat: Chat, content: Content) -> None:
    # Only a first message is put to the person: mid-way, a sign typed is acted on at once.
    chat.start().say("my neck is stiff")
    assert chat.state != "screen"
    chat.say(JOKE)
    assert chat.level == "emergency" and content.msg("sign_to_confirm").split("{")[0] not in chat.text
