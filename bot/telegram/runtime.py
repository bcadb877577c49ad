"""The running bot: per-chat ordering, rate limits, background tasks, the daily purge and the outbox
job, the Application built from the parts, and start-up and shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import signal
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from aiolimiter import AsyncLimiter
from telegram import BotCommand, Update
from telegram.error import Conflict, InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor, ContextTypes

from bot.commands import MENU
from bot.engine import Engine
from bot.settings import Settings, SettingsError
from bot.store import Store
from bot.telegram.botapi import TriageBot
from bot.telegram.conversations import Conversations
from bot.telegram.database import Database
from bot.telegram.handlers import Handlers
from bot.telegram.messenger import Messenger
from bot.telegram.pipeline import Pipeline
from bot.telegram.practice import PracticeDesk
from bot.telegram.profile import sync_profile
from bot.telegram.transport import AiohttpRequest

log = logging.getLogger("nmt_bot.telegram")


class _Chat:
    """One chat's turn: whether an update of it is being handled, and the ones waiting, oldest first."""

    __slots__ = ("busy", "dropped", "waiting")

    def __init__(self) -> None:
        self.busy = False
        self.waiting: deque[tuple[asyncio.Future[bool], bool]] = deque()  # (ticket, may be dropped)
        self.dropped = 0


class PerChatProcessor(BaseUpdateProcessor):
    """Updates of one chat in order, different chats in parallel; a chat's backlog is bounded.

    A chat that sends far faster than it can be answered (a flood, a script) would otherwise hold one
    of the processor's slots per waiting update and, past the limit, keep everyone else waiting (4,200
    messages from one chat held up another person's /start for 100 s), and make a stop wait for all of
    them. Only its newest MAX_WAITING updates wait; an older one is dropped (Telegram has it confirmed:
    it is not sent again), and the drops are logged by count when the chat's backlog is cleared."""

    MAX_WAITING = 10

    # A chat's waiting updates hold a slot while they wait for their turn (the library takes the slot
    # first); with MAX_WAITING per chat, hundreds of flooding chats fit.
    def __init__(self, max_concurrent_updates: int = 4096, max_waiting: int = MAX_WAITING) -> None:
        super().__init__(max_concurrent_updates)
        self.max_waiting = max_waiting
        self._chats: dict[int, _Chat] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Runs the handlers once the chat's earlier updates are done, unless newer ones pushed it out."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        async with self.chat(chat.id, droppable=True) as kept:
            if kept:
                await coroutine
                return
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never run: no "never awaited" warning

    @contextlib.asynccontextmanager
    async def chat(self, chat_id: int, droppable: bool = False) -> AsyncIterator[bool]:
        """Hold the chat's turn: after its earlier updates, before its later ones. Yields False (hold
        nothing, do nothing) for a ``droppable`` waiter pushed out of the backlog by newer ones."""
        state = self._chats.get(chat_id)
        if state is None:
            state = self._chats[chat_id] = _Chat()
        if state.busy:
            ticket: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
            state.waiting.append((ticket, droppable))
            self._trim(chat_id, state)
            if not await ticket:
                yield False
                return
        state.busy = True
        try:
            yield True
        finally:
            self._next(chat_id, state)

    def stopping(self) -> None:
        """A stop is under way: each chat keeps only its newest waiting update, so a flood cannot hold
        the stop for long (at a private chat's pace of about a message a second)."""
        self.max_waiting = min(self.max_waiting, 1)
        for chat_id, state in list(self._chats.items()):
            self._trim(chat_id, state)

    def _trim(self, chat_id: int, state: _Chat) -> None:
        """Drop the oldest droppable waiters beyond max_waiting."""
        droppable = [entry for entry in state.waiting if entry[1]]
        for entry in droppable[: max(0, len(droppable) - self.max_waiting)]:
            state.waiting.remove(entry)
            if entry[0].done():  # its task was cancelled (a stop)
                continue
            entry[0].set_result(False)
            if state.dropped == 0:
                log.warning("chat %s sends faster than it can be answered; only its newest %d updates wait, older ones are dropped", chat_id, self.max_waiting)
            state.dropped += 1

    def _next(self, chat_id: int, state: _Chat) -> None:
        """Hand the turn to the oldest waiter, or forget the chat (memory stays flat)."""
        while state.waiting:
            ticket, _ = state.waiting.popleft()
            if not ticket.done():  # a waiter cancelled meanwhile (a stop) is skipped
                ticket.set_result(True)
                return
        state.busy = False
        del self._chats[chat_id]
        if state.dropped:
            log.warning("chat %s: %d updates dropped in a flood", chat_id, state.dropped)

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


def retention_days(engine: Engine, key: str = "retention_days", default: int = 90) -> int:
    """practice.yaml's retention_days (default 90) or lead_retention_days (default 365)."""
    text = engine.content.practice.get(key, "") or str(default)
    return int(text) if text.isdigit() else default


def purge(engine: Engine, store: Store) -> None:
    """Delete conversations and funnel events older than retention_days, and call-back requests older
    than lead_retention_days."""
    days, lead_days = retention_days(engine), retention_days(engine, "lead_retention_days", 365)
    removed, leads = store.purge(days, lead_days)
    log.info("retention: removed %d conversations idle for over %d days and %d call-back requests older than %d days", removed, days, leads, lead_days)


def purge_job(engine: Engine, db: Database) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """The daily purge as a job."""

    async def job(context: ContextTypes.DEFAULT_TYPE) -> None:
        await db(purge, engine, db.store)

    return job


class StartupError(Exception):
    """Telegram cannot be used as configured; the message is one line, without the token. ``code`` is
    the exit status: 2 for a setting to mend, 1 for what a later start may find working."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


DAY = 24 * 3600
CONNECT_PAUSES = (0.5, 1.0)  # pauses between the tries to reach Telegram at start-up
CONFIRM_SECONDS = 1.5  # the most a stop waits for Telegram to confirm the updates already fetched
CONFLICT_LOG_SECONDS = 60.0  # a failing getUpdates is logged at most this often (it is retried every second or so)


def build_application(engine: Engine, store: Store, settings: Settings) -> Application[Any, Any, Any, Any, Any, Any]:
    """The configured Application: rate limiter, per-chat ordering, handlers, commands menu."""
    background = Background()
    db = Database(store)

    # The hooks run once the application starts, when the parts wired below exist.
    async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        try:
            await app.bot.set_my_commands([BotCommand(c, engine.content.msg(f"menu_{c}")) for c in MENU])
        except TelegramError as exc:  # the menu is a convenience: the bot works without it
            log.warning("could not set the commands menu (%s); it is set at the next start", type(exc).__name__)
        await sync_profile(app.bot, engine.content)
        # At start-up, then daily: a repeating job's first run cannot be "now" (the library's JobQueue
        # documents first=0 as not working), and a bot restarted daily would otherwise never purge.
        await db(purge, engine, store)
        jobs = app.job_queue
        if jobs is not None:
            jobs.run_repeating(purge_job(engine, db), interval=DAY, first=DAY)
            jobs.run_repeating(desk.tick, interval=settings.outbox_seconds, first=1)  # the outbox of leads
        background.spawn(pipeline.resend())  # replies cut short by the last stop, alongside polling
        log.info("bot @%s ready", app.bot.username)

    async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        background.cancel_all()
        db.close()

    base = api_base(settings)
    limiter = ChatRateLimiter(max_retries=5, burst=settings.chat_burst, burst_seconds=settings.chat_burst_seconds, messages_per_second=settings.messages_per_second)
    bot = TriageBot(
        settings.require_token(),
        base_url=base,
        base_file_url=base.removesuffix("/bot") + "/file/bot",
        request=AiohttpRequest(read_timeout=settings.telegram_timeout),
        # Two connections: the long poll a stop cancels may hold one a moment longer than the call that
        # confirms the updates fetched, which must not wait for it.
        get_updates_request=AiohttpRequest(connections=2, read_timeout=settings.telegram_timeout),
        rate_limiter=limiter,
    )
    processor = PerChatProcessor()
    app = Application.builder().bot(bot).concurrent_updates(processor).post_init(post_init).post_shutdown(post_shutdown).build()
    messenger = Messenger(app, db, background, limiter, settings.send_retry_seconds)
    conversations = Conversations(engine.content, store)
    desk = PracticeDesk(engine, db, conversations, settings, messenger)
    pipeline = Pipeline(engine, db, conversations, messenger, desk, processor)
    messenger.on_recovery = pipeline.resend
    bot.on_answer(messenger.answered)
    Handlers(engine, db, settings, pipeline, messenger, desk).register(app)
    return app


def api_base(settings: Settings) -> str:
    """The Bot API's base URL (Telegram's, or TELEGRAM_API_BASE_URL's)."""
    return settings.api_base_url.rstrip("/") if settings.api_base_url else "https://api.telegram.org/bot"


def fetch_username(settings: Settings) -> str:
    """The bot's username, asked from Telegram (getMe) with the token."""
    from telegram import Bot

    async def ask() -> str:
        async with Bot(settings.require_token(), base_url=api_base(settings), request=AiohttpRequest(connections=1)) as bot:
            return str(bot.username)

    host = urlsplit(api_base(settings)).netloc
    try:
        return asyncio.run(ask())
    except InvalidToken:  # the library's message holds the token
        raise SettingsError(f"the Bot API at {host} rejected TELEGRAM_BOT_TOKEN: give the username with --bot, or copy the token again from @BotFather") from None
    except TelegramError as exc:
        raise SettingsError(f"could not reach the Bot API at {host} ({type(exc).__name__}): give the bot's username with --bot") from None


async def connect(app: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> None:
    """Initialise the application, which asks Telegram who the bot is: a rejected token or a Bot API
    that cannot be reached becomes a StartupError (the library's own errors name the token)."""
    host = urlsplit(api_base(settings)).netloc
    for pause in (*CONNECT_PAUSES, None):
        try:
            await app.initialize()
            return
        except InvalidToken:
            await app.bot.shutdown()
            hint = ", or check TELEGRAM_API_BASE_URL" if settings.api_base_url else ""
            raise StartupError(f"the Bot API at {host} rejected TELEGRAM_BOT_TOKEN: copy it again from @BotFather (/mybots → your bot → API Token){hint}") from None
        except TelegramError as exc:  # network errors, timeouts, 5xx
            if pause is None:
                await app.bot.shutdown()
                # TELEGRAM_API_BASE_URL names a server that does not answer: a setting to check. Telegram's
                # own server out of reach is the network (at boot, say): a service manager starts the bot again.
                raise StartupError(
                    f"could not reach the Bot API at {host} ({type(exc).__name__}): check the internet connection, HTTPS_PROXY or TELEGRAM_API_BASE_URL",
                    code=2 if settings.api_base_url else 1,
                ) from None
            await asyncio.sleep(pause)


async def serve(app: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: long polling, or a webhook when WEBHOOK_URL is set.

    On a signal, no new updates are taken; Telegram is told which were fetched (waiting at most
    CONFIRM_SECONDS: an update it sends again is skipped as already handled); every update already
    taken is handled; then the process ends."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await connect(app, settings)
    hook: Any = None
    try:
        if app.post_init is not None:
            await app.post_init(app)
        if settings.webhook_url:
            from bot.telegram import webhook

            hook = await webhook.listen(app, settings)
        elif app.updater is not None:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES, error_callback=_polling_error())
        await app.start()
        await stop.wait()
        log.info("stopping: no new updates; finishing the ones already taken")
        if isinstance(app.update_processor, PerChatProcessor):
            app.update_processor.stopping()
    finally:
        if hook is not None:
            await hook.cleanup()  # requests in progress finish
        if app.updater is not None and app.updater.running:
            try:
                await asyncio.wait_for(app.updater.stop(), CONFIRM_SECONDS)
            except TimeoutError:
                log.warning("Telegram did not confirm the last updates fetched within %.1f s; any it sends again is skipped as handled", CONFIRM_SECONDS)
        if app.running:
            await app.stop()  # handles every update already taken
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def _polling_error() -> Callable[[TelegramError], None]:
    """The long poll's error callback: one line per kind of failure a minute, no traceback (the library's
    own logs an ERROR with a traceback every second while another process polls with the same token)."""
    last: dict[str, float] = {}

    def on_error(exc: TelegramError) -> None:
        kind = type(exc).__name__
        now = time.monotonic()
        if now - last.get(kind, -CONFLICT_LOG_SECONDS) < CONFLICT_LOG_SECONDS:
            return
        last[kind] = now
        if isinstance(exc, Conflict):
            log.warning("Telegram refuses this bot's getUpdates (409 Conflict): another process uses the same token (a second instance, or a webhook is set); retrying")
        else:
            log.warning("getUpdates failed (%s); retrying", kind)

    return on_error


def run(engine: Engine, store: Store, settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: long polling, or a webhook when WEBHOOK_URL is set."""
    asyncio.run(serve(build_application(engine, store, settings), settings))
