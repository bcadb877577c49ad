"""The menu commands (/start with its deep-link source, /help, /faq, /book, /restart, /privacy,
/forget), typed or sent from the menu, and /end for the live chat."""

from __future__ import annotations

import re

from . import answers, buttons
from .effects import Forgotten, RelayEnded, Started
from .replies import Button, Reply
from .state import Conversation
from .turn import Turn

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Telegram's deep-link payload alphabet
MENU = ("start", "help", "faq", "book", "restart", "privacy", "forget")  # in Telegram's command menu (messages.yaml menu_*)
COMMANDS = (*MENU, "end")  # what ``run`` knows: /end only matters in a live chat


def start(turn: Turn, payload: str, first_name: str = "") -> Reply:
    """A fresh conversation from the source in ``payload``; returns the greeting (not yet said)."""
    msg = turn.msg
    source = payload if PAYLOAD_RE.match(payload) else None
    turn.reset()
    turn.conv.source = source
    turn.emit(Started(source))
    hello = msg("hello_name", first_name=first_name.strip()[:64]) if first_name.strip() else msg("hello")
    greeting = f"{hello} {msg('greeting')}\n{msg('privacy_line')}"
    if source:
        greeting = f"{greeting}\n{msg('source_noted')}"
    return Reply(greeting)


def run(turn: Turn, name: str, args: str, first_name: str, started: bool, live_chat: bool = False) -> None:
    """One command; ``started``: the conversation is at a step of the current flow; ``live_chat``: that
    step is the live chat with the therapist."""
    msg, conv = turn.msg, turn.conv
    if live_chat and name in ("start", "restart"):
        turn.emit(RelayEnded())  # starting over leaves the chat: the practice is told, as for /end
    if name == "start":
        turn.say(start(turn, args.strip(), first_name))
        return
    if name == "forget":
        turn.say(Reply(msg("forget_confirm"), ((Button(buttons.FORGET_YES, msg("forget_yes")), Button(buttons.FORGET_NO, msg("forget_no"))),)))
        turn.hold()
        return
    greeting = None if started else start(turn, "", first_name)
    if name == "restart":
        if started:
            turn.restart()
    elif name == "help":
        turn.say(answers.help_reply(turn.content, conv))
    elif name == "privacy":
        turn.say(Reply(msg("privacy")))
    elif name == "faq":
        turn.say(answers.faq_list(turn.content))
    elif name == "book":
        turn.say(Reply(answers.booking_text(turn.content, conv)))
    elif name == "end":
        if live_chat:
            turn.end_relay()
        else:
            turn.note(msg("relay_not_open"))
    else:
        turn.note(msg("unknown_command", command=name[:32]))
    if greeting is not None:
        turn.say(greeting)


def forget(turn: Turn, confirmed: bool) -> None:
    """The answer to "delete everything?"."""
    if not confirmed:
        turn.note(turn.msg("forget_cancelled"))
        return
    turn.conv.__dict__.update(Conversation().__dict__)
    turn.emit(Forgotten())
    turn.say(Reply(turn.msg("forget_done")))
    turn.hold()
