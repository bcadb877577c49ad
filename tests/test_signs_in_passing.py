"""Signs reviews found missing or misread in messages written blind (tests/data/warning_dev14.jsonl to
warning_dev17.jsonl): a neck or back injury with numb or tingling arms or legs, immune-lowering medicine or
long-term steroids beside a back pain, a lump that is growing, a stroke felt as double vision and
dizziness; words that only sound like a sign ("a stroke of luck", "fever pitch", "a walking heart
attack"); and the real signs that rules tried here and taken back would have hidden."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.flow import safety_groups
from bot.state import Conversation
from bot.understand import Understanding
from scripts.evaluate import as_cautious, implied_level

from .conftest import Chat
from .questions import BOOKING_IDS, level_of


@pytest.mark.parametrize(
    ("text", "level", "sign"),
    [
        ("i've had a fall and now my neck hurts and my arms are tingling and numb both sides", "emergency", "spine_injury_nerves"),
        ("car crash an hour ago, neck really sore now and my hands are going numb", "emergency", "spine_injury_nerves"),
        ("whiplash from a car crash yesterday and now my arms are tingling", "emergency", "spine_injury_nerves"),
        ("on immunosuppressants for my transplant and now got bad back pain", "doctor_first", "immune_steroids"),
        ("my back pain started after i was put on steroids long term for my asthma", "doctor_first", "immune_steroids"),
        ("neck pain and a lump in my neck that's been growing for a few weeks", "doctor_first", "new_lump"),
        ("the lump on my back has been getting bigger for months", "doctor_first", "new_lump"),
        ("tight shoulders from stress, and from this afternoon my vision is double and I'm dizzy and can't walk straight", "emergency", "stroke_signs"),
        ("used to get migraines but this one is different, sudden and the worst ever, and my neck is stiff", "emergency", "worst_headache"),
        ("numbness in my leg that's spreading, started in my foot and now up to my knee over a week", "doctor_first", "one_leg_weak"),
        # The idioms leave a real sign beside them alone.
        ("stroke of bad luck today lol, fell asleep at my desk and woke up with my face drooping and can't lift my arm", "emergency", "stroke_signs"),
        ("numb from the waist down since this morning, couldn't feel the toilet seat", "emergency", "bladder_bowel_saddle"),
        ("all of a sudden i couldn't breathe and my lips went blue", "emergency", "sudden_breathless"),
        ("I'm a stroke survivor and my arm has gone weak again today", "emergency", "stroke_signs"),
        # A second review's blind messages (warning_dev15.jsonl).
        ("rear-ended on the motorway this morning, neck really sore and both hands have pins and needles since", "emergency", "spine_injury_nerves"),
        ("tumbled off the trampoline onto my head, neck hurts when I move it and there's a buzzing down my arms", "emergency", "spine_injury_nerves"),
        ("dived into the shallow end on holiday, neck's sore and my fingers have felt funny since", "emergency", "spine_injury_nerves"),
        ("my left hand went weak and clumsy about an hour ago, keep dropping things. trapped nerve?", "emergency", "stroke_signs"),
        ("suddenly really dizzy and walking like i'm drunk, keep drifting to the right", "emergency", "stroke_signs"),
        ("flu like, fever, shivering like mad, haven't peed since yesterday morning and feel like I'm going to die", "emergency", "fever_stiff_neck_rash"),
        ("feel awful, 39 fever, heart pounding, breathing fast and blotchy mottled skin on my legs", "emergency", "fever_stiff_neck_rash"),
        ("dropped 8kg since christmas, no idea why, appetite gone. shoulders tense, massage?", "doctor_first", "weight_loss"),
        ("I've lost 10 kilos and have no appetite, back aches", "doctor_first", "weight_loss"),
        ("I take methotrexate for RA, and there's a new back pain that's been building up", "doctor_first", "immune_steroids"),
        ("on humira for crohn's, back's been sore for 2 weeks. massage?", "doctor_first", "immune_steroids"),
        ("noticed a hard lump in my armpit a few weeks ago and it hasn't gone down. shoulder massage still ok?", "doctor_first", "new_lump"),
        ("lump on my back that has grown from a pea to a grape over two months", "doctor_first", "new_lump"),
        ("got winded after 2 steps today and coughed up a bit of blood. back massage still ok?", "urgent", "coughing_blood"),
        ("no feeling in my saddle area since yesterday", "emergency", "bladder_bowel_saddle"),
        # A third review's plain words (warning_dev16.jsonl).
        ("dad is holding his chest and sweating", "emergency", "chest_pain"),
        ("pain behind my breast bone, feels heavy", "emergency", "chest_pain"),
        ("she went floppy and we cant rouse her", "emergency", "collapse_confusion"),
        ("feet slowly getting more numb over months, now going up my legs", "doctor_first", "one_leg_weak"),
        ("lump on my back has doubled in size since christmas", "doctor_first", "new_lump"),
        ("she's fighting for every breath and sucking in under her ribs", "emergency", "sudden_breathless"),
        ("face and lips swelling up after eating nuts and my throat is swelling", "emergency", "sudden_breathless"),
        ("I haven't passed urine since yesterday and my back is agony", "emergency", "bladder_bowel_saddle"),
        ("between my shoulder blades, like something ripped inside, came on all at once", "emergency", "tearing_pain"),
        ("my eyesight is not normal since an hour ago, everything doubled", "emergency", "stroke_signs"),
        ("I collapsed at work and hit my head", "emergency", "collapse_confusion"),
        ("my bum went numb on the bike and now I can't feel when I need to pee", "emergency", "bladder_bowel_saddle"),
    ],
)
def test_signs_told_in_passing_reach_their_level(u: Understanding, text: str, level: str, sign: str) -> None:
    parsed = u.describe(text)
    got = implied_level(u.content, parsed)
    assert sign in (*parsed.red_flags, *parsed.screen), (parsed.red_flags, parsed.screen)
    assert as_cautious(got, level), got


@pytest.mark.parametrize(
    "text",
    [
        "stroke of luck, got the day off! can I book for tomorrow, lower back stiff",
        "writing my dissertation on stroke rehab and sitting at my desk 10 hrs a day, upper back aches",
        "I've got a fever pitch of excitement for my marathon lol, calves tight",
        "desk worker, numb bum from sitting all day lol, back stiff",
        "had whiplash 10 years ago, fingers tingle when I type",
        "had a car accident in 2019, my neck still gets stiff, sometimes my hands go numb when I sleep on them",
        "osteoporosis runs in my family, sudden twinge in my back when I bent down",
        "is massage ok if I'm immunosuppressed?",
        # Idioms and everyday things people say that name a sign's words.
        "had heat stroke on holiday last week, my shoulders are burnt and stiff",
        "my golf stroke is off because my shoulder is tight",
        "my dad is a stroke survivor, I help him, my back is sore",
        "I collapsed into bed after the wedding, neck stiff",
        "my bum goes numb on long bike rides, back stiff",
        "got it off my chest with my boss, shoulders still tight",
        "laughed so hard i couldnt breathe, abs sore",
        "I feel faint when I see needles, is dry needling used? neck tight",
        "i'm dizzy with all the work, shoulders in knots",
        "I'm paralysed with indecision, sports or deep tissue? 🙈",
        "I'm a stroke physio myself haha, so I know my anatomy - just want someone to sort my QL out",
        "pins and needles in my hand when I sleep on it, shoulder tight",
        "my husband fell off a ladder this morning, my hands tingle when I type",
        # A third review's probes of the rules above: a word that starts like a sign's, everyday numbness.
        "lifting 20kg kettlebells, no idea why my back hurts",
        "I lost 10 kilos on my diet and my appetite is better, back stiff",
        "my legs always go mottled when I get out of a cold pool, calves tight",
        "my foot went numb sitting cross legged an hour ago, lower back stiff",
        "I get a lump of tension in my neck that's bigger when I'm stressed",
        "had a 5 day prednisolone course last winter, upper back tight now",
        "knots in my shoulders, I'm a nurse giving IV drugs all shift",
        "my eyes rolled back when he told me the price lol",
        "I haven't had a wee all day because I've been so busy lol, back stiff",
        "the knot in my shoulder has doubled in size since I started the new job",
        "my pecs are sore, chest muscles are tight after bench",
        "fitting a new kitchen all week, back is killing me",
        "the price doubled, my neck is stiff",
        # A fourth review's everyday probes of the phrases above.
        "I think I tore a muscle in my lower back deadlifting",
        "Wear and tear in my lower back on the x-ray, stiff in the mornings",
        "holding the baby against my chest all day feeding, upper back aches",
        "He's fitting a new kitchen and his back is killing him",
        "I'm anaphylactic to latex, so no latex gloves please, neck stiff",
        "sore throat and my glands are swelling, neck stiff",
        "Everything doubled in price this year, so stressed, shoulders tight",
        "I suddenly noticed I'm leaning to one side in photos, is that my hips?",
        "During a 90 minute massage I don't feel the need to wee, do I?",
        "I love it when the therapist does back walking, someone standing on me is the best",
        "New tongue piercing and my tongue is swelling a bit, can I still come in for my neck?",
        "I sleep holding my chest protector from rugby, upper back stiff",
        # A fourth review's everyday messages (warning_dev17.jsonl).
        "I'm a walking heart attack because of all the coffee lol, neck tight",
        "I'm short of breath from laughing at your reels, calves sore",
        "My boyfriend fainted at his blood test 😂 he's fine, my back is stiff",
        "My motivation has collapsed since January, shoulders tight from the desk",
        "I've got Bieber fever apparently, but really my calves are tight",
        "numbness in my toes creeping up when I cycle, fine after",
    ],
)
def test_words_that_only_sound_like_a_sign_are_not_one(u: Understanding, text: str) -> None:
    assert level_of(u, text) is None, u.describe(text).to_dict()


def test_an_injury_long_over_is_not_a_follow_ups_cause(u: Understanding) -> None:
    """A follow-up said in parts ("whiplash + tingling") needs its injury now, not ten years ago."""
    assert "spine_injury_nerves" not in u.describe("had whiplash 10 years ago, fingers tingle when I type").red_flags
    assert "spine_injury_nerves" in u.describe("whiplash 2 days ago and my fingers tingle").red_flags


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Real signs that rules tried here and taken back would have hidden (a third review's probes).
        ("couldnt breathe walking up the stairs today, never had that before, and my calf is swollen and hot", "emergency"),
        ("I was knocked out after a long fall off a ladder this morning, neck hurts", "emergency"),
        ("my face dropped when I woke up this morning, the left side won't move", "emergency"),
        ("lost sensation in my saddle area since yesterday, lower back pain", "emergency"),
        ("yoga made my lower back ache, both legs feel weak since this morning", "emergency"),
        ("why do you ask about coughing up blood? I coughed some up this morning", "urgent"),
        ("My husband fell off the ladder this morning and his hands are tingling, but I'm the one who needs a massage", "urgent"),
        # Someone else's event "in the past hour" is now, like "20 minutes ago".
        ("my husband had a heart attack in the past hour", "emergency"),
        ("my wife had a heart attack in the last hour, I'm panicking", "emergency"),
        ("I'm short of breath from walking and my chest is tight", "emergency"),
    ],
)
def test_signs_that_an_idiom_or_a_workout_rule_could_hide_still_count(u: Understanding, text: str, level: str) -> None:
    got = level_of(u, text)
    assert as_cautious(got, level), got


def test_a_number_is_not_numbness_nor_a_distant_sentence_an_injurys(u: Understanding) -> None:
    """The accident's follow-up words: "numb", not "number"; in the accident's sentence or the next one."""
    assert level_of(u, "Car accident on Monday, neck stiff. What number should I call to book?") == "urgent"
    assert level_of(u, "car crash an hour ago. neck really sore now and my hands are going numb") == "emergency"
    assert "spine_injury_nerves" not in u.describe("fell off my bike. went home. had tea. neck stiff. fingers numb").red_flags
    assert "spine_injury_nerves" not in u.describe("hit my head on the car door, no biggie, fingers tingle when I type").red_flags


def test_an_electric_blanket_is_not_a_shooting_pain(u: Understanding) -> None:
    assert "shooting" not in u.describe("lower back is stiff, slept with the electric blanket on").pain_types
    assert "shooting" in u.describe("electric shocks down my leg when I bend").pain_types


# ------------------------------------------------------------------ in the conversation


def test_a_sign_read_only_when_typed_is_never_asked(content: Content) -> None:
    """regions: [] with typed_regions: the checks stay as short, the sign counts when typed."""
    typed_only = [f.id for f in content.red_flags if not f.regions]
    assert {"new_lump", "immune_steroids"} <= set(typed_only)
    for region in content.regions:
        asked = {fid for group in safety_groups(content, Conversation(answers={"region": region.id})) for fid in group.flags}
        assert asked.isdisjoint(typed_only), region.id


def test_immune_lowering_medicine_and_a_back_pain_see_a_doctor_first(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("on immunosuppressants for my transplant and now got bad back pain")
    flag = content.flag("immune_steroids")
    assert flag is not None and chat.level == "doctor_first" and flag.advice in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}, "a red flag is never answered with booking"


def test_after_an_accident_numb_arms_are_asked_and_a_yes_is_an_emergency(chat: Chat, content: Content) -> None:
    """A follow-up of the first screen's accident: asked before the advice, since a yes is more urgent."""
    flag = content.flag("spine_injury_nerves")
    assert flag is not None
    chat.start(screen="serious_accident")
    for _ in range(3):
        if flag.question in chat.text:
            break
        chat.press(content.msg("no"))  # another follow-up first ("does it look out of shape?")
    assert chat.state == "red_flags" and flag.question in chat.text
    chat.press(content.msg("yes"))
    assert chat.level == "emergency" and flag.advice in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_neck_injury_with_numb_hands_typed_is_an_emergency_at_once(chat: Chat, content: Content) -> None:
    chat.start(screen=None).say("car crash an hour ago, neck really sore now and my hands are going numb")
    assert chat.level == "emergency" and "999" in chat.text


@pytest.mark.parametrize(("text", "age"), [("pain between my shoulder blades, nothing eases it. 55M. massage?", 55), ("58 M, back pain", 58), ("back pain (45M)", 45)])
def test_an_age_with_the_sexs_letter_is_read(u: Understanding, text: str, age: int) -> None:
    assert u.describe(text).age == age


@pytest.mark.parametrize(
    "text",
    [
        "ran 5k in 25m, calves tight",
        "swam 50m. shoulders sore",
        "my heart was pounding at the top of a 30m zip line",
        "Lower back sore. 60m, or is 90m better?",
        "Slipped on the ice this morning, lower back sore. 30m?",
    ],
)
def test_a_distance_or_a_time_is_not_an_age(u: Understanding, text: str) -> None:
    assert u.describe(text).age is None
