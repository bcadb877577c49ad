"""The practice's side on Telegram: call-back requests delivered through an outbox, the live chat
relay, and the admin commands (/stats, /leads, /export)."""

from __future__ import annotations

import asyncio
import functools
import html
import logging
import re
from dataclasses import asdict
from typing import Any

from telegram import InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot import stats
from bot.effects import LeadRequested, Relayed
from bot.engine import Engine, Event, Reply
from bot.settings import Settings
from bot.telegram import render
from bot.telegram.conversations import Conversations
from bot.telegram.database import Database
from bot.telegram.messenger import Messenger, retried
from bot.telegram.transport import retry_safe

log = logging.getLogger("nmt_bot.practice")
LEAD_ID_RE = re.compile(r"#?[0-9]{1,18}")  # ASCII digits within SQLite's integers ("²" is a digit to str.isdigit)


class PracticeDesk:
    def __init__(self, engine: Engine, db: Database, conversations: Conversations, settings: Settings, messenger: Messenger) -> None:
        self.engine = engine
        self.db = db
        self.store = db.store
        self.conversations = conversations
        self.settings = settings
        self.msg = engine.content.msg
        self.messenger = messenger
        self._delivering = asyncio.Lock()

    # ------------------------------------------------------------------ leads

    def store_lead(self, chat_id: int, lead: LeadRequested, update: Update) -> int:
        """Write the request first: whatever happens next, it is not lost (a store call: in the
        database's thread, inside the turn's transaction)."""
        user = update.effective_user
        name = user.full_name if user is not None else None
        username = user.username if user is not None else None
        lead_id = self.store.add_lead(chat_id, asdict(lead), name, username)
        self.store.event(chat_id, lead.source, "lead")
        return lead_id

    async def tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The outbox job: start a delivery pass and return at once, so a pass held up by Telegram's
        limits never makes the scheduler skip (and warn about) the next runs."""
        if not self._delivering.locked():  # a pass still running covers this one
            context.application.create_task(self.deliver(), name="outbox")

    async def deliver(self) -> None:
        """Send every due lead to the practice chat; each is marked delivered once Telegram accepts it."""
        if self.settings.practice_chat_id is None or self._delivering.locked():
            return
        async with self._delivering:
            for lead in await self.db(self.store.undelivered):
                if not self.messenger.running:
                    return  # shutting down: the rest stay stored and go out at the next start (the practice
                    # chat takes 20 messages a minute, so a long pass would hold the shutdown for minutes)
                try:
                    await self.messenger.bot.send_message(self.settings.practice_chat_id, self._lead_text(lead), parse_mode=ParseMode.HTML)
                except RetryAfter as exc:
                    wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else float(exc.retry_after)
                    await self.db(self.store.retry_later, lead["id"], max(wait, 1.0))
                    log.warning("lead %s: Telegram asked to wait %.0f s", lead["id"], wait)
                    return
                except TelegramError as exc:
                    delay = min(self.settings.outbox_max_backoff_seconds, self.settings.outbox_backoff_seconds * 2 ** lead["attempts"])
                    await self.db(self.store.retry_later, lead["id"], delay)
                    log.warning("lead %s not delivered (%s); next try in %.0f s", lead["id"], type(exc).__name__, delay)
                    continue
                await self.db(self.store.delivered, lead["id"])
                log.info("lead %s delivered to the practice chat", lead["id"])

    def _lead_text(self, lead: dict[str, Any]) -> str:
        msg = self.msg
        who = " ".join(p for p in (lead["name"] or "", f"@{lead['username']}" if lead["username"] else "") if p)
        lines = [
            f"{msg('lead_number', id=lead['id'])} · " + msg("lead_heading", source=lead["source"] or msg("lead_no_source")),
            msg("lead_contact", name=who or str(lead["chat_id"]), phone=lead["phone"], time=lead["preferred_time"] or "—"),
        ]
        if lead["note"]:
            lines.append(msg("lead_note", note=lead["note"]))
        lines += ["", lead["summary"]]
        return html.escape("\n".join(lines), quote=False)

    # ------------------------------------------------------------------ live chat with the therapist

    async def relay_out(self, chat_id: int, update: Update, effect: Relayed) -> None:
        """Pass a person's message to the practice chat, whole: in parts of Telegram's 4,096 characters
        when longer (the heading and the first message's summary included); the therapist answers by
        replying to any part. A part Telegram did not take is said to the person, who can send it again."""
        if self.settings.practice_chat_id is None:
            log.error("a message for the therapist could not be passed on: PRACTICE_CHAT_ID is not set")
            return
        text = self._relay_heading(chat_id, update) + "\n" + effect.text
        if effect.first:
            text += "\n\n" + effect.summary
        # Plain text, not HTML: what is sent is what is shown, so the limit is counted exactly and a cut
        # never falls inside an escaped "&amp;".
        for part in render.split_text(text):
            send = functools.partial(self.messenger.bot.send_message, self.settings.practice_chat_id, part)
            try:
                message: Message = await retried(send, self.messenger.pauses)
            except TelegramError as exc:
                if isinstance(exc, NetworkError) and not isinstance(exc, BadRequest) and not retry_safe(exc):
                    # The answer was lost: the part may have arrived, so it is not sent again; the rest go on.
                    log.warning("chat %s: Telegram's answer to a message for the therapist was lost (%s)", chat_id, type(exc).__name__)
                    continue
                log.warning("chat %s: a message for the therapist could not be passed on (%s)", chat_id, type(exc).__name__)
                await self._relay_failed(chat_id)
                return
            await self.db(self.store.relay, message.message_id, chat_id)

    async def _relay_failed(self, chat_id: int) -> None:
        """The person was told "Sent": now they hear it was not, and can send it again."""
        try:
            await self.messenger.send(chat_id, [Reply(self.msg("relay_failed"))])
        except TelegramError as exc:
            log.warning("chat %s: could not say a message was not passed on (%s)", chat_id, type(exc).__name__)

    async def relay_media(self, update: Update) -> bool:
        """A photo, voice note, file… sent during a live chat goes to the practice chat as it is; False
        when the person is not in a live chat (the engine then says what the bot reads)."""
        message, chat = update.effective_message, update.effective_chat
        practice = self.settings.practice_chat_id
        if message is None or chat is None or practice is None:
            return False
        step = self.engine.step((await self.db(self.conversations.load, chat.id)).conversation)
        if step is None or step.kind != "relay":
            return False
        try:
            heading = await self.messenger.bot.send_message(practice, html.escape(self._relay_heading(chat.id, update), quote=False), parse_mode=ParseMode.HTML)
            copy = await self.messenger.bot.copy_message(practice, chat.id, message.message_id)
        except TelegramError as exc:
            log.warning("chat %s: a file for the therapist could not be passed on (%s)", chat.id, type(exc).__name__)
            return True
        for practice_message_id in (heading.message_id, copy.message_id):
            await self.db(self.store.relay, practice_message_id, chat.id)
        await self.db(self.store.mark, update.update_id)
        await self.messenger.send(chat.id, [Reply(self.msg("relay_sent_again"))])
        return True

    def _relay_heading(self, chat_id: int, update: Update) -> str:
        user = update.effective_user
        who = user.full_name if user is not None else str(chat_id)
        if user is not None and user.username:
            who += f" @{user.username}"
        return self.msg("relay_to_practice", name=who)

    async def relay_closed(self, chat_id: int, update: Update) -> None:
        if self.settings.practice_chat_id is None:
            return
        user = update.effective_user
        who = user.full_name if user is not None else str(chat_id)
        try:
            await self.messenger.send(self.settings.practice_chat_id, [Reply(self.msg("relay_closed_by_person", name=who))])
        except TelegramError as exc:
            log.warning("chat %s: the practice chat could not be told the chat ended (%s)", chat_id, type(exc).__name__)

    async def on_practice_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message in the practice chat: a reply to a relayed message goes to that person (a photo,
        voice note or file as it is, after the therapist's name); /end ends the chat."""
        message = update.effective_message
        if message is None or message.reply_to_message is None:
            return
        chat_id = await self.db(self.store.relayed_from, message.reply_to_message.message_id)
        if chat_id is None:
            return
        text = message.text or message.caption or ""
        loaded = await self.db(self.conversations.load, chat_id)
        ending = text.strip().lower().split("@")[0] == "/end"
        result = self.engine.handle(loaded.conversation, Event("end_relay") if ending else Event("practice_reply", "" if message.caption else text))
        await self.db(self.conversations.save, chat_id, loaded, result.conversation, update.update_id)
        keyboard = await self.messenger.send(chat_id, result.replies)
        if message.text is None and not ending:
            await self.messenger.bot.copy_message(chat_id, message.chat_id, message.message_id)
        if result.replies:  # nothing said (an /end after the person left the chat): their keyboard is as it was
            await self.db(self.store.set_keyboard, chat_id, keyboard)
        await self.db(self.store.relay, message.message_id, chat_id)  # a reply to the therapist's own message works too

    # ------------------------------------------------------------------ admin commands

    async def on_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows the funnel for the last 7 and 30 days, overall and per source, with a chart."""
        chat = update.effective_chat
        if chat is None:
            return
        funnels = [await self.db(stats.funnel, self.store, days) for days in (7, 30)]
        await self.messenger.send(chat.id, [Reply(stats.render(self.engine.content, funnels))])
        png = await asyncio.to_thread(stats.chart, self.engine.content, funnels[1])
        await self.messenger.bot.send_photo(chat.id, InputFile(png, filename="funnel.png"))

    async def on_leads(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lists the latest call-back requests."""
        chat = update.effective_chat
        if chat is None:
            return
        leads = await self.db(self.store.leads, limit=10)
        if not leads:
            await self.messenger.send(chat.id, [Reply(self.msg("leads_none"))])
            return
        blocks = [self.msg("leads_heading")]
        for lead in leads:
            who = " ".join(p for p in (lead["name"] or "", f"@{lead['username']}" if lead["username"] else "") if p)
            line = self.msg("lead_contact", name=who or str(lead["chat_id"]), phone=lead["phone"], time=lead["preferred_time"] or "—")
            level = lead["triage"].get("level") or ""
            number = self.msg("lead_number", id=lead["id"])
            blocks.append(f"{number} · {stats.iso_time(lead['created_at'])} · {lead['source'] or self.msg('lead_no_source')} · {level}\n{line}")
        await self.messenger.send(chat.id, [Reply("\n\n".join(blocks))])

    async def on_delete_lead(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Deletes one call-back request: /deletelead 12."""
        chat = update.effective_chat
        if chat is None:
            return
        args = context.args or []
        if len(args) != 1 or not LEAD_ID_RE.fullmatch(args[0]):
            text = self.msg("delete_lead_usage")
        else:
            lead_id = int(args[0].lstrip("#"))
            deleted = await self.db(self.store.delete_lead, lead_id)
            text = self.msg("delete_lead_done" if deleted else "delete_lead_none", number=self.msg("lead_number", id=lead_id))
            if deleted:
                log.info("lead %s deleted by an admin", lead_id)
        await self.messenger.send(chat.id, [Reply(text)])

    async def on_export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends the leads and the funnel events as CSV files."""
        chat = update.effective_chat
        if chat is None:
            return
        bot = self.messenger.bot
        leads, events = await self.db(stats.leads_csv, self.store), await self.db(stats.events_csv, self.store)
        await bot.send_document(chat.id, InputFile(leads.encode(), filename="leads.csv"))
        await bot.send_document(chat.id, InputFile(events.encode(), filename="funnel_events.csv"))
