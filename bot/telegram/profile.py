"""What a visitor sees before pressing Start: the bot's name, short description and description,
as ``profile:`` in knowledge/messages.yaml has them.

Telegram allows only a few changes of these a day and answers more with a 429 that may ask for a
wait of hours. The application's bot would sit that wait out (its rate limiter retries after it,
holding every other request meanwhile), so these calls go through a client of their own that gives
up at once: what could not be set now is set at a later start. Each one is read first and set only
when it differs, so an unchanged profile costs three reads and no write.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter

from bot.content import Content
from bot.telegram.transport import AiohttpRequest

log = logging.getLogger("bot.telegram")

FIELDS = ("name", "short_description", "description")  # the order BotFather lists them in


async def sync_profile(bot: Bot, content: Content) -> None:
    """Set each profile text that differs from what Telegram has; never raises (a failure is logged,
    without the text, and the bot starts all the same)."""
    wanted = {field: content.profile[field] for field in FIELDS if field in content.profile}
    if not wanted:
        return
    request = AiohttpRequest(connections=1)
    own = Bot(bot.token, base_url=lambda _token: bot.base_url, request=request, get_updates_request=request)
    try:
        await request.initialize()
        for field, text in wanted.items():
            try:
                if await _read(own, field) != text:
                    await _write(own, field, text)
                    log.info("the bot's %s was set from knowledge/messages.yaml", field)
            except RetryAfter as exc:
                log.warning("Telegram allows no change of the bot's %s for %d s; it is set at a later start", field, _seconds(exc.retry_after))
            except BadRequest as exc:  # a NetworkError to the library, but only this call was refused
                log.warning("could not set the bot's %s (%s)", field, type(exc).__name__)
            except NetworkError as exc:  # the next calls would fail the same way: leave them to a later start
                log.warning("could not reach Telegram to check the bot's %s (%s); the profile is checked again at the next start", field, type(exc).__name__)
                return
            except Exception as exc:  # the bot works without its profile
                log.warning("could not set the bot's %s (%s)", field, type(exc).__name__)
    except Exception as exc:
        log.warning("could not check the bot's profile (%s)", type(exc).__name__)
    finally:
        await request.shutdown()


async def _read(bot: Bot, field: str) -> str:
    if field == "name":
        return (await bot.get_my_name()).name
    if field == "short_description":
        return (await bot.get_my_short_description()).short_description
    return (await bot.get_my_description()).description


async def _write(bot: Bot, field: str, text: str) -> None:
    if field == "name":
        await bot.set_my_name(text)
    elif field == "short_description":
        await bot.set_my_short_description(text)
    else:
        await bot.set_my_description(text)


def _seconds(value: int | dt.timedelta) -> int:
    return int(value.total_seconds()) if isinstance(value, dt.timedelta) else int(value)
