"""Who a message is about: the person writing or someone else ("my mum", "asking for my son"),
and their age ("I'm 56", "she's 85", "my teenager (16)")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import Match
from .text import BOUNDARY

_SELF = frozenset({"i", "im", "ive", "id", "ill", "me", "my", "myself", "mine"})
# Someone else, whatever the clause: "her wrist", "his hip", "she's 85".
_THIRD = frozenset({"she", "shes", "he", "hes", "her", "his", "him", "hers", "herself", "himself"})
_SENTENCE_END = frozenset(".!?;")
_CLAUSE_START = frozenset({"and", "but", "so", "now", "then", "because", "cause", "since", "also", "plus", "hi", "hello", "hey"})
# Health words whose subject says who the message is about.
_HEALTH = frozenset({"region", "pain_type", "condition", "red_flag", "screen", "contra", "history"})
_NOT_AN_AGE = (
    r"(?!\s*(?:%|degrees?|deg|c\b|f\b|kg|kgs|lbs?|stone|st\b|weeks?|wks?|days?|months?|mths?|hours?|hrs?|mins?|minutes?|times"
    r"|am\b|pm\b|x\b|k\b|cm|mm|miles?|km|years? ago|yrs? ago|o'?clock|/|'|out of|foot|feet|ft\b|inch|inches|mg\b|ml\b))"
)


class People:
    """Reads who the message is about, with the content's words for other people and for asking on their behalf."""

    def __init__(self, others: Iterable[str], for_other: Iterable[tuple[str, ...]]) -> None:
        self.others = frozenset(w for w in others if " " not in w)
        # "dads 78", "grans 90": a possessive typed without its apostrophe.
        self.others_s = frozenset(w + "s" for w in self.others)
        self.cues = tuple(sorted(set(for_other), key=len, reverse=True))
        names = "|".join(sorted((re.escape(w) for w in self.others), key=len, reverse=True))
        self._other_age = re.compile(
            rf"(?<!\w)(?:(?:{names})'?s?\s*(?:is|was|who is|whos|aged|age)?\s*,?\s*\(?|(?:she|he)'?s\s+|(?:she|he) is\s+|(?:she|he) was\s+|(?:she|he) just turned\s+)"
            rf"(\d{{1,3}})(?!\d){_NOT_AN_AGE}"
        )
        self._self_age = re.compile(rf"(?<!\w)(?:i'?m|i am|im|aged|age|i just turned|i turned|i'm turning|turning)\s+(?:now\s+)?(\d{{1,3}})(?!\d){_NOT_AN_AGE}")
        self._years_old = re.compile(rf"(?<!\w)(my\s+|our\s+)?(\d{{1,3}})\s*(?:-\s*)?(?:years?|yrs?|yr|y)\s*(?:-\s*)?(?:old|o|/o)(?!\w)(\s+(?:{names}))?")
        self._decade = re.compile(r"(?<!\w)(?:in )?(my|her|his|their) (?:early |mid |late )?([2-9])0'?s(?!\w)")

    def subject_of(self, tokens: list[str], i: int) -> str | None:
        """'self' or 'other': whose the word at position ``i`` is, from the nearest subject before it."""
        for j in range(i - 1, max(-1, i - 9), -1):
            tok = tokens[j]
            if tok in _SENTENCE_END:
                return None
            if tok in _THIRD:
                return "other"
            if tok in self.others or tok in self.others_s:
                if self._as_subject(tokens, j):
                    return "other"
                continue
            if tok in _SELF:
                return "other" if tok == "my" and j + 1 < len(tokens) and (tokens[j + 1] in self.others) else "self"
        return None

    def _as_subject(self, tokens: list[str], j: int) -> bool:
        """ "my dad had…", "mum fell…" (not "I was texting my sister", nor "family history of…")."""
        if tokens[j + 1 : j + 2] == ["history"]:
            return False
        k = j - 1
        if k >= 0 and tokens[k] in ("my", "our", "the"):
            k -= 1
        return k < 0 or tokens[k] in BOUNDARY or tokens[k] in _CLAUSE_START

    def for_whom(self, tokens: list[str], matches: Iterable[Match]) -> str:
        """'other' when the message asks on someone else's behalf or speaks of their health, else 'self'."""
        padded = [*tokens, "", "", ""]
        for i in range(len(tokens)):
            for cue in self.cues:
                if tuple(tokens[i : i + len(cue)]) != cue:
                    continue
                after = padded[i + len(cue) : i + len(cue) + 3]
                if cue[-1] not in ("for", "my", "our", "about", "of") or any(a in self.others or a in _THIRD or a in ("someone", "somebody") for a in after):
                    return "other"
        votes = {"self": 0, "other": 0}
        seen: set[int] = set()
        for start, _end, entry in matches:
            if entry.slot not in _HEALTH or start in seen:
                continue
            seen.add(start)
            who = self.subject_of(tokens, start)
            if who is not None:
                votes[who] += 1
        return "other" if votes["other"] > votes["self"] else "self"

    def age(self, text: str, whom: str) -> int | None:
        """The age of the person the message is about, if said."""
        found: list[tuple[str, int]] = []
        for m in self._other_age.finditer(text):
            found.append(("other", int(m.group(1))))
        for m in self._self_age.finditer(text):
            found.append(("self", int(m.group(1))))
        for m in self._years_old.finditer(text):
            found.append(("other" if m.group(1) or m.group(3) else whom, int(m.group(2))))
        for m in self._decade.finditer(text):
            found.append(("self" if m.group(1) == "my" else "other", int(m.group(2)) * 10))
        ages = [a for who, a in found if who == whom and 1 <= a <= 110]
        return ages[0] if ages else None
