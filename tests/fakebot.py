"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

Point python-telegram-bot at it with ``base_url=fake.base_url``: it answers
``POST {base_url}{token}/{method}``, records every call, serves the updates a
test pushes (long polling included) and can inject faults. Standard library only.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import json
import re
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl

JSON = dict[str, Any]

# Form values are strings; PTB JSON-encodes every non-string value. These keys
# are always strings, so "42" stays "42" there instead of becoming an int.
STRING_KEYS = frozenset({
    "text", "caption", "callback_query_id", "parse_mode", "url", "data", "title", "address", "first_name", "last_name", "phone_number", "vcard", "description",
    "short_description", "name", "language_code", "emoji", "action", "query", "inline_message_id", "business_connection_id", "message_effect_id", "secret_token",
})  # fmt: skip
LONG_POLL_CAP = 5.0
LOST = 0  # a fault's status: the call is carried out, then the connection closes without an answer


@dataclass
class Call:
    method: str
    params: JSON
    at: float
    status: int = 200  # the HTTP status the fake answered with (an injected fault, 401, ...)


@dataclass
class _Fault:
    times: int
    status: int
    retry_after: int
    description: str | None = None
    chat_id: int | None = None  # only calls for this chat fail


def _decode_value(key: str, value: str) -> Any:
    if key in STRING_KEYS or not value or (value[0] not in "{[-0123456789" and value not in ("true", "false", "null")):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_params(content_type: str, body: bytes) -> JSON:
    """Decode a Bot API request body: urlencoded form, multipart form (files become a small summary) or JSON."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        loaded = json.loads(body)
        return loaded if isinstance(loaded, dict) else {}
    if content_type.startswith("multipart/form-data"):
        msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        params: JSON = {}
        for part in msg.iter_parts():
            key, payload = part.get_param("name", header="content-disposition"), part.get_payload(decode=True)
            if not isinstance(key, str) or not isinstance(payload, bytes):
                continue
            filename = part.get_filename()
            if filename is not None:
                params[key] = {"filename": filename, "content_type": part.get_content_type(), "size": len(payload)}
            else:
                params[key] = _decode_value(key, payload.decode("utf-8"))
        return params
    return {k: _decode_value(k, v) for k, v in parse_qsl(body.decode("utf-8"), keep_blank_values=True)}


def shown_text(params: JSON) -> str:
    """A message's text as Telegram shows it: HTML markup parsed away (the formatting itself is not kept)."""
    text = str(params.get("text", ""))
    return html.unescape(re.sub(r"<[^>]+>", "", text)) if params.get("parse_mode") == "HTML" else text


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes: with Nagle's algorithm the body would wait for the
    # client's delayed ACK of the headers, some 40 ms on every call.
    disable_nagle_algorithm = True
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.fake._cond:
            self.server.fake._conns.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.server.fake._cond:
            self.server.fake._conns.discard(self.connection)
            self.server.fake._cond.notify_all()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, payload = self.server.fake._handle(self.path, self.headers.get("Content-Type", ""), body)
        if status == LOST:  # carried out, but the answer never reaches the client
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    fake: FakeBotAPI

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that gave up on a long poll is no news
            super().handle_error(request, client_address)


class FakeBotAPI:
    def __init__(self, token: str = "123456789:AAFakeTokenForTestsOnly_abcdefghijk", username: str = "nmt_test_bot") -> None:
        self.token, self.username = token, username
        self.base_url = ""
        self.calls: list[Call] = []
        self.bot_user: JSON = {
            "id": int(token.split(":")[0]), "is_bot": True, "first_name": "NMT Test", "username": username,
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False,
            "can_connect_to_business": False, "has_main_web_app": False,
        }  # fmt: skip
        self._cond = threading.Condition()
        self._stopping = threading.Event()
        self._updates: list[JSON] = []
        self._next_update_id = 1
        self._delivered_upto = 0  # highest update_id getUpdates has handed out
        self._msg_ids: dict[int, int] = {}  # per chat, shared by the user's and the bot's messages
        self._messages: dict[tuple[int, int], JSON] = {}  # the bot's messages, edits applied
        self._ids = itertools.count(1)
        self._faults: dict[str, _Fault] = {}
        self._delays: dict[tuple[str, int | None], float] = {}
        self._busy = 0  # non-getUpdates requests in flight
        self._last_activity = 0.0
        self._conns: set[socket.socket] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        # Kept between calls as Telegram keeps them: what getMy*/setMy* and the webhook methods read and change.
        self.profile: dict[str, str] = {"name": self.bot_user["first_name"], "short_description": "", "description": ""}
        self.webhook: JSON = {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        self.on_stop: list[Callable[[], None]] = []  # run first when the server stops (clients left running are ended)

    # ---- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FakeBotAPI:
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/bot"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        for callback in self.on_stop:
            callback()
        self.on_stop.clear()
        if self._server is None:
            return
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
            conns = list(self._conns)
        self._server.shutdown()
        for conn in conns:  # wake handler threads idling on keep-alive connections
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        with self._cond:
            self._cond.wait_for(lambda: not self._conns, timeout=1.0)
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        self._server = self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    # ---- requests --------------------------------------------------------------------------------
    def _handle(self, path: str, content_type: str, body: bytes) -> tuple[int, JSON]:
        prefix, _, rest = path.partition("?")[0].lstrip("/").partition("/")
        method = rest.strip("/")
        try:
            params = decode_params(content_type, body)
        except (ValueError, UnicodeDecodeError):
            params = {}
        with self._cond:
            fault = self._faults.get(method.lower())
            if fault is not None and fault.chat_id is not None and params.get("chat_id") != fault.chat_id:
                fault = None
            if not prefix.startswith("bot") or not method:
                status, error = 404, self._error(404, "Not Found")
            elif prefix[3:] != self.token:
                status, error = 401, self._error(401, "Unauthorized")
            elif fault is not None:
                status, error = fault.status, {} if fault.status == LOST else self._error(fault.status, fault.description, fault.retry_after)
                fault.times -= 1
                if fault.times <= 0:
                    del self._faults[method.lower()]
            else:
                status, error = 200, {}
            self.calls.append(Call(method, params, time.time(), status))
            polling = method == "getUpdates"
            if not polling:
                self._busy += 1
                self._last_activity = time.monotonic()
            self._cond.notify_all()
        try:
            chat = params.get("chat_id")
            key = (method.lower(), int(chat) if isinstance(chat, int | str) and str(chat).lstrip("-").isdigit() else None)
            self._stopping.wait(self._delays.get(key, self._delays.get((method.lower(), None), 0.0)))
            return (status, error) if error else (status, {"ok": True, "result": self._result(method, params)})
        except (KeyError, TypeError, ValueError) as exc:  # a required parameter missing or malformed
            return 400, self._error(400, f"Bad Request: {exc!r}")
        finally:
            if not polling:
                with self._cond:
                    self._busy -= 1
                    self._last_activity = time.monotonic()
                    self._cond.notify_all()

    @staticmethod
    def _error(status: int, description: str | None = None, retry_after: int = 1) -> JSON:
        default = {429: f"Too Many Requests: retry after {retry_after}", 403: "Forbidden: bot was blocked by the user"}
        with contextlib.suppress(ValueError):
            default.setdefault(status, HTTPStatus(status).phrase)
        error: JSON = {"ok": False, "error_code": status, "description": description or default.get(status, "Error")}
        if status == 429:
            error["parameters"] = {"retry_after": retry_after}
        return error

    def _result(self, method: str, p: JSON) -> Any:
        if method == "getUpdates":
            return self._get_updates(p)
        kept, result = self._kept(method, p)
        if kept:
            return result
        fixed = {"getMe": self.bot_user, "getMyCommands": [], "getWebhookInfo": {"url": "", "has_custom_certificate": False, "pending_update_count": 0}}
        if method in fixed:
            return fixed[method]
        if method == "deleteWebhook" and p.get("drop_pending_updates"):
            with self._cond:
                self._updates.clear()
        if method in ("editMessageText", "editMessageCaption", "editMessageReplyMarkup") and "chat_id" in p:
            return self._edit(method, p)
        makers: dict[str, Callable[[], JSON]] = {
            "sendMessage": lambda: {"text": shown_text(p)},
            "sendPhoto": lambda: {"photo": [self._file("photo", width=90, height=90)], "caption": p.get("caption")},
            "sendDocument": lambda: {"document": self._file("doc", file_name="file.pdf"), "caption": p.get("caption")},
            "sendLocation": lambda: {"location": {"latitude": p.get("latitude"), "longitude": p.get("longitude")}},
            "sendContact": lambda: {"contact": {"phone_number": p.get("phone_number"), "first_name": p.get("first_name")}},
            "sendVenue": lambda: {"venue": {"location": {"latitude": p.get("latitude"), "longitude": p.get("longitude")},
                                            "title": p.get("title"), "address": p.get("address")}},
        }  # fmt: skip
        if method == "copyMessage":
            copied = self._message_base(p["chat_id"], self.bot_user, message_id=self._next_msg_id(p["chat_id"]), text=f"(a copy of message {p['message_id']})")
            with self._cond:
                self._messages[(p["chat_id"], copied["message_id"])] = copied
            return {"message_id": copied["message_id"]}
        extra = makers[method]() if method in makers else None
        if extra is None and not (method.startswith("send") and method != "sendChatAction" and "chat_id" in p):
            return True
        chat_id = p["chat_id"]
        msg = self._message_base(chat_id, self.bot_user, message_id=self._next_msg_id(chat_id))
        msg.update({k: v for k, v in (extra or {}).items() if v is not None})
        if isinstance(p.get("reply_markup"), dict) and "inline_keyboard" in p["reply_markup"]:
            msg["reply_markup"] = p["reply_markup"]  # Telegram echoes inline keyboards only
        with self._cond:
            self._messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _kept(self, method: str, p: JSON) -> tuple[bool, Any]:
        """(True, the answer) for a method whose answer depends on earlier calls: the bot's profile, its
        webhook, a chat's details, a deleted message. (False, None) for the others."""
        profile = {"Name": "name", "ShortDescription": "short_description", "Description": "description"}
        if method[:5] in ("getMy", "setMy") and method[5:] in profile:
            key = profile[method[5:]]
            with self._cond:
                if method.startswith("set"):
                    self.profile[key] = str(p.get(key) or "")  # an empty or missing value removes it
                    return True, True
                return True, {key: self.profile[key]}
        if method == "getWebhookInfo":
            with self._cond:
                return True, dict(self.webhook)
        if method in ("setWebhook", "deleteWebhook"):
            with self._cond:
                self.webhook["url"] = str(p["url"]) if method == "setWebhook" else ""
            return False, None  # answered as any other call
        if method == "getChat":
            chat = self._chat(int(p["chat_id"]))
            gifts = {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False, "premium_subscription": False, "gifts_from_channels": False}
            return True, {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}
        if method == "deleteMessage":
            with self._cond:
                if self._messages.pop((p["chat_id"], p["message_id"]), None) is None:
                    raise KeyError("message to delete not found")
            return True, True
        return False, None

    def _edit(self, method: str, p: JSON) -> JSON:
        chat_id, message_id = p["chat_id"], p.get("message_id", 0)
        with self._cond:
            msg = self._messages.get((chat_id, message_id)) or self._message_base(chat_id, self.bot_user, message_id=message_id, text="…")
            msg = {**msg, "edit_date": int(time.time())}
            if method == "editMessageText":
                msg["text"] = shown_text(p)
            if method == "editMessageCaption":
                msg["caption"] = p.get("caption", "")
            msg.pop("reply_markup", None)  # an edit without reply_markup removes the keyboard, as Telegram does
            if "reply_markup" in p:
                msg["reply_markup"] = p["reply_markup"]
            self._messages[(chat_id, message_id)] = msg
        return msg

    def _get_updates(self, p: JSON) -> list[JSON]:
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        deadline = time.monotonic() + min(float(p.get("timeout") or 0), LONG_POLL_CAP)
        with self._cond:
            if offset < 0:
                self._updates = self._updates[offset:]
            elif offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and not self._stopping.is_set() and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)
            batch = self._updates[:limit]
            if batch:
                self._delivered_upto = max(self._delivered_upto, batch[-1]["update_id"])
                self._last_activity = time.monotonic()
                self._cond.notify_all()
            return batch

    # ---- updates ---------------------------------------------------------------------------------
    def push(self, update: JSON) -> int:
        with self._cond:
            if "update_id" not in update:
                update = {"update_id": self._next_update_id, **update}
            self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
            self._updates.append(update)
            self._cond.notify_all()
            return int(update["update_id"])

    def _next_msg_id(self, chat_id: int) -> int:
        with self._cond:
            self._msg_ids[chat_id] = self._msg_ids.get(chat_id, 0) + 1
            return self._msg_ids[chat_id]

    def _file(self, kind: str, **extra: Any) -> JSON:
        n = next(self._ids)
        return {"file_id": f"{kind}-file-{n}", "file_unique_id": f"{kind}-uniq-{n}", "file_size": 1234, **extra}

    @staticmethod
    def _chat(chat_id: int, chat_type: str | None = None, first_name: str = "Ann") -> JSON:
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup" if str(chat_id).startswith("-100") else "group")
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": first_name}
        return {"id": chat_id, "type": chat_type, "title": f"Test {chat_type}"}

    def _message_base(self, chat_id: int, sender: JSON | None, *, message_id: int | None = None, chat_type: str | None = None,
                      first_name: str = "Ann", **fields: Any) -> JSON:  # fmt: skip
        msg: JSON = {"message_id": message_id or self._next_msg_id(chat_id), "date": int(time.time())}
        if sender is not None:
            msg["from"] = sender
        return {**msg, "chat": self._chat(chat_id, chat_type, first_name), **fields}

    def _user_message(self, chat_id: int, key: str = "message", **fields: Any) -> JSON:
        return {key: self._message_base(chat_id, self.user(chat_id), **fields)}

    # ---- update builders (not pushed) ------------------------------------------------------------
    def user(self, user_id: int, first_name: str = "Ann", username: str | None = None) -> JSON:
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
        return {**user, "username": username} if username else user

    def message(self, chat_id: int, text: str, *, first_name: str = "Ann", chat_type: str = "private", message_id: int | None = None) -> JSON:
        sender = self.user(chat_id if chat_type == "private" else 1111, first_name)
        msg = self._message_base(chat_id, sender, message_id=message_id, chat_type=chat_type, first_name=first_name, text=text)
        if text.startswith("/"):
            word = text.split()[0]
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]
        return {"message": msg}

    def command(self, chat_id: int, command: str, args: str = "", **kw: Any) -> JSON:
        return self.message(chat_id, f"/{command.lstrip('/')}" + (f" {args}" if args else ""), **kw)

    def callback(self, chat_id: int, data: str, *, message_id: int | None = None, message_text: str = "…", inaccessible: bool = False) -> JSON:
        with self._cond:  # the server threads add messages meanwhile
            own = [m for c, m in self._messages if c == chat_id]  # default: the bot's latest message in that chat
            message_id = message_id or (max(own) if own else self._next_msg_id(chat_id))
            if inaccessible:
                msg: JSON = {"chat": self._chat(chat_id), "message_id": message_id, "date": 0}
            else:
                msg = self._messages.get((chat_id, message_id)) or self._message_base(chat_id, self.bot_user, message_id=message_id, text=message_text)
        query = {"id": str(next(self._ids)), "from": self.user(chat_id), "chat_instance": f"ci-{chat_id}", "data": data, "message": msg}
        return {"callback_query": query}

    def sticker(self, chat_id: int) -> JSON:
        return self._user_message(chat_id, sticker=self._file("sticker", width=512, height=512, emoji="🙂", type="regular", is_animated=False, is_video=False))

    def photo(self, chat_id: int) -> JSON:
        return self._user_message(chat_id, photo=[self._file("photo", width=90, height=90), self._file("photo", width=800, height=600)])

    def voice(self, chat_id: int) -> JSON:
        return self._user_message(chat_id, voice=self._file("voice", duration=2, mime_type="audio/ogg"))

    def location(self, chat_id: int) -> JSON:
        return self._user_message(chat_id, location={"latitude": 41.899977, "longitude": 12.501028})

    def contact(self, chat_id: int, phone: str) -> JSON:
        return self._user_message(chat_id, contact={"phone_number": phone, "first_name": "Ann", "user_id": chat_id})

    def document(self, chat_id: int) -> JSON:
        return self._user_message(chat_id, document=self._file("doc", file_name="scan.pdf", mime_type="application/pdf"))

    def edited(self, chat_id: int, text: str) -> JSON:
        """An edit of the chat's latest message."""
        return self._user_message(chat_id, "edited_message", message_id=self._msg_ids.get(chat_id), text=text, edit_date=int(time.time()))

    def group_message(self, chat_id: int, text: str, chat_type: str = "group") -> JSON:
        return self.message(-abs(chat_id), text, chat_type=chat_type)

    def channel_post(self, chat_id: int, text: str) -> JSON:
        chat = self._chat(-abs(chat_id), "channel")
        return {"channel_post": self._message_base(chat["id"], None, chat_type="channel", sender_chat=chat, text=text)}

    def my_chat_member(self, chat_id: int, status: str = "kicked") -> JSON:
        new: JSON = {"status": status, "user": self.bot_user} | ({"until_date": 0} if status == "kicked" else {})
        return {"my_chat_member": {"chat": self._chat(chat_id), "from": self.user(chat_id), "date": int(time.time()),
                                   "old_chat_member": {"status": "member", "user": self.bot_user}, "new_chat_member": new}}  # fmt: skip

    # ---- what the bot did ------------------------------------------------------------------------
    @staticmethod
    def _is_sent(call: Call, chat_id: int | None = None) -> bool:
        return call.method == "sendMessage" and call.status in (200, LOST) and (chat_id is None or call.params.get("chat_id") == chat_id)

    def sent(self, chat_id: int | None = None) -> list[JSON]:
        """Params of the sendMessage calls carried out (not refused with an injected fault; a LOST answer's message arrived)."""
        with self._cond:
            return [c.params for c in self.calls if self._is_sent(c, chat_id)]

    def texts(self, chat_id: int) -> list[str]:
        return [str(p.get("text", "")) for p in self.sent(chat_id)]

    def shown(self, chat_id: int) -> list[JSON]:
        """The bot's messages in a chat as the person sees them: in order, edits applied."""
        with self._cond:
            return [msg for (cid, _), msg in sorted(self._messages.items()) if cid == chat_id]

    def wait_shown(self, chat_id: int, predicate: Callable[[list[JSON]], bool], timeout: float = 10.0) -> list[JSON]:
        """Block until the chat's shown messages satisfy `predicate`; return them."""
        with self._cond:
            if self._cond.wait_for(lambda: predicate(self.shown(chat_id)), timeout):
                return self.shown(chat_id)
        raise AssertionError(f"timed out after {timeout}s waiting for chat {chat_id}; last calls:\n{self.summary()}")

    def summary(self, last: int = 12) -> str:
        with self._cond:
            calls = [c for c in self.calls if c.method != "getUpdates"][-last:]
        lines = [f"  {c.method} [{c.status}] {json.dumps(c.params, ensure_ascii=False)[:160]}" for c in calls]
        return "\n".join(lines) or "  (no calls besides getUpdates)"

    def wait_for(self, predicate: Callable[[Call], bool], timeout: float = 10.0, count: int = 1) -> list[Call]:
        """Block until `count` calls (made so far or later) satisfy `predicate`; return all that do."""
        matches: list[Call] = []

        def enough() -> bool:
            matches[:] = [c for c in self.calls if predicate(c)]
            return len(matches) >= count

        with self._cond:
            if self._cond.wait_for(enough, timeout):
                return list(matches)
        raise AssertionError(f"timed out after {timeout}s waiting for {count} matching call(s), got {len(matches)}; last calls:\n{self.summary()}")

    def wait_sent(self, chat_id: int, count: int, timeout: float = 10.0) -> list[JSON]:
        return [c.params for c in self.wait_for(lambda c: self._is_sent(c, chat_id), timeout, count)]

    def wait_idle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Until every pushed update was fetched and no non-getUpdates call started or ended for `quiet` seconds."""
        start = time.monotonic()
        deadline = start + timeout
        with self._cond:
            while True:
                undelivered = any(u["update_id"] > self._delivered_upto for u in self._updates)
                quiet_until = max(self._last_activity, start) + quiet
                settled, now = not undelivered and not self._busy, time.monotonic()
                if settled and now >= quiet_until:
                    return
                if now >= deadline:
                    raise AssertionError(f"not idle after {timeout}s (undelivered={undelivered}, busy={self._busy}); last calls:\n{self.summary()}")
                self._cond.wait(min(deadline, quiet_until if settled else deadline) - now)

    # ---- faults ----------------------------------------------------------------------------------
    def fail(self, method: str, times: int = 1, status: int = 429, retry_after: int = 1, description: str | None = None, chat_id: int | None = None) -> None:
        """Answer the next `times` calls of `method` (for `chat_id`, if given) with an error (429 carries
        parameters.retry_after); status LOST carries the call out and closes the connection unanswered."""
        with self._cond:
            self._faults[method.lower()] = _Fault(times, status, retry_after, description, chat_id)

    def wait_fetched(self, update_id: int, timeout: float = 10.0) -> None:
        """Block until the bot has confirmed receiving update `update_id` (a getUpdates with a higher offset):
        from then on Telegram would not send it again, handled or not."""
        self.wait_for(lambda c: c.method == "getUpdates" and int(c.params.get("offset") or 0) > update_id, timeout)

    def last_message_id(self, chat_id: int) -> int:
        """The id of the bot's latest message in a chat (to reply to it, as a person would)."""
        with self._cond:
            return max((mid for cid, mid in self._messages if cid == chat_id), default=0)

    def heal(self) -> None:
        """Drop every pending fault."""
        with self._cond:
            self._faults.clear()

    def delay(self, method: str, seconds: float, chat_id: int | None = None) -> None:
        """Make every later call of `method` (for `chat_id`, if given) wait `seconds` before answering (0 to undo)."""
        with self._cond:
            self._delays[(method.lower(), chat_id)] = seconds
