"""People's own words: several answers in one message, corrections, negations, typos, FAQ retrieval."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest

from bot.content import Content
from bot.engine import Engine
from bot.understand import Understanding, numbers
from scripts.evaluate import as_cautious, implied_level

from .conftest import ROOT, Chat
from .questions import BOOKING_IDS


def test_one_message_answers_several_questions_and_they_are_skipped(chat: Chat, content: Content) -> None:
    chat.start().say("my lower back has been killing me since I lifted a box on Monday, sharp when I bend")
    answers = chat.conv.answers
    assert answers == {"region": "lower_back", "pain_type": "sharp", "onset": "sudden", "duration": "days"}
    # Confirmed in one line, and straight on to the only question left.
    assert "Got it: Lower back · Sharp or stabbing · Suddenly / an injury · Days (under a week)." in chat.text
    assert chat.state == "severity" and "Question 2 of 2" in chat.text, "the questions answered in words are not counted"
    # Back visits the skipped questions one at a time.
    chat.press("⬅️ Back")
    assert chat.state == "duration" and "duration" not in chat.conv.answers


def test_answers_to_later_questions_given_early_are_kept(chat: Chat) -> None:
    chat.start().say("it's been going on for about 3 months, a 6 out of 10")
    assert chat.state == "region"
    assert chat.conv.answers == {"duration": "months", "severity": 6}
    chat.press("region.knee").press("pain_type.dull_ache").press("onset.gradual")
    assert chat.state == "red_flags", "duration and severity were already given"


def test_a_correction_changes_an_earlier_answer(chat: Chat, content: Content) -> None:
    chat.start().press("region.lower_back").press("pain_type.dull_ache")
    assert chat.state == "onset"
    chat.say("no, it's my upper back")
    assert chat.conv.answers["region"] == "upper_back"
    assert "Upper back" in chat.text and chat.state == "onset"
    # Without a correction word an answer given is not silently replaced.
    chat.say("my knee")
    assert chat.conv.answers["region"] == "upper_back"


def test_sore_says_it_hurts_not_how_until_asked_what_it_feels_like(chat: Chat, content: Content) -> None:
    chat.start().say("my hip has been sore since friday")
    assert chat.conv.answers == {"region": "hip", "duration": "days"}, "'sore' alone names no kind of pain"
    assert chat.state == "pain_type", "so what it feels like is asked"
    chat.say("sore")
    assert chat.conv.answers["pain_type"] == "dull_ache" and "Got it: Dull ache" in chat.text, "asked, 'sore' answers it"
    assert chat.state == "onset"
    chat.say("dunno")
    assert chat.conv.answers["onset"] == "unknown", "asked how it started, 'dunno' answers it"


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        ("sitting makes my back worse", None),  # what brings it on, not how it started
        ("sitting at my desk makes my back stiff", "overuse"),
        ("heel and arch agony when i get out of bed, eases after walking about", None),
        ("not sure how it started, headaches 3 days running", "unknown"),
    ],
)
def test_what_makes_it_worse_or_eases_it_is_not_how_it_started(u: Understanding, text: str, onset: str | None) -> None:
    assert u.parser.parse(text).onset == onset


def test_not_sure_alone_tells_no_start_unless_asked_how_it_started(u: Understanding, chat: Chat) -> None:
    assert u.describe("not sure").onset is None, "'not sure' to a safety question is not 'not sure how it began'"
    assert u.describe("no idea how it started, my back hurts").onset == "unknown"
    chat.start().say("not sure")
    assert "onset" not in chat.conv.answers, "'not sure' where it hurts is not an answer to how it started"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("needed a stiff drink after work, my forearms ache", ["dull_ache"]),
        ("money's tight so how much is it? lower back has a nagging ache", ["dull_ache"]),
        ("was shooting hoops with my nephew and now my ankle aches", ["dull_ache"]),
        ("burning the candle at both ends and my neck is so tight", ["tightness"]),
        ("my neck's been like concrete for months", ["tightness"]),
        ("stood on concrete all day, my feet ache", ["dull_ache"]),
        ("ive had a crick in my neck for 5 days", ["stiffness"]),
        ("my calf is tender and my knee is sore", []),
        ("my hand has been buzzing for a week", ["tingling"]),
        ("slept like a rock but my neck is stiff", ["stiffness"]),
        ("can you squeeze me in friday? my upper back is stabbing when i turn", ["sharp"]),
        ("like a hot poker in my lower back", ["burning"]),
        ("my heel feels like a bruise when i stand", ["dull_ache"]),
        ("got a zap in my wrist when i grip", ["shooting"]),
        ("my neck keeps grabbing when i reverse the car", ["cramping"]),
        ("my calves are wound up like springs", ["tightness"]),
        ("keep getting a dead arm holding my phone", ["numbness"]),
        ("heavy squeezing in my chest on the stairs", ["tightness"]),  # a squeeze is only a booking when it is "me in"
    ],
)
def test_a_word_for_a_kind_of_pain_in_a_phrase_that_means_something_else_is_not_that_kind(u: Understanding, text: str, kinds: list[str]) -> None:
    assert u.describe(text).pain_types == kinds


@pytest.mark.parametrize("short", ["hrs", "hr", "mins", "wks", "yrs", "pls", "tbh", "rn", "ppl", "abt"])
def test_a_common_abbreviation_is_not_repaired_into_another_word(u: Understanding, short: str) -> None:
    """Typo repair moves a word to the nearest one the content uses: "hrs" must not become "hers"
    (someone else), whatever phrases are added."""
    repaired = u.repair(short)
    assert repaired == short or repaired in ("hours", "hour", "minutes", "weeks", "years", "please", "people", "about"), repaired
    assert u.parse(f"im 35 and did 6 {short} of gardening, my back is stiff").for_whom == "self"


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("no none of those. where do you park", True),
        ("ok but can the therapist have a look first", True),
        ("cant you just send me some stretches", True),
        ("no none of those", False),
        ("my back hurts when i sit. can't sleep either", False),
    ],
)
def test_a_question_in_any_sentence_is_a_question(u: Understanding, text: str, asks: bool) -> None:
    assert u.parse(text).question is asks


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("had my shoulder replaced in the spring, now my neck aches", ["neck", "shoulder"]),
        ("fractured my wrist 5 weeks ago, the cast is off, but my elbow is sore", ["arm_elbow", "wrist_hand"]),
        ("my back is fine now but my hip aches", ["hip", "lower_back"]),
        ("my knee and my hip hurt", ["knee", "hip"]),  # both hurt: the order said
    ],
)
def test_the_place_that_hurts_now_comes_first(u: Understanding, text: str, regions: list[str]) -> None:
    """A place named for its history, or said to be fine, is kept but is not the main one."""
    assert u.parse(text).regions == regions


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        ("ive noticed my shoulder getting stiffer over the months", "gradual"),  # "noticed" says nothing of how it began
        ("my lower back started aching about 3 weeks ago", None),  # "started" is not "not sure how it began"
        ("my knee is worse by the evening", None),  # "by" alone is not "bit by bit"
        ("felt a rip in my hamstring mid sprint", "sudden"),
        ("sitting at my desk tends to make my lower back stiff", "overuse"),
    ],
)
def test_how_it_began_is_read_from_what_was_said_only(u: Understanding, text: str, onset: str | None) -> None:
    assert u.parse(text).onset == onset


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        # Time spent on a task, a task done so often, what it comes from: overuse, whatever the task.
        ("spent the whole weekend tiling the bathroom and now my knees ache", "overuse"),
        ("my shoulder is stiff after a long day plastering", "overuse"),
        ("my lower back aches after a 4 hour drive to cornwall", "overuse"),
        ("i row 5 times a week and my lower back is tight", "overuse"),
        ("my wrists ache from all the scrubbing", "overuse"),
        ("when i cycle my knee aches at the front", "overuse"),
        ("did my first bootcamp session on monday and my thighs are tight", "overuse"),
        ("im a plasterer and my right shoulder aches", "overuse"),
        ("dental hygienist here, my neck is always stiff", "overuse"),
        ("i work in a warehouse and my lower back aches", "overuse"),
        ("my jaw aches every morning, i grind my teeth", "overuse"),
        ("my knees throb after every ride and its getting worse", "overuse"),  # what wore it down beats how fast
        # ...but not what only brings it on, a count of the pain or a medicine, or who the writer is.
        ("when i walk my knee aches", None),
        ("my back aches, its worse after a shift at the bar", None),
        ("my shoulder aches and it wakes me 3 times a night", None),
        ("i take ibuprofen 3 times a day for my back", None),
        ("im a bit worried, my shoulder aches", None),
        ("when you work on my back will it hurt", None),
        ("still sore after 10 days", None),
        ("my back aches from helping him up off the floor", None),  # one lift is a moment, not overuse
        # A task done all day, a change lived with since, an event done, a task carried on or done a lot.
        ("im a window cleaner so up and down ladders all day, my calves are tight", "overuse"),
        ("my back aches, i stand at a till all day", "overuse"),
        ("my neck has ached since i went onto the early shifts", "overuse"),
        ("my lower back has been stiff since i got a new mattress", "overuse"),
        ("my shoulder has been sore since i joined the rowing club", "overuse"),
        ("my hips are tight since the charity cycle ride last month", "overuse"),
        ("paddled 15 miles on saturday and my shoulders ache", "overuse"),
        ("my shins ache after netball practice", "overuse"),
        ("been laying bricks for a living and my wrists ache", "overuse"),
        ("my thumbs throb, she texts a lot", "overuse"),
        ("i carry the toddler up the stairs every night and my back aches", "overuse"),
        ("i look after my mum full time and my back is stiff", "overuse"),
        ("spent the whole of sunday sanding the floor and my arms ache", "overuse"),
        ("threw about 50 times at darts practice and my elbow aches", "overuse"),
        # ...not the pain all day, a simile, a position it comes on in, treatment, the pain's own start.
        ("my back is sore all day", None),
        ("a gnawing ache in my hip, nags at me all day at work", None),
        ("my shoulder hurts too much to sleep on", None),
        ("stiff after sitting and when i get up in the morning", None),
        ("i often get a stiff neck after driving", None),
        ("a squeezing band across my back after long drives", None),
        ("my back has ached since the weekend", None),
        ("been icing it and resting but my ankle still aches", None),
        ("my knee started aching last week", None),
        ("my neck has been creaking like a gate for months", None),
        # Growing by steps; a single moment; not knowing.
        ("my hip is getting achier and achier", "gradual"),
        ("my neck gets a little stiffer each week", "gradual"),
        ("my knee has got worse bit by bit", "gradual"),
        ("every month my back gets a bit worse", "gradual"),
        ("my calf went into spasm on my run yesterday", "sudden"),
        ("felt something crack in my back picking up the kettle", "sudden"),
        ("my neck has been stiff since i slept on my brothers sofa", "sudden"),
        ("havent a clue what started it but my neck is stiff", "unknown"),
        ("she doesnt know what brought it on, her hip aches", "unknown"),
        ("my hip has got stiffer inch by inch since the spring", "gradual"),
        ("swung at a golf ball and felt my back twang", "sudden"),
        ("bent to lift the dog bowl and my back went", "sudden"),
        ("woke on sunday with a crick in my neck", "sudden"),
        # Words of a moment that here say something else.
        ("since the rugby season kicked off my hamstrings are tight", "overuse"),  # not a kick
        ("my thighs ache since the fell race at the weekend", "overuse"),  # not a fall
        ("my back aches since i started stacking shelves overnight", "overuse"),  # a night's work, not overnight onset
        ("like someone pulled a belt tight round my head", None),
        ("woke up fine and by lunch my neck was stiff, no idea why", "unknown"),
        ("a dull hip ache and a sudden jab when i get out of the car", None),
        # Hours spent on one thing, "all that <task>", a task every evening, an event run, growing by steps.
        ("wore new heels for 9 hours at the wedding and the balls of my feet ache", "overuse"),
        ("sat through a 3 hour carol concert on a plastic chair and my tailbone is sore", "overuse"),
        ("wedding season, piping buttercream for hours every day, my thumb aches", "overuse"),
        ("30 hrs of travel in economy and my lower back is stiff", "overuse"),
        ("my knees ache from all that kneeling", "overuse"),
        ("im skipping rope every evening and my calves are tight", "overuse"),
        ("ran my first marathon last week and my knee still aches", "overuse"),
        ("been playing darts most nights and my elbow aches", "overuse"),
        ("when i sit for 2 hours my back aches", None),  # what brings it on
        ("my shoulders ache a bit more each month", "gradual"),
        ("my neck is getting achier a bit at a time", "gradual"),
        ("mi knee a get worse an worse", "gradual"),
        ("my back has got worse day by day", "gradual"),
        # A moment told as a story; a flight landed; a cause guessed, denied or ruled out.
        ("was lifting a sack of rice and got a catch in my lower back", "sudden"),
        ("pushed the car and my back make a twist, now stiff", "sudden"),
        ("woke at six this morning with my calf cramping", "sudden"),
        ("carried the sofa upstairs and felt a sharp pain in my back", "sudden"),
        ("put my back out 3 days ago", "sudden"),
        ("slid on the ice and my wrist hurts", "sudden"),
        ("tried a handstand for a tiktok challenge and came down wrong on my wrist", "sudden"),
        ("my back has been stiff since i landed 4 days ago", None),
        ("could be sleeping funny, my neck is stiff", None),
        ("ive lifted for years with no bother, my neck is stiff since i started working from the sofa", "overuse"),
        ("im a postie, up and down steps all day and thats fine, my knee aches when i kneel", None),
        ("not from work, i sit all day but ive done that for years, my hip came on slowly", "gradual"),
        ("my neck has been stiff since boxing day", None),
        ("achy all over with a stinking cold, shoulders in knots from coughing", None),  # the illness, not a task
        ("asthmatic so i cough loads, my ribs ache from all the coughing", "overuse"),
        ("my tummy muscles feel pulled since the op", None),  # how it feels
        ("got a stabbing pain in my neck since i nodded off on the sofa", "sudden"),
        ("stood in line 5 hours for a tv and my back has been tight since", "overuse"),
        ("call centre night shift, 9 hrs sitting, my neck is stiff", "overuse"),
        ("truckie on the overnight run, my bum aches", None),  # a night's drive, not a pain come on overnight
        # A null-heavy set: what brings it on, a feeling, a simile, a guess, a job ruled out; not knowing beats "suddenly".
        ("i get a sudden sharp zap in my back every time i pick the basket up", None),
        ("my shoulder is stiff reaching behind me", None),
        ("my jaw has felt clenched and achy for 2 weeks", None),
        ("lower back feels like a fist clenching, comes on at the sink", None),
        ("my calf went like someone kicked me playing squash", "sudden"),  # the simile is the moment
        ("could be the new bike seat, could be the cold, my tailbone aches", None),
        ("i lift 4 days a week but its nothing to do with the gym, my back is tight", None),
        ("i work as a glazier, not that thats relevant, my jaw aches", None),
        ("donno what i did lah, suddenly my left hip pain", "unknown"),
        ("havent a rashers clue what i did but my shoulder blade aches", "unknown"),
        ("wallpapered the whole hall and landing in one go and my neck is stiff", "overuse"),
        ("kabaddi team, practice daily evening, my knee aches", "overuse"),
        ("sushi chef, whole day slicing fish, my wrist aches", "overuse"),
        ("my knee is stiff in the morning, loosens off once ive been moving", None),
        ("the stiffness did not come one time, it grows over the months", "gradual"),
        # ...and what those rules must leave alone.
        ("i work in a warehouse, my left knee is fine but the right one aches", "overuse"),
        ("feels like ive pulled a muscle in my back lifting the sofa", "sudden"),
        ("i got a sudden sharp pain in my lower back lifting the sofa yesterday", "sudden"),
        # Many things done, a task with a clock span or days, "loads", a double shift; a task every night.
        ("pitched 12 innings on sunday and my elbow has ached since", "overuse"),
        ("hauled every bag of compost up the garden myself, my lower back is sore", "overuse"),
        ("painted all the fence panels and now my shoulder throbs", "overuse"),
        ("played in the band from 9 till 1 at the party and my wrist aches", "overuse"),
        ("tiled the bathroom floor over two days and both knees ache", "overuse"),
        ("did a double on the till, lower back stiff", "overuse"),
        ("knitting loads for the craft fair and my thumb aches", "overuse"),
        ("rehearsing the fiddle tunes, bowing the same reel every night, my shoulder is tight", "overuse"),
        ("when i sit for 10 hours my back aches", None),
        ("my chest muscles ache from coughing loads with this flu", None),
        ("tried all the stretches and my hip still aches", None),
        # One moment: a sound felt, a thing done the wrong way once; not one that keeps happening.
        ("one serve at tennis and i felt a pop in my calf", "sudden"),
        ("ever since i bit into a toffee apple wrong my jaw aches", "sudden"),
        ("she stepped off the kerb funny and her ankle hurts", "sudden"),
        ("my calf keeps cramping up mid match", None),
        ("reaching up to the top shelf all day at work, my shoulders are tight", "overuse"),
        # Someone else's view of an injury, a plan, a healed old injury, a date, unsure of something else.
        ("the gp reckons its a pulled muscle, my side is sore when i laugh", None),
        ("entered the half marathon in april, not started training, my knee aches", None),
        ("fell off my bike in 2015, healed fine, now my wrist aches when i type", None),
        ("my knee has ached since the world cup final", None),
        ("my back is sore and tight, dunno if its anything", None),
        ("i dunno how to describe it, my wrist gets more and more stiff every month", "gradual"),
        # Not knowing how, said of the start, beats a slow build or a guess; "no reason" beside a slow build does not.
        ("no idea how but my ankle has gone achy over the past week", "unknown"),
        ("not sure if its the new pillow or the cold, no idea really, my neck aches", "unknown"),
        ("my hip has got achier bit by bit, didnt do anything to it", "gradual"),
        ("came on slowly about a month ago for no reason, my lower back", "gradual"),
        ("havent a baldy notion what i did but my knee aches", "unknown"),
        ("my calf is tight, the wife reckons its the new route, your guess is as good as mine", "unknown"),
        ("im a pharmacist, standing all day doesnt bother me, but my hip aches at night", None),
        ("my neck is so tight, work is killing me (stress, not the lifting kind)", None),
        # Then and now, step by step, a sound; what is said about finding the practice or when to ring is no start.
        ("used to jog round the whole park, now i stop at the gate with my knee aching", "gradual"),
        ("my knee used to be the bad one but now its my hip thats sore", None),
        ("my lower back gets a bit harder to bend every week", "gradual"),
        ("my knee aches more than it used to", "gradual"),
        ("its not sudden, my shoulder has been stiff for a few months", "gradual"),
        ("well i did bang it on the cupboard and my shin aches", "sudden"),
        ("not really a fall, more of a stumble on the kerb, my ankle aches", "sudden"),
        ("i get a jolt of pain in my knee when i turn", None),
        # A hedged yes to "did it start with an injury?" that tells the injury in other words.
        ("sort of, had a bit of a spill on my bike", "sudden"),
        ("kind of, a small prang in the car park", "sudden"),
        ("sort of, the horse threw me off", "sudden"),
        ("crushed my hand between two crates at work", "sudden"),
        ("came down hard on my wrist snowboarding", "sudden"),
        ("i have a bump on my knee", None),
        # Booking and chat messages carry no start; a job said with no pain is no cause.
        ("i could come in now if you have a slot", None),
        ("i used to go to a chiropractor but now i want to try massage", None),
        ("my mum is a teacher, can i book her in for saturday?", None),
        ("my brother is a builder, he recommended you", None),
        ("i answered all the questions on the form", None),
        ("stumped on what to book, deep tissue or sports?", None),
        ("the news threw me, been tense since", None),
        ("my son has grown so much this year and his knees ache", None),
        ("worse after every run", None),
        ("the gp said i strained it lifting", "sudden"),  # the person's own injury, told as said to them
        ("in spring i could reach the top cupboard, now i cant get my hand behind my head", "gradual"),
        # Someone else's job or a task they do again and again.
        ("my dad is a plasterer, his shoulders and neck are killing him", "overuse"),
        ("my mum is a worrier and her neck is tight", None),
        ("my back is a nightmare", None),
        ("my husband drives a lorry, his lower back is stiff", "overuse"),
        ("he does the allotment every day and his back is sore", "overuse"),
        ("my mum cleans offices every night and her wrists ache", "overuse"),
        ("cut inside at hockey, ping, my hamstring", "sudden"),
        ("my knees ache and click when i squat", None),
        ("been following your page for ages, my neck is stiff", None),
        ("ive been meaning to book in for months, my lower back aches", None),
        ("i work at the hospital so evenings suit me, my shoulder is sore", None),
        ("after work is best", None),
        ("weekdays after 6, im at work till then", None),
    ],
)
def test_how_it_began_from_the_shape_of_what_is_said(u: Understanding, text: str, onset: str | None) -> None:
    assert u.parser.parse(text).onset == onset


@pytest.mark.parametrize(
    ("told", "only_brings_it_on"),
    [
        ("spent the whole weekend tiling the bathroom and now both knees ache, about 3 days", "my knee aches when i walk, about 3 days"),
        # A change lived with since is how it began; a position it comes on in is not.
        (
            "my neck's been stiff since i went onto the early shifts at the bakery, about 5 weeks",
            "i often get a stiff lower back after driving, a few weeks now",
        ),
    ],
)
def test_how_it_began_told_in_a_first_message_is_not_asked_again(chat: Chat, told: str, only_brings_it_on: str) -> None:
    chat.start().say(told)
    assert chat.conv.answers.get("onset") == "overuse", chat.conv.answers
    assert chat.state != "onset", "how it started was told: it is not asked again"
    chat.start().say(only_brings_it_on)
    assert "onset" not in chat.conv.answers, "what brings it on is not how it started"
    assert chat.state == "onset" and "Gradually" in [b.label for b in chat.buttons], "so how it started is asked"


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        # A warning sign said to have come on over time is not sudden, nor is it "not said".
        ("been getting a bit out of breath on the stairs these days", "gradual"),
        ("my chest goes tight on and off when i walk up hills", "gradual"),
        ("i get a bit short of breath on exertion nowadays", "gradual"),
        # ...and one said to have come minutes ago, or all of a sudden, is sudden.
        ("half my face has dropped, it just came on", "sudden"),
        ("i just noticed my calf is swollen and red", None),  # noticing is not when it began
        ("cant get air in properly all of a sudden, was sat at my desk", "sudden"),
        ("both arms feel heavy and my speech is slurred, started 20 mins ago", "sudden"),
        ("like 20 mins back i cant get my breath, feels like breathing through a straw", "sudden"),
        # A moment of the same day when all was fine, and then the change; not a season ("fine in july").
        ("my dad was fine at tea then his words came out all jumbled", "sudden"),
        ("she was fine this morning and then her speech went funny", "sudden"),
        ("was fine in july then it crept up", "gradual"),
        ("my whole right side went numb in one go while i was making breakfast", "sudden"),  # not a whole job done in one go
        ("its come on slow over a couple of weeks, nothing sudden about it", "gradual"),
        ("started wi numb fingertips back in october, now me whole left hand's numb", "gradual"),
        # What the body does, or effort that brings on a sign, is not a task that wore it.
        ("been losing weight without trying since the summer, and my back aches at night", None),
        ("chest gets tight when i climb the stairs, eases if i stop", None),
        ("when i run my right hip gets a sharp pain", "overuse"),
        # Not a start: confusion, a wetting accident, a cause told and then doubted, a history's "lately".
        ("my neighbour is 84, she doesnt know what day it is, her hip hurts", None),
        ("since yesterday i cant tell when i need a wee, had an accident at work, back sore", None),
        ("took a knock to the shin at handball the day before it started, not sure thats it tho", None),
        ("im having chemo at the minute and my neck and shoulders are so tight lately", None),
        ("came off the motorbike in 2019 but thats all mended, nothing since, knee aches", None),
    ],
)
def test_how_a_warning_sign_came_on(u: Understanding, text: str, onset: str | None) -> None:
    assert u.parser.parse(text).onset == onset


@pytest.mark.parametrize(
    ("text", "onset"),
    [
        ("6 weeks of pulling lambs and my lower back and both shoulders are stuffed", "overuse"),
        ("she just started at an ice cream parlour, scooping all shift, her wrist aches", "overuse"),
        ("my husband plasters for a living, neck and shoulders stiff for weeks", "overuse"),
        ("my boy is 14 and bowls for the county, his back and shoulder hurt", "overuse"),
        ("waiting for the county court letter, my back hurts", None),
        ("no injury no accident, im a teacher if that matters, my hip aches at night", None),
        ("nope not from the garden and not from lifting the grandkids, outside of my right elbow sore", None),
        ("sore bum not from anything rude, from the rowing", "overuse"),  # "not from anything" rules nothing out
        ("nothing changed at work but my neck has got stiffer over the months", "gradual"),
        ("my right arch hurts a little more every few days, same trainers", "gradual"),
        ("low back has gone from barely noticing it in august to an ache most days", "gradual"),
        ("no idea where its come from, a lump behind my knee getting bigger", "unknown"),
        ("his left ankle has been aching and hes mystified", "unknown"),
        ("maybe? i missed the last step on the stairs", "sudden"),
        ("not really a fall, more like i stumbled off the kerb", "sudden"),
        ("went to stand and couldnt, legs gave out from under me", "sudden"),
        ("her lower back spasmed hauling the wet rug out of the machine", "sudden"),
        ("sort of yeah, it came on like a slap while i was laughing at a video", "sudden"),
        # people_words_dev12 (dev L), the same kinds again
        ("went to bed fine, this morning my big toe is red raw and swollen up like a plum", "sudden"),
        ("started in the fingertips about mid october and each week it reaches a bit further, hands numb", "gradual"),
        ("never twisted it. the ankle used to just click, the last few weeks it aches most of the day", "gradual"),
        ("hip went yanking boot off 7:15am, 7/10, age 44", "sudden"),
        ("34 and never had a bad back before, and this isnt from lifting, lower back is just stiff", None),
        ("neck and both knees hurt. had glandular fever in the summer, dunno if its linked", None),
        ("my lower back has been aching for a month and its a riddle to me why", "unknown"),
        ("both heels ache and honestly i cannot put my finger on why", "unknown"),
        ("its beyond me how my right shoulder got like this", "unknown"),
        # people_words_dev13 (dev M): a sign told by its time course, a blow, a cause ruled out, someone else's job
        ("my left hand is getting number every week and now im dropping cups", "gradual"),
        ("the ache in my hip spreads a touch further every couple of weeks", "gradual"),
        ("calves cramp more an more these nights", "gradual"),
        ("shoulders stiffening a bit more each fortnight, no injury", "gradual"),
        ("it used to be just my left knee in the mornings, now both knees ache all evening", "gradual"),
        ("at first it was only when i looked up at the shelf, the last few weeks its every time i turn my head", "gradual"),
        ("yeah kind of, copped a cricket ball right on my shin at nets", "sudden"),
        ("my son stepped on an upturned rake in the yard and his foot is swollen", "sudden"),
        ("sort of, was in bed a week after slipping on the icy step", "sudden"),
        ("her knee aches and she hasnt the faintest why", "unknown"),
        ("my back and wrist hurt, i no fit tell wetin start am", "unknown"),
        ("my uncle drives a gritter all winter, his hips and low back ache", "overuse"),
        ("i teach spin classes but i dont think its the bike, my hip hurts worse on rest days", None),
        ("im a barista so everyone thinks its the coffee machine but its my ankle that hurts", None),
        ("i drive a delivery van but its not the driving, my neck only started on holiday", None),
        ("my mum swims a mile every morning like she has for 30 years, but now her shoulder aches", None),
        ("havenae been liftin or nothin, lower back sore a week", None),
        ("took a bit of a knock to the knee at footy, not sure thats it though, it aches", None),
        ("bruises keep appearing on my legs that i never bumped, knees ache", None),  # the sign's words hold the "never"
    ],
)
def test_how_it_began_in_the_held_out_kinds_of_message(u: Understanding, text: str, onset: str | None) -> None:
    """People_words_dev11 (dev K) told how it started inside warning signs, denials, hedged replies and messages
    about someone else; these are its shapes in other words."""
    assert u.describe(text).onset == onset


@pytest.mark.parametrize(
    "text",
    ["nope. only thing was my brothers crash in his ute and i wasnt even in it, neck stiff", "something started squeezing my chest like a fist while i was bringing the bins in"],
)
def test_someone_elses_crash_or_a_symptom_that_started_is_no_start_in_the_words(u: Understanding, text: str) -> None:
    """Read by the word lists and shapes (the onset layer may still guess: see the README)."""
    assert u.parser.parse(text).onset is None


def test_a_start_denied_is_not_read_back_in_by_meaning(u: Understanding) -> None:
    text = "didnt fall, didnt bang it. im a lash tech so im bent over all day but it was the same before and never hurt"
    assert u.describe(text).onset is None


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("was brushing my teeth and my mouth went crooked and the toothbrush fell out my hand", "stroke_signs"),
        ("i stood up from the sofa and the room spun and my words wouldnt come out", "stroke_signs"),
    ],
)
def test_plain_words_for_a_stroke_reach_the_first_screen(u: Understanding, text: str, sign: str) -> None:
    assert sign in u.describe(text).screen


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("38.9 temp and my back is in a heap", "urgent"),  # a temperature said as a number
        ("62, lower back, 6 wks, first time ever", "doctor_first"),  # an age opening the message: new back pain after 50
        ("looked up to change a bulb and everything went double, had to grab the door frame, neck aches", "emergency"),
        ("big purple bruise on my leg and i never knocked it, lower back aches", "urgent"),
        ("after about 10 mins walking my right calf cramps up and i have to stand a few mins then its fine again", "doctor_first"),
        ("i get migraines, this wasnt that, it hit like a light switch on the treadmill, worst ive ever had", "emergency"),
        ("im a temp, 40 hours a week on my feet, back aches", None),  # a temp is a job; 40 hours is not a temperature
        # people_words_dev13 (dev M) and dev L: thrown from a horse with a tingling arm, a joint out of place,
        # bruises from nowhere, legs that are not their own after an accident; "the faintest" is no faint
        ("my niece got bucked off her horse this morning, landed flat on her back and now her hands are tingling", "emergency"),
        ("the ball hit my thumb and theres a dip where the knuckle should be", "emergency"),
        ("bruises keep popping up on my thighs and my lower back aches", "urgent"),
        ("fell off the roof, my legs dont feel like mine and my back is agony", "emergency"),
        ("i havent the faintest why my knee hurts", None),
        ("fired off a complaint to the gym, my shoulder still hurts", None),
    ],
)
def test_plain_words_for_a_sign_reach_its_level(u: Understanding, text: str, level: str | None) -> None:
    assert implied_level(u.content, u.describe(text)) == level


def test_a_temperature_is_not_an_age(u: Understanding) -> None:
    assert u.describe("38.9 temp and my back is in a heap").age is None


def test_a_headache_like_never_before_is_the_worst_ever(chat: Chat) -> None:
    chat.start().say("at the gym doing squats and my head started pounding like never before")
    assert chat.level == "emergency"
    assert chat.engine.content.practice["emergency_number"] in chat.text
    assert not BOOKING_IDS & {b.id for b in chat.buttons}


def test_not_sudden_is_a_slow_start_and_no_sudden_sign(u: Understanding) -> None:
    p = u.describe("my headache came on slowly, not sudden at all, nowhere near the worst i have had")
    assert p.red_flags == [] and p.onset == "gradual"


def test_these_days_is_no_duration(u: Understanding) -> None:
    assert u.parser.parse("been getting a bit out of breath on the stairs these days").duration is None


def test_negations_are_understood(u: Understanding) -> None:
    p = u.parse("not sharp, more of a dull ache, no numbness or tingling")
    assert p.pain_types == ["dull_ache"]
    assert {"pain_type:sharp", "pain_type:numbness", "pain_type:tingling"} <= set(p.negated)
    assert u.parse("no injury, it just crept up").onset == "gradual"
    assert u.parse("it's not my neck, it's my shoulder").regions == ["shoulder"]
    assert u.parse("I can't sleep on my left hip").regions == ["hip"]


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        # Said in a roundabout way, still a warning sign.
        ("I haven't been able to control my bladder since yesterday", True),
        ("I'm unable to hold my bowels", True),
        ("there's numbness around my bottom", True),
        ("no fever and I can't control my bladder", True),  # the negation stops where a new symptom starts
        ("my dad had a heart attack and now I have chest pain", True),  # the person's own symptom counts
        ("my wife says I was confused this morning", True),
        ("I had a heart attack last year and now I have chest pain again", True),  # the past, then now
        ("I had cancer years ago and my back aches", True),  # past cancer matters (past_counts: yes)
        ("I fell off my bike 2 days ago", True),  # recent: "ago" alone is not the past
        ("chest pain when I was walking today", True),  # "when I was" is not long ago
        ("in the past week I've wet myself", True),
        ("I'm not used to this chest pain", True),  # "not used to" denies nothing
        ("I had to call my husband because of the chest pain", True),  # a relative, but the pain is the person's
        ("I was lifting my kids and now can't feel my bum", True),
        ("no pain in my back and now both my legs are weak", True),  # the negation ends at "and now"
        ("never had any back problems until my legs gave way", True),
        ("I've not been able to control my bladder", True),
        ("I can't feel my legs", True),
        ("my wife says the whites of my eyes have gone yellow", True),  # what a relative noticed
        ("I can't do anything without feeling short of breath", True),  # two negations
        ("my chest is really hurting", True),
        ("I've been having difficulty breathing", True),
        # Denied, or about someone else: not a warning sign.
        ("no, I haven't had any trouble with my bowels or bladder", False),
        ("nobody's had a heart attack in my family", False),
        ("my dad had a heart attack years ago", False),
        ("family history of cancer but I'm fine", False),
        ("I don't have any chest pain", False),
        ("I broke my arm when I was younger", False),
        ("I was in hospital after a heart attack a few years ago", False),
        ("I'm a bit out of shape and my knee hurts", False),
        ("I have hypermobility and my joints pop out of place", False),
    ],
)
def test_warning_signs_in_roundabout_words(u: Understanding, text: str, warning: bool) -> None:
    p = u.parse(text)
    assert bool(p.red_flags or p.screen) == warning, (p.red_flags, p.screen, p.negated)


def test_yeah_no_is_asked_again_not_taken_for_yes(chat: Chat, content: Content) -> None:
    chat.start().press("region.calf").press("pain_type.cramping").press("onset.gradual").press("severity.4")
    assert chat.state == "red_flags"
    before = dict(chat.conv.flags)
    chat.say("yeah no, nothing like that")
    assert chat.conv.flags == before and chat.state == "red_flags" and chat.level is None
    chat.say("no")
    assert len(chat.conv.flags) > len(before) and set(chat.conv.flags.values()) == {"no"}


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("lowr bak pain", "regions", ["lower_back"]),
        ("siatica down my leg", "conditions", ["sciatica_like"]),
        ("my sholder is killing me", "regions", ["shoulder"]),
        ("pins and needles in my fingers", "pain_types", ["tingling"]),
        ("knots in my shoulders", "pain_types", ["tightness"]),
        ("NECK AND SHOULDERS 😩😩", "regions", ["neck", "shoulder"]),
        ("about a 7", "severity", 7),
        ("eight out of ten", "severity", 8),
        ("I'm 68 with a sore knee", "severity", None),
        ("for a couple of years", "duration", "months"),
        ("since Monday", "duration", "days"),
        ("12 weeks pregnant", "duration", None),
        ("I swim 3 times a week", "duration", None),
        ("it started after I took up running", "onset", "overuse"),
        ("worse when I sit at my desk", "onset", None),
    ],
)
def test_what_people_type(u: Understanding, text: str, field: str, expected: object) -> None:
    value = getattr(u.describe(text), field)
    if isinstance(expected, list) and field == "conditions":
        assert set(expected) <= set(value)
    else:
        assert value == expected


def test_left_and_right_are_kept_as_a_detail(u: Understanding) -> None:
    assert u.parse("pain in my left hip").sides == {"hip": "left"}


def test_faq_did_you_mean_and_unknown(chat: Chat, content: Content) -> None:
    chat.start().press("region.neck")
    chat.say("how much does a session cost?")
    prices = content.faq_entry("prices")
    assert prices is not None and prices.answer in chat.text and chat.state == "pain_type"
    chat.say("who won the football last night?")
    assert content.msg("faq_unknown") in chat.text and chat.state == "pain_type"
    assert chat.conv.answers == {"region": "neck"}


def test_a_vague_question_offers_did_you_mean(engine: Engine, content: Content) -> None:
    from bot.engine import Event

    result = engine.handle(None, Event.command("start"))
    u = engine.understand
    # Find a wording whose best FAQ match is possible but not confident, to see the buttons.
    for text in ("can you tell me about the weather on mars?", "what about it?", "is it worth it?"):
        parsed = u.parse(text)
        if u.faq_answer(parsed) is None and u.faq_offers(parsed):
            result = engine.handle(result.conversation, Event.text(text))
            assert result.replies[0].text == content.msg("did_you_mean")
            assert 1 <= len(result.replies[0].buttons) <= 3
            assert all(b.id.startswith("faq.") for b in result.replies[0].buttons)
            return
    pytest.fail("no vague wording landed between the thresholds: the did-you-mean path is not exercised")


def test_the_labelled_data_meets_the_targets() -> None:
    from bot.content import load_content
    from scripts.evaluate import TARGETS, evaluate

    scores = evaluate(Understanding(load_content()))["scores"]
    for key, target in TARGETS.items():
        assert scores[key] >= target, f"{key}: {scores[key]:.1%} < {target:.0%}"
    assert scores["faq_offered"] >= 0.85
    assert scores["faq_false"] <= 0.15


def test_parse_command_prints_json() -> None:
    env_cmd = [sys.executable, "-m", "bot.cli", "parse"]
    proc = subprocess.run([*env_cmd, "my left knee aches, about a 6, for 2 weeks"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"regions", "pain_types", "onset", "duration", "severity", "conditions", "red_flags", "faq"}
    assert (out["regions"], out["pain_types"], out["duration"], out["severity"]) == (["knee"], ["dull_ache"], "weeks", 6)
    assert "knee_pain" in out["conditions"]
    lines = '{"text": "sharp pain in my heel"}\nnot json\n{"text": "how much is it?"}\n'
    proc = subprocess.run([*env_cmd, "--jsonl"], input=lines, capture_output=True, text=True, timeout=60, cwd=ROOT)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 3 and rows[0]["regions"] == ["foot"] and "error" in rows[1]
    assert rows[2]["faq"][0]["id"] == "prices"


# ---------------------------------------------------------------------------------------------- issue 13


@pytest.mark.parametrize(
    "text",
    [
        "my neck is tense all the time",
        "tenderness on the outside of my elbow",
        "intense burning in both feet",
        "sitting tends to make it worse",
        "i often get a stiff back",
        "pain is tense",
    ],
)
def test_a_score_comes_only_from_a_number_used_as_a_score(u: Understanding, text: str) -> None:
    assert u.parse(text).severity is None
    assert u.read(text).severity is None


def test_typo_repair_never_makes_a_number(u: Understanding) -> None:
    from bot.understand.numbers import NUMBER_WORDS

    for token in ("tense", "tenn", "fiv", "sevn", "nien", "tw0", "thre", "eigt"):
        assert u.repair(token) not in NUMBER_WORDS, token
    assert u.parse("had this knee pain ten days now").severity is None
    assert u.parse("pain about a 6 in my right shoulder").severity == 6
    assert u.parse("temp of 39 since last night").severity is None


@pytest.mark.parametrize(
    ("text", "screen", "flag"),
    [
        ("my words are slurred", "stroke_signs", None),
        ("my right hand suddenly went all heavy and clumsy", "stroke_signs", None),
        ("half her face has dropped and her speech is all jumbled", "stroke_signs", None),
        ("suddenly cant get a breath in, came on 10 mins ago", "sudden_breathless", None),
        ("headache came out of nowhere, never felt anything like it", "worst_headache", None),
        ("i passed out at work yesterday", "collapse_confusion", None),
        ("my mum is 84, she fell in the kitchen and can hardly stand", None, "cant_bear_weight"),
        ("my dad fell and cant get up off the floor", None, "cant_bear_weight"),
        ("my calf is red, hot and puffy since the long flight", None, "dvt_signs"),
        ("when i wipe it feels numb, like it's not my skin", "bladder_bowel_saddle", None),
    ],
)
def test_warning_signs_in_plain_words(u: Understanding, text: str, screen: str | None, flag: str | None) -> None:
    p = u.parse(text)
    if screen:
        assert screen in p.screen, (p.screen, p.red_flags)
    if flag:
        assert flag in p.red_flags, (p.screen, p.red_flags)


@pytest.mark.parametrize(
    ("text", "sudden"),
    [
        ("i get a bit out of breath on the stairs these days", False),
        ("been more breathless walking the dog over the last year, its my asthma", False),
        ("nope, bit breathless but thats normal for me", False),
        ("all of a sudden i'm really short of breath", True),
        ("short of breath", True),  # said alone it is taken seriously
    ],
)
def test_sudden_and_gradual_breathlessness(u: Understanding, text: str, sudden: bool) -> None:
    assert ("sudden_breathless" in u.parse(text).screen) == sudden


@pytest.mark.parametrize(
    "text",
    [
        "no fever, just a stiff neck from sleeping funny",
        "i fell asleep on the sofa and my neck is sore",
        "sore chest muscles after press ups",
        "not sure what counts as confused?? im just a bit tired",
        "rolled my ankle yesterday, bit sore but i can walk on it ok",
    ],
)
def test_plain_words_that_are_not_warning_signs(u: Understanding, text: str) -> None:
    p = u.describe(text)
    assert not p.screen and not p.red_flags, (p.screen, p.red_flags)


@pytest.mark.parametrize(
    "text",
    ["can i bring my husband with me?", "how soon can i get in", "a little", "no, i dont get it. which ones?", "can i book for tomorrow?"],
)
def test_off_list_questions_get_no_wrong_answer(u: Understanding, text: str) -> None:
    assert u.read(text).faq is None


def test_the_question_in_a_symptom_message_is_what_is_answered(u: Understanding) -> None:
    r = u.read("plantar fasciitis is killing me first thing every morning, is there parking near you?")
    assert r.parsed.faq[0][0] == "parking" and r.parsed.regions == ["foot"]
    r = u.read("really bad headache came on out of nowhere, worst ive ever had, would a massage help??")
    assert r.parsed.question and "worst_headache" in r.parsed.screen


def test_several_places_are_kept_main_first(u: Understanding) -> None:
    assert u.parse("neck, upper back, lower back... basically my whole back is wrecked").regions == ["neck", "upper_back", "lower_back"]
    p = u.parse("had my knee replaced 4 weeks ago, now the back of my calf is sore and my thigh aches too")
    assert {"knee", "calf", "thigh"} <= set(p.regions)
    assert "dvt_risk" in u.fitting_flags(p.red_flags, p.regions), "the calf's clot questions apply"


@pytest.mark.parametrize(
    ("text", "history", "contra"),
    [
        ("had my knee replaced 4 weeks ago", ["joint_replacement", "surgery_recent"], "recent_surgery_injury"),
        ("broke my wrist last month", ["fracture_recent"], "recent_surgery_injury"),
        ("had my gallbladder out 3 weeks ago, shoulders are stiff", ["surgery_recent"], "recent_surgery_injury"),
        ("had a mastectomy for breast cancer in 2016, shoulder is tight", ["cancer", "surgery"], None),
        ("new hip in 2021, the muscles round it still feel tight", ["joint_replacement"], None),
        ("got osteoporosis, just want my neck loosened off", ["osteoporosis"], None),
        ("i have fibromyalgia so everything hurts a bit", ["fibromyalgia"], None),
        ("osteoarthritis in both knees for years", ["arthritis"], None),
        ("I broke my arm when I was younger", ["fracture"], None),
        ("my sleep is broken and my back aches", [], None),
        ("broke two ribs falling off a ladder 3 weeks ago, upper back is tight", ["fracture_recent"], "recent_surgery_injury"),
        ("broke up with my boyfriend and my neck is in knots", [], None),
        # "broke my back": the place said with the words; a bone that is not one of the practice's places.
        ("i broke my back last week", ["fracture_recent"], "recent_surgery_injury"),
        ("i broke my leg 3 weeks ago", ["fracture_recent"], "recent_surgery_injury"),
        ("my wrist is broken from the fall", ["fracture_recent"], "recent_surgery_injury"),
        # Worn out, not broken: a place said first, then what wore it out.
        ("my lower back is broken from leaning over the bed all night", [], None),
        # A wrist, an arm said broken may be broken, whatever follows ("my wrist is broken from football on saturday").
        ("my wrist is totally broken from 6 hours of gaming", ["fracture_recent"], "recent_surgery_injury"),
        ("my legs are broken after leg day", [], None),
        ("my son has broken his arm at school last week", ["fracture_recent"], "recent_surgery_injury"),
        ("my back is broken", ["fracture_recent"], "recent_surgery_injury"),
        ("nearly broke my back lifting the telly", [], None),
        ("that shift broke my back, upper back in knots", [], None),
        ("my back is broken after moving house", [], None),
        ("had a hairline fracture in my foot last month", ["fracture_recent"], "recent_surgery_injury"),
        ("broke my ribs ages ago, upper back stiff", ["fracture"], None),
    ],
)
def test_history_is_kept(u: Understanding, text: str, history: list[str], contra: str | None) -> None:
    p = u.parse(text)
    assert p.history == history
    if contra:
        assert contra in p.contra
    else:
        assert "recent_surgery_injury" not in p.contra


def test_weeks_of_pregnancy_are_not_a_duration(u: Understanding) -> None:
    p = u.parse("28 weeks pregnant and my lower back aches")
    assert (p.pregnancy_weeks, p.duration, "pregnancy" in p.history, "pregnancy" in p.contra) == (28, None, True, True)
    p = u.parse("pregnant with twins, 24 wks, sciatica down my right bum, for 3 weeks now")
    assert (p.pregnancy_weeks, p.duration) == (24, "weeks")
    assert u.parse("had a clot in my leg in 2020, on blood thinners now").contra == ["blood_thinners"], "a clot long ago is not a clot now"


@pytest.mark.parametrize(
    ("text", "age", "whom"),
    [
        ("im 56 and my lower back started aching", 56, "self"),
        ("my mum is 82 and her shoulder has been stiff for months", 82, "other"),
        ("my dads 78, had a fall on tuesday and his hip hurts", 78, "other"),
        # Nothing of anyone's health in words the lists know, but all about a relative whose age is given.
        ("my nan (86) keeps asking where grandad is and talking into the tv remote", 86, "other"),
        ("my friend recommended you", None, "self"),
        ("hi, my husband wants to book", None, "self"),
        ("my teenager (16) has a stiff neck from gaming", 16, "other"),
        ("my partner (shes 45) has carpal tunnel type pain", 45, "other"),
        ("hi asking on behalf of my dad, his calf hurts walking", None, "other"),
        ("for my friend, she has bad back pain", None, "other"),
        ("my right hand went heavy and the wife says im talking funny", None, "self"),
        ("was texting my sister and my words came out wrong", None, "self"),
        ("my dad had a heart attack and now I have chest pain", None, "self"),
        ("temp of 39 and my neck is stiff", None, "self"),
        ("can i bring my baby along, shes 4 months", None, "self"),  # a question about the visit, not the baby's health
        ("I'm 68 with a sore knee", 68, "self"),
        # An age with the sex's capital letter at the start, the words going on.
        ("68F new headaches over my temple", 68, "self"),
        ("55M back pain 3 weeks", 55, "self"),
    ],
)
def test_age_and_for_whom(u: Understanding, text: str, age: int | None, whom: str) -> None:
    p = u.parse(text)
    assert (p.age, p.for_whom) == (age, whom)


def test_someone_elses_warning_sign_counts_when_the_message_is_about_them(u: Understanding) -> None:
    p = u.parse("mum fell in the garden, shes 79, can barely put any weight on her right leg")
    assert "cant_bear_weight" in p.red_flags and p.for_whom == "other" and p.age == 79
    assert not u.parse("my dad had a heart attack years ago").screen


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("no entiendo", "es"),
        ("mi padre tiene un dolor muy fuerte en el pecho", "es"),
        ("Wann haben Sie geöffnet?", "de"),
        ("non je ne comprends pas", "fr"),
        ("buongiorno, ho male al ginocchio quando corro", "it"),
        ("não sei", "pt"),
        ("lol", "en"),
        ("bye", "en"),
        ("NMT = ?", "en"),
        ("meh kinda", "en"),
        ("no", "en"),
    ],
)
def test_language(u: Understanding, text: str, language: str) -> None:
    assert u.parse(text).language == language


def test_no_english_message_of_the_labelled_sets_is_read_as_another_language(u: Understanding) -> None:
    from scripts.evaluate import english_false_foreign

    flagged, total, texts = english_false_foreign(u)
    assert total > 500 and flagged == 0, texts


def test_another_language_gets_no_faq_answer(u: Understanding) -> None:
    r = u.read("¿hacen masajes a domicilio?")
    assert r.parsed.language == "es" and r.faq is None and not r.offers


@pytest.mark.parametrize(
    ("text", "hedge", "denial"),
    [
        ("a little", "yes", False),
        ("kinda", "yes", False),
        ("i think so", "yes", False),
        ("sort of but i think its just my glasses", "yes", False),
        ("well yes", "yes", False),
        ("not really", "no", True),
        ("nah", "no", True),
        ("not that i know of", "no", True),
        ("no none of those", "no", True),
        ("no to all of them, its just my back", "no", True),
        ("hmm possibly", "unsure", False),
        ("could be? i havent checked", "unsure", False),
        ("no not really, maybe a bit", "unsure", False),
        ("yes and no", "unsure", False),
        ("no, i dont get it. which ones?", None, False),
        ("no wait what do u mean by the toilet one", None, False),
        ("no entiendo", None, False),
        ("no, ninguno", "no", False),  # a denial in another language is not taken as an answer
        ("no chest pain or anything like that but i did pass out at work yesterday", "yes", False),
        ("yeah no, nothing like that", None, False),
    ],
)
def test_hedged_replies_and_real_denials(u: Understanding, text: str, hedge: str | None, denial: bool) -> None:
    r = u.read(text)
    assert (r.hedge, r.denial) == (hedge, denial)


def test_people_words_figures_hold() -> None:
    """The held-out half of people_words.jsonl (the even ids), and people_words_dev2.jsonl: floors at the figures
    measured when this was written."""
    from bot.content import load_content
    from scripts.evaluate import evaluate_people

    t = evaluate_people(Understanding(load_content()))

    def rate(name: str) -> float:
        value = t.rate("held-out", "all", name)
        assert value is not None
        return value

    floors = {
        "history": 0.95, "age": 0.95, "for_whom": 0.95, "language": 1.0, "severity": 0.95, "hedge": 0.75, "denial": 0.85, "signs_recall": 0.85,
        "regions": 0.92, "pain_types": 0.94, "onset": 0.9, "duration": 0.88, "regions_en": 0.97, "onset_en": 0.9, "duration_en": 0.93,
        "faq_top1": 0.92,
    }  # fmt: skip
    # onset fell to 0.86 when a job named as the context ("i work in a warehouse") was read and the onset layer learnt
    # dev E; the shapes of a task done all day, a change lived with since and an event done brought it back to 0.88.
    for name, floor in floors.items():
        assert rate(name) >= floor, f"{name}: {rate(name):.0%} < {floor:.0%}"
    # people_words_dev2.jsonl to people_words_dev13.jsonl, written blind to test where, what kind, how it started and how long
    # (dev G was measured blind, onset 71% to 76%, before its onset misses were read; dev H onset 75% to 77%, duration 80%;
    # dev I, written with many messages that name no start, onset 73% to 75%, duration 82% to 86%; dev J, how it started told
    # without the tidy words, onset 74.0% to 74.7%, duration 71%, FAQ top-1 19 of 24; dev K, in the held-out file's twelve
    # kinds, onset 84.0% to 84.7%, duration 72.7%; dev L, the same kinds after dev K's changes, onset 80%, duration 83%;
    # dev M, the shapes of start still missed, onset 76% to 77% (the onset layer's words), duration 73%).
    dev_floors = {
        "dev B": {"regions": 0.89, "pain_types": 0.97, "onset": 0.98, "duration": 0.91, "faq_top1": 0.91},
        "dev C": {"regions": 0.9, "pain_types": 0.98, "onset": 0.96, "duration": 0.94},
        "dev D": {"regions": 0.86, "pain_types": 0.97, "onset": 0.94, "duration": 0.93, "faq_top1": 0.97},
        "dev E": {"regions": 0.9, "pain_types": 0.97, "onset": 0.96, "duration": 0.88, "faq_top1": 0.96},
        "dev F": {"regions": 0.86, "pain_types": 0.87, "onset": 0.96, "duration": 0.85, "faq_top1": 0.9},
        "dev G": {"regions": 0.86, "pain_types": 0.89, "onset": 0.89, "duration": 0.88, "faq_top1": 0.87},
        "dev H": {"regions": 0.9, "pain_types": 0.89, "onset": 0.92, "duration": 0.92, "faq_top1": 0.95},
        "dev I": {"regions": 0.87, "pain_types": 0.9, "onset": 0.9, "duration": 0.93, "faq_top1": 0.91},
        "dev J": {"regions": 0.86, "pain_types": 0.9, "onset": 0.92, "duration": 0.85, "faq_top1": 0.79},
        "dev K": {"regions": 0.86, "pain_types": 0.97, "onset": 0.97, "duration": 0.82, "faq_top1": 0.88},
        "dev L": {"regions": 0.88, "pain_types": 0.96, "onset": 0.92, "duration": 0.82},
        "dev M": {"regions": 0.87, "pain_types": 0.92, "onset": 0.93, "duration": 0.72},
    }
    for split, floors_of_set in dev_floors.items():
        for name, floor in floors_of_set.items():
            value = t.rate(split, "all", name)
            assert value is not None and value >= floor, f"{split} {name}: {value} < {floor:.0%}"
    ceilings = {"hedge_unsafe": 0.0, "denial_unsafe": 0.0, "false_alarm": 0.04, "faq_wrong": 0.0}
    for name, ceiling in ceilings.items():
        assert rate(name) <= ceiling, f"{name}: {rate(name):.0%} > {ceiling:.0%}"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my dad's words are all jumbled and his face looks odd on the left", "emergency"),
        ("wife cant lift her right arm since about 10 minutes ago and shes dribbling", "emergency"),
        ("got the most horrific headache ever, came on while i was at the gym, like a thunderbolt", "emergency"),
        ("crushing feeling in my chest and my left arm is aching, sweating loads", "emergency"),
        ("my chest feels like someone is standing on it", "emergency"),
        ("i can't breathe properly, came on suddenly about half an hour ago", "emergency"),
        ("my grandad collapsed in the kitchen, hes awake now but groggy", "emergency"),
        ("been peeing myself since my back went", "emergency"),
        ("no feeling around my back passage and my back is agony", "emergency"),
        ("my legs went weak and i fell over, lower back is killing me", "emergency"),
        ("my ankle is facing the wrong way after i fell off a wall", "emergency"),
        ("my toes have gone white and numb and really painful", "emergency"),
        ("my vision went blurry in one eye all of a sudden and my hand feels weird", "emergency"),
        ("my son is 14 and got a knock to the head at rugby, now hes being sick and sleepy", "emergency"),
        ("my calf is red, hot and puffy and i came back from australia last week", "urgent"),
        ("nan is 90, her leg has swelled up and its red", "urgent"),
        ("had keyhole surgery on my knee a fortnight ago and my calf is really tender now", "urgent"),
        ("knee blew up like a balloon after i got tackled and i cant walk on it", "urgent"),
        ("my jaw hurts when i chew and my temples are tender, im 75", "urgent"),
        ("i've lost a stone without trying and my back aches at night", "doctor_first"),
        ("had my appendix removed 2 weeks ago, back is stiff", "doctor_first"),
        ("im 3 weeks post op from a hip replacement", "doctor_first"),
        # Plain words of a sign seen in people's messages, said here in other words.
        ("my boy is breathing really fast and his lips have gone a greyish colour", "emergency"),
        ("she's got an egg on the side of her head from the coffee table and keeps nodding off", "emergency"),
        ("my left leg is puffy, warm and shiny below the knee", "urgent"),
        ("sciatica for a month and now im catching my toes on every step", "doctor_first"),
        ("lost 6 kilos without trying since the summer, upper back aches", "doctor_first"),
        ("stomach pain so bad i cant stand up strait", "urgent"),
        ("keep tripping over nothing and both my legs feel weak and numb", "emergency"),
        ("my chest is fine at rest but goes tight when i walk up hills", "emergency"),
        ("my vision has gone in one eye and my head is pounding", "emergency"),
        # Signs that count wherever it hurts, and a part said twice, once denied.
        ("my eyes have gone yellow and i've got a pain under my right ribs", "urgent"),
        ("my son is boiling hot and cant get his chin down to his chest", "emergency"),
        ("dad is 72, new headache at his temples, he's never had headaches, and his jaw aches when he chews", "urgent"),
        ("been hacking for weeks and there's blood when i cough, upper back aches", "urgent"),
        # The same words with what makes them a sign.
        ("my head suddenly felt like it would explode, 10 minutes ago, never had anything like it", "emergency"),
        ("was at the gym and suddenly couldn't move my left arm, like it was paralysed", "emergency"),
        # A review's real signs beside the words of the figures of speech and "is fine": each was once lost.
        ("head feels like its about to explode came on when i was lifting at the gym", "emergency"),
        ("paralysed down my right side after the gym", "emergency"),
        ("after weights my right hand is paralysed, cant grip anything", "emergency"),
        ("my legs are completely paralysed after squats, i cant get up off the floor", "emergency"),
        ("my chest is not ok feels like an elephant sitting on it", "emergency"),
        ("chest feels ok one minute then tight the next, sweaty", "emergency"),
        ("my chest is tight my breathing is fine", "emergency"),
        ("temperature was fine this morning now 39 with stiff neck", "emergency"),
        ("dad collapsed in the kitchen he is ok now", "emergency"),
        ("worst headache of my life i was ok 20 mins ago", "emergency"),
        ("i have broken my wrist 3 weeks ago", "doctor_first"),
        ("my wrist is broken from football on saturday", "doctor_first"),
        ("my arms are broken after falling off a ladder 2 weeks ago", "doctor_first"),
        # The American spelling; speech "not clear" said plainly; an older relative forgetting who you are.
        ("my speech is not clear and my right arm feels heavy", "emergency"),
        ("my grandad 84 keeps forgetting who i am since this morning", "emergency"),
        ("my right arm is paralyzed and my face feels weird", "emergency"),
        ("i broke my leg 3 weeks ago, my hip aches from the crutches", "doctor_first"),
    ],
)
def test_warning_signs_in_words_nobody_listed(u: Understanding, text: str, level: str) -> None:
    """Phrasings written after the word lists, to check that the lists reach beyond the exact phrases in them."""
    got = implied_level(u.content, u.describe(text))
    assert as_cautious(got, level), got


@pytest.mark.parametrize(
    "text",
    [
        "i get out of breath running for the bus these days, im unfit",
        "my knee hurts going down stairs",
        "achy all over after a heavy week at work",
        "pulled my back lifting a box yesterday",
        "my calves are tight after a long walk",
        "i'm a bit clumsy, banged my knee on the table",
        "got a cold and my shoulders ache from coughing",
        "my back hurts when i walk the dog",
        "numb bum after a long bike ride that goes away after an hour",
        "broke my wrist 5 weeks ago, cast just came off and its stiff",
    ],
)
def test_everyday_words_raise_no_emergency(u: Understanding, text: str) -> None:
    from scripts.evaluate import implied_level

    assert implied_level(u.content, u.describe(text)) in (None, "doctor_first"), text


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("uh my father had prostate cancer", False),
        ("there's a lot of cancer in the family", False),
        ("my grandfather had a stroke when he was in his 70s", False),
        ("I think my aunt on my mother's side, she had uterine cancer", False),
        ("I've been going to the beach in flip flops", False),
        ("I get the flu shot every year", False),
        ("I could barely even do body weight squats", False),
        ("my grandad collapsed in the kitchen, he's awake now", True),  # about him, now
        ("my mum's speech went funny for a few minutes", True),
    ],
)
def test_a_relatives_history_is_not_a_sign_but_their_emergency_is(u: Understanding, text: str, warning: bool) -> None:
    p = u.parse(text)
    assert bool(p.red_flags or p.screen or p.contra) == warning, (p.red_flags, p.screen, p.contra)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # A "no", "never" or "can't" inside the words of a sign is part of the sign, not a denial.
        ("upper back pain keeps me up all night, resting makes no difference", "back_night_pain"),
        ("cant get a proper breath in since this morning, feels like breathing through a straw", "sudden_breathless"),
        ("im 58 and never had back trouble before, started aching 3 weeks ago", "back_new_over_50"),
        ("keep dropping cups, no grip in my right hand at all", "hand_weak_numb"),
        # Not knowing, or not bearing something, denies nothing.
        ("i dont know why but my calf has swollen right up and feels hot", "dvt_signs"),
        ("high temp, awful headache and i cant stand bright lights, neck is rigid", "meningitis_signs"),
        # An unrelated "no" earlier in the message leaves the sign alone.
        ("no injury or anything, but my knee is red, hot and swollen", "hot_swollen_joint"),
        ("no idea why but i cant feel my bottom or my bits", "saddle_numbness"),
        # A decimal is not the end of a sentence: "39.5" and the stiff neck are one sentence.
        ("temperature of 39.5 and i cant bend my neck forward", "meningitis_signs"),
    ],
)
def test_a_no_inside_a_sign_or_nearby_does_not_hide_it(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.red_flags + p.screen, (p.red_flags, p.screen, p.negated)


@pytest.mark.parametrize(
    "text",
    [
        "no numbness down there, no trouble with the loo, just a sore lower back",
        "didnt fall or bang it, just woke up with a stiff neck",
        "no fever, no weight loss, just tight hamstrings from running",
        "not coughing or anything, upper back is tight between the shoulder blades",
        "no blood when i cough, just a tickly throat and sore upper back",
        "i used to get numb feet when i wore tight boots, but my calves are just tight now",
        "my mate came off his bike and got me worried, but mine is just a tight lower back",
        "fell in love with massage after my last one, shoulders are tight again",
        "lost a bit of weight since i started going to the gym, and my shoulder is stiff",
        "dizzy for a second when i stand up too fast",
        "my temples ache from tension and my neck is stiff",
        "hot water bottle on my calf helps the cramp",
        "when my arm is bent it hurts at the elbow",
        # Asked about, not said to be there.
        "what does saddle numbness mean? i only have a stiff back",
        "whats a dvt?",
        # Ruled out, or a test for it came back clear.
        "they ruled out a clot and said my calf is just tight",
        "a dvt has been ruled out, the physio says its a strain",
        "the doctor scanned my leg for a clot and it was negative",
        # A figure of speech for aching all over.
        "i feel like ive been hit by a truck after my first spin class",
        "feel like i got run over, every muscle aches",
        # Explained away: weight lost on purpose, the sweats of the menopause.
        "ive lost weight on purpose this year and my knees thank me",
        "been losing weight on a diet, lower back still grumbles",
        "night sweats with the menopause and my hips ache",
        # Sweating at night, or "after walking", alone is not the sign.
        "the bedroom is so hot i wake up sweaty, shoulders stiff",
        "my leg went to sleep sitting on the floor, fine after walking it off",
        "ran up three flights of stairs and now my calves ache",
        # The past: "used to" without its "I", a clause that only says when, "pins and needles" as one phrase.
        "used to have night sweats but that stopped, my neck is stiff",
        "i had a clot in my leg, years back, my calves are just tight from running",
        "i used to get pins and needles in both hands, my neck is just stiff now",
        # A sign in general ("if you have…", "do you check for…"), a biopsy that was fine, a scare, a shiver.
        "can you still have a massage if you've had a stroke? asking because my neck is sore",
        "do you check for blood clots before a leg massage",
        "the biopsy came back benign, my shoulder is just tight from the gym",
        "had a bit of a cancer scare but it was nothing, lower back aches",
        "that film gave me the chills, my neck's stiff from the sofa",
        "was up at 4am with the baby, now my upper back is tight",
        "flown a lot for work this year, neck stiff from the seats",
        "i cant speak english very well, my lower back hurts",
    ],
)
def test_denied_past_ruled_out_or_someone_elses_signs_are_not_read(u: Understanding, text: str) -> None:
    from scripts.evaluate import implied_level

    p = u.describe(text)
    assert implied_level(u.content, p) is None, (p.red_flags, p.screen, p.contra)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # A question about the person's own sign is that sign.
        ("what does it mean if i cant feel my bum when i wipe", "saddle_numbness"),
        ("what's causing this chest pain?", "chest_pain"),
        # Not ruled out yet, or the result still to come.
        ("they havent ruled out a clot yet", "blood_clot"),
        ("need a dvt ruled out, my calf is swollen", "blood_clot"),
        ("waiting for a scan for a clot, bloods were normal", "blood_clot"),
        # A place named in the figure of speech: it describes the pain.
        ("my head feels like i was hit with a hammer, came on suddenly", "worst_headache"),
        ("i feel like ive been kicked in the head, worst headache ever", "worst_headache"),
        ("i was hit by a car yesterday and my neck hurts", "serious_accident"),
        # The explanation denied, said to be missing, or of another sign.
        ("lost weight and im not dieting", "weight_loss"),
        ("was on a diet last year. now ive lost weight without trying", "weight_loss"),
        # ("drenching night sweats, gp says its not the menopause": asked about first, tests/test_asked_first.py)
        ("im menopausal and my jaw and left arm ache and im all sweaty", "heart_warning_signs"),
        # Drenching sweats, and calf pain on walking, still are the signs.
        ("waking up soaked in sweat every night, back aches", "night_sweats"),
        ("my calf aches after walking 100 yards and eases when i stop", "calf_pain_walking"),
        # Not the past: weeks ago, or "not used to".
        ("had a blood clot in my calf, 3 weeks ago, its still sore", "blood_clot"),
        ("im not used to this chest pain", "chest_pain"),
        # "If I…" is the person's own; a test still to come is not a clear result.
        ("if i have a clot in my calf can i still come, its swollen and hot", "dvt_signs"),
        ("my back wakes me at 3am every night", "back_night_pain"),
    ],
)
def test_signs_near_a_question_a_test_a_figure_of_speech_or_an_explanation_still_count(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.red_flags + p.screen + p.contra, (p.red_flags, p.screen, p.contra, p.negated)


@pytest.mark.parametrize(
    ("text", "flag", "read"),
    [
        # The message is about the mother now: her own past cancer is hers.
        ("my mum had a melanoma removed years back and now her back hurts at night", "cancer_history", True),
        ("asking for my dad, he had prostate cancer 5 years ago and his hip hurts", "cancer_history", True),
        # A relative's history alone, or another relative's, is not the person's.
        ("uh my father had prostate cancer", "cancer_history", False),
        ("asking for my husband, his mum had bowel cancer and he has back pain", "cancer_history", False),
        ("my mum had cancer, i just have knotted shoulders", "cancer_history", False),
    ],
)
def test_the_past_of_the_person_a_message_is_about(u: Understanding, text: str, flag: str, read: bool) -> None:
    assert (flag in u.describe(text).red_flags) == read


@pytest.mark.parametrize(
    "text",
    [
        # The person's own ache, with a relative's sign in a clause of the relative's: over and done with,
        # a lasting illness of theirs, or the person saying they ask for themselves.
        "my grandma had a stroke in the spring and her arm went weak, since then my neck has been really tight",
        "my son threw up blood last week with a tummy bug, he's fine now, my lower back is stiff",
        "my little boy fell off the climbing frame last saturday, he's grand, but my back is sore from lifting him",
        "my girlfriend's been waking up drenched in sweat every night, her doctor is sorting it, I've got a tight neck",
        "my husband is on chemo for bowel cancer, my shoulders are in knots from the stress",
        "my uncle has diabetes and numb toes, I'm booking for myself though, my calves are sore",
        "a neighbour collapsed in the street last month, gave me a fright, my shoulders are tight",
        # A relative's cancer, long ago or lost to it, is family history.
        "mum passed away with ovarian cancer last year, my upper back is tight",
    ],
)
def test_someone_elses_signs_in_a_message_about_the_person_are_not_theirs(u: Understanding, text: str) -> None:
    from scripts.evaluate import implied_level

    p = u.describe(text)
    assert implied_level(u.content, p) is None, (p.red_flags, p.screen, p.contra)
    assert "cancer" not in p.history and "diabetes" not in p.history


def test_a_sign_said_in_parts_of_two_people_is_nobodys(u: Understanding) -> None:
    # The children's temperature and the person's stiff neck are not a fever with a stiff neck.
    p = u.describe("the kids have had a temperature all weekend, and my neck is stiff from the sofa")
    assert "fever_stiff_neck_rash" not in p.screen and "meningitis_signs" not in p.red_flags, (p.red_flags, p.screen)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Written for the relative: nothing of the person's own health.
        ("my gran's mouth is drooping on one side and she can't lift her arm", "stroke_signs"),
        ("my boy hit his head on the trampoline and keeps throwing up", "head_injury"),
        ("booking for my dad, he is 84 and fell in the kitchen and can't get up", "cant_bear_weight"),
        # The person's own ache beside a relative's emergency now: the emergency still counts.
        ("my wife just collapsed and isn't making sense, and I've hurt my back lifting her", "collapse_confusion"),
        ("my little girl has a high temperature and a rash that won't fade under a glass, my neck is stiff from sleeping in her room", "fever_stiff_neck_rash"),
    ],
)
def test_a_relatives_sign_counts_when_the_message_is_about_them(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.red_flags + p.screen, (p.red_flags, p.screen)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my dad had a fall this morning and can't put weight on his leg, my back aches from helping him up", "serious_accident"),
        ("hubby's got a temperature and is coughing his guts up, ive been up all night with him and my shoulders are tight", "fever_unwell"),
        ("me and my wife were in a car crash yesterday, my neck hurts", None),  # one subject: theirs and the person's
        ("wifes pregnant, my backs killing lol", ""),  # being pregnant is not tummy pain in pregnancy: no word for her
    ],
)
def test_someone_elses_same_day_sign_beside_the_persons_own_pain_is_kept_apart(u: Understanding, text: str, sign: str | None) -> None:
    # Not the person's (their own pain is what they ask about), but kept to say a word for the other person.
    p = u.describe(text)
    if sign is None:
        assert "serious_accident" in p.screen and not p.others_signs and p.for_whom == "self", (p.screen, p.others_signs)
        return
    if not sign:
        assert not (p.red_flags or p.screen or p.others_signs) and p.for_whom == "self", (p.red_flags, p.others_signs, p.for_whom)
        return
    assert sign not in p.red_flags + p.screen and sign in p.others_signs, (p.red_flags, p.screen, p.others_signs)
    assert p.for_whom == "self" and p.regions, "the person's own pain is what the message is about"


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's sign, then said to be well again or seen to.
        "my toddler fell off the sofa yesterday, she's totally fine, but my back is sore from carrying her around",
        "my friend fainted at the gig last night 😬 shes ok now. im fine, just my calves are stiff",
        "boss had chest pains n got checked, turned out to be indigestion. i've got a sore shoulder from my laptop bag",
        # An animal's.
        "our dog got hit by a car (hes fine!!) n i pulled my shoulder grabbing his lead",
        "the cat collapsed last night and i was up with her at the vets, now my neck is stiff",
        "my dog collapsed",
        "my cat got stung n her face swelled up n she was struggling to breathe, the vet sorted her. my lower back is tight",
        # Dated after the fact, or "turned out to be…" with no subject of its own.
        "my flatmate went all confused n wobbly last week, turned out her sugar was low. i just have a tight upper back",
        # An emoji ends what was said: the grandad's fall is over, the back is the person's.
        "my grandad had a fall yesterday, nothing broken 😂 my lower back is achy from all the fetching",
        # The person's own doing between the sign and the word that it is over; "her" as an object.
        "my uncle collapsed at the wedding, i held his head till the paramedics got there. he pulled through. my knees are sore",
        "my sister fainted in the queue on friday, got checked and it was low iron. my neck is stiff from sitting beside her in a&e",
    ],
)
def test_a_sign_said_to_be_over_or_an_animals_is_nobodys(u: Understanding, text: str) -> None:
    p = u.describe(text)
    assert not (p.red_flags or p.screen or p.others_signs), (p.red_flags, p.screen, p.others_signs)


@pytest.mark.parametrize(
    "text",
    [
        # Long unchanged or long ago.
        "had a stroke 8 yrs ago, my left hand is still weaker n clumsy but its the same as its been for years. now my right shoulder aches",
        "my right foot has dragged a bit since my spinal op in 2017 n it hasnt changed since. lower back is just stiff",
        "my face has been a bit lopsided since bell's palsy in 2015, my jaw aches when i chew gum",
        "epileptic since my teens, last seizure was 2016. just after something for the knots in my upper back",
        # Supposed, in a question: not had.
        "is chest pain ever just a muscle thing? only asking because i read about it, my upper back is tight",
        "how would i know if its a blood clot or a cramp? mine was a cramp at football and it eased with stretching",
        "what happens if i faint on the couch halfway through? my upper back is a mess of knots",
        # Tired muscles after a workout.
        "legs are dead after leg day, can barely walk lol, quads are screaming",
        "swam 3km in the sea n my arms were so dead i couldnt lift them over my head after",
        "tried the trampoline with my kids, had to lie on the grass gasping after 5 mins 🤣 hamstrings tight today",
        # Someone else's long-known condition, beside the person's own pain.
        "i care for my mum full time, shes 83 with dementia n gets really confused in the evenings. my lower back is wrecked",
        "carrying my dad up the stairs since his stroke has done my back in",
        # A relative's history, however they are named; a denial with "zero"; a swimming stroke; hay fever.
        "brother in law had a stroke at 49 which shook us all up. im 45, just want my hamstrings loosened off",
        "my best mate had meningitis at uni, proper scary. anyway ive got a tight neck from gaming",
        "zero chest pain, zero dizziness, not short of breath. hips are tight",
        "my front crawl stroke has fallen apart, right shoulder pinches every time my arm comes over",
        "hay fever has me sneezing non stop and my ribs ache",
        "cut the hedge all weekend, now my thumb has a crushing pain when i hold something",
        # The person's own, dated and well again since; explained by the dentist or by giving blood.
        "tripped up the kerb last summer, knee's been fine ever since, want a sports massage for my calves",
        "had covid in january with the sweats n all, over it now, but my upper back still feels tight",
        "bottom lip still numb from the dentist this morning, can i book in for my neck?",
        "partner fainted giving blood yesterday 😂 anyway my hip flexors are tight",
        "work mate got a clot after a long flight last year so im being careful, but really i just have a stiff neck",
        "one of my pupils is a bit uneven, always has been, nothing to do with why i'm here: new job, sore shoulders",
        "had an operation on my spine in my twenties, 20 years on and it's just my neck that bothers me",
        "if i was ever diagnosed with a clot, would you stop treating me? right now it's only tight calves",
        "calves sore from parkrun and out of breath on the stairs these days",
        # Plain words of a sign only beside the place they belong to.
        "my lower back is agony, never known pain like it since i lifted the wardrobe",
        "keep tripping over nothing lol, my ankle aches",
        "my eyesight goes blurry after a long day on the laptop, neck is stiff",
        # Everyday words that only look like a sign's ("chunky calves from cycling", "a dinner fork", "walking on stilts in new heels").
        "my left calf is chunky from cycling, can you do a sports massage on it?",
        "my wrist aches when i hold a dinner fork, rsi from typing i think",
        "been walking on stilts in my new heels all week, lower back aching",
        "felt woozy when i look round after the rollercoaster, neck is stiff",
        "i brought up my blood test results with the gp, all normal, tummy muscles sore from situps",
        "put my back out lifting the shopping, nothing odd going on with my bladder or bowels, just stiff",
        "my aunt fainted at the wedding on saturday, they kept her in overnight and she's fine, my feet ache from dancing",
        # Worn out, not broken; wanting to lose weight; an egg at breakfast.
        "by the end of the shift my lower back is broken from lifting patients",
        "i want to lose 5 kilos without starving myself, my knees ache on the stairs",
        "had a boiled egg for breakfast and now my head and neck feel tight",
        # What is said to be fine is not a sign.
        "no my chest is fine just my upper back feels tight",
        "no my temp is fine, stiff neck from sleeping on the sofa",
        "no my legs are fine, my lower back is a bit numb from sitting",
        # Figures of speech: "paralysed" after a class with sore muscles all over, a back "broken" by work.
        "literally paralysed after spin class, every muscle in my bum is aching",
        "my neck is literally broken from painting the ceiling all weekend",
        "i was paralyzed with fear on the zip line, now my forearms ache",
        "a number of sports injuries over the years, arm and leg mostly, now my knee aches",
        "sprinted for the train, totally puffed and gasping, had my breath back a minute later, hamstring is tight now",
    ],
)
def test_unchanged_supposed_tired_or_long_known_is_not_a_warning(u: Understanding, text: str) -> None:
    p = u.describe(text)
    assert not (p.red_flags or p.screen), (p.red_flags, p.screen)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my partner reckons I've gone a funny yellow colour", "jaundice"),
        ("my daughter told me I was slurring at dinner", "stroke_signs"),
        ("my son noticed my face drooping on one side", "stroke_signs"),
        ("my aunt died of breast cancer and I've lost a lot of weight without dieting", "weight_loss"),
        # What a relative thinks of the person's health is the person's.
        ("my shoulders ache and my sister thinks it might be a stroke coming", "stroke_signs"),
    ],
)
def test_the_persons_own_sign_beside_a_relative_still_counts(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.red_flags + p.screen, (p.red_flags, p.screen)
    assert "cancer_history" not in p.red_flags  # the aunt's cancer is family history


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("first time ive ever had back pain and im 67", True),
        ("my dad is 71 and has new back pain that started this month", True),
        ("im 35 and never had back pain before, lifted a box", False),
        ("never had back pain before this week", False),  # age unknown: asked later, not assumed
    ],
)
def test_back_pain_new_after_50_needs_the_age(u: Understanding, text: str, read: bool) -> None:
    assert ("back_new_over_50" in u.describe(text).red_flags) == read


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("started maybe 20 min ago, my arm feels weird", "days"),
        ("came on this afternoon and hurts like hell", "days"),
        ("neck and upper back stiff since 2019", "months"),
        ("stiff for 30 minutes every morning", None),  # how long the stiffness lasts, not how long it has hurt
        ("30 minutes of stretching every day", None),
        ("my back hurts today", None),  # today, not since today
    ],
)
def test_how_long_from_minutes_ago_a_year_or_a_start_today(text: str, want: str | None) -> None:
    from bot.understand.numbers import duration

    assert duration(text) == want


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("my calf is swollen since we flew back from holiday", ["calf"]),
        ("got back from the gym and my knee hurts", ["knee"]),
        ("the pain is back, in my neck", ["neck"]),
        ("call me back please", []),
        ("back to work and my back hurts", ["lower_back"]),
        ("my back to be honest is killing me", ["lower_back"]),
        ("hurt my back lifting", ["lower_back"]),
        ("got my breath back after a minute, hamstring is tight", ["thigh"]),
        # A time ago, the end of a month, the back of another part: not the back.
        ("ran a half marathon 10 days back and my knee is achy", ["knee"]),
        ("my knee has been stiff since the back end of october", ["knee"]),
        ("the back of me neck is fierce stiff", ["neck"]),
        ("my thigh feels heavy and theres a zap down the back of it", ["thigh"]),
        ("a pain in the back of my pelvis", ["hip"]),
        ("my lower back and the back of my thigh ache", ["lower_back", "thigh"]),
    ],
)
def test_back_as_in_returning_is_not_a_place(u: Understanding, text: str, regions: list[str]) -> None:
    assert u.parse(text).regions == regions


def test_quick_text_spellings_read_as_the_words_meant() -> None:
    from bot.understand.text import tokenize

    # A dropped "g" is the "-ing" word; real words ending in "in" stay; "nite" is "night".
    assert tokenize("wakin up soakin, killin me") == ["waking", "up", "soaking", ",", "killing", "me"]
    assert tokenize("begin skin within cabin") == ["begin", "skin", "within", "cabin"]
    assert tokenize("worse at nite") == ["worse", "at", "night"]
    # Text speak: "thru", "w/o", "w/"; "round my" is "around my".
    assert tokenize("sweatin thru the sheets") == ["sweating", "through", "the", "sheets"]
    assert tokenize("lost weight w/o trying, w/ a fever") == ["lost", "weight", "without", "trying", ",", "with", "a", "fever"]
    assert tokenize("numb round my bum, all year round") == ["numb", "around", "my", "bum", ",", "all", "year", "round"]
    # Whose relative it is ("my mates dad") is dropped: the relative begins the clause.
    assert tokenize("my mates dad had a stroke") == tokenize("my dad had a stroke")
    assert tokenize("my friends mum") == ["my", "mum"]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("back killin me, worse at nite", "back_night_pain"),
        ("keep wakin up soakin wet, neck sore", "night_sweats"),
        ("lying down dont help my back at all", "back_night_pain"),
        ("calf huge n red after the long drive", "dvt_signs"),
        ("since the flight my calf is sore", "dvt_risk"),
        ("whole side gone numb n my arm wont lift", "stroke_signs"),
        ("sweatin thru the sheets", "night_sweats"),
        ("lost 2 stone w/o tryin", "weight_loss"),
        ("my mates dad collapsed in the kitchen just now", "collapse_confusion"),  # their emergency, now
    ],
)
def test_warning_signs_in_quick_texts(u: Understanding, text: str, sign: str) -> None:
    p = u.parse(text)
    assert sign in p.red_flags + p.screen, (p.red_flags, p.screen)


@pytest.mark.parametrize(
    "text",
    [
        "my mates dad had a stroke, my neck is just stiff",
        "my friends mum had breast cancer, my back is sore",
        "leg massive after the gym lol",
        "my whole side of my back aches",
    ],
)
def test_quick_texts_that_only_look_like_a_sign(u: Understanding, text: str) -> None:
    p = u.parse(text)
    assert not (p.red_flags or p.screen or p.contra), (p.red_flags, p.screen, p.contra)


def test_typos_of_a_word_read_in_another_form_and_swapped_letters_are_mended(u: Understanding) -> None:
    # "numbnes" is "numbness", read as "numb" (not a nearer misspelling in the lists); "wieght" has two
    # letters swapped, which the ratio alone scores too low.
    assert u.repair("numbnes") == "numb"
    assert u.repair("wieght") == "weight"
    assert "saddle_numbness" in u.parse("numbnes round my bum").red_flags
    assert "cant_bear_weight" in u.parse("cant put wieght on my foot").red_flags
    assert "weight_loss" in u.parse("lost wieght w/o tryin").red_flags


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # "if you…" outside a question is no question about a sign.
        ("I'm not sure if you can help, my chest is tight and my left arm is numb", "chest_pain"),
        ("if you could call me back, I have lost control of my bladder", "bladder_bowel_saddle"),
        # A relative's sign of yesterday or last night may still need help today.
        ("my boy hit his head on the trampoline yesterday and keeps throwing up, my back aches from carrying him", "head_injury"),
        ("my daughter fell off the swing last night and now she's drowsy and being sick, my shoulder hurts", "collapse_confusion"),
        # "me and my wife" is one subject: the writer was in the crash too.
        ("me and my wife were in a car crash yesterday, my neck hurts", "serious_accident"),
        # An emergency now still counts when the writer asks for themselves.
        ("I'm asking for myself, my husband has chest pain right now, my back aches", "chest_pain"),
        # Emergencies typed in another language, too short to tell which.
        ("Herzinfarkt", "chest_pain"),
        ("dolor en el pecho", "chest_pain"),
    ],
)
def test_signs_that_must_still_count(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.red_flags + p.screen + p.contra, (p.red_flags, p.screen, p.contra)


@pytest.mark.parametrize(
    "text",
    ["mi madre no responde al teléfono, le duele la espalda", "escribo por mi madre, ella no puede hablar inglés", "ich habe keine Brustschmerzen, nur Rückenschmerzen"],
)
def test_everyday_words_in_another_language_are_not_an_emergency(u: Understanding, text: str) -> None:
    assert u.parse(text).screen == []


@pytest.mark.parametrize(
    "text",
    [
        "fell in the garden and can't put weight on my leg, my temp is at 38",
        "heart rate goes over 90 when i walk",
        "i cycle at 25 mph",
        "60M sprint hurt my hamstring",
        "50M backstroke killed my shoulders",
        "45m away from the gym my calf went",
    ],
)
def test_a_measurement_is_not_an_age(u: Understanding, text: str) -> None:
    assert u.parse(text).age is None


@pytest.mark.parametrize(
    ("reply", "meaning"),
    [
        ("no, only the dizziness, nothing else", "unsure"),
        ("nope, apart from that last one", "unsure"),
        ("nope none of those. is there parking near you?", "no"),
        ("no none, but where do you park", "no"),
        ("she has not", "no"),
        ("he does not", "no"),
    ],
)
def test_replies_that_keep_something_back_or_deny_in_full(u: Understanding, reply: str, meaning: str) -> None:
    assert u.read(reply).hedge == meaning


@pytest.mark.parametrize("text", ["my lower back hurts. when I bend over it gets worse", "my back aches. any time I sit it gets worse"])
def test_a_statement_after_the_first_sentence_is_not_a_question(u: Understanding, text: str) -> None:
    p = u.parse(text)
    assert not p.question and not p.asks_else


def test_someone_elses_onset_duration_and_places_are_not_the_persons(u: Understanding) -> None:
    p = u.describe("my son twisted his knee at football last week, my shoulder has been stiff for months")
    assert (p.onset, p.duration, p.pain_types) == (None, "months", ["stiffness"]), (p.onset, p.duration, p.pain_types)
    assert p.regions == ["shoulder"] and p.their_regions == ["knee"] and p.for_whom == "self", (p.regions, p.their_regions)
    p = u.describe("my husband has had a fever since yesterday, my neck is stiff")
    assert p.duration is None and p.regions == ["neck"] and "fever_unwell" in p.others_signs, (p.duration, p.regions, p.others_signs)
    assert "tummy_pregnant" not in u.describe("im 20 weeks pregnant and my lower back aches").red_flags


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # "Fine" that does not last: a later clause about them says something is so now.
        ("my son hit his head this morning, he seems ok but keeps being sick, my back hurts", "head_injury"),
        ("my husband collapsed, he's not ok, my back is killing me from lifting him", "collapse_confusion"),
        # Written for the other person: their own emergency, even gone, still needs a doctor.
        ("my dad collapsed this morning, he's ok now", "collapse_confusion"),
        ("what if i have chest pain right now?", "chest_pain"),
        ("is chest pain ever serious? i have it now", "chest_pain"),
        ("after deadlifts i cant feel my legs and they keep giving way", "both_legs_weak"),
        ("my shoulder gave way in the gym and now i cant lift my arm at all", "shoulder_weak"),
        ("suddenly couldnt breathe at the gym", "sudden_breathless"),
        ("asking for my mum, she is confused and slurring", "collapse_confusion"),
        ("crushing pain in my chest since i cut the hedge", "chest_pain"),
        ("mum had a stroke this morning", "stroke_signs"),
        # Well again, but a sign is there now; or history that still counts; or an emergency gone by.
        ("had a temperature last week, im fine now but still get night sweats and shivers", "night_sweats"),
        ("had bowel cancer 5 years ago, all clear, but now my lower back hurts", "cancer_history"),
        ("had crushing chest pain last week, fine now", "chest_pain"),
        # "has had" is so far and still, not history.
        ("hubby has had a sharp pain in his chest since yesterday, my neck is stiff", "chest_pain"),
        ("straining on the leg press and a headache went off like a bomb at the back of my skull, 10/10, still the worst i've ever had", "worst_headache"),
        # Unchanged for years, but the sentence says it is worse now: news.
        ("had a stroke years ago, my left hand hasnt changed in years but now its suddenly gone weak", "stroke_signs"),
        ("my boyfriend just passed out on the bathroom floor, hes awake now but pale. we were meant to see you tomorrow for my neck", "collapse_confusion"),
        ("my 15 yr old son has sudden agony in his tummy n been sick", "tummy_severe"),
        # "Fine", "ok", "better" that do not say someone is well now.
        ("my son hit his head and is being sick, is he ok? my neck hurts", "head_injury"),
        ("my back hurts from lifting my dad, he collapsed and isn't breathing, ok what do I do", "collapse_confusion"),
        ("my dad has crushing chest pain, otherwise he's fine", "chest_pain"),
        ("my husband has crushing chest pain right now and feels better when he sits", "chest_pain"),
        ("my son's got a high temp and a stiff neck, was fine yesterday", "fever_stiff_neck_rash"),
        ("my wife is slurring her words and her face has dropped, other than that she's fine", "stroke_signs"),
        # Someone else's emergency beside the person's own pain.
        ("my wife is slurring her words, my back hurts", "stroke_signs"),
        ("my dad is clutching his chest, my back hurts", "chest_pain"),
        # "Hasn't changed" said of something else; a question followed by "I've got it".
        ("my back hasn't changed but I've lost control of my bladder", "bladder_bowel_saddle"),
        ("the weather hasn't changed, my face is drooping", "stroke_signs"),
        ("is crushing chest pain ever muscular? I've got it and my arm is numb", "chest_pain"),
        ("what if I've lost control of my bowels with my back pain, is that bad?", "bladder_bowel_saddle"),
        ("I'm someone who has crushing chest pain all the time", "chest_pain"),
        # A habit or "since his…" that is happening today.
        ("my dad gets chest pain when he walks and it's crushing right now", "chest_pain"),
        ("since her headache came on suddenly an hour ago she's been vomiting", "worst_headache"),
        # Not animals; not tiredness; an emoji inside a phrase.
        ("Cat collapsed at work and isn't breathing, my back hurts", "collapse_confusion"),
        ("my boxer shorts are soaked with sweat every night", "night_sweats"),
        ("lab tests show my cancer is back", "cancer_history"),
        ("chest 💔 pain going down my left arm", "chest_pain"),
        ("went weak in both legs at football, can barely walk, lower back pain", "both_legs_weak"),
        ("got breathless at pilates and my calf has been swollen since my flight", "sudden_breathless"),
        ("I think my stroke has come back, can't lift my arm", "stroke_signs"),
        # Said to be fine by someone else, of a thing, or "turned out to be" something serious.
        ("my husband is sweating with crushing chest pain, says he feels ok", "chest_pain"),
        ("my son fell off the trampoline, the trampoline is fine lol, he can't move his neck", "serious_accident"),
        ("my dad seems fine apart from slurring his words", "stroke_signs"),
        ("my dad collapsed this morning, turned out to be a heart attack, he won't go to hospital", "collapse_confusion"),
        # Not breathing; a dog walker is a person; a hoarse voice.
        ("my dad is not breathing", "collapse_confusion"),
        ("my dog walker collapsed and isn't breathing", "collapse_confusion"),
        ("horse voice and coughing up blood", "coughing_blood"),
        # Pregnancy with a symptom is a sign, with or without a place.
        ("28 weeks pregnant and bleeding", "tummy_pregnant"),
        ("I'm pregnant and my waters have broken", "tummy_pregnant"),
        ("32 weeks pregnant, baby hasn't moved since yesterday", "tummy_severe"),
        ("I'm 28 weeks pregnant and I've started bleeding, my back aches", "tummy_pregnant"),
        # Someone else's emergency counts wherever the person's own pain is.
        ("my dads leg looks bent after his fall, my back hurts", "injury_deformity"),
        # Someone else said to be fine is not the one with the sign.
        ("my boy is really drowsy and confused, my wife is fine, my back aches", "collapse_confusion"),
        ("my daughter hit her head and keeps being sick, her brother is ok. my shoulder hurts from carrying her", "head_injury"),
        # Years ago, then new.
        ("my dad had a stroke in 2019 and can't speak since yesterday, my neck hurts", "stroke_signs"),
        ("my mum had a stroke 2 years ago, slurring her words tonight, my back hurts", "stroke_signs"),
        # Supposed, but now.
        ("what happens if i faint on the couch right now?", "collapse_confusion"),
        ("my chest feels heavy when I walk up the hill", "chest_pain"),
        ("my eyelid droops, always has, but since this morning my whole face is drooping", "stroke_signs"),
        # An arm that cannot be lifted at all, or with a face that has dropped, is still a stroke sign.
        ("i cant lift my arm at all since this morning", "stroke_signs"),
        ("cant lift my arm above my head and my face has dropped", "stroke_signs"),
        # Signs in plain, indirect words.
        ("my little boy's lips look a bit blue and he's sucking in under his ribs", "sudden_breathless"),
        ("like someone cracked an egg on the back of my skull, never known pain like it", "worst_headache"),
        ("when i wipe i cant feel anything down there, my lower back is killing me", "saddle_numbness"),
        ("type 2 diabetic, trod on a drawing pin with my heel and never felt it", "diabetic_foot"),
        ("my left calf is fatter than the other one and warm", "dvt_signs"),
        ("mum threw up and there was blood in the sink, her stomach hurts", "tummy_blood_vomit"),
        # Breathlessness on the stairs beside a hot swollen calf counts, gradual or not.
        ("my calf has been hot and swollen for 3 days and now I get short of breath on the stairs", "leg_pain_breathless"),
    ],
)
def test_new_readings_never_drop_a_sign_said_now(u: Understanding, text: str, sign: str) -> None:
    # The rules for what is over, someone else's, unchanged, supposed or tired never drop a sign said now.
    p = u.describe(text)
    assert sign in p.red_flags + p.screen, (p.red_flags, p.screen, p.others_signs)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my dad's calf is hot and swollen after his long flight, my back aches", "dvt_signs"),
        ("my husband is coughing up blood, my neck is stiff", "coughing_blood"),
        ("my wife is pregnant and bleeding, my back aches", "tummy_pregnant"),
    ],
)
def test_someone_elses_same_day_sign_of_a_place_gets_a_word_for_them(u: Understanding, text: str, sign: str) -> None:
    p = u.describe(text)
    assert sign in p.others_signs and sign not in p.red_flags, (p.red_flags, p.others_signs)


def test_a_circumstance_alone_is_not_a_sign_but_counts_beside_a_pain(u: Understanding) -> None:
    assert "tummy_pregnant" not in u.describe("im 20 weeks pregnant, can i have a massage?").red_flags
    assert "dvt_risk" not in u.describe("flight to spain next week, can i book before?").red_flags
    p = u.describe("i might be pregnant and theres a stabbing pain low down on my right side since yesterday")
    assert "tummy_pregnant" in p.red_flags, p.red_flags


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my dad had a heart attack 10 years ago and has crushing chest pain down his left arm, i have a sore back", "emergency"),
        ("my dad had a heart attack last year, he's got crushing chest pain, my back aches", "emergency"),
        ("my wife had a stroke 4 years ago, she's slurring and cant lift her arm, my back hurts", "emergency"),
        ("my mum had a stroke 3 years ago, slurring her words since lunch, my back hurts", "emergency"),
        ("my nan had a stroke 2 years ago, all of a sudden she cant speak properly, my back aches", "emergency"),
        ("my husband had a clot on his lung 2 years ago, hes really short of breath atm and coughing blood, my shoulders are killing me", "emergency"),
        ("my brother had a seizure last year, he's fitting and wont wake up, my back hurts", "emergency"),
        ("my son had meningitis 3 years ago, he has a rash that doesnt fade and a stiff neck, my back hurts", "emergency"),
        ("my dad had a stroke 3 years ago, my mum is slurring her words and her face has dropped, my back hurts", "emergency"),
        ("my son broke his arm last year, my daughter hit her head and keeps being sick, my back hurts", "emergency"),
        ("my dad had a heart attack 10 years ago and cant breathe properly, my back hurts", "emergency"),
        ("my husband came home from work, his face has dropped on one side and hes slurring, i rang 999, my daughter is ok, my back is tight", "emergency"),
        ("my mum was out walking, she has crushing chest pain and is grey, i drove over, dad's fine, my neck hurts", "emergency"),
        ("grandad's been weird all day, he's slurring and his arm is floppy, i'm with him now, nan's fine, my shoulders ache", "emergency"),
        ("my dad fell down the stairs, hes talking rubbish and confused, i sat with him, mum is fine, my back hurts", "emergency"),
        ("my son fell off the trampoline, he's drowsy and been sick twice, i carried him in, his sister is fine, my back hurts", "emergency"),
        ("numb between my legs and cant wee properly, back pain same as usual though", "emergency"),
        ("crushing chest pain going down my left arm, neck no different to normal", "emergency"),
        ("cant get my words out and my face feels numb, shoulders same as always", "emergency"),
        ("chest pain when i run, hasnt changed in years, today it came on at rest and wont go", "emergency"),
        ("my speech has always been a bit slurred, always has, its much worse tonight", "emergency"),
        ("my dad's face drooped this morning, turned out to be a stroke, my back hurts from lifting him", "emergency"),
        ("my son has a high temp and rash, turned out to be meningitis, my back is sore from carrying him", "emergency"),
        ("shoulders tight from work, no biggie, but i fainted at my desk this morning lol", "emergency"),
        ("tight shoulders from the gym, no big deal, i passed out after the session", "emergency"),
        ("lower back tight from deadlifts, after the session i lost control of my bowels lol", "emergency"),
        ("upper back tight from the long shift, 37 weeks pregnant and bleeding a bit, no biggie", "urgent"),
        ("lower back tight from gardening no worries, had a hip op 2 weeks ago", "doctor_first"),
        ("had a dvt years ago, calf swollen hot and im short of breath, 10 years later", "emergency"),
        ("had my spine fused in 2005, cant feel my legs and wet myself, 20 years on, lower back pain", "emergency"),
        ("what if i have chest pain for now 2 hours, should i still come in?", "emergency"),
        ("my shoulder hurts from lifting her, numb from her waist down and cant wee since this morning", "emergency"),
        ("chest heaviest its ever been, cant catch my breath", "emergency"),
        ("no headache nothing odd with my eyes my speech is slurred", "emergency"),
        ("no problem with the bladder my groin is numb", "emergency"),
        ("no pain in my tummy my legs keep giving way", "emergency"),
        ("nothing weird going on with my breathing my chest feels really tight", "emergency"),
        ("fell off a ladder helping my dad, back is agony and my legs are numb, he's ok", "emergency"),
        ("car crash yesterday with my husband, i've got pins and needles in both arms, he's ok", "urgent"),
        ("what if my chest hurts? it does for now", "emergency"),
        ("how would i know if its a clot? for now my calf is hot and swollen", "urgent"),
        ("chest is heavyish", "emergency"),
        ("my chest is heaving and it hurts", "emergency"),
        ("heaving chest with pain in my left arm", "emergency"),
    ],
)
def test_a_sign_now_beside_old_events_someone_else_said_fine_or_an_ordinary_ache_keeps_its_level(u: Understanding, text: str, level: str) -> None:
    # A review of the rules for what is over, someone else's or unchanged: each of these was once dropped or delayed.
    assert implied_level(u.content, u.describe(text)) == level


@pytest.mark.parametrize(
    ("text", "hedge", "clears"),
    [
        # A yes with "hang on" is a yes; a no with it is not an answer yet.
        ("yes hang on, it started on monday", "yes", False),
        ("a little, hang on", "yes", False),
        ("no, hang on, let me look in the mirror", None, False),
        # A no with something odd after it is not a plain no.
        ("no, my arm feels funny", "unsure", False),
        ("nothing wrong with my bladder my bum feels numb", "unsure", False),
        # Plain noes, however they are put, clear a list.
        ("no none of those thank u", "no", True),
        ("nope never had any of those", "no", True),
        ("nah im grand", "no", True),
        ("no, nothing out of the ordinary", "no", True),
        ("no nothing odd", "no", True),
        ("no not numb at all", "no", True),
        ("no pins and needles", "no", True),
        ("no, not at the moment", "no", True),
        ("nah none of them right now", "no", True),
        ("no, all fine here", "no", True),
        ("nope, fit as a fiddle", "no", True),
        ("no, none, touch wood", "no", True),
        # A sign said after the no, in words the lists know or not.
        ("no, my chest is heaving and it hurts", "yes", False),
        ("no, the same numbness as yesterday", "unsure", False),
        ("no. well my legs keep folding under me", "unsure", False),
        ("no just chest pain when i climb stairs", "yes", False),  # the no answers the list, "just" says what is there
        ("no just my lower back", "no", True),
        # A "no" before "my"/"i" answers the question (a comma left out): what follows is said, not denied.
        ("no my chest is heavy", "yes", False),
        ("no my chest is heavvy", "yes", False),
        ("no my legs are fine", "no", True),
        ("no i feel fine", "no", True),
        # A description clears a list only when all it says is where and how it hurts, or words no sign uses.
        ("no, i've not peed since yesterday", "no", False),
        ("no, i feel drunk but i haven't had a drink", "no", False),
        ("no, had a lump removed from my breast last year though", "no", False),
        ("no, i broke my back last week", "yes", False),
        ("nah just a cold, temp 39", "yes", False),  # a temperature said as a number is the fever sign, whatever the "nah"
        ("no just my lower back aching since monday after lifting", "no", True),
        ("no emergency stuff, just sore hamstrings after football", "no", True),
        ("nah none of that, just a stiff neck from a rubbish hotel pillow", "no", True),
        ("nope my back aches but nothing else", "no", True),
        # A sign beside the description, however it is put (a review's replies that once cleared a list).
        ("no just my shoulder but i dont like this pressure in my chest", "no", False),
        ("no just my shoulder, heartburn and pain going down my left arm", "no", False),
        ("no just my back, breathing not great", "no", False),
        ("no just my back but i don't have any feeling when i go to the loo", "no", False),
        ("no just my neck but i don't remember the last hour", "no", False),
        # A sign the lists do not read, beside an aside, an illness, a denied sign or "fine": a number, a weight.
        ("no fever, 8kg down", "no", False),
        ("no fine, scales say 8kg less than in march", "no", False),
        ("no just my back, 39.5", "no", False),
        ("no fever, sitting on the loo feels like sitting on a cushion", "no", False),
        # Plain noes that still clear it.
        ("no, just my lower back, 4/10", "no", True),
        ("no none of those, the pain is a dull ache", "no", True),
        ("no. can i book for next tuesday?", "no", True),
        ("no, just a cold", "no", True),
        ("no. do i need to undress? i've had a catheter put in this week", "no", False),
        # Words no list knows: the second reader finds a sign likely enough to ask again.
        ("no just my back from the fall last week", "yes", False),
        ("no just my hip since i had it done 3 weeks ago", "no", False),
        ("no just my back since my epidural 2 weeks ago", "no", False),
        # "my chest is fine": the chest is not the matter, with or without a no before it.
        ("no my chest is fine, upper back tight from desk work", "no", True),
        ("no my temperature is normal, neck stiff", "no", True),
    ],
)
def test_a_no_clears_a_list_only_when_nothing_beside_it_keeps_a_sign_back(u: Understanding, text: str, hedge: str | None, clears: bool) -> None:
    r = u.read(text)
    assert (r.hedge, r.clears_list) == (hedge, clears)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "On and off" says how it comes and goes, not for how long: with "all day" or "all week", it is today
        # or this week at most, never months.
        ("my back has been aching on and off all day", (None, "days")),
        ("on and off all week, my neck is stiff", (None, "days")),
        ("my knee has been sore on and off this week", ("days",)),
        ("my shoulder has hurt all day today", ("days",)),
        ("my hips ache on and off", (None,)),
        # With a time of its own, that time.
        ("headaches on and off for years, usually at the temples", ("months",)),
        ("im 55 and have had back ache on and off for 20 years", ("months",)),
        ("back pain on and off since i was 20, im 45 now", ("months",)),
        ("I'm 55 and my back has niggled on and off since my twenties", ("months",)),
        ("little finger goes tingly on and off, been a few weeks", ("weeks",)),
        ("knee swelled up over 2 days, and im shivery on and off", ("days",)),
    ],
)
def test_on_and_off_is_how_it_comes_not_how_long(u: Understanding, text: str, want: tuple[str | None, ...]) -> None:
    assert u.parse(text).duration in want


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        # Someone else's fall or fracture, or one long ago, is not the person's surgery or fracture of the last 6 weeks.
        ("lower back pain since my mum had a fall last year, lifting her", False),
        ("my dad broke his hip last year, my knee hurts", False),
        ("helping dad since he broke his hip last year, back aches", False),
        ("my husband broke his leg last month, my back is sore from helping him", False),
        ("I had a fall last year, my back hurts", False),
        ("had surgery on my shoulder 6 months ago, still stiff", False),
        ("had surgery on my shoulder, about 6 months ago now, still stiff", False),
        ("i had an operation in 2019, my back aches", False),
        # The person's own, in the last 6 weeks (or a month ago: maybe within them) still counts.
        ("I broke my wrist last month", True),
        ("had my knee replaced 3 weeks ago, my calf aches", True),
        ("had an operation last week, my back aches", True),
        ("fell over at the weekend, hip is sore", True),
        ("broke two ribs falling off a ladder 3 weeks ago, upper back is tight", True),
    ],
)
def test_a_recent_surgery_or_fracture_is_the_persons_own_and_recent(u: Understanding, text: str, recent: bool) -> None:
    p = u.parse(text)
    assert ("recent_surgery_injury" in p.contra) == recent
    assert bool({"surgery_recent", "fracture_recent"} & set(p.history)) == (recent and "fell" not in text)
    assert p.for_whom == "self"
    if "his" in text or "mum" in text:
        assert not {"fracture", "surgery", "fracture_recent", "surgery_recent"} & set(p.history), "their history, not the person's"


@pytest.mark.parametrize(
    ("text", "pregnant", "weeks"),
    [
        ("I'm 38 weeks pregnant and my lower back aches", True, 38),
        ("I'm pregnant, 38 weeks, my back aches", True, 38),
        ("im pregnant again, back aches", True, None),
        ("I'm 38 weeks along and my back is killing me", True, 38),
        ("38 weeks preggo and my hips ache", True, 38),
        # A pregnancy over is not one now (nor the contraindication).
        ("since I was pregnant with my son 5 years ago my back hurts", False, None),
        ("when I was pregnant I had sciatica, now my back aches again", False, None),
    ],
)
def test_a_pregnancy_now_is_kept_with_its_weeks_and_one_over_is_not(u: Understanding, text: str, pregnant: bool, weeks: int | None) -> None:
    p = u.parse(text)
    assert ("pregnancy" in p.history, "pregnancy" in p.contra, p.pregnancy_weeks) == (pregnant, pregnant, weeks)
    assert p.duration is None, "the weeks of a pregnancy are not how long it hurts"


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("my lower back aches, can I book for saturday?", None),  # when they would like to come
        ("my back aches, any slots on saturday?", None),
        ("my neck is stiff, any availability this weekend?", None),
        ("back aches since saturday", "days"),
        ("I was pain free until saturday, now my back is locked", "days"),
        ("my neck has hurt since I came to see you on saturday", "days"),
        ("hurt my back on saturday, can I come in", "days"),
        ("can i come on monday? my back is sore", None),
        ("it come on last saturday, my back hurts", "days"),
        ("can you fit me in on friday? my neck is stiff", None),
        ("are you open on saturday, my neck has been stiff since monday", "days"),
    ],
)
def test_a_day_wished_for_is_not_how_long_it_hurts(u: Understanding, text: str, duration: str | None) -> None:
    assert u.parse(text).duration == duration


def test_falling_pregnant_is_a_pregnancy_not_a_fall(u: Understanding, monkeypatch: pytest.MonkeyPatch) -> None:
    _on_2_december(monkeypatch)
    assert "pregnancy" in u.parse("I'm pregnant, due in january, and my back aches").contra  # a month to come is not gone by
    p = u.parse("I fell pregnant in june, my hips ache")
    assert "pregnancy" in p.contra and p.onset is None
    assert u.parse("I fell, my hips ache").onset == "sudden"


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("chest pain? nope. just a knotty rhomboid", True),
        ("red, warm calf? no. swollen? no. just aches after football", True),
        ("chest pain? no, only when I walk up hills", False),  # what follows the no is said
        ("chest pain? nope. only when I climb the stairs, then it goes to my jaw", False),
        ("chest pain? no. Well, a tight band across it when I walk", False),
        ("any chest pain? yes since this morning", False),
    ],
)
def test_a_sign_asked_and_answered_no_by_the_writer(u: Understanding, text: str, denied: bool) -> None:
    p = u.parse(text)
    assert (not (p.red_flags or p.screen)) == denied, (p.red_flags, p.screen)


@pytest.mark.parametrize(
    ("text", "recent"),
    [
        ("had a tumble skiing in feb, x-ray was clear, calves tight from hill walking", False),
        ("slipped on ice back in january and landed on my bum, hamstrings tight", False),
        ("broke my wrist in november, it's in a cast, my shoulder aches", True),  # the latest it can have been: weeks ago
    ],
)
def test_an_injury_dated_by_its_month(u: Understanding, text: str, recent: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    _on_2_december(monkeypatch)
    assert ("recent_surgery_injury" in u.parse(text).contra) == recent


def test_a_start_dated_by_the_day_of_the_month_answers_how_long(chat: Chat) -> None:
    with numbers.pinned_date(datetime.date(2026, 12, 3)):
        chat.start().say("my left knee has ached since the 20th, dull ache")
        assert chat.conv.answers.get("duration") == "weeks", chat.conv.answers
        while chat.state in ("onset", "severity"):
            chat.press(chat.buttons[0].label)
        assert chat.state != "duration", "how long it has hurt was told: it is not asked"


@pytest.mark.parametrize(
    ("text", "how_long"),
    [
        ("my neck and shoulders have been tight since i started at a call centre in october", "weeks"),
        ("my sons heels hurt after every game, going on since the season started in august", "months"),
        ("copped a cork to the thigh at footy back in june, its still tight", "months"),
        ("slipped on wet leaves on halloween and my hip is still sore", "weeks"),
        ("my mams hip has got worse bit by bit since last winter", "months"),  # said in December: the winter before
        ("been doing it 6 yrs but its only got bad these last 2 months", "weeks"),
        ("15 yrs in the trade, my thumb has ached for a few days", "days"),
        ("after a day painting ceilings my shoulder blade burns, been like that a week and a half", "weeks"),
        ("my wrist just started throbbing one day and its been at it for a fortnight", "weeks"),
        ("couple months of my calves aching by end of service", "weeks"),
        ("wrist and thumb stiff since the start of the week", "days"),
        ("can i come in january, my knee is still sore", None),  # a plan, not when it began
        ("twisted my ankle yesterday, can i book in january? its still sore", "days"),
        ("since youre closed at christmas can i come in january", None),  # "since" as "because"
        ("still sore after 10 days", "weeks"),
        ("its only been one day", "days"),
        ("sore for a week but i played football 2 days ago", "weeks"),
        # A day of the month: this month's when it has come (3 December), else last month's.
        ("my knee has been sore since the 20th", "weeks"),
        ("fell off my bike on the 29th and my hip has ached ever since", "days"),
        ("shoulder stiff since the 2nd", "days"),
        ("lower back tight since the 25th of november", "weeks"),
        ("my neck has ached since the first of december", "days"),
        ("can i come in on the 12th? my knee is sore", None),  # a booking, not when it began
        ("my calf has ached since the start of the year", "months"),
        ("dull ache in my neck since paddys day", "months"),
        # Hours are how long something lasted; a longer time or a date said beside them is how long it has hurt.
        ("my back aches after sitting more than an hour, about 5 weeks now", "weeks"),
        ("stiff for about an hour each morning, maybe 2 months", "weeks"),
        ("my jaw has ached since the dentist kept me open for 2 hours back in may", "months"),
        ("sore after 3 hours of gardening", None),  # how long the gardening took, not the pain
        # Numbers in words past twelve; most of a month; named days of other places; a start dated back then.
        ("my heel has been sore fifteen days now", "weeks"),
        ("my wrist has been stiff most of november", "weeks"),
        ("my back has not been right since hogmanay", "months"),
        ("knee sore since the melbourne cup", "weeks"),
        ("started a new job back in june and my neck has been stiff since.", "months"),
        ("hurt my back yday lifting a box", "days"),
        ("my neck locked this arvo", "days"),
        # Public holidays named, dated by the holidays library; days that are no holiday, from the table.
        ("upper back stiff since mashujaa day", "weeks"),
        ("my knee has ached since waitangi day", "months"),
        ("sore since victoria day", "months"),
        ("shoulder ache since eid", "months"),
        ("aching since bonifacio day", "days"),
        ("my wrist has hurt since pancake day", "months"),
        ("jaw tight since about when the clocks went forward", "months"),
        ("put my back out 3 days ago", "days"),  # the pain's own start, not an operation ("had my appendix out")
        ("put me back out hoovering this morning, are ye open saturday?", "days"),
        ("been a cobbler for 25 years, now the last 6 weeks my thumb aches", "weeks"),  # the job's years, not the pain's
        ("my back has been a bit tender for 3 weeks", "weeks"),
        ("its been a right bugger for a couple of months", "weeks"),
        ("ball of my foot burns, since hari raya", "months"),
        ("since sallah my shoulder dey give me dull pain", "months"),
        ("knee stiff first thing since the back end of october", "weeks"),
        ("been like this since aboot the middle o november", "weeks"),
        ("grabbed the cat on the 26th and my neck went, still stiff", "weeks"),
        ("with less than a days notice will i get charged? my wrist is stiff since the 20th of november", "weeks"),
        # The day told apart from the pain ("that was the 28th"), said other ways, or leading a task.
        ("felt a twang in my back at the party, sore since. that was the 28th", "days"),
        ("my ankle went at the match and its ached ever since. the match was the 17th of october", "weeks"),
        ("my appointment was the 2nd and it wasnt much help, neck still stiff", None),  # no "since": not the pain's start
        ("stiff since the 3rd o november or thereabouts", "weeks"),
        ("my hip hurts from bout di 20th", "weeks"),
        ("strung the lights along the gutters on the 1st, now my shoulder throbs", "days"),
        ("my neck gets tighter every week from bout october", "weeks"),
        ("my hip is worse every month. started maybe april", "months"),
        ("my shoulder has been worse every week since round august", "months"),
        ("my hip has been stiff since about mandela day", "months"),
        ("lower back stiff since dia de muertos", "weeks"),
        # Not the pain's time: a practice's hours, a long day's hours, a job's days so far, a job's years.
        ("i practise 2 hrs every evening and my shoulder aches after", None),
        ("she plays violin hours a day and her neck is tight", None),
        ("10 hr days on this shoot, lower back stiff, 8 days in", None),
        ("sore back, 10 days in", "weeks"),
        ("is there any slots from the 10th? my back is sore", None),
        ("the party was on the 1st, now im looking for a massage for my sister", None),
        ("been a watchmaker 25 years, my fingers ache now, 6 weeks or so", "weeks"),
        # A date written the short way (the day first; a day that cannot be a month the US way), minutes back, a season's day.
        ("lower back's been stiff since 27/11", "days"),
        ("my left hip gets achier every week, since around 22/10", "weeks"),
        ("hamstrings tight since 11/27", "days"),
        ("stiff since 3/8/26", "months"),
        ("knees stiff since 1 dec", "days"),
        ("his ankle has been aching since 28 nov", "days"),
        ("bout half hour ago my arm went weak", "days"),
        ("like 20 mins back i cant get my breath", "days"),
        ("wrenched my wrist earlier today", "days"),
        ("knees have been stiffening up slowly since lent", "months"),
        ("achy getting out of the car since the tax year started", "months"),
        ("back sore since i lent my brother my ladder", None),
        ("random pain in my upper back, no idea where it came from, 5/10", None),  # a score, not the 5th of October
        # Years of a routine that never hurt, a job's years, minutes "now", "10ish".
        ("same round for 12 years and never had a twinge, hip sore 5 days", "days"),
        ("18 yrs driving buses an never a bother till now, back stiff since last night", "days"),
        ("31 yrs a joiner, now my wrist aches", None),
        ("lower back ache for 3 years and never had a day without it", "months"),
        ("my throat is swelling, 10 minutes now", "days"),
        ("i can only walk 15 minutes now before my calf cramps", None),
        ("thumb sore 10ish days", "weeks"),
    ],
)
def test_how_long_from_a_dated_start_and_the_pains_own_time(u: Understanding, text: str, how_long: str | None) -> None:
    with numbers.pinned_date(datetime.date(2026, 12, 3)):
        assert u.describe(text).duration == how_long


def _on_2_december(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is 2 December 2026, for a month said without a year."""
    import datetime

    class December(datetime.date):
        @classmethod
        def today(cls) -> December:
            return cls(2026, 12, 2)

    monkeypatch.setattr("bot.understand.numbers.date", December)
