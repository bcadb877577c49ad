"""The fake Bot API server, driven by python-telegram-bot's real Bot over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.error import InvalidToken, NetworkError, RetryAfter

from tests.fakebot import Call, FakeBotAPI

CHAT = 4242


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


def bot_for(fake: FakeBotAPI, token: str | None = None) -> Bot:
    return Bot(token or fake.token, base_url=fake.base_url)


async def test_get_me(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:  # initialize() calls getMe
        me = await bot.get_me()
    assert me.is_bot and me.username == "nmt_test_bot" and me.id == 123456789
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert [c.method for c in fake.calls][:1] == ["getMe"]


async def test_send_message_with_keyboard(fake: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes"), InlineKeyboardButton("No", callback_data="no")]])
    async with bot_for(fake) as bot:
        first = await bot.send_message(CHAT, "Hello — how are you?", reply_markup=markup)
        second = await bot.send_message(CHAT, "42")
        edited = await bot.edit_message_text("Bye", chat_id=CHAT, message_id=first.message_id)
        await bot.send_chat_action(CHAT, "typing")
        await bot.send_document(CHAT, io.BytesIO(b"%PDF-1.4 fake"), filename="card.pdf", caption="7")
    assert first.reply_markup == markup and first.chat.id == CHAT and first.from_user is not None and first.from_user.is_bot
    assert second.message_id == first.message_id + 1
    assert not isinstance(edited, bool) and edited.text == "Bye" and edited.reply_markup is None
    sent = fake.sent(CHAT)
    assert sent[0]["chat_id"] == CHAT
    assert sent[0]["reply_markup"] == {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}, {"text": "No", "callback_data": "no"}]]}
    assert fake.texts(CHAT) == ["Hello — how are you?", "42"]  # a numeric-looking text stays a string
    assert fake.sent(CHAT + 1) == []
    doc = next(c.params for c in fake.calls if c.method == "sendDocument")
    assert doc["caption"] == "7" and doc["document"]["filename"] == "card.pdf" and doc["document"]["size"] == 13
    assert fake.wait_sent(CHAT, 2, timeout=0.1) == sent


async def test_get_updates_parsed_by_ptb(fake: FakeBotAPI) -> None:
    ids = [
        fake.push(fake.command(CHAT, "start", "ig_reel")),
        fake.push(fake.callback(CHAT, "menu:back")),
        fake.push(fake.sticker(CHAT)),
        fake.push(fake.my_chat_member(CHAT)),
        fake.push(fake.callback(CHAT, "old", inaccessible=True)),
    ]
    for build in (fake.photo, fake.voice, fake.location, fake.document):
        fake.push(build(CHAT))
    fake.push(fake.contact(CHAT, "+15550100"))
    fake.push(fake.edited(CHAT, "fixed"))
    fake.push(fake.group_message(100, "/start@nmt_test_bot hi"))
    fake.push(fake.channel_post(200, "news"))
    assert ids == [1, 2, 3, 4, 5]
    async with bot_for(fake) as bot:
        updates = await bot.get_updates(limit=5)
        assert [u.update_id for u in updates] == ids
        start, cb, sticker, member, gone = updates
        assert start.message is not None and start.message.text == "/start ig_reel"
        assert start.message.parse_entities([MessageEntity.BOT_COMMAND]) == {MessageEntity("bot_command", 0, 6): "/start"}
        assert cb.callback_query is not None and cb.callback_query.data == "menu:back" and cb.callback_query.message is not None
        assert cb.callback_query.message.chat.id == CHAT and cb.callback_query.message.is_accessible
        assert gone.callback_query is not None and gone.callback_query.message is not None and not gone.callback_query.message.is_accessible
        assert sticker.message is not None and sticker.message.sticker is not None
        assert member.my_chat_member is not None and member.my_chat_member.new_chat_member.status == "kicked"

        rest = await bot.get_updates(offset=ids[-1] + 1)
        kinds = [u.effective_message.effective_attachment is not None if u.effective_message else None for u in rest[:5]]
        assert kinds == [True] * 5 and rest[5].edited_message is not None
        group, channel = rest[6:]
        assert group.effective_chat is not None and group.effective_chat.type == "group" and group.effective_chat.id == -100
        assert channel.channel_post is not None and channel.channel_post.text == "news"

        # confirmed updates are gone for good; an empty long poll waits, a push wakes it up
        began = time.monotonic()
        assert await bot.get_updates(offset=channel.update_id + 1, timeout=dt.timedelta(milliseconds=300)) == ()
        assert time.monotonic() - began >= 0.25
        poll = asyncio.create_task(bot.get_updates(offset=channel.update_id + 1, timeout=5))
        await asyncio.to_thread(fake.wait_for, lambda c: c.method == "getUpdates" and c.params.get("timeout") == 5)
        pushed = fake.push({"update_id": 99, **fake.message(CHAT, "late")})
        late = await asyncio.wait_for(poll, 2)
        assert [u.update_id for u in late] == [pushed] and isinstance(late[0], Update)
        assert await bot.get_updates(offset=-1) == late
    assert fake.push(fake.message(CHAT, "next")) == 100


async def test_faults(fake: FakeBotAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without PTB_TIMEDELTA, PTB 22's own RetryAfter.__init__ emits a PTBDeprecationWarning, an error under filterwarnings=error.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    fake.fail("sendMessage", status=429, retry_after=3)
    fake.fail("getChat", times=2, status=502)
    async with bot_for(fake) as bot:
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(CHAT, "one")
        assert flood.value.retry_after == dt.timedelta(seconds=3)
        await bot.send_message(CHAT, "two")
        for _ in range(2):
            with pytest.raises(NetworkError, match="Bad Gateway"):
                await bot.get_chat(CHAT)
        fake.delay("sendMessage", 0.3)
        began = time.monotonic()
        await bot.send_message(CHAT, "slow")
        assert time.monotonic() - began >= 0.3
    assert fake.texts(CHAT) == ["two", "slow"]  # the failed call is recorded but not counted as sent
    assert [c.status for c in fake.calls if c.method == "sendMessage"] == [429, 200, 200]


async def test_wrong_token(fake: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with bot_for(fake, "999:WrongTokenWrongTokenWrongToken") as bot:
            await bot.get_me()
    assert fake.calls[-1].status == 401


async def test_waiting(fake: FakeBotAPI) -> None:
    async with bot_for(fake) as bot:
        task = asyncio.create_task(bot.send_message(CHAT, "soon"))
        calls = await asyncio.to_thread(fake.wait_for, lambda c: c.method == "sendMessage")
        await task
        assert [c.params["text"] for c in calls] == ["soon"]
        await asyncio.to_thread(fake.wait_idle, 0.1, 2)
    with pytest.raises(AssertionError, match="sendMessage"):
        fake.wait_for(lambda c: c.method == "sendPhoto", timeout=0.1)
    fake.push(fake.message(CHAT, "nobody fetches this"))
    with pytest.raises(AssertionError, match="not idle"):
        fake.wait_idle(0.05, timeout=0.2)


def test_stop_is_prompt_during_long_poll() -> None:
    fake = FakeBotAPI().start()

    async def poll() -> None:
        async with bot_for(fake) as bot:
            with pytest.raises(NetworkError):
                while True:
                    await bot.get_updates(timeout=5)

    async def main() -> float:
        task = asyncio.create_task(poll())
        await asyncio.to_thread(fake.wait_for, lambda c: c.method == "getUpdates")
        began = time.monotonic()
        await asyncio.to_thread(fake.stop)
        await asyncio.wait_for(task, 3)
        return time.monotonic() - began

    assert asyncio.run(main()) < 1.0
    assert isinstance(fake.calls[0], Call)


def test_json_bodies_and_paths(fake: FakeBotAPI) -> None:
    def post(path: str, body: dict[str, object]) -> tuple[int, dict[str, object]]:
        request = urllib.request.Request(fake.base_url.removesuffix("/bot") + path, json.dumps(body).encode(), {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as err:
            with err:
                return err.code, json.load(err)

    assert post(f"/bot{fake.token}/setMyCommands", {"commands": [{"command": "start", "description": "Begin"}]}) == (200, {"ok": True, "result": True})
    assert fake.calls[-1].params == {"commands": [{"command": "start", "description": "Begin"}]}
    assert post(f"/bot{fake.token}/sendMessage", {"text": "no chat"})[0] == 400
    assert post("/nothing", {})[0] == 404
