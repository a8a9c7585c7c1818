"""Sub-segment matches: a slogan or phrase the memory knows, inside a longer new sentence.

Two sources, both taken from the memory, never invented:

- units that are themselves short (a slogan, a headline) found word for word in the sentence
  (the index's fragment table);
- phrase pairs learnt from the aligned units: a run of the new sentence's words that recurs in
  the memory's Spanish ("Fuera Boluarte" in "¡Fuera Boluarte, títere de EE.UU.!" and in
  "¡Fuera Boluarte y su gabinete!") is paired with the run of English words that recurs in the
  same units' English ("Out with Boluarte") and whose words answer its words through the
  lexicon (cognates, dictionary, vocabulary learnt from the memory).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .fuzzy import Fragment, FuzzyIndex, decode, words
from .lexicon import STOP, Lexicon, fold, learn, word_keys

MAX_PHRASE = 8  # Spanish words
MAX_POSTINGS = 5000  # a run whose rarest word is this common is not a phrase worth offering
SAMPLE = 40  # units read to find a phrase's English
EDGE = {"the", "a", "an", "of", "to", "in", "and", "for", "by", "with", "on", "at", "from", "that"}
_ES_EDGE = "a al con de del e el en la las lo los o para por se su sus u un una y"
# a Spanish phrase does not begin or end with these ("que se vayan todos" is a phrase,
# "de la CGTP" is not)
ES_EDGE = frozenset(_ES_EDGE.split())


class PhraseFinder:
    def __init__(self, index: FuzzyIndex, lexicon: Lexicon, learn_sample: int = 20_000):
        self.index = index
        units = index.units[:learn_sample]
        self.lexicon = lexicon.merged(learn([(u.source, u.target) for u in units]))

    def _containing(self, code: str) -> list[int]:
        """Units whose Spanish contains these words in a row."""
        ix = self.index
        ids = decode(code)
        if any(i >= len(ix.vocab) for i in ids):
            return []
        sizes = [(ix.post_start[i + 1] - ix.post_start[i], i) for i in set(ids)]
        size, rarest = min(sizes)
        if size > MAX_POSTINGS:
            return []
        cands = ix.post_units[ix.post_start[rarest] : ix.post_start[rarest + 1]]
        return [int(k) for k in cands if code in ix.codes[k]]

    def _english(self, phrase: Sequence[str], units: Sequence[int]) -> list[tuple[str, int]]:
        """The English runs of words that render ``phrase`` in these units, most used first."""
        p_content = [w for w in phrase if fold(w) not in STOP["es"]]
        p_keys = [self.lexicon.keys(w) for w in p_content]
        all_keys = set().union(*p_keys) if p_keys else set()
        support: Counter[tuple[str, ...]] = Counter()
        original: dict[tuple[str, ...], str] = {}
        longest = min(len(phrase) + 3, 12)
        for k in units[:SAMPLE]:
            ws = words(self.index.units[k].target)
            seen = set()
            for n in range(1, longest + 1):
                for s in range(0, len(ws) - n + 1):
                    gram = tuple(w.lower() for w in ws[s : s + n])
                    if gram[0] in EDGE or gram[-1] in EDGE or gram in seen:
                        continue
                    seen.add(gram)
                    support[gram] += 1
                    original.setdefault(gram, " ".join(ws[s : s + n]))
        scored = []
        total = min(len(units), SAMPLE)
        for gram, count in support.items():
            if count < 2:
                continue
            e_keys = [word_keys(w) for w in gram if w not in STOP["en"]]
            if not e_keys:
                continue
            pcov = sum(1 for ks in p_keys if any(ks & e for e in e_keys)) / max(len(p_keys), 1)
            ecov = sum(1 for e in e_keys if e & all_keys) / len(e_keys)
            if pcov < 0.67 or ecov < 0.5:  # most of the Spanish must be answered
                continue
            ratio = min(len(gram), len(phrase)) / max(len(gram), len(phrase))
            scored.append((count / total * pcov * ecov * ratio, count, -len(gram), gram))
        scored.sort(reverse=True)
        if not scored:
            return []
        best = scored[0][0]
        return [(original[g], c) for score, c, _, g in scored[:2] if score >= best / 2]

    def find(self, text: str) -> list[Fragment]:
        """Fragments of ``text`` the memory knows, longest first, not overlapping."""
        ws = words(text)
        code = self.index.query_code(text)
        found = [f for f in self.index.fragments_in(text) if f.end - f.start < len(ws)]
        taken = [False] * len(code)
        concordance: list[tuple[int, int, list[int]]] = []
        for f in found:
            for t in range(f.start, f.end):
                taken[t] = True
        spans = []
        for length in range(min(MAX_PHRASE, len(ws)), 1, -1):
            for start in range(0, len(ws) - length + 1):
                if all(taken[start : start + length]):
                    continue
                phrase = ws[start : start + length]
                if fold(phrase[0]) in ES_EDGE or fold(phrase[-1]) in ES_EDGE:
                    continue
                content = sum(1 for w in phrase if fold(w) not in STOP["es"])
                if not content:
                    continue
                units = self._containing(code[start : start + length])
                if len(units) < 2:
                    continue
                renderings = self._english(phrase, units)
                if not renderings:
                    if length >= 3 or len(units) >= 3:  # short and rare with no English: noise
                        concordance.append((start, length, units))
                    continue
                spans.append((-content, -renderings[0][1], -length, start, renderings, units))
        # the phrases that say most (content words), best attested and longest come first; one
        # may overlap another (both are offered) but not lie wholly inside a phrase already found
        for _, _, neg_length, start, renderings, units in sorted(spans, key=lambda x: x[:4]):
            length = -neg_length
            if all(taken[start : start + length]):
                continue
            text = " ".join(ws[start : start + length])
            found.append(Fragment(start, start + length, text, renderings, units))
            for t in range(start, start + length):
                taken[t] = True
        # phrases whose English varies too much: shown with example units, in the gaps left
        for start, length, units in concordance:
            if any(taken[start : start + length]):  # only in the gaps
                continue
            examples = [self.index.units[k] for k in units[:2]]
            text = " ".join(ws[start : start + length])
            found.append(Fragment(start, start + length, text, [], units, examples))
            for t in range(start, start + length):
                taken[t] = True
        found.sort(key=lambda f: f.start)
        return found
