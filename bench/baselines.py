"""Baselines the aligner is measured against in bench/align.py, written for this benchmark.

- Gale & Church (1993): sentence length only.
- A Bleualign-style aligner after Sennrich & Volk (2010), reimplemented here from the paper's
  description because Bleualign itself is neither on PyPI nor in Debian: the Spanish is
  machine-translated (Apertium), every translated sentence is scored against every English
  sentence with BLEU up to bigrams in both directions (harmonic mean, zero without a shared
  bigram), the best three English candidates of each are kept, a dynamic program picks the
  monotone chain of 1-1 pairs with the highest total score, and the gaps between those anchors
  are filled by Gale & Church. Bleualign's extra step of merging a gap sentence into a
  neighbouring anchor when that raises BLEU is left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter

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


# lower-case text cut into words and single marks, as the BLEU scripts and hunalign expect it
TOKEN = re.compile(r"\w+|[^\w\s]")


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[k : k + n]) for k in range(len(tokens) - n + 1))


def _bleu2(test: list[str], ref: list[str]) -> float:
    """BLEU up to bigrams with the brevity penalty, 0 when no bigram is shared."""
    if len(test) < 2 or len(ref) < 2:
        return 0.0
    log = 0.0
    for n in (1, 2):
        t, r = _ngrams(test, n), _ngrams(ref, n)
        correct = sum(min(c, r[g]) for g, c in t.items())
        if not correct:
            return 0.0
        log += math.log(correct / max(len(test) - n + 1, 1)) / 2
    log += min(0.0, 1 - len(ref) / len(test))
    return math.exp(log)


def bleualign_style(
    mt: list[str], en: list[str], es_len: list[int], en_len: list[int], keep: int = 3
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    tm = [TOKEN.findall(s.lower()) for s in mt]
    te = [TOKEN.findall(s.lower()) for s in en]
    n, m = len(tm), len(te)
    cand: list[dict[int, float]] = []
    for t in tm:
        scores = []
        for j, r in enumerate(te):
            a, b = _bleu2(t, r), _bleu2(r, t)
            if a > 0 and b > 0:
                scores.append((2 * a * b / (a + b), j))
        cand.append({j: s for s, j in sorted(scores, reverse=True)[:keep]})
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j], move[i][j] = best[i - 1][j], "up"
            if best[i][j - 1] > best[i][j]:
                best[i][j], move[i][j] = best[i][j - 1], "left"
            s = cand[i - 1].get(j - 1)
            if s is not None and s + best[i - 1][j - 1] > best[i][j]:
                best[i][j], move[i][j] = s + best[i - 1][j - 1], "match"
    anchors, i, j = [], n, m
    while i and j:
        if move[i][j] == "match":
            anchors.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move[i][j] == "up":
            i -= 1
        else:
            j -= 1
    anchors.reverse()
    out: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    pi, pj = 0, 0
    for ai, aj in anchors + [(n, m)]:
        gap_es, gap_en = list(range(pi, ai)), list(range(pj, aj))
        if gap_es and gap_en:
            for a, b in gale_church([es_len[k] for k in gap_es], [en_len[k] for k in gap_en]):
                out.append((tuple(gap_es[k] for k in a), tuple(gap_en[k] for k in b)))
        else:
            out += [((k,), ()) for k in gap_es] + [((), (k,)) for k in gap_en]
        if ai < n:
            out.append(((ai,), (aj,)))
        pi, pj = ai + 1, aj + 1
    return out
