"""The engine in a terminal: an interactive chat, and a JSON-lines mode for programs."""

from __future__ import annotations

import json
from typing import IO

from .effects import to_dict
from .engine import Button, Engine, Event, Reply, Result
from .state import Conversation


def render(replies: list[Reply]) -> tuple[str, list[Button]]:
    """Replies as terminal text with numbered buttons; returns the text and the buttons in number order."""
    lines: list[str] = []
    numbered: list[Button] = []
    for reply in replies:
        lines.append("")
        lines.extend(f"  {line}" if line else "" for line in reply.text.splitlines())
        for row in reply.rows:
            cells = []
            for button in row:
                numbered.append(button)
                cells.append(f"[{len(numbered)}] {button.label}")
            lines.append("    " + "   ".join(cells))
    return "\n".join(lines), numbered


def to_event(line: str, buttons: list[Button]) -> Event:
    """What a typed console line means: a button (by its label or number), a /command or text."""
    text = line.strip()
    for button in buttons:
        if text.casefold() == button.label.casefold():
            return Event.button(button.id)
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return Event.button(buttons[int(text) - 1].id)
    if text.startswith("/") and len(text) > 1:
        name, _, args = text[1:].partition(" ")
        return Event.command(name, args.strip())
    return Event.text(line)


def chat(engine: Engine, source: str, stdin: IO[str], stdout: IO[str]) -> int:
    """Interactive chat: type a number to press a button, or type freely. Ctrl-D or /quit ends."""
    result = engine.handle(Conversation(), Event.command("start", source))
    text, buttons = render(result.replies)
    stdout.write(f"{text}\n\n{engine.content.msg('console_hint')}\n")
    engine.understand.warm(background=True)  # while the person reads the greeting
    while True:
        stdout.write("\nyou> ")
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            stdout.write(f"\n{engine.content.msg('console_bye')}\n")
            return 0
        result = engine.handle(result.conversation, to_event(line.rstrip("\n"), buttons))
        text, buttons = render(result.replies)
        stdout.write(text + "\n")


def jsonl(engine: Engine, stdin: IO[str], stdout: IO[str]) -> int:
    """One JSON event per input line, exactly one JSON answer per line, flushed at once."""
    conv = Conversation()
    for line in stdin:
        if not line.strip():
            continue
        try:
            event = Event.from_dict(json.loads(line))
        except (ValueError, RecursionError) as exc:
            out: dict[str, object] = {"error": f"bad event: {exc}", "state": conv.state, "level": conv.level}
        else:
            result: Result = engine.handle(conv, event)
            conv = result.conversation
            out = {"replies": [r.to_dict() for r in result.replies], "state": conv.state, "level": conv.level}
            if result.effects:
                out["effects"] = [to_dict(e) for e in result.effects]
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
