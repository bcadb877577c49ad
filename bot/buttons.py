"""Button ids: built and parsed here only (the engine, the adapters and the content check use this module).

An id fits Telegram's 64-byte ``callback_data`` and says enough to turn down a stale button politely:

    <state>.<option>        an answer of a question, checklist or info step ("region.knee", "screen.none")
    rf.<flag>.<answer>      a safety question's yes | no | unsure (yes: also an item tapped in a grouped check)
    rfg.<n>.<answer>        a grouped check's "None of these" (none) or "Not sure" (unsure); n counts from 1
    faq.<entry>             an FAQ entry (in the middle of the questions: its first lines)
    faqm.<entry>            "Tell me more": the whole FAQ answer
    nav.<action>            restart, talk, forget_yes, forget_no: valid at any step; confirm_yes | _no |
                            _unsure: while a sign named in passing is asked about
    back.<step>             Back, valid only at the step it was shown for
    continue.<step>         "Continue" after a long pause, likewise
where <step> is the state's name, rf.<flag> for the safety question being asked, or rfg.<n> for the
grouped check being shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FLAG = "rf"
GROUP = "rfg"
FAQ = "faq"
FAQ_MORE = "faqm"
NAV = "nav"
BACK = "back"
CONTINUE = "continue"
RESERVED = (FLAG, GROUP, FAQ, FAQ_MORE, NAV, BACK, CONTINUE)  # not usable as state names in flows/*.yaml
NONE = "none"  # the "None of these" option of a checklist
FLAG_ANSWERS = ("yes", "no", "unsure")
RESTART = f"{NAV}.restart"
TALK = f"{NAV}.talk"
FORGET_YES = f"{NAV}.forget_yes"
FORGET_NO = f"{NAV}.forget_no"

Kind = Literal["option", "flag", "group", "faq", "faq_more", "nav", "back", "continue"]


@dataclass(frozen=True)
class ButtonId:
    """A parsed id: ``step`` is the state (option), the flag (flag), the group's number (group) or the
    step id (back, continue); ``value`` the option, the answer, the FAQ entry or the action."""

    kind: Kind
    step: str = ""
    value: str = ""


def option(state: str, value: str | int) -> str:
    return f"{state}.{value}"


def flag(flag_id: str, answer: str) -> str:
    return f"{FLAG}.{flag_id}.{answer}"


def group(number: int, answer: str) -> str:
    return f"{GROUP}.{number}.{answer}"


def faq(entry: str) -> str:
    return f"{FAQ}.{entry}"


def faq_more(entry: str) -> str:
    return f"{FAQ_MORE}.{entry}"


def confirm(answer: str) -> str:
    """Is a sign named in passing happening now? yes | no | unsure (valid while one is asked about: bot.confirm)."""
    return f"{NAV}.confirm_{answer}"


# The answers to "is this happening now?", by button id.
CONFIRM = {confirm(answer): answer for answer in FLAG_ANSWERS}


def step_id(state: str, flag_id: str | None = None, group_number: int | None = None) -> str:
    """Where a conversation is, for buttons that only make sense there (Back, Continue)."""
    if group_number is not None:
        return f"{GROUP}.{group_number}"
    return f"{FLAG}.{flag_id or ''}" if flag_id is not None else state


def back(step: str) -> str:
    return f"{BACK}.{step}"


def resume(step: str) -> str:
    return f"{CONTINUE}.{step}"


def parse(button_id: str) -> ButtonId:
    """What a pressed id means; anything unknown parses as an option that no step will accept."""
    head, _, rest = button_id.partition(".")
    if head == FAQ:
        return ButtonId("faq", value=rest)
    if head == FAQ_MORE:
        return ButtonId("faq_more", value=rest)
    if head == NAV:
        return ButtonId("nav", value=rest)
    if head == BACK:
        return ButtonId("back", step=rest)
    if head == CONTINUE:
        return ButtonId("continue", step=rest)
    if head in (FLAG, GROUP):
        which, _, answer = rest.partition(".")
        return ButtonId("flag" if head == FLAG else "group", step=which, value=answer)
    return ButtonId("option", step=head, value=rest)
