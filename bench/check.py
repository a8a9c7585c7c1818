"""How long `iwo-tm check` takes on a large memory.

    python bench/check.py --units 1000000 --skip terms   # the unit and grouping checks
    python bench/check.py --units 100000                  # everything, terms included

The memory is the corpus's aligned units repeated with variations (as in bench/lookup.py):
each copy has one to three words of its Spanish replaced and, one time in ten, a word of its
English changed, so that divergent renderings exist to be found.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from lookup import vary

from iwo_tm.align.alignment import Aligner
from iwo_tm.align.corpus_alignment import make_item
from iwo_tm.check.consistency import run_checks
from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.memory.units import MemoryUnit

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--skip", action="append", default=[])
    args = ap.parse_args()
    pairs, _ = load_pairs(ROOT / "corpus")
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    lexicon = load_freedict()
    base = []
    for (es, en), (es_s, en_s), al in zip(
        pairs, docs, Aligner(lexicon).align_many(docs), strict=True
    ):
        for b in al.beads:
            if b.es and b.en:
                it = make_item(es, en, es_s, en_s, b)
                base.append((it.source, it.target, it.pair))
    rng = random.Random(41)
    vocab_es = sorted({w for s, _, _ in base for w in s.split()})
    vocab_en = sorted({w for _, t, _ in base for w in t.split()})
    units = []
    for k in range(args.units):
        s, t, pair = base[k % len(base)]
        if k >= len(base):
            s = vary(rng, s, vocab_es)
            if rng.random() < 0.1:
                t = vary(rng, t, vocab_en)
        units.append(MemoryUnit(s, t, "synthetic.tmx", str(k), pair))
    t0 = time.perf_counter()
    report = run_checks(units, lexicon, args.skip)
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skipped = ", ".join(args.skip) or "none"
    print(f"{len(units):,} units checked in {elapsed:.1f} s (skipped: {skipped}); "
          f"process peak memory {peak:,.0f} MB")  # fmt: skip
    for name, n in report.counts().items():
        print(f"  {name:<14} {n:>8}")


if __name__ == "__main__":
    main()
