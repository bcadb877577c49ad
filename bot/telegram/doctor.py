"""``nmt-bot doctor``: the deployment checked from end to end, one line per check (✓ or ✗ and the fix).

A misconfiguration otherwise shows only when a call-back request fails to arrive, so each check does
what the running bot will do: it asks Telegram with the token, posts to the practice chat (and
deletes the test message), looks up each admin, reads the webhook, loads the content and opens the
database for writing. Nothing is changed, except that the test message comes and goes. No line
holds the token: Telegram's answers are summarised, never echoed with the request URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from telegram import Bot
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, InvalidToken, TelegramError

from bot.content import Content, ContentError, load_content
from bot.flow import FlowMachine
from bot.settings import Settings
from bot.telegram.transport import AiohttpRequest

TELEGRAM = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class Finding:
    """One check's result, as one line."""

    ok: bool
    text: str

    def __str__(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.text}"


def diagnose(settings: Settings, content_root: Path | None = None) -> list[Finding]:
    """Every check, in the order a deployment depends on them: token, practice chat, admins, webhook,
    content, database."""
    content_finding, content = check_content(content_root)
    findings = asyncio.run(check_telegram(settings, content))
    return [*findings, content_finding, check_database(settings, content)]


async def check_telegram(settings: Settings, content: Content | None) -> list[Finding]:
    """The token, then (once it works) the practice chat, each admin and the webhook."""
    base = settings.api_base_url.rstrip("/") if settings.api_base_url else TELEGRAM
    request = AiohttpRequest(connections=1)
    bot = Bot(settings.require_token(), base_url=base, request=request, get_updates_request=request)
    await request.initialize()
    try:
        try:
            me = await bot.get_me()
        except InvalidToken:
            return [Finding(False, "Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather (/mybots → your bot → API Token); "
                                   "the practice chat, admin and webhook checks need it")]  # fmt: skip
        except TelegramError as exc:
            host = urlsplit(base).netloc
            return [Finding(False, f"could not reach the Bot API at {host} ({type(exc).__name__}): check the internet connection, "
                                   "HTTPS_PROXY or TELEGRAM_API_BASE_URL; the practice chat, admin and webhook checks need it")]  # fmt: skip
        username = me.username or ""
        findings = [Finding(True, f"the token works: the bot is @{username} ({me.first_name})")]
        findings.append(await _practice_chat(bot, settings, content, username))
        findings.extend(await _admins(bot, settings, username))
        findings.append(await _webhook(bot, settings, base))
        return findings
    finally:
        await request.shutdown()


async def _practice_chat(bot: Bot, settings: Settings, content: Content | None, username: str) -> Finding:
    chat_id = settings.practice_chat_id
    if chat_id is None:
        return Finding(False, "PRACTICE_CHAT_ID is not set: call-back requests and live chats go to that chat; put your own user id, "
                              "or a group's id (-100…), in .env (README: Finding your ids)")  # fmt: skip
    # A person's chat exists for the bot once they pressed Start; a group's once the bot was added.
    join = f"add @{username} to the group" if chat_id < 0 else f"from that account, open https://t.me/{username} and press Start"
    try:
        chat = await bot.get_chat(chat_id)
    except (BadRequest, Forbidden) as exc:
        return Finding(False, f"the practice chat {chat_id} is unknown to the bot ({exc.message}): {join}, or check PRACTICE_CHAT_ID (README: Finding your ids)")
    except TelegramError as exc:
        return Finding(False, f"the practice chat {chat_id} could not be looked up ({type(exc).__name__}): run the doctor again in a minute")
    name = f'"{chat.title}"' if chat.title else (chat.full_name or str(chat_id))
    if content is None:
        return Finding(False, f"the practice chat {name} ({chat_id}) exists, but posting was not tried: the test message is in the content, which has problems (below)")
    try:
        message = await bot.send_message(chat_id, content.msg("doctor_test"))
    except (BadRequest, Forbidden) as exc:
        fix = join if chat_id > 0 else f"{join}, and let members (or the bot, as an admin) send messages"
        return Finding(False, f"the bot cannot post in the practice chat {name} ({chat_id}): {exc.message}; {fix}")
    except TelegramError as exc:
        return Finding(False, f"a test message to the practice chat {name} failed ({type(exc).__name__}): run the doctor again in a minute")
    try:
        await bot.delete_message(chat_id, message.message_id)
        done = "a test message was sent and deleted"
    except TelegramError:
        done = "a test message was sent, but could not be deleted: delete it there by hand"
    return Finding(True, f"the practice chat {name} ({chat_id}) exists and the bot can post there ({done})")


async def _admins(bot: Bot, settings: Settings, username: str) -> list[Finding]:
    if not settings.admin_ids:
        return [Finding(True, "ADMIN_IDS is empty, so nobody can use /stats, /leads and /export (optional: set it to user ids)")]
    findings = []
    for admin in sorted(settings.admin_ids):
        try:
            chat = await bot.get_chat(admin)
        except (BadRequest, Forbidden):
            findings.append(Finding(False, f"admin {admin} has not started the bot (or is not a user id): from that account, open https://t.me/{username} "
                                           "and press Start; a user id is a number, e.g. from @userinfobot"))  # fmt: skip
            continue
        except TelegramError as exc:
            findings.append(Finding(False, f"admin {admin} could not be looked up ({type(exc).__name__}): run the doctor again in a minute"))
            continue
        if chat.type != ChatType.PRIVATE:
            findings.append(Finding(False, f"admin {admin} is a {chat.type} chat, not a person: ADMIN_IDS takes user ids, e.g. from @userinfobot"))
        else:
            findings.append(Finding(True, f"admin {admin} ({chat.full_name}) has started the bot"))
    return findings


async def _webhook(bot: Bot, settings: Settings, base: str) -> Finding:
    try:
        info = await bot.get_webhook_info()
    except TelegramError as exc:
        return Finding(False, f"the webhook could not be read ({type(exc).__name__}): run the doctor again in a minute")
    wanted, current, waiting = settings.webhook_url, info.url, info.pending_update_count
    if wanted is None:
        if not current:
            return Finding(True, "no webhook is set, as long polling needs")
        # Telegram keeps sending to a webhook until it is deleted, and long polling gets nothing meanwhile.
        return Finding(False, f"a webhook is still set ({current}), but WEBHOOK_URL is not, so the bot polls: `nmt-bot run` deletes it when it starts, "
                              f"or delete it now by opening {base}<TOKEN>/deleteWebhook (your token in place of <TOKEN>); "
                              "if the webhook is meant, set WEBHOOK_URL and WEBHOOK_SECRET in .env instead")  # fmt: skip
    if not current:
        return Finding(False, f"WEBHOOK_URL is {wanted}, but no webhook is set: `nmt-bot run` sets it when it starts (if it is running, see its log)")
    if current != wanted:
        return Finding(False, f"Telegram sends updates to {current}, not to WEBHOOK_URL={wanted}: `nmt-bot run` sets WEBHOOK_URL when it starts; "
                              "if another deployment uses this token, stop it first (a bot has one webhook)")  # fmt: skip
    if info.last_error_message and waiting:
        return Finding(False, f"the webhook is {current}, but Telegram's last delivery failed ({info.last_error_message}), with {_count(waiting, 'update')} waiting: "
                              f"check that the HTTPS proxy forwards to port {settings.port} and that `nmt-bot run` is running")  # fmt: skip
    return Finding(True, f"the webhook is {current}, as WEBHOOK_URL says ({_count(waiting, 'update')} waiting)")


def check_content(root: Path | None) -> tuple[Finding, Content | None]:
    """The same as ``nmt-bot check``."""
    try:
        content = load_content(root)
        FlowMachine(content)
    except ContentError as exc:
        n = len(exc.problems)
        first = exc.problems[0]
        return Finding(False, f"the content has {n} problem{'s' if n != 1 else ''} (first: {first}): run `nmt-bot check` to see them all"), None
    return Finding(True, f"the content in {content.root} is valid"), content


def check_database(settings: Settings, content: Content | None) -> Finding:
    """NMT_DB can be written (or created, without creating it here), and how long what it holds is kept."""
    path = settings.db_path
    days = (content.practice.get("retention_days") or "90") if content is not None else None
    kept = (
        f"conversations idle for over {days} days are deleted daily, call-back requests stay until deleted (retention_days in knowledge/practice.yaml)"
        if days is not None
        else "retention_days could not be read: the content has problems"
    )
    folder = path.absolute().parent
    if path.is_dir():
        return Finding(False, f"NMT_DB={path} is a folder: name a file in it, e.g. NMT_DB={path / 'nmt-bot.db'}")
    if not folder.is_dir():
        return Finding(False, f"NMT_DB={path}: the folder {folder} does not exist: create it, owned by the user the bot runs as")
    # SQLite writes its journal beside the database, so the folder must be writable too.
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(False, f"NMT_DB={path}: the folder {folder} is not writable by this user: give it to the user the bot runs as (chown)")
    if not path.exists():
        return Finding(True, f"the database {path} does not exist yet; `nmt-bot run` creates it (the folder is writable); {kept}")
    try:
        # mode=rw: an existing file only, never a new empty one in a mistaken place
        with contextlib.closing(sqlite3.connect(path.absolute().as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=5)) as db:
            db.execute("BEGIN IMMEDIATE")  # takes the write lock, as saving a turn does; nothing is written
            db.execute("ROLLBACK")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            conversations = db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] if "conversations" in tables else 0
            leads, waiting = db.execute("SELECT COUNT(*), COUNT(*) - COUNT(delivered_at) FROM leads WHERE id > 0").fetchone() if "leads" in tables else (0, 0)
    except sqlite3.Error as exc:
        return Finding(False, f"the database {path} cannot be written ({exc}): check that it is an nmt-bot database and that this user owns it")
    undelivered = f", {waiting} not yet delivered to the practice chat" if waiting else ""
    held = f"{_count(conversations, 'conversation')}, {_count(leads, 'call-back request')}{undelivered}"
    return Finding(True, f"the database {path} is writable: {held}; {kept}")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"
