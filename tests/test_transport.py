"""The bot's HTTP client (bot/telegram/transport.py) held to the contract python-telegram-bot tests its
own request classes for: status and body back; each kind of timeout, a full pool, refused connections
and HTTP errors mapped to TimedOut, NetworkError and RetryAfter; cancellation; proxies; start and stop.
And, beyond it, which errors leave a message that may have arrived (``retry_safe``)."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.transport import AiohttpRequest, ConnectFailed, ConnectTimedOut, ServerError, redact, retry_safe

from .fakebot import FakeBotAPI

CHAT = 5151


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def request_() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(connections=1)
    await request.initialize()
    try:
        yield request
    finally:
        await request.shutdown()


def url(fake: FakeBotAPI, method: str) -> str:
    return f"{fake.base_url}{fake.token}/{method}"


def params(**values: object) -> RequestData:
    return RequestData([RequestParameter(k, v, None) for k, v in values.items()])


def bot_on(fake: FakeBotAPI, request: AiohttpRequest) -> Bot:
    return Bot(fake.token, base_url=fake.base_url, request=request, get_updates_request=request)


async def test_status_and_body_come_back(fake: FakeBotAPI, request_: AiohttpRequest) -> None:
    status, body = await request_.do_request(url(fake, "getMe"), "POST")
    assert status == 200 and json.loads(body)["result"]["username"] == "nmt_test_bot"
    status, body = await request_.do_request(f"{fake.base_url}123:wrong/getMe", "POST")
    assert status == 401 and json.loads(body)["ok"] is False  # the library maps statuses below 500 itself


async def test_http_errors_become_the_librarys_errors(fake: FakeBotAPI) -> None:
    request = AiohttpRequest()
    async with bot_on(fake, request) as bot:
        fake.fail("sendMessage", status=429, retry_after=3)
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(CHAT, "x")
        assert retry.value.retry_after.total_seconds() == 3 and retry_safe(retry.value)  # type: ignore[union-attr]
        for status, error in ((403, Forbidden), (400, BadRequest)):
            fake.fail("sendMessage", status=status)
            with pytest.raises(error):
                await bot.send_message(CHAT, "x")
        for status in (500, 502, 503):
            fake.fail("sendMessage", status=status)
            with pytest.raises(NetworkError) as failed:
                await bot.send_message(CHAT, "x")
            assert isinstance(failed.value, ServerError) and retry_safe(failed.value), "Telegram did not carry it out"
    with pytest.raises(InvalidToken):
        async with Bot("123:" + "x" * 35, base_url=fake.base_url, request=AiohttpRequest()):
            pass


async def test_a_slow_answer_is_a_read_timeout_after_which_the_message_may_have_arrived(fake: FakeBotAPI, request_: AiohttpRequest) -> None:
    fake.delay("sendMessage", 1.0)
    started = time.monotonic()
    with pytest.raises(TimedOut) as timed_out:
        await request_.do_request(url(fake, "sendMessage"), "POST", params(chat_id=CHAT, text="hi"), read_timeout=0.2, write_timeout=0.1)
    assert time.monotonic() - started < 0.9
    assert not retry_safe(timed_out.value), "Telegram had the message: sending it again could show it twice"
    assert [c.params["text"] for c in fake.calls if c.method == "sendMessage"] == ["hi"]


async def test_read_timeout_none_waits_for_the_answer(fake: FakeBotAPI, request_: AiohttpRequest) -> None:
    fake.delay("sendMessage", 0.3)
    status, _ = await request_.do_request(url(fake, "sendMessage"), "POST", params(chat_id=CHAT, text="hi"), read_timeout=None, write_timeout=0.01)
    assert status == 200


async def test_no_free_connection_is_a_timeout_before_sending(fake: FakeBotAPI, request_: AiohttpRequest) -> None:
    fake.delay("sendMessage", 1.0)
    busy = asyncio.create_task(request_.do_request(url(fake, "sendMessage"), "POST", params(chat_id=CHAT, text="first")))
    await asyncio.sleep(0.1)
    with pytest.raises(TimedOut) as timed_out:
        await request_.do_request(url(fake, "sendMessage"), "POST", params(chat_id=CHAT, text="second"), pool_timeout=0.1, connect_timeout=0.1)
    assert isinstance(timed_out.value, ConnectTimedOut) and retry_safe(timed_out.value)
    assert (await busy)[0] == 200
    assert [c.params["text"] for c in fake.calls if c.method == "sendMessage"] == ["first"], "the second never left"


async def test_a_refused_connection_is_an_error_before_sending_and_never_names_the_token(request_: AiohttpRequest) -> None:
    import socket

    with socket.socket() as nobody:
        nobody.bind(("127.0.0.1", 0))
        port = nobody.getsockname()[1]
        token = "123456789:AAThisTokenMustNotBeInAnyMessage_xyz"
        with pytest.raises(NetworkError) as failed:
            await request_.do_request(f"http://127.0.0.1:{port}/bot{token}/getMe", "POST")
    assert isinstance(failed.value, ConnectFailed) and retry_safe(failed.value)
    assert token not in str(failed.value) and failed.value.__cause__ is None and failed.value.__suppress_context__, "no traceback shows the URL"
    assert redact(f"https://api.telegram.org/bot{token}/getMe") == "https://api.telegram.org/bot<token>/getMe"


async def test_a_cancelled_long_poll_frees_the_connection_for_the_next_call_at_once(fake: FakeBotAPI, request_: AiohttpRequest) -> None:
    """What a stop does: the long poll is cancelled (not awaited), and getUpdates is called at once to
    confirm the updates fetched; on a pool of one connection it must not wait for the dropped poll."""
    for pause in (0.0, 0.001, 0.02, 0.2):
        poll = asyncio.create_task(request_.do_request(url(fake, "getUpdates"), "POST", params(timeout=5), read_timeout=7))
        await asyncio.sleep(pause)
        poll.cancel()
        started = time.monotonic()
        status, _ = await request_.do_request(url(fake, "getUpdates"), "POST", params(timeout=0), read_timeout=2)
        assert status == 200 and time.monotonic() - started < 0.5, f"cancelled after {pause} s"
        with pytest.raises(asyncio.CancelledError):
            await poll


async def test_files_go_as_multipart(fake: FakeBotAPI) -> None:
    async with bot_on(fake, AiohttpRequest()) as bot:
        await bot.send_document(CHAT, io.BytesIO(b"a,b\n1,2\n"), filename="leads.csv", caption="7")
    doc = next(c.params for c in fake.calls if c.method == "sendDocument")
    assert doc["document"] == {"filename": "leads.csv", "content_type": "text/csv", "size": 8} and doc["caption"] == "7"


async def test_stop_and_start_again(fake: FakeBotAPI) -> None:
    request = AiohttpRequest()
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(url(fake, "getMe"), "POST")
    await request.initialize()
    assert (await request.do_request(url(fake, "getMe"), "POST"))[0] == 200
    await request.shutdown()


async def test_proxy_from_the_environment_and_no_proxy(fake: FakeBotAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP(S)_PROXY is used as httpx would; NO_PROXY hosts are reached directly."""
    seen: list[bytes] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head.split(b"\r\n")[0])
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0)
        await reader.readexactly(length)
        body = b'{"ok": true, "result": true}'
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("NO_PROXY", "")
    target = "http://api.example.invalid/bot123456789:" + "A" * 35 + "/getMe"
    request = AiohttpRequest()
    await request.initialize()
    try:
        assert (await request.do_request(target, "POST"))[0] == 200
        assert seen == [b"POST " + target.encode() + b" HTTP/1.1"], "the request went through the proxy"
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        direct = AiohttpRequest()
        await direct.initialize()
        try:
            assert (await direct.do_request(url(fake, "getMe"), "POST"))[0] == 200
        finally:
            await direct.shutdown()
        assert len(seen) == 1 and any(c.method == "getMe" for c in fake.calls)
    finally:
        await request.shutdown()
        server.close()
        await server.wait_closed()
