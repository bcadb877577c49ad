"""One turn of a conversation: what the handlers say, note and ask for, collected for the engine.

Handlers never render the current step themselves: they ``say`` whole messages, ``note`` lines for
the top of the next message, ``emit`` effects and ask for a move (``fire`` a trigger, ``go_back``).
When they are done, the engine makes the move and asks the current step for its prompt, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .content import Content
from .effects import Effect, Milestone, RelayEnded, StaleButton
from .replies import Reply
from .state import Conversation


@dataclass
class Turn:
    content: Content
    conv: Conversation
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines waiting for the next message
    prompt: bool = True  # end with the current step's prompt
    trigger: str | None = None  # the machine's trigger to fire after the handlers
    back: bool = False  # undo the last answer after the handlers

    def msg(self, key: str, **values: object) -> str:
        return self.content.msg(key, **values)

    def say(self, reply: Reply) -> None:
        """A message of its own (with the waiting notes on top)."""
        if self.notes:
            reply = replace(reply, text="\n\n".join([*self.notes, reply.text]))
            self.notes.clear()
        self.replies.append(reply)

    def aside(self, reply: Reply) -> None:
        """A message of its own that leaves the waiting notes for the message after it."""
        self.replies.append(reply)

    def note(self, text: str) -> None:
        """A line on top of the next message (the step's prompt when nothing else is said)."""
        self.notes.append(text)

    def emit(self, effect: Effect) -> None:
        self.effects.append(effect)

    def stale(self) -> None:
        """A button that no longer applies (answered already, or from an older message): said so, politely."""
        self.emit(StaleButton())
        self.note(self.msg("stale_button"))

    def fire(self, trigger: str) -> None:
        """Move the conversation on with one of the flow's triggers once the handlers are done."""
        self.trigger = trigger

    def go_back(self) -> None:
        self.back = True

    def hold(self) -> None:
        """Nothing after what was said: not the current step's prompt."""
        self.prompt = False

    def milestone(self, kind: str) -> None:
        """Count a funnel step once per conversation."""
        if kind not in self.conv.milestones:
            self.conv.milestones.append(kind)
            self.emit(Milestone(kind))

    def milestone_each(self, kind: str) -> None:
        """Count a funnel step every time (a visit to the booking step)."""
        self.emit(Milestone(kind))

    def reset(self) -> None:
        """A fresh conversation at the first step (the visit's source is kept)."""
        source = self.conv.source
        self.conv.__dict__.update(Conversation().__dict__)
        self.conv.source = source
        self.conv.state = self.content.flow.initial

    def restart(self) -> None:
        self.reset()
        self.note(self.msg("restarted"))

    def end_relay(self) -> None:
        """End the live chat with the therapist and go back to where the person was."""
        conv, flow = self.conv, self.content.flow
        conv.state = conv.resume if conv.resume in flow.states else flow.initial
        conv.resume, conv.relayed = None, 0
        self.emit(RelayEnded())
        self.note(self.msg("relay_ended"))

    def mark(self) -> tuple[int, int]:
        """Where the turn stands, to tell later whether a handler added anything."""
        return len(self.replies), len(self.notes)

    def rewind(self, mark: tuple[int, int]) -> None:
        """Drop the notes added since ``mark`` (a message nothing could be made of says nothing)."""
        del self.notes[mark[1] :]

    def finish(self, prompt: list[Reply]) -> list[Reply]:
        """Everything said, then ``prompt`` (with the waiting notes on top of its first message)."""
        out = list(self.replies)
        if self.notes:
            if prompt:
                first = prompt[0]
                prompt = [replace(first, text="\n\n".join([*self.notes, first.text])), *prompt[1:]]
            else:
                prompt = [Reply("\n\n".join(self.notes))]
        return out + prompt
