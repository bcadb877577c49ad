"""Free text → structured answers, red flags and FAQ matches.

Everything clinical (regions, pain words, conditions, red flags, FAQ phrasings)
comes from ``knowledge/``; this module only knows *how* to read text:

1. tokens: lower case, apostrophes unified, punctuation kept as boundaries;
2. typo repair: a token nobody's dictionary knows is moved to the closest
   vocabulary word when rapidfuzz finds one close enough ("siatica", "lowr bak");
3. phrases: the longest vocabulary phrase wins at each position;
4. negation: "no numbness", "not after an injury", "not sharp, more of an ache";
5. numbers: durations ("for 3 months", "since Monday") and 0-10 scores;
6. FAQ: BM25 over each entry's question and phrasings, with a confidence.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from .content import Content

MAX_TEXT = 1000  # characters read from one message; the rest is ignored

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]")
_BOUNDARY = frozenset(".,;:!?")
SOCIAL = ("thanks", "hello", "bye", "ok")  # small talk: answered kindly, the question asked again

_FILLER = frozenset({"really", "very", "quite", "so", "just", "properly", "bit", "slightly", "pretty", "totally", "completely", "literally", "kinda", "sort"})
_APOSTROPHE_S = re.compile(r"(?<=[a-z])'s\b")
# Not being able to do something is one thing however it is said: "haven't been able to control my
# bladder", "unable to", "couldn't" all read as "can't" (the words in the YAML say "can't").
_UNABLE = re.compile(
    r"\b(?:(?:\w+n't|\w+nt|not|never)\s+been\s+able\s+to|no\s+longer\s+able\s+to|(?:am\s+|is\s+|are\s+|was\s+|were\s+)?not\s+able\s+to"
    r"|unable\s+to|could\s*(?:not|n't|nt)|cannot)\b"
)
# One form of a word where people use several ("numbness around my bottom" = "numb around my bottom").
_SAME_WORD = {"numbness": "numb"}
_HAS_S = re.compile(r"\b(nobody|no one|someone|somebody|everyone|everybody)'s\b")  # "nobody's had" = "nobody has had"
# Someone else's health ("my dad had a heart attack", "family history of cancer"): not the person's
# symptoms. Only a relative who begins a clause ("my dad had…", not "I called my husband because…"),
# and only up to the end of that clause or to where the person speaks of themselves again ("my wife
# says I was confused" is about the person). Narrow on purpose: a warning sign missed is worse than
# one taken too seriously.
_OTHERS = frozenset(
    "dad father mum mom mam mother parents brother sister son daughter kids children grandad grandpa grandfather "
    "grandma granny grandmother nan uncle aunt auntie cousin husband wife partner boyfriend girlfriend friend "
    "friends family relatives".split()
)
# Where a negation stops: a new clause ("…, but", "and now…", "because…"), or a word that turns the
# sentence ("no pain in my back and now both my legs are weak": the legs are not negated).
_SCOPE_END = frozenset(
    {"but", "just", "more", "only", "though", "although", "however", "except", "instead", "it", "its", "is", "i", "im",
     "ive", "and", "now", "until", "till", "because", "cause", "when", "since", "so", "then", "after", "apart"}
)  # fmt: skip
# Long ago ("I broke my arm when I was younger", "a heart attack years ago"): not a warning sign now,
# unless the flag says the past counts (past_counts: yes, e.g. cancer in the past). Only unmistakable
# phrases: "when I was walking today" and "in the past week" are about now.
_PAST = (
    ("years", "ago"), ("year", "ago"), ("decades", "ago"), ("as", "a", "child"), ("as", "a", "kid"),
    ("as", "a", "teenager"), ("when", "i", "was", "younger"), ("when", "i", "was", "young"), ("when", "i", "was", "a", "child"),
    ("when", "i", "was", "a", "kid"), ("when", "i", "was", "little"), ("when", "i", "was", "a", "teenager"), ("years", "back"),
)  # fmt: skip
_PAST_LAST = frozenset(m[-1] for m in _PAST)  # a marker's last word, to skip messages without one
# Words that start a new clause, often about now ("…years ago, and now I have chest pain again").
_CLAUSE_START = frozenset({"but", "and", "now", "today", "currently", "again", "since", "recently", "lately", "because", "until", "when", "so"})
_HEALTH_SLOTS = frozenset({"region", "pain_type", "condition", "red_flag", "screen", "contra"})
_OTHERS_END = _CLAUSE_START | {
    "i", "im", "ive", "id", "me", "myself", "my", "though", "although", "whereas", "while", "after", "as", "then", "with",
    # "my wife says the whites of my eyes are yellow": what a relative noticed is about the person.
    "says", "said", "thinks", "thought", "noticed", "told", "tells", "saw", "reckons", "spotted", "mentioned",
}  # fmt: skip
_TURNED = {"yes": ("no", "nah", "nope"), "no": ("yes", "yeah", "yep")}  # "yeah no", "nah yeah"
_NOT_A_NEGATION = frozenset({"used", "sure", "certain", "only", "even"})
_POSSESSIVE = frozenset({"my", "his", "her", "our", "their"})
# "can't", "don't"… (apostrophes are dropped when reading): they negate the symptom that follows.
_NOT_VERBS = frozenset(
    "cant cannot dont doesnt didnt isnt wasnt wont havent hasnt hadnt couldnt shouldnt wouldnt arent werent aint".split()
)
# Negation cues whose scope can also cover a place ("no tingling in my arms", "not my neck").
_PLACE_NEGATION = frozenset({"no", "not", "without", "nor", "neither", "never"})
# Common words never "repaired" into vocabulary words.
_STOP = frozenset(
    (
        "a an the i i'm im me my mine we our you your it it's its is am are was were be been being have has "
        "had do does did doing to of in on at by for with from as and or if so than then that this these "
        "those there here what when where which who whom why how can could would should will shall may might "
        "must just also very really quite too much many some any all each every more most other such only own "
        "same again about up down out off over under into onto once ever get got getting go going gone make "
        "made bit lot like he she they them his her their him hers us one two three four five six seven eight "
        "nine ten day days week weeks month months year years time times today yesterday now since ago back "
        "bad good left right "
    ).split()
)
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "a couple of": 2, "couple of": 2,
    "a couple": 2, "a few": 3, "few": 3, "several": 4, "a fortnight": 2, "fortnight": 2,
}  # fmt: skip
_COUNT = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_DURATION = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?|{_COUNT})\s*(?:or so\s*)?(hours?|hrs?|days?|nights?|weeks?|wks?|fortnights?|months?|mths?|years?|yrs?)(?!\w)")
# "45 years old", "12 weeks pregnant", "3 times a week", "first time in years": numbers that are not how long it hurts.
_NOT_DURATION = re.compile(r"\|\s*(?:old|pregnant|of age|running)\b|(?:times|once|twice|per|every|time in)\s*(?:a\s*)?\|")
_FREQUENCY = frozenset({"times", "once", "twice", "per", "every"})
_FORTNIGHT = re.compile(r"(?<!\w)(?:a )?fortnight(?!\w)")
_UNIT_DAYS = {"hour": 0, "hr": 0, "day": 1, "night": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "mth": 30, "year": 365, "yr": 365}
_SCORE = re.compile(
    r"(?<![\w.])(10|[0-9]|" + "|".join(w for w in _NUMBER_WORDS if " " not in w and _NUMBER_WORDS[w] <= 10 and w not in ("a", "an", "few")) + r")"
    r"(?:\s*(?:/|out of)\s*(?:10|ten))"
)
_SCORE_CUE = re.compile(
    r"(?:\b(?:about|around|roughly|maybe|probably|like|its|it's|it is|is|at|rate it|rate it a|rated|solid|level|score|pain)\s+(?:a\s+)?)"
    r"(10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?![\d.])"
    r"(?!\s*(?:/|%|[.,]\d|(?:am|pm|k|x|st|nd|rd|th|weeks?|days?|months?|years?|yrs?|hours?|hrs?|mins?|minutes?|times|kids|miles?|km|kg|lbs?|stone|o'?clock|year old)\b))"
)
_BARE_SCORE = re.compile(r"^(?:a\s+|about\s+|around\s+|maybe\s+)?(10|[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*/\s*10)?$")
_QUESTION_START = re.compile(
    r"^(what|whats|what's|how|hows|does|do|did|is|are|can|could|will|would|should|where|when|who|why|which|any|"
    r"tell me|i want to know|i'd like to know|id like to know|wondering|do you|is there|are there)\b"
)


@dataclass
class Parse:
    """What one message says. Absent answers are None or empty."""

    regions: list[str] = field(default_factory=list)
    sides: dict[str, str] = field(default_factory=dict)  # region -> left | right | both
    pain_types: list[str] = field(default_factory=list)
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "regions": self.regions,
            "sides": self.sides,
            "pain_types": self.pain_types,
            "onset": self.onset,
            "duration": self.duration,
            "severity": self.severity,
            "conditions": self.conditions,
            "red_flags": self.red_flags,
            "screen": self.screen,
            "contraindications": self.contra,
            "negated": self.negated,
            "faq": [{"id": i, "score": round(s, 3)} for i, s in self.faq],
        }

    def slot(self, slot: str) -> str | int | None:
        """The answer for one question slot, if the message gives it."""
        if slot == "region":
            return self.regions[0] if self.regions else None
        if slot == "pain_type":
            return self.pain_types[0] if self.pain_types else None
        value: str | int | None = getattr(self, slot, None)
        return value


def normalize(text: str) -> str:
    """Lower case, unified apostrophes, punctuation to spaces, single spaces (for whole-text matching)."""
    return " ".join(t for t in tokenize(text) if t not in _BOUNDARY)


def tokenize(text: str) -> list[str]:
    """Words and boundaries. "can't"/"cant" become one token, and filler words ("really", "a bit")
    are dropped on both sides of every match, so "can't really feel" meets "cant feel"."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _UNABLE.sub("can't", text)
    text = _HAS_S.sub(r"\1 has", text)
    text = _APOSTROPHE_S.sub(" is", text)  # "my back's sore" reads as "my back is sore"
    tokens = [t.replace("'", "") for t in _TOKEN.findall(text) if t not in _FILLER]
    return [_SAME_WORD.get(t, t) for t in tokens]


def plain(text: str) -> str:
    """Lower case with '/' kept (for '7/10'), other punctuation to spaces, typo-free number words."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return " ".join(re.sub(r"[^\w'/]+", " ", text).split())


def looks_like_question(raw: str, norm: str) -> bool:
    """A message phrased as a question rather than as an answer."""
    return raw.rstrip().endswith("?") or bool(_QUESTION_START.match(norm))


@dataclass(frozen=True)
class _Entry:
    slot: str
    id: str



def _past_scope(tokens: list[str]) -> set[int]:
    """Token positions in a clause that speaks of long ago (see _PAST)."""
    out: set[int] = set()
    if _PAST_LAST.isdisjoint(tokens):
        return out  # most messages: no marker, nothing to split
    start = 0
    for end in [*(i for i, t in enumerate(tokens) if t in _BOUNDARY or t in _CLAUSE_START), len(tokens)]:
        clause = tokens[start:end]
        if any(tuple(clause[k : k + len(m)]) == m for m in _PAST for k in range(len(clause))):
            out.update(range(start, end))
        start = end + 1
    return out


def _others_scope(tokens: list[str]) -> set[int]:
    """Token positions that speak of someone else's health (see _OTHERS)."""
    out: set[int] = set()
    if _OTHERS.isdisjoint(tokens):
        return out
    for i, tok in enumerate(tokens):
        if tok not in _OTHERS:
            continue
        history = tok == "family" and tokens[i + 1 : i + 2] == ["history"]
        before = tokens[i - 2] if i >= 2 else None
        subject = i >= 1 and tokens[i - 1] in _POSSESSIVE and (before is None or before in _BOUNDARY or before in _CLAUSE_START)
        if not (history or subject):
            continue
        for j in range(i + 1, min(i + 9, len(tokens))):
            if tokens[j] in _BOUNDARY or tokens[j] in _OTHERS_END:
                break
            out.add(j)
    return out

class Understanding:
    """Built once from the content (a few ms); then cheap per message."""

    def __init__(self, content: Content) -> None:
        self.content = content
        phrases: dict[tuple[str, ...], list[_Entry]] = {}

        def add(slot: str, ident: str, phrase: str) -> None:
            key = tuple(t for t in tokenize(phrase) if t not in _BOUNDARY)
            if key:
                entries = phrases.setdefault(key, [])
                if _Entry(slot, ident) not in entries:
                    entries.append(_Entry(slot, ident))

        for slot, options in (("region", content.regions), ("pain_type", content.pain_types), ("onset", content.onsets), ("duration", content.durations)):
            for o in options:
                for p in (o.label, *o.words):
                    add(slot, o.id, p)
        for o in content.onsets:
            for p in o.activity_words:
                add("activity", o.id, p)
        for p in content.words.get("cause", ()):
            add("cause", "cause", p)
        for r in content.regions:
            for p in r.not_words:
                add("region", "", p)  # a phrase where the region word does not say where it hurts
        for c in content.conditions:
            for p in (c.name, *c.words):
                add("condition", c.id, p)
        for f in content.red_flags:
            for p in f.words:
                add("red_flag", f.id, p)
        for check in content.screen:
            for p in check.words:
                add("screen", check.id, p)
        for check in content.contraindications:
            for p in check.words:
                add("contra", check.id, p)
        for key in ("left", "right", "both"):
            for p in content.words.get(key, ()):
                add("side", key, p)
        self.phrases = phrases
        self.by_slot: dict[str, dict[tuple[str, ...], list[_Entry]]] = {}
        for phrase, entries in phrases.items():
            for e in entries:
                self.by_slot.setdefault(e.slot, {}).setdefault(phrase, []).append(e)
        self.max_len = max((len(k) for k in phrases), default=1)
        self.cues = {key: {tuple(tokenize(w)) for w in content.words.get(key, ())} for key in ("negation", "correction")}
        self.negation = {c[0] for c in self.cues["negation"] if len(c) == 1}
        self.past_counts = frozenset(f.id for f in content.red_flags if f.past_counts)
        self.stops = {key: {normalize(w) for w in content.words.get(key, ())} for key in ("yes", "no", "not_sure", "back", "restart", "help", "human", *SOCIAL)}
        self.illness = frozenset(normalize(w) for w in content.words.get("other_illness", ()))
        self.not_sure_label = normalize(content.messages.get("not_sure", "not sure"))

        # Typo repair: vocabulary words, and words known to be real (never repaired).
        vocab = {t for k in phrases for t in k if len(t) >= 3 and not t.isdigit()}
        self.repair_targets = sorted(vocab)
        known = set(_STOP) | vocab | english_words()
        for text in _content_texts(content):
            known.update(tokenize(text))
        self.known = frozenset(known)
        self._repairs: dict[str, str] = {}
        self.faq_index = _FaqIndex(content, self)

    # ------------------------------------------------------------------ words

    def repair(self, token: str) -> str:
        """The vocabulary word a misspelt token was meant to be, or the token itself."""
        if token in self.known or len(token) < 3 or token.isdigit() or token in _BOUNDARY:
            return token
        cached = self._repairs.get(token)
        if cached is not None:
            return cached
        cutoff = 85.0 if len(token) >= 4 else 85.7  # 3 letters: one missing letter of a 4-letter word only
        best = process.extractOne(token, self.repair_targets, scorer=fuzz.ratio, score_cutoff=cutoff)
        fixed = best[0] if best is not None else token
        if len(self._repairs) < 50_000:
            self._repairs[token] = fixed
        return fixed

    def other_illness(self, norm: str) -> bool:
        """Whether the message speaks of an illness that is not muscle or joint pain (a cough, a cold…)."""
        padded = f" {norm} "
        return any(f" {phrase} " in padded for phrase in self.illness)

    def command_word(self, norm: str) -> str | None:
        """'back', 'restart' or 'help' when the whole message is one of their words."""
        for key in ("back", "restart", "help"):
            if norm in self.stops[key]:
                return key
        padded = f" {norm} "
        if any(f" {phrase} " in padded for phrase in self.stops["human"] if phrase):
            return "human"  # "can I talk to a person please"
        return None

    def bare_yes_no(self, norm: str) -> bool:
        """The whole message is only a yes, a no or a not sure."""
        return any(norm in self.stops[key] for key in ("yes", "no", "not_sure"))

    def social(self, norm: str) -> str | None:
        """'thanks', 'hello', 'bye' or 'ok' when the whole message is only that (words.yaml groups)."""
        return next((key for key in SOCIAL if norm in self.stops[key]), None)

    def is_not_sure(self, norm: str) -> bool:
        return norm == self.not_sure_label or norm in self.stops["not_sure"]

    def yes_no(self, norm: str) -> str | None:
        """'yes', 'no' or 'unsure' for a reply to a closed question, else None."""
        if self.is_not_sure(norm):
            return "unsure"
        for key, answer in (("not_sure", "unsure"), ("no", "no"), ("yes", "yes")):
            for word in sorted(self.stops[key], key=len, reverse=True):
                if word and (norm == word or norm.startswith(word + " ")):
                    rest = norm[len(word) :].strip()
                    if any(rest == w or rest.startswith(w + " ") for w in _TURNED.get(answer, ())):
                        return None  # "yeah no", "nah yeah": asked again rather than guessed
                    return answer
        return None

    # ------------------------------------------------------------------ parsing

    def parse(self, raw: str, faq: bool = True) -> Parse:
        """Everything one message says."""
        raw = raw[:MAX_TEXT]
        tokens = [self.repair(t) for t in tokenize(raw)]
        norm = " ".join(t for t in tokens if t not in _BOUNDARY)
        out = Parse(question=looks_like_question(raw, norm))
        matches = self._phrases(tokens)
        negated_symptoms, negated_places = self._negation_scopes(tokens, matches)
        others = _others_scope(tokens)
        past = _past_scope(tokens)
        out.correction = any(tuple(tokens[i : i + len(c)]) == c for c in self.cues["correction"] for i in range(len(tokens)))
        side: str | None = None
        onsets: list[str] = []
        causes = [end for start, end, entry in matches if entry.slot == "cause"]
        for start, end, entry in matches:
            if entry.slot == "side":
                side = entry.id
                continue
            if start in others and entry.slot in _HEALTH_SLOTS:
                continue
            if start in past and (entry.slot == "screen" or (entry.slot == "red_flag" and entry.id not in self.past_counts)):
                continue
            negated = start in (negated_places if entry.slot == "region" else negated_symptoms)
            if negated:
                tag = f"{entry.slot}:{entry.id}"
                if tag not in out.negated:
                    out.negated.append(tag)
                continue
            if entry.slot == "region":
                if entry.id not in out.regions:
                    out.regions.append(entry.id)
                if side is not None and start - _last_side_end(matches, start) <= 3:
                    out.sides.setdefault(entry.id, side)
            elif entry.slot == "pain_type":
                _add(out.pain_types, entry.id)
            elif entry.slot == "condition":
                _add(out.conditions, entry.id)
            elif entry.slot == "red_flag":
                _add(out.red_flags, entry.id)
            elif entry.slot == "screen":
                _add(out.screen, entry.id)
            elif entry.slot == "contra":
                _add(out.contra, entry.id)
            elif entry.slot == "onset" or (entry.slot == "activity" and any(0 <= start - c <= 4 for c in causes)):
                onsets.append(entry.id)
            elif entry.slot == "duration" and out.duration is None and not _not_a_duration(tokens, start, end):
                out.duration = entry.id
        # Several clues: the one listed first in answers.yaml wins (an injury says most).
        ranked = [o.id for o in self.content.onsets]
        out.onset = min(onsets, key=ranked.index) if onsets else None
        numbers = plain(raw)
        out.duration = duration(numbers) or out.duration
        out.severity = severity(numbers)
        if faq:
            out.faq = self.faq_index.rank(tokens)
        return out

    def _phrases(self, tokens: list[str]) -> list[tuple[int, int, _Entry]]:
        """For each kind of answer, the longest phrase at each position, left to right, not overlapping.

        Kinds are read separately, so "hip pain" is both a place (hip) and a condition (hip pain).
        """
        found: list[tuple[int, int, _Entry]] = []
        n = len(tokens)
        for table in self.by_slot.values():
            i = 0
            while i < n:
                for size in range(min(self.max_len, n - i), 0, -1):
                    entries = table.get(tuple(tokens[i : i + size]))
                    if entries:
                        found.extend((i, i + size, e) for e in entries if e.id)
                        i += size
                        break
                else:
                    i += 1
        found.sort(key=lambda m: m[0])
        return found

    def _negation_scopes(self, tokens: list[str], matches: list[tuple[int, int, _Entry]]) -> tuple[set[int], set[int]]:
        """Token positions negated for symptoms ("no numbness"), and for places ("no tingling in my arms").

        A cue that is part of a phrase ("no idea", "can't turn") negates nothing. "can't"/"don't"
        negate the symptom that follows, never a place ("can't sleep on my hip" is about the hip).
        """
        covered = {k for s, e, m in matches if m.slot != "region" for k in range(s, e)}
        symptoms: set[int] = set()
        places: set[int] = set()
        for i, tok in enumerate(tokens):
            if i in covered or not (tok in self.negation or tok in _NOT_VERBS):
                continue
            if tokens[i + 1 : i + 2] and tokens[i + 1] in _NOT_A_NEGATION:
                continue  # "not used to this chest pain", "not sure if it's numbness": nothing denied
            if tok == "without" and any(t in self.negation or t in _NOT_VERBS for t in tokens[max(0, i - 5) : i]):
                continue  # "I can't do anything without feeling short of breath": two negations, a symptom
            for j in range(i + 1, min(i + 9, len(tokens))):
                if tokens[j] in _BOUNDARY or tokens[j] in _SCOPE_END:
                    break
                if tokens[j] in self.negation or tokens[j] in _NOT_VERBS:
                    break  # another negation: its own scope ("can't … without feeling short of breath" is a symptom),
                    # or a symptom of its own ("no fever, can't control my bladder")
                if j - i <= 5:
                    symptoms.add(j)
                if tok in _PLACE_NEGATION:
                    places.add(j)
        return symptoms, places

    def describe(self, raw: str) -> Parse:
        """``parse`` plus the practice's condition that best fits the regions and sensations given."""
        from .state import Conversation
        from .triage import match_condition

        out = self.parse(raw)
        # A region's warning sign counts where it can apply ("when I walk" is a calf sign, not a hip one).
        out.red_flags = self.fitting_flags(out.red_flags, out.regions)
        if out.regions:
            answers = {"region": out.regions[0], "pain_type": out.slot("pain_type"), "onset": out.onset}
            best = match_condition(self.content, Conversation(answers=answers, hints=list(out.conditions)))
            if best is not None:
                _add(out.conditions, best.id)
        return out

    def fitting_flags(self, flag_ids: list[str], regions: list[str]) -> list[str]:
        """The warning signs that can apply to where it hurts (all of them when that is not known)."""
        if not regions:
            return flag_ids
        flags = {f.id: f for f in self.content.red_flags}
        return [f for f in flag_ids if f in flags and any(flags[f].applies_to(r) for r in regions)]

    # ------------------------------------------------------------------ the engine's questions

    def slot_value(self, slot: str, raw: str) -> str | int | None:
        """The answer to ``slot`` in a reply to that very question (a bare '7' is a score there)."""
        if slot == "severity":
            text = plain(raw)
            bare = _BARE_SCORE.match(text)
            if bare:
                return _number(bare.group(1))
            return severity(text)
        return self.parse(raw, faq=False).slot(slot)

    @staticmethod
    def faq_answer(parsed: Parse) -> str | None:
        """The FAQ entry the message confidently asks about, if any."""
        bar = FAQ_CONFIDENT if parsed.question else FAQ_CONFIDENT_STATEMENT
        return parsed.faq[0][0] if parsed.faq and parsed.faq[0][1] >= bar else None

    @staticmethod
    def faq_offers(parsed: Parse) -> list[str]:
        """Entries to offer as "did you mean…" when no answer is confident."""
        bar = FAQ_POSSIBLE if parsed.question else (FAQ_POSSIBLE + FAQ_CONFIDENT_STATEMENT) / 2
        return [fid for fid, score in parsed.faq if score >= FAQ_POSSIBLE] if parsed.faq and parsed.faq[0][1] >= bar else []


FAQ_CONFIDENT = 0.4  # a question is answered straight away at or above this confidence
FAQ_CONFIDENT_STATEMENT = 0.55  # the same for a message not phrased as a question ("parking", "prices pls")
FAQ_POSSIBLE = 0.2  # below the bar but above this: "did you mean…" with up to three entries


class _FaqIndex:
    """BM25 over each FAQ entry's question and phrasings (and, weakly, its answer)."""

    K1, B = 1.2, 0.5
    EVIDENCE = 2.5  # matched word weight (summed IDF) that counts as enough evidence on its own

    def __init__(self, content: Content, u: Understanding) -> None:
        self.known = u.known  # real words are never "repaired" ("weather" is not "whether")
        self.ids = [f.id for f in content.faq]
        self.phrases: list[set[tuple[str, ...]]] = []
        docs: list[Counter[str]] = []
        for f in content.faq:
            doc: Counter[str] = Counter()
            phrases = set()
            for text, weight in ((f.question, 3), *((k, 3) for k in f.keywords), (f.answer, 1)):
                terms = _terms(tokenize(text))
                for t in terms:
                    doc[t] += weight
                if weight > 1 and len(terms) >= 2:
                    phrases.add(tuple(terms))
            docs.append(doc)
            self.phrases.append(phrases)
        self.docs = docs
        self.avg = sum(sum(d.values()) for d in docs) / max(1, len(docs))
        df: Counter[str] = Counter(t for d in docs for t in d)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.max_idf = max(self.idf.values(), default=1.0)
        self.vocab = sorted(t for t in df if len(t) >= 4)

    def rank(self, tokens: list[str]) -> list[tuple[str, float]]:
        """Up to three (id, confidence) pairs, best first.

        Ranking is BM25 plus a bonus for whole phrasings. Confidence asks how much of what the person
        wrote the entry explains (words no entry knows, like "weather", count against it), how much
        evidence there is at all, and how clearly the best entry beats the next.
        """
        terms = list(dict.fromkeys(t if t in self.idf or t in self.known else _fix(t, self.vocab) for t in _terms(tokens)))
        known = [t for t in terms if t in self.idf]
        if not known:
            return []
        weight = {t: self.idf.get(t, self.max_idf) for t in terms}
        total = sum(weight.values())
        joined = " " + " ".join(known) + " "
        scores: list[float] = []
        matched: list[float] = []
        for doc, phrases in zip(self.docs, self.phrases, strict=True):
            length = sum(doc.values())
            score = 0.0
            for t in known:
                tf = doc.get(t, 0)
                if tf:
                    score += self.idf[t] * tf * (self.K1 + 1) / (tf + self.K1 * (1 - self.B + self.B * length / self.avg))
            score += sum(1.5 * len(p) for p in phrases if " " + " ".join(p) + " " in joined)
            scores.append(score)
            matched.append(sum(weight[t] for t in known if t in doc))
        order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)[:3]
        if scores[order[0]] <= 0:
            return []
        out: list[tuple[str, float]] = []
        for rank, i in enumerate(order):
            if scores[i] <= 0:
                break
            coverage = matched[i] / total
            evidence = min(1.0, matched[i] / self.EVIDENCE)
            margin = 1.0 if len(order) == 1 or scores[order[1]] <= 0 else 1 - scores[order[1]] / scores[order[0]]
            confidence = coverage * evidence * (0.6 + 0.4 * margin)
            if rank:
                confidence = min(confidence * 0.5 / (0.6 + 0.4 * margin), out[0][1])
            out.append((self.ids[i], confidence))
        return out


# Words that carry no meaning for telling FAQ entries apart (BM25's weights handle the rest).
_FAQ_STOP = frozenset(
    "a an the i i'm im me my mine we our you your it it's its is am are was were be been being to of in on at "
    "by for with as and or if so than then that this these those there here do does did can could would should "
    "will shall may might must also very really quite too please hi hello hey thanks thank ok okay um uh".split()
)


def _terms(tokens: Iterable[str]) -> list[str]:
    return [_stem(t) for t in tokens if t not in _BOUNDARY and t not in _FAQ_STOP and not t.isdigit()]


def _stem(word: str) -> str:
    """A light English stemmer: enough to meet 'hurts'/'hurting', 'prices'/'price'."""
    word = word.replace("'", "")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def _fix(term: str, vocab: list[str]) -> str:
    if len(term) < 4:
        return term
    best = process.extractOne(term, vocab, scorer=fuzz.ratio, score_cutoff=84)
    return best[0] if best is not None else term


def _not_a_duration(tokens: list[str], start: int, end: int) -> bool:
    """ "3 times a week" is how often; "45 years old", "12 weeks pregnant" are not how long it hurts."""
    return bool(_FREQUENCY.intersection(tokens[max(0, start - 2) : start])) or (end < len(tokens) and tokens[end] in ("old", "pregnant"))


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _last_side_end(matches: list[tuple[int, int, _Entry]], before: int) -> int:
    ends = [e for s, e, m in matches if m.slot == "side" and e <= before]
    return max(ends) if ends else -100


@functools.cache
def english_words(min_count: int = 20) -> frozenset[str]:
    """Real English words (pyspellchecker's frequency list): never "repaired" into vocabulary words."""
    resource = importlib.resources.files("spellchecker").joinpath("resources/en.json.gz")
    with resource.open("rb") as raw, gzip.open(raw) as f:
        counts: dict[str, int] = json.load(f)
    return frozenset(w for w, c in counts.items() if c >= min_count)


def _content_texts(content: Content) -> Iterable[str]:
    yield from content.messages.values()
    for f in content.faq:
        yield f.question
        yield f.answer
    for c in content.conditions:
        yield c.explanation
        yield c.referral
    for r in content.red_flags:
        yield r.question
        yield r.advice
    for s in content.flow.states.values():
        yield s.prompt


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


def duration(norm: str) -> str | None:
    """'days' (under a week), 'weeks' (1-12 weeks) or 'months' (over 12 weeks) from '3 weeks', 'a couple of months'."""
    m = next((m for m in _DURATION.finditer(norm) if not _NOT_DURATION.search(norm[: m.start()][-12:] + "|" + norm[m.end() :][:12])), None)
    if not m:
        return "weeks" if _FORTNIGHT.search(norm) else None
    count_text, unit = m.group(1), m.group(2).rstrip("s")
    count = float(count_text) if count_text[0].isdigit() else _NUMBER_WORDS.get(count_text, 1)
    days = count * _UNIT_DAYS.get(unit, 1)
    if days < 7:
        return "days"
    if days <= 84:
        return "weeks"
    return "months"
