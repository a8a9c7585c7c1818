"""The search for the cheapest chain of beads: a monotone dynamic program over beads 1-1, 1-0,
0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 (omissions and English-only captions are common in a loose
translation). A bead's cost combines what hunalign, Bleualign and Gale-Church each rely on:

- lexical support: for every sentence of the bead, the share of its words whose keys are found
  on the other side (counted by ``iwo_tm.align.alignment`` as hit matrices); with Apertium, the same
  for the machine translation. Per sentence, so a merge cannot hide a sentence the translator
  left out behind a well-matched neighbour;
- sentence length, Gale & Church's probability of the English length given the Spanish one;
- document structure: a heading pairs with a heading, a bold slogan with a bold slogan, and a
  bead that straddles a paragraph boundary pays for it.

The program is compiled (``iwo_tm._bead_dp``, built with the package where a C compiler is at
hand): cell by cell, an article of a few dozen sentences takes well under a millisecond.
Without it, the same program runs row by row over numpy vectors (one row per Spanish sentence,
for a batch of articles at once), so an article costs a few hundred vector operations rather
than a Python call per candidate bead. Both compute every cost in the same order and give the
same chain of beads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..corpus.segmentation import Segment

try:
    from .. import _bead_dp
except ImportError:  # built without a C compiler: numpy does the same work, more slowly
    _bead_dp = None

COMPILED = _bead_dp is not None  # whether the search runs compiled (False: numpy's program)

BEAD_SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
CODE = {shape: k for k, shape in enumerate(BEAD_SHAPES)}  # how back-pointers name a shape
LONGEST = max(a for a, _ in BEAD_SHAPES)  # most Spanish sentences in one bead
BLOCK = 16  # Spanish rows whose bead costs are computed together
BATCH_CELLS = 2_000_000  # most cells of the articles whose programs run side by side
PADDING = 1.5  # most cells of a batch, padding included, for each cell of its articles
_STEPS = 64  # the length model's resolution: steps per standard deviation


@dataclass
class Params:
    """Weights of the cost; tuned on the gold alignments in ``tests/data`` (see bench/)."""

    skip: float = 0.9  # cost per sentence left unaligned
    skip_caption: float = 0.5  # captions are often only on one side
    weight_length: float = 0.3
    length_cap: float = 3.0  # length alone never outweighs this: loose translations vary
    ratio: float = 0.92  # English characters per Spanish character
    variance: float = 6.8  # Gale & Church's s^2
    shape: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (2, 1): 0.25,
            (1, 2): 0.25,
            (2, 2): 1.5,
            (3, 1): 0.6,
            (1, 3): 0.6,
        }
    )
    kind_mismatch: float = 0.7  # a heading with a non-heading
    caption_mismatch: float = 0.3  # import sometimes reads a bold caption as a paragraph
    bold_mismatch: float = 0.25
    cross_paragraph: float = 0.35
    support: float = 0.5  # a sentence with this share of its words found across costs nothing
    full_similarity: float = 0.5  # for the confidence: a Dice overlap this high counts as certain


def two_tailed(delta: np.ndarray) -> np.ndarray:
    """P(|Z| >= |delta|) for a standard normal Z, i.e. 2 (1 - Phi(|delta|)).

    Abramowitz & Stegun 7.1.26 for erf (error below 1.5e-7), vectorised: numpy has no erf.
    """
    x = np.abs(delta) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return poly * np.exp(-x * x)  # = 1 - erf(x)


def cum(values: Sequence[float]) -> np.ndarray:
    """Prefix sums with a leading 0: the sum over [a, b) is c[b] - c[a]."""
    return np.concatenate(([0.0], np.cumsum(np.asarray(values, dtype=float))))


@dataclass(frozen=True)
class _Runs:
    """Facts of every run of k sentences ending before position i (i = 0..n): one row per
    article of a batch (``start``, the same for all, a vector)."""

    start: np.ndarray  # i - k, clipped at 0
    length: np.ndarray  # characters
    count: np.ndarray  # words that can match
    code: np.ndarray  # structure: 1 = has a heading, 2 = has a caption, 4 = all bold
    fixed: np.ndarray  # cost of its own: paragraph boundaries crossed, inf where k > i


class Side:
    """Per-sentence facts of one side, as prefix sums so any run of sentences costs O(1)."""

    def __init__(self, segs: Sequence[Segment], counts: list[int]):
        self.segs = segs
        facts = np.zeros((6, len(segs) + 1))  # one prefix sum for all six facts
        facts[0, 1:] = [len(s.text) for s in segs]
        facts[1, 1:] = counts
        facts[2:, 1:] = np.array(
            [(s.kind == "heading", s.kind == "caption", s.bold, s.first) for s in segs]
        ).T.reshape(4, len(segs))
        self.is_caption = facts[3, 1:] > 0
        np.cumsum(facts, axis=1, out=facts)
        self.facts = facts
        self.length, self.count, self.heading, self.caption, self.bold, self.first = facts


Sides = tuple[Side, Side]
MtMatch = tuple[np.ndarray, np.ndarray] | None  # hits of the MT output, its word counts
Problem = tuple[Sides, np.ndarray, MtMatch]  # an article's sides, lexical and MT hit sums


def cum2(h: np.ndarray) -> np.ndarray:
    """2-D prefix sums with a leading row and column of zeros."""
    out = np.zeros((h.shape[0] + 1, h.shape[1] + 1))
    out[1:, 1:] = h.cumsum(0).cumsum(1)
    return out


def _padded(rows: Sequence[np.ndarray], size: int) -> np.ndarray:
    """Prefix sums of several articles, one article per row of the last axes, each continued
    with its last value up to ``size``: past an article's end every run is empty."""
    out = np.empty((len(rows), *rows[0].shape[:-1], size))
    for d, r in enumerate(rows):
        out[d, ..., : r.shape[-1]] = r
        out[d, ..., r.shape[-1] :] = r[..., -1:]
    return out


class _Stack:
    """One side of a batch of articles (see ``BeadSearch.search``): the facts of every
    article's ``Side``, padded to the batch's longest, one article per row."""

    def __init__(self, sides: Sequence[Side], n: int):
        facts = _padded([s.facts for s in sides], n + 1)  # (articles, 6, n + 1)
        self.length, self.count, self.heading, self.caption, self.bold, self.first = (
            facts.transpose(1, 0, 2)
        )
        self.words = np.maximum(np.diff(self.count, axis=1), 1)  # each sentence's, at least 1
        self._runs: dict[tuple[int, float], _Runs] = {}

    def runs(self, k: int, cross_paragraph: float) -> _Runs:
        """Each article's runs of k sentences: vectors with one row per article."""
        key = (k, cross_paragraph)
        if key not in self._runs:  # every run length up to LONGEST at once
            i = np.arange(self.length.shape[1])
            ks = np.arange(1, max(k, LONGEST) + 1)[:, None]
            start = np.maximum(i - ks, 0)

            def run(prefix: np.ndarray) -> np.ndarray:  # (articles, run length, position)
                return prefix[:, None, :] - prefix[:, start]

            code = (
                (run(self.heading) > 0) * 1
                + (run(self.caption) > 0) * 2
                + (run(self.bold) == ks) * 4
            ).astype(np.intp)
            crossings = self.first[:, None, :] - self.first[:, np.minimum(start + 1, i)]
            fixed = np.where(i >= ks, cross_paragraph * crossings, np.inf)
            length, count = run(self.length), run(self.count)
            for r, size in enumerate(ks[:, 0].tolist()):
                self._runs[(size, cross_paragraph)] = _Runs(
                    start[r], length[:, r], count[:, r], code[:, r], fixed[:, r]
                )
        return self._runs[key]


class _Batch:
    """What the search reads of a batch of articles: both sides stacked, and the lexical and
    machine-translation hit sums as (articles, Spanish + 1, English + 1) arrays.

    An article without machine translation takes its lexical hits in the MT's place, which
    changes nothing: a sentence's support is the better of the two.
    """

    def __init__(self, problems: Sequence[Problem], n: int, m: int):
        self.es = _Stack([sides[0] for sides, _, _ in problems], n)
        self.en = _Stack([sides[1] for sides, _, _ in problems], m)
        self.m = m

        def hit_sums(cums: Sequence[np.ndarray]) -> np.ndarray:  # padded as _padded does
            out = np.empty((len(cums), n + 1, m + 1))
            for d, h in enumerate(cums):
                rows, cols = h.shape
                out[d, :rows, :cols] = h
                out[d, :rows, cols:] = h[:, -1:]
                out[d, rows:] = out[d, rows - 1]
            return out

        self.sources = [(hit_sums([lex for _, lex, _ in problems]), self.es.count)]
        if any(mtm is not None for _, _, mtm in problems):
            mt = [(lex, sides[0].count) if mtm is None else mtm for sides, lex, mtm in problems]
            self.sources.append((hit_sums([h for h, _ in mt]), _padded([c for _, c in mt], n + 1)))


class _Gaps:
    """Lexical cost of the beads ending in one block of Spanish rows: each sentence of a bead
    pays, up to 1, for the share of its words not found across.

    A Spanish sentence's share is the part of its words found in the English run; an English
    sentence's, the Spanish run's words found in it over its own word count; ``support`` or more
    is full support. Counted per sentence rather than over the whole bead, so that a merge
    cannot hide a sentence the translator left out behind a well-matched neighbour. Each
    sentence's gap depends on the other side's run length only, so it is computed once per run
    length and shifted for every shape. Arrays have one row per article of the batch.
    """

    def __init__(self, batch: _Batch, i0: int, i1: int, support: float):
        self.batch = batch
        self.i0, self.i1, self.full = i0, i1, 1.0 / support
        self.m = batch.m
        # Spanish sentence r - 1 for every row spanish() returns, and its word count (>= 1)
        self._r = np.maximum(np.arange(i0 - LONGEST + 1, i1), 1)
        self._es_words = [np.maximum(count[:, self._r] - count[:, self._r - 1], 1)[:, :, None]
                          for _, count in batch.sources]  # fmt: skip
        self._es: dict[int, np.ndarray] = {}
        self._en: dict[int, np.ndarray] = {}

    def _gap(self, share: np.ndarray) -> np.ndarray:
        return 1.0 - np.minimum(share * self.full, 1.0)

    def spanish(self, b: int) -> np.ndarray:
        """Row r - (i0 - LONGEST + 1): Spanish sentence r - 1 against every English run of b."""
        if b not in self._es:
            r = self._r
            back = np.maximum(np.arange(self.m + 1) - b, 0)
            share = None
            for (cum, _), words in zip(self.batch.sources, self._es_words, strict=True):
                one = cum[:, r] - cum[:, r - 1]
                s = (one - one[:, :, back]) / words
                share = s if share is None else np.maximum(share, s)
            self._es[b] = self._gap(share)
        return self._es[b]

    def english(self, a: int) -> np.ndarray:
        """Column c: English sentence c - 1 against every Spanish run of a sentences."""
        if a not in self._en:
            rows = np.arange(self.i0, self.i1)
            words = self.batch.en.words[:, None, :]
            share = None
            for cum, _ in self.batch.sources:
                run = cum[:, self.i0 : self.i1] - cum[:, np.maximum(rows - a, 0)]
                s = np.diff(run, axis=2) / words
                share = s if share is None else np.maximum(share, s)
            gap = self._gap(share)
            self._en[a] = np.concatenate((np.ones((*gap.shape[:2], 1)), gap), axis=2)
        return self._en[a]

    def cost(self, a: int, b: int, out: np.ndarray) -> None:
        """Write into ``out`` the gaps of Spanish [i-a, i) x English [j-b, j) (a >= 1)."""
        n = self.i1 - self.i0
        es_gap, en_gap = self.spanish(b), self.english(a)
        first = LONGEST - a  # Spanish sentence i - a + k, at row i - a + k + 1
        out[...] = es_gap[:, first : first + n]
        for k in range(1, a):
            out += es_gap[:, first + k : first + k + n]
        for k in range(b):  # English sentence j - b + k is column j - b + k + 1 of en_gap
            s = b - k - 1  # columns j < s have no such sentence: a bead that does not fit
            out[:, :, s:] += en_gap[:, :, : self.m + 1 - s]
            if s:
                out[:, :, :s] += en_gap[:, :, :1]


class BeadSearch:
    """The cheapest chain of beads of the given ``shapes`` under the weights ``params``."""

    def __init__(self, params: Params, shapes: Sequence[tuple[int, int]]):
        self.p = p = params
        self.shapes = tuple(shapes)
        # Gale & Church: -log P(|Z| >= |delta|), weighted and capped, for |delta| = k / _STEPS
        delta = np.arange(_STEPS * 8 + 1) / _STEPS
        surprise = -np.log(np.maximum(two_tailed(delta), 1e-12))
        self._surprise = p.weight_length * np.minimum(surprise, p.length_cap)
        # structure: the cost of a Spanish run's code against an English run's
        ce, cn = np.arange(8)[:, None], np.arange(8)[None, :]
        self._structure = (
            p.kind_mismatch * ((ce & 1) != (cn & 1))
            + p.caption_mismatch * ((ce & 2) != (cn & 2))
            + p.bold_mismatch * ((ce & 4) != (cn & 4))
        )
        # the order both programs try shapes in (1-0 first, then those with both sides), and
        # the compiled program's shapes in it: (a, b, shape cost, code)
        self._order = [(1, 0)] + [(a, b) for a, b in self.shapes if a and b]
        self._costed = [(a, b, p.shape[(a, b)] if b else 0.0, CODE[(a, b)]) for a, b in self._order]

    def block_costs(
        self, batch: _Batch, i0: int, i1: int, shapes: Sequence[tuple[int, int]]
    ) -> np.ndarray:
        """Cost of every bead of ``shapes`` ending at Spanish row i in [i0, i1) and any English j,
        for every article of ``batch``.

        ``out[d, s, i - i0, j]`` is the cost, in article d, of Spanish [i-a, i) with English
        [j-b, j) for ``shapes[s] = (a, b)``; cells where the bead does not fit are infinite.
        All articles and shapes are computed together, a few operations on one 4-D array:
        per-run facts are vectors (``_Stack.runs``), structure a table lookup, length a table
        of Gale & Church's surprise. Cells past an article's end hold costs of empty runs,
        which its own chain never reads (beads only look back).
        """
        p = self.p
        es, en = batch.es, batch.en
        rows = slice(i0, i1)
        gaps = _Gaps(batch, i0, i1, p.support)
        cost = np.empty((len(es.length), len(shapes), i1 - i0, batch.m + 1))
        for s, (a, b) in enumerate(shapes):
            gaps.cost(a, b, cost[:, s])
        e_runs = [es.runs(a, p.cross_paragraph) for a, _ in shapes]
        n_runs = [en.runs(b, p.cross_paragraph) for _, b in shapes]
        # length: |delta| in steps of 1/_STEPS, looked up in the surprise table
        l1 = np.stack([e.length[:, rows] for e in e_runs], axis=1)
        l2 = np.stack([n.length for n in n_runs], axis=1)
        spread = _STEPS / np.sqrt(np.maximum(l1, 1.0) * p.variance)
        delta = np.abs(((l1 * p.ratio)[..., None] - l2[:, :, None, :]) * spread[..., None])
        cost += self._surprise.take(delta.astype(np.intp), mode="clip")
        e_code = np.stack([e.code[:, rows] for e in e_runs], axis=1)
        n_code = np.stack([n.code for n in n_runs], axis=1)
        cost += self._structure[e_code[..., None], n_code[:, :, None, :]]
        shape_cost = np.array([p.shape[sh] for sh in shapes])
        e_fixed = np.stack([e.fixed[:, rows] for e in e_runs], axis=1) + shape_cost[:, None]
        cost += e_fixed[..., None] + np.stack([n.fixed for n in n_runs], axis=1)[:, :, None, :]
        return cost

    def search(self, problems: list[Problem]) -> list[list[tuple[range, range]]]:
        """The cheapest chain of beads of every article, articles of similar size together.

        The program advances one Spanish row at a time for a whole batch of articles (padded
        to the batch's largest), and the bead costs are computed for the whole batch too, so
        that numpy calls are paid once per batch rather than once per article. Padded cells
        cost work all the same, so a batch stops growing where padding would add half its
        cells (``PADDING``). Compiled, each article runs on its own, with no padding.
        """
        if COMPILED and _bead_dp is not None:
            return [self._search_compiled(problem) for problem in problems]
        sizes = [(len(sides[0].segs) + 1) * (len(sides[1].segs) + 1) for sides, _, _ in problems]
        order = sorted(range(len(problems)), key=lambda k: sizes[k])
        batches: list[list[int]] = []
        n_max = m_max = cells = 0
        for k in order:
            n, m = len(problems[k][0][0].segs), len(problems[k][0][1].segs)
            grown = (
                (len(batches[-1]) + 1 if batches else 1) * (max(n, n_max) + 1) * (max(m, m_max) + 1)
            )
            if not batches or grown > PADDING * (cells + sizes[k]) or grown > BATCH_CELLS:
                batches.append([])
                n_max = m_max = cells = 0
            batches[-1].append(k)
            n_max, m_max, cells = max(n, n_max), max(m, m_max), cells + sizes[k]
        paths: list[list[tuple[range, range]]] = [[] for _ in problems]
        for batch in batches:
            for k, path in zip(
                batch, self._search_batch([problems[k] for k in batch]), strict=True
            ):
                paths[k] = path
        return paths

    def _search_compiled(self, problem: Problem) -> list[tuple[range, range]]:
        """``search`` for one article, by the compiled program (same costs, same order)."""
        p = self.p
        (es, en), lex, mtm = problem
        chain = _bead_dp.search(
            len(es.segs),
            len(en.segs),
            es.facts,
            en.facts,
            [(lex, es.count)] + ([mtm] if mtm is not None else []),
            np.where(es.is_caption, p.skip_caption, p.skip),
            cum(np.where(en.is_caption, p.skip_caption, p.skip)),
            self._costed,
            self._surprise,
            self._structure,
            p.cross_paragraph,
            1.0 / p.support,
            p.ratio,
            p.variance,
            float(_STEPS),
            CODE[(0, 1)],
        )
        return _path(len(es.segs), len(en.segs), chain)

    def _search_batch(self, problems: list[Problem]) -> list[list[tuple[range, range]]]:
        """``search`` for one batch (``lex`` and ``mtm`` as 2-D prefix sums)."""
        p = self.p
        ns = [len(sides[0].segs) for sides, _, _ in problems]
        ms = [len(sides[1].segs) for sides, _, _ in problems]
        d_count, n_top, m_top = len(problems), max(ns), max(ms)
        shapes = self._order
        shape_codes = np.array([CODE[sh] for sh in shapes], dtype=np.int8)
        pad = max(b for _, b in shapes)
        columns = np.arange(m_top + 1)
        a_of = np.array([a for a, _ in shapes])
        b_of = np.array([b for _, b in shapes])
        # per article, the last four rows of best costs, each preceded by ``pad`` infinite
        # cells, so that the cell (r, j - b) of every shape is one gather: row r lives at
        # (r % 4), column pad + j. Rows are kept minus the cost of skipping English 0..j,
        # which makes the 0-1 beads of a row a plain running minimum. Columns past an
        # article's end are never read by its own columns (beads only look left).
        width = m_top + 1 + pad
        rows = np.full((d_count, 4, width), np.inf)
        rows[:, 0, pad:] = 0.0
        flat = rows.reshape(-1)
        gather = (pad - b_of)[:, None] + columns[None, :]
        base = (np.arange(d_count) * 4 * width)[:, None, None]
        # where each shape's previous row lives, for each of the four values of i % 4
        index = [base + ((((r - a_of) % 4) * width)[:, None] + gather) for r in range(4)]
        # what moving from column j - b to column j does to the kept rows, per shape
        shift = np.zeros((d_count, len(shapes), 1, m_top + 1))
        skips = []
        for d, (sides, _, _) in enumerate(problems):
            es, en = sides
            skips.append(np.where(es.is_caption, p.skip_caption, p.skip))
            skip_cum = cum(np.where(en.is_caption, p.skip_caption, p.skip))
            cols = columns[: ms[d] + 1]
            shift[d, :, 0, : ms[d] + 1] = skip_cum[np.maximum(cols - b_of[:, None], 0)] - skip_cum
        skip_es = _padded(skips, n_top)
        batch = _Batch(problems, n_top, m_top)
        picks = np.zeros((n_top + 1, d_count, m_top + 1), dtype=np.intp)
        skipped = np.zeros((n_top + 1, d_count, m_top + 1), dtype=bool)
        costs = np.empty(0)
        block_start = 1
        for i in range(1, n_top + 1):
            if i == 1 or i - block_start >= BLOCK:
                block_start = i
                i1 = min(i + BLOCK, n_top + 1)
                costs = np.empty((d_count, len(shapes), i1 - i, m_top + 1))
                costs[:, 0] = skip_es[:, i - 1 : i1 - 1, None]
                costs[:, 1:] = self.block_costs(batch, i, i1, shapes[1:])
                costs += shift
            stack = flat.take(index[i % 4])
            stack += costs[:, :, i - block_start]
            stack.argmin(axis=1, out=picks[i])
            best = stack.min(axis=1)
            running = np.minimum.accumulate(best, axis=1, out=rows[:, i % 4, pad:])
            np.less(running, best, out=skipped[i])  # row i - 4 above is no longer needed
        paths = []
        for d in range(d_count):
            n, m = ns[d], ms[d]
            back = np.where(
                skipped[: n + 1, d, : m + 1], CODE[(0, 1)], shape_codes[picks[: n + 1, d, : m + 1]]
            )
            back[0, 1:] = CODE[(0, 1)]
            chain = []
            i, j = n, m
            while i or j:
                chain.append(back[i, j])
                a, b = BEAD_SHAPES[back[i, j]]
                i, j = i - a, j - b
            paths.append(_path(n, m, chain))
        return paths


def _path(n: int, m: int, chain: Sequence[int]) -> list[tuple[range, range]]:
    """The beads of a chain given from its end as codes of ``BEAD_SHAPES``, in reading order."""
    path = []
    for code in chain:
        a, b = BEAD_SHAPES[code]
        path.append((range(n - a, n), range(m - b, m)))
        n, m = n - a, m - b
    path.reverse()
    return path
