"""A second reader for warning signs: a small learned model that says how likely a message is to
carry a warning sign, whatever its words.

The word lists find a sign and name it; on new wordings they miss about one in six. The model names
nothing, but it reads how people put things ("my arm went funny and my words came out wrong"), so when
it is confident and the lists found nothing, the bot asks the person to check the warning signs with
care. It never clears a sign the lists found.

The model is a logistic regression over tf-idf weighted features (words, pairs of words, and the
letter groups of each word), trained by ``scripts/train_reader.py`` with scikit-learn on the
development data, and stored as plain numbers in ``doubt_model.json``. Scoring here needs no library:
``tests/test_doubt.py`` checks it gives scikit-learn's own probabilities.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from pathlib import Path

MODEL = Path(__file__).with_name("doubt_model.json")
_WORD = re.compile(r"\w\w+")
_SPACES = re.compile(r"\s+")


def features(text: str) -> list[str]:
    """The model's features of a message: its words ("w:numb"), pairs of words ("b:my arm") and the
    3-5 letter groups of each word, edges marked by a space ("c: num")."""
    text = text.lower()
    words = _WORD.findall(text)
    out = [f"w:{w}" for w in words]
    out += [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for word in _SPACES.split(text.strip()):
        if not word:
            continue
        padded = f" {word} "
        for n in (3, 4, 5):
            out += [f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1))]
            if len(padded) <= n:
                break  # a short word: its whole self once
    return out


class Doubt:
    """The stored model: how likely a message carries a warning sign (0 to 1)."""

    def __init__(self, path: Path = MODEL) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.threshold: float = data["threshold"]
        self.intercept: float = data["intercept"]
        self.weights: dict[str, tuple[float, float]] = {f: (idf, coef) for f, (idf, coef) in data["features"].items()}

    def score(self, text: str) -> float:
        """The probability that ``text`` carries a warning sign."""
        dot = norm = 0.0
        for feature, count in Counter(features(text)).items():
            known = self.weights.get(feature)
            if known is None:
                continue
            value = (1.0 + math.log(count)) * known[0]
            dot += value * known[1]
            norm += value * value
        z = self.intercept + (dot / math.sqrt(norm) if norm else 0.0)
        return 1.0 / (1.0 + math.exp(-z))

    def doubts(self, text: str) -> bool:
        """Whether the model is confident the message carries a warning sign."""
        return self.score(text) >= self.threshold


@functools.cache
def stored() -> Doubt | None:
    """The model stored with the code (None if it is missing: the word lists still read every sign)."""
    return Doubt() if MODEL.exists() else None
