"""The project's SQLite store: conversation state per chat and the updates already handled.

One small table per concern; every write that must not be half-done is one
transaction. Only answer ids are stored, never what a person typed.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    chat_id    INTEGER PRIMARY KEY,
    state      TEXT    NOT NULL,          -- Conversation.to_json()
    updated_at REAL    NOT NULL,          -- unix seconds
    active     INTEGER NOT NULL DEFAULT 1, -- 0 once the person blocked the bot
    keyboard   INTEGER                     -- message id of the last keyboard shown, to close it
);
CREATE TABLE IF NOT EXISTS processed_updates (
    update_id INTEGER PRIMARY KEY,
    at        REAL    NOT NULL
);
"""
UPDATE_MEMORY = 2 * 24 * 3600  # Telegram re-delivers for at most a day; keep two


class StoreError(Exception):
    """The database cannot be opened or written."""


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(conversations)")}
            if "keyboard" not in columns:  # a database from before keyboards were tracked
                self.db.execute("ALTER TABLE conversations ADD COLUMN keyboard INTEGER")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database NMT_DB={self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def load(self, chat_id: int) -> tuple[dict[str, Any] | None, float | None]:
        """The saved state of a chat and when it was last written."""
        row = self.db.execute("SELECT state, updated_at FROM conversations WHERE chat_id = ?", (chat_id,)).fetchone()
        if row is None:
            return None, None
        try:
            state = json.loads(row[0])
        except ValueError:
            state = None
        return state, row[1]

    def save(self, chat_id: int, state: dict[str, Any], update_id: int | None = None, now: float | None = None) -> None:
        """Write the state and mark the update handled, together or not at all."""
        now = time.time() if now is None else now
        text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        with self._tx():
            self.db.execute(
                "INSERT INTO conversations (chat_id, state, updated_at, active) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, active = 1",
                (chat_id, text, now),
            )
            if update_id is not None:
                self.db.execute("INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, now))

    def keyboard(self, chat_id: int) -> int | None:
        """The message id of the last keyboard shown in a chat."""
        row = self.db.execute("SELECT keyboard FROM conversations WHERE chat_id = ?", (chat_id,)).fetchone()
        return row[0] if row is not None else None

    def set_keyboard(self, chat_id: int, message_id: int | None) -> None:
        self.db.execute("UPDATE conversations SET keyboard = ? WHERE chat_id = ?", (message_id, chat_id))

    def purge(self, days: int, now: float | None = None) -> int:
        """Delete conversations idle for more than ``days`` days; return how many went."""
        now = time.time() if now is None else now
        with self._tx():
            cur = self.db.execute("DELETE FROM conversations WHERE updated_at < ?", (now - days * 86400,))
            self.db.execute("DELETE FROM processed_updates WHERE at < ?", (now - UPDATE_MEMORY,))
        return cur.rowcount

    def seen(self, update_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)).fetchone() is not None

    def mark(self, update_id: int, now: float | None = None) -> None:
        """Remember an update that changed no conversation (a sticker, a group message…)."""
        self.db.execute("INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, time.time() if now is None else now))

    def set_active(self, chat_id: int, active: bool) -> None:
        self.db.execute("UPDATE conversations SET active = ? WHERE chat_id = ?", (int(active), chat_id))

    def is_active(self, chat_id: int) -> bool:
        row = self.db.execute("SELECT active FROM conversations WHERE chat_id = ?", (chat_id,)).fetchone()
        return row is None or bool(row[0])

    def forget(self, chat_id: int) -> None:
        """Delete everything held about a chat."""
        with self._tx():
            self.db.execute("DELETE FROM conversations WHERE chat_id = ?", (chat_id,))

    def prune(self, now: float | None = None) -> None:
        """Drop update ids old enough that Telegram will never send them again."""
        now = time.time() if now is None else now
        self.db.execute("DELETE FROM processed_updates WHERE at < ?", (now - UPDATE_MEMORY,))

    def _tx(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
