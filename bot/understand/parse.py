"""The ``Parse`` record of what one message says, and the reading that fills it: phrases found,
then dropped or kept as denied by the scopes, then numbers and FAQ matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.content import Content

from .faq import FaqIndex
from .lexicon import Lexicon, Match
from .numbers import duration, not_a_duration, severity
from .scopes import negation_scopes, others_scope, past_scope
from .text import BOUNDARY, looks_like_question, plain, tokenize

MAX_TEXT = 1000  # characters read from one message; the rest is ignored

_HEALTH_SLOTS = frozenset({"region", "pain_type", "condition", "red_flag", "screen", "contra"})


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


class Parser:
    """Reads messages against one content's lexicon, negation and correction cues, and FAQ index."""

    def __init__(self, content: Content, lexicon: Lexicon, faq_index: FaqIndex) -> None:
        self.content = content
        self.lexicon = lexicon
        self.faq_index = faq_index
        self.cues = {key: {tuple(tokenize(w)) for w in content.words.get(key, ())} for key in ("negation", "correction")}
        self.negation = {c[0] for c in self.cues["negation"] if len(c) == 1}
        self.past_counts = frozenset(f.id for f in content.red_flags if f.past_counts)

    def parse(self, raw: str, faq: bool = True) -> Parse:
        """Everything one message says."""
        raw = raw[:MAX_TEXT]
        tokens = [self.lexicon.repair(t) for t in tokenize(raw)]
        norm = " ".join(t for t in tokens if t not in BOUNDARY)
        out = Parse(question=looks_like_question(raw, norm))
        matches = self.lexicon.find(tokens)
        negated_symptoms, negated_places = negation_scopes(tokens, matches, self.negation)
        others = others_scope(tokens)
        past = past_scope(tokens)
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
                add_new(out.pain_types, entry.id)
            elif entry.slot == "condition":
                add_new(out.conditions, entry.id)
            elif entry.slot == "red_flag":
                add_new(out.red_flags, entry.id)
            elif entry.slot == "screen":
                add_new(out.screen, entry.id)
            elif entry.slot == "contra":
                add_new(out.contra, entry.id)
            elif entry.slot == "onset" or (entry.slot == "activity" and any(0 <= start - c <= 4 for c in causes)):
                onsets.append(entry.id)
            elif entry.slot == "duration" and out.duration is None and not not_a_duration(tokens, start, end):
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


def add_new(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _last_side_end(matches: list[Match], before: int) -> int:
    ends = [e for s, e, m in matches if m.slot == "side" and e <= before]
    return max(ends) if ends else -100
