"""How it started, read by meaning when the word lists find no word for it.

The onset word lists (answers.yaml) say "lifted", "gradually", "from running"; new writers say "one wrong
scoop and bam", "its got worse bit by bit", "10 hr shifts on my feet" and the lists find nothing, so the
person is asked again what they have just told. This layer reads the same sentence encoder's vector of the
message as the reader of meaning (meaning.py) and says which of answers.yaml's onsets it sounds like, or
none. It is a multinomial logistic regression, trained by scripts/train_onset.py with scikit-learn on the
development data and stored as plain numbers in onset_model.npz; only a guess at or above its bar is taken,
and never over an onset the word lists read. It fills the onset answer only: no warning sign depends on it.
"""

from __future__ import annotations

import functools
import logging
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


class OnsetLayer:
    """The stored regression: an onset id, or None when no onset is sure enough."""

    def __init__(self, data: dict[str, NDArray[Any]]) -> None:
        self.classes = [str(c) for c in data["classes"]]
        self.coef = np.asarray(data["coef"], dtype=np.float32)
        self.intercept = np.asarray(data["intercept"], dtype=np.float32)
        self.bar = float(data["bar"])
        self.probe = np.asarray(data["probe"], dtype=np.float32)

    def chances(self, vector: NDArray[np.float32]) -> NDArray[np.float64]:
        """Each class's probability for a message's vector."""
        z = (self.coef @ vector + self.intercept).astype(np.float64)
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum())

    def guess(self, vector: NDArray[np.float32]) -> str | None:
        p = self.chances(vector)
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
