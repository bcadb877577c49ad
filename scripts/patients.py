"""How the bot does with patients' own words: simulated doctor-patient interviews (outside data in
../shared/eval/patient_language, CC BY 4.0; not copied into the project).

    .venv/bin/python scripts/patients.py [--cases] [--content DIR]

1. Chief complaints: the first thing each of 272 patients said (musculoskeletal, cardiac,
   respiratory, gastro), sent as a first message. Per kind of interview: how often it leads straight
   to a warning, to an understood place of pain, to "that is not muscle pain: who can help", or to
   nothing understood yet.
2. The 46 musculoskeletal interviews, against labels a reader wrote from each transcript
   (tests/data/osce_msk_labels.jsonl: where, what it feels like, onset, duration, severity, warning
   signs, contraindications, and the level a careful clinician would choose):
   a. what the bot reads in all of the patient's turns taken together;
   b. whole conversations: the patient's turns typed one by one (short replies, and replies that
      begin with yes or no, answer the interviewer's own questions and are left out), then the bot's remaining questions answered truthfully from the
      labels. The level reached is compared with the label: the same, more cautious, or less
      cautious (under-triage, listed case by case with --cases).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot import buttons  # noqa: E402
from bot.content import RED_FLAG_LEVELS, Content, load_content  # noqa: E402
from bot.engine import Engine, Event, Reply  # noqa: E402
from bot.state import NOT_SURE, Conversation  # noqa: E402
from bot.understand import tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "patient_language"
LABELS = ROOT / "tests" / "data" / "osce_msk_labels.jsonl"
CAUTION = {"nmt_fit": 0, "nmt_maybe": 1, "not_a_fit": 2, "doctor_first": 2, "urgent": 3, "emergency": 4}
WARNING = RED_FLAG_LEVELS  # the outcomes that send a person to a doctor
BOOKING = ("nmt_fit", "nmt_maybe")
HESITATION = frozenset({"uh", "um", "uhm", "er", "erm", "oh", "well", "hmm", ",", "."})
CATEGORIES = {"MSK": "musculoskeletal", "CAR": "cardiac", "RES": "respiratory", "GAS": "gastro"}


@dataclass
class Talk:
    """One conversation with the engine, the state saved to JSON between turns as the bot does."""

    engine: Engine
    saved: str = field(default_factory=lambda: Conversation().to_json())
    replies: list[Reply] = field(default_factory=list)

    def send(self, event: Event) -> None:
        result = self.engine.handle(Conversation.from_json(self.saved), event)
        self.saved = result.conversation.to_json()
        self.replies = result.replies

    @property
    def conv(self) -> Conversation:
        return Conversation.from_json(self.saved)

    @property
    def buttons(self) -> list[str]:
        return [b.id for r in self.replies for b in r.buttons]


def chief_complaints(engine: Engine) -> dict[str, Counter[str]]:
    """Per kind of interview: what the first message led to."""
    out: dict[str, Counter[str]] = {}
    with open(DATA / "osce_fareez2022_chief_complaints_all.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            talk = Talk(engine)
            talk.send(Event.text(row["first_patient_utterance"]))
            conv = talk.conv
            elsewhere = any(r.text.startswith(engine.content.msg("other_illness")) for r in talk.replies)
            seen = "warning" if conv.level in WARNING else "region" if conv.region else "elsewhere" if elsewhere else "nothing yet"
            out.setdefault(row["category"], Counter())[seen] += 1
    return out


def patient_turns(case: dict[str, Any]) -> list[str]:
    return [t["text"] for t in case["turns"] if t["speaker"] == "patient"]


def truthful_answer(talk: Talk, label: dict[str, Any], content: Content) -> str | None:
    """The button a person with these labels would press at the bot's current question."""
    conv, shown = talk.conv, talk.buttons
    if conv.confirm:  # "is this happening now?" about a sign named in passing: yes when it is one of theirs
        return buttons.confirm("yes" if set(conv.confirm) & set(label["red_flags"]) else "no")
    state = conv.state or ""
    kind = talk.engine.flow.states[state].kind if state in talk.engine.flow.states else ""
    screen_ids = {c.id for c in content.screen}
    if kind == "screen":
        hit = next((f for f in label["red_flags"] if f in screen_ids), None)
        return buttons.option(state, hit or buttons.NONE)
    if kind == "question":
        slot = talk.engine.flow.states[state].slot or ""
        value = {"region": (label["regions"] or [None])[0], "pain_type": (label["pain_types"] or [None])[0]}.get(slot, label.get(slot))
        wanted = buttons.option(state, value if value is not None else NOT_SURE)
        if wanted in shown:
            return wanted
        return next((b for b in shown if b.endswith(("not_sure", ".unknown"))), None)
    if kind == "red_flags":
        parsed = [buttons.parse(b) for b in shown]
        asked = [p.step for p in parsed if p.kind == "flag" and p.value == "yes"]
        said_yes = [f for f in asked if f in label["red_flags"]]
        if said_yes:
            return buttons.flag(said_yes[0], "yes")
        ticks = [b for b, p in zip(shown, parsed, strict=True) if p.kind == "option" and p.value in label["contraindications"] and p.value not in conv.contra]
        if ticks:
            return ticks[0]  # a contraindication in the last check
        none = next((b for b, p in zip(shown, parsed, strict=True) if p.kind == "group" and p.value == buttons.NONE), None)
        return none or (buttons.flag(asked[0], "no") if asked else None)
    if kind == "info" and talk.engine.flow.states[state].slot == "age_group":
        return buttons.option(state, label.get("age_group", "adult"))  # the age question, after an injury
    if kind == "contraindications":
        todo = [c for c in label["contraindications"] if c not in conv.contra and buttons.option(state, c) in shown]
        return buttons.option(state, todo[0] if todo else buttons.NONE)
    return None


def whole_conversation(engine: Engine, case: dict[str, Any], label: dict[str, Any]) -> str | None:
    """The level the conversation ends at (None: no outcome reached)."""
    talk = Talk(engine)
    for text in patient_turns(case):
        words = [t for t in tokenize(text) if t not in HESITATION]
        if len(words) <= 3 or engine.understand.yes_no(" ".join(words)) is not None:
            continue  # "No.", "Uh yeah, that's right…": answers to the interviewer's own questions, not to the bot's
        talk.send(Event.text(text))
        if talk.conv.level is not None:
            break
    for _ in range(60):
        if talk.conv.level is not None:
            break
        press = truthful_answer(talk, label, engine.content)
        if press is None:
            break
        talk.send(Event.button(press))
    return talk.conv.level


def read_all(engine: Engine, case: dict[str, Any]) -> Any:
    return engine.understand.parse(" ".join(patient_turns(case)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", action="store_true", help="list every case whose level differs from its label")
    parser.add_argument("--content", type=Path, default=None)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"the interviews are not at {DATA}")
    engine = Engine(load_content(args.content) if args.content else load_content())

    print("1. Chief complaints sent as a first message (272 interviews)")
    columns = (("warning", "a warning at once", 18), ("region", "place understood", 17), ("elsewhere", "not muscle pain", 16), ("nothing yet", "nothing yet", 12))
    print(f"   {'interview':16} {'n':>4}  " + "  ".join(f"{title:>{w}}" for _, title, w in columns))
    for cat, counts in sorted(chief_complaints(engine).items()):
        n = sum(counts.values())
        cells = "  ".join(f"{counts[k]:>{w - 7}} ({counts[k] / n:4.0%})" for k, _, w in columns)
        print(f"   {CATEGORIES.get(cat, cat):16} {n:>4}  {cells}")

    cases = {c["case_id"]: c for c in map(json.loads, (DATA / "osce_fareez2022_msk_transcripts.jsonl").read_text(encoding="utf-8").splitlines())}
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"\n2a. What the bot reads in all of a patient's turns ({len(labels)} musculoskeletal interviews)")
    hits: Counter[str] = Counter()
    for label in labels:
        got = read_all(engine, cases[label["case_id"]])
        hits["main region"] += bool(label["regions"]) and label["regions"][0] in got.regions
        hits["a warning sign labelled"] += bool(label["red_flags"]) and bool(set(label["red_flags"]) & set(got.red_flags))
        hits["severity"] += label["severity"] is not None and got.severity == label["severity"]
    with_flags = sum(1 for lb in labels if lb["red_flags"])
    with_severity = sum(1 for lb in labels if lb["severity"] is not None)
    print(f"   main region found            {hits['main region']:>3}/{len(labels)}")
    print(f"   a labelled warning sign read {hits['a warning sign labelled']:>3}/{with_flags} (of the cases with one)")
    print(f"   severity read exactly        {hits['severity']:>3}/{with_severity}")

    print("\n2b. Whole conversations: the patient's own words, then truthful answers to the bot's questions")
    outcome: Counter[str] = Counter()
    differ = []
    for label in labels:
        level = whole_conversation(engine, cases[label["case_id"]], label)
        if level is None:
            outcome["no outcome reached"] += 1
            differ.append((label["case_id"], "none", label))
            continue
        delta = CAUTION[level] - CAUTION[label["level"]]
        key = "same level" if delta == 0 else "more cautious" if delta > 0 else "less cautious (under-triage)"
        outcome[key] += 1
        if delta:
            differ.append((label["case_id"], level, label))
    for key in ("same level", "more cautious", "less cautious (under-triage)", "no outcome reached"):
        print(f"   {key:32} {outcome[key]:>3}/{len(labels)}")
    for levels, what in ((("emergency", "urgent"), "now or today"), (("doctor_first",), "first")):
        n = sum(1 for _, lv, lb in differ if lb["level"] in levels and lv in BOOKING)
        print(f"   booking offered where the label says a doctor {what}: {n}")
    if args.cases:
        for case_id, level, label in differ:
            print(f"   - {case_id}: bot {level}, label {label['level']} (flags {label['red_flags'] or '-'}): {label['why']}")


if __name__ == "__main__":
    main()
