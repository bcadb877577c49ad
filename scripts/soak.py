"""Soak test: many people at once, every kind of update, a misbehaving Bot API, and a killed process.

    .venv/bin/python scripts/soak.py                         # the long run: 200 chats, 20,000+ updates (~40 min:
                                                             # the bot keeps to Telegram's 30 messages/s)
    .venv/bin/python scripts/soak.py --chats 20 --rounds 12  # a short run (the test suite runs a shorter one, at test pace)

Every chat gets a stream of updates of all kinds (text, buttons valid and stale, edits, stickers,
photos, voice, contacts, locations, group and channel posts, my_chat_member); a share of the chats
goes all the way to a call-back request. Meanwhile the fake server answers some calls with 429,
5xx or slowly, and the bot is killed with SIGKILL and started again halfway. At the end it checks:
no unhandled exception in the logs, every chat's conversation stored in a state the flow declares,
and every completed call-back request stored once and delivered to the practice chat (once, or, if
the kill came while it was on its way, twice under the same "Lead #N").
Exit code 0 when all checks pass.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from tests.botprocess import settle  # noqa: E402
from tests.fakebot import FakeBotAPI  # noqa: E402

PRACTICE = -1009000
LEAD_PATH = [
    ("command", "start"), ("button", "screen.none"), ("button", "region.lower_back"), ("button", "pain_type.dull_ache"),
    ("button", "onset.gradual"), ("button", "duration.months"), ("button", "severity.5"),
] + [("text", "no")] * 7 + [  # the safety questions (extra "no"s are harmless)
    ("button", "contraindications.none"), ("button", "recommendation.callback"), ("text", "07700 900123"),
    ("button", "callback_time.evening"), ("button", "callback_note.skip"),
]  # fmt: skip
NEXT = {  # for finishing a call-back request from wherever a conversation stands
    "screen": ("button", "screen.none"), "region": ("button", "region.lower_back"), "pain_type": ("button", "pain_type.dull_ache"),
    "onset": ("button", "onset.gradual"), "duration": ("button", "duration.months"), "severity": ("button", "severity.5"),
    "red_flags": ("text", "no"), "contraindications": ("button", "contraindications.none"), "age": ("button", "age.adult"),
    "recommendation": ("button", "recommendation.callback"), "callback_phone": ("text", "07700 900123"),
    "callback_time": ("button", "callback_time.evening"), "callback_note": ("button", "callback_note.skip"),
}  # fmt: skip
QUIET_NOISE = ["sticker", "photo", "voice", "location", "edited", "group", "channel", "member", "stale", "forged"]
NOISE = ["sticker", "photo", "voice", "location", "contact", "edited", "group", "channel", "member", "text", "stale", "forged"]
TEXTS = ["my neck hurts", "does it hurt?", "😀😀", "<b>x</b>", "", "x" * 5000, "back", "help", "what is a trigger point?", "/faq"]


class Bot:
    def __init__(self, fake: FakeBotAPI, work: Path, env: dict[str, str] | None = None) -> None:
        self.fake, self.work, self.logs = fake, work, ""
        self.db = work / "soak.db"
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url,
                    "NMT_DB": str(self.db), "PRACTICE_CHAT_ID": str(PRACTICE), "NMT_OUTBOX_SECONDS": "1", "LOG_LEVEL": "INFO", **(env or {})}  # fmt: skip
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        before = len([c for c in self.fake.calls if c.method == "setMyCommands"])
        with open(self.work / "bot.log", "a") as log:  # a file, not a pipe: a full pipe would stall the bot
            self.proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=self.work, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.fake.wait_for(lambda c: c.method == "setMyCommands", count=before + 1, timeout=30)

    def kill(self) -> None:
        if self.proc is not None:
            self.stop(signal.SIGKILL)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)
        self.proc.wait(timeout=60)
        self.logs = (self.work / "bot.log").read_text()
        self.proc = None


def noise(fake: FakeBotAPI, chat: int, rng: random.Random, kinds: list[str] = NOISE) -> dict[str, Any]:
    kind = rng.choice(kinds)
    if kind in ("sticker", "photo", "voice", "location"):
        return getattr(fake, kind)(chat)  # type: ignore[no-any-return]
    if kind == "contact":
        return fake.contact(chat, "+447700900999")
    if kind == "edited":
        return fake.edited(chat, "edited words")
    if kind == "group":
        return fake.group_message(-5000 - chat, "/start")
    if kind == "channel":
        return fake.channel_post(-1005000 - chat, "news")
    if kind == "member":
        return fake.my_chat_member(chat, "member")
    if kind == "stale":
        return fake.callback(chat, "region.knee", message_id=1)
    if kind == "forged":
        return fake.callback(chat, "".join(rng.choice("abc.xyz_123") for _ in range(rng.randint(1, 64))))
    return fake.message(chat, rng.choice(TEXTS))


def chat_of(update: dict[str, Any]) -> int:
    body = next(v for k, v in update.items() if k != "update_id")
    return int((body.get("chat") or body["message"]["chat"])["id"])


def handled(db: Path) -> set[int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {row[0] for row in conn.execute("SELECT update_id FROM processed_updates")}


def step(fake: FakeBotAPI, chat: int, kind: str, value: str) -> dict[str, Any]:
    if kind == "command":
        return fake.command(chat, value)
    if kind == "button":
        return fake.callback(chat, value)
    return fake.message(chat, value)


def run(chats: int, rounds: int, seed: int, env: dict[str, str] | None = None) -> dict[str, Any]:
    """The soak; `env` adds settings for the bot (the test suite's faster pace)."""
    rng = random.Random(seed)
    flow_states = set(load_content().flow.states)
    lead_chats = set(range(20_000, 20_000 + chats, 4))  # every fourth person asks for a call-back
    sent = 0
    # Telegram allows about 30 messages a second in all, and the bot keeps to it: a round of 200 chats
    # (8 updates each, ~2 calls per update) needs a few minutes.
    patience = 120 + chats * 8
    with FakeBotAPI() as fake, tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as cleanup:
        work = Path(tmp)
        bot = Bot(fake, work, env)
        cleanup.callback(bot.kill)  # a run that fails on the way leaves no bot behind
        bot.start()
        position = dict.fromkeys(lead_chats, 0)
        killed = False
        for r in range(rounds):
            pushed: dict[int, int] = {}  # update id: chat
            if r % 3 == 1:  # a misbehaving Bot API for a while
                fake.fail("sendMessage", times=rng.randint(3, 8), status=rng.choice([429, 500, 502, 503]), retry_after=1)
                fake.fail("editMessageText", times=rng.randint(1, 4), status=502)
                fake.delay("answerCallbackQuery", 0.2 if r % 2 else 0)
            for chat in range(20_000, 20_000 + chats):
                for _ in range(8):  # eight updates per chat per round
                    if chat in lead_chats and position[chat] < len(LEAD_PATH) and rng.random() < 0.5:
                        update = step(fake, chat, *LEAD_PATH[position[chat]])
                        position[chat] += 1
                    elif chat not in lead_chats:
                        update = noise(fake, chat, rng) if rng.random() < 0.7 else step(fake, chat, *rng.choice(LEAD_PATH))
                    else:
                        update = noise(fake, chat, rng, QUIET_NOISE)  # noise that does not move the flow
                    pushed[fake.push(update)] = chat_of(update)
                    sent += 1
            if not killed and r >= rounds // 2:
                deadline = time.monotonic() + patience
                while not pushed.keys() & handled(bot.db) and time.monotonic() < deadline:
                    time.sleep(0.01)
                bot.stop(signal.SIGKILL)  # mid-run: some answers stored, more on their way
                killed = True
                bot.start()
            # Until every chat is done with the round (what the kill lost is lost).
            settle(fake, bot.db, *set(pushed.values()), timeout=patience)
        # Finish the call-back requests from wherever each stands (a killed process may have lost a step).
        fake.heal()
        fake.delay("answerCallbackQuery", 0)
        db = sqlite3.connect(work / "soak.db")
        for _ in range(len(LEAD_PATH) + 10):
            pending = 0
            for chat in lead_chats:
                row = db.execute("SELECT state FROM conversations WHERE chat_id = ?", (chat,)).fetchone()
                state = json.loads(row[0]).get("state") if row else None
                if state == "callback_done":
                    continue
                kind, value = NEXT.get(state or "", ("command", "start"))
                fake.push(step(fake, chat, kind, value))
                sent += 1
                pending += 1
            if not pending:
                break
            settle(fake, bot.db, *lead_chats, timeout=patience)
        # The practice chat is a group: Telegram takes 20 messages a minute there, so the last leads
        # arrive one every 3 s. Wait for all of them (a stop would leave the rest for the next start).
        deadline = time.monotonic() + patience
        while db.execute("SELECT count(*) FROM leads WHERE id > 0 AND delivered_at IS NULL").fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.05)
        bot.stop()
        states = {cid: json.loads(s).get("state") for cid, s in db.execute("SELECT chat_id, state FROM conversations")}
        leads = db.execute("SELECT chat_id, count(*), sum(delivered_at IS NOT NULL) FROM leads WHERE id > 0 GROUP BY chat_id").fetchall()  # drafts have ids below 0
        delivered_msgs = [m for m in fake.sent(PRACTICE) if "call-back request" in m["text"]]
        numbers = Counter(m["text"].split(" · ", 1)[0] for m in delivered_msgs)  # "Lead #12": a lead sent again shows the same one
        failures = [c for c in fake.calls if c.status != 200]
        succeeded = {(c.method, json.dumps(c.params, sort_keys=True)) for c in fake.calls if c.status == 200}
        recovered = [c for c in failures if (c.method, json.dumps(c.params, sort_keys=True)) in succeeded]
        report = {
            "updates sent": sent,
            "chats": chats,
            "Bot API calls": len(fake.calls),
            "calls answered with an error": len(failures),
            "errors by status": {str(s): sum(1 for c in failures if c.status == s) for s in sorted({c.status for c in failures})},
            "failed calls later made again with success": len(recovered),
            "failed calls not made again, by method": dict(Counter(c.method for c in failures if (c.method, json.dumps(c.params, sort_keys=True)) not in succeeded)),
            "conversations stored": len(states),
            "states not declared by the flow": [c for c, s in states.items() if s not in flow_states and s is not None],
            "call-back requests completed": len(lead_chats),
            "leads stored": sum(n for _, n, _ in leads),
            "leads delivered": sum(d or 0 for _, _, d in leads),
            "lead messages in the practice chat": len(numbers),
            "leads sent again after a kill (same number)": sorted(n for n, k in numbers.items() if k > 1),
            "chats with more than one lead": [c for c, n, _ in leads if n > 1],
            "unhandled exceptions in the log": bot.logs.count("Traceback"),
            "errors in the log": bot.logs.count(" ERROR "),
        }
        now = time.time()
        report["undelivered leads (chat, tries, next try in s)"] = [
            (c, a, round(n - now)) for c, a, n in db.execute("SELECT chat_id, attempts, next_try_at FROM leads WHERE id > 0 AND delivered_at IS NULL")
        ]
        lead_set = {c for c, _, _ in leads}
        report["ok"] = (
            not report["states not declared by the flow"] and report["unhandled exceptions in the log"] == 0
            and lead_set == lead_chats and not report["chats with more than one lead"]
            and report["leads delivered"] == len(lead_chats) == report["lead messages in the practice chat"]
            and all(k <= 2 for k in numbers.values())
        )  # fmt: skip
        if not report["ok"]:  # keep the log and the database for a look
            kept = Path(tempfile.gettempdir()) / f"nmt-soak-{int(now)}"
            shutil.copytree(work, kept)
            report["kept for inspection"] = str(kept)
        return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=13, help="rounds of eight updates per chat")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.time()
    report = run(args.chats, args.rounds, args.seed)
    for key, value in report.items():
        print(f"{key:38} {value}")
    print(f"{'seconds':38} {time.time() - started:.0f}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
