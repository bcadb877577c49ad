"""One class per kind of step; ``REGISTRY`` maps the flow YAML's ``kind`` to it.

Each class owns its prompt, its buttons, what a press and a typed answer do there, and how Back
undoes an answer given there. Only this package asks which kind a state is; the content check
(``nmt-bot check``) accepts exactly the kinds registered here.
"""

from __future__ import annotations

from bot.content import Content
from bot.flow import contraindications_open, red_flag_found, safety_groups
from bot.state import Conversation

from .base import Step
from .checklist import Contraindications, Screen
from .free_input import FreeInput
from .info import Info
from .outcome import Outcome
from .question import Question, to_ask
from .relay import Relay
from .safety import SafetyQuestions

REGISTRY: dict[str, type[Step]] = {cls.kind: cls for cls in (Screen, Question, SafetyQuestions, Contraindications, Outcome, Info, FreeInput, Relay)}


def remaining(content: Content, conv: Conversation) -> int:
    """Taps still needed to reach the suggestion, honestly counted: the questions still to ask,
    the safety checks not yet answered and the contraindications."""
    if conv.level is not None:
        return 0
    questions = to_ask(content, conv)
    if red_flag_found(conv):
        return len(questions)
    groups = safety_groups(content, conv)
    todo = [g for g in groups if any(g.left(conv))]
    checklists = {name for name, s in content.flow.states.items() if s.kind == Contraindications.kind}
    checklist_done = any(h.partition(":")[0] in checklists for h in conv.history)
    joined = any(g.contra for g in groups)  # the contraindications are asked with the last check
    safety = len(todo) if conv.region else 2  # which checks depends on where it hurts; two is usual
    first = 1 if conv.state == content.flow.initial else 0
    return first + len(questions) + safety + (0 if checklist_done or joined or not contraindications_open(content, conv) else 1)


def build(content: Content) -> dict[str, Step]:
    """Every state of the flow as its step."""
    return {name: REGISTRY[state.kind](state, content) for name, state in content.flow.states.items()}


__all__ = ["REGISTRY", "Contraindications", "FreeInput", "Info", "Outcome", "Question", "Relay", "SafetyQuestions", "Screen", "Step", "build"]
