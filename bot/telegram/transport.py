"""The HTTP client under python-telegram-bot: aiohttp instead of the library's default httpx.

The profile of the running bot showed most of its CPU in the HTTP client (httpx's connection pool
and per-request machinery), not in the bot's own work. aiohttp does the same requests for about a
quarter of the CPU. The library's contract is small: ``do_request`` returns the status and the body,
and raises ``TimedOut`` or ``NetworkError``; the library turns the status into its own errors
(429 → RetryAfter, 403 → Forbidden, …) exactly as with httpx. ``tests/test_transport.py`` holds this
client to that contract (each kind of timeout, a full pool, cancellation, proxies, error mapping).

On top of the contract, each error says whether Telegram can have acted on the request. Telegram has
no idempotency keys: a message whose answer was lost (a read timeout, a connection dropped after
sending) may have arrived, and sending it again could show it twice. So errors raised before the
request left (no connection could be made, none was free) and 5xx answers (Telegram did not carry
the request out) are ``Unsent`` (see ``retry_safe``); the others are not.

Proxies: ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` from the environment are honoured, as httpx
does; they are read once per host (aiohttp's ``trust_env`` would re-read them, and ~/.netrc, in a
thread on every request).

No error message holds the request URL: Bot API URLs contain the token.
"""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0  # uploading a chart or an export
POOL_TIMEOUT = 10.0  # waiting for a free connection (the rate limiter keeps well under the pool size)

TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,80}")


class Unsent:
    """Marks an error after which Telegram has not acted on the request: trying again cannot make a duplicate."""


class ConnectTimedOut(TimedOut, Unsent):
    """No connection within the connect (or pool) timeout: the request never left."""


class ConnectFailed(NetworkError, Unsent):
    """The connection was refused or could not be made (DNS, TLS, proxy): the request never left."""


class ServerError(NetworkError, Unsent):
    """Telegram answered 5xx: it did not carry the request out."""


def retry_safe(exc: BaseException) -> bool:
    """True when ``exc`` says the request was not carried out (sending it again cannot duplicate it);
    a read timeout or a dropped connection after sending is not: the message may have arrived."""
    return isinstance(exc, Unsent | RetryAfter)


def redact(text: str) -> str:
    """``text`` with any bot token in it replaced."""
    return TOKEN.sub("<token>", text)


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded, kept-alive connection pool."""

    __slots__ = ("_connections", "_proxies", "_read_timeout", "_session")

    def __init__(self, connections: int = 64, read_timeout: float = READ_TIMEOUT) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, keepalive_timeout=30)
            self._session = aiohttp.ClientSession(connector=connector, headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data is not None and request_data.contains_files else None
        body: Any = None
        if files:
            form = aiohttp.FormData()
            for name, value in request_data.json_parameters.items() if request_data is not None else ():
                form.add_field(name, value)
            for name, (filename, content, mimetype) in files.items():
                form.add_field(name, content, filename=filename, content_type=mimetype)
            body = form
        elif request_data is not None:
            body = request_data.json_parameters
        read = _given(read_timeout, self._read_timeout)
        write = _given(write_timeout, MEDIA_WRITE_TIMEOUT if files else WRITE_TIMEOUT)
        connect = _given(connect_timeout, CONNECT_TIMEOUT)
        pool = _given(pool_timeout, POOL_TIMEOUT)
        # aiohttp has no separate write timeout: sending an upload counts towards the read one (a JSON
        # body leaves at once, as with httpx); its connect timeout covers the wait for a free connection too.
        timeout = aiohttp.ClientTimeout(total=None, connect=_sum(pool, connect), sock_connect=connect, sock_read=_sum(read, write) if files else read)
        # The library chains the original exception to ours; aiohttp's messages can hold the URL, so
        # ours are built from the error's kind and a redacted text, and raised without the original.
        try:
            async with self._session.request(method, url, data=body, timeout=timeout, proxy=self._proxy(url)) as response:
                status, payload = response.status, await response.read()
        except aiohttp.ConnectionTimeoutError:
            raise ConnectTimedOut("Timed out while connecting") from None
        except TimeoutError:
            raise TimedOut("Timed out") from None
        except aiohttp.ClientConnectorError as exc:
            raise ConnectFailed(f"aiohttp.{type(exc).__name__}: {redact(str(exc))}") from None
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {redact(str(exc))}") from None
        if status >= 500:
            raise ServerError(_server_error(status, payload))
        return status, payload

    def _proxy(self, url: str) -> str | None:
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            bypass = urllib.request.proxy_bypass(key[1]) if key[1] else True
            self._proxies[key] = None if bypass else urllib.request.getproxies().get(key[0])
        return self._proxies[key]


def _server_error(status: int, payload: bytes) -> str:
    """The library's wording for a 5xx answer: Telegram's description, or the status's name."""
    try:
        description = json.loads(payload).get("description")
    except (ValueError, AttributeError):
        description = None
    if status == 502:
        return str(description or "Bad Gateway")
    return f"{description or 'Server Error'} ({status})"


def _given(value: ODVInput[float], default: float) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(read: float | None, write: float | None) -> float | None:
    return None if read is None or write is None else read + write
