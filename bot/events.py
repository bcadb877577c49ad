"""What happened in a conversation: one ``Event`` per person's action or outside happening."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EventKind = Literal["text", "button", "command", "media", "resume", "practice_reply", "end_relay"]


@dataclass(frozen=True)
class Event:
    """What the person did: typed ``text``, pressed ``button``, sent ``command`` (with ``args``),
    or sent ``media`` the bot does not read (a sticker, photo, voice note…). Besides the person:
    ``resume`` (a restart cut the last replies short), ``practice_reply`` (the therapist answered
    in the live chat, ``value`` is the answer) and ``end_relay`` (the therapist ended the live chat)."""

    kind: EventKind
    value: str = ""
    args: str = ""
    name: str = ""  # the person's first name, when the platform gives one (used in the greeting only)
    idle: float = 0.0  # seconds since the conversation's previous turn (0 when unknown or live)

    def __post_init__(self) -> None:
        # Lone surrogates (broken emoji from some clients) cannot be printed or stored: replace them.
        for key in ("value", "args", "name"):
            value = getattr(self, key)
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                object.__setattr__(self, key, value.encode("utf-8", "replace").decode("utf-8"))

    @classmethod
    def text(cls, text: str, name: str = "", idle: float = 0.0) -> Event:
        return cls("text", text, name=name, idle=idle)

    @classmethod
    def button(cls, button_id: str, name: str = "", idle: float = 0.0) -> Event:
        return cls("button", button_id, name=name, idle=idle)

    @classmethod
    def command(cls, command: str, args: str = "", name: str = "", idle: float = 0.0) -> Event:
        return cls("command", command.lstrip("/").lower(), args, name, idle)

    @classmethod
    def from_dict(cls, data: object) -> Event:
        """Parse ``{"text": …}``, ``{"button": …}`` or ``{"command": …, "args": …}``, each with an optional
        ``"idle"`` (seconds since the previous turn); ValueError if malformed."""
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        kinds = [k for k in ("text", "button", "command") if k in data]
        if len(kinds) != 1:
            raise ValueError('expected exactly one of "text", "button" or "command"')
        kind = kinds[0]
        value = data[kind]
        args = data.get("args", "")
        if not isinstance(value, str) or not isinstance(args, str):
            raise ValueError(f'"{kind}" and "args" must be strings')
        idle = data.get("idle", 0.0)
        if isinstance(idle, bool) or not isinstance(idle, int | float) or not 0 <= idle < 1e12:
            raise ValueError('"idle" must be a number of seconds')
        if kind == "command":
            return cls.command(value, args, idle=float(idle))
        return cls.text(value, idle=float(idle)) if kind == "text" else cls.button(value, idle=float(idle))
