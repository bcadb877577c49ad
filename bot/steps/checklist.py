"""Lists to tick: the first screen for life-threatening signs (any tick ends it) and the
contraindications (ticks add up until "None of these")."""

from __future__ import annotations

from bot import answers, buttons
from bot.buttons import NONE, ButtonId
from bot.flow import contraindications_open
from bot.replies import Button, Reply
from bot.state import Conversation
from bot.summary import check_label
from bot.turn import Turn
from bot.understand import Reading
from bot.understand.parse import NOT_SURE_HOW
from bot.wording import worded

from .base import Step

_ABOUT_THE_LIST = frozenset("these this those them list mean means meaning".split())


class Checklist(Step):
    in_place = True
    answered_by_trigger = True
    once = True
    none_label = ""  # messages.yaml key of the "None of these" button

    def items(self, conv: Conversation) -> list[Button]:
        raise NotImplementedError

    def options(self, conv: Conversation) -> list[Button]:
        return [*self.items(conv), Button(buttons.option(self.name, NONE), self.content.msg(self.none_label))]

    def prompt(self, turn: Turn) -> list[Reply]:
        return worded(turn.conv, super().prompt(turn))  # "Do any of these apply to them?" when asking for someone else

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        if pressed.value == NONE:
            turn.conv.history.append(self.name)
            turn.fire("answer")
            return
        turn.conv.history.append(f"{self.name}:{pressed.value}")
        self.tick(turn, pressed.value)

    def tick(self, turn: Turn, item: str) -> None:
        raise NotImplementedError

    def typed(self, turn: Turn, reading: Reading) -> bool:
        if self.press_typed_label(turn, reading):
            return True
        p = reading.parsed
        onset = p.onset if p.onset != NOT_SURE_HOW else None  # "not sure how it started" at the list is no answer to it
        if not reading.bare_yes_no and (p.regions or p.pain_said or onset or p.duration or p.severity is not None):
            return self.described(turn, reading)  # "yeah, my back's been killing me": a description, not an answer to the list
        if reading.hedge == "no" and reading.clears_list:
            answer_aside(turn, reading)  # "no none. how do i book": the question too
            self.press(turn, buttons.parse(buttons.option(self.name, NONE)))
            return True
        if reading.hedge in ("yes", "unsure"):
            turn.note(self.content.msg("screen_which"))
            return True
        if reading.yes_no is not None or reading.hedge is not None:
            turn.note(self.content.msg("list_explained"))  # "no, I don't get it" does not clear the list
            return True
        return self.described(turn, reading)

    def described(self, turn: Turn, reading: Reading) -> bool:
        """Text that is neither a tick nor a yes/no."""
        return False

    def expects(self, reading: Reading) -> bool:
        """A reply that begins with a yes or no is about the list, before any FAQ reading of it
        ("no, what do these mean?"), unless it clearly asks the practice something else."""
        if reading.yes_no is None and reading.hedge is None:
            return False
        return not reading.faq or not _ABOUT_THE_LIST.isdisjoint(reading.norm.split())

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        conv.level = conv.condition = conv.timeframe = None


class Screen(Checklist):
    kind = "screen"
    about_pain = True
    none_label = "screen_none"

    def items(self, conv: Conversation) -> list[Button]:
        # A sign named in passing and then said not to be happening (bot.confirm) is not shown again.
        return [Button(buttons.option(self.name, c.id), c.label) for c in self.content.screen if c.id not in conv.denied]

    def tick(self, turn: Turn, item: str) -> None:
        turn.conv.screen.append(item)
        turn.fire("answer")

    def described(self, turn: Turn, reading: Reading) -> bool:
        return self.take(turn, reading, None)  # pain described first: keep it, then ask again

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        if item in conv.screen:
            conv.screen.remove(item)
            conv.retracted.append(item)  # a warning sign once reported still counts (see rules.changed_red_flag)


class Contraindications(Checklist):
    kind = "contraindications"
    none_label = "contra_none"

    def items(self, conv: Conversation) -> list[Button]:
        open_ = set(contraindications_open(self.content, conv))
        return [Button(buttons.option(self.name, c.id), c.label) for c in self.content.contraindications if c.id in open_]

    def pending(self, conv: Conversation) -> bool:
        return bool(contraindications_open(self.content, conv))  # all asked with the safety checks: nothing left

    def tick(self, turn: Turn, item: str) -> None:
        if item not in turn.conv.contra:
            turn.conv.contra.append(item)
        turn.note(self.content.msg("contra_more"))

    def prompt(self, turn: Turn) -> list[Reply]:
        conv = turn.conv
        if not conv.contra:
            return super().prompt(turn)
        noted = self.content.msg("noted", items=", ".join(check_label(self.content, c) for c in conv.contra))
        return worded(conv, [Reply(f"{noted}\n{self.state.prompt}", self.rows(conv))])

    def undo(self, conv: Conversation, item: str) -> None:
        super().undo(conv, item)
        if item in conv.contra:
            conv.contra.remove(item)


def answer_aside(turn: Turn, reading: Reading) -> None:
    """The FAQ a reply to a safety list also asks, answered before the list moves on."""
    if reading.parsed.question and reading.faq:
        answers.faq(turn, reading.faq, aside=True)
