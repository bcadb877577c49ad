"""Build the one ``transitions`` machine declared in ``flows/triage.yaml``.

The machine is built once and shared: for each event the engine binds the
conversation's model, fires one trigger and unbinds it again, so the model list
stays short whatever the number of conversations (see CONVENTIONS.md).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from transitions import Machine, MachineError

from .content import RED_FLAG_LEVELS, Content
from .triage import injured, more_urgent, safety_level

if TYPE_CHECKING:
    from .state import Conversation

T = TypeVar("T")


class FlowModel:
    """What a transition's conditions may ask about a conversation (names used in the flow YAML)."""

    def __init__(self, conv: Conversation, content: Content) -> None:
        self.conv = conv
        self.content = content
        self.state = conv.state

    if TYPE_CHECKING:

        def trigger(self, name: str) -> bool: ...

    def has_red_flags(self) -> bool:
        """Safety questions exist for the region given."""
        return bool(red_flag_queue(self.content, self.conv.region, self.conv.places))

    def more_red_flags(self) -> bool:
        """Safety questions remain: follow-ups of a yes, or more checks while none so far found a warning sign."""
        return next_safety(self.content, self.conv) is not None

    def red_flag_found(self) -> bool:
        """A warning sign was reported: in the first screen, typed, or a safety question answered yes / not sure."""
        return red_flag_found(self.conv)

    def not_emergency(self) -> bool:
        """The outcome is not an emergency (someone told to call for help is not offered a chat)."""
        return self.conv.level != "emergency"

    def age_matters(self) -> bool:
        """An injury was reported and the person's age is not known: a child's or an older person's is
        checked sooner (outcomes.yaml injury_child, injury_older). Never before emergency advice."""
        conv = self.conv
        if conv.age is not None or "age_group" in conv.answers or not injured(conv):
            return False
        return safety_level(self.content, conv) != "emergency"

    def may_be_sudden(self) -> bool:
        """The pain started suddenly, or how it started is not known yet: then how long ago matters
        (a fresh injury is rested first)."""
        return self.conv.answers.get("onset") in (None, "sudden")

    def booking_allowed(self) -> bool:
        """The outcome given allows booking."""
        level = self.content.levels.get(self.conv.level or "")
        return level is not None and level.booking


def red_flag_found(conv: Conversation) -> bool:
    """A warning sign was reported: in the first screen, typed, or a safety question answered yes / not sure."""
    return bool(conv.screen) or any(v != "no" for v in conv.flags.values())


def red_flag_queue(content: Content, region: str | None, places: Sequence[str] = ()) -> list[str]:
    """The safety questions for a region (and the other ``places`` said), the most urgent first
    (asking stops at the first yes), in file order otherwise; follow-ups are not in it (they come
    after their trigger's yes)."""

    def queue() -> list[str]:
        flags = [f for f in content.red_flags if not f.after and any(f.applies_to(r) for r in (region, *places))]
        flags.sort(key=lambda f: RED_FLAG_LEVELS.index(f.level))  # content checks guarantee a known level
        return [f.id for f in flags]

    return list(_memo(content, ("queue", region, tuple(places)), queue))


# Per content, what is asked several times a turn (the safety queue and checks for a region, the
# other places said, an age): a few hundred entries in practice, bounded all the same.
_MEMO: dict[int, tuple[Content, dict[tuple[object, ...], Any]]] = {}


def _memo(content: Content, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    cached = _MEMO.get(id(content))
    if cached is None or cached[0] is not content:  # an id can be reused once a content is gone
        if len(_MEMO) > 8:
            _MEMO.clear()  # contents loaded one after another (tests, a reload) are not kept alive
        cached = _MEMO[id(content)] = (content, {})
    if key not in cached[1]:
        if len(cached[1]) > 4096:
            cached[1].clear()
        cached[1][key] = compute()
    result: T = cached[1][key]
    return result


CONTRAINDICATIONS = "contraindications"  # the flow's kind of step for the contraindications list


def contraindications_state(content: Content) -> str | None:
    """The flow's contraindications step, if it has one (its items then join the safety checks)."""
    return _memo(content, ("contraindications",), lambda: next((name for name, s in content.flow.states.items() if s.kind == CONTRAINDICATIONS), None))


def screen_cleared(content: Content, conv: Conversation) -> bool:
    """The first screen was answered "None of these" (its questions are not asked again)."""
    screens = _memo(content, ("screens",), lambda: frozenset(name for name, s in content.flow.states.items() if s.kind == "screen"))
    return not screens.isdisjoint(conv.history)


def _contra_open(conv: Conversation, cid: str) -> bool:
    """A contraindication not ticked, and not answered "None of these" in a check."""
    return cid not in conv.contra and cid not in conv.cleared


def contraindications_open(content: Content, conv: Conversation) -> list[str]:
    """The contraindications still to ask."""
    return [c.id for c in content.contraindications if _contra_open(conv, c.id)]


@dataclass(frozen=True)
class SafetyGroup:
    """One grouped check: safety questions (red flag ids) and contraindications (the last check)."""

    flags: tuple[str, ...]
    contra: tuple[str, ...] = ()

    def left(self, conv: Conversation) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What is still to ask in this check: its safety questions not answered, its contraindications open."""
        return tuple(f for f in self.flags if f not in conv.flags), tuple(c for c in self.contra if _contra_open(conv, c))


def safety_groups(content: Content, conv: Conversation) -> list[SafetyGroup]:
    """The safety questions for where it hurts (and every other place said) as grouped checks of up
    to ``group_size`` items, most urgent first, with the contraindications joining the last checks.
    The items are split evenly (15 items in checks of 8: 8 and 7). Not in them: a question for an
    older age than the person's, one the first screen already asked, follow-ups."""
    cleared = screen_cleared(content, conv)
    region, places, age = conv.region, tuple(conv.places), conv.age
    return list(_memo(content, ("groups", region, places, age, cleared), lambda: _safety_groups(content, region, places, age, cleared)))


def _safety_groups(content: Content, region: str | None, places: Sequence[str], younger: int | None, cleared: bool) -> list[SafetyGroup]:
    flags = []
    for fid in red_flag_queue(content, region, places):
        flag = content.flag(fid)
        if flag is None or (flag.min_age is not None and younger is not None and younger < flag.min_age) or (flag.same_as and cleared):
            continue
        flags.append(fid)
    contra = [c.id for c in content.contraindications] if flags and contraindications_state(content) else []
    items: list[tuple[bool, str]] = [(True, f) for f in flags] + [(False, c) for c in contra]
    if not items:
        return []
    count = -(-len(items) // content.group_size)
    size, extra = divmod(len(items), count)
    groups, start = [], 0
    for n in range(count):
        part = items[start : start + size + (1 if n < extra else 0)]
        start += len(part)
        groups.append(SafetyGroup(tuple(i for is_flag, i in part if is_flag), tuple(i for is_flag, i in part if not is_flag)))
    return groups


@dataclass(frozen=True)
class SafetyAsk:
    """What the safety step asks next: one flag (a yes/no question) or several items (a grouped check)."""

    flags: tuple[str, ...]
    group: int  # the grouped check it belongs to, from 1; 0 for a follow-up
    groups: int  # how many grouped checks there are
    contra: tuple[str, ...] = ()  # contraindications in this grouped check (the last ones)

    @property
    def single(self) -> bool:
        return len(self.flags) == 1 and not self.contra


def next_safety(content: Content, conv: Conversation) -> SafetyAsk | None:
    """The next safety question or grouped check; None when the checks are done.

    Follow-ups of a yes come first; otherwise asking stops at the first warning sign. Items of a
    group answered "Not sure" are asked one at a time (its contraindications then on their own)."""
    groups = safety_groups(content, conv)
    here = (conv.region, *conv.places)
    reported = {fid for fid, answer in conv.flags.items() if answer == "yes"} | set(conv.screen)
    # A follow-up fits where it hurts; after a first-screen item, also before anyone said where.
    follow_ups = _memo(content, ("follow-ups",), lambda: [f for f in content.red_flags if f.after])
    follow = [f for f in follow_ups if reported.intersection(f.after) and f.id not in conv.flags and (any(map(f.applies_to, here)) or not any(here))]
    if follow:  # a follow-up is asked only when its yes could make the advice more urgent
        reached = safety_level(content, conv)
        follow = [f for f in follow if more_urgent(safety_level(content, replace(conv, flags={**conv.flags, f.id: "yes"})), reached)]
    if follow:
        return SafetyAsk((follow[0].id,), 0, len(groups))
    if red_flag_found(conv):
        return None
    for number, group in enumerate(groups, 1):
        todo, contra = group.left(conv)
        if todo or contra:
            single = next((f for f in todo if f in conv.singles), None)
            return SafetyAsk((single,), number, len(groups)) if single else SafetyAsk(todo, number, len(groups), contra)
    return None


def _machine_config(content: Content) -> dict[str, Any]:
    return {
        "states": list(content.flow.states),
        "transitions": [t.as_config() for t in content.flow.transitions],
        "initial": content.flow.initial,
        "auto_transitions": False,
        "ignore_invalid_triggers": False,
    }


class FlowMachine:
    """The shared machine plus the bind → trigger → unbind step."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.machine = Machine(model=None, **_machine_config(content))

    def fire(self, conv: Conversation, trigger: str) -> bool:
        """Fire ``trigger`` on the conversation; True when its state changed or was re-entered."""
        model = FlowModel(conv, self.content)
        self.machine.add_model(model, initial=conv.state)
        try:
            done = bool(model.trigger(trigger))
        except MachineError:
            done = False
        finally:
            self.machine.remove_model(model)
        if done:
            conv.state = model.state
        return done


_TITLE = "NMT triage flow"


def write_graph(content: Content, out: Path) -> Path:
    """Draw the flow: SVG/PNG through Graphviz when it is installed, else Mermaid text.

    Returns the path written (its suffix tells which kind it is).
    """
    from transitions.extensions import GraphMachine

    want_image = out.suffix.lower() in (".svg", ".png")
    engine: Literal["graphviz", "mermaid"] = "graphviz" if want_image and shutil.which("dot") and _has_graphviz_module() else "mermaid"

    class _Diagram:
        state = content.flow.initial

    diagram = _Diagram()
    machine = GraphMachine(model=diagram, graph_engine=engine, title=_TITLE, show_conditions=True, **_machine_config(content))
    graph = machine.get_graph()
    if engine == "graphviz":
        graph.draw(str(out), format=out.suffix[1:], prog="dot")
        return out
    if want_image:
        out = out.with_suffix(".md")
    source = graph.draw(None)
    if isinstance(source, bytes):
        source = source.decode()
    # transitions writes the title as bare front matter; Mermaid wants `title: …` there.
    source = source.replace(f"---\n{_TITLE}\n---", f"---\ntitle: {_TITLE}\n---", 1)
    if out.suffix.lower() == ".md":
        source = f"# NMT triage flow\n\nGenerated from `flows/triage.yaml` by `nmt-bot graph`.\n\n```mermaid\n{source}\n```\n"
    out.write_text(source, encoding="utf-8")
    return out


def _has_graphviz_module() -> bool:
    try:
        import graphviz  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True
