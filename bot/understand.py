"""Free text → answer ids and FAQ matches, by whole-phrase matching of the YAML word lists.

All vocabularies come from ``knowledge/``; this module only knows how to match
them. Matching is on normalised text: lower case, punctuation turned to spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .content import Content, Option

MAX_TEXT = 1000  # characters read from one message; the rest is ignored

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2,
    "couple of": 2, "a few": 3, "few": 3, "several": 4,
}  # fmt: skip
_QUESTION_START = re.compile(
    r"^(what|whats|how|does|do|did|is|are|can|could|will|would|should|where|when|who|why|which|any|tell me|i want to know|i'd like to know)\b"
)
_DURATION = re.compile(
    r"(?<!\w)(\d+|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")\s*(hour|hr|day|week|wk|month|year|yr)s?(?!\w)"
)
_SEVERITY = re.compile(r"(?<![\w.])(10|[0-9])(?:\s*(?:/|out of)\s*10)?(?![\w.])")


def normalize(text: str) -> str:
    """Lower case, unify apostrophes, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w'\s]+", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


class PhraseMatcher:
    """Finds which ids' phrases occur, as whole words, in a normalised text."""

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        self.ids: dict[str, str] = {}
        for phrase, ident in phrases:
            key = normalize(phrase)
            if key:
                self.ids.setdefault(key, ident)
        alternatives = sorted(self.ids, key=len, reverse=True)
        self.regex = re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)") if alternatives else None

    def find(self, norm: str) -> list[tuple[str, str]]:
        """(id, phrase) for each match, in order of appearance."""
        if self.regex is None:
            return []
        return [(self.ids[m.group(1)], m.group(1)) for m in self.regex.finditer(norm)]

    def ids_in(self, norm: str) -> list[str]:
        """Distinct ids found, in order of first appearance."""
        out: list[str] = []
        for ident, _ in self.find(norm):
            if ident not in out:
                out.append(ident)
        return out

    def exact(self, norm: str) -> str | None:
        """The id whose phrase is the whole text, if any."""
        return self.ids.get(norm)


def _option_phrases(options: Iterable[Option]) -> list[tuple[str, str]]:
    return [(p, o.id) for o in options for p in (o.label, o.id.replace("_", " "), *o.words)]


class Understanding:
    """Built once from the content; then cheap per message."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.slots = {
            "region": PhraseMatcher(_option_phrases(content.regions)),
            "pain_type": PhraseMatcher(_option_phrases(content.pain_types)),
            "onset": PhraseMatcher(_option_phrases(content.onsets)),
            "duration": PhraseMatcher(_option_phrases(content.durations)),
        }
        self.conditions = PhraseMatcher((w, c.id) for c in content.conditions for w in (*c.words, c.name))
        self.faq = PhraseMatcher((k, f.id) for f in content.faq for k in (*f.keywords, f.question))
        self.words = {key: PhraseMatcher((w, key) for w in words) for key, words in content.words.items()}
        self.not_sure_label = normalize(content.messages.get("not_sure", "not sure"))

    def command_word(self, norm: str) -> str | None:
        """'back', 'restart' or 'help' when the whole message is one of their words."""
        for key in ("back", "restart", "help"):
            matcher = self.words.get(key)
            if matcher is not None and matcher.exact(norm):
                return key
        return None

    def is_not_sure(self, norm: str) -> bool:
        matcher = self.words.get("not_sure")
        return norm == self.not_sure_label or (matcher is not None and matcher.exact(norm) is not None)

    def yes_no(self, norm: str) -> str | None:
        """'yes', 'no' or 'unsure' for a reply to a closed question, else None."""
        if self.is_not_sure(norm):
            return "unsure"
        for key in ("not_sure", "no", "yes"):
            matcher = self.words.get(key)
            if matcher is None:
                continue
            found = matcher.find(norm)
            if found and norm.startswith(found[0][1]):
                return {"not_sure": "unsure"}.get(key, key)
        return None

    def slot_value(self, slot: str, norm: str) -> str | int | None:
        """The answer to ``slot`` found in the text, or None."""
        if slot == "severity":
            return severity(norm)
        if slot == "duration":
            found = duration(norm)
            if found is not None:
                return found
        matcher = self.slots.get(slot)
        if matcher is None:
            return None
        ids = matcher.ids_in(norm)
        return ids[0] if ids else None

    def condition_hints(self, norm: str) -> list[str]:
        return self.conditions.ids_in(norm)

    def faq_match(self, norm: str) -> str | None:
        """The FAQ entry whose keywords best cover the text (longest phrases count most)."""
        scores: dict[str, int] = {}
        for ident, phrase in self.faq.find(norm):
            scores[ident] = scores.get(ident, 0) + len(phrase)
        return max(scores, key=lambda k: scores[k]) if scores else None


def looks_like_question(raw: str, norm: str) -> bool:
    """A message phrased as a question rather than as an answer."""
    return raw.rstrip().endswith("?") or bool(_QUESTION_START.match(norm))


def severity(norm: str) -> int | None:
    """A 0–10 score in the text: '7', '7/10', 'about a seven'."""
    m = _SEVERITY.search(norm)
    if m:
        return int(m.group(1))
    for word, value in _NUMBER_WORDS.items():
        if word in ("a", "an", "a couple of", "couple of", "a few", "few", "several"):
            continue
        if re.search(rf"(?<!\w){word}(?!\w)", norm):
            return value
    return None


def duration(norm: str) -> str | None:
    """'days' (under a week), 'weeks' (1–12 weeks) or 'months' (over 12 weeks) from '3 weeks', 'a couple of months'."""
    m = _DURATION.search(norm)
    if not m:
        return None
    count_text, unit = m.group(1), m.group(2)
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text, 1)
    days = count * {"hour": 0, "hr": 0, "day": 1, "week": 7, "wk": 7, "month": 30, "year": 365, "yr": 365}[unit]
    if days < 7:
        return "days"
    if days <= 84:
        return "weeks"
    return "months"
