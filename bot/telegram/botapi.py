"""The Bot API client: python-telegram-bot's ExtBot, made to survive an update it cannot read.

Telegram adds fields and kinds of update over time, and python-telegram-bot checks some of them
strictly. One update it cannot read would otherwise fail the whole getUpdates batch, again and again
(the batch is never confirmed), and no one's message would be answered any more; the library would
also log the batch as it came, with what people wrote. Here the batch is read update by update: an
unreadable one is logged by number and kind only, a message is kept as "someone sent something"
(so the person is told what the bot reads), and every one is confirmed, so polling goes on.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.ext import ExtBot

log = logging.getLogger("bot.telegram")


class TriageBot(ExtBot[int]):
    """ExtBot whose getUpdates skips (and confirms) the updates it cannot read, and which says when
    Telegram answers a call (``on_answer``: replies left unsent while it failed can go out then)."""

    _raw_updates: list[dict[str, Any]] | None = None
    _on_answer: Callable[[], None] | None = None  # underscored: the library freezes a bot's public attributes

    def on_answer(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after every call Telegram answers."""
        self._on_answer = callback

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if self._on_answer is not None:
            self._on_answer()
        if endpoint == "getUpdates" and isinstance(result, list):
            self._raw_updates = result  # kept for get_updates, should reading the batch fail
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        self._raw_updates = None
        try:
            return await super().get_updates(*args, **kwargs)
        except Exception:
            raw = self._raw_updates
            if not raw:
                raise  # the request failed (network, Telegram): the library retries it
            return tuple(self.read(item) for item in raw)
        finally:
            self._raw_updates = None

    def read(self, item: dict[str, Any]) -> Update:
        """One update from its JSON, however much of it this library version can read."""
        try:
            update = Update.de_json(item, self)
        except Exception as exc:  # any field this library version refuses
            kinds = [k for k in item if k != "update_id"]
            log.warning("update %s (%s) could not be read (%s)", item.get("update_id"), ", ".join(kinds) or "empty", type(exc).__name__)
            update = self._stripped(item)
        self.insert_callback_data(update)
        return update

    def _stripped(self, item: dict[str, Any]) -> Update:
        """What can still be used of an update: a private message reduced to who sent it (the person
        then hears that the bot reads text and buttons), a button press reduced to its id (so it is
        acknowledged), or else an empty update: nothing to handle, but confirmed."""
        update_id = int(item["update_id"])
        body, press = item.get("message"), item.get("callback_query")
        with contextlib.suppress(Exception):
            if isinstance(body, dict) and body.get("chat", {}).get("type") == "private":
                keep = {k: body[k] for k in ("message_id", "date", "chat", "from") if k in body}
                return Update(update_id, message=Message.de_json(keep, self))
            if isinstance(press, dict):
                keep = {k: press[k] for k in ("id", "from", "chat_instance") if k in press}
                return Update(update_id, callback_query=CallbackQuery.de_json(keep, self))
        return Update(update_id)
