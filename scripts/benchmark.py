"""Speed and size figures for the bot's core, printed (not asserted: machines here are noisy).

    .venv/bin/python scripts/benchmark.py

- content load + validation, and building the engine (state machine + understanding);
- `parse` per message over the labelled pain descriptions and FAQ phrasings: mean and p99;
- the reader of meaning: its load, memory, and time per message it reads;
- whole engine turns per second (one conversation after another, state saved to JSON each turn);
- bytes of saved state per finished conversation.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from bot.engine import Engine, Event  # noqa: E402
from bot.state import Conversation  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.understand import Understanding  # noqa: E402

DATA = ROOT / "tests" / "data"


def timed(fn, repeat: int = 5):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def meaning_figures(texts: list[str]) -> None:
    """The reader of meaning: its load (once a process, at the first account it reads) and its time per
    message of four words or more (each text once: its cache would hide the encoder's time)."""
    import resource

    from bot.understand import meaning

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    reader = meaning.stored()
    load_ms = (time.perf_counter() - start) * 1000
    if reader is None:
        print("reader of meaning              off (the encoder is not installed)")
        return
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"reader of meaning load         {load_ms:8.1f} ms  (+{grown:.0f} MB peak memory; once, at the first account)")
    accounts = sorted({t for t in texts if len(t.split()) >= 4})
    samples = []
    for t in accounts:
        start = time.perf_counter()
        reader.layer.read(reader.encoder.encode(t))
        samples.append(time.perf_counter() - start)
    samples.sort()
    mean = statistics.fmean(samples) * 1000
    p99 = samples[int(len(samples) * 0.99)] * 1000
    print(f"reader of meaning per account ({len(accounts)} texts) mean {mean:6.1f} ms   p99 {p99:6.1f} ms   (beside parse, on messages of 4+ words)")


def faq_order_figures(u: Understanding, questions: list[str]) -> None:
    """What putting a question's FAQ entries in order by meaning adds to reading it (faq_meaning.py): the
    encoding of the question's words, for the questions whose words point to two entries or more."""
    u.warm()
    ranked = []
    for q in questions:
        parsed = u.parse(q)
        if len(parsed.faq) >= 2:
            ranked.append((q, parsed))
    samples = []
    for q, parsed in ranked:
        start = time.perf_counter()
        u._order_faq(q + " ?", parsed)  # a text the reader's cache has not seen
        samples.append(time.perf_counter() - start)
    if not samples:
        return
    samples.sort()
    mean, p99 = statistics.fmean(samples) * 1000, samples[int(len(samples) * 0.99)] * 1000
    print(f"FAQ order by meaning ({len(samples)} questions) mean {mean:6.1f} ms   p99 {p99:6.1f} ms   (in read, not parse)")


def main() -> None:
    load_s, content = timed(load_content)
    print(f"content load + validation     {load_s * 1000:8.1f} ms")
    build_s, _ = timed(lambda: Understanding(content), repeat=3)
    print(f"understanding index build     {build_s * 1000:8.1f} ms")
    engine_s, engine = timed(lambda: Engine(content), repeat=3)
    print(f"engine build (machine + index){engine_s * 1000:8.1f} ms")

    texts = [json.loads(line)["text"] for name in ("pain_descriptions.jsonl", "faq_phrasings.jsonl") for line in (DATA / name).read_text().splitlines() if line.strip()]
    u = engine.understand
    for t in texts:  # warm the typo cache as a running bot would be
        u.parse(t)
    samples = []
    for _ in range(5):
        for t in texts:
            start = time.perf_counter()
            u.parse(t)
            samples.append(time.perf_counter() - start)
    samples.sort()
    mean = statistics.fmean(samples) * 1000
    p99 = samples[int(len(samples) * 0.99)] * 1000
    print(f"parse per message ({len(texts)} texts) mean {mean:6.3f} ms   p99 {p99:6.3f} ms   (target < 2 ms)")
    meaning_figures(texts)
    faq_order_figures(u, [json.loads(line)["text"] for line in (DATA / "faq_phrasings.jsonl").read_text().splitlines() if line.strip()])
    cold = Understanding(content)
    start = time.perf_counter()
    for t in texts:
        cold.parse(t)
    print(f"parse, cold typo cache        mean {(time.perf_counter() - start) / len(texts) * 1000:6.3f} ms")

    script = [Event.command("start", "bench"), Event.button("screen.none"), Event.button("region.lower_back"), Event.text("dull ache"), Event.button("onset.gradual"),
              Event.text("for 4 months"), Event.button("severity.5")]  # fmt: skip
    conversations = 300
    turns = 0
    sizes = []
    start = time.perf_counter()
    for _ in range(conversations):
        saved = Conversation().to_json()
        for event in script:
            result = engine.handle(Conversation.from_json(saved), event)
            saved = result.conversation.to_json()
            turns += 1
        while Conversation.from_json(saved).state in ("red_flags", "contraindications"):
            conv = Conversation.from_json(saved)
            shown = [b.id for r in engine.handle(conv, Event.command("help")).replies for b in r.buttons]
            choice = next(b for b in shown if b.endswith((".no", ".none")) and not b.startswith("screen."))
            result = engine.handle(Conversation.from_json(saved), Event.button(choice))
            saved = result.conversation.to_json()
            turns += 2
        assert Conversation.from_json(saved).level == "nmt_fit", "the benchmark conversation should end with a suggestion"
        sizes.append(len(saved.encode()))
    elapsed = time.perf_counter() - start
    print(f"engine turns per second       {turns / elapsed:8.0f}  ({conversations} whole conversations, JSON state each turn)")
    print(f"saved state per conversation  {statistics.fmean(sizes):8.0f} bytes (max {max(sizes)}; target <= 4 KB)")

    with tempfile.TemporaryDirectory() as work:
        store = Store(Path(work) / "bench.db")
        old = time.time() - 200 * 86400
        with store.db:
            store.db.executemany("INSERT INTO conversations (chat_id, state, updated_at) VALUES (?, ?, ?)", [(i, saved, old) for i in range(100_000)])
        start = time.perf_counter()
        removed, _ = store.purge(90)
        print(f"purge {removed} stored conversations {(time.perf_counter() - start) * 1000:8.0f} ms (target <= 2 s)")
        store.close()

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "chat"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert proc.stdout is not None and proc.stdin is not None
    seen = ""
    while "you>" not in seen:
        char = proc.stdout.read(1)
        if not char:
            break
        seen += char
    first_prompt = time.perf_counter() - start
    proc.stdin.write("/quit\n")
    proc.stdin.close()
    proc.wait(timeout=30)
    print(f"time to the first console prompt {first_prompt * 1000:5.0f} ms (target <= 1 s; a new Python process)")


if __name__ == "__main__":
    main()
