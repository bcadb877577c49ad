"""The second reader for warning signs (bot/understand/doubt.py): its scorer gives scikit-learn's own
probabilities, the stored model flags warning signs put in unusual words and not everyday aches, and
a flagged message asks the person, once, to go through the checks with care."""

from __future__ import annotations

import json
import math
from pathlib import Path

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
        model = train(texts[::5], labels[::5], bar=0.7)
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


def test_the_warm_up_loads_the_second_reader_before_the_first_message(u: Understanding) -> None:
    stored.cache_clear()
    u.warm()
    assert stored.cache_info().currsize == 1, "loaded by the warm-up, not while the first message waits"


def test_no_careful_check_on_top_of_the_reply_to_another_illness(chat: Chat, content: Content) -> None:
    """The other-illness reply already says whom to see and when to call the emergency number."""
    chat.start().say("I've had a cough and a runny nose for a week")
    assert chat.text.startswith(content.msg("other_illness")) and content.msg("doubt_check") not in chat.text
