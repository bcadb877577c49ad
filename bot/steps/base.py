"""The interface every kind of step implements, and what the kinds share (taking answers from typed text)."""

from __future__ import annotations

from typing import ClassVar

from bot import buttons
from bot.buttons import ButtonId
from bot.content import Content, FlowState
from bot.flow import FlowModel
from bot.replies import Button, Reply, chunk, fill
from bot.state import Conversation
from bot.summary import label
from bot.turn import Turn
from bot.understand import Reading, normalize

ANSWER_SLOTS = ("region", "pain_type", "onset", "duration", "severity")


def worth_asking(state: FlowState, model: FlowModel) -> bool:
    """Whether a step can change the outcome: its ``ask_if`` condition holds (or it has none)."""
    return state.ask_if is None or bool(getattr(model, state.ask_if)())


class Step:
    """One state of the flow as the person meets it: its prompt and buttons, what a press or a typed
    answer does there, and how Back undoes an answer given there.

    A step never renders another step and never moves the conversation itself: it says and notes on
    the turn and asks for a trigger to be fired (``turn.fire``)."""

    kind: ClassVar[str]
    in_place: ClassVar[bool] = False  # a pressed prompt may turn into the next step's prompt (one edit)
    takes_text: ClassVar[bool] = False  # typed text is the answer itself (a note, a phone number, a live chat)
    concludes: ClassVar[bool] = False  # the outcome step
    columns: ClassVar[int | None] = None  # buttons per row when the YAML's columns do not apply
    numbered: ClassVar[bool] = False  # one of the numbered questions (skipped when answered in the person's words)
    about_pain: ClassVar[bool] = False  # asks about the pain itself: a cold or a cough is pointed elsewhere first
    live_chat: ClassVar[bool] = False  # typed text goes to the therapist before anything else is read in it
    acknowledges: ClassVar[bool] = False  # a bare yes or no here is acknowledged, not read as a question
    answered_by_trigger: ClassVar[bool] = False  # the flow must say where "answer" leads from here
    once: ClassVar[bool] = False  # the flow has exactly one step of this kind

    def __init__(self, state: FlowState, content: Content) -> None:
        self.state = state
        self.content = content
        self.name = state.name

    # ------------------------------------------------------------------ what is shown

    def step_id(self, conv: Conversation) -> str:
        """Where the conversation is, for buttons valid only here (Back, Continue)."""
        return buttons.step_id(self.name)

    def skippable(self, conv: Conversation) -> bool:
        """Whether the conversation moves past this step without asking it (answered in the person's
        own words, or unable to change the outcome)."""
        return False

    def skipped(self, conv: Conversation) -> None:
        """The conversation moved past this step without asking it."""

    def faq_back(self, conv: Conversation) -> str | None:
        """Where an FAQ answer given here leads back to with one button (the answer then kept short),
        or None: the whole answer, then this step again."""
        return self.step_id(conv) if self.in_place else None

    def needed(self, conv: Conversation) -> bool:
        """Whether the answer could change the outcome (the flow's ``ask_if``), else it is not asked."""
        return worth_asking(self.state, FlowModel(conv, self.content))

    def pending(self, conv: Conversation) -> bool:
        """Whether the step has something to ask (False: move on with "answer" without asking)."""
        return True

    def options(self, conv: Conversation) -> list[Button]:
        """The step's answers; by default the YAML's buttons whose ``when`` condition holds."""
        model = FlowModel(conv, self.content)
        return [Button(buttons.option(self.name, b.id), b.label) for b in self.state.buttons if b.when is None or getattr(model, b.when)()]

    def extras(self, conv: Conversation) -> list[Button]:
        """Buttons on a row of their own below the answers ("Not sure", Back)."""
        return [Button(buttons.back(self.step_id(conv)), self.content.msg("back"))] if conv.history and self.can_go_back else []

    @property
    def can_go_back(self) -> bool:
        return not self.state.lead

    def rows(self, conv: Conversation) -> tuple[tuple[Button, ...], ...]:
        rows = chunk(self.options(conv), self.columns or self.state.columns)
        extras = self.extras(conv)
        if extras:
            rows.append(tuple(extras))
        return tuple(rows)

    def accepts(self, conv: Conversation, button_id: str) -> bool:
        """Every button valid here is one shown here, and no other."""
        return any(b.id == button_id for row in self.rows(conv) for b in row)

    def prompt(self, turn: Turn) -> list[Reply]:
        """The step's question (or text) with its buttons."""
        conv = turn.conv
        values = {k: label(self.content, k, v) for k, v in conv.answers.items()}
        return [Reply(fill(self.state.prompt, values), self.rows(conv))]

    # ------------------------------------------------------------------ what the person does

    def arrive(self, turn: Turn) -> None:
        """The conversation has just moved here."""

    def press(self, turn: Turn, pressed: ButtonId) -> None:
        """One of this step's own buttons (already checked to be shown here)."""
        raise NotImplementedError

    def typed(self, turn: Turn, reading: Reading) -> bool:
        """Typed text as an answer to this step; False when it is not one."""
        return False

    def expects(self, reading: Reading) -> bool:
        """Whether the text is surely this step's own answer, before any FAQ reading of it."""
        return False

    def talk(self, turn: Turn) -> None:
        """Start the live chat with the therapist, coming back here when it ends."""
        conv = turn.conv
        conv.resume = conv.state
        if conv.state:
            conv.history.append(conv.state)
        turn.fire("talk")

    def undo(self, conv: Conversation, item: str) -> None:
        """Back to this step: forget the answer given here (``item``: the ticked item or safety question)."""
        conv.state = self.name

    # ------------------------------------------------------------------ shared

    def press_typed_label(self, turn: Turn, reading: Reading, by_id: bool = False) -> bool:
        """A typed button label ("none of these") presses that button."""
        for b in self.options(turn.conv):
            option = buttons.parse(b.id).value
            if reading.norm and (normalize(b.label) == reading.norm or (by_id and option.replace("_", " ") == reading.norm)):
                self.press(turn, buttons.parse(b.id))
                return True
        return False

    def answer(self, turn: Turn, slot: str, value: str | int, typed: bool = False, also: list[str] | None = None) -> None:
        """Record the answer to this step and move on."""
        conv = turn.conv
        if slot == "region" and conv.answers.get("region") != value:
            conv.flags.clear()  # safety questions depend on the region
        conv.answers[slot] = value
        conv.history.append(self.name)
        if typed:
            turn.note(self.content.msg("understood", answer=" · ".join([label(self.content, slot, value), *(also or [])])))
        turn.fire("answer")

    def keep(self, turn: Turn, reading: Reading) -> bool:
        """Answers said alongside a question to the practice ("my neck's been stiff for weeks, can
        massage help?"): kept (and this step answered, if they answer it) while the question is
        answered. True when something was kept."""
        if not self.about_pain:
            return False
        return self.take(turn, reading, self.answer_in(reading), asked=True)

    def answer_in(self, reading: Reading) -> str | int | None:
        """This step's own answer in a message, if it gives one."""
        return None

    def take(self, turn: Turn, reading: Reading, current: str | int | None, asked: bool = False) -> bool:
        """Take every answer the text gives: ``current`` for this step, and others not asked yet.

        An answer already given is only replaced when the person corrects it ("no, it's my upper back").
        ``asked``: the message also asks the practice something, and is read for answers all the same.
        """
        conv, parsed = turn.conv, reading.parsed
        slot = self.state.slot or ""
        for hint in parsed.conditions:
            if hint not in conv.hints:
                conv.hints.append(hint)
        if current is None and parsed.question and not asked:
            return False  # a question that does not answer this one is not read for other answers
        places_before = len(conv.places)
        learnt: list[str] = []
        for other in ANSWER_SLOTS:
            value = parsed.slot(other)
            if other == slot or value is None:
                continue
            old = conv.answers.get(other)
            if old is None or (old != value and parsed.correction):
                if other == "region" and old is not None:
                    conv.flags.clear()  # safety questions depend on the region
                conv.answers[other] = value
                learnt.append(label(self.content, other, value))
        conv.add_places(parsed.regions, main=current if slot == "region" and isinstance(current, str) else None)
        conv.learn(parsed.history, parsed.age, parsed.for_whom, parsed.pregnancy_weeks)
        learnt += [label(self.content, "region", p) for p in conv.places[places_before:]]
        if current is None:
            if not learnt:
                return False
            turn.note(self.content.msg("understood", answer=" · ".join(learnt)))
            return True
        self.answer(turn, slot, current, typed=True, also=learnt)
        return True
