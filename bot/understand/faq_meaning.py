"""The FAQ entries a question may be about, put in order by meaning as well as by words.

The FAQ index (faq.py) ranks entries by the words a question shares with each entry's question and
phrasings. People ask in words no phrasing has ("do you see people with fibromyalgia", "would nmt be any
use for my rsi"), and the wrong entry can share more words than the right one. This puts the entries the
index found (never others: an entry no word points to is not offered) in order by their confidence plus
how close, by the reader of meaning's sentence encoder (meaning.py), the question is to the nearest of
each entry's question and phrasings. It changes the order only: each entry keeps the confidence its words
give, so what is answered straight away and what is only offered ("did you mean…") still rests on them.

The phrasings' vectors are stored in faq_vectors.npz (scripts/encode_faq.py) so they are not encoded at
start; a phrasing the practice has added or changed since is encoded when the bot warms up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bot.content import Content

log = logging.getLogger(__name__)

VECTORS = Path(__file__).with_name("faq_vectors.npz")
# How much closeness counts beside the words' confidence, above a floor of closeness that says nothing (chosen on
# the FAQ phrasings and the development sets' questions).
WEIGHT = 1.5
FLOOR = 0.4
PROBE = "can I park near you?"  # its stored vector tells whether the vectors came from the same encoder

Vector = NDArray[np.float32]


def phrasings(content: Content) -> dict[str, list[str]]:
    """Each FAQ entry's question and phrasings."""
    return {f.id: [f.question, *f.keywords] for f in content.faq}


class FaqMeaning:
    """Each FAQ entry's phrasings as vectors, and the order they give a question's entries."""

    def __init__(self, content: Content, encode: Callable[[str], Vector], stored: dict[str, Vector] | None = None) -> None:
        known = stored or {}
        self.encode = encode
        self.vectors = {fid: np.stack([known[p] if p in known else encode(p) for p in texts]) for fid, texts in phrasings(content).items() if texts}

    def closeness(self, vector: Vector) -> dict[str, float]:
        """How close a question's vector is to the nearest phrasing of each entry (cosine: 1 is the same)."""
        return {fid: float((v @ vector).max()) for fid, v in self.vectors.items()}

    def reorder(self, ranked: Sequence[tuple[str, float]], vector: Vector) -> list[tuple[str, float]]:
        """The index's entries (id, confidence) in order of confidence plus closeness; confidences unchanged."""
        close = self.closeness(vector)
        return sorted(ranked, key=lambda e: e[1] + WEIGHT * max(0.0, close.get(e[0], 0.0) - FLOOR), reverse=True)


def load_stored(encode: Callable[[str], Vector]) -> dict[str, Vector]:
    """The stored phrasings' vectors, when they were made by this encoder (else none: all are encoded)."""
    if not VECTORS.exists():
        return {}
    try:
        with np.load(VECTORS, allow_pickle=False) as data:
            texts = [str(t) for t in data["phrases"]]
            vectors: NDArray[Any] = data["vectors"].astype(np.float32)
            probe = data["probe"].astype(np.float32)
    except Exception:  # a broken file costs start-up time, not answers: every phrasing is encoded instead
        log.exception("stored FAQ vectors could not be read")
        return {}
    if float(np.dot(encode(PROBE), probe)) < 0.999:
        log.warning("stored FAQ vectors are from another encoder: encoding the phrasings")
        return {}
    return dict(zip(texts, vectors, strict=True))
