"""A step of text and the YAML's own buttons (booking, call us, call-back time, done)."""

from __future__ import annotations

from bot import answers, buttons
from bot.buttons import ButtonId
from bot.state import Conversation
from bot.triage import age_group
from bot.turn import Turn
from bot.understand import Reading
from bot.understand.numbers import part_of_day

from .base import Step

# Triggers the bot carries out itself rather than the flow's machine.
RESTART, FAQ, END_RELAY, TALK, ANSWER = "restart", "faq", "end_relay", "talk", "answer"


def press_flow_button(step: Step, turn: Turn, pressed: ButtonId, skip: str | None = None) -> None:
    """A button declared in the flow YAML: its trigger fired, or the bot's own action for it.

    ``skip``: what an "answer" button stores when the step's slot is typed (None: the button's id)."""
    button = next(b for b in step.state.buttons if b.id == pressed.value)
    conv = turn.conv
    if button.trigger == RESTART:
        turn.restart()
        return
    if button.trigger == FAQ:
        turn.say(answers.faq_list(step.content))
        return
    if button.trigger == END_RELAY:
        turn.end_relay()
        return
    if button.trigger == ANSWER and step.state.slot:
        conv.answers[step.state.slot] = pressed.value if skip is None else skip
    if button.trigger == TALK:
        conv.resume = step.name
    conv.history.append(step.name)
    turn.fire(button.trigger)


class Info(Step):
    kind = "info"
    acknowledges = True

    def skippable(self, conv: Conversation) -> bool:
        """Not asked when its ``ask_if`` condition does not hold (the age, when nothing makes it matter)."""
        return not self.needed(conv)

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        press_flow_button(self, turn, pressed)

    def typed(self, turn: Turn, reading: Reading) -> bool:
        if self.press_typed_label(turn, reading, by_id=True):
            return True
        choice = self._part_of_day(reading) or self._age(reading)
        if choice is None:
            return False
        self.press(turn, buttons.parse(buttons.option(self.name, choice)))
        return True

    def expects(self, reading: Reading) -> bool:
        return (self._part_of_day(reading) or self._age(reading)) is not None

    def _age(self, reading: Reading) -> str | None:
        """An age typed at a step whose buttons are age groups ("she's 82" → 65 or over)."""
        age = reading.parsed.age
        words = reading.norm.split()
        numbers = [int(w) for w in words if w.isdigit() and len(w) <= 3]
        if age is None and len(numbers) == 1 and len(words) <= 5 and 0 < numbers[0] <= 120:
            age = numbers[0]  # "82", "he's 9", at the age question
        group = age_group(self.content, age) if age is not None else None
        return group if group is not None and any(b.id == group for b in self.state.buttons) else None

    def _part_of_day(self, reading: Reading) -> str | None:
        """A time typed at a step whose buttons are parts of the day ("after 5" → evening)."""
        when = part_of_day(reading.raw.lower())
        return when if when is not None and any(b.id == when for b in self.state.buttons) else None

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        if self.state.slot:
            conv.answers.pop(self.state.slot, None)
