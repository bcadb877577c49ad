"""Numbers in a message: a 0-10 pain score ("7/10", "about a six") and how long it has hurt
("for 3 weeks", "a couple of months"), in digits or in words."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from datetime import date, timedelta

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "a couple of": 2, "couple of": 2,
    "a couple": 2, "couple": 2, "a few": 3, "few": 3, "several": 4, "a fortnight": 2, "fortnight": 2,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
NUMBER_WORDS = frozenset(
    w for w in (*_NUMBER_WORDS, "eleven", "twelve", "thirteen", "fourteen", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred") if " " not in w and len(w) > 2
)
_COUNT = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_DURATION = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?|{_COUNT})(?:ish)?\s*(?:or so\s*)?(hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|mths?|years?|yrs?)(?!\w)")
# "45 years old", "12 weeks pregnant", "3 times a week", "first time in years": numbers that are not how long it hurts.
# "after a day painting", "after 2 days of tiling": the occasion, not how long it hurts; "30 yrs in the trade": a job's years.
_NOT_DURATION = re.compile(
    r"\|\s*(?:old|pregnant|of age|running|shifts?|drives?|flights?|journeys?|days? a week|in the (?:trade|job|business|industry)|notice)\b"
    r"|\|\s*(?:as )?an? (?!bit\b|while\b|week\b|month\b|year\b|day\b)[a-z]+(?:er|ist|ian|or|man|woman)\b"  # "26 yrs a printer"
    r"|(?:times|once|twice|per|every|time in)\s*(?:a\s*)?\|"
    r"|after\s*(?:a\s*)?\|\s*(?:of\s+)?\w+ing\b"
)
# Treatments and breaks, dated by a count of time said of them.
_PROCEDURES = r"operation|surgery|op|broke|broken|fracture\w*|replaced|replacement|removed|chemo\w*|radiotherapy|cast|plate|pins|screws|c-section|section|gave birth"
# "had breast cancer 10 years ago", "my op was 3 weeks ago": when something else happened, not how long it hurts
# (but "put my back out 3 days ago" is when the pain began).
_EVENT_AGO = re.compile(
    rf"(?<!\w)(?:{_PROCEDURES}|cancer|diagnosed|(?<!back )(?<!neck )(?<!hip )(?<!knee )(?<!shoulder )out|baby|birth|pregnan\w*|accident|stroke|heart attack)(?!\w)[^.,;!?]{{0,30}}$"
)
# "my op was 5 weeks ago", "in a cast for 6 weeks", "8 months post op": said right by the event, when it happened or lasted.
_EVENT_NEAR = re.compile(rf"(?<!\w)(?:{_PROCEDURES}|had the baby|had my baby)(?!\w)(?:\s+(?:was|is|were|for|about|around|nearly|almost|only|just|like)){{0,2}}\s*$")
_FREQUENCY = frozenset({"times", "once", "twice", "per", "every"})
_BUT = re.compile(r"(?<!\w)but(?!\w)")
# "been a cobbler for 25 years never had an issue, now the last 6 weeks...": how long the job, not the pain.
_JOB_YEARS = re.compile(
    r"(?<!\w)(?<!has )(?<!its )(?<!it's )(?<!it )(?<!has been a )(?:been|worked as|working as) an? (?!bit\b|right\b|real\b)(?:[a-z]+ )?"
    r"(?!(?:bother|killer|stinker|nightmare|tender|bugger|better|horror|harder|worse|pain)\b)[a-z]+(?:er|ist|ian|or|man|woman) "
    r"(?:for )?(?:over |about |nearly |almost |like )?$"
)
# "new job at a cheese shop ... 3 weeks in", "on this shoot ... 8 days in": how long the job has gone on, not the pain.
# "same run for 9 years and never had this", "22 year drivin coaches an never a bad back": years of a routine without pain.
_NEVER_AFTER = re.compile(
    r"[^.!?]{0,40}?(?<!\w)(?:and|an|n|but|&|,)\s+never (?:had|a|an|any|once|bothered|been a problem|an issue)(?!\w)"
    r"(?!\s+(?:a\s+|one\s+)?(?:day|night|week|moment|minute|second|hour)s?\s+(?:without|free|off)\b)"
)  # not "back ache for 2 years and never had a day without it"
_SO_FAR = re.compile(r"\s+in\s*(?:[,.!?]|$)")
_NEW_TASK = re.compile(r"(?<!\w)(?:job|started|starting|start|shoot|season|course|placement|contract|new)(?!\w)")
_OWN_TIME_BEFORE = frozenset("last past these for only about".split())


def _its_own_time(norm: str, m: re.Match[str]) -> bool:
    """A count said as how long it has been so ("…but only bad these last 2 months"), not when something else was ("2 days ago", "2 days off")."""
    before = norm[: m.start()].split()
    return bool(before) and before[-1] in _OWN_TIME_BEFORE and not re.match(r"\s*(?:ago|off)\b", norm[m.end() :])


_FORTNIGHT = re.compile(r"(?<!\w)(?:a )?fortnight(?!\w)")
_UNIT_DAYS = {"hour": 0, "hr": 0, "day": 1, "night": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "mth": 30, "year": 365, "yr": 365}
_SCORE = re.compile(
    r"(?<![\w.])(10|[0-9]|" + "|".join(w for w in _NUMBER_WORDS if " " not in w and _NUMBER_WORDS[w] <= 10 and w not in ("a", "an", "few")) + r")"
    r"(?:\s*(?:/|out of)\s*(?:10|ten))"
)
_SCORE_CUE = re.compile(
    r"(?:\b(?:about|around|roughly|maybe|probably|like|its|it's|it is|is|at|rate it|rate it a|rated|solid|level|score|pain)\s+(?:a\s+)?)"
    r"(10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?![\w.])"  # "tense", "tenderness" are not ten
    r"(?!\s*(?:/|%|[.,]\d|(?:am|pm|k|x|st|nd|rd|th|weeks?|days?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|times|kids|miles?|km|kg|lbs?|stone|o'?clock|year old)\b))"
)
_BARE_SCORE = re.compile(r"^(?:a\s+|about\s+|around\s+|maybe\s+)?(10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*/\s*10)?$")


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def severity(norm: str) -> int | None:
    """A 0-10 score in the text: '7/10', 'seven out of ten', 'about a 7', 'it's a 6'."""
    for regex in (_SCORE, _SCORE_CUE):
        m = regex.search(norm)
        if m:
            value = _number(m.group(1))
            if 0 <= value <= 10:
                return value
    return None


def severity_reply(norm: str) -> int | None:
    """A score in a reply to the score question itself, where a bare '7' is one."""
    bare = _BARE_SCORE.match(norm)
    if bare:
        return _number(bare.group(1))
    return severity(norm)


# "since 2019": over 12 weeks once the year is past; "came on this afternoon": under a week.
_SINCE_YEAR = re.compile(r"(?<!\w)since\s+((?:19|20)\d\d)(?!\w)")
# "on and off since I was 20": since an age, years.
_SINCE_AGE = re.compile(
    r"(?<!\w)since\s+(?:i was|i turned|age|the age of)\s+(\d{1,2})(?!\d)"
    r"(?!\s*(?:%|weeks?|wks?|days?|months?|mths?|hours?|hrs?|mins?|minutes?|kg|kgs|lbs?|stone|st\b|miles?|km|am\b|pm\b|o'?clock))"
)
# Minutes back: "20 min ago", "a few mins back", "10 mins already", "15 minutes now", "half an hour ago" (not "stiff for
# 30 minutes", "i can only walk 20 minutes now"): a duration of days, and with a warning sign, one that came at a moment.
MINUTES_BACK = (
    rf"(?<![\w.])(?<!only )(?<!walk )(?:\d+|{_COUNT}|a few|few|couple of|a couple of)\s*(?:mins?|minutes?)\s+(?:ago|back|already|now)(?!\w)"
    r"|(?<!\w)(?:half an|half|an|one|1) (?:hour|hr) (?:ago|back)(?!\w)"
)
_STARTED_TODAY = re.compile(
    r"(?<!\w)(?:started|starting|came on|come on|began|kicked in|woke up with|since|hurt|pulled|twisted|tweaked|fell|slipped|strained"
    r"|sprained|injured|rolled|jarred|cricked|ricked|tripped|banged|knocked|wrenched|got up|got out of bed|happened|collapsed)\b[^.!?]{0,25}?"
    r"(?<!\w)(?:yesterday|today|earlier today|this morning|this afternoon|this evening|tonight|last night)(?!\w)"
    rf"|{MINUTES_BACK}"
)


_pinned: list[date] = []  # the day pinned_date reads messages as, if any


def current_date() -> date:
    """Today's date, which "since october" and "in february" are counted back from."""
    return _pinned[-1] if _pinned else date.today()


@contextlib.contextmanager
def pinned_date(day: date) -> Iterator[None]:
    """Read messages as on ``day`` (scripts/evaluate.py: the day its labelled messages were written, so that
    their figures do not move with the calendar)."""
    _pinned.append(day)
    try:
        yield
    finally:
        _pinned.pop()


def duration(norm: str, today: date | None = None) -> str | None:
    """'days' (under a week), 'weeks' (1-12 weeks) or 'months' (over 12 weeks) from '3 weeks', 'a couple of months',
    'since 2019', 'since the summer' (counted back from ``today``: the date unless given), 'came on this afternoon'."""
    found = [
        m
        for m in _DURATION.finditer(norm)
        if not _NOT_DURATION.search(norm[: m.start()][-12:] + "|" + norm[m.end() :][:16])
        and not _event_ago(norm, m)
        and not _a_rate(norm, m)
        and not _one_day_once(norm, m)
        and not _JOB_YEARS.search(norm[: m.start()][-40:])
        and not _NEVER_AFTER.match(norm[m.end() :])
        and not (_SO_FAR.match(norm[m.end() :]) and _NEW_TASK.search(norm[: m.start()]))
    ]
    # "been doing it 6 yrs but its only got bad these last 2 months": after a "but", how long it has been bad.
    m = next((later for later in found[1:] if _BUT.search(norm[found[0].end() : later.start()]) and _its_own_time(norm, later)), found[0] if found else None)
    if m and m.group(2).startswith(("hour", "hr")):
        # "kills me after driving more than an hour, been like this about 7 weeks", "open wide for over an hour back
        # in march": hours are how long something lasted; a longer time or a date said is how long it has hurt.
        longer = next((later for later in found if not later.group(2).startswith(("hour", "hr"))), None)
        if longer is not None:
            m = longer
        elif (days := _days_since(norm, today or current_date())) is not None:
            return _bucket(days)
    if not m:
        if _FORTNIGHT.search(norm):
            return "weeks"
        today = today or current_date()
        year = _SINCE_YEAR.search(norm)
        if year and int(year.group(1)) < today.year:
            return "months"
        age = _SINCE_AGE.search(norm)
        if age and int(age.group(1)) >= 3:
            return "months"
        if (days := _days_since(norm, today)) is not None:
            return _bucket(days)
        return "days" if _STARTED_TODAY.search(norm) else None
    count_text, unit = m.group(1), m.group(2).rstrip("s")
    count = float(count_text) if count_text[0].isdigit() else _NUMBER_WORDS.get(count_text, 1)
    return _bucket(count * _UNIT_DAYS.get(unit, 1))


def _bucket(days: float) -> str:
    return "days" if days < 7 else "weeks" if days <= 84 else "months"


def _one_day_once(norm: str, m: re.Match[str]) -> bool:
    """ "it just started throbbing one day": a day it began, not "one day" of it ("only been one day", "for one day")."""
    before = norm[: m.start()].split()
    return m.group(0) == "one day" and bool(before) and before[-1] not in _ONE_DAY_COUNTED and not norm[m.end() :].lstrip().startswith("ago")


_ONE_DAY_COUNTED = frozenset("for been only just about around nearly almost over under than a".split())


def _a_rate(norm: str, m: re.Match[str]) -> bool:
    """ "100 situps a day", "12 classes a week", "10 hrs a day": how often or how much, not how long it hurts."""
    if m.group(1) in ("a", "an"):
        return bool(_COUNTED_BEFORE.search(norm[: m.start()][-30:]) or _UNITS_BEFORE.search(norm[: m.start()][-12:]))
    return bool(_RATE_AFTER.match(norm[m.end() :]))


_COUNTED_BEFORE = re.compile(r"(?<![\w.])\d+\s+(?:[a-z'-]+\s+){1,3}$")
_UNITS_BEFORE = re.compile(r"(?<!\w)(?:hours|hrs|times|mins|minutes)\s+$")  # "plays violin hours a day"
_RATE_AFTER = re.compile(r"\s*(?:a|per|each|every)\s+(?:day|week|shift|night|month|evening|morning|afternoon|session)\b|\s+(?:days|shifts)\b")  # also "10 hr days"

# "since october", "ever since the summer", "since about halloween", "since the clocks went back": a start
# named by the month, the season or the day of the year, counted back from today (the last one gone by).
_MONTH_NAMES = r"jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAYS_OF_YEAR = {
    "spring": (3, 1), "summer": (6, 1), "autumn": (9, 1), "winter": (12, 1), "easter": (4, 5),
    "christmas": (12, 25), "xmas": (12, 25), "halloween": (10, 31), "bonfire night": (11, 5), "new year": (1, 1),
    "valentines": (2, 14), "valentine's": (2, 14), "the clocks went back": (10, 27), "the clocks changed": (10, 27),
    "the clocks went forward": (3, 28), "the tax year started": (4, 6), "the new tax year": (4, 6), "the summer holidays": (7, 20), "the school holidays": (7, 20),
    "back to school": (9, 3), "the kids went back to school": (9, 3), "the new year": (1, 1), "year": (1, 1),
    "paddy's day": (3, 17), "paddys day": (3, 17), "st patrick's day": (3, 17), "st patricks day": (3, 17), "boxing day": (12, 26),
    "guy fawkes": (11, 5), "new year's": (1, 1), "new years": (1, 1), "hogmanay": (12, 31), "the tattie holidays": (10, 12),
    "mandela day": (7, 18), "the galway races": (7, 28), "galway races": (7, 28), "dia de muertos": (11, 2), "día de muertos": (11, 2),
    "the day of the dead": (11, 2), "the bathurst 1000": (10, 11), "bathurst": (10, 11), "the schools broke up": (7, 20),
    "the daffs came out": (3, 15), "the daffs came oot": (3, 15), "the daffodils came out": (3, 15),
    "tattie holidays": (10, 12), "labour weekend": (10, 26), "crop over": (8, 1), "kadooment": (8, 3), "the melbourne cup": (11, 3),
    "melbourne cup": (11, 3), "makar sankranti": (1, 14), "mothers day": (3, 15), "mother's day": (3, 15), "carnival": (2, 16),
    # Days that are no public holiday (the holidays library dates those: see _holiday_days): near enough for weeks or months.
    "when the clocks went forward": (3, 28), "when the clocks went back": (10, 27), "burns night": (1, 25), "the six nations": (2, 7),
    "six nations": (2, 7), "the grand final": (9, 26), "grand final": (9, 26), "the eisteddfod": (8, 1), "eisteddfod": (8, 1),
    "election day": (11, 3), "founders day": (8, 4), "undas": (11, 1), "remembrance day": (11, 11), "remembrance sunday": (11, 8),
    "the grey cup": (11, 15), "grey cup": (11, 15), "pongal": (1, 14), "thai pongal": (1, 14), "the midterms": (11, 3), "midterms": (11, 3),
}  # fmt: skip
_NAMED_DAYS = "|".join(sorted((re.escape(k) for k in _DAYS_OF_YEAR), key=len, reverse=True))
_SINCE_WORD = (
    r"(?<!\w)(?:since\s+(?:(?:about|aboot|around|round|bout|roughly|maybe|probably|approx|approximately|like|before|just before|just after|after)\s+)?"
    r"|from\s+(?:aboot|bout)\s+|started\s+(?:maybe|around|about|round|in)\s+)"
)  # "since round august", "from bout october", "started maybe april"
_SINCE_NAMED = re.compile(
    _SINCE_WORD + r"(?:(?:my birthday|my bday)\s+in\s+)?(?:the\s+)?(?:(start|beginning|middle|end|back end)\s+(?:of|o)\s+(?:the\s+)?|(early|mid|late)\s+)?(?:last\s+)?"
    rf"({_MONTH_NAMES}|{_NAMED_DAYS})(?!\w)"
)
_ALL_SEASON = re.compile(r"(?<!\w)(?:all|the whole|most of the)\s+(?:of\s+)?(?:the\s+)?(?:last\s+)?(summer|spring|autumn|fall|winter)(?!\w)")
_MOST_OF = re.compile(rf"(?<!\w)(?:most of|all of|all through|throughout)\s+({_MONTH_NAMES})(?!\w)")  # "been like that most of november"
_IN_THEN_SINCE = re.compile(
    rf"(?<!\w)(?:in|back in|around|at|over|during|on)\s+(?:the\s+)?(?:(early|mid|late)\s+)?({_MONTH_NAMES}|{_NAMED_DAYS})(?!\w)"
    r"[^.!?]{0,70}?(?<!\w)(?:ever since|since then|ever since then|since(?=\s*(?:[.,!?]|$))|(still|never been right|not been right|never settled|hasn'?t settled"
    r"|never healed|hasn'?t healed|never gone|hasn'?t gone))(?!\w)"
)
# "copped a cork to the thigh back in june, its still tight": a "still" dates the pain from what happened then, not
# from a plan ("can i come in january, my knee is still sore", "i fly out in february").
_HAPPENED = re.compile(
    r"(?<!\w)(?:did|hurt|twisted|rolled|pulled|strained|sprained|slipped|fell|tripped|copped|threw|injured|jarred|tore|broke|landed"
    r"|knocked|banged|caught|went over|started|began|crashed|jumped|lifted|overdid)(?!\w)"
)
_STILL = re.compile(r"(?<!\w)still(?!\w)")
_PLANNED = re.compile(r"(?<!\w)(?:can i|could i|book|booking|come|coming|going|will|ill|away|fly|flying|wedding|holiday|appointment|open|next)(?!\w)")
# "since i started a desk job in august", "since they brought in the new tills at the start of november": a start
# dated by the month or season said with it.
_SINCE_THEN_IN = re.compile(
    r"(?<!\w)since\s+(?!(?:im|i'm|i am|youre|you're|you are|its|it's|were|we're|ill|i'll|i will|theres|there's)\s)"  # not "since you're closed…"
    r"(?:[a-z0-9']+\s+){1,12}?(?:in|at|around|over)\s+(?:the\s+)?(?:(start|beginning|middle|end)\s+of\s+(?:the\s+)?|(early|mid|late)\s+)?"
    rf"({_MONTH_NAMES}|{_NAMED_DAYS})(?!\w)"
)
_A_SEASON = 91.0  # days: a whole season gone by ("all summer") is over 12 weeks
_PART_DAY = {"start": 1, "beginning": 1, "early": 1, "middle": 15, "mid": 15, "end": 25, "back end": 25, "late": 25}


def _happened_then(before: str) -> bool:
    """Whether the words before a month or day said with "still" tell what happened then, not what is planned."""
    return bool(_HAPPENED.search(before)) and not _PLANNED.search(before)


def _days_since(norm: str, today: date) -> float | None:
    """Days since a named start ("since october", "ever since the summer", "since about halloween", "hurt it in
    february and it has ached ever since"); a whole season gone by ("all summer") is over 12 weeks."""
    if _ALL_SEASON.search(norm):
        return _A_SEASON
    m = _SINCE_NAMED.search(norm) or _SINCE_THEN_IN.search(norm)
    part, name = (m.group(1) or m.group(2), m.group(3)) if m else (None, None)
    m_text = m.group(0) if m else ""
    if m is None and (m2 := _IN_THEN_SINCE.search(norm)) and (m2.group(3) is None or _happened_then(norm[max(0, m2.start() - 60) : m2.start()])):
        part, name = m2.group(1), m2.group(2)
    if name is None and (most := _MOST_OF.search(norm)):
        name = most.group(1)
    if name is None:
        holiday = _days_since_holiday(norm, today)
        return holiday if holiday is not None else _days_since_day_of_month(norm, today)
    if name in _DAYS_OF_YEAR:
        month, day = _DAYS_OF_YEAR[name]
    else:
        month, day = _MONTHS.index(name[:3]) + 1, 1
    if part and name not in _DAYS_OF_YEAR:
        day = _PART_DAY[part]
    start = date(today.year, month, day)
    if start > today or (f"last {name}" in m_text and (today - start).days < _A_SEASON):
        start = date(today.year - 1, month, day)  # "since last winter", said in December: the winter before
    return float((today - start).days)


# Public holidays where the practice's clients write from, by name ("since mashujaa day", "since waitangi day", "since
# eid"), dated by the holidays library; read on first need, not at start.
HOLIDAY_COUNTRIES = (
    "GB",
    "GB-SCT",
    "GB-NIR",
    "IE",
    "US",
    "CA-ON",
    "AU-VIC",
    "AU-NSW",
    "NZ",
    "IN",
    "PK",
    "NG",
    "GH",
    "KE",
    "ZA",
    "JM",
    "BB",
    "TT",
    "PH",
    "SG",
    "MY",
)  # fmt: skip  (a country, or a country and the part whose own holidays count: Ontario's Victoria Day, Victoria's Melbourne Cup)
_SINCE_LEAD = _SINCE_WORD + r"(?:the\s+)?(?:last\s+)?"


@functools.cache
def _holiday_days(year: int) -> tuple[re.Pattern[str], dict[str, tuple[date, ...]]]:
    """For the year and the one before: each holiday's names ("national heroes day", "heroes day", "eid") and
    its dates, and a pattern that finds "since <name>"."""
    import holidays

    dates: dict[str, set[date]] = {}
    for place in HOLIDAY_COUNTRIES:
        country, _, part = place.partition("-")
        try:
            listed = holidays.country_holidays(country, subdiv=part or None, years=[year - 1, year])
        except Exception:
            continue
        for day, said in listed.items():
            for name in said.split(";"):
                for alias in _holiday_aliases(re.sub(r"\([^)]*\)", "", name).strip().lower()):
                    dates.setdefault(alias, set()).add(day)
    # Pancake day is no holiday: the Tuesday 45 days before Good Friday.
    shrove = {friday - timedelta(days=45) for friday in dates.get("good friday", ())}
    dates["pancake day"] = dates["shrove tuesday"] = shrove
    dates["lent"] = dates["ash wednesday"] = {tuesday + timedelta(days=1) for tuesday in shrove}  # "since lent": from its first day
    names = sorted(dates, key=len, reverse=True)
    pattern = re.compile(_SINCE_LEAD + "(" + "|".join(re.escape(n).replace("'", "'?") for n in names) + r")(?!\w)")
    return pattern, {n: tuple(sorted(d)) for n, d in dates.items()}


def warm() -> None:
    """Read this year's holidays now (see Understanding.warm), not at the first "since <holiday>"."""
    _holiday_days(current_date().year)


def _holiday_aliases(name: str) -> list[str]:
    """ "national heroes day" is also said "heroes day"; "thanksgiving day" "thanksgiving"; "eid al-adha" "eid"."""
    out = [name]
    if name.startswith(("national ", "saint ")) and name.count(" ") >= 2:
        out.append(name.split(" ", 1)[1])
    if name.startswith("saint "):
        out.append("st " + name[6:])
    if name == "thanksgiving day":
        out.append("thanksgiving")
    if name.startswith("eid"):
        out += ["eid", "sallah"]  # Nigerian English
    if name.startswith("eid al-fitr"):
        out += ["hari raya", "hari raya puasa", "hari raya aidilfitri"]  # Malaysia, Singapore
    if name.startswith("eid al-adha"):
        out += ["hari raya haji", "hari raya aidiladha"]
    return out


def _days_since_holiday(norm: str, today: date) -> float | None:
    """Days since the last time the holiday named after "since" came round (see _holiday_days)."""
    if "since" not in norm:
        return None
    pattern, dates = _holiday_days(today.year)
    m = pattern.search(norm.replace("’", "'"))
    if m is None:
        return None
    key = next((k for k in dates if k.replace("'", "") == m.group(1).replace("'", "")), None)
    past = [d for d in dates.get(key or "", ()) if d <= today]
    return float((today - max(past)).days) if past else None


# "since the 20th", "on the 29th … ever since", "since the 25th of november", "the first of december": a day of the
# month (this month's when it has come, else last month's).
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_DAY_OF_MONTH = rf"(?:(?:the|di|da)\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)(?:\s+(?:of|o)\s+({_MONTH_NAMES}))?|({'|'.join(_ORDINALS)})\s+(?:of|o)\s+({_MONTH_NAMES}))(?!\w)"
_SINCE_DAY = re.compile(rf"(?<!\w)(?:since\s+(?:(?:about|around|roughly|maybe|approx|bout|round|aboot)\s+)?|from\s+(?:bout|aboot)\s+){_DAY_OF_MONTH}")
# "on the 29th", "that was the 28th", "the regatta was the 17th of october", "about the 10th of november"
_ON_DAY = re.compile(rf"(?<!\w)(?:on|from|was|about|around)\s+{_DAY_OF_MONTH}")
_NOW = re.compile(r"(?<!\w)(?:now|from then)(?!\w).{0,40}(?<!\w)(?:ache|aches|aching|sore|hurt|hurts|pain|paining|throbs|throbbing|stiff|tight|burns)(?!\w)")


# "since 27/11", "since 3/10/26", "since 1 dec", "from 28 nov": a date written the short way (the day first, as in the
# UK; "11/27", a day that cannot be a month, is read the US way). A slash only after "since": "came from, 5/10" is a score.
_SINCE_DATE = re.compile(
    rf"(?<!\w)since\s+(?:(?:about|around|roughly|bout|round)\s+)?(\d{{1,2}})\s*[/.]\s*(\d{{1,2}})(?:\s*[/.]\s*(?:20)?\d\d)?(?![\w/])"
    rf"|(?<!\w)(?:since|from)\s+(?:(?:about|around|roughly|bout|round)\s+)?(\d{{1,2}})\s+({_MONTH_NAMES})(?!\w)"
)


def _short_date(m: re.Match[str]) -> tuple[int, int]:
    """The (day, month) of a _SINCE_DATE match."""
    if m.group(3):
        return int(m.group(3)), _MONTHS.index(m.group(4)[:3]) + 1
    first, second = int(m.group(1)), int(m.group(2))
    return (second, first) if second > 12 >= first else (first, second)


def _days_since_day_of_month(norm: str, today: date) -> float | None:
    """Days since a day of the month said as the start: "since the 20th", or "on the 29th" after what happened
    then or before an "ever since" ("jumped off the trampoline on the 29th, sore ever since"), never a plan
    ("can i come on the 12th"); or a short date ("since 27/11", "since 1 dec")."""
    if (short := _SINCE_DATE.search(norm)) is not None:
        day, month = _short_date(short)
        year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        try:
            return float((today - date(year, month, day)).days)
        except ValueError:
            return None
    m = _SINCE_DAY.search(norm)
    if m is None:
        m = next(
            (
                on
                for on in _ON_DAY.finditer(norm)
                if (("since" in norm) if on.group(0).startswith("was") else not _PLANNED.search(norm[max(0, on.start() - 40) : on.start()]))
                and (
                    _happened_then(norm[max(0, on.start() - 60) : on.start()])
                    or "since" in norm[on.end() :]
                    or bool(_STILL.search(norm[on.end() :]))  # "grabbed the cat off the counter on the 26th ... still stiff"
                    or bool(_NOW.search(norm[on.end() : on.end() + 160]))  # "hung the lights along the gutters on the 1st, now my shoulder throbs"
                    or "since" in norm[max(0, on.start() - 60) : on.start()]
                )
            ),
            None,
        )
    if m is None:
        return None
    day = int(m.group(1)) if m.group(1) else _ORDINALS[m.group(3)]
    month_name = m.group(2) or m.group(4)
    month = _MONTHS.index(month_name[:3]) + 1 if month_name else today.month if day <= today.day else (today.month - 2) % 12 + 1
    year = today.year if month <= today.month else today.year - 1
    try:
        start = date(year, month, day)
    except ValueError:
        return None
    return float((today - start).days) if start <= today else None


def event_dated(norm: str) -> bool:
    """A count of time in ``norm`` said of an event ("my op was 5 weeks ago") or a rate ("100 situps a day"):
    when it happened or how often, not how long it hurts."""
    return any(_event_ago(norm, m) or _a_rate(norm, m) for m in _DURATION.finditer(norm))


def _event_ago(norm: str, m: re.Match[str]) -> bool:
    """ "10 years ago" after "had cancer": when that happened, not how long the pain has lasted."""
    after = norm[m.end() :].lstrip()
    if after.startswith(("post op", "post-op", "after the op", "after my op", "after surgery", "since my op", "since the op", "since surgery")):
        return True
    return (after.startswith(("ago", "back")) and bool(_EVENT_AGO.search(norm[: m.start()]))) or bool(_EVENT_NEAR.search(norm[: m.start()]))


_EVENT_WORDS = frozenset(
    "cancer operation surgery op broke broken fracture fractured replaced replacement diagnosed removed out chemo chemotherapy "
    "radiotherapy baby birth pregnant pregnancy accident stroke".split()
)


def _events_before(tokens: list[str], start: int, width: int) -> bool:
    """An event word among the ``width`` words before ``start`` ("had my appendix out", "broke"), not the "out" of
    "put my back out"."""
    return any(tokens[k] in _EVENT_WORDS and not (tokens[k] == "out" and k and tokens[k - 1] in _PUT_OUT) for k in range(max(0, start - width), start))


_PUT_OUT = frozenset({"back", "neck", "hip", "knee", "shoulder"})


def not_a_duration(tokens: list[str], start: int, end: int) -> bool:
    """ "3 times a week" is how often; "45 years old", "12 weeks pregnant" are not how long it hurts; nor
    "years ago" after "had breast cancer": when something else happened."""
    after = tokens[end] if end < len(tokens) else ""
    ago = after in ("ago", "back") or tokens[end - 1] in ("ago", "back")  # "10 years | ago", "years ago"
    if ago and _events_before(tokens, start, 6):
        return True
    if tokens[start] in ("last", "this") and _events_before(tokens, start, 4):
        return True  # "broke my wrist last month": when it happened
    before = tokens[max(0, start - 6) : start]
    wished = _WISHED.intersection(tokens[max(0, start - 2) : start]) or _BOOKING.intersection(before) or ("come" in before and "i" in before and not _THEN.isdisjoint(before))
    if _DAYS.intersection(tokens[start:end]) and wished and "since" not in tokens[max(0, start - 6) : start]:
        return True  # "can I book for saturday?", "any slots this weekend": when they would like to come
    if after == "in" and tokens[end + 1 : end + 2] in ([], [","], ["."], ["!"], ["?"]) and _NEW_TASK.search(" ".join(tokens[:start])):
        return True  # "new job at a cheese shop ... 3 weeks in": the job's time so far
    if tokens[start:end] == ["days"] and start and tokens[start - 1] in {"these", "those"}:
        return True  # "out of breath on the stairs these days": lately, not a few days
    return bool(_FREQUENCY.intersection(tokens[max(0, start - 2) : start])) or after in ("old", "pregnant")


_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday weekend".split())
_WISHED = frozenset("for next coming".split())  # "for saturday", "next monday": a time wished for
_THEN = frozenset({"can", "could", "may"})  # "can i come on monday?", not "it come on last saturday"
_BOOKING = frozenset("book booking booked appointment appt slot slots space spaces available availability fit open visit".split())


_WHEN_UNITS = r"(?:hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|mths?|years?|yrs?)"
_AGO = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?|{_COUNT})?\s*(?:or so\s*)?({_WHEN_UNITS})\s*(?:ago|back|before|since|post op|post-op|after)(?!\w)")
# "I had stroke before 3 years": "3 years ago" as some write it in English learnt from another language.
_BEFORE_COUNT = re.compile(rf"(?<!\w)(?:had|was|were|did|got|broke|it|\w+ed)\s+(?:\w+\s+){{0,3}}?before\s+(\d+|{_COUNT})\s*({_WHEN_UNITS})(?!\w)")
_LAST = re.compile(r"(?<!\w)(?:last|past|previous)\s+(week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|night)(?!\w)")
_RECENT_DAY = re.compile(
    r"(?<!\w)(?:yesterday|today|this morning|this afternoon|this evening|tonight|last night|the other day"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at the weekend|this week|earlier"
    r"|now had)(?!\w)"  # "I've just had my knee replaced" (text._JUST_NOW reads "just had" as "now had")
)
_IN_YEAR = re.compile(r"(?<![\w/])(?:in|back in|during)\s+((?:19|20)\d\d)(?!\w)")
_LAST_DAYS = {"week": 1.0, "weekend": 1.0, "month": 4.3, "year": 52.0, "night": 0.2}
# A season or a time of life gone by ("last summer", "two winters ago", "in my 20s", "when I was 30"): long
# enough ago (counted as half a year, or a year a season) that it is not the last 6 weeks.
_SEASON_AGO = re.compile(rf"(?<![\w.])(\d+|{_COUNT})\s+(?:summers?|winters?|springs?|autumns?|christmases|christmas)\s+(?:ago|back)(?!\w)")
_LONG_AGO = re.compile(
    r"(?<!\w)(?:last (?:summer|winter|spring|autumn|christmas|easter)|in my (?:teens|twenties|thirties|forties|fifties|[1-9]0'?s)"
    r"|when i was (?:a (?:kid|child|teenager)|younger|young|little|\d\d))(?!\w)"
)


def weeks_ago(text: str, this_year: int, this_month: int | None = None) -> float | None:
    """How many weeks ago something happened, from '3 weeks ago', 'last month', 'yesterday', 'in 2016', 'last
    summer', 'in my 20s', 'in feb' (the last February gone: ``this_month``, today's unless given)."""
    m = _AGO.search(text) or _BEFORE_COUNT.search(text)
    if m:
        count_text = m.group(1) or "a"
        count = float(count_text) if count_text[0].isdigit() else _NUMBER_WORDS.get(count_text, 1)
        return count * _UNIT_DAYS.get(m.group(2).rstrip("s"), 1) / 7
    m = _LAST.search(text)
    if m:
        return _LAST_DAYS.get(m.group(1), 1.0)  # a weekday: within the last week
    if _RECENT_DAY.search(text):
        return 0.1
    m = _IN_YEAR.search(text)
    if m and int(m.group(1)) < this_year:
        return (this_year - int(m.group(1))) * 52.0
    m = _SEASON_AGO.search(text)
    if m:
        count_text = m.group(1)
        return (float(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text, 1)) * 52.0
    if _LONG_AGO.search(text):
        return 26.0
    m = _IN_MONTH.search(text)
    if m:
        month = _MONTHS.index(m.group(1)[:3]) + 1
        months = ((this_month or current_date().month) - month) % 12
        return max(months - 1, 0) * 4.3  # from the end of that month: the latest it can have been
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# "in feb", "back in january", "at the end of march" (not "since march": how long, not when).
_IN_MONTH = re.compile(
    r"(?<!\w)(?<!due )(?<!due back )(?<!expected )(?<!booked )(?<!booked in )(?<!coming )"
    r"(?:in|back in|during|early|late|mid|end of|start of|beginning of)\s+"
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)"
)


_WEEKS_PREGNANT = re.compile(rf"(?<![\w.])(\d{{1,2}}|{_COUNT})\s*(?:weeks?|wks?)(?!\s*(?:ago|back|since|post))(?!\w)")


def pregnancy_weeks(text: str) -> tuple[int, int, int] | None:
    """'28 weeks' near a word for pregnancy: (weeks, start, end) in ``text``, which is not how long it hurts."""
    m = _WEEKS_PREGNANT.search(text)
    if not m:
        return None
    count_text = m.group(1)
    weeks = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text, 0)
    return (weeks, m.start(), m.end()) if 1 <= weeks <= 42 else None


_CLOCK = re.compile(r"(?<![\w.:])(?:(after|from|before|around|about|at|by|past)\s+)?(\d{1,2})(?::(\d\d))?\s*(am|pm|o'?clock)?(?![\w:])")
_PARTS_OF_DAY = (
    ("any_time", re.compile(r"(?<!\w)(?:any ?time|whenever|all day|doesn'?t matter|dont mind|don'?t mind)(?!\w)")),
    ("evening", re.compile(r"(?<!\w)(?:evening|evenings|tonight|after work|after dinner|after tea)(?!\w)")),
    ("afternoon", re.compile(r"(?<!\w)(?:afternoon|afternoons|lunch ?time|after lunch|at lunch)(?!\w)")),
    ("morning", re.compile(r"(?<!\w)(?:morning|mornings|before lunch|first thing|early)(?!\w)")),
)


def part_of_day(norm: str) -> str | None:
    """When to call, from what is typed: 'morning', 'afternoon', 'evening' or 'any_time' ("after 5
    tomorrow" is the evening, "2pm" the afternoon, "9:30" the morning); None when no time is said."""
    for m in _CLOCK.finditer(norm):
        word, hour, suffix = m.group(1), int(m.group(2)), m.group(4)
        if hour > 23 or (suffix is None and word is None and m.group(3) is None):
            continue  # a bare number is not a time ("3 kids")
        if (suffix == "pm" and hour < 12) or (suffix is None and 1 <= hour <= 7):
            hour += 12  # "after 5" is five in the afternoon: nobody asks for a call at 5 am
        if word == "before" and hour <= 12:
            return "morning"
        return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
    return next((part for part, words in _PARTS_OF_DAY if words.search(norm)), None)
