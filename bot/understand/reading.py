"""``Reading``: everything the bot gets from one typed message, read once per turn.

The engine, the policy and the steps decide on this one value; none of them reads the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

from .parse import MAX_TEXT, Parse


@dataclass(frozen=True)
class Reading:
    """One message, read: the text as typed and normalised, its intents and what it says."""

    raw: str  # stripped and cut to MAX_TEXT characters
    norm: str  # normalised for whole-message matching ("" when only punctuation or emoji)
    too_long: bool  # the message was cut
    command: tuple[str, str] | None  # ("start", "ig_post") for a typed "/start@my_bot ig_post"
    word: str | None  # a command in words: back, restart, help, human
    social: str | None  # only a thanks, hello, bye or ok
    parsed: Parse  # places, pain, onset, duration, severity, warning signs, contraindications, FAQ ranking
    yes_no: str | None  # yes | no | unsure as a reply to a closed question
    bare_yes_no: bool  # the whole message is only a yes, a no or a not sure
    not_sure: bool  # the whole message says "not sure"
    illness: bool  # speaks of an illness that is not muscle or joint pain (a cough, a cold…)
    severity: int | None  # a 0-10 score as a reply to "how bad" (a bare "7" counts there)
    faq: str | None  # the FAQ entry it confidently asks about
    offers: tuple[str, ...]  # FAQ entries to offer as "did you mean…"
    # yes | no | unsure as a reply to a yes/no safety question, hedges included ("a little" is yes,
    # "not really" no, "could be" unsure); yes whenever the message itself reports a warning sign;
    # None when it answers nothing ("no, I don't get it", "what do you mean?").
    hedge: str | None = None
    # The reply really denies the items asked about: a no (or hedged no) in English that neither asks
    # what was meant nor reports a sign. "no entiendo", "no, I don't get it" are not denials.
    denial: bool = False
    # The reply denies every item of a list ("Do any of these apply?"): a denial, and nothing said beside
    # it that could keep one back ("no, hang on, let me look in the mirror" answers nothing yet).
    clears_list: bool = False


def typed_command(text: str) -> tuple[str, str] | None:
    """("start", "ig_post") for a typed "/start@my_bot ig_post"; None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    name, _, args = text[1:].partition(" ")
    return name.split("@")[0].lower(), args


def cut(text: str) -> tuple[str, bool]:
    """The text stripped and cut to what is read; whether it was cut."""
    raw = text.strip()
    return raw[:MAX_TEXT], len(raw) > MAX_TEXT
