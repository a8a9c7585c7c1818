"""Which English words of a translation unit answer which of its Spanish words.

Everything suggest does below the whole segment needs this: repairing a fuzzy match (which
English words belong to the Spanish words that changed), a phrase's rendering in a unit (the
English run that answers "régimen fujimorista", not the n-gram that happens to recur beside
it), and the terms a reviewer checks. Links are scored from the evidence the sentence aligner
already trusts (the same word or number, a cognate prefix, FreeDict, the vocabulary learnt
from the memory) plus a small table of Spanish function words, and chosen by competitive
linking (Melamed 2000): the strongest link first, each word linked once, ties broken by
closeness to the diagonal, then grown to unlinked content words beside a link on both sides.
A span's English is the smallest run of English words consistent
with the links, as phrase-based MT extracts phrases (Och and Ney 2004).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..language.lexicon import STOP, Lexicon, fold, word_keys
from ..language.tokens import match_word_spans

__all__ = [
    "Token",
    "WordAligner",
    "WordAlignment",
    "phrase_rendering",
    "tokens",
    "weak_links",
    "word_translations",
]

# Spanish function words and the English words they usually are: evidence the lexicon's
# content-word keys leave out, weaker than a content word's
FUNCTION = {
    "de": "of from", "del": "of the from", "el": "the", "la": "the", "los": "the", "las": "the",
    "lo": "the what", "un": "a an one", "una": "a an one", "unos": "some", "unas": "some",
    "y": "and", "e": "and", "o": "or", "u": "or", "a": "to at", "al": "to the at",
    "en": "in on at into", "con": "with", "por": "for by through", "para": "for to",
    "que": "that who which what than", "su": "its their his her", "sus": "their its his her",
    "no": "not no", "ni": "nor not neither", "como": "as like", "sin": "without no",
    "contra": "against", "entre": "between among", "sobre": "on about over", "desde": "from since",
    "hasta": "until to up", "todo": "all whole every", "toda": "all whole every",
    "todos": "all every everyone everybody", "todas": "all every", "nuestro": "our",
    "nuestra": "our",
    "nuestros": "our", "nuestras": "our", "este": "this", "esta": "this", "estos": "these",
    "estas": "these", "ese": "that", "esa": "that", "esos": "those", "esas": "those",
    "se": "itself themselves", "es": "is", "son": "are", "fue": "was", "fueron": "were",
    "ha": "has", "han": "have", "hay": "there", "más": "more most", "muy": "very",
    "también": "also too", "cada": "each every", "ante": "before", "tras": "after",
    "durante": "during", "mientras": "while", "porque": "because", "pero": "but",
    "sino": "but", "si": "if", "cuando": "when", "donde": "where", "quien": "who",
    "quienes": "who", "cual": "which", "nos": "us", "les": "them", "ya": "already",
}  # fmt: skip
_FUNCTION = {fold(k): frozenset(v.split()) for k, v in FUNCTION.items()}

SAME, LEXICAL, LEARNT, FUNCTIONAL = 3.0, 2.0, 1.5, 1.0


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # character offsets in the (NFC) text
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    """The words of ``text`` as the memory's index cuts them (so a phrase found by the index
    is found here too), with their places in the NFC form of ``text``."""
    return [Token(w, a, b) for w, a, b in match_word_spans(nfc(text))]


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@dataclass
class WordAlignment:
    """One unit's words and the links between them (Spanish index, English index)."""

    source: str
    target: str
    src: list[Token]
    tgt: list[Token]
    links: list[tuple[int, int]]
    src_lang: str = "es"
    tgt_lang: str = "en"

    def reversed(self) -> WordAlignment:
        """The same links read from the other side (an English-source unit, aligned as the
        aligner aligns, Spanish to English)."""
        links = sorted((j, i) for i, j in self.links)
        return WordAlignment(
            self.target, self.source, self.tgt, self.src, links, self.tgt_lang, self.src_lang
        )

    @functools.cached_property
    def src_low(self) -> list[str]:
        """The Spanish words in lower case (looked for again and again by phrase search)."""
        return [t.low for t in self.src]

    def target_span(self, a: int, b: int) -> tuple[int, int] | None:
        """English words [lo, hi) that answer Spanish words [a, b), if the links allow it: none
        of them linked to a Spanish word outside the span."""
        js = [j for i, j in self.links if a <= i < b]
        if not js:
            return None
        lo, hi = min(js), max(js) + 1
        if any(lo <= j < hi and not a <= i < b for i, j in self.links):
            return None
        return lo, hi

    def closure(self, a: int, b: int) -> tuple[int, int, tuple[int, int] | None]:
        """The smallest Spanish span holding [a, b) whose English is consistent, and that
        English (None when no word of the span is linked)."""
        while True:
            js = [j for i, j in self.links if a <= i < b]
            if not js:
                return a, b, None
            lo, hi = min(js), max(js) + 1
            back = [i for i, j in self.links if lo <= j < hi]
            na, nb = min(a, *back), max(b, max(back) + 1)
            if (na, nb) == (a, b):
                return a, b, (lo, hi)
            a, b = na, nb

    def linked_source(self) -> set[int]:
        return {i for i, _ in self.links}

    def linked_target(self) -> set[int]:
        return {j for _, j in self.links}

    def target_text(self, lo: int, hi: int) -> str:
        """The English of words [lo, hi) as written, punctuation inside included."""
        return nfc(self.target)[self.tgt[lo].start : self.tgt[hi - 1].end]


class WordAligner:
    """Links the words of translation units through a lexicon (FreeDict + learnt vocabulary).

    ``trusted``, when given, is the part of the lexicon a person wrote (FreeDict): a link it
    or a cognate gives outweighs one only the learnt vocabulary gives, which on a small memory
    pairs words that merely stood in the same sentences ("juventud" with "Japan")."""

    def __init__(self, lexicon: Lexicon, trusted: Lexicon | None = None):
        self.lexicon = lexicon
        self.trusted = trusted
        self._keys = lru_cache(maxsize=100_000)(lexicon.keys)
        self._trusted_keys = lru_cache(maxsize=100_000)(trusted.keys) if trusted else None
        # a memory says the same words again and again: each pair is scored once
        self.score = lru_cache(maxsize=1 << 19)(self._score)

    def _score(self, es: str, en: str) -> float:
        """How strongly a Spanish word and an English word may be one another."""
        fe, fn = fold(es), fold(en)
        if fe == fn and (len(fe) > 2 or es[0].isdigit() or es.isupper()):
            return SAME
        es_stop, en_stop = fe in STOP["es"], fn in STOP["en"]
        if fe in _FUNCTION:
            if fn in _FUNCTION[fe]:
                return FUNCTIONAL
            if es_stop:
                return 0.0
        if es_stop or en_stop or len(fe) < 2 or len(fn) < 2:
            return 0.0
        if es[0].isdigit() != en[0].isdigit():
            return 0.0
        en_keys = word_keys(en)
        if not self._keys(es) & en_keys:
            return 0.0
        if self._trusted_keys is None or self._trusted_keys(es) & en_keys:
            return LEXICAL
        return LEARNT

    def _candidates(self, src: list[Token], tgt: list[Token]) -> Iterator[tuple[int, int]]:
        """Every pair of words ``score`` may find related (the same word, a function word's
        usual English, a shared lexicon key), found through maps of the English words rather
        than by trying every pair: a superset of the pairs with a score."""
        by_fold: dict[str, list[int]] = defaultdict(list)
        by_key: dict[str, list[int]] = defaultdict(list)
        for j, t in enumerate(tgt):
            by_fold[fold(t.text)].append(j)
            for key in word_keys(t.text):
                by_key[key].append(j)
        for i, s in enumerate(src):
            fe = fold(s.text)
            js = set(by_fold.get(fe, ()))
            for word in _FUNCTION.get(fe, ()):
                js.update(by_fold.get(word, ()))
            for key in self._keys(s.text):
                js.update(by_key.get(key, ()))
            for j in js:
                yield i, j

    def align(self, source: str, target: str) -> WordAlignment:
        src, tgt = tokens(source), tokens(target)
        n, m = len(src), len(tgt)
        scored = []
        for i, j in self._candidates(src, tgt):
            v = self.score(src[i].text, tgt[j].text)
            if v:
                # closeness to the diagonal breaks ties between equally good links
                dist = abs(i / max(n - 1, 1) - j / max(m - 1, 1))
                scored.append((v - dist, i, j))
        scored.sort(key=lambda x: (-x[0], x[1], x[2]))
        used_s: set[int] = set()
        used_t: set[int] = set()
        links = []
        for _, i, j in scored:
            if i in used_s or j in used_t:
                continue
            used_s.add(i)
            used_t.add(j)
            links.append((i, j))
        self._grow(src, tgt, links, used_s, used_t)
        links.sort()
        return WordAlignment(source, target, src, tgt, links)

    @staticmethod
    def _grow(
        src: list[Token], tgt: list[Token], links: list[tuple[int, int]],
        used_s: set[int], used_t: set[int],
    ) -> None:  # fmt: skip
        """Link unlinked content words that stand next to a link of content words on both
        sides ("clase obrera" / "working class": obrera and working, beside clase / class), as
        phrase-based MT grows its alignments along the diagonal; no dictionary knows every such
        pair."""
        content_s = [fold(t.text) not in STOP["es"] and not t.text[0].isdigit() for t in src]
        content_t = [fold(t.text) not in STOP["en"] and not t.text[0].isdigit() for t in tgt]
        grown = True
        while grown:
            grown = False
            for i, j in list(links):
                if not (content_s[i] and content_t[j]):
                    continue  # only a link between content words vouches for its neighbours
                for di, dj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                    a, b = i + di, j + dj
                    if not (0 <= a < len(src) and 0 <= b < len(tgt)):
                        continue
                    if a in used_s or b in used_t or not (content_s[a] and content_t[b]):
                        continue
                    links.append((a, b))
                    used_s.add(a)
                    used_t.add(b)
                    grown = True


MIN_LINKED = 0.75  # share of a phrase's content words the alignment must link in a unit


def _find(al: WordAlignment, phrase: Sequence[str]) -> int | None:
    low, n, phrase = al.src_low, len(phrase), list(phrase)
    return next((s for s in range(len(low) - n + 1) if low[s : s + n] == phrase), None)


def phrase_rendering(al: WordAlignment, phrase: Sequence[str], tight: bool = False) -> str | None:
    """The English run that answers ``phrase`` (lower-case words) in an aligned unit, if the
    alignment links most of its content words and nothing outside it; ``tight``: and every
    content word of that English is linked too (when one unit is all the evidence)."""
    low = al.src_low
    n = len(phrase)
    a = _find(al, phrase)
    if a is None:
        return None
    span = al.target_span(a, a + n)
    if span is None:
        return None
    linked = al.linked_source()
    content = [i for i in range(a, a + n) if fold(low[i]) not in STOP[al.src_lang]]
    if content and sum(1 for i in content if i in linked) / len(content) < MIN_LINKED:
        return None
    if tight:
        linked_en = al.linked_target()
        for j in range(*span):
            word = al.tgt[j].low
            if j not in linked_en and fold(word) not in STOP[al.tgt_lang] and not word.isdigit():
                return None
    lo, hi = span
    # initials cut by the word pattern: "U.S. military bases", not "S. military bases"
    while (
        len(al.tgt[lo].text) == 1
        and lo > 0
        and len(al.tgt[lo - 1].text) == 1
        and nfc(al.target)[al.tgt[lo - 1].end : al.tgt[lo].start] == "."
    ):
        lo -= 1
    return al.target_text(lo, hi)


def weak_links(
    al: WordAlignment, phrase: Sequence[str], aligner: WordAligner, below: float = LEXICAL
) -> set[str]:
    """The English words (lower case) linked to the phrase's content words in this unit only
    by a link ``aligner`` scores under ``below``: grown beside another link ("clase obrera" /
    "class needs") or learnt from the memory's co-occurrences alone."""
    a = _find(al, phrase)
    if a is None:
        return set()
    stop = STOP[al.src_lang]
    content = {i for i in range(a, a + len(phrase)) if fold(al.src_low[i]) not in stop}
    weak = set()
    for i, j in al.links:
        if i not in content:
            continue
        pair = (al.src[i].text, al.tgt[j].text)
        if aligner.score(*(pair if al.src_lang == "es" else pair[::-1])) < below:
            weak.add(al.tgt[j].low)
    return weak


def word_translations(
    aligner: WordAligner, pairs: Sequence[tuple[str, str]], min_count: int = 2
) -> dict[str, tuple[str, int, int]]:
    """Each Spanish content word's usual English in these units, as the alignment links it:
    word (lower case) -> (English as most often written, units linking it so, units linking
    it at all). Kept when at least ``min_count`` units agree and they are the majority."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for source, target in pairs:
        al = aligner.align(source, target)
        for i, j in al.links:
            word = al.src[i].low
            if fold(word) in STOP["es"] or word[0].isdigit():
                continue
            seen[word][al.tgt[j].text] += 1
    out = {}
    for word, counts in seen.items():
        folded: Counter[str] = Counter()
        for text, c in counts.items():
            folded[text.lower()] += c
        top, count = folded.most_common(1)[0]
        total = sum(folded.values())
        if count >= min_count and count * 2 > total:
            written = max((c, t) for t, c in counts.items() if t.lower() == top)[1]
            out[word] = (written, count, total)
    return out
