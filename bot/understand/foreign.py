"""Emergency signs in a message that is not in English, from the first screen's ``other_words``.

The bot reads English only, but a person writing "mi padre tiene un dolor muy fuerte en el pecho"
must get the emergency advice, not only "I read English only". Each phrase is a few words of that
language; ``a + b`` means both parts somewhere in the message, and a ``*`` ends a word's stem
("paralys*"). Accents are optional on both sides ("plotzlich" is "plötzlich").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from bot.content import Check

from .text import bare, english_words

_NOT_A_LETTER = re.compile(r"[\W\d_]+")
# "no", "without", "not" in the five languages (accents dropped): "no tengo dolor en el pecho".
_NEGATION = frozenset("no sin nunca ni nicht kein keine keinen ohne pas sans jamais non senza nao nem sem".split())


def fold(text: str) -> str:
    """Lower case, accents dropped, everything but letters a single space."""
    return " " + _NOT_A_LETTER.sub(" ", bare(text)).strip() + " "


def _part(phrase: str) -> re.Pattern[str]:
    words = [re.escape(fold(w).strip()) + ("[a-z]*" if w.endswith("*") else "") for w in phrase.split() if fold(w).strip()]
    return re.compile(" " + " ".join(words) + " ")


class ForeignSigns:
    """First-screen items named in another language's words."""

    def __init__(self, checks: Iterable[Check]) -> None:
        self.phrases: dict[str, list[tuple[str, tuple[re.Pattern[str], ...]]]] = {}
        self.words: dict[str, set[str]] = {}  # each language's words of 4 letters or more (stems included)
        for check in checks:
            for code, phrases in check.other_words:
                for phrase in phrases:
                    parts = tuple(_part(p) for p in phrase.split(" + ") if p.strip())
                    if parts:
                        self.phrases.setdefault(code, []).append((check.id, parts))
                        self.words.setdefault(code, set()).update(w for w in fold(phrase).split() if len(w) >= 4)

    def signs(self, text: str, language: str) -> list[str]:
        """The ids of the items the message names, in the content's order ("no tengo dolor en el pecho"
        names none: a negation just before a phrase denies it)."""
        folded = fold(text)
        found: list[str] = []
        for cid, parts in self.phrases.get(language, ()):
            if cid not in found and all(_said(p, folded) for p in parts):
                found.append(cid)
        return found

    def anywhere(self, text: str) -> tuple[str | None, list[str]]:
        """For a message read as English that names no sign in English: the first language whose
        emergency words it holds ("Herzinfarkt", "dolor en el pecho"), and the items named."""
        words = set(fold(text).split())
        for code, keys in self._own.items():
            if any(w.startswith(k) for w in words for k in keys.get(w[:3], ())):
                found = self.signs(text, code)
                if found:
                    return code, found
        return None, []

    @functools.cached_property
    def _own(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """The language's own words (not English ones) by their first three letters, to skip it quickly
        when none is said; worked out on first use (the English word list is read after start-up)."""
        english = english_words()
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for code, words in self.words.items():
            for w in sorted(words - english):
                index = out.setdefault(code, {})
                index[w[:3]] = (*index.get(w[:3], ()), w)
        return out


def _said(part: re.Pattern[str], folded: str) -> bool:
    """The phrase is in the message, and not right after a negation."""
    return any(_NEGATION.isdisjoint(folded[: m.start()].split()[-4:]) for m in part.finditer(folded))
