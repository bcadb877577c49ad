"""The handlers: each narrows what Telegram sent and turns a person's message or press into one
engine ``Event`` for the pipeline; ``register`` puts them in the order they are tried."""

from __future__ import annotations

import contextlib
import logging
import traceback
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.commands import MENU
from bot.engine import Engine, Event, Reply
from bot.settings import Settings
from bot.telegram.database import Database
from bot.telegram.messenger import Messenger
from bot.telegram.pipeline import Pipeline
from bot.telegram.practice import PracticeDesk

log = logging.getLogger("nmt_bot.telegram")


class Handlers:
    """What each kind of update gets, for one application."""

    def __init__(self, engine: Engine, db: Database, settings: Settings, pipeline: Pipeline, messenger: Messenger, desk: PracticeDesk) -> None:
        self.db = db
        self.store = db.store
        self.settings = settings
        self.msg = engine.content.msg
        self.pipeline = pipeline
        self.messenger = messenger
        self.desk = desk

    async def skip_seen(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stops an update Telegram delivered twice (same update_id) before any handler sees it."""
        if await self.db(self.store.seen, update.update_id):
            log.info("update %s already handled; skipped", update.update_id)
            raise ApplicationHandlerStop

    async def on_my_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Marks a person who blocked the bot as inactive (and active again when they return)."""
        member = update.my_chat_member
        if member is None or member.chat.type != ChatType.PRIVATE:
            return
        status = member.new_chat_member.status
        await self.db(self.store.set_active, member.chat.id, status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT))
        await self.db(self.store.mark, update.update_id)

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers a group or supergroup with a pointer to the private chat, nothing more."""
        message = update.effective_message
        if message is None:
            return
        await self.db(self.store.mark, update.update_id)
        pointer = [Reply(self.msg("group_pointer", bot_username=context.bot.username or ""))]
        await self.messenger.send(message.chat_id, pointer, private=False, thread=message.message_thread_id if message.is_topic_message else None)

    async def on_ignored(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Marks as handled what is not for us: edits, channel posts, business chats, chat events."""
        await self.db(self.store.mark, update.update_id)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Acknowledges a button at once, keeps the chosen answer visible, then moves the conversation on."""
        query = update.callback_query
        if query is None:
            return
        with contextlib.suppress(TelegramError):  # "query is too old" after downtime: the press still counts
            await query.answer()
        if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
            return
        await self.pipeline.handle(update, Event.button(query.data or "", name=first_name(update)))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Handles the menu commands, /start with its deep-link payload among them."""
        message = update.effective_message
        if message is None or not message.text:
            return
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        await self.pipeline.handle(update, Event.command(name, " ".join(context.args or []), name=first_name(update)))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Typed text at any step (unknown /commands included: the engine answers them)."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self.pipeline.handle(update, Event.text(message.text, name=first_name(update)))

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared contact is read as the phone number it carries."""
        message = update.effective_message
        if message is None or message.contact is None:
            return
        await self.pipeline.handle(update, Event.text(message.contact.phone_number, name=first_name(update)))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice notes, files, locations: passed on in a live chat with the therapist;
        else say what the bot reads, then the question again."""
        if await self.desk.relay_media(update):
            return
        await self.pipeline.handle(update, Event("media", name=first_name(update)))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Logs a failure without any message text, and tells the person something went wrong."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update %s failed: %s\n%s", update_id, type(error).__name__, frames)
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is not None and chat.type == ChatType.PRIVATE:
            with contextlib.suppress(TelegramError):  # Telegram failing is often what went wrong
                await self.messenger.send(chat.id, [Reply(self.msg("error"))])

    def register(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """All handlers in one ordered list. Order matters: the first matching handler of a group wins."""
        # Group -1 runs first for every update: a re-delivered update goes no further.
        app.add_handler(TypeHandler(Update, self.skip_seen), group=-1)
        # A person's new messages in a private chat (not the messages of a business account the bot
        # might be connected to, nor edits: those are not answers).
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        # The practice chat first: the therapist's replies to relayed messages go back to the person
        # (new messages only: an edited reply was already passed on).
        if self.settings.practice_chat_id is not None:
            practice = filters.Chat(chat_id=self.settings.practice_chat_id) & filters.UpdateType.MESSAGE
            app.add_handler(MessageHandler(practice & filters.REPLY & (filters.TEXT | filters.ATTACHMENT), self.desk.on_practice_message))
            # The practice's own group talks among itself: no pointer to the private chat there.
            app.add_handler(MessageHandler(filters.Chat(chat_id=self.settings.practice_chat_id) & filters.ChatType.GROUPS, self.on_ignored))
        # Admin commands, only for ADMIN_IDS and only in their private chat with the bot: the answers
        # hold phone numbers, which a group's other members must not see. Anyone else, and an admin in
        # a group, falls through to what anyone would get; an edited command is not run again.
        if self.settings.admin_ids:
            admins = filters.User(user_id=list(self.settings.admin_ids)) & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
            app.add_handler(CommandHandler("stats", self.desk.on_stats, filters=admins))
            app.add_handler(CommandHandler("leads", self.desk.on_leads, filters=admins))
            app.add_handler(CommandHandler("export", self.desk.on_export, filters=admins))
            app.add_handler(CommandHandler("deletelead", self.desk.on_delete_lead, filters=admins))
        # Not conversation messages: membership changes, edits, channel posts, groups.
        app.add_handler(ChatMemberHandler(self.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
        not_for_us = (
            filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS | filters.UpdateType.BUSINESS_MESSAGES
            | filters.StatusUpdate.ALL | filters.SUCCESSFUL_PAYMENT | filters.PASSPORT_DATA | filters.BOOST_ADDED
            | filters.GIVEAWAY_WINNERS
        )  # fmt: skip
        app.add_handler(MessageHandler(not_for_us, self.on_ignored))
        app.add_handler(MessageHandler(filters.ChatType.GROUPS, self.on_group))
        # The conversation: buttons, menu commands, then text, contacts, and everything else last.
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(CommandHandler(list(MENU), self.on_command, filters=private))  # /end comes as text: typed, it reaches the engine
        app.add_handler(MessageHandler(private & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(private & filters.CONTACT, self.on_contact))
        app.add_handler(MessageHandler(private, self.on_other))
        # Anything else (inline queries, polls, payments, reactions, boosts…) has no handler: nothing is sent.
        app.add_error_handler(self.on_error)


def first_name(update: Update) -> str:
    """The sender's first name, for the engine to greet them by ("" when Telegram gives none)."""
    user = update.effective_user
    return user.first_name if user is not None and user.first_name else ""
