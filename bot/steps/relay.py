"""The live chat with the therapist: typed messages are passed on to the practice chat."""

from __future__ import annotations

from bot.buttons import ButtonId
from bot.effects import Relayed
from bot.replies import Reply
from bot.summary import summary
from bot.turn import Turn
from bot.understand import Reading

from .base import Step
from .info import press_flow_button

MAX_RELAYED = 4000  # characters of one message passed on (Telegram's limit, with room for the header)


class Relay(Step):
    kind = "relay"
    answered_by_trigger = True
    once = True
    takes_text = True
    live_chat = True

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        press_flow_button(self, turn, pressed)

    def talk(self, turn: Turn) -> None:
        """Already talking to the therapist."""

    def typed(self, turn: Turn, reading: Reading) -> bool:
        """A message for the therapist: passed on by the platform (the effect); acknowledged the first time."""
        conv = turn.conv
        conv.relayed += 1
        turn.emit(Relayed(reading.raw.strip()[:MAX_RELAYED], summary(self.content, conv), first=conv.relayed == 1))
        turn.say(Reply(self.content.msg("relay_sent" if conv.relayed == 1 else "relay_sent_again"), self.rows(conv)))
        turn.hold()
        return True
