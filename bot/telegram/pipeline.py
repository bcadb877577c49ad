"""One turn of a conversation on Telegram, from a handler's engine ``Event`` to the replies.

The saved state is loaded and handed to the engine with the event; the new state is saved (with the
update id, so a re-delivered update is skipped) *before* replying, and funnel events and call-back
requests are stored with it. Then the replies go out, a pressed question turning into the next one in
place where it can, and last the effects that reach beyond the chat (the outbox, the live chat).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from typing import Protocol, assert_never

from telegram import Message, Update
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot import buttons
from bot.effects import Effect, Forgotten, LeadRequested, Milestone, Recommended, Relayed, RelayEnded, StaleButton, Started
from bot.engine import Engine, Event, Reply
from bot.state import Conversation
from bot.telegram.conversations import Conversations, Loaded
from bot.telegram.database import Database
from bot.telegram.messenger import Messenger
from bot.telegram.practice import PracticeDesk
from bot.telegram.transport import retry_safe

log = logging.getLogger("nmt_bot.telegram")


class Pending(enum.Enum):
    PENDING = "pending"  # the reply did not go out: the turn stays pending, to be sent again


PENDING = Pending.PENDING


class ChatLocks(Protocol):
    """One chat's turns one at a time (the update processor's per-chat lock)."""

    def chat(self, chat_id: int, droppable: bool = False) -> AbstractAsyncContextManager[bool]: ...


class Pipeline:
    """The one path every conversation update takes, sharing one engine and one store."""

    def __init__(self, engine: Engine, db: Database, conversations: Conversations, messenger: Messenger, desk: PracticeDesk, chats: ChatLocks) -> None:
        self.engine = engine
        self.db = db
        self.store = db.store
        self.conversations = conversations
        self.messenger = messenger
        self.desk = desk
        self.chats = chats
        self._resending = asyncio.Lock()
        self._again = False  # a pass was asked for while one was under way

    async def handle(self, update: Update, event: Event) -> None:
        """Run one event through the engine for the update's chat: save, record, reply, then act."""
        chat = update.effective_chat
        if chat is None:
            return
        typing = self.messenger.typing(chat.id)
        loaded = await self.db(self.conversations.load, chat.id)
        before = loaded.conversation
        asked = self.engine.step(before)
        questionnaire = asked is not None and asked.in_place
        idle = time.time() - loaded.updated_at if loaded.updated_at is not None else 0.0
        result = self.engine.handle(before, replace(event, idle=idle))
        conv, replies, effects = result.conversation, result.replies, result.effects
        forget = any(isinstance(e, Forgotten) for e in effects)
        if forget:
            await self.db(self._forget, chat.id, update.update_id)
        else:
            await self.db(self._save, chat.id, loaded, conv, effects, update)
        try:
            sent: int | Pending | None = await self._reply(update, event, replies, result.stale, loaded.keyboard, questionnaire)
        except BadRequest:
            raise  # a reply Telegram refuses: the error handler says sorry
        except (NetworkError, RetryAfter) as exc:
            sent = self._not_sent(chat.id, exc)
        finally:
            typing.cancel()
        if not forget and not isinstance(sent, Pending):
            await self.db(self.store.set_keyboard, chat.id, sent)
        await self._act(chat.id, effects, update)

    def _save(self, chat_id: int, loaded: Loaded, conv: Conversation, effects: list[Effect], update: Update) -> None:
        """The state, the update id, funnel events and the lead in one transaction, before any reply: a
        crash leaves either all of them (the reply is sent at the next start) or none (Telegram sends
        the update again)."""
        with self.store.transaction():
            lead_id = self._record(chat_id, conv, effects, update)
            self.conversations.save(chat_id, loaded, conv, update.update_id, lead_id)

    def _forget(self, chat_id: int, update_id: int) -> None:
        self.store.forget(chat_id)
        self.store.mark(update_id)

    async def resend(self) -> None:
        """Replies that were saved but never sent (the process was killed in between, or Telegram failed
        every try): each such chat hears where it was ("Sorry, I was interrupted…" and the question).
        Run at start-up, and as soon as Telegram answers again after a failure. Telegram will not send
        those updates again, so this is the only way the person gets an answer."""
        if self._resending.locked():
            self._again = True  # the pass under way may have gone past a chat that failed since
            return
        async with self._resending:
            self._again = True
            while self._again:
                self._again = False
                if not await self._resend_pass():
                    return  # Telegram still fails: the next pass comes when it answers again

    async def _resend_pass(self) -> bool:
        """One pass over the chats with a pending reply; False when Telegram failed again."""
        for chat_id in await self.db(self.store.unanswered):
            async with self.chats.chat(chat_id):  # after any turn of the chat under way
                if not await self.db(self.store.unanswered, chat_id):
                    continue  # a later turn answered meanwhile
                loaded = await self.db(self.conversations.load, chat_id)
                replies = self.engine.handle(loaded.conversation, Event("resume")).replies
                try:
                    sent: int | Pending | None = await self.messenger.send(chat_id, replies)
                except BadRequest as exc:
                    log.warning("chat %s: the reply could not be sent again (%s)", chat_id, type(exc).__name__)
                    sent = None
                except (NetworkError, RetryAfter) as exc:
                    sent = self._not_sent(chat_id, exc)
                if isinstance(sent, Pending):
                    return False
                await self.db(self.store.set_keyboard, chat_id, sent)
                log.info("chat %s: a reply that had not gone out was sent again", chat_id)
        return True

    def _not_sent(self, chat_id: int, exc: NetworkError | RetryAfter) -> int | Pending | None:
        """After a reply failed: PENDING (the turn stays pending, sent again once Telegram answers) when
        Telegram did not take it; else None, the turn answered: a read timeout or a connection dropped
        after sending (an edit's: a message's are handled by the messenger) may hide one that arrived,
        and Telegram has no way to tell."""
        if retry_safe(exc):
            log.warning("chat %s: the reply could not be sent (%s); it is sent as soon as Telegram answers again", chat_id, type(exc).__name__)
            self.messenger.unsent = True
            return PENDING
        log.warning("chat %s: Telegram's answer was lost (%s); the reply may have arrived, so it is not sent again", chat_id, type(exc).__name__)
        return None

    def _record(self, chat_id: int, conv: Conversation, effects: list[Effect], update: Update) -> int | None:
        """Funnel events and call-back requests, stored before any reply goes out; the lead's id, if one was stored."""
        lead_id = None
        for effect in effects:
            match effect:
                case Started(source=source):
                    self.store.event(chat_id, source, "start")
                case Milestone(kind=kind):
                    self.store.event(chat_id, conv.source, kind)
                case Recommended(level=level):
                    self.store.event(chat_id, conv.source, "recommendation", level)
                case LeadRequested():
                    lead_id = self.desk.store_lead(chat_id, effect, update)
                case Forgotten() | Relayed() | RelayEnded() | StaleButton():
                    pass  # acted on after the replies
                case _:
                    assert_never(effect)
        return lead_id

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
