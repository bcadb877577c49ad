"""Load and validate everything the practice edits: ``knowledge/*.yaml`` and ``flows/*.yaml``.

This is the only package that reads YAML. It returns frozen dataclasses, and it
collects *every* problem at once as ``file:line: what is wrong`` so that a
therapist can fix a file in one pass (``nmt-bot check``).

The rest of the bot imports from here, never from the modules inside.
"""

from __future__ import annotations

from .loader import default_root, load_content
from .reader import ContentError, Problem
from .records import Check, Condition, Content, Faq, Flow, FlowButton, FlowState, FlowTransition, Level, Option, RedFlag, Region, Rule
from .schema import LEVELS, PROFILE_LIMITS, RED_FLAG_LEVELS, SLOTS

__all__ = [
    "LEVELS",
    "PROFILE_LIMITS",
    "RED_FLAG_LEVELS",
    "SLOTS",
    "Check",
    "Condition",
    "Content",
    "ContentError",
    "Faq",
    "Flow",
    "FlowButton",
    "FlowState",
    "FlowTransition",
    "Level",
    "Option",
    "Problem",
    "RedFlag",
    "Region",
    "Rule",
    "default_root",
    "load_content",
]
