"""The real bot process (`nmt-bot run`) against a local fake Bot API over HTTP."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .fakebot import FakeBotAPI

PRACTICE = -1009000  # the practice's group chat, where call-back requests go


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
            "NMT_OUTBOX_SECONDS": "1",
            **env,
        }
        self.env.pop("WEBHOOK_URL", None) if "WEBHOOK_URL" not in env else None
        self.proc: subprocess.Popen[str] | None = None
        self.returncode: int | None = None
        self.log = workdir / "bot.log"
        self.logs: list[str] = []

    def start(self) -> BotProcess:
        before = len([c for c in self.fake.calls if c.method == "setMyCommands"])
        self.log = self.workdir / f"bot-{time.monotonic_ns()}.log"  # one per start: a restart keeps its own
        with open(self.log, "w") as log:  # a file, not a pipe: a pipe nobody reads stalls the bot once full
            self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=self.workdir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
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


@contextlib.contextmanager
def running(fake: FakeBotAPI, workdir: Path, **env: str) -> Iterator[BotProcess]:
    """The bot process for one test; its log must show no traceback and no error."""
    process = BotProcess(fake, workdir, **env).start()
    yield process
    if process.proc is not None:
        out = process.stop()
        assert "Traceback" not in out, out
        assert " ERROR " not in out, out


@pytest.fixture
def bot(fake: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    with running(fake, tmp_path) as process:
        yield process


def turn(fake: FakeBotAPI, chat: int, update: dict[str, object], until: str | None = None, timeout: float = 20) -> list[dict[str, object]]:
    """Push one update and wait for the bot's answer to it; return the chat as the person sees it.

    The answer is complete when the chat's latest message has changed and carries buttons (every
    question does), or, when `until` is given, once the latest message contains that text."""
    before = fake.shown(chat)[-1:]

    def answered(shown: list[dict[str, object]]) -> bool:
        if not shown or shown[-1:] == before:
            return False
        return until in str(shown[-1].get("text", "")) if until is not None else "reply_markup" in shown[-1]

    fake.push(update)
    return fake.wait_shown(chat, answered, timeout)


def press(fake: FakeBotAPI, chat: int, data: str, until: str | None = None) -> list[dict[str, object]]:
    """Press a button on the bot's latest message; wait for the answer."""
    return turn(fake, chat, fake.callback(chat, data), until)


def say(fake: FakeBotAPI, chat: int, text: str, until: str | None = None) -> list[dict[str, object]]:
    """Type a message; wait for the answer."""
    return turn(fake, chat, fake.message(chat, text), until)


def buttons(message: dict[str, object]) -> list[str]:
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def wait_summary(fake: FakeBotAPI, chat: int) -> list[dict[str, object]]:
    """Wait for the recommendation's closing summary; return the outcome and the summary messages."""
    return fake.wait_shown(chat, lambda shown: "Summary" in str(shown[-1].get("text", "")) and "reply_markup" in shown[-1], timeout=20)[-2:]


PATH = ["screen.none", "region.lower_back", "pain_type.dull_ache", "onset.gradual", "duration.months", "severity.5"]


def test_deep_link_to_recommendation_by_buttons(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1001
    shown = turn(fake, chat, fake.command(chat, "start", "ig_reel_nov"))
    assert len(shown) == 2 and "not a diagnosis" in shown[0]["text"]
    assert fake.sent(chat)[0]["parse_mode"] == "HTML"
    assert "screen.none" in buttons(shown[1]), "the life-threatening screen comes first"
    # The commands menu was set at start-up.
    menu = next(c for c in fake.calls if c.method == "setMyCommands")
    assert [c["command"] for c in menu.params["commands"]] == ["start", "help", "faq", "book", "restart", "privacy", "forget"]
    question = shown[1]["message_id"]
    for data in PATH:
        shown = press(fake, chat, data)
    # Every press was acknowledged, and each answered question turned into the next one in place,
    # with the chosen answer kept visible: one message, no old buttons left to press.
    fake.wait_for(lambda c: c.method == "answerCallbackQuery", count=len(PATH))
    edits = fake.wait_for(lambda c: c.method == "editMessageText" and c.params.get("chat_id") == chat, count=len(PATH))
    assert "✓ Lower back" in edits[1].params["text"] and "Question 2 of 5" in edits[1].params["text"]
    assert len(shown) == 2 and shown[-1]["message_id"] == question and len(fake.sent(chat)) == 2
    # Safety questions until the recommendation.
    while "rf." in " ".join(buttons(shown[-1])):
        shown = press(fake, chat, next(b for b in buttons(shown[-1]) if b.endswith(".no")))
    assert "contraindications.none" in buttons(shown[-1])
    press(fake, chat, "contraindications.none")
    last_two = wait_summary(fake, chat)
    assert "good fit" in last_two[0]["text"] and "Lower back pain" in last_two[0]["text"]
    assert "recommendation.book" in buttons(last_two[1])
    # The last question, answered, keeps its answer and no buttons; the outcome comes as new messages.
    answered = fake.shown(chat)[-3]
    assert answered["text"].endswith("✓ ✅ None of these") and "reply_markup" not in answered
    # The source of the visit is in the store, with answer ids only.
    row = sqlite3.connect(bot.db).execute("SELECT state FROM conversations WHERE chat_id = ?", (chat,)).fetchone()
    state = json.loads(row[0])
    assert state["source"] == "ig_reel_nov" and state["level"] == "nmt_fit"


def to_recommendation(fake: FakeBotAPI, chat: int, source: str = "") -> None:
    """/start, the lower-back path by buttons, "No" to every safety question, no contraindications."""
    shown = turn(fake, chat, fake.command(chat, "start", source))
    for data in PATH:
        shown = press(fake, chat, data)
    while "rf." in " ".join(buttons(shown[-1])):
        shown = press(fake, chat, next(b for b in buttons(shown[-1]) if b.endswith(".no")))
    assert "contraindications.none" in buttons(shown[-1])
    press(fake, chat, "contraindications.none")
    wait_summary(fake, chat)


def request_call_back(fake: FakeBotAPI, chat: int, phone: str = "+44 7700 900123", button: str = "recommendation.callback") -> None:
    press(fake, chat, button, until="call you on")
    assert fake.sent(chat)[-1]["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    say(fake, chat, phone)
    press(fake, chat, "callback_time.evening")
    press(fake, chat, "callback_note.skip", until="Thank you")


def test_call_back_request_reaches_the_practice_chat(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1011
    to_recommendation(fake, chat, "ig_test")
    request_call_back(fake, chat)
    lead = fake.wait_sent(PRACTICE, 1)[0]["text"]
    assert "ig_test" in lead and "+447700900123" in lead and "Evening" in lead and "Lower back" in lead
    assert "Summary" in lead


def test_typed_answers_close_the_old_keyboard_and_stale_presses_are_not_ticked(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1012
    turn(fake, chat, fake.command(chat, "start"))
    shown = say(fake, chat, "none of these")
    assert "quick safety check" in shown[-2]["text"] and "reply_markup" not in shown[-2], "the typed answer closed the screen's keyboard"
    region_question = shown[-1]
    shown = say(fake, chat, "my knee")
    assert shown[-2]["message_id"] == region_question["message_id"] and "reply_markup" not in shown[-2]
    # A press that was on its way before the keyboard closed gets a pointer to the current question, and is not ticked.
    shown = turn(fake, chat, fake.callback(chat, "region.hip", message_id=region_question["message_id"]))
    assert "That question has passed" in shown[-1]["text"] and "Question 2 of 5" in shown[-1]["text"]
    fake.wait_idle()
    assert not any("✓ Hip" in str(c.params.get("text", "")) for c in fake.calls if c.method == "editMessageText")


def test_typing_shows_when_the_answer_is_slow(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1013
    fake.delay("sendMessage", 0.8)  # a slow network: the answer takes a while to go out
    fake.push(fake.command(chat, "start"))
    fake.wait_sent(chat, 2, timeout=20)
    typing = fake.wait_for(lambda c: c.method == "sendChatAction" and c.params.get("chat_id") == chat)
    assert typing[0].params["action"] == "typing"


async def test_typing_is_not_queued_behind_the_overall_rate_limit() -> None:
    """When many requests already wait on Telegram's 30/s limit, a "typing…" would arrive with the answer."""
    import asyncio

    from bot.telegram.app import ChatRateLimiter

    limiter = ChatRateLimiter()
    await limiter.initialize()
    gate = asyncio.Event()

    async def slow_send(*args: object, **kwargs: object) -> bool:
        await gate.wait()
        return True

    sends = [asyncio.create_task(limiter.process_request(slow_send, (), {}, "sendMessage", {"chat_id": 100 + i}, None)) for i in range(20)]
    await asyncio.sleep(0.2)
    assert limiter.busy and limiter.queued == 20
    gate.set()
    assert await asyncio.gather(*sends) == [True] * 20
    assert not limiter.busy and limiter.queued == 0
    await limiter.shutdown()


def test_the_same_path_by_typed_text(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1002
    turn(fake, chat, fake.command(chat, "start"))
    for text in ("none of these", "my lower back", "dull ache", "gradually", "for about 4 months", "5"):
        shown = say(fake, chat, text)
    assert "Safety check 1 of" in shown[-1]["text"]
    while "Safety check" in shown[-1]["text"]:
        shown = say(fake, chat, "no")
    say(fake, chat, "none", until="Summary")  # no contraindications either
    assert "good fit" in " ".join(str(m["text"]) for m in wait_summary(fake, chat))
    assert sum("reply_markup" in m for m in fake.shown(chat)) == 1, "only the latest message has buttons"


def test_conversation_survives_a_killed_process(fake: FakeBotAPI, tmp_path: Path) -> None:
    chat = 1003
    first = BotProcess(fake, tmp_path).start()
    turn(fake, chat, fake.command(chat, "start", "fb_story"))
    press(fake, chat, "screen.none")
    press(fake, chat, "region.knee")
    fake.wait_idle()
    first.stop(signal.SIGKILL)
    second = BotProcess(fake, tmp_path).start()
    try:
        shown = press(fake, chat, "pain_type.sharp")
        assert "Question 3 of 5" in shown[-1]["text"]
    finally:
        out = second.stop()
    assert "Traceback" not in out


def test_stale_and_forged_buttons(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1004
    turn(fake, chat, fake.command(chat, "start"))
    press(fake, chat, "screen.none")
    press(fake, chat, "region.neck")
    for data in ("region.knee", "x" * 64, "rf.nope.yes"):
        shown = press(fake, chat, data)
        assert "That question has passed" in shown[-1]["text"] and "Question 2 of 5" in shown[-1]["text"]
        assert sum("reply_markup" in m for m in shown) == 1, "the pressed keyboard was closed"
    # Back turns the current question into the previous one in place, with no "✓ Back" on it.
    shown = press(fake, chat, next(b for b in buttons(shown[-1]) if b.startswith("back.")))
    assert shown[-1]["text"].startswith("Question 1 of 5") and "region.neck" in buttons(shown[-1])


def test_non_text_group_channel_edited_and_blocked(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1005
    turn(fake, chat, fake.command(chat, "start"))
    for update in (fake.sticker(chat), fake.photo(chat), fake.voice(chat), fake.location(chat), fake.document(chat)):
        shown = turn(fake, chat, update)
        assert "only read text and buttons" in shown[-1]["text"] and "quick safety check" in shown[-1]["text"]
    n = len(fake.sent(chat))
    fake.push(fake.edited(chat, "my knee"))
    fake.push(fake.channel_post(-1009999, "hello"))
    fake.push(fake.group_message(-2001, "/start"))
    fake.wait_sent(-2001, 1)
    fake.wait_idle()
    assert "t.me/nmt_test_bot" in fake.sent(-2001)[0]["text"]
    assert len(fake.sent(chat)) == n, "an edit is not a new answer"
    assert not fake.sent(-1009999)
    fake.push(fake.my_chat_member(chat, "kicked"))
    fake.wait_idle()
    active = sqlite3.connect(bot.db).execute("SELECT active FROM conversations WHERE chat_id = ?", (chat,)).fetchone()[0]
    assert active == 0


def test_a_duplicated_update_is_processed_once(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1006
    turn(fake, chat, fake.command(chat, "start"))
    update = fake.callback(chat, "screen.none")
    update["update_id"] = 5000
    fake.push(update)
    fake.push(dict(update))  # same update_id again
    fake.wait_shown(chat, lambda shown: "Question 1 of 5" in shown[-1]["text"])
    fake.wait_idle()
    assert len(fake.sent(chat)) == 2
    assert len([c for c in fake.calls if c.method == "editMessageText" and c.params.get("chat_id") == chat]) == 1


def test_429_is_retried_and_html_is_escaped(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1007
    fake.fail("sendMessage", times=2, status=429, retry_after=1)
    update = fake.command(chat, "start")
    update["message"]["from"]["first_name"] = "<b>Ann</b>"
    fake.push(update)
    sent = fake.wait_sent(chat, 2, timeout=20)
    assert sent[0]["text"].startswith("Hello, &lt;b&gt;Ann&lt;/b&gt;!")
    assert len([c for c in fake.calls if c.method == "sendMessage" and c.status == 429]) == 2
    fake.fail("sendMessage", times=2, status=502)
    n = len(fake.sent(chat))
    fake.push(fake.message(chat, "none of these"))
    # A 5xx is retried: the answer arrives, once.
    sent = fake.wait_sent(chat, n + 1, timeout=20)
    fake.wait_idle()
    assert "Question 1 of 5" in sent[-1]["text"] and len(fake.sent(chat)) == n + 1
    # The same for an answer shown by editing the pressed question.
    fake.fail("editMessageText", times=2, status=502)
    shown = press(fake, chat, "region.knee")
    assert "✓ Knee" in shown[-1]["text"] and "Question 2 of 5" in shown[-1]["text"] and len(fake.sent(chat)) == n + 1


def test_returning_after_a_day_is_asked_to_continue_or_start_over(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1008
    turn(fake, chat, fake.command(chat, "start"))
    press(fake, chat, "screen.none")
    press(fake, chat, "region.calf")
    fake.wait_idle()
    with sqlite3.connect(bot.db) as db:
        db.execute("UPDATE conversations SET updated_at = updated_at - 2 * 86400 WHERE chat_id = ?", (chat,))
    shown = say(fake, chat, "hello again")
    assert "Welcome back" in shown[-1]["text"]
    assert buttons(shown[-1]) == ["continue.pain_type", "nav.restart"]
    shown = press(fake, chat, "continue.pain_type")
    assert "Question 2 of 5" in shown[-1]["text"]
    # Commands still work for someone coming back: /forget is never held up.
    with sqlite3.connect(bot.db) as db:
        db.execute("UPDATE conversations SET updated_at = updated_at - 2 * 86400 WHERE chat_id = ?", (chat,))
    shown = turn(fake, chat, fake.command(chat, "forget"))
    assert "Delete everything" in shown[-1]["text"]


def test_forget_deletes_the_conversation(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1009
    turn(fake, chat, fake.command(chat, "start", "ig_x"))
    turn(fake, chat, fake.command(chat, "forget"))
    press(fake, chat, "nav.forget_yes", until="deleted everything")
    fake.wait_idle()
    rows = sqlite3.connect(bot.db).execute("SELECT count(*) FROM conversations WHERE chat_id = ?", (chat,)).fetchone()[0]
    assert rows == 0


def processed(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT update_id FROM processed_updates")}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_shutdown_finishes_the_updates_already_fetched(fake: FakeBotAPI, tmp_path: Path, sig: signal.Signals) -> None:
    chats = range(1201, 1211)
    first = BotProcess(fake, tmp_path).start()
    fake.delay("sendMessage", 0.3)  # answers take a while: most are still on their way when the signal comes
    ids = [fake.push(fake.command(chat, "start")) for chat in chats]
    fake.wait_fetched(ids[-1])
    first.stop(sig)
    assert first.returncode == 0
    # Telegram will not send these again: every one was answered in full before the process ended.
    assert set(ids) <= processed(first.db)
    assert all(len(fake.sent(chat)) == 2 for chat in chats), {chat: len(fake.sent(chat)) for chat in chats}
    fake.delay("sendMessage", 0)
    with running(fake, tmp_path):  # and a restart does not answer any of them twice
        fake.wait_idle(quiet=1.0)
    assert all(len(fake.sent(chat)) == 2 for chat in chats)


def test_sigkill_loses_at_most_the_updates_in_flight(fake: FakeBotAPI, tmp_path: Path) -> None:
    chats = range(1221, 1231)
    first = BotProcess(fake, tmp_path).start()
    fake.delay("sendMessage", 0.3)
    ids = [fake.push(fake.command(chat, "start")) for chat in chats]
    fake.wait_fetched(ids[-1])
    time.sleep(0.5)
    first.stop(signal.SIGKILL)  # some answers stored, some replies on their way, some updates not yet started
    with sqlite3.connect(first.db) as conn:
        stored = dict(conn.execute("SELECT chat_id, json_extract(state, '$.state') FROM conversations"))
    assert stored and set(stored.values()) == {"screen"}
    fake.delay("sendMessage", 0)
    with running(fake, tmp_path):
        fake.wait_idle(quiet=1.0, timeout=30)  # replies cut short are sent again first ("Sorry, I was interrupted…")
        for chat in chats:  # everyone carries on; what was stored is kept
            say(fake, chat, "none of these")
    with sqlite3.connect(first.db) as conn:
        states = dict(conn.execute("SELECT chat_id, json_extract(state, '$.state') FROM conversations"))
    assert all(states[chat] == "region" for chat in stored), states
    greetings = {chat: sum("not a diagnosis" in m["text"] for m in fake.sent(chat)) for chat in chats}
    assert all(n <= 1 for n in greetings.values()), f"nothing is answered twice: {greetings}"


def test_a_reply_cut_short_by_a_killed_process_is_sent_after_the_restart(fake: FakeBotAPI, tmp_path: Path) -> None:
    """The answer was stored (so Telegram's copy of the update is gone) but the reply never left."""
    chat = 1241
    first = BotProcess(fake, tmp_path).start()
    turn(fake, chat, fake.command(chat, "start"))
    fake.delay("sendMessage", 30)  # the reply to the next answer hangs
    fake.fail("editMessageText", times=100, status=502)  # and the in-place edit fails: the reply must be sent
    fake.push(fake.callback(chat, "screen.none", message_id=fake.last_message_id(chat)))
    deadline = time.monotonic() + 15
    while True:  # wait until the answer is stored
        with sqlite3.connect(first.db) as conn:
            row = conn.execute("SELECT json_extract(state, '$.state'), pending FROM conversations WHERE chat_id = ?", (chat,)).fetchone()
        if row == ("region", 1) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert row == ("region", 1)
    first.stop(signal.SIGKILL)
    fake.delay("sendMessage", 0)
    fake.heal()
    with running(fake, tmp_path):
        shown = fake.wait_shown(chat, lambda s: "interrupted" in str(s[-1].get("text", "")), timeout=20)
        assert "Question 1 of 5" in shown[-1]["text"] and "reply_markup" in shown[-1]
        shown = press(fake, chat, "region.knee")  # and the conversation goes on from there
        assert "Question 2 of 5" in shown[-1]["text"]
    with sqlite3.connect(first.db) as conn:
        assert conn.execute("SELECT pending FROM conversations WHERE chat_id = ?", (chat,)).fetchone() == (0,)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_webhook_refuses_requests_without_the_secret(fake: FakeBotAPI, tmp_path: Path) -> None:
    port = _free_port()
    hook = BotProcess(fake, tmp_path, WEBHOOK_URL=f"http://127.0.0.1:{port}/hook", WEBHOOK_SECRET="s3cret_token", PORT=str(port))
    hook.start()
    try:
        set_hook = fake.wait_for(lambda c: c.method == "setWebhook")[0]
        deadline = time.monotonic() + 15
        while True:  # the webhook server may start listening just after setWebhook
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the webhook server never listened"
                time.sleep(0.1)
        assert set_hook.params["secret_token"] == "s3cret_token"
        update = fake.command(2001, "start", "web")
        update["update_id"] = 777

        def post(headers: dict[str, str]) -> int:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/hook", data=json.dumps(update).encode(), headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(req, timeout=10) as resp:
                    return int(resp.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post({}) == 403
        assert post({"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        time.sleep(0.3)
        assert not fake.sent(2001)
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200  # replayed
        fake.wait_sent(2001, 2)
        fake.wait_idle()
        assert len(fake.sent(2001)) == 2, "a replayed update is processed once"
        # An update the library cannot read is still taken (Telegram would re-send it for hours),
        # and what it said is not logged; nor is anything that is not an update.
        update = fake.message(2002, "my secret words")
        update["message"]["date"] = "yesterday"
        update["update_id"] = 778
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
        update = {"not": "an update"}
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 400
        # A message after a SIGTERM's start is still answered: accepted updates are finished first.
        update = fake.command(2003, "start")
        update["update_id"] = 779
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
    finally:
        out = hook.stop()
    assert hook.returncode == 0
    assert len(fake.sent(2003)) == 2
    assert "Traceback" not in out and "my secret words" not in out and "update 778 (message) could not be read" in out


def test_bad_settings_exit_2_with_one_line(tmp_path: Path) -> None:
    token = "123456789:" + "A" * 35
    broken = tmp_path / "content"
    for part in ("knowledge", "flows"):
        shutil.copytree(ROOT / part, broken / part)
    (broken / "flows/triage.yaml").write_text("version: 1\ninitial: [\n", encoding="utf-8")
    ok = {"TELEGRAM_BOT_TOKEN": token, "PRACTICE_CHAT_ID": "-100123"}
    bad = (
        {"TELEGRAM_BOT_TOKEN": ""},
        {"TELEGRAM_BOT_TOKEN": "nope"},
        {"TELEGRAM_BOT_TOKEN": token, "PRACTICE_CHAT_ID": "abc"},
        {"TELEGRAM_BOT_TOKEN": token, "PRACTICE_CHAT_ID": ""},
        {**ok, "NMT_DB": str(tmp_path / "no" / "such" / "folder" / "nmt.db")},
        {**ok, "NMT_CONTENT": str(broken)},
    )
    for env in bad:
        proc = subprocess.run(
            [sys.executable, "-m", "bot.cli", "run"], cwd=tmp_path, capture_output=True, text=True, timeout=30,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        )  # fmt: skip
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        assert ("nmt-bot check" in proc.stderr) == ("NMT_CONTENT" in env)

