"""The FAQ index (BM25 over each entry's question and phrasings, with a confidence) and the bars that
decide between answering straight away and offering "did you mean…"."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.content import Content

from .text import BOUNDARY, clauses, phrase_tokens, stem

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
    "will shall may might must also very really quite too please hi hello hey thanks thank ok okay um uh ones no "
    "have has had having got ive id sorry r u ur ya ppl tbh pls plz lol btw x xx quick question wondering wondered".split()
)
_ANSWER_ONLY = 0.25  # how much a word found only in an entry's answer explains, beside one in its phrasings
_UNKNOWN = 1.5  # how much a word no entry knows counts against an answer, beside the rarest word an entry knows
_ASKED = 3.0  # weight of the question's own words when it is read with the rest of the message
_CONTEXT = 0.3  # weight of the rest of a message beside a question read on its own: it tips a near tie, no more
# Words by which a question points back to the rest of the message for its subject ("…, is it safe?",
# "…, what are they?", "…, can I still come?"), or says nothing of it ("…, which ones?").
_BACK = frozenset("it they them that this these those one ones still".split())
# How a clause that asks something starts, when it follows another ("…, what is that", "…, do you take cards").
_ASKS_ALONE = frozenset("whats hows wheres whos".split())
_ASKS = frozenset(
    (a, b)
    for a, bs in (
        ("what", "is are does do can kind type time sort part about happens exactly should would will"),
        ("how", "much many long often soon do does can is are should would will"),
        ("where", "is are do can should"),
        ("who", "is are can does do should"),
        ("which", "is are part"),
        ("why", "is are does do would should"),
        ("do", "you i we they"),
        ("does", "it nmt this that anyone"),
        ("is", "it there this that nmt"),
        ("are", "you there they"),
        ("can", "i you we nmt it"),
        ("could", "i you it"),
        ("will", "it i you"),
        ("would", "it i you nmt"),
        ("should", "i we"),
    )
    for b in bs.split()
)
_QUESTION_WORDS = frozenset("how what whats when where who why which".split())  # say a question is asked, not about what


class FaqIndex:
    """BM25 over each FAQ entry's question and phrasings (and, weakly, its answer)."""

    K1, B = 1.2, 0.5
    EVIDENCE = 2.5  # matched word weight (summed IDF) that counts as enough evidence on its own

    def __init__(self, content: Content, known: Callable[[], frozenset[str]]) -> None:
        self._known = known  # real words are never "repaired" ("weather" is not "whether"); read on first use
        self.ids = [f.id for f in content.faq]
        self.phrases: list[set[tuple[str, ...]]] = []
        self.asks: list[frozenset[str]] = []  # each entry's words in its question and phrasings (not only in its answer)
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
            self.asks.append(frozenset(t for text in (f.question, *f.keywords) for t in _terms(phrase_tokens(text))))
        self.docs = docs
        self.avg = sum(sum(d.values()) for d in docs) / max(1, len(docs))
        df: Counter[str] = Counter(t for d in docs for t in d)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.max_idf = max(self.idf.values(), default=1.0)
        self.vocab = sorted(t for t in df if len(t) >= 4)

    def rank(self, tokens: list[str], asked: list[str] | None = None) -> list[tuple[str, float]]:
        """Up to three (id, confidence) pairs, best first.

        ``asked``: the words of the question when the message also says other things ("my heel hurts, is
        there parking?"); without it, a clause that plainly asks something is looked for here ("my physio
        mentioned NMT, what is that exactly"). A question that names its own subject is ranked on its own:
        the rest of the message only tips a near tie, so symptom words neither pull towards the clinical
        entries nor count against the answer. A question that points back ("…, is it safe?", "…, can I
        still come?") or names nothing ("…, which ones?") is read with the whole message, its own words
        counting triple. Ranking is BM25 plus a bonus for whole phrasings. Confidence asks how much of what
        was asked the entry explains (words no entry knows, like "weather", count against it), how much
        evidence there is at all, and how clearly the best entry beats the next.
        """
        # A real English word is never "repaired", stemmed or not ("couples" is not "couple" of days).
        known_words = self._known()
        real = {stem(t) for t in tokens if t in known_words}

        def read(words: Iterable[str]) -> list[str]:
            terms = (self._same_word(w) for w in words if w not in BOUNDARY and w not in _FAQ_STOP and not w.isdigit())
            return list(dict.fromkeys(t if t in self.idf or t in known_words or t in real else _fix(t, self.vocab) for t in terms))

        terms = read(tokens)
        if not any(t in self.idf for t in terms):
            return []
        said = _question_clauses(tokens) if asked is None else asked
        question = read(said)
        named = [t for t in question if t in self.idf and t not in _QUESTION_WORDS and t not in _BACK]
        # Read on its own only when it says enough by itself: its words in one entry's phrasings are evidence
        # enough ("…, is there parking near you?", not "…, how do I book?"), and a question that points back
        # names its subject plainly, two of its words in one entry's phrasings ("…, how many sessions will it take?").
        alone = len(question) < len(terms) and any(sum(self.idf[t] for t in question if t in asks) >= self.EVIDENCE for asks in self.asks)
        if alone and named and (_BACK.isdisjoint(said) or any(len(asks.intersection(named)) >= 2 for asks in self.asks)):
            # On its own: the rest counts only as a little context, and not at all towards the confidence.
            around = [t for t in terms if t not in question]
            boost = {**dict.fromkeys(around, _CONTEXT), **dict.fromkeys(question, 1.0)}
            weight = {t: self.idf.get(t, _UNKNOWN * self.max_idf) for t in question}
            parts = [(question, 1.0), (around, _CONTEXT)]
        else:
            stress = set(read(asked)) if asked else set()
            boost = {t: _ASKED if t in stress else 1.0 for t in terms}
            weight = {t: self.idf.get(t, _UNKNOWN * self.max_idf) * boost[t] for t in terms}
            question, parts = terms, [(terms, 1.0)]
        content = [t for t in question if t not in _QUESTION_WORDS]
        total = sum(weight.values())
        scores: list[float] = []
        matched: list[float] = []
        for doc, phrases, asks in zip(self.docs, self.phrases, self.asks, strict=True):
            length = sum(doc.values())
            score = 0.0
            for t, factor in boost.items():
                tf = doc.get(t, 0)
                if tf:
                    score += factor * self.idf[t] * tf * (self.K1 + 1) / (tf + self.K1 * (1 - self.B + self.B * length / self.avg))
            for words, factor in parts:
                joined = " " + " ".join(t for t in words if t in self.idf) + " "
                score += factor * sum(1.5 * len(p) for p in phrases if " " + " ".join(p) + " " in joined)
            scores.append(score)
            # A word met only in the answer's text explains less of what was asked than one in a phrasing.
            matched.append(sum(w * (1.0 if t in asks else _ANSWER_ONLY) for t, w in weight.items() if t in doc))
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

    def _same_word(self, word: str) -> str:
        """The word's stem, or the entries' stem of the same word when the light stemmer parts them
        ("certificates" -> "certificat" meets "gift certificate", "aches" -> "ach" meets "ache")."""
        term = stem(word)
        if term not in self.idf:
            for other in (word[:-1] if word.endswith("es") else None, word + "s" if word.endswith("e") else None):
                if other is not None and stem(other) in self.idf:
                    return stem(other)
        return term


def faq_answer(parsed: Parse) -> str | None:
    """The FAQ entry the message confidently asks about, if any."""
    bar = FAQ_CONFIDENT if parsed.question else FAQ_CONFIDENT_STATEMENT
    return parsed.faq[0][0] if parsed.faq and parsed.faq[0][1] >= bar else None


def faq_offers(parsed: Parse) -> list[str]:
    """Entries to offer as "did you mean…" when no answer is confident."""
    bar = FAQ_POSSIBLE if parsed.question else (FAQ_POSSIBLE + FAQ_CONFIDENT_STATEMENT) / 2
    # The most confident entry decides whether to offer (entries may be in order by meaning, not confidence: faq_meaning.py).
    return [fid for fid, score in parsed.faq if score >= FAQ_POSSIBLE] if parsed.faq and max(s for _, s in parsed.faq) >= bar else []


def _terms(tokens: Iterable[str]) -> list[str]:
    return [stem(t) for t in tokens if t not in BOUNDARY and t not in _FAQ_STOP and not t.isdigit()]


def _question_clauses(tokens: list[str]) -> list[str]:
    """The words of the clauses that plainly ask something, in a message of several clauses ("my physio
    mentioned NMT, what is that exactly"); all the words when none does, or when the whole message asks.

    Stricter than a question mark: a clause that starts "when I bend" or "what I did" asks nothing.
    """
    parts = clauses(tokens)
    asked = [t for c in parts if len(c) >= 2 and ((c[0], c[1]) in _ASKS or c[0] in _ASKS_ALONE) for t in c]
    return asked if asked and len(parts) > 1 else [t for t in tokens if t not in BOUNDARY]


def _fix(term: str, vocab: list[str]) -> str:
    if len(term) < 4:
        return term
    best = process.extractOne(term, vocab, scorer=fuzz.ratio, score_cutoff=84)
    return best[0] if best is not None else term
