"""A step answered by typing: a phone number for the call-back, or a note for the therapist."""

from __future__ import annotations

import re

from bot.buttons import ButtonId
from bot.replies import Reply
from bot.state import Conversation
from bot.turn import Turn
from bot.understand import Reading

from .base import Step
from .info import press_flow_button

PHONE_RE = re.compile(r"^\+?[0-9]{7,15}$")
MAX_NOTE = 500  # characters of a note for the therapist


class FreeInput(Step):
    kind = "input"
    answered_by_trigger = True
    takes_text = True

    @property
    def slot(self) -> str:
        return self.state.slot or self.name

    def prompt(self, turn: Turn) -> list[Reply]:
        replies = super().prompt(turn)
        if self.state.input == "phone":
            replies = [Reply(r.text, r.rows, request_contact=self.content.msg("share_contact")) for r in replies]
        return replies

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        press_flow_button(self, turn, pressed, skip="")  # "Skip" on a typed step

    def typed(self, turn: Turn, reading: Reading) -> bool:
        conv = turn.conv
        if self.state.input == "note":
            conv.answers[self.slot] = reading.raw.strip()[:MAX_NOTE]
        else:
            # "+44 (0)20 7946 0000" is dialled +44 20 7946 0000; spaces, dots, dashes and brackets are layout.
            phone = re.sub(r"[\s().-]", "", reading.raw.strip().lower().replace("plus ", "+").replace("(0)", ""))
            if not PHONE_RE.match(phone):
                turn.note(self.content.msg("phone_invalid"))
                return True
            conv.answers[self.slot] = phone
        conv.history.append(self.name)
        turn.fire("answer")
        return True

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        conv.answers.pop(self.slot, None)
