"""Memory lookup on a large memory: build time, peak memory, latency, agreement.

    python bench/lookup.py                 # 1,000,000 units, 300 queries, 100 checked exhaustively
    python bench/lookup.py --units 100000  # smaller

The memory is made from the corpus's aligned units, varied: each synthetic unit is a real
Spanish sentence with one to three words replaced by other words of the corpus, a word dropped
or one inserted, so that near-duplicates abound as in a real memory. Queries are real corpus
sentences, varied the same way, plus the example texts' segments. For each query the index's
best match is compared with an exhaustive rapidfuzz search over every unit (the same word-level
score, computed by rapidfuzz over all the memory, then the CAT penalty on its 200 best).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from iwo_tm.corpus.documents import iter_corpus
from iwo_tm.corpus.segmentation import segment_article, segment_markdown
from iwo_tm.language.tokens import match_words
from iwo_tm.memory.fuzzy import FuzzyIndex, match_score
from iwo_tm.memory.units import MemoryUnit

ROOT = Path(__file__).resolve().parent.parent


def vary(rng: random.Random, text: str, vocab: list[str]) -> str:
    ws = text.split()
    if len(ws) < 3:
        return text + " " + rng.choice(vocab)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        k = rng.randrange(len(ws))
        if op < 0.6:
            ws[k] = rng.choice(vocab)
        elif op < 0.8 and len(ws) > 3:
            del ws[k]
        else:
            ws.insert(k, rng.choice(vocab))
    return " ".join(ws)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--exhaustive", type=int, default=100)
    args = ap.parse_args()
    rng = random.Random(37)
    sentences = [s.text for a in iter_corpus(ROOT / "corpus", "es") for s in segment_article(a)]
    vocab = sorted({w for s in sentences for w in s.split()})
    t0 = time.perf_counter()
    units = [
        MemoryUnit(
            vary(rng, sentences[k % len(sentences)], vocab), f"EN {k}", "synthetic.tmx", str(k)
        )
        for k in range(args.units)
    ]
    made = time.perf_counter() - t0
    before = peak_mb()
    t0 = time.perf_counter()
    index = FuzzyIndex(units)
    build = time.perf_counter() - t0
    after = peak_mb()
    print(f"memory: {len(units):,} units ({made:.1f} s to make), vocabulary {len(index.vocab):,}")
    print(f"index built in {build:.1f} s; process peak memory {after:,.0f} MB "
          f"(before the index {before:,.0f} MB)")  # fmt: skip

    queries = [vary(rng, rng.choice(sentences), vocab) for _ in range(args.queries // 2)]
    queries += [rng.choice(sentences) for _ in range(args.queries // 4)]
    for example in sorted((ROOT / "examples").glob("*.md")):
        queries += [s.text for s in segment_markdown(example.read_text(encoding="utf-8"))[1]]
    queries = queries[: args.queries]
    times, best = [], []
    for q in queries:
        t0 = time.perf_counter()
        found = index.search(q, n=1, threshold=0)
        times.append(1000 * (time.perf_counter() - t0))
        best.append(found[0].score if found else 0)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"{len(queries)} queries: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms")

    agree, checked, t_ex, usable, usable_agree = 0, 0, 0.0, 0, 0
    for q, ours in list(zip(queries, best, strict=True))[: args.exhaustive]:
        t0 = time.perf_counter()
        code = index.query_code(q)
        top = process.extract(
            code, index.codes, scorer=Levenshtein.normalized_similarity, limit=200
        )
        exhaustive = max((match_score(q, units[k].source) for _, _, k in top), default=0)
        t_ex += time.perf_counter() - t0
        checked += 1
        agree += ours == exhaustive
        if exhaustive >= 50:
            usable += 1
            usable_agree += ours == exhaustive
        if ours != exhaustive:
            print(f"  differs: ours {ours}% exhaustive {exhaustive}%: {q[:70]}")
    share = 100 * agree / checked
    print(f"top match identical to exhaustive search on {agree}/{checked} queries ({share:.1f}%); "
          f"exhaustive search {1000 * t_ex / checked:.0f} ms/query")  # fmt: skip
    print(f"among queries whose best match is 50% or more: {usable_agree}/{usable}")
    n_words = statistics.mean(len(match_words(q)) for q in queries)
    print(f"(queries average {n_words:.1f} words)")


if __name__ == "__main__":
    main()
