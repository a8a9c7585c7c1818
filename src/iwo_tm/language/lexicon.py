"""What a Spanish word may be in English: the lexical evidence the aligner counts.

Words are compared by *keys*: a five-letter accent-free prefix ("revolucionario" and
"revolutionary" share ``revol``, "workers" and "worker" share ``worke``), numbers by their
digits ("12.000" = "12,000"), acronyms by their letters in any order (FMI = IMF, OTAN = NATO).
A Spanish word also takes the keys of its English translations from a bilingual dictionary:
Debian's ``dict-freedict-spa-eng`` when installed, and whatever pairs a first alignment pass
learnt from the corpus itself (as hunalign does).
"""

from __future__ import annotations

import gzip
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np
import regex

from .tokens import words

FREEDICT = Path("/usr/share/dictd/freedict-spa-eng")
STEM = 5

_ES_STOP = """a al algo algunos ante antes aquel aquella aqui asi aun bajo bien cada casi como con
contra cual cuando de del desde donde dos durante e el ella ellas ellos en entre era eran es esa
ese eso esta estan estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me
mi mientras muy nada ni no nos nuestra nuestro nuestros nuestras o otra otro otros para pero poco
por porque que quien se sea segun ser si sin sino sobre solo son su sus tambien tan tanto te todo
toda todos todas tras tu un una uno unos unas ya y yo"""
_EN_STOP = """a about after all also an and any are as at be been but by can could did do does for
from had has have he her his how i if in into is it its may more most must my no nor not now
of on one only or other our over own she should so some such than that the their them then
there these they this those through to too under very was we were what when where which while
who will with would you your"""
STOP = {"es": frozenset(_ES_STOP.split()), "en": frozenset(_EN_STOP.split())}
# words a phrase does not begin or end with: articles, prepositions, conjunctions ("que se
# vayan todos" is a phrase, "de la CGTP" is not)
_ES_EDGE = "a al con de del e el en la las lo los o para por se su sus u un una y"
_EN_EDGE = "the a an of to in and for by with on at from that"
EDGE = {"es": frozenset(_ES_EDGE.split()), "en": frozenset(_EN_EDGE.split())}

_ACRONYM = regex.compile(r"^\p{Lu}{2,6}$")


# the accented letters of Spanish, French and Portuguese text, folded by one table lookup
_ACCENTS = str.maketrans("áéíóúüñàèìòùâêîôûäëïöçãõ", "aeiouunaeiouaeiouaeiocao")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without accents (ñ becomes n): the shape both languages share."""
    low = word.lower()
    if low.isascii():
        return low
    quick = low.translate(_ACCENTS)
    if quick.isascii():
        return quick
    nfd = unicodedata.normalize("NFD", low)
    return "".join(c for c in nfd if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """The keys of one word as it appears in the text (empty for words without letters)."""
    if word[0].isdigit():
        digits = regex.sub(r"\D", "", word)
        return frozenset({"#" + digits} if digits else ())
    folded = fold(word)
    if 2 <= len(word) <= 6 and word.isupper() and _ACRONYM.match(word):
        return frozenset({folded[:STEM], "@" + "".join(sorted(folded))})
    return frozenset({folded[:STEM]})


# function words that translate one to one: evidence for short sentences, though not content
CONCEPTS = {
    "all": ("todo toda todos todas", "all every everything everyone whole"),
    "one": ("uno", "one single"),
    "only": ("solo sólo solamente únicamente", "only solely"),
    "not": ("no ni nunca jamás nada", "not no never nothing nor neither"),
    "against": ("contra", "against"),
    "without": ("sin", "without"),
    "after": ("después tras", "after"),
    "before": ("antes", "before"),
    "between": ("entre", "between among"),
    "until": ("hasta", "until till"),
    "while": ("mientras", "while whereas"),
    "because": ("porque", "because"),
    "also": ("también", "also too"),
    "more": ("más", "more most"),
    "each": ("cada", "each every"),
}
_CONCEPT = {
    lang: {w: frozenset({"~" + c}) for c, pair in CONCEPTS.items() for w in pair[k].split()}
    for k, lang in enumerate(("es", "en"))
}
# marks that survive translation: ¡! ¿? and quotes, whatever their typography
PUNCT_TOKENS = (("!", "!"), ("?", "?"), ("«", '"'), ("“", '"'), ('"', '"'))

# per language, what each word is: (a content word?, its concept token or None)
_VERDICT: dict[str, dict[str, tuple[bool, frozenset[str] | None]]] = {"es": {}, "en": {}}


@lru_cache(maxsize=100_000)
def reading(text: str, lang: str) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """A sentence's content words (not function words of ``lang``; numbers always count), and
    its marks: ¡! ¿? and quotes, and the concept of each function word that has one.

    One pass over the words, each word's verdict computed once: the aligner reads every
    sentence this way, so this is where a cold start spends its time.
    """
    verdicts = _VERDICT[lang]
    if len(verdicts) > 200_000:  # a bound on memory; words repeat, so this is rare
        verdicts.clear()
    content: list[str] = []
    marks = [frozenset({tok}) for ch, tok in PUNCT_TOKENS if ch in text]
    for w in words(text):
        v = verdicts.get(w)
        if v is None:
            keep = w[0].isdigit() or (len(w) > 1 and fold(w) not in STOP[lang])
            v = verdicts[w] = (keep, _CONCEPT[lang].get(w.lower()))
        if v[0]:
            content.append(w)
        if v[1] is not None:
            marks.append(v[1])
    return tuple(content), tuple(marks)


def content_words(text: str, lang: str) -> tuple[str, ...]:
    """Words that are not function words of ``lang`` (numbers always count)."""
    return reading(text, lang)[0]


def clear_caches() -> None:
    """Forget every word seen so far (benchmarks measure a cold start with it)."""
    for cached in (reading, fold, word_keys, _spanish_lemmas, canonical):
        cached.cache_clear()
    for verdict in _VERDICT.values():
        verdict.clear()


@lru_cache(maxsize=200_000)
def _spanish_lemmas(word: str) -> tuple[str, ...]:
    """Cheap guesses at the dictionary form of an inflected Spanish word."""
    w = fold(word)
    out = [w]
    n, last = len(w), w[-1:]
    if last == "s" and n >= 4:  # -es, -s, -as -> -o, -os -> -o
        if w[-2] == "e" and n >= 5:
            out.append(w[:-2])
        out.append(w[:-1])
        if w[-2] in "ao" and n >= 5:
            out.append(w[:-2] + "o")
    elif last == "a" and n >= 4:
        out.append(w[:-1] + "o")
    out.append(canonical(w))
    return tuple(out)


@lru_cache(maxsize=200_000)
def canonical(folded: str) -> str:
    """One form for a Spanish word's number and gender: campesinas, campesina -> campesino."""
    w = folded
    if len(w) > 4 and w.endswith("es") and w[-3] in "rlndz":
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("a"):
        w = w[:-1] + "o"
    return w


def cognate_keys(folded: str) -> set[str]:
    """Extra keys from a regular Spanish -> English spelling change: ci -> ti before a vowel
    (milicia/militia, nacion/nation, accion/action)."""
    return {folded.replace("ci", "ti")[:STEM]} if "ci" in folded else set()


class Lexicon:
    """A Spanish -> English word list, consulted by folded Spanish word."""

    def __init__(self, entries: dict[str, set[str]] | None = None, sources: Iterable[str] = ()):
        self.entries: dict[str, set[str]] = entries or {}
        self.sources = list(sources)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, es_word: str, en_keys: Iterable[str]) -> None:
        key = fold(es_word)  # a new set, never changed in place: merged lexicons share them
        self.entries[key] = self.entries.get(key, set()).union(en_keys)

    def keys(self, word: str) -> frozenset[str]:
        """Every English key a Spanish word may stand for: its own keys and its translations'."""
        own = word_keys(word)
        if word[0].isdigit():
            return own
        extra = cognate_keys(fold(word))
        for lemma in _spanish_lemmas(word):
            found = self.entries.get(lemma)
            if found:
                # a feminine or plural form with an entry of its own ("obrera": female
                # labourer) also has the senses of its masculine singular ("obrero": worker)
                # when the two entries agree on one (not "puerta", door, and "puerto", port)
                base = self.entries.get(canonical(lemma))
                if base and base is not found and not base.isdisjoint(found):
                    found = found | base
                return own.union(extra, found)
        return own.union(extra) if extra else own

    def unknown(self, words: Iterable[str]) -> list[str]:
        """The ``words`` none of whose dictionary forms has an entry."""
        entries = self.entries.keys()
        return [w for w in words if entries.isdisjoint(_spanish_lemmas(w))]

    def merged(self, other: Lexicon) -> Lexicon:
        entries = dict(self.entries)  # the sets are shared, never changed: only replaced
        for k, v in other.entries.items():
            entries[k] = entries.get(k, set()) | v
        return Lexicon(entries, self.sources + other.sources)


def _english_keys(definition: str) -> set[str]:
    keys = set()
    for w in content_words(definition, "en"):
        if not w[0].isdigit():
            keys.add(fold(w)[:STEM])
    return keys


def freedict_entries(base: Path = FREEDICT) -> Iterator[tuple[str, str]]:
    """Each headword of a dictd dictionary (``.index`` + ``.dict.dz``) with its definition's
    text; nothing if the dictionary is not installed."""
    index, data = base.with_suffix(".index"), base.with_suffix(".dict.dz")
    if not index.exists() or not data.exists():
        return
    raw = gzip.decompress(data.read_bytes())
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def b64(s: str) -> int:  # dictd's offsets: base 64, most significant digit first
        n = 0
        for ch in s:
            n = n * 64 + alphabet.index(ch)
        return n

    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        head, off, size = parts[0], b64(parts[1]), b64(parts[2])
        body = raw[off : off + size].decode("utf-8", "replace").splitlines()[1:]
        yield head, " ".join(body)


def load_freedict(base: Path = FREEDICT) -> Lexicon:
    """Debian's Spanish-English dictionary as a lexicon; an empty lexicon if not installed."""
    lex = Lexicon(sources=["dict-freedict-spa-eng"])
    for head, definition in freedict_entries(base):
        keys = _english_keys(definition)
        if keys and " " not in head:
            lex.add(head, keys)
    return lex if lex.entries else Lexicon()


def learn(pairs: Iterable[tuple[str, str]], min_count: int = 2, min_dice: float = 0.3) -> Lexicon:
    """Word pairs that keep appearing together in aligned sentence pairs (Dice association).

    This is how a first alignment pass teaches the second one the corpus's own vocabulary
    ("masas" -> masses, "consigna" -> slogan) that no general dictionary has.
    """
    word_pairs = ((content_words(es, "es"), content_words(en, "en")) for es, en in pairs)
    return learn_words(word_pairs, min_count, min_dice)


def _pair_codes(
    e_ids: list[int], f_ids: list[int], e_len: list[int], f_len: list[int], width: int
) -> np.ndarray:
    """Every pair of a block of ``e_ids`` with the same block of ``f_ids`` (blocks of lengths
    ``e_len`` and ``f_len``), as ``e * width + f``: one vector operation for all the blocks."""
    # 32-bit codes where they fit: numpy sorts them (np.unique) twice as fast
    dtype = np.int32 if (max(e_ids, default=0) + 1) * width < 2**31 else np.int64
    if not e_len:
        return np.zeros(0, dtype=dtype)
    e_len_a, f_len_a = np.asarray(e_len), np.asarray(f_len)
    f_start = np.cumsum(f_len_a) - f_len_a
    # per Spanish id: how many English ids it pairs with, and where they start
    repeat = np.repeat(f_len_a, e_len_a)
    first = np.repeat(f_start, e_len_a)
    out_start = np.cumsum(repeat) - repeat
    f_index = np.arange(int(repeat.sum())) + np.repeat(first - out_start, repeat)
    es_part = np.repeat(np.asarray(e_ids, dtype=dtype) * width, repeat)
    return es_part + np.asarray(f_ids, dtype=dtype)[f_index]


def _stem_bags(
    pairs: list[tuple[Sequence[str], Sequence[str]]],
) -> list[tuple[set[str], set[str]]]:
    """Each pair as two bags of stems, each distinct word stemmed once; numbers have none."""
    es_words = set(chain.from_iterable(e for e, _ in pairs))
    en_words = set(chain.from_iterable(f for _, f in pairs))
    es_stem = {w: canonical(fold(w)) for w in es_words if not w[0].isdigit()}
    en_stem = {w: fold(w)[:STEM] for w in en_words if not w[0].isdigit()}
    bags = [(set(map(es_stem.get, es)), set(map(en_stem.get, en))) for es, en in pairs]
    for es_bag, en_bag in bags:
        es_bag.discard(None)
        en_bag.discard(None)
    return bags  # type: ignore[return-value]


def _bag_codes(
    bags: list[tuple[set[str], set[str]]], es_id: dict[str, int], en_id: dict[str, int]
) -> np.ndarray:
    """Every (Spanish, English) pair of stems of a bag pair, as codes e * width + f."""
    e_ids: list[int] = []
    f_ids: list[int] = []
    e_len: list[int] = []
    f_len: list[int] = []
    for es_bag, en_bag in bags:
        e = [es_id[w] for w in es_bag if w in es_id]
        f = [en_id[k] for k in en_bag if k in en_id]
        if e and f:
            e_ids += e
            f_ids += f
            e_len.append(len(e))
            f_len.append(len(f))
    return _pair_codes(e_ids, f_ids, e_len, f_len, len(en_id))


def learn_words(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]], min_count: int = 2, min_dice: float = 0.3
) -> Lexicon:
    """``learn`` from pairs already cut into content words (an aligner has them at hand)."""
    bags = _stem_bags(list(pairs))
    es_count = Counter(chain.from_iterable(e for e, _ in bags))
    en_count = Counter(chain.from_iterable(f for _, f in bags))
    # only words seen often enough can pass min_count; pairs are counted as integer codes
    es_vocab = sorted(w for w, c in es_count.items() if c >= min_count)
    en_vocab = sorted(k for k, c in en_count.items() if c >= min_count)
    width = len(en_vocab)
    codes = _bag_codes(
        bags, {w: i for i, w in enumerate(es_vocab)}, {k: i for i, k in enumerate(en_vocab)}
    )
    best: dict[str, list[tuple[float, str]]] = {}
    if len(codes):
        pair_codes, counts = np.unique(codes, return_counts=True)
        pair_e, pair_f = pair_codes // width, pair_codes % width
        e_freq = np.array([es_count[w] for w in es_vocab])[pair_e]
        f_freq = np.array([en_count[k] for k in en_vocab])[pair_f]
        dice = 2 * counts / (e_freq + f_freq)
        keep = np.flatnonzero((counts >= min_count) & (dice >= min_dice))
        for e, f, d in zip(pair_e[keep].tolist(), pair_f[keep].tolist(), dice[keep].tolist(),
                           strict=True):  # fmt: skip
            best.setdefault(es_vocab[e], []).append((d, en_vocab[f]))
    # the Spanish stems are folded already: they are the lexicon's keys as they are
    entries = {e: {f for _, f in sorted(cands, reverse=True)[:3]} for e, cands in best.items()}
    return Lexicon(entries, sources=["learnt from the corpus"])
