"""The nmt-bot command as a program or a person uses it: chat, chat --jsonl, check, graph."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from bot import console
from bot.engine import Engine

from .conftest import ROOT


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )  # fmt: skip


def test_chat_jsonl_holds_a_conversation() -> None:
    events = [
        {"command": "start", "args": "ig_reel_nov"},
        {"button": "screen.none"},
        {"text": "my lower back"},
        {"button": "pain_type.dull_ache"},
        "this is not json",
        {"text": "what is a trigger point?"},
        {"button": "onset.gradual"},
        {"text": "for 4 months"},
        {"button": "severity.5"},
        {"bogus": 1},
    ]
    lines = "\n".join(e if isinstance(e, str) else json.dumps(e) for e in events) + "\n"
    proc = run("chat", "--jsonl", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(events), "exactly one line per event"
    assert out[0]["state"] == "screen" and out[0]["level"] is None
    assert "not a diagnosis" in out[0]["replies"][0]["text"]
    assert {"id": "screen.none", "label": "✅ None of these"} in out[0]["replies"][-1]["buttons"]
    assert {"id": "region.lower_back", "label": "Lower back"} in out[1]["replies"][-1]["buttons"]
    assert out[2]["state"] == "pain_type"
    assert out[3]["state"] == "onset"
    assert "error" in out[4] and out[4]["state"] == "onset", "a malformed line gets an error and the conversation goes on"
    assert out[5]["state"] == "onset" and "trigger point" in out[5]["replies"][0]["text"].lower()
    assert out[7]["state"] == "severity"
    assert out[8]["state"] == "red_flags"
    assert "error" in out[9]


def test_chat_jsonl_reports_the_level() -> None:
    events = [{"command": "start"}, {"button": "screen.none"}, {"button": "region.calf"}, {"button": "pain_type.tightness"}, {"button": "onset.gradual"},
              {"button": "duration.weeks"}, {"button": "severity.4"}]  # fmt: skip
    first = run("chat", "--jsonl", stdin="\n".join(map(json.dumps, events)) + "\n")
    question = json.loads(first.stdout.splitlines()[-1])["replies"][-1]["buttons"][0]["id"]
    flag_id = question.split(".")[1]
    events.append({"button": f"rf.{flag_id}.yes"})
    proc = run("chat", "--jsonl", stdin="\n".join(map(json.dumps, events)) + "\n")
    last = json.loads(proc.stdout.splitlines()[-1])
    assert last["state"] == "recommendation"
    assert last["level"] in ("emergency", "urgent", "doctor_first")


def test_chat_jsonl_welcomes_back_after_a_day_and_reports_effects() -> None:
    events = [{"command": "start", "args": "fb_post"}, {"button": "screen.none"}, {"button": "region.neck"},
              {"text": "sharp", "idle": 2 * 24 * 3600}, {"button": "continue.pain_type"}, {"text": "sharp"}]  # fmt: skip
    proc = run("chat", "--jsonl", stdin="\n".join(map(json.dumps, events)) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out[0]["effects"] == [{"type": "start", "source": "fb_post"}]
    back = out[3]
    assert back["state"] == "pain_type", "a returning person's words are not taken as an answer out of context"
    assert [b["id"] for b in back["replies"][0]["buttons"]] == ["continue.pain_type", "nav.restart"]
    assert out[4]["state"] == "pain_type" and out[5]["state"] == "onset"
    assert "error" in json.loads(run("chat", "--jsonl", stdin='{"text": "hi", "idle": "long"}\n').stdout)


def test_interactive_console_numbers_the_buttons(engine: Engine) -> None:
    typed = "9\n10\n1\n1\n3\n5\n/quit\n"  # 9 = "None of these" in the first screen, 10 = Lower back, 1 = suddenly
    out = io.StringIO()
    assert console.chat(engine, "qr_flyer", io.StringIO(typed), out) == 0
    screen = out.getvalue()
    assert "[10] Lower back" in screen
    assert "Got it" not in screen.split("Question 2 of")[0].split("you>")[-1]
    assert "Question 5 of" in screen and "Safety check 1 of" in screen
    assert screen.rstrip().endswith(engine.content.msg("console_bye"))


def test_console_severity_numbers_are_scores_not_positions(engine: Engine) -> None:
    from bot.engine import Event
    from bot.state import Conversation

    conv = Conversation()
    for event in (Event.command("start"), Event.button("screen.none"), Event.button("region.knee"), Event.button("pain_type.sharp"),
                  Event.button("onset.gradual"), Event.button("duration.weeks")):  # fmt: skip
        result = engine.handle(conv, event)
        conv = result.conversation
    _, buttons = console.render(result.replies)
    assert console.to_event("7", buttons) == Event.button("severity.7")
    assert console.to_event("/restart", buttons) == Event.command("restart")


def test_check_passes_on_the_shipped_content() -> None:
    proc = run("check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK:") and len(proc.stdout.splitlines()) == 1


def test_check_fails_with_file_and_line(content_copy: Path) -> None:
    flow = content_copy / "flows/triage.yaml"
    flow.write_text(flow.read_text(encoding="utf-8").replace("dest: onset}", "dest: onsett}"), encoding="utf-8")
    proc = run("check", "--content", str(content_copy))
    assert proc.returncode == 1
    assert "flows/triage.yaml:" in proc.stderr and "unknown state 'onsett'" in proc.stderr
    # The content folder can also come from the environment.
    proc = run("check", env={"NMT_CONTENT": str(content_copy)})
    assert proc.returncode == 1 and "onsett" in proc.stderr


def test_chat_refuses_to_start_on_broken_content(content_copy: Path) -> None:
    (content_copy / "knowledge/faq.yaml").write_text("version: 1\nfaq: [\n", encoding="utf-8")
    proc = run("chat", "--jsonl", "--content", str(content_copy), stdin='{"command": "start"}\n')
    assert proc.returncode == 1
    assert "knowledge/faq.yaml:" in proc.stderr and "bad YAML syntax" in proc.stderr


def test_graph_writes_the_flow_diagram(tmp_path: Path) -> None:
    proc = run("graph", "-o", str(tmp_path / "flow.md"))
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "flow.md").read_text(encoding="utf-8")
    assert "```mermaid" in text and "stateDiagram" in text and "title: NMT triage flow" in text
    for state in ("region", "severity", "red_flags", "recommendation", "callback_done"):
        assert state in text
    assert "severity --> red_flags" in text


def test_chat_jsonl_survives_hostile_lines() -> None:
    lines = "\n".join(['{"command": "\\ud800"}', "[" * 100_000 + "]" * 100_000, '{"text": "\\udc00 my knee"}', '{"command": "start"}']) + "\n"
    proc = run("chat", "--jsonl", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 4
    assert "error" in out[1]
    assert out[3]["state"] == "screen"


def test_a_job_cancelled_as_the_bot_stops_is_one_line_not_a_traceback() -> None:
    """The scheduler logs the lead outbox's job cancelled at stop as an error with a traceback: it is part of
    stopping, so the log gets one line; any other error keeps its traceback."""
    import asyncio
    import logging
    import sys

    from bot.cli import CancelledAtStop

    def record(exc: BaseException) -> logging.LogRecord:
        try:
            raise exc
        except BaseException:
            return logging.LogRecord("apscheduler.executors.default", logging.ERROR, __file__, 1, "Error running job %s", ("abc",), sys.exc_info())

    cancelled = record(asyncio.CancelledError())
    assert CancelledAtStop().filter(cancelled) and cancelled.exc_info is None and cancelled.levelno == logging.INFO
    assert "Traceback" not in logging.Formatter().format(cancelled)
    failed = record(ValueError("boom"))
    assert CancelledAtStop().filter(failed) and failed.exc_info is not None and failed.levelno == logging.ERROR
