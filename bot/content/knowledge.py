"""Loaders for ``knowledge/*.yaml``: practice details, answer vocabularies, conditions, checks, FAQ, outcomes, messages."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from bot.yamlfile import LineDict, LineList

from .reader import Problem, _File, _Texts
from .records import Check, Condition, Faq, Level, Option, RedFlag, Region, Rule, Timeframe
from .schema import (
    GROUP_SIZE,
    LANGUAGES,
    LEVELS,
    MAX_GROUP_SIZE,
    MESSAGE_KEYS,
    PRACTICE_OPTIONAL,
    PRACTICE_REQUIRED,
    PROFILE_LIMITS,
    RED_FLAG_LEVELS,
    RULE_PARAMS,
    TIMED_LEVEL,
    TIMEFRAMES,
    WORD_KEYS,
)


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
        elif key in ("retention_days", "lead_retention_days") and not value.strip().isdigit():
            f.err(m.line_of(key), f'practice.{key}: a whole number of days, e.g. "{90 if key == "retention_days" else 365}"')
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
        extra = ("default_level", "reason", "timeframe") if region else ("activity_words",) if activities else ()
        o = f.mapping(item, where, line, ("id", "label"), ("words", "not_words", "when_asked", *extra))
        if o is None:
            continue
        oid = f.ident(o, "id", where)
        ids.append((oid, o.line_of("id")))
        label = texts.fill(f, o, "label", where, f.text(o, "label", where))
        words = f.words(o, "words", where, read_as_phrases=True)
        not_words = f.words(o, "not_words", where, read_as_phrases=True)
        when_asked = f.words(o, "when_asked", where, read_as_phrases=True)
        if region:
            level = f.text(o, "default_level", where) or None
            if level is not None and level not in LEVELS:
                f.err(o.line_of("default_level"), f"{where}.default_level: unknown level '{level}' (expected one of: {', '.join(LEVELS)})")
            reason = texts.fill(f, o, "reason", where, f.text(o, "reason", where)) or None
            if level and not reason:
                f.err(o.line, f"{where}: a region with a default_level needs a reason")
            timeframe = f.timeframe(o, where, level)
            out.append(Region(oid, label, words, default_level=level, reason=reason, timeframe=timeframe, not_words=not_words, when_asked=when_asked))
        else:
            out.append(Option(oid, label, words, f.words(o, "activity_words", where, read_as_phrases=True), not_words, when_asked))
    f.unique(ids, key.rstrip("s"))
    return tuple(out)


def _load_regions(root: Path, problems: list[Problem], texts: _Texts) -> tuple[Region, ...]:
    f = _File(root, "knowledge/regions.yaml", problems)
    m = f.top(("regions",))
    return _load_options(f, m, "regions", texts, region=True) if m else ()


def _load_answers(root: Path, problems: list[Problem], texts: _Texts) -> tuple[tuple[Option, ...], tuple[Option, ...], tuple[Option, ...]]:
    """Pain types, onsets and durations, in that order."""
    f = _File(root, "knowledge/answers.yaml", problems)
    m = f.top(("pain_types", "onsets", "durations"))
    pain_types = _load_options(f, m, "pain_types", texts) if m else ()
    onsets = _load_options(f, m, "onsets", texts, activities=True) if m else ()
    durations = _load_options(f, m, "durations", texts) if m else ()

    for key, options, needed in (("durations", durations, ("days", "weeks", "months")), ("onsets", onsets, ("sudden",))):
        missing = [n for n in needed if n not in {o.id for o in options}]
        if m is not None and missing:
            f.err(m.line_of(key), f"{key}: the bot needs the ids {', '.join(needed)} here; missing: {', '.join(missing)}")
    return pain_types, onsets, durations


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
                words=f.words(c, "words", where, read_as_phrases=True),
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
        # Words in other languages are read for the first screen only (an emergency said in Spanish…).
        c = f.mapping(item, where, line, ("id", "label", "level", "advice"), ("words", "timeframe", "other_words") if key == "screen" else ("words", "timeframe"))
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
        advice = texts.fill(f, c, "advice", where, f.text(c, "advice", where))
        out.append(Check(cid, label, level, advice, f.words(c, "words", where, read_as_phrases=True), f.timeframe(c, where, level), _other_words(f, c, where)))
    f.unique(ids, key.rstrip("s"))
    return tuple(out)


# messages.yaml word groups read as whole replies or word for word ("a bit" is the answer there); every
# other group is looked for inside a message, like the knowledge's phrases, with filler words skipped.
_WHOLE_REPLIES = frozenset(
    {"yes", "no", "not_sure", "back", "restart", "help", "thanks", "hello", "bye", "ok", "hedge_yes", "hedge_no", "hedge_unsure", "not_all", "not_understood", "not_yet"}
    | {f"language_{code}" for code in LANGUAGES}
)


def _other_words(f: _File, c: LineDict, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``other_words``: for each language code of messages.yaml's ``language_<code>`` groups, a list of phrases."""
    value = c.get("other_words")
    if value is None:
        return ()
    m = f.mapping(value, f"{where}.other_words", c.line_of("other_words"), (), LANGUAGES)
    if m is None:
        return ()
    return tuple((code, f.words(m, code, f"{where}.other_words")) for code in LANGUAGES if code in m)


def _load_red_flags(root: Path, problems: list[Problem], texts: _Texts, region_ids: set[str]) -> tuple[tuple[RedFlag, ...], tuple[Check, ...], int]:
    f = _File(root, "knowledge/red_flags.yaml", problems)
    m = f.top(("flags",), ("screen", "group_size", "word_groups"))
    if m is None:
        return (), (), GROUP_SIZE
    f.groups(m, "word_groups")
    group_size = m.get("group_size", GROUP_SIZE)
    if isinstance(group_size, bool) or not isinstance(group_size, int) or not 2 <= group_size <= MAX_GROUP_SIZE:
        f.err(m.line_of("group_size"), f"group_size: a whole number of items from 2 to {MAX_GROUP_SIZE} (what fits on a phone screen); got {group_size!r}")
        group_size = GROUP_SIZE
    screen = _load_checks(f, m, "screen", texts, RED_FLAG_LEVELS)
    out: list[RedFlag] = []
    ids: list[tuple[str, int]] = []
    afters: list[tuple[str, str, int]] = []  # (follow-up, trigger, line)
    gradual: list[tuple[str, int, tuple[str, ...]]] = []  # (flag, line, gradual_with)
    for i, item, line in f.items(m, "flags", "flags"):
        where = f"flags[{i + 1}]"
        optional = (
            "words", "past_counts", "after", "timeframe", "min_age", "same_as", "typed_regions", "workout_tiredness", "context",
            "gradual_with", "after_words", "meaning", "always_advised",
        )  # fmt: skip
        r = f.mapping(item, where, line, ("id", "regions", "label", "question", "level", "advice"), optional)
        if r is None:
            continue
        rid = f.ident(r, "id", where)
        ids.append((rid, r.line_of("id")))
        level = f.text(r, "level", where)
        if level and level not in RED_FLAG_LEVELS:
            f.err(r.line_of("level"), f"{where}.level: a red flag's level must be one of: {', '.join(RED_FLAG_LEVELS)}; got '{level}'")
        if "regions" in r and not r.get("regions") and not r.get("typed_regions"):
            never = "else it is never asked (or typed_regions, for a sign read only when typed)"
            f.err(r.line_of("regions"), f'{where}.regions: a red flag needs at least one region (or "*" for every region), {never}')
        label = texts.fill(f, r, "label", where, f.text(r, "label", where))
        if len(label) > 64:
            f.err(r.line_of("label"), f"{where}.label: a button label of at most 64 characters; this one has {len(label)}")
        min_age = f.integer(r, "min_age", where)
        if min_age is not None and not 1 <= min_age <= 120:
            f.err(r.line_of("min_age"), f"{where}.min_age: an age from 1 to 120; got {min_age}")
            min_age = None
        twin = f.text(r, "same_as", where) or None
        if twin is not None and twin not in {c.id for c in screen}:
            close = difflib.get_close_matches(twin, [c.id for c in screen], n=1)
            f.err(r.line_of("same_as"), f"{where}.same_as: unknown first-screen item '{twin}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
            twin = None
        raw_after = r.get("after")
        after = (f.text(r, "after", where),) if isinstance(raw_after, str) or raw_after is None else f.words(r, "after", where)
        after = tuple(a for a in after if a)
        for i, trigger in enumerate(after):
            afters.append((rid, trigger, raw_after.line_of(i) if isinstance(raw_after, LineList) else r.line_of("after")))
        out.append(
            RedFlag(
                id=rid,
                label=label,
                after=after,
                min_age=min_age,
                same_as=twin,
                timeframe=f.timeframe(r, where, level),
                regions=f.id_list(r, "regions", where, region_ids, "region", allow_star=True),
                typed_regions=f.id_list(r, "typed_regions", where, region_ids, "region", allow_star=True),
                question=texts.fill(f, r, "question", where, f.text(r, "question", where)),
                level=level,
                advice=texts.fill(f, r, "advice", where, f.text(r, "advice", where)),
                words=f.words(r, "words", where, read_as_phrases=True),
                past_counts=f.flag(r, "past_counts", where, False),
                workout_tiredness=f.flag(r, "workout_tiredness", where, False),
                context=f.flag(r, "context", where, False),
                gradual_with=f.words(r, "gradual_with", where),
                after_words=f.words(r, "after_words", where, read_as_phrases=True),
                meaning=f.flag(r, "meaning", where, False),
                always_advised=f.flag(r, "always_advised", where, False),
            )
        )
        if out[-1].meaning and (out[-1].regions or out[-1].after or out[-1].words or out[-1].typed_regions != ("*",)):
            f.err(r.line_of("meaning"), f'{where}.meaning: a sign read by meaning is never asked and has no words: regions: [], typed_regions: ["*"], no words, no after')
        if out[-1].meaning and level and level != "emergency":
            below = "below it the reader asks for a careful check and the questions go on"
            f.err(r.line_of("meaning"), f"{where}.meaning: a sign read by meaning is an emergency ({below}); this one is {level}")
        if out[-1].after_words and not after:
            f.err(r.line_of("after_words"), f"{where}.after_words: words read beside the sign a follow-up comes after; this flag has no `after`")
        if "gradual_with" in r:
            gradual.append((rid, r.line_of("gradual_with"), out[-1].gradual_with))
    f.unique(ids, "red flag")
    if len([r for r in out if r.meaning]) > 1:
        f.err(m.line_of("flags"), "flags: more than one sign read by meaning; the reader reads one (an emergency)")
    known = {r.id for r in out}
    for rid, line, others in gradual:
        for other in others:
            if other not in known:
                close = difflib.get_close_matches(other, sorted(known), n=1)
                f.err(line, f"flag '{rid}': gradual_with: unknown red flag '{other}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    _check_follow_ups(f, out, afters, {c.id for c in screen})
    clash = {c.id for c in screen} & {r.id for r in out}
    for cid in sorted(clash):
        f.err(1, f"screen: id '{cid}' is also a red flag id; use different ids")
    return tuple(out), screen, group_size


def _check_follow_ups(f: _File, flags: list[RedFlag], afters: list[tuple[str, str, int]], screen: set[str]) -> None:
    """A follow-up names first-screen items or flags that are not themselves follow-ups, and wherever
    it is asked one of them is asked too."""
    by_id = {r.id: r for r in flags}
    covered: dict[str, list[str]] = {}  # follow-up -> regions its flag triggers are asked for ("*": anywhere)
    last_line: dict[str, int] = {}
    for rid, after, line in afters:
        trigger = by_id.get(after)
        where = f"flags '{rid}'.after"
        last_line[rid] = line
        if after in screen:
            covered.setdefault(rid, []).append("*")  # reported in the first screen (or typed): asked wherever it hurts
        elif trigger is None:
            close = difflib.get_close_matches(after, [*by_id, *screen], n=1)
            f.err(line, f"{where}: unknown red flag or first-screen item '{after}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        elif after == rid:
            f.err(line, f"{where}: a flag cannot follow up itself")
        elif trigger.after:
            f.err(line, f"{where}: '{after}' is itself a follow-up; follow up the flag it follows instead")
        else:
            covered.setdefault(rid, []).extend(trigger.regions)
    for rid, regions in covered.items():
        if "*" in regions:
            continue
        missing = [g for g in by_id[rid].regions if g == "*" or g not in regions]
        if missing:
            f.err(last_line[rid], f"flags '{rid}'.after: nothing it follows is asked for {', '.join(missing)}, so this follow-up would never be asked there")


def _load_contraindications(root: Path, problems: list[Problem], texts: _Texts) -> tuple[Check, ...]:
    f = _File(root, "knowledge/contraindications.yaml", problems)
    m = f.top(("contraindications",))
    return _load_checks(f, m, "contraindications", texts, ("doctor_first", "nmt_maybe", "not_a_fit")) if m else ()


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
        e = f.mapping(lv[lid], where, lv.line_of(lid), ("title", "next_steps", "safety_net", "booking"), ("booking_reply", "timeframes"))
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
            timeframes=_load_timeframes(f, e, where, texts, lid),
        )
    rl = f.mapping(m.get("rules"), "rules", m.line_of("rules"), tuple(RULE_PARAMS)) or LineDict()
    for rid, params in RULE_PARAMS.items():
        if rid not in rl:
            continue
        where = f"rules.{rid}"
        e = f.mapping(rl[rid], where, rl.line_of(rid), ("level", "reason", *params), ("timeframe",))
        if e is None:
            continue
        level = f.text(e, "level", where)
        if level and level not in LEVELS:
            f.err(e.line_of("level"), f"{where}.level: unknown level '{level}' (expected one of: {', '.join(LEVELS)})")
        values = {p: f.integer(e, p, where) or 0 for p in params}
        rules[rid] = Rule(rid, level, texts.fill(f, e, "reason", where, f.text(e, "reason", where)), values, f.timeframe(e, where, level))
    return levels, rules


def _load_timeframes(f: _File, e: LineDict, where: str, texts: _Texts, level: str) -> dict[str, Timeframe]:
    """doctor_first's ``timeframes:``: each of TIMEFRAMES with its label and where and when to go."""
    if level != TIMED_LEVEL:
        if "timeframes" in e:
            f.err(e.line_of("timeframes"), f"{where}.timeframes: only {TIMED_LEVEL} says how soon")
        return {}
    tm = f.mapping(e.get("timeframes"), f"{where}.timeframes", e.line_of("timeframes") if "timeframes" in e else e.line, TIMEFRAMES)
    out: dict[str, Timeframe] = {}
    for tid in TIMEFRAMES:
        if tm is None:
            break
        if tid not in tm:
            f.err(e.line_of("timeframes"), f"{where}.timeframes: missing '{tid}' (every one of {', '.join(TIMEFRAMES)} is needed)")
            continue
        twhere = f"{where}.timeframes.{tid}"
        t = f.mapping(tm[tid], twhere, tm.line_of(tid), ("label", "next_steps"))
        if t is not None:
            out[tid] = Timeframe(tid, texts.fill(f, t, "label", twhere, f.text(t, "label", twhere)), texts.fill(f, t, "next_steps", twhere, f.text(t, "next_steps", twhere)))
    return out


def _load_messages(root: Path, problems: list[Problem], texts: _Texts) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str]]:
    """Texts, words, and the bot's profile (empty when messages.yaml has no ``profile:``)."""
    f = _File(root, "knowledge/messages.yaml", problems)
    m = f.top(("texts", "words"), ("profile",))
    messages: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    if m is None:
        return messages, words, {}
    t = f.mapping(m.get("texts"), "texts", m.line_of("texts"), tuple(MESSAGE_KEYS))
    if t is not None:
        for key, runtime in MESSAGE_KEYS.items():
            if key in t:
                messages[key] = texts.fill(f, t, key, "texts", f.text(t, key, "texts"), runtime)
    w = f.mapping(m.get("words"), "words", m.line_of("words"), WORD_KEYS)
    if w is not None:
        for key in WORD_KEYS:
            if key in w:
                words[key] = f.words(w, key, "words", read_as_phrases=key not in _WHOLE_REPLIES)
        # Small talk is matched first: a phrase there would hide the same answer in another group.
        seen = {p.casefold(): key for key in ("yes", "no", "not_sure", "back", "restart", "help") for p in words.get(key, ())}
        for key in ("thanks", "hello", "bye", "ok"):
            for p in words.get(key, ()):
                if p.casefold() in seen:
                    f.err(w.line_of(key), f"words.{key}: '{p}' is also in words.{seen[p.casefold()]}; keep it in one group")
    return messages, words, _load_profile(f, m, texts) if "profile" in m else {}


def _load_profile(f: _File, m: LineDict, texts: _Texts) -> dict[str, str]:
    """The bot's name and descriptions, each within Telegram's limit once the practice's values are filled in."""
    p = f.mapping(m.get("profile"), "profile", m.line_of("profile"), (), tuple(PROFILE_LIMITS))
    if p is None:
        return {}
    profile: dict[str, str] = {}
    for key, limit in PROFILE_LIMITS.items():
        if key not in p:
            continue
        raw = f.text(p, key, "profile")
        text = texts.fill(f, p, key, "profile", raw)
        # Counted in UTF-16 code units, as Telegram measures text: an emoji takes two, so a text that
        # passes here is never too long there.
        size = len(text.encode("utf-16-le")) // 2
        if size > limit:
            filled = " once the practice.yaml values are filled in" if text != raw else ""
            f.err(p.line_of(key), f"profile.{key}: Telegram allows at most {limit} characters here; this one has {size}{filled}")
        profile[key] = text
    return profile
