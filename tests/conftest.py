"""Shared fixtures: the shipped content, one engine, and a Chat that talks to it like a person."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest

from bot import buttons
from bot.content import Content, default_root, load_content
from bot.effects import Effect
from bot.engine import Button, Engine, Event, Reply
from bot.state import Conversation
from bot.understand import Understanding

from .fakebot import FakeBotAPI

ROOT = default_root()


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(ROOT)


@pytest.fixture(scope="session")
def engine(content: Content) -> Engine:
    return Engine(content)


@pytest.fixture(scope="session")
def u(engine: Engine) -> Understanding:
    """The engine's reading of messages (one per test session: it is built once and only read)."""
    return engine.understand


UNFILLED = re.compile(r"\{[a-z_]+\}")


def assert_filled(reply: Reply, typed: str) -> None:
    """No "{therapist}" or "{phone}" left in what a person reads (unless they typed it themselves)."""
    for text in (reply.text, *(b.label for b in reply.buttons)):
        left = [p for p in UNFILLED.findall(text) if p not in typed]
        assert not left, f"unfilled placeholder {left} in {text!r}"


class Chat:
    """One person's conversation: messages and button presses in, replies and buttons out.

    The state is saved to JSON and read back between turns, as a real adapter does.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.saved: str = Conversation().to_json()
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self.typed = ""  # everything the person sent, so their own words are not taken for a placeholder
        self.offered: list[str] = []  # safety items offered so far (see answer_safety)

    def _send(self, event: Event) -> Chat:
        result = self.engine.handle(Conversation.from_json(self.saved), event)
        assert result.replies, f"no reply to {event}"
        self.typed += f"{event.value} {event.args}\n"
        for reply in result.replies:
            assert_filled(reply, self.typed)
        self.saved = result.conversation.to_json()
        self.replies = result.replies
        self.effects = result.effects
        return self

    def start(self, payload: str = "", screen: str | None = "none") -> Chat:
        """/start, then (as almost everyone does) "None of these" in the first safety screen."""
        self._send(Event.command("start", payload))
        if screen is not None:
            self.press(f"screen.{screen}")
        return self

    def command(self, name: str, args: str = "") -> Chat:
        return self._send(Event.command(name, args))

    def say(self, text: str) -> Chat:
        return self._send(Event.text(text))

    def press(self, label: str) -> Chat:
        """Press the button with this label (or id) among the last replies' buttons."""
        for button in self.buttons:
            if label.casefold() in (button.label.casefold(), button.id.casefold()):
                return self._send(Event.button(button.id))
        raise AssertionError(f"no button {label!r}; buttons: {[b.label for b in self.buttons]}")

    def press_id(self, button_id: str) -> Chat:
        """Press a button by id even if it is not shown (a stale or forged button)."""
        return self._send(Event.button(button_id))

    @property
    def conv(self) -> Conversation:
        return Conversation.from_json(self.saved)

    @property
    def state(self) -> str | None:
        return self.conv.state

    @property
    def level(self) -> str | None:
        return self.conv.level

    @property
    def text(self) -> str:
        return "\n\n".join(r.text for r in self.replies)

    @property
    def buttons(self) -> list[Button]:
        return [b for r in self.replies for b in r.buttons]

    @property
    def labels(self) -> list[str]:
        return [b.label for b in self.buttons]

    def answer_safety(self, yes: Collection[str] = (), contra: Collection[str] = (), limit: int = 20, age: str | None = "adult") -> Chat:
        """Through the safety check: tap each warning sign in ``yes`` and each contraindication in
        ``contra`` when it is offered, else "None of these" (a grouped check) or "No" (a single
        question); then the age group ``age`` if the age question comes (after an injury; None: stop there).
        ``offered`` lists every sign shown."""
        for _ in range(limit):
            if self.state == "age" and age is not None:
                self.press(f"age.{age}")
            if self.state != "red_flags":
                return self
            shown = [buttons.parse(b.id) for b in self.buttons]
            items = [p.step for p in shown if p.kind == "flag" and p.value == "yes"]
            self.offered.extend(items)
            hit = next((f for f in items if f in yes), None)
            tick = next((p for p in shown if p.kind == "option" and p.value in contra), None)
            none = next((p for p in shown if p.kind == "group" and p.value == buttons.NONE), None)
            if hit is not None:
                self.press_id(buttons.flag(hit, "yes"))
            elif tick is not None:
                self.press_id(buttons.option(tick.step, tick.value))
            elif none is not None:
                self.press_id(buttons.group(int(none.step), buttons.NONE))
            else:
                self.press_id(buttons.flag(items[0], "no"))
        raise AssertionError("safety questions never ended")

    def answer_no_until_done(self, limit: int = 20) -> Chat:
        """Answer 'None of these' / 'No' to every safety check and 'None of these' to the
        contraindications (with the last check, or a list of their own when no check is asked)."""
        for _ in range(limit):
            if self.state in ("red_flags", "age"):
                self.answer_safety()
            elif self.state == "contraindications":
                self.press("contraindications.none")
            else:
                return self
        raise AssertionError("safety questions never ended")


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    """A local fake Telegram Bot API server on 127.0.0.1."""
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def chat(engine: Engine) -> Chat:
    return Chat(engine)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content folder, to break on purpose."""
    import shutil

    for part in ("knowledge", "flows"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)
