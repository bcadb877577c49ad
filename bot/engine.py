"""The conversation engine: saved state + one event in, replies + new state + effects out.

It knows nothing of Telegram or terminals; the adapters render ``Reply`` objects as messages
with buttons. Every sentence comes from the content folder. One turn goes:

1. the event is dispatched (a command, a press, a typed message read once into a ``Reading``);
2. typed text mid-flow goes through the ordered handlers of ``policy``; presses and answers go
   to the current step (``steps``);
3. handlers only mark the turn; the engine then makes the move they asked for (fire a trigger,
   go back) and asks the step the conversation is now at for its prompt, once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from . import answers, buttons, commands, confirm, policy, steps
from .content import Content
from .effects import Effect, StaleButton
from .events import Event
from .flow import FlowMachine
from .replies import Button, Reply
from .state import Conversation
from .summary import lead_request, summary
from .turn import Turn
from .understand import Reading, Understanding, typed_command

__all__ = ["Button", "Engine", "Event", "Reply", "Result"]

log = logging.getLogger(__name__)

RETURN_AFTER = 24 * 3600  # seconds of silence after which a returning person is asked "continue or start over?"


@dataclass(frozen=True)
class Result:
    replies: list[Reply]
    conversation: Conversation
    effects: list[Effect]

    @property
    def stale(self) -> bool:
        """The event was a button that no longer applies (the replies say so)."""
        return any(isinstance(e, StaleButton) for e in self.effects)

    @property
    def state(self) -> dict[str, Any]:
        return self.conversation.to_dict()

    @property
    def level(self) -> str | None:
        return self.conversation.level


class Engine:
    """One engine per content folder; ``handle`` is safe to call for any number of conversations."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.flow = content.flow
        self.machine = FlowMachine(content)
        self.understand = Understanding(content)
        self.steps = steps.build(content)

    def step(self, conv: Conversation) -> steps.Step | None:
        """The step the conversation is at (None before the first, or in a state of an older flow)."""
        return self.steps.get(conv.state or "")

    def summary(self, conv: Conversation) -> str:
        """A short summary of the answers, for the person to forward to a therapist or doctor."""
        return summary(self.content, conv)

    # ------------------------------------------------------------------ one turn

    def handle(self, state: Conversation | dict[str, Any] | None, event: Event) -> Result:
        """Apply one event to a conversation (left as it was) and return what to say and do."""
        conv = state.copy() if isinstance(state, Conversation) else Conversation.from_dict(state)
        turn = Turn(self.content, conv)
        self._dispatch(turn, event)
        if turn.back:
            self._back(turn)
        elif turn.trigger is not None:
            self._fire(turn, turn.trigger)
        return Result(turn.finish(self._prompt(turn) if turn.prompt else []), conv, turn.effects)

    def _dispatch(self, turn: Turn, event: Event) -> None:
        conv, step = turn.conv, self.step(turn.conv)
        if event.kind == "text" and self._returning(conv, event.idle):
            self._welcome_back(turn)
        elif event.kind == "command":
            commands.run(turn, event.value, event.args, event.name, started=step is not None, live_chat=step is not None and step.live_chat)
        elif event.kind == "media":
            greeting = commands.start(turn, "") if step is None else None
            turn.note(self.content.msg("non_text"))
            if greeting is not None:
                turn.say(greeting)
        elif event.kind == "resume":
            self._resume(turn, step)
        elif event.kind == "practice_reply":
            header = self.content.msg("relay_from_practice", therapist=self.content.practice.get("therapist", ""))
            turn.say(Reply(f"{header}\n{event.value.strip()}", step.rows(conv) if step else ()))
            turn.hold()
        elif event.kind == "end_relay":
            if step is not None and step.live_chat:
                turn.end_relay()
            else:
                turn.hold()  # the person had left the chat already (/start): where they are now is kept
        elif event.kind == "button" and event.value in (buttons.FORGET_YES, buttons.FORGET_NO):
            commands.forget(turn, event.value == buttons.FORGET_YES)
        elif event.kind == "button" and event.value in buttons.CONFIRM:
            if conv.confirm:
                confirm.answer(turn, buttons.CONFIRM[event.value])
            else:  # answered already (or the conversation started over)
                turn.stale()
        elif step is None:
            self._first_message(turn, event)
        elif event.kind == "button":
            self._press(turn, step, event.value)
        elif not self._text(turn, step, event.value):
            turn.note(self.content.msg("didnt_understand"))

    def _returning(self, conv: Conversation, idle: float) -> bool:
        """Back after a long pause, in the middle of the questions (not in a live chat: the therapist
        may take days to answer, and the message is for them)."""
        step = self.step(conv)
        live = step is not None and step.live_chat
        return idle > RETURN_AFTER and conv.state not in (None, self.flow.initial) and conv.level is None and not live

    def _welcome_back(self, turn: Turn) -> None:
        """Continue or start over, rather than a question out of context."""
        step, msg = self.step(turn.conv), self.content.msg
        here = step.step_id(turn.conv) if step else turn.conv.state or ""
        turn.say(Reply(msg("welcome_back"), ((Button(buttons.resume(here), msg("continue_button")), Button(buttons.RESTART, msg("restart_button"))),)))
        turn.hold()

    def _resume(self, turn: Turn, step: steps.Step | None) -> None:
        """After a restart cut a turn's replies short: where the person is, said again (at the outcome,
        the whole advice: it may never have reached them)."""
        if step is None:
            turn.hold()
            return
        turn.note(self.content.msg("resumed"))
        if isinstance(step, steps.Outcome) and turn.conv.level:
            step.conclude(turn)

    def _first_message(self, turn: Turn, event: Event) -> None:
        """A first message without /start (or a state from an older flow): greet, then use it
        (unless it is only a "hi", or a /start the app did not mark as a command)."""
        reading = self.understand.read(event.value) if event.kind == "text" else None
        if reading is not None and reading.command is not None and reading.command[0] == "start":
            turn.say(commands.start(turn, reading.command[1].strip(), event.name))
            return
        turn.say(commands.start(turn, turn.conv.source or "", event.name))
        step = self.step(turn.conv)
        if reading is not None and reading.norm and reading.social is None and step is not None:
            self._text(turn, step, event.value, reading, quiet=True)

    # ------------------------------------------------------------------ typed text and presses

    def _text(self, turn: Turn, step: steps.Step, text: str, reading: Reading | None = None, quiet: bool = False) -> bool:
        """Typed text at a step; False when nothing in it could be used (nothing said then)."""
        if isinstance(step, steps.Relay):
            self._live_chat(turn, step, text)
            return True
        r = reading or self.understand.read(text)
        msg = self.content.msg
        if not r.raw:
            turn.note(msg("empty_input"))
            return True
        if r.command is not None:
            name, args = r.command
            commands.run(turn, name, args, "", started=True)
            return True
        mark = turn.mark()
        if r.too_long:
            turn.note(msg("too_long"))
        if policy.decide(turn, r, step):
            return True
        turn.rewind(mark)
        if r.too_long and not quiet:
            turn.note(f"{msg('too_long')} {msg('didnt_understand')}")
            return True
        return False

    def _live_chat(self, turn: Turn, step: steps.Relay, text: str) -> None:
        """In the live chat a message is the therapist's, whole and as typed ("?", "👍", "help", "back"…):
        it is not read, so nothing in it is taken for an answer or cut. Only the bot's own /commands act
        (/end ends the chat); any other text starting with "/" is passed on too."""
        whole = text.strip()
        command = typed_command(whole)
        if not whole:
            turn.note(self.content.msg("empty_input"))
        elif command is not None and command[0] in commands.COMMANDS:
            commands.run(turn, command[0], command[1], "", started=True, live_chat=True)
        else:
            step.relay(turn, whole)

    def _press(self, turn: Turn, step: steps.Step, button_id: str) -> None:
        conv, pressed = turn.conv, buttons.parse(button_id)
        here = step.step_id(conv)
        if pressed.kind in ("faq", "faq_more") and self.content.faq_entry(pressed.value):
            answers.faq(turn, pressed.value, step.faq_back(conv), whole=pressed.kind == "faq_more")
        elif button_id == buttons.RESTART:
            turn.restart()
        elif button_id == buttons.TALK and conv.level != "emergency":
            step.talk(turn)
        elif button_id == buttons.back(here) and step.live_chat:
            turn.end_relay()  # a Back left from an older message: the practice is told the chat ended
        elif button_id == buttons.back(here):
            turn.go_back()
        elif button_id == buttons.resume(here):
            pass  # the step again, as it was
        elif not step.accepts(conv, button_id):
            turn.stale()
        else:
            step.press(turn, pressed)

    # ------------------------------------------------------------------ moving

    def _fire(self, turn: Turn, trigger: str) -> None:
        conv = turn.conv
        if not self.machine.fire(conv, trigger):
            log.warning("trigger %s refused in state %s", trigger, conv.state)
            if conv.history:
                conv.history.pop()
            turn.note(self.content.msg("stale_button"))
            return
        step = self.steps[conv.state or ""]
        # Questions already answered in the person's own words, or unable to change the outcome, are skipped.
        while step.skippable(conv) and self.machine.fire(conv, "answer"):
            step.skipped(conv)
            step = self.steps[conv.state or ""]
        if not step.numbered and all(s.skippable(conv) for s in self.steps.values() if s.numbered):
            turn.milestone("questions_done")
        if step.state.event:
            turn.milestone_each(step.state.event)
        step.arrive(turn)
        if step.state.lead:
            turn.emit(lead_request(self.content, conv))

    def _back(self, turn: Turn) -> None:
        conv = turn.conv
        if not conv.history:
            turn.note(self.content.msg("first_question"))
            return
        name, _, item = conv.history.pop().partition(":")
        step = self.steps.get(name)
        if step is None:
            turn.reset()
            return
        step.undo(conv, item)

    def _prompt(self, turn: Turn) -> list[Reply]:
        """The current step's prompt; a step with nothing left to ask (no safety question for the
        region) moves on first."""
        if turn.conv.confirm and self.step(turn.conv) is not None:
            return [confirm.prompt(self.content, turn.conv)]  # a sign named in passing: asked about first
        for _ in range(len(self.steps) + 1):
            step = self.step(turn.conv)
            if step is None:
                return []
            if step.pending(turn.conv):
                return step.prompt(turn)
            self._fire(turn, "answer")
            if not turn.prompt:
                return []
        return []
