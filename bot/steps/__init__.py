"""One class per kind of step; ``REGISTRY`` maps the flow YAML's ``kind`` to it.

Each class owns its prompt, its buttons, what a press and a typed answer do there, and how Back
undoes an answer given there. Only this package asks which kind a state is; the content check
(``nmt-bot check``) accepts exactly the kinds registered here.
"""

from __future__ import annotations

from bot.content import Content

from .base import Step
from .checklist import Contraindications, Screen
from .free_input import FreeInput
from .info import Info
from .outcome import Outcome
from .question import Question
from .relay import Relay
from .safety import SafetyQuestions

REGISTRY: dict[str, type[Step]] = {cls.kind: cls for cls in (Screen, Question, SafetyQuestions, Contraindications, Outcome, Info, FreeInput, Relay)}


def build(content: Content) -> dict[str, Step]:
    """Every state of the flow as its step."""
    return {name: REGISTRY[state.kind](state, content) for name, state in content.flow.states.items()}


__all__ = ["REGISTRY", "Contraindications", "FreeInput", "Info", "Outcome", "Question", "Relay", "SafetyQuestions", "Screen", "Step", "build"]
