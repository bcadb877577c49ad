"""`nmt-bot doctor` as the therapist runs it, against the fake Bot API: every check passing, and each
misconfiguration found, one line each with its fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store import Store

from .botprocess import PRACTICE, ROOT
from .fakebot import FakeBotAPI

ADMINS = (111, 222)
# Every setting, so the environment the tests run in cannot leak into a check.
SETTINGS = (
    "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_BOT_USERNAME", "NMT_DB", "NMT_CONTENT", "PRACTICE_CHAT_ID",
    "ADMIN_IDS", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT",
)  # fmt: skip


def doctor(fake: FakeBotAPI, workdir: Path, **env: str) -> tuple[int, list[str]]:
    """Run `nmt-bot doctor`; its exit code and the lines it printed (stdout, then stderr), with
    ``workdir`` written as <tmp> (its name, the test's, would match what a test looks for)."""
    settings = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "NMT_DB": str(workdir / "nmt.db"),
        "PRACTICE_CHAT_ID": str(PRACTICE),
        "ADMIN_IDS": ",".join(map(str, ADMINS)),
        **env,
    }
    clean = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "doctor"], cwd=workdir, capture_output=True, text=True, timeout=60,
        env={**clean, "PYTHONPATH": str(ROOT), **settings},
    )  # fmt: skip
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and fake.token not in out and fake.token.split(":")[1] not in out, out
    return proc.returncode, out.replace(str(workdir), "<tmp>").splitlines()


def line(lines: list[str], about: str) -> str:
    """The one line that mentions ``about``."""
    found = [x for x in lines if about in x]
    assert len(found) == 1, f"{about!r} in {len(found)} lines:\n" + "\n".join(lines)
    return found[0]


def test_every_check_passes(fake: FakeBotAPI, tmp_path: Path) -> None:
    store = Store(tmp_path / "nmt.db")
    store.save(1001, {"state": "region"})
    store.add_lead(1001, {"phone": "+447700900123", "summary": "…"}, "Ann", None)
    store.close()
    code, lines = doctor(fake, tmp_path)
    assert code == 0, "\n".join(lines)
    assert len(lines) == 7 and all(x.startswith("✓ ") for x in lines), "\n".join(lines)
    assert "the bot is @nmt_test_bot" in lines[0]
    assert "the bot can post there (a test message was sent and deleted)" in line(lines, f"({PRACTICE})")
    for admin in ADMINS:
        assert "has started the bot" in line(lines, f"admin {admin}")
    assert line(lines, "webhook") == "✓ no webhook is set, as long polling needs"
    assert line(lines, "content").endswith("is valid")
    db = line(lines, "database")
    assert "is writable: 1 conversation, 1 call-back request, 1 not yet delivered" in db and "over 90 days" in db
    # The test message reached the practice chat and was deleted again.
    sent = [c for c in fake.calls if c.method == "sendMessage"]
    assert [c.params["chat_id"] for c in sent] == [PRACTICE] and "nmt-bot doctor" in sent[0].params["text"]
    assert [c.params for c in fake.calls if c.method == "deleteMessage"] == [{"chat_id": PRACTICE, "message_id": 1}]
    assert fake.shown(PRACTICE) == []
    assert {c.params["chat_id"] for c in fake.calls if c.method == "getChat"} == {PRACTICE, *ADMINS}


def test_a_group_the_bot_was_never_added_to_a_leftover_webhook_broken_content_and_no_database_folder(fake: FakeBotAPI, tmp_path: Path) -> None:
    fake.fail("getChat", status=400, description="Bad Request: chat not found", chat_id=PRACTICE)
    fake.webhook["url"] = "https://old.example.com/hook"  # from an earlier deployment in webhook mode
    broken = tmp_path / "content"
    for part in ("knowledge", "flows"):
        shutil.copytree(ROOT / part, broken / part)
    (broken / "flows/triage.yaml").write_text("version: 1\ninitial: [\n", encoding="utf-8")
    code, lines = doctor(fake, tmp_path, NMT_CONTENT=str(broken), NMT_DB=str(tmp_path / "missing" / "nmt.db"))
    assert code == 1
    assert line(lines, "the bot is @").startswith("✓")
    practice = line(lines, f"practice chat {PRACTICE}")
    assert practice.startswith("✗") and "(Chat not found)" in practice and "add @nmt_test_bot to the group" in practice
    webhook = line(lines, "webhook")
    assert webhook.startswith("✗ a webhook is still set (https://old.example.com/hook), but WEBHOOK_URL is not")
    assert "`nmt-bot run` deletes it when it starts" in webhook and f"{fake.base_url}<TOKEN>/deleteWebhook" in webhook
    content = line(lines, "content has")
    assert content.startswith("✗ the content has 1 problem (first: flows/triage.yaml:") and "run `nmt-bot check`" in content
    assert line(lines, "NMT_DB=").startswith("✗ NMT_DB=<tmp>/missing/nmt.db: the folder <tmp>/missing does not exist")
    assert all(x.startswith("✓") for x in lines if "admin" in x)
    assert not [c for c in fake.calls if c.method == "sendMessage"]


def test_an_admin_who_never_pressed_start_and_a_group_the_bot_may_not_post_in(fake: FakeBotAPI, tmp_path: Path) -> None:
    fake.fail("getChat", status=400, description="Bad Request: chat not found", chat_id=ADMINS[1])
    fake.fail("sendMessage", status=403, description="Forbidden: bot was kicked from the supergroup chat", chat_id=PRACTICE)
    code, lines = doctor(fake, tmp_path)
    assert code == 1
    practice = line(lines, f"({PRACTICE})")
    assert practice.startswith('✗ the bot cannot post in the practice chat "Test supergroup"') and "bot was kicked" in practice
    assert "add @nmt_test_bot to the group, and let members (or the bot, as an admin) send messages" in practice
    assert line(lines, f"admin {ADMINS[0]}").startswith("✓")
    assert line(lines, f"admin {ADMINS[1]}") == (
        f"✗ admin {ADMINS[1]} has not started the bot (or is not a user id): from that account, open https://t.me/nmt_test_bot and press Start; "
        "a user id is a number, e.g. from @userinfobot"
    )


def test_no_practice_chat_no_admins_and_a_file_that_is_not_a_database(fake: FakeBotAPI, tmp_path: Path) -> None:
    (tmp_path / "nmt.db").write_text("call-back requests, written by hand\n", encoding="utf-8")
    code, lines = doctor(fake, tmp_path, PRACTICE_CHAT_ID="", ADMIN_IDS="")
    assert code == 1
    assert line(lines, "PRACTICE_CHAT_ID").startswith("✗ PRACTICE_CHAT_ID is not set")
    assert line(lines, "ADMIN_IDS").startswith("✓ ADMIN_IDS is empty"), "admins are optional"
    assert line(lines, "database").startswith("✗ the database <tmp>/nmt.db cannot be written (file is not a database)")


@pytest.mark.parametrize(
    ("current", "last_error", "expected"),
    [
        ("https://bot.example.com/nmt", "", "✓ the webhook is https://bot.example.com/nmt, as WEBHOOK_URL says (3 updates waiting)"),
        ("https://old.example.com/hook", "", "✗ Telegram sends updates to https://old.example.com/hook, not to WEBHOOK_URL=https://bot.example.com/nmt"),
        ("", "", "✗ WEBHOOK_URL is https://bot.example.com/nmt, but no webhook is set: `nmt-bot run` sets it when it starts"),
        ("https://bot.example.com/nmt", "Connection refused", "✗ the webhook is https://bot.example.com/nmt, but Telegram's last delivery failed (Connection refused)"),
    ],
)
def test_the_webhook_matches_webhook_mode(fake: FakeBotAPI, tmp_path: Path, current: str, last_error: str, expected: str) -> None:
    fake.webhook.update(url=current, pending_update_count=3)
    if last_error:
        fake.webhook.update(last_error_date=int(time.time()) - 60, last_error_message=last_error)
    code, lines = doctor(fake, tmp_path, WEBHOOK_URL="https://bot.example.com/nmt", WEBHOOK_SECRET="s3cret")
    assert line(lines, "webhook").startswith(expected)
    assert code == (0 if expected.startswith("✓") else 1)


def test_a_token_telegram_refuses(fake: FakeBotAPI, tmp_path: Path) -> None:
    other = "987654321:" + "B" * 35
    code, lines = doctor(fake, tmp_path, TELEGRAM_BOT_TOKEN=other)
    assert code == 1
    assert lines[0].startswith("✗ Telegram refused TELEGRAM_BOT_TOKEN: copy it again from @BotFather")
    assert [x[0] for x in lines] == ["✗", "✓", "✓"], "then only what needs no token: content and database"
    assert other not in "\n".join(lines) and "B" * 35 not in "\n".join(lines)


def test_a_bot_api_out_of_reach(tmp_path: Path) -> None:
    with FakeBotAPI() as gone:
        pass
    code, lines = doctor(gone, tmp_path)
    host = gone.base_url.split("/")[2]
    assert code == 1 and lines[0].startswith(f"✗ could not reach the Bot API at {host} (ConnectFailed)")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "123456789:tooShort"}, "TELEGRAM_BOT_TOKEN looks malformed"),
        ({"PRACTICE_CHAT_ID": "@sarahs_practice"}, "PRACTICE_CHAT_ID must be a number"),
        ({"ADMIN_IDS": "@sarah"}, "ADMIN_IDS must be Telegram user ids"),
    ],
)
def test_bad_settings_are_one_line_and_exit_2(fake: FakeBotAPI, tmp_path: Path, env: dict[str, str], message: str) -> None:
    code, lines = doctor(fake, tmp_path, **env)
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"nmt-bot: {message}")
    assert "tooShort" not in lines[0]
    assert not [c for c in fake.calls], "nothing asked of Telegram"
