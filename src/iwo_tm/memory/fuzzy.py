"""Fuzzy matching the way CAT tools score it, and an index that keeps it fast on big memories.

The match percentage is a word-based edit distance: both segments become sequences of
lower-cased words, and ``100 x (1 - edits / longer length)`` is the base score (rapidfuzz's
Levenshtein over token sequences). Punctuation and case differences are then charged two
points each, at most nine, so ``¡Fuera Boluarte!`` against ``Fuera Boluarte`` is a 96% match and
only identical text is 100%, as in Trados and memoQ.

Each word is given an integer id and each segment becomes a string of one character per word;
rapidfuzz then compares segments word by word at C speed. The index finds candidates through an
inverted list of word ids (rare words first, as a search engine would) and scores only the
best few hundred; sub-segment matches come from a table of the memory's short units (slogans,
headings) looked up by every run of words of the new segment.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..language.lexicon import Lexicon, learn
from ..language.tokens import match_words
from .codes import codes_from_ids
from .index_cache import FORMAT, CacheError, load_parts, save_parts
from .units import MemoryUnit

log = logging.getLogger(__name__)

_PUNCT = regex.compile(r"[^\w\s]", regex.UNICODE)
MAX_FRAGMENT = 12  # words: a slogan or headline, not a sentence
LEARN_SAMPLE = 20_000  # units the memory's own vocabulary is learnt from


class Scorer:
    """The CAT-style match percentage against one segment, its words prepared once."""

    def __init__(self, text: str):
        self.text = " ".join(text.split())
        self.words = match_words(self.text)
        self.lower = [w.lower() for w in self.words]
        self.punct = _PUNCT.findall(self.text)

    def score(self, other: str) -> int:
        """100 only when identical; else the word score less the punctuation and case points."""
        b = " ".join(other.split())
        if self.text == b:
            return 100
        wb = match_words(b)
        lb = [w.lower() for w in wb]
        if not self.lower and not lb:
            return 0
        word_edits = Levenshtein.distance(self.lower, lb)
        base = 100 * (1 - word_edits / max(len(self.lower), len(lb)))
        punct = Levenshtein.distance(self.punct, _PUNCT.findall(b))
        case = max(Levenshtein.distance(self.words, wb) - word_edits, 0)
        return max(0, min(99, int(base + 0.5) - min(2 * (punct + case), 9)))


def match_score(a: str, b: str) -> int:
    """The CAT-style match percentage of two segments (100 only when identical): words compared
    by edit distance, then 2 points per punctuation or case difference, at most 9."""
    return Scorer(a).score(b)


@dataclass
class Candidate:
    unit: MemoryUnit
    score: int
    index: int


@dataclass
class Fragment:
    """A memory unit found inside a longer new segment: words [start, end) of it."""

    start: int
    end: int
    text: str  # the words of the new segment it covers
    renderings: list[tuple[str, int]]  # English, and how many units render it so
    units: list[int]
    examples: list[MemoryUnit] = field(default_factory=list)  # when no rendering is clear
    read: int = 0  # units read for the renderings (0: the renderings are whole units)


class FuzzyIndex:
    """Inverted index over word ids of the memory's Spanish side."""

    def __init__(self, units: Sequence[MemoryUnit]):
        self.units = list(units)
        self.vocab: dict[str, int] = {}
        # every unit's word ids end to end, 8 bytes each: a million units fit in a few
        # hundred MB, where Python lists of ints would take gigabytes
        flat, lengths = array("q"), array("q")
        for unit in self.units:
            ids = self._ids(unit.source, grow=True)
            flat.extend(ids)
            lengths.append(len(ids))
        ids_all = np.frombuffer(flat, dtype=np.int64) if flat else np.empty(0, np.int64)
        sizes = np.frombuffer(lengths, dtype=np.int64) if lengths else np.empty(0, np.int64)
        self.codes = codes_from_ids(ids_all, sizes)
        self.lengths = sizes.astype(np.int32)
        # the postings: for each word, the units that have it, in unit order, each once
        n = max(len(self.units), 1)
        owner = np.repeat(np.arange(len(self.units), dtype=np.int64), sizes)
        pairs = np.sort(ids_all * n + owner)  # a sort and a mask: np.unique hashes, slower
        if pairs.size:
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        self.post_units = (pairs % n).astype(np.int32)
        self.post_start = np.searchsorted(pairs // n, np.arange(len(self.vocab) + 1))
        self._index_fragments()

    def _index_fragments(self) -> None:
        """The table of short units (slogans, headings) looked up inside longer segments."""
        fragments: dict[str, list[int]] = defaultdict(list)
        short = np.flatnonzero((self.lengths >= 2) & (self.lengths <= MAX_FRAGMENT))
        for k in short.tolist():
            fragments[self.codes[k]].append(k)
        self.fragments = dict(fragments)

    def parts(self) -> dict:
        """What ``from_parts`` needs to open this index again (``index_cache`` keeps it)."""
        vocab = [""] * len(self.vocab)
        for word, i in self.vocab.items():
            vocab[i] = word
        return {
            "units": self.units, "codes": self.codes, "vocab": vocab,
            "fragments": self.fragments, "learnt": self.learnt_lexicon(),
            "post_units": self.post_units, "post_start": self.post_start, "lengths": self.lengths,
        }  # fmt: skip

    @classmethod
    def from_parts(cls, parts: dict) -> FuzzyIndex:
        """An index over its parts as ``index_cache`` opens them (read as they are needed)."""
        index = cls.__new__(cls)
        index.units = parts["units"]
        index.codes = parts["codes"]
        index.vocab = parts["vocab"]
        index.fragments = parts["fragments"]
        index.post_units = parts["post_units"]
        index.post_start = parts["post_start"]
        index.lengths = parts["lengths"]
        index._learnt = parts["learnt"]
        return index

    def learnt_lexicon(self) -> Lexicon:
        """The vocabulary learnt from the memory's units (the first ``LEARN_SAMPLE``): what
        the word alignment and the phrases use beside FreeDict. Kept with the index."""
        if getattr(self, "_learnt", None) is None:
            units = self.units[:LEARN_SAMPLE]
            self._learnt = learn([(u.source, u.target) for u in units])
        return self._learnt

    def _ids(self, text: str, grow: bool = False) -> list[int]:
        vocab = self.vocab
        words = [w.lower() for w in match_words(text)]
        if grow:
            return [vocab.setdefault(w, len(vocab)) for w in words]
        return [vocab.get(w, -1) for w in words]  # -1: a word the memory has never seen

    def query_code(self, text: str) -> str:
        """The segment as a code string; unknown words get codes no unit contains."""
        ids = self._ids(text)
        unknown = len(self.vocab)
        return _encode([i if i >= 0 else unknown + n for n, i in enumerate(ids)])

    def candidates(self, text: str, limit: int = 1000, wide: bool = False) -> np.ndarray:
        """Units most likely to score well: sharing many of ``text``'s words (the rarest words'
        lists first, as a search engine would) relative to the longer of the two lengths."""
        ids = sorted({i for i in self._ids(text) if i >= 0})
        if not ids:
            return np.empty(0, dtype=np.int64)
        sizes = sorted((self.post_start[i + 1] - self.post_start[i], i) for i in ids)
        budget = max(100_000, len(self.units) // 10) * (5 if wide else 1)
        chosen, total = [], 0
        for size, i in sizes:
            if chosen and total + size > budget:
                break
            chosen.append(i)
            total += size
        hits = np.concatenate(
            [self.post_units[self.post_start[i] : self.post_start[i + 1]] for i in chosen]
        )
        # hits per unit: sorting the hits costs less than a count array the size of the memory
        hits = np.sort(hits)
        starts = np.concatenate(([0], np.flatnonzero(np.diff(hits)) + 1))
        units = hits[starts]
        counts = np.diff(np.append(starts, hits.size))
        if units.size <= limit:
            return units
        n_words = len(match_words(text))
        estimate = counts / np.maximum(self.lengths[units], n_words)
        top = np.argpartition(estimate, -limit)[-limit:]
        return units[top]

    def search(self, text: str, n: int = 3, threshold: int = 0) -> list[Candidate]:
        """The best ``n`` matches at or above ``threshold`` percent, best first. A query whose
        best match is poor is searched again through its common words too."""
        found = self._search(text, n, threshold, wide=False)
        if not found or found[0].score < 60:
            wider = self._search(text, n, threshold, wide=True)
            if wider and (not found or wider[0].score > found[0].score):
                found = wider
        return found

    def _search(self, text: str, n: int, threshold: int, wide: bool) -> list[Candidate]:
        code = self.query_code(text)
        cands = self.candidates(text, 3000 if wide else 1000, wide)
        if cands.size == 0:
            return []
        choices = [self.codes[k] for k in cands.tolist()]
        top = process.extract(
            code, choices, scorer=Levenshtein.normalized_similarity, limit=max(4 * n, 200)
        )
        out: list[Candidate] = []
        scorer = Scorer(text)
        for _, base, pos in top:
            # candidates come in falling word score; the CAT penalty only takes points away,
            # so once the word score cannot reach the n-th best final score, none can
            reach = int(100 * base + 0.5)
            if reach < threshold or (len(out) >= n and reach < sorted(c.score for c in out)[-n]):
                break
            k = int(cands[pos])
            score = scorer.score(self.units[k].source)
            if score >= threshold:
                out.append(Candidate(self.units[k], score, k))
        out.sort(key=lambda c: (-c.score, c.index))
        return out[:n]

    def fragments_in(self, text: str) -> list[Fragment]:
        """Memory units (slogans, headings) whose words appear in a run of ``text``'s words,
        longest first and not overlapping, as memoQ's longest substring concordance."""
        ws = match_words(text)
        code = self.query_code(text)
        found: list[Fragment] = []
        taken = [False] * len(code)
        windows = [
            (start, length)
            for length in range(min(MAX_FRAGMENT, len(code) - 1), 1, -1)
            for start in range(0, len(code) - length + 1)
        ]
        known = getattr(self.fragments, "known", None)
        if known is not None:  # the cached index rules out the runs no unit is, in one step
            runs = known([code[a : a + n] for a, n in windows])
            windows = [w for w, ok in zip(windows, runs, strict=True) if ok]
        for start, length in windows:
            if any(taken[start : start + length]):
                continue
            units = self.fragments.get(code[start : start + length])
            if not units:
                continue
            words = " ".join(ws[start : start + length])
            found.append(Fragment(start, start + length, words, self._renderings(units), units))
            for t in range(start, start + length):
                taken[t] = True
        found.sort(key=lambda f: f.start)
        return found

    def _renderings(self, units: list[int]) -> list[tuple[str, int]]:
        """The units' English, most frequent first; renderings that differ only by
        punctuation, case or spaces are one, written as most units write it."""
        counts: dict[str, int] = defaultdict(int)
        spelling: dict[str, Counter[str]] = defaultdict(Counter)
        for k in units:
            target = self.units[k].target
            key = " ".join(w.lower() for w in match_words(target))
            counts[key] += 1
            shown = " ".join(target.strip(" \"'\u201c\u201d\u00ab\u00bb").split())
            spelling[key][shown] += 1
        ranked = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        return [(spelling[key].most_common(1)[0][0], c) for key, c in ranked]


def _encode(ids: Sequence[int]) -> str:
    """Word ids as characters (skipping the surrogate range), so rapidfuzz compares words."""
    return "".join(chr(i + 0x100 if i + 0x100 < 0xD800 else i + 0x100 + 0x800) for i in ids)


def decode(code: str) -> list[int]:
    return [ord(c) - 0x100 if ord(c) < 0xD800 else ord(c) - 0x900 for c in code]


def build_index(
    load: Callable[[], Sequence[MemoryUnit]], files: Sequence[Path], cache: Path | None
) -> FuzzyIndex:
    """The index for these TMX files, from the cache when the files have not changed (the
    TMX files stay the source of truth: ``load`` reads them only when the cache is stale). A
    cache that cannot be used is rebuilt, with a one-line notice; it is data, never code."""
    key = fingerprint(files)
    if cache is not None:
        folder = cache / f"index-{key}"
        if folder.exists():
            try:
                return FuzzyIndex.from_parts(load_parts(folder, key))
            except CacheError as exc:
                log.warning("%s: %s; the index is built again", folder, exc)
    index = FuzzyIndex(load())
    if cache is not None:
        try:
            for old in cache.glob("index-*"):  # older indexes, and the pickles of old versions
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                else:
                    old.unlink()
            save_parts(cache / f"index-{key}", key, index.parts())
        except OSError:
            pass  # no cache, only slower
    return index


def fingerprint(files: Sequence[Path]) -> str:
    """A key that changes when any of these files changes (path, size, modification time)."""
    h = hashlib.sha256(f"v{FORMAT}".encode())
    for f in files:
        st = f.stat()
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]
