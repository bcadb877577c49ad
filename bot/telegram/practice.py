"""The practice's side on Telegram: call-back requests delivered through an outbox, the live chat
relay, and the admin commands (/stats, /leads, /export)."""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import asdict
from typing import Any

from telegram import InputFile, Message, Update
from telegram.constants import ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot import stats
from bot.effects import LeadRequested, Relayed
from bot.engine import Engine, Event, Reply
from bot.settings import Settings
from bot.state import Conversation
from bot.store import Store
from bot.telegram.messenger import Messenger

log = logging.getLogger("nmt_bot.practice")


class PracticeDesk:
    def __init__(self, engine: Engine, store: Store, settings: Settings, messenger: Messenger) -> None:
        self.engine = engine
        self.store = store
        self.settings = settings
        self.msg = engine.content.msg
        self.messenger = messenger
        self._delivering = asyncio.Lock()

    # ------------------------------------------------------------------ leads

    def store_lead(self, chat_id: int, lead: LeadRequested, update: Update) -> int:
        """Write the request first: whatever happens next, it is not lost."""
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
            for lead in self.store.undelivered():
                if not self.messenger.running:
                    return  # shutting down: the rest stay stored and go out at the next start (the practice
                    # chat takes 20 messages a minute, so a long pass would hold the shutdown for minutes)
                try:
                    await self.messenger.bot.send_message(self.settings.practice_chat_id, self._lead_text(lead), parse_mode=ParseMode.HTML)
                except RetryAfter as exc:
                    wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else float(exc.retry_after)
                    self.store.retry_later(lead["id"], max(wait, 1.0))
                    log.warning("lead %s: Telegram asked to wait %.0f s", lead["id"], wait)
                    return
                except TelegramError as exc:
                    delay = min(self.settings.outbox_max_backoff_seconds, self.settings.outbox_backoff_seconds * 2 ** lead["attempts"])
                    self.store.retry_later(lead["id"], delay)
                    log.warning("lead %s not delivered (%s); next try in %.0f s", lead["id"], type(exc).__name__, delay)
                    continue
                self.store.delivered(lead["id"])
                log.info("lead %s delivered to the practice chat", lead["id"])

    def _lead_text(self, lead: dict[str, Any]) -> str:
        msg = self.msg
        who = " ".join(p for p in (lead["name"] or "", f"@{lead['username']}" if lead["username"] else "") if p)
        lines = [
            msg("lead_heading", source=lead["source"] or msg("lead_no_source")),
            msg("lead_contact", name=who or str(lead["chat_id"]), phone=lead["phone"], time=lead["preferred_time"] or "—"),
        ]
        if lead["note"]:
            lines.append(msg("lead_note", note=lead["note"]))
        lines += ["", lead["summary"]]
        return html.escape("\n".join(lines), quote=False)

    # ------------------------------------------------------------------ live chat with the therapist

    async def relay_out(self, chat_id: int, update: Update, effect: Relayed) -> None:
        """Pass a person's message to the practice chat; the therapist answers by replying to it."""
        if self.settings.practice_chat_id is None:
            log.error("a message for the therapist could not be passed on: PRACTICE_CHAT_ID is not set")
            return
        user = update.effective_user
        who = user.full_name if user is not None else str(chat_id)
        if user is not None and user.username:
            who += f" @{user.username}"
        text = self.msg("relay_to_practice", name=who) + "\n" + effect.text
        if effect.first:
            text += "\n\n" + effect.summary
        message: Message = await self.messenger.bot.send_message(self.settings.practice_chat_id, html.escape(text, quote=False), parse_mode=ParseMode.HTML)
        self.store.relay(message.message_id, chat_id)

    async def relay_closed(self, chat_id: int, update: Update) -> None:
        if self.settings.practice_chat_id is None:
            return
        user = update.effective_user
        who = user.full_name if user is not None else str(chat_id)
        await self.messenger.send(self.settings.practice_chat_id, [Reply(self.msg("relay_closed_by_person", name=who))])

    async def on_practice_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A message in the practice chat: a reply to a relayed message goes to that person; /end ends the chat."""
        message = update.effective_message
        if message is None or message.reply_to_message is None or not message.text:
            return
        chat_id = self.store.relayed_from(message.reply_to_message.message_id)
        if chat_id is None:
            return
        saved, _ = self.store.load(chat_id)
        conv = Conversation.from_dict(saved)
        ending = message.text.strip().lower().split("@")[0] == "/end"
        result = self.engine.handle(conv, Event("end_relay") if ending else Event("practice_reply", message.text))
        self.store.save(chat_id, result.conversation.to_dict(), update.update_id)
        self.store.set_keyboard(chat_id, await self.messenger.send(chat_id, result.replies))
        self.store.relay(message.message_id, chat_id)  # a reply to the therapist's own message works too

    # ------------------------------------------------------------------ admin commands

    async def on_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows the funnel for the last 7 and 30 days, overall and per source, with a chart."""
        chat = update.effective_chat
        if chat is None:
            return
        funnels = [stats.funnel(self.store, days) for days in (7, 30)]
        await self.messenger.send(chat.id, [Reply(stats.render(self.engine.content, funnels))])
        png = await asyncio.to_thread(stats.chart, self.engine.content, funnels[1])
        await self.messenger.bot.send_photo(chat.id, InputFile(png, filename="funnel.png"))

    async def on_leads(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lists the latest call-back requests."""
        chat = update.effective_chat
        if chat is None:
            return
        leads = self.store.leads(limit=10)
        if not leads:
            await self.messenger.send(chat.id, [Reply(self.msg("leads_none"))])
            return
        blocks = [self.msg("leads_heading")]
        for lead in leads:
            who = " ".join(p for p in (lead["name"] or "", f"@{lead['username']}" if lead["username"] else "") if p)
            line = self.msg("lead_contact", name=who or str(lead["chat_id"]), phone=lead["phone"], time=lead["preferred_time"] or "—")
            level = lead["triage"].get("level") or ""
            blocks.append(f"{stats.iso_time(lead['created_at'])} · {lead['source'] or self.msg('lead_no_source')} · {level}\n{line}")
        await self.messenger.send(chat.id, [Reply("\n\n".join(blocks))])

    async def on_export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends the leads and the funnel events as CSV files."""
        chat = update.effective_chat
        if chat is None:
            return
        bot = self.messenger.bot
        await bot.send_document(chat.id, InputFile(stats.leads_csv(self.store).encode(), filename="leads.csv"))
        await bot.send_document(chat.id, InputFile(stats.events_csv(self.store).encode(), filename="funnel_events.csv"))
