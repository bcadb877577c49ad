"""What the person said, in words: answer labels, the summary to forward, the call-back request."""

from __future__ import annotations

from .content import SLOTS, Content
from .effects import LeadRequested
from .state import NOT_SURE, Conversation
from .triage import Recommendation, twin_signs
from .wording import for_them

_LINES = (
    ("summary_where", "region"),
    ("summary_feels", "pain_type"),
    ("summary_started", "onset"),
    ("summary_duration", "duration"),
    ("summary_severity", "severity"),
)


def label(content: Content, slot: str, value: object) -> str:
    """An answer as the person saw it on its button."""
    if value == NOT_SURE:
        return content.msg("not_sure")
    if slot == "severity":
        return f"{value}/10"
    if slot in ("region", "pain_type", "onset", "duration"):
        option = content.option(slot, str(value))
        return option.label if option else str(value)
    for state in content.flow.states.values():
        if state.slot == slot:
            button = next((b for b in state.buttons if b.id == value), None)
            if button is not None:
                return button.label
    return str(value)


def background_label(content: Content, tag: str, conv: Conversation | None = None) -> str:
    """A history tag in words ("past cancer"; "surgery, recently"; "pregnancy (38 weeks)" with the weeks ``conv`` knows)."""
    if tag == "pregnancy" and conv is not None and conv.pregnancy_weeks is not None:
        return content.msg("background_pregnancy_weeks", weeks=conv.pregnancy_weeks)
    base = tag.removesuffix("_recent")
    key = f"background_{base}"
    name = content.msg(key) if key in content.messages else base.replace("_", " ")
    return content.msg("background_recent", item=name) if tag != base else name


def check_label(content: Content, item: str) -> str:
    """A contraindication's or first-screen sign's label."""
    check = content.contraindication(item) or content.screen_item(item)
    return check.label if check is not None else item


def sign_label(content: Content, item: str) -> str:
    """A warning sign's label: a safety question's (red flag) or a first-screen item's."""
    flag = content.flag(item)
    return flag.label if flag is not None else check_label(content, item)


def summary(content: Content, conv: Conversation, rec: Recommendation | None = None) -> str:
    """A short summary of the answers, for the person to forward to a therapist or doctor."""
    msg = content.msg
    lines = [msg("summary_heading")]
    for key, slot in _LINES:
        value = conv.answers.get(slot)
        said = [label(content, slot, value)] if value is not None else []  # unanswered (after an early warning sign): left out
        if slot == "region":
            said += [label(content, slot, p) for p in conv.places]
        if said:
            lines.append(f"• {msg(key)}: {' · '.join(said)}")
    group = conv.answers.get("age_group")  # tapped at the age question when the age was not said
    if conv.for_other or conv.age is not None or group is not None:
        age = conv.age if conv.age is not None else label(content, "age_group", group) if group is not None else "?"
        lines.append("• " + msg("summary_who_other" if conv.for_other else "summary_who", age=age))
    if conv.background:
        lines.append("• " + msg("summary_background", items=", ".join(background_label(content, t, conv) for t in conv.background)))
    flagged = bool(conv.screen)
    twins = twin_signs(content, conv)
    for item in conv.screen:
        lines.append("• " + msg("summary_screen", item=check_label(content, item)))
    for fid, answer in conv.flags.items():
        flag = content.flag(fid)
        if flag is not None and answer in ("yes", "unsure"):
            flagged = True
            if fid in twins:
                continue  # the first-screen item above says it ("⚠️ Chest pain, pressure or tightness")
            if fid in conv.said:  # read from their own words: what they said, not a question never asked
                item = for_them(flag.label) if conv.for_other else flag.label
                lines.append("• " + msg("summary_flag_said" if answer == "yes" else "summary_flag_said_unsure", item=item))
                continue
            question = for_them(flag.question) if conv.for_other else flag.question  # as it was asked
            lines.append("• " + msg("summary_flag_yes" if answer == "yes" else "summary_flag_unsure", question=question))
    if conv.flags and not flagged:
        lines.append(f"• {msg('summary_checks_clear')}")
    if conv.doubt and not flagged:
        lines.append(f"• {msg('summary_doubt')}")  # the second reader's doubt, for the therapist to ask about
    if conv.denied:
        lines.append("• " + msg("summary_not_now", items=", ".join(sign_label(content, i) for i in conv.denied)))
    for item in conv.contra:
        lines.append("• " + msg("summary_contra", item=check_label(content, item)))
    if rec is not None and rec.condition is not None:
        lines.append("• " + msg("summary_condition", condition=rec.condition.name))
    if conv.level:
        level = content.levels[conv.level]
        when = level.timeframes.get(conv.timeframe or "")
        lines.append("• " + msg("summary_outcome", outcome=f"{level.title.rstrip('.')}: {when.label}" if when else level.title))
    return "\n".join(lines)


def lead_request(content: Content, conv: Conversation) -> LeadRequested:
    """A call-back request: how to reach the person, and the triage the therapist needs."""
    inputs = {s.input: s.slot or s.name for s in content.flow.states.values() if s.input}
    others = [label(content, k, v) for k, v in conv.answers.items() if k not in SLOTS and k not in inputs.values() and k != "age_group" and v]
    return LeadRequested(
        phone=str(conv.answers.get(inputs.get("phone", ""), "")),
        preferred_time=" · ".join(others),
        note=str(conv.answers.get(inputs.get("note", ""), "")),
        source=conv.source,
        triage={
            **{slot: conv.answers.get(slot) for slot in SLOTS},
            "places": list(conv.places),
            "background": list(conv.background),
            "age": conv.age,
            "pregnancy_weeks": conv.pregnancy_weeks,
            "age_group": conv.answers.get("age_group"),
            "for_someone_else": conv.for_other,
            "careful_check": conv.doubt,
            "said_not_now": list(conv.denied),
            "level": conv.level,
            "condition": conv.condition,
            "timeframe": conv.timeframe,
            "warning_signs": [f for f, a in conv.flags.items() if a != "no"] + conv.screen,
            "contraindications": list(conv.contra),
        },
        summary=summary(content, conv),
    )
