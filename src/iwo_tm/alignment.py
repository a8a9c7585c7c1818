"""Sentence alignment: which Spanish sentences the English translates, as a chain of beads.

A monotone dynamic program over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1 and 1-3 (omissions and
English-only captions are common in a loose translation). A bead's cost combines what
hunalign, Bleualign and Gale-Church each rely on:

- lexical support: for every sentence of the bead, the share of its words whose keys (cognates,
  numbers, names, acronyms, ¡!, a bilingual lexicon) are found on the other side; with
  Apertium, the same for the machine translation. Per sentence, so a merge cannot hide a
  sentence the translator left out behind a well-matched neighbour;
- sentence length, Gale & Church's probability of the English length given the Spanish one;
- document structure: a heading pairs with a heading, a bold slogan with a bold slogan, and a
  bead that straddles a paragraph boundary pays for it.

The program runs row by row over numpy vectors (one row per Spanish sentence), so an article
costs a few hundred vector operations rather than a Python call per candidate bead.
Each bead gets a confidence in [0, 1] from its similarity and length agreement, which decides
whether it goes into the memory or to a person for review.
"""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import numpy as np

from .errors import IwoError
from .lexicon import Lexicon, content_words, learn_words, reading, word_keys
from .lexicon import clear_caches as _clear_word_caches
from .segmentation import Segment

BEAD_SHAPES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
LONGEST = max(a for a, _ in BEAD_SHAPES)  # most Spanish sentences in one bead
MAX_SENTENCES = 5000  # per side and article: the program keeps n x m back-pointers
BLOCK = 64  # Spanish rows whose bead costs are computed together
BATCH_CELLS = 2_000_000  # most cells of the articles whose programs run side by side
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


class AlignedBead(NamedTuple):
    """Spanish and English sentence indices aligned together (either may be empty)."""

    es: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float
    similarity: float

    @property
    def shape(self) -> str:
        return f"{len(self.es)}-{len(self.en)}"


@dataclass
class Alignment:
    beads: list[AlignedBead]
    signals: list[str]

    def pairs(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        return [(b.es, b.en) for b in self.beads]


def _two_tailed(delta: np.ndarray) -> np.ndarray:
    """P(|Z| >= |delta|) for a standard normal Z, i.e. 2 (1 - Phi(|delta|)).

    Abramowitz & Stegun 7.1.26 for erf (error below 1.5e-7), vectorised: numpy has no erf.
    """
    x = np.abs(delta) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return poly * np.exp(-x * x)  # = 1 - erf(x)


def _cum(values: Sequence[float]) -> np.ndarray:
    """Prefix sums with a leading 0: the sum over [a, b) is c[b] - c[a]."""
    return np.concatenate(([0.0], np.cumsum(np.asarray(values, dtype=float))))


@dataclass(frozen=True)
class _Runs:
    """Facts of every run of k sentences ending before position i (i = 0..n), as vectors."""

    start: np.ndarray  # i - k, clipped at 0
    length: np.ndarray  # characters
    count: np.ndarray  # words that can match
    code: np.ndarray  # structure: 1 = has a heading, 2 = has a caption, 4 = all bold
    fixed: np.ndarray  # cost of its own: paragraph boundaries crossed, inf where k > i


class _Side:
    """Per-sentence facts of one side, as prefix sums so any run of sentences costs O(1)."""

    def __init__(self, segs: Sequence[Segment], counts: list[int]):
        self.segs = segs
        self.length = _cum([len(s.text) for s in segs])
        self.count = _cum(counts)
        self.heading = _cum([s.kind == "heading" for s in segs])
        self.caption = _cum([s.kind == "caption" for s in segs])
        self.bold = _cum([s.bold for s in segs])
        self.first = _cum([s.first for s in segs])
        self.is_caption = np.array([s.kind == "caption" for s in segs], dtype=bool)
        self._runs: dict[tuple[int, float], _Runs] = {}

    def runs(self, k: int, cross_paragraph: float) -> _Runs:
        key = (k, cross_paragraph)
        if key not in self._runs:
            i = np.arange(len(self.length))
            start = np.maximum(i - k, 0)
            code = (
                (self.heading - self.heading[start] > 0) * 1
                + (self.caption - self.caption[start] > 0) * 2
                + (self.bold - self.bold[start] == k) * 4
            )
            crossings = self.first - self.first[np.minimum(start + 1, i)]
            fixed = np.where(i >= k, cross_paragraph * crossings, np.inf)
            self._runs[key] = _Runs(
                start, self.length - self.length[start], self.count - self.count[start],
                code.astype(np.intp), fixed,
            )  # fmt: skip
        return self._runs[key]


Sides = tuple[_Side, _Side]
MtMatch = tuple[np.ndarray, np.ndarray] | None  # hits of the MT output, its word counts
_Problem = tuple[Sides, np.ndarray, MtMatch]  # an article's sides, lexical and MT hit sums


@lru_cache(maxsize=100_000)
def _en_tokens(text: str) -> list[frozenset[str]]:
    content, marks = reading(text, "en")
    return [word_keys(w) for w in content] + list(marks)


def _cum2(h: np.ndarray) -> np.ndarray:
    """2-D prefix sums with a leading row and column of zeros."""
    out = np.zeros((h.shape[0] + 1, h.shape[1] + 1))
    out[1:, 1:] = h.cumsum(0).cumsum(1)
    return out


def _key_masks(en_toks: list[list[frozenset[str]]]) -> dict[str, int]:
    """Each key's English sentences, as a bit mask (a Python int): bit j for sentence j."""
    masks: dict[str, int] = defaultdict(int)
    for j, toks in enumerate(en_toks):
        bit = 1 << j
        for k in set().union(*toks):
            masks[k] |= bit
    return masks


def _match_matrix(
    src: list[list[frozenset[str]]],
    masks: dict[str, int],
    m: int,
    hit_of: dict[frozenset[str], bytes] | None = None,
) -> np.ndarray:
    """H[i, j]: how many of source sentence i's words find a key in English sentence j.

    A word's English sentences are the OR of its keys' masks (``_key_masks``), computed once
    per distinct set of keys and remembered in ``hit_of`` (the same English side's earlier
    matches); every word's mask of the document is then unpacked by one numpy call and summed
    per sentence.
    """
    width = (m + 7) // 8
    get = masks.get
    if hit_of is None:
        hit_of = {}
    for cands in set(chain.from_iterable(src)).difference(hit_of):
        hit = 0
        for k in cands:
            hit |= get(k, 0)
        hit_of[cands] = hit.to_bytes(width, "little") if hit else b""
    # per sentence, the masks of its words that find anything, end to end
    found = [b"".join(map(hit_of.__getitem__, toks)) for toks in src]
    counts = np.fromiter(map(len, found), dtype=np.intp, count=len(src)) // width
    h = np.zeros((len(src), m), dtype=np.float32)
    hit_rows = np.flatnonzero(counts)
    if len(hit_rows):
        bits = np.frombuffer(b"".join(found), dtype=np.uint8).reshape(-1, width)
        words = np.unpackbits(bits, axis=1, bitorder="little")[:, :m]
        starts = (np.cumsum(counts) - counts)[hit_rows]
        h[hit_rows] = np.add.reduceat(words, starts, axis=0, dtype=np.float32)
    return h


@dataclass(frozen=True)
class _Article:
    """What aligning an article needs that no lexicon changes: both sides' sentence facts, the
    English keys' masks, the machine translation's matches. Read once, used by both passes."""

    sides: Sides
    masks: dict[str, int]
    mtm: MtMatch
    hits: dict[frozenset[str], bytes] = field(default_factory=dict)  # see _match_matrix

    @classmethod
    def read(
        cls,
        es: Sequence[Segment],
        en: Sequence[Segment],
        es_toks: list[list[frozenset[str]]],
        mt: Sequence[str] | None,
    ) -> _Article:
        en_toks = [_en_tokens(s.text) for s in en]
        masks = _key_masks(en_toks)
        sides = (_Side(es, [len(t) for t in es_toks]), _Side(en, [len(t) for t in en_toks]))
        mtm = None
        if mt is not None:
            mt_toks = [_en_tokens(t) for t in mt]
            hits = _match_matrix(mt_toks, masks, len(en))
            mtm = (_cum2(hits), _cum([len(t) for t in mt_toks]))
        return cls(sides, masks, mtm)


def _pair_gaps(
    es: Sequence[Segment], en: Sequence[Segment], path: list[tuple[range, range]]
) -> list[tuple[range, range]]:
    """Pair Spanish sentences left out with English ones left out between the same anchors.

    Neighbouring omissions of the same kind are far more often pairs the evidence was too weak
    to see than independent omissions (hunalign pairs them too); paired, they get a low
    confidence and go to review instead of vanishing. Within a run of omissions as many as
    possible are paired, in order and each with its own kind: a caption only with a caption,
    as English-only captions next to a Spanish sentence left out are common.
    """
    out: list[tuple[range, range]] = []
    run: list[tuple[range, range]] = []

    def flush() -> None:
        if not run:
            return
        es_left = [a[0] for a, _ in run if a]
        en_left = [b[0] for _, b in run if b]
        # the most pairs of the same kind, in order: a longest common subsequence of kinds
        p, q = len(es_left), len(en_left)
        best = [[0] * (q + 1) for _ in range(p + 1)]
        for x in range(p - 1, -1, -1):
            for y in range(q - 1, -1, -1):
                same = es[es_left[x]].kind == en[en_left[y]].kind
                best[x][y] = max(best[x + 1][y], best[x][y + 1], best[x + 1][y + 1] + same)
        pairs, x, y = [], 0, 0
        while x < p and y < q:
            if es[es_left[x]].kind == en[en_left[y]].kind and best[x][y] == best[x + 1][y + 1] + 1:
                pairs.append((es_left[x], en_left[y]))
                x, y = x + 1, y + 1
            elif best[x + 1][y] >= best[x][y + 1]:
                x += 1
            else:
                y += 1
        x = y = 0  # next unpaired Spanish and English omission to write
        for i, j in pairs + [(len(es), len(en))]:
            while x < len(es_left) and es_left[x] < i:
                out.append((range(es_left[x], es_left[x] + 1), range(0)))
                x += 1
            while y < len(en_left) and en_left[y] < j:
                out.append((range(0), range(en_left[y], en_left[y] + 1)))
                y += 1
            if i < len(es):
                out.append((range(i, i + 1), range(j, j + 1)))
                x, y = x + 1, y + 1
        run.clear()

    for a, b in path:
        if len(a) + len(b) == 1:
            run.append((a, b))
            continue
        flush()
        out.append((a, b))
    flush()
    return out


class _Gaps:
    """Lexical cost of the beads ending in one block of Spanish rows: each sentence of a bead
    pays, up to 1, for the share of its words not found across.

    A Spanish sentence's share is the part of its words found in the English run; an English
    sentence's, the Spanish run's words found in it over its own word count; ``support`` or more
    is full support. Counted per sentence rather than over the whole bead, so that a merge
    cannot hide a sentence the translator left out behind a well-matched neighbour. Each
    sentence's gap depends on the other side's run length only, so it is computed once per run
    length and shifted for every shape.
    """

    def __init__(
        self, sides: Sides, lex: np.ndarray, mtm: MtMatch, i0: int, i1: int, support: float
    ):
        self.es, self.en = sides
        self.sources = [(lex, self.es.count)] + ([mtm] if mtm is not None else [])
        self.i0, self.i1, self.full = i0, i1, 1.0 / support
        self.m = len(self.en.segs)
        self._es: dict[int, np.ndarray] = {}
        self._en: dict[int, np.ndarray] = {}

    def _gap(self, share: np.ndarray) -> np.ndarray:
        return 1.0 - np.minimum(share * self.full, 1.0)

    def spanish(self, b: int) -> np.ndarray:
        """Row r - (i0 - LONGEST + 1): Spanish sentence r - 1 against every English run of b."""
        if b not in self._es:
            r = np.maximum(np.arange(self.i0 - LONGEST + 1, self.i1), 1)
            back = np.maximum(np.arange(self.m + 1) - b, 0)
            share = None
            for cum, count in self.sources:
                one = cum[r] - cum[r - 1]
                s = (one - one[:, back]) / np.maximum(count[r] - count[r - 1], 1)[:, None]
                share = s if share is None else np.maximum(share, s)
            self._es[b] = self._gap(share)
        return self._es[b]

    def english(self, a: int) -> np.ndarray:
        """Column c: English sentence c - 1 against every Spanish run of a sentences."""
        if a not in self._en:
            rows = np.arange(self.i0, self.i1)
            words = np.maximum(np.diff(self.en.count), 1)
            share = None
            for cum, _ in self.sources:
                run = cum[self.i0 : self.i1] - cum[np.maximum(rows - a, 0)]
                s = np.diff(run, axis=1) / words
                share = s if share is None else np.maximum(share, s)
            gap = self._gap(share)
            self._en[a] = np.concatenate((np.ones((len(rows), 1)), gap), axis=1)
        return self._en[a]

    def cost(self, a: int, b: int, out: np.ndarray) -> None:
        """Write into ``out`` the gaps of Spanish [i-a, i) x English [j-b, j) (a >= 1)."""
        n = self.i1 - self.i0
        es_gap, en_gap = self.spanish(b), self.english(a)
        first = LONGEST - a  # Spanish sentence i - a + k, at row i - a + k + 1
        out[...] = es_gap[first : first + n]
        for k in range(1, a):
            out += es_gap[first + k : first + k + n]
        for k in range(b):  # English sentence j - b + k is column j - b + k + 1 of en_gap
            s = b - k - 1  # columns j < s have no such sentence: a bead that does not fit
            out[:, s:] += en_gap[:, : self.m + 1 - s]
            if s:
                out[:, :s] += en_gap[:, :1]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while aligning, as parsers do while building.

    Alignment allocates hundreds of thousands of small objects (word keys, tokens, beads) that
    form no reference cycles, so they are freed as usual; but every automatic collection they
    trigger would walk all the long-lived ones again (the lexicon's thousands of sets), which
    cost a sixth of a cold run. The previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _KeysOf(dict[str, frozenset[str]]):
    """A Spanish word's keys in a lexicon, each word looked up once."""

    def __init__(self, lexicon: Lexicon):
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, word: str) -> frozenset[str]:
        keys = self[word] = self.lexicon.keys(word)
        return keys


class Aligner:
    """Align two lists of segments. ``mt`` (optional) is the Spanish, machine-translated."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        params: Params | None = None,
        shapes: Sequence[tuple[int, int]] = BEAD_SHAPES,
    ):
        self.lexicon = lexicon or Lexicon()
        self.p = params or Params()
        self.shapes = tuple(sh for sh in BEAD_SHAPES if sh in set(shapes))
        self._keys = _KeysOf(self.lexicon)
        p = self.p
        # Gale & Church: -log P(|Z| >= |delta|), weighted and capped, for |delta| = k / _STEPS
        delta = np.arange(_STEPS * 8 + 1) / _STEPS
        surprise = -np.log(np.maximum(_two_tailed(delta), 1e-12))
        self._surprise = p.weight_length * np.minimum(surprise, p.length_cap)
        # structure: the cost of a Spanish run's code against an English run's
        ce, cn = np.arange(8)[:, None], np.arange(8)[None, :]
        self._structure = (
            p.kind_mismatch * ((ce & 1) != (cn & 1))
            + p.caption_mismatch * ((ce & 2) != (cn & 2))
            + p.bold_mismatch * ((ce & 4) != (cn & 4))
        )

    def signals(self, mt: bool) -> list[str]:
        out = ["sentence length", "document structure", "cognates, numbers, names"]
        out += [f"dictionary ({s})" for s in self.lexicon.sources]
        if mt:
            out.append("machine translation (Apertium)")
        return out

    def _es_tokens(self, text: str) -> list[frozenset[str]]:
        content, marks = reading(text, "es")
        return [*map(self._keys.__getitem__, content), *marks]

    def align(
        self, es: Sequence[Segment], en: Sequence[Segment], mt: Sequence[str] | None = None
    ) -> Alignment:
        with _collector_paused():
            return self._align_all([(es, en)], [mt])[0][0]

    def _align_all(
        self,
        docs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
        mts: Sequence[Sequence[str] | None],
        articles: Sequence[_Article | None] | None = None,
    ) -> list[tuple[Alignment, _Article | None]]:
        """Align every document; ``articles`` are what an earlier pass read of them."""
        out: list[tuple[Alignment, _Article | None]] = []
        problems: list[_Problem] = []
        for k, ((es, en), mt) in enumerate(zip(docs, mts, strict=True)):
            n, m = len(es), len(en)
            signals = self.signals(mt is not None)
            if max(n, m) > MAX_SENTENCES:
                raise IwoError(
                    f"{max(n, m)} sentences on one side; articles are aligned up to "
                    f"{MAX_SENTENCES} sentences: split the text into articles"
                )
            if n == 0 or m == 0:
                beads = [AlignedBead((i,), (), 0.0, 0.0) for i in range(n)]
                beads += [AlignedBead((), (j,), 0.0, 0.0) for j in range(m)]
                out.append((Alignment(beads, signals), None))
                continue
            es_toks = [self._es_tokens(s.text) for s in es]
            article = articles[k] if articles else None
            if article is None:
                article = _Article.read(es, en, es_toks, mt)
            lex = _cum2(_match_matrix(es_toks, article.masks, m, article.hits))
            out.append((Alignment([], signals), article))
            problems.append((article.sides, lex, article.mtm))
        paths = iter(self._search_many(problems))
        problem = iter(problems)
        for (es, en), (al, article) in zip(docs, out, strict=True):
            if article is not None:
                sides, lex, mtm = next(problem)
                path = _pair_gaps(es, en, next(paths))
                al.beads = self._beads(sides, path, lex, mtm)
        return out

    def align_many(
        self,
        docs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
        mt: Sequence[Sequence[str] | None] | None = None,
        learn_pass: bool = True,
    ) -> list[Alignment]:
        """Align several documents; a second pass uses vocabulary learnt from the first."""
        with _collector_paused():
            return self._align_many(docs, mt, learn_pass)

    def _align_many(
        self,
        docs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
        mt: Sequence[Sequence[str] | None] | None,
        learn_pass: bool,
    ) -> list[Alignment]:
        mts = list(mt) if mt is not None else [None] * len(docs)
        # the first pass only has to find confident one-to-one pairs to learn from
        scout = Aligner(self.lexicon, self.p, ((1, 1), (1, 0), (0, 1))) if learn_pass else self
        first = scout._align_all(docs, mts)
        if not learn_pass:
            return [al for al, _ in first]
        confident = [
            (
                [w for i in b.es for w in content_words(es[i].text, "es")],
                [w for j in b.en for w in content_words(en[j].text, "en")],
            )
            for (es, en), (al, _) in zip(docs, first, strict=True)
            for b in al.beads
            if b.es and b.en and b.confidence >= 0.6
        ]
        learnt = learn_words(confident)
        second = Aligner(self.lexicon.merged(learnt), self.p, self.shapes)
        # a word none of whose dictionary forms was learnt keeps the keys the first pass found
        second._keys.update((w, k) for w, k in scout._keys.items() if not learnt.knows(w))
        return [al for al, _ in second._align_all(docs, mts, [a for _, a in first])]

    # -- the program -----------------------------------------------------------------------

    def _block_costs(
        self,
        sides: Sides,
        lex: np.ndarray,
        mtm: MtMatch,
        i0: int,
        i1: int,
        shapes: Sequence[tuple[int, int]],
    ) -> np.ndarray:
        """Cost of every bead of ``shapes`` ending at Spanish row i in [i0, i1) and any English j.

        ``out[s, i - i0, j]`` is the cost of Spanish [i-a, i) with English [j-b, j) for
        ``shapes[s] = (a, b)``; cells where the bead does not fit are infinite. All shapes are
        computed together, a few operations on one 3-D array: per-run facts are vectors
        (``_Side.runs``), structure a table lookup, length a table of Gale & Church's surprise.
        """
        p = self.p
        es, en = sides
        rows = slice(i0, i1)
        gaps = _Gaps(sides, lex, mtm, i0, i1, p.support)
        cost = np.empty((len(shapes), i1 - i0, len(en.segs) + 1))
        for s, (a, b) in enumerate(shapes):
            gaps.cost(a, b, cost[s])
        e_runs = [es.runs(a, p.cross_paragraph) for a, _ in shapes]
        n_runs = [en.runs(b, p.cross_paragraph) for _, b in shapes]
        # length: |delta| in steps of 1/_STEPS, looked up in the surprise table
        l1 = np.stack([e.length[rows] for e in e_runs])
        l2 = np.stack([n.length for n in n_runs])
        spread = _STEPS / np.sqrt(np.maximum(l1, 1.0) * p.variance)
        delta = np.abs(((l1 * p.ratio)[:, :, None] - l2[:, None, :]) * spread[:, :, None])
        cost += self._surprise.take(delta.astype(np.intp), mode="clip")
        e_code = np.stack([e.code[rows] for e in e_runs])
        n_code = np.stack([n.code for n in n_runs])
        cost += self._structure[e_code[:, :, None], n_code[:, None, :]]
        shape_cost = np.array([p.shape[sh] for sh in shapes])
        e_fixed = np.stack([e.fixed[rows] for e in e_runs]) + shape_cost[:, None]
        cost += e_fixed[:, :, None] + np.stack([n.fixed for n in n_runs])[:, None, :]
        return cost

    def _search_many(self, problems: list[_Problem]) -> list[list[tuple[range, range]]]:
        """The cheapest chain of beads of every article, articles of similar size together.

        The program advances one Spanish row at a time for a whole batch of articles (padded
        to the batch's largest), so that the per-row numpy calls are paid once per batch rather
        than once per article; a batch stops growing where padding would double its cells.
        """
        sizes = [(len(sides[0].segs) + 1) * (len(sides[1].segs) + 1) for sides, _, _ in problems]
        order = sorted(range(len(problems)), key=lambda k: sizes[k])
        batches: list[list[int]] = []
        n_max = m_max = cells = 0
        for k in order:
            n, m = len(problems[k][0][0].segs), len(problems[k][0][1].segs)
            grown = (
                (len(batches[-1]) + 1 if batches else 1) * (max(n, n_max) + 1) * (max(m, m_max) + 1)
            )
            if not batches or grown > 2 * (cells + sizes[k]) or grown > BATCH_CELLS:
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

    def _search_batch(self, problems: list[_Problem]) -> list[list[tuple[range, range]]]:
        """``_search_many`` for one batch (``lex`` and ``mtm`` as 2-D prefix sums)."""
        p = self.p
        ns = [len(sides[0].segs) for sides, _, _ in problems]
        ms = [len(sides[1].segs) for sides, _, _ in problems]
        d_count, n_top, m_top = len(problems), max(ns), max(ms)
        codes = {shape: k for k, shape in enumerate(BEAD_SHAPES)}
        shapes = [(1, 0)] + [sh for sh in self.shapes if sh[0] and sh[1]]
        shape_codes = np.array([codes[sh] for sh in shapes], dtype=np.int8)
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
        skip_es = []
        for d, (sides, _, _) in enumerate(problems):
            es, en = sides
            skip_es.append(np.where(es.is_caption, p.skip_caption, p.skip))
            skip_cum = _cum(np.where(en.is_caption, p.skip_caption, p.skip))
            cols = columns[: ms[d] + 1]
            shift[d, :, 0, : ms[d] + 1] = skip_cum[np.maximum(cols - b_of[:, None], 0)] - skip_cum
        picks = np.zeros((n_top + 1, d_count, m_top + 1), dtype=np.intp)
        skipped = np.zeros((n_top + 1, d_count, m_top + 1), dtype=bool)
        costs = np.empty(0)
        block_start = 1
        for i in range(1, n_top + 1):
            if i == 1 or i - block_start >= BLOCK:
                block_start = i
                i1 = min(i + BLOCK, n_top + 1)
                costs = np.full((d_count, len(shapes), i1 - i, m_top + 1), np.inf)
                for d, (sides, lex, mtm) in enumerate(problems):
                    end = min(i1, ns[d] + 1)
                    if end > i:
                        part = costs[d, :, : end - i, : ms[d] + 1]
                        part[0] = skip_es[d][i - 1 : end - 1, None]
                        part[1:] = self._block_costs(sides, lex, mtm, i, end, shapes[1:])
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
                skipped[: n + 1, d, : m + 1], codes[(0, 1)], shape_codes[picks[: n + 1, d, : m + 1]]
            )
            back[0, 1:] = codes[(0, 1)]
            path = []
            i, j = n, m
            while i or j:
                a, b = BEAD_SHAPES[back[i, j]]
                path.append((range(i - a, i), range(j - b, j)))
                i, j = i - a, j - b
            path.reverse()
            paths.append(path)
        return paths

    def _beads(
        self, sides: Sides, path: list[tuple[range, range]], lex: np.ndarray, mtm: MtMatch
    ) -> list[AlignedBead]:
        """Every bead's similarity and confidence at once (``lex`` and ``mtm`` as prefix sums)."""
        p = self.p
        es, en = sides
        a0, a1, b0, b1 = (np.array(v, dtype=np.intp).reshape(-1) for v in zip(
            *((a.start, a.stop, b.start, b.stop) for a, b in path), strict=True
        ))  # fmt: skip
        les = es.count[a1] - es.count[a0]
        len_ = en.count[b1] - en.count[b0]

        def dice(cum: np.ndarray, count: np.ndarray) -> np.ndarray:
            hits = cum[a1, b1] - cum[a0, b1] - cum[a1, b0] + cum[a0, b0]
            hits = np.minimum(np.minimum(hits, count), len_)
            return np.where(count + len_ > 0, 2.0 * hits / np.maximum(count + len_, 1), 0.0)

        sim = dice(lex, les)
        if mtm is not None:
            sim = np.maximum(sim, dice(mtm[0], mtm[1][a1] - mtm[1][a0]))
        l1 = es.length[a1] - es.length[a0]
        l2 = en.length[b1] - en.length[b0]
        delta = (l2 - l1 * p.ratio) / np.sqrt(np.maximum(l1, 1.0) * p.variance)
        conf = 0.7 * np.minimum(sim / p.full_similarity, 1.0) + 0.3 * _two_tailed(delta)
        head_mismatch = (es.heading[a1] > es.heading[a0]) != (en.heading[b1] > en.heading[b0])
        conf = np.where(head_mismatch, conf * 0.7, conf)
        both = (a1 > a0) & (b1 > b0)
        conf, sim = np.where(both, conf, 0.0).tolist(), np.where(both, sim, 0.0).tolist()
        return [
            AlignedBead(tuple(a), tuple(b), round(c, 3), round(x, 3))
            for (a, b), c, x in zip(path, conf, sim, strict=True)
        ]


def clear_caches() -> None:
    """Forget every word and sentence read so far (benchmarks time a cold start with it)."""
    _clear_word_caches()
    _en_tokens.cache_clear()
