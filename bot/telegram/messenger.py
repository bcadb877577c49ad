"""Talking to Telegram for everyone else: replies sent with retries, a pressed question turned into
the next one in place, old keyboards closed, and "typing…" when an answer is slow."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import Application

from bot.engine import Reply
from bot.store import Store
from bot.telegram import render

if TYPE_CHECKING:  # runtime.py builds the messenger, so it can only be imported for its types
    from bot.telegram.runtime import Background, ChatRateLimiter

log = logging.getLogger("nmt_bot.telegram")

SEND_RETRIES = (0.5, 1.0, 2.0, 4.0)  # pauses between attempts at one message after a network error or 5xx
TYPING_AFTER = 0.3  # seconds a reply may take before "typing…" is shown


class Messenger:
    """Sends for the handlers, the turn pipeline and the practice desk, through one application."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], store: Store, background: Background, limiter: ChatRateLimiter | None) -> None:
        self.application = application
        self.store = store
        self.background = background
        self.limiter = limiter

    @property
    def bot(self) -> Any:
        return self.application.bot

    @property
    def running(self) -> bool:
        """False once a shutdown has begun, so long jobs can leave the rest for the next start."""
        return self.application.running

    async def send(self, chat_id: int, replies: list[Reply], private: bool = True, thread: int | None = None) -> int | None:
        """Send replies in order (in a forum topic when ``thread`` is given); return the id of the last
        message with buttons. A person who blocked the bot is marked inactive, not retried."""
        bot = self.bot
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
                functools.partial(self.bot.edit_message_text, text, chat_id=message.chat_id, message_id=message.message_id, parse_mode=ParseMode.HTML, reply_markup=markup)
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
