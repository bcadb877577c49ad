"""Measure how well the bot reads people's own words, on the labelled data in tests/data/.

    .venv/bin/python scripts/evaluate.py [--misses N] [--content DIR]

Prints per-field accuracy and the misses (what was expected, what was read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from bot.understand import FAQ_CONFIDENT, FAQ_POSSIBLE, Understanding  # noqa: E402

DATA = ROOT / "tests" / "data"
TARGETS = {"regions": 0.95, "pain_types": 0.90, "onset": 0.90, "duration": 0.90, "faq_top1": 0.90}


def read(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def same(field: str, want: Any, got: Any) -> bool:
    if isinstance(want, list):
        return set(want) == set(got or [])
    return bool(want == got)


def evaluate(u: Understanding) -> dict[str, Any]:
    """Accuracy per field, and the misses, over both data files."""
    fields = ("regions", "pain_types", "onset", "duration", "severity", "conditions", "red_flags")
    hits: Counter[str] = Counter()
    misses: dict[str, list[str]] = {f: [] for f in fields}
    pains = read("pain_descriptions.jsonl")
    for item in pains:
        got = u.describe(item["text"]).to_dict()
        for f in fields:
            # For conditions, the labelled ones must be found (the best fit may be added).
            ok = set(item[f]) <= set(got[f]) if f == "conditions" else same(f, item[f], got[f])
            hits[f] += ok
            if not ok:
                misses[f].append(f"{item['text']!r}\n      want {item[f]}  got {got[f]}")
    faqs = read("faq_phrasings.jsonl")
    labelled = [x for x in faqs if x["faq"]]
    off_topic = [x for x in faqs if not x["faq"]]
    faq_misses: list[str] = []
    for item in labelled:
        ranked = u.parse(item["text"]).faq
        top = ranked[0] if ranked else None
        if top and top[0] == item["faq"]:
            hits["faq_top1"] += 1
            hits["faq_answered"] += top[1] >= FAQ_CONFIDENT
        if any(fid == item["faq"] and s >= FAQ_POSSIBLE for fid, s in ranked):
            hits["faq_offered"] += 1
        if not top or top[0] != item["faq"] or top[1] < FAQ_CONFIDENT:
            faq_misses.append(f"{item['text']!r}\n      want {item['faq']}  got {[(i, round(s, 2)) for i, s in ranked]}")
    for item in off_topic:
        ranked = u.parse(item["text"]).faq
        if ranked and ranked[0][1] >= FAQ_CONFIDENT:
            hits["faq_false"] += 1
            faq_misses.append(f"{item['text']!r}\n      want no FAQ  got {[(i, round(s, 2)) for i, s in ranked]}")
    misses["faq"] = faq_misses
    scores = {f: hits[f] / len(pains) for f in fields}
    scores["faq_top1"] = hits["faq_top1"] / len(labelled)
    scores["faq_answered"] = hits["faq_answered"] / len(labelled)
    scores["faq_offered"] = hits["faq_offered"] / len(labelled)
    scores["faq_false"] = hits["faq_false"] / max(1, len(off_topic))
    return {"scores": scores, "misses": misses, "counts": {"pain": len(pains), "faq": len(labelled), "off_topic": len(off_topic)}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", type=int, default=15, help="misses to list per field (default 15)")
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: the repo's)")
    args = parser.parse_args()
    result = evaluate(Understanding(load_content(args.content)))
    counts = result["counts"]
    print(f"{counts['pain']} pain descriptions, {counts['faq']} FAQ phrasings, {counts['off_topic']} off-topic messages\n")
    labels = {
        "regions": "region", "pain_types": "pain type", "onset": "onset", "duration": "duration", "severity": "severity",
        "conditions": "condition found", "red_flags": "red flags", "faq_top1": "FAQ top-1",
        "faq_answered": "FAQ answered at once", "faq_offered": "FAQ answered or offered", "faq_false": "off-topic answered (lower is better)",
    }  # fmt: skip
    for key, label in labels.items():
        score = result["scores"][key]
        target = TARGETS.get(key)
        mark = "" if target is None else ("  ok" if score >= target else f"  BELOW target {target:.0%}")
        print(f"  {label:<38} {score:7.1%}{mark}")
    for field, rows in result["misses"].items():
        if rows and args.misses:
            print(f"\n{field}: {len(rows)} misses")
            for row in rows[: args.misses]:
                print(f"  - {row}")
    below = [k for k, t in TARGETS.items() if result["scores"][k] < t]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
