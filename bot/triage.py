"""Answers → a recommendation level with the reasons shown to the person.

Decisions live here; every sentence comes from ``knowledge/``. The most urgent
level found wins, so a red flag always beats a fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .content import RED_FLAG_LEVELS, Condition, Content
from .content.schema import TIMEFRAMES
from .state import Conversation

# Weights of the condition match: where it hurts counts most, then how it feels.
_REGION, _REGION_FIRST, _SENSATION, _SENSATION_FIRST, _ONSET, _WORDS = 4, 1, 2, 1, 1, 5
_MIN_SCORE = 4  # at least a region match, or words that name the condition
# When several findings disagree, the most cautious wins: a doubt about a fit
# (nmt_maybe) beats the fit itself, and anything medical beats both.
PRECEDENCE = ("emergency", "urgent", "doctor_first", "not_a_fit", "nmt_maybe", "nmt_fit")
CANNOT_STAND = "cant_bear_weight"  # with an injury at an older age: outcomes' fall_older_cannot_stand
# The level the reader of meaning heard in a person's own words -> the outcomes.yaml rule that gives it.
HEARD_RULES = {"urgent": "sounds_urgent", "doctor_first": "sounds_doctor_first"}
# An injury reported (a safety question, the first screen or a contraindication): with an age, the
# outcomes' injury_child / injury_older rules apply.
INJURY = ("significant_injury", "serious_accident", "recent_surgery_injury")
Finding = tuple[str, str, str | None]  # (level, reason, timeframe)


def injured(conv: Conversation) -> bool:
    """An injury was reported: a fall, knock or accident, or an injury or operation in the last 6 weeks."""
    return any(conv.flags.get(i) == "yes" or i in conv.screen or i in conv.contra for i in INJURY)


@dataclass
class Recommendation:
    level: str
    reasons: list[str] = field(default_factory=list)
    condition: Condition | None = None
    timeframe: str | None = None  # how soon, for doctor_first: the most urgent of the findings


def match_condition(content: Content, conv: Conversation) -> Condition | None:
    """The practice's condition that best fits the answers, or None when nothing fits well."""
    region = conv.region
    pain = conv.answers.get("pain_type")
    onset = conv.answers.get("onset")
    best: tuple[int, Condition] | None = None
    for c in content.conditions:
        score = 0
        if region in c.regions:
            score += _REGION + (_REGION_FIRST if c.regions[0] == region else 0)
        if pain in c.sensations:
            score += _SENSATION + (_SENSATION_FIRST if c.sensations[0] == pain else 0)
        if onset in c.onsets:
            score += _ONSET
        if region is None and c.id not in conv.hints:
            continue  # without knowing where it hurts, only the person's own words can name a condition
        if region is not None and region not in c.regions:
            continue  # a condition elsewhere in the body does not explain this pain
        if c.id in conv.hints:
            score += _WORDS
        if score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, c)
    return best[1] if best else None


def safety_findings(content: Content, conv: Conversation) -> list[Finding]:
    """What the safety answers alone call for: warning signs, first-screen items, contraindications,
    a changed answer, and the injury rules that depend on age."""
    found: list[Finding] = []
    for fid, answer in conv.flags.items():
        flag = content.flag(fid)
        if flag is None:
            continue
        if answer == "yes":
            found.append((flag.level, flag.advice, flag.timeframe))
        elif answer == "unsure":
            rule = content.rules["unsure_red_flag"]
            found.append((rule.level, rule.reason, rule.timeframe))
    # A first-screen item that a sign said yes to asks too: one reason, the sign's own words.
    twins = set(twin_signs(content, conv).values())
    for check in [content.screen_item(i) for i in conv.screen if i not in twins] + [content.contraindication(i) for i in conv.contra]:
        if check is not None:
            found.append((check.level, check.advice, check.timeframe))
    if any(conv.flags.get(fid) not in ("yes", "unsure") and fid not in conv.screen for fid in conv.retracted):
        rule = content.rules["changed_red_flag"]
        found.append((rule.level, rule.reason, rule.timeframe))
    if conv.heard in HEARD_RULES:  # the reader of meaning heard a doctor today or first in the person's own words
        rule = content.rules[HEARD_RULES[conv.heard]]
        found.append((rule.level, rule.reason, rule.timeframe))
    if "osteoporosis" in conv.background and (conv.answers.get("onset") == "sudden" or injured(conv)):
        rule = content.rules["fragile_bones_sudden"]
        found.append((rule.level, rule.reason, rule.timeframe))
    if injured(conv):
        child, older = _child(content, conv), _older(content, conv, "injury_older")
        for rule_id, applies in (("injury_child", child), ("injury_older", older)):
            if applies:
                rule = content.rules[rule_id]
                found.append((rule.level, rule.reason, rule.timeframe))
        if conv.flags.get(CANNOT_STAND) == "yes" and _older(content, conv, "fall_older_cannot_stand"):
            hip = content.rules["fall_older_cannot_stand"]
            found.append((hip.level, hip.reason, hip.timeframe))
    return found


def twin_signs(content: Content, conv: Conversation) -> dict[str, str]:
    """Signs said yes to whose first-screen item (``same_as``) is ticked too, at the same level: one finding,
    said once in the advice and the summary ("crushing chest pain" is both). Sign id -> screen item id."""
    out: dict[str, str] = {}
    for fid, answer in conv.flags.items():
        flag = content.flag(fid)
        item = content.screen_item(flag.same_as) if flag is not None and flag.same_as in conv.screen else None
        if answer == "yes" and flag is not None and item is not None and item.level == flag.level:
            out[fid] = item.id
    return out


def more_urgent(level: str | None, than: str | None) -> bool:
    """Whether ``level`` calls for more than ``than`` (None: nothing medical)."""
    return level is not None and (than is None or PRECEDENCE.index(level) < PRECEDENCE.index(than))


def safety_level(content: Content, conv: Conversation) -> str | None:
    """The most urgent level the safety answers already call for, or None (nothing medical yet)."""
    levels = [lv for lv, _, _ in safety_findings(content, conv) if lv in RED_FLAG_LEVELS]
    return min(levels, key=PRECEDENCE.index) if levels else None


def recommend(content: Content, conv: Conversation) -> Recommendation:
    """Decide the level and collect the reasons for it."""
    found = safety_findings(content, conv)
    region = content.region(conv.region)
    region_decides = False
    if region is not None and region.default_level is not None and region.reason is not None:
        region_decides = True
        found.append((region.default_level, region.reason, region.timeframe))

    severe = content.rules["severe_pain"]
    score = conv.answers.get("severity")
    if isinstance(score, int) and score >= severe.params.get("min_severity", 11):
        found.append((severe.level, severe.reason, severe.timeframe))

    condition = None if region_decides else match_condition(content, conv)
    if region_decides:
        pass  # the region's own outcome stands (e.g. tummy pain is not for massage)
    elif condition is None:
        rule = content.rules["no_condition"]
        found.append((rule.level, rule.reason, None))
    else:
        if conv.answers.get("onset") == "sudden" and conv.answers.get("duration") == "days":
            rule = content.rules["recent_injury"]
            found.append((rule.level, rule.reason, None))
        found.append(("nmt_fit", "", None))

    level = min((lv for lv, _, _ in found), key=PRECEDENCE.index)
    reasons = _dedupe(reason for lv, reason, _ in found if lv == level and reason)
    times = [t for lv, _, t in found if lv == level and t in TIMEFRAMES]
    timeframe = min(times, key=TIMEFRAMES.index) if times else None
    if level in ("nmt_fit", "nmt_maybe") and condition is not None:
        reasons += [f"{condition.name}: {condition.explanation}", content.msg("trigger_points"), condition.referral]
    else:
        condition = None  # only a fit is explained by a condition
    return Recommendation(level, reasons, condition, timeframe)


def age_group(content: Content, age: int) -> str:
    """The age question's button (flows/triage.yaml, state "age") for an age, by the outcomes' own limits."""
    if age <= content.rules["injury_child"].params.get("max_age", -1):
        return "under_16"
    return "older" if age >= content.rules["injury_older"].params.get("min_age", 200) else "adult"


def _child(content: Content, conv: Conversation) -> bool:
    return (age_group(content, conv.age) if conv.age is not None else conv.answers.get("age_group")) == "under_16"


def _older(content: Content, conv: Conversation, rule: str) -> bool:
    limit = content.rules[rule].params.get("min_age", 200)
    return conv.age >= limit if conv.age is not None else conv.answers.get("age_group") == "older"


def _dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
