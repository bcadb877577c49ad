"""Engine replies → Telegram messages: escaped HTML, inline keyboards, the 4,096 limit."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from telegram.constants import MessageLimit

from bot.engine import Reply

LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4,096, counted by Telegram in UTF-16 code units
CALLBACK_LIMIT = 64  # bytes of callback_data


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """Cut text into pieces of at most ``limit`` UTF-16 units: at paragraphs, then lines, then words."""
    if utf16_len(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        cut = _cut_point(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pieces.append(rest)
    return [p for p in pieces if p]


def _cut_point(text: str, limit: int) -> int:
    # Largest prefix within the limit, in characters.
    size, end = 0, 0
    for i, ch in enumerate(text):
        size += 2 if ord(ch) > 0xFFFF else 1
        if size > limit:
            break
        end = i + 1
    head = text[:end]
    for sep in ("\n\n", "\n", " "):
        at = head.rfind(sep)
        if at > end // 2:
            return at + len(sep)
    return end


def keyboard(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard; ids are the callback_data (checked to fit 64 bytes).

    A step that asks for a phone number gets Telegram's "share my number" keyboard instead (one message
    carries one kind of keyboard; Back can still be typed)."""
    if reply.request_contact:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.request_contact, request_contact=True)]], one_time_keyboard=True, resize_keyboard=True)
    if not reply.rows:
        return None
    rows = []
    for row in reply.rows:
        buttons = []
        for b in row:
            if len(b.id.encode()) > CALLBACK_LIMIT:
                raise ValueError(f"callback_data over {CALLBACK_LIMIT} bytes: {b.id[:20]}…")
            buttons.append(InlineKeyboardButton(b.label, callback_data=b.id))
        rows.append(buttons)
    return InlineKeyboardMarkup(rows)


def messages(reply: Reply) -> list[tuple[str, InlineKeyboardMarkup | ReplyKeyboardMarkup | None]]:
    """One reply as HTML messages; the keyboard goes with the last piece, under everything it refers to."""
    pieces = split_text(reply.text, LIMIT - 64)  # room for escaping growth is handled per piece below
    out: list[tuple[str, InlineKeyboardMarkup | ReplyKeyboardMarkup | None]] = []
    for i, piece in enumerate(pieces):
        escaped = html.escape(piece, quote=False)
        for part in split_text(escaped):
            out.append((part, None))
        if i == len(pieces) - 1 and out:
            out[-1] = (out[-1][0], keyboard(reply))
    return out


def answered(html_text: str, label: str) -> str:
    """An answered question (its text as HTML, as shown) with the chosen answer kept visible under it."""
    return f"{html_text}\n\n<b>✓ {html.escape(label, quote=False)}</b>"


def answered_header(label: str) -> str:
    """The chosen answer, shown above the question that replaces the answered one."""
    return f"<b>✓ {html.escape(label, quote=False)}</b>\n\n"
