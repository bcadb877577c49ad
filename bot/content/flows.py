"""Loader for ``flows/triage.yaml``: states, buttons and transitions, and checks that the graph holds together."""

from __future__ import annotations

import difflib
from pathlib import Path

from bot import buttons as button_ids
from bot.yamlfile import LineDict

from .reader import Problem, _File, _Texts
from .records import Flow, FlowButton, FlowState, FlowTransition
from .schema import CONDITION_NAMES, EVENTS, ID_RE, INPUT_KINDS, MAX_BUTTON_ID_BYTES, RESERVED_TRIGGERS, SLOTS


def _load_flow(root: Path, problems: list[Problem], texts: _Texts) -> Flow:
    from bot.steps import REGISTRY  # the kinds of step are the step classes (bot.steps imports this package)

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
        s = f.mapping(spec, where, line, ("kind", "prompt"), ("step", "slot", "input", "not_sure", "lead", "event", "columns", "buttons", "ask_if"))
        if s is None:
            continue
        kind = f.text(s, "kind", where)
        if kind and kind not in REGISTRY:
            f.err(s.line_of("kind"), f"{where}.kind: unknown kind '{kind}' (expected one of: {', '.join(REGISTRY)})")
        slot = f.text(s, "slot", where) or None
        if slot is not None and slot not in SLOTS and kind == "question":
            f.err(s.line_of("slot"), f"{where}.slot: unknown slot '{slot}' (expected one of: {', '.join(SLOTS)})")
        if kind == "question" and slot is None:
            f.err(line, f"{where}: a question needs a slot")
        if kind == "question" and "step" not in s:
            f.err(line, f'{where}: a question needs a step (its number in "Question 2 of 5")')
        if name in button_ids.RESERVED:
            f.err(line, f"{where}: '{name}' is reserved for the bot's own buttons; choose another state name")
        ask_if = f.text(s, "ask_if", where) or None
        if ask_if is not None and ask_if not in CONDITION_NAMES:
            f.err(s.line_of("ask_if"), f"{where}.ask_if: unknown condition '{ask_if}' (expected one of: {', '.join(CONDITION_NAMES)})")
        elif ask_if is not None and kind not in ("question", "info"):
            f.err(s.line_of("ask_if"), f"{where}.ask_if: only a question or an info step can be skipped when it cannot change the outcome")
        input_kind = f.text(s, "input", where) or None
        if kind == "input" and input_kind not in INPUT_KINDS:
            f.err(s.line_of("input"), f"{where}.input: expected one of: {', '.join(INPUT_KINDS)}")
        elif kind != "input" and input_kind is not None:
            f.err(s.line_of("input"), f"{where}.input: only a state of kind 'input' reads typed input")
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
            if len(button_ids.option(name, bid).encode()) > MAX_BUTTON_ID_BYTES:
                f.err(b.line_of("id"), f"{bwhere}.id: '{button_ids.option(name, bid)}' is longer than {MAX_BUTTON_ID_BYTES} bytes")
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
            ask_if=ask_if,
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
    from bot.steps import REGISTRY

    def sources(t: FlowTransition) -> tuple[str, ...]:
        return t.source if isinstance(t.source, tuple) else (t.source,)

    def has(trigger: str, state: str) -> bool:
        return any(t.trigger == trigger and (state in sources(t) or "*" in sources(t)) for t in transitions)

    for name, s in states.items():
        if s.kind in REGISTRY and REGISTRY[s.kind].answered_by_trigger and not has("answer", name):
            f.err(lines[name], f"states.{name}: no transition with trigger 'answer' leaves this {s.kind}")
        for b in s.buttons:
            if b.trigger not in RESERVED_TRIGGERS and not has(b.trigger, name):
                f.err(lines[name], f"states.{name}: button '{b.id}' has trigger '{b.trigger}' but no transition with that trigger leaves '{name}'")
    for kind in (k for k, step in REGISTRY.items() if step.once):
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
