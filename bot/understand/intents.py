"""What a whole short message means outside the questions: a command word, yes / no / not sure,
small talk, or an illness that is not muscle or joint pain (all from words.yaml)."""

from __future__ import annotations

import re
import unicodedata

from bot.content import Content

from .text import normalize

SOCIAL = ("thanks", "hello", "bye", "ok")  # small talk: answered kindly, the question asked again
_TURNED = {"yes": ("no", "nah", "nope"), "no": ("yes", "yeah", "yep")}  # "yeah no", "nah yeah"
# Reply words by what they mean to a yes/no question ("not_understood": it asks what was meant).
_HEDGES = {"yes": "yes", "hedge_yes": "yes", "no": "no", "hedge_no": "no", "not_sure": "unsure", "hedge_unsure": "unsure", "not_understood": None}
_BETWEEN_NOS = frozenset({"its", "thats", "it", "is", "and", "so"})  # "no no no its nothing like that"
_LEADING = frozenset("haha hahaha lol um umm erm er oh ah well ok okay so".split())  # said before the answer
_REPLY_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[\U0001F44D\U0001F44E]")


def reply_words(text: str) -> tuple[str, ...]:
    """Words as typed, filler kept ("kinda", "a bit" are the answer here), apostrophes dropped."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return tuple(w.replace("'", "") for w in _REPLY_WORD.findall(text))


class Intents:
    """The words.yaml groups read as whole-message intents."""

    def __init__(self, content: Content) -> None:
        self.stops = {key: {normalize(w) for w in content.words.get(key, ())} for key in ("yes", "no", "not_sure", "back", "restart", "help", "human", "how_many_more", *SOCIAL)}
        self.illness = frozenset(normalize(w) for w in content.words.get("other_illness", ()))
        self.not_sure_label = normalize(content.messages.get("not_sure", "not sure"))
        self.hedges: dict[tuple[str, ...], str] = {}
        for key in _HEDGES:
            for phrase in content.words.get(key, ()):
                self.hedges.setdefault(reply_words(phrase), key)
        self.hedges.pop((), None)
        self.unclear = tuple(w for w in (reply_words(p) for p in content.words.get("not_understood", ())) if w)
        self.not_yet = tuple(w for w in (reply_words(p) for p in content.words.get("not_yet", ())) if w)
        self.partial = tuple(w for w in (reply_words(p) for p in content.words.get("not_all", ())) if w)
        self.longest = max((len(p) for p in self.hedges), default=1)

    def other_illness(self, norm: str) -> bool:
        """Whether the message speaks of an illness that is not muscle or joint pain (a cough, a cold…)."""
        padded = f" {norm} "
        return any(f" {phrase} " in padded for phrase in self.illness)

    def command_word(self, norm: str) -> str | None:
        """'back', 'restart' or 'help' when the whole message is one of their words; 'human' or
        'how_many_more' when it asks for a person or how long this takes."""
        for key in ("back", "restart", "help"):
            if norm in self.stops[key]:
                return key
        padded = f" {norm} "
        if any(f" {phrase} " in padded for phrase in self.stops["human"] if phrase):
            return "human"  # "can I talk to a person please"
        if any(f" {phrase} " in padded for phrase in self.stops["how_many_more"] if phrase):
            return "how_many_more"  # "how many more questions? just tell me if you can help"
        return None

    def bare_yes_no(self, norm: str) -> bool:
        """The whole message is only a yes, a no or a not sure."""
        return any(norm in self.stops[key] for key in ("yes", "no", "not_sure"))

    def social(self, norm: str) -> str | None:
        """'thanks', 'hello', 'bye' or 'ok' when the whole message is only that (words.yaml groups)."""
        return next((key for key in SOCIAL if norm in self.stops[key]), None)

    def is_not_sure(self, norm: str) -> bool:
        return norm == self.not_sure_label or norm in self.stops["not_sure"]

    def yes_no(self, norm: str) -> str | None:
        """'yes', 'no' or 'unsure' for a reply to a closed question, else None."""
        if self.is_not_sure(norm):
            return "unsure"
        for key, answer in (("not_sure", "unsure"), ("no", "no"), ("yes", "yes")):
            for word in sorted(self.stops[key], key=len, reverse=True):
                if word and (norm == word or norm.startswith(word + " ")):
                    rest = norm[len(word) :].strip()
                    if any(rest == w or rest.startswith(w + " ") for w in _TURNED.get(answer, ())):
                        return None  # "yeah no", "nah yeah": asked again rather than guessed
                    return answer
        return None

    def hedges_in(self, raw: str) -> list[str]:
        """The reply-word groups said, in order (longest phrase first at each place)."""
        words = reply_words(raw)
        found: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                key = self.hedges.get(words[i : i + size])
                if key is not None:
                    found.append(key)
                    i += size
                    break
            else:
                i += 1
        return found

    def hedge(self, raw: str, reported: bool) -> str | None:
        """'yes', 'no' or 'unsure' for a reply to a yes/no safety question, hedges included; None when it does not answer.

        ``reported``: the message itself describes a warning sign, which makes it a yes whatever
        word it starts with ("no chest pain but I did pass out"). A hedged yes is a yes ("a little",
        "I think so"); a no followed by a hedge ("no not really, maybe a bit") is at least unsure.
        """
        if reported:
            return "yes"
        found = self.hedges_in(raw)
        meanings = [_HEDGES[k] for k in found]
        if not found:
            return None
        if meanings[0] == "unsure":
            return "unsure"  # "not sure what counts as confused": unsure, not a question to explain
        if self.not_understood(raw):
            return None
        first = meanings[0]
        if first == "no" and self._said(raw, self.not_yet):
            return None  # "no, hang on, let me look in the mirror": not an answer yet
        if len(meanings) > 1 and found[0] in ("yes", "no") and meanings[1] not in (first, None) and found[1] in ("yes", "no"):
            return None  # "yeah no": asked again rather than guessed
        if first == "no" and any(m in ("yes", "unsure") for m in meanings[1:]):
            return "unsure"
        return first

    def not_understood(self, raw: str) -> bool:
        """The reply asks what was meant ("no, I don't get it", "no entiendo"): it answers nothing."""
        return self._said(raw, self.unclear)

    @staticmethod
    def _said(raw: str, phrases: tuple[tuple[str, ...], ...]) -> bool:
        words = reply_words(raw)
        return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))

    def exception(self, raw: str) -> str | None:
        """What a reply keeps back after its first word ("no, only the dizziness" → "the dizziness";
        "no to most of them" → "them"), or None when it keeps nothing back (words.yaml ``not_all``)."""
        words = reply_words(raw)
        for i in range(1, len(words)):
            for p in self.partial:
                if words[i : i + len(p)] == p:
                    return " ".join(words[i + len(p) :])
        return None

    def after_the_no(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The words of a reply (``reply_words``) after its leading no ("no, none of those thanks" → "thanks")."""
        i = 0
        while i < len(words) and words[i] in _LEADING:
            i += 1  # "haha no nothing dramatic"
        while i < len(words):
            size = self._no_at(words, i)
            if not size and words[i] in _BETWEEN_NOS and (after := self._no_at(words, i + 1)):
                size = after + 1  # "no no no its nothing like that"
            if not size:
                break
            i += size
        return words[i:]

    def _no_at(self, words: tuple[str, ...], i: int) -> int:
        """How many words of a no phrase ("nope", "none of those") begin at ``i`` (the longest; 0 if none)."""
        return next((n for n in range(min(self.longest, len(words) - i), 0, -1) if _HEDGES.get(self.hedges.get(words[i : i + n], "")) == "no"), 0)

    def starts_with_no(self, text: str) -> bool:
        """The words begin with a no ("nothing new", "none of the others"), before anything else is said."""
        words = reply_words(text)
        while words and words[0] in ("but", "and", "so", "though", "thats", "its"):
            words = words[1:]
        return self._no_at(words, 0) > 0
