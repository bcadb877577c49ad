"""One of the numbered questions (where, what kind of pain, how it started, how long, how bad)."""

from __future__ import annotations

import re

from bot import buttons
from bot.buttons import ButtonId
from bot.replies import Button, Reply
from bot.state import NOT_SURE, Conversation
from bot.turn import Turn
from bot.understand import Reading

from .base import Step


class Question(Step):
    kind = "question"
    answered_by_trigger = True
    in_place = True
    numbered = True
    about_pain = True

    @property
    def slot(self) -> str:
        return self.state.slot or self.name

    def answered(self, conv: Conversation) -> bool:
        return self.slot in conv.answers

    def options(self, conv: Conversation) -> list[Button]:
        if self.slot == "severity":
            return [Button(buttons.option(self.name, n), str(n)) for n in range(11)]
        return [Button(buttons.option(self.name, o.id), o.label) for o in self.content.vocabulary(self.slot)]

    def extras(self, conv: Conversation) -> list[Button]:
        not_sure = [Button(buttons.option(self.name, NOT_SURE), self.content.msg("not_sure"))] if self.state.not_sure else []
        return not_sure + super().extras(conv)

    def prompt(self, turn: Turn) -> list[Reply]:
        progress = self.content.msg("progress", step=self.state.step, total=self.content.flow.total_steps)
        return [Reply(f"{progress}\n{self.state.prompt}", self.rows(turn.conv))]

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        value: str | int = int(pressed.value) if self.slot == "severity" and pressed.value.isdigit() else pressed.value
        self.answer(turn, self.slot, value)

    def typed(self, turn: Turn, reading: Reading) -> bool:
        current: str | int | None
        if self.state.not_sure and reading.not_sure:
            current = NOT_SURE
        elif self.slot == "severity":
            current = reading.severity
            if current is None and re.search(r"\d", reading.norm) and not reading.parsed.regions:
                turn.note(self.content.msg("severity_invalid"))
                return True
        else:
            current = reading.parsed.slot(self.slot)
        return self.take(turn, reading, current)

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        conv.answers.pop(self.slot, None)
        if self.slot == "region":
            conv.hints.clear()  # words about the old place no longer apply
        conv.level = conv.condition = None
