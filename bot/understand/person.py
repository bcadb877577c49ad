"""Who a message is about: the person writing or someone else ("my mum", "asking for my son"),
and their age ("I'm 56", "she's 85", "my teenager (16)")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set

from .lexicon import Match, Parts
from .numbers import weeks_ago
from .text import BOUNDARY

_SELF = frozenset({"i", "im", "ive", "id", "ill", "me", "my", "myself", "mine"})
# Someone else, whatever the clause: "her wrist", "his hip", "she's 85".
_THIRD = frozenset({"she", "shes", "he", "hes", "her", "his", "him", "hers", "herself", "himself"})
THEIR = frozenset({"his", "her", "their"})
SENTENCE_END = frozenset(".!?;")
_CLAUSE_START = frozenset({"and", "but", "so", "now", "then", "because", "cause", "since", "also", "plus", "hi", "hello", "hey"})
# Whose clause it is (see People._owners). Words that join a new clause to the one before, sharing its
# subject when they have none of their own ("my son hit his head and keeps being sick").
_JOINS = frozenset("and n but now then because cause since though although anyway anyways while whereas also plus until till when after or".split())
# Words after which a relative begins a clause ("I think my dad is having a stroke", "says my mum…").
_OPENERS = _JOINS | frozenset(
    "that if think thinks reckon reckons guess believe know worried says said noticed told tells thought saw spotted mentioned uh um er erm oh well yeah yes hi hello hey".split()
)
_SELF_MARKS = frozenset({"i", "im", "ive", "id", "me", "my", "myself", "mine"})  # not "ill": "mum is ill"
_I = frozenset({"i", "im", "ive", "id"})
_SUBJECTS = frozenset({"i", "im", "ive", "id", "she", "shes", "he", "hes", "we", "they", "theyre"})
_OTHER_MARKS = frozenset({"she", "shes", "he", "hes", "his", "hers", "herself", "himself"})
# A subject that is neither the person nor one other person: it says nothing of whose the clause is.
_NOBODY_MARKS = frozenset({"we", "they", "theyre"})
_DETERMINERS = frozenset({"my", "our", "the", "a", "an"})
# What someone says or thinks: "my mum thinks it's shingles" is her opinion, maybe of the person's health.
_REPORTS = frozenset(
    "says said thinks thought reckons reckoned noticed notices told tells worried worries wants wanted suggested suggests suspects "
    "mentioned asked believes wonders wondered".split()
)
# "pins and needles" is one phrase: its "and" begins no clause.
_JOINED = frozenset({("pins", "needles"), ("on", "off"), ("hot", "cold"), ("back", "forth"), ("up", "down")})
# "carrying her around", "lifting her up": "her" as an object says nothing of whose a clause is.
_AFTER_OBJECT = frozenset("up down around out in on off to into onto over at for with from about home a the again all every and but so".split())
# "kneeling next to her till…", "sat beside her": "her" after these is the one sat by, not whose ("from her
# waist down" and "lifting her leg" are hers).
_BEFORE_OBJECT = frozenset("to beside behind near".split())
# People without a word of their own ("our youngest", "my eldest"), and the words said before a person
# ("my little boy", "my poor old mum", "my little one").
_KIN = frozenset({"youngest", "eldest", "oldest"})
KIN_BEFORE = frozenset("little wee baby poor elderly old older younger young youngest elder eldest oldest middle loved big best step dear teenage work".split())
# "asking for myself", "booking for me": the content's cues for asking on someone's behalf, said of oneself.
_MYSELF = frozenset({"me", "myself"})
# When a clause says it happened: a day gone by ("yesterday", "last night", "a month ago"; not "since
# last night", nor "20 minutes ago"), or now, in the present tense ("…and can't speak", "he's still confused").
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_LAST = frozenset("week weekend month year summer winter spring autumn christmas time monday tuesday wednesday thursday friday saturday sunday".split())
_RECENT = frozenset("day days couple few 1 2 3 4 5 one two three four five".split())  # "2 days ago": not over yet
_SOON = frozenset("second seconds sec secs min mins minute minutes hour hours hr hrs".split())
_NOW = frozenset("now today tonight currently still again suddenly since this is are isnt arent has have hasnt havent shes hes cant cannot keeps keep wont doesnt dont".split())
# Health words whose subject says who the message is about.
SIGN_SLOTS = frozenset({"red_flag", "screen", "contra"})  # the kinds of words that are warning signs
HEALTH_SLOTS = frozenset({"region", "pain_type", "condition", "red_flag", "screen", "contra", "history"})  # health words: whose they are matters
_NOT_AN_AGE = (
    r"(?!\s*(?:%|degrees?|deg|c\b|f\b|kg|kgs|lbs?|stone|st\b|weeks?|wks?|days?|months?|mths?|hours?|hrs?|mins?|minutes?|times"
    r"|am\b|pm\b|x\b|k\b|cm|mm|miles?|km|years? ago|yrs? ago|o'?clock|/|'|out of|foot|feet|ft\b|inch|inches|mg\b|ml\b))"
)

# Words after "60M" that make it a distance, and after "28F" a temperature, not an age and sex.
_TEMPERATURE_AFTER = "outside|out|today|tonight|this|in|at|degrees|weather"
_DISTANCE_WORDS = "sprint|run|race|dash|hurdles|relay|swim|freestyle|backstroke|breaststroke|butterfly|medley"
_DISTANCE_AFTER = rf"(?:{_TEMPERATURE_AFTER}|{_DISTANCE_WORDS}|zip|drop|fall|high|long|away|from|up|down|of|walk|row|rope|cable|climb)\b"


class People:
    """Reads who the message is about, with the content's words for other people and for asking on their behalf."""

    def __init__(self, others: Iterable[str], for_other: Iterable[tuple[str, ...]], animals: Iterable[str] = (), well: Iterable[tuple[str, ...]] = ()) -> None:
        self.others = frozenset(w for w in others if " " not in w)
        self.animals = frozenset(animals)  # whose health is never the matter here ("our dog collapsed")
        self.well = frozenset(well)  # said of someone else: well again, or seen to ("she's fine now", "turned out to be…")
        # "dads 78", "grans 90": a possessive typed without its apostrophe.
        self.others_s = frozenset(w + "s" for w in self.others)
        self.cues = tuple(sorted(set(for_other), key=len, reverse=True))
        self._cues_from: dict[str, list[tuple[str, ...]]] = {}  # by first word, longest first
        for cue in self.cues:
            if cue:
                self._cues_from.setdefault(cue[0], []).append(cue)
        names = "|".join(sorted((re.escape(w) for w in self.others), key=len, reverse=True))
        self._other_age = re.compile(
            rf"(?<!\w)(?:(?:{names})'?s?\s*(?:is|was|who is|whos|aged|age)?\s*,?\s*\(?|(?:she|he)'?s\s+|(?:she|he) is\s+|(?:she|he) was\s+|(?:she|he) just turned\s+)"
            rf"(\d{{1,3}})(?!\d){_NOT_AN_AGE}"
        )
        self._self_age = re.compile(rf"(?<!\w)(?:i'?m|i am|im|aged|age|i just turned|i turned|i'm turning|turning)\s+(?:now\s+)?(\d{{1,3}})(?!\d){_NOT_AN_AGE}")
        self._years_old = re.compile(rf"(?<!\w)(my\s+|our\s+)?(\d{{1,3}})\s*(?:-\s*)?(?:years?|yrs?|yr|y)\s*(?:-\s*)?(?:old|o|/o)(?!\w)(\s+(?:{names}))?")
        self._decade = re.compile(r"(?<!\w)(?:in )?(my|her|his|their) (?:early |mid |late )?([2-9])0'?s(?!\w)")
        # "over 60 and my jaw aches", "new back pain at 66": an adult's age without "I'm" (16 and over only:
        # "at 7" is a score or a time).
        # Only where the number ends what is said ("over 60 and…", "at 66,"), never a measurement ("at 38
        # degrees", "over 25 reps", "heart rate over 90"): a wrong adult age would skip the age question.
        clause_end = r"(?=\s*(?:$|[,.;!?)\n&-]|and\b|but\b|now\b|with\b|n\b|[\U0001F300-\U0001FAFF]))"
        self._bare_age = re.compile(rf"(?<![\w/])(?:i'?m |i am |im )?(?:over|at the age of|at age|at)\s+([1-9]\d)(?![\d/.:]){clause_end}")
        # "…nothing eases it. 55M.", "58 M, back pain", "M58": an age with the sex's capital letter, said on its
        # own (not "swam 50m", "a 30m zip line": those follow a word or go on; not "60m, or is 90m better?").
        alone = r"(?:^|(?<=[,.;!(\n]))\s*"
        self._age_sex = re.compile(
            rf"{alone}(?:([1-9]\d)\s?[MF]|[MF]\s?([1-9]\d))(?=\s*(?:$|[,.;!)\n]|and\b|but\b))"
            # "68F new headaches…": at the very start the words may go on (not "60M sprint", "50M freestyle").
            rf"|^\s*([1-9]\d)[MF](?=\s+(?!{_DISTANCE_AFTER})[a-z])"
            # "65 here, my glasses hurt…": an age that opens the message.
            r"|^\s*([1-9]\d)\s+here\b"
        )
        # "…my jaw aches when I chew. 65", "(72)": a grown-up's age said as a sentence of its own, or in brackets
        # after what is said (16 and over: a score is 0 to 10; a number that goes on, "65 quid", is not one).
        # "62, lower back, 6 wks": one opening the message, before a comma. Not "38.9 temp" (a decimal).
        self._alone_age = re.compile(r"(?:^|(?<=[.!?\n]))\s*\(?([1-9]\d)\)?\s*(?=$|[.!?\n](?!\d))|\(([1-9]\d)\)\s*(?=$|[.!?\n](?!\d))|^\s*([1-9]\d)\s*,(?=\s*[a-z])")

    def subject_of(self, tokens: list[str], i: int, over: Set[int] = frozenset()) -> str | None:
        """'self' or 'other': whose the word at position ``i`` is, from the nearest subject before it (or
        its own "my": "my backs killing"), not from a part of the message long over (``over``) when the word
        is not in it ("…since he broke his hip last year, | back aches")."""
        if tokens[i] == "my" and not self._person(tokens, i + 1):
            return "self"
        for j in range(i - 1, max(-1, i - 9), -1):
            tok = tokens[j]
            if tok in SENTENCE_END or (j in over and i not in over):
                return None
            if tok in _THIRD:
                return "other"
            if tok in self.animals:
                return None  # "our dog got hit by a car": nobody's health
            if tok in self.others or tok in self.others_s:
                k = j - 1 - (j > 0 and tokens[j - 1] in ("my", "our"))
                if k >= 0 and self._together(tokens, k):
                    return "self"  # "me and my wife were in a car crash": the person too
                if self._as_subject(tokens, j):
                    return "other"
                continue
            if tok in _SELF:
                return "other" if tok == "my" and j + 1 < len(tokens) and self._person(tokens, j + 1) else "self"  # "my (15 yr old) son"
        return None

    def _as_subject(self, tokens: list[str], j: int) -> bool:
        """ "my dad had…", "mum fell…" (not "I was texting my sister", nor "family history of…")."""
        if tokens[j + 1 : j + 2] == ["history"]:
            return False
        k = j - 1
        if k >= 0 and tokens[k] in ("my", "our", "the"):
            k -= 1
        return k < 0 or tokens[k] in BOUNDARY or tokens[k] in _CLAUSE_START

    def cue(self, tokens: list[str]) -> str | None:
        """'other' when the message says it asks on someone else's behalf ("asking for my son", "not for me"),
        'maybe' when it only says "for" someone ("a massage for my dad", but also "I'm a carer for my mum", "I
        do the lifting for my dad": whose the pain is then decides, see ``for_whom``), 'self' when it says it
        asks for the person writing ("I'm asking for myself", "booking for me"), else None."""
        padded = [*tokens, "", "", ""]
        mine = maybe = False
        for i, tok in enumerate(tokens):
            for cue in self._cues_from.get(tok, ()):
                if tuple(tokens[i : i + len(cue)]) != cue or (i and tokens[i - 1] in _DOING_FOR):
                    continue  # "I care for my mum": doing something for them, not asking for them
                after = padded[i + len(cue) : i + len(cue) + 3]
                if cue[-1] not in ("for", "my", "our", "about", "of") or any(a in self.others or a in _THIRD or a in ("someone", "somebody") for a in after):
                    if cue in _FOR_SOMEONE:
                        maybe = True
                        continue
                    return "other"
                mine = mine or after[0] in _MYSELF or after[:2] == ["my", "own"]  # "booking for my own back"
        return "self" if mine else "maybe" if maybe else None

    def for_whom(self, tokens: list[str], matches: Iterable[Match], cue: str | None, over: Set[int] = frozenset()) -> str:
        """'other' when the message asks on someone else's behalf (``cue``, see ``cue``) or speaks of their
        health, else 'self'. Someone else's health in a part of the message long over (``over``: "my grandad
        died of a heart attack years ago", "since my mum's fall last year") says nothing of whom the message
        is about when it also tells of health now ("…, my shoulder is stiff"). Said "for" someone (cue 'maybe':
        "a massage for my dad"), it is theirs unless the health told is more the person's own ("I'm a carer
        for my mum, my back is killing me")."""
        if cue == "other":
            return "other"
        health = [(start, entry) for start, _end, entry in matches if entry.slot in HEALTH_SLOTS]
        now = any(start not in over for start, _ in health)
        votes = {"self": 0, "other": 0}
        seen: set[int] = set()
        for start, _entry in health:
            if start in seen:
                continue
            seen.add(start)
            who = self.subject_of(tokens, start, over)
            if who == "other" and start in over and now:
                continue  # their past beside health now: not whom the message is about
            if who is not None:
                votes[who] += 1
        if votes["self"] == votes["other"] == 0:
            return "other" if cue == "maybe" else self._only_theirs(tokens)
        if cue == "maybe":
            return "self" if votes["self"] > votes["other"] else "other"
        return "other" if votes["other"] > votes["self"] else "self"

    def long_over(self, tokens: list[str], this_year: int, weeks: float) -> set[int]:
        """The positions of clauses that tell of something more than ``weeks`` ago ("last year", "years ago",
        "in 2019") or of a death ("my grandad died of a heart attack"): over, whoever it happened to."""
        out: set[int] = set()
        for start, end, _join in self._clauses(tokens):
            words = tokens[start:end]
            when = weeks_ago(" ".join(words), this_year)
            if (when is not None and when > weeks) or not _DEATH.isdisjoint(words) or ("passed" in words and "away" in words):
                out.update(range(start, end))
        return out

    def _only_theirs(self, tokens: list[str]) -> str:
        """A message with no health word of anyone's: 'other' when it speaks of someone else as the one
        something happens to ("my nan (86) keeps asking where grandad is") and never of the writer but as
        whose relative it is ("my nan"), and gives their age; else 'self' ("my friend recommended you")."""
        mine = any(t in _SELF_MARKS and not (t == "my" and self._person(tokens, k + 1)) for k, t in enumerate(tokens))
        theirs = any((t in self.others or t in self.others_s) and self._as_subject(tokens, k) for k, t in enumerate(tokens))
        return "other" if theirs and not mine and self._other_age.search(" ".join(tokens)) else "self"

    def theirs(self, tokens: list[str], matches: Iterable[Match], parts: Parts, not_said: Set[int], over: Set[int], cue: str | None) -> tuple[str | None, list[str | None]]:
        """Whether the message is about the person writing, and if so whose each word is.

        It is about the person when it says so ("I'm asking for myself": 'said') or speaks of their own
        health in a clause of their own ('health': a health word not in ``not_said``, "my back is sore",
        "I've lost a stone"; not a part of a sign said in parts, as in "…a rash that doesn't fade | when I
        press a glass on it"), and does not say it asks for someone else ("asking for my dad"). Else None:
        a message with nothing of the person's own health ("my mum's face has dropped") is about the
        other person, and their signs are the ones that count.

        Then for each word (see ``_owners``; a health word said with "his", "her" or "their" is someone
        else's): 'self' for the person's, 'other' for someone else's ("my nan had a stroke | and her speech
        went funny"), 'over' for someone else's in a part of the message that is over: dated in the past
        ("last week", "a month ago", "years ago", not yesterday or last night; or a position in ``over``:
        their history, "my nan had a stroke"), by its own clause or one before it about them, and not said
        to be so now ("…and still can't speak", which also undoes the date of the clause before); None
        when not known. ``cue``: what the message says of whom it asks for (see ``cue``).
        """
        health = [(s, e, (s, e, m) in parts) for s, e, m in matches if m.slot in HEALTH_SLOTS]
        if cue == "other" or not health:
            return None, []
        signs = {k for s, e, m in matches if m.slot in SIGN_SLOTS for k in range(s, e)} | {
            k for key, spans in parts.items() if key[2].slot in SIGN_SLOTS for a, b in spans for k in range(a, b)
        }
        strict, loose, past, gone = self._owners(tokens, over, signs)
        # "lower back pain since my mum had a fall last year": health said first, with no one's word, is the writer's.
        clauses = self._clauses(tokens)
        opening = range(clauses[0][0], clauses[0][1]) if clauses and loose[clauses[0][0]] is None else range(0)
        if cue == "self":
            about = "said"
        elif any(
            not split and s not in not_said and (self._whose(tokens, s, e, loose) == "self" or (s in opening and THEIR.isdisjoint(tokens[s : e + 1]))) for s, e, split in health
        ):
            about = "health"
        else:
            # "my dog collapsed", "…since his stroke": nobody's now, whoever the message is about.
            pets: list[str | None] = ["over" if g in ("pet", "since") else None for g in gone]
            return None, pets if "over" in pets else []
        for s, e, _ in health:
            strict[s] = self._whose(tokens, s, e, strict)
        return about, [
            g if g == "healed" else "over" if g is not None or (w == "other" and was) else w if w in ("self", "other") else None
            for w, was, g in zip(strict, past, gone, strict=True)
        ]

    def _owners(self, tokens: list[str], over: Set[int], signs: Set[int] = frozenset()) -> tuple[list[str | None], list[str | None], list[bool], list[str | None]]:
        """For each word, whose clause it is in ('self', 'other', 'both' for "we", "they" or a clause with
        both, or None), whether it is dated in the past, and whether it is gone for another reason: 'pet'
        in an animal's clause, 'well' in someone else's clause before one saying they are well now
        (see _well_since).

        A clause begins after a comma or a full stop, at a joining word ("and", "but", "now"…), at a new
        subject ("…last night | I was up…", "my wife noticed | I'm slurring"), and at a relative named after
        "think", "says"… ("I think | my dad is having a stroke"). Its owner is told by the words for people
        in it: "I", "me", "my back" are the person's; "she", "his", "her speech", or a relative as its subject
        ("my dad had…", "mum fell", "my little one…") someone else's; a relative as an object ("texting my
        sister", "lifting my dad") says nothing. A clause with no such word shares the owner of the one
        before: the first list only across a joining word ("my son hit his head | and keeps being sick"),
        the second also across a comma ("…I've been stressed sick, | upper back in knots").
        """
        n = len(tokens)
        strict: list[str | None] = [None] * n
        loose: list[str | None] = [None] * n
        past = [False] * n
        before_strict: str | None = None
        before_loose: str | None = None
        before_past = False
        previous: tuple[int, int] | None = None
        spans: list[tuple[int, int, str | None, bool]] = []  # each clause: where, whose, whether it says now
        pet = [False] * n
        was_pet = False  # the clause before is an animal's
        for start, end, join in self._clauses(tokens):
            own = self._clause_owner(tokens, start, end)
            # An animal's clause, and those after it without a person of their own ("our dog collapsed | and…",
            # "my cat got stung, | her face swelled up | and she was struggling to breathe").
            after_pet = join != "stop" and was_pet and own in (None, "other") and not self._names_person(tokens, start, end)
            was_pet = self._pet_subject(tokens, start, end) or _stranger_subject(tokens, start, end) or after_pet
            pet[start:end] = [was_pet] * (end - start)
            owner = own if own is not None else before_strict if join == "join" else None
            before_loose = own if own is not None else before_loose if join != "stop" else None
            # Its time: its own, or that of the clause before about the same person ("my nan had a stroke
            # and her speech went funny"), unless it says it is now ("…and now he has chest pain").
            dated = any(j in over for j in range(start, end)) or _past_day(tokens, start, end)
            # "is" after a person is no tense: "my husband's face drooped" reads "my husband is face…".
            now = any(tokens[j] in _NOW and not (tokens[j] == "is" and j and self._person(tokens, j - 1)) for j in range(start, end))
            same = owner == "other" and before_strict == "other" and join != "stop"
            if same and now and previous is not None and _WELL.isdisjoint(tokens[start:end]):
                past[previous[0] : previous[1]] = [False] * (previous[1] - previous[0])  # "…hit his head last saturday and keeps being sick"
            elif same and join == "join" and dated and not now and previous is not None and not spans[-1][3]:
                past[previous[0] : previous[1]] = [True] * (previous[1] - previous[0])  # "my flatmate went all confused | n wobbly last week"
            # "he gets muddled", "she gets confused in the evenings": someone else's long-known pattern.
            habit = owner == "other" and not _HABIT.isdisjoint(tokens[start:end])
            before_past = habit or (not now and (dated or (same and before_past)))
            before_strict = owner
            strict[start:end] = [owner] * (end - start)
            loose[start:end] = [before_loose] * (end - start)
            past[start:end] = [before_past] * (end - start)
            previous = (start, end)
            spans.append((start, end, owner, now))
        said_well = [_said_well(tokens, s, e, self.well) for s, e, _, _ in spans]  # each clause, once
        named = [self._named(tokens, s, e) for s, e, _, _ in spans]
        well = _well_since(tokens, spans, signs, said_well, named)
        healed = _healed(tokens, spans, past, signs, said_well)
        since = [False] * n  # "since his stroke": an event gone by (not "since her headache came on an hour ago")
        for s, e, _, _ in spans:
            if _TODAY.isdisjoint(tokens[s:e]):
                since[s:e] = [j >= 2 and tokens[j - 2] == "since" and tokens[j - 1] in THEIR for j in range(s, e)]
        return strict, loose, past, [("pet" if p else "since" if a else "well" if w else "healed" if h else None) for p, a, w, h in zip(pet, since, well, healed, strict=True)]

    def _clauses(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        """The clauses, as (start, end, how joined to the one before: 'stop', 'comma' or 'join')."""
        out: list[tuple[int, int, str]] = []
        start, join = 0, "stop"
        for i, tok in enumerate(tokens):
            if tok in BOUNDARY:
                if i > start:
                    out.append((start, i, join))
                    join = "comma"
                if tok in SENTENCE_END:
                    join = "stop"
                start = i + 1
            elif (
                i > start + (tokens[start] in _OPENERS)
                and not self._together(tokens, i)
                and (
                    (tok in _JOINS and (tokens[i - 1], tokens[i + 1] if i + 1 < len(tokens) else "") not in _JOINED)
                    or tok in _SUBJECTS
                    or (tokens[i - 1] in _OPENERS and self._names_other(tokens, i) and not self._together(tokens, i - 1))
                )
            ):
                out.append((start, i, join))
                start, join = i, "join"
        if start < len(tokens):
            out.append((start, len(tokens), join))
        return out

    def _together(self, tokens: list[str], i: int) -> bool:
        """ "me and my wife", "my mum and I": two people joined by "and" are one subject, not two clauses."""
        if tokens[i] not in ("and", "n", "or", "&") or i == 0 or i + 1 >= len(tokens):
            return False
        left = tokens[i - 1] in ("me", "i", "myself") or self._person(tokens, i - 1) > 0
        right = tokens[i + 1] in ("me", "i", "myself") or self._names_other(tokens, i + 1)
        return left and right

    def _clause_owner(self, tokens: list[str], start: int, end: int) -> str | None:
        marks: set[str] = set()
        k = _past_openers(tokens, start, end)
        subject = 0
        if k < end and (tokens[k] in _I or (tokens[k] == "my" and k + 1 < end and not self._person(tokens, k + 1))):
            return "self"  # "…n i pulled my shoulder grabbing his lead", "my shoulder aches from carrying his bag": whose the lead is says nothing
        if k < end and self._names_other(tokens, k):
            subject = (tokens[k] in _DETERMINERS) + self._person(tokens, k + (tokens[k] in _DETERMINERS))
            marks.add("other")  # "my dad had…", "and mum fell", "hubby can't speak"
        elif k < end and tokens[k] in _OTHER_MARKS:
            subject = 1
        verb = k + subject + (tokens[k + subject : k + subject + 1] in (["is"], ["was"], ["has"], ["had"]))
        if subject and tokens[verb : verb + 1] and tokens[verb] in _REPORTS:
            return "both"  # "my mum thinks it might be shingles", "she's worried about the weight loss": whose, unsaid
        for j in range(start, end):
            t = tokens[j]
            after = tokens[j + 1] if j + 1 < len(tokens) else "."
            if t in _SELF_MARKS:
                if not (t == "my" and self._person(tokens, j + 1)):  # "my dad" is not the person
                    marks.add("self")
            elif t in _OTHER_MARKS or (t == "her" and after not in BOUNDARY and after not in _AFTER_OBJECT and not (j and tokens[j - 1] in _BEFORE_OBJECT)):
                marks.add("other")
            elif t in _NOBODY_MARKS:
                marks.add("nobody")
        if not marks:
            return None
        return next(iter(marks)) if len(marks) == 1 else "both"  # "nobody": only "we" or "they"

    def _pet_subject(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether an animal is the clause's subject: "our dog got hit by a car", "the cat's been sick"."""
        k = _past_openers(tokens, start, end)
        if tokens[k : k + 2] == ["one", "of"] and k + 2 < end and tokens[k + 2] in _DETERMINERS:
            k += 2  # "one of our goats had a hot swollen knee"
        if not (k < end and tokens[k] in _DETERMINERS):
            return k < end and tokens[k] in self.animals and tokens[k] not in _NAMES  # "budgie flew into the window"; not "Cat collapsed at work"
        k += 1
        while k < end and tokens[k] in KIN_BEFORE:
            k += 1
        k += k + 1 < end and tokens[k] in _BREED_WORDS  # "our sausage dog", "the guinea pig"
        animal = k < end and (tokens[k] in self.animals or tokens[k].removesuffix("s") in self.animals)
        # "the horse kicked me in the head", "one of our cows crushed me": the person's account, not the animal's.
        about_me = not _ME.isdisjoint(tokens[k:end])
        return animal and not about_me and (k + 1 >= end or tokens[k + 1] not in _PERSON_AFTER)  # "my dog walker collapsed" is a person

    def _named(self, tokens: list[str], start: int, end: int) -> frozenset[str]:
        """The people a clause names ("my son", "his sister", "dads"), each as its word without a possessive s."""
        return frozenset(t if t in self.others else t[:-1] for t in tokens[start:end] if (t in self.others or t in self.others_s) and t not in self.animals)

    def _names_person(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether a clause names a person (not an animal): "my dad", "hubby"."""
        return any((t in self.others or t in self.others_s) and t not in self.animals for t in tokens[start:end])

    def _person(self, tokens: list[str], j: int) -> int:
        """How many words at ``j`` name someone else ("dad", "dads", "little one", "eldest", "little boy",
        "80 year old mum", "19 year old"); 0 if none."""
        k = j
        if tokens[k : k + 1] and tokens[k].isdigit() and tokens[k + 1 : k + 3] in (["year", "old"], ["years", "old"], ["yr", "old"]):
            k += 3
            if not (tokens[k : k + 1] and (tokens[k] in self.others or tokens[k] in _KIN)):
                return k - j  # "my 19 year old has a stiff neck"
        while k < j + 2 and tokens[k : k + 1] and tokens[k] in KIN_BEFORE:
            k += 1  # "my little boy", "my poor old mum", "my little one"
        tok = tokens[k] if k < len(tokens) else ""
        if tok in self.others or tok in self.others_s or tok in _KIN or (k > j and tok in ("one", "ones")):
            return 0 if tokens[k + 1 : k + 2] == ["history"] else k + 1 - j  # "family history of…" is the person's
        return 0

    def _names_other(self, tokens: list[str], k: int) -> bool:
        """Whether someone else is named at ``k`` as a clause's subject: "my dad…", "the kids…", "hubby…"."""
        if tokens[k] in _DETERMINERS:
            return self._person(tokens, k + 1) > 0
        return (tokens[k] in self.others or tokens[k] in self.others_s or tokens[k] in KIN_BEFORE) and self._person(tokens, k) > 0

    @staticmethod
    def _whose(tokens: list[str], start: int, end: int, owner: list[str | None]) -> str | None:
        """Whose the health words at ``start:end`` are: someone else's when said with "his", "her" or
        "their" ("hit his head", "since his stroke"), else the owner of their clause."""
        return "other" if not THEIR.isdisjoint(tokens[max(0, start - 1) : end]) else owner[start]

    def age(self, text: str, whom: str, said: str = "") -> int | None:
        """The age of the person the message is about, if said (``text``: the message in plain words;
        ``said``: as typed, punctuation kept, for an age said without "I'm")."""
        found: list[tuple[str, int]] = []
        for m in self._other_age.finditer(text):
            found.append(("other", int(m.group(1))))
        for m in self._self_age.finditer(text):
            found.append(("self", int(m.group(1))))
        for m in self._years_old.finditer(text):
            found.append(("other" if m.group(1) or m.group(3) else whom, int(m.group(2))))
        for m in self._decade.finditer(text):
            found.append(("self" if m.group(1) == "my" else "other", int(m.group(2)) * 10))
        for m in self._age_sex.finditer(said.strip()):
            found.append((whom, int(next(g for g in m.groups() if g))))
        for m in self._alone_age.finditer(said.strip()):
            if (alone := int(m.group(1) or m.group(2) or m.group(3))) >= 16:
                found.append((whom, alone))
        said = said.lower().replace("’", "'")
        for m in self._bare_age.finditer(said):
            before = re.split(r"[.!?;,\n]", said[: m.start()])[-1].split()
            if _MEASURED.intersection(before):
                continue  # "my temp is at 38", "pulse over 90"
            # "I had sciatica at 25": an age then, not now (a wrong younger age would skip questions).
            if int(m.group(1)) >= 16 and _THEN.isdisjoint(before):
                found.append((whom, int(m.group(1))))
        ages = [a for who, a in found if who == whom and 1 <= a <= 110]
        return ages[0] if ages else None


# "for my dad", "for her": said of someone, but not always asking for them ("I'm a carer for my mum").
_FOR_SOMEONE = frozenset({("for", "my"), ("for", "our"), ("for", "her"), ("for", "him")})
_DEATH = frozenset("died dead funeral rip".split())
_WELL = frozenset("fine grand ok okay better alright well good recovered".split())  # "…last saturday, he's grand": over
_DOING_FOR = frozenset("care caring cared cares look looking worried worry cook cooking shop shopping work working wait waiting".split())
_HABIT = frozenset({"gets", "always"})
_STILL = frozenset("now today tonight currently still suddenly keeps keep cant cannot isnt wont right".split())  # a sign there now
# Animals that are also a name or another word without "the" or "my" ("Cat collapsed at work", "horse
# voice" for hoarse, "lab tests"), and the words that make an animal's word a person ("my dog walker").
_NAMES = frozenset({"cat", "pet", "horse", "husky", "lab", "boxer"})
_ME = frozenset({"me", "my", "myself"})
_BREED_WORDS = frozenset({"sausage", "guinea", "african", "border", "bearded", "rescue", "farm", "pet", "show", "racing"})  # a word before the animal
_PERSON_AFTER = frozenset("walker walkers sitter sitters groomer trainer owner owners rider handler breeder".split())
_TODAY = frozenset("now today tonight morning hour hours mins minutes suddenly".split())
_NOT_WELL = frozenset("not isnt arent wasnt werent doesnt dont didnt never hardly no nt far".split())


# A stranger: "a man fainted at the bar", "a lady at the park fainted", "someone collapsed at the gym". Their sign is
# not the person's, nor one to see a doctor about, unless it is happening now ("a man just collapsed in front of me").
_STRANGERS = frozenset("man woman lady gentleman guy bloke fella stranger someone somebody customer passenger runner player".split())
_ME_TOO = _ME | {"i", "im", "us", "we"}
_STRANGER_OPENS = frozenset({"a", "an", "this", "some", "one"})
_STRANGER_NOW = frozenset({"just", "right", "help", "now", "still", "isnt", "hasnt", "wont", "cant", "not"})


def _stranger_subject(tokens: list[str], start: int, end: int) -> bool:
    k = _past_openers(tokens, start, end)
    if k < end and tokens[k] in _STRANGER_OPENS:
        k += 1
    if not (k < end and tokens[k] in _STRANGERS and (k > start or tokens[k] in ("someone", "somebody"))):
        return False
    if not _ME_TOO.isdisjoint(tokens[k:end]):
        return False  # "someone knocked me off my bike", "a man ran into me": the person's account
    stop = next((j for j in range(k, len(tokens)) if tokens[j] in (".", "!", "?")), len(tokens))
    # Now in its clause, or said strongly anywhere in its sentence ("…and isn't breathing, what do I do?").
    return _NOW.isdisjoint(tokens[k:end]) and _STRANGER_NOW.isdisjoint(tokens[k:stop]) and tokens[stop : stop + 1] != ["?"]


def _said_well(tokens: list[str], start: int, end: int, well: Set[tuple[str, ...]]) -> bool:
    """Whether a clause says someone is well now or being looked after (``well``: the content's phrases
    for it), and not "not ok"."""
    before = tokens[max(0, start - 3) : start]  # "…, otherwise | he's fine", "other than that | she's fine"
    if not _NOT_NOW_WELL.isdisjoint(tokens[start:end]) or not _BESIDES.isdisjoint(before) or _asked(tokens, end):
        return False  # "was fine this morning", "fine otherwise", "better than yesterday", "is he ok?", "says he feels ok"
    if tokens[start : start + 1] in (["the"], ["a"]) and start + 1 < end and tokens[start + 1] not in _THIRD:
        return False  # "the trampoline is fine": a thing, not a person
    return any(
        any(tuple(tokens[j : j + len(p)]) == p for p in well if p[0] == tokens[j])
        and _NOT_WELL.isdisjoint(tokens[max(start, j - 2) : j])
        and not (j == start and tokens[j] in _WELL and j + 1 < end and tokens[j + 1] not in _NOW)  # "ok what do I do", "better call 999"
        for j in range(start, end)
    )


_BESIDES = frozenset({"otherwise", "apart", "except", "than", "besides"})
_NOT_NOW_WELL = frozenset("was were earlier otherwise than when if ish yesterday before apart except says said reckons insists claims thinks soon will going".split())


def _asked(tokens: list[str], end: int) -> bool:
    """Whether the clause ending at ``end`` is in a question ("is he ok?")."""
    for t in tokens[end:]:
        if t in SENTENCE_END:
            return t == "?"
    return False


# Clauses that may be about the same other person: theirs, without a subject, or of "we" or "they".
_THEIRS_TOO = ("other", None, "nobody")


def _healed(tokens: list[str], spans: list[tuple[int, int, str | None, bool]], past: list[bool], signs: Set[int], said_well: list[bool]) -> list[bool]:
    """For each word, whether it is in the person's own clause dated long enough ago ("tripped up the kerb
    last summer", "had covid in january") before one that says it is well again ("…knee's been fine ever
    since", "over it now"), with no sign said to be there now after it ("…fine now but keep being sick").
    ``said_well``: for each clause, whether it says so (see _said_well)."""
    out = [False] * len(tokens)
    for i, (_, _, owner, _) in enumerate(spans):
        if owner not in ("self", None) or not said_well[i]:
            continue
        if any(now and not signs.isdisjoint(range(s, e)) for s, e, _, now in spans[i + 1 :]):
            continue
        for s, e, o, _ in reversed(spans[:i]):
            if o not in ("self", None):
                break
            if past[s]:
                out[s:e] = [True] * (e - s)
    return out


def _well_since(tokens: list[str], spans: list[tuple[int, int, str | None, bool]], signs: Set[int], said_well: list[bool], named: list[frozenset[str]]) -> list[bool]:
    """For each word, whether it is in someone else's clause before one that says they are well now
    ("my toddler fell off the sofa yesterday, | she's totally fine"), and no later clause about them says
    a sign is there now ("…he seems ok | but keeps being sick"; not "…and she's on steroids"). ``signs``:
    where warning signs are said; ``said_well``: for each clause, whether it says they are well;
    ``named``: for each clause, the people it names.

    Going back from the clause that says so, the person's own clauses are passed over, and then only
    clauses about someone else count ("our neighbour collapsed | and I did CPR | until the ambulance
    came. | He survived"; not "fell off a ladder helping my dad, | my legs are numb, | he's ok"). A clause that
    names who is well counts only when the last person named before it is the same one ("my son is
    confused, | my husband is fine"; "my husband… his face has dropped, | I rang 999, | my daughter is ok")."""
    out = [False] * len(tokens)
    last = None  # the owner of the last clause that has one: "…mum's face went droopy, | turned out to be nothing"
    for i, (_, _, owner, _) in enumerate(spans):
        last = owner if owner not in (None, "nobody") else last
        if last != "other" or not said_well[i]:
            continue
        later = []
        for k, (s, e, o, now) in enumerate(spans[i + 1 :], start=i + 1):
            if o not in _THEIRS_TOO:
                break
            later.append(now and not said_well[k] and not signs.isdisjoint(range(s, e)))
        if any(later):
            continue
        for s, e, o, _ in spans[i + 1 : i + 1 + len(later)]:
            if o == "other":
                break
            out[s:e] = [True] * (e - s)  # what follows without a subject of its own: "…, | the stroke team ruled everything else out"
        who = named[i]
        if who and not who.intersection(next((named[j] for j in range(i - 1, -1, -1) if named[j]), who)):
            continue  # "my husband… his face has dropped, | I rang 999, | my daughter is ok": not the one said well
        passed = False  # a clause of the writer's own passed over: from there, only clauses about someone else
        for j in range(i, -1, -1):
            s, e, o, _ = spans[j]
            if o == "self" and j != i:
                passed = True
                continue
            if o not in _THEIRS_TOO or (who and named[j] and who.isdisjoint(named[j])) or (passed and o != "other"):
                break  # "fell off a ladder helping my dad, | my legs are numb, | he's ok": the fall is the writer's
            if j == i or _STILL.isdisjoint(tokens[s:e]) or signs.isdisjoint(range(s, e)):
                out[s:e] = [True] * (e - s)  # not a sign said to be there now: "…he collapsed and isn't breathing, | ok what do I do"
    return out


_MEASURED = frozenset("temp temperature fever pulse heart rate bp pressure speed weight weighs weigh kilos kg lifting lift reps sets cycle ride run ran score scored".split())
_THEN = frozenset("had was were when broke broken since used did started began first happened".split())


def _past_day(tokens: list[str], start: int, end: int) -> bool:
    """Whether the clause names a time long enough gone that what happened then is over (see _LAST):
    last week, a month ago. Not yesterday, last night or days ago: "my boy hit his head yesterday and
    keeps being sick" may still need help today."""
    for j in range(start, end):
        t = tokens[j]
        before = tokens[max(start, j - 2) : j]
        if t in ("last", "in") and j + 1 < end and tokens[j + 1] in (_LAST if t == "last" else _MONTHS) and "since" not in before:
            return True  # "last week", "in january"
        if t == "ago" and _SOON.isdisjoint(before) and _RECENT.isdisjoint(before):
            return True
    return False


def _past_openers(tokens: list[str], start: int, end: int) -> int:
    """Where a clause's own words begin, after the words that open it ("and", "but", "so", "also"…)."""
    k = start
    while k < end and tokens[k] in _OPENERS:
        k += 1
    return k
