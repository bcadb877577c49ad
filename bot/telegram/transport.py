"""The HTTP client under python-telegram-bot: aiohttp instead of the library's default httpx.

The profile of the running bot showed most of its CPU in the HTTP client (httpx's connection pool
and per-request machinery), not in the bot's own work. aiohttp does the same requests for about a
quarter of the CPU. The library's contract is small: ``do_request`` returns the status and the body,
and raises ``TimedOut`` or ``NetworkError``; the library turns the status into its own errors
(429 → RetryAfter, 403 → Forbidden, …) exactly as with httpx.

Proxies: ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` from the environment are honoured, as httpx
does; they are read once per host (aiohttp's ``trust_env`` would re-read them, and ~/.netrc, in a
thread on every request).
"""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0  # uploading a chart or an export
POOL_TIMEOUT = 10.0  # waiting for a free connection (the rate limiter keeps well under the pool size)


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded, kept-alive connection pool."""

    __slots__ = ("_connections", "_proxies", "_session")

    def __init__(self, connections: int = 64) -> None:
        self._connections = connections
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return READ_TIMEOUT

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
        read = _given(read_timeout, READ_TIMEOUT)
        write = _given(write_timeout, MEDIA_WRITE_TIMEOUT if files else WRITE_TIMEOUT)
        connect = _given(connect_timeout, CONNECT_TIMEOUT)
        pool = _given(pool_timeout, POOL_TIMEOUT)
        # aiohttp has no separate write timeout: sending the body counts towards the read one.
        timeout = aiohttp.ClientTimeout(total=None, connect=_sum(pool, connect), sock_connect=connect, sock_read=_sum(read, write))
        try:
            async with self._session.request(method, url, data=body, timeout=timeout, proxy=self._proxy(url)) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc

    def _proxy(self, url: str) -> str | None:
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            bypass = urllib.request.proxy_bypass(key[1]) if key[1] else True
            self._proxies[key] = None if bypass else urllib.request.getproxies().get(key[0])
        return self._proxies[key]


def _given(value: ODVInput[float], default: float) -> float | None:
    return default if isinstance(value, DefaultValue) else value


def _sum(read: float | None, write: float | None) -> float | None:
    return None if read is None or write is None else read + write
