"""Settings from the environment and .env files: defaults, and one plain line naming a bad variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def test_settings_from_env_file_and_environment(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    token = "123456789:" + "A" * 35
    env_file.write_text(f"# comment\nexport TELEGRAM_BOT_TOKEN='{token}'\nNMT_DB=/tmp/x.db\nPORT=9000\n", encoding="utf-8")
    settings = load_settings({"PORT": "8443"}, env_file)
    assert settings.token == token and str(settings.db_path) == "/tmp/x.db" and settings.port == 8443


def test_a_comment_after_a_value_in_env_is_not_part_of_it(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    token = "123456789:" + "A" * 35
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={token}   # from @BotFather\nPORT=9000 # the proxy forwards here\nNMT_DB='/srv/a #1.db' # quoted: kept\n", encoding="utf-8")
    settings = load_settings({}, env_file)
    assert settings.token == token and settings.port == 9000 and str(settings.db_path) == "/srv/a #1.db"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"TELEGRAM_BOT_TOKEN": "12:short"}, "TELEGRAM_BOT_TOKEN"),
        ({"PORT": "http"}, "PORT"),
        ({"PRACTICE_CHAT_ID": "@practice"}, "PRACTICE_CHAT_ID"),
        ({"WEBHOOK_URL": "https://example.com/hook"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_URL": "ftp://example.com/hook", "WEBHOOK_SECRET": "abc"}, "WEBHOOK_URL"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"TELEGRAM_API_BASE_URL": "127.0.0.1:8081"}, "TELEGRAM_API_BASE_URL"),
        ({"NMT_OUTBOX_SECONDS": "0"}, "NMT_OUTBOX_SECONDS"),
        ({"NMT_OUTBOX_BACKOFF_SECONDS": "soon"}, "NMT_OUTBOX_BACKOFF_SECONDS"),
        ({"NMT_OUTBOX_MAX_BACKOFF_SECONDS": "-1"}, "NMT_OUTBOX_MAX_BACKOFF_SECONDS"),
        ({"NMT_CHAT_BURST": "0"}, "NMT_CHAT_BURST"),
        ({"NMT_CHAT_BURST": "2.5"}, "NMT_CHAT_BURST"),
        ({"NMT_CHAT_BURST_SECONDS": "nan"}, "NMT_CHAT_BURST_SECONDS"),
        ({"NMT_MESSAGES_PER_SECOND": "0"}, "NMT_MESSAGES_PER_SECOND"),
    ],
)
def test_bad_settings_name_the_variable(tmp_path: Path, env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(env, tmp_path / "none.env")
    assert names in str(info.value) and "\n" not in str(info.value)


def test_missing_token_is_explained(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="BotFather"):
        load_settings({}, tmp_path / "none.env").require_token()


def test_pace_and_outbox_default_to_telegrams_limits_and_patient_retries(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path / "none.env")
    assert (settings.chat_burst, settings.chat_burst_seconds, settings.messages_per_second) == (3, 3.0, 30.0)
    assert (settings.outbox_seconds, settings.outbox_backoff_seconds, settings.outbox_max_backoff_seconds) == (10.0, 5.0, 300.0)
    # The first wait after a failed delivery is half the outbox interval unless set on its own.
    assert load_settings({"NMT_OUTBOX_SECONDS": "4"}, tmp_path / "none.env").outbox_backoff_seconds == 2.0
    fast = {"NMT_OUTBOX_SECONDS": "0.2", "NMT_OUTBOX_BACKOFF_SECONDS": "0.05", "NMT_OUTBOX_MAX_BACKOFF_SECONDS": "0.5", "NMT_CHAT_BURST": "5", "NMT_CHAT_BURST_SECONDS": "0.01"}
    settings = load_settings({**fast, "NMT_MESSAGES_PER_SECOND": "1000"}, tmp_path / "none.env")
    assert (settings.outbox_seconds, settings.outbox_backoff_seconds, settings.outbox_max_backoff_seconds) == (0.2, 0.05, 0.5)
    assert (settings.chat_burst, settings.chat_burst_seconds, settings.messages_per_second) == (5, 0.01, 1000.0)
