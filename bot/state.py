"""A conversation's saved state: small, plain, JSON-serialisable.

Only what the triage needs is kept: answer ids, safety answers, the path taken
(for Back), the source of the visit and the outcome. Never what a person typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

VERSION = 1
NOT_SURE = "not_sure"


# The conversation's lists of ids, copied, saved and read back alike.
_LISTS = ("history", "hints", "retracted", "screen", "contra", "cleared", "milestones", "singles", "places", "background", "others", "confirm", "denied", "said")


@dataclass
class Conversation:
    state: str | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)  # red flag id -> yes | no | unsure
    history: list[str] = field(default_factory=list)  # steps answered, for Back
    hints: list[str] = field(default_factory=list)  # condition ids pointed at by the person's words
    retracted: list[str] = field(default_factory=list)  # red flags answered yes / not sure, then changed with Back
    screen: list[str] = field(default_factory=list)  # life-threatening signs reported (first screen, or typed)
    contra: list[str] = field(default_factory=list)  # contraindications reported
    cleared: list[str] = field(default_factory=list)  # contraindications answered "None of these" in a grouped safety check
    milestones: list[str] = field(default_factory=list)  # funnel events already counted (each once)
    singles: list[str] = field(default_factory=list)  # safety items of a group answered "Not sure": asked one by one
    places: list[str] = field(default_factory=list)  # every other place said besides the main one (its warning signs are asked too)
    background: list[str] = field(default_factory=list)  # history said in passing (past cancer, a joint replacement…)
    others: list[str] = field(default_factory=list)  # someone else's same-day signs already answered with a word for them
    confirm: list[str] = field(default_factory=list)  # signs named in passing, to ask about before any advice ("is this happening now?")
    denied: list[str] = field(default_factory=list)  # signs named in passing, then said not to be happening now
    said: list[str] = field(default_factory=list)  # red flags of ``flags`` read from the person's own words, never asked as a question
    age: int | None = None  # of the person it is about, when said
    pregnancy_weeks: int | None = None  # "38 weeks pregnant", when said
    for_other: bool = False  # asking for someone else ("my mum…")
    doubt: bool = False  # the second reader asked for a careful check (said once)
    heard: str | None = None  # the level the reader of meaning heard in the person's own words (urgent, doctor_first)
    resume: str | None = None  # where to go back to when a chat with the therapist ends
    relayed: int = 0  # messages passed to the therapist in the current chat
    source: str | None = None
    level: str | None = None
    condition: str | None = None
    timeframe: str | None = None  # how soon, when the outcome is to see a doctor first

    @property
    def region(self) -> str | None:
        """The region given, or None when unknown or not sure."""
        value = self.answers.get("region")
        return value if isinstance(value, str) and value != NOT_SURE else None

    def copy(self) -> Conversation:
        """An independent copy (answers hold plain values: copying the containers is enough)."""
        copied = replace(self, answers=dict(self.answers), flags=dict(self.flags))
        for key in _LISTS:
            setattr(copied, key, list(getattr(self, key)))
        return copied

    def learn(self, history: list[str], age: int | None, for_whom: str, pregnancy_weeks: int | None = None) -> None:
        """Keep who the pain is about and their history (with the weeks of a pregnancy), as said in any message."""
        for tag in history:
            if tag not in self.background:
                self.background.append(tag)
        if age is not None:
            self.age = age
        if pregnancy_weeks is not None and "pregnancy" in history:
            self.pregnancy_weeks = pregnancy_weeks
        if for_whom == "other":
            self.for_other = True

    def add_places(self, regions: list[str], main: str | None = None) -> None:
        """Keep every place said besides the main one (``main``, or the region given), in the order said."""
        for region in regions:
            if region != (main or self.region) and region not in self.places:
                self.places.append(region)

    def to_dict(self) -> dict[str, Any]:
        """The state as a JSON-ready dict (empty parts left out to stay small)."""
        out: dict[str, Any] = {"v": VERSION, "state": self.state}
        for key in (
            "answers",
            "flags",
            *_LISTS,
            "age",
            "pregnancy_weeks",
            "for_other",
            "doubt",
            "heard",
            "source",
            "level",
            "condition",
            "timeframe",
            "resume",
            "relayed",
        ):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Conversation:
        """Rebuild a conversation; anything malformed starts a fresh one rather than failing."""
        if not isinstance(data, dict) or data.get("v") != VERSION:
            return cls()
        conv = cls()
        state = data.get("state")
        conv.state = state if isinstance(state, str) else None
        containers = {"answers": dict, "flags": dict, **dict.fromkeys(_LISTS, list)}
        for key, kind in containers.items():
            value = data.get(key)
            if isinstance(value, kind):
                setattr(conv, key, kind(value))
        for key in ("source", "level", "condition", "timeframe", "resume", "heard"):
            value = data.get(key)
            setattr(conv, key, value if isinstance(value, str) else None)
        age = data.get("age")
        conv.age = age if isinstance(age, int) and not isinstance(age, bool) else None
        weeks = data.get("pregnancy_weeks")
        conv.pregnancy_weeks = weeks if isinstance(weeks, int) and not isinstance(weeks, bool) else None
        conv.for_other = data.get("for_other") is True
        conv.doubt = data.get("doubt") is True
        relayed = data.get("relayed")
        conv.relayed = relayed if isinstance(relayed, int) and not isinstance(relayed, bool) else 0
        return conv

    @classmethod
    def from_json(cls, text: str) -> Conversation:
        try:
            return cls.from_dict(json.loads(text))
        except ValueError:
            return cls()
