"""The practice's view: the funnel per social source, lead lists and CSV exports, deep links and QR codes."""

from __future__ import annotations

import csv
import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import LEVELS, Content
from .store import Store

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Telegram's rule for a /start payload
USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
STEPS = ("start", "questions_done", "recommendation", "booking_click", "lead")
DIRECT = ""  # the source key for visits without a deep link


@dataclass
class Funnel:
    days: int
    by_source: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.by_source.values():
            out.update(counts)
        return out


def funnel(store: Store, days: int, source: str | None = None, now: float | None = None) -> Funnel:
    """Count each conversation step per source over the last ``days`` days (each person once per step)."""
    now = time.time() if now is None else now
    seen: set[tuple[int, str, str]] = set()
    result = Funnel(days)
    for chat_id, src, kind, detail, _at in store.events(now - days * 86400):
        key = src or DIRECT
        if source is not None and key != source:
            continue
        step = f"recommendation:{detail}" if kind == "recommendation" else kind
        if kind != "lead" and (chat_id, key, step) in seen:
            continue  # someone who restarts twice is still one conversation started
        seen.add((chat_id, key, step))
        counts = result.by_source.setdefault(key, Counter())
        counts[kind] += 1
        if kind == "recommendation" and detail:
            counts[f"level:{detail}"] += 1
    return result


def render(content: Content, funnels: list[Funnel]) -> str:
    """The funnel as text for the practice (Telegram /stats and `nmt-bot stats`)."""
    msg = content.msg
    labels = {step: msg(f"stats_{step}") for step in STEPS}
    lines: list[str] = []
    for f in funnels:
        lines.append(msg("stats_heading", days=f.days))
        rows = [(msg("stats_all_sources"), f.total)] + [(src or msg("stats_no_source"), counts) for src, counts in sorted(f.by_source.items(), key=lambda kv: -kv[1]["start"])]
        for name, counts in rows:
            steps = " · ".join(f"{labels[s]} {counts[s]}" for s in STEPS)
            levels = ", ".join(f"{lv} {counts[f'level:{lv}']}" for lv in LEVELS if counts[f"level:{lv}"])
            lines.append(f"• {name}: {steps}" + (f" ({levels})" if levels else ""))
        if not f.by_source:
            lines.append(msg("stats_empty"))
        lines.append("")
    return "\n".join(lines).strip()


def chart(content: Content, f: Funnel) -> bytes:
    """A PNG bar chart of the funnel per source (for practices who would rather look than read)."""
    from PIL import Image, ImageDraw

    sources = sorted(f.by_source.items(), key=lambda kv: -kv[1]["start"])[:8] or [(DIRECT, Counter())]
    colours = ["#4c78a8", "#72b7b2", "#54a24b", "#eeca3b", "#e45756"]
    width, row_h, left, bar_w = 900, 130, 200, 660
    img = Image.new("RGB", (width, 70 + row_h * len(sources)), "white")
    draw = ImageDraw.Draw(img)
    draw.text((20, 15), content.msg("stats_heading", days=f.days), fill="black")
    for i, step in enumerate(STEPS):
        draw.rectangle((20 + i * 170, 40, 32 + i * 170, 52), fill=colours[i])
        draw.text((38 + i * 170, 40), content.msg(f"stats_{step}"), fill="black")
    top = max([c["start"] for _, c in sources] + [1])
    for r, (src, counts) in enumerate(sources):
        y = 70 + r * row_h
        draw.text((20, y + 50), (src or content.msg("stats_no_source"))[:24], fill="black")
        for i, step in enumerate(STEPS):
            length = int(bar_w * counts[step] / top)
            y0 = y + 8 + i * 22
            draw.rectangle((left, y0, left + max(length, 1), y0 + 16), fill=colours[i])
            draw.text((left + length + 6, y0 + 2), str(counts[step]), fill="black")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


LEAD_COLUMNS = ("id", "created_at", "name", "username", "chat_id", "phone", "preferred_time", "note", "source",
                "region", "pain_type", "onset", "duration", "severity", "level", "condition", "delivered_at")  # fmt: skip


def leads_csv(store: Store) -> str:
    """All leads as CSV (times in UTC, ISO 8601)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LEAD_COLUMNS)
    for lead in store.leads():
        triage = lead["triage"]
        row: dict[str, Any] = {**lead, **{k: triage.get(k) for k in ("region", "pain_type", "onset", "duration", "severity", "level", "condition")}}
        row["created_at"] = iso_time(lead["created_at"])
        row["delivered_at"] = iso_time(lead["delivered_at"]) if lead["delivered_at"] else ""
        writer.writerow([_safe_cell(row.get(c)) for c in LEAD_COLUMNS])
    return out.getvalue()


def events_csv(store: Store, days: int = 3650) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("at", "chat_id", "source", "kind", "detail"))
    for chat_id, source, kind, detail, at in store.events(time.time() - days * 86400):
        writer.writerow((iso_time(at), chat_id, _safe_cell(source), kind, _safe_cell(detail)))
    return out.getvalue()


def _safe_cell(value: object) -> str:
    """CSV cells that a spreadsheet would run as a formula are quoted with a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not re.fullmatch(r"[+-]?\d[\d ]*", text) else text


def iso_time(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def deep_link(bot_username: str, source: str) -> str:
    """The t.me link that opens the bot and records ``source``; ValueError names what is wrong."""
    username = bot_username.lstrip("@")
    if not USERNAME_RE.match(username):
        raise ValueError(f"'{bot_username}' is not a Telegram bot username (letters, digits and _, 5-32 characters)")
    if not PAYLOAD_RE.match(source):
        raise ValueError(f"'{source}' cannot be a source: use 1-64 of A-Z a-z 0-9 _ - (for example instagram_nov)")
    return f"https://t.me/{username}?start={source}"


def write_qr(link: str, path: Path) -> None:
    """A QR code image of the link (PNG)."""
    import qrcode  # type: ignore[import-untyped]

    image = qrcode.make(link, border=4, box_size=10)
    image.save(str(path))
