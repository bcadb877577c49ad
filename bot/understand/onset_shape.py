"""How it started, read from the shape of what is said where answers.yaml's onset words cannot list
every task or way of saying it grew (the layer in onsets.py reads the rest by meaning)."""

from __future__ import annotations

import re

from .numbers import NUMBER_WORDS

# Time spent on a task ("spent 2 days straight kneeling", "after a long day hanging wallpaper", "after a
# 3 hour salsa workshop"), a task done so often ("dancing 4 hours a day", "4 practices a week", "sitting
# 11-12 hrs daily") and what it comes from ("from roofing", "from all the coughing") are overuse; a pain
# growing by steps ("achier and achier", "a little stiffer each week") is gradual.
# Then and now: "before i could sit the whole ride, now i have to stand", "used to walk right round, now im turning back".
_THEN_NOW = re.compile(
    r"\b(?:used to (?!be\b)|used to be (?:just|only|mainly|mostly)\b|(?:at )?first (?:it was|it were) (?:just|only)\b|"
    r"(?:no be|wasnt|wasn't) like this|aint what (?:they|it) (?:were|was)|before,? (?:i|it) (?:could|was))\b"
    r"(?:(?!\b(?:come|book|booking|massage|massages|afford|chiropractor|physio|see|seeing)\b)[^?]){0,160}?\bnow\b(?! *[.,!?])(?! *$)"
    r"|\b(?:i|he|she) could\b[^?]{0,160}?\bnow,? (?:(?:i|im|he|hes|she|shes) )?(?:cant|cannot|have to|has to|only|struggle|struggles|lucky)\b"
    r"|\bused to (?:just |only )?(?!be\b)[a-z]+[^?]{0,80}?\b(?:lately|these days|the last (?:few|couple of) (?:weeks|months))\b"
    r"|\b(?:at )?first (?:it was|it were) (?:just|only)\b[^?]{0,120}?"
    r"\b(?:lately|these days|these (?:last|past)|the (?:last|past) (?:few|couple of|\d+|two|three|four) (?:weeks|months))\b"
    r"|\bstarted (?:with|wi|wiv|off with|as|off as) (?:a |an |some |just |me |my )?(?:numb|tingl|stiff|ache|achy|ach|twinge|niggle|mild|slight|little|small|bit)[^.?!]{0,80}\bnow\b"
)  # not "used to get massages but now i cant afford it", "used to see sarah, is she there now?"; "started wi numb fingertips back in october, now me whole hand's numb"
# What helps or what makes it worse ("eases after walking about", "worse after a shift"): neither says how it started.
EASED = frozenset("eases eased easier better improves settles helps loosens loosen loosened".split())
WORSE = frozenset({"worse", "worst"})
_EASED_OR_WORSE = EASED | WORSE | {"bad"}
_SPENT = frozenset({"spent", "spend", "spending", "after"})
_SPAN = frozenset(
    "day days afternoon afternoons morning mornings evening evenings night nights weekend weekends week weeks hour hours hr hrs shift shifts "
    "yesterday today monday tuesday wednesday thursday friday saturday sunday".split()
)
_SPAN_FILLER = frozenset("a an the all whole full long entire straight solid of on at".split())
_COUNTED = frozenset(
    "hours hour hrs hr times nights evenings mornings days sessions session practices shifts classes lessons games matches gigs rounds laps walks runs rides swims".split()
)
_HOURS = frozenset({"hours", "hrs", "hour", "hr"})
_BIG = frozenset({"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens"})
# Counted "a day" but not a task: the pain's own bouts, a medicine ("2 migraines a week", "4 paracetamol a day").
_NOT_COUNTED = frozenset(
    "headaches migraines episodes attacks flares spasms cramps twinges tablets pills painkillers paracetamols exercises stretches miles kms times days weeks months years "
    "hours mins minutes seconds nights mornings evenings units drinks cigarettes cigs".split()
)
_ONE_THING = frozenset({"him", "her", "them", "it", "me", "us", "a", "an", "one"})
_PER = frozenset({"a", "per", "every", "each"})
_PER_UNIT = frozenset({"day", "week", "night", "shift", "fortnight", "month"})
# A count of the pain or of a medicine, not of a task: "it wakes me 3 times a night", "ibuprofen 3 times a day".
_NOT_A_TASK = frozenset(
    "hurt hurts hurting ache aches aching pain pains painful get gets getting take takes taking tablets pills tablet "
    "painkillers paracetamol ibuprofen happens happening comes flares wakes wake woke up it".split()
)
_NOT_A_TASK_ING = frozenset("morning evening nothing something anything everything ceiling sleeping lying waking feeling during king ring".split())
_BIT_BY_BIT = re.compile(r"\bbit (?:by bit|at a time)\b")  # the reading drops "bit", so the words cannot list it
_STEP = frozenset({"each", "every"})
_STEP_UNIT = frozenset({"day", "week", "month", "year", "morning", "night", "fortnight", "evening"})
_SOME_UNITS = frozenset({"days", "weeks", "months", "fortnights"})  # "a little further every few weeks"


def _step_unit(tokens: list[str], i: int) -> bool:
    """ "each week", "every fortnight", "every few weeks", "every couple of months" after "each"/"every" at ``i``."""
    after = tokens[i + 1 : i + 4]
    return bool(after) and (after[0] in _STEP_UNIT or (after[0] in {"few", "couple"} and not _SOME_UNITS.isdisjoint(after[1:])))


_WHEN = frozenset({"when", "whenever"})
# A climb or a run that brings on breath or chest symptoms is effort, not a sport that wore it: "chest gets tight when i climb the stairs".
_EXERTION = frozenset({"stairs", "stair", "steps", "hill", "hills", "bus", "train", "incline", "slope"})
_WHO = frozenset({"i", "he", "she", "they", "we", "you"})
_IF_WHEN = _WHEN | {"if"}
# Coughing with a cold or the flu is the illness, not a task overdone ("achy all over with a stinking cold, shoulders
# in knots from coughing"); "asthmatic so i cough loads ... from all the coughing" still wears it.
_ILL_DOING = frozenset({"coughing", "sneezing", "vomiting", "retching"})
_ILL = frozenset("cold flu fever feverish covid virus bug infection chesty temperature".split())
_SPORT = frozenset(
    "run runs ride rides cycle cycles train trains swim swims row rows climb climbs skate skates jog jogs sprint sprints serve serves "
    "bowl bowls pitch pitches paddle paddles dance dances".split()
)
_SESSION = frozenset(
    "season class classes session sessions workout workouts challenge race hike hikes marathon steps course workshop bootcamp shift shifts match double doubles".split()
)
_DID = frozenset({"did", "ran", "finished", "completed"})  # "ran my first half marathon 10 days back"
_WORKER = frozenset({"i", "he", "she", "we", "they"})  # not "when you work on it"
_WORK = frozenset({"work", "works", "worked", "working"})
_WORK_AT = frozenset({"in", "on", "at", "as"})
_BE_A = (
    ("im", "a"), ("im", "an"), ("im", "the"), ("i", "am", "a"), ("i", "am", "an"), ("i", "am", "the"), ("work", "as", "a"), ("works", "as", "a"),
    ("job", "as", "a"), ("i", "am"), ("hes", "a"), ("shes", "a"), ("he", "is", "a"), ("she", "is", "a"), ("is", "a"),
)  # fmt: skip
# Whose job "is a" names: "my dad is a plasterer" (not "it is a killer"), told with a pain.
_THEIRS_A = frozenset({("is", "a"), ("hes", "a"), ("shes", "a"), ("he", "is", "a"), ("she", "is", "a")})
_PAIN_SAID = frozenset("ache aches aching achy hurt hurts hurting sore stiff tight pain painful killing throbs throbbing burns burning".split())
_PEOPLE = frozenset("dad mum mam mom father mother husband wife partner son daughter brother sister boyfriend girlfriend grandad gran nan".split())
_JOB_END = ("er", "ist", "ian", "or", "ant", "ie", "man", "woman", "wright", "smith")
_NOT_A_JOB = frozenset(
    "bit little lot bigger older younger larger taller heavier smaller smoker diabetic beginner worrier massive mother father "
    "member super sucker never other over after ever wee ".split()
)
_NOT_HERE = frozenset({"pain", "hurts", "hurt", "it", "right", "left", "sore", "aching", "ache", "me", "and", "from", "over", "up", "down", "round", "around"})


# Said right before "all day", what it describes is the pain ("a dull ache all day", "nags at me all day at work"),
# not a task done all day ("sit in a ute all day", "up and down doorsteps all day", "lugging them about all day").
_ALL = frozenset({"all", "aw", "whole"})  # "aw day": all day in Scots
PAIN_ALL_DAY = frozenset(
    "ache aches aching achy hurt hurts hurting sore tight stiff pain painful throbs throbbing burns burning there me it constant constantly bad nags nagging niggles "
    "numb tingles tingling swollen".split()
)
# Since a change that is then lived with: "since i went on the night shifts", "since i got new glasses", "since he
# went back to college", "since i raised my saddle", "since i helped my brother move flat".
_SINCE_WHO = frozenset({"i", "he", "she", "we", "they", "ive", "hes", "shes"})
_CHANGED = frozenset("joined switched changed raised lowered helped moved swapped".split())
_WENT = frozenset({"on", "onto", "back", "full", "part"})
_NEW_NOT = frozenset("pain pains ache aches problem problems symptom symptoms lump lumps doctor gp physio year years knee hip".split())
# "does a lot of woodwork", "doing loads of gardening": a task done often.
_A_LOT = frozenset({"loads", "lots", "heaps", "tons", "plenty"})
_DO = frozenset({"do", "does", "did", "doing", "done"})


# An event gone to and done ("since the 20 mile charity walk", "since the fell race", "since the ski trip").
_EVENT = frozenset(
    "season lesson class drive journey race walk trip show marathon tournament match festival hike ride gig competition camp workshop "
    "course bootcamp regatta triathlon tour".split()
)
_WEATHER = frozenset("rainy wet dry cold hot monsoon harmattan flu hay fever".split())  # "since the rainy season started": not an event done
_DISTANCE = frozenset("km kms k mile miles".split())
# After a class or practice of something named ("after ballet class", "after sprint training"), not "sore after a session".
_PRACTICE = frozenset("class classes practice practices training lesson lessons rehearsal rehearsals".split())
_DETERMINER = frozenset("a an the my your his her each every one this that".split())
# What is done, said with the person doing it and how often ("i carry the bales on my head every morning").
_EVERY_UNIT = frozenset("morning day night shift evening weekend".split())
_NOT_DOING = _NOT_A_TASK | frozenset("am is was have has had feel feels felt need needs can cant dont do does im ive still always also just think reckon know".split())
# A moment something gave: "felt my elbow zing", "felt it pull", "felt something go".
_FELT_WHAT = frozenset({"my", "his", "her", "it", "something", "ma", "me"})
_JOLT = frozenset("sharp sudden searing stabbing shooting jolt jab stab sharpish".split())  # "felt a sharp pain", once
_CLAUSE_END = frozenset({",", ".", "and", "but", "so", "!", "?", ";"})
_GAVE = frozenset("go went zing ping twang twinge pop click snap give tear rip crack pull tak".split())
_SOUND = frozenset("zing ping twang pop click snap tear rip crack tak twinge clunk crunch".split())  # "felt a pop", "felt 'tak'"
# Done once, the wrong way: "ever since i bit into a crusty baguette wrong", "she stepped off the kerb funny".
_ONCE_PAST = frozenset("bit sat slept lay stood bent caught took fell put came went threw swung hit stepped turned landed twisted moved".split())
_WRONG_WAY = frozenset({"wrong", "awkwardly", "awkward", "funny", "badly"})
_AGAIN_WORDS = frozenset({"when", "whenever", "every", "always", "all", "if"})
# A task carried on ("been pulling pints", "started waitressing"), not how the pain or the person is ("been getting
# worse", "started aching", "been going on", "started playing up").
_BEEN = frozenset({"been", "started", "start", "starting", "began", "begun"})
_STATE_ING = frozenset(
    "getting going building creeping moaning aching hurting niggling burning grumbling bothering coming happening stiffening complaining "
    "flaring throbbing pounding killing giving growing feeling tingling stabbing shooting cramping worsening spreading improving easing "
    "acting keeping having causing seizing locking catching clicking grinding swelling nagging waking tightening "
    # what is done about the pain, not what wore it: "been icing it", "started taking ibuprofen", "been doing stretches"
    "taking using trying icing resting stretching limping sleeping waiting hoping wondering thinking looking managing coping "
    "struggling living putting dealing seeing doing hobbling babying battling creaking massaging rolling moving "
    # nor what is said about finding the practice: "been meaning to book", "been following your page"
    "meaning wearing avoiding suffering noticing finding rubbing applying soaking reading watching following asking hearing talking "
    "telling planning saving booking calling ringing messaging"
    # nor a sign or what the body does: "been losing weight", "been sweating at night", "been dropping things"
    " losing gaining sweating dropping fainting vomiting shaking passing peeing wetting bleeding pressing crushing pulsing spinning".split()
)
_PRONOUN_DOES = frozenset({"i", "he", "she", "they", "we"})
_INCH_BY_INCH = re.compile(r"\binch by inch\b")
# Done for hours on end, in the past: "wore brand new boots for 11 hours", "sat thru a 3 hour school nativity".
_DONE_FOR_HOURS = frozenset(
    "wore sat stood knelt kneeled drove walked hiked danced played typed gamed worked gardened painted cleaned scrubbed carried held "
    "queued crouched squatted bent stooped rode cycled paddled swam climbed sewed knitted studied revised thru through open did done".split()
)
_SOME = frozenset({"few", "several", "couple", "many", "umpteen"})
_SPELL_OF = frozenset("travel travelling traveling driving flying gardening typing digging painting decorating dancing walking hiking cycling".split())
_OVER = frozenset({"over", "than", "nearly", "almost", "bout", "about", "around"})


def _since_change(tokens: list[str], i: int) -> bool:
    """ "since" (or "ever since") said of a change the person lives with since (see _CHANGED above)."""
    after = tokens[i + 1 : i + 4]
    if len(after) < 2 or after[0] not in _SINCE_WHO:
        return "new" in tokens[i + 1 : i + 3] and not _NEW_NOT.intersection(tokens[i + 2 : i + 5])  # "since the new laptop setup"
    verb = after[1]
    if verb in _CHANGED:
        return True
    if verb in {"went", "go", "gone"}:
        return len(after) > 2 and after[2] in _WENT
    if verb in {"got", "bought", "get"}:
        return "new" in tokens[i + 3 : i + 6] and not _NEW_NOT.intersection(tokens[i + 3 : i + 7])
    return verb == "was" and len(after) > 2 and after[2] == "up"  # "since he was up the ladder clearing gutters"


def _since_event(tokens: list[str], i: int) -> bool:
    """ "since the fell race on the 15th", "since the 20 mile charity walk"."""
    after = tokens[i + 2 : i + 7]
    return tokens[i + 1 : i + 2] == ["the"] and any(t in _EVENT and not (k and after[k - 1] in _WEATHER) for k, t in enumerate(after))


def _every_time_done(tokens: list[str], i: int) -> bool:
    """ "every morning" said of what the person does: "i carry the bales on my head every morning"."""
    for k in range(i - 1, max(-1, i - 9), -1):
        if tokens[k] in {",", ".", "and", "but", "so"}:
            return False
        if (tokens[k] in _WHO or (tokens[k] in _PEOPLE and k and tokens[k - 1] in {"my", "our", "me"})) and k + 1 < i:
            verb = tokens[k + 1]
            if verb in {"do", "does"} and tokens[k + 2 : k + 3] in (["the"], ["his"], ["her"], ["my"], ["some"]):
                return True  # "he does the allotment every day"
            return verb.isalpha() and verb not in _NOT_DOING and tokens[k + 2 : k + 3] not in (["me"], ["us"])  # not "my dad drives me to work"
        if tokens[k] == "im" and k + 1 < i:
            return _doing(tokens[k + 1])  # "im bowling tape ball every evening"
        if (k == 0 or tokens[k - 1] in _CLAUSE_END) and _doing(tokens[k]):
            return True  # "practising the pipes, squeezing the bag under my arm every night"
    return False


def sudden_by_shape(tokens: list[str]) -> bool:
    """A moment something gave, from the shape of what is said: "felt my elbow zing", "felt it pull", "carried her
    over the threshold and felt a sharp pain"; or woken with it ("woke at half five with my calf cramping")."""
    for i, word in enumerate(tokens):
        after = tokens[i + 1 : i + 7]
        if word == "felt" and after and after[0] in _FELT_WHAT and not _GAVE.isdisjoint(after[1:4]):
            return True
        if word == "felt" and after[:1] == ["a"] and after[1:2] != [] and after[1] in _JOLT and _WHEN.isdisjoint(after) and "every" not in after:
            return True
        if word in {"woke", "woken"} and "with" in after and not any(t in _CLAUSE_END for t in after[: after.index("with")]):
            return True
        if word == "felt" and ((after[:1] and after[0] in _SOUND) or (after[:1] in (["a"], ["an"]) and after[1:2] and after[1] in _SOUND)):
            return True
        if word in _ONCE_PAST and i and tokens[i - 1] in _PRONOUN_DOES and _wrong_way(tokens, i):
            return True
        if word == "fine" and tokens[i - 1 : i] in (["was"], ["were"]) and _fine_then(tokens, i):
            return True
        if word in {"took", "taken", "copped", "caught"} and after[:1] in (["a"], ["an"]) and _blow_to(tokens[i + 1 : i + 9]):
            return True  # "took a dodgeball square to the knee"
    return False


_STRUCK = frozenset(
    "knee knees head face shin shins ankle back chest ribs rib shoulder hip elbow wrist hand leg thigh nose jaw eye neck arm foot groin "
    "gut stomach side temple mouth teeth tooth cheek skull kneecap".split()
)


_AT_WHERE = frozenset({"to", "in", "into", "on"})
_WHOSE = frozenset({"the", "my", "his", "her", "me"})


def _blow_to(after: list[str]) -> bool:
    """ "a ball (square) to the knee", "an elbow in the face": a thing that struck a part of the body."""
    return any(after[k] in _AT_WHERE and after[k + 1] in _WHOSE and after[k + 2] in _STRUCK for k in range(2, len(after) - 2))


# "was fine at lunch then...": a moment of the same day, not a season ("was fine in july then it crept up").
_FINE_WHEN = frozenset("lunch lunchtime tea teatime dinner breakfast supper morning afternoon evening minute minutes hour ago earlier".split())
_THEN = frozenset({"then", "till", "until", "til"})


def _fine_then(tokens: list[str], i: int) -> bool:
    """ "was fine" (its "fine" at ``i``) at a time of the same day, then a change: "was fine at tea then his words came
    out all jumbled", "she was fine this morning until she stood up"."""
    after = tokens[i + 1 : i + 6]
    at = next((k for k, t in enumerate(after) if t in _THEN), None)
    return at is not None and not _FINE_WHEN.isdisjoint(after[:at]) and not any(t in _SENTENCE_STOP or t == "but" for t in after[:at])


def _wrong_way(tokens: list[str], i: int) -> bool:
    """ "i bit into a crusty baguette wrong": the way a thing was done once (not "when i sit wrong all day")."""
    for k in range(i + 1, min(len(tokens), i + 8)):
        if tokens[k] in _CLAUSE_END or tokens[k] in _AGAIN_WORDS:
            return False
        if tokens[k] in _WRONG_WAY:
            return not _AGAIN_WORDS.intersection(tokens[max(0, i - 3) : i])
    return False


def _long_spell(tokens: list[str], i: int) -> bool:
    """Hours spent on one thing, said as done ("wore new boots for 11 hours", "sat through a 3 hour nativity", "had me
    open wide for over an hour"), not how the pain comes on ("when i sit for 2 hours")."""
    before = tokens[max(0, i - 7) : i]
    count = tokens[i - 1] if i else ""
    many = (count.isdigit() and int(count) >= 2) or count in _SOME or (count in NUMBER_WORDS and count not in {"one", "a", "an"})
    bare = count == "for" and tokens[i] == "hours"  # "piping buttercream for hours every day"
    if not (many or bare or (count in {"an", "a"} and i > 1 and tokens[i - 2] in _OVER)):
        return False
    if not _EASED_OR_WORSE.isdisjoint(before) or not _NOT_A_TASK.isdisjoint(before) or tokens[i + 1 : i + 2] in (["ago"], ["later"]):
        return False
    now = _IF_WHEN.isdisjoint(before)  # not "when i sit for 2 hours", "if i do 3 hours sitting"
    if many and tokens[i + 1 : i + 2] == ["of"] and i + 2 < len(tokens) and tokens[i + 2] in _SPELL_OF:
        return now  # "24 hrs of travel crammed in economy"
    if many and i + 1 < len(tokens) and _doing(tokens[i + 1]):
        return now  # "night shift in a call center, 9 hrs sitting"
    if any(t in _DONE_FOR_HOURS for t in before):
        return True  # past: "when i stood in line 5 hours for a tv" is done, not what brings it on
    return bare and now and any(_doing(t) for t in before)


def whole_job(tokens: list[str], i: int) -> bool:
    """ "in one go" (its "go" at ``i``) said of a whole job: "wallpapered the whole hall in one go"."""
    before = tokens[max(0, i - 12) : i]
    at = next((k for k, t in enumerate(before) if t in {"whole", "all"}), None)
    return at is not None and {"went", "gone", "felt", "goes"}.isdisjoint(before[at:])  # not "my whole right side went numb in one go"


def _job(tokens: list[str], i: int) -> bool:
    """A job named as who the writer is: "i'm a dentist", "im a dog groomer", "work as a postie", or "<job> here," opening
    the message ("security guard here, ...")."""
    for lead in _BE_A:
        if lead in _THEIRS_A and not (i and (tokens[i - 1] in _PEOPLE or lead != ("is", "a")) and _PAIN_SAID.intersection(tokens[i + len(lead) : i + len(lead) + 12])):
            continue  # "my dad is a plasterer, his shoulders are killing him"; not "my mum is a teacher, can i book her in"
        if tuple(tokens[i : i + len(lead)]) == lead:
            after = tokens[i + len(lead) : i + len(lead) + 2]
            return any(w.endswith(_JOB_END) and len(w) > 4 and w not in _NOT_A_JOB for w in after)
    if tokens[i] == "here" and 0 < i <= 3 and i + 1 < len(tokens) and tokens[i + 1] == "," and _NOT_HERE.isdisjoint(tokens[:i]):
        return tokens[i - 1].isalpha() and tokens[i - 1].endswith(_JOB_END)
    return False


_MORE = frozenset(
    "worse more less stiffer tighter sorer harder weaker stronger achier creakier slower bigger longer heavier tougher louder add adds stiffen stiffens tighten tightens "
    "further farther number".split()
)
_NOT_MORE = frozenset("after water oxter butter shoulder ankle finger other either never ever over under center centre winter sitter".split())


def _more(word: str) -> bool:
    """A word of growing: "worse", "stiffer", "achier", "e dey add" (not "after", "oxter")."""
    return word in _MORE or (len(word) > 4 and word.endswith(("ier", "ter", "fer", "rer", "ker")) and word not in _NOT_MORE)


def _task(word: str) -> bool:
    """Whether a word names a task being done ("kneeling", "hanging", "roofing")."""
    return len(word) > 4 and word.endswith("ing") and word not in _NOT_A_TASK_ING


def _doing(word: str) -> bool:
    """A task being done, not how the pain or the person is ("been pulling pints", not "been getting worse")."""
    return _task(word) and word not in _STATE_ING


_DRIVES = frozenset({"drive", "drives", "driving"})
_VEHICLES = frozenset("lorry truck taxi cab bus van forklift tractor coach tram train hgv digger gritter ambulance minibus ute".split())
_OWNED = frozenset("my ma me his her the left right our your their".split())  # "under ma left oxter every night": a thing, not "stiffer"
_PAST_DONE = frozenset(
    "did threw swam made dug swept built lifted carried ran rode drove wrote dealt hung laid bowled pitched sanded painted scrubbed hauled "
    "shovelled shoveled moved stacked loaded unloaded chopped sawed mowed raked planted weeded hoovered cleaned ironed washed tiled "
    "plastered hammered drilled climbed walked danced cycled paddled rowed picked packed sliced kneaded baked flipped pushed dragged "
    "knitted sewed typed played served kicked hit bashed wallpapered decorated trimmed cut".split()
)
_OF_MANY = frozenset({"every", "each"})
_TIME_WORDS = _SPAN | _STEP_UNIT | _PER_UNIT | frozenset("time times year years month months minute minutes".split())
_CLOCK_TO = frozenset({"till", "til", "to", "until"})


def _past(word: str) -> bool:
    """A past tense of something physical done ("bowled", "carried", "did"), not "answered", "emailed", "booked"."""
    return word in _PAST_DONE


def _done_many(tokens: list[str], i: int) -> bool:
    """After a past verb at ``i``: many things done ("14 overs", "about 40 of them", "every box", "all the floorboards")."""
    k = i + 1
    while k < len(tokens) and tokens[k] in {"about", "like", "over", "around", "nearly", "almost", "roughly", "a", "the", "up"}:
        k += 1
    if k + 1 < len(tokens) and ((tokens[k].isdigit() and int(tokens[k]) >= 10) or tokens[k] in _BIG):
        what = tokens[k + 1]
        return what == "of" or (what.endswith("s") and what not in _TIME_WORDS and what not in _NOT_COUNTED and what not in _DISTANCE)
    if tokens[i + 1 : i + 3] == ["all", "the"] or (tokens[i + 1 : i + 2] and tokens[i + 1] in _OF_MANY):
        j = i + 3 if tokens[i + 1] == "all" else i + 2
        return j < len(tokens) and tokens[j].isalpha() and tokens[j] not in _TIME_WORDS and tokens[j] not in _NOT_A_TASK
    return False


def _clock_span(tokens: list[str], i: int) -> bool:
    """ "from 8 till 2", "from 7am to 3pm" at ``i`` (the "from")."""
    rest = [t for t in tokens[i + 1 : i + 6] if t not in {"am", "pm", "in", "the", "morning", "evening"}]
    return len(rest) >= 3 and rest[0].isdigit() and rest[1] in _CLOCK_TO and rest[2].isdigit()


_NOT_TASK_VERB = frozenset("feel notice get have limp hurt ache wake see go".split())


def _task_done(after: list[str]) -> bool:
    """After "since i started": "to pound yam", "to run" (a task), not "to feel it" or "to notice"."""
    verb = after[1] if after[:1] == ["to"] and len(after) > 1 else ""
    return verb.isalpha() and len(verb) > 2 and verb not in _NOT_TASK_VERB and verb not in _NOT_A_TASK


_BOOKING_WORDS = frozenset("suit suits available availability rota cancel appointment appointments slot slots book booking voucher vouchers recommend recommended".split())
_SENTENCE_STOP = frozenset({".", "?", "!", ";"})


def _for_booking(tokens: list[str], i: int) -> bool:
    """Whether a job named at ``i`` is said for when they can come ("i work at the hospital so evenings suit me",
    "i work as a nurse, can i come after 6?"), not as what wore the pain."""
    for k in range(i + 1, min(len(tokens), i + 14)):
        if tokens[k] in _SENTENCE_STOP and tokens[k] != "?":
            return False
        if tokens[k] in _BOOKING_WORDS or tokens[k : k + 3] == ["can", "i", "come"] or tokens[k : k + 3] == ["fit", "me", "in"]:
            return True
        if tokens[k] == "?":
            return False
    return False


def _count(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def by_shape(tokens: list[str], text: str = "") -> str | None:
    """'overuse' or 'gradual' from the shape of what is said (see above; ``text``: the message in lower
    case), else None."""
    n = len(tokens)
    for i, word in enumerate(tokens):
        if _EASED_OR_WORSE.intersection(tokens[max(0, i - 2) : i]) and not (word in _STEP and i and _more(tokens[i - 1])):
            continue  # "worse after a shift behind the bar", "eases after a day off": what brings it on or helps
        if word in _HOURS and _long_spell(tokens, i):
            return "overuse"
        if word == "from" and _clock_span(tokens, i) and any(_past(t) or _doing(t) for t in tokens[max(0, i - 10) : i]) and _IF_WHEN.isdisjoint(tokens[max(0, i - 10) : i]):
            return "overuse"  # "danced in heels at my cousins wedding from 8 till 2"
        if word in _SPENT:
            j = i + 1
            while j < n and (tokens[j] in _SPAN_FILLER or _count(tokens[j])):
                j += 1
            if j < n and tokens[j] in _SPAN and j > i + 1:
                timed = any(_count(t) for t in tokens[i + 1 : j])
                k = j + 1
                while k < n and tokens[k] in _SPAN_FILLER:
                    k += 1
                if k < n and (_task(tokens[k]) or (timed and word == "after" and tokens[k] not in _NOT_A_TASK and tokens[k].isalpha())):
                    return "overuse"
        elif word in _STEP and i and tokens[i - 1] == "after" and i + 1 < n and tokens[i + 1].isalpha() and tokens[i + 1] not in _STEP_UNIT:
            return "overuse"  # "my knees throb after every ride": something done again and again
        elif _task(word) and i + 2 < n and _count(tokens[i + 1]) and tokens[i + 2] in _HOURS:
            return "overuse"  # "i was kneeling 2 hours this morning fitting a carpet"
        elif word == "from" and i + 1 < n:
            k = i + 1
            while k < n and tokens[k] in {"all", "the", "my", "so", "much", "too", "doing", "constant", "constantly"}:
                k += 1
            if k < n and _task(tokens[k]) and not (k + 1 < n and tokens[k + 1] in _ONE_THING) and not (tokens[k] in _ILL_DOING and not _ILL.isdisjoint(tokens)):
                return "overuse"  # not "from helping him up", "from lifting a box": one lift is a moment; nor an illness's cough
        elif (
            word == "times"
            and i
            and (tokens[i - 1] in {"hundred", "hundreds", "dozen", "dozens"} or (tokens[i - 1].isdigit() and int(tokens[i - 1]) >= 10))
            and _NOT_A_TASK.isdisjoint(tokens[max(0, i - 5) : i])
        ):
            return "overuse"  # "threw the ball for her about a hundred times"
        elif (
            (word in _COUNTED or (len(word) > 3 and word.endswith("s") and word not in _NOT_COUNTED))
            and i + 1 < n
            and ((i and (_count(tokens[i - 1]) or tokens[i - 1] in _BIG)) or word in {"shifts", "practices", "sessions", "classes", "lessons", "gigs"})
        ):
            per = tokens[i + 1] == "daily" or (i + 2 < n and tokens[i + 1] in _PER and tokens[i + 2] in _PER_UNIT)
            if per and _NOT_A_TASK.isdisjoint(tokens[max(0, i - 4) : i]):
                return "overuse"
        elif word in _WHEN and i + 2 < n and tokens[i + 1] in _WHO and tokens[i + 2] in _SPORT and _EXERTION.isdisjoint(tokens[i + 3 : i + 6]):
            return "overuse"  # "when i run my right hip gets a sharp pain": a sport that brings it on wears it (not "when i walk")
        elif word in _DID and any(t in _SESSION or t in _EVENT for t in tokens[i + 1 : i + 8]) and "back" not in tokens[i + 1 : i + 4]:
            return "overuse"  # "did my first ever reformer pilates class yesterday", "did 20k steps" (not "did my back in")
        elif word in _WORK and i + 1 < n and tokens[i + 1] in _WORK_AT and (word != "work" or (i and tokens[i - 1] in _WORKER)) and not _for_booking(tokens, i):
            return "overuse"  # "i work in warehouse and lift boxes": a job named as the context
        elif word in _ALL and i + 2 < n and tokens[i + 1] == "day" and _doing(tokens[i + 2]):
            return "overuse"  # "whole day slicing fish"
        elif word in _ALL and i + 1 < n and tokens[i + 1] in {"day", "shift"} and i and tokens[i - 1] not in PAIN_ALL_DAY and tokens[i - 1].isalpha():
            return "overuse"  # "im a postie so up and down doorsteps all day"
        elif word == "since" and (_since_change(tokens, i) or _since_event(tokens, i)):
            return "overuse"
        elif word in _DISTANCE and i and _count(tokens[i - 1]) and _NOT_A_TASK.isdisjoint(tokens[max(0, i - 4) : i - 1]):
            return "overuse"  # "paddled 30 km in the canoe", "the 20 mile charity walk"
        elif word == "go" and tokens[i - 2 : i] == ["in", "one"] and whole_job(tokens, i):
            return "overuse"  # "did the whole boundary hedge in one go": a big job done at a stretch
        elif word in _PRACTICE and i + 1 < n and tokens[i + 1] in {"daily", "nightly"}:
            return "overuse"  # "kabaddi team, practice daily evening"
        elif word in _PRACTICE and i > 1 and tokens[i - 2] == "after" and tokens[i - 1].isalpha() and tokens[i - 1] not in _DETERMINER:
            return "overuse"  # "aches and throbs after ballet class"
        elif word == "full" and tokens[i + 1 : i + 2] == ["time"] and (not i or tokens[i - 1] not in {"at", "the"}):
            return "overuse"  # "i care for my husband full time", "interpreting full time this year"
        elif word in _DO and tokens[i + 1 : i + 3] == ["all", "the"] and i + 3 < n and _task(tokens[i + 3]):
            return "overuse"  # "do all the hoisting"
        elif word == "since" and tokens[i + 1 : i + 2] == ["i"] and tokens[i + 2 : i + 3] in (["start"], ["started"], ["began"]) and _task_done(tokens[i + 3 : i + 5]):
            return "overuse"  # "since i start to pound yam for my mama canteen"
        elif (
            word in _BEEN
            and i + 1 < n
            and _doing(tokens[i + 1])
            and tokens[i - 1 : i] not in (["not"], ["havent"], ["never"], ["to"], ["havenae"], ["hadnae"], ["hvnt"], ["havnt"])
            and PAIN_ALL_DAY.isdisjoint(tokens[i + 2 : i + 5])
            and tokens[i + 2 : i + 3] not in (["up"], ["like"])
            and tokens[i - 1 : i] not in (["something"], ["it"], ["pain"])  # "something started squeezing my chest": a symptom
        ):
            return "overuse"  # "been pulling pints and hauling kegs for years", "since i started waitressing in heels"
        elif (
            word in _SPAN
            and i
            and _count(tokens[i - 1])
            and tokens[i + 1 : i + 2] == ["of"]
            and i + 2 < n
            and _doing(tokens[i + 2])
            and _IF_WHEN.isdisjoint(tokens[max(0, i - 4) : i])
        ):
            return "overuse"  # "6 weeks of pulling lambs"
        elif word == "season" and i and _doing(tokens[i - 1]):
            return "overuse"  # "shearing season near broke me"
        elif word in _DRIVES and tokens[i + 1 : i + 2] in (["a"], ["the"]) and tokens[i + 2 : i + 3] and tokens[i + 2] in _VEHICLES:
            return "overuse"  # "my husband drives a lorry": a driver's job
        elif _doing(word) and i + 1 < n and tokens[i + 1] in _A_LOT and (not i or tokens[i - 1] not in _WHEN) and not (word in _ILL_DOING and not _ILL.isdisjoint(tokens)):
            return "overuse"  # "gigging loads with the christmas party season"
        elif _past(word) and _done_many(tokens, i):
            return "overuse"  # "bowled 14 overs in the nets", "carried every box up myself", "sanded all the floorboards"
        elif (
            word == "over"
            and tokens[i + 1 : i + 2]
            and tokens[i + 1] in {"two", "2", "three", "3", "the", "a"}
            and tokens[i + 2 : i + 3] in (["days"], ["weekend"], ["whole"])
            and any(_past(t) for t in tokens[max(0, i - 10) : i])
        ):
            return "overuse"  # "sanded all the floorboards in the front room over two days"
        elif word in _PRONOUN_DOES and i + 2 < n and (tokens[i + 2 : i + 4] == ["a", "lot"] or tokens[i + 2] in _A_LOT) and tokens[i + 1] not in _NOT_DOING:
            return "overuse"  # "she crochets a lot", "i type loads"
        elif word == "every" and i + 1 < n and tokens[i + 1] in _EVERY_UNIT and _every_time_done(tokens, i):
            return "overuse"
        elif word in _DO and i + 2 < n and (tokens[i + 1] in _A_LOT or tokens[i + 1 : i + 3] == ["a", "lot"]) and "of" in tokens[i + 2 : i + 4]:
            return "overuse"  # "does a lot of woodwork", "been doing heaps of tiling"
        elif word in {"that", "this"} and i and tokens[i - 1] in _ALL and i + 1 < n and _doing(tokens[i + 1]):
            return "overuse"  # "from all that crouching in the hack", "all this lifting at work"
        elif _job(tokens, i) and not _for_booking(tokens, i):
            return "overuse"  # "i'm a dentist so leaning over people all day", "security guard here, ..."
        elif (
            (
                word in _STEP
                and _step_unit(tokens, i)
                and (any(_more(tokens[k]) and k and tokens[k - 1] not in _OWNED for k in range(max(0, i - 4), i)) or any(_more(t) for t in tokens[i + 2 : i + 7]))
            )
            or (word == "getting" and i + 1 < n and _more(tokens[i + 1]) and tokens[i + 1] != "more")
            or (
                word in {"and", "an", "n"}
                and 0 < i < n - 1
                and tokens[i - 1] == tokens[i + 1]
                and ((tokens[i - 1].endswith("er") and len(tokens[i - 1]) > 4) or tokens[i - 1] in {"more", "worse"})
            )  # "stiffer and stiffer", "more an more"
        ):
            return "gradual"
    if _BIT_BY_BIT.search(text) or _INCH_BY_INCH.search(text) or (("now" in text or "used to" in text or "first" in text) and _THEN_NOW.search(text)):
        return "gradual"
    return None


def moment_heard(tokens: list[str]) -> bool:
    """A moment told by what was felt or heard: "felt a hot twang", "my shoulder went clunk", "cut left, ping."."""
    for i, word in enumerate(tokens):
        if word not in _SOUND:
            continue
        before = tokens[max(0, i - 3) : i]
        if not _AGAIN_WORDS.isdisjoint(tokens[max(0, i - 6) : i]) or "keeps" in tokens[max(0, i - 6) : i]:
            continue  # "my knee clicks when i squat", "goes pop every time"
        if "felt" in before or (i and tokens[i - 1] in {"went", "gone"}):
            return True
        if i and tokens[i - 1] == "," and word not in {"click", "crack", "tear", "rip", "twinge"} and tokens[i + 1 : i + 2] in ([","], ["."], ["!"], []):
            return True  # "cut left, ping."
    return False
