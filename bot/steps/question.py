"""One of the numbered questions (where, what kind of pain, how it started, how long, how bad)."""

from __future__ import annotations

import re

from bot import buttons
from bot.buttons import ButtonId
from bot.content import Content, FlowState
from bot.flow import FlowModel
from bot.replies import Button, Reply
from bot.state import NOT_SURE, Conversation
from bot.turn import Turn
from bot.understand import Reading

from .base import Step, worth_asking

TOLD = "~"  # marks a question skipped because the person had already answered it in their own words


def to_ask(content: Content, conv: Conversation, after: int = 0) -> list[FlowState]:
    """The numbered questions after step ``after`` that will still be asked: not answered yet, and
    able to change the outcome."""
    model = FlowModel(conv, content)
    return [s for s in content.flow.states.values() if s.kind == Question.kind and (s.step or 0) > after and (s.slot or s.name) not in conv.answers and worth_asking(s, model)]


class Question(Step):
    kind = "question"
    answered_by_trigger = True
    in_place = True
    numbered = True
    about_pain = True

    @property
    def slot(self) -> str:
        return self.state.slot or self.name

    def skippable(self, conv: Conversation) -> bool:
        return self.slot in conv.answers or not self.needed(conv)

    def skipped(self, conv: Conversation) -> None:
        if self.slot in conv.answers:
            conv.history.append(f"{self.name}:{TOLD}")  # Back still visits a question answered in words

    def progress(self, conv: Conversation) -> tuple[int, int]:
        """("Question n of m"): the questions asked so far and still to come, not those skipped."""
        asked = {h for h in conv.history if ":" not in h}  # a question answered at its own step
        here = self.state.step or 0
        before = [q for q in self.content.flow.states.values() if q.kind == self.kind and (q.step or 0) < here and q.name in asked]
        return len(before) + 1, len(before) + 1 + len(to_ask(self.content, conv, after=here))

    def options(self, conv: Conversation) -> list[Button]:
        if self.slot == "severity":
            return [Button(buttons.option(self.name, n), str(n)) for n in range(11)]
        return [Button(buttons.option(self.name, o.id), o.label) for o in self.content.vocabulary(self.slot)]

    def extras(self, conv: Conversation) -> list[Button]:
        not_sure = [Button(buttons.option(self.name, NOT_SURE), self.content.msg("not_sure"))] if self.state.not_sure else []
        return not_sure + super().extras(conv)

    def prompt(self, turn: Turn) -> list[Reply]:
        step, total = self.progress(turn.conv)
        progress = self.content.msg("progress", step=step, total=total)
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
            if current is None and re.search(r"\d", reading.norm) and not reading.parsed.regions and reading.parsed.duration is None:
                turn.note(self.content.msg("severity_invalid"))
                return True
        else:
            current = self.answer_in(reading)
        return self.take(turn, reading, current)

    def answer_in(self, reading: Reading) -> str | int | None:
        if self.slot == "severity":
            return reading.severity
        return reading.parsed.slot(self.slot) or reading.parsed.when_asked.get(self.slot)  # asked, "sore" and "not sure" answer it

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        conv.answers.pop(self.slot, None)
        if self.slot == "region":
            conv.hints.clear()  # words about the old place no longer apply
            conv.places.clear()
        conv.level = conv.condition = conv.timeframe = None
