"""The safety questions for the region given, one at a time, the most urgent first."""

from __future__ import annotations

from bot import buttons
from bot.buttons import FLAG_ANSWERS, ButtonId
from bot.effects import StaleButton
from bot.flow import next_red_flag, red_flag_queue
from bot.replies import Button, Reply
from bot.state import Conversation
from bot.turn import Turn
from bot.understand import Reading

from .base import Step


class SafetyQuestions(Step):
    kind = "red_flags"
    answered_by_trigger = True
    once = True
    in_place = True
    columns = 3

    def _next(self, conv: Conversation) -> str | None:
        return next_red_flag(self.content, conv)

    def step_id(self, conv: Conversation) -> str:
        return buttons.step_id(self.name, self._next(conv) or "")

    def pending(self, conv: Conversation) -> bool:
        fid = self._next(conv)
        return fid is not None and self.content.flag(fid) is not None

    def options(self, conv: Conversation) -> list[Button]:
        fid = self._next(conv)
        if fid is None:
            return []
        return [Button(buttons.flag(fid, "yes"), self.content.msg("yes")), Button(buttons.flag(fid, "no"), self.content.msg("no"))]

    def extras(self, conv: Conversation) -> list[Button]:
        fid = self._next(conv)
        unsure = [Button(buttons.flag(fid, "unsure"), self.content.msg("not_sure"))] if fid is not None else []
        return unsure + super().extras(conv)

    def prompt(self, turn: Turn) -> list[Reply]:
        conv, msg = turn.conv, self.content.msg
        fid = self._next(conv)
        flag = self.content.flag(fid) if fid else None
        if flag is None:
            return []
        queue = red_flag_queue(self.content, conv.region)
        step = len([f for f in queue if f in conv.flags]) + 1
        text = f"{msg('safety_progress', step=step, total=len(queue))}\n{flag.question}"
        if not conv.flags:
            text = f"{msg('safety_intro')}\n\n{text}"
        return [Reply(text, self.rows(conv))]

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        self.answer_flag(turn, pressed.step, pressed.value)

    def typed(self, turn: Turn, reading: Reading) -> bool:
        fid = self._next(turn.conv)
        if reading.yes_no is None or fid is None:
            return False
        self.answer_flag(turn, fid, reading.yes_no)
        return True

    def answer_flag(self, turn: Turn, fid: str, answer: str) -> None:
        conv = turn.conv
        if answer not in FLAG_ANSWERS or fid != self._next(conv):
            turn.emit(StaleButton())
            turn.note(self.content.msg("stale_button"))
            return
        conv.flags[fid] = answer
        conv.history.append(f"{self.name}:{fid}")
        turn.fire("answer")

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        if item and conv.flags.pop(item, None) in ("yes", "unsure") and item not in conv.retracted:
            conv.retracted.append(item)  # a warning sign once reported still counts (see rules.changed_red_flag)
        conv.level = conv.condition = None
