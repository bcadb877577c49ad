"""The real bot process (`python -m bot.cli run`) against the fake Bot API, and how a test talks to it
as a person would: push an update, wait for the answer it brings."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from bot.content import default_root

from .fakebot import JSON, FakeBotAPI

ROOT = default_root()
PRACTICE = -1009000  # the practice's group chat, where call-back requests go

# A deployment spreads its messages over seconds (Telegram's limits) and gives a failing practice chat
# minutes; at that pace a test would mostly wait. Here the same code paths run in milliseconds, and a
# test about timing sets the values it is about.
FAST = {
    "NMT_CHAT_BURST_SECONDS": "0.01",
    "NMT_MESSAGES_PER_SECOND": "1000",
    "NMT_OUTBOX_SECONDS": "0.2",
    "NMT_OUTBOX_BACKOFF_SECONDS": "0.05",
    "NMT_OUTBOX_MAX_BACKOFF_SECONDS": "0.5",
}
T = TypeVar("T")


class BotProcess:
    """`python -m bot.cli run` with its settings pointed at the fake server."""

    def __init__(self, fake: FakeBotAPI, workdir: Path, **env: str) -> None:
        self.fake = fake
        self.workdir = workdir
        self.db = workdir / "nmt.db"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "NMT_DB": str(self.db),
            "LOG_LEVEL": "INFO",
            "PRACTICE_CHAT_ID": str(PRACTICE),
            **FAST,
            **env,
        }
        self.env.pop("WEBHOOK_URL", None) if "WEBHOOK_URL" not in env else None
        self.proc: subprocess.Popen[bytes] | None = None
        self.returncode: int | None = None
        self.log = workdir / "bot.log"
        self.logs: list[str] = []

    def start(self) -> BotProcess:
        before = len([c for c in self.fake.calls if c.method == "setMyCommands"])
        self.log = self.workdir / f"bot-{time.monotonic_ns()}.log"  # one per start: a restart keeps its own
        with open(self.log, "w") as log:  # a file, not a pipe: a pipe nobody reads stalls the bot once full
            self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.fake.on_stop.append(self.kill)  # a failed test leaves no bot polling a server that is gone
        self.fake.wait_for(lambda c: c.method == "setMyCommands", timeout=20, count=before + 1)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> str:
        assert self.proc is not None
        self.proc.send_signal(sig)
        self.proc.wait(timeout=20)
        out = self.log.read_text()
        self.logs.append(out)
        self.returncode = self.proc.returncode
        self.proc = None
        return out

    def kill(self) -> None:
        """End the process at once if it still runs."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=20)

    def query(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        """Rows of the bot's database, read as another process would (committed writes only)."""
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            return conn.execute(sql, args).fetchall()


@contextlib.contextmanager
def running(fake: FakeBotAPI, workdir: Path, **env: str) -> Iterator[BotProcess]:
    """The bot process for one test; its log must show no traceback and no error."""
    process = BotProcess(fake, workdir, **env).start()
    try:
        yield process
    except BaseException:
        if process.proc is not None:  # a failed test leaves no bot polling a server that is gone
            process.stop(signal.SIGKILL)
        raise
    if process.proc is not None:
        out = process.stop()
        assert "Traceback" not in out, out
        assert " ERROR " not in out, out


def poll(read: Callable[[], T], until: Callable[[T], bool], timeout: float = 20) -> T:
    """Read until the value satisfies `until` or `timeout` seconds pass; the last value read either way
    (the caller's own assertion then says what was wrong)."""
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def processed(db: Path) -> set[int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {row[0] for row in conn.execute("SELECT update_id FROM processed_updates")}


def settle(fake: FakeBotAPI, db: Path, *chats: int, push: Callable[[dict[str, Any]], int] | None = None, timeout: float = 20) -> None:
    """Until the bot has done all it will do with the updates pushed so far into `chats`.

    A chat's updates are handled one after another, each in full (its replies sent) before the next
    starts. So an update the bot only takes note of (an edit of the person's message) is pushed into
    each chat, and once the store has it marked handled, everything pushed before it is done: what
    was not sent by then never will be. `push` delivers it another way (a webhook)."""
    sentinels = {(push or fake.push)(fake.edited(chat, "…")) for chat in chats}
    done = poll(lambda: processed(db), lambda ids: sentinels <= ids, timeout)
    assert sentinels <= done, f"the bot did not get to the end of chats {chats} in {timeout}s; last calls:\n{fake.summary()}"


def turn(fake: FakeBotAPI, chat: int, update: JSON, until: str | None = None, timeout: float = 20) -> list[JSON]:
    """Push one update and wait for the bot's answer to it; return the chat as the person sees it.

    The answer is complete when the chat's latest message has changed and carries buttons (every
    question does), or, when `until` is given, once the latest message contains that text. A map pin
    sent after the message is not the latest message (it may arrive before this looks)."""
    before = _latest(fake.shown(chat))

    def answered(shown: list[JSON]) -> bool:
        shown = _latest(shown)
        if not shown or shown == before:
            return False
        return until in str(shown[-1].get("text", "")) if until is not None else "reply_markup" in shown[-1]

    fake.push(update)
    return fake.wait_shown(chat, answered, timeout)


def _latest(shown: list[JSON]) -> list[JSON]:
    """The chat's latest message that is not a map pin, as a list of at most one."""
    return [m for m in shown if "venue" not in m][-1:]


def press(fake: FakeBotAPI, chat: int, data: str, until: str | None = None) -> list[JSON]:
    """Press a button on the bot's latest message; wait for the answer."""
    return turn(fake, chat, fake.callback(chat, data), until)


def say(fake: FakeBotAPI, chat: int, text: str, until: str | None = None) -> list[JSON]:
    """Type a message; wait for the answer."""
    return turn(fake, chat, fake.message(chat, text), until)


def buttons(message: JSON) -> list[str]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def wait_summary(fake: FakeBotAPI, chat: int) -> list[JSON]:
    """Wait for the recommendation's closing summary; return the outcome and the summary messages."""
    return fake.wait_shown(chat, lambda shown: "Summary" in str(shown[-1].get("text", "")) and "reply_markup" in shown[-1], timeout=20)[-2:]


PATH = ["screen.none", "region.lower_back", "pain_type.dull_ache", "onset.gradual", "severity.5"]  # no "how long" after a gradual start


def to_recommendation(fake: FakeBotAPI, chat: int, source: str = "") -> None:
    """/start, the lower-back path by buttons, "None of these" to every safety check (the
    contraindications are in the last one)."""
    shown = turn(fake, chat, fake.command(chat, "start", source))
    for data in PATH:
        shown = press(fake, chat, data)
    no_warning_signs(fake, chat, shown)
    wait_summary(fake, chat)


def no_warning_signs(fake: FakeBotAPI, chat: int, shown: list[JSON]) -> list[JSON]:
    """ "None of these" to each grouped safety check (and "No" to a single question) until they end;
    the contraindications (``contraindications.<id>``) are items of the last check."""
    while any(b.startswith(("rf.", "rfg.")) for b in buttons(shown[-1])):
        shown = press(fake, chat, next(b for b in buttons(shown[-1]) if b.endswith((".none", ".no"))))
    return shown


def request_call_back(fake: FakeBotAPI, chat: int, phone: str = "+44 7700 900123", button: str = "recommendation.callback") -> None:
    press(fake, chat, button, until="call you on")
    assert fake.sent(chat)[-1]["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    say(fake, chat, phone)
    press(fake, chat, "callback_time.evening")
    press(fake, chat, "callback_note.skip", until="Thank you")
