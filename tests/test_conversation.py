"""Whole conversations through the engine, the way a person has them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.content import RED_FLAG_LEVELS, Content
from bot.effects import LeadRequested, Relayed
from bot.engine import Engine
from bot.flow import next_safety, safety_groups

from .conftest import Chat
from .questions import BOOKING_IDS, answer_questions, label

# Button paths a person with each of the practice's conditions would take.
CONDITION_PATHS = [
    ("lower_back_pain", "lower_back", "dull_ache", "gradual", "months", 5),
    ("upper_back_pain", "upper_back", "tightness", "gradual", "weeks", 4),
    ("carpal_tunnel_like", "wrist_hand", "tingling", "overuse", "weeks", 4),
    ("sciatica_like", "buttock", "shooting", "gradual", "weeks", 6),
    ("hip_pain", "hip", "dull_ache", "gradual", "months", 5),
    ("headache", "head", "throbbing", "gradual", "months", 5),
    ("plantar_fasciitis", "foot", "sharp", "gradual", "months", 5),
    ("calf_cramps", "calf", "cramping", "overuse", "weeks", 5),
    ("tendonitis", "arm_elbow", "sharp", "overuse", "weeks", 5),
    ("knee_pain", "knee", "dull_ache", "gradual", "months", 4),
    ("it_band_syndrome", "thigh", "burning", "overuse", "weeks", 5),
    ("jaw_pain", "jaw", "dull_ache", "gradual", "weeks", 4),
    ("neck_pain", "neck", "dull_ache", "overuse", "weeks", 5),
    ("neck_pain", "neck", "stiffness", "gradual", "months", 6),
]


@pytest.mark.parametrize(("condition", "region", "pain", "onset", "duration", "severity"), CONDITION_PATHS)
def test_each_condition_reaches_nmt_fit_with_reasons(chat: Chat, content: Content, condition: str, region: str, pain: str, onset: str, duration: str, severity: int) -> None:
    chat.start()
    answer_questions(chat, content, region, pain, onset, duration, severity)
    assert chat.state == "red_flags"
    assert "Safety check 1 of" in chat.text
    chat.answer_no_until_done()
    assert chat.state == "recommendation"
    assert chat.level == "nmt_fit"
    assert chat.conv.condition == condition
    cond = content.condition(condition)
    assert cond is not None
    # Why: the matching condition, what a trigger point is, how referral pain explains it.
    assert cond.name in chat.text and cond.explanation in chat.text and cond.referral in chat.text
    assert content.msg("trigger_points") in chat.text
    # How to book, with the practice's own details.
    assert {b.id for b in chat.buttons} >= BOOKING_IDS
    # The summary to forward closes the recommendation.
    summary = chat.replies[-1].text
    assert summary.startswith(content.msg("summary_heading"))
    assert label(content, "region", region) in summary and f"{severity}/10" in summary
    assert content.msg("summary_checks_clear") in summary


def test_tmj_from_typed_words(chat: Chat, content: Content) -> None:
    chat.start().say("my jaw keeps clicking")
    assert chat.conv.answers["region"] == "jaw"
    chat.press(label(content, "pain_type", "stiffness")).press(label(content, "onset", "gradual"))
    chat.press("3").answer_no_until_done()  # no "how long" after a gradual start
    assert (chat.level, chat.conv.condition) == ("nmt_fit", "tmj")


def test_greeting_records_source_and_says_not_a_diagnosis(chat: Chat, content: Content) -> None:
    chat.start("ig_reel_nov", screen=None)
    assert chat.conv.source == "ig_reel_nov"
    assert content.practice["name"] in chat.text
    assert "not a diagnosis" in chat.text
    assert chat.state == content.flow.initial == "screen"
    # The first step rules out the life-threatening, with one tap if none apply.
    assert [b.label for b in chat.buttons] == [c.label for c in content.screen] + [content.msg("screen_none")]
    chat.press("screen.none")
    # Every question offers "Not sure".
    assert content.msg("not_sure") in chat.labels


def test_bad_start_payload_is_not_recorded(chat: Chat) -> None:
    chat.start("<script>alert(1)</script>")
    assert chat.conv.source is None
    assert chat.state == "region"


def test_the_source_survives_restart(chat: Chat) -> None:
    chat.start("fb_post_12").press("Lower back").command("restart")
    assert chat.conv.source == "fb_post_12" and chat.state == "screen"
    assert chat.conv.answers == {}


def all_flag_cases(content: Content) -> list[tuple[str, str]]:
    """Each flag asked in a check, with a region where it is asked (a sign read only when typed,
    ``regions: []``, is never asked: see test_a_sign_read_only_when_typed_is_never_asked)."""
    cases = []
    for flag in content.red_flags:
        if not flag.regions:
            continue
        region = next((r.id for r in content.regions if flag.applies_to(r.id)), "lower_back")
        cases.append((flag.id, region))
    return cases


def _flag_cases() -> list[tuple[str, str]]:
    from bot.content import load_content

    return all_flag_cases(load_content())


@pytest.mark.parametrize(("flag_id", "region"), _flag_cases())
def test_every_red_flag_turns_the_outcome_away_from_massage(chat: Chat, content: Content, engine: Engine, flag_id: str, region: str) -> None:
    flag = content.flag(flag_id)
    assert flag is not None
    chat.start()
    # A complaint that would otherwise be a clear fit: moderate, gradual, weeks.
    answer_questions(chat, content, region, "dull_ache", "gradual", "weeks", 4)
    assert chat.state == "red_flags" and content.msg("safety_group") in chat.text
    if flag.same_as:  # the first screen asked it, answered "None of these": not asked twice
        chat.answer_safety({flag_id})
        assert flag_id not in chat.offered and chat.level == "nmt_fit"
        twin = content.screen_item(flag.same_as)
        assert twin is not None and RED_FLAG_LEVELS.index(twin.level) <= RED_FLAG_LEVELS.index(flag.level)
        return
    # A grouped check shows the sign as one button; a follow-up is asked once its trigger is tapped.
    chat.answer_safety({flag_id, *flag.after})
    assert flag_id in chat.offered
    if flag.after:
        assert chat.offered.index(flag.after[0]) < chat.offered.index(flag_id)
    assert chat.state == "recommendation"
    assert chat.level == flag.level
    assert flag.advice in chat.text
    level = content.levels[flag.level]
    when = level.timeframes.get(flag.timeframe or "")
    assert (when.next_steps if when else level.next_steps) in chat.text, "doctor_first says how soon"
    assert (when is not None) == (flag.level == "doctor_first")
    assert not BOOKING_IDS & {b.id for b in chat.buttons}, "a red flag must never be answered with booking"
    assert "⚠️" in chat.replies[-1].text
    # /book and "how do I book?" afterwards still refer to a doctor: no booking link.
    asks: list[Callable[[], Chat]] = [lambda: chat.command("book"), lambda: chat.say("how do I book an appointment?")]
    for ask in asks:
        ask()
        assert content.levels[flag.level].booking_reply in chat.text
        assert content.practice["booking_url"] not in chat.text
    # Back, then "No" instead: the warning sign once reported still sends them to a doctor.
    chat.say("back")
    if chat.state == "age":  # after an injury the age came last: Back to it first
        chat.say("back")
    assert chat.state == "red_flags"
    chat.answer_no_until_done()
    trigger = content.flag(flag.after[0]) if flag.after else None  # a follow-up's trigger is still a yes
    if any(flag_id in f.after and f.applies_to(region) for f in content.red_flags):
        trigger = flag  # Back undid its follow-up's answer: the sign itself still stands
    assert chat.level == (trigger.level if trigger else "doctor_first")
    assert content.rules["changed_red_flag"].reason in chat.text or trigger is not None
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_not_sure_to_a_safety_question_means_doctor_first(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "calf", "tightness", "gradual", "weeks", 4)
    first_group = safety_groups(content, chat.conv)[0].flags
    assert [b.id for b in chat.buttons][: len(first_group)] == [f"rf.{f}.yes" for f in first_group]
    chat.press("Not sure")  # on a grouped check: its signs are asked one at a time
    assert chat.state == "red_flags" and content.flag(first_group[0]).question in chat.text  # type: ignore[union-attr]
    assert chat.labels[:2] == ["Yes", "No"]
    chat.press("No")
    assert content.flag(first_group[1]).question in chat.text  # type: ignore[union-attr]
    chat.press("Not sure")
    assert chat.level == "doctor_first"
    assert content.rules["unsure_red_flag"].reason in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_typed_answers_to_a_grouped_check_and_to_a_single_question(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    first = safety_groups(content, chat.conv)[0].flags[0]
    chat.say("yes I have")
    assert chat.state == "red_flags" and content.msg("screen_which") in chat.text, "a yes to a list asks which one"
    chat.say("not sure")
    assert content.flag(first).question in chat.text  # type: ignore[union-attr]
    chat.say("yes I have")
    assert chat.level == content.flag(first).level  # type: ignore[union-attr]


def test_none_of_these_moves_to_the_next_group_and_back_undoes_it(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    groups = safety_groups(content, chat.conv)
    total = len(groups)
    assert total >= 2 and all(len(g.flags) + len(g.contra) <= content.group_size for g in groups)
    assert content.msg("safety_progress", step=1, total=total) in chat.text
    chat.say("none of these")
    assert content.msg("safety_progress", step=2, total=total) in chat.text
    assert {f"rf.{f}.yes" for f in groups[1].flags} <= {b.id for b in chat.buttons}
    chat.press(content.msg("back"))
    assert content.msg("safety_progress", step=1, total=total) in chat.text and not chat.conv.flags
    chat.answer_no_until_done()
    assert chat.level == "nmt_fit" and content.msg("summary_checks_clear") in chat.text


def test_a_follow_up_is_asked_only_after_its_trigger(chat: Chat, content: Content) -> None:
    follow_up = next(f for f in content.red_flags if f.after)
    region = next(r.id for r in content.regions if follow_up.applies_to(r.id))
    chat.start()
    answer_questions(chat, content, region, "dull_ache", "gradual", "weeks", 4)
    chat.answer_no_until_done()
    assert follow_up.id not in chat.offered and chat.level == "nmt_fit", "no fall, so no question about a fall"
    chat.start()
    answer_questions(chat, content, region, "dull_ache", "gradual", "weeks", 4)
    trigger = follow_up.after[0]
    chat.answer_safety({trigger})  # a fall, but "No" to the follow-up
    assert chat.offered[-1] == follow_up.id and chat.offered.index(trigger) < len(chat.offered) - 1
    assert chat.level == content.flag(trigger).level  # type: ignore[union-attr]
    chat.start()
    answer_questions(chat, content, region, "dull_ache", "gradual", "weeks", 4)
    chat.answer_safety({trigger, follow_up.id})
    assert chat.level == follow_up.level and follow_up.advice in chat.text
    # Reported first (the screen's accident, or typed), the follow-up still comes before the advice.
    screen = next(a for a in follow_up.after if content.screen_item(a) is not None)
    chat.start(screen=screen)
    assert chat.state == "red_flags" and follow_up.question in chat.text and chat.level is None
    chat.press(content.msg("yes"))
    assert chat.level == follow_up.level and follow_up.advice in chat.text
    chat.start().say("got tackled at rugby an hour ago, my shoulder is killing me")
    assert chat.state == "red_flags" and follow_up.question in chat.text
    chat.press(content.msg("no"))
    assert chat.state == "age", "after an injury, the age (not said) before the advice"
    chat.press("age.adult")
    assert chat.level == content.flag(trigger).level


@pytest.mark.parametrize(
    ("region", "severity", "onset", "duration", "level"),
    [
        ("chest", 4, "gradual", "weeks", "doctor_first"),
        ("abdomen", 4, "gradual", "weeks", "not_a_fit"),
        ("lower_back", 10, "gradual", "weeks", "doctor_first"),
        ("lower_back", 6, "sudden", "days", "nmt_maybe"),
    ],
)
def test_rules_other_than_red_flags(chat: Chat, content: Content, region: str, severity: int, onset: str, duration: str, level: str) -> None:
    chat.start()
    answer_questions(chat, content, region, "dull_ache", onset, duration, severity)
    chat.answer_no_until_done()
    assert chat.level == level
    has_booking = bool(BOOKING_IDS & {b.id for b in chat.buttons})
    assert has_booking == content.levels[level].booking


def test_not_sure_everywhere_is_a_chat_with_the_therapist(chat: Chat, content: Content) -> None:
    chat.start()
    while chat.state != "red_flags":
        # Every question has a "Not sure" choice (onset's is its own "Not sure how it began").
        unsure = [b for b in chat.buttons if b.id.endswith((".not_sure", "onset.unknown"))]
        assert len(unsure) == 1, chat.labels
        chat.press_id(unsure[0].id)
    chat.answer_no_until_done()
    assert chat.level == "nmt_maybe"
    assert content.rules["no_condition"].reason in chat.text
    assert "recommendation.callback" in {b.id for b in chat.buttons}


def test_back_changes_the_last_answer(chat: Chat, content: Content) -> None:
    chat.start().press("Lower back").press(label(content, "pain_type", "sharp"))
    assert chat.state == "onset"
    chat.press("⬅️ Back")
    assert chat.state == "pain_type" and "pain_type" not in chat.conv.answers
    assert "Question 2 of" in chat.text
    chat.press(label(content, "pain_type", "dull_ache"))
    assert chat.conv.answers["pain_type"] == "dull_ache" and chat.state == "onset"
    chat.say("back").say("back")
    assert chat.state == "region" and chat.conv.answers == {}
    chat.say("back").say("back")
    assert content.msg("first_question") in chat.text and chat.state == "screen"


def test_back_from_a_safety_question_and_from_the_outcome(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    chat.press(content.msg("screen_none")).press("⬅️ Back")
    assert chat.state == "red_flags" and chat.conv.flags == {}
    chat.answer_no_until_done()
    assert chat.level == "nmt_fit"
    chat.say("back")
    assert chat.state == "red_flags" and chat.level is None, "back to the last check"
    assert "contraindications.pregnancy" in {b.id for b in chat.buttons} and "pregnancy" not in chat.conv.cleared
    chat.say("back")
    assert chat.state == "red_flags"
    chat.press(chat.labels[0])  # the check before's first sign
    assert chat.level in ("emergency", "urgent", "doctor_first")
    flagged = next(fid for fid, answer in chat.conv.flags.items() if answer == "yes")
    chat.say("back")
    assert chat.state == "red_flags" and chat.level is None and flagged not in chat.conv.flags
    assert chat.conv.retracted == [flagged], "a warning sign once reported is remembered"
    chat.command("restart")
    assert chat.state == "screen" and content.msg("restarted") in chat.text


def test_restart_mid_flow(chat: Chat) -> None:
    chat.start().press("Knee").say("start again")
    assert chat.state == "screen" and chat.conv.answers == {}


@pytest.mark.parametrize("question", ["does it hurt?", "What is a trigger point?"])
def test_faq_typed_mid_flow_is_answered_and_the_flow_resumes(chat: Chat, content: Content, question: str) -> None:
    chat.start().press("Neck").press(label(content, "pain_type", "tightness"))
    before = chat.conv.to_dict()
    chat.say(question)
    faq_id = "does_it_hurt" if "hurt" in question else "trigger_point"
    entry = content.faq_entry(faq_id)
    assert entry is not None
    assert chat.conv.to_dict() == before, "an FAQ must not lose the person's place"
    # In the middle of the questions: a short answer (whole sentences, about 60 words at most), one
    # message, "Tell me more" when there is more, and one button back to the question.
    assert len(chat.replies) == 1 and chat.labels[-1] == content.msg("faq_back")
    shown = chat.text.removeprefix(f"{entry.question}\n\n")
    assert entry.answer.startswith(shown) and len(shown.split()) <= max(60, len(entry.answer.split(".")[0].split()))
    if shown != entry.answer:
        chat.press(content.msg("faq_more"))
        assert entry.answer in chat.text and content.msg("faq_more") not in chat.labels
    chat.press(content.msg("faq_back"))
    assert "Question 3 of" in chat.text and chat.state == "onset"
    # Or the question is simply answered, without going back first.
    chat.say(question).say("it came on suddenly")
    assert chat.state == "duration"


def test_faq_menu_buttons_work_at_any_step(chat: Chat, content: Content) -> None:
    chat.start().press("Hip").command("faq")
    assert len([b for b in chat.buttons if b.id.startswith("faq.")]) == len(content.faq)
    chat.press("faq.prices")
    assert content.practice["prices"] in chat.text
    assert chat.state == "pain_type"


@pytest.mark.parametrize("text", ["", "   ", "asdfgh qwerty", "🦄🦄🦄", "x" * 10_000, "<b>bold</b> & co", "\u202eevil", "\x00\x07"])
def test_nonsense_empty_and_long_input_get_a_helpful_answer(chat: Chat, content: Content, text: str) -> None:
    chat.start().press("Shoulder")
    chat.say(text)
    assert chat.state == "pain_type", "bad input must not move or lose the flow"
    assert chat.conv.answers == {"region": "shoulder"}
    assert "Question 2 of" in chat.text
    assert any(b.id.startswith("pain_type.") for b in chat.buttons)
    assert len(chat.text) < 4096


def test_stale_and_forged_buttons_are_refused_politely(chat: Chat, content: Content) -> None:
    chat.start().press("Knee").press(label(content, "pain_type", "sharp"))
    for forged in ("region.knee", "pain_type.sharp", "rf.saddle_numbness.yes", "recommendation.book", "nonsense", "faq.nope", "severity.99"):
        chat.press_id(forged)
        assert content.msg("stale_button") in chat.text, forged
        assert chat.state == "onset"
        assert chat.conv.answers == {"region": "knee", "pain_type": "sharp"}


def test_severity_out_of_range_is_explained(chat: Chat, content: Content) -> None:
    chat.start().press("Knee").press(label(content, "pain_type", "sharp")).press(label(content, "onset", "gradual"))
    chat.say("about 15")
    assert content.msg("severity_invalid") in chat.text and chat.state == "severity"
    chat.say("about a seven")
    assert chat.conv.answers["severity"] == 7


def test_typed_answers_in_own_words(chat: Chat, content: Content) -> None:
    chat.start().say("My lower back is killing me")
    assert "Got it: Lower back." in chat.text
    chat.say("a dull ache mostly")
    assert chat.conv.answers["pain_type"] == "dull_ache"
    chat.say("it came on gradually")
    assert chat.state == "severity", "how long only matters after a sudden start"
    chat.say("for about 3 months now")
    assert chat.conv.answers["duration"] == "months" and content.msg("severity_invalid") not in chat.text
    chat.say("7/10")
    assert chat.conv.answers["severity"] == 7 and chat.state == "red_flags"


def test_first_message_without_start_is_greeted_and_used(chat: Chat, content: Content) -> None:
    chat.say("my neck hurts")
    assert "not a diagnosis" in chat.text and "Got it: Neck." in chat.text
    # What they said is kept; the safety screen still comes first.
    assert chat.conv.answers.get("region") == "neck" and chat.state == "screen"
    chat.press("screen.none")
    assert chat.state == "pain_type"


def test_help_and_unknown_commands_keep_the_place(chat: Chat, content: Content) -> None:
    chat.start().press("region.foot").command("help")
    assert chat.replies[0].text == content.msg("help") and chat.state == "pain_type"
    # From /help, a person can ask to talk to the therapist, then come back to the same question.
    chat.press("nav.talk")
    assert chat.state == "human"
    chat.say("do you treat plantar fasciitis?")
    assert chat.effects == [Relayed("do you treat plantar fasciitis?", chat.engine.summary(chat.conv), first=True)]
    chat.press("human.end")
    assert chat.state == "pain_type" and content.msg("relay_ended") in chat.text
    chat.command("frobnicate")
    assert "/frobnicate" in chat.text and chat.state == "pain_type"
    chat.say("/book")
    assert content.msg("book_not_yet") in chat.text


def test_booking_and_call_back_after_a_fit(chat: Chat, content: Content) -> None:
    chat.start("ig_test")
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    chat.answer_no_until_done()
    chat.press("recommendation.book")
    assert content.practice["booking_url"] in chat.text
    chat.press("⬅️ Back")
    assert chat.state == "recommendation"
    chat.press("recommendation.call")
    assert content.practice["phone"] in chat.text
    chat.press("call_us.callback")
    assert chat.state == "callback_phone"
    chat.say("call me maybe")
    assert content.msg("phone_invalid") in chat.text and chat.state == "callback_phone"
    chat.say("07700 900123")
    assert chat.state == "callback_time"
    chat.press("Evening")
    assert chat.state == "callback_note"
    chat.say("I work nights, so after 6pm please")
    assert chat.state == "callback_done" and "07700900123" in chat.text and "Evening" in chat.text
    lead = next(e for e in chat.effects if isinstance(e, LeadRequested))
    assert lead.source == "ig_test" and lead.triage["level"] == "nmt_fit"
    assert (lead.phone, lead.preferred_time, lead.note) == ("07700900123", "Evening", "I work nights, so after 6pm please")
    assert lead.triage["region"] == "lower_back" and lead.triage["condition"] == "lower_back_pain"


def test_state_is_small_json_and_survives_a_round_trip(chat: Chat, content: Content) -> None:
    chat.start("ig_reel_nov")
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    chat.answer_no_until_done()
    assert len(chat.saved.encode()) < 1024
    assert "ig_reel_nov" in chat.saved


def test_a_broken_saved_state_starts_afresh(engine: Engine) -> None:
    from bot.engine import Event

    for saved in (None, {}, {"v": 99}, {"v": 1, "state": "no_such_state"}, {"v": 1, "state": 5, "answers": []}):
        result = engine.handle(saved, Event.text("hello"))
        assert result.conversation.state == "screen"
        assert result.replies


def test_not_sure_where_it_hurts_never_gets_a_confident_fit(chat: Chat, content: Content) -> None:
    chat.start().press("region.not_sure").press("pain_type.throbbing").press("onset.gradual")
    chat.press("6").answer_no_until_done()
    assert chat.level == "nmt_maybe" and chat.conv.condition is None
    assert content.rules["no_condition"].reason in chat.text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("+44 (0)20 7946 0000", "+442079460000"), ("07700-900-123", "07700900123"), ("plus 1 555 010 9999", "+15550109999")],
)
def test_phone_numbers_are_read_as_dialled(chat: Chat, content: Content, typed: str, stored: str) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    chat.answer_no_until_done().press("recommendation.callback").say(typed)
    assert chat.conv.answers["callback_phone"] == stored


@pytest.mark.parametrize("typed", ["call me after 5pm on 07700 900123", "2024-01-01 12:00:00", "12345", "my number"])
def test_things_that_are_not_phone_numbers_get_a_retry_prompt(chat: Chat, content: Content, typed: str) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    chat.answer_no_until_done().press("recommendation.callback").say(typed)
    assert content.msg("phone_invalid") in chat.text and chat.state == "callback_phone"


def test_a_call_back_request_is_sent_once(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    chat.answer_no_until_done().press("recommendation.callback").say("07700 900123").press("Morning").press("Skip")
    assert sum(isinstance(e, LeadRequested) for e in chat.effects) == 1
    assert not any(b.id.startswith("back.") for b in chat.buttons), "no Back into a request already sent"


def test_old_back_buttons_are_stale(chat: Chat, content: Content) -> None:
    chat.start().press("region.knee")
    old_back = next(b.id for b in chat.buttons if b.id.startswith("back."))
    chat.press("pain_type.sharp")
    chat.press_id(old_back)
    assert content.msg("stale_button") in chat.text and chat.state == "onset"


def test_small_talk_gets_a_kind_answer_and_keeps_the_place(chat: Chat, content: Content) -> None:
    chat.start().press("Knee")
    for text, key in (("thanks!", "reply_thanks"), ("Hi there", "reply_hello"), ("ok", "reply_ok"), ("bye", "reply_bye")):
        chat.say(text)
        assert chat.text.startswith(content.msg(key)), text
        assert "Question 2 of" in chat.text and chat.state == "pain_type" and chat.conv.answers == {"region": "knee"}
        assert any(b.id.startswith("pain_type.") for b in chat.buttons)
    # "Thanks, it's a sharp pain" is an answer, not small talk.
    chat.say("thanks, it's a sharp pain")
    assert chat.conv.answers.get("pain_type") == "sharp"


def test_yes_and_no_still_answer_safety_questions_and_say_thanks_after_the_advice(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 5)
    assert chat.state == "red_flags"
    chat.say("no")
    assert chat.state == "red_flags" and "Safety check 2 of" in chat.text
    chat.answer_no_until_done()
    assert chat.state == "recommendation"
    for text, key in (("no", "reply_ok"), ("yes", "reply_ok"), ("thank you so much", "reply_thanks")):
        chat.say(text)
        assert chat.text.startswith(content.msg(key)), text
        assert content.msg("did_you_mean") not in chat.text and content.msg("didnt_understand") not in chat.text
        assert chat.state == "recommendation" and "recommendation.book" in [b.id for b in chat.buttons]
    # A question that starts with "yes" is a question, not an "okay".
    chat.say("yes but how much does it cost?")
    assert not chat.text.startswith(content.msg("reply_ok")) and content.practice["prices"] in chat.text


def test_thanks_to_the_therapist_is_passed_on(chat: Chat, content: Content) -> None:
    chat.start().press("Neck")
    chat.say("talk to a person")
    assert chat.state == "human"
    chat.say("thanks")
    assert [e.text for e in chat.effects if isinstance(e, Relayed)] == ["thanks"]


def test_a_first_hello_gets_one_greeting(chat: Chat, content: Content) -> None:
    chat.say("Hello!")
    assert "not a diagnosis" in chat.text and content.msg("reply_hello") not in chat.text
    assert chat.state == "screen" and chat.text.count(content.msg("greeting")[:30]) == 1


def test_a_first_start_typed_without_the_command_mark_is_the_start(chat: Chat, content: Content) -> None:
    chat.say("/start ig_reel")  # some clients send a pasted /start as plain text
    assert chat.conv.source == "ig_reel" and chat.state == "screen"
    assert chat.text.count(content.msg("greeting")[:30]) == 1


def test_a_yes_with_a_description_at_the_first_screen_keeps_the_description(chat: Chat, content: Content) -> None:
    chat.start(screen=None)
    chat.say("yeah so my lower back has been killing me for weeks")
    assert chat.conv.answers.get("region") == "lower_back" and chat.state == "screen"
    assert content.msg("screen_which") not in chat.text
    chat.say("yes")  # a bare yes to the list: which one?
    assert content.msg("screen_which") in chat.text


def test_an_illness_that_is_not_muscle_pain_is_pointed_elsewhere(chat: Chat, content: Content) -> None:
    chat.say("I've had a really sore throat since last night")
    assert content.msg("other_illness") in chat.text and chat.conv.answers == {}
    chat.start()
    chat.say("I've had a cough and a runny nose for a week")
    assert chat.text.startswith(content.msg("other_illness")) and "Question 1 of" in chat.text
    assert chat.conv.answers == {}, "the cough's week is not the pain's"
    chat.say("my neck hurts too, and I've got a cold")
    assert chat.conv.answers.get("region") == "neck"
    answer_questions_from = chat.state
    assert answer_questions_from == "pain_type"
    # At a safety check, "no, just a cold" is still the answer "none of these".
    chat.press("pain_type.dull_ache").press("onset.gradual").press("severity.3")
    flags, first = len(chat.conv.flags), safety_groups(content, chat.conv)[0].flags
    chat.say("no, just a cold")
    assert len(chat.conv.flags) == flags + len(first) and content.msg("other_illness") not in chat.text


def test_handle_leaves_the_state_it_was_given_as_it_was(engine: Engine) -> None:
    from bot.engine import Event

    conv = engine.handle(None, Event.command("start")).conversation
    conv = engine.handle(conv, Event.text("my lower back hurts")).conversation
    before = conv.to_json()
    result = engine.handle(conv, Event.text("dull ache, I'm pregnant"))
    assert conv.to_json() == before, "the caller's conversation is not changed"
    assert result.conversation.answers["pain_type"] == "dull_ache" and result.conversation.contra == ["pregnancy"]
    assert "pain_type" not in conv.answers and not conv.contra


def test_every_place_said_is_kept_and_its_warning_signs_asked(chat: Chat, content: Content) -> None:
    # (An operation said here would itself answer the calf's clot question: that is a warning sign at once.)
    chat.start().say("my hip has ached for a few weeks and now my calf aches too")
    conv = chat.conv
    assert conv.region is not None and {conv.region, *conv.places} == {"hip", "calf"}
    while chat.state not in ("red_flags", "recommendation"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_safety()
    assert "dvt_signs" in chat.offered, "the calf's clot questions are asked, though the hip came first"
    assert "cant_bear_weight" in chat.offered, "and the hip's"
    chat.answer_no_until_done()
    summary = chat.replies[-1].text
    assert "Hip" in summary and "Calf" in summary


def test_a_place_mentioned_later_is_kept_beside_the_first(chat: Chat, content: Content) -> None:
    chat.start().press("Neck").say("sharp, and my shoulder hurts too")
    assert chat.conv.region == "neck" and chat.conv.places == ["shoulder"]
    assert chat.conv.answers["pain_type"] == "sharp"
    chat.press("⬅️ Back")
    assert chat.state == "pain_type"
    chat.press("⬅️ Back")
    assert chat.state == "region" and chat.conv.places == [], "a new main place starts afresh"


def test_a_question_inside_a_description_is_answered_and_the_description_kept(chat: Chat, content: Content) -> None:
    chat.start().say("my neck has been really stiff for a few weeks, can massage help with that?")
    conv = chat.conv
    assert (conv.answers.get("region"), conv.answers.get("pain_type")) == ("neck", "stiffness")
    assert chat.state == "onset", "not asked again where it hurts"
    assert "Got it: Neck" in chat.text
    chat.start().say("my lower back has ached for months, how much does a session cost?")
    assert chat.conv.answers.get("region") == "lower_back" and chat.state != "region"
    prices = content.faq_entry("prices")
    assert prices is not None
    answered = prices.answer in chat.replies[0].text or "faq.prices" in {b.id for b in chat.replies[0].buttons}
    assert answered, "the question is not dropped: answered, or offered when unsure"
    assert chat.replies[-1].text.startswith("Got it: Lower back"), "and the next question says what was understood"
    chat.start().say("do you treat back pain?")
    assert chat.state == "region" and "region" not in chat.conv.answers, "a question alone says nothing about the person's own pain"


def test_history_age_and_who_it_is_for_reach_the_summary_and_the_lead(chat: Chat, content: Content) -> None:
    chat.start().say("asking for my mum, she's 82, had breast cancer years ago and her lower back has ached for weeks")
    conv = chat.conv
    assert conv.for_other and conv.age == 82 and "cancer" in conv.background
    assert conv.answers.get("region") == "lower_back"
    while chat.state not in ("red_flags", "contraindications", "recommendation"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_no_until_done()
    summary = chat.replies[-1].text
    assert content.msg("summary_who_other", age=82) in summary
    assert content.msg("background_cancer") in summary
    assert chat.level in ("urgent", "doctor_first", "emergency"), "past cancer with new back pain: a doctor first"


def test_someone_elses_sign_gets_a_word_for_them_and_the_persons_own_questions_go_on(chat: Chat, content: Content) -> None:
    chat.start().say("my dad had a fall this morning and can't put weight on his leg, my back aches from helping him up")
    assert content.msg("someone_else_today") in chat.text, "a word for the dad: a doctor today"
    assert chat.level is None and chat.state != "recommendation", "no advice for the person from their dad's fall"
    assert chat.conv.answers.get("region") == "lower_back" and not chat.conv.for_other
    chat.say("about a 4, it's just sore when i bend")
    assert content.msg("someone_else_today") not in chat.text, "said once"
    assert chat.state == "onset", "how the person's own pain started is asked: the dad's fall is not theirs"
    chat.press(label(content, "onset", "gradual"))
    while chat.state == "duration":
        chat.press(chat.buttons[0].id)
    chat.answer_no_until_done()
    assert chat.state == "recommendation" and chat.level not in ("emergency", "urgent"), (chat.state, chat.level)


def test_someone_elses_emergency_gets_the_emergency_advice_said_to_be_for_them(chat: Chat, content: Content) -> None:
    chat.start().say("my wife just collapsed and isn't breathing, my back hurts from trying to lift her")
    assert chat.level == "emergency" and content.msg("someone_else_now") in chat.text, chat.text
    chat.start().say("crushing pain in my chest and my left arm is numb")
    assert chat.level == "emergency" and content.msg("someone_else_now") not in chat.text, "the person's own: no such line"


def test_how_many_more_questions_gets_the_honest_count(chat: Chat, content: Content) -> None:
    chat.start().press("Lower back").press(label(content, "pain_type", "dull_ache"))
    chat.say("how many more questions? just tell me if you can help")
    # onset, severity, how long (counted while how it started is not known), the checks (the contraindications join the last)
    left = 3 + len(safety_groups(content, chat.conv))
    assert chat.text.startswith(content.msg("remaining", count=left)) and chat.state == "onset"
    assert len(chat.text.split()) < 40, "not a paragraph about what NMT is"
    chat.press(label(content, "onset", "gradual")).press("4")
    while (ask := next_safety(content, chat.conv)) is not None and ask.group < ask.groups:
        chat.press(content.msg("screen_none"))
    chat.say("nearly done?")
    assert chat.text.startswith(content.msg("remaining_last")) and chat.state == "red_flags"


LIVE_CHAT_TEXTS = ["?", "👍", "!!!", "help", "back", "restart", "start over", "talk to a person", "thanks", "no", "/shrug"]


def test_the_live_chat_passes_on_everything_typed_whole_until_end(chat: Chat, content: Content) -> None:
    """Punctuation, emoji, command words and small talk are the therapist's, as typed; so is a message
    longer than the bot ever reads. Only /end (or its button) leaves the chat, back to the question."""
    chat.start().press("Lower back")
    chat.say("can I talk to a person?")
    assert chat.state == "human" and [b.id for b in chat.buttons] == ["human.end"], "no Back: leaving is the End button"
    for i, text in enumerate(LIVE_CHAT_TEXTS):
        chat.say(text)
        assert chat.effects == [Relayed(text, chat.engine.summary(chat.conv), first=i == 0)], text
        assert chat.state == "human" and [b.id for b in chat.buttons] == ["human.end"], text
        assert content.msg("didnt_understand") not in chat.text and content.msg("relay_sent_again" if i else "relay_sent") == chat.text
    long = " ".join(f"word{i}" for i in range(900))[:5000]
    assert len(long) == 5000
    chat.say(long)
    assert [e.text for e in chat.effects if isinstance(e, Relayed)] == [long.strip()], "whole, not cut at what the bot reads"
    chat.command("help")  # the bot's own commands still answer, and the chat goes on
    assert not chat.effects and chat.state == "human" and chat.replies[0].text == content.msg("help")
    chat.say("/end")
    assert chat.state == "pain_type" and content.msg("relay_ended") in chat.text
    assert [type(e).__name__ for e in chat.effects] == ["RelayEnded"]
    chat.say("/end")
    assert chat.state == "pain_type" and content.msg("relay_not_open") in chat.text and not chat.effects


def test_starting_over_in_a_live_chat_tells_the_practice_the_chat_ended(chat: Chat, content: Content) -> None:
    from bot.engine import Event

    for command in ("restart", "start"):
        chat.start().press("Neck").say("talk to a person")
        assert chat.state == "human"
        chat.command(command)
        assert chat.state == content.flow.initial
        assert [type(e).__name__ for e in chat.effects if type(e).__name__ == "RelayEnded"] == ["RelayEnded"], command
        chat.press("screen.none").press("Neck")
        # The therapist's /end, coming later, leaves the person where they are now.
        result = chat.engine.handle(chat.conv, Event("end_relay"))
        assert result.conversation.state == "pain_type" and not result.replies and not result.effects


def test_a_back_button_from_an_older_live_chat_message_ends_the_chat_properly(chat: Chat, content: Content) -> None:
    chat.start().press("Knee").say("talk to a person")
    chat.press_id("back.human")
    assert chat.state == "pain_type" and content.msg("relay_ended") in chat.text
    assert [type(e).__name__ for e in chat.effects] == ["RelayEnded"]


def test_a_live_chat_message_after_days_of_silence_is_passed_on_not_welcomed_back(engine: Engine, content: Content) -> None:
    """The therapist may take days to answer; the person's next message is still for them."""
    from bot.engine import RETURN_AFTER, Event

    chat = Chat(engine).start()
    chat.press("Hip").say("talk to a person").say("Are you open on Saturday?")
    result = engine.handle(chat.conv, Event.text("hello? still there?", idle=RETURN_AFTER * 3))
    assert [e.text for e in result.effects if isinstance(e, Relayed)] == ["hello? still there?"]
    assert result.conversation.state == "human" and content.msg("welcome_back") not in result.replies[0].text


def test_asking_for_someone_else_the_safety_questions_are_about_them(chat: Chat, content: Content) -> None:
    chat.start().say("asking for my mum, she's 70 and her lower back has ached for weeks, came on gradually")
    assert chat.conv.for_other
    while chat.state != "red_flags":
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    assert "apply to them at the moment" in chat.text and "apply to you" not in chat.text
    assert any(" their " in b.label for b in chat.buttons) and not any(" your " in b.label for b in chat.buttons)
    chat.press(content.msg("not_sure"))  # one at a time, each about her
    assert chat.text.startswith(content.msg("safety_progress", step=1, total=len(safety_groups(content, chat.conv))))
    assert " you" not in chat.text.split("\n", 1)[1].replace("Thank you", ""), chat.text
    # Someone asking for themselves is asked about themselves.
    chat.start().say("my lower back has ached for weeks, came on gradually")
    while chat.state != "red_flags":
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    assert "apply to you at the moment" in chat.text


@pytest.mark.parametrize(
    "text",
    [
        "my boss is a pain in the neck, my back hurts",
        "my boss is a pain in the neck",
        "I'm a carer for my mum, my back is killing me",
        "I do all the lifting for my dad and my back is sore",
        "my grandad died of a heart attack years ago, my shoulder is stiff",
        "grandad died of a heart attack years ago, shoulder is stiff",
        "lower back pain since my mum had a fall last year, lifting her",
    ],
)
def test_another_person_in_an_idiom_or_the_context_does_not_make_the_pain_theirs(chat: Chat, text: str) -> None:
    """Someone named in an idiom, a job of caring, or their past is not whom the pain is about: the questions
    stay about the person writing."""
    chat.start(screen=None).say(text)
    assert not chat.conv.for_other and "apply to them" not in chat.text
    assert "apply to you" in chat.text or chat.state != "screen"


@pytest.mark.parametrize(
    "text",
    ["my mum (80) has a sore hip", "booking for my husband, his back is sore", "for my friend, she has bad back pain", "looking for a massage for my dad, his knee aches"],
)
def test_someone_elses_own_pain_is_asked_about_them(chat: Chat, text: str) -> None:
    chat.start(screen=None).say(text)
    assert chat.conv.for_other and "apply to them" in chat.text


@pytest.mark.parametrize(
    "text",
    [
        "since my mum's fall last year I do all the lifting and my back is killing me",
        "lower back pain since my mum had a fall last year, lifting her",
        "my dad broke his hip last year and I've been helping him, my shoulder aches",
        "had surgery on my shoulder 6 months ago, it's still stiff",
    ],
)
def test_someone_elses_or_a_long_ago_fall_is_not_noted_as_a_recent_injury(chat: Chat, text: str) -> None:
    """Nothing noted as "surgery or a fracture in the last 6 weeks": the check still asks it, of the person."""
    chat.start().say(text)
    assert "recent_surgery_injury" not in chat.conv.contra and "Noted" not in chat.text and not chat.conv.for_other
    assert not {"fracture_recent", "surgery_recent"} & set(chat.conv.background)
    while chat.state in ("region", "pain_type", "onset", "duration", "severity"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_no_until_done()
    assert "recent_surgery_injury" in chat.conv.cleared and chat.level is not None


def test_the_persons_own_recent_fracture_is_noted(chat: Chat) -> None:
    chat.start().say("I broke my wrist last month and my forearm aches")
    assert "recent_surgery_injury" in chat.conv.contra and "fracture_recent" in chat.conv.background


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("my lower back aches, can I book for saturday?", "Got it: Lower back · Dull ache."),  # offered FAQ entries
        ("is massage ok for my dad? his knee aches", "Got it: Knee · Dull ache."),  # a question the bot can't answer
    ],
)
def test_a_question_the_bot_is_unsure_of_keeps_the_pain_said_with_it(chat: Chat, text: str, got: str) -> None:
    chat.start(screen=None).say(text)
    assert got in chat.text
    assert chat.state == "screen"
    chat.press("screen.none")
    assert chat.state not in ("region", "pain_type"), "asked again what was said"


def test_a_sign_and_the_first_screen_item_asking_the_same_are_said_once(chat: Chat, content: Content) -> None:
    """Typed chest pressure is both a region's sign and the first screen's chest item (same_as): one reason
    in the advice, one line in the summary."""
    chat.start(screen=None).say("I have crushing chest pain and my left arm aches")
    assert chat.level == "emergency"
    flag, item = content.flag("chest_pressure"), content.screen_item("chest_pain")
    assert flag is not None and item is not None and flag.same_as == item.id
    reasons = chat.text.split(content.msg("why_heading"))[1].split("\n\n")[0]
    assert reasons.count("• ") == 1 and flag.advice in reasons and item.advice not in reasons
    summary = chat.engine.summary(chat.conv)
    assert summary.count(item.label) == 1 and flag.label not in summary
