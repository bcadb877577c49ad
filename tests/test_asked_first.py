"""A warning sign named in passing, in a message the reader of meaning finds unlike any sign, is asked
about first ("is this happening right now?") instead of sending a carer or a paramedic to the emergency
number: Yes or Not sure gives the advice at once and no booking, No goes on with the questions and tells
the therapist. A sign told plainly still gets its advice at once."""

from __future__ import annotations

import pytest

from bot import buttons
from bot.engine import Engine
from bot.summary import lead_request
from bot.understand import Understanding, meaning

from .conftest import Chat
from .questions import BOOKING_IDS

# Written for these tests: someone else's sign long over, a job, a question about a sign denied.
PASSING = [
    ("paramedic here, I deal with collapses and chest pains all day, my shoulders are wrecked from lifting stretchers", {"chest_pain"}),
    ("why do you ask about chest pain? i dont have any, just a stiff neck", {"chest_pain"}),
    ("I'm a carer for my mum who had a stroke, lots of lifting and my back is stiff", {"stroke_signs"}),
]
PLAIN = [
    "my face has gone droopy on one side and my words are slurred",
    "I passed out in the shower this morning and my neck hurts",
    "my neck is sore and my arm went weak and numb an hour ago",
    # The reader hears nothing wrong here (a review's probe): said to be happening now, it is advised on at once.
    "booking for my husband, he collapsed in the garden just now and is a bit out of it, his back is sore from gardening",
]
CARER = PASSING[2][0]


def asked(chat: Chat) -> bool:
    return chat.engine.content.msg("confirm_sign").split(":")[0] in chat.text


@pytest.mark.parametrize(("text", "signs"), PASSING)
def test_a_sign_named_in_passing_is_asked_about_not_advised_on(u: Understanding, text: str, signs: set[str]) -> None:
    parsed = u.read(text).parsed
    assert signs <= set(parsed.to_confirm)
    assert not set(parsed.to_confirm) & {*parsed.red_flags, *parsed.screen}


@pytest.mark.parametrize("text", PLAIN)
def test_a_sign_told_plainly_is_not_asked_about_first(chat: Chat, text: str) -> None:
    chat.start(screen=None)
    chat.say(text)
    assert chat.level == "emergency" and not asked(chat)
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_question_that_asks_what_a_first_screen_item_asks_is_shown_once(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say(PASSING[1][0])
    assert set(chat.conv.confirm) == {"chest_pain", "chest_pressure"}
    assert chat.text.count("• ") == 1 and "Chest pain, pressure or tightness" in chat.text


def test_a_reader_not_confident_of_no_sign_asks_nothing_first(u: Understanding, monkeypatch: pytest.MonkeyPatch) -> None:
    """The choice is the reader's alone: not sure there is no sign (a score at the bar), it asks nothing first."""
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, text: (meaning.UNLIKE, None))
    parsed = u.read(CARER).parsed
    assert parsed.to_confirm == [] and "stroke_signs" in parsed.screen


def test_no_goes_on_with_the_questions_and_tells_the_therapist(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say(CARER)
    assert asked(chat) and chat.level is None
    assert [b.label for b in chat.buttons] == ["Yes", "No", "Not sure"]
    assert "Lower back" in chat.text  # what else was said is kept
    chat.press("No")
    assert chat.level is None and chat.state == "screen" and not asked(chat)
    assert chat.engine.content.practice["emergency_number"] in chat.text  # whom to call if it does happen
    shown = {b.id for b in chat.buttons}
    assert "screen.stroke_signs" not in shown and "screen.chest_pain" in shown  # the sign just denied is not asked again
    chat.press("screen.none")
    assert chat.conv.answers.get("onset") == "overuse"  # "a carer…, lots of lifting": not asked again
    chat.press("4")
    chat.answer_no_until_done()
    assert chat.state == "recommendation" and chat.level is not None
    summary = chat.engine.summary(chat.conv)
    assert "said not happening now or lately" in summary and "trouble speaking" in summary
    assert lead_request(chat.engine.content, chat.conv).triage["said_not_now"] == ["stroke_signs"]  # the call-back request too


@pytest.mark.parametrize("reply", ["!Yes", "!Not sure", "yes I think so", "kinda"])
def test_yes_or_not_sure_gives_the_advice_at_once_and_no_booking(chat: Chat, reply: str) -> None:
    chat.start(screen=None)
    chat.say(CARER)
    chat.press(reply[1:]) if reply.startswith("!") else chat.say(reply)
    assert chat.level == "emergency" and "stroke_signs" in chat.conv.screen
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_sign_the_reader_doubts_is_asked_about_never_dropped(chat: Chat) -> None:
    """The lists read night sweats, the reader hears a GP's all-clear: asked, a yes is a sign."""
    chat.start()
    chat.say("night sweats again, gp says not menopause")
    assert asked(chat) and chat.conv.confirm == ["night_sweats"]
    chat.press("Yes")
    assert chat.conv.flags.get("night_sweats") == "yes"
    chat.answer_no_until_done()
    assert chat.level in ("urgent", "doctor_first") and not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_question_while_asked_is_answered_and_the_question_comes_again(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say(CARER)
    chat.say("how much is a session?")
    assert "£" in chat.text and chat.conv.confirm == ["stroke_signs"]
    chat.press(chat.buttons[-1].label)  # back to the question: the one asked about first
    assert asked(chat) and chat.level is None


def test_asked_mid_flow_then_back_to_the_same_question(chat: Chat) -> None:
    chat.start()
    state = chat.state
    chat.say(PASSING[0][0])
    assert asked(chat) and chat.level is None
    here = chat.state  # the message answered the question it was typed at: the next one waits
    assert here != state and here in chat.engine.flow.states
    chat.press("No")
    assert chat.state != "recommendation" and chat.level is None and not asked(chat)
    assert chat.conv.denied == ["chest_pain"] and state is not None
    assert chat.state == here and chat.engine.flow.states[here].prompt in chat.text


def test_an_answer_pressed_twice_is_stale(engine: Engine) -> None:
    chat = Chat(engine)
    chat.start(screen=None)
    chat.say(CARER)
    yes = next(b.id for b in chat.buttons if b.label == "Yes")
    chat.press("No")
    chat.press_id(yes)
    assert chat.level is None and engine.content.msg("stale_button") in chat.text
    assert yes == buttons.confirm("yes")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("paramedic here, I deal with chest pains all day, my lower back is wrecked", "lower_back"),
    ],
)
def test_a_place_named_only_in_a_sign_of_someones_job_is_not_where_it_hurts(chat: Chat, text: str, place: str) -> None:
    """The chest of "I deal with chest pains all day" is the patients' sign, asked about first; where it hurts
    the person is the place they say of themselves, and the chest's checks are not asked after a No."""
    chat.start(screen=None)
    chat.say(text)
    assert asked(chat) and chat.conv.answers.get("region") == place
    assert "chest" not in chat.conv.places
    chat.press("No")
    chat.answer_no_until_done()
    assert "chest" not in chat.conv.places and chat.conv.region == place


def test_patients_named_by_their_sign_are_not_a_sign_of_ones_own(chat: Chat) -> None:
    """ "Chest pain patients" are people the nurse looks after: nothing to ask about or advise on, and the
    neck is where it hurts."""
    chat.start(screen=None)
    chat.say("nurse here, I deal with chest pain patients all day, my neck is stiff")
    assert not asked(chat) and chat.level is None and chat.conv.answers.get("region") == "neck"
    assert "chest" not in chat.conv.places and chat.state != "recommendation"


# Written for these tests: a sign said to be checked and cleared, or over with a time long gone. The reader of
# meaning is not sure of a sign in them (below meaning.UNSURE_IF_OVER), so the sign is asked about first.
OVER = [
    ("had chest pains last year, A&E did an ECG and bloods, all normal, they said muscular. my upper back is the problem now", {"chest_pain"}),
    ("my legs went numb and weak once on a long bike ride years ago, fully recovered, now it's just tight hamstrings", {"both_legs_weak"}),
]


@pytest.mark.parametrize(("text", "signs"), OVER)
def test_a_sign_said_to_be_over_or_cleared_is_asked_about_first(chat: Chat, text: str, signs: set[str]) -> None:
    chat.start(screen=None)
    chat.say(text)
    assert asked(chat) and chat.level is None
    assert signs <= set(chat.conv.confirm)
    chat.press("No")
    assert chat.level is None and not asked(chat)


# A review's probes: a question about what is normal, "fine now" without a time long gone, a clearance
# denied or with the sign still there. Each is a sign now, advised on at once.
STILL_A_SIGN = [
    "blacked out for a few seconds while jogging yesterday, fine now, calves are tight",
    "my arm went weak and my speech slurred for ten minutes this morning, fine now",
    "my legs buckled and I couldn't feel the toilet paper, fine now",
    "I passed out last week while walking the dog, fine now, but my back is sore from the fall",
    "is it normal to have numbness around my bum and inner thighs with back pain?",
    "what does a heart attack feel like? my chest is tight and my left arm aches",
    "is it normal to get a sudden severe headache during sex",
    "I wouldn't say it's all clear, my chest still feels tight",
    "had a scan last year, all clear, but the numbness round my bum is back again",
]


@pytest.mark.parametrize("text", STILL_A_SIGN)
def test_a_sign_now_is_not_asked_first_for_sounding_over(u: Understanding, text: str) -> None:
    parsed = u.read(text).parsed
    assert not parsed.sounds_over
    assert {*parsed.red_flags, *parsed.screen} and not parsed.to_confirm


def test_someone_elses_sign_said_to_be_managed_is_not_theirs_now(u: Understanding) -> None:
    parsed = u.read("my mum has angina but it's well managed with her spray. I'm 35 and booking for myself, lower back").parsed
    assert not {*parsed.red_flags, *parsed.screen, *parsed.theirs_now} and parsed.regions == ["lower_back"]


def test_over_needs_the_reader_unsure_too(u: Understanding, monkeypatch: pytest.MonkeyPatch) -> None:
    """Said to be over, but the reader hears a sign (a score at UNSURE_IF_OVER): advised on, not asked first."""
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, text: (meaning.UNSURE_IF_OVER, None))
    parsed = u.read(OVER[0][0]).parsed
    assert parsed.sounds_over and parsed.to_confirm == [] and "chest_pain" in parsed.screen


def test_every_sentence_unlike_a_sign_asks_first(u: Understanding, monkeypatch: pytest.MonkeyPatch) -> None:
    """A message of several sentences, each read alone unlike any sign (below meaning.UNLIKE_IN_EACH), and
    the whole too: the signs named are asked about first. One sentence above that bar, and they are not; nor
    in a message of one sentence, whose score is the whole message's."""
    text = "I teach first aid. we practised what to do for chest pain all morning! my shoulders ache from the dummy"
    low = meaning.UNLIKE_IN_EACH - 0.1
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, t: (low, None))
    assert "chest_pain" in u.read(text).parsed.to_confirm
    one = "I passed out at the gym and my back aches from the fall"
    alone = u.read(one).parsed
    assert alone.to_confirm == [] and "collapse_confusion" in alone.screen
    monkeypatch.setattr(meaning.Meaning, "read", lambda self, t: (low + 0.2 if t.startswith("we practised") else low, None))
    parsed = u.read(text).parsed
    assert parsed.to_confirm == [] and "chest_pain" in parsed.screen
