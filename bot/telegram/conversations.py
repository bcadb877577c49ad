"""A chat's saved conversation, loaded for a turn and saved after it, with the call-back request's
phone number and note kept out of the conversation state.

The engine keeps every answer in the state, the phone number and note for the therapist included (the
call-back request is sent two or three steps after the number is typed, and its "Thank you" repeats
the number). The README promises those only in the leads table, so here the state holds a reference
(``@lead:<id>``) in their place: to the draft of the request while it is being filled in (a leads
row of its own, id -chat_id, never sent), then to the lead itself. The engine sees the real values
during a turn, and nothing else changes for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.content import Content
from bot.state import Conversation
from bot.store import Store

MARK = "@lead:"


@dataclass
class Loaded:
    """A conversation as the engine needs it, where its private answers came from, and when it was last saved."""

    conversation: Conversation
    updated_at: float | None
    keyboard: int | None = None  # the message carrying the chat's buttons, to close them
    origins: dict[str, tuple[str, Any]] = field(default_factory=dict)  # slot -> (reference, the value it stood for)


class Conversations:
    """Loads and saves conversations; the phone number and note go to the leads table. Its methods are
    the store's: called through ``Database`` from the event loop."""

    def __init__(self, content: Content, store: Store) -> None:
        self.store = store
        # slot -> leads column, for every step where a phone number or a note is typed
        self.private = {s.slot or s.name: s.input for s in content.flow.states.values() if s.input in ("phone", "note")}

    def load(self, chat_id: int) -> Loaded:
        saved, updated_at = self.store.load(chat_id)
        conv = Conversation.from_dict(saved)
        loaded = Loaded(conv, updated_at, self.store.keyboard(chat_id))
        for slot, column in self.private.items():
            value = conv.answers.get(slot)
            if not (isinstance(value, str) and value.startswith(MARK)):
                continue
            fields = self._fields(value)
            real = fields.get(column) if fields is not None else None
            if real:
                conv.answers[slot] = real
                loaded.origins[slot] = (value, real)
            else:  # the lead was deleted meanwhile
                conv.answers.pop(slot, None)
        return loaded

    def save(self, chat_id: int, loaded: Loaded, conv: Conversation, update_id: int | None, lead_id: int | None = None) -> None:
        """Save ``conv`` (the engine's new conversation, left as it is) for ``chat_id``; ``lead_id`` is the
        lead this turn stored, which its phone number and note now belong to."""
        state = conv.to_dict()
        answers = dict(state.get("answers", {}))
        draft: dict[str, str] = {}
        for slot, column in self.private.items():
            value = answers.get(slot)
            if not value:
                continue
            origin = loaded.origins.get(slot)
            if lead_id is not None:
                answers[slot] = f"{MARK}{lead_id}"
            elif origin is not None and origin[1] == value:
                answers[slot] = origin[0]
            else:
                draft[column] = str(value)
                answers[slot] = f"{MARK}{-abs(chat_id)}"
        if answers:
            state["answers"] = answers
        with self.store.transaction():
            if f"{MARK}{-abs(chat_id)}" in answers.values():
                taken_back = {column: "" for slot, column in self.private.items() if not answers.get(slot)}  # a note undone with Back
                self.store.save_draft(chat_id, {**taken_back, **draft})
            else:
                self.store.drop_draft(chat_id)  # sent as a lead, or abandoned (/restart)
            self.store.save(chat_id, state, update_id)

    def _fields(self, reference: str) -> dict[str, str] | None:
        try:
            return self.store.lead_fields(int(reference.removeprefix(MARK)))
        except ValueError:
            return None
