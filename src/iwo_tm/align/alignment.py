"""Sentence alignment: which Spanish sentences the English translates, as a chain of beads.

This module reads the words of both sides (``iwo_tm.language.lexicon``), counts which Spanish
words find their keys in which English sentences (cognates, numbers, names, acronyms, ¡!, a
bilingual lexicon, and with Apertium the machine translation), and hands these hit counts to
the dynamic program of ``iwo_tm.align.bead_search``, which adds sentence length and document
structure. Over a corpus it runs twice: a first pass finds confident pairs, the vocabulary
learnt from them (as hunalign does) serves the second. Each bead gets a confidence in [0, 1]
from its similarity and length agreement (a merge with a sentence nothing across supports
counts as dissimilar), which decides whether it goes into the memory or to a person for review.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..corpus.segmentation import Segment
from ..errors import IwoError
from ..language.lexicon import Lexicon, content_words, learn_words, reading, word_keys
from ..language.lexicon import clear_caches as _clear_word_caches
from .bead_search import (
    BEAD_SHAPES,
    BeadSearch,
    MtMatch,
    Params,
    Problem,
    Side,
    Sides,
    cum,
    cum2,
    two_tailed,
)

MAX_SENTENCES = 5000  # per side and article: the program keeps n x m back-pointers


def check_length(sentences: int, path: str | Path | None = None) -> None:
    """Refuse a side too long to align (``path``: the file it comes from, for the message);
    callers check each text as soon as it is segmented, before any costly work on it."""
    if sentences > MAX_SENTENCES:
        raise IwoError(
            f"{sentences} sentences; an article is aligned up to {MAX_SENTENCES} sentences a "
            "side: split it into articles",
            path,
        )


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


@lru_cache(maxsize=100_000)
def _en_tokens(text: str) -> list[frozenset[str]]:
    """An English sentence's tokens: each content word's keys, then its marks."""
    content, marks = reading(text, "en")
    return [*map(word_keys, content), *marks]


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
        sides = (Side(es, [len(t) for t in es_toks]), Side(en, [len(t) for t in en_toks]))
        mtm = None
        if mt is not None:
            mt_toks = [_en_tokens(t) for t in mt]
            hits = _match_matrix(mt_toks, masks, len(en))
            mtm = (cum2(hits), cum([len(t) for t in mt_toks]))
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
        self.search = BeadSearch(self.p, self.shapes)

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
        problems: list[Problem] = []
        tokens: list[list[list[frozenset[str]]]] = []  # each problem's Spanish tokens
        for k, ((es, en), mt) in enumerate(zip(docs, mts, strict=True)):
            n, m = len(es), len(en)
            signals = self.signals(mt is not None)
            check_length(max(n, m))
            if n == 0 or m == 0:
                beads = [AlignedBead((i,), (), 0.0, 0.0) for i in range(n)]
                beads += [AlignedBead((), (j,), 0.0, 0.0) for j in range(m)]
                out.append((Alignment(beads, signals), None))
                continue
            es_toks = [self._es_tokens(s.text) for s in es]
            article = articles[k] if articles else None
            if article is None:
                article = _Article.read(es, en, es_toks, mt)
            lex = cum2(_match_matrix(es_toks, article.masks, m, article.hits))
            out.append((Alignment([], signals), article))
            problems.append((article.sides, lex, article.mtm))
            tokens.append(es_toks)
        paths = iter(self.search.search(problems))
        problem, token = iter(problems), iter(tokens)
        for (es, en), mt, (al, article) in zip(docs, mts, out, strict=True):
            if article is not None:
                sides, lex, mtm = next(problem)
                path = _pair_gaps(es, en, next(paths))
                free = _content_free(es, path, next(token), article, mt)
                al.beads = self._beads(sides, path, lex, mtm, free)
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
        found = scout._keys
        second._keys.update((w, found[w]) for w in learnt.unknown(found))
        return [al for al, _ in second._align_all(docs, mts, [a for _, a in first])]

    # -- the program -----------------------------------------------------------------------

    def _beads(
        self,
        sides: Sides,
        path: list[tuple[range, range]],
        lex: np.ndarray,
        mtm: MtMatch,
        content_free: list[bool],
    ) -> list[AlignedBead]:
        """Every bead's similarity and confidence at once (``lex`` and ``mtm`` as prefix sums);
        a bead with a sentence none of whose words is found across (``_content_free``) gets
        its confidence from its length alone."""
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
        support = np.where(content_free, 0.0, sim)
        conf = 0.7 * np.minimum(support / p.full_similarity, 1.0) + 0.3 * two_tailed(delta)
        head_mismatch = (es.heading[a1] > es.heading[a0]) != (en.heading[b1] > en.heading[b0])
        conf = np.where(head_mismatch, conf * 0.7, conf)
        both = (a1 > a0) & (b1 > b0)
        conf = np.round(np.where(both, conf, 0.0), 3).tolist()
        sim = np.round(np.where(both, sim, 0.0), 3).tolist()
        return [
            AlignedBead(tuple(a), tuple(b), c, x)
            for (a, b), c, x in zip(path, conf, sim, strict=True)
        ]


def _content_free(
    es: Sequence[Segment],
    path: list[tuple[range, range]],
    es_toks: list[list[frozenset[str]]],
    article: _Article,
    mt: Sequence[str] | None,
) -> list[bool]:
    """Per bead, whether it joins several Spanish sentences and one of them has content words
    but none of them found in the bead's English (by the lexicon or the machine translation),
    leaving aside the words that share a key with its bead-mates' words.

    The search lets ¡!, quotes and function words such as todos/all count as support, which a
    short slogan aligned one to one needs; but in a merge they also let a Spanish exclamation
    the English left out ride along with its neighbour ("¡Miserables!" merged with the sentence
    before), a unit whose Spanish says more than its English. So does a word both Spanish
    sentences have ("¡Juliaca no olvida!" after a sentence on Juliaca): found once in the
    English, it cannot tell which of the two the English translates. Such a bead is doubtful,
    and its confidence must say so.
    """
    out: list[bool] = []
    for a, b in path:
        run = (1 << b.stop) - (1 << b.start)  # the bead's English sentences, as a bit mask
        out.append(len(a) > 1 and bool(b) and any(
            reading(es[i].text, "es")[0] and not _reached(i, a, es, es_toks, article, mt) & run
            for i in a
        ))  # fmt: skip
    return out


def _content(toks: list[frozenset[str]], text: str, lang: str) -> list[frozenset[str]]:
    """The tokens of a sentence's content words (they come first, before its marks)."""
    return toks[: len(reading(text, lang)[0])]


def _own(tokens: dict[int, list[frozenset[str]]], i: int) -> list[frozenset[str]]:
    """Sentence i's tokens that share no key with those of the other sentences in ``tokens``."""
    shared = set().union(*(t for o, toks in tokens.items() if o != i for t in toks))
    return [keys for keys in tokens[i] if keys.isdisjoint(shared)]


def _reached(
    i: int,
    bead: range,
    es: Sequence[Segment],
    es_toks: list[list[frozenset[str]]],
    article: _Article,
    mt: Sequence[str] | None,
) -> int:
    """The English sentences (bit mask) the content words of Spanish sentence i are found in,
    or those of its machine translation; a word that shares a key with a word of the bead's
    other Spanish sentences is left out (continental after continente: it cannot tell which of
    them the English translates)."""
    found = 0
    for keys in _own({o: _content(es_toks[o], es[o].text, "es") for o in bead}, i):
        found |= int.from_bytes(article.hits[keys], "little")
    if mt is not None:
        for keys in _own({o: _content(_en_tokens(mt[o]), mt[o], "en") for o in bead}, i):
            for k in keys:
                found |= article.masks.get(k, 0)
    return found


def clear_caches() -> None:
    """Forget every word and sentence read so far (benchmarks time a cold start with it)."""
    _clear_word_caches()
    _en_tokens.cache_clear()
