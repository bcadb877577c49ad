"""The FAQ index (BM25 over each entry's question and phrasings, with a confidence) and the bars that
decide between answering straight away and offering "did you mean…"."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.content import Content

from .text import BOUNDARY, phrase_tokens, stem

if TYPE_CHECKING:
    from .parse import Parse

FAQ_CONFIDENT = 0.4  # a question is answered straight away at or above this confidence
FAQ_CONFIDENT_STATEMENT = 0.55  # the same for a message not phrased as a question ("parking", "prices pls")
FAQ_POSSIBLE = 0.2  # below the bar but above this: "did you mean…" with up to three entries
UNSURE_ONE_WORD = 0.35  # the most a match on one word alone, beside words no entry knows, is trusted

# Words that carry no meaning for telling FAQ entries apart (BM25's weights handle the rest).
_FAQ_STOP = frozenset(
    "a an the i i'm im me my mine we our you your it it's its is am are was were be been being to of in on at "
    "by for with as and or if so than then that this these those there here do does did can could would should "
    "will shall may might must also very really quite too please hi hello hey thanks thank ok okay um uh ones no".split()
)
_ASKED = 3.0  # weight of the question's own words in a message that also says other things
_QUESTION_WORDS = frozenset("how what whats when where who why which".split())  # say a question is asked, not about what


class FaqIndex:
    """BM25 over each FAQ entry's question and phrasings (and, weakly, its answer)."""

    K1, B = 1.2, 0.5
    EVIDENCE = 2.5  # matched word weight (summed IDF) that counts as enough evidence on its own

    def __init__(self, content: Content, known: Callable[[], frozenset[str]]) -> None:
        self._known = known  # real words are never "repaired" ("weather" is not "whether"); read on first use
        self.ids = [f.id for f in content.faq]
        self.phrases: list[set[tuple[str, ...]]] = []
        docs: list[Counter[str]] = []
        for f in content.faq:
            doc: Counter[str] = Counter()
            phrases = set()
            for text, weight in ((f.question, 3), *((k, 3) for k in f.keywords), (f.answer, 1)):
                terms = _terms(phrase_tokens(text))
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

    def rank(self, tokens: list[str], asked: list[str] | None = None) -> list[tuple[str, float]]:
        """Up to three (id, confidence) pairs, best first.

        ``asked``: the words of the question when the message also says other things; they count double.
        Ranking is BM25 plus a bonus for whole phrasings. Confidence asks how much of what the person
        wrote the entry explains (words no entry knows, like "weather", count against it), how much
        evidence there is at all, and how clearly the best entry beats the next.
        """
        # A real English word is never "repaired", stemmed or not ("couples" is not "couple" of days).
        known_words = self._known()
        real = {stem(t) for t in tokens if t in known_words}
        terms = list(dict.fromkeys(t if t in self.idf or t in known_words or t in real else _fix(t, self.vocab) for t in _terms(tokens)))
        known = [t for t in terms if t in self.idf]
        if not known:
            return []
        content = [t for t in terms if t not in _QUESTION_WORDS]
        stress = set(_terms(asked)) if asked else set()
        weight = {t: self.idf.get(t, self.max_idf) * (_ASKED if t in stress else 1) for t in terms}
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
                    score += (_ASKED if t in stress else 1) * self.idf[t] * tf * (self.K1 + 1) / (tf + self.K1 * (1 - self.B + self.B * length / self.avg))
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
            if not rank and len(content) >= 2 and sum(1 for t in content if t in self.docs[i]) < 2:
                # One word in common among several ("can I bring my husband?" is not what to wear, "can I book
                # for tomorrow?" not soreness the day after): offered as "did you mean", never answered straight away.
                confidence = min(confidence, UNSURE_ONE_WORD)
            if rank:
                confidence = min(confidence * 0.5 / (0.6 + 0.4 * margin), out[0][1])
            out.append((self.ids[i], confidence))
        return out


def faq_answer(parsed: Parse) -> str | None:
    """The FAQ entry the message confidently asks about, if any."""
    bar = FAQ_CONFIDENT if parsed.question else FAQ_CONFIDENT_STATEMENT
    return parsed.faq[0][0] if parsed.faq and parsed.faq[0][1] >= bar else None


def faq_offers(parsed: Parse) -> list[str]:
    """Entries to offer as "did you mean…" when no answer is confident."""
    bar = FAQ_POSSIBLE if parsed.question else (FAQ_POSSIBLE + FAQ_CONFIDENT_STATEMENT) / 2
    return [fid for fid, score in parsed.faq if score >= FAQ_POSSIBLE] if parsed.faq and parsed.faq[0][1] >= bar else []


def _terms(tokens: Iterable[str]) -> list[str]:
    return [stem(t) for t in tokens if t not in BOUNDARY and t not in _FAQ_STOP and not t.isdigit()]


def _fix(term: str, vocab: list[str]) -> str:
    if len(term) < 4:
        return term
    best = process.extractOne(term, vocab, scorer=fuzz.ratio, score_cutoff=84)
    return best[0] if best is not None else term
