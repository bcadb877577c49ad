"""``load_content``: finds the content folder, runs every file's loader, and raises all problems at once."""

from __future__ import annotations

from pathlib import Path

from .flows import _load_flow
from .knowledge import _load_answers, _load_conditions, _load_contraindications, _load_faq, _load_messages, _load_outcomes, _load_practice, _load_red_flags, _load_regions
from .reader import ContentError, Problem, _Texts
from .records import Content


def default_root() -> Path:
    """The repository's own content folder (the one holding bot/)."""
    # parents[0] is bot/content/, parents[1] is bot/, and the content folder is the one holding bot/.
    return Path(__file__).resolve().parents[2]


def load_content(root: Path | None = None) -> Content:
    """Load and validate the content folder; raise ContentError listing every problem."""
    root = (root or default_root()).resolve()
    problems: list[Problem] = []
    if not (root / "knowledge").is_dir() or not (root / "flows").is_dir():
        raise ContentError([Problem(str(root), 1, "not a content folder: it needs knowledge/ and flows/ inside")])
    practice = _load_practice(root, problems)
    texts = _Texts(practice)

    regions = _load_regions(root, problems, texts)
    region_ids = {r.id for r in regions}
    pain_types, onsets, durations = _load_answers(root, problems, texts)
    conditions = _load_conditions(root, problems, texts, region_ids, {p.id for p in pain_types}, {o.id for o in onsets})
    red_flags, screen, group_size = _load_red_flags(root, problems, texts, region_ids)
    contraindications = _load_contraindications(root, problems, texts)
    faq = _load_faq(root, problems, texts)
    levels, rules = _load_outcomes(root, problems, texts)
    messages, words, profile = _load_messages(root, problems, texts)
    flow = _load_flow(root, problems, texts)

    if problems:
        raise ContentError(problems)
    return Content(
        root=root, practice=practice, regions=regions, pain_types=pain_types, onsets=onsets,
        durations=durations, conditions=conditions, red_flags=red_flags, screen=screen, group_size=group_size,
        contraindications=contraindications, faq=faq, levels=levels,
        rules=rules, messages=messages, words=words, flow=flow, profile=profile,
    )  # fmt: skip
