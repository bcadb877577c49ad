"""Signs said in words the lists did not hold, now read through red_flags.yaml's word groups (one way of
saying each side, every pair read): effort and rest, a knock to the head on blood thinners, a fever with
a neck that will not bend or light that hurts, a baby moving less late in pregnancy, a jaw that tires
with a tender temple past 50. Written for these tests; and the near misses beside them that stay fine."""

from __future__ import annotations

import pytest

from bot.understand import Understanding
from scripts.evaluate import as_cautious

from .conftest import Chat
from .questions import BOOKING_IDS, level_of


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("when i lug the bins up our hill my left arm and jaw ache, i sit down on the wall for a couple of minutes and it wears off", "urgent"),
        ("brisk walk to the station gives me a tight ache across my upper back, slow down and it settles", "urgent"),
        ("banged my head on the shed door this morning, I take apixaban for my heart, neck a bit stiff", "emergency"),
        ("mum is on warfarin and knocked her head on the bathroom tap, her shoulder hurts", "emergency"),
        ("burning up since last night and my neck is rigid, can't bend it, head pounding", "emergency"),
        ("temp of 39 and the curtains have to stay shut, light hurts, neck aches", "emergency"),
        ("shivery and hot then cold, my knees have gone mottled, lower back aching", "emergency"),
        ("34 weeks pregnant and the baby has been really quiet since yesterday, my back is sore", "urgent"),
        ("I'm 71, my temple is sore to touch and my jaw gives up halfway through my dinner", "urgent"),
        ("dropped like a stone at the gym this morning, neck sore now", "emergency"),
        ("about 8 weeks pregnant, sharp pain low down on the left, some spotting, and the tip of my shoulder hurts", "emergency"),
        ("32 weeks pregnant and bleeding heavily, my back aches", "emergency"),
        ("I think I took too many of my painkillers this morning, back still sore", "emergency"),
        ("swallowed all my pills on purpose an hour ago, sorry, dont know why im telling a massage place", "emergency"),
        ("pregnant 31 weeks and the baby hasn't been moving as much as usual today, hips ache", "urgent"),
        ("when I carry the shopping my chest gets tight and now it's there even sat still", "emergency"),
        ("had a bad cold and now both my legs are getting weaker and tingly", "emergency"),
        ("temp has gone up again and my neck is stiff", "emergency"),
        ("for three weeks I wake up with a headache and I've been throwing up, it's getting worse", "urgent"),
        ("there's been blood when I pee for a few days and my lower back aches on the left", "doctor_first"),
        ("loads of bruises on my legs lately for no reason and my gums bleed when I brush, shoulders stiff", "urgent"),
        # Said as a blind review's writers said them (new words for existing signs).
        ("achy all over and feverish, my neck won't let me put my chin on my chest and the lights feel like lasers", "emergency"),
        ("tingling round my back passage and inner thighs since my back went on friday", "emergency"),
        ("back pain for years but this week two accidents with my bowels, never happened before", "emergency"),
        ("my wee stream is weaker since I hurt my back on sunday", "emergency"),
        ("fell off the kerb last night, heard a crack, can't put weight on my ankle and it looks swollen and bent", "emergency"),
        ("the ache in my chest on the treadmill comes on with less and less effort this week", "emergency"),
        ("turning my head to reverse the car, the world tilts and I see two of everything, neck stiff for a month", "emergency"),
        ("65 here, putting my glasses on hurts the side of my head, new headaches since last week", "urgent"),
        ("a cut on my hand got infected, red streaks up my arm now and a fever", "emergency"),
        ("my face has gone strange on that side and my arm feels heavy, knee aches too", "emergency"),
        ("rolled the car into a ditch on tuesday, I got out fine but my neck and shoulders are now really stiff", "urgent"),
        ("my pee has looked pink a few times this month and I haven't eaten any beetroot, back aches on the right", "doctor_first"),
        # Said beside "jk" or a video, the sign still counts when it is the person's own.
        ("watched a programme about strokes and now my own arm has gone weak and my speech is slurred", "emergency"),
        ("not jk, my chest is crushing and my left arm aches", "emergency"),
        ("worried a massage might cause a stroke, my face went droopy on one side this morning", "emergency"),
        ("stomach bug since last night, can't stop being sick and my stomach is in agony", "emergency"),
        ("so out of breath I can't talk, sat on the sofa, my chest is tight", "emergency"),
        ("my right arm has been weak my whole life but since this morning my face droops on that side", "emergency"),
        # Thoughts of ending one's life in everyday words, and a figure of speech that is not taken back.
        ("neck's been bad for a year, lately I feel my family would be better off without me", "emergency"),
        ("i dont want to live like this anymore, been saving up my pills, my back never stops hurting", "emergency"),
        ("i literally fainted at the gym this morning, my back hurts now", "emergency"),
        ("I've woken up with a headache every day this week and been sick twice, getting worse", "urgent"),
    ],
)
def test_signs_in_grouped_words_reach_their_level(u: Understanding, text: str, level: str) -> None:
    assert as_cautious(level_of(u, text), level)


@pytest.mark.parametrize(
    "text",
    [
        "on warfarin for my AF, my neck is stiff from the new pillow",
        "my calves ache when I walk the dog, fine after a rest",
        "33 weeks pregnant, baby kicking loads, my lower back aches by the evening",
        "hit my head on the cupboard years ago, all fine, now my shoulder is tight",
        "25 weeks pregnant and the right side of my lower back aches, can I book",
        "pregnant and my shoulder is tight from carrying my toddler",
        "my sister broke her wrist last summer, it's healed but stiff, can you help?",
        "my little one wet the bed so I was up at 3am changing sheets, now my back aches",
        "can I take painkillers before the massage?",
        "I get headaches every morning from grinding my teeth, jaw aches",
        "bruises from football on my shins, hamstring tight",
        "I bruise easily after deep tissue, is that normal?",
        "had flu last week, my neck's stiff from lying in bed, fever has broken now, can i book?",
        # Beside the words added from the blind sets' misses.
        "after a long bike ride my inner thighs go a bit numb from the saddle, fine after a bath",
        "my bum and inner thighs go numb sitting on the hard bleachers at my son's football, fine once I stand",
        "wrist is in a splint shaped like a C for carpal tunnel, hand tingles at night",
        "I'm 65 here in Leeds, want a massage for my shoulders",
        "pins and needles down my inner thigh when I sit, sciatica in one leg",
        # A topic of something read or watched, a sign taken back, an animal's illness, a gone-by idiom.
        "listened to a podcast about heart attacks in women on my run, my hamstrings are tight",
        "doing an essay on cauda equina for my physio degree, my own neck is stiff from studying",
        "i cant feel my arms after that spin class jk, they're just very tired, shoulders sore",
        "our hens keep collapsing in the heat, vet's coming, my back is sore from the coop",
        "my pee went pink after a beetroot salad, back a bit stiff",
        "im dead after the hike, bum and calves sore",
        "is there any risk of a clot from deep tissue on my calves? they're tight from running",
        "could hot stones cause a heart attack? my back is in knots",
        "had a tummy bug at the weekend, vomiting all saturday, fine now, lower back still stiff",
        "can I lie on my stomach if I've been a bit sick with morning sickness? lower back aches",
        "swam 2 miles and was so out of breath I couldn't talk for a minute lol. shoulders aching",
        # Taken back as a figure of speech; "a week" beside "in myself" is no wee.
        "the traffic gave me a heart attack (not literally, I'm fine), my neck is stiff from the drive",
        "my chest exploded with pride at her graduation, figuratively, but my feet are killing me from the heels",
        "sore throat for a week now but fine in myself, shoulders tight",
    ],
)
def test_near_misses_beside_the_groups_send_no_one_to_a_doctor(u: Understanding, text: str) -> None:
    assert level_of(u, text) is None


def test_a_knock_to_the_head_on_blood_thinners_gets_a_and_e_and_no_booking(chat: Chat) -> None:
    chat.start()
    chat.say("clonked my noggin on the loft hatch, I'm on rivaroxaban, just a bit of a headache and a stiff neck")
    assert chat.level == "emergency"
    assert "blood thinners" in chat.text and chat.engine.content.practice["emergency_number"] in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("threw up after too many drinks last night and now my lower back aches", None),
        ("terrible tummy pain and I keep being sick", "emergency"),
        ("vomiting since lunch and a pain low in my belly", "emergency"),
    ],
)
def test_being_sick_is_the_tummy_sign_beside_a_tummy_pain(u: Understanding, text: str, level: str | None) -> None:
    assert level_of(u, text) == level


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my temple is sore to touch and my jaw aches when I chew. 67", 67),
        ("temple tender and a headache that's new for me (72)", 72),
        ("lower back pain. 45", 45),
        ("how bad? 8", None),  # a score, not an age
        ("back hurts since I lifted 65kg. ok", None),
        ("neck ache (for 3 weeks)", None),
    ],
)
def test_an_age_said_as_a_sentence_of_its_own_or_in_brackets(u: Understanding, text: str, age: int | None) -> None:
    assert u.describe(text).age == age


def test_a_tender_temple_past_50_said_as_a_bare_number_is_the_arteritis_sign(chat: Chat) -> None:
    chat.start()
    chat.say("my temple is sore to touch and my jaw aches when I chew. 67")
    assert chat.level == "urgent" and "giant_cell_arteritis" in chat.conv.flags
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_tablets_taken_on_purpose_get_the_emergency_number_and_a_crisis_line(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("took a whole load of my tablets on purpose earlier, my neck is stiff")
    assert chat.level == "emergency" and "116 123" in chat.text
    assert chat.engine.content.practice["emergency_number"] in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_sign_told_as_the_topic_of_a_programme_goes_on_to_the_questions(chat: Chat) -> None:
    """Watching a programme about strokes is no stroke: the person is asked about their own pain, not sent away."""
    chat.start(screen=None)
    chat.say("been watching a documentary about strokes all evening and my neck is stiff from the sofa")
    assert chat.level is None and "Neck" in chat.text
    chat.say("and my face has gone droopy on one side since I got up")
    assert chat.level == "emergency" and not BOOKING_IDS & {b.id for b in chat.buttons}
