"""The outcome: the level, why (from the practice's own knowledge), what to do next, and a summary."""

from __future__ import annotations

from bot.buttons import ButtonId
from bot.effects import Recommended
from bot.replies import Reply
from bot.summary import summary
from bot.triage import recommend
from bot.turn import Turn
from bot.understand import Reading

from .base import Step
from .info import press_flow_button


class Outcome(Step):
    kind = "recommendation"
    once = True
    concludes = True
    acknowledges = True

    @property
    def can_go_back(self) -> bool:
        return False

    def arrive(self, turn: Turn) -> None:
        self.conclude(turn)
        turn.emit(Recommended(turn.conv.level or "", turn.conv.condition))

    def conclude(self, turn: Turn) -> None:
        """Work out the outcome and say it, in two messages: the advice, then the summary with the buttons."""
        conv, msg = turn.conv, self.content.msg
        rec = recommend(self.content, conv)
        conv.level = rec.level
        conv.condition = rec.condition.id if rec.condition else None
        conv.timeframe = rec.timeframe
        level = self.content.levels[rec.level]
        when = level.timeframes.get(rec.timeframe or "")
        parts = [level.title]
        if rec.reasons:
            parts.append(msg("why_heading") + "\n" + "\n".join(f"• {r}" for r in rec.reasons))
        parts.append(msg("next_heading") + "\n" + (when.next_steps if when else level.next_steps))
        parts.append(level.safety_net)
        turn.say(Reply("\n\n".join(parts)))
        turn.say(Reply(summary(self.content, conv, rec), self.rows(conv)))
        turn.hold()

    def prompt(self, turn: Turn) -> list[Reply]:
        return [Reply(self.content.msg("finished"), self.rows(turn.conv))]

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        press_flow_button(self, turn, pressed)

    def typed(self, turn: Turn, reading: Reading) -> bool:
        return self.press_typed_label(turn, reading, by_id=True)
