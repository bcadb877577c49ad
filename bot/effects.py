"""What a turn asks the platform to do besides replying: typed, frozen, matched exhaustively by adapters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Started:
    """A conversation (re)started, from a deep link's ``source`` when there was one."""

    source: str | None
    TYPE: ClassVar[str] = "start"


@dataclass(frozen=True)
class Forgotten:
    """The person asked to delete everything kept about them."""

    TYPE: ClassVar[str] = "forget"


@dataclass(frozen=True)
class Milestone:
    """A funnel step reached (``questions_done``, ``booking_click``…), for the practice's stats."""

    kind: str
    TYPE: ClassVar[str] = "event"


@dataclass(frozen=True)
class Recommended:
    """The outcome was given."""

    level: str
    condition: str | None
    TYPE: ClassVar[str] = "recommendation"


@dataclass(frozen=True)
class LeadRequested:
    """A call-back request: how to reach the person, and the triage the therapist needs."""

    phone: str
    preferred_time: str
    note: str
    source: str | None
    triage: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    TYPE: ClassVar[str] = "lead"


@dataclass(frozen=True)
class Relayed:
    """A message for the therapist in the live chat (``first``: the chat's first, sent with the summary)."""

    text: str
    summary: str
    first: bool
    TYPE: ClassVar[str] = "relay"


@dataclass(frozen=True)
class RelayEnded:
    """The person or the therapist ended the live chat."""

    TYPE: ClassVar[str] = "relay_end"


@dataclass(frozen=True)
class StaleButton:
    """A button that no longer applies was pressed (the replies say so)."""

    TYPE: ClassVar[str] = "stale"


Effect = Started | Forgotten | Milestone | Recommended | LeadRequested | Relayed | RelayEnded | StaleButton


def to_dict(effect: Effect) -> dict[str, Any]:
    """An effect as JSON-ready data: ``{"type": …, field: value…}``."""
    return {"type": effect.TYPE, **asdict(effect)}
