"""The store, called from the event loop without blocking it.

SQLite's calls are synchronous: made on the event loop, a slow disk or another process holding the
write lock (a backup, ``nmt-bot stats`` at the wrong moment) froze every chat, and a lock held longer
than the busy timeout lost the turn ("Sorry, something went wrong", the state not advanced). Here each
call runs in one worker thread of its own (one connection, used by one thread at a time; a turn's
writes are one call, so one transaction), and a busy database is waited out asynchronously: the
connection gives up after BUSY_TIMEOUT, the call is tried again after a pause, and meanwhile the event
loop goes on with other chats. Only a lock held for over BUSY_GIVE_UP fails the call.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from bot.store import Store

log = logging.getLogger("nmt_bot.telegram")

BUSY_TIMEOUT = 0.1  # seconds SQLite itself waits for a lock before the call is handed back
BUSY_PAUSES = (0.05, 0.1, 0.2, 0.5, 1.0)  # pauses between tries while the database is busy, the last repeated
BUSY_GIVE_UP = 300.0  # seconds of trying before a call fails

P = ParamSpec("P")
T = TypeVar("T")


class Database:
    """Runs store calls in a worker thread, waiting out a busy database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")

    async def __call__(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``call(*args, **kwargs)`` in the worker thread; tried again while the database is locked."""
        loop = asyncio.get_running_loop()
        began = time.monotonic()
        tries = 0
        while True:
            try:
                return await loop.run_in_executor(self._thread, functools.partial(call, *args, **kwargs))
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() - began > BUSY_GIVE_UP:
                    raise
                if tries == 0:
                    log.warning("the database is locked by another process; waiting")
                await asyncio.sleep(BUSY_PAUSES[min(tries, len(BUSY_PAUSES) - 1)])
                tries += 1

    def close(self) -> None:
        """Let the calls under way finish; no more are taken."""
        self._thread.shutdown(wait=True)


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text
