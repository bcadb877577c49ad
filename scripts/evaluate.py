"""Measure how well the bot reads people's own words, on the labelled data in tests/data/.

    .venv/bin/python scripts/evaluate.py [--misses N] [--split dev|held-out|all] [--content DIR]

Prints per-field accuracy on the pain descriptions and FAQ phrasings, then, on people_words.jsonl,
what ``parse``/``read`` gets right per kind and per field (dev and held-out items apart), then the
warning signs in plain words (warning_dev*.jsonl and warning_heldout.jsonl), then
the misses (what was expected, what was read).

people_words.jsonl is split: the odd ids (and pw002, pw004, seen while reading the file's format)
are the dev items, which word lists may be written from; the even ids are held out.
people_words_dev2.jsonl ("dev B") is 200 more first messages in the same voice, written blind (from
people_words.md and the dev items only) to test where, what kind, how it started and how long;
people_words_dev3.jsonl ("dev C", 150) likewise, written after dev B's changes and not used to write
anything: its figures say how those changes carry over to new words. people_words_dev4.jsonl ("dev D", 150) was
written blind once dev C had been used to write changes, with its FAQ labelled; people_words_dev5.jsonl ("dev E",
150) likewise once dev D had been, and people_words_dev6.jsonl ("dev F", 150) once dev E had been. A set
not yet used to write changes (BLIND; dev G to dev K were, until their first measures) has its misses listed only with --split held-out.
people_words_dev11.jsonl ("dev K", 150) is written in the held-out file's twelve kinds (warning signs in plain words, hedged
replies, denials, several places, age and someone else...), each with how it started labelled; people_words_dev12.jsonl
("dev L", 100) likewise, written once dev K had been used to write changes; people_words_dev13.jsonl ("dev M", 100)
in the same kinds, leaning on the shapes of start still missed (a sign at one moment in plain words, a sign told by its
time course, someone else's job or routine, a job or a number named only as context).
warning_dev.jsonl to warning_dev6.jsonl are dev data (the second written in other voices,
to check that the phrases are not tuned to one writer; the third as quick texts: very short, misspelt, slang,
emoji; the fourth in the texting style, with many near misses that are someone else's symptoms; the fifth
in the voice of the people_words dev items: plain words, sudden versus gradual, history; the sixth
likewise, written after the fifth's changes to check they carry over, with emergencies in other languages);
warning_heldout.jsonl (when present) is held out.

All sets label pain types and onsets alike: plain "sore", "tender" or "hurts" names no kind of pain
(people_words.md), a pulled muscle started suddenly, and pain after something done for long ("standing
all day at work", "20 mins on the bike", "carrying shopping") is overuse (people_words_dev4.md), and so is clenching or grinding the teeth
(people_words_dev3.md, _dev4.md); the pain descriptions, written earlier, were relabelled so in December 2026
(22 pain types, 9 onsets).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a file: the repository's packages are not on the path yet
    sys.path.insert(0, str(ROOT))

from bot.content import LEVELS, Content, load_content  # noqa: E402
from bot.state import Conversation  # noqa: E402
from bot.triage import safety_level  # noqa: E402
from bot.understand import FAQ_CONFIDENT, Parse, Reading, Understanding, numbers  # noqa: E402

DATA = ROOT / "tests" / "data"
# The day people_words*.jsonl take as today ("since october" is weeks then): their figures do not move with the calendar.
LABELLED_ON = datetime.date(2026, 12, 3)
# people_words_dev10.jsonl (dev J) to _dev13.jsonl (dev M) count from Friday 4 December
LABELLED_ON_BY_PREFIX = {prefix: datetime.date(2026, 12, 4) for prefix in ("pl", "pm", "pn", "po")}


def labelled_on(item_id: str) -> datetime.date:
    """The day a people_words item takes as today."""
    return LABELLED_ON_BY_PREFIX.get(item_id[:2], LABELLED_ON)


TARGETS = {"regions": 0.95, "pain_types": 0.92, "onset": 0.92, "duration": 0.92, "faq_top1": 0.92}
# The targets on people_words.jsonl (held-out items), and the highest rates allowed.
PEOPLE_TARGETS = {"signs_recall": 0.95, "faq_top1": 0.92}
PEOPLE_LIMITS = {"false_alarm": 0.03, "faq_wrong": 0.03}
SEEN_EVEN = frozenset({"pw002", "pw004"})  # read while learning the file's format: dev, not held out


def read(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


# Warning-sign sets by id prefix: warning_dev.jsonl (wd…) to warning_dev36.jsonl (xl…), warning_heldout.jsonl (wh…).
WARNING_SPLITS = {
    "wd": "dev", "wv": "dev2", "wt": "dev3", "wq": "dev4", "wp": "dev5", "wr": "dev6", "ws": "dev7", "wu": "dev8", "wx": "dev9", "wy": "dev10",
    "wa": "dev11", "wb": "dev12", "wc": "dev13", "we": "dev14", "wf": "dev15", "wg": "dev16", "wi": "dev17", "wj": "dev18", "wk": "dev19", "wl": "dev20", "wm": "dev21",
    "wn": "dev22", "wo": "dev23", "ww": "dev24", "wz": "dev25", "xb": "dev26", "xc": "dev27", "xd": "dev28", "xe": "dev29", "xf": "dev30", "xg": "dev31", "xh": "dev32",
    "xi": "dev33", "xj": "dev34", "xk": "dev35", "xl": "dev36",
    "wh": "held-out", "hb": "held-out2", "hc": "held-out3", "hd": "held-out4", "hf": "held-out5", "ev": "everyday", "eh": "held-out E",
    "rp": "replies", "rh": "held-out R",
}  # fmt: skip


PEOPLE_FILES = (
    "people_words.jsonl",
    "people_words_dev2.jsonl",
    "people_words_dev3.jsonl",
    "people_words_dev4.jsonl",
    "people_words_dev5.jsonl",
    "people_words_dev6.jsonl",
    "people_words_dev7.jsonl",
    "people_words_dev8.jsonl",
    "people_words_dev9.jsonl",
    "people_words_dev10.jsonl",
    "people_words_dev11.jsonl",
    "people_words_dev12.jsonl",
    "people_words_dev13.jsonl",
)
PEOPLE_PREFIXES = {
    "pd": "dev B",
    "pe": "dev C",
    "pf": "dev D",
    "pg": "dev E",
    "ph": "dev F",
    "pi": "dev G",
    "pj": "dev H",
    "pk": "dev I",
    "pl": "dev J",
    "pm": "dev K",
    "pn": "dev L",
    "po": "dev M",
}  # people_words_dev2 to _dev13, by id prefix
PEOPLE_SPLITS = ("dev", "dev B", "dev C", "dev D", "dev E", "dev F", "dev G", "dev H", "dev I", "dev J", "dev K", "dev L", "dev M", "held-out")
BLIND: frozenset[str] = frozenset()  # sets written blind and not yet read (none now): their misses are listed only with --split held-out
FAQ_UNLABELLED = frozenset({"dev C"})  # people_words_dev3.md: the FAQ is left unlabelled, no FAQ figure is counted


def english_dev_items(name: str) -> list[dict[str, Any]]:
    """A labelled set's English items that may be learnt from: of people_words.jsonl, its development half only."""
    return [i for i in read(name) if i.get("language", "en") == "en" and (name != "people_words.jsonl" or split_of(i["id"]) == "dev")]


def split_of(item_id: str) -> str:
    """people_words: 'dev' for odd ids (and the two even ones seen early), 'held-out' for the rest, 'dev B'
    for people_words_dev2 (pd…), 'dev C' for people_words_dev3 (pe…), 'dev D' for people_words_dev4 (pf…), 'dev E' for
    people_words_dev5 (pg…), 'dev F' for people_words_dev6 (ph…), 'dev G' for people_words_dev7 (pi…), 'dev H' for
    people_words_dev8 (pj…), 'dev I' for people_words_dev9 (pk…), 'dev J' for people_words_dev10 (pl…), 'dev K' for
    people_words_dev11 (pm…), 'dev L' for people_words_dev12 (pn…), 'dev M' for people_words_dev13 (po…); warning signs: by the id's prefix (WARNING_SPLITS)."""
    if item_id[:2] in WARNING_SPLITS:
        return WARNING_SPLITS[item_id[:2]]
    if item_id[:2] in PEOPLE_PREFIXES:
        return PEOPLE_PREFIXES[item_id[:2]]
    return "dev" if int(item_id[2:]) % 2 or item_id in SEEN_EVEN else "held-out"


def same(field: str, want: Any, got: Any) -> bool:
    if isinstance(want, list):
        return set(want) == set(got or [])
    return bool(want == got)


def evaluate(u: Understanding) -> dict[str, Any]:
    """Accuracy per field, and the misses, over the pain descriptions and FAQ phrasings."""
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
        parsed = u.read(item["text"]).parsed  # as the bot reads it: the FAQ entries put in order by meaning too
        ranked = parsed.faq
        top = ranked[0] if ranked else None
        if top and top[0] == item["faq"]:
            hits["faq_top1"] += 1
            hits["faq_answered"] += u.faq_answer(parsed) == item["faq"]
        if item["faq"] == u.faq_answer(parsed) or item["faq"] in u.faq_offers(parsed):
            hits["faq_offered"] += 1
        if not top or top[0] != item["faq"] or top[1] < FAQ_CONFIDENT:
            faq_misses.append(f"{item['text']!r}\n      want {item['faq']}  got {[(i, round(s, 2)) for i, s in ranked]}")
    for item in off_topic:
        parsed = u.read(item["text"]).parsed  # as the bot reads it: the FAQ entries put in order by meaning too
        if u.faq_answer(parsed) is not None:
            hits["faq_false"] += 1
            faq_misses.append(f"{item['text']!r}\n      want no FAQ  got {[(i, round(s, 2)) for i, s in parsed.faq]}")
    misses["faq"] = faq_misses
    scores = {f: hits[f] / len(pains) for f in fields}
    scores["faq_top1"] = hits["faq_top1"] / len(labelled)
    scores["faq_answered"] = hits["faq_answered"] / len(labelled)
    scores["faq_offered"] = hits["faq_offered"] / len(labelled)
    scores["faq_false"] = hits["faq_false"] / max(1, len(off_topic))
    return {"scores": scores, "misses": misses, "counts": {"pain": len(pains), "faq": len(labelled), "off_topic": len(off_topic)}}


# ---------------------------------------------------------------------------------------------- people's words


def implied_level(content: Content, parsed: Parse) -> str | None:
    """The most urgent level a single message already calls for, as the bot reads it: its warning signs,
    first-screen items, contraindications, and the injury rules of the age said. ``parsed``: as
    ``Understanding.describe`` reads it, its warning signs already only those that fit where it hurts."""
    conv = Conversation(
        answers={"onset": parsed.onset} if parsed.onset else {},
        flags=dict.fromkeys(parsed.red_flags, "yes"),
        screen=list(parsed.screen),
        contra=list(parsed.contra),
        heard=parsed.heard,
    )
    conv.learn(parsed.history, parsed.age, parsed.for_whom)
    return safety_level(content, conv)


def as_cautious(got: str | None, want: str) -> bool:
    return got is not None and LEVELS.index(got) <= LEVELS.index(want)


@dataclass
class Tally:
    """Right / counted per (split, kind, field), and the misses."""

    right: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    total: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    misses: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, item: dict[str, Any], name: str, ok: bool, want: Any = None, got: Any = None, miss: bool | None = None) -> None:
        """Count ``ok`` for ``name``; a miss is listed when ``miss`` (default: not ok) holds."""
        for split in (split_of(item["id"]), "all"):
            for kind in (item["kind"], "all"):
                self.total[(split, kind, name)] += 1
                self.right[(split, kind, name)] += ok
        if (not ok) if miss is None else miss:
            self.misses[name].append((split_of(item["id"]), f"{item['id']} {item['text']!r}\n      want {want}  got {got}"))

    def rate(self, split: str, kind: str, name: str) -> float | None:
        n = self.total[(split, kind, name)]
        return self.right[(split, kind, name)] / n if n else None


# What each figure counts: a name, a description, and whether lower is better.
PEOPLE_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("regions", "every place said (as a set)", False),
    ("main_region", "the first place is the main one", False),
    ("pain_types", "pain type", False),
    ("onset", "onset", False),
    ("duration", "duration", False),
    ("severity", "severity (none unless a score is given)", False),
    ("regions_en", "every place said, English messages only (another language is not read as an answer)", False),
    ("onset_en", "onset, English messages only", False),
    ("duration_en", "duration, English messages only", False),
    ("signs_recall", "a warning sign or doctor-first contraindication: the level reached at least as urgent", False),
    ("signs_recall_en", "the same, English messages only", False),
    ("signs_ids", "warning sign ids found (of the labelled ones)", False),
    ("contra_recall", "contraindication ids found (of the labelled ones)", False),
    ("false_alarm", "no warning sign labelled, but a doctor level read", True),
    ("caught", "a warning sign: its level reached, or asked about first (is it happening now?), or a careful check asked for", False),
    ("checked", "no warning sign labelled, no doctor level, but asked about first or a careful check asked for", True),
    ("history", "history tags (as a set)", False),
    ("age", "age", False),
    ("for_whom", "for whom (self / other)", False),
    ("language", "language", False),
    ("question", "asks something", False),
    ("faq_top1", "FAQ: the labelled entry ranked first", False),
    ("faq_wrong", "FAQ answered for a question no entry answers", True),
    ("faq_unasked", "FAQ answered where nothing was asked", True),
    ("hedge", "yes / no / unsure / not an answer, in a reply to a yes-no question", False),
    ("hedge_unsafe", "a yes or unsure read as a no", True),
    ("denial", "a leading no that denies the items (or not)", False),
    ("denial_unsafe", "read as denying when it does not", True),
)


def _hedge(r: Reading) -> str | None:
    value: str | None = getattr(r, "hedge", r.yes_no)
    return value


def _denial(r: Reading, asked: str) -> bool:
    """Whether the reply is taken as denying what was asked: for the first screen's list, every item."""
    value = getattr(r, "clears_list" if asked == "screen" else "denial", getattr(r, "denial", None))
    return bool(r.yes_no == "no") if value is None else bool(value)


def add_signs(t: Tally, content: Content, item: dict[str, Any], parsed: Parse) -> None:
    """signs_recall, signs_ids, contra_recall and false_alarm for one message read alone."""
    level = implied_level(content, parsed)
    found = {*parsed.red_flags, *parsed.screen, *parsed.to_confirm}  # a sign asked about first is named too
    got_signs = f"level {level}, flags {parsed.red_flags}, screen {parsed.screen}, contra {parsed.contra}"
    asked = bool(parsed.doubt or parsed.to_confirm)
    doubt = f", second reader {parsed.doubt}, asked about first {parsed.to_confirm}"
    if item["expected_level"]:
        t.add(item, "signs_recall", as_cautious(level, item["expected_level"]), item["expected_level"], got_signs)
        t.add(item, "caught", as_cautious(level, item["expected_level"]) or asked, item["expected_level"], got_signs + doubt)
        if item["language"] == "en":  # another language gets "I read English only, in an emergency call…" instead
            t.add(item, "signs_recall_en", as_cautious(level, item["expected_level"]), item["expected_level"], got_signs, miss=False)
    elif not (item["red_flags"] or item["screen"]):  # a reply describing the sign asked about is not a false alarm
        t.add(item, "false_alarm", level is not None, None, got_signs, miss=level is not None)
        alone = asked and level is None
        t.add(item, "checked", alone, None, got_signs + doubt, miss=alone)
    for sign in (*item["red_flags"], *item["screen"]):
        t.add(item, "signs_ids", sign in found, sign, got_signs)
    for contra in item["contra"]:
        t.add(item, "contra_recall", contra in parsed.contra, contra, parsed.contra)


def evaluate_people(u: Understanding) -> Tally:
    """people_words.jsonl and its three more development sets (PEOPLE_FILES) through ``describe`` (one message alone) and ``read`` (replies)."""
    content = u.content
    t = Tally()
    for item in (x for name in PEOPLE_FILES if (DATA / name).exists() for x in read(name)):
        with numbers.pinned_date(labelled_on(item["id"])):
            _score_person(u, content, t, item)
    return t


def _score_person(u: Understanding, content: Content, t: Tally, item: dict[str, Any]) -> None:
    """One people_words item, every field."""
    text = item["text"]
    parsed = u.describe(text)
    r = u.read(text)
    for name in ("regions", "pain_types", "onset", "duration", "severity"):
        want, got = item[name], getattr(parsed, name)
        t.add(item, name, same(name, want, got), want, got)
        if name in ("regions", "onset", "duration") and item["language"] == "en":
            t.add(item, f"{name}_en", same(name, want, got), want, got, miss=False)
    if item["regions"]:
        got_main = parsed.regions[0] if parsed.regions else None
        t.add(item, "main_region", got_main == item["regions"][0], item["regions"][0], got_main)
    add_signs(t, content, item, parsed)
    history = list(getattr(parsed, "history", []))
    t.add(item, "history", set(history) == set(item["history"]), item["history"], history)
    age = getattr(parsed, "age", None)
    t.add(item, "age", age == item["age"], item["age"], age)
    for_whom = getattr(parsed, "for_whom", "self")
    t.add(item, "for_whom", for_whom == item["for_whom"], item["for_whom"], for_whom)
    language = getattr(parsed, "language", "en")
    t.add(item, "language", language == item["language"], item["language"], language)
    t.add(item, "question", parsed.question == item["question"], item["question"], parsed.question)
    answer = u.faq_answer(parsed)
    ranked = [(i, round(s, 2)) for i, s in parsed.faq]
    if split_of(item["id"]) in FAQ_UNLABELLED:
        pass
    elif item["faq"] and item["language"] == "en":
        t.add(item, "faq_top1", bool(parsed.faq) and parsed.faq[0][0] == item["faq"], item["faq"], ranked)
    elif item["question"]:
        t.add(item, "faq_wrong", answer is not None, None, f"{answer} {ranked}", miss=answer is not None)
    else:
        t.add(item, "faq_unasked", answer is not None, None, f"{answer} {ranked}", miss=answer is not None)
    asked = item["asked"]
    if asked and asked not in ("after_emergency", "callback_time", "callback_note"):
        add_reply(t, item, r)


def add_reply(t: Tally, item: dict[str, Any], r: Reading) -> None:
    """hedge, hedge_unsafe, denial and denial_unsafe for a reply to a yes-no question or the first screen."""
    hedge = _hedge(r)
    t.add(item, "hedge", hedge == item["hedge"], item["hedge"], hedge)
    if item["hedge"] in ("yes", "unsure"):
        t.add(item, "hedge_unsafe", hedge == "no", item["hedge"], hedge, miss=hedge == "no")
    # A real denial: a no (or a hedged no) in English; "no entiendo", "no, I don't get it" deny nothing.
    want_denial = item["hedge"] == "no" and item["language"] == "en"
    denial = _denial(r, item["asked"])
    t.add(item, "denial", denial == want_denial, want_denial, denial)
    if not want_denial:
        t.add(item, "denial_unsafe", denial, False, denial, miss=denial)


# Replies to the safety questions and the first screen (replies.md): development and held-out halves.
REPLY_FILES = (("replies", "replies_dev.jsonl"), ("held-out R", "replies_heldout.jsonl"))
REPLY_FIELDS = ("hedge", "hedge_unsafe", "denial", "denial_unsafe")


def evaluate_replies(u: Understanding) -> tuple[Tally, dict[str, int]]:
    """Each reply read as a reply (``read``): yes / no / unsure / not an answer, and whether it denies."""
    return score_sets(REPLY_FILES, lambda t, item: add_reply(t, {"kind": "reply", **item}, u.read(item["text"])))


def score_sets(files: tuple[tuple[str, str], ...], score: Callable[[Tally, dict[str, Any]], None]) -> tuple[Tally, dict[str, int]]:
    """``score`` each item of the labelled ``files`` (split, file name); with how many items each file
    holds (0 when absent)."""
    t = Tally()
    sizes: dict[str, int] = {}
    for split, name in files:
        items = read(name) if (DATA / name).exists() else []
        sizes[split] = len(items)
        for item in items:
            score(t, item)
    return t, sizes


WARNING_FILES = (
    ("dev", "warning_dev.jsonl"),
    ("dev2", "warning_dev2.jsonl"),
    ("dev3", "warning_dev3.jsonl"),
    ("dev4", "warning_dev4.jsonl"),
    ("dev5", "warning_dev5.jsonl"),
    ("dev6", "warning_dev6.jsonl"),
    ("dev7", "warning_dev7.jsonl"),
    ("dev8", "warning_dev8.jsonl"),
    ("dev9", "warning_dev9.jsonl"),
    ("dev10", "warning_dev10.jsonl"),
    ("dev11", "warning_dev11.jsonl"),
    ("dev12", "warning_dev12.jsonl"),
    # Written by a review of the rules for "is fine", figures of speech and fractures, to break them.
    ("dev13", "warning_dev13.jsonl"),
    # A review's blind messages (written before reading the code): signs told in passing, idioms, new kinds of sign.
    ("dev14", "warning_dev14.jsonl"),
    # A second review's blind messages: 100 near misses (idioms, jobs, long-standing things), 120 signs told in passing.
    ("dev15", "warning_dev15.jsonl"),
    # A third review's blind messages: 140 real signs in plain everyday words (90 emergencies), 60 near misses.
    ("dev16", "warning_dev16.jsonl"),
    # A fourth review's blind everyday messages that only sound alarming (idioms, jobs, history that is over).
    ("dev17", "warning_dev17.jsonl"),
    # A fifth review's blind first messages (256 everyday, 138 signs in plain words), written to test the reader of meaning.
    ("dev18", "warning_dev18.jsonl"),
    # A sixth review's blind first messages (220 everyday near misses, 120 signs, 37 told indirectly); learnt by the
    # reader of meaning since dev29 was written, not by the second reader.
    ("dev19", "warning_dev19.jsonl"),
    # A seventh review's blind first messages: 200 hard near misses (a sign's words, ten families of sign), 100 signs
    # (42 told indirectly).
    ("dev20", "warning_dev20.jsonl"),
    # An eighth review's blind first messages: 140 hard near misses (the words of a sign, not one now), 60 dramatic
    # everyday ones, 100 signs (33 told indirectly).
    ("dev21", "warning_dev21.jsonl"),
    # A ninth and a tenth review's blind first messages, written to the held-out sets' briefs: 160 near misses in
    # ten kinds (someone else's event that is over, pets, jobs and TV, denials, known unchanged conditions…) and
    # 60 signs each (learnt by the reader of meaning since dev29 was written).
    ("dev22", "warning_dev22.jsonl"),
    ("dev23", "warning_dev23.jsonl"),
    # An eleventh to a thirteenth review's blind first messages to the same briefs (dev25: a third of several
    # sentences; dev26: a dozen signs told as a question; learnt by the reader of meaning since dev29 was written).
    ("dev24", "warning_dev24.jsonl"),
    ("dev25", "warning_dev25.jsonl"),
    ("dev26", "warning_dev26.jsonl"),
    # A fourteenth and a fifteenth review's blind first messages to the same briefs (dev28: most of them of two or
    # three sentences, the sign's words and what makes them harmless in different ones).
    ("dev27", "warning_dev27.jsonl"),
    ("dev28", "warning_dev28.jsonl"),
    # A sixteenth and a seventeenth review's blind first messages to the same briefs (dev29: chatty, three to five
    # sentences, most with a booking question; dev30: short, 11 to 25 words), not learnt by the reader of meaning.
    ("dev29", "warning_dev29.jsonl"),
    ("dev30", "warning_dev30.jsonl"),
    # An eighteenth and a nineteenth review's, to the same briefs (dev31: 15 to 40 words, many joked; dev32: the sign's
    # words first and what makes them harmless later, lists of signs asked and denied), not learnt by either reader.
    ("dev31", "warning_dev31.jsonl"),
    ("dev32", "warning_dev32.jsonl"),
    # Two more, written blind to new briefs: dev33 the sign families hardest to tell from their look-alikes,
    # dev34 ten writers' voices (teenagers, parents, older people, trades, US, Australian, non-native, ramblers).
    ("dev33", "warning_dev33.jsonl"),
    ("dev34", "warning_dev34.jsonl"),
    # Signs said to be happening now or today (90, half someone else's, many told lightly beside a booking question)
    # and 40 harmless messages with the same words of time; then a blind set of signs in everyday words of every
    # kind, as numbers, procedures and what others noticed, and 120 look-alikes.
    ("dev35", "warning_dev35.jsonl"),
    ("dev36", "warning_dev36.jsonl"),
    ("held-out", "warning_heldout.jsonl"),
    ("held-out2", "warning_heldout2.jsonl"),
    ("held-out3", "warning_heldout3.jsonl"),
    ("held-out4", "warning_heldout4.jsonl"),
    ("held-out5", "warning_heldout5.jsonl"),
    # Everyday first messages without any warning sign (everyday.md): their false alarms and careful checks.
    ("everyday", "everyday_dev.jsonl"),
    ("held-out E", "everyday_heldout.jsonl"),
)
WARNING_FIELDS = ("signs_recall", "signs_ids", "false_alarm", "caught", "checked")


def evaluate_warnings(u: Understanding) -> tuple[Tally, dict[str, int]]:
    """Warning signs in plain words, near misses and everyday messages, each message read alone; with how
    many items each file holds (0 when absent)."""

    def score(t: Tally, item: dict[str, Any]) -> None:
        item = {"red_flags": [], "screen": [], "contra": [], "language": "en", "asked": None, **item}  # everyday: no sign at all
        add_signs(t, u.content, item, u.describe(item["text"]))

    return score_sets(WARNING_FILES, score)


def english_false_foreign(u: Understanding) -> tuple[int, int, list[str]]:
    """English messages of the older sets read as another language: (flagged, total, texts)."""
    texts = [x["text"] for name in ("pain_descriptions.jsonl", "faq_phrasings.jsonl", "vignettes.jsonl") for x in read(name)]
    flagged = [t for t in texts if getattr(u.parse(t, faq=False), "language", "en") != "en"]
    return len(flagged), len(texts), flagged


def _cell(value: float | None) -> str:
    return "    —" if value is None else f"{value:5.0%}"


def _cells(t: Tally, name: str, splits: Iterable[str]) -> str:
    """One field's rate and count per split, side by side."""
    return "  ".join(f"{_cell(t.rate(split, 'all', name))} ({t.total[(split, 'all', name)]:3d})" for split in splits)


def _print_misses(t: Tally, names: Iterable[str], show: Callable[[str], bool], misses: int, heading: str) -> None:
    for name in names:
        picked = [text for split, text in t.misses.get(name, []) if show(split)]
        if picked:
            print(f"\n{heading} {name}: {len(picked)} misses")
            for text in picked[:misses]:
                print(f"  - {text}")


def print_people(t: Tally, show: Callable[[str], bool], misses: int) -> None:
    kinds = sorted({k for (_, k, _) in t.total if k != "all"})
    print("\npeople_words.jsonl (dev, held-out), people_words_dev2.jsonl (dev B) to _dev13 (dev M): per field, dev / dev B to dev M / held-out / all")
    for name, label, lower in PEOPLE_FIELDS:
        mark = " (lower is better)" if lower else ""
        print(f"  {name:<15} {_cells(t, name, (*PEOPLE_SPLITS, 'all'))}   {label}{mark}")
    print("\nper kind (held-out items; dev in brackets)")
    shown = [n for n, _, _ in PEOPLE_FIELDS]
    print("  " + " " * 20 + " ".join(f"{n[:11]:>11}" for n in shown))
    for kind in kinds:
        row = []
        for name in shown:
            held, dev = t.rate("held-out", kind, name), t.rate("dev", kind, name)
            row.append(f"{'—' if held is None else f'{held:.0%}':>5}({'—' if dev is None else f'{dev:.0%}':>4})")
        print(f"  {kind:<20} " + " ".join(f"{c:>11}" for c in row))
    if misses:
        _print_misses(t, list(t.misses), show, misses, "people")


def print_sets(title: str, files: tuple[tuple[str, str], ...], fields: tuple[str, ...], t: Tally, sizes: dict[str, int], show: Callable[[str], bool], misses: int) -> None:
    """One table of figures per labelled file, then the misses."""
    splits = [split for split, _ in files]
    print(f"\n{title}: {' / '.join(splits)} (n = items counted)")
    for split, name in files:
        print(f"  {split:<9} {name} ({sizes[split]} items)")
    print(f"  {'':<14} " + "  ".join(f"{split:>11}" for split in splits))
    for name, label, lower in PEOPLE_FIELDS:
        if name not in fields:
            continue
        target, limit = PEOPLE_TARGETS.get(name), PEOPLE_LIMITS.get(name)
        goal = f" (target {target:.0%})" if target else f" (lower is better; at most {limit:.0%})" if limit else " (lower is better)" if lower else ""
        print(f"  {name:<14} {_cells(t, name, splits)}   {label}{goal}")
    if misses:
        _print_misses(t, fields, show, misses, title.split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--misses",
        type=int,
        default=None,
        help="misses to list per field (default 15; 0 with --split held-out or all: a held-out miss read is a held-out item spent, so list them only when asked)",
    )
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="dev", help="whose people_words and warning misses to list (default dev)")
    parser.add_argument("--content", type=Path, default=None, help="content folder (default: the repo's)")
    args = parser.parse_args()
    u = Understanding(load_content(args.content))
    result = evaluate(u)
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
    flagged, total, foreign = english_false_foreign(u)
    print(f"  {'English read as another language':<38} {flagged / total:7.1%}  ({flagged} of {total})")
    people = evaluate_people(u)

    if args.misses is None:
        args.misses = 15 if args.split == "dev" else 0

    def show(split: str) -> bool:
        # The warning dev files are development data: their misses are listed with the dev ones. A set still blind
        # (BLIND) is listed with the held-out ones: its misses are not read while it measures changes.
        return args.split in ("all", "held-out" if split.startswith("held-out") or split in BLIND else "dev")

    print_people(people, show, args.misses)
    warnings, sizes = evaluate_warnings(u)
    print_sets("warning signs in plain words", WARNING_FILES, WARNING_FIELDS, warnings, sizes, show, args.misses)
    replies, reply_sizes = evaluate_replies(u)
    print_sets("replies to the safety questions", REPLY_FILES, REPLY_FIELDS, replies, reply_sizes, show, args.misses)
    for field_name, rows in result["misses"].items():
        if rows and args.misses:
            print(f"\n{field_name}: {len(rows)} misses")
            for row in rows[: args.misses]:
                print(f"  - {row}")
    if foreign and args.misses:
        print(f"\nEnglish read as another language: {foreign[: args.misses]}")
    below = [k for k, t in TARGETS.items() if result["scores"][k] < t]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
