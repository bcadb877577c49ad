"""The running bot: per-chat ordering, rate limits, background tasks, the daily purge and the outbox
job, the Application built from the parts, and start-up and shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import BotCommand, Update
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor, ContextTypes

from bot.engine import Engine
from bot.settings import Settings
from bot.store import Store
from bot.telegram.botapi import TriageBot
from bot.telegram.handlers import COMMANDS, Handlers
from bot.telegram.messenger import Messenger
from bot.telegram.pipeline import Pipeline
from bot.telegram.practice import PracticeDesk
from bot.telegram.profile import sync_profile
from bot.telegram.transport import AiohttpRequest

log = logging.getLogger("nmt_bot.telegram")


class _ChatQueue:
    """One chat's lock, and how many of its updates hold it or wait for it."""

    __slots__ = ("lock", "pending")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.pending = 0


class PerChatProcessor(BaseUpdateProcessor):
    """Updates of one chat in order, different chats in parallel."""

    # A chat's waiting updates hold a slot while they wait for its lock (the library takes the slot
    # first), so the limit is far above what one chat can queue from a getUpdates batch of 100.
    def __init__(self, max_concurrent_updates: int = 4096) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, _ChatQueue] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Runs the handlers once the chat's earlier updates are done."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        queue = self._chats.get(chat.id)
        if queue is None:
            queue = self._chats[chat.id] = _ChatQueue()
        queue.pending += 1
        try:
            async with queue.lock:
                await coroutine
        finally:
            queue.pending -= 1
            if queue.pending == 0:  # drop idle chats: memory stays flat
                del self._chats[chat.id]

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


class Background:
    """Tasks run alongside the updates ("typing…", the resume at start-up), kept until done and
    cancelled at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Start ``coroutine`` as a task, held here until it is done."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def cancel_all(self) -> None:
        """Cancel every task still running (at shutdown)."""
        for task in list(self._tasks):
            task.cancel()


def retention_days(engine: Engine) -> int:
    """practice.yaml's retention_days (default 90)."""
    text = engine.content.practice.get("retention_days", "") or "90"
    return int(text) if text.isdigit() else 90


def purge_job(engine: Engine, store: Store) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """The daily job that deletes conversations and funnel events older than the retention period (leads stay)."""

    async def purge(context: ContextTypes.DEFAULT_TYPE) -> None:
        days = retention_days(engine)
        removed = store.purge(days)
        log.info("retention: removed %d conversations idle for over %d days", removed, days)

    return purge


def build_application(engine: Engine, store: Store, settings: Settings) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured Application: rate limiter, per-chat ordering, handlers, commands menu."""
    background = Background()

    # The hooks run once the application starts, when the parts wired below exist.
    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await app.bot.set_my_commands([BotCommand(c, engine.content.msg(f"menu_{c}")) for c in COMMANDS])
        await sync_profile(app.bot, engine.content)
        jobs = app.job_queue
        if jobs is not None:
            jobs.run_repeating(purge_job(engine, store), interval=24 * 3600, first=0)  # at start-up, then daily
            jobs.run_repeating(desk.tick, interval=settings.outbox_seconds, first=1)  # the outbox of leads
        background.spawn(pipeline.resume_unanswered())  # alongside polling, not before it
        log.info("bot @%s ready", app.bot.username)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        background.cancel_all()

    base = settings.api_base_url.rstrip("/") if settings.api_base_url else "https://api.telegram.org/bot"
    limiter = ChatRateLimiter(max_retries=5, burst=settings.chat_burst, burst_seconds=settings.chat_burst_seconds, messages_per_second=settings.messages_per_second)
    bot = TriageBot(
        settings.require_token(),
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connections=1),
        rate_limiter=limiter,
    )
    app = Application.builder().bot(bot).concurrent_updates(PerChatProcessor()).post_init(post_init).post_shutdown(post_shutdown).build()
    messenger = Messenger(app, store, background, limiter)
    desk = PracticeDesk(engine, store, settings, messenger)
    pipeline = Pipeline(engine, store, messenger, desk)
    Handlers(engine, store, settings, pipeline, messenger, desk).register(app)
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
