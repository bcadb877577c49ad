"""The frozen records the loaders build: options, conditions, checks, outcomes, the flow, and ``Content``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import PLACEHOLDER_RE, SLOTS


@dataclass(frozen=True)
class Option:
    """One answer a person can pick: an id for code, a label for people, words they type."""

    id: str
    label: str
    words: tuple[str, ...] = ()
    activity_words: tuple[str, ...] = ()  # onsets: count only after a cause word ("from running")
    not_words: tuple[str, ...] = ()  # phrases where a word does not say it ("above my head", "a stiff drink")
    when_asked: tuple[str, ...] = ()  # words that give this answer only in a reply to its question ("sore")


@dataclass(frozen=True)
class Region(Option):
    default_level: str | None = None
    reason: str | None = None
    timeframe: str | None = None  # how soon, when default_level is doctor_first


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    regions: tuple[str, ...]
    sensations: tuple[str, ...]
    onsets: tuple[str, ...]
    words: tuple[str, ...]
    explanation: str
    referral: str


@dataclass(frozen=True)
class RedFlag:
    id: str
    regions: tuple[str, ...]  # ("*",) means every region
    question: str
    level: str
    advice: str
    words: tuple[str, ...]
    past_counts: bool = False  # also a sign when it lies in the past ("had cancer years ago")
    timeframe: str | None = None  # how soon, for a doctor_first level
    label: str = ""  # the item's button in a grouped check
    after: tuple[str, ...] = ()  # a follow-up: asked only once one of these (safety questions or first-screen items) was a yes
    min_age: int | None = None  # not asked when the person is known to be younger
    same_as: str | None = None  # a first-screen item asking the same: not asked again once the screen said none
    typed_regions: tuple[str, ...] = ()  # more places where the sign counts when typed (not asked there)
    workout_tiredness: bool = False  # typed beside a workout ("after leg day"), tired muscles, not a sign (unless numb)
    context: bool = False  # a circumstance, not a symptom ("pregnant", "a long flight"): counts only with a pain where it applies
    gradual_with: tuple[str, ...] = ()  # said to come on gradually or with effort, still a sign beside one of these flags
    after_words: tuple[str, ...] = ()  # a follow-up's words that count only beside a sign it follows, in the same message
    meaning: bool = False  # read by the reader of meaning (a message that sounds like an emergency), not by words
    always_advised: bool = False  # its words are never a figure of speech: advised on at once, never asked about first

    def applies_to(self, region: str | None) -> bool:
        """Whether this flag is asked for ``region`` (None: region unknown, ask all general flags)."""
        return "*" in self.regions or (region is not None and region in self.regions)

    def fits_typed(self, region: str | None) -> bool:
        """Whether the sign, typed by the person, counts for ``region``."""
        return self.applies_to(region) or region in self.typed_regions or "*" in self.typed_regions


@dataclass(frozen=True)
class Check:
    """One tickable item: a life-threatening sign in the first screen, or a contraindication to massage."""

    id: str
    label: str
    level: str
    advice: str
    words: tuple[str, ...]
    timeframe: str | None = None  # how soon, for a doctor_first level
    # The sign in other languages' words (ISO 639-1 code, phrases): a message in that language
    # naming it gets the emergency advice, not only "I read English only".
    other_words: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    keywords: tuple[str, ...]
    booking: bool = False  # the answer invites booking: withheld when the outcome says not to book
    venue: bool = False  # the answer comes with the practice's map pin (practice.yaml latitude/longitude)


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    next_steps: str
    safety_net: str
    booking: bool
    booking_reply: str = ""  # what /book and booking questions get when booking is not offered
    timeframes: dict[str, Timeframe] = field(default_factory=dict)  # doctor_first: how soon, most urgent first


@dataclass(frozen=True)
class Timeframe:
    """How soon to see a doctor: words for the summary ("within 24 hours") and where and when to go."""

    id: str
    label: str
    next_steps: str


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    reason: str
    params: dict[str, int] = field(default_factory=dict)
    timeframe: str | None = None  # how soon, for a doctor_first level


@dataclass(frozen=True)
class FlowButton:
    id: str
    label: str
    trigger: str
    when: str | None = None


@dataclass(frozen=True)
class FlowState:
    name: str
    kind: str
    prompt: str
    step: int | None = None
    slot: str | None = None
    input: str | None = None
    not_sure: bool = True
    lead: bool = False  # entering this state sends a call-back request to the practice
    event: str | None = None  # a funnel event recorded when the state is entered
    columns: int = 2
    buttons: tuple[FlowButton, ...] = ()
    ask_if: str | None = None  # a question asked only when this condition holds (it could change the outcome)


@dataclass(frozen=True)
class FlowTransition:
    trigger: str
    source: str | tuple[str, ...]
    dest: str
    conditions: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def as_config(self) -> dict[str, Any]:
        """The transition as transitions' own configuration (names resolve on the model)."""
        cfg: dict[str, Any] = {"trigger": self.trigger, "source": list(self.source) if isinstance(self.source, tuple) else self.source, "dest": self.dest}
        if self.conditions:
            cfg["conditions"] = list(self.conditions)
        if self.unless:
            cfg["unless"] = list(self.unless)
        return cfg


@dataclass(frozen=True)
class Flow:
    initial: str
    states: dict[str, FlowState]
    transitions: tuple[FlowTransition, ...]

    @property
    def total_steps(self) -> int:
        """How many numbered questions the flow has ("2 of 5")."""
        return max((s.step or 0) for s in self.states.values())


@dataclass(frozen=True)
class Content:
    """Everything the bot says and decides on, loaded from one content folder."""

    root: Path
    practice: dict[str, str]
    regions: tuple[Region, ...]
    pain_types: tuple[Option, ...]
    onsets: tuple[Option, ...]
    durations: tuple[Option, ...]
    conditions: tuple[Condition, ...]
    red_flags: tuple[RedFlag, ...]
    screen: tuple[Check, ...]
    contraindications: tuple[Check, ...]
    faq: tuple[Faq, ...]
    levels: dict[str, Level]
    rules: dict[str, Rule]
    messages: dict[str, str]
    words: dict[str, tuple[str, ...]]
    flow: Flow
    # What Telegram shows before Start, by PROFILE_LIMITS key; a key left out stays as set in BotFather.
    profile: dict[str, str] = field(default_factory=dict)
    group_size: int = 5  # items in one grouped safety check

    def vocabulary(self, slot: str) -> tuple[Option, ...]:
        """The options of a question slot (severity has none: it is a number)."""
        name = SLOTS[slot]
        return getattr(self, name) if name != "severity" else ()

    def option(self, slot: str, option_id: str) -> Option | None:
        """Look an option up by slot and id."""
        return next((o for o in self.vocabulary(slot) if o.id == option_id), None)

    def region(self, region_id: str | None) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def condition(self, condition_id: str | None) -> Condition | None:
        return next((c for c in self.conditions if c.id == condition_id), None)

    def flag(self, flag_id: str) -> RedFlag | None:
        return self._flags.get(flag_id)

    @functools.cached_property
    def _flags(self) -> dict[str, RedFlag]:
        return {f.id: f for f in self.red_flags}  # asked many times a turn by the safety checks

    def screen_item(self, item_id: str) -> Check | None:
        return next((c for c in self.screen if c.id == item_id), None)

    def contraindication(self, item_id: str) -> Check | None:
        return next((c for c in self.contraindications if c.id == item_id), None)

    def faq_entry(self, faq_id: str) -> Faq | None:
        return next((f for f in self.faq if f.id == faq_id), None)

    def msg(self, key: str, **values: object) -> str:
        """A message from messages.yaml with its runtime placeholders filled."""
        text = self.messages[key]
        return PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text) if values else text
