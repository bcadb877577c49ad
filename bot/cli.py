"""``nmt-bot``: chat in the terminal, check the content, draw the flow."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import shutil
import sys
from pathlib import Path

from .content import Content, ContentError, default_root, load_content
from .settings import SettingsError
from .store import StoreError


def _content(args: argparse.Namespace) -> Content:
    return load_content(Path(args.content) if args.content else None)


def _cmd_chat(args: argparse.Namespace) -> int:
    from . import console
    from .engine import Engine

    engine = Engine(_content(args))
    if args.jsonl:
        return console.jsonl(engine, sys.stdin, sys.stdout)
    return console.chat(engine, args.source or "", sys.stdin, sys.stdout)


def _cmd_check(args: argparse.Namespace) -> int:
    from .flow import FlowMachine

    content = _content(args)
    FlowMachine(content)  # the machine itself must build from the flow
    print(
        f"OK: {content.root} is valid: {len(content.regions)} regions, {len(content.conditions)} conditions, "
        f"{len(content.red_flags)} red flags, {len(content.faq)} FAQ entries, "
        f"{len(content.flow.states)} flow states, {len(content.flow.transitions)} transitions."
    )
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from .settings import load_settings
    from .telegram.doctor import diagnose

    settings = load_settings()
    settings.require_token()
    findings = diagnose(settings, Path(args.content) if args.content else None)
    for finding in findings:
        print(finding, flush=True)
    return 0 if all(f.ok for f in findings) else 1


def _cmd_graph(args: argparse.Namespace) -> int:
    from .flow import write_graph

    content = _content(args)
    out = Path(args.output) if args.output else Path("flow.svg" if shutil.which("dot") else "flow.md")
    written = write_graph(content, out)
    if written != out:
        print(f"Graphviz is not installed, so the diagram is Mermaid text instead of {out.suffix[1:].upper()}.")
    print(f"Wrote {written}")
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    import json

    from .understand import Understanding

    understanding = Understanding(_content(args))
    if args.jsonl:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                text = data["text"] if isinstance(data, dict) else None
                if not isinstance(text, str):
                    raise ValueError('expected {"text": "..."}')
            except (ValueError, KeyError) as exc:
                print(json.dumps({"error": f"bad line: {exc}"}), flush=True)
                continue
            print(json.dumps(understanding.describe(text).to_dict(), ensure_ascii=False), flush=True)
        return 0
    if args.text is None:
        print("nmt-bot parse: give a text, or --jsonl to read lines from stdin", file=sys.stderr)
        return 2
    print(json.dumps(understanding.describe(args.text).to_dict(), ensure_ascii=False))
    return 0


def _cmd_link(args: argparse.Namespace) -> int:
    from .settings import load_settings
    from .stats import deep_link, write_qr

    settings = load_settings()
    username = args.bot or settings.bot_username
    if not username:
        if not settings.token:
            raise SettingsError("give the bot's username with --bot, or set TELEGRAM_BOT_USERNAME or TELEGRAM_BOT_TOKEN")
        from .telegram.runtime import fetch_username

        username = fetch_username(settings)
    try:
        link = deep_link(username, args.source)
    except ValueError as exc:
        print(f"nmt-bot: {exc}", file=sys.stderr)
        return 2
    print(link)
    if args.qr:
        write_qr(link, Path(args.qr))
        print(f"QR code written to {args.qr}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from .settings import load_settings
    from .stats import funnel, render
    from .store import Store

    store = Store(load_settings().db_path)
    days = [args.days] if args.days else [7, 30]
    print(render(_content(args), [funnel(store, d, args.source) for d in days]))
    return 0


def _cmd_leads(args: argparse.Namespace) -> int:
    from .settings import load_settings
    from .stats import leads_csv
    from .store import Store

    store = Store(load_settings().db_path)
    if args.delete is not None:
        if not store.delete_lead(args.delete):
            print(f"nmt-bot: there is no lead #{args.delete}", file=sys.stderr)
            return 1
        print(f"lead #{args.delete} deleted")
        return 0
    text = leads_csv(store)
    if args.csv:
        Path(args.csv).write_text(text, encoding="utf-8")
        print(f"{text.count(chr(10)) - 1} leads written to {args.csv}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .engine import Engine
    from .settings import load_settings
    from .store import Store
    from .telegram.runtime import StartupError, run

    settings = load_settings()
    settings.require_token()
    _logging(settings.log_level)
    engine = Engine(_content(args))
    engine.understand.warm()  # the English word list, before the first person's message needs it
    if settings.practice_chat_id is None and any(s.lead for s in engine.flow.states.values()):
        raise SettingsError("PRACTICE_CHAT_ID is not set: call-back requests are sent to that chat (your user id, or a group id like -100…)")
    store = Store(settings.db_path)
    try:
        store.claim()
        run(engine, store, settings)
    except StartupError as exc:
        print(f"nmt-bot: {exc}", file=sys.stderr)
        return exc.code
    finally:
        store.close()
    return 0


def _cmd_default(args: argparse.Namespace) -> int:
    """The bot's main job: Telegram when a token is configured, else the console chat."""
    from .settings import load_settings

    if load_settings().token:
        return _cmd_run(args)
    print("TELEGRAM_BOT_TOKEN is not set, so here is the console chat (set it to run the Telegram bot).")
    args.jsonl, args.source = False, ""
    return _cmd_chat(args)


class NoUpdateData(logging.Filter):
    """python-telegram-bot logs an update it cannot read as it came, with what the person wrote:
    keep the line (as a warning), drop the data and the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("telegram") and "data was" in str(record.msg):
            record.msg = "an update could not be read (its content is not logged)"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class CancelledAtStop(logging.Filter):
    """A scheduled job (the lead outbox) still running when the bot stops is cancelled, and the scheduler
    logs that as an error with a traceback: it is part of stopping, so it is one line, without the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("apscheduler") and record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError):
            record.msg, record.args = "a scheduled job was cancelled as the bot stopped", ()
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class NoToken(logging.Filter):
    """Bot API URLs hold the token, and libraries put URLs and tokens in their messages and tracebacks
    (python-telegram-bot's "The token … was rejected"): any token in a line is replaced before it is written."""

    TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,80}")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if self.TOKEN.search(message) or (record.exc_text and self.TOKEN.search(record.exc_text)):
            record.msg, record.args = self.TOKEN.sub("<token>", message), ()
            record.exc_text = self.TOKEN.sub("<token>", record.exc_text) if record.exc_text else record.exc_text
        return True


def _logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(NoUpdateData())  # never an update's content (people's words) in the log
        handler.addFilter(CancelledAtStop())
        handler.addFilter(NoToken())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("transitions").setLevel(logging.WARNING)
    logging.getLogger("aiohttp").setLevel(logging.WARNING)
    # The lead outbox runs every few seconds: the scheduler's line per run would bury everything else.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # At DEBUG python-telegram-bot logs whole updates and requests: people's words, names and the token.
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLevelName(level)))


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content",
        default=os.environ.get("NMT_CONTENT") or None,
        metavar="DIR",
        help=f"folder holding knowledge/ and flows/ (default: $NMT_CONTENT, else {default_root()})",
    )
    parser = argparse.ArgumentParser(prog="nmt-bot", description="Symptom-triage assistant for a neuromuscular massage therapy practice.")
    parser.add_argument("--content", default=os.environ.get("NMT_CONTENT") or None, metavar="DIR", help=argparse.SUPPRESS)
    parser.set_defaults(func=_cmd_default)
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("run", parents=[common], help="run the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set)")
    p.set_defaults(func=_cmd_run)
    p = sub.add_parser("chat", parents=[common], help="talk to the bot in this terminal")
    p.add_argument("--jsonl", action="store_true", help="one JSON event per stdin line, one JSON answer per stdout line")
    p.add_argument("--source", default="", help="deep-link source to record, as in /start SOURCE")
    p.set_defaults(func=_cmd_chat)
    p = sub.add_parser("parse", parents=[common], help="show what the bot understands in a text, as JSON")
    p.add_argument("text", nargs="?", help="the text to read")
    p.add_argument("--jsonl", action="store_true", help='read {"text": ...} lines on stdin, write one JSON object per line')
    p.set_defaults(func=_cmd_parse)
    p = sub.add_parser("link", parents=[common], help="print the deep link for a social post (and write its QR code)")
    p.add_argument("--source", required=True, help="where the link is shared, e.g. instagram_nov (A-Z a-z 0-9 _ -, up to 64)")
    p.add_argument("--qr", metavar="FILE.png", help="also write a QR code image of the link")
    p.add_argument("--bot", help="the bot's username (default: $TELEGRAM_BOT_USERNAME, else asked from Telegram)")
    p.set_defaults(func=_cmd_link)
    p = sub.add_parser("stats", parents=[common], help="the funnel per source: started, answered, suggested, booked, call-backs")
    p.add_argument("--days", type=int, help="only the last N days (default: 7 and 30)")
    p.add_argument("--source", help="only this source")
    p.set_defaults(func=_cmd_stats)
    p = sub.add_parser("leads", parents=[common], help="export the call-back requests as CSV, or delete one")
    p.add_argument("--csv", metavar="FILE", help="write to FILE (default: print)")
    p.add_argument("--delete", type=int, metavar="ID", help="delete the lead with this number (the id column; Lead #ID in the practice chat)")
    p.set_defaults(func=_cmd_leads)
    p = sub.add_parser("check", parents=[common], help="validate all YAML content")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("doctor", parents=[common], help="check the deployment: token, practice chat, admins, webhook, content, database")
    p.set_defaults(func=_cmd_doctor)
    p = sub.add_parser("graph", parents=[common], help="draw the question flow (SVG with Graphviz, else Mermaid)")
    p.add_argument("-o", "--output", help="file to write (.svg, .png, .md or .mmd)")
    p.set_defaults(func=_cmd_graph)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ContentError as exc:
        n = len(exc.problems)
        if args.func in (_cmd_run, _cmd_default):
            # Starting the bot: one clear line, like any other bad configuration.
            print(f"nmt-bot: the content has {n} problem{'s' if n != 1 else ''} (first: {exc.problems[0]}); run `nmt-bot check` to see them all", file=sys.stderr)
            return 2
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{n} problem{'s' if n != 1 else ''} found in the content. Fix them and run `nmt-bot check` again.", file=sys.stderr)
        return 1
    except (SettingsError, StoreError) as exc:
        print(f"nmt-bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
