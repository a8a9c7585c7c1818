"""Sub-segment matches: a slogan or phrase the memory knows, inside a longer new sentence.

Two sources, both taken from the memory, never invented:

- units that are themselves short (a slogan, a headline) found word for word in the sentence
  (the index's fragment table);
- phrases of the memory's Spanish: a run of the new sentence's words that recurs in the
  memory ("Fuera Boluarte" in "¡Fuera Boluarte, títere de EE.UU.!" and in "¡Fuera Boluarte y
  su gabinete!"), its English in each unit read off that unit's word alignment (the English
  words linked to it and nothing else: "Out with Boluarte"), so a neighbour that merely recurs
  beside it ("Dina" for "Dina Boluarte", "wounded" for "fue encabezada") is never offered.

A phrase the memory renders one way (``consistent``) can be put into the draft itself; the
others stay hints for the translator.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..language.lexicon import EDGE, STOP, Lexicon, fold
from ..language.tokens import is_number, match_words
from ..memory.fuzzy import Fragment, FuzzyIndex, decode
from ..memory.word_alignment import (
    WordAligner,
    WordAlignment,
    phrase_rendering,
    word_translations,
)

MAX_PHRASE = 8  # Spanish words
MAX_POSTINGS = 5000  # a run whose rarest word is this common is not a phrase worth offering
SAMPLE = 40  # units read to find a phrase's English
VOCABULARY_SAMPLE = 5000  # units aligned to learn the words Apertium does not know
ES_EDGE = EDGE["es"]  # a phrase does not begin or end with these
# words of a date, which say nothing of the team's English: "15 de enero" is no phrase to
# offer (dates and numbers of machine translation are written as the memory writes them)
DATE_WORDS = frozenset(
    [
        *("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"),
        *("septiembre", "setiembre", "octubre", "noviembre", "diciembre"),
        *("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"),
    ]
)


def _core(text: str) -> str:
    """A rendering without case and without function words at its edges."""
    ws = [w.lower() for w in match_words(text)]
    while len(ws) > 1 and ws[0] in STOP["en"]:
        ws.pop(0)
    while len(ws) > 1 and ws[-1] in STOP["en"]:
        ws.pop()
    return " ".join(ws)


def consistent(renderings: Sequence[tuple[str, int]]) -> bool:
    """A phrase the memory has a usual English for: at least two units render it so, and
    they are three in five of the units that render it, or twice as many as render it any
    other one way (Fujimorista regime 16, Fujimori regime 9)."""
    if not renderings or renderings[0][1] < 2:
        return False
    top, total = renderings[0][1], sum(c for _, c in renderings)
    return len(renderings) == 1 or top * 5 >= total * 3 or top >= 2 * renderings[1][1]


class PhraseFinder:
    """The memory's phrases inside a new segment, with the English the word alignment gives."""

    def __init__(self, index: FuzzyIndex, lexicon: Lexicon):
        self.index = index
        self.lexicon = lexicon.merged(index.learnt_lexicon())
        self.aligner = WordAligner(self.lexicon, trusted=lexicon)
        self._alignments: dict[int, WordAlignment] = {}
        self._vocabulary: dict[str, tuple[str, int, int]] | None = None

    @property
    def vocabulary(self) -> dict[str, tuple[str, int, int]]:
        """Each Spanish word's usual English in the memory (``word_translations``), for the
        words Apertium does not know; learnt on first use from an even sample of the units."""
        if self._vocabulary is None:
            units = self.index.units
            step = max(1, len(units) // VOCABULARY_SAMPLE)
            pairs = [(u.source, u.target) for u in units[::step][:VOCABULARY_SAMPLE]]
            self._vocabulary = word_translations(self.aligner, pairs)
        return self._vocabulary

    def use_vocabulary(self, vocabulary: dict[str, tuple[str, int, int]]) -> None:
        """A vocabulary learnt before from the same memory (a cache)."""
        self._vocabulary = vocabulary

    def _containing(self, code: str) -> list[int]:
        """Units whose Spanish contains these words in a row."""
        ix = self.index
        ids = decode(code)
        if any(i >= len(ix.vocab) for i in ids):
            return []
        sizes = sorted((int(ix.post_start[i + 1] - ix.post_start[i]), i) for i in set(ids))
        if sizes[0][0] > MAX_POSTINGS:
            return []
        # the units that have every word (each word's list is in unit order), then those that
        # have them in a row
        (_, rarest), *others = sizes
        cands = np.asarray(ix.post_units[ix.post_start[rarest] : ix.post_start[rarest + 1]])
        for _, i in others:
            found = ix.post_units[ix.post_start[i] : ix.post_start[i + 1]]
            at = np.minimum(np.searchsorted(found, cands), found.size - 1)
            cands = cands[found[at] == cands]  # a binary search in the longer list, not a sort
            if not cands.size:
                return []
        having = getattr(ix.codes, "containing", None)  # the index read from its cache
        if having is not None:
            return having(code, cands).tolist()
        return [int(k) for k in cands.tolist() if code in ix.codes[k]]

    def alignment(self, k: int) -> WordAlignment:
        """Unit ``k``'s word alignment, computed once."""
        al = self._alignments.get(k)
        if al is None:
            unit = self.index.units[k]
            al = self._alignments[k] = self.aligner.align(unit.source, unit.target)
        return al

    def rendering_in(self, phrase: Sequence[str], k: int, tight: bool = False) -> str | None:
        """The English that answers ``phrase`` in unit ``k`` (see ``phrase_rendering``)."""
        return phrase_rendering(self.alignment(k), phrase, tight)

    def _english(self, phrase: Sequence[str], units: Sequence[int]) -> tuple[list, int]:
        """The English renderings of ``phrase`` in these units, most used first, and how many
        units were read. Renderings that differ only by case or by function words at their
        edges ("CGTP bureaucracy", "the CGTP bureaucracy", "of the CGTP bureaucracy") are one,
        written as it is written most often."""
        phrase = [w.lower() for w in phrase]
        counts: Counter[str] = Counter()
        spelling: dict[str, Counter[str]] = {}
        read = 0
        tight = len(units) == 1
        for k in units[:SAMPLE]:
            read += 1
            text = self.rendering_in(phrase, k, tight)
            if not text:
                continue
            key = _core(text)
            counts[key] += 1
            spelling.setdefault(key, Counter())[text] += 1
        ranked = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        return [(spelling[key].most_common(1)[0][0], c) for key, c in ranked], read

    def translate(self, text: str) -> tuple[str, int, int] | None:
        """The memory's usual English for a phrase of two or more words, if the memory renders
        it consistently: (English, units rendering it so, units that render it at all)."""
        ws = match_words(text)
        if len(ws) < 2 or len(ws) > MAX_PHRASE:
            return None
        units = self._containing(self.index.query_code(text))
        if len(units) < 2:
            return None
        renderings, _ = self._english(ws, units)
        if not renderings or not consistent(renderings):
            return None
        return renderings[0][0], renderings[0][1], sum(c for _, c in renderings)

    def find(self, text: str) -> list[Fragment]:
        """Fragments of ``text`` the memory knows, longest first, not overlapping."""
        ws = match_words(text)
        found = [f for f in self.index.fragments_in(text) if f.end - f.start < len(ws)]
        taken = [False] * len(ws)
        for f in found:
            taken[f.start : f.end] = [True] * (f.end - f.start)
        spans, concordance = self._phrases(ws, self.index.query_code(text), taken)
        # the phrases that say most (content words), best attested and longest come first; one
        # may overlap another (both are offered) but not lie wholly inside a phrase already found
        for *_, neg_length, start, renderings, units, read in sorted(spans, key=lambda x: x[:5]):
            length = -neg_length
            if all(taken[start : start + length]):
                continue
            phrase = " ".join(ws[start : start + length])
            found.append(Fragment(start, start + length, phrase, renderings, units, read=read))
            taken[start : start + length] = [True] * length
        # phrases whose English varies too much: shown with example units, in the gaps left
        for start, length, units in concordance:
            if any(taken[start : start + length]):  # only in the gaps
                continue
            examples = [self.index.units[k] for k in units[:2]]
            phrase = " ".join(ws[start : start + length])
            found.append(Fragment(start, start + length, phrase, [], units, examples))
            taken[start : start + length] = [True] * length
        found.sort(key=lambda f: f.start)
        return found

    def _phrases(self, ws: list[str], code: str, taken: list[bool]) -> tuple[list, list]:
        """Every run of words the memory has, with its renderings (sortable tuples), and the
        runs it has without a clear English (concordances)."""
        spans, concordance = [], []
        for length in range(min(MAX_PHRASE, len(ws)), 1, -1):
            for start in range(0, len(ws) - length + 1):
                phrase = ws[start : start + length]
                if all(taken[start : start + length]) or fold(phrase[0]) in ES_EDGE:
                    continue
                content = sum(1 for w in phrase if _says_something(w))
                if not content or fold(phrase[-1]) in ES_EDGE:
                    continue
                units = self._containing(code[start : start + length])
                # once in the memory is enough for a term of two content words or more
                if len(units) < (1 if content >= 2 else 2):
                    continue
                renderings, read = self._english(phrase, units)
                if not renderings:
                    if length >= 3 or len(units) >= 3:  # short and rare with no English: noise
                        concordance.append((start, length, units))
                    continue
                once = len(units) < 2  # a phrase seen once comes after those seen more
                spans.append(
                    (once, -content, -renderings[0][1], -length, start, renderings, units, read)
                )
        return spans, concordance


def _says_something(word: str) -> bool:
    """A content word: not a function word, a number or a word of a date."""
    folded = fold(word)
    return folded not in STOP["es"] and folded not in DATE_WORDS and not is_number(word)
