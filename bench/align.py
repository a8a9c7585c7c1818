"""Alignment quality against the hand-made gold beads, and alignment speed.

    python bench/align.py            # iwo-tm with every signal available here, and Gale-Church
    python bench/align.py --no-mt    # without Apertium

For each gold article (tests/data/gold/PAIR.beads) prints strict and lax F1 of iwo-tm and of a
length-only Gale & Church (1993) baseline, then the overall figures, then the throughput of
`align` over the whole corpus in sentence pairs per second ((Spanish + English sentences) / 2,
segmentation excluded), with and without Apertium, cold (every cache empty, as in a fresh
process) and warm (words already seen, as deep into a long run).
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from iwo_tm.alignment import Aligner, clear_caches
from iwo_tm.beads import read_beads, score
from iwo_tm.documents import load_pairs
from iwo_tm.lexicon import load_freedict
from iwo_tm.machine_translation import Translator, available
from iwo_tm.segmentation import segment_article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
# gold written after the weights of iwo_tm.alignment.Params were last changed (tests/data/gold)
HELD_OUT = {
    "37-it-is-necessary-to-generalize-and-extend",
    "37-peru-the-up-surging-masses-coordinator-has",
    "41-one-year-after-the-massacre-of-the",
}

# Gale & Church (1993): priors of bead shapes and the length model, nothing else.
GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2,
             (1, 2): 0.089 / 2, (2, 2): 0.011}  # fmt: skip


def gale_church(es_len: list[int], en_len: list[int], c: float = 0.92, s2: float = 6.8):
    """The classic length-only aligner, as the baseline every aligner is compared with."""
    n, m = len(es_len), len(en_len)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for (a, b), prior in GC_PRIORS.items():
                if i < a or j < b or cost[i - a][j - b] == inf:
                    continue
                l1, l2 = sum(es_len[i - a : i]), sum(en_len[j - b : j])
                if a and b:
                    delta = (l2 - l1 * c) / math.sqrt(max(l1, 1) * s2)
                    p = 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))
                    d = -math.log(prior) - math.log(max(p, 1e-12))
                else:
                    d = -math.log(prior) + 5.0  # a skip: prior and a fixed length penalty
                if cost[i - a][j - b] + d < cost[i][j]:
                    cost[i][j] = cost[i - a][j - b] + d
                    back[i][j] = (a, b)
    path, i, j = [], n, m
    while i or j:
        a, b = back[i][j]
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return path[::-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-mt", action="store_true")
    args = ap.parse_args()
    pairs, _ = load_pairs(ROOT / "corpus")
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    names = [es.pair for es, _ in pairs]
    use_mt = available() and not args.no_mt
    translator = Translator() if use_mt else None
    mts = [translator.translate([s.text for s in es]) if translator else None for es, _ in docs]
    lexicon = load_freedict()
    ours = Aligner(lexicon).align_many(docs, mts)

    print(f"signals: {', '.join(ours[0].signals)}")
    head = f"{'iwo-tm strict':>13} {'lax':>6} {'Gale-Church strict':>18} {'lax':>6}"
    print(f"{'article':<58} {'n':>4} {head}")
    all_ours, all_gc = [], []
    for gold_file in sorted(GOLD.glob("*.beads")):
        k = names.index(gold_file.stem)
        gold = read_beads(gold_file)
        es, en = docs[k]
        test = ours[k].pairs()
        base = gale_church([len(s.text) for s in es], [len(s.text) for s in en])
        a, b = score([(gold, test)]), score([(gold, base)])
        all_ours.append((gold, test))
        all_gc.append((gold, base))
        mark = " (held out)" if gold_file.stem in HELD_OUT else ""
        print(f"{gold_file.stem + mark:<58} {len(gold):>4} {a.f1_strict:>13.3f} {a.f1_lax:>6.3f} "
              f"{b.f1_strict:>18.3f} {b.f1_lax:>6.3f}")  # fmt: skip
    a, b = score(all_ours), score(all_gc)
    print(f"{'overall':<58} {sum(len(g) for g, _ in all_ours):>4} {a.f1_strict:>13.3f} "
          f"{a.f1_lax:>6.3f} {b.f1_strict:>18.3f} {b.f1_lax:>6.3f}")  # fmt: skip
    print(f"iwo-tm strict precision {a.precision_strict:.3f} recall {a.recall_strict:.3f}")

    sentences = sum(len(es) + len(en) for es, en in docs) / 2
    print(f"throughput over {sentences:.0f} sentence pairs, two passes, best of 5:")

    def timed(with_mt: bool, cold: bool, learn_pass: bool = True) -> float:
        best = math.inf
        for _ in range(1 if with_mt else 5):
            if cold:
                clear_caches()
            t0 = time.perf_counter()
            if with_mt:  # one Apertium call per document, into an empty cache
                with tempfile.TemporaryDirectory() as empty:
                    fresh = Translator(cache=Path(empty))
                    m = [fresh.translate([s.text for s in es]) for es, _ in docs]
            else:
                m = None
            Aligner(lexicon).align_many(docs, m, learn_pass=learn_pass)
            best = min(best, time.perf_counter() - t0)
        return sentences / best

    for label, cold, learn_pass in (
        ("cold (every word new, as in a fresh process)", True, True),
        ("warm (words already seen, the steady state)", False, True),
        ("one pass (no learnt vocabulary), cold", True, False),
    ):
        print(f"  without MT, {label}: {timed(False, cold, learn_pass):,.0f} pairs/s")
    if use_mt:
        print(f"  with Apertium, empty cache, cold: {timed(True, True):,.0f} pairs/s")
    else:
        print("  with Apertium: " + ("skipped (--no-mt)" if args.no_mt else "not installed here"))


if __name__ == "__main__":
    main()
