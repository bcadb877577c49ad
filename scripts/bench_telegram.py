"""Per-update CPU of the full bot against a bare python-telegram-bot echo bot, over the local fake Bot API.

    .venv/bin/python scripts/bench_telegram.py [--chats 40]

Both bots run as separate processes against the same fake server on 127.0.0.1 and get the same
stream of updates (a whole conversation per chat: /start, button presses and typed answers). The
CPU time each process spends handling them (user + system, from /proc) is divided by the number of
updates. The echo bot is the framework's floor: it answers every message and button with one
message. It runs twice: as python-telegram-bot comes (httpx underneath: the target's floor), and on
the aiohttp client the full bot uses (bot/telegram/transport.py), which isolates the cost of the
bot's own work: the engine, SQLite, closing old keyboards, the rate limits it keeps.
Figures vary by some 10% from run to run on a busy machine; run it twice.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakebot import FakeBotAPI  # noqa: E402

ECHO_BOT = textwrap.dedent(
    """
    import os
    from telegram import Update
    from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

    async def echo(update, context):
        await update.effective_message.reply_text(update.effective_message.text or "ok")

    async def button(update, context):
        await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, update.callback_query.data or "ok")

    builder = (Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(os.environ["TELEGRAM_API_BASE_URL"])
               .concurrent_updates(256))
    if os.environ.get("ECHO_TRANSPORT") == "aiohttp":  # the same HTTP client as the full bot
        from bot.telegram.transport import AiohttpRequest
        builder = builder.request(AiohttpRequest()).get_updates_request(AiohttpRequest(connections=1))
    app = builder.build()
    app.add_handler(MessageHandler(filters.ALL, echo))
    app.add_handler(CallbackQueryHandler(button))
    app.run_polling(allowed_updates=Update.ALL_TYPES)
    """
)
SCRIPT = [
    ("command", "start"), ("button", "screen.none"), ("button", "region.lower_back"), ("text", "a dull ache"),
    ("button", "onset.gradual"), ("text", "for about 4 months"), ("button", "severity.5"),
    *[("text", "no")] * 8,  # the safety questions for the lower back
    ("button", "contraindications.none"), ("text", "how much does it cost?"),
]  # fmt: skip


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(cmd: list[str], env: dict[str, str], fake: FakeBotAPI, chats: int, ready: str) -> tuple[float, int]:
    """Start the bot, feed it the conversations, return (CPU seconds spent on them, updates sent)."""
    proc = subprocess.Popen(cmd, env=env, cwd=env["WORKDIR"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        fake.wait_for(lambda c: c.method == ready, timeout=30)
        time.sleep(1.0)
        start = cpu_seconds(proc.pid)
        updates = 0
        for step, (kind, value) in enumerate(SCRIPT):
            for chat in range(chats):
                chat_id = 10_000 + chat
                if kind == "command":
                    fake.push(fake.command(chat_id, value))
                elif kind == "button":
                    fake.push(fake.callback(chat_id, value))
                else:
                    fake.push(fake.message(chat_id, value))
                updates += 1
            fake.wait_idle(quiet=0.5, timeout=120)
            del step
        return cpu_seconds(proc.pid) - start, updates
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=40)
    args = parser.parse_args()
    results = {}
    for name in ("echo", "echo+aiohttp", "full"):
        with FakeBotAPI() as fake, tempfile.TemporaryDirectory() as work:
            env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
                   "NMT_DB": str(Path(work) / "bench.db"), "PRACTICE_CHAT_ID": "-1009000", "LOG_LEVEL": "WARNING", "WORKDIR": work}  # fmt: skip
            if name.startswith("echo"):
                env["ECHO_TRANSPORT"] = "aiohttp" if name.endswith("aiohttp") else ""
                script = Path(work) / "echo_bot.py"
                script.write_text(ECHO_BOT)
                cmd, ready = [sys.executable, str(script)], "getUpdates"
            else:
                profile = os.environ.get("BENCH_PROFILE")  # a file name: write a cProfile of the full bot there
                prof = ["-m", "cProfile", "-o", profile] if profile else []
                cmd, ready = [sys.executable, *prof, "-m", "bot.cli", "run"], "setMyCommands"
            cpu, updates = measure(cmd, env, fake, args.chats, ready)
            calls = len([c for c in fake.calls if c.method != "getUpdates"])
            results[name] = (cpu, updates, calls)
            methods = Counter(c.method for c in fake.calls if c.method != "getUpdates")
            print(f"{name:12} bot: {updates} updates, {calls} Bot API calls, CPU {cpu:.2f} s = {cpu / updates * 1000:.2f} ms per update")
            print("      " + ", ".join(f"{m} {n}" for m, n in methods.most_common()))
    per_update = {name: cpu / updates for name, (cpu, updates, _) in results.items()}
    print(f"per-update CPU, full bot / echo bot (python-telegram-bot as installed): {per_update['full'] / per_update['echo']:.2f}  (target <= 1.3)")
    print(f"per-update CPU, full bot / echo bot on the same HTTP client (aiohttp): {per_update['full'] / per_update['echo+aiohttp']:.2f}")


if __name__ == "__main__":
    main()
