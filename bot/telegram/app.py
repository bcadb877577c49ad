"""python-telegram-bot wiring: handlers, per-chat ordering, persistence, start-up and shutdown.

Each handler narrows what Telegram sent, turns it into one engine ``Event``,
saves the new state (with the update id, so a re-delivered update is skipped)
*before* replying, and then sends the replies.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, assert_never

from aiolimiter import AsyncLimiter
from telegram import BotCommand, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import buttons
from bot.effects import Effect, Forgotten, LeadRequested, Milestone, Recommended, Relayed, RelayEnded, StaleButton, Started
from bot.engine import Engine, Event, Reply
from bot.settings import Settings
from bot.state import Conversation
from bot.store import Store
from bot.telegram import render
from bot.telegram.botapi import TriageBot
from bot.telegram.practice import PracticeDesk
from bot.telegram.transport import AiohttpRequest

log = logging.getLogger("nmt_bot.telegram")

COMMANDS = ("start", "help", "faq", "book", "restart", "privacy", "forget")
SEND_RETRIES = (0.5, 1.0, 2.0, 4.0)  # pauses between attempts at one message after a network error or 5xx
TYPING_AFTER = 0.3  # seconds a reply may take before "typing…" is shown


class PerChatProcessor(BaseUpdateProcessor):
    """Updates of one chat in order, different chats in parallel."""

    # A chat's waiting updates hold a slot while they wait for its lock (the library takes the slot
    # first), so the limit is far above what one chat can queue from a getUpdates batch of 100.
    def __init__(self, max_concurrent_updates: int = 4096) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Runs the handlers once the chat's earlier updates are done."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        try:
            async with lock:
                await coroutine
        finally:
            if not lock.locked() and not lock._waiters:  # drop idle locks: memory stays flat
                self._locks.pop(chat.id, None)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


class ChatRateLimiter(AIORateLimiter):
    """AIORateLimiter (30 messages/s overall, 20/min per group, 429s retried) plus a per-chat pace
    for private chats, which it leaves alone: bursts of a few messages, about one a second sustained."""

    BURST = 3  # messages a private chat may get at once (a reply is 1-3 messages)
    BURST_SECONDS = 3.0  # the time a chat's burst takes to refill: about one message a second sustained

    QUEUE_BUSY = 15  # requests waiting on the overall limit: half a second's worth at 30/s

    def __init__(self, max_retries: int = 5, burst: int = BURST, burst_seconds: float = BURST_SECONDS, messages_per_second: float = 30) -> None:
        super().__init__(overall_max_rate=messages_per_second, max_retries=max_retries)
        self.burst, self.burst_seconds = burst, burst_seconds
        self._chat_limiters: dict[int, AsyncLimiter] = {}
        self.queued = 0  # requests waiting on (or passing) the overall limit right now

    @property
    def busy(self) -> bool:
        """True when a new request would wait behind the overall limit: a "typing…" would then go out
        about when the answer does, one more request in the queue for nobody."""
        return self.queued >= self.QUEUE_BUSY

    async def process_request(self, callback: Any, args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any], rate_limit_args: int | None) -> Any:
        chat_id = data.get("chat_id")
        if isinstance(chat_id, int) and chat_id > 0 and endpoint.startswith("send") and endpoint != "sendChatAction":
            if len(self._chat_limiters) > 1000:  # forget chats whose bucket has drained
                for key in [k for k, lim in self._chat_limiters.items() if lim.has_capacity(self.burst)]:
                    del self._chat_limiters[key]
            limiter = self._chat_limiters.setdefault(chat_id, AsyncLimiter(self.burst, self.burst_seconds))
            async with limiter:
                return await self._overall(callback, args, kwargs, endpoint, data, rate_limit_args)
        return await self._overall(callback, args, kwargs, endpoint, data, rate_limit_args)

    async def _overall(self, *request: Any) -> Any:
        self.queued += 1
        try:
            return await super().process_request(*request)
        finally:
            self.queued -= 1


class TelegramBot:
    """The handlers, sharing one engine and one store."""

    def __init__(self, engine: Engine, store: Store, settings: Settings) -> None:
        self.engine = engine
        self.store = store
        self.settings = settings
        self.msg = engine.content.msg
        self._background: set[asyncio.Task[Any]] = set()
        self.desk = PracticeDesk(engine, store, settings, lambda: self._bot, self._safe_send)

    # ------------------------------------------------------------------ handlers

    async def skip_seen(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stops an update Telegram delivered twice (same update_id) before any handler sees it."""
        if self.store.seen(update.update_id):
            log.info("update %s already handled; skipped", update.update_id)
            raise ApplicationHandlerStop

    async def on_my_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Marks a person who blocked the bot as inactive (and active again when they return)."""
        member = update.my_chat_member
        if member is None or member.chat.type != ChatType.PRIVATE:
            return
        status = member.new_chat_member.status
        self.store.set_active(member.chat.id, status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT))
        self.store.mark(update.update_id)

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers a group or supergroup with a pointer to the private chat, nothing more."""
        message = update.effective_message
        if message is None:
            return
        self.store.mark(update.update_id)
        pointer = [Reply(self.msg("group_pointer", bot_username=context.bot.username or ""))]
        await self._safe_send(message.chat_id, pointer, private=False, thread=message.message_thread_id if message.is_topic_message else None)

    async def on_ignored(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Edited messages are not new answers; channel posts, a business account's chats and chat
        events (a pinned message, a new member, a payment…) are not for us."""
        self.store.mark(update.update_id)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Acknowledges a button at once, keeps the chosen answer visible, then moves the conversation on."""
        query = update.callback_query
        if query is None:
            return
        with contextlib.suppress(TelegramError):  # "query is too old" after downtime: the press still counts
            await query.answer()
        if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
            return
        await self._handle(update, Event.button(query.data or "", name=self._first_name(update)))

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Handles the menu commands, /start with its deep-link payload among them."""
        message = update.effective_message
        if message is None or not message.text:
            return
        name = message.text.split()[0].lstrip("/").split("@")[0].lower()
        await self._handle(update, Event.command(name, " ".join(context.args or []), name=self._first_name(update)))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Typed text at any step (unknown /commands included: the engine answers them)."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self._handle(update, Event.text(message.text, name=self._first_name(update)))

    async def on_contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared contact is read as the phone number it carries."""
        message = update.effective_message
        if message is None or message.contact is None:
            return
        await self._handle(update, Event.text(message.contact.phone_number, name=self._first_name(update)))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice notes, files, locations: say what the bot reads, then the question again."""
        await self._handle(update, Event("media", name=self._first_name(update)))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Logs a failure without any message text, and tells the person something went wrong."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        frames = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        log.error("update %s failed: %s\n%s", update_id, type(error).__name__, frames)
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is not None and chat.type == ChatType.PRIVATE:
            await self._safe_send(chat.id, [Reply(self.msg("error"))])

    # ------------------------------------------------------------------ the one path

    async def _handle(self, update: Update, event: Event) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        typing = self._typing(chat.id)
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
        for effect in effects:
            match effect:
                case LeadRequested():
                    await self.desk.deliver()
                case Relayed():
                    await self.desk.relay_out(chat.id, update, effect)
                case RelayEnded():
                    await self.desk.relay_closed(chat.id, update)
                case Started() | Forgotten() | Milestone() | Recommended() | StaleButton():
                    pass  # recorded before the replies, or nothing to do
                case _:
                    assert_never(effect)

    async def resume_unanswered(self) -> None:
        """At start-up: a chat whose last answer was stored but whose reply was cut short by a killed
        process hears where it was (Telegram will not send that update again)."""
        for chat_id in self.store.unanswered():
            saved, _ = self.store.load(chat_id)
            replies = self.engine.handle(Conversation.from_dict(saved), Event("resume")).replies
            if replies:
                with contextlib.suppress(TelegramError):
                    self.store.set_keyboard(chat_id, await self._safe_send(chat_id, replies))
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
                edited = await self._edit_in_place(pressed, header, replies)
                if edited is not None:
                    return edited or None
            await self._close_keyboard(pressed.chat_id, pressed.message_id, pressed.text_html if pressed.text else None, label)
        elif keyboard_id is not None and query is None:
            await self._close_keyboard(chat_id, keyboard_id, None, None)
        return await self._safe_send(chat_id, replies)

    async def _edit_in_place(self, message: Message, header: str | None, replies: list[Reply]) -> int | None:
        """Show ``replies`` in the pressed message; the new keyboard's message id, 0 when it has none,
        None when the replies need messages of their own."""
        if len(replies) != 1 or replies[0].venue or replies[0].request_contact:
            return None
        parts = render.messages(replies[0])
        if len(parts) != 1:
            return None
        text, markup = parts[0]
        if header is not None:
            text = render.answered_header(header) + text
        if render.utf16_len(text) > render.LIMIT or not (markup is None or isinstance(markup, InlineKeyboardMarkup)):
            return None
        try:
            await retried(lambda: self._bot.edit_message_text(text, chat_id=message.chat_id, message_id=message.message_id, parse_mode=ParseMode.HTML, reply_markup=markup))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.info("could not edit the pressed message: %s", type(exc).__name__)
                return None
        except TelegramError as exc:
            log.info("could not edit the pressed message: %s", type(exc).__name__)
            return None
        return message.message_id if markup is not None else 0

    # ------------------------------------------------------------------ sending

    async def _safe_send(self, chat_id: int, replies: list[Reply], private: bool = True, thread: int | None = None) -> int | None:
        """Send replies in order (in a forum topic when ``thread`` is given); return the id of the last
        message with buttons. A person who blocked the bot is marked inactive, not retried."""
        bot = self._bot
        keyboard_id = None
        for reply in replies:
            for text, markup in render.messages(reply):
                try:
                    message = await retried(functools.partial(bot.send_message, chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, message_thread_id=thread))
                except Forbidden:
                    log.info("chat %s blocked the bot; marked inactive", chat_id)
                    if private:
                        self.store.set_active(chat_id, False)
                    return None
                if isinstance(markup, InlineKeyboardMarkup):
                    keyboard_id = message.message_id
            if reply.venue:
                v = reply.venue
                await bot.send_venue(chat_id, float(v["latitude"]), float(v["longitude"]), v["title"], v["address"])
        return keyboard_id

    async def _close_keyboard(self, chat_id: int, message_id: int, html_text: str | None, label: str | None) -> None:
        try:
            if label and html_text and render.utf16_len(html_text) < render.LIMIT - 200:
                await self._bot.edit_message_text(render.answered(html_text, label), chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML, reply_markup=None)
            else:
                await self._bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.info("could not close an old keyboard: %s", type(exc).__name__)
        except TelegramError as exc:
            log.info("could not close an old keyboard: %s", type(exc).__name__)

    async def purge(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes conversations and funnel events older than the retention period (leads stay)."""
        days = retention_days(self.engine)
        removed = self.store.purge(days)
        log.info("retention: removed %d conversations idle for over %d days", removed, days)

    def _typing(self, chat_id: int) -> asyncio.Task[Any]:
        """Show "typing…" if the answer is not on its way within TYPING_AFTER seconds (cancel the task when it is).

        Most answers take milliseconds, and a typing action nobody sees would cost one request per update;
        nor is it sent when the wait is Telegram's overall rate limit, which it would have to queue behind."""

        async def typing() -> None:
            await asyncio.sleep(TYPING_AFTER)
            limiter = getattr(self._bot, "rate_limiter", None)
            if isinstance(limiter, ChatRateLimiter) and limiter.busy:
                return
            with contextlib.suppress(TelegramError):  # only a courtesy
                await self._bot.send_chat_action(chat_id, ChatAction.TYPING)

        return self.spawn(typing())

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """A background task, kept until done and cancelled at shutdown."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    @staticmethod
    def _first_name(update: Update) -> str:
        user = update.effective_user
        return user.first_name if user is not None and user.first_name else ""

    @property
    def _bot(self) -> Any:
        return self.application.bot

    application: Application[Any, Any, Any, Any, Any, Any]

    # ------------------------------------------------------------------ registration

    def register(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """All handlers in one ordered list. Order matters: the first matching handler of a group wins."""
        self.application = app
        self.desk.running = lambda: app.running
        # Group -1 runs first for every update: a re-delivered update goes no further.
        app.add_handler(TypeHandler(Update, self.skip_seen), group=-1)
        # A person's new messages in a private chat (not the messages of a business account the bot
        # might be connected to, nor edits: those are not answers).
        private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
        # The practice chat first: the therapist's replies to relayed messages go back to the person.
        if self.settings.practice_chat_id is not None:
            practice = filters.Chat(chat_id=self.settings.practice_chat_id)
            app.add_handler(MessageHandler(practice & filters.REPLY & filters.TEXT, self.desk.on_practice_message))
        # Admin commands, only for ADMIN_IDS (anyone else falls through to "unknown command").
        if self.settings.admin_ids:
            admins = filters.User(user_id=list(self.settings.admin_ids))
            app.add_handler(CommandHandler("stats", self.desk.on_stats, filters=admins))
            app.add_handler(CommandHandler("leads", self.desk.on_leads, filters=admins))
            app.add_handler(CommandHandler("export", self.desk.on_export, filters=admins))
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
        app.add_handler(CommandHandler(list(COMMANDS), self.on_command, filters=private))
        app.add_handler(MessageHandler(private & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(private & filters.CONTACT, self.on_contact))
        app.add_handler(MessageHandler(private, self.on_other))
        # Anything else (inline queries, polls, payments, reactions, boosts…) has no handler: nothing is sent.
        app.add_error_handler(self.on_error)


async def retried(call: Callable[[], Awaitable[Any]]) -> Any:
    """A Bot API call, tried again after a network error or 5xx (429s are the rate limiter's to wait out)."""
    for pause in SEND_RETRIES:
        try:
            return await call()
        except BadRequest:  # a NetworkError too, but trying again cannot help
            raise
        except NetworkError as exc:  # 5xx, timeouts, dropped connections
            log.warning("a Bot API call failed (%s); retrying in %.1f s", type(exc).__name__, pause)
            await asyncio.sleep(pause)
    return await call()


def retention_days(engine: Engine) -> int:
    """practice.yaml's retention_days (default 90)."""
    text = engine.content.practice.get("retention_days", "") or "90"
    return int(text) if text.isdigit() else 90


def build_application(engine: Engine, store: Store, settings: Settings) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured Application: rate limiter, per-chat ordering, handlers, commands menu."""
    tbot = TelegramBot(engine, store, settings)

    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await app.bot.set_my_commands([BotCommand(c, engine.content.msg(f"menu_{c}")) for c in COMMANDS])
        jobs = app.job_queue
        if jobs is not None:
            jobs.run_repeating(tbot.purge, interval=24 * 3600, first=0)  # at start-up, then daily
            jobs.run_repeating(tbot.desk.tick, interval=settings.outbox_seconds, first=1)  # the outbox of leads
        tbot.spawn(tbot.resume_unanswered())  # alongside polling, not before it
        log.info("bot @%s ready", app.bot.username)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        for task in list(tbot._background):
            task.cancel()

    base = settings.api_base_url.rstrip("/") if settings.api_base_url else "https://api.telegram.org/bot"
    bot = TriageBot(
        settings.require_token(),
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connections=1),
        rate_limiter=ChatRateLimiter(max_retries=5, burst=settings.chat_burst, burst_seconds=settings.chat_burst_seconds, messages_per_second=settings.messages_per_second),
    )
    app = Application.builder().bot(bot).concurrent_updates(PerChatProcessor()).post_init(post_init).post_shutdown(post_shutdown).build()
    tbot.register(app)
    return app


def fetch_username(settings: Settings) -> str:
    """The bot's username, asked from Telegram (getMe) with the token."""
    from telegram import Bot

    async def ask() -> str:
        base = settings.api_base_url.rstrip("/") if settings.api_base_url else "https://api.telegram.org/bot"
        async with Bot(settings.require_token(), base_url=base, request=AiohttpRequest(connections=1)) as bot:
            return str(bot.username)

    return asyncio.run(ask())


def run(engine: Engine, store: Store, settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: long polling, or a webhook when WEBHOOK_URL is set."""
    app = build_application(engine, store, settings)
    if settings.webhook_url:
        from bot.telegram import webhook

        webhook.run(app, settings)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
