"""The conversation engine: saved state + one event in, replies + new state out.

It knows nothing of Telegram or terminals; the adapters render ``Reply`` objects
as messages with buttons. Every sentence comes from the content folder.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Any

from .content import SLOTS, Content, FlowState
from .flow import FlowMachine, FlowModel, next_red_flag, red_flag_queue
from .state import NOT_SURE, Conversation
from .triage import Recommendation, recommend
from .understand import MAX_TEXT, Parse, Understanding, normalize

log = logging.getLogger(__name__)

PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Telegram's deep-link payload alphabet
PHONE_RE = re.compile(r"^\+?[0-9]{7,15}$")
MAX_NOTE = 500  # characters of a note for the therapist
FLAG_ANSWERS = ("yes", "no", "unsure")


@dataclass(frozen=True)
class Button:
    id: str
    label: str


@dataclass(frozen=True)
class Reply:
    """One message: its text and its buttons laid out in rows."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()
    request_contact: str | None = None  # label of a "share my phone number" button, where the platform has one
    venue: dict[str, str] | None = None  # a map pin: latitude, longitude, title, address

    @property
    def buttons(self) -> list[Button]:
        return [b for row in self.rows for b in row]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "buttons": [{"id": b.id, "label": b.label} for b in self.buttons]}
        if self.venue:
            out["venue"] = self.venue
        return out


@dataclass(frozen=True)
class Event:
    """What the person did: typed ``text``, pressed ``button``, sent ``command`` (with ``args``),
    or sent ``media`` the bot does not read (a sticker, photo, voice note…)."""

    kind: str
    value: str = ""
    args: str = ""
    name: str = ""  # the person's first name, when the platform gives one (used in the greeting only)

    def __post_init__(self) -> None:
        # Lone surrogates (broken emoji from some clients) cannot be printed or stored: replace them.
        for key in ("value", "args", "name"):
            value = getattr(self, key)
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                object.__setattr__(self, key, value.encode("utf-8", "replace").decode("utf-8"))

    @classmethod
    def text(cls, text: str, name: str = "") -> Event:
        return cls("text", text, name=name)

    @classmethod
    def button(cls, button_id: str, name: str = "") -> Event:
        return cls("button", button_id, name=name)

    @classmethod
    def command(cls, command: str, args: str = "", name: str = "") -> Event:
        return cls("command", command.lstrip("/").lower(), args, name)

    @classmethod
    def from_dict(cls, data: object) -> Event:
        """Parse ``{"text": …}``, ``{"button": …}`` or ``{"command": …, "args": …}``; ValueError if malformed."""
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        kinds = [k for k in ("text", "button", "command") if k in data]
        if len(kinds) != 1:
            raise ValueError('expected exactly one of "text", "button" or "command"')
        kind = kinds[0]
        value = data[kind]
        args = data.get("args", "")
        if not isinstance(value, str) or not isinstance(args, str):
            raise ValueError(f'"{kind}" and "args" must be strings')
        return cls.command(value, args) if kind == "command" else cls(kind, value)


@dataclass
class Result:
    replies: list[Reply]
    conversation: Conversation
    effects: list[dict[str, Any]] = field(default_factory=list)

    @property
    def stale(self) -> bool:
        """The event was a button that no longer applies (the replies say so)."""
        return any(e["type"] == "stale" for e in self.effects)

    @property
    def state(self) -> dict[str, Any]:
        return self.conversation.to_dict()

    @property
    def level(self) -> str | None:
        return self.conversation.level


def _typed_command(text: str) -> tuple[str, str] | None:
    """("start", "ig_post") for a typed "/start@my_bot ig_post"; None when the text is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    name, _, args = text[1:].partition(" ")
    return name.split("@")[0].lower(), args


def _prefix(text: str, replies: list[Reply]) -> list[Reply]:
    """Put ``text`` on top of the first reply (one message rather than two)."""
    if not replies:
        return [Reply(text)]
    first = replies[0]
    return [replace(first, text=f"{text}\n\n{first.text}"), *replies[1:]]


def _chunk(buttons: list[Button], columns: int) -> list[tuple[Button, ...]]:
    columns = max(1, columns)
    return [tuple(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


class Engine:
    """One engine per content folder; ``handle`` is safe to call for any number of conversations."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.flow = content.flow
        self.machine = FlowMachine(content)
        self.understand = Understanding(content)
        self.red_flags_state = next(n for n, s in self.flow.states.items() if s.kind == "red_flags")

    # ------------------------------------------------------------------ entry point

    def handle(self, state: Conversation | dict[str, Any] | None, event: Event) -> Result:
        """Apply one event to a conversation and return what to say."""
        conv = state if isinstance(state, Conversation) else Conversation.from_dict(state)
        effects: list[dict[str, Any]] = []
        if event.kind == "command":
            replies = self._command(conv, event.value, event.args, effects, event.name)
        elif event.kind == "media":
            return self.not_text(conv)
        elif event.kind == "button" and event.value.startswith("nav.forget_"):
            replies = self._forget(conv, event.value == "nav.forget_yes", effects)
        elif conv.state not in self.flow.states:
            # A first message without /start (or a state from an older flow): greet, then use it
            # (unless it is only a "hi", or a /start the app did not mark as a command).
            text = event.value.strip() if event.kind == "text" else ""
            command = _typed_command(text)
            if command is not None and command[0] == "start":
                return Result(self._start(conv, command[1].strip(), effects, event.name), conv, effects)
            greeting = self._start(conv, conv.source or "", effects, event.name)
            if normalize(text) and self.understand.social(normalize(text)) is None:
                answered = self._text(conv, event.value, effects, quiet=True)
                replies = greeting[:-1] + answered if answered else greeting
            else:
                replies = greeting
        elif event.kind == "button":
            replies = self._press(conv, event.value, effects)
        else:
            replies = self._text(conv, event.value, effects) or _prefix(self.content.msg("didnt_understand"), self._ask(conv))
        return Result(replies, conv, effects)

    # ------------------------------------------------------------------ commands

    def _command(self, conv: Conversation, name: str, args: str, effects: list[dict[str, Any]], first_name: str = "") -> list[Reply]:
        msg = self.content.msg
        if name == "start":
            return self._start(conv, args.strip(), effects, first_name)
        if name == "forget":
            rows = ((Button("nav.forget_yes", msg("forget_yes")), Button("nav.forget_no", msg("forget_no"))),)
            return [Reply(msg("forget_confirm"), rows)]
        if conv.state not in self.flow.states:
            current = self._start(conv, "", effects, first_name)
        elif name == "restart":
            return self._restart(conv)
        else:
            current = self._ask(conv)
        if name == "help":
            return [self._help(conv), *current]
        if name == "privacy":
            return [Reply(msg(name)), *current]
        if name == "faq":
            return [self._faq_list(), *current]
        if name == "book":
            return [Reply(self._booking_text(conv)), *current]
        if name == "restart":
            return current
        return _prefix(msg("unknown_command", command=name[:32]), current)

    def _help(self, conv: Conversation) -> Reply:
        """The help text, with a button to talk to the therapist (not after an emergency outcome)."""
        if conv.level == "emergency":
            return Reply(self.content.msg("help"))
        return Reply(self.content.msg("help"), ((Button("nav.talk", self.content.msg("talk_button")),),))

    def _booking_text(self, conv: Conversation) -> str:
        """How to book, or why not now: never a booking link where the outcome says not to book."""
        level = self.content.levels.get(conv.level or "")
        if level is None:
            return self.content.msg("book_not_yet")
        return self.content.msg("book_now") if level.booking else level.booking_reply

    def _start(self, conv: Conversation, payload: str, effects: list[dict[str, Any]], first_name: str = "") -> list[Reply]:
        msg = self.content.msg
        source = payload if PAYLOAD_RE.match(payload) else None
        self._reset(conv)
        conv.source = source
        effects.append({"type": "start", "source": source})
        hello = msg("hello_name", first_name=first_name.strip()[:64]) if first_name.strip() else msg("hello")
        greeting = f"{hello} {msg('greeting')}\n{msg('privacy_line')}"
        if source:
            greeting = f"{greeting}\n{self.content.msg('source_noted')}"
        return [Reply(greeting), *self._ask(conv)]

    def _forget(self, conv: Conversation, confirmed: bool, effects: list[dict[str, Any]]) -> list[Reply]:
        msg = self.content.msg
        if not confirmed:
            current = self._ask(conv) if conv.state in self.flow.states else []
            return _prefix(msg("forget_cancelled"), current)
        conv.__dict__.update(Conversation().__dict__)
        effects.append({"type": "forget"})
        return [Reply(msg("forget_done"))]

    def welcome_back(self, conv: Conversation) -> list[Reply]:
        """For someone returning after a long pause: continue or start over, rather than a question out of context."""
        msg = self.content.msg
        rows = ((Button(f"continue.{self._step_id(conv)}", msg("continue_button")), Button("nav.restart", msg("restart_button"))),)
        return [Reply(msg("welcome_back"), rows)]

    def resume(self, conv: Conversation) -> list[Reply]:
        """After a restart cut a turn's replies short: where the person is, said again (at the outcome,
        the whole advice: it may never have reached them)."""
        state = self.flow.states.get(conv.state or "")
        if state is None:
            return []
        replies = self._recommendation(conv, []) if state.kind == "recommendation" and conv.level else self._ask(conv)
        return _prefix(self.content.msg("resumed"), replies)

    def _step_id(self, conv: Conversation) -> str:
        """Where the conversation is, for buttons that only make sense there (Back, Continue)."""
        if conv.state == self.red_flags_state:
            return f"rf.{next_red_flag(self.content, conv) or ''}"
        return conv.state or ""

    def not_text(self, conv: Conversation) -> Result:
        """For a sticker, photo, voice note…: say what the bot reads, then the current question."""
        effects: list[dict[str, Any]] = []
        current = self._ask(conv) if conv.state in self.flow.states else self._start(conv, "", effects)
        return Result(_prefix(self.content.msg("non_text"), current), conv, effects)

    def _reset(self, conv: Conversation) -> None:
        source = conv.source
        conv.__dict__.update(Conversation().__dict__)
        conv.source = source
        conv.state = self.flow.initial

    def _restart(self, conv: Conversation) -> list[Reply]:
        self._reset(conv)
        return _prefix(self.content.msg("restarted"), self._ask(conv))

    # ------------------------------------------------------------------ typed text

    def _text(self, conv: Conversation, raw: str, effects: list[dict[str, Any]], quiet: bool = False) -> list[Reply] | None:
        """Understand typed text; None when nothing in it could be used."""
        msg = self.content.msg
        raw = raw.strip()
        if not raw:
            return _prefix(msg("empty_input"), self._ask(conv))
        note = None
        if len(raw) > MAX_TEXT:
            raw, note = raw[:MAX_TEXT], msg("too_long")
        command = _typed_command(raw)
        if command is not None:
            return self._command(conv, *command, effects)
        norm = normalize(raw)
        replies = self._understand(conv, raw, norm, effects)
        if replies is None:
            return None if quiet or note is None else _prefix(f"{note} {msg('didnt_understand')}", self._ask(conv))
        return _prefix(note, replies) if note else replies

    def _understand(self, conv: Conversation, raw: str, norm: str, effects: list[dict[str, Any]]) -> list[Reply] | None:
        if not norm:
            return None
        u = self.understand
        word = u.command_word(norm)
        if word == "back":
            return self._back(conv)
        if word == "restart":
            return self._restart(conv)
        if word == "help":
            return [self._help(conv), *self._ask(conv)]
        if word == "human" and conv.level != "emergency":
            return self._talk(conv, effects)
        state = self.flow.states[conv.state or ""]
        if state.kind == "relay":
            return self._relay(conv, raw, effects)
        social = u.social(norm) if state.kind != "input" else None  # a note or a phone number is taken as typed
        if social is not None:
            return _prefix(self.content.msg(f"reply_{social}"), self._ask(conv))
        parsed = u.parse(raw)
        alert = self._alert(conv, parsed, effects)
        if alert is not None:
            return alert
        new_contra = [c for c in parsed.contra if c not in conv.contra]
        conv.contra.extend(new_contra)
        replies = self._understand_more(conv, raw, norm, parsed, effects)
        if not new_contra:
            return replies
        noted = self.content.msg("noted", items=", ".join(self._check_label(c) for c in new_contra))
        return _prefix(noted, replies if replies is not None else self._ask(conv))

    def _alert(self, conv: Conversation, parsed: Parse, effects: list[dict[str, Any]]) -> list[Reply] | None:
        """A warning sign typed at any moment interrupts the questions with the right advice."""
        # A region's warning sign counts when it fits where it hurts ("pregnant" alone is not tummy pain in pregnancy).
        places = [r for r in (*parsed.regions, conv.region) if r]
        new_flags = [f for f in self.understand.fitting_flags(parsed.red_flags, places) if conv.flags.get(f) != "yes"]
        new_screen = [s for s in parsed.screen if s not in conv.screen]
        if not new_flags and not new_screen:
            return None
        for fid in new_flags:
            conv.flags[fid] = "yes"
        conv.screen.extend(new_screen)
        for slot in ("region", "pain_type", "onset", "duration", "severity"):  # keep what else they said, for the summary
            value = parsed.slot(slot)
            if value is not None and slot not in conv.answers:
                conv.answers[slot] = value
        if conv.state:
            conv.history.append(conv.state)
        effects.append({"type": "alert", "flags": new_flags, "screen": new_screen})
        return self._fire(conv, "red_flag", effects)

    def _understand_more(self, conv: Conversation, raw: str, norm: str, parsed: Parse, effects: list[dict[str, Any]]) -> list[Reply] | None:
        u = self.understand
        faq = u.faq_answer(parsed)
        if parsed.question and faq:
            return self._faq(conv, faq)
        state = self.flow.states[conv.state or ""]
        # A cough, a cold…: who can help instead (before a question could take "for a week" as the pain's).
        answering_pain = state.slot == "pain_type" and bool(parsed.pain_types)  # "sore, and I've got a cold"
        illness = not parsed.regions and not answering_pain and state.kind not in ("input", "relay") and u.other_illness(norm)
        if illness and state.kind in ("question", "screen"):
            return _prefix(self.content.msg("other_illness"), self._ask(conv))
        answered = self._typed_answer(conv, state, raw, norm, parsed, effects)
        if answered is not None:
            return answered
        if illness:
            return _prefix(self.content.msg("other_illness"), self._ask(conv))
        if faq:
            return self._faq(conv, faq)
        if state.kind in ("recommendation", "info") and u.bare_yes_no(norm):
            return _prefix(self.content.msg("reply_ok"), self._ask(conv))  # "no" after the advice is not a question
        offers = u.faq_offers(parsed)
        if offers:
            rows = tuple((Button(f"faq.{fid}", self.content.faq_entry(fid).question),) for fid in offers)  # type: ignore[union-attr]
            return [Reply(self.content.msg("did_you_mean"), rows), *self._ask(conv)]
        if parsed.question:
            return [Reply(self.content.msg("faq_unknown")), *_prefix(self.content.msg("faq_resume"), self._ask(conv))]
        return None

    def _typed_answer(self, conv: Conversation, state: FlowState, raw: str, norm: str, parsed: Parse, effects: list[dict[str, Any]]) -> list[Reply] | None:
        u = self.understand
        if state.kind == "question" and state.slot:
            return self._fill(conv, state, raw, norm, parsed, effects)
        if state.kind == "red_flags":
            yn = u.yes_no(norm)
            fid = next_red_flag(self.content, conv)
            return None if yn is None or fid is None else self._flag_answer(conv, fid, yn, effects)
        if state.kind in ("screen", "contraindications"):
            for b in self._buttons(conv):  # a typed label ("none of these") presses that button
                if normalize(b.label) == norm:
                    return self._press(conv, b.id, effects)
            yn = u.yes_no(norm)
            if yn is not None and not u.bare_yes_no(norm) and (parsed.regions or parsed.pain_types):
                yn = None  # "yeah, my back's been killing me": a description, not an answer to the list
            if yn == "no":
                return self._check(conv, state, "none", effects)
            if yn is not None:
                return _prefix(self.content.msg("screen_which"), self._ask(conv))
            if state.kind == "screen":
                return self._fill(conv, state, raw, norm, parsed, effects)  # pain described first: keep it, then ask again
            return None
        if state.kind == "input" and state.input == "note":
            conv.answers[state.slot or state.name] = raw.strip()[:MAX_NOTE]
            conv.history.append(state.name)
            return self._fire(conv, "answer", effects)
        if state.kind == "input":
            # "+44 (0)20 7946 0000" is dialled +44 20 7946 0000; spaces, dots, dashes and brackets are layout.
            phone = re.sub(r"[\s().-]", "", raw.strip().lower().replace("plus ", "+").replace("(0)", ""))
            if not PHONE_RE.match(phone):
                return _prefix(self.content.msg("phone_invalid"), self._ask(conv))
            conv.answers[state.slot or state.name] = phone
            conv.history.append(state.name)
            return self._fire(conv, "answer", effects)
        if state.kind == "relay":
            return self._relay(conv, raw, effects)
        # info and recommendation: a typed button label presses that button
        for b in self._buttons(conv):
            if normalize(b.label) == norm or b.id.split(".")[-1].replace("_", " ") == norm:
                return self._press(conv, b.id, effects)
        return None

    def _fill(self, conv: Conversation, state: FlowState, raw: str, norm: str, parsed: Parse, effects: list[dict[str, Any]]) -> list[Reply] | None:
        """Take every answer the text gives: the current question's, and others not asked yet.

        An answer already given is only replaced when the person corrects it ("no, it's my upper back").
        """
        u = self.understand
        slot = state.slot or ""
        for hint in parsed.conditions:
            if hint not in conv.hints:
                conv.hints.append(hint)
        if not slot:
            current: str | int | None = None
        elif state.not_sure and u.is_not_sure(norm):
            current = NOT_SURE
        elif slot == "severity":
            current = u.slot_value("severity", raw)
            if current is None and re.search(r"\d", norm) and not parsed.regions:
                return _prefix(self.content.msg("severity_invalid"), self._ask(conv))
        else:
            current = parsed.slot(slot)
        if current is None and parsed.question:
            return None  # a question that does not answer this one is not read for other answers
        learnt: list[str] = []
        for other in ("region", "pain_type", "onset", "duration", "severity"):
            value = parsed.slot(other)
            if other == slot or value is None:
                continue
            old = conv.answers.get(other)
            if old is None or (old != value and parsed.correction):
                if other == "region" and old is not None:
                    conv.flags.clear()  # safety questions depend on the region
                conv.answers[other] = value
                learnt.append(self._label(other, value))
        if current is None:
            if not learnt:
                return None
            return _prefix(self.content.msg("understood", answer=" · ".join(learnt)), self._ask(conv))
        return self._answer(conv, state, current, effects, typed=True, also=learnt)

    # ------------------------------------------------------------------ buttons

    def _press(self, conv: Conversation, bid: str, effects: list[dict[str, Any]]) -> list[Reply]:
        if bid.startswith("faq.") and self.content.faq_entry(bid[4:]):
            return self._faq(conv, bid[4:])
        if bid == "nav.restart":
            return self._restart(conv)
        if bid == "nav.talk" and conv.level != "emergency":
            return self._talk(conv, effects)
        if bid == f"back.{self._step_id(conv)}":
            return self._back(conv)
        if bid == f"continue.{self._step_id(conv)}":
            return self._ask(conv)
        if bid not in {b.id for b in self._buttons(conv)}:
            effects.append({"type": "stale"})
            return _prefix(self.content.msg("stale_button"), self._ask(conv))
        state = self.flow.states[conv.state or ""]
        if state.kind == "red_flags":
            _, fid, answer = bid.split(".")
            return self._flag_answer(conv, fid, answer, effects)
        option = bid.split(".", 1)[1]
        if state.kind in ("screen", "contraindications"):
            return self._check(conv, state, option, effects)
        if state.kind == "question":
            value: str | int = int(option) if state.slot == "severity" and option.isdigit() else option
            return self._answer(conv, state, value, effects)
        button = next(b for b in state.buttons if b.id == option)
        if button.trigger == "restart":
            return self._restart(conv)
        if button.trigger == "faq":
            return [self._faq_list(), *self._ask(conv)]
        if button.trigger == "end_relay":
            return self.end_relay(conv, effects).replies
        if button.trigger == "answer" and state.slot:
            conv.answers[state.slot] = "" if state.kind == "input" else option  # "Skip" on a typed step
        if button.trigger == "talk":
            conv.resume = state.name
        conv.history.append(state.name)
        return self._fire(conv, button.trigger, effects)

    def _buttons(self, conv: Conversation) -> list[Button]:
        """Every button valid in the current state (what is shown is exactly what is accepted)."""
        return [b for row in self._rows(conv) for b in row]

    def _rows(self, conv: Conversation) -> list[tuple[Button, ...]]:
        state = self.flow.states.get(conv.state or "")
        if state is None:
            return []
        msg = self.content.msg
        options: list[Button] = []
        extra: list[Button] = []
        if state.kind == "question" and state.slot:
            if state.slot == "severity":
                options = [Button(f"{state.name}.{n}", str(n)) for n in range(11)]
            else:
                options = [Button(f"{state.name}.{o.id}", o.label) for o in self.content.vocabulary(state.slot)]
            if state.not_sure:
                extra.append(Button(f"{state.name}.{NOT_SURE}", msg("not_sure")))
        elif state.kind == "red_flags":
            fid = next_red_flag(self.content, conv)
            if fid is not None:
                options = [Button(f"rf.{fid}.yes", msg("yes")), Button(f"rf.{fid}.no", msg("no"))]
                extra.append(Button(f"rf.{fid}.unsure", msg("not_sure")))
        elif state.kind == "screen":
            options = [Button(f"{state.name}.{c.id}", c.label) for c in self.content.screen]
            options.append(Button(f"{state.name}.none", msg("screen_none")))
        elif state.kind == "contraindications":
            options = [Button(f"{state.name}.{c.id}", c.label) for c in self.content.contraindications if c.id not in conv.contra]
            options.append(Button(f"{state.name}.none", msg("contra_none")))
        else:
            model = FlowModel(conv, self.content)
            options = [Button(f"{state.name}.{b.id}", b.label) for b in state.buttons if b.when is None or getattr(model, b.when)()]
        if conv.history and state.kind != "recommendation" and not state.lead:
            extra.append(Button(f"back.{self._step_id(conv)}", msg("back")))
        columns = 3 if state.kind == "red_flags" else state.columns
        rows = _chunk(options, columns)
        if extra:
            rows.append(tuple(extra))
        return rows

    # ------------------------------------------------------------------ moving on

    def _answer(self, conv: Conversation, state: FlowState, value: str | int, effects: list[dict[str, Any]], typed: bool = False, also: list[str] | None = None) -> list[Reply]:
        slot = state.slot or state.name
        if slot == "region" and conv.answers.get("region") != value:
            conv.flags.clear()  # safety questions depend on the region
        conv.answers[slot] = value
        conv.history.append(state.name)
        replies = self._fire(conv, "answer", effects)
        if typed:
            labels = [self._label(slot, value), *(also or [])]
            replies = _prefix(self.content.msg("understood", answer=" · ".join(labels)), replies)
        return replies

    def _check(self, conv: Conversation, state: FlowState, item: str, effects: list[dict[str, Any]]) -> list[Reply]:
        """A tick in the first screen (any tick ends it) or in the contraindications list (ticks add up)."""
        if item == "none":
            conv.history.append(state.name)
            return self._fire(conv, "answer", effects)
        conv.history.append(f"{state.name}:{item}")
        if state.kind == "screen":
            conv.screen.append(item)
            return self._fire(conv, "answer", effects)
        if item not in conv.contra:
            conv.contra.append(item)
        return _prefix(self.content.msg("contra_more"), self._ask(conv))

    def _flag_answer(self, conv: Conversation, fid: str, answer: str, effects: list[dict[str, Any]]) -> list[Reply]:
        if answer not in FLAG_ANSWERS or fid != next_red_flag(self.content, conv):
            effects.append({"type": "stale"})
            return _prefix(self.content.msg("stale_button"), self._ask(conv))
        conv.flags[fid] = answer
        conv.history.append(f"{self.red_flags_state}:{fid}")
        return self._fire(conv, "answer", effects)

    def _fire(self, conv: Conversation, trigger: str, effects: list[dict[str, Any]]) -> list[Reply]:
        if not self.machine.fire(conv, trigger):
            log.warning("trigger %s refused in state %s", trigger, conv.state)
            if conv.history:
                conv.history.pop()
            return _prefix(self.content.msg("stale_button"), self._ask(conv))
        state = self.flow.states[conv.state or ""]
        # Questions already answered in the person's own words are skipped (and Back still visits them).
        while state.kind == "question" and state.slot in conv.answers and self.machine.fire(conv, "answer"):
            conv.history.append(state.name)
            state = self.flow.states[conv.state or ""]
        if state.kind != "question" and all(s in conv.answers for s in SLOTS):
            self._milestone(conv, "questions_done", effects)
        if state.event:
            effects.append({"type": "event", "kind": state.event})
        if state.kind == "recommendation":
            return self._recommendation(conv, effects)
        if state.lead:
            effects.append(self._lead(conv))
        return self._ask(conv)

    @staticmethod
    def _milestone(conv: Conversation, kind: str, effects: list[dict[str, Any]]) -> None:
        """Count a funnel step once per conversation."""
        if kind not in conv.milestones:
            conv.milestones.append(kind)
            effects.append({"type": "event", "kind": kind})

    # ------------------------------------------------------------------ talking to the therapist

    def _talk(self, conv: Conversation, effects: list[dict[str, Any]]) -> list[Reply]:
        state = self.flow.states.get(conv.state or "")
        if state is not None and state.kind == "relay":
            return self._ask(conv)
        conv.resume = conv.state
        if conv.state:
            conv.history.append(conv.state)
        return self._fire(conv, "talk", effects)

    def _relay(self, conv: Conversation, raw: str, effects: list[dict[str, Any]]) -> list[Reply]:
        """A message for the therapist: passed on by the platform (the effect); acknowledged the first time."""
        effects.append({"type": "relay", "text": raw.strip()[:4000], "summary": self.summary(conv)})
        conv.relayed += 1
        rows = tuple(self._rows(conv))
        return [Reply(self.content.msg("relay_sent" if conv.relayed == 1 else "relay_sent_again"), rows)]

    def practice_reply(self, conv: Conversation, text: str) -> Result:
        """The therapist's answer to a relayed message, for the person."""
        header = self.content.msg("relay_from_practice", therapist=self.content.practice.get("therapist", ""))
        return Result([Reply(f"{header}\n{text.strip()}", tuple(self._rows(conv)))], conv, [])

    def end_relay(self, conv: Conversation, effects: list[dict[str, Any]] | None = None) -> Result:
        """End the chat with the therapist and go back to where the person was."""
        effects = [] if effects is None else effects
        back = conv.resume if conv.resume in self.flow.states else self.flow.initial
        conv.state, conv.resume, conv.relayed = back, None, 0
        effects.append({"type": "relay_end"})
        return Result(_prefix(self.content.msg("relay_ended"), self._ask(conv)), conv, effects)

    def _back(self, conv: Conversation) -> list[Reply]:
        if not conv.history:
            return _prefix(self.content.msg("first_question"), self._ask(conv))
        last = conv.history.pop()
        name, _, fid = last.partition(":")
        if fid and fid in conv.contra:
            conv.contra.remove(fid)
        elif fid and fid in conv.screen:
            conv.screen.remove(fid)
            conv.retracted.append(fid)  # a warning sign once reported still counts (see rules.changed_red_flag)
        elif fid and conv.flags.pop(fid, None) in ("yes", "unsure") and fid not in conv.retracted:
            conv.retracted.append(fid)
        state = self.flow.states.get(name)
        if state is None:
            self._reset(conv)
            return self._ask(conv)
        conv.state = name
        if state.kind in ("question", "input", "info") and (state.slot or state.kind == "input"):
            conv.answers.pop(state.slot or state.name, None)
        if state.slot == "region":
            conv.hints.clear()  # words about the old place no longer apply
        if state.kind in ("screen", "question", "red_flags", "contraindications"):
            conv.level = conv.condition = None
        return self._ask(conv)

    # ------------------------------------------------------------------ rendering

    def _ask(self, conv: Conversation) -> list[Reply]:
        """The current question (or step) again, with its buttons."""
        state = self.flow.states.get(conv.state or "")
        if state is None:
            return []
        msg = self.content.msg
        rows = tuple(self._rows(conv))
        if state.kind == "question":
            return [Reply(f"{msg('progress', step=state.step, total=self.flow.total_steps)}\n{state.prompt}", rows)]
        if state.kind == "red_flags":
            fid = next_red_flag(self.content, conv)
            flag = self.content.flag(fid) if fid else None
            if flag is None:  # nothing left to ask: move on
                return self._fire(conv, "answer", [])
            queue = red_flag_queue(self.content, conv.region)
            step = len([f for f in queue if f in conv.flags]) + 1
            text = f"{msg('safety_progress', step=step, total=len(queue))}\n{flag.question}"
            if not conv.flags:
                text = f"{msg('safety_intro')}\n\n{text}"
            return [Reply(text, rows)]
        if state.kind == "recommendation":
            return [Reply(msg("finished"), rows)]
        if state.kind == "contraindications" and conv.contra:
            noted = msg("noted", items=", ".join(self._check_label(c) for c in conv.contra))
            return [Reply(f"{noted}\n{state.prompt}", rows)]
        values = {k: self._label(k, v) for k, v in conv.answers.items()}
        contact = msg("share_contact") if state.kind == "input" and state.input == "phone" else None
        return [Reply(_fill(state.prompt, values), rows, request_contact=contact)]

    def _check_label(self, item: str) -> str:
        check = self.content.contraindication(item) or self.content.screen_item(item)
        return check.label if check is not None else item

    def _label(self, slot: str, value: object) -> str:
        if value == NOT_SURE:
            return self.content.msg("not_sure")
        if slot == "severity":
            return f"{value}/10"
        if slot in ("region", "pain_type", "onset", "duration"):
            option = self.content.option(slot, str(value))
            return option.label if option else str(value)
        for state in self.flow.states.values():
            if state.slot == slot:
                button = next((b for b in state.buttons if b.id == value), None)
                if button is not None:
                    return button.label
        return str(value)

    def _recommendation(self, conv: Conversation, effects: list[dict[str, Any]]) -> list[Reply]:
        msg = self.content.msg
        rec = recommend(self.content, conv)
        conv.level = rec.level
        conv.condition = rec.condition.id if rec.condition else None
        effects.append({"type": "recommendation", "level": rec.level, "condition": conv.condition})
        level = self.content.levels[rec.level]
        parts = [level.title]
        if rec.reasons:
            parts.append(msg("why_heading") + "\n" + "\n".join(f"• {r}" for r in rec.reasons))
        parts.append(msg("next_heading") + "\n" + level.next_steps)
        parts.append(level.safety_net)
        return [Reply("\n\n".join(parts)), Reply(self.summary(conv, rec), tuple(self._rows(conv)))]

    def summary(self, conv: Conversation, rec: Recommendation | None = None) -> str:
        """A short summary of the answers, for the person to forward to a therapist or doctor."""
        msg = self.content.msg
        lines = [msg("summary_heading")]
        for key, slot in (("summary_where", "region"), ("summary_feels", "pain_type"), ("summary_started", "onset"),
                          ("summary_duration", "duration"), ("summary_severity", "severity")):  # fmt: skip
            value = conv.answers.get(slot)
            if value is not None:  # an unanswered question (after an early warning sign) is left out
                lines.append(f"• {msg(key)}: {self._label(slot, value)}")
        flagged = bool(conv.screen)
        for item in conv.screen:
            lines.append("• " + msg("summary_screen", item=self._check_label(item)))
        for fid, answer in conv.flags.items():
            flag = self.content.flag(fid)
            if flag is not None and answer in ("yes", "unsure"):
                flagged = True
                lines.append("• " + msg("summary_flag_yes" if answer == "yes" else "summary_flag_unsure", question=flag.question))
        if conv.flags and not flagged:
            lines.append(f"• {msg('summary_checks_clear')}")
        for item in conv.contra:
            lines.append("• " + msg("summary_contra", item=self._check_label(item)))
        if rec is not None and rec.condition is not None:
            lines.append("• " + msg("summary_condition", condition=rec.condition.name))
        if conv.level:
            lines.append("• " + msg("summary_outcome", outcome=self.content.levels[conv.level].title))
        return "\n".join(lines)

    def _faq(self, conv: Conversation, faq_id: str) -> list[Reply]:
        entry = self.content.faq_entry(faq_id)
        if entry is None:
            return self._ask(conv)
        level = self.content.levels.get(conv.level or "")
        answer = entry.answer
        if entry.booking and ((level is not None and not level.booking) or any(v != "no" for v in conv.flags.values())):
            answer = self._booking_text(conv) if level is not None else self.content.levels["doctor_first"].booking_reply
        return [Reply(f"{entry.question}\n\n{answer}", venue=self._venue() if entry.venue else None), *_prefix(self.content.msg("faq_resume"), self._ask(conv))]

    def _venue(self) -> dict[str, str] | None:
        """The practice as a map pin, when practice.yaml gives its coordinates."""
        p = self.content.practice
        if not p.get("latitude") or not p.get("longitude"):
            return None
        return {"latitude": p["latitude"], "longitude": p["longitude"], "title": p["name"], "address": p["address"]}

    def _faq_list(self) -> Reply:
        buttons = [Button(f"faq.{f.id}", f.question) for f in self.content.faq]
        return Reply(self.content.msg("faq_intro"), tuple(_chunk(buttons, 1)))

    def _lead(self, conv: Conversation) -> dict[str, Any]:
        """A call-back request: how to reach the person, and the triage the therapist needs."""
        inputs = {s.input: s.slot or s.name for s in self.flow.states.values() if s.kind == "input"}
        others = [self._label(k, v) for k, v in conv.answers.items() if k not in SLOTS and k not in inputs.values() and v]
        return {
            "type": "lead",
            "phone": conv.answers.get(inputs.get("phone", ""), ""),
            "preferred_time": " · ".join(others),
            "note": conv.answers.get(inputs.get("note", ""), ""),
            "source": conv.source,
            "triage": {
                **{slot: conv.answers.get(slot) for slot in SLOTS},
                "level": conv.level,
                "condition": conv.condition,
                "warning_signs": [f for f, a in conv.flags.items() if a != "no"] + conv.screen,
                "contraindications": list(conv.contra),
            },
            "summary": self.summary(conv),
        }


def _fill(text: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)
