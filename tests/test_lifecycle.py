"""Start-up and shutdown of the real bot process against the fake Bot API: bad tokens and unreachable
servers, a prompt stop, one process per database, retention at start-up."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bot.store import Store

from .botprocess import ROOT, BotProcess, poll, processed, running, turn
from .fakebot import FakeBotAPI


def run_once(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`nmt-bot run` expected to end by itself (a start-up failure)."""
    base = {**os.environ, "PYTHONPATH": str(ROOT), "PRACTICE_CHAT_ID": "-100123", "NMT_DB": str(tmp_path / "nmt.db")}
    return subprocess.run([sys.executable, "-m", "bot.cli", "run"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env={**base, **env})


def test_sigterm_when_idle_ends_within_two_seconds_and_confirms_what_was_fetched(fake: FakeBotAPI, tmp_path: Path) -> None:
    """The signal comes while the long poll waits (the usual case for an idle bot): the poll is dropped,
    Telegram is told which updates were fetched, and the process ends at once, without an error."""
    chat = 1301
    for pause in (0.05, 1.0):  # just after a long poll began, and in the middle of one
        bot = BotProcess(fake, tmp_path).start()
        turn(fake, chat, fake.command(chat, "start"))
        last = max(processed(bot.db))  # stored before the answer went out
        fake.wait_fetched(last)  # the long poll after it has begun, with nothing to return
        time.sleep(pause)
        started = time.monotonic()
        out = bot.stop(signal.SIGTERM)
        took = time.monotonic() - started
        assert bot.returncode == 0 and "Traceback" not in out and " ERROR " not in out, out
        assert took <= 2.0, f"SIGTERM took {took:.1f} s"
        assert "did not confirm" not in out
        confirmed = [c for c in fake.calls if c.method == "getUpdates" and c.params.get("timeout") == 0]
        assert confirmed and int(confirmed[-1].params["offset"]) > last, "the last call told Telegram what was fetched"


def test_a_rejected_token_stops_with_one_line_and_exit_2_without_the_token(fake: FakeBotAPI, tmp_path: Path) -> None:
    wrong = "987654321:AAWellFormedButNotThisBotsToken_0123456"
    proc = run_once(tmp_path, TELEGRAM_BOT_TOKEN=wrong, TELEGRAM_API_BASE_URL=fake.base_url)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "rejected TELEGRAM_BOT_TOKEN" in proc.stderr and "@BotFather" in proc.stderr
    assert wrong not in proc.stderr + proc.stdout and wrong.split(":")[1] not in proc.stderr + proc.stdout


def test_an_unreachable_bot_api_stops_with_one_line_and_exit_2(tmp_path: Path) -> None:
    token = "123456789:" + "A" * 35
    with refused_port() as port:
        proc = run_once(tmp_path, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot")
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"could not reach the Bot API at 127.0.0.1:{port}" in proc.stderr and token not in proc.stderr


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A local port bound but not listening: a connection to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def test_retention_runs_at_start_up_for_conversations_events_and_old_leads(fake: FakeBotAPI, tmp_path: Path) -> None:
    """A bot restarted every day must still purge: the purge runs at start-up, then daily."""
    old, recent = time.time() - 400 * 86400, time.time() - 3600
    store = Store(tmp_path / "nmt.db")
    for chat, at in ((1401, old), (1402, recent)):
        store.save(chat, {"state": "region"}, now=at)
        store.event(chat, "ig_old", "start", now=at)
        store.add_lead(chat, {"phone": "+447700900001", "summary": "…"}, "Ann", None, now=at)
    store.close()
    with running(fake, tmp_path) as bot:
        kept = poll(lambda: bot.query("SELECT chat_id FROM conversations"), lambda rows: rows == [(1402,)], timeout=10)
        assert kept == [(1402,)], "the conversation idle for 400 days is gone (retention_days 90)"
        assert bot.query("SELECT chat_id FROM events") == [(1402,)]
        assert bot.query("SELECT chat_id FROM leads") == [(1402,)], "the 400-day-old lead is gone (lead_retention_days 365)"


def test_a_second_bot_on_the_same_database_stops_with_one_line_and_exit_2(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Telegram's 409 keeps a second poller idle, but its outbox would still send every lead twice."""
    with running(fake, tmp_path) as first:
        proc = run_once(tmp_path, TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=fake.base_url, NMT_DB=str(first.db))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.strip().splitlines() == [f"nmt-bot: another nmt-bot is already running on NMT_DB={first.db}: stop it first, or give this one its own NMT_DB"]
        assert len([c for c in fake.calls if c.method == "getMe"]) == 1, "the second one never reached Telegram"
        turn(fake, 1501, fake.command(1501, "start"))  # the first goes on undisturbed
