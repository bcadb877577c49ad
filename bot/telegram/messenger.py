"""Talking to Telegram for everyone else: replies sent with retries, a pressed question turned into
the next one in place, old keyboards closed, and "typing…" when an answer is slow."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import Application

from bot.engine import Reply
from bot.telegram import render
from bot.telegram.database import Database
from bot.telegram.transport import retry_safe

if TYPE_CHECKING:  # runtime.py builds the messenger, so it can only be imported for its types
    from bot.telegram.runtime import Background, ChatRateLimiter

log = logging.getLogger("nmt_bot.telegram")

SEND_RETRIES = 4  # further tries at one message Telegram did not take (no connection, 5xx)
FIRST_RETRY = 0.5  # seconds before the first of them, doubled before each next one: 7.5 s in all
TYPING_AFTER = 0.3  # seconds a reply may take before "typing…" is shown


class Messenger:
    """Sends for the handlers, the turn pipeline and the practice desk, through one application."""

    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any], db: Database, background: Background, limiter: ChatRateLimiter | None, retry_seconds: float = FIRST_RETRY
    ) -> None:
        self.application = application
        self.db = db
        self.background = background
        self.limiter = limiter
        self.pauses = tuple(retry_seconds * 2**i for i in range(SEND_RETRIES))
        self.unsent = False  # a reply could not be sent: pass them again once Telegram answers
        self.on_recovery: Callable[[], Coroutine[Any, Any, None]] | None = None

    def answered(self) -> None:
        """Telegram answered a call: replies left unsent while it failed go out now."""
        if self.unsent and self.on_recovery is not None:
            self.unsent = False
            self.background.spawn(self.on_recovery())

    @property
    def bot(self) -> Any:
        return self.application.bot

    @property
    def running(self) -> bool:
        """False once a shutdown has begun, so long jobs can leave the rest for the next start."""
        return self.application.running

    async def send(self, chat_id: int, replies: list[Reply], private: bool = True, thread: int | None = None) -> int | None:
        """Send replies in order (in a forum topic when ``thread`` is given); return the id of the last
        message with buttons (None: none, or not known). A person who blocked the bot is marked
        inactive, not retried. A message Telegram did not take is tried again (``retried``) and, failing
        that, raises: the caller leaves the turn pending. A message whose answer was lost is taken as
        sent (it may have arrived: never shown twice) and the next ones go on."""
        bot = self.bot
        keyboard_id = None
        for reply in replies:
            for text, markup in render.messages(reply):
                send = functools.partial(bot.send_message, chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup, message_thread_id=thread)
                try:
                    message = await retried(send, self.pauses)
                except Forbidden:
                    log.info("chat %s blocked the bot; marked inactive", chat_id)
                    if private:
                        await self.db(self.db.store.set_active, chat_id, False)
                    return None
                except BadRequest:
                    raise
                except NetworkError as exc:
                    if retry_safe(exc):
                        raise
                    log.warning("chat %s: Telegram's answer to a message was lost (%s); it may have arrived, so it is not sent again", chat_id, type(exc).__name__)
                    keyboard_id = None if isinstance(markup, InlineKeyboardMarkup) else keyboard_id
                    continue
                if isinstance(markup, InlineKeyboardMarkup):
                    keyboard_id = message.message_id
            if reply.venue:
                v = reply.venue
                try:
                    await bot.send_venue(chat_id, float(v["latitude"]), float(v["longitude"]), v["title"], v["address"])
                except TelegramError as exc:  # the address is in the text too
                    log.warning("chat %s: the map pin could not be sent (%s)", chat_id, type(exc).__name__)
        return keyboard_id

    async def edit_in_place(self, message: Message, header: str | None, replies: list[Reply]) -> int | None:
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
            await retried(
                functools.partial(self.bot.edit_message_text, text, chat_id=message.chat_id, message_id=message.message_id, parse_mode=ParseMode.HTML, reply_markup=markup),
                self.pauses,
                idempotent=True,
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.info("could not edit the pressed message: %s", type(exc).__name__)
                return None
        except TelegramError as exc:
            log.info("could not edit the pressed message: %s", type(exc).__name__)
            return None
        return message.message_id if markup is not None else 0

    async def close_keyboard(self, chat_id: int, message_id: int, html_text: str | None, label: str | None) -> None:
        """Take the buttons off an old message, keeping the chosen answer (``label``) visible under it."""
        try:
            if label and html_text and render.utf16_len(html_text) < render.LIMIT - 200:
                await self.bot.edit_message_text(render.answered(html_text, label), chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML, reply_markup=None)
            else:
                await self.bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id, reply_markup=None)
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.info("could not close an old keyboard: %s", type(exc).__name__)
        except TelegramError as exc:
            log.info("could not close an old keyboard: %s", type(exc).__name__)

    def typing(self, chat_id: int) -> asyncio.Task[None]:
        """Show "typing…" if the answer is not on its way within TYPING_AFTER seconds (cancel the task when it is).

        Most answers take milliseconds, and a typing action nobody sees would cost one request per update;
        nor is it sent when the wait is Telegram's overall rate limit, which it would have to queue behind."""

        async def typing() -> None:
            await asyncio.sleep(TYPING_AFTER)
            if self.limiter is not None and self.limiter.busy:
                return
            with contextlib.suppress(TelegramError):  # only a courtesy
                await self.bot.send_chat_action(chat_id, ChatAction.TYPING)

        return self.background.spawn(typing())


async def retried(call: Callable[[], Awaitable[Any]], pauses: tuple[float, ...], idempotent: bool = False) -> Any:
    """A Bot API call, tried again after each pause while Telegram did not take it (no connection, 5xx;
    429s are the rate limiter's to wait out). An ``idempotent`` call (an edit: the same edit twice shows
    once) is tried again after any network error; a message is not after a read timeout or a connection
    dropped once it was sent, as it may have arrived (Telegram has no idempotency keys)."""
    for pause in pauses:
        try:
            return await call()
        except BadRequest:  # a NetworkError too, but trying again cannot help
            raise
        except NetworkError as exc:
            if not (idempotent or retry_safe(exc)):
                raise
            log.warning("a Bot API call failed (%s); retrying in %.1f s", type(exc).__name__, pause)
            await asyncio.sleep(pause)
    return await call()
