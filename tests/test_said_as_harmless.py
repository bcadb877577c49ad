"""Words of a warning sign said of something harmless: a list of what is well without "is" ("legs strong,
bladder normal"), a figure of speech ("my inbox is a car crash"), a named harmless cause (bismuth, dragon fruit,
fake tan, an electric blanket), a topic of study or work ("revising meningitis and stroke"), a question about
people in general ("would you see someone with a fever?"), a knock that did no harm, crosses after what is not
there ("weight loss ❌"). Each beside the sign said for real in nearly the same words, which must still reach its
level; and signs first missed in blind sets (thoughts of "ending it all", paracetamol spread over a day, a joint
"pointing the wrong way"). Written for these tests."""

from __future__ import annotations

import pytest

from bot.understand import Understanding
from scripts.evaluate import as_cautious

from .conftest import Chat
from .questions import BOOKING_IDS, level_of


@pytest.mark.parametrize(
    "text",
    [
        # What is well, listed without "is".
        "back aches after digging, legs strong, bladder normal, nothing numb",
        "forearm sore from climbing, grip is strong, not dropping anything",
        "my face doesn't droop, speech fine, just a stiff neck from the pillow",
        # Figures of speech for a shock, a mess, money or sleep.
        "my jaw hit the floor when I saw the quote for the boiler, my shoulders are tight",
        "the kitchen is a total car crash after the party, my lower back aches from tidying",
        "crashed on the couch after three night shifts, neck is stiff",
        "my bank account is bleeding after christmas, any offers on a back massage?",
        "had a heart attack of a day at the office, shoulders like rocks",
        "my head is exploding with all the wedding admin, neck and shoulders in knots",
        # A harmless cause named.
        "pepto bismol turned my poo black, stomach settled now, calves tight",
        "pink wee after a dragon fruit bowl this morning, lower back stiff",
        "orange hands from fake tan, my neck is sore",
        "I have Gilbert's, my eyes go a little yellow when I skip meals, upper back tight",
        "soaked through at night until we turned the electric blanket down, back still stiff",
        # A topic of study or work.
        "revising stroke and heart attack signs for my first aid exam, neck stiff from studying",
        "watched a sepsis documentary last night, shoulders tight",
        "writing a thesis on meningitis outbreaks, upper back tight from the laptop",
        "as a paramedic I see all the chest pains going, my lower back is wrecked from lifting",
        # A question about people in general.
        "would you see someone with a fever? my back is sore",
        "how soon after a car crash can people have a massage? my neck is just stiff from my desk",
        # A knock that did no harm.
        "tripped on the kerb, caught myself, no harm done, but my knees ache from running",
        # A list of what is not there, with crosses; someone else's old trouble; what was checked and fine.
        "weight loss ❌ fevers ❌ numbness ❌ just a stiff neck from my desk",
        "grandad used to get angina walking uphill, he's had a bypass and he's fine, my calves are tight",
        "my neck is stiff from reversing the trailer, both arms work normally",
        "both legs are strong, it's just my usual sciatica down one thigh",
        "34 weeks pregnant, midwife checked my blood pressure and urine yesterday, all fine, lower back aches",
        "temperature gone after the antibiotics, neck stiff from lying in bed",
        # Harmless causes, and work.
        "calves went red and hot, sunburnt them at the beach, hamstrings tight",
        "my eyes looked yellow in a selfie, it was the filter, upper back sore",
        "nurse on a stroke ward, treating stroke patients all day, my back is wrecked from hoisting",
        "saw a crash on the motorway on the way in, everyone was fine, my neck is stiff from the drive",
        "laughed so hard i nearly wet myself at the panto, lower back sore from the seats",
        # A sign denied with "never" that another sign's phrase shares ("back + never had"), someone else's event
        # long ago, an animal's, someone else's cleared, a power cut, puffing on a run, legs said strong.
        "never had cancer, no lumps, not on steroids, just a stiff mid back",
        "never had a stroke, my back hurts from the garden",
        "our eldest fell out of the conker tree two summers ago and snapped his forearm, healed perfectly. my knee clicks",
        "sheepdog got kicked by a cow and broke his leg, vet pinned it. my calves are tight from chasing the herd",
        "colleague thought he was having a heart attack at his desk, ecg normal. my shoulders are in knots",
        "we had a power cut last night in the storm. my calves are tight",
        "week 1 of couch to 5k, couldnt talk while running and went bright red, shins sore",
        "my lower back is sore since i moved the fridge. weeing normally, no accidents. both legs are strong. could i get in thursday?",
        # Signs asked as a list and denied in the answer that follows.
        "Night sweats, losing weight, pain worse at night? None of those, honestly. My back just aches after long shifts.",
        "Banged my head? On blood thinners? No and no. The headache is the usual Friday one from spreadsheets.",
        "Fever, rash, light hurting? Not me. My neck is only stiff on the left from carrying my son.",
        # Told as a joke, and the reader of meaning leans to no sign: asked about first, not advised on.
        "kids said my lips were blue 😂 it was the blue raspberry ice lolly. anyway my neck is stiff",
        "literally paralysed after my first barre class 😂",
        # A diagnosis feared, not had; a stranger's faint that is over; a mishap supposed before a session.
        "read too many forums and now im sure this ache is a tumour, its only my lower back from gardening",
        "a bloke passed out in the queue at the bank, the ambulance crew said he was dehydrated. my shoulders are knotted",
        "someone fainted during the spin class, she was fine after some juice, my quads are shot",
        "if I trip on your stairs and knock my head, would you still do the massage? neck is tight",
        # Whole places said to feel struck, a clipped school subject, things back to normal, a leaking pen.
        "my back and legs feel like I've been run over by a lorry after the move",
        "chem revision all week and my neck has seized up",
        "legs like jelly after the hill reps, back to normal this morning, just tight calves",
        "a biro leaked all over my shirt, neck tight from the desk",
        "my back is bent and stiff in the mornings until I get moving",
        # Said of today or this morning, and the reader of meaning is sure the whole message tells no sign.
        "took a piriton last night and felt muddled, fine today, just my shoulders are tight",
        "wild swimming this morning, the cold made me gasp as I got in, settled in a minute. shoulders tight now",
        # An allergy told, not a reaction; fits long gone; black stools from iron tablets or liquorice.
        "I have a nut allergy, is your massage oil nut free? my neck is stiff",
        "I carry an epipen for bees, can you do outdoor massages? shoulders tight",
        "had anaphylaxis to peanuts as a kid, carry an epipen, lower back aches",
        "10 years seizure-free today!! massage to celebrate, Sat?",
        "He's fitting a new kitchen and his back is killing him",
        "my mum is having a fit about the mess and my back is sore from tidying",
        "My husband is taking a whole box of tablets for his cholesterol over the year lol, anyway my back",
        "my brother took an overdose last year, he's doing well now, my back is sore",
        # "The real reason I'm messaging" does not make the beetroot's pink unexplained; a stroke supposed in a
        # question and denied, beside what hurts today.
        "made a beetroot salad last night, this morning my wee was pink and I panicked 😂 anyway, the real reason I'm messaging: lower back tight from deadlifts",
        "If I ever had a stroke would massage help with recovery? Not that I have! Today it's my calves from a day's hill walking",
        "black poo since the GP put me on iron tablets, she warned me it would happen, anyway I need a back massage",
        # A face numbed by the dentist, a lisp from new aligners.
        "Face numb right now from the dentist this morning lol, can't feel my lip. Jaw's tight too, do you do jaw massage next week?",
        "speech a bit lispy since my new invisalign went in, neck stiff from my office chair",
    ],
)
def test_sign_words_said_of_something_harmless_send_no_one_to_a_doctor(u: Understanding, text: str) -> None:
    assert level_of(u, text) is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my legs feel weak, bladder normal", "emergency"),
        ("both legs strong but numb since this morning and back pain", "emergency"),
        ("my grip has gone weak and I keep dropping things", "doctor_first"),
        ("I fell off a ladder and my jaw hit the floor, can't close my mouth", "urgent"),
        ("I was in a car crash this morning and my neck hurts", "urgent"),
        ("vomiting blood after taking pepto bismol for my stomach", "emergency"),
        ("black poo and I haven't taken any pepto, feel dizzy", "urgent"),
        ("my eyes are yellow and it's not fake tan", "urgent"),
        ("does anyone know why both my legs are numb and I can't wee?", "emergency"),
        ("when I look up everything goes black, neck pain", "emergency"),
        ("I've been revising all night and now I have the worst headache of my life", "emergency"),
        ("some nights I think about ending it all, my back never stops", "emergency"),
        ("took 20 paracetamol spread over the day for my toothache", "emergency"),
        ("bright red blood mixed in with my diarrhoea and I feel dizzy", "urgent"),
        ("my son's ankle is pointing the wrong way after a tackle and he won't stand on it", "emergency"),
        ("the left half of everything has gone missing since this morning", "emergency"),
        ("my wee looks like rosé wine and I haven't eaten beetroot", "doctor_first"),
        ("rolled the quad bike and it landed on me, ribs sore", "urgent"),
        ("swapped to a thinner duvet but I'm still drenched every night", "doctor_first"),
        ("my dad used to get chest pain, he has it again now and he's grey and sweaty", "emergency"),
        ("weight loss ❌ but I have chest pain spreading to my arm", "emergency"),
        ("my necks so stiff i cant touch my chin to my chest and i have a fever of 39", "emergency"),
        # Words of seeing and work about the person's own body are no topic.
        ("I've seen enough blood in my poo this week to worry", "emergency"),
        ("explaining to my boss that my face has gone droopy since lunch", "emergency"),
        # Found by a review that tried to break these rules: each is a sign still.
        ("cant walk normally, legs numb, bladder gone", "emergency"),
        ("cant breathe normally.", "emergency"),
        ("wees normal, just blood in them", "doctor_first"),
        ("my face droop is ok now, it lasted 20 minutes", "emergency"),
        ("fever went mad, baby floppy and not feeding", "emergency"),
        ("does anyone else get crushing chest pain down the left arm after a massage?", "emergency"),
        ("should someone with a fever of 40 and a stiff neck go to A&E?", "emergency"),
        ("how soon after a massage can someone feel chest pain and breathlessness?", "emergency"),
        ("I see lots of blood in the toilet after going", "emergency"),
        ("explained the chest pain and arm numbness to the GP receptionist, told to wait", "emergency"),
        ("studying for exams with a thunderclap headache and stiff neck", "emergency"),
        ("had a blackout episode while driving", "emergency"),
        ("been using fake tan but the whites of my eyes have gone yellow", "urgent"),
        ("waking up drenched, changed to a lower tog duvet, no difference", "doctor_first"),
        ("pepto didnt help, poo black like tar, dizzy", "emergency"),
        ("not eating, vomiting blood or brown stuff", "emergency"),
        ("numb bum ✅ cant pee ✅ fever ❌", "emergency"),
        ("also my son had a fit and still isnt waking up properly", "emergency"),
        ("one of our horses kicked my leg, bone sticking out", "emergency"),
        ("6 weeks pregnant, pain on one side and dizzy when I stand up", "emergency"),
        ("during the neck massage I went black and felt sick", "emergency"),
        # Beside the rules above (and found by a review that tried to break them): a past sign not denied, yellow eyes
        # beside a tan or carrots, a blackout of the person's own, numbness down below, a sign in the next sentence.
        ("had cancer in 2015 and my back hurts", "doctor_first"),
        ("never had back pain but had cancer in 2015 and my back hurts now", "doctor_first"),
        ("i used fake tan but my eyes are yellow", "urgent"),
        ("skin looks yellow but thats the fake tan. eyes are yellow too", "urgent"),
        ("skin looks yellow from the carrots, my eyes are yellow and im itchy", "urgent"),
        ("had a blackout in the storm while driving, woke up in the ditch", "emergency"),
        ("my groin goes numb sitting on anything, back agony, peeing is weird", "emergency"),
        ("skin is yellow, thought it was carrots but the whites of my eyes are yellow too", "urgent"),
        ("both legs are strong. but i cant feel the toilet paper when i wipe and i wet myself", "emergency"),
        ("my back is killing me. both legs are strong. numb around my bum since this morning", "emergency"),
        # The reader of meaning learnt again: signs it came to doubt, and signs whose explanation was too broad.
        ("tight shoulders from the gym, no big deal, i passed out after the session", "emergency"),
        ("things went black when I turned my head during the massage", "emergency"),
        ("my pupils are dilated, stiff neck, fever and light hurts my eyes", "emergency"),
        ("noticed in a photo that the whites of my eyes look yellow", "urgent"),
        # A list asked, then not denied: taken back, someone else's now, "no idea", "not once before today".
        ("chest pain? none of that, but my arm is numb and my face droops", "emergency"),
        ("crushing chest pain, sweaty, left arm numb? not me, my husband, right now", "emergency"),
        ("am i having a stroke? face drooping, arm weak? no and no idea what to do", "emergency"),
        ("sudden worst headache? not once before today, it started an hour ago", "emergency"),
        ("chest pain? no, only on the stairs", "urgent"),
        # Signs told as a joke still reach their level.
        ("crushing chest pain down my left arm lol probably nothing 😂", "emergency"),
        ("haha my hand went numb and useless for 10 mins and my words came out wrong", "emergency"),
        ("took a whole packet of paracetamol lol for my back", "emergency"),
        ("my calf is swollen hot and red after my flight 😂 can you massage it", "urgent"),
        ("worst headache of my life came on in seconds haha gonna sleep it off", "emergency"),
        # Words first missed in the blind sets dev29 and dev30.
        ("bending down something went bang at the back of my skull, never had pain like it", "emergency"),
        ("my words came out scrambled for about 5 mins at lunch, fine now", "emergency"),
        ("is it normal to bruise this easy and my gums bleed when i brush", "urgent"),
        ("type 1 diabetic and i keep stubbing my toes without noticing, calves ache", "urgent"),
        ("my arm wont go past chest height since lifting the mower, shoulder aches", "doctor_first"),
        # The same shapes said of the person, or happening now.
        ("worried because I had a tumour removed two years ago and now my hip aches at night", "doctor_first"),
        ("scared my cancer is back, my ribs ache", "doctor_first"),
        ("a man collapsed at the bus stop and isn't breathing, what do I do", "emergency"),
        ("someone shoved me down the stairs and I was knocked out for a minute", "emergency"),
        ("a van knocked me off my bike an hour ago and my wrist is bent and swollen", "urgent"),
        ("I banged my head on a cupboard this morning and I've been sick twice", "emergency"),
        ("my dad's face has gone droopy in the last hour and he can't lift his arm", "emergency"),
        ("took a piriton last night and I'm still muddled and slurring today", "emergency"),
        # A sign told in one sentence of a long, chatty message: the whole scores low, the sentence does not.
        (
            "Love your clinic, the last massage was amazing, the oils smelled divine and the music was perfect. "
            "Today my face went droopy on one side and my arm went weak. Would love to book again for my shoulders!",
            "emergency",
        ),
        (
            "Been decorating all weekend, painting ceilings, my neck and shoulders are wrecked. My dad has chest pain "
            "right now and is grey and sweaty but he says it's his shoulder from painting too. Can you fit us both in?",
            "emergency",
        ),
        ("Quick q about your prices and parking. Also my wife is having a fit right now. Do you do couples massages?", "emergency"),
        (
            "Gym bro here. Bench PB, rows, pull ups, all good. My girlfriend's lips and tongue have swollen up since "
            "lunch after she ate satay and she's wheezy. Anyway I need a massage for my traps.",
            "emergency",
        ),
        # A severe allergic reaction, thoughts of suicide, a fit now, bleeding inside beside an ache elsewhere.
        ("lips are swelling up and my throat feels tight since I tried that new massage oil 10 mins ago", "emergency"),
        ("mum stung just now, blotchy all over, says throat's tight lol. 3pm still ok?", "emergency"),
        ("my mate's lips have swelled right up after a satay and his voice has gone croaky, he's booked at 6", "emergency"),
        ("been feeling really hopeless tonight and tbh I've got a plan. do you do gift vouchers", "emergency"),
        ("my brother says he doesn't want to be alive anymore, he has a bad back too", "emergency"),
        ("my son took a load of paracetamol last night after a row, says he's fine, can I book his shoulders?", "emergency"),
        ("mate's fitting on my floor rn, been 5 mins, help??", "emergency"),
        ("threw up blood this morning, only a bit lol, too many ibuprofen for my back I reckon", "emergency"),
        ("poo's been black and tarry today, been on naproxen for my shoulder, can I still come in?", "emergency"),
        ("a client at the gym just went grey and clutched his chest, says he's ok now", "emergency"),
        # "just" says a relative's sign is now, not their history; a fit happening; a joint "just" replaced is recent.
        ("my son just had a fit", "emergency"),
        ("my son is having a fit", "emergency"),
        ("my dad just collapsed", "emergency"),
        ("I've just had my knee replaced and my calf is sore", "urgent"),
        # Said in other words than the lists first had: a child's lips puffing up after a nut, an empty box of
        # sleeping tablets, airbags that went off, a finger off at an angle, phlegm streaked red, hours in the air.
        ("my son (7) just had his first cashew and his lips are puffing up and he keeps coughing", "emergency"),
        ("found the empty box of his sleeping tablets and he only grunts when I shake him", "emergency"),
        ("someone ploughed into the back of my car at 50 and the airbags went, my neck is stiff", "urgent"),
        ("caught a netball on my finger and it points off at an angle now", "emergency"),
        ("smoker, red streaks in my phlegm most mornings, shoulder blade aches", "urgent"),
        ("flew back from Sydney, 20 hours in the air, and my left calf aches like a bruise", "urgent"),
        # Tablets taken by someone else who "seems fine": it can harm before it shows.
        ("my 3 year old has eaten some of my tablets, 6 gone from the strip. she seems fine. can I book my neck?", "emergency"),
        ("lost a stone for no reason, I have been dieting a bit but not much, back aches", "doctor_first"),
        ("if I ever had a clot would you still massage me? my calf is hot and swollen today", "urgent"),
        # The dentist explains a numb lip for a few hours, not an arm, nor a face still drooping days later.
        ("had a filling this morning and now my face is drooping and my arm is weak", "emergency"),
        ("went to the dentist on monday and my face is still droopy on one side", "emergency"),
        ("dentist numbed my lip yesterday and it still hasnt come back, my words are slurred", "emergency"),
    ],
)
def test_the_same_words_said_for_real_still_reach_their_level(u: Understanding, text: str, level: str) -> None:
    assert as_cautious(level_of(u, text), level)


def test_a_figure_of_speech_goes_on_to_the_questions(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("my inbox is an absolute car crash this week, neck is stiff from staring at it")
    assert chat.level is None and "Neck" in chat.text


def test_a_real_crash_is_advised_on_and_offered_no_booking(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("I was in a car crash an hour ago and my neck is killing me")
    assert "accident" in chat.text  # the nerves after an injury are asked about first
    chat.press("No")
    chat.press("16 to 64")  # how soon an injury is checked depends on age
    assert chat.level in ("urgent", "emergency") and not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_list_of_what_is_well_is_kept_and_the_pain_is_asked_about(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("lower back sore from moving furniture, both legs strong, bladder normal, nothing numb")
    assert chat.level is None
    assert "Lower back" in chat.text or "lower back" in chat.text


def test_never_having_had_a_sign_keeps_the_history_clear_and_goes_on_to_the_questions(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("never had cancer, no lumps, not on steroids, just a stiff mid back")
    assert chat.level is None and not chat.conv.confirm
    assert chat.conv.region == "upper_back" and "cancer" not in chat.conv.background


def test_a_past_cancer_said_beside_a_new_ache_reaches_a_doctor_first(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("had cancer in 2015 and my back hurts")
    chat.answer_no_until_done()
    assert chat.level in ("doctor_first", "urgent", "emergency") and not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_sign_told_as_a_joke_the_reader_doubts_is_asked_about_and_a_no_goes_on(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("kids said my lips were blue 😂 it was the blue raspberry ice lolly. anyway my neck is stiff")
    assert chat.level is None and chat.conv.confirm  # "is this happening now?"
    chat.press("No")
    assert chat.level is None and not chat.conv.confirm and chat.conv.region == "neck"


def test_a_strangers_faint_that_is_over_goes_on_to_the_persons_own_ache(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("a lady fainted in the queue at the post office, the paramedics said low sugar and she was fine. my upper back is in knots")
    assert chat.level is None and chat.conv.region == "upper_back"


def test_a_stranger_collapsing_now_is_advised_on_at_once(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("a man just collapsed next to me at the gym and he isn't breathing")
    assert chat.level == "emergency" and not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_sign_said_of_today_the_reader_is_sure_is_none_is_asked_about_and_a_yes_is_advised_on(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("took a piriton last night and felt muddled, fine today, just my shoulders are tight")
    assert chat.level is None and chat.conv.confirm  # "is this happening now?", not the advice at once
    chat.press("Yes")
    assert chat.level == "emergency" and not BOOKING_IDS & {b.id for b in chat.buttons}


def test_a_reaction_to_the_massage_oil_is_an_emergency_with_no_booking(chat: Chat) -> None:
    chat.start(screen=None)
    chat.say("my lips are swelling and my throat feels tight since I tried a new massage oil 10 mins ago, is it the almond?")
    assert chat.level == "emergency" and "allergic" in chat.text and not BOOKING_IDS & {b.id for b in chat.buttons}
