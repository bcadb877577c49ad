"""Which language a message is in: English, or one of the languages whose everyday words the content lists.

Measured on short chat messages (scripts/evaluate.py), this rule beat a statistical detector
(lingua, restricted to the same six languages): it never takes an English message ("lol", "bye",
"NMT = ?") for another language, and needs no model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from .text import bare, english_words

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_FOREIGN_SHARE = 0.3  # of the words, not English ones
_MIN_MARKER_SHARE = 0.3  # of the words, the language's own


class Languages:
    """Tells English from the languages of the content's ``language_<code>`` word groups."""

    def __init__(self, markers: Mapping[str, tuple[str, ...]]) -> None:
        # Accents are optional: "plotzlich" typed on an English keyboard is still "plötzlich".
        self.markers = {code: frozenset(bare(w) for w in words) for code, words in markers.items() if words}

    def detect(self, text: str) -> str:
        """An ISO 639-1 code: 'en' unless the message is clearly in another language."""
        words = _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("’", "'"))
        if not words or not self.markers:
            return "en"
        english = english_words()  # read once, on first use (cached)
        foreign = [w for w in words if w.replace("'", "") not in english]
        if len(foreign) < _MIN_FOREIGN_SHARE * len(words):
            return "en"
        best, best_score = "en", (0, 0)
        for code, markers in self.markers.items():
            said = [w for w in words if bare(w) in markers]
            strong = sum(1 for w in said if w.replace("'", "") not in english)
            if (strong, len(said)) > best_score:
                best, best_score = code, (strong, len(said))
        strong, hits = best_score
        if strong >= 1 and (strong >= 2 or hits >= _MIN_MARKER_SHARE * len(words)):
            return best
        return "en"
