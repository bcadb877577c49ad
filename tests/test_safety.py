"""Safety: the first screen, region warning signs, contraindications, warning signs typed at any moment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import Content, load_content
from bot.engine import Engine
from bot.flow import next_safety
from bot.summary import label as summary_label
from bot.summary import lead_request

from .conftest import Chat
from .questions import BOOKING_IDS, answer_questions

MEDICAL = ("emergency", "urgent", "doctor_first")


def no_booking(chat: Chat) -> bool:
    return not BOOKING_IDS & {b.id for b in chat.buttons}


def test_the_vignettes_every_warning_sign_reaches_a_doctor(engine: Engine) -> None:
    from scripts.vignettes import load, run

    cases = load()
    assert len(cases) >= 60
    assert sum(c["category"] != "benign" for c in cases) >= len(cases) / 3
    report = run(engine)
    for mode in ("typed", "buttons"):
        result = report["modes"][mode]
        assert result["red_flag_recall"] == 1.0, f"{mode}: missed {result['red_missed']}"
        assert result["benign_to_doctor"] <= 0.10, f"{mode}: {result['benign_flagged']}"


@pytest.mark.parametrize("item", [c.id for c in load_content().screen])
def test_each_sign_in_the_first_screen(chat: Chat, content: Content, item: str) -> None:
    check = content.screen_item(item)
    assert check is not None
    chat.start(screen=item)
    while chat.state == "red_flags":  # follow-ups first ("does it look out of shape?", "any numbness?" after an accident)
        chat.press(content.msg("no"))
    if chat.state == "age":  # then the age, after an injury
        chat.press("age.adult")
    assert chat.state == "recommendation" and chat.level == check.level
    assert check.advice in chat.text and content.levels[check.level].next_steps in chat.text
    assert no_booking(chat)
    assert f"⚠️ {check.label}" in chat.replies[-1].text
    # Only what was reported: the questions never asked are not listed as "not answered".
    assert content.msg("summary_where") not in chat.replies[-1].text
    # They can still read the FAQ.
    chat.press("recommendation.faq")
    assert any(b.id.startswith("faq.") for b in chat.buttons)


def test_the_screen_is_one_tap_when_nothing_applies(chat: Chat) -> None:
    chat.start(screen=None).say("none of these")
    assert chat.state == "region"


def test_a_pain_told_at_the_screen_is_kept_and_the_screen_asked_again(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("my calf has been tight for a week")
    assert chat.state == "screen" and chat.conv.answers == {"region": "calf", "pain_type": "tightness", "duration": "weeks"}
    chat.say("no")
    assert chat.state == "onset", "region and pain type were already given"


@pytest.mark.parametrize("item", [c.id for c in load_content().contraindications])
def test_each_contraindication(chat: Chat, content: Content, item: str) -> None:
    check = content.contraindication(item)
    assert check is not None
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "months", 4)
    button = f"contraindications.{item}"
    while button not in {b.id for b in chat.buttons}:  # the contraindications join the last safety check
        assert chat.state == "red_flags" and chat.level is None
        chat.press(content.msg("screen_none"))
    chat.press(button)
    assert chat.state == "red_flags" and button not in {b.id for b in chat.buttons}, "ticked: the check again, for anything else"
    assert content.msg("contra_more") in chat.text and content.msg("noted", items=check.label) in chat.text
    chat.answer_safety()
    assert chat.level == check.level
    assert check.advice in chat.text
    assert content.msg("summary_contra", item=check.label) in chat.replies[-1].text
    assert no_booking(chat) == (check.level in MEDICAL)


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("I also can't feel my inner thighs", "emergency"),
        ("oh and my calf is swollen and hot", "urgent"),
        ("my chest feels tight", "emergency"),
        ("I'm peeing myself and can't control my bladder", "emergency"),
        ("worst headache of my life came on suddenly", "emergency"),
    ],
)
def test_a_warning_sign_typed_at_any_step_interrupts(chat: Chat, content: Content, typed: str, level: str) -> None:
    chat.start().press("region.calf" if "calf" in typed else "region.lower_back").press("pain_type.dull_ache")
    assert chat.state == "onset"
    chat.say(typed)
    assert chat.state == "recommendation" and chat.level == level
    assert no_booking(chat)


@pytest.mark.parametrize("typed", ["no numbness or tingling", "no fever, no injury", "not swollen or red", "my chest is fine"])
def test_negated_warning_signs_do_not_interrupt(chat: Chat, typed: str) -> None:
    chat.start().press("region.calf").press("pain_type.tightness")
    chat.say(typed)
    assert chat.state == "onset" and chat.level is None


def test_a_contraindication_typed_mid_flow_is_noted(chat: Chat, content: Content) -> None:
    chat.start().say("my lower back aches, I'm 20 weeks pregnant")
    assert "pregnancy" in chat.conv.contra and "Noted" in chat.text
    answer_rest = [("pain_type", "dull_ache"), ("onset", "gradual"), ("duration", "weeks"), ("severity", "4")]
    for state, value in answer_rest:
        if chat.state == state:
            chat.press(f"{state}.{value}")
    chat.answer_no_until_done()
    assert chat.level == "nmt_maybe"


def test_the_summary_lists_what_was_reported(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "calf", "tightness", "gradual", "weeks", 4)
    chat.press(content.flag("dvt_signs").label)  # type: ignore[union-attr]
    summary = chat.replies[-1].text
    assert "⚠️ Yes:" in summary and "Calf" in summary and "4/10" in summary


def test_a_sign_typed_reads_in_the_summary_as_said_not_as_a_question_never_asked(chat: Chat, content: Content) -> None:
    """A sign read from the person's own words was never asked as a yes/no question: the summary says what
    they said (the sign's label), and keeps the question only for a sign answered Yes to it."""
    chat.start(screen=None).say("I've got crushing chest pain spreading down my left arm")
    pressure = content.flag("chest_pressure")
    assert pressure is not None and chat.conv.flags.get("chest_pressure") == "yes" and chat.level == "emergency"
    summary = chat.replies[-1].text
    assert pressure.question not in summary and content.msg("summary_flag_yes", question=pressure.question) not in summary
    chest = content.screen_item("chest_pain")  # the first screen's item that asks the same: said once, as that item
    assert chest is not None and pressure.same_as == chest.id and content.msg("summary_screen", item=chest.label) in summary
    # Typed mid-flow too, about someone else: what they said, in their words.
    chat.start().say("booking for my dad, his calf is swollen and hot")
    dvt = content.flag("dvt_signs")
    assert dvt is not None and chat.conv.flags.get("dvt_signs") == "yes"
    summary = chat.replies[-1].text
    assert content.msg("summary_flag_said", item=dvt.label) in summary and "Yes:" not in summary
    # A sign answered Yes at the region's check keeps the question it was answered to.
    chat.start()
    answer_questions(chat, content, "calf", "tightness", "gradual", "weeks", 4)
    chat.press(dvt.label)
    assert content.msg("summary_flag_yes", question=dvt.question) in chat.replies[-1].text


def test_check_refuses_a_red_flag_with_no_level_or_wording(content_copy: Path) -> None:
    from bot.content import ContentError

    path = content_copy / "knowledge/red_flags.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: saddle_numbness")
    block = text[start : text.index("\n  - id: ", start + 5)]
    broken = "\n".join(line for line in block.split("\n") if not line.startswith(("    level:", "    question:")))
    path.write_text(text.replace(block, broken), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_content(content_copy)
    messages = [p.message for p in info.value.problems]
    assert any("missing required field 'level'" in m for m in messages)
    assert any("missing required field 'question'" in m for m in messages)


def _answer_flags(chat: Chat, yes: str) -> None:
    """'None of these' to each safety check except the one offering ``yes`` (and its trigger, for a follow-up)."""
    chat.answer_safety({yes, *chat.engine.content.flag(yes).after})  # type: ignore[union-attr]
    assert yes in chat.offered


@pytest.mark.parametrize(
    ("region", "flag", "level"),
    [
        ("shoulder", "injury_deformity", "emergency"),  # out of shape after a fall: A&E now
        ("knee", "significant_injury", "urgent"),  # after a fall, no deformity: checked today
        ("foot", "cant_bear_weight", "urgent"),
        ("lower_back", "one_leg_weak", "doctor_first"),
        ("shoulder", "shoulder_weak", "doctor_first"),
    ],
)
def test_injuries_and_weakness_get_the_right_urgency(chat: Chat, content: Content, region: str, flag: str, level: str) -> None:
    chat.start().press(f"region.{region}").press("pain_type.sharp").press("onset.sudden").press("duration.days").press("severity.6")
    _answer_flags(chat, flag)
    assert chat.state == "recommendation" and chat.level == level
    assert content.levels[level].title in chat.text and content.flag(flag).advice in chat.text  # type: ignore[union-attr]
    assert no_booking(chat)


def test_same_day_questions_come_before_see_a_doctor_ones(content: Content) -> None:
    """Asking stops at the first yes: a 'see a doctor' answer must not hide a 'today' one."""
    from bot.flow import red_flag_queue

    order = ("emergency", "urgent", "doctor_first")
    for region in content.regions:
        levels = [content.flag(f).level for f in red_flag_queue(content, region.id)]  # type: ignore[union-attr]
        assert levels == sorted(levels, key=order.index), region.id


@pytest.mark.parametrize(
    ("flags", "timeframe"),
    [
        ({"calf_pain_walking": "yes"}, "routine"),  # circulation: a routine GP check
        ({"back_night_pain": "yes"}, "few_days"),
        ({"one_leg_weak": "yes", "back_night_pain": "yes"}, "within_24h"),  # the most urgent wins
    ],
)
def test_see_a_doctor_first_says_how_soon(content: Content, flags: dict[str, str], timeframe: str) -> None:
    from bot.state import Conversation
    from bot.summary import summary
    from bot.triage import recommend

    region = "calf" if "calf_pain_walking" in flags else "lower_back"
    conv = Conversation(state="recommendation", answers={"region": region, "pain_type": "dull_ache", "onset": "gradual", "severity": 4}, flags=dict(flags))
    rec = recommend(content, conv)
    assert (rec.level, rec.timeframe) == ("doctor_first", timeframe)
    conv.level, conv.timeframe = rec.level, rec.timeframe
    assert content.levels["doctor_first"].timeframes[timeframe].label in summary(content, conv, rec)


def test_check_wants_a_timeframe_for_every_see_a_doctor_finding(content_copy: Path) -> None:
    from bot.content import ContentError, load_content

    path = content_copy / "knowledge/red_flags.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    timeframe: routine", "", 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(content_copy)
    assert "a doctor_first level needs a timeframe" in str(err.value) and "knowledge/red_flags.yaml:" in str(err.value)


@pytest.mark.parametrize("pushback", ["it's fine, just a pulled muscle, can I book for tomorrow?", "honestly I'm ok now", "can't I just come in anyway"])
def test_pushback_after_emergency_advice_gets_the_advice_again(chat: Chat, content: Content, pushback: str) -> None:
    chat.start(screen=None).press("screen.chest_pain")
    assert chat.level == "emergency"
    chat.say(pushback)
    level = content.levels["emergency"]
    assert level.booking_reply in chat.text and content.msg("faq_unknown") not in chat.text
    assert no_booking(chat) and chat.level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "no, I don't get it",
        "no entiendo",
        "no idea what you mean",
        "no, hang on, let me look in the mirror",
        "no understand question sorry",
        "no? is that a trick question lol",
        "nope, well my arm feels a bit odd",
    ],
)
def test_a_no_that_denies_nothing_does_not_clear_the_emergency_screen(chat: Chat, content: Content, text: str) -> None:
    chat.start(screen=None)
    chat.say(text)
    assert chat.state == "screen" and not chat.conv.history, "the screen is asked again, not cleared"
    assert "screen.none" in {b.id for b in chat.buttons}


def test_a_sign_said_after_no_just_gets_its_advice_at_the_first_screen(chat: Chat) -> None:
    # "no just…" without a comma: the no answers the list, what follows is there.
    chat.start(screen=None)
    chat.say("no just chest pain when i climb stairs")
    assert chat.level == "emergency" and no_booking(chat)


def test_a_no_before_my_chest_is_heavy_is_not_a_denial_at_the_first_screen(chat: Chat) -> None:
    # Texted without a comma: "no" answers the question, then the chest is heavy.
    chat.start(screen=None)
    chat.say("no my chest is heavy")
    assert chat.level == "emergency" and no_booking(chat)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("no, just my lower back", "lower_back"),
        ("no my chest is fine, upper back tight from desk work", "upper_back"),
    ],
)
def test_a_no_with_where_it_hurts_at_the_emergency_screen_keeps_the_place_and_asks_the_screen_again(chat: Chat, text: str, region: str) -> None:
    # The place is kept; the screen itself is answered with its buttons (a reply with a place took a
    # sign through too often: "no just my shoulder, heartburn and pain going down my left arm").
    chat.start(screen=None)
    chat.say(text)
    assert chat.state == "screen" and "screen" not in chat.conv.history and chat.level is None
    assert chat.conv.region == region


def test_a_no_that_tells_a_sign_at_the_emergency_screen_never_clears_it(chat: Chat) -> None:
    # Not having peed since yesterday, with back pain, is itself the bladder sign: the emergency advice at once,
    # or the screen asked again (its button), never the screen cleared.
    chat.start(screen=None)
    chat.say("no, i've not peed since yesterday and my back hurts")
    assert chat.level == "emergency" or (chat.state == "screen" and "screen" not in chat.conv.history and chat.level is None)
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_description_with_a_word_of_a_sign_does_not_clear_a_grouped_check(chat: Chat) -> None:
    chat.start().say("lower back pain, a dull ache, came on gradually, for months, 4/10")
    assert chat.state == "red_flags"
    asked = list(chat.labels)
    chat.say("no, i've not peed since yesterday")
    assert chat.state == "red_flags" and chat.level is None and not chat.conv.flags, "the list is not cleared"
    assert chat.labels == asked, "asked again, with the same buttons"
    chat.say("no, just my lower back aching")
    assert chat.labels != asked, "a plain description of the pain clears it"


@pytest.mark.parametrize("text", ["nope none of those, all good", "haha no nothing dramatic", "no no no its nothing like that 😂", "nah none of them mate"])
def test_a_plain_no_clears_the_emergency_screen(chat: Chat, text: str) -> None:
    chat.start(screen=None)
    chat.say(text)
    assert chat.state != "screen" and chat.conv.history == ["screen"] and chat.level is None


@pytest.mark.parametrize(("reply", "answer"), [("kinda", "yes"), ("a little", "yes"), ("I think so", "yes"), ("not really", "no"), ("nah", "no"), ("not that I know of", "no")])
def test_hedged_answers_to_a_safety_question(chat: Chat, content: Content, reply: str, answer: str) -> None:
    chat.start()
    answer_questions(chat, content, "calf", "tightness", "gradual", "weeks", 4)
    chat.press("Not sure")  # the group's signs one at a time
    first = next(iter(chat.conv.singles))
    chat.say(reply)
    assert chat.conv.flags.get(first) == answer
    if answer == "yes":
        assert chat.level in ("emergency", "urgent", "doctor_first") and no_booking(chat)


def test_another_language_is_never_taken_as_an_answer(chat: Chat, content: Content) -> None:
    chat.start(screen=None)
    chat.say("no entiendo nada")
    assert chat.state == "screen" and not chat.conv.history, "a Spanish no does not clear the emergency screen"
    chat.say("nada de eso")
    assert chat.state == "screen" and not chat.conv.history
    assert content.msg("other_language_es") in chat.text and content.practice["emergency_number"] in chat.text
    chat.say("me duele mucho la espalda")
    assert chat.state == "screen" and chat.conv.answers == {}


@pytest.mark.parametrize(("age", "asked"), [(35, False), (62, True)])
def test_a_question_for_an_older_age_is_asked_only_when_it_can_apply(chat: Chat, content: Content, age: int, asked: bool) -> None:
    flag = content.flag("back_new_over_50")
    assert flag is not None and flag.min_age == 50
    chat.start().say(f"I'm {age} and my lower back has ached for a few weeks, came on gradually")
    while chat.state not in ("red_flags", "recommendation"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_safety()
    assert (flag.id in chat.offered) == asked and chat.level == "nmt_fit"


def test_the_contraindications_join_the_last_check_and_the_summary_names_the_one_sign(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    seen: list[str] = []
    while chat.state == "red_flags":
        ids = [b.id for b in chat.buttons]
        assert len([i for i in ids if i.startswith(("rf.", "contraindications."))]) <= content.group_size
        seen += ids
        chat.press(content.msg("screen_none"))
    assert {f"contraindications.{c.id}" for c in content.contraindications} <= set(seen)
    assert "contraindications" not in chat.conv.history and chat.level == "nmt_fit", "no list of its own after the checks"
    # One concept per item: the summary says exactly which sign was reported.
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    chat.answer_safety({"weight_loss"})
    weight, cancer = content.flag("weight_loss"), content.flag("cancer_history")
    assert weight is not None and cancer is not None and chat.level == weight.level
    summary = chat.replies[-1].text
    assert content.msg("summary_flag_yes", question=weight.question) in summary and cancer.question not in summary


@pytest.mark.parametrize(("age", "level"), [(3, "urgent"), (40, "doctor_first"), (81, "urgent")])
def test_an_injury_in_a_child_or_an_older_person_is_checked_today(chat: Chat, content: Content, age: int, level: str) -> None:
    """An injury in the last 6 weeks is checked before massage; in a child or an older person, today."""
    who = f"my son is {age} and his" if age < 16 else f"I'm {age} and my"
    chat.start().say(f"{who} knee has ached for a few weeks, came on gradually")
    assert chat.conv.age == age
    while chat.state != "red_flags":
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_safety(contra={"recent_surgery_injury"})
    assert chat.level == level and no_booking(chat)
    rule = content.rules["injury_child" if age < 16 else "injury_older"]
    assert (rule.reason in chat.text) == (level == "urgent")


def test_a_last_check_of_contraindications_only_has_no_not_sure(chat: Chat, content: Content) -> None:
    chat.start()
    answer_questions(chat, content, "lower_back", "dull_ache", "gradual", "weeks", 4)
    while (ask := next_safety(content, chat.conv)) is not None and ask.flags:
        chat.press(content.msg("screen_none"))
    assert ask is not None and ask.contra, "lower back: the last check holds contraindications only"
    assert content.msg("not_sure") not in chat.labels and "contraindications.pregnancy" in {b.id for b in chat.buttons}
    chat.say("not sure")
    assert chat.state == "red_flags" and content.msg("screen_which") in chat.text and "pregnancy" not in chat.conv.cleared
    chat.press(content.msg("screen_none"))
    assert chat.level == "nmt_fit"


@pytest.mark.parametrize(("group", "level"), [("under_16", "urgent"), ("adult", "doctor_first"), ("older", "urgent")])
def test_after_an_injury_the_age_is_asked_once_when_it_was_not_said(chat: Chat, content: Content, group: str, level: str) -> None:
    chat.start()
    answer_questions(chat, content, "knee", "dull_ache", "gradual", "weeks", 4)
    chat.answer_safety(contra={"recent_surgery_injury"}, age=group)
    assert chat.level == level and no_booking(chat)
    assert content.msg("summary_who", age=summary_label(content, "age_group", group)) in chat.replies[-1].text
    # Said in words, the age is not asked; with no injury, it is never asked.
    chat.start().say("im 81 and my knee has ached for weeks, came on gradually")
    while chat.state not in ("red_flags", "recommendation"):
        chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    chat.answer_safety(contra={"recent_surgery_injury"}, age="adult")
    assert "age" not in chat.conv.history and chat.level == "urgent"
    chat.start()
    answer_questions(chat, content, "knee", "dull_ache", "gradual", "weeks", 4)
    chat.answer_no_until_done()
    assert "age" not in chat.conv.history and chat.level == "nmt_fit"


def test_the_age_is_never_asked_before_emergency_advice_and_can_be_typed(chat: Chat, content: Content) -> None:
    chat.start().say("i fell off a ladder and my wrist looks bent, bone sticking out")
    assert chat.level == "emergency" and "age" not in chat.conv.history
    chat.start().say("my son hurt his wrist falling off his scooter yesterday")
    while chat.state not in ("age", "recommendation"):
        if chat.state == "red_flags":
            chat.answer_safety(age=None)  # stop at the age question
        else:
            chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    assert chat.state == "age" and "how old" in chat.text
    chat.say("he's 9")
    assert chat.conv.answers.get("age_group") == "under_16" and chat.level == "urgent"


def _offered(chat: Chat) -> set[str]:
    return {b.id for b in chat.buttons}


def test_a_pregnancy_said_with_its_weeks_is_kept_and_not_asked_again(chat: Chat, content: Content) -> None:
    """ "I'm 38 weeks pregnant": kept for the summary with its weeks, and neither the contraindication nor a
    safety question asks it again."""
    chat.start().say("I'm 38 weeks pregnant and my lower back aches")
    seen: set[str] = set()
    while chat.state in ("pain_type", "onset", "duration", "severity", "red_flags"):
        seen |= _offered(chat)
        if chat.state == "red_flags":
            chat.press(content.msg("screen_none"))
        else:
            chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    assert "contraindications.pregnancy" not in seen and "rf.tummy_pregnant.yes" not in seen
    summary = chat.replies[-1].text
    assert content.msg("background_pregnancy_weeks", weeks=38) in summary
    assert content.msg("summary_contra", item=content.contraindication("pregnancy").label) in summary  # type: ignore[union-attr]
    assert lead_request(content, chat.conv).triage["pregnancy_weeks"] == 38


def test_a_pregnancy_said_before_where_it_hurts_counts_when_it_is_the_tummy(chat: Chat, content: Content) -> None:
    """Said first, then the tummy tapped: tummy pain in pregnancy is the sign already said, not asked again."""
    chat.start().say("I'm 38 weeks pregnant")
    assert "pregnancy" in chat.conv.contra and chat.conv.pregnancy_weeks == 38
    chat.press_id("region.abdomen")
    seen: set[str] = set()
    while chat.state not in ("recommendation", None):
        seen |= _offered(chat)
        if chat.state in ("red_flags", "age"):
            chat.answer_no_until_done()
        else:
            chat.press(chat.buttons[0].id) if chat.state != "severity" else chat.press("4")
    flag = content.flag("tummy_pregnant")
    assert flag is not None and "rf.tummy_pregnant.yes" not in seen
    assert chat.conv.flags.get("tummy_pregnant") == "yes" and chat.level == flag.level and no_booking(chat)
    assert content.msg("summary_flag_said", item=flag.label) in chat.replies[-1].text


def test_a_pregnancy_said_with_a_warning_sign_reaches_the_summary(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("I'm 38 weeks pregnant and I fell down the stairs this morning, my back hurts")
    chat.answer_no_until_done()
    assert chat.level in MEDICAL and "pregnancy" in chat.conv.contra
    summary = chat.replies[-1].text
    assert content.msg("background_pregnancy_weeks", weeks=38) in summary
    assert content.msg("summary_contra", item=content.contraindication("pregnancy").label) in summary  # type: ignore[union-attr]
