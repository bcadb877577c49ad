"""A warning sign named in passing, asked about before any advice.

The word lists name a sign in "I'm a carer for my mum who had a stroke, my back is stiff from lifting
her"; the reader of meaning is confident the message carries none (``Parse.to_confirm``). Rather than
sending a carer to the emergency number, or dropping a sign that may be real, the bot asks once: is
this happening now, or in the last few weeks? Yes or "Not sure" gives the sign's advice at once, as if it had been tapped;
No goes on with the questions where the person was, and the therapist's summary says it was mentioned.

While a sign waits to be asked about, its question comes before the step's own (``prompt``); the rest
of the message was read as usual (where it hurts, a question to the practice). ``report`` is how any sign
reported counts, typed or confirmed here.
"""

from __future__ import annotations

from . import buttons
from .content import Content
from .replies import Button, Reply
from .state import Conversation
from .summary import sign_label
from .turn import Turn


def ask(conv: Conversation, items: list[str]) -> None:
    """Keep the signs to ask about (those not already answered, reported, denied or waiting)."""
    conv.confirm.extend(i for i in items if i not in conv.flags and i not in conv.screen and i not in conv.denied and i not in conv.confirm)


def prompt(content: Content, conv: Conversation) -> Reply:
    """Is it happening now? Yes / No / Not sure."""
    msg = content.msg
    # A safety question that asks what a first-screen item asks (same_as) is shown once, as that item.
    shown = [i for i in conv.confirm if (flag := content.flag(i)) is None or flag.same_as not in conv.confirm]
    items = "\n".join(f"• {sign_label(content, i)}" for i in shown)
    answers = tuple(Button(bid, msg("not_sure" if answer == "unsure" else answer)) for bid, answer in buttons.CONFIRM.items())
    return Reply(msg("confirm_sign", items=items), (answers,))


def answer(turn: Turn, reply: str) -> None:
    """``reply``: yes, no or unsure. Yes or unsure: the signs count (their advice, through the flow's
    ``red_flag`` trigger, as when one is typed). No: not happening now or lately, noted for the therapist."""
    conv = turn.conv
    items, conv.confirm = list(conv.confirm), []
    flags = [i for i in items if turn.content.flag(i) is not None]
    if reply != "no":
        report(turn, flags, [i for i in items if i not in flags], "unsure" if reply == "unsure" else "yes")
        return
    for fid in flags:
        conv.flags[fid] = "no"  # not asked again in the checks
    conv.denied.extend(i for i in items if i not in conv.denied)
    turn.note(turn.msg("confirm_not_now"))


def report(turn: Turn, flags: list[str], screen: list[str], answer: str = "yes") -> None:
    """Warning signs reported, typed or confirmed (``answer``: yes or unsure): they count, a sign waiting to
    be asked about is dropped (the advice comes anyway), and the flow's ``red_flag`` trigger brings the
    advice (a follow-up first, when one could make it more urgent). The person said them (``Conversation.said``):
    their yes/no question was never asked."""
    conv = turn.conv
    for fid in flags:
        conv.flags[fid] = answer
        if fid not in conv.said:
            conv.said.append(fid)
    conv.screen.extend(s for s in screen if s not in conv.screen)
    conv.confirm.clear()
    if conv.state:
        conv.history.append(conv.state)
    turn.fire("red_flag")
