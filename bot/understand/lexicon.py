"""The content's phrases by kind of answer (regions, pain words, conditions, warning signs…), found
longest first in a message, and the typo repair that leads misspelt words to them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.content import Content
from bot.content.schema import HISTORY_TAGS

from .numbers import NUMBER_WORDS
from .text import BOUNDARY, SAME_WORD, english_words, phrase_tokens, tokenize

# Common words never "repaired" into vocabulary words.
STOP_WORDS = frozenset(
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

# Clipped words people type that the English word list lacks: never "repaired" ("chem" is not "chemo", "maths" not "mats").
NEVER_REPAIRED = frozenset("chem maths bio geog sesh bro knacked tak".split())  # "proper knacked": tired, not "knocked"; "felt tak": a sound

_SENTENCE_END = frozenset(".!?;")
_AS_MINE = {"her": "my", "his": "my", "their": "my", "your": "my"}
_TOGETHER_WINDOW = 16  # tokens between the parts of a "+" phrase


@dataclass(frozen=True)
class Entry:
    slot: str
    id: str
    follow: bool = False  # a follow-up's after_words: the sign only beside one it follows
    asked: bool = False  # an answer's when_asked words: this answer only in a reply to its own question


Match = tuple[int, int, Entry]  # (first token, token after the last, what the phrase means)
Parts = dict[Match, tuple[tuple[int, int], ...]]  # a phrase said in parts: where its other parts are (start, end)


class Lexicon:
    """Every phrase the content gives, by kind of answer; built once, then cheap per message."""

    def __init__(self, content: Content) -> None:
        phrases: dict[tuple[str, ...], list[Entry]] = {}

        together: dict[tuple[tuple[tuple[str, ...], ...], Entry], None] = {}  # in order, once each

        def add(slot: str, ident: str, phrase: str, follow: bool = False, asked: bool = False) -> None:
            entry = Entry(slot, ident, follow, asked)
            if " + " in phrase or "*" in phrase:  # words said in one sentence, in any order ("suddenly + numb"); "hurt*" is any word starting so
                parts = tuple(_part(p) for p in phrase.split(" + "))
                if all(parts):
                    together.setdefault((parts, entry))
                return
            key = tuple(t for t in phrase_tokens(phrase) if t not in BOUNDARY)
            if key:
                entries = phrases.setdefault(key, [])
                if entry not in entries:
                    entries.append(entry)

        for slot, options in (("region", content.regions), ("pain_type", content.pain_types), ("onset", content.onsets), ("duration", content.durations)):
            for o in options:
                for p in (o.label, *o.words):
                    add(slot, o.id, p)
                for p in o.not_words:
                    add(slot, "", p)  # a phrase where the word does not say it ("above my head", "a stiff drink")
                for p in o.when_asked:
                    add(slot, o.id, p, asked=True)  # "sore": the answer to "what does the pain feel like?", no kind told unasked
        for o in content.onsets:
            for p in o.activity_words:
                add("activity", o.id, p)
        for p in content.words.get("cause", ()):
            add("cause", "cause", p)
        for p in content.words.get("effect", ()):
            add("effect", "effect", p)
        for c in content.conditions:
            for p in (c.name, *c.words):
                add("condition", c.id, p)
        for f in content.red_flags:
            for p in f.words:
                add("red_flag", f.id, p)
            for p in f.after_words:
                add("red_flag", f.id, p, follow=True)
        for check in content.screen:
            for p in check.words:
                add("screen", check.id, p)
        for check in content.contraindications:
            for p in check.words:
                add("contra", check.id, p)
        for key in ("left", "right", "both"):
            for p in content.words.get(key, ()):
                add("side", key, p)
        for p in content.words.get("not_signs", ()):
            for slot in ("red_flag", "screen", "contra", "history"):
                add(slot, "", p)  # longer than the sign it contains, so it wins and means nothing
        for tag in HISTORY_TAGS:
            for p in content.words.get(f"history_{tag}", ()):
                add("history", tag, p)
        self.phrases = phrases
        self.together = tuple(together)
        # Each "+" phrase is looked at only when one of its words is in the message: by an exact word when
        # it has one, else by the start of a "word*".
        self._together_by_word: dict[str, list[int]] = {}
        self._together_by_start: dict[str, list[int]] = {}
        for n, (parts, _entry) in enumerate(self.together):
            exact = next((w for part in parts for w in part if not w.endswith("*")), None)
            if exact is not None:
                self._together_by_word.setdefault(exact, []).append(n)
            else:
                self._together_by_start.setdefault(parts[0][0][:-1], []).append(n)
        self.by_slot: dict[str, dict[tuple[str, ...], list[Entry]]] = {}
        for phrase, entries in phrases.items():
            for e in entries:
                self.by_slot.setdefault(e.slot, {}).setdefault(phrase, []).append(e)
        self.max_len = max((len(k) for k in phrases), default=1)
        # Per kind, its longest phrase: a kind of short phrases is not tried with long windows.
        self.slot_len = {slot: max((len(k) for k in table), default=1) for slot, table in self.by_slot.items()}

        # Typo repair: vocabulary words, and words known to be real (never repaired).
        vocab = {t for k in phrases for t in k if len(t) >= 3 and not t.isdigit()}
        vocab.update(t for parts, _ in together for part in parts for t in part if len(t) >= 3 and not t.isdigit() and not t.endswith("*"))
        # A typo of a word read as another form ("numbnes") is mended to that word, then read the same way
        # ("numb"), not to a nearer misspelling in the lists.
        vocab.update(SAME_WORD)
        # A typo is never mended into a number ("tense" is not "ten"): a score comes only from what was typed.
        self.repair_targets = sorted(vocab - NUMBER_WORDS)
        self._targets = frozenset(self.repair_targets)
        own = set(STOP_WORDS) | NEVER_REPAIRED | vocab
        for text in _content_texts(content):
            own.update(phrase_tokens(text))
        self._own = frozenset(own)
        self._repairs: dict[str, str] = {}

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Words never repaired: the content's own and real English ones. The English word list is read
        on first use (or by ``warm``), so a start does not wait for it."""
        return self._own | english_words()

    def warm(self) -> None:
        """Read the English word list now (in the background, after the first prompt)."""
        _ = self.known

    def repair(self, token: str) -> str:
        """The vocabulary word a misspelt token was meant to be, or the token itself."""
        if token in self.known or len(token) < 3 or token[0].isdigit() or token in BOUNDARY:
            return token
        cached = self._repairs.get(token)
        if cached is not None:
            return cached
        # Two letters swapped ("wieght") score too low for the ratio below: tried first, letter pair by pair.
        swapped = (token[:i] + token[i + 1] + token[i] + token[i + 2 :] for i in range(len(token) - 1)) if len(token) >= 4 else ()
        fixed = next((s for s in swapped if s in self._targets), None)
        if fixed is None:
            cutoff = 85.0 if len(token) >= 4 else 85.7  # 3 letters: one missing letter of a 4-letter word only
            best = process.extractOne(token, self.repair_targets, scorer=fuzz.ratio, score_cutoff=cutoff)
            fixed = best[0] if best is not None else token
        fixed = SAME_WORD.get(fixed, fixed)
        if len(self._repairs) < 50_000:
            self._repairs[token] = fixed
        return fixed

    def words(self, text: str) -> list[str]:
        """The tokens of an English message, misspellings mended (``tokenize`` then ``repair``)."""
        return [self.repair(t) for t in tokenize(text)]

    def find_parts(self, tokens: list[str]) -> tuple[list[Match], Parts]:
        """For each kind of answer, the longest phrase at each position, left to right, not overlapping
        (kinds are read separately, so "hip pain" is both a place and a condition); and for each phrase
        said in parts ("suddenly + numb") where its other parts are."""
        # Someone else's body is read with the same phrases: "can't put weight on her leg".
        tokens = [_AS_MINE.get(t, t) for t in tokens]
        found: list[Match] = []
        n = len(tokens)
        for slot, table in self.by_slot.items():
            longest = self.slot_len[slot]
            i = 0
            while i < n:
                for size in range(min(longest, n - i), 0, -1):
                    entries = table.get(tuple(tokens[i : i + size]))
                    if entries:
                        found.extend((i, i + size, e) for e in entries if e.id)
                        i += size
                        break
                else:
                    i += 1
        parts: Parts = {}
        if self.together:
            parts = self._together(tokens, self._not_signs(tokens))
            found.extend(parts)
        found.sort(key=lambda m: m[0])
        return found, parts

    def _not_signs(self, tokens: list[str]) -> set[int]:
        """Positions inside a phrase that only looks like a sign ("press ups")."""
        table = self.by_slot.get("red_flag", {})
        out: set[int] = set()
        for i in range(len(tokens)):
            for size in range(min(self.slot_len.get("red_flag", 1), len(tokens) - i), 1, -1):
                if any(not e.id for e in table.get(tuple(tokens[i : i + size]), ())):
                    out.update(range(i, i + size))
                    break
        return out

    def _together(self, tokens: list[str], skip: set[int]) -> Parts:
        """Phrases whose parts are said in one sentence, within a few words: found where their last part is."""
        sentence = [0] * len(tokens)
        n = 0
        for i, t in enumerate(tokens):
            sentence[i] = n
            n += t in _SENTENCE_END
        out: Parts = {}
        # Where each word is (a phrase never starts inside a "not a sign" phrase), and where words start so.
        where: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            if i not in skip:
                where.setdefault(t, []).append(i)
        starting: dict[str, list[int]] = {}

        def places(word: str) -> list[int]:
            if not word.endswith("*"):
                return where.get(word, [])
            found = starting.get(word)
            if found is None:
                stem = word[:-1]
                found = starting[word] = sorted(i for t, at in where.items() if t.startswith(stem) for i in at)
            return found

        candidates = {n for t in where for n in self._together_by_word.get(t, ())}
        # Stems ("swoll*") met by a word of the message: each word's beginnings looked up, not every stem tried.
        stems = {t[:k] for t in where for k in range(1, len(t) + 1) if t[:k] in self._together_by_start}
        candidates.update(n for stem in stems for n in self._together_by_start[stem])
        size = len(tokens)
        for n in sorted(candidates):
            parts, entry = self.together[n]
            spans: list[list[tuple[int, int]]] = []
            for part in parts:
                width = len(part)
                starts = [i for i in places(part[0]) if i + width <= size and all(_same(tokens[i + k], part[k]) for k in range(1, width))]
                if not starts:
                    break
                spans.append([(i, i + width) for i in starts])
            else:
                for start, end in spans[-1]:
                    near = [next((span for span in ps if sentence[span[0]] == sentence[start] and abs(span[0] - start) <= _TOGETHER_WINDOW), None) for ps in spans[:-1]]
                    if all(span is not None for span in near):
                        out.setdefault((start, end, entry), tuple(span for span in near if span is not None))
                        break
        return out


def _part(text: str) -> tuple[str, ...]:
    """One part of a "+" phrase, as tokens; a trailing "*" is kept (any word starting so)."""
    out: list[str] = []
    for word in text.split():
        star = word.endswith("*")
        tokens = [t for t in phrase_tokens(word.rstrip("*")) if t not in BOUNDARY]
        if star and tokens:
            tokens[-1] += "*"
        out.extend(tokens)
    return tuple(out)


def _same(token: str, word: str) -> bool:
    return token.startswith(word[:-1]) if word.endswith("*") else token == word


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
