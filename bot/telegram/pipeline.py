"""One turn of a conversation on Telegram, from a handler's engine ``Event`` to the replies.

The saved state is loaded and handed to the engine with the event; the new state is saved (with the
update id, so a re-delivered update is skipped) *before* replying, and funnel events and call-back
requests are stored with it. Then the replies go out, a pressed question turning into the next one in
place where it can, and last the effects that reach beyond the chat (the outbox, the live chat).
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import replace
from typing import assert_never

from telegram import Message, Update
from telegram.error import TelegramError

from bot import buttons
from bot.effects import Effect, Forgotten, LeadRequested, Milestone, Recommended, Relayed, RelayEnded, StaleButton, Started
from bot.engine import Engine, Event, Reply
from bot.state import Conversation
from bot.store import Store
from bot.telegram.messenger import Messenger
from bot.telegram.practice import PracticeDesk

log = logging.getLogger("nmt_bot.telegram")


class Pipeline:
    """The one path every conversation update takes, sharing one engine and one store."""

    def __init__(self, engine: Engine, store: Store, messenger: Messenger, desk: PracticeDesk) -> None:
        self.engine = engine
        self.store = store
        self.messenger = messenger
        self.desk = desk

    async def handle(self, update: Update, event: Event) -> None:
        """Run one event through the engine for the update's chat: save, record, reply, then act."""
        chat = update.effective_chat
        if chat is None:
            return
        typing = self.messenger.typing(chat.id)
        saved, updated_at = self.store.load(chat.id)
        keyboard_id = self.store.keyboard(chat.id)
        before = Conversation.from_dict(saved)
        asked = self.engine.step(before)
        questionnaire = asked is not None and asked.in_place
        idle = time.time() - updated_at if updated_at is not None else 0.0
        result = self.engine.handle(before, replace(event, idle=idle))
        conv, replies, effects = result.conversation, result.replies, result.effects
        forget = any(isinstance(e, Forgotten) for e in effects)
        if forget:
            self.store.forget(chat.id)
            self.store.mark(update.update_id)
        else:
            self.store.save(chat.id, conv.to_dict(), update.update_id)
            self._record(chat.id, conv, effects, update)  # funnel events and leads, before any reply
        sent = await self._reply(update, event, replies, result.stale, keyboard_id, questionnaire)
        typing.cancel()
        if not forget:
            self.store.set_keyboard(chat.id, sent)
        await self._act(chat.id, effects, update)

    async def resume_unanswered(self) -> None:
        """At start-up: a chat whose last answer was stored but whose reply was cut short by a killed
        process hears where it was (Telegram will not send that update again)."""
        for chat_id in self.store.unanswered():
            saved, _ = self.store.load(chat_id)
            replies = self.engine.handle(Conversation.from_dict(saved), Event("resume")).replies
            if replies:
                with contextlib.suppress(TelegramError):
                    self.store.set_keyboard(chat_id, await self.messenger.send(chat_id, replies))
                    log.info("chat %s: a reply cut short by a restart was sent again", chat_id)

    def _record(self, chat_id: int, conv: Conversation, effects: list[Effect], update: Update) -> None:
        """Funnel events and call-back requests, stored before any reply goes out."""
        for effect in effects:
            match effect:
                case Started(source=source):
                    self.store.event(chat_id, source, "start")
                case Milestone(kind=kind):
                    self.store.event(chat_id, conv.source, kind)
                case Recommended(level=level):
                    self.store.event(chat_id, conv.source, "recommendation", level)
                case LeadRequested():
                    self.desk.store_lead(chat_id, effect, update)
                case Forgotten() | Relayed() | RelayEnded() | StaleButton():
                    pass  # acted on after the replies
                case _:
                    assert_never(effect)

    async def _act(self, chat_id: int, effects: list[Effect], update: Update) -> None:
        """The effects that reach beyond the chat, once the person has the replies."""
        for effect in effects:
            match effect:
                case LeadRequested():
                    await self.desk.deliver()
                case Relayed():
                    await self.desk.relay_out(chat_id, update, effect)
                case RelayEnded():
                    await self.desk.relay_closed(chat_id, update)
                case Started() | Forgotten() | Milestone() | Recommended() | StaleButton():
                    pass  # recorded before the replies, or nothing to do
                case _:
                    assert_never(effect)

    async def _reply(self, update: Update, event: Event, replies: list[Reply], stale: bool, keyboard_id: int | None, questionnaire: bool) -> int | None:
        """Send the replies; return the id of the message now carrying the chat's keyboard (None: no keyboard).

        A pressed question of the questionnaire turns into the next one in place: its message shows
        "✓ answer" and the next question with its buttons (one edit; the chat stays short). Otherwise
        (the recommendation and its summary stay as they are, replies of several messages), the pressed
        keyboard is closed with the answer kept visible and the replies are sent. Old keyboards must not
        be pressed again: a pressed keyboard is always closed or replaced, and a typed answer closes the
        last keyboard shown."""
        chat_id = update.effective_chat.id if update.effective_chat is not None else 0
        query = update.callback_query
        pressed = query.message if query is not None else None
        kind = buttons.parse(event.value).kind if event.kind == "button" else None
        if isinstance(pressed, Message) and pressed.reply_markup is not None and kind != "faq":  # the FAQ list stays usable
            label = None if stale else next((b.text for row in pressed.reply_markup.inline_keyboard for b in row if b.callback_data == event.value), None)
            if label is not None and questionnaire and pressed.message_id == keyboard_id:
                header = None if kind in ("back", "continue") else label
                edited = await self.messenger.edit_in_place(pressed, header, replies)
                if edited is not None:
                    return edited or None
            await self.messenger.close_keyboard(pressed.chat_id, pressed.message_id, pressed.text_html if pressed.text else None, label)
        elif keyboard_id is not None and query is None:
            await self.messenger.close_keyboard(chat_id, keyboard_id, None, None)
        return await self.messenger.send(chat_id, replies)
