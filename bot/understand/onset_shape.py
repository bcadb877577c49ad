"""How it started, read from the shape of what is said where answers.yaml's onset words cannot list
every task or way of saying it grew (the layer in onsets.py reads the rest by meaning)."""

from __future__ import annotations

import re

from .numbers import NUMBER_WORDS

# Time spent on a task ("spent 2 days straight kneeling", "after a long day hanging wallpaper", "after a
# 3 hour salsa workshop"), a task done so often ("dancing 4 hours a day", "4 practices a week", "sitting
# 11-12 hrs daily") and what it comes from ("from roofing", "from all the coughing") are overuse; a pain
# growing by steps ("achier and achier", "a little stiffer each week") is gradual.
# What helps or what makes it worse ("eases after walking about", "worse after a shift"): neither says how it started.
EASED = frozenset("eases eased easier better improves settles helps".split())
WORSE = frozenset({"worse", "worst"})
_EASED_OR_WORSE = EASED | WORSE | {"bad"}
_SPENT = frozenset({"spent", "spend", "spending", "after"})
_SPAN = frozenset("day days afternoon afternoons morning mornings evening evenings night nights weekend weekends week weeks hour hours hr hrs shift shifts".split())
_SPAN_FILLER = frozenset("a an the all whole full long entire straight solid of on at".split())
_COUNTED = frozenset("hours hour hrs hr times nights evenings mornings days sessions session practices shifts classes lessons games matches gigs rounds laps".split())
_HOURS = frozenset({"hours", "hrs", "hour", "hr"})
_ONE_THING = frozenset({"him", "her", "them", "it", "me", "us", "a", "an", "one"})
_PER = frozenset({"a", "per", "every", "each"})
_PER_UNIT = frozenset({"day", "week", "night", "shift", "fortnight", "month"})
# A count of the pain or of a medicine, not of a task: "it wakes me 3 times a night", "ibuprofen 3 times a day".
_NOT_A_TASK = frozenset(
    "hurt hurts hurting ache aches aching pain pains painful get gets getting take takes taking tablets pills tablet "
    "painkillers paracetamol ibuprofen happens happening comes flares wakes wake woke up it".split()
)
_NOT_A_TASK_ING = frozenset("morning evening nothing something anything everything ceiling sleeping lying waking feeling during king ring".split())
_BIT_BY_BIT = re.compile(r"\bbit by bit\b")  # the reading drops "bit", so the words cannot list it
_STEP = frozenset({"each", "every"})
_STEP_UNIT = frozenset({"day", "week", "month", "year", "morning", "night"})


_WHEN = frozenset({"when", "whenever"})
_WHO = frozenset({"i", "he", "she", "they", "we", "you"})
_SPORT = frozenset(
    "run runs ride rides cycle cycles train trains swim swims row rows climb climbs skate skates jog jogs sprint sprints serve serves "
    "bowl bowls pitch pitches paddle paddles dance dances".split()
)
_SESSION = frozenset("class classes session sessions workout workouts challenge race hike hikes marathon steps course workshop bootcamp shift shifts match".split())
_WORKER = frozenset({"i", "he", "she", "we", "they"})  # not "when you work on it"
_WORK = frozenset({"work", "works", "worked", "working"})
_WORK_AT = frozenset({"in", "on", "at", "as"})
_BE_A = (("im", "a"), ("im", "an"), ("i", "am", "a"), ("i", "am", "an"), ("work", "as", "a"), ("works", "as", "a"), ("job", "as", "a"))
_JOB_END = ("er", "ist", "ian", "or", "ant", "ie", "man", "woman", "wright", "smith")
_NOT_A_JOB = frozenset(
    "bit little lot bigger older younger larger taller heavier smaller smoker diabetic beginner worrier massive mother father "
    "member super sucker never other over after ever wee ".split()
)
_NOT_HERE = frozenset({"pain", "hurts", "hurt", "it", "right", "left", "sore", "aching", "ache", "me", "and", "from", "over", "up", "down", "round", "around"})


def _job(tokens: list[str], i: int) -> bool:
    """A job named as who the writer is: "i'm a dentist", "im a dog groomer", "work as a postie", or "<job> here," opening
    the message ("security guard here, ...")."""
    for lead in _BE_A:
        if tuple(tokens[i : i + len(lead)]) == lead:
            after = tokens[i + len(lead) : i + len(lead) + 2]
            return any(w.endswith(_JOB_END) and len(w) > 4 and w not in _NOT_A_JOB for w in after)
    if tokens[i] == "here" and 0 < i <= 3 and i + 1 < len(tokens) and tokens[i + 1] == "," and _NOT_HERE.isdisjoint(tokens[:i]):
        return tokens[i - 1].isalpha() and tokens[i - 1].endswith(_JOB_END)
    return False


def _more(word: str) -> bool:
    """A word of growing: "worse", "stiffer", "achier"."""
    return word == "worse" or (len(word) > 4 and word.endswith(("ier", "ter", "fer", "rer", "ker")))


def _task(word: str) -> bool:
    """Whether a word names a task being done ("kneeling", "hanging", "roofing")."""
    return len(word) > 4 and word.endswith("ing") and word not in _NOT_A_TASK_ING


def _count(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def by_shape(tokens: list[str], text: str = "") -> str | None:
    """'overuse' or 'gradual' from the shape of what is said (see above; ``text``: the message in lower
    case), else None."""
    n = len(tokens)
    for i, word in enumerate(tokens):
        if _EASED_OR_WORSE.intersection(tokens[max(0, i - 2) : i]):
            continue  # "worse after a shift behind the bar", "eases after a day off": what brings it on or helps
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
            if k < n and _task(tokens[k]) and not (k + 1 < n and tokens[k + 1] in _ONE_THING):
                return "overuse"  # not "from helping him up", "from lifting a box": one lift is a moment
        elif word in _COUNTED and i + 1 < n and ((i and _count(tokens[i - 1])) or word in {"shifts", "practices", "sessions", "classes", "lessons", "gigs"}):
            per = tokens[i + 1] == "daily" or (i + 2 < n and tokens[i + 1] in _PER and tokens[i + 2] in _PER_UNIT)
            if per and _NOT_A_TASK.isdisjoint(tokens[max(0, i - 4) : i]):
                return "overuse"
        elif word in _WHEN and i + 2 < n and tokens[i + 1] in _WHO and tokens[i + 2] in _SPORT:
            return "overuse"  # "when i run my right hip gets a sharp pain": a sport that brings it on wears it (not "when i walk")
        elif word == "did" and any(t in _SESSION for t in tokens[i + 1 : i + 8]) and "back" not in tokens[i + 1 : i + 4]:
            return "overuse"  # "did my first ever reformer pilates class yesterday", "did 20k steps" (not "did my back in")
        elif word in _WORK and i + 1 < n and tokens[i + 1] in _WORK_AT and (word != "work" or (i and tokens[i - 1] in _WORKER)):
            return "overuse"  # "i work in warehouse and lift boxes": a job named as the context
        elif _job(tokens, i):
            return "overuse"  # "i'm a dentist so leaning over people all day", "security guard here, ..."
        elif (word in _STEP and i + 1 < n and tokens[i + 1] in _STEP_UNIT and ((i and _more(tokens[i - 1])) or any(_more(t) for t in tokens[i + 2 : i + 7]))) or (
            word == "and" and 0 < i < n - 1 and tokens[i - 1] == tokens[i + 1] and tokens[i - 1].endswith("er") and len(tokens[i - 1]) > 4
        ):
            return "gradual"
    return "gradual" if _BIT_BY_BIT.search(text) else None
