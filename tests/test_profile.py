"""What a visitor sees before pressing Start: the bot's name, short description and description, set
from knowledge/messages.yaml through the Bot API, and only when Telegram has something else."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.content import Content
from bot.telegram.profile import sync_profile

from .botprocess import running
from .fakebot import FakeBotAPI

READS = ("getMyName", "getMyShortDescription", "getMyDescription")
WRITES = {"setMyName": "name", "setMyShortDescription": "short_description", "setMyDescription": "description"}


def profile_calls(fake: FakeBotAPI) -> list[tuple[str, str | None]]:
    """The profile's Bot API calls in order, each with the text it set (None for a read)."""
    return [(c.method, c.params.get(WRITES[c.method]) if c.method in WRITES else None) for c in fake.calls if c.method in READS or c.method in WRITES]


def first_start(content: Content) -> list[tuple[str, str | None]]:
    """Each text read, found different from Telegram's (nothing, or BotFather's name), and set."""
    p = content.profile
    return [
        ("getMyName", None), ("setMyName", p["name"]),
        ("getMyShortDescription", None), ("setMyShortDescription", p["short_description"]),
        ("getMyDescription", None), ("setMyDescription", p["description"]),
    ]  # fmt: skip


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        yield bot


async def test_each_text_is_set_once_and_not_again_while_unchanged(fake: FakeBotAPI, bot: Bot, content: Content) -> None:
    await sync_profile(bot, content)
    assert profile_calls(fake) == first_start(content)
    assert fake.profile == content.profile
    assert "Sarah Example Neuromuscular Massage Therapy" in fake.profile["description"] and "call 999" in fake.profile["description"]
    await sync_profile(bot, content)
    assert profile_calls(fake)[6:] == [(method, None) for method in READS], "unchanged: read, not set"


async def test_only_what_differs_is_set(fake: FakeBotAPI, bot: Bot, content: Content) -> None:
    fake.profile.update(name=content.profile["name"], description=content.profile["description"])
    await sync_profile(bot, content)
    assert [call for call in profile_calls(fake) if call[1] is not None] == [("setMyShortDescription", content.profile["short_description"])]


async def test_a_long_wait_asked_by_telegram_is_not_waited_for(fake: FakeBotAPI, bot: Bot, content: Content, caplog: pytest.LogCaptureFixture) -> None:
    fake.fail("setMyName", status=429, retry_after=86400)  # Telegram limits name changes to a few a day
    began = time.monotonic()
    with caplog.at_level(logging.INFO, logger="bot.telegram"):
        await sync_profile(bot, content)
    assert time.monotonic() - began < 5
    assert fake.profile["name"] != content.profile["name"], "kept as it was, to be set at a later start"
    assert fake.profile["description"] == content.profile["description"], "the others are still set"
    assert "Telegram allows no change of the bot's name for 86400 s" in caplog.text
    assert all(text not in caplog.text for text in content.profile.values()), "the texts are not logged"


async def test_a_refused_call_is_logged_and_the_rest_still_set(fake: FakeBotAPI, bot: Bot, content: Content, caplog: pytest.LogCaptureFixture) -> None:
    fake.fail("getMyShortDescription", status=400, description="Bad Request: something new")
    await sync_profile(bot, content)
    assert fake.profile["name"] == content.profile["name"] and fake.profile["description"] == content.profile["description"]
    assert fake.profile["short_description"] == ""
    assert "could not set the bot's short_description (BadRequest)" in caplog.text


async def test_telegram_out_of_reach_does_not_stop_the_start(content: Content, caplog: pytest.LogCaptureFixture) -> None:
    with FakeBotAPI() as gone:
        token, base_url = gone.token, gone.base_url
    await sync_profile(Bot(token, base_url=base_url), content)  # not initialized: nothing would answer its getMe
    assert "could not reach Telegram to check the bot's name (ConnectFailed)" in caplog.text
    assert "short_description" not in caplog.text, "one failed call is enough to stop trying"


def test_the_bot_sets_its_profile_when_it_starts_and_not_again_when_unchanged(fake: FakeBotAPI, tmp_path: Path, content: Content) -> None:
    for _ in range(2):
        polls = len([c for c in fake.calls if c.method == "getUpdates"])
        with running(fake, tmp_path):
            # Long polling begins once everything at start-up is done.
            fake.wait_for(lambda c: c.method == "getUpdates", timeout=20, count=polls + 1)
    calls = profile_calls(fake)
    assert calls[:6] == first_start(content)
    assert calls[6:] == [(method, None) for method in READS], "the second start reads the profile and sets nothing"
