"""The real bot process (`nmt-bot run`) against a local fake Bot API over HTTP."""

from __future__ import annotations

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
from collections.abc import Awaitable, Iterator
from pathlib import Path

import pytest

from .botprocess import (
    PATH,
    PRACTICE,
    ROOT,
    BotProcess,
    buttons,
    poll,
    press,
    processed,
    request_call_back,
    running,
    say,
    settle,
    to_recommendation,
    turn,
    wait_summary,
)
from .fakebot import LOST, FakeBotAPI


@pytest.fixture
def bot(fake: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    with running(fake, tmp_path) as process:
        yield process


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
    while any(b.startswith(("rf.", "rfg.")) for b in buttons(shown[-1])):
        last_check = buttons(shown[-1])
        shown = press(fake, chat, next(b for b in last_check if b.endswith((".none", ".no"))))
    assert "contraindications.pregnancy" in last_check, "the contraindications are asked with the last check"
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
    settle(fake, bot.db, chat)
    assert not any("✓ Hip" in str(c.params.get("text", "")) for c in fake.calls if c.method == "editMessageText")


def test_typing_shows_when_the_answer_is_slow(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1013
    # A slow network: each message of the answer takes longer to go out than the 0.3 s after which
    # "typing…" is due, with room to spare for a busy machine.
    fake.delay("sendMessage", 0.6)
    fake.push(fake.command(chat, "start"))
    fake.wait_sent(chat, 2, timeout=20)
    typing = fake.wait_for(lambda c: c.method == "sendChatAction" and c.params.get("chat_id") == chat)
    assert typing[0].params["action"] == "typing"


async def test_typing_is_not_queued_behind_the_overall_rate_limit() -> None:
    """When many requests already wait on Telegram's 30/s limit, a "typing…" would arrive with the answer."""
    import asyncio

    from bot.telegram.runtime import ChatRateLimiter

    limiter = ChatRateLimiter()
    await limiter.initialize()
    gate = asyncio.Event()

    async def slow_send(*args: object, **kwargs: object) -> bool:
        await gate.wait()
        return True

    sends = [asyncio.create_task(limiter.process_request(slow_send, (), {}, "sendMessage", {"chat_id": 100 + i}, None)) for i in range(20)]
    for _ in range(500):  # until every send has reached the gate
        if limiter.queued == 20:
            break
        await asyncio.sleep(0.01)
    assert limiter.busy and limiter.queued == 20
    gate.set()
    assert await asyncio.gather(*sends) == [True] * 20
    assert not limiter.busy and limiter.queued == 0
    await limiter.shutdown()


async def test_a_private_chat_gets_a_few_messages_at_once_then_a_steady_pace() -> None:
    """The end-to-end tests run at a fast pace; the pace itself is checked here, over a short period."""
    import asyncio

    from bot.telegram.runtime import ChatRateLimiter

    limiter = ChatRateLimiter(burst=3, burst_seconds=0.3)
    await limiter.initialize()
    loop = asyncio.get_running_loop()
    times: dict[tuple[str, int], list[float]] = {}

    def request(endpoint: str, chat_id: int) -> Awaitable[object]:
        async def send(*args: object, **kwargs: object) -> bool:
            times.setdefault((endpoint, chat_id), []).append(loop.time() - began)
            return True

        return limiter.process_request(send, (), {}, endpoint, {"chat_id": chat_id}, None)

    began = loop.time()
    await asyncio.gather(*(request(endpoint, chat) for endpoint, chat in [("sendMessage", 100), ("sendMessage", -100), ("sendChatAction", 100)] for _ in range(6)))
    private = sorted(times[("sendMessage", 100)])
    # Three at once, then one every 0.1 s: the fourth waits a message's worth, the sixth three.
    assert private[3] >= 0.08 and private[5] >= 0.25
    # A group chat (Telegram's own limit there) and "typing…" are not held by a private chat's pace.
    assert max(times[("sendMessage", -100)] + times[("sendChatAction", 100)]) < private[3]
    await limiter.shutdown()


def test_the_same_path_by_typed_text(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 1002
    turn(fake, chat, fake.command(chat, "start"))
    for text in ("none of these", "my lower back", "dull ache", "gradually", "for about 4 months", "5"):
        shown = say(fake, chat, text)
    assert "Safety check 1 of" in shown[-1]["text"]
    while any(b.startswith("rfg.") for b in buttons(shown[-1])):  # the last check holds the contraindications too
        shown = say(fake, chat, "no")
    assert "good fit" in " ".join(str(m["text"]) for m in wait_summary(fake, chat))
    assert sum("reply_markup" in m for m in fake.shown(chat)) == 1, "only the latest message has buttons"


def test_conversation_survives_a_killed_process(fake: FakeBotAPI, tmp_path: Path) -> None:
    chat = 1003
    first = BotProcess(fake, tmp_path).start()
    turn(fake, chat, fake.command(chat, "start", "fb_story"))
    press(fake, chat, "screen.none")
    press(fake, chat, "region.knee")
    settle(fake, first.db, chat)
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
    settle(fake, bot.db, chat, -1009999, -2001)
    assert "t.me/nmt_test_bot" in fake.sent(-2001)[0]["text"]
    assert len(fake.sent(chat)) == n, "an edit is not a new answer"
    assert not fake.sent(-1009999)
    fake.push(fake.my_chat_member(chat, "kicked"))
    settle(fake, bot.db, chat)
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
    settle(fake, bot.db, chat)
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
    settle(fake, bot.db, chat)
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
    settle(fake, bot.db, chat)
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
    settle(fake, bot.db, chat)
    rows = sqlite3.connect(bot.db).execute("SELECT count(*) FROM conversations WHERE chat_id = ?", (chat,)).fetchone()[0]
    assert rows == 0


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
    with running(fake, tmp_path) as second:  # and a restart does not answer any of them twice
        settle(fake, second.db, *chats)
    assert all(len(fake.sent(chat)) == 2 for chat in chats)


def test_sigkill_loses_at_most_the_updates_in_flight(fake: FakeBotAPI, tmp_path: Path) -> None:
    chats = range(1221, 1231)
    first = BotProcess(fake, tmp_path).start()
    fake.delay("sendMessage", 0.3)
    ids = [fake.push(fake.command(chat, "start")) for chat in chats]
    fake.wait_fetched(ids[-1])
    poll(lambda: first.query("SELECT chat_id FROM conversations"), lambda rows: len(rows) == len(chats), timeout=10)
    first.stop(signal.SIGKILL)  # answers stored, their replies on their way (each message takes 0.3 s)
    with sqlite3.connect(first.db) as conn:
        stored = dict(conn.execute("SELECT chat_id, json_extract(state, '$.state') FROM conversations"))
    assert stored and set(stored.values()) == {"screen"}
    fake.delay("sendMessage", 0)
    with running(fake, tmp_path) as second:
        # Replies cut short are sent again first ("Sorry, I was interrupted…"), and updates fetched
        # but not confirmed come again.
        poll(lambda: second.query("SELECT chat_id FROM conversations WHERE pending = 1"), lambda rows: not rows, timeout=30)
        settle(fake, second.db, *chats)
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
    rows = poll(lambda: first.query("SELECT json_extract(state, '$.state'), pending FROM conversations WHERE chat_id = ?", chat), lambda r: r == [("region", 1)], 15)
    row = rows[0] if rows else None  # the answer is stored
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


def test_a_reply_telegram_did_not_take_goes_out_as_soon_as_it_answers_again(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Every try at the reply failed (5xx): the answer was saved, and Telegram will not send the update
    again; the reply goes out once Telegram answers, without waiting for a restart."""
    chat = 1251
    with running(fake, tmp_path, NMT_SEND_RETRY_SECONDS="0.01") as bot:
        turn(fake, chat, fake.command(chat, "start"))
        fake.fail("sendMessage", times=10_000, status=502, chat_id=chat)
        fake.push(fake.message(chat, "none of these"))
        fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == chat and c.status == 502, count=5)
        rows = poll(lambda: bot.query("SELECT json_extract(state, '$.state'), pending FROM conversations WHERE chat_id = ?", chat), lambda r: r == [("region", 1)])
        assert rows == [("region", 1)], "the answer is saved, its reply pending"
        fake.heal()
        fake.push(fake.command(1252, "start"))  # any call Telegram answers says it is back
        shown = fake.wait_shown(chat, lambda s: "interrupted" in str(s[-1].get("text", "")), timeout=20)
        assert "Question 1 of 5" in shown[-1]["text"] and "reply_markup" in shown[-1]
        poll(lambda: bot.query("SELECT pending FROM conversations WHERE chat_id = ?", chat), lambda r: r == [(0,)])
        assert bot.query("SELECT pending FROM conversations WHERE chat_id = ?", chat) == [(0,)]


def test_a_message_whose_answer_is_lost_or_late_is_never_sent_again(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Telegram has no idempotency keys: a message whose answer was lost (the connection dropped) or
    came after the bot stopped waiting may have arrived. A slow API used to show one greeting four times."""
    with running(fake, tmp_path, NMT_TELEGRAM_TIMEOUT_SECONDS="1") as bot:
        lost, late = 1253, 1254
        fake.fail("sendMessage", times=1, status=LOST, chat_id=lost)
        fake.delay("sendMessage", 1.6, chat_id=late)  # each answer comes after the bot has stopped waiting
        for chat in (lost, late):
            fake.push(fake.command(chat, "start"))
            fake.wait_sent(chat, 2, timeout=20)
        settle(fake, bot.db, lost, late)
        fake.delay("sendMessage", 0, chat_id=late)
        for chat in (lost, late):
            texts = fake.texts(chat)
            assert sum("not a diagnosis" in t for t in texts) == 1 and len(texts) == 2, texts  # the greeting and the first question, once each
            assert bot.query("SELECT pending FROM conversations WHERE chat_id = ?", chat) == [(0,)], "taken as sent, so not sent again later"
            shown = say(fake, chat, "none of these")  # and the conversation goes on
            assert "Question 1 of 5" in shown[-1]["text"]


def test_a_flood_from_one_chat_holds_up_no_one_else(fake: FakeBotAPI, tmp_path: Path) -> None:
    """4,000 messages from one chat, then someone else's /start: answered at once (it used to wait about
    100 s, as each waiting update held one of the processor's slots); the flooding chat gets answers
    to its newest messages only, and the rest are dropped and logged by count."""
    flood, other = 1271, 1272
    with running(fake, tmp_path) as bot:
        turn(fake, flood, fake.command(flood, "start"))
        for i in range(4000):
            fake.push(fake.message(flood, f"message {i}"))
        started = time.monotonic()
        turn(fake, other, fake.command(other, "start"))
        took = time.monotonic() - started
        settle(fake, bot.db, flood)
        answered = len(fake.sent(flood))
        log = bot.stop()
    # About 1 s alone; it used to be about 100 s. The bar allows for a busy 2-core machine running the
    # suite in parallel (5 s was exceeded once, at 5.3 s, with other heavy jobs beside it).
    assert took < 15.0, f"the other chat waited {took:.1f} s"
    assert answered < 60, f"{answered} messages to the flooding chat"
    assert "updates dropped in a flood" in log and "message 3" not in log


def test_a_stop_during_a_flood_of_start_from_one_chat_is_prompt(fake: FakeBotAPI, tmp_path: Path) -> None:
    """1,000 /start from one chat, then SIGTERM: the stop used to be still going after 60 s, answering
    each /start in turn at a private chat's pace (Telegram's, set here: about a message a second)."""
    flood = 1273
    bot = BotProcess(fake, tmp_path, NMT_CHAT_BURST_SECONDS="3", NMT_MESSAGES_PER_SECOND="30").start()
    ids = [fake.push(fake.command(flood, "start")) for _ in range(1000)]
    fake.wait_fetched(ids[-1])
    started = time.monotonic()
    out = bot.stop()
    took = time.monotonic() - started
    assert bot.returncode == 0 and "Traceback" not in out and " ERROR " not in out, out
    assert took < 10, f"SIGTERM took {took:.1f} s"
    assert len(fake.sent(flood)) < 20, "the flood was not answered message by message"


def test_a_comment_after_the_token_in_env_is_not_part_of_it(fake: FakeBotAPI, tmp_path: Path) -> None:
    """`.env` with a trailing `# comment` made the token "malformed" and the bot would not start."""
    (tmp_path / ".env").write_text(f"TELEGRAM_BOT_TOKEN={fake.token}   # from @BotFather\n", encoding="utf-8")
    bot = BotProcess(fake, tmp_path)
    del bot.env["TELEGRAM_BOT_TOKEN"]  # from .env only
    bot.start()
    try:
        shown = turn(fake, 1274, fake.command(1274, "start"))
        assert "not a diagnosis" in str(shown)
    finally:
        out = bot.stop()
    assert bot.returncode == 0 and "Traceback" not in out and " ERROR " not in out, out


def test_a_database_locked_by_another_process_holds_up_no_chat_and_loses_no_turn(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Another process holds the write lock for longer than SQLite's own busy timeout (5 s): every chat
    went still, and the turn that hit the lock was lost with "Sorry, something went wrong"."""
    typed, pressed = 1281, 1282
    with running(fake, tmp_path) as bot:
        for chat in (typed, pressed):
            turn(fake, chat, fake.command(chat, "start"))
        settle(fake, bot.db, typed, pressed)
        holder = sqlite3.connect(bot.db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            locked_at = time.monotonic()
            fake.push(fake.message(typed, "none of these"))  # its turn cannot be saved until the lock goes
            time.sleep(0.3)
            fake.push(fake.callback(pressed, "screen.none"))
            ack = fake.wait_for(lambda c: c.method == "answerCallbackQuery", timeout=10)[0]
            assert ack.at - time.time() + time.monotonic() - locked_at < 1.5, "the event loop went on: the press was acknowledged at once"
            time.sleep(max(0.0, 5.5 - (time.monotonic() - locked_at)))
        finally:
            holder.execute("COMMIT")
            holder.close()
        for chat in (typed, pressed):
            shown = fake.wait_shown(chat, lambda s: "Question 1 of 5" in str(s[-1].get("text", "")), timeout=20)
            assert "went wrong" not in str(shown)
    assert "went wrong" not in str(fake.sent())


def test_another_poller_with_the_same_token_is_one_warning_not_an_error_a_second(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Telegram answers 409 Conflict while another process polls with the token: the library logged an
    ERROR with a traceback on every retry."""
    conflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
    with running(fake, tmp_path) as bot:
        fake.fail("getUpdates", times=2, status=409, description=conflict)
        fake.wait_for(lambda c: c.method == "getUpdates" and c.status == 409, count=2)
        turn(fake, 1291, fake.command(1291, "start"))  # polling goes on once the other one stops
        log = bot.stop()
    assert log.count("409 Conflict") == 1 and "Traceback" not in log and " ERROR " not in log, log


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

        def post(headers: dict[str, str], body: dict[str, object] | None = None) -> int:
            data = json.dumps(body or update).encode()
            req = urllib.request.Request(f"http://127.0.0.1:{port}/hook", data=data, headers={"Content-Type": "application/json", **headers})
            try:
                with urllib.request.urlopen(req, timeout=10) as resp:
                    return int(resp.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        sentinels = iter(range(900, 1000))

        def post_sentinel(sentinel: dict[str, object]) -> int:
            update_id = next(sentinels)
            assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}, {"update_id": update_id, **sentinel}) == 200
            return update_id

        assert post({}) == 403
        assert post({"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        settle(fake, hook.db, 2001, push=post_sentinel)
        assert not fake.sent(2001)
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200  # replayed
        fake.wait_sent(2001, 2)
        settle(fake, hook.db, 2001, push=post_sentinel)
        assert len(fake.sent(2001)) == 2, "a replayed update is processed once"
        # An update the library cannot read is still taken (Telegram would re-send it for hours),
        # and what it said is not logged; nor is anything that is not an update.
        update = fake.message(2002, "my secret words")
        update["message"]["date"] = "yesterday"
        update["update_id"] = 778
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
        update = {"not": "an update"}
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 400
        update = {"update_id": 2**70, **fake.command(2004, "start")}  # beyond SQLite's integers
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 400
        nested = b"[" * 100_000 + b"]" * 100_000  # deeper than any parser's recursion
        req = urllib.request.Request(f"http://127.0.0.1:{port}/hook", data=nested, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=10)
        refused.value.close()
        assert refused.value.code == 400
        # A message after a SIGTERM's start is still answered: accepted updates are finished first.
        update = fake.command(2003, "start")
        update["update_id"] = 779
        assert post({"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}) == 200
    finally:
        out = hook.stop()
    assert hook.returncode == 0
    assert len(fake.sent(2003)) == 2 and not fake.sent(2004)
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
