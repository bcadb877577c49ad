"""What the bot says: a message's text and its buttons, as every adapter renders them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Button:
    id: str  # built and parsed in bot/buttons.py only
    label: str


@dataclass(frozen=True)
class Reply:
    """One message: its text and its buttons laid out in rows."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()
    request_contact: str | None = None  # label of a "share my phone number" button, where the platform has one
    venue: dict[str, str] | None = None  # a map pin: latitude, longitude, title, address

    @property
    def buttons(self) -> list[Button]:
        return [b for row in self.rows for b in row]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "buttons": [{"id": b.id, "label": b.label} for b in self.buttons]}
        if self.venue:
            out["venue"] = self.venue
        return out


def chunk(buttons: list[Button], columns: int) -> list[tuple[Button, ...]]:
    """Buttons in rows of ``columns``."""
    columns = max(1, columns)
    return [tuple(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def fill(text: str, values: dict[str, str]) -> str:
    """``{slot}`` placeholders filled with the person's answers (unknown ones left for the content check to catch)."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
