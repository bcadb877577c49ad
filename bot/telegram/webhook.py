"""Webhook mode: Telegram POSTs each update to WEBHOOK_URL (through the HTTPS proxy in front of PORT).

The bot's own small server (aiohttp, already used for the Bot API calls) rather than the library's:
the secret token is compared in constant time (``hmac.compare_digest``), and an update the library
cannot read is still acknowledged with 200 (read as far as possible, logged by number and kind only),
so Telegram does not re-send it again and again. A replayed update is skipped by the handlers
(processed_updates). On SIGTERM or Ctrl-C the server stops taking updates, and every update already
accepted is handled before the process exits (``runtime.serve``).
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.settings import Settings
from bot.telegram.botapi import TriageBot

log = logging.getLogger("bot.telegram")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def handler(app: Application[Any, Any, Any, Any, Any, Any], secret: str) -> Any:
    """The POST handler: 403 without the right secret, 400 for what is not an update, else queued."""
    expected = secret.encode()
    bot = app.bot
    assert isinstance(bot, TriageBot)  # build_application makes it one

    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), expected):
            return web.Response(status=403)
        try:
            data = json.loads(await request.read())
        except (ValueError, RecursionError):  # RecursionError: a body nested thousands deep
            return web.Response(status=400)
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or not 0 <= update_id < 2**63:  # SQLite's integers
            return web.Response(status=400)
        await app.update_queue.put(bot.read(data))
        return web.Response()

    return receive


async def listen(app: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> web.AppRunner:
    """Start taking updates on PORT and tell Telegram where to send them; the runner stops taking them."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    path = "/" + urlparse(settings.webhook_url).path.lstrip("/")
    server = web.Application()
    server.router.add_post(path, handler(app, settings.webhook_secret))
    runner = web.AppRunner(server, access_log=None)  # request lines would show nothing useful, and no text
    await runner.setup()
    try:
        await web.TCPSite(runner, "0.0.0.0", settings.port).start()  # behind the HTTPS proxy Telegram calls
        await app.bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES)
    except BaseException:
        await runner.cleanup()
        raise
    log.info("webhook listening on port %s", settings.port)
    return runner
