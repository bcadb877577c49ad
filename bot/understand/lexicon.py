"""The content's phrases by kind of answer (regions, pain words, conditions, warning signs…), found
longest first in a message, and the typo repair that leads misspelt words to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.content import Content

from .text import BOUNDARY, english_words, tokenize

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


@dataclass(frozen=True)
class Entry:
    slot: str
    id: str


Match = tuple[int, int, Entry]  # (first token, token after the last, what the phrase means)


class Lexicon:
    """Every phrase the content gives, by kind of answer; built once, then cheap per message."""

    def __init__(self, content: Content) -> None:
        phrases: dict[tuple[str, ...], list[Entry]] = {}

        def add(slot: str, ident: str, phrase: str) -> None:
            key = tuple(t for t in tokenize(phrase) if t not in BOUNDARY)
            if key:
                entries = phrases.setdefault(key, [])
                if Entry(slot, ident) not in entries:
                    entries.append(Entry(slot, ident))

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
        self.by_slot: dict[str, dict[tuple[str, ...], list[Entry]]] = {}
        for phrase, entries in phrases.items():
            for e in entries:
                self.by_slot.setdefault(e.slot, {}).setdefault(phrase, []).append(e)
        self.max_len = max((len(k) for k in phrases), default=1)

        # Typo repair: vocabulary words, and words known to be real (never repaired).
        vocab = {t for k in phrases for t in k if len(t) >= 3 and not t.isdigit()}
        self.repair_targets = sorted(vocab)
        known = set(_STOP) | vocab | english_words()
        for text in _content_texts(content):
            known.update(tokenize(text))
        self.known = frozenset(known)
        self._repairs: dict[str, str] = {}

    def repair(self, token: str) -> str:
        """The vocabulary word a misspelt token was meant to be, or the token itself."""
        if token in self.known or len(token) < 3 or token.isdigit() or token in BOUNDARY:
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

    def find(self, tokens: list[str]) -> list[Match]:
        """For each kind of answer, the longest phrase at each position, left to right, not overlapping.

        Kinds are read separately, so "hip pain" is both a place (hip) and a condition (hip pain).
        """
        found: list[Match] = []
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
