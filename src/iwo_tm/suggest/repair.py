"""Fuzzy-match repair: a memory match whose Spanish differs a little, patched where it differs.

Ortega, Sánchez-Martínez and Forcada (2014, 2016) repair a fuzzy match with machine translation
used as a black box: find the words of the match's Spanish that differ from the new segment,
find the English words that translate them, and put the translation of the new words in their
place; the rest of the translator's English stays as it was. Here the English words come from
the unit's word alignment (``word_alignment``), widened until no link crosses the patch, and a
new span is translated by the glossary or the memory's own phrases first, by Apertium only
when neither knows it. A patch whose English cannot be located, or that would replace most of
the English, gives no repair: the match is then offered as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..language.lexicon import STOP, fold
from ..language.tokens import match_word_spans
from ..memory.word_alignment import WordAlignment, nfc

__all__ = ["Patch", "Repair", "plan_repair"]

MAX_REPLACED = 0.6  # share of the English a repair may rewrite: above it, MT does as well

# a span's translation from what the project knows (glossary, memory), or None
Lookup = Callable[[str], "tuple[str, str] | None"]


@dataclass
class Patch:
    """One change: the match's Spanish words and their English, and what replaces them."""

    old_source: str
    new_source: str
    old_target: str
    start: int  # characters of the match's English replaced
    end: int
    new_target: str | None = None  # None until translated
    how: str = ""  # glossary, memory, number, name, mt, deleted


@dataclass
class Repair:
    """A repaired match: its English with the patches in, and what was done."""

    target: str
    patches: list[Patch] = field(default_factory=list)
    source: str = ""  # the new segment
    match_source: str = ""

    @property
    def needs(self) -> list[str]:
        """Spanish spans still waiting for a machine translation."""
        return [p.new_source for p in self.patches if p.new_target is None]

    def finish(self, translations: Mapping[str, str]) -> Repair | None:
        """The repair with machine translations put in (None if one is missing)."""
        for p in self.patches:
            if p.new_target is None:
                text = translations.get(p.new_source, "").strip()
                if not text:
                    return None
                p.new_target, p.how = text, "mt"
        return self

    def text(self) -> str:
        """The match's English with every patch applied (call after ``finish``)."""
        out = self.target
        for p in sorted(self.patches, key=lambda p: -p.start):
            new = _fit_case(p.new_target or "", p.new_source, p.start == 0)
            out = out[: p.start] + new + out[p.end :]
        return _edges(_tidy(out), self.source, self.match_source)


def _fit_case(text: str, source: str, at_start: bool) -> str:
    """Capitalise a patch at the start of the sentence; lower a machine-capitalised first
    letter where the Spanish word was lower case."""
    text = text.strip(" ")
    if not text:
        return text
    if at_start:
        return text[0].upper() + text[1:]
    if text[0].isupper() and source[:1].islower() and not text.split()[0].isupper():
        return text[0].lower() + text[1:]
    return text


_SPACES = re.compile(r" {2,}")
_BEFORE_PUNCT = re.compile(r" +([,.;:!?)\]»”])")


_TWICE = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
_OPENERS = "\"'“«(¡¿"
_CLOSERS = "\"'”»)"


def _tidy(text: str) -> str:
    """Spaces, a word doubled where a patch meets its neighbour ("of of"), punctuation left
    at the start by a patch that removed the words before it."""
    text = _BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = _TWICE.sub(
        lambda m: m.group(1) if m.group(1).lower() in STOP["en"] else m.group(0), text
    )
    return text.lstrip(",;: ")


def _edges(text: str, new: str, old: str) -> str:
    """Quotes and brackets around the whole match that the new segment does not have are
    taken off ("(LSTI of Peru...)" for a segment without brackets), and the other way round."""
    for ch in _OPENERS:
        if old.startswith(ch) and not new.startswith(ch) and text.startswith(ch):
            text = text[1:].lstrip()
    for ch in _CLOSERS:
        if old.rstrip(".!?").endswith(ch) and not new.rstrip(".!?").endswith(ch):
            stripped = text.rstrip(".!?")
            if stripped.endswith(ch):
                text = stripped[:-1].rstrip() + text[len(stripped) :]
    first = new.lstrip(_OPENERS + " ")[:1]
    if text[:1].islower() and first.isupper():
        text = text[0].upper() + text[1:]
    # the sentence ends as the new Spanish ends ("!" for "¡...!", nothing for a heading)
    end_new, end_old = _final(new), _final(old)
    if end_new != end_old and _final(text) == end_old:
        text = text[: len(text) - len(end_old)].rstrip() + end_new
    return text


def _final(text: str) -> str:
    text = text.rstrip(_CLOSERS + " ")
    return text[-1] if text[-1:] in ".!?:" else ""


def _content(words: list[str]) -> bool:
    return any(w[0].isdigit() or fold(w) not in STOP["es"] for w in words)


def plan_repair(new: str, alignment: WordAlignment, lookup: Lookup) -> Repair | None:
    """The patches that turn a match (``alignment``: its Spanish and English, word-aligned)
    into a translation of ``new``; None when the match cannot be repaired."""
    new = nfc(new)
    n_toks = match_word_spans(new)
    s_low = [t.low for t in alignment.src]
    ops = SequenceMatcher(None, s_low, [w.lower() for w, _, _ in n_toks], autojunk=False)
    edits = _Edits(ops.get_opcodes())
    if not edits.changed:
        return None
    regions = _seed_regions(edits.changed, alignment)
    if regions is None:
        return None
    regions = _widen(regions, alignment, edits.inner)
    source, target = nfc(alignment.source), nfc(alignment.target)
    patches, replaced = [], 0
    for a, b in regions:
        j1, j2 = edits.start_at[a], edits.end_at[b]
        new_words = [w for w, _, _ in n_toks[j1:j2]]
        span = alignment.target_span(a, b)
        if span is None:
            if _content(s_low[a:b]) or _content(new_words):
                return None  # content words whose English cannot be found
            continue  # function words only, unlinked: nothing to change in the English
        lo, hi = span
        replaced += hi - lo
        start, end = alignment.tgt[lo].start, alignment.tgt[hi - 1].end
        old_source = source[alignment.src[a].start : alignment.src[b - 1].end]
        new_text = new[n_toks[j1][1] : n_toks[j2 - 1][2]] if j2 > j1 else ""
        patch = Patch(old_source, new_text, target[start:end], start, end)
        _translate_known(patch, new_words, lookup)
        patches.append(patch)
    if not patches or replaced > MAX_REPLACED * max(len(alignment.tgt), 1):
        return None
    return Repair(target, patches, new, source)


class _Edits:
    """The word edits from the match's Spanish to the new segment, and where a patch that
    starts (ends) at each boundary of the match starts (ends) in the new segment: an insertion
    belongs to the patch on either side of it."""

    def __init__(self, ops: list[tuple[str, int, int, int, int]]):
        self.changed = [(i1, i2) for tag, i1, i2, _, _ in ops if tag != "equal"]
        self.start_at: dict[int, int] = {}
        self.end_at: dict[int, int] = {}
        for tag, i1, i2, j1, _ in ops:
            if tag == "equal":
                for d in range(i2 - i1 + 1):
                    self.start_at[i1 + d] = self.end_at[i1 + d] = j1 + d
        self.inner: list[tuple[int, int]] = []  # replaced stretches: no patch edge inside
        for tag, i1, i2, j1, j2 in ops:
            if tag != "equal":
                self.start_at[i1], self.end_at[i2] = j1, j2
                if i2 > i1:
                    self.inner.append((i1, i2))


def _seed_regions(
    changed: list[tuple[int, int]], alignment: WordAlignment
) -> list[tuple[int, int]] | None:
    """Each change as a stretch of the match's Spanish; an insertion is taken together with
    its nearest linked neighbour (None when it has none: where it goes cannot be told)."""
    linked = alignment.linked_source()
    regions = []
    for a, b in changed:
        if a == b:
            left = [k for k in range(max(a - 2, 0), a) if k in linked]
            right = [k for k in range(a, min(a + 2, len(alignment.src))) if k in linked]
            if left:
                a = left[-1]
            elif right:
                b = right[0] + 1
            else:
                return None
        regions.append((a, b))
    return regions


def _widen(
    regions: list[tuple[int, int]], alignment: WordAlignment, inner: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Regions widened until their English is consistent and their edges fall where the new
    segment has an edge too, regions that meet merged."""
    while True:
        grown = []
        for a, b in regions:
            a, b, _ = alignment.closure(a, b)
            for x, y in inner:
                a = x if x < a < y else a
                b = y if x < b < y else b
            grown.append((a, b))
        merged: list[tuple[int, int]] = []
        for a, b in sorted(grown):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        if merged == regions:
            return merged
        regions = merged


def _translate_known(patch: Patch, new_words: list[str], lookup: Lookup) -> None:
    """The patch's English where no machine translation is needed: nothing (the words were
    dropped), the same numbers, or what the glossary or the memory says."""
    if not patch.new_source:
        patch.new_target, patch.how = "", "deleted"
    elif all(w[0].isdigit() for w in new_words):
        patch.new_target, patch.how = patch.new_source, "number"
    else:
        known = lookup(patch.new_source)
        if known:
            patch.new_target, patch.how = known
