"""Alignments as beads, in the text format of Vecalign's gold files, and how they are scored.

A bead pairs a run of Spanish sentences with a run of English ones: ``[0]:[0]`` (1-1),
``[1, 2]:[1]`` (2-1, a merge), ``[3]:[]`` (a Spanish sentence left out of the English),
``[]:[4]`` (an English-only sentence, such as a caption). Scoring follows Vecalign's
``score.py`` (after Sennrich & Volk 2011): precision counts every test bead, recall only beads
with both sides; a lax hit is a wrong bead that overlaps a gold bead on both sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import IwoError
from ..textfiles import read_text

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
_LINE = regex.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def format_bead(es: Sequence[int], en: Sequence[int]) -> str:
    return f"[{', '.join(map(str, es))}]:[{', '.join(map(str, en))}]"


def parse_beads(text: str, path: str | Path | None = None) -> list[BeadPair]:
    """Read bead lines; a malformed line is an error naming the file and line."""
    out: list[BeadPair] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise IwoError(
                f"not a bead (expected like [0, 1]:[2]): {line.strip()[:60]}", path, number
            )
        sides = tuple(tuple(int(x) for x in g.replace(",", " ").split()) for g in m.groups())
        out.append((sides[0], sides[1]))
    return out


def read_beads(path: str | Path) -> list[BeadPair]:
    return parse_beads(read_text(path), path)


def _precision_counts(gold: Iterable[BeadPair], test: Iterable[BeadPair]) -> list[int]:
    """tp strict, fp strict, tp lax, fp lax of ``test`` measured against ``gold``."""
    gold_set = {b for b in gold if b[0] or b[1]}
    test_set = {b for b in test if b[0] or b[1]}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    tp_s = fp_s = tp_l = fp_l = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        reachable = set().union(*(gold_targets[s] for s in src)) if src else set()
        if reachable.intersection(tgt):
            tp_l += 1
        else:
            fp_l += 1
    return [tp_s, fp_s, tp_l, fp_l]


@dataclass
class Score:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: Iterable[tuple[list[BeadPair], list[BeadPair]]]) -> Score:
    """Score one or more (gold, test) alignments together, micro-averaged like Vecalign."""
    pc = [0, 0, 0, 0]
    rc = [0, 0, 0, 0]
    for gold, test in pairs:
        pc = [a + b for a, b in zip(pc, _precision_counts(gold, test), strict=True)]
        gold_both = [b for b in gold if b[0] and b[1]]
        test_both = [b for b in test if b[0] and b[1]]
        rc = [a + b for a, b in zip(rc, _precision_counts(test_both, gold_both), strict=True)]
    ps, pl = _ratio(pc[0], pc[1]), _ratio(pc[2], pc[3])
    rs, rl = _ratio(rc[0], rc[1]), _ratio(rc[2], rc[3])
    return Score(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))
