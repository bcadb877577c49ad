"""The project's SQLite store: conversation state per chat and the updates already handled.

One small table per concern; every write that must not be half-done is one
transaction. Only answer ids are stored, never what a person typed.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import time
from pathlib import Path
from typing import IO, Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    chat_id    INTEGER PRIMARY KEY,
    state      TEXT    NOT NULL,          -- Conversation.to_json()
    updated_at REAL    NOT NULL,          -- unix seconds
    active     INTEGER NOT NULL DEFAULT 1, -- 0 once the person blocked the bot
    keyboard   INTEGER,                    -- message id of the last keyboard shown, to close it
    pending    INTEGER NOT NULL DEFAULT 0  -- 1 from saving a turn until its replies went out
);
CREATE TABLE IF NOT EXISTS events (       -- the funnel: what happened, when, from which post
    id      INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    source  TEXT,                           -- deep-link payload, NULL for a direct visit
    kind    TEXT    NOT NULL,               -- start | questions_done | recommendation | booking_click | lead
    detail  TEXT,                           -- the level, for a recommendation
    at      REAL    NOT NULL
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE TABLE IF NOT EXISTS leads (        -- call-back requests; also the outbox to the practice chat
    id             INTEGER PRIMARY KEY,     -- the lead's number; -chat_id for a request still being filled in (a draft)
    chat_id        INTEGER NOT NULL,
    name           TEXT,
    username       TEXT,
    phone          TEXT    NOT NULL,
    preferred_time TEXT,
    note           TEXT,
    source         TEXT,
    triage         TEXT    NOT NULL,        -- JSON: region, pain, onset, duration, severity, level, condition…
    summary        TEXT    NOT NULL,
    created_at     REAL    NOT NULL,
    delivered_at   REAL,                    -- NULL until the practice chat has it
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_try_at    REAL    NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS relays (       -- practice-chat message -> the person it came from, for replies
    practice_message_id INTEGER PRIMARY KEY,
    chat_id             INTEGER NOT NULL,
    at                  REAL    NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (     -- numbers never given twice, such as a lead's (shown as "Lead #12")
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
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
        self._lock: IO[str] | None = None
        self._transaction: _Transaction
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # What is deleted (a /forget, a purge) is overwritten in the file, not only unlinked.
            self.db.execute("PRAGMA secure_delete=ON")
            self._transaction = _Transaction(self.db)
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(conversations)")}
            if "keyboard" not in columns:  # a database from before keyboards were tracked
                self.db.execute("ALTER TABLE conversations ADD COLUMN keyboard INTEGER")
            if "pending" not in columns:  # a database from before replies were tracked
                self.db.execute("ALTER TABLE conversations ADD COLUMN pending INTEGER NOT NULL DEFAULT 0")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database NMT_DB={self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def claim(self) -> None:
        """Take the database for this process alone until it ends (a lock on ``NMT_DB.lock``, released by
        the system however the process ends). A second bot on the same database would send every
        call-back request twice."""
        if self.path == ":memory:":
            return
        lock = open(self.path + ".lock", "a")  # noqa: SIM115 (held open for the life of the process)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise StoreError(f"another nmt-bot is already running on NMT_DB={self.path}: stop it first, or give this one its own NMT_DB") from None
        except OSError as exc:
            lock.close()
            raise StoreError(f"cannot lock the database NMT_DB={self.path}: {exc}") from None
        self._lock = lock

    def scrub(self) -> None:
        """Copy what is in the write-ahead log into the database file and empty the log, so deleted rows
        (overwritten there by secure_delete) leave no copy in ``NMT_DB-wal`` either."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
        """Write the state and mark the update handled, together or not at all. The turn's replies are
        then pending until ``set_keyboard`` says they went out (see ``unanswered``)."""
        now = time.time() if now is None else now
        text = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        with self._tx():
            self.db.execute(
                "INSERT INTO conversations (chat_id, state, updated_at, active, pending) VALUES (?, ?, ?, 1, 1) "
                "ON CONFLICT(chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, active = 1, pending = 1",
                (chat_id, text, now),
            )
            if update_id is not None:
                self.db.execute("INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, now))

    def keyboard(self, chat_id: int) -> int | None:
        """The message id of the last keyboard shown in a chat."""
        row = self.db.execute("SELECT keyboard FROM conversations WHERE chat_id = ?", (chat_id,)).fetchone()
        return row[0] if row is not None else None

    def set_keyboard(self, chat_id: int, message_id: int | None) -> None:
        """The turn's replies went out; ``message_id`` is the one now carrying the chat's keyboard."""
        self.db.execute("UPDATE conversations SET keyboard = ?, pending = 0 WHERE chat_id = ?", (message_id, chat_id))

    def unanswered(self, chat_id: int | None = None) -> list[int]:
        """Chats (or just ``chat_id``) whose last turn was saved but whose replies never went out (the
        process was killed, or Telegram failed every try)."""
        if chat_id is not None:
            return [row[0] for row in self.db.execute("SELECT chat_id FROM conversations WHERE chat_id = ? AND pending = 1 AND active = 1", (chat_id,))]
        return [row[0] for row in self.db.execute("SELECT chat_id FROM conversations WHERE pending = 1 AND active = 1")]

    def purge(self, days: int, lead_days: int | None = None, now: float | None = None) -> tuple[int, int]:
        """Delete conversations idle, and funnel events older, than ``days`` days, and call-back requests
        older than ``lead_days`` (None: kept until deleted); return (conversations, leads) removed."""
        now = time.time() if now is None else now
        cutoff = now - days * 86400
        with self._tx():
            cur = self.db.execute("DELETE FROM conversations WHERE updated_at < ?", (cutoff,))
            self.db.execute("DELETE FROM events WHERE at < ?", (cutoff,))
            self.db.execute("DELETE FROM relays WHERE at < ?", (cutoff,))
            self.db.execute("DELETE FROM processed_updates WHERE at < ?", (now - UPDATE_MEMORY,))
            leads = self.db.execute("DELETE FROM leads WHERE created_at < ?", (now - lead_days * 86400,)).rowcount if lead_days is not None else 0
        self.scrub()
        return cur.rowcount, leads

    def seen(self, update_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)).fetchone() is not None

    def mark(self, update_id: int, now: float | None = None) -> None:
        """Remember an update that changed no conversation (a sticker, a group message…)."""
        self.db.execute("INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, time.time() if now is None else now))

    def set_active(self, chat_id: int, active: bool) -> None:
        self.db.execute("UPDATE conversations SET active = ? WHERE chat_id = ?", (int(active), chat_id))

    def forget(self, chat_id: int) -> None:
        """Delete everything held about a person: conversation, funnel events, leads, relayed messages."""
        with self._tx():
            for table in ("conversations", "events", "leads", "relays"):
                self.db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (chat_id,))
        self.scrub()

    # ------------------------------------------------------------------ funnel

    def event(self, chat_id: int, source: str | None, kind: str, detail: str | None = None, now: float | None = None) -> None:
        self.db.execute(
            "INSERT INTO events (chat_id, source, kind, detail, at) VALUES (?, ?, ?, ?, ?)",
            (chat_id, source, kind, detail, time.time() if now is None else now),
        )

    def events(self, since: float) -> list[tuple[int, str | None, str, str | None, float]]:
        """(chat_id, source, kind, detail, at) since a time, oldest first."""
        return self.db.execute("SELECT chat_id, source, kind, detail, at FROM events WHERE at >= ? ORDER BY at", (since,)).fetchall()

    # ------------------------------------------------------------------ leads and their delivery

    def add_lead(self, chat_id: int, lead: dict[str, Any], name: str | None, username: str | None, now: float | None = None) -> int:
        """Store a call-back request (before anything else happens); return its number, never given
        before (a deleted lead's number is not reused: the practice chat may still show it)."""
        with self._tx():
            row = self.db.execute("SELECT max(coalesce((SELECT value FROM counters WHERE name = 'lead'), 0), (SELECT coalesce(max(id), 0) FROM leads))").fetchone()
            lead_id = int(row[0] or 0) + 1
            self.db.execute(
                "INSERT INTO leads (id, chat_id, name, username, phone, preferred_time, note, source, triage, summary, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (lead_id, chat_id, name, username, lead["phone"], lead.get("preferred_time"), lead.get("note"), lead.get("source"),
                 json.dumps(lead.get("triage", {}), ensure_ascii=False), lead.get("summary", ""), time.time() if now is None else now),
            )  # fmt: skip
            self.db.execute("INSERT INTO counters (name, value) VALUES ('lead', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value", (lead_id,))
        return lead_id

    def lead_fields(self, lead_id: int) -> dict[str, str] | None:
        """The phone number and note of a lead or draft (None: there is none)."""
        row = self.db.execute("SELECT phone, note FROM leads WHERE id = ?", (lead_id,)).fetchone()
        return None if row is None else {"phone": row[0] or "", "note": row[1] or ""}

    def save_draft(self, chat_id: int, fields: dict[str, str], now: float | None = None) -> int:
        """Keep the phone number or note of a call-back request still being filled in (the conversation
        state holds a reference, never the number); return the draft's id."""
        draft_id = -abs(chat_id)
        with self._tx():
            self.db.execute(
                "INSERT INTO leads (id, chat_id, phone, triage, summary, created_at) VALUES (?, ?, '', '{}', '', ?) ON CONFLICT(id) DO NOTHING",
                (draft_id, chat_id, time.time() if now is None else now),
            )
            for column in ("phone", "note"):
                if column in fields:
                    self.db.execute(f"UPDATE leads SET {column} = ? WHERE id = ?", (fields[column], draft_id))
        return draft_id

    def drop_draft(self, chat_id: int) -> None:
        """Delete the draft of a call-back request (sent as a lead, or abandoned)."""
        self.db.execute("DELETE FROM leads WHERE id = ?", (-abs(chat_id),))

    def undelivered(self, now: float | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """Leads still to send to the practice chat whose next try is due."""
        now = time.time() if now is None else now
        rows = self.db.execute("SELECT * FROM leads WHERE id > 0 AND delivered_at IS NULL AND next_try_at <= ? ORDER BY id LIMIT ?", (now, limit)).fetchall()
        return [self._lead_row(r) for r in rows]

    def delivered(self, lead_id: int, now: float | None = None) -> None:
        self.db.execute("UPDATE leads SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL", (time.time() if now is None else now, lead_id))

    def retry_later(self, lead_id: int, delay: float, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.db.execute("UPDATE leads SET attempts = attempts + 1, next_try_at = ? WHERE id = ?", (now + delay, lead_id))

    def leads(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Leads, newest first."""
        query = "SELECT * FROM leads WHERE id > 0 ORDER BY id DESC" + (" LIMIT ?" if limit else "")
        rows = self.db.execute(query, (limit,) if limit else ()).fetchall()
        return [self._lead_row(r) for r in rows]

    def delete_lead(self, lead_id: int) -> bool:
        """Delete one call-back request; False when there is no such lead."""
        deleted = lead_id > 0 and self.db.execute("DELETE FROM leads WHERE id = ?", (lead_id,)).rowcount > 0
        if deleted:
            self.scrub()
        return deleted

    def _lead_row(self, row: tuple[Any, ...]) -> dict[str, Any]:
        names = ("id", "chat_id", "name", "username", "phone", "preferred_time", "note", "source", "triage", "summary", "created_at", "delivered_at", "attempts", "next_try_at")
        lead = dict(zip(names, row, strict=True))
        lead["triage"] = json.loads(lead["triage"] or "{}")
        return lead

    # ------------------------------------------------------------------ relayed messages

    def relay(self, practice_message_id: int, chat_id: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO relays (practice_message_id, chat_id, at) VALUES (?, ?, ?)", (practice_message_id, chat_id, time.time()))

    def relayed_from(self, practice_message_id: int) -> int | None:
        row = self.db.execute("SELECT chat_id FROM relays WHERE practice_message_id = ?", (practice_message_id,)).fetchone()
        return int(row[0]) if row else None

    def transaction(self) -> _Transaction:
        """One transaction around several writes (a turn's state, its funnel events and its lead); the
        writes' own transactions inside it join it."""
        return self._tx()

    def _tx(self) -> _Transaction:
        return self._transaction


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on an error); nested uses join the outermost one."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.depth = 0

    def __enter__(self) -> None:
        if self.depth == 0:
            self.db.execute("BEGIN IMMEDIATE")
        self.depth += 1

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
