"""The ``Parse`` record of what one message says, and the reading that fills it: phrases found,
then dropped or kept as denied by the scopes, then numbers, who it is about, history and FAQ matches."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any

from bot.content import Content
from bot.content.schema import LANGUAGES

from . import doubt
from .faq import FaqIndex
from .language import Languages
from .lexicon import Entry, Lexicon, Match, Parts
from .numbers import MINUTES_BACK, NUMBER_WORDS, current_date, duration, event_dated, not_a_duration, pregnancy_weeks, severity, weeks_ago
from .onset_shape import EASED, PAIN_ALL_DAY, WORSE, by_shape, moment_heard, sudden_by_shape, whole_job
from .person import HEALTH_SLOTS, SENTENCE_END, SIGN_SLOTS, THEIR, People
from .scopes import NOT_VERBS, concerned_scope, negation_scopes, others_scope, past_scope
from .text import BOUNDARY, asks_something, clauses, has_phrase, plain, tokenize

# Words of a symptom in a circumstance's phrase ("pregnant and bleeding", "my waters have broken"): then it
# is a sign wherever the pain is; without one ("20 weeks pregnant"), it waits for a pain where it applies.
_SYMPTOM = frozenset("blood waters spotting cramp cramps cramping moved moving kicking quiet felt movement movements hard pain pains agony".split())
_NUMB = frozenset("numb numbness tingling tingly tingle tingles pins needles".split())
_NOT_TIRED = frozenset("now today suddenly gave went gone popped snapped tore torn injured injury fell fall landed tackle tackled hit knocked crashed twisted".split())
# Beside breathlessness at a workout, words that make it more than being out of puff (a clot, the heart).
_MORE_THAN_PUFFED = frozenset("calf leg swollen flight flew clot chest heart faint fainted dizzy blue lips blood cough coughing".split())
# Beside a workout figure of speech ("literally paralysed after barre, every muscle is sore"): sore muscles,
# and what makes it one part of the body or a fall rather than the whole body tired.
_SORE = frozenset("sore soreness ache aches aching achy stiff doms burning killing screaming".split())
_ONE_PART = frozenset("left right side one arm hand leg foot face collapsed collapse fell dragging slapping grip".split())
_CANT_FEEL = frozenset({("cant", "feel"), ("cannot", "feel"), ("couldnt", "feel"), ("no", "feeling")})
_SPEAK = frozenset({"talk", "speak"})
_WINDED = frozenset({"breathless", "breath", "puffed", "puffing", "gasping", "panting", "lungs", "winded", "wheezing"})
_CHANGED = frozenset("new worse worsening spreading suddenly sudden now today tonight yesterday morning hour hours twice".split())
_ABOUT_THE_PAIN = frozenset({"pain_type", "onset", "duration", "activity"})  # read for the person writing (a place is kept: their signs need it)
_SHORT = 12  # characters: "yes", "a bit", "lower back" are answers, not accounts the second reader weighs
MAX_TEXT = 1000  # characters read from one message; the rest is ignored

CLOT_RISK_WEEKS = 12.5  # an operation, a fracture or a cast this recent makes a clot in the leg more likely
RECENT_WEEKS = 6.5  # surgery or a fracture this recent still counts as healing ("6 weeks ago", "last month")
_MONEY = re.compile(r"[£$€]")
_PREGNANCY_WEEKS = 42
_NOT_YET = frozenset({"yet", "still"})  # "still not recovered", "not yet healed"
# Said to be there now, again or worse: a sign in the message is not over, whatever else it says.
_STILL_THERE = re.compile(
    r"\bstill\b(?! (?:fine|ok|okay|good|great|clear|all clear|healthy|well|normal))|\bagain\b|\bworse\b|\bworsening\b"
    r"|\bright now\b|\bat the moment\b|\bcurrently\b|\bkeeps?\b|\bcomes back\b"
)
_ASKED_ABOUT = 4  # words after "what counts as" that are asked about
# What the person says about their pain: a question holding these asks about it ("…, is that normal for a pulled back?").
_TIME_UNITS = frozenset("days nights weeks months years mornings evenings times".split())
_PAIN_TALK = frozenset({"region", "pain_type", "condition", "red_flag", "screen", "contra", "onset", "duration"})
_CLAUSE_BREAK = frozenset({"and", "but", "now", "so", "then", "though", "although", "while"})
_FINE = frozenset({"fine", "better", "ok", "okay", "alright", "healed", "good"})
_BE = frozenset({"is", "are", "feels", "feel", "was", "seems", "been", "now", "all"})
_NOT_FINE = frozenset({"not", "no", "isnt", "arent", "hasnt", "havent", "any", "never"})
# Someone in general after "if": "is it true you shouldn't get a massage if you've got a clot?" ("if I have…" is the person).
_ANYONE = frozenset({"you", "youve", "youre", "u", "someone", "somebody", "anyone", "anybody", "people", "one"})
# "Do you screen for…", "can you check for…": asking what the practice does.
_UNSURE_IF = frozenset({"sure", "wondering", "wonder", "know", "see", "ask", "asking"})  # "not sure if you can help"
_TOLD = frozenset({("got", "it"), ("have", "it"), ("had", "it"), ("i", "do"), ("happened",), ("happens",), ("thats", "me"), ("its", "me"), ("got", "one"), ("twice",), ("times",)})
_NOW_SAID = frozenset({"now", "currently", "today", "tonight", "moment"})
_LOOK_FOR = frozenset({"screen", "check", "test", "look", "ask"})
_DO_YOU = frozenset((a, b) for a in ("do", "does", "can", "will", "would", "could") for b in ("you", "u", "ya", "they"))
_TIMED = ("surgery", "fracture", "joint_replacement")  # history whose "how long ago" is read
# What a history item means for the safety checks, where the content has these ids.
_HISTORY_CONTRA = {"surgery_recent": "recent_surgery_injury", "fracture_recent": "recent_surgery_injury", "pregnancy": "pregnancy"}
_HISTORY_FLAGS = {"cancer": "cancer_history"}
# History that answers a safety question, said once for the whole conversation ("I'm 38 weeks pregnant", then
# the tummy tapped: "Are you pregnant?" is answered): see steps.SafetyQuestions.arrive.
HISTORY_SIGNS = {**_HISTORY_FLAGS, "pregnancy": "tummy_pregnant"}
# The contraindications of recent history only (surgery or a fracture in the last 6 weeks): one dated longer ago is not one.
_RECENT_CONTRA = frozenset(c for tag, c in _HISTORY_CONTRA.items() if tag.endswith("_recent"))
# The words of a clause that only says when ("…, about 6 months ago now").
_WHEN_WORDS = frozenset("a an about around roughly maybe over nearly almost just ago back now last this in the of few couple several".split())
_AGO_TEXT = re.compile(
    r"(?<![\w.])(?:\d+(?:\.\d+)?|a|an|a few|a couple of|couple of|few|several|two|three|four|five|six|seven|eight|nine|ten)?"
    r"\s*(?:days?|weeks?|wks?|months?|years?|yrs?)\s+(?:ago|back)(?!\w)"
)


NOT_SURE_HOW = "unknown"  # answers.yaml's onset "Not sure how it began"
# "since we flew back", "call me back", "back to work": "back" that is not a place.
_RETURNING = frozenset(
    "flew fly flying came come coming went go going got get getting drove drive driving walked sent send call ring phone text "
    "write wrote bounce bounced brought bring gave give hold held looking look is its was".split()
)
_BACK_TO = frozenset("to from home in later again then".split())
_TIME_BACK = frozenset("days weeks months years day week month year yrs wks ages while".split())
_OWNERS = frozenset("my me ma his her the your their our left right both".split())
# The back of another part is that part ("the back of my neck"), read by its own words; "the back of it" is no place.
_NOT_BACK_PARTS = frozenset(
    "neck head skull thigh thighs leg legs knee knees heel heels calf calves arm arms hand hands shoulder shoulders ankle ankles foot "
    "feet hip hips throat eye eyes tongue it them".split()
)


def _back_as_in_returning(tokens: list[str], start: int, end: int) -> bool:
    """The word "back" alone, used as in "flew back from Orlando" or "back to work", not the body part."""
    if tokens[start:end] != ["back"]:
        return False
    before = tokens[start - 1] if start else ""
    after = tokens[end] if end < len(tokens) else ""
    if after == "end" or before in _TIME_BACK:
        return True  # "since the back end of october", "6 days back"
    if after == "of":
        part = next((t for t in tokens[end + 1 : end + 4] if t not in _OWNERS), "")
        if part in _NOT_BACK_PARTS:
            return True  # "the back of me neck", "the back of me left thigh", "an electric zap down the back of it"
    return before in _RETURNING or (after in _BACK_TO and before not in ("my", "his", "her", "the", "lower", "upper", "your", "their"))


def _counted(tokens: list[str], start: int) -> bool:
    """ "my op was 5 weeks ago", "in a cast for 6 weeks", "100 situps a day": a count of time said of an event
    or a rate (numbers.event_dated), not how long it hurts."""
    return event_dated(" ".join(tokens[max(0, start - 10) : start + 3]))


# Words that make a "no idea" / "not sure" in a longer message about how the pain began.
_ABOUT_A_START = frozenset(
    "start started starting began begin came come happened happen why how reason cause caused nowhere did done do triggered trigger "
    "hurting hurt injury injured mystery anything knowing knock random set brought noticed explain guess".split()
)


@dataclass
class Parse:
    """What one message says. Absent answers are None or empty."""

    regions: list[str] = field(default_factory=list)  # every place said, the main one (said first) first
    # In a message about the person writing, the places said of someone else ("my son twisted his ankle, my
    # shoulder aches": the ankle): not the person's, but where that person's own signs are.
    their_regions: list[str] = field(default_factory=list)
    # Someone else's warning signs (red flags and first-screen items) that count, an emergency now, in a
    # message about the person's own pain: theirs, wherever it hurts the person.
    theirs_now: list[str] = field(default_factory=list)
    sides: dict[str, str] = field(default_factory=dict)  # region -> left | right | both
    pain_types: list[str] = field(default_factory=list)
    # Answers a message gives only as the reply to their own question, by slot: "sore" answers "what does the
    # pain feel like?" (answers.yaml when_asked) and "not sure" answers "how did it start?", but alone they tell
    # no kind of pain and no start ("not sure" to a safety question).
    when_asked: dict[str, str] = field(default_factory=dict)
    onset: str | None = None
    duration: str | None = None
    severity: int | None = None
    conditions: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    screen: list[str] = field(default_factory=list)  # life-threatening signs (red_flags.yaml screen:)
    contra: list[str] = field(default_factory=list)  # contraindications to massage
    negated: list[str] = field(default_factory=list)  # "slot:id" the person said they do NOT have
    faq: list[tuple[str, float]] = field(default_factory=list)  # (id, confidence 0-1), best first
    correction: bool = False  # "no, it's my upper back": replace an earlier answer
    question: bool = False  # phrased as a question
    doubt: bool = False  # the second reader (doubt.py) is confident it carries a warning sign, named or not
    # The level the reader of meaning hears (urgent or doctor_first) above any the word lists reached: the
    # questions go on, and the outcome is at least this ("sounds like a doctor today").
    heard: str | None = None
    # Signs the word lists named (red flag and first-screen ids) in a message the reader of meaning is
    # confident carries none ("I'm a carer for my mum who had a stroke"): asked about before any advice.
    to_confirm: list[str] = field(default_factory=list)
    # The message says a sign was checked and cleared, explained or kept under control, or is better after a
    # time long gone (messages.yaml over_or_explained, better_now): with the reader of meaning not sure of a
    # sign either (meaning.UNSURE_IF_OVER), its signs are asked about first.
    sounds_over: bool = False
    # Places said only inside a warning sign's own words ("chest" of "I deal with chest pains all day"), each
    # with the signs that hold it: not where it hurts once those signs are only asked about (to_confirm).
    sign_places: dict[str, list[str]] = field(default_factory=dict)
    asks_else: bool = False  # the question is about something besides the pain described ("…, do you do dog massage?")
    # Someone else's sign that needs a doctor today, said in a message about the person's own pain ("my dad
    # fell this morning and can't put weight on his leg, my back aches from helping him up"): not theirs,
    # but worth a word for the other person. Ids of red flags, screen items or contraindications.
    others_signs: list[str] = field(default_factory=list)
    # Warning signs of red_flags.yaml marked context (a circumstance: "pregnant", "a long flight") read with
    # a symptom's words ("28 weeks pregnant and bleeding", "my waters have broken"): signs wherever it hurts.
    with_symptom: list[str] = field(default_factory=list)
    # history tags (schema.HISTORY_TAGS, with surgery and fracture as surgery_recent / fracture_recent
    # when within 6 weeks): "cancer", "osteoporosis", "joint_replacement", "surgery_recent"…
    history: list[str] = field(default_factory=list)
    history_weeks: dict[str, float] = field(default_factory=dict)  # tag -> how many weeks ago, when said
    pregnancy_weeks: int | None = None  # "28 weeks pregnant"
    age: int | None = None  # of the person the message is about
    for_whom: str = "self"  # self | other ("my mum", "asking for my son")
    language: str = "en"  # ISO 639-1 code of the message's language

    def to_dict(self) -> dict[str, Any]:
        return {
            "regions": self.regions,
            "sides": self.sides,
            "pain_types": self.pain_types,
            "when_asked": self.when_asked,
            "onset": self.onset,
            "duration": self.duration,
            "severity": self.severity,
            "conditions": self.conditions,
            "red_flags": self.red_flags,
            "screen": self.screen,
            "contraindications": self.contra,
            "negated": self.negated,
            "others_signs": self.others_signs,
            "history": self.history,
            "history_weeks": {k: round(v, 1) for k, v in self.history_weeks.items()},
            "pregnancy_weeks": self.pregnancy_weeks,
            "age": self.age,
            "for_whom": self.for_whom,
            "language": self.language,
            "question": self.question,
            "doubt": self.doubt,
            "heard": self.heard,
            "to_confirm": self.to_confirm,
            "faq": [{"id": i, "score": round(s, 3)} for i, s in self.faq],
        }

    @property
    def pain_said(self) -> bool:
        """A pain is told of: a kind of pain, or a word that only says it hurts that way ("sore")."""
        return bool(self.pain_types or "pain_type" in self.when_asked)

    def slot(self, slot: str) -> str | int | None:
        """The answer for one question slot, if the message gives it."""
        if slot == "region":
            return self.regions[0] if self.regions else None
        if slot == "pain_type":
            return self.pain_types[0] if self.pain_types else None
        value: str | int | None = getattr(self, slot, None)
        return value


class Parser:
    """Reads messages against one content's lexicon, negation and correction cues, and FAQ index."""

    def __init__(self, content: Content, lexicon: Lexicon, faq_index: FaqIndex) -> None:
        self.content = content
        self.lexicon = lexicon
        self.faq_index = faq_index
        words = content.words

        def phrases(key: str) -> frozenset[tuple[str, ...]]:
            return frozenset(p for p in (tuple(t for t in tokenize(w) if t not in BOUNDARY) for w in words.get(key, ())) if p)

        self.cues = {key: {tuple(tokenize(w)) for w in words.get(key, ())} for key in ("negation", "correction")}
        self.negation = {c[0] for c in self.cues["negation"] if len(c) == 1}
        self.past_counts = frozenset(f.id for f in content.red_flags if f.past_counts)
        # Signs whose words are never a figure of speech (red_flags.yaml always_advised): someone else's that
        # "seems fine" is not over ("she's eaten some of my tablets… she seems fine": it can harm before it shows).
        self.always_advised = frozenset(f.id for f in content.red_flags if f.always_advised)
        self.others = frozenset(t for w in words.get("others", ()) for t in tokenize(w) if t not in BOUNDARY)
        # For People, a name's last word: "law" of "mother in law" ("in" is nobody).
        self.people = People((p[-1] for p in phrases("others")), phrases("for_other"), (p[-1] for p in phrases("animals")), phrases("well_again"))
        self.languages = Languages({code: words.get(f"language_{code}", ()) for code in LANGUAGES})
        self.lately = phrases("lately")
        self.unchanged = phrases("unchanged")
        self.workout = phrases("workout")
        self.workout_flags = frozenset(f.id for f in content.red_flags if f.workout_tiredness)
        self.workout_figures = phrases("workout_figures")
        self.gradual_with = {f.id: frozenset(f.gradual_with) for f in content.red_flags if f.gradual_with}
        self.sudden = frozenset(p for o in content.onsets if o.id == "sudden" for p in (tuple(t for t in tokenize(w) if t not in BOUNDARY) for w in o.words) if p)
        self.only_if_sudden = phrases("only_if_sudden")
        self.over_or_explained = phrases("over_or_explained")
        self.better_now = phrases("better_now")
        self.replies = frozenset(" ".join(p) for key in ("yes", "no", "not_sure", "hedge_yes", "hedge_no", "hedge_unsure") for p in phrases(key))
        # "what counts as confused", "what do you mean by the toilet one" (not "dunno what I did").
        self.unclear = frozenset(p for p in phrases("not_understood") if p[0] in ("what", "whats") and p[-1] in ("as", "by"))
        self.pregnancy_words = (
            re.compile(r"(?<!\w)(?:" + "|".join(sorted((re.escape(plain(w)) for w in words.get("history_pregnancy", ()) if plain(w)), key=len, reverse=True)) + r")(?!\w)")
            if words.get("history_pregnancy")
            else None
        )
        self.flag_ids = frozenset(f.id for f in content.red_flags)
        self.flag_regions = {f.id: frozenset(f.regions) for f in content.red_flags}
        self.context_flags = frozenset(f.id for f in content.red_flags if f.context)
        self.follows = {f.id: frozenset(f.after) for f in content.red_flags if f.after}  # a follow-up: the signs it comes after
        self.min_ages = {f.id: f.min_age for f in content.red_flags if f.min_age is not None}
        self.contra_ids = frozenset(c.id for c in content.contraindications)
        self.levels = {
            **{("red_flag", f.id): f.level for f in content.red_flags},
            **{("screen", c.id): c.level for c in content.screen},
            **{("contra", c.id): c.level for c in content.contraindications},
        }

    def parse(self, raw: str, faq: bool = True) -> Parse:
        """Everything one message says."""
        raw = raw[:MAX_TEXT]
        language = self.languages.detect(raw)
        # Another language's words are not English typos ("dolor" is not "door").
        tokens = self.lexicon.words(raw) if language == "en" else tokenize(raw)
        norm = " ".join(t for t in tokens if t not in BOUNDARY)
        out = Parse(question=asks_something(raw, norm), language=language)
        if language == "en" and len(norm) > _SHORT and (model := doubt.stored()) is not None:  # loaded at the first message, not at start
            out.doubt = model.doubts(raw)
        matches, parts = self.lexicon.find_parts(tokens)
        this_year = current_date().year
        negated_symptoms, negated_places = negation_scopes(tokens, matches, self.negation, parts)
        past = past_scope(tokens, this_year)
        others = others_scope(tokens, self.others)
        # In a message about the person writing, whose each health word is (People.theirs).
        cue = self.people.cue(tokens)
        about, whose = self.people.theirs(tokens, matches, parts, negated_symptoms | negated_places | past, past | others, cue)
        over = past | self.people.long_over(tokens, this_year, RECENT_WEEKS)  # "my grandad died…", "since mum's fall last year"
        # Someone else's signs in a message about the person (see _someone_elses): by where they are said.
        elses = {
            (start, end, entry): theirs
            for start, end, entry in (matches if whose else ())
            if (theirs := self._someone_elses(entry, [start, *(p for p, _ in parts.get((start, end, entry), ()))], about, whose, over))
        }
        # "I'm asking for myself"; "my dad fell… my back aches from helping him up" is about the person.
        out.for_whom = "self" if about == "said" else self.people.for_whom(tokens, [m for m in matches if m not in elses], cue, over)
        # Written for someone else, about how they are now: their own past ("mum had breast cancer years ago,
        # now her back aches") is theirs. Not a relative's history alone ("my father had prostate cancer").
        own_past: set[int] = set()
        if others and out.for_whom == "other" and self.people.for_whom(tokens, [m for m in matches if m[0] not in others], cue, over) == "other":
            own_past = concerned_scope(tokens, self.others)
        sentence = _sentences(tokens)
        unclear = self._asked_about(tokens, sentence)
        out.correction = any(tuple(tokens[i : i + len(c)]) == c for c in self.cues["correction"] for i in range(len(tokens)))
        side: str | None = None
        onsets: list[str] = []
        moment = False  # a sudden word that tells what happened, not only how fast
        came_slowly = False  # a sign said to have come on over time, not suddenly (see _not_sudden)
        knows_not = False  # not knowing said of the start: "no idea how", "hasnt a clue why its started"
        not_knowing: set[tuple[str, ...]] = set()  # the words of not knowing said
        by_activity: set[str] = set()  # onsets read from what they do (beside a cause or effect word)
        by_word: set[str] = set()  # onsets read from onset words
        history: list[tuple[int, int, str]] = []
        region_at: list[int] = []  # where each place of out.regions was first said
        # "eases after walking about": what helps is not a cause; "sitting makes it worse": a trigger, not a cause.
        causes = [end for start, end, entry in matches if entry.slot == "cause" and (start == 0 or tokens[start - 1] not in EASED) and not _worse_after(tokens, start)]
        effects = [start for start, end, entry in matches if entry.slot == "effect" and "worse" not in tokens[end : end + 4]]  # "sitting at my desk makes my back stiff"
        symptomatic: set[str] = set()
        gradual: set[str] = set()  # signs said to come on gradually (see _not_sudden), that still count beside another
        named: set[str] = set()  # red flags read from their own words
        follow_words: set[str] = set()  # red flags read from a follow-up's after_words: they need a sign it follows
        said_in: dict[str, set[tuple[int, int]]] = {}  # the sentences each sign is said in
        duration_at = 0  # where the duration read from words was said
        sign_words: dict[str, set[int]] = {}  # where each sign read is said (all its parts)
        place_at: dict[str, list[int]] = {}  # where each place read is said
        # In a message about the person, where someone else's words are (their clauses, and those over), and
        # the places said there.
        their_words = {i for i, w in enumerate(whose) if w in ("other", "over")} if about else set()
        their_places = {m.id for a, _, m in matches if m.slot == "region" and a in their_words}
        for start, end, entry in matches:
            if entry.slot == "side":
                side = entry.id
                continue
            if start in others and entry.slot in HEALTH_SLOTS and not (start in own_past and self._lasting(entry)):
                continue
            if (start, end, entry) in elses:
                # Where it hurts them, when said; a circumstance ("wife's pregnant") only with a place it fits.
                circumstance = entry.id in self.context_flags and self._circumstance(tokens, (start, end, entry), parts)
                fits = self._anywhere(entry) or not their_places.isdisjoint(self.flag_regions.get(entry.id, ())) or not (their_places or circumstance)
                if elses[start, end, entry] == "today" and fits:
                    add_new(out.others_signs, entry.id)  # "my dad's calf is hot and swollen after his flight": a word for him
                continue
            if entry.slot in _ABOUT_THE_PAIN and start in their_words:
                continue  # "my son twisted his knee last week, my shoulder has been stiff for months": his knee, his week
            if (
                out.for_whom == "self"
                and entry.slot in SIGN_SLOTS
                and self.levels.get((entry.slot, entry.id)) != "emergency"
                and _theirs(tokens, start, end, parts.get((start, end, entry), ()))
            ):
                continue  # "my mate came off his bike, mine is just a tight back": someone else's sign
            if out.for_whom == "self" and entry.slot == "history" and _theirs(tokens, max(start - 1, _clause_start(tokens, start)), min(end + 2, _clause_end(tokens, start)), ()):
                continue  # "helping dad since he broke his hip last year", "mum had her knee replaced": their history
            if start in past and (entry.slot in ("screen", "contra") or (entry.slot == "red_flag" and entry.id not in self.past_counts)):
                continue
            if entry.slot == "onset" and tokens[end - 1] == "fell" and tokens[end : end + 1] == ["pregnant"]:
                continue  # "I fell pregnant in june": not a fall
            if entry.id == "pregnancy" and _over(tokens, start, past, this_year):
                continue  # "since I was pregnant with my son 5 years ago": not pregnant now
            if entry.id in self.follows and any(p in past for p, _ in parts.get((start, end, entry), ())):
                continue  # "had whiplash 10 years ago, fingers tingle when I type": the injury a follow-up needs is long over
            if entry.slot in ("screen", "red_flag") and self._not_sudden(tokens, start, end, sentence):
                came_slowly = came_slowly or has_phrase(tokens, _TIME_COURSE, *sentence[start])  # "a bit out of breath these days"
                if entry.id in self.gradual_with and start not in negated_symptoms:
                    gradual.add(entry.id)  # "…swollen calf, and now short of breath on the stairs": kept if the other sign is
                continue
            if entry.slot in ("screen", "red_flag") and (
                self._unchanged(tokens, start, entry, sentence) or self._tired(tokens, start, entry, sentence) or self._winded(tokens, start, sentence)
            ):
                continue
            negated = start in (negated_places if entry.slot == "region" else negated_symptoms)
            # "no fever, just a stiff neck": a sign said in parts is denied when any part is.
            # (Unless the part is also said elsewhere, not denied: "new headache round her temples…, she's never
            # been a headache person, and her jaw aches chewing".)
            negated = negated or any(p in negated_symptoms and not _said_too(tokens, p, q, negated_symptoms) for p, q in parts.get((start, end, entry), ()))
            if start in unclear and entry.slot in HEALTH_SLOTS:
                continue  # "what counts as confused?": asked about, not said
            if negated:
                tag = f"{entry.slot}:{entry.id}"
                if tag not in out.negated:
                    out.negated.append(tag)
                continue
            if entry.slot == "region" and _back_as_in_returning(tokens, start, end):
                continue
            if entry.slot == "region" and start in their_words:
                add_new(out.their_regions, entry.id)
                continue
            if entry.slot in ("red_flag", "screen") and about and whose[start] == "other":
                add_new(out.theirs_now, entry.id)  # someone else's emergency now (see _someone_elses)
            if entry.slot in ("red_flag", "screen"):
                # "chest tight on and off for a few weeks"; not a history ("having chemo … so tight lately": the lately is the ache's)
                came_slowly = came_slowly or (entry.id not in self.past_counts and has_phrase(tokens, _TIME_COURSE, *sentence[start]))
                spans = [(start, end), *parts.get((start, end, entry), ())]
                sign_words.setdefault(entry.id, set()).update(k for a, b in spans for k in range(a, b))
            if entry.asked:
                out.when_asked.setdefault(entry.slot, entry.id)
            elif entry.slot == "region":
                place_at.setdefault(entry.id, []).append(start)
                if entry.id not in out.regions:
                    out.regions.append(entry.id)
                    region_at.append(start)
                if side is not None and start - _last_side_end(matches, start) <= 3:
                    out.sides.setdefault(entry.id, side)
            elif entry.slot == "pain_type":
                add_new(out.pain_types, entry.id)
            elif entry.slot == "condition":
                add_new(out.conditions, entry.id)
            elif entry.slot == "red_flag":
                add_new(out.red_flags, entry.id)
                (follow_words if entry.follow else named).add(entry.id)
                said_in.setdefault(entry.id, set()).add(sentence[start])
                if entry.id in self.context_flags and not self._circumstance(tokens, (start, end, entry), parts):
                    symptomatic.add(entry.id)
            elif entry.slot == "screen":
                add_new(out.screen, entry.id)
                said_in.setdefault(entry.id, set()).add(sentence[start])
            elif entry.slot == "contra":
                if entry.id in _RECENT_CONTRA and (weeks := _weeks_ago_said(tokens, start, this_year)) is not None and weeks > RECENT_WEEKS:
                    continue  # "had surgery on my shoulder 6 months ago", "I had a fall last year": not in the last 6 weeks
                add_new(out.contra, entry.id)
            elif entry.slot == "history":
                history.append((start, end, entry.id))
            elif (
                entry.slot == "onset"
                and not _worse_after(tokens, start)
                and not _not_a_start(tokens, start, end, entry.id)
                and not (start and tokens[start - 1] in self.people.others_s)  # "my brothers crash in his ute": his, not theirs
            ) or (
                entry.slot == "activity"
                and not (start and tokens[start - 1] in _TIME_UNITS and tokens[start] == "running")  # "3 days running": in a row
                and not _not_a_start(tokens, start, end)
                and (any(0 <= start - c <= 4 for c in causes) or any(0 <= e - end <= 4 for e in effects))
            ):
                if entry.id == "sudden" and _again_and_again(tokens, start, end):
                    continue  # "keeps cramping up mid set", "reaching up for the cups all day": not one moment
                onsets.append(entry.id)
                if entry.slot == "activity":
                    by_activity.add(entry.id)
                else:
                    by_word.add(entry.id)
                if entry.id == "sudden" and tuple(tokens[start:end]) not in _SUDDEN_ONLY:
                    moment = True
                if entry.id == NOT_SURE_HOW:
                    not_knowing.add(tuple(tokens[start:end]))
                if entry.id == NOT_SURE_HOW and tokens[end : end + 1] in (["how"], ["why"], ["what"], ["where"]):
                    knows_not = True
            elif entry.slot == "duration" and out.duration is None and not not_a_duration(tokens, start, end) and not _counted(tokens, start):
                out.duration = entry.id
                duration_at = start
        for flag in sorted(gradual):
            if not self.gradual_with[flag].isdisjoint(out.red_flags):
                add_new(out.red_flags, flag)
        if alone := self._alone(follow_words - named, out, said_in, sentence):
            out.red_flags = [f for f in out.red_flags if f not in alone]
            out.theirs_now = [f for f in out.theirs_now if f not in alone]
        out.with_symptom = [f for f in out.red_flags if f in symptomatic]
        for place, where in place_at.items():
            holders = [sign for sign, at in sign_words.items() if sign in out.red_flags or sign in out.screen if at.issuperset(where)]
            if holders:
                out.sign_places[place] = holders
        out.regions = _hurting_first(tokens, out.regions, region_at, history)
        # Several clues: the one listed first in answers.yaml wins (an injury says most).
        if "unknown" in onsets and "sudden" in onsets and not moment:
            onsets.remove("sudden")  # "donno what i did lah, suddenly my left hip pain": how fast, but not knowing how
        ranked = [o.id for o in self.content.onsets]
        if "sudden" not in onsets and moment_heard(tokens):
            onsets.append("sudden")  # "first stroke off the start and my shoulder went clunk"
            moment = True
        if "overuse" in by_activity and "overuse" not in by_word and cause_ruled_out(raw):
            onsets = [o for o in onsets if o != "overuse"]  # "im a pharmacist, standing all day doesnt bother me"
        if knows_not and "gradual" in onsets:
            onsets.remove("gradual")  # "no idea how but my wrist has gone achy over the past week": not knowing says more
        if "overuse" in onsets and "gradual" in onsets:
            onsets.remove("gradual")  # "my knees throb after every ride, getting worse": what wore it down says more than how fast
        out.onset = min(onsets, key=ranked.index) if onsets else None
        shaped = by_shape(tokens, raw.lower()) if out.onset in (None, "gradual", NOT_SURE_HOW) else None
        if shaped == "gradual" and out.onset == NOT_SURE_HOW and not knows_not:
            out.onset = shaped  # "getting achier bit by bit, didnt do anything to it": no injury, a slow build
        elif shaped and (out.onset is None or (shaped == "overuse" and out.onset != NOT_SURE_HOW)) and not (shaped == "overuse" and cause_ruled_out(raw)):
            out.onset = shaped  # not a job named and ruled out ("im a lecturer, the teaching is fine")
        if out.onset is None and sudden_by_shape(tokens) and not _DOUBTED.search(" ".join(tokens)):
            out.onset = "sudden"  # not "took a knock to the shin the day before, not sure thats it tho"
        if (
            out.onset == "overuse"
            and "overuse" not in by_word
            and not (out.regions or out.pain_said or out.red_flags or out.screen)
            and _A_TIME.search(raw.lower())
            and WORSE.isdisjoint(tokens)
        ):
            out.onset = None  # "after work is best", "weekdays after 6, im at work till then": a time to ring, no pain told
        if out.onset is None and (out.red_flags or out.screen) and not came_slowly and _MINUTES_AGO.search(raw.lower()):
            out.onset = "sudden"  # "half my face has dropped, came on 20 mins ago": a sign that came minutes ago
        if out.onset is None and "onset:sudden" in out.negated and any(tokens[k + 1 : k + 2] in (["sudden"], ["suddenly"]) for k, t in enumerate(tokens) if t in _NOT_SO):
            out.onset = "gradual"  # "its not sudden, my shoulder has been stiff for months" (a negated word, not a listed one: see red flags)
        if out.onset is None and came_slowly:
            out.onset = "gradual"  # "chest a little tight on and off for a few weeks when i go up hills"
        if out.onset == NOT_SURE_HOW and not_knowing <= _UNSURE_ANY and _ABOUT_A_START.isdisjoint(tokens) and not _GUESSED.search(" ".join(tokens)):
            out.onset = None  # "no, I don't know what half those words mean", "not sure" to a safety question: not sure of something else
            if len([t for t in tokens if t not in BOUNDARY]) <= 4:
                out.when_asked.setdefault("onset", NOT_SURE_HOW)  # "dunno" to "how did it start?"
        numbers = plain(raw)
        numbers = self._history(out, tokens, matches, history, past, sentence, numbers, this_year)
        if out.pregnancy_weeks is not None and duration_at and tokens[duration_at - 1] == str(out.pregnancy_weeks):
            out.duration = None  # "I'm pregnant, 38 weeks, my back aches": the weeks of the pregnancy, not how long it hurts
        timed = numbers
        if their_words:  # "my husband has had a fever since yesterday, my neck is stiff": his day, not the person's
            timed = plain(" ".join(t for i, t in enumerate(tokens) if i not in their_words))
        out.duration = duration(timed) or out.duration
        out.severity = severity(numbers)
        out.age = self.people.age(numbers, out.for_whom, raw)
        out.sounds_over = self._sounds_over([t for t in tokens if t not in BOUNDARY], plain(raw), this_year)
        if self.min_ages:  # "back pain new after 50": read only when the person is known to be old enough
            out.red_flags = [f for f in out.red_flags if f not in self.min_ages or (out.age is not None and out.age >= self.min_ages[f])]
        if faq and language == "en" and norm not in self.replies:  # "a little" answers a question, it asks none
            if _MONEY.search(raw):
                tokens = [*tokens, "price"]  # "£££?", "$$": a question about money
            asked = self._question_part(raw, tokens)
            part = len(asked) < len([t for t in tokens if t not in BOUNDARY])
            out.faq = self.faq_index.rank(tokens, asked if part else None)
            if part and out.question:
                said = set(asked)
                out.asks_else = not any(m[2].slot in _PAIN_TALK and said.intersection(tokens[m[0] : m[1]]) for m in matches)
        return out

    def _sounds_over(self, words: list[str], text: str, this_year: int) -> bool:
        """Whether the message says a sign was checked and cleared, explained or kept under control, or that
        the person is better again after something dated more than 6 weeks ago (see Parse.sounds_over); never
        when it says it is still there, again or worse ("all clear, but my chest still feels tight")."""
        if _STILL_THERE.search(text):
            return False
        if self._said_not_denied(words, self.over_or_explained):
            return True
        weeks = weeks_ago(text, this_year)
        return weeks is not None and weeks > RECENT_WEEKS and self._said_not_denied(words, self.better_now)

    def _said_not_denied(self, words: list[str], phrases: frozenset[tuple[str, ...]]) -> bool:
        """One of ``phrases`` said, and not denied ("hasn't recovered", "not all clear", "never healed")."""
        sizes = {len(p) for p in phrases}
        return any(tuple(words[i : i + n]) in phrases and not {*words[max(0, i - 3) : i]} & (self.negation | NOT_VERBS | _NOT_YET) for i in range(len(words)) for n in sizes)

    def _someone_elses(self, entry: Entry, where: list[int], about: str | None, whose: list[str | None], dated: Set[int] = frozenset()) -> str | None:
        """Whether a sign or history said at ``where`` (a sign said in parts: at each part) is someone else's,
        in a message about the person writing (see People.theirs): "dad's got numb feet from his diabetes,
        I'm asking for myself", "my brother has cancer and I've been stressed sick, upper back in knots".
        None when it is the person's (or counts as theirs), 'today' for someone else's sign that needs a
        doctor today (see Parse.others_signs), else 'theirs'.

        Someone else's emergency still counts, unless that part of the message is over ("my nan had a
        stroke and her speech went funny", "my toddler fell off the sofa, she's totally fine"): "my dad
        collapsed and I hurt my back lifting him" calls for help for the dad, whoever is asking. A sign said
        in parts, some the person's and some someone else's ("the kids have a temp, my neck is stiff"), is
        nobody's. A sign whose words are never a figure of speech (always_advised) is not over for being said to
        seem fine, only when dated (``dated``: "…last year"): "she's eaten some of my tablets… she seems fine".
        """
        if entry.slot not in SIGN_SLOTS and entry.slot != "history":
            return None
        found = {whose[p] for p in where}
        if found <= {"self", None}:
            return None
        level = self.levels.get((entry.slot, entry.id))
        if found <= {"healed", None}:  # the person's own, well again since ("fell last summer, fine ever since"): not an emergency sign
            lasting = entry.slot == "history" or entry.id in self.past_counts  # "had cancer in 2018, all clear" still counts
            return None if level == "emergency" or lasting else "theirs"
        seems_fine = entry.id in self.always_advised and not any(p in dated for p in where)
        if "self" in found or ("over" in found and "other" not in found and not seems_fine):  # a part said now ("…and it's crushing right now") is now
            return "theirs"
        # "I'm asking for myself, my husband has chest pain right now": an emergency now still gets its advice.
        return None if level == "emergency" else "today" if level == "urgent" else "theirs"

    @staticmethod
    def _circumstance(tokens: list[str], match: Match, parts: Parts) -> bool:
        """Whether a context flag is read from the circumstance's own words alone ("20 weeks pregnant", "knee
        replacement 10 weeks ago"), not with a symptom's ("pregnant + bleeding", "waters have broken")."""
        pieces = [tokens[a:b] for a, b in ((match[0], match[1]), *parts.get(match, ()))]
        return not any(t in _SYMPTOM or t.startswith("bleed") for piece in pieces for t in piece)

    def _anywhere(self, entry: Entry) -> bool:
        """A first-screen item, a contraindication, or a warning sign of any place (not one of a place)."""
        return entry.slot != "red_flag" or "*" in self.flag_regions.get(entry.id, ())

    def _lasting(self, entry: Entry) -> bool:
        """History, or a sign that counts even long ago (past cancer)."""
        return entry.slot == "history" or (entry.slot == "red_flag" and entry.id in self.past_counts)

    def asked_words(self, raw: str) -> str:
        """The words of the question a message asks ("my heel hurts, is there parking?": "is there parking")."""
        return " ".join(t for t in self._question_part(raw, self.lexicon.words(raw)) if t not in BOUNDARY)

    def _question_part(self, raw: str, tokens: list[str]) -> list[str]:
        """The words of the question, when a message also says other things ("my heel hurts, is there parking?")."""
        if "?" not in raw and not asks_something(raw, " ".join(t for t in tokens if t not in BOUNDARY)):
            return tokens
        parts = clauses(tokens)
        asked = [c for c in parts if asks_something(" ".join(c), " ".join(c))]
        # A question mark ends the last clause of a question typed without a question word ("…, parking near you?").
        if not asked and raw.rstrip().endswith("?"):
            asked = parts[-1:]
        words = [t for c in asked for t in c]
        return words if words else tokens

    def _asked_about(self, tokens: list[str], sentence: list[tuple[int, int]]) -> set[int]:
        """The few words after "what counts as", "what do you mean by"…: asked about, not said to be there.

        Kept short and to "what … as/by" phrases: a warning sign missed is worse than one taken too seriously.
        """
        out: set[int] = set()
        for i in range(len(tokens)):
            for phrase in self.unclear:
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    end = i + len(phrase)
                    out.update(range(end, min(end + _ASKED_ABOUT, sentence[i][1])))
            # "…if you've got a blood clot?", "do you screen for stroke?": a sign in general, not one they have.
            # Only in a question, and only up to the end of its clause ("not sure if you can help, my chest is
            # tight" is not a question about chest pain).
            in_question = tokens[sentence[i][1] : sentence[i][1] + 1] == ["?"]
            anyone = tokens[i + 1 : i + 2] and (tokens[i + 1] in _ANYONE or tokens[i + 1 : i + 3] in (["a", "client"], ["a", "patient"], ["a", "person"]))
            if tokens[i] == "if" and anyone and in_question and not _UNSURE_IF.intersection(tokens[max(0, i - 3) : i]):
                out.update(range(i + 2, min(i + 2 + 2 * _ASKED_ABOUT, _clause_end(tokens, i + 2))))
            if tokens[i] in _LOOK_FOR and tokens[i + 1 : i + 2] == ["for"] and tuple(tokens[sentence[i][0] : sentence[i][0] + 2]) in _DO_YOU:
                out.update(range(i + 2, min(i + 2 + _ASKED_ABOUT, _clause_end(tokens, i + 2))))
            # "what happens if I faint on the couch?", "if I ever had a clot would…?", "how would I know if it's a
            # clot?", "is chest pain ever just a muscle thing?": a sign supposed, not had.
            if in_question and _supposed(tokens, i, sentence[i][0]):
                a, b = (sentence[i][0], i) if tokens[i] == "ever" else (i + 1, min(i + 1 + 2 * _ASKED_ABOUT, _clause_end(tokens, i + 1)))
                told = has_phrase(tokens, _TOLD, sentence[i][1] + 1)  # "…ever muscular? I've got it"
                # "What if I have chest pain right now?", "…? I have it now": not supposed. Said in the question or the
                # sentence after it ("if I ever had a stroke would massage help? Not that I have! Today it's my calves").
                after = sentence[i][1] + 1
                near = tokens[sentence[i][0] : sentence[after][1] if after < len(tokens) else len(tokens)]
                if not told and (tokens[i] == "who" or _NOW_SAID.isdisjoint(near)):
                    out.update(range(a, b))
            # "If I bang my head before my appointment, can I still come?", "if he took a knock in a tackle would you
            # still see him?": a mishap supposed before a session; its whole question, up to the "?".
            elif in_question and _if_before_session(tokens, i, sentence[i]) and _NOW_SAID.isdisjoint(tokens):
                out.update(range(i + 1, sentence[i][1]))
        return out

    def _not_sudden(self, tokens: list[str], start: int, end: int, sentence: list[tuple[int, int]]) -> bool:
        """ "Out of breath on the stairs these days" is not sudden breathlessness: the sentence says it has been
        so a while, or names a workout ("gasping after my first parkrun")."""
        if tuple(tokens[start:end]) not in self.only_if_sudden:
            return False
        a, b = sentence[start]
        workout = has_phrase(tokens, self.workout, a, b) and _MORE_THAN_PUFFED.isdisjoint(tokens[a:b])
        return (has_phrase(tokens, self.lately, a, b) or workout) and not has_phrase(tokens, self.sudden, a, b)

    def _alone(self, follow_words: set[str], out: Parse, said_in: dict[str, set[tuple[int, int]]], sentence: list[tuple[int, int]]) -> set[str]:
        """The follow-ups read only from their after_words (``follow_words``) that are not the sign here: none
        of the signs they follow is said in the same sentence or the one next to it, or the message names none
        of the places where they are asked. "rear-ended this morning, both hands have pins and needles" and
        "car crash an hour ago. my hands are going numb" are; "fell off my bike. went home. had tea. neck stiff.
        fingers numb" and "hit my head on the car door, fingers tingle when I type" (not the spine) are not."""
        if not follow_words:
            return set()
        order = {span: n for n, span in enumerate(dict.fromkeys(sentence))}
        said = {*out.red_flags, *out.screen}

        def near(flag: str, sign: str) -> bool:
            return any(abs(order[a] - order[b]) <= 1 for a in said_in.get(flag, ()) for b in said_in.get(sign, ()))

        return {f for f in follow_words if self.flag_regions[f].isdisjoint(out.regions) or not any(near(f, t) for t in self.follows[f] & said)}

    def _tired(self, tokens: list[str], start: int, entry: Entry, sentence: list[tuple[int, int]]) -> bool:
        """ "Legs are dead after leg day, can barely walk": tired muscles beside a workout, not a weakness sign
        (one marked workout_tiredness, or any sign said in messages.yaml's ``workout_figures``: "paralysed after
        my first barre class"), unless the sentence says numb, tingling or pins and needles, an injury
        ("my shoulder gave way in the gym"), or that it is so now or came on suddenly."""
        a, b = sentence[start]
        said = _fine_now_dropped(tokens[a:b])
        if entry.id not in self.workout_flags and not (any(tuple(tokens[start : start + len(f)]) == f for f in self.workout_figures) and _sore_all_over(said)):
            return False
        return self._just_worked_out(tokens, a, b, said) and not has_phrase(tokens, _CANT_FEEL, a, b)

    def _winded(self, tokens: list[str], start: int, sentence: list[tuple[int, int]]) -> bool:
        """ "Swam across the lake, so out of breath I couldn't talk for a minute": no breath to talk with after a
        workout, not trouble speaking (unless the sentence says numb, weak or tingling, or that it came on
        suddenly). Being too short of breath to talk at rest stays a sign: no workout is said then."""
        if tokens[start : start + 1] not in (["couldnt"], ["cant"], ["could"]) or not _SPEAK.intersection(tokens[start + 1 : start + 3]):
            return False
        a, b = sentence[start]
        said = _fine_now_dropped(tokens[a:b])
        return not _WINDED.isdisjoint(said) and self._just_worked_out(tokens, a, b, said)

    def _just_worked_out(self, tokens: list[str], a: int, b: int, said: list[str]) -> bool:
        """Whether the sentence ``tokens[a:b]`` (its words ``said``) names a workout, and no numbness, injury,
        now or suddenness beside it (see _tired, _winded)."""
        return has_phrase(tokens, self.workout, a, b) and _NUMB.isdisjoint(said) and _NOT_TIRED.isdisjoint(said) and not has_phrase(tokens, self.sudden, a, b)

    def _unchanged(self, tokens: list[str], start: int, entry: Entry, sentence: list[tuple[int, int]]) -> bool:
        """ "My left hand is weaker since my stroke, same as it's been for years": long so and not changed,
        so not a warning sign (unless the sentence also says it is new, worse or sudden, or the sign counts
        even long ago)."""
        a, b = sentence[start]
        # Only the sign's own clause and the one after it, never across a "but": "the weather hasn't changed, my
        # face is drooping", "my back hasn't changed but I've wet myself" are news.
        a = max(a, _clause_start(tokens, start))  # said of the sign, not of something before it ("my back hasn't changed but…")
        return entry.id not in self.past_counts and has_phrase(tokens, self.unchanged, a, b) and _CHANGED.isdisjoint(tokens[a:b]) and not has_phrase(tokens, self.sudden, a, b)

    def _history(
        self,
        out: Parse,
        tokens: list[str],
        matches: list[Match],
        found: list[tuple[int, int, str]],
        past: set[int],
        sentence: list[tuple[int, int]],
        numbers: str,
        this_year: int,
    ) -> str:
        """Fill ``out.history`` and what it implies; return ``numbers`` without the times that belong to it."""
        places = [(s, e) for s, e, m in matches if m.slot == "region"] + [(k, k + 1) for k, t in enumerate(tokens) if t in _BONES]
        timed = False
        for start, end, tag in found:
            if tag == "fracture" and not any(t.startswith("fractur") for t in tokens[start:end]) and not any(_broken(tokens, start, end, place) for place in places):
                continue  # "broke my wrist", "my wrist is broken"; not "my sleep is broken and my back aches", nor "my back is broke from gardening"
            name = tag
            if tag in _TIMED:
                a, b = sentence[start]
                weeks = weeks_ago(" ".join(tokens[start:b]), this_year)
                if weeks is None:
                    weeks = weeks_ago(" ".join(tokens[a:b]), this_year)
                if weeks is None and any(a <= p < b for p in past):
                    weeks = 52.0  # "I broke my arm when I was younger"
                if weeks is not None:
                    out.history_weeks.setdefault(tag, weeks)
                    timed = True
                recent = weeks <= RECENT_WEEKS if weeks is not None else tag == "fracture"
                if tag == "joint_replacement":
                    add_new(out.history, tag)
                    name = "surgery_recent" if recent else ""
                else:
                    name = f"{tag}_recent" if recent else tag
            if name:
                add_new(out.history, name)
        clot_risk = any(w <= CLOT_RISK_WEEKS for t, w in out.history_weeks.items() if t in _TIMED) or "cast" in out.history
        if clot_risk and "dvt_risk" in self.flag_ids:
            add_new(out.red_flags, "dvt_risk")  # an operation, a fracture or a cast in the last 12 weeks
        for tag in out.history:
            contra, flag = _HISTORY_CONTRA.get(tag), _HISTORY_FLAGS.get(tag)
            if contra in self.contra_ids and contra is not None:
                add_new(out.contra, contra)
            if flag in self.flag_ids and flag is not None:
                add_new(out.red_flags, flag)
        if "pregnancy" in out.history and self.pregnancy_words is not None:
            pregnant = pregnancy_weeks_near(numbers, self.pregnancy_words)
            if pregnant is not None:
                out.pregnancy_weeks, cut_from, cut_to = pregnant
                numbers = numbers[:cut_from] + " " + numbers[cut_to:]  # "28 weeks pregnant" is not how long it hurts
        if timed:
            numbers = _AGO_TEXT.sub(" ", numbers)  # "3 weeks ago" dates the operation, not the pain
        return numbers


def pregnancy_weeks_near(text: str, words: re.Pattern[str]) -> tuple[int, int, int] | None:
    """The 'N weeks' closest to a word for pregnancy (within a few words), as (weeks, start, end)."""
    spots = [m.start() for m in words.finditer(text)]
    best: tuple[int, tuple[int, int, int]] | None = None
    pos = 0
    while spots:
        found = pregnancy_weeks(text[pos:])
        if found is None:
            break
        weeks, s, e = found
        s, e = s + pos, e + pos
        before = text[max(0, s - 6) : s]
        if not re.search(r"(?:for|last|past|since)\s*$", before):
            distance = min(abs(p - s) if p < s else abs(p - e) for p in spots)
            if distance <= 25 and (best is None or distance < best[0]):
                best = (distance, (weeks, s, e))
        pos = e
    return best[1] if best else None


_BETWEEN_AFTER = frozenset({"my", "her", "his", "their", "left", "right", "a", "the", "both", "of", "two", "three", "2", "3", "few", "couple", "some"})
_BETWEEN_BEFORE = frozenset({"is", "was", "are", "has", "been", "got", "had", "left", "right"})


# Bones that break, said by a word that is not one of the practice's places ("broke my leg 3 weeks ago").
_BONES = frozenset("leg legs arm arms rib ribs collarbone clavicle toe toes finger fingers nose jaw pelvis skull kneecap cheekbone".split())
# "my back is broken from carrying the baby", "legs are broken after leg day": worn out, not a fracture. Only
# of the back, the neck, or both legs (arms, feet…): a wrist, an ankle, a nose said broken is broken. Not when a
# fall, a crash or an X-ray goes with it ("my arms are broken after falling off a ladder").
_WORN_AFTER = frozenset({"from", "after", "lol", "haha", "lmao", "😂"})
_REALLY_BROKEN = frozenset(
    "fall fell falling crash accident collision tackle tackled trip tripped slip slipped landing landed impact xray ray hospital cast boot sling plaster".split()
)
# "nearly broke my back lifting the telly", "that shift broke my back": the back only (a wrist someone has broken is broken).
_FIGURATIVE_BEFORE = frozenset({"nearly", "almost", "practically", "shift", "mattress", "kids", "job"})
_WORN_PLACES = frozenset({"back", "neck", "legs", "arms", "feet", "shoulders", "hands", "calves", "knees", "hips", "wrists", "thighs", "body"})


def _broken(tokens: list[str], start: int, end: int, place: tuple[int, int]) -> bool:
    """Whether the fracture words at ``start:end`` break the bone of ``place``: "(I have) broke(n) my wrist",
    "broke my back" (the place said with the words: "broke [my] back"), "my wrist is broken"; not "nearly broke
    my back lifting the telly", "that shift broke my back", "my back is broke(n) from gardening" or "my legs are
    broken after leg day" (the back or both legs said first, then what wore them out)."""
    p_start, p_end = place
    worn_place = tokens[p_end - 1] in _WORN_PLACES
    if start < p_start < end < p_end or (p_start >= end and _next_to(tokens, start, end, place)):
        before = tokens[start - 1] if start else ""
        return not (worn_place and before in _FIGURATIVE_BEFORE)  # "I broke my wrist", "broke my leg 3 weeks ago"
    if not _next_to(tokens, start, end, place):
        return False
    said = tokens[end : end + 12]
    if not worn_place or not _REALLY_BROKEN.isdisjoint(said):
        return True  # "my wrist is broken from the fall", "my arms are broken after falling off a ladder"
    after = [t for t in said[:4] if t not in ("totally", "completely", "literally", "proper")]
    return not (tokens[start] == "broke" or (after and after[0] in _WORN_AFTER))  # "my back is broken" alone: maybe broken


def _sore_all_over(said: list[str]) -> bool:
    """Whether a sentence tells of sore muscles all over ("literally paralysed after barre, every muscle is
    sore"): not one side, one limb or the face, a fall, nor what cannot be done ("paralysed down my right side
    after the gym", "my left arm is paralysed", "can't get up off the floor")."""
    return not _SORE.isdisjoint(said) and _ONE_PART.isdisjoint(said) and NOT_VERBS.isdisjoint(said)


def _said_too(tokens: list[str], start: int, end: int, denied: set[int]) -> bool:
    """Whether the words at ``start:end`` are said again elsewhere in the message, not denied there."""
    words = tokens[start:end]
    return any(tokens[i : i + len(words)] == words and i not in denied for i in range(len(tokens) - len(words) + 1))


def _next_to(tokens: list[str], start: int, end: int, place: tuple[int, int]) -> bool:
    """Whether a place is named right by the words at ``start:end`` ("broke my left wrist", "wrist is broken")."""
    p_start, p_end = place
    if p_start >= end:
        return set(tokens[end:p_start]) <= _BETWEEN_AFTER and p_start - end <= 2
    return p_end <= start and set(tokens[p_end:start]) <= _BETWEEN_BEFORE and start - p_end <= 2


_IF_WHO = frozenset({"i", "he", "she", "we", "they", "you", "u"})
# A mishap that may happen (not a state: "if my leg is swollen, can you still…?" may be how it is now).
_MISHAPS = frozenset(
    "bang banged knock knocked fall fell faint fainted pass passed trip tripped slip slipped hit crash crashed break broke "
    "took take get got catch caught pull pulled twist twisted tweak tweaked hurt injure injured do did ever".split()
)
_ASKS_SESSION = frozenset(
    {
        ("can", "i", "still"), ("could", "i", "still"), ("would", "you"), ("will", "you"), ("can", "you", "still"), ("do", "you", "still"),
        ("should", "i", "still"), ("is", "it", "ok"), ("is", "that", "ok"), ("would", "it", "be"), ("can", "he", "still"), ("can", "she", "still"),
    }
)  # fmt: skip


def _if_before_session(tokens: list[str], i: int, sentence: tuple[int, int]) -> bool:
    """Whether the "if" at ``i`` opens a mishap supposed ahead of a session, asked about it ("if I bang my head
    before my appointment, can I still come?", "if I fall asleep on your table, will you think I passed out?")."""
    start, end = sentence
    if tokens[i] != "if" or tokens[start:i] not in ([], ["and"], ["but"], ["so"], ["also"], ["just"]):
        return False
    if len(tokens) < i + 3 or tokens[i + 1] not in _IF_WHO or tokens[i + 2] not in _MISHAPS:
        return False
    return has_phrase(tokens, _ASKS_SESSION, i + 3, end)


def _supposed(tokens: list[str], i: int, start: int) -> bool:
    """Whether the "if" (or "ever", "who") at ``i`` supposes something in a question: "what (happens) if I…",
    "if I ever…", "how would I know if…", "is chest pain ever…", "…someone who has had cancer?"."""
    first = tokens[start] if start < len(tokens) else ""
    if tokens[i] == "ever":
        return first in ("is", "are", "can", "could") and i - start <= 4
    if tokens[i] == "who":  # "can you massage someone who has had cancer?" (not "I'm someone who…")
        return i > start and tokens[i - 1] in _ANYONE and tokens[max(start, i - 3) : i - 1] not in (["im"], ["i", "am"], ["am"])
    if tokens[i] != "if":
        return False
    before = tokens[start:i]
    if tokens[i + 1 : i + 2] == ["ive"] or tokens[i + 1 : i + 3] in (["i", "ignore"], ["i", "keep"]):
        return False  # "what if I've lost control of my bowels…?": said to have happened
    # "if I ever…", "if back pain ever went down both legs, is that bad?": supposed, whoever it is.
    return "ever" in tokens[i + 1 : i + 5] or before[-2:] in (["what"], ["what", "happens"], ["happens"]) or (first == "how" and before[-1:] in (["know"], ["tell"]))


def _theirs(tokens: list[str], start: int, end: int, parts: tuple[tuple[int, int], ...]) -> bool:
    """Whether a sign's own words say whose it is, and it is someone else's ("came off his bike")."""
    first = min([start, *(a for a, _ in parts)])
    last = max([end, *(b for _, b in parts)])
    return not THEIR.isdisjoint(tokens[first:last])


def _over(tokens: list[str], start: int, past: set[int], this_year: int) -> bool:
    """Whether a pregnancy said at ``start`` is over: long ago (``past``: "years ago"), said in the past tense
    ("when I was pregnant"), or dated longer ago than a pregnancy lasts ("pregnant with my son in 2019"; not
    "I fell pregnant in june")."""
    if start in past or tokens[max(0, start - 1) : start] in (["was"], ["were"]):
        return True
    weeks = _weeks_ago_said(tokens, start, this_year)
    return weeks is not None and weeks > _PREGNANCY_WEEKS


def _weeks_ago_said(tokens: list[str], i: int, this_year: int) -> float | None:
    """How many weeks ago the clause holding ``i`` says it happened ("had surgery on my shoulder 6 months ago",
    "I had a fall last year"), or the clause after it when that one only says when ("…, about 6 months ago now")."""
    end = _clause_end(tokens, i)
    weeks = weeks_ago(" ".join(tokens[_clause_start(tokens, i) : end]), this_year)
    if weeks is None and end < len(tokens) and tokens[end] in BOUNDARY:
        after = tokens[end + 1 : _clause_end(tokens, end + 1)]
        if after and all(t.isdigit() or t in _WHEN_WORDS or t in NUMBER_WORDS or t.rstrip("s") in ("day", "week", "wk", "month", "year", "yr") for t in after):
            weeks = weeks_ago(" ".join(after), this_year)
    return weeks


def _breaks(token: str) -> bool:
    return token in BOUNDARY or token in _CLAUSE_BREAK


def _clause_end(tokens: list[str], i: int) -> int:
    """Where the clause holding ``i`` ends: a comma, a full stop or a joining word."""
    j = i
    while j < len(tokens) and not _breaks(tokens[j]):
        j += 1
    return j


def _fine_now_dropped(said: list[str]) -> list[str]:
    """The words of a sentence without the "now" of "fine now", "ok now" (over, not "so now")."""
    return [t for k, t in enumerate(said) if not (t == "now" and k and said[k - 1] in _FINE)]


def _clause_start(tokens: list[str], i: int) -> int:
    """Where the clause holding ``i`` begins (see _clause_end)."""
    j = i
    while j > 0 and not _breaks(tokens[j - 1]):
        j -= 1
    return j


def _hurting_first(tokens: list[str], regions: list[str], at: list[int], history: list[tuple[int, int, str]]) -> list[str]:
    """Every place said, the ones that hurt now before those only named in a clause of history or
    said to be fine: "had my knee replaced 4 weeks ago, now my calf is sore" is about the calf (the
    knee is kept, and asked about too)."""
    if len(regions) < 2:
        return regions
    past: set[int] = set()
    # "knees are better for it but my hip is sore": a fine word said of the place, not "no better", "a good while"
    fine = [i for i, t in enumerate(tokens) if t in _FINE and i and tokens[i - 1] in _BE and not (i > 1 and tokens[i - 2] in _NOT_FINE)]
    for start in [*(h[0] for h in history), *fine]:
        past.update(range(_clause_start(tokens, start), _clause_end(tokens, start)))
    now = [r for r, i in zip(regions, at, strict=True) if i not in past]
    return now + [r for r in regions if r not in now] if now else regions


# Being in a position is what brings a pain on, not what wore it ("stiff after sitting", "i often get a stiff back
# after driving"), unless for a span ("after sitting all day", "after driving for 6 hours": see onset_shape).
_POSITIONS = frozenset("sitting driving standing walking lying".split())
_SPAN_SAID = frozenset("all for long hours hrs hour hr whole day days".split())
_LONG_GOES = (["long", "drives"], ["long", "walks"])


def _worse_after(tokens: list[str], start: int) -> bool:
    """An "after" said of what makes it worse ("worse after a shift behind the bar", "worse after long shifts")
    or of a position it comes on in ("sore after sitting"): what brings it on, not how it started."""
    if tokens[start] != "after":
        return False
    if not WORSE.isdisjoint(tokens[max(0, start - 2) : start]):
        return True
    if tokens[start + 1 : start + 3] in _LONG_GOES:
        return True  # "a squeezing band across my lower back after long drives": whenever they drive far
    if tokens[start + 1 : start + 2] == [] or tokens[start + 1] not in _POSITIONS:
        return False
    # "after sitting all day" wore it; "after driving more than an hour" is whenever they do (a threshold, not a time done).
    said = tokens[start + 2 : start + 7]
    return _SPAN_SAID.isdisjoint(said) or "than" in said or "over" in said


_DENIED_RIGHT_BEFORE = frozenset({"never", "didnt", "didn't", "not", "havent", "hadnt", "wasnt"})
_SEASON_START = frozenset({"off", "in"})  # "since the footy season kicked off", "the pain kicked in"
_NOT_A_FALL = frozenset("race races running run runs runner walk walks walking side".split())  # "since the fell race"
_FINE_ON_WAKING = frozenset("fine ok okay grand normal great alright good".split())
# "landed on my wrist", "landed awkwardly" is a fall; "since i landed 4 days ago" is a flight.
# The job or task named and then ruled out as the cause: "im an electrician, up and down ladders all day and thats
# fine", "not from work, i sit all day but ive done that for years", "standing all day doesnt bother me".
_RULED_OUT = re.compile(
    r"\b(?:no bother|doesn'?t bother|never (?:had|been) (?:an? )?(?:issue|problem|bother)|and that'?s fine(?! now)|the (?:job|work|[a-z]+ing) is fine|"
    r"(?:done|did|doing) (?:that|this|it) for years|(?:not|isnt|isn'?t|wasnt|wasn'?t) from (?!anything|nothing|nowhere)(?:the |my )?[a-z]+|(?:it )?was the same before|"
    r"(?:it'?s|its|it is) not (?:the|my) (?!first|only|same|worst|best|end|pain|ache|worry|point)[a-z]+|"
    r"(?:do ?n'?t|dont|do not) think (?:it'?s|its|it is) (?:the|my|from) [a-z]+|nothing (?:that |which )?stands out|"
    r"(?:everyone|everybody|people|they all) (?:assumes?|thinks?|says?|reckons?) (?:it'?s|its|it is) [^.?!]{0,40}\bbut|"
    r"like (?:i|he|she|they)(?: have| has|'ve|ve)? (?:done |did )?for (?:\d+|many|years|ages|decades)|"
    r"nothing to do with (?:the |my )?(?:gym|job|work|[a-z]+ing)|"
    r"not that (?:that'?s|it'?s|its) relevant|(?:isn'?t|not) an? [a-z]+ thing|not the [a-z]+ing kind|(?:isn'?t|is not|wasn'?t|not) the (?:problem|cause|issue)|"
    r"(?:that'?s|thats|it'?s|its|has|have) never bothered me(?! (?:till|until|before))|if (?:that|it) (?:matters|helps)|if (?:that'?s|its|it'?s) relevant|"
    r"nothing (?:has )?changed|nothing (?:different|new) (?:at|with|in)|have(?:n'?t|nt) changed anything|same (?:job|routine) (?:as|for))\b"
)
_LANDED_ON = frozenset("on onto wrong awkward awkwardly badly heavily heavy funny hard weird flat".split())
_GUESS = frozenset(
    {("could", "be"), ("might", "be"), ("if", "its"), ("if", "it", "is"), ("whether", "its"), ("whether", "it")}
)  # "could be sleeping funny, could be the new bike seat" (a "maybe" only right before)
# Words that say only how fast it came ("suddenly"), not what happened: beside "no idea what i did", not knowing wins.
_SUDDEN_ONLY = frozenset({("suddenly",), ("sudden",), ("all", "of", "a", "sudden"), ("out", "of", "nowhere"), ("out", "of", "the", "blue")})
_GETS = frozenset({"get", "gets", "getting"})  # "i get a sudden sharp zap every time i pick the basket up"
_PAIN_THEN = frozenset("stiff sore hurts hurt aches ache achy painful pain tight twinges".split())  # "stiff reaching behind me"
# A simile: "my jaw feels tight like ive been chewing toffee all day".
_AS_IF = frozenset({"ive", "i've", "id", "i'd", "im"})  # not "went like someone kicked me": that is the moment
_YEARS = frozenset({"years", "yrs", "ages", "decades", "donkeys"})
_AT_NIGHT_WORK = frozenset("shift shifts flight flights bus train coach stay stays run runs drive drives".split())  # "the overnight run to brisbane"
_WORKING = frozenset("started start starting work works working worked job shift shifts".split())
_WHEN = frozenset({"when", "whenever", "if", "every"})
_NOW_MOVES = frozenset(
    "get gets bend bends sit sits stand stands turn turns walk walks move moves lift lifts reach reaches go goes climb look twist cough sneeze step put try do".split()
)


def cause_ruled_out(raw: str) -> bool:
    """Whether a job or task is named and then ruled out as the cause (see _RULED_OUT)."""
    low = raw.lower()
    return bool(_RULED_OUT.search(low))


def _not_a_start(tokens: list[str], start: int, end: int, kind: str = "") -> bool:
    """An onset word that here does not say how it started: "kicked off" (a season begun), "fell race",
    "stacking shelves overnight" (a night's work), "pulled tight" (a simile), "woke up fine", "a sudden jab
    when I get out of the car" (how the pain comes on whenever something is done)."""
    word, after = tokens[end - 1], tokens[end : end + 3]
    if start and tokens[start - 1] in _DENIED_RIGHT_BEFORE:
        return True  # "bruises on my arms i never bumped": denied, where the sign's own words hold the "never"
    if tokens[start:end] in _LONG_GOES and start and tokens[start - 1] == "after":
        return True  # see _worse_after
    if tokens[start] in {"all", "too"} and start and tokens[start - 1] in PAIN_ALL_DAY:
        return True  # "nags at me all day at work", "it hurts too much": the pain, not a task overdone
    if word == "kicked" and after[:1] and after[0] in _SEASON_START:
        return True
    if word == "fell" and after[:1] and after[0] in _NOT_A_FALL:
        return True
    if word == "overnight":
        return bool(after[:1] and after[0] in _AT_NIGHT_WORK) or not _WORKING.isdisjoint(tokens[max(0, start - 5) : start])
    if word in {"pulled", "twisted"} and "tight" in after:
        return True  # "pulled tight", "all twisted tight": a simile
    if tokens[start : end + 2] in (["twisted", "my", "arm"], ["knocked", "me", "for"]):
        return True  # "my boss twisted my arm into it", "this year has knocked me for six": figures of speech
    if word.endswith("ed") and start and tokens[start - 1] in {"feel", "feels", "feeling", "felt"}:
        return True  # "my tummy muscles feel pulled", "my jaw has felt clenched": how it feels, not what happened
    if word in {"lifted", "lifting"} and after[:1] == ["for"] and _YEARS.intersection(tokens[end : end + 4]):
        return True  # "ive lifted for years with no bother"
    if word == "landed" and not (after[:1] and after[0] in _LANDED_ON):
        return True
    if word == "boxing" and after[:1] == ["day"]:
        return True  # "since boxing day"
    if word in {"accident", "accidents"} and not _WETTING.isdisjoint(tokens[max(0, start - 8) : end + 8]):
        return True  # "cant tell when i need a wee, had an accident at work": wetting, not an injury
    if _DOUBTED.search(" ".join(tokens[end : end + 18])) or (kind == NOT_SURE_HOW and _DOUBTED.match(" ".join(tokens[start : start + 6]))):
        return True  # "took a knock to the shin the day before it started, not sure thats it tho"
    if has_phrase(tokens, _GUESS, max(0, start - 5), start) or tokens[start - 1 : start] in (["maybe"], ["perhaps"]):
        return True
    if tokens[start:end] == ["sudden"] and not _GETS.isdisjoint(tokens[max(0, start - 3) : start]):
        return True
    if word.endswith("ing") and start and tokens[start - 1] in _PAIN_THEN:
        return True  # "stiff reaching behind me": what brings it on
    if tokens[start:end] == ["in", "one", "go"] and whole_job(tokens, end - 1):
        return True  # "did the whole boundary hedge in one go": a big job, not a moment
    if tokens[start:end] in (["woke", "up"], ["woke"]) and after[:1] and after[0] in _FINE_ON_WAKING:
        return True
    if (kind == "sudden" and _someone_thinks(tokens, start)) or _planned(tokens, start) or _healed_since(tokens, end) or _watched(tokens, start, end):
        return True
    if kind == NOT_SURE_HOW and ((after[:1] in (["where"], ["who"]) and after[1:2] and after[1] in _WHO_IS) or (after[:1] == ["what"] and after[1:2] and after[1] in _WHEN_UNIT)):
        return True  # "she doesnt know what day it is", "didnt know where he was": confusion, not how it began
    if tokens[start:end] in _UNSURE and after[:3] in (["how", "to", "describe"], ["how", "to", "explain"], ["how", "to", "put"]):
        return True  # "i dunno how to describe, bit like rusty": unsure of the words, not the cause
    if tokens[start:end] in _UNSURE and (
        _about_else(tokens[end + 1 : end + 4]) if after[:1] in (["if"], ["whether"]) else after[:2] in (["its", "anything"], ["its", "serious"], ["its", "worth"])
    ):
        return True  # "dunno if its anything", "not sure if you can help": unsure of something else
    if word == "sudden":
        for k in range(end, min(end + 4, len(tokens) - 2)):
            if tokens[k] in _WHEN and tokens[k + 1] in {"i", "you", "he", "she"} and tokens[k + 2] in _NOW_MOVES:
                return True
    # "like ive been chewing toffee", "like a fist clenching"; not "feels like ive pulled a muscle" (a moment guessed)
    return any(
        tokens[k] == "like" and ((tokens[k + 1] in _AS_IF and tokens[k + 2 : k + 3] == ["been"]) or (tokens[k + 1] in {"a", "an"} and start - k <= 3 and word.endswith("ing")))
        for k in range(max(0, start - 5), start - 1)
    )


# Someone else's explanation of it: "gp reckons its just a pulled muscle", "my tita says its pasma from washing".
_OPINION = frozenset("reckons reckoned thinks thought says said suspects suspected believes told".split())
_OPINION_NOT = frozenset({"i", "ive", "id"})
# A plan, not yet done: "signed up for my first marathon in march".
_PLANS = frozenset(
    tuple(p.split()) for p in ("signed up", "not started", "havent started", "yet to start", "registered for", "entered", "planning", "gonna", "booked in for", "training starts")
)
# A past injury told and then healed: "car crash in 2018, whiplash, cleared up with physio", "broke my wrist when i
# was 12, never bothered me till now".
_HEALED = re.compile(
    r"\b(?:cleared up|healed(?: up| fine| well)?|never bothered me (?:again|since|till|until|after)|was fine after|fully recovered|got over it|"
    r"(?:all|fully) mended|mended (?:fine|well|up))\b"
)
_WATCHED = frozenset({("commonwealth", "games"), ("olympics",), ("olympic", "games"), ("world", "cup"), ("super", "bowl")})  # "since the commonwealth games": a date
# Words of not knowing that may be about something else ("not sure" to a safety question); the others
# ("havent a baldy notion", "ewan ko kung bakit") are always about the cause.
# Just now: "it just came on", "started 20 mins ago" (not "just noticed": noticing is not when it began), "about half an hour ago".
_MINUTES_AGO = re.compile(rf"\bjust (?:now|happened|started|came on)\b|{MINUTES_BACK}")
_NOT_SO = frozenset({"not", "wasnt", "isnt", "never", "nothing"})
# A time of day to be rung or seen at (with no pain told: see the onset above).
_A_TIME = re.compile(
    r"\b(?:best|any ?time|anytime|mornings?|afternoons?|evenings?|weekdays?|weekends?|lunchtime|o'?clock|\d{1,2} ?(?:am|pm)|(?:after|before|from) \d{1,2}\b|till then)\b"
)
# How a sign came on over time (messages.yaml's ``lately`` also lists exertion and long-known causes, which say nothing of it).
_TIME_COURSE = frozenset(
    tuple(p.split())
    for p in (
        "these days", "lately", "of late", "for a while", "over the last", "over the past", "in the last year", "past few months",
        "past few weeks", "gradually", "slowly", "on and off", "more and more", "recently", "getting more", "more often", "creeping",
        "nowadays", "these past weeks", "these past months", "these last few weeks", "over the winter", "over the summer", "a lot more",
    )
)  # fmt: skip
_UNSURE_ANY = frozenset(
    {
        ("dunno",),
        ("donno",),
        ("not", "sure"),
        ("unsure",),
        ("idk",),
        ("dont", "know"),
        ("no", "idea"),
        ("no", "clue"),
        ("not", "a", "clue"),
        ("i", "cant", "say"),
        ("not", "that", "i", "know"),
        ("that", "i", "know", "of"),
    }
)
_WETTING = frozenset("wee wees pee pees peed weed toilet loo bladder bowel bowels wet myself pants knickers leak leaking leaked".split())
# A cause told and then doubted: "not sure thats it tho", "dont think thats it", "doubt its that".
_DOUBTED = re.compile(
    r"\b(?:not sure (?:thats|that|that is|that was|if thats|if that|its|it was) (?:it|the cause|why)|"
    r"dont think (?:thats|that|that is|it was|its) (?:it|that|why)|doubt (?:thats|its|it was) (?:it|that))\b"
)
_WHEN_UNIT = frozenset({"day", "year", "month", "time", "date"})
_WHO_IS = frozenset({"she", "he", "i", "they", "we", "shes", "hes", "im"})
_UNSURE = (["dunno"], ["not", "sure"], ["unsure"], ["idk"], ["dont", "know"], ["donno"])
_ELSE = frozenset("anything serious worth normal nothing something bad big you nmt massage this i we linked related connected".split())


_GUESSED = re.compile(r"\b(?:if|whether) (?:its|it is) (?:the|my|from)\b|\b(?:could|might) be (?:the|my|from)\b")  # "not sure if its the new shoes or the cold"
_AGAIN = frozenset({"keeps", "keep", "always", "often", "regularly"})
_DAILY = frozenset({("all", "day"), ("every", "day"), ("a", "day"), ("all", "night"), ("every", "night"), ("all", "the", "time")})


def _again_and_again(tokens: list[str], start: int, end: int) -> bool:
    """A sudden word said of something that happens again and again: "keeps cramping up mid set", "reaching up for
    the cups all day"."""
    if not _AGAIN.isdisjoint(tokens[max(0, start - 3) : start]):
        return True
    return has_phrase(tokens, _DAILY, end, _clause_end(tokens, end))


def _someone_thinks(tokens: list[str], start: int) -> bool:
    """Whether the onset word at ``start`` is in someone else's explanation ("the physio thinks its my posture")."""
    for k in range(start - 1, max(-1, start - 7), -1):
        if _breaks(tokens[k]):
            return False
        if tokens[k] in _OPINION:
            told = tokens[k + 1 : k + 3]
            if told[:1] == ["i"] or told == ["that", "i"] or (told[:1] == ["me"] and tokens[k + 2 : k + 3] == ["i"]):
                return False  # "the gp said i strained it lifting": the person's own injury, told as said to them
            return k > 0 and tokens[k - 1] not in _OPINION_NOT and tokens[k - 1] != "me"
    return False


def _planned(tokens: list[str], start: int) -> bool:
    """Whether the word at ``start`` is a plan ("signed up for my first marathon")."""
    return has_phrase(tokens, _PLANS, max(0, start - 6, _clause_start(tokens, start)), start)


def _healed_since(tokens: list[str], end: int) -> bool:
    """Whether an injury told before ``end`` is then said to have healed."""
    return bool(_HEALED.search(" ".join(tokens[end : end + 14])))


def _watched(tokens: list[str], start: int, end: int) -> bool:
    return has_phrase(tokens, _WATCHED, max(0, start - 1), end)


def _about_else(after: list[str]) -> bool:
    """After "dunno if": whether it is unsure of something other than the cause ("if its anything", "if you can help")."""
    words = [w for w in after if w not in {"its", "it", "is", "this", "that"}][:1] or after[:1]
    return bool(words) and (words[0] in _ELSE or after[:1] in (["you"], ["nmt"], ["massage"], ["i"], ["we"]))


def _sentences(tokens: list[str]) -> list[tuple[int, int]]:
    """For each token, the (start, end) of its sentence."""
    out: list[tuple[int, int]] = []
    start = 0
    for i, t in enumerate(tokens):
        if t in SENTENCE_END:
            out.extend([(start, i)] * (i + 1 - start))
            start = i + 1
    out.extend([(start, len(tokens))] * (len(tokens) - start))
    return out


def add_new(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _last_side_end(matches: list[Match], before: int) -> int:
    ends = [e for s, e, m in matches if m.slot == "side" and e <= before]
    return max(ends) if ends else -100
