"""Real Bot API updates of every kind, written by others (../shared/eval/telegram_updates), replayed
through the running bot: each is answered or ignored as a person would expect, and none breaks it."""

from __future__ import annotations

import contextlib
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from .botprocess import ROOT, running, settle
from .fakebot import Call, FakeBotAPI

SAMPLES = ROOT.parent / "shared" / "eval" / "telegram_updates"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="the outside update samples are not beside the repo")


def samples() -> list[tuple[str, dict[str, Any]]]:
    """(name, update) for every sample that is a whole update, or a message or callback query on its own."""
    out = [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((SAMPLES / "nutgram").glob("*.json"))]
    for line in (SAMPLES / "teloxide_samples.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        obj, kind = item["json"], item["kind"]
        name = f"teloxide_{item['test_fn']}_{item['line']}"
        if item["level"] == "update":
            out.append((name, obj))
        elif kind.startswith("message"):
            out.append((name, {"message": obj}))
        elif kind == "callback_query":
            out.append((name, {"callback_query": obj}))
    return out


def chat_of(update: dict[str, Any]) -> tuple[int | None, str | None]:
    body = next(v for k, v in update.items() if k != "update_id")
    chat = body.get("chat") or (body.get("message") or {}).get("chat") if isinstance(body, dict) else None
    return (chat.get("id"), chat.get("type")) if isinstance(chat, dict) else (None, None)


def own_chat(update: dict[str, Any], chat_id: int | None, new_id: int) -> dict[str, Any]:
    """The update moved into a chat of its own (ids in samples repeat), so what the bot did is its own:
    every object whose id is the chat's (the chat, and in a private chat its person) gets ``new_id``."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (moved if k == "id" and v == chat_id and isinstance(v, int) else walk(v)) for k, v in node.items()}
        return [walk(v) for v in node] if isinstance(node, list) else node

    moved = -new_id if chat_id is not None and chat_id < 0 else new_id
    return walk({k: v for k, v in update.items() if k != "update_id"})  # type: ignore[no-any-return]


# What a person sends (answered in a private chat), as opposed to chat events (left alone).
CONTENT = {
    "text", "caption", "animation", "audio", "contact", "dice", "document", "game", "invoice", "location", "venue",
    "photo", "poll", "sticker", "story", "video", "video_note", "voice", "checklist", "giveaway", "paid_media",
}  # fmt: skip
SERVICE = {
    "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo", "group_chat_created",
    "supergroup_chat_created", "channel_chat_created", "message_auto_delete_timer_changed", "migrate_to_chat_id",
    "migrate_from_chat_id", "pinned_message", "successful_payment", "refunded_payment", "users_shared", "chat_shared",
    "connected_website", "write_access_allowed", "passport_data", "proximity_alert_triggered", "boost_added",
    "chat_background_set", "checklist_tasks_done", "checklist_tasks_added", "direct_message_price_changed",
    "forum_topic_created", "forum_topic_edited", "forum_topic_closed", "forum_topic_reopened", "general_forum_topic_hidden",
    "general_forum_topic_unhidden", "giveaway_created", "giveaway_winners", "giveaway_completed", "video_chat_scheduled",
    "video_chat_started", "video_chat_ended", "video_chat_participants_invited", "web_app_data", "managed_bot_created",
    "chat_owner_changed", "chat_owner_left", "poll_option_added", "poll_option_deleted", "paid_message_price_changed",
}  # fmt: skip


def expectation(update: dict[str, Any]) -> str:
    """'answer' (a private chat gets a reply), 'pointer' (a group gets one pointer to the private chat),
    'button' (a press is acknowledged and answered), 'ack' (acknowledged only), 'nothing', or 'any'."""
    kind = next(k for k in update if k != "update_id")
    body = update[kind]
    if kind == "callback_query":
        message = body.get("message")
        private = isinstance(message, dict) and message.get("chat", {}).get("type") == "private"
        return "button" if private else "ack"
    if kind != "message":
        return "nothing"  # edits, channel posts, business and guest messages, reactions, members, payments…
    if SERVICE & set(body):
        return "nothing"
    if not CONTENT & set(body):
        return "any"  # a kind newer than this test: a reply or none are both fine
    return "answer" if body["chat"]["type"] == "private" else "pointer"


def test_every_real_update_sample_is_answered_or_left_alone(fake: FakeBotAPI, tmp_path: Path) -> None:
    cases = []
    with running(fake, tmp_path, LOG_LEVEL="DEBUG") as bot:
        for i, (name, update) in enumerate(samples()):
            chat_id, _ = chat_of(update)
            moved = own_chat(update, chat_id, 800_000 + i)
            new_chat, _ = chat_of(moved)
            cases.append((name, moved, fake.push(moved), new_chat))
        fake.wait_fetched(max(uid for _, _, uid, _ in cases), timeout=60)  # every one confirmed: polling never stuck
        settle(fake, bot.db, *{chat for _, _, _, chat in cases if chat is not None}, timeout=120)
        for _, update, _, chat in cases:  # a press with no chat to queue behind: until it is acknowledged (checked below)
            if chat is None and expectation(update) == "ack":
                with contextlib.suppress(AssertionError):
                    query_id = update["callback_query"]["id"]
                    fake.wait_for(functools.partial(_answers_query, query_id))
        wrong = []
        for name, update, _, chat in cases:
            sent = [c for c in fake.calls if c.method.startswith(("send", "edit")) and chat is not None and c.params.get("chat_id") == chat and c.status == 200]
            acked = [c for c in fake.calls if c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == update.get("callback_query", {}).get("id")]
            want = expectation(update)
            ok = {
                "answer": bool(sent),
                "pointer": len(sent) == 1 and "Health questions are private" in sent[0].params["text"],
                "button": bool(sent) and bool(acked),
                "ack": not sent and bool(acked),
                "nothing": not sent,
                "any": True,
            }[want]
            if want == "pointer" and ok and update["message"].get("is_topic_message"):
                ok = sent[0].params.get("message_thread_id") == update["message"]["message_thread_id"]  # in the same topic
            if not ok:
                wrong.append(f"{name}: wanted {want}, got {[c.method for c in sent]} acked={bool(acked)}")
        assert not wrong, "\n".join(wrong)
        assert len(cases) > 120
        logs = bot.stop()
    assert "Traceback" not in logs and " ERROR " not in logs
    # Even at DEBUG, what people wrote never reaches the log.
    for name, update, _, _ in cases:
        body = next((v for k, v in update.items() if isinstance(v, dict)), {})
        text = body.get("text") or body.get("caption")
        if isinstance(text, str) and len(text) >= 4 and not text.startswith("/"):
            assert not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", logs), f"{name}: message text in the log"


def test_an_update_the_library_cannot_read_does_not_stop_the_others(fake: FakeBotAPI, tmp_path: Path) -> None:
    """One malformed update in a batch must not wedge polling (the batch would be fetched for ever)."""
    with running(fake, tmp_path) as bot:
        broken = fake.message(5101, "my secret words")
        broken["message"]["date"] = "yesterday"  # not a timestamp: python-telegram-bot refuses the update
        bad = fake.push(broken)
        odd = fake.message(5103, "a poll of a newer kind")
        odd["message"]["poll"] = {"id": "p1", "question": "my private question"}  # fields missing
        strange = fake.push(odd)
        press = fake.callback(5104, "region.knee")
        press["callback_query"]["message"]["date"] = "not a date"  # a press the library cannot read
        pressed = fake.push(press)
        fake.push(fake.message(5102, "my lower back hurts"))
        fake.wait_fetched(strange + 1, timeout=20)
        # The unreadable press is still acknowledged (no spinner left on the person's button).
        fake.wait_for(lambda c: c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == press["callback_query"]["id"])
        sent = fake.wait_sent(5102, 2, timeout=20)
        assert "not a diagnosis" in sent[0]["text"]
        # The message the library could not read still gets an answer: what the bot reads, and the question.
        assert "I can only read text and buttons" in fake.wait_sent(5103, 2, timeout=20)[-2]["text"]
        settle(fake, bot.db, 5101, 5102, 5103, 5104)
        assert not fake.sent(5101)  # not even who sent it could be read
        logs = bot.stop()
    assert f"update {bad} (message) could not be read" in logs and f"update {strange} (message) could not be read" in logs
    assert f"update {pressed} (callback_query) could not be read" in logs
    for secret in ("my secret words", "my private question", "a poll of a newer kind"):
        assert secret not in logs
    assert "Traceback" not in logs and " ERROR " not in logs


def _answers_query(query_id: str, call: Call) -> bool:
    return call.method == "answerCallbackQuery" and call.params.get("callback_query_id") == query_id
