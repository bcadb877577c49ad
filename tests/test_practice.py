"""The practice's side, end to end over the fake Bot API: leads that are never lost, stats, relay, privacy."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.content import Content
from bot.telegram import render

from .botprocess import FAST, PRACTICE, ROOT, BotProcess, poll, press, request_call_back, running, say, settle, to_recommendation, turn
from .fakebot import FakeBotAPI

ADMIN = 4242


@pytest.fixture
def bot(fake: FakeBotAPI, tmp_path: Path) -> Iterator[BotProcess]:
    with running(fake, tmp_path, ADMIN_IDS=str(ADMIN)) as process:
        yield process


def rows(db: Path, table: str, chat_id: int) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table} WHERE chat_id = ?", (chat_id,)).fetchone()[0])


def lead_messages(fake: FakeBotAPI) -> list[str]:
    return [m["text"] for m in fake.sent(PRACTICE) if "call-back request" in m["text"]]


def wait_delivered(bot: BotProcess, timeout: float = 30) -> None:
    """Until every stored lead is marked delivered: from then on the outbox never sends it again."""
    poll(lambda: bot.query("SELECT id FROM leads WHERE delivered_at IS NULL"), lambda rows: not rows, timeout)


def test_a_shared_contact_becomes_a_lead_in_the_store_and_the_practice_chat(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3001
    to_recommendation(fake, chat, "ig_test")
    press(fake, chat, "recommendation.callback", until="call you on")
    turn(fake, chat, fake.contact(chat, "+447700900456"))  # Telegram's "share my number" button
    press(fake, chat, "callback_time.morning")
    say(fake, chat, "please avoid Fridays", until="Thank you")
    text = fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE and c.status == 200)[0].params["text"]
    assert "+447700900456" in text and "Morning" in text and "please avoid Fridays" in text and "ig_test" in text
    assert text.startswith("Lead #1 · "), "a number that tells a rare duplicate for what it is"
    lead = poll(lambda: bot.query("SELECT phone, source, delivered_at, triage FROM leads WHERE chat_id = ?", chat), lambda rows: bool(rows) and rows[0][2] is not None, 10)
    phone, source, delivered, triage = lead[0]  # marked delivered just after Telegram accepted it
    assert (phone, source) == ("+447700900456", "ig_test") and delivered is not None
    assert '"level": "nmt_fit"' in triage and '"region": "lower_back"' in triage


def test_the_practice_chat_failing_for_a_while_still_gets_the_lead_exactly_once(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3002
    to_recommendation(fake, chat, "fb_post")
    fake.fail("sendMessage", times=3, status=502, chat_id=PRACTICE)
    request_call_back(fake, chat)
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE and c.status == 502, count=3, timeout=60)
    fake.fail("sendMessage", times=2, status=429, retry_after=1, chat_id=PRACTICE)
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE and c.status == 200, timeout=90)
    wait_delivered(bot)
    assert len(lead_messages(fake)) == 1
    assert "Thank you" in fake.sent(chat)[-1]["text"], "the person was told at once, whatever the practice chat did"


def test_a_slow_practice_chat_holds_up_neither_the_outbox_job_nor_the_person(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3004
    to_recommendation(fake, chat, "ig_slow")
    # Four outbox intervals for one message: the job comes round again while the pass is still sending.
    fake.delay("sendMessage", 4 * float(FAST["NMT_OUTBOX_SECONDS"]), chat_id=PRACTICE)
    request_call_back(fake, chat)
    assert "Thank you" in fake.sent(chat)[-1]["text"]
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE, timeout=30)
    wait_delivered(bot)
    assert len(lead_messages(fake)) == 1
    logs = bot.stop()
    assert "maximum number of running instances" not in logs and "Traceback" not in logs and " ERROR " not in logs


def test_a_shutdown_does_not_wait_for_a_slow_practice_chat_and_loses_no_lead(fake: FakeBotAPI, tmp_path: Path) -> None:
    """SIGTERM while call-back requests queue for the practice chat (20 messages a minute in a group):
    the process exits promptly, and what was not sent goes out after the restart, once each."""
    chats = (3011, 3012, 3013)
    first = BotProcess(fake, tmp_path).start()
    for chat in chats:
        to_recommendation(fake, chat, "ig_queue")
    # Slow enough that the other two requests are made while the first lead is still on its way, so
    # the stop finds leads waiting; each takes that long again if the pass does not stop for it.
    fake.delay("sendMessage", 2, chat_id=PRACTICE)
    for chat in chats:
        request_call_back(fake, chat)
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE)
    started = time.monotonic()
    first.stop()
    assert first.returncode == 0 and time.monotonic() - started < 10
    with sqlite3.connect(first.db) as conn:
        waiting = conn.execute("SELECT count(*) FROM leads WHERE delivered_at IS NULL").fetchone()[0]
    assert waiting >= 1, "the rest were left for the next start"
    fake.delay("sendMessage", 0, chat_id=PRACTICE)
    with running(fake, tmp_path) as second:
        wait_delivered(second)
    assert sorted(m.count("ig_queue") for m in lead_messages(fake)) == [1, 1, 1]  # each once


def test_a_lead_stored_before_a_crash_is_delivered_after_the_restart(fake: FakeBotAPI, tmp_path: Path) -> None:
    chat = 3003
    first = BotProcess(fake, tmp_path).start()
    to_recommendation(fake, chat, "qr_flyer")
    fake.fail("sendMessage", times=1000, status=502, chat_id=PRACTICE)
    request_call_back(fake, chat)
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE and c.status == 502)
    first.stop(signal.SIGKILL)
    assert rows(first.db, "leads", chat) == 1
    fake.heal()
    second = BotProcess(fake, tmp_path).start()
    try:
        fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE and c.status == 200, timeout=30)
        wait_delivered(second)
        assert len(lead_messages(fake)) == 1
    finally:
        second.stop()


def test_a_lead_sent_again_after_a_crash_shows_the_same_number(fake: FakeBotAPI, tmp_path: Path) -> None:
    """Killed while the lead was on its way: it may have arrived, and it is sent again at the next start
    (a lead lost is worse than one seen twice). The practice sees the same number twice, not two leads."""
    chat = 3051
    first = BotProcess(fake, tmp_path).start()
    to_recommendation(fake, chat, "ig_crash")
    fake.delay("sendMessage", 2, chat_id=PRACTICE)
    request_call_back(fake, chat)
    fake.wait_for(lambda c: c.method == "sendMessage" and c.params.get("chat_id") == PRACTICE)
    first.stop(signal.SIGKILL)
    fake.delay("sendMessage", 0, chat_id=PRACTICE)
    with running(fake, tmp_path) as second:
        wait_delivered(second)
    number = first.query("SELECT id FROM leads")[0][0]
    sent = lead_messages(fake)
    assert 1 <= len(sent) <= 2 and all(m.startswith(f"Lead #{number} · ") for m in sent), sent


def test_stats_for_admins_only(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3004
    to_recommendation(fake, chat, "ig_test")
    press(fake, chat, "recommendation.book")
    request_call_back(fake, chat, button="book_online.callback")
    fake.wait_sent(PRACTICE, 1)
    fake.push(fake.command(ADMIN, "stats"))
    report = fake.wait_sent(ADMIN, 1)[0]["text"]
    assert "ig_test" in report and "asked for a call-back 1" in report and "opened booking 1" in report and "started 1" in report
    fake.wait_for(lambda c: c.method == "sendPhoto" and c.params.get("chat_id") == ADMIN)
    fake.push(fake.command(ADMIN, "leads"))
    assert "+447700900123" in fake.wait_sent(ADMIN, 2)[-1]["text"]
    fake.push(fake.command(ADMIN, "export"))
    docs = fake.wait_for(lambda c: c.method == "sendDocument" and c.params.get("chat_id") == ADMIN, count=2)
    assert {d.params["document"]["filename"] for d in docs} == {"leads.csv", "funnel_events.csv"}
    # Anyone else gets the same answer as for an unknown command, and nothing about the practice.
    stranger = 3005
    turn(fake, stranger, fake.command(stranger, "start"))
    answer = turn(fake, stranger, fake.command(stranger, "stats"))[-1]["text"]
    assert "I don't know the command /stats" in answer and "ig_test" not in answer


def test_admin_commands_only_in_an_admins_private_chat_and_never_again_for_an_edit(fake: FakeBotAPI, bot: BotProcess) -> None:
    """An admin typing /leads or /export in a group would show every member the phone numbers."""
    chat = 3021
    to_recommendation(fake, chat, "ig_group")
    request_call_back(fake, chat, phone="+44 7700 900777")
    group = -5021
    for command in ("leads", "export", "stats"):
        update = fake.command(group, command, chat_type="group")
        update["message"]["from"] = fake.user(ADMIN)
        fake.push(update)
    settle(fake, bot.db, group)
    to_group = [c for c in fake.calls if c.params.get("chat_id") == group and c.method.startswith("send")]
    assert not any("900777" in str(c.params) for c in to_group) and not any(c.method in ("sendDocument", "sendPhoto") for c in to_group)
    # In the admin's private chat it works; an edit of the command does not run it again.
    fake.push(fake.command(ADMIN, "leads"))
    assert "+447700900777" in fake.wait_sent(ADMIN, 1)[-1]["text"]
    edit = fake.command(ADMIN, "leads")
    edit["edited_message"] = {**edit.pop("message"), "edit_date": int(time.time())}
    fake.push(edit)
    settle(fake, bot.db, ADMIN)
    assert len(fake.sent(ADMIN)) == 1, "an edited /leads is not a new command"


def test_a_lead_is_deleted_by_an_admin_command_or_in_the_terminal(fake: FakeBotAPI, bot: BotProcess) -> None:
    for chat in (3031, 3032):
        to_recommendation(fake, chat, "ig_delete")
        request_call_back(fake, chat, phone=f"+44 7700 90{chat}")
    wait_delivered(bot)
    first, second = (row[0] for row in bot.query("SELECT id FROM leads ORDER BY id"))
    assert any(m.startswith(f"Lead #{second} · ") for m in lead_messages(fake))
    fake.push(fake.command(ADMIN, "deletelead", str(first)))
    assert f"Lead #{first} is deleted" in fake.wait_sent(ADMIN, 1)[-1]["text"]
    fake.push(fake.command(ADMIN, "deletelead", str(first)))
    assert f"There is no Lead #{first}" in fake.wait_sent(ADMIN, 2)[-1]["text"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NMT_DB": str(bot.db)}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "leads", "--delete", str(second)], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0 and f"lead #{second} deleted" in out.stdout, out.stderr
    assert bot.query("SELECT id FROM leads") == []
    out = subprocess.run([sys.executable, "-m", "bot.cli", "leads", "--delete", str(second)], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 1 and "no lead" in out.stderr
    # A new lead gets a new number, never a deleted one's.
    to_recommendation(fake, 3033, "ig_delete")
    request_call_back(fake, 3033, phone="+44 7700 900999")
    poll(lambda: bot.query("SELECT id FROM leads"), bool)
    assert bot.query("SELECT id FROM leads") == [(second + 1,)]


def test_forget_leaves_no_row_about_the_person(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3006
    to_recommendation(fake, chat, "ig_test")
    request_call_back(fake, chat)
    fake.wait_sent(PRACTICE, 1)
    assert rows(bot.db, "leads", chat) == 1 and rows(bot.db, "events", chat) > 0
    turn(fake, chat, fake.command(chat, "forget"))
    press(fake, chat, "nav.forget_yes", until="deleted everything")
    settle(fake, bot.db, chat)
    for table in ("conversations", "events", "leads", "relays"):
        assert rows(bot.db, table, chat) == 0, table


def test_the_phone_number_and_note_live_only_in_the_leads_table_and_forget_leaves_no_copy(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3041
    to_recommendation(fake, chat, "ig_privacy")
    press(fake, chat, "recommendation.callback", until="call you on")
    say(fake, chat, "+44 7700 900321")

    def state() -> str:
        return str(bot.query("SELECT state FROM conversations WHERE chat_id = ?", chat))

    assert "900321" not in state(), "while the request is filled in, the number waits in the leads table"
    assert bot.query("SELECT phone FROM leads WHERE chat_id = ?", chat) == [("+447700900321",)]
    press(fake, chat, "callback_time.evening")
    shown = say(fake, chat, "ring after six, Zebedee", until="Thank you")
    assert "+447700900321" in shown[-1]["text"], "the engine still had the number for its thank-you"
    assert "900321" not in state() and "Zebedee" not in state()
    assert bot.query("SELECT id > 0, phone, note FROM leads WHERE chat_id = ?", chat) == [(1, "+447700900321", "ring after six, Zebedee")]
    wait_delivered(bot)
    assert "Zebedee" in lead_messages(fake)[-1]
    # /forget: nothing of it is left in the database file or its write-ahead log.
    turn(fake, chat, fake.command(chat, "forget"))
    press(fake, chat, "nav.forget_yes", until="deleted everything")
    settle(fake, bot.db, chat)
    for path in (bot.db, bot.db.with_name(bot.db.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        assert b"900321" not in data and b"Zebedee" not in data, path.name


def test_talking_to_the_therapist_through_the_practice_chat(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3007
    to_recommendation(fake, chat, "ig_test")
    press(fake, chat, "recommendation.talk", until="talking to Sarah")
    say(fake, chat, "Can I come on Saturday morning?", until="Sent to")
    relayed = fake.wait_sent(PRACTICE, 1)[-1]
    assert "Can I come on Saturday morning?" in relayed["text"] and "Summary" in relayed["text"]
    # A therapist answers a message Telegram has delivered, by then known to the bot as this person's;
    # here the answer could come within a millisecond, before the bot has read Telegram's reply.
    poll(lambda: bot.query("SELECT practice_message_id FROM relays WHERE chat_id = ?", chat), bool)
    relayed_id = fake.last_message_id(PRACTICE)
    n = len(fake.sent(chat))
    reply = fake.message(PRACTICE, "Yes, 10am is free <b>Ann</b>", chat_type="group")
    reply["message"]["reply_to_message"] = {"message_id": relayed_id, "date": 0, "chat": reply["message"]["chat"], "text": "…"}
    fake.push(reply)
    answer = fake.wait_sent(chat, n + 1)[-1]["text"]
    assert "Sarah" in answer and "Yes, 10am is free &lt;b&gt;Ann&lt;/b&gt;" in answer
    end = fake.message(PRACTICE, "/end", chat_type="group")
    end["message"]["reply_to_message"] = {"message_id": relayed_id, "date": 0, "chat": end["message"]["chat"], "text": "…"}
    fake.push(end)
    back = fake.wait_sent(chat, n + 2)[-1]["text"]
    assert "has ended" in back and "end of the questions" in back


def test_an_edited_therapist_reply_is_not_sent_again(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3022
    to_recommendation(fake, chat, "ig_test")
    press(fake, chat, "recommendation.talk", until="talking to Sarah")
    say(fake, chat, "Is Tuesday possible?", until="Sent to")
    poll(lambda: bot.query("SELECT practice_message_id FROM relays WHERE chat_id = ?", chat), bool)
    relayed_id = fake.last_message_id(PRACTICE)
    reply = fake.message(PRACTICE, "Tuesday 3pm works", chat_type="group")
    reply["message"]["reply_to_message"] = {"message_id": relayed_id, "date": 0, "chat": reply["message"]["chat"], "text": "…"}
    n = len(fake.sent(chat))
    fake.push(reply)
    fake.wait_sent(chat, n + 1)
    edited = {"edited_message": {**reply["message"], "text": "Tuesday 4pm works", "edit_date": int(time.time())}}
    fake.push(edited)
    settle(fake, bot.db, chat, PRACTICE)
    assert len(fake.sent(chat)) == n + 1 and "4pm" not in str(fake.sent(chat)), "an edit is not a second reply"


def test_the_live_chat_passes_files_both_ways_and_the_practice_group_gets_no_pointers(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3061
    to_recommendation(fake, chat, "ig_test")
    press(fake, chat, "recommendation.talk", until="talking to Sarah")
    say(fake, chat, "Here is my scan", until="Sent to")
    fake.push(fake.photo(chat))  # passed on as it is, not "I only read text and buttons"
    copied = fake.wait_for(lambda c: c.method == "copyMessage" and c.params.get("chat_id") == PRACTICE)[0]
    assert copied.params["from_chat_id"] == chat
    shown = fake.wait_shown(chat, lambda s: "Sent" in str(s[-1].get("text", "")))
    assert "only read text" not in str(shown)
    copy_id = fake.last_message_id(PRACTICE)
    poll(lambda: bot.query("SELECT chat_id FROM relays WHERE practice_message_id = ?", copy_id), bool)
    # The therapist answers with a photo of a stretch, as a reply to the copy.
    reply = fake.message(PRACTICE, "", chat_type="group")
    del reply["message"]["text"]
    reply["message"].update(photo=fake.photo(PRACTICE)["message"]["photo"], caption="Try this stretch")
    reply["message"]["reply_to_message"] = {"message_id": copy_id, "date": 0, "chat": reply["message"]["chat"], "text": "…"}
    fake.push(reply)
    back = fake.wait_for(lambda c: c.method == "copyMessage" and c.params.get("chat_id") == chat)[0]
    assert back.params["from_chat_id"] == PRACTICE and back.params["message_id"] == reply["message"]["message_id"]
    # The practice's own group talks among itself without a pointer to the private chat.
    fake.push(fake.message(PRACTICE, "Who is in on Saturday?", chat_type="group"))
    settle(fake, bot.db, PRACTICE)
    assert not any("Health questions are private" in m["text"] for m in fake.sent(PRACTICE))


def to_live_chat(fake: FakeBotAPI, chat: int) -> None:
    """/start, then asking for a person in words at the first question."""
    turn(fake, chat, fake.command(chat, "start"))
    press(fake, chat, "screen.none")
    say(fake, chat, "can I talk to a person?", until="talking to Sarah")


def test_the_live_chat_passes_on_everything_typed_whole_until_the_person_ends_it(fake: FakeBotAPI, bot: BotProcess, content: Content) -> None:
    """ "?", "👍" and "!!!" got "Sorry, I didn't catch that", "help" showed the help and "back" left the
    chat, and a long message reached the therapist cut to 1,000 characters. Now all of it arrives as
    typed, a long message in parts within Telegram's 4,096, and only /end (or its button) ends the chat."""
    chat = 3071
    to_live_chat(fake, chat)
    short = ["?", "👍", "!!!", "help", "back"]
    for text in short:
        say(fake, chat, text, until="Sent")
    # Telegram takes up to 4,096 characters from a person, already more than one message with the
    # heading; 5,000 (with emoji, two UTF-16 units each) makes sure of several parts.
    long = " ".join(f"ache{i}🙂" for i in range(1000))[:5000]
    say(fake, chat, long, until="Sent")
    settle(fake, bot.db, chat)  # each message's relay went out after the person's "Sent"
    heading = content.msg("relay_to_practice", name="Ann") + "\n"
    relayed = [m["text"] for m in fake.sent(PRACTICE)]
    assert all(render.utf16_len(t) <= render.LIMIT for t in relayed), [render.utf16_len(t) for t in relayed]
    assert all("parse_mode" not in m for m in fake.sent(PRACTICE)), "plain text: what is sent is what is shown"
    assert [t.removeprefix(heading).split("\n\n")[0] for t in relayed[: len(short)]] == short
    assert "Summary" in relayed[0], "the first message comes with the triage summary"
    parts = relayed[len(short) :]
    assert len(parts) >= 2 and parts[0].startswith(heading)
    assert " ".join(parts).split() == (heading + long).split(), "the long message whole, in order"
    assert not any("didn't catch" in t for t in fake.texts(chat))
    # The therapist can answer any part: each is known as this person's.
    links = poll(lambda: bot.query("SELECT count(*) FROM relays WHERE chat_id = ?", chat), lambda r: r == [(len(relayed),)])
    assert links == [(len(relayed),)]
    # /end typed by the person ends the chat, and the practice is told.
    n = len(relayed)
    shown = say(fake, chat, "/end", until="has ended")
    assert "Question 1 of" in shown[-1]["text"], "back to where the person was"
    assert fake.wait_sent(PRACTICE, n + 1)[-1]["text"] == content.msg("relay_closed_by_person", name="Ann")
    settle(fake, bot.db, chat)
    assert len(fake.sent(PRACTICE)) == n + 1


def test_a_message_the_practice_chat_did_not_take_is_said_to_the_person(fake: FakeBotAPI, tmp_path: Path) -> None:
    """The person reads "Sent" at once; if Telegram then refuses the message for the practice chat at
    every try, the person hears so and can send it again, rather than waiting for an answer that never comes."""
    chat = 3072
    with running(fake, tmp_path, NMT_SEND_RETRY_SECONDS="0.01"):
        to_live_chat(fake, chat)
        fake.fail("sendMessage", times=5, status=502, chat_id=PRACTICE)  # the first try and every retry
        say(fake, chat, "Is Friday free?", until="Sent to")
        fake.wait_shown(chat, lambda s: "could not be passed on" in str(s[-1].get("text", "")))
        assert not fake.sent(PRACTICE)
        say(fake, chat, "Is Friday free?", until="Sent")
        assert "Is Friday free?" in fake.wait_sent(PRACTICE, 1)[-1]["text"]


def test_the_database_and_its_side_files_stay_out_of_git(fake: FakeBotAPI, tmp_path: Path) -> None:
    """The write-ahead log holds recent rows (phone numbers among them): .gitignore used to miss it."""
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True, env=env)
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    with running(fake, tmp_path) as bot:
        turn(fake, 3081, fake.command(3081, "start"))
        settle(fake, bot.db, 3081)
        files = {f.name for f in tmp_path.iterdir()}
        assert {"nmt.db", "nmt.db-wal", "nmt.db-shm", "nmt.db.lock"} <= files, files
        status = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True, check=True, env=env)
    assert "nmt.db" not in status.stdout, status.stdout


def test_where_are_you_gets_a_map_pin(fake: FakeBotAPI, bot: BotProcess) -> None:
    chat = 3008
    turn(fake, chat, fake.command(chat, "start"))
    say(fake, chat, "where are you?")
    venue = fake.wait_for(lambda c: c.method == "sendVenue" and c.params.get("chat_id") == chat)[0]
    assert venue.params["title"].startswith("Sarah") and "Example" in venue.params["address"]


def test_link_command_writes_a_qr_code_that_decodes_to_the_link(tmp_path: Path) -> None:
    import cv2

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    qr = tmp_path / "post.png"
    proc = subprocess.run([sys.executable, "-m", "bot.cli", "link", "--source", "instagram_nov", "--bot", "nmt_test_bot", "--qr", str(qr)],
                          capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[0] == "https://t.me/nmt_test_bot?start=instagram_nov"
    image = cv2.imread(str(qr))
    assert image is not None, "the QR code is a readable image"
    decoded, _, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert decoded == "https://t.me/nmt_test_bot?start=instagram_nov"
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "link", "--source", "spring sale!", "--bot", "nmt_test_bot"],
                         capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert bad.returncode == 2 and "cannot be a source" in bad.stderr


def test_stats_and_leads_commands_in_the_terminal(fake: FakeBotAPI, bot: BotProcess, tmp_path: Path) -> None:
    chat = 3009
    to_recommendation(fake, chat, "fb_reel")
    request_call_back(fake, chat)
    fake.wait_sent(PRACTICE, 1)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NMT_DB": str(bot.db)}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "stats", "--days", "7", "--source", "fb_reel"], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    assert "fb_reel" in out.stdout and "asked for a call-back 1" in out.stdout
    csv_path = tmp_path / "leads.csv"
    out = subprocess.run([sys.executable, "-m", "bot.cli", "leads", "--csv", str(csv_path)], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0, out.stderr
    text = csv_path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("id,created_at,name") and "+447700900123" in text and "fb_reel" in text


def test_short_soak_under_faults_and_a_killed_process() -> None:
    """The short version of scripts/soak.py: every kind of update, 429/5xx/slow answers, a SIGKILL mid-run."""
    from scripts.soak import run

    report = run(chats=12, rounds=6, seed=3, env=FAST)
    assert report["unhandled exceptions in the log"] == 0
    assert not report["states not declared by the flow"]
    assert report["calls answered with an error"] > 0, "the faults must really have happened"
    assert report["leads delivered"] == report["call-back requests completed"] == report["lead messages in the practice chat"]
    assert not report["chats with more than one lead"] and report["ok"]
