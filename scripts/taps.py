"""Count the taps a person needs to reach the recommendation, for everyday complaints.

    .venv/bin/python scripts/taps.py [--each]

Every benign vignette in tests/data/vignettes.jsonl whose expected outcome is a fit for NMT is run
two ways (the same conversations as scripts/vignettes.py, answering "None" / "No" to the checks):
- after one descriptive message: /start, the person's own words, then taps for what is still asked;
- buttons only: /start, then every answer by a tap.
Prints the median, mean and worst number of taps for each, and where the taps go (which kind of step).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from bot.engine import Engine, Event, Result  # noqa: E402
from bot.state import Conversation  # noqa: E402
from scripts.vignettes import converse, load  # noqa: E402

FIT = ("nmt_fit", "nmt_maybe")
MODES = {"typed": "after one message", "buttons": "buttons only"}


class Counting:
    """The engine, counting the buttons pressed and the kind of step each was pressed at."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.taps: Counter[str] = Counter()

    def handle(self, conv: Conversation, event: Event) -> Result:
        if event.kind == "button":
            step = self.engine.step(conv)
            self.taps[step.kind if step is not None else "?"] += 1
        return self.engine.handle(conv, event)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def measure(engine: Engine) -> dict[str, dict[str, Any]]:
    cases = [c for c in load() if c["category"] == "benign" and c["expected"] in FIT]
    report: dict[str, dict[str, Any]] = {}
    for mode in MODES:
        counts: list[int] = []
        where: Counter[str] = Counter()
        each: list[str] = []
        for case in cases:
            counting = Counting(engine)
            conv = converse(counting, case, mode)  # type: ignore[arg-type]
            if conv.level is None:
                raise SystemExit(f"{case['id']} ({mode}) never reached a recommendation")
            total = sum(counting.taps.values())
            counts.append(total)
            where.update(counting.taps)
            each.append(f"{case['id']} {case['region']:<12} {total:>3}  {dict(counting.taps)}")
        report[mode] = {"cases": len(cases), "counts": counts, "where": where, "each": each}
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--each", action="store_true", help="list every conversation's taps")
    args = parser.parse_args()
    report = measure(Engine(load_content()))
    print(f"{report['typed']['cases']} everyday complaints (benign vignettes with a fit outcome)\n")
    print(f"  {'run':<20} {'median':>7} {'mean':>6} {'worst':>6}   taps by kind of step (all conversations)")
    for mode, r in report.items():
        counts = r["counts"]
        spread = ", ".join(f"{kind} {n}" for kind, n in r["where"].most_common())
        print(f"  {MODES[mode]:<20} {statistics.median(counts):>7g} {statistics.fmean(counts):>6.1f} {max(counts):>6}   {spread}")
    if args.each:
        for mode, r in report.items():
            print(f"\n{MODES[mode]}:")
            for line in r["each"]:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
