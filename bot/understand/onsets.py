"""How it started, read by meaning when the word lists find no word for it.

The onset word lists (answers.yaml) say "lifted", "gradually", "from running"; new writers say "one wrong
scoop and bam", "its got worse bit by bit", "10 hr shifts on my feet" and the lists find nothing, so the
person is asked again what they have just told. This layer reads the same sentence encoder's vector of the
message as the reader of meaning (meaning.py), beside the message's own words and word pairs weighted as
scikit-learn's TfidfVectorizer weighs them, and says which of answers.yaml's onsets it sounds like, or none.
It is a multinomial logistic regression, trained by scripts/train_onset.py with scikit-learn on the
development data and stored as plain numbers in onset_model.npz; only a guess at or above its bar is taken,
and never over an onset the word lists read. It fills the onset answer only: no warning sign depends on it.
(The words beside the vector: "12 hr shifts", "did my", "since the" carry how it started more plainly than a
sentence's meaning does; measured leaving one set out, see scripts/train_onset.py.)
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

MODEL = Path(__file__).with_name("onset_model.npz")
NONE = "none"  # the class of a message that does not say how it started
# A sentence whose vector is stored with the layer: an encoder that gives another vector for it (other
# weights, or another adjustment of them) is not the one the layer was trained on.
PROBE = "my lower back has ached for weeks since I started a new desk job"
# The words read beside the vector: TfidfVectorizer's with token_pattern WORD, lowercase, word pairs, sublinear tf.
WORD = re.compile(r"[a-z0-9']+")


def pack(words: list[str]) -> NDArray[np.uint8]:
    """The layer's words as stored: one UTF-8 text, a word (or word pair) a line."""
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def unpack(stored: NDArray[Any]) -> list[str]:
    return bytes(np.asarray(stored, dtype=np.uint8)).decode("utf-8").split("\n")


def word_counts(text: str) -> Counter[str]:
    """A message's words and word pairs, as TfidfVectorizer(ngram_range=(1, 2), token_pattern=WORD) counts them."""
    words = WORD.findall(text.lower())
    return Counter([*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))])


class OnsetLayer:
    """The stored regression: an onset id, or None when no onset is sure enough."""

    def __init__(self, data: dict[str, NDArray[Any]]) -> None:
        self.classes = [str(c) for c in data["classes"]]
        self.coef = np.asarray(data["coef"], dtype=np.float32)
        self.intercept = np.asarray(data["intercept"], dtype=np.float32)
        self.bar = float(data["bar"])
        self.probe = np.asarray(data["probe"], dtype=np.float32)
        # The words part: each word's column, idf and coefficients.
        self.vocab = {w: k for k, w in enumerate(unpack(data["vocab"]))}
        self.idf = np.asarray(data["idf"], dtype=np.float64)
        self.word_coef = np.asarray(data["word_coef"], dtype=np.float32)

    def words(self, text: str) -> dict[int, float]:
        """The message's tf-idf weights by column (sublinear tf, l2-normalised), as the vectorizer gives them."""
        columns = {self.vocab[w]: n for w, n in word_counts(text).items() if w in self.vocab}
        weights = {k: (1.0 + math.log(n)) * float(self.idf[k]) for k, n in columns.items()}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {k: v / norm for k, v in weights.items()} if norm else {}

    def chances(self, vector: NDArray[np.float32], text: str) -> NDArray[np.float64]:
        """Each class's probability for a message's vector and its words."""
        z = (self.coef @ vector + self.intercept).astype(np.float64)
        for k, v in self.words(text).items():
            z += v * self.word_coef[:, k]
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum())

    def guess(self, vector: NDArray[np.float32], text: str) -> str | None:
        p = self.chances(vector, text)
        best = int(p.argmax())
        return self.classes[best] if self.classes[best] != NONE and p[best] >= self.bar else None


@functools.cache
def stored() -> OnsetLayer | None:
    """The layer, loaded once (None when it is missing or was trained on another encoder)."""
    from . import meaning

    reader = meaning.stored()
    if reader is None or not MODEL.exists():
        return None
    try:
        with np.load(MODEL, allow_pickle=False) as data:
            layer = OnsetLayer(dict(data))
    except Exception:  # a broken file must not stop the bot reading messages: the onset is asked instead
        log.exception("onset layer off: it could not be loaded")
        return None
    if float(np.dot(reader.encoder.encode(PROBE), layer.probe)) < 0.999:
        log.warning("onset layer off: it was trained on another encoder")
        return None
    return layer
