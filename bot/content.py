"""Load and validate everything the practice edits: ``knowledge/*.yaml`` and ``flows/*.yaml``.

This is the only module that reads YAML. It returns frozen dataclasses, and it
collects *every* problem at once as ``file:line: what is wrong`` so that a
therapist can fix a file in one pass (``nmt-bot check``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .yamlfile import LineDict, LineList, YamlSyntaxError, load

LEVELS = ("emergency", "urgent", "doctor_first", "nmt_fit", "nmt_maybe", "not_a_fit")
"""Triage levels, most urgent first (the order matters: lower index wins)."""

RED_FLAG_LEVELS = ("emergency", "urgent", "doctor_first")

# Question slots the engine knows how to fill, and the vocabulary behind each.
SLOTS = {
    "region": "regions",
    "pain_type": "pain_types",
    "onset": "onsets",
    "duration": "durations",
    "severity": "severity",
}

STATE_KINDS = ("screen", "question", "red_flags", "contraindications", "recommendation", "info", "input", "relay")
EVENTS = ("booking_click",)  # funnel events a state may record when entered
INPUT_KINDS = ("phone", "note")  # what a typed-input state reads: a phone number, or a free note
# Triggers the engine handles itself: they need no transition in the flow.
RESERVED_TRIGGERS = ("back", "restart", "faq", "end_relay")
# Names a flow may use under conditions/unless/when; implemented in bot.flow.FlowModel.
CONDITION_NAMES = (
    "has_red_flags",
    "more_red_flags",
    "red_flag_found",
    "booking_allowed",
    "not_emergency",
)
# Rules of knowledge/outcomes.yaml and the extra parameters each takes.
RULE_PARAMS: dict[str, tuple[str, ...]] = {
    "severe_pain": ("min_severity",),
    "recent_injury": (),
    "no_condition": (),
    "unsure_red_flag": (),
    "changed_red_flag": (),
}
# Message keys, with the runtime placeholders each may use besides practice.yaml keys.
MESSAGE_KEYS: dict[str, tuple[str, ...]] = {
    "hello": (),
    "reply_thanks": (),
    "reply_hello": (),
    "reply_bye": (),
    "reply_ok": (),
    "hello_name": ("first_name",),
    "greeting": (),
    "source_noted": (),
    "progress": ("step", "total"),
    "safety_intro": (),
    "safety_progress": ("step", "total"),
    "understood": ("answer",),
    "not_sure": (),
    "yes": (),
    "no": (),
    "back": (),
    "restart_button": (),
    "didnt_understand": (),
    "other_illness": (),
    "resumed": (),
    "empty_input": (),
    "too_long": (),
    "stale_button": (),
    "help": (),
    "restarted": (),
    "first_question": (),
    "faq_intro": (),
    "faq_resume": (),
    "book_now": (),
    "book_not_yet": (),
    "why_heading": (),
    "next_heading": (),
    "trigger_points": (),
    "summary_heading": (),
    "summary_where": (),
    "summary_feels": (),
    "summary_started": (),
    "summary_duration": (),
    "summary_severity": (),
    "summary_checks_clear": (),
    "summary_flag_yes": ("question",),
    "summary_flag_unsure": ("question",),
    "summary_condition": ("condition",),
    "summary_outcome": ("outcome",),
    "finished": (),
    "unknown_command": ("command",),
    "phone_invalid": (),
    "severity_invalid": (),
    "welcome_back": (),
    "continue_button": (),
    "non_text": (),
    "group_pointer": ("bot_username",),
    "error": (),
    "privacy": (),
    "forget_confirm": (),
    "forget_yes": (),
    "forget_no": (),
    "forget_done": (),
    "forget_cancelled": (),
    "lead_heading": ("source",),
    "lead_contact": ("name", "phone", "time"),
    "lead_note": ("note",),
    "relay_to_practice": ("name",),
    "relay_closed_by_person": ("name",),
    "stats_heading": ("days",),
    "stats_all_sources": (),
    "stats_no_source": (),
    "stats_empty": (),
    "stats_start": (),
    "stats_questions_done": (),
    "stats_recommendation": (),
    "stats_booking_click": (),
    "stats_lead": (),
    "leads_heading": (),
    "leads_none": (),
    "share_contact": (),
    "relay_sent": (),
    "relay_sent_again": (),
    "relay_from_practice": ("therapist",),
    "relay_ended": (),
    "talk_button": (),
    "privacy_line": (),
    "screen_none": (),
    "screen_which": (),
    "contra_none": (),
    "contra_more": (),
    "noted": ("items",),
    "summary_screen": ("item",),
    "summary_contra": ("item",),
    "lead_no_source": (),
    "console_hint": (),
    "console_bye": (),
    "did_you_mean": (),
    "faq_unknown": (),
    "menu_start": (),
    "menu_help": (),
    "menu_faq": (),
    "menu_book": (),
    "menu_restart": (),
    "menu_privacy": (),
    "menu_forget": (),
}
WORD_KEYS = (
    "yes", "no", "not_sure", "back", "restart", "help", "left", "right", "both", "negation", "correction", "cause", "human",
    "thanks", "hello", "bye", "ok", "other_illness",
)  # fmt: skip

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
MAX_BUTTON_ID_BYTES = 48  # Telegram allows 64 bytes of callback_data; adapters add a prefix.
MAX_ID_LENGTH = 30  # so "rf.<id>.unsure", "faq.<id>", "<state>.<id>" all fit in MAX_BUTTON_ID_BYTES
RESERVED_STATE_NAMES = ("faq", "nav", "rf", "back", "continue")  # button id prefixes the engine owns


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Option:
    """One answer a person can pick: an id for code, a label for people, words they type."""

    id: str
    label: str
    words: tuple[str, ...] = ()
    activity_words: tuple[str, ...] = ()  # onsets: count only after a cause word ("from running")


@dataclass(frozen=True)
class Region(Option):
    default_level: str | None = None
    reason: str | None = None
    not_words: tuple[str, ...] = ()  # phrases where the word does not say where it hurts ("above my head")


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    regions: tuple[str, ...]
    sensations: tuple[str, ...]
    onsets: tuple[str, ...]
    words: tuple[str, ...]
    explanation: str
    referral: str


@dataclass(frozen=True)
class RedFlag:
    id: str
    regions: tuple[str, ...]  # ("*",) means every region
    question: str
    level: str
    advice: str
    words: tuple[str, ...]
    past_counts: bool = False  # also a sign when it lies in the past ("had cancer years ago")

    def applies_to(self, region: str | None) -> bool:
        """Whether this flag is asked for ``region`` (None: region unknown, ask all general flags)."""
        return "*" in self.regions or (region is not None and region in self.regions)


@dataclass(frozen=True)
class Check:
    """One tickable item: a life-threatening sign in the first screen, or a contraindication to massage."""

    id: str
    label: str
    level: str
    advice: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    keywords: tuple[str, ...]
    booking: bool = False  # the answer invites booking: withheld when the outcome says not to book
    venue: bool = False  # the answer comes with the practice's map pin (practice.yaml latitude/longitude)


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    next_steps: str
    safety_net: str
    booking: bool
    booking_reply: str = ""  # what /book and booking questions get when booking is not offered


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    reason: str
    params: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FlowButton:
    id: str
    label: str
    trigger: str
    when: str | None = None


@dataclass(frozen=True)
class FlowState:
    name: str
    kind: str
    prompt: str
    step: int | None = None
    slot: str | None = None
    input: str | None = None
    not_sure: bool = True
    lead: bool = False  # entering this state sends a call-back request to the practice
    event: str | None = None  # a funnel event recorded when the state is entered
    columns: int = 2
    buttons: tuple[FlowButton, ...] = ()


@dataclass(frozen=True)
class FlowTransition:
    trigger: str
    source: str | tuple[str, ...]
    dest: str
    conditions: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def as_config(self) -> dict[str, Any]:
        """The transition as transitions' own configuration (names resolve on the model)."""
        cfg: dict[str, Any] = {"trigger": self.trigger, "source": list(self.source) if isinstance(self.source, tuple) else self.source, "dest": self.dest}
        if self.conditions:
            cfg["conditions"] = list(self.conditions)
        if self.unless:
            cfg["unless"] = list(self.unless)
        return cfg


@dataclass(frozen=True)
class Flow:
    initial: str
    states: dict[str, FlowState]
    transitions: tuple[FlowTransition, ...]

    @property
    def total_steps(self) -> int:
        """How many numbered questions the flow has ("2 of 5")."""
        return max((s.step or 0) for s in self.states.values())


@dataclass(frozen=True)
class Content:
    """Everything the bot says and decides on, loaded from one content folder."""

    root: Path
    practice: dict[str, str]
    regions: tuple[Region, ...]
    pain_types: tuple[Option, ...]
    onsets: tuple[Option, ...]
    durations: tuple[Option, ...]
    conditions: tuple[Condition, ...]
    red_flags: tuple[RedFlag, ...]
    screen: tuple[Check, ...]
    contraindications: tuple[Check, ...]
    faq: tuple[Faq, ...]
    levels: dict[str, Level]
    rules: dict[str, Rule]
    messages: dict[str, str]
    words: dict[str, tuple[str, ...]]
    flow: Flow

    def vocabulary(self, slot: str) -> tuple[Option, ...]:
        """The options of a question slot (severity has none: it is a number)."""
        name = SLOTS[slot]
        return getattr(self, name) if name != "severity" else ()

    def option(self, slot: str, option_id: str) -> Option | None:
        """Look an option up by slot and id."""
        return next((o for o in self.vocabulary(slot) if o.id == option_id), None)

    def region(self, region_id: str | None) -> Region | None:
        return next((r for r in self.regions if r.id == region_id), None)

    def condition(self, condition_id: str | None) -> Condition | None:
        return next((c for c in self.conditions if c.id == condition_id), None)

    def flag(self, flag_id: str) -> RedFlag | None:
        return next((f for f in self.red_flags if f.id == flag_id), None)

    def screen_item(self, item_id: str) -> Check | None:
        return next((c for c in self.screen if c.id == item_id), None)

    def contraindication(self, item_id: str) -> Check | None:
        return next((c for c in self.contraindications if c.id == item_id), None)

    def faq_entry(self, faq_id: str) -> Faq | None:
        return next((f for f in self.faq if f.id == faq_id), None)

    def msg(self, key: str, **values: object) -> str:
        """A message from messages.yaml with its runtime placeholders filled."""
        text = self.messages[key]
        return PLACEHOLDER_RE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text) if values else text


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content folder has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _type_name(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    return f"'{value}'"


class _File:
    """Problem collection and typed field access for one YAML file."""

    def __init__(self, root: Path, rel: str, problems: list[Problem]) -> None:
        self.rel = rel
        self.path = root / rel
        self.problems = problems
        self.data: Any = None
        self.ok = False
        if not self.path.is_file():
            self.err(1, "file is missing")
            return
        try:
            self.data, found = load(self.path)
        except YamlSyntaxError as exc:
            self.err(exc.line, exc.message)
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.err(1, f"cannot read the file: {exc}")
            return
        for line, message in found:
            self.err(line, message)
        self.ok = True

    def err(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel, line, message))

    def mapping(self, value: Any, where: str, line: int, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> LineDict | None:
        """Check ``value`` is a mapping with exactly the allowed keys; report what is off."""
        if not isinstance(value, LineDict):
            self.err(line, f"{where}: expected a mapping (key: value lines), got {_type_name(value)}")
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f" (expected one of: {', '.join(allowed)})"
                self.err(value.line_of(key), f"{where}: unknown key '{key}'{hint}")
        for key in required:
            if key not in value:
                self.err(line, f"{where}: missing required field '{key}'")
        return value

    def items(self, parent: LineDict, key: str, where: str) -> list[tuple[int, Any, int]]:
        """The items of the list under ``key`` as (index, item, line)."""
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.err(parent.line_of(key), f"{where}: expected a list (lines starting with '-'), got {_type_name(value)}")
            return []
        return [(i, item, value.line_of(i)) for i, item in enumerate(value)]

    def text(self, m: LineDict, key: str, where: str, default: str | None = None) -> str:
        value = m.get(key, default)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.err(m.line_of(key), f"{where}.{key}: expected text, got {_type_name(value)}")
            return ""
        return value.strip()

    def ident(self, m: LineDict, key: str, where: str) -> str:
        value = self.text(m, key, where)
        if value and not ID_RE.match(value):
            self.err(m.line_of(key), f"{where}.{key}: '{value}' is not a valid id (lower-case letters, digits and _, starting with a letter)")
        elif len(value) > MAX_ID_LENGTH:
            self.err(m.line_of(key), f"{where}.{key}: '{value}' is longer than {MAX_ID_LENGTH} characters (ids travel inside Telegram buttons)")
        return value

    def words(self, m: LineDict, key: str, where: str) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if not isinstance(value, LineList):
            self.err(m.line_of(key), f"{where}.{key}: expected a list of words or phrases, got {_type_name(value)}")
            return ()
        for i, w in enumerate(value):
            if isinstance(w, bool) or not isinstance(w, (str, int, float)) or not str(w).strip():
                self.err(value.line_of(i), f"{where}.{key}[{i + 1}]: expected a word or phrase, got {_type_name(w)} (put quotes around it)")
                return ()
        return tuple(str(w).strip().lower() for w in value)

    def id_list(self, m: LineDict, key: str, where: str, known: set[str], what: str, allow_star: bool = False) -> tuple[str, ...]:
        values = self.words(m, key, where)
        raw = m.get(key)
        for i, v in enumerate(values):
            if v == "*" and allow_star:
                continue
            if v not in known:
                close = difflib.get_close_matches(v, sorted(known), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                line = raw.line_of(i) if isinstance(raw, LineList) else m.line_of(key)
                self.err(line, f"{where}.{key}: unknown {what} '{v}'{hint}")
        return values

    def flag(self, m: LineDict, key: str, where: str, default: bool) -> bool:
        value = m.get(key, default)
        if isinstance(value, str) and value.lower() in ("yes", "no"):
            return value.lower() == "yes"
        if not isinstance(value, bool):
            self.err(m.line_of(key), f"{where}.{key}: expected yes or no, got {_type_name(value)}")
            return default
        return value

    def integer(self, m: LineDict, key: str, where: str, default: int | None = None) -> int | None:
        value = m.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(m.line_of(key), f"{where}.{key}: expected a whole number, got {_type_name(value)}")
            return default
        return value

    def unique(self, ids: list[tuple[str, int]], what: str) -> None:
        seen: dict[str, int] = {}
        for ident, line in ids:
            if not ident:
                continue
            if ident in seen:
                self.err(line, f"duplicate {what} id '{ident}' (first used on line {seen[ident]})")
            else:
                seen[ident] = line

    def top(self, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> LineDict | None:
        """The file's top-level mapping, with its version checked."""
        if not self.ok:
            return None
        m = self.mapping(self.data, "top level", 1, ("version", *required), optional)
        if m is not None and "version" in m and m["version"] != 1:
            self.err(m.line_of("version"), f"version: this bot reads version 1 files, got {_type_name(m['version'])}")
        return m


class _Texts:
    """Fills practice.yaml values into texts at load time and reports unknown placeholders."""

    def __init__(self, practice: dict[str, str]) -> None:
        self.practice = practice

    def fill(self, f: _File, m: LineDict, key: str, where: str, text: str, runtime: tuple[str, ...] = ()) -> str:
        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in runtime:
                return match.group(0)
            if name in self.practice:
                return self.practice[name]
            known = sorted(set(self.practice) | set(runtime))
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{{{close[0]}}}'?)" if close else " (placeholders name a key of knowledge/practice.yaml)"
            f.err(m.line_of(key), f"{where}.{key}: unknown placeholder '{{{name}}}'{hint}")
            return match.group(0)

        return PLACEHOLDER_RE.sub(sub, text)


# --------------------------------------------------------------------------- loading


def default_root() -> Path:
    """The repository's own content folder (the one holding bot/)."""
    return Path(__file__).resolve().parent.parent


PRACTICE_REQUIRED = (
    "name", "therapist", "phone", "booking_url", "address", "hours", "emergency_number",
    "urgent_care", "prices", "session_length", "cancellation", "payment", "insurance",
)  # fmt: skip
PRACTICE_OPTIONAL = ("email", "parking", "retention_days", "website", "latitude", "longitude")


def _load_practice(root: Path, problems: list[Problem]) -> dict[str, str]:
    f = _File(root, "knowledge/practice.yaml", problems)
    m = f.top(PRACTICE_REQUIRED, PRACTICE_OPTIONAL)
    if m is None:
        return {}
    values: dict[str, str] = {}
    for key in m:
        if key == "version" or key not in PRACTICE_REQUIRED + PRACTICE_OPTIONAL:
            continue
        value = m[key]
        if not isinstance(value, str):
            # 000 would become 0 and 1:30 would become 90: only quoted text is safe.
            f.err(m.line_of(key), f'practice.{key}: put quotes around the value, e.g. {key}: "{value}"')
        elif key in PRACTICE_REQUIRED and not value.strip():
            f.err(m.line_of(key), f"practice.{key}: this value is required")
        elif key == "retention_days" and not value.strip().isdigit():
            f.err(m.line_of(key), 'practice.retention_days: a whole number of days, e.g. "90"')
        elif key in ("latitude", "longitude") and value.strip() and not _coordinate(value, 90 if key == "latitude" else 180):
            f.err(m.line_of(key), f'practice.{key}: a number in degrees, e.g. "51.5072" (look the address up on a map)')
        values[key] = str(value).strip()
    return values


def _coordinate(text: str, limit: int) -> bool:
    try:
        return -limit <= float(text) <= limit
    except ValueError:
        return False


def _load_options(f: _File, m: LineDict, key: str, texts: _Texts, region: bool = False, activities: bool = False) -> tuple[Any, ...]:
    out: list[Any] = []
    ids: list[tuple[str, int]] = []
    for i, item, line in f.items(m, key, key):
        where = f"{key}[{i + 1}]"
        extra = ("default_level", "reason", "not_words") if region else ("activity_words",) if activities else ()
        o = f.mapping(item, where, line, ("id", "label"), ("words", *extra))
        if o is None:
            continue
        oid = f.ident(o, "id", where)
        ids.append((oid, o.line_of("id")))
        label = texts.fill(f, o, "label", where, f.text(o, "label", where))
        words = f.words(o, "words", where)
        if region:
            level = f.text(o, "default_level", where) or None
            if level is not None and level not in LEVELS:
                f.err(o.line_of("default_level"), f"{where}.default_level: unknown level '{level}' (expected one of: {', '.join(LEVELS)})")
            reason = texts.fill(f, o, "reason", where, f.text(o, "reason", where)) or None
            if level and not reason:
                f.err(o.line, f"{where}: a region with a default_level needs a reason")
            out.append(Region(oid, label, words, default_level=level, reason=reason, not_words=f.words(o, "not_words", where)))
        else:
            out.append(Option(oid, label, words, f.words(o, "activity_words", where)))
    f.unique(ids, key.rstrip("s"))
    return tuple(out)


def load_content(root: Path | None = None) -> Content:
    """Load and validate the content folder; raise ContentError listing every problem."""
    root = (root or default_root()).resolve()
    problems: list[Problem] = []
    if not (root / "knowledge").is_dir() or not (root / "flows").is_dir():
        raise ContentError([Problem(str(root), 1, "not a content folder: it needs knowledge/ and flows/ inside")])
    practice = _load_practice(root, problems)
    texts = _Texts(practice)

    # regions.yaml
    f = _File(root, "knowledge/regions.yaml", problems)
    m = f.top(("regions",))
    regions: tuple[Region, ...] = _load_options(f, m, "regions", texts, region=True) if m else ()
    region_ids = {r.id for r in regions}

    # answers.yaml
    f = _File(root, "knowledge/answers.yaml", problems)
    m = f.top(("pain_types", "onsets", "durations"))
    pain_types = _load_options(f, m, "pain_types", texts) if m else ()
    onsets = _load_options(f, m, "onsets", texts, activities=True) if m else ()
    durations = _load_options(f, m, "durations", texts) if m else ()

    for key, options, needed in (("durations", durations, ("days", "weeks", "months")), ("onsets", onsets, ("sudden",))):
        missing = [n for n in needed if n not in {o.id for o in options}]
        if m is not None and missing:
            f.err(m.line_of(key), f"{key}: the bot needs the ids {', '.join(needed)} here; missing: {', '.join(missing)}")

    conditions = _load_conditions(root, problems, texts, region_ids, {p.id for p in pain_types}, {o.id for o in onsets})
    red_flags, screen = _load_red_flags(root, problems, texts, region_ids)
    f = _File(root, "knowledge/contraindications.yaml", problems)
    m = f.top(("contraindications",))
    contraindications = _load_checks(f, m, "contraindications", texts, ("doctor_first", "nmt_maybe", "not_a_fit")) if m else ()
    faq = _load_faq(root, problems, texts)
    levels, rules = _load_outcomes(root, problems, texts)
    messages, words = _load_messages(root, problems, texts)
    flow = _load_flow(root, problems, texts)

    if problems:
        raise ContentError(problems)
    return Content(
        root=root, practice=practice, regions=regions, pain_types=pain_types, onsets=onsets,
        durations=durations, conditions=conditions, red_flags=red_flags, screen=screen,
        contraindications=contraindications, faq=faq, levels=levels,
        rules=rules, messages=messages, words=words, flow=flow,
    )  # fmt: skip


def _load_conditions(root: Path, problems: list[Problem], texts: _Texts, region_ids: set[str], pain_ids: set[str], onset_ids: set[str]) -> tuple[Condition, ...]:
    f = _File(root, "knowledge/conditions.yaml", problems)
    m = f.top(("conditions",))
    if m is None:
        return ()
    out: list[Condition] = []
    ids: list[tuple[str, int]] = []
    for i, item, line in f.items(m, "conditions", "conditions"):
        where = f"conditions[{i + 1}]"
        c = f.mapping(item, where, line, ("id", "name", "regions", "sensations", "explanation", "referral"), ("onsets", "words"))
        if c is None:
            continue
        cid = f.ident(c, "id", where)
        ids.append((cid, c.line_of("id")))
        out.append(
            Condition(
                id=cid,
                name=f.text(c, "name", where),
                regions=f.id_list(c, "regions", where, region_ids, "region"),
                sensations=f.id_list(c, "sensations", where, pain_ids, "pain type"),
                onsets=f.id_list(c, "onsets", where, onset_ids, "onset"),
                words=f.words(c, "words", where),
                explanation=texts.fill(f, c, "explanation", where, f.text(c, "explanation", where)),
                referral=texts.fill(f, c, "referral", where, f.text(c, "referral", where)),
            )
        )
        if "regions" in c and not out[-1].regions:
            f.err(c.line_of("regions"), f"{where}.regions: a condition needs at least one region")
    f.unique(ids, "condition")
    return tuple(out)


def _load_checks(f: _File, m: LineDict, key: str, texts: _Texts, levels: tuple[str, ...]) -> tuple[Check, ...]:
    out: list[Check] = []
    ids: list[tuple[str, int]] = []
    for i, item, line in f.items(m, key, key):
        where = f"{key}[{i + 1}]"
        c = f.mapping(item, where, line, ("id", "label", "level", "advice"), ("words",))
        if c is None:
            continue
        cid = f.ident(c, "id", where)
        ids.append((cid, c.line_of("id")))
        level = f.text(c, "level", where)
        if level and level not in levels:
            f.err(c.line_of("level"), f"{where}.level: must be one of: {', '.join(levels)}; got '{level}'")
        label = texts.fill(f, c, "label", where, f.text(c, "label", where))
        if len(label) > 64:
            f.err(c.line_of("label"), f"{where}.label: a button label of at most 64 characters; this one has {len(label)}")
        out.append(Check(cid, label, level, texts.fill(f, c, "advice", where, f.text(c, "advice", where)), f.words(c, "words", where)))
    f.unique(ids, key.rstrip("s"))
    return tuple(out)


def _load_red_flags(root: Path, problems: list[Problem], texts: _Texts, region_ids: set[str]) -> tuple[tuple[RedFlag, ...], tuple[Check, ...]]:
    f = _File(root, "knowledge/red_flags.yaml", problems)
    m = f.top(("flags",), ("screen",))
    if m is None:
        return (), ()
    screen = _load_checks(f, m, "screen", texts, RED_FLAG_LEVELS)
    out: list[RedFlag] = []
    ids: list[tuple[str, int]] = []
    for i, item, line in f.items(m, "flags", "flags"):
        where = f"flags[{i + 1}]"
        r = f.mapping(item, where, line, ("id", "regions", "question", "level", "advice"), ("words", "past_counts"))
        if r is None:
            continue
        rid = f.ident(r, "id", where)
        ids.append((rid, r.line_of("id")))
        level = f.text(r, "level", where)
        if level and level not in RED_FLAG_LEVELS:
            f.err(r.line_of("level"), f"{where}.level: a red flag's level must be one of: {', '.join(RED_FLAG_LEVELS)}; got '{level}'")
        if "regions" in r and not r.get("regions"):
            f.err(r.line_of("regions"), f"{where}.regions: a red flag needs at least one region (or \"*\" for every region), else it is never asked")
        out.append(
            RedFlag(
                id=rid,
                regions=f.id_list(r, "regions", where, region_ids, "region", allow_star=True),
                question=texts.fill(f, r, "question", where, f.text(r, "question", where)),
                level=level,
                advice=texts.fill(f, r, "advice", where, f.text(r, "advice", where)),
                words=f.words(r, "words", where),
                past_counts=f.flag(r, "past_counts", where, False),
            )
        )
    f.unique(ids, "red flag")
    clash = {c.id for c in screen} & {r.id for r in out}
    for cid in sorted(clash):
        f.err(1, f"screen: id '{cid}' is also a red flag id; use different ids")
    return tuple(out), screen


def _load_faq(root: Path, problems: list[Problem], texts: _Texts) -> tuple[Faq, ...]:
    f = _File(root, "knowledge/faq.yaml", problems)
    m = f.top(("faq",))
    if m is None:
        return ()
    out: list[Faq] = []
    ids: list[tuple[str, int]] = []
    for i, item, line in f.items(m, "faq", "faq"):
        where = f"faq[{i + 1}]"
        q = f.mapping(item, where, line, ("id", "question", "answer", "keywords"), ("booking", "venue"))
        if q is None:
            continue
        qid = f.ident(q, "id", where)
        ids.append((qid, q.line_of("id")))
        out.append(
            Faq(
                id=qid,
                question=texts.fill(f, q, "question", where, f.text(q, "question", where)),
                answer=texts.fill(f, q, "answer", where, f.text(q, "answer", where)),
                keywords=f.words(q, "keywords", where),
                booking=f.flag(q, "booking", where, False),
                venue=f.flag(q, "venue", where, False),
            )
        )
    f.unique(ids, "FAQ")
    return tuple(out)


def _load_outcomes(root: Path, problems: list[Problem], texts: _Texts) -> tuple[dict[str, Level], dict[str, Rule]]:
    f = _File(root, "knowledge/outcomes.yaml", problems)
    m = f.top(("levels", "rules"))
    levels: dict[str, Level] = {}
    rules: dict[str, Rule] = {}
    if m is None:
        return levels, rules
    lv = f.mapping(m.get("levels"), "levels", m.line_of("levels"), LEVELS) or LineDict()
    for lid in LEVELS:
        if lid not in lv:
            continue
        where = f"levels.{lid}"
        e = f.mapping(lv[lid], where, lv.line_of(lid), ("title", "next_steps", "safety_net", "booking"), ("booking_reply",))
        if e is None:
            continue
        booking = f.flag(e, "booking", where, False)
        if booking and lid in RED_FLAG_LEVELS:
            f.err(e.line_of("booking"), f"{where}.booking: {lid} must never offer booking; set it to no")
        if not booking and "booking_reply" not in e:
            f.err(lv.line_of(lid), f"{where}: missing required field 'booking_reply' (what someone who asks to book is told)")
        levels[lid] = Level(
            id=lid,
            title=texts.fill(f, e, "title", where, f.text(e, "title", where)),
            next_steps=texts.fill(f, e, "next_steps", where, f.text(e, "next_steps", where)),
            safety_net=texts.fill(f, e, "safety_net", where, f.text(e, "safety_net", where)),
            booking=booking,
            booking_reply=texts.fill(f, e, "booking_reply", where, f.text(e, "booking_reply", where)),
        )
    rl = f.mapping(m.get("rules"), "rules", m.line_of("rules"), tuple(RULE_PARAMS)) or LineDict()
    for rid, params in RULE_PARAMS.items():
        if rid not in rl:
            continue
        where = f"rules.{rid}"
        e = f.mapping(rl[rid], where, rl.line_of(rid), ("level", "reason", *params))
        if e is None:
            continue
        level = f.text(e, "level", where)
        if level and level not in LEVELS:
            f.err(e.line_of("level"), f"{where}.level: unknown level '{level}' (expected one of: {', '.join(LEVELS)})")
        values = {p: f.integer(e, p, where) or 0 for p in params}
        rules[rid] = Rule(rid, level, texts.fill(f, e, "reason", where, f.text(e, "reason", where)), values)
    return levels, rules


def _load_messages(root: Path, problems: list[Problem], texts: _Texts) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    f = _File(root, "knowledge/messages.yaml", problems)
    m = f.top(("texts", "words"))
    messages: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    if m is None:
        return messages, words
    t = f.mapping(m.get("texts"), "texts", m.line_of("texts"), tuple(MESSAGE_KEYS))
    if t is not None:
        for key, runtime in MESSAGE_KEYS.items():
            if key in t:
                messages[key] = texts.fill(f, t, key, "texts", f.text(t, key, "texts"), runtime)
    w = f.mapping(m.get("words"), "words", m.line_of("words"), WORD_KEYS)
    if w is not None:
        for key in WORD_KEYS:
            if key in w:
                words[key] = f.words(w, key, "words")
        # Small talk is matched first: a phrase there would hide the same answer in another group.
        seen = {p.casefold(): key for key in ("yes", "no", "not_sure", "back", "restart", "help") for p in words.get(key, ())}
        for key in ("thanks", "hello", "bye", "ok"):
            for p in words.get(key, ()):
                if p.casefold() in seen:
                    f.err(w.line_of(key), f"words.{key}: '{p}' is also in words.{seen[p.casefold()]}; keep it in one group")
    return messages, words


def _load_flow(root: Path, problems: list[Problem], texts: _Texts) -> Flow:
    rel = "flows/triage.yaml"
    f = _File(root, rel, problems)
    m = f.top(("initial", "states", "transitions"))
    if m is None:
        return Flow("", {}, ())
    states: dict[str, FlowState] = {}
    state_lines: dict[str, int] = {}
    sm = f.mapping(m.get("states"), "states", m.line_of("states"), tuple(m.get("states") or ()) if isinstance(m.get("states"), dict) else ())
    for name, spec in (sm or {}).items():
        where = f"states.{name}"
        line = sm.line_of(name) if sm is not None else 1
        if not isinstance(name, str) or not ID_RE.match(name):
            f.err(line, f"{where}: '{name}' is not a valid state name (lower-case letters, digits and _)")
            continue
        s = f.mapping(spec, where, line, ("kind", "prompt"), ("step", "slot", "input", "not_sure", "lead", "event", "columns", "buttons"))
        if s is None:
            continue
        kind = f.text(s, "kind", where)
        if kind and kind not in STATE_KINDS:
            f.err(s.line_of("kind"), f"{where}.kind: unknown kind '{kind}' (expected one of: {', '.join(STATE_KINDS)})")
        slot = f.text(s, "slot", where) or None
        if slot is not None and slot not in SLOTS and kind == "question":
            f.err(s.line_of("slot"), f"{where}.slot: unknown slot '{slot}' (expected one of: {', '.join(SLOTS)})")
        if kind == "question" and slot is None:
            f.err(line, f"{where}: a question needs a slot")
        if kind == "question" and "step" not in s:
            f.err(line, f"{where}: a question needs a step (its number in \"Question 2 of 5\")")
        if name in RESERVED_STATE_NAMES:
            f.err(line, f"{where}: '{name}' is reserved for the bot's own buttons; choose another state name")
        input_kind = f.text(s, "input", where) or None
        if kind == "input" and input_kind not in INPUT_KINDS:
            f.err(s.line_of("input"), f"{where}.input: expected one of: {', '.join(INPUT_KINDS)}")
        buttons: list[FlowButton] = []
        bids: list[tuple[str, int]] = []
        for i, item, bline in f.items(s, "buttons", f"{where}.buttons"):
            bwhere = f"{where}.buttons[{i + 1}]"
            b = f.mapping(item, bwhere, bline, ("id", "label", "trigger"), ("when",))
            if b is None:
                continue
            bid = f.ident(b, "id", bwhere)
            bids.append((bid, b.line_of("id")))
            when = f.text(b, "when", bwhere) or None
            if when is not None and when not in CONDITION_NAMES:
                f.err(b.line_of("when"), f"{bwhere}.when: unknown condition '{when}' (expected one of: {', '.join(CONDITION_NAMES)})")
            if len(f"{name}.{bid}".encode()) > MAX_BUTTON_ID_BYTES:
                f.err(b.line_of("id"), f"{bwhere}.id: '{name}.{bid}' is longer than {MAX_BUTTON_ID_BYTES} bytes")
            buttons.append(FlowButton(bid, texts.fill(f, b, "label", bwhere, f.text(b, "label", bwhere)), f.ident(b, "trigger", bwhere), when))
        f.unique(bids, "button")
        states[name] = FlowState(
            name=name,
            kind=kind,
            prompt=texts.fill(f, s, "prompt", where, f.text(s, "prompt", where), ("answer", "callback_phone", "callback_time")),
            step=f.integer(s, "step", where),
            slot=slot,
            input=input_kind,
            not_sure=f.flag(s, "not_sure", where, kind == "question"),
            lead=f.flag(s, "lead", where, False),
            event=_event(f, s, where),
            columns=f.integer(s, "columns", where, 2) or 2,
            buttons=tuple(buttons),
        )
        state_lines[name] = line

    initial = f.text(m, "initial", "top level")
    if initial and states and initial not in states:
        f.err(m.line_of("initial"), f"initial: unknown state '{initial}'")

    transitions: list[FlowTransition] = []
    tlines: list[int] = []
    for i, item, line in f.items(m, "transitions", "transitions"):
        where = f"transitions[{i + 1}]"
        t = f.mapping(item, where, line, ("trigger", "source", "dest"), ("conditions", "unless"))
        if t is None:
            continue
        trigger = f.ident(t, "trigger", where)
        if trigger in RESERVED_TRIGGERS:
            f.err(t.line_of("trigger"), f"{where}.trigger: '{trigger}' is handled by the bot itself and cannot be used in a transition")
        raw_source = t.get("source")
        sources = tuple(str(s) for s in raw_source) if isinstance(raw_source, list) else (f.text(t, "source", where),)
        for src in sources:
            if src and src != "*" and src not in states:
                f.err(t.line_of("source"), f"{where}.source: unknown state '{src}'")
        dest = f.text(t, "dest", where)
        if dest and dest not in states:
            close = difflib.get_close_matches(dest, list(states), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            f.err(t.line_of("dest"), f"{where}.dest: unknown state '{dest}'{hint}")
        conds = f.id_list(t, "conditions", where, set(CONDITION_NAMES), "condition")
        unless = f.id_list(t, "unless", where, set(CONDITION_NAMES), "condition")
        transitions.append(FlowTransition(trigger, sources if isinstance(raw_source, list) else sources[0], dest, conds, unless))
        tlines.append(line)

    _check_flow_graph(f, states, state_lines, initial, transitions)
    return Flow(initial, states, tuple(transitions))


def _event(f: _File, s: LineDict, where: str) -> str | None:
    event = f.text(s, "event", where) or None
    if event is not None and event not in EVENTS:
        f.err(s.line_of("event"), f"{where}.event: unknown event '{event}' (expected one of: {', '.join(EVENTS)})")
    return event


def _check_flow_graph(f: _File, states: dict[str, FlowState], lines: dict[str, int], initial: str, transitions: list[FlowTransition]) -> None:
    """Cross-checks: each state's triggers have transitions, every state is reachable, steps are 1..n."""

    def sources(t: FlowTransition) -> tuple[str, ...]:
        return t.source if isinstance(t.source, tuple) else (t.source,)

    def has(trigger: str, state: str) -> bool:
        return any(t.trigger == trigger and (state in sources(t) or "*" in sources(t)) for t in transitions)

    for name, s in states.items():
        if s.kind in ("screen", "question", "red_flags", "contraindications", "input", "relay") and not has("answer", name):
            f.err(lines[name], f"states.{name}: no transition with trigger 'answer' leaves this {s.kind}")
        for b in s.buttons:
            if b.trigger not in RESERVED_TRIGGERS and not has(b.trigger, name):
                f.err(lines[name], f"states.{name}: button '{b.id}' has trigger '{b.trigger}' but no transition with that trigger leaves '{name}'")
    for kind in ("red_flags", "recommendation", "screen", "contraindications", "relay"):
        found = [n for n, s in states.items() if s.kind == kind]
        if len(found) != 1:
            f.err(1, f"states: the flow needs exactly one state of kind '{kind}', found {len(found)}")
    steps = sorted(s.step for s in states.values() if s.step is not None)
    if steps and steps != list(range(1, len(steps) + 1)):
        f.err(1, f"states: question steps must be numbered 1, 2, 3… without gaps or repeats; found {steps}")
    if initial in states:
        seen = {initial}
        todo = [initial]
        while todo:
            cur = todo.pop()
            for t in transitions:
                if (cur in sources(t) or "*" in sources(t)) and t.dest in states and t.dest not in seen:
                    seen.add(t.dest)
                    todo.append(t.dest)
        for name in states:
            if name not in seen:
                f.err(lines[name], f"states.{name}: unreachable: no transition leads here from '{initial}'")
