"""The live chat with the therapist: typed messages are passed on to the practice chat, whole."""

from __future__ import annotations

from bot.buttons import ButtonId
from bot.effects import Relayed
from bot.replies import Reply
from bot.summary import summary
from bot.turn import Turn

from .base import Step
from .info import press_flow_button


class Relay(Step):
    kind = "relay"
    answered_by_trigger = True
    once = True
    takes_text = True
    live_chat = True

    @property
    def can_go_back(self) -> bool:
        return False  # the chat ends with its own button (or /end), which tells the practice; Back would leave it unsaid

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        press_flow_button(self, turn, pressed)

    def talk(self, turn: Turn) -> None:
        """Already talking to the therapist."""

    def relay(self, turn: Turn, text: str) -> None:
        """A message for the therapist, whole and as typed (the platform passes it on, in parts when
        longer than one message); acknowledged the first time."""
        conv = turn.conv
        conv.relayed += 1
        turn.emit(Relayed(text, summary(self.content, conv), first=conv.relayed == 1))
        turn.say(Reply(self.content.msg("relay_sent" if conv.relayed == 1 else "relay_sent_again"), self.rows(conv)))
        turn.hold()
