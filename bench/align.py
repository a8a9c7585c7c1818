"""Alignment quality against the hand-made gold beads, and alignment speed.

    python bench/align.py            # iwo-tm with every signal available here, and Gale-Church
    python bench/align.py --no-mt    # without Apertium

For each gold article (tests/data/gold/PAIR.beads) prints strict and lax F1 of iwo-tm, of a
length-only Gale & Church (1993) baseline, where Apertium is installed of a Bleualign-style
baseline (bench/baselines.py), and where Node.js is installed of hunalign itself with and
without -realign (bench/hunalign.py), then the overall figures, then the throughput of
`align` over the whole corpus in sentence pairs per second ((Spanish + English sentences) / 2,
segmentation excluded), with and without Apertium: cold, each run in a new Python process (the
corpus and the dictionary loaded, then the alignment timed: every word is new), and warm (words
already seen, as deep into a long run). Last, the time a user waits for the whole `iwo-tm align
--mt no` command: start-up, reading and segmenting the corpus, the dictionary, the alignment and
writing the memory.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import hunalign
from baselines import bleualign_style, gale_church

from iwo_tm.align import bead_search
from iwo_tm.align.alignment import Aligner, clear_caches
from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.formats.beads import read_beads, score
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.language.machine_translation import Translator, available

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
# gold written after the weights of iwo_tm.align.alignment.Params were last changed
# (tests/data/gold)
HELD_OUT = {
    "37-peru-the-up-surging-masses-coordinator-has",
    "37-the-battle-for-lima-continues",
    "41-one-year-after-the-massacre-of-the",
    "41-peru-statement-of-liga-socialista-de-los",
}


def load_corpus() -> tuple[list[str], list]:
    """The corpus's pair ids and its segmented (Spanish, English) articles."""
    pairs, _ = load_pairs(ROOT / "corpus")
    return [es.pair for es, _ in pairs], [
        (segment_article(es), segment_article(en)) for es, en in pairs
    ]


def one_cold_run(passes: str) -> None:
    """Print the seconds of one alignment of the corpus in this (new) process."""
    docs, lexicon = load_corpus()[1], load_freedict()
    t0 = time.perf_counter()
    Aligner(lexicon).align_many(docs, learn_pass=passes == "two")
    print(time.perf_counter() - t0)


def cold_runs(passes: str, runs: int = 7) -> list[float]:
    """Seconds of ``runs`` alignments, each in a fresh Python process."""
    command = [sys.executable, __file__, "--one-cold-run", passes]
    return [float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
            for _ in range(runs)]  # fmt: skip


def command_runs(runs: int = 5) -> list[float]:
    """Seconds of ``runs`` whole ``iwo-tm align --mt no`` commands, the memory written aside."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "iwo_tm.cli", "align", "--mt", "no", "--quiet",
                   "--corpus", str(ROOT / "corpus"), "--tmx-dir", tmp]  # fmt: skip
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-mt", action="store_true")
    ap.add_argument("--one-cold-run", choices=("one", "two"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_cold_run:
        one_cold_run(args.one_cold_run)
        return
    names, docs = load_corpus()
    use_mt = available() and not args.no_mt
    translator = Translator() if use_mt else None
    mts = [translator.translate([s.text for s in es]) if translator else None for es, _ in docs]
    lexicon = load_freedict()
    ours = Aligner(lexicon).align_many(docs, mts)

    print(f"signals: {', '.join(ours[0].signals)}")
    systems = ["iwo-tm", "Gale-Church"] + (["Bleualign-style"] if use_mt else [])
    hun = hunalign.compare(docs)
    if not hun:
        print(f"hunalign: not compared ({hunalign.install()})")
    systems += list(hun)
    print(f"{'strict F1 / lax F1':<58} {'n':>4} " + " ".join(f"{x:>18}" for x in systems))
    results: dict[str, list] = {x: [] for x in systems}
    for gold_file in sorted(GOLD.glob("*.beads")):
        k = names.index(gold_file.stem)
        gold = read_beads(gold_file)
        es, en = docs[k]
        es_len, en_len = [len(s.text) for s in es], [len(s.text) for s in en]
        tests = {"iwo-tm": ours[k].pairs(), "Gale-Church": gale_church(es_len, en_len)}
        if use_mt:
            tests["Bleualign-style"] = bleualign_style(mts[k], [s.text for s in en], es_len, en_len)
        tests.update((x, beads[k]) for x, beads in hun.items())
        cells = []
        for x in systems:
            results[x].append((gold, tests[x]))
            sc = score([(gold, tests[x])])
            cells.append(f"{sc.f1_strict:.3f} / {sc.f1_lax:.3f}")
        mark = " (held out)" if gold_file.stem in HELD_OUT else ""
        print(f"{gold_file.stem + mark:<58} {len(gold):>4} " + " ".join(f"{c:>18}" for c in cells))
    total = sum(len(g) for g, _ in results["iwo-tm"])
    cells = [f"{score(results[x]).f1_strict:.3f} / {score(results[x]).f1_lax:.3f}" for x in systems]
    print(f"{'overall':<58} {total:>4} " + " ".join(f"{c:>18}" for c in cells))
    a = score(results["iwo-tm"])
    print(f"iwo-tm strict precision {a.precision_strict:.3f} recall {a.recall_strict:.3f}")

    sentences = sum(len(es) + len(en) for es, en in docs) / 2
    search = "compiled" if bead_search.COMPILED else "numpy's (iwo_tm._bead_dp is not built)"
    print(f"throughput over {sentences:.0f} sentence pairs, {search} bead search:")
    for passes in ("two", "one"):
        times = cold_runs(passes)
        print(
            f"  without MT, {passes} pass{'es' if passes == 'two' else ''}, cold (a fresh process "
            f"each, best / median of {len(times)}): {sentences / min(times):,.0f} / "
            f"{sentences / statistics.median(times):,.0f} pairs/s"
        )

    def timed(with_mt: bool, cold: bool) -> float:
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
            Aligner(lexicon).align_many(docs, m)
            best = min(best, time.perf_counter() - t0)
        return sentences / best

    warm = timed(False, False)
    print(f"  without MT, two passes, warm (words already seen, best of 5): {warm:,.0f} pairs/s")
    if use_mt:
        print(f"  with Apertium, empty cache, cold: {timed(True, True):,.0f} pairs/s")
    else:
        print("  with Apertium: " + ("skipped (--no-mt)" if args.no_mt else "not installed here"))
    times = command_runs()
    print(f"the whole `iwo-tm align --mt no` command (best / median of {len(times)}): "
          f"{min(times):.2f} / {statistics.median(times):.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
