"""Run the safety vignettes in tests/data/vignettes.jsonl through whole conversations.

    .venv/bin/python scripts/vignettes.py [--misses]

Each imagined person is run three ways:
- typed:   their own words first, then buttons for what is still asked (answering the safety
           questions truthfully);
- buttons: the same facts by buttons only;
- words only: their words, then "no" / "none" to every safety question: does the text alone
           raise the alarm? (reported, not a target).
Prints red-flag recall (target 100%), benign cases sent to a doctor (target at most 10%) and
exact-level agreement.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot import buttons  # noqa: E402
from bot.content import RED_FLAG_LEVELS, load_content  # noqa: E402
from bot.engine import Engine, Event, Result  # noqa: E402
from bot.flow import contraindications_state, next_safety  # noqa: E402
from bot.state import Conversation  # noqa: E402

DATA = ROOT / "tests" / "data" / "vignettes.jsonl"
MEDICAL = RED_FLAG_LEVELS  # the outcomes that send a person to a doctor


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def converse(engine: Engine, case: dict[str, Any], mode: str) -> Conversation:
    """Hold the whole conversation for one vignette; return the final state."""
    conv = Conversation()
    truthful = mode != "words only"
    # A truthful person also says yes to a question describing what they wrote, even if the
    # vignette's author did not tick it (the author never saw the bot's questions).
    said = engine.understand.parse(case["text"]) if truthful else None
    flags = set(case["flags"]) | (set(said.red_flags) if said else set())
    screen = list(case["screen"]) + ([s for s in said.screen if s not in case["screen"]] if said else [])
    contra = list(case["contra"]) + ([c for c in said.contra if c not in case["contra"]] if said else [])

    def send(event: Event) -> Result:
        nonlocal conv
        result = engine.handle(conv, event)
        conv = result.conversation
        return result

    send(Event.command("start", "vignette"))
    if mode != "buttons":
        send(Event.text(case["text"]))
    for _ in range(60):
        state = engine.flow.states.get(conv.state or "")
        if state is None or state.kind == "recommendation":
            break
        if conv.confirm:  # "is this happening now?" about a sign named in passing: yes when the case has it
            real = truthful and bool(set(conv.confirm) & (set(case["flags"]) | set(case["screen"])))
            send(Event.button(buttons.confirm("yes" if real else "no")))
        elif state.kind == "screen":
            ticks = [s for s in screen if s not in conv.screen] if truthful else []
            send(Event.button(buttons.option(state.name, ticks[0] if ticks else buttons.NONE)))
        elif state.kind == "question":
            slot = state.slot or ""
            value = case[slot] if slot != "region" else case["region"]
            send(Event.button(buttons.option(state.name, value)))
        elif state.kind == "red_flags":
            ask = next_safety(engine.content, conv)
            if ask is None:
                break
            said_yes = [f for f in ask.flags if truthful and f in flags]
            ticks = [c for c in ask.contra if truthful and c in contra]
            if said_yes:
                send(Event.button(buttons.flag(said_yes[0], "yes")))
            elif ticks:
                send(Event.button(buttons.option(contraindications_state(engine.content) or "", ticks[0])))  # in the last check
            else:
                send(Event.button(buttons.flag(ask.flags[0], "no") if ask.single else buttons.group(ask.group, buttons.NONE)))
        elif state.kind == "info" and state.slot == "age_group":
            send(Event.button(buttons.option(state.name, case.get("age_group", "adult"))))  # asked after an injury
        elif state.kind == "contraindications":
            ticks = [c for c in contra if c not in conv.contra] if truthful else []
            send(Event.button(buttons.option(state.name, ticks[0] if ticks else buttons.NONE)))
        else:
            break
    return conv


def run(engine: Engine) -> dict[str, Any]:
    cases = load()
    report: dict[str, Any] = {"cases": len(cases), "modes": {}}
    for mode in ("typed", "buttons", "words only"):
        red = [c for c in cases if c["category"] == "red_flag"]
        benign = [c for c in cases if c["category"] == "benign" and c["expected"] not in MEDICAL]
        results = {c["id"]: converse(engine, c, mode) for c in cases}
        misses = [f"{c['id']} {c['category']}: want {c['expected']}, got {results[c['id']].level}  ({c['text']})" for c in cases if results[c["id"]].level != c["expected"]]
        report["modes"][mode] = {
            "red_flag_recall": sum(results[c["id"]].level in MEDICAL for c in red) / len(red),
            "benign_to_doctor": sum(results[c["id"]].level in MEDICAL for c in benign) / len(benign),
            "exact": sum(results[c["id"]].level == c["expected"] for c in cases) / len(cases),
            "misses": misses,
            "red_missed": [c["id"] for c in red if results[c["id"]].level not in MEDICAL],
            "benign_flagged": [c["id"] for c in benign if results[c["id"]].level in MEDICAL],
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list every case whose level differs")
    args = parser.parse_args()
    report = run(Engine(load_content()))
    print(f"{report['cases']} vignettes\n")
    print(f"  {'run':<12} {'red-flag recall':>16} {'benign to doctor':>17} {'exact level':>12}")
    for mode, r in report["modes"].items():
        print(f"  {mode:<12} {r['red_flag_recall']:>16.1%} {r['benign_to_doctor']:>17.1%} {r['exact']:>12.1%}")
    for mode, r in report["modes"].items():
        if r["red_missed"] or r["benign_flagged"]:
            print(f"\n{mode}: red flags missed {r['red_missed']}, benign sent to a doctor {r['benign_flagged']}")
        if args.misses:
            for line in r["misses"]:
                print(f"  - {line}")
    typed, buttons = report["modes"]["typed"], report["modes"]["buttons"]
    ok = min(typed["red_flag_recall"], buttons["red_flag_recall"]) == 1.0 and max(typed["benign_to_doctor"], buttons["benign_to_doctor"]) <= 0.10
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
