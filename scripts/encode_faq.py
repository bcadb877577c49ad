"""Store the vectors of the FAQ entries' questions and phrasings (bot/understand/faq_meaning.py), so the bot
does not encode them at start.

    .venv/bin/python scripts/encode_faq.py          # write bot/understand/faq_vectors.npz
    .venv/bin/python scripts/encode_faq.py --check  # say whether it is up to date with knowledge/faq.yaml

Run it after changing knowledge/faq.yaml's questions or keywords; until then the bot encodes the phrasings
the file lacks when it warms up (about 10 ms each).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content import load_content  # noqa: E402
from bot.understand import meaning  # noqa: E402
from bot.understand.faq_meaning import PROBE, VECTORS, load_stored, phrasings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report only; do not write the vectors")
    args = parser.parse_args()
    reader = meaning.stored()
    if reader is None:
        print("the reader of meaning's encoder is not installed (make .venv/.installed installs it)")
        return 1
    encode = reader.encoder.encode
    texts = sorted({t for ts in phrasings(load_content(ROOT)).values() for t in ts})
    missing = [t for t in texts if t not in load_stored(encode)]
    if args.check:
        print(f"{len(texts)} phrasings, {len(missing)} not stored")
        return 1 if missing else 0
    vectors = np.stack([encode(t) for t in texts]).astype(np.float16)
    with VECTORS.open("wb") as f:
        np.savez_compressed(f, phrases=np.array(texts), vectors=vectors, probe=encode(PROBE).astype(np.float16))
    print(f"written {VECTORS.relative_to(ROOT)}: {len(texts)} phrasings ({VECTORS.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
