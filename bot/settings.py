"""Settings from the environment, and from an optional ``.env`` file in the working folder.

Real environment variables win over ``.env``. Every problem is one plain line
(``SettingsError``), never a traceback: the CLI prints it and exits with 2.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,80}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # Telegram's rule for secret_token
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(Exception):
    """A setting is missing or malformed; the message names it and says what to do."""


@dataclass(frozen=True)
class Settings:
    token: str | None
    api_base_url: str | None
    db_path: Path
    webhook_url: str | None
    webhook_secret: str | None
    port: int
    log_level: str
    practice_chat_id: int | None
    admin_ids: frozenset[int] = frozenset()
    bot_username: str | None = None
    outbox_seconds: float = 10.0  # how often undelivered call-back requests are retried
    outbox_backoff_seconds: float = 5.0  # the wait after a lead's first failed try, doubled after each further one
    outbox_max_backoff_seconds: float = 300.0  # the longest wait between two tries at one lead
    chat_burst: int = 3  # messages a private chat may get at once (a reply is 1-3 messages)
    chat_burst_seconds: float = 3.0  # the time a private chat's burst takes to refill: about one message a second sustained
    messages_per_second: float = 30.0  # to all chats together: Telegram's limit for a bot
    telegram_timeout: float = 5.0  # seconds to wait for Telegram's answer to a call (a message whose answer is late is not sent again)
    send_retry_seconds: float = 0.5  # the pause before a message Telegram did not take is tried again, doubled for each of 4 tries

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in the environment or in .env")
        return self.token


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines (comments, also after an unquoted value, blank lines, `export` and quotes allowed)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        quoted = len(value) >= 2 and value[0] in "'\"" and value[0] in value[1:]
        # A quoted value is taken as it is, up to the closing quote; after an unquoted one, " #" starts a comment.
        values[key.strip()] = value[1 : value.index(value[0], 1)] if quoted else re.split(r"\s#", value, maxsplit=1)[0].strip()
    return values


def load_settings(environ: dict[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """Read and check the settings; raise SettingsError on the first bad one."""
    env = {**read_env_file(env_file or Path(".env")), **(environ if environ is not None else os.environ)}

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    token = get("TELEGRAM_BOT_TOKEN")
    if token is not None and not TOKEN_RE.match(token):
        raise SettingsError("TELEGRAM_BOT_TOKEN looks malformed: it should look like 123456789:AA… as given by @BotFather")
    base = get("TELEGRAM_API_BASE_URL")
    if base is not None and urlparse(base).scheme not in ("http", "https"):
        raise SettingsError(f"TELEGRAM_API_BASE_URL must be an http(s) URL such as http://127.0.0.1:8081/bot, got {base!r}")
    webhook = get("WEBHOOK_URL")
    secret = get("WEBHOOK_SECRET")
    if webhook is not None:
        if urlparse(webhook).scheme != "https" and not webhook.startswith("http://127.0.0.1"):
            raise SettingsError(f"WEBHOOK_URL must be an https:// URL that Telegram can reach, got {webhook!r}")
        if secret is None:
            raise SettingsError("WEBHOOK_SECRET is required with WEBHOOK_URL: 1-256 characters of A-Z a-z 0-9 _ -")
    if secret is not None and not SECRET_RE.match(secret):
        raise SettingsError("WEBHOOK_SECRET may only hold 1-256 characters of A-Z a-z 0-9 _ -")
    port_text = get("PORT") or "8080"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(f"PORT must be a number from 1 to 65535, got {port_text!r}")
    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
    chat_text = get("PRACTICE_CHAT_ID")
    if chat_text is not None and not re.fullmatch(r"-?\d+", chat_text):
        raise SettingsError(f"PRACTICE_CHAT_ID must be a number (a user or group chat id such as -1001234567890), got {chat_text!r}")
    admins_text = get("ADMIN_IDS") or ""
    admin_ids = [a.strip() for a in admins_text.replace(";", ",").split(",") if a.strip()]
    if any(not re.fullmatch(r"\d+", a) for a in admin_ids):
        raise SettingsError(f"ADMIN_IDS must be Telegram user ids separated by commas, e.g. 123456789,987654321; got {admins_text!r}")
    username = get("TELEGRAM_BOT_USERNAME")

    def number(name: str, default: float, low: float, high: float, unit: str = "seconds") -> float:
        text = get(name)
        if text is None:
            return default
        try:
            value = float(text)
        except ValueError:
            value = -1.0
        if not low <= value <= high:  # NaN fails too
            raise SettingsError(f"{name} must be a number of {unit} from {low:g} to {high:g}, got {text!r}")
        return value

    outbox = number("NMT_OUTBOX_SECONDS", 10, 0.1, 3600)
    backoff = number("NMT_OUTBOX_BACKOFF_SECONDS", outbox / 2, 0.01, 3600)
    max_backoff = number("NMT_OUTBOX_MAX_BACKOFF_SECONDS", 300, 0.01, 86400)
    burst_text = get("NMT_CHAT_BURST") or "3"
    if not re.fullmatch(r"[0-9]{1,3}", burst_text) or not 1 <= int(burst_text) <= 100:
        raise SettingsError(f"NMT_CHAT_BURST must be a whole number of messages from 1 to 100, got {burst_text!r}")
    burst_seconds = number("NMT_CHAT_BURST_SECONDS", 3, 0.01, 3600)
    rate = number("NMT_MESSAGES_PER_SECOND", 30, 1, 10000, "messages a second")
    telegram_timeout = number("NMT_TELEGRAM_TIMEOUT_SECONDS", 5, 0.1, 300)
    send_retry = number("NMT_SEND_RETRY_SECONDS", 0.5, 0.01, 60)
    return Settings(
        token=token,
        api_base_url=base,
        db_path=Path(get("NMT_DB") or "nmt-bot.db"),
        webhook_url=webhook,
        webhook_secret=secret,
        port=int(port_text),
        log_level=level,
        practice_chat_id=int(chat_text) if chat_text is not None else None,
        admin_ids=frozenset(int(a) for a in admin_ids),
        bot_username=username.lstrip("@") if username else None,
        outbox_seconds=outbox,
        outbox_backoff_seconds=backoff,
        outbox_max_backoff_seconds=max_backoff,
        chat_burst=int(burst_text),
        chat_burst_seconds=burst_seconds,
        messages_per_second=rate,
        telegram_timeout=telegram_timeout,
        send_retry_seconds=send_retry,
    )
