"""What a whole short message means outside the questions: a command word, yes / no / not sure,
small talk, or an illness that is not muscle or joint pain (all from words.yaml)."""

from __future__ import annotations

from bot.content import Content

from .text import normalize

SOCIAL = ("thanks", "hello", "bye", "ok")  # small talk: answered kindly, the question asked again
_TURNED = {"yes": ("no", "nah", "nope"), "no": ("yes", "yeah", "yep")}  # "yeah no", "nah yeah"


class Intents:
    """The words.yaml groups read as whole-message intents."""

    def __init__(self, content: Content) -> None:
        self.stops = {key: {normalize(w) for w in content.words.get(key, ())} for key in ("yes", "no", "not_sure", "back", "restart", "help", "human", *SOCIAL)}
        self.illness = frozenset(normalize(w) for w in content.words.get("other_illness", ()))
        self.not_sure_label = normalize(content.messages.get("not_sure", "not sure"))

    def other_illness(self, norm: str) -> bool:
        """Whether the message speaks of an illness that is not muscle or joint pain (a cough, a cold…)."""
        padded = f" {norm} "
        return any(f" {phrase} " in padded for phrase in self.illness)

    def command_word(self, norm: str) -> str | None:
        """'back', 'restart' or 'help' when the whole message is one of their words."""
        for key in ("back", "restart", "help"):
            if norm in self.stops[key]:
                return key
        padded = f" {norm} "
        if any(f" {phrase} " in padded for phrase in self.stops["human"] if phrase):
            return "human"  # "can I talk to a person please"
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
