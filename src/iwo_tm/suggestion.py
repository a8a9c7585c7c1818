"""``iwo-tm suggest`` and ``iwo-tm analyse``: a new Spanish text against the memory.

For each segment: the best whole-segment matches with their CAT percentage (a 100% match whose
previous segment is also the memory unit's previous segment is a *context match*, shown as
101% as Trados does), numbers adapted when they are the only difference, the memory's slogans
and headings found inside the segment (sub-segment matches), and, when nothing reaches the
threshold, Apertium's translation if installed, marked as machine translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .documents import read_article_text
from .errors import IwoError
from .fuzzy import Candidate, Fragment, FuzzyIndex, build_index, is_number, words
from .language import detect_language
from .memory import load_memory, memory_files
from .phrases import PhraseFinder
from .segmentation import Segment, markdown_blocks, segment_blocks

CONTEXT_MATCH = 101
BANDS = (
    ("context (101%)", 101, 101),
    ("100%", 100, 100),
    ("95-99%", 95, 99),
    ("85-94%", 85, 94),
    ("75-84%", 75, 84),
    ("50-74%", 50, 74),
    ("no match", 0, 49),
)


@dataclass
class Suggestion:
    number: int  # 1-based position in the text
    segment: Segment
    score: int = 0  # of the draft: 101 context, 100 exact, fuzzy %, 0 none or MT
    target: str = ""
    origin: str = ""  # "memory", "mt" or ""
    candidates: list[Candidate] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    adapted: list[tuple[str, str]] = field(default_factory=list)  # numbers: memory -> new
    repetition_of: int | None = None  # an identical earlier segment of the same text

    @property
    def source(self) -> str:
        return self.segment.text


def adapt_numbers(
    new: str, match_source: str, match_target: str
) -> tuple[str, list[tuple[str, str]]] | None:
    """If ``new`` differs from the match only by numbers, the match's English with the new
    numbers put in, and the replacements; else None."""
    a, b = words(new), words(match_source)
    if len(a) != len(b):
        return None
    swaps = []
    for x, y in zip(a, b, strict=True):
        if x.lower() == y.lower():
            continue
        if not (is_number(x) and is_number(y)):
            return None
        swaps.append((y, x))
    if not swaps:
        return None
    target = match_target
    for old, new_number in swaps:
        if old not in target:
            return None  # the English spells it otherwise: leave it to the translator
        target = target.replace(old, new_number, 1)
    return target, swaps


def suggest(
    segments: Sequence[Segment],
    index: FuzzyIndex,
    threshold: int = 75,
    n: int = 3,
    translate: Callable[[list[str]], list[str]] | None = None,
    phrases: PhraseFinder | None = None,
) -> list[Suggestion]:
    """Suggestions for each segment of a new text, in order. Without ``phrases`` only whole
    memory units are found inside segments; with it, learnt phrase pairs too."""
    out: list[Suggestion] = []
    first_seen: dict[str, int] = {}
    for k, seg in enumerate(segments):
        sug = Suggestion(k + 1, seg)
        key = " ".join(seg.text.split())
        if key in first_seen:
            sug.repetition_of = first_seen[key]
        else:
            first_seen[key] = sug.number
        sug.candidates = index.search(seg.text, n, threshold)
        if sug.candidates:
            best = sug.candidates[0]
            sug.score, sug.target, sug.origin = best.score, best.unit.target, "memory"
            prev = segments[k - 1].text if k else ""
            if best.score == 100 and best.unit.context and best.unit.context == prev:
                sug.score = CONTEXT_MATCH
            elif best.score < 100:
                adapted = adapt_numbers(seg.text, best.unit.source, best.unit.target)
                if adapted:
                    sug.target, sug.adapted = adapted
        covered = sug.score >= 100
        if not covered:
            n_words = len(words(seg.text))
            if phrases is not None:
                sug.fragments = phrases.find(seg.text)
            else:
                found = index.fragments_in(seg.text)
                sug.fragments = [f for f in found if f.end - f.start < n_words]
        out.append(sug)
    if translate is not None:
        todo = [s for s in out if not s.target]
        if todo:
            for s, text in zip(todo, translate([s.source for s in todo]), strict=True):
                s.target, s.origin = text, "mt"
    return out


@dataclass
class Band:
    name: str
    segments: int = 0
    words: int = 0


def analyse(suggestions: Sequence[Suggestion]) -> list[Band]:
    """Segments and words per match band, repetitions inside the text counted apart, as the
    analysis CAT tools give before a job."""
    bands = {name: Band(name) for name, _, _ in BANDS}
    repetitions = Band("repetitions")
    for s in suggestions:
        count = len(words(s.source))
        if s.repetition_of is not None:
            repetitions.segments += 1
            repetitions.words += count
            continue
        score = s.score if s.origin == "memory" else 0
        for name, low, high in BANDS:
            if low <= score <= high:
                bands[name].segments += 1
                bands[name].words += count
                break
    return [*bands.values(), repetitions]


def load_index(
    tmx_dir: str | Path, tm: Sequence[str | Path] = (), cache: bool = True
) -> tuple[FuzzyIndex, list[Path]]:
    """The memory's index (cached in ``tmx/.cache``, rebuilt when a TMX file changes)."""
    files = memory_files(tmx_dir, tm)
    cache_dir = Path(tmx_dir) / ".cache" if cache and Path(tmx_dir).is_dir() else None
    return build_index(lambda: load_memory(files), files, cache_dir), files


def read_new_text(path: str | Path) -> list[Segment]:
    """The segments of a new Spanish text; an English or empty text is refused."""
    lang, blocks = markdown_blocks(read_article_text(path), None, str(path))
    if lang != "es":
        raise IwoError("the text is English; suggest works on the Spanish original", path)
    found = detect_language(" ".join(b.text for b in blocks))
    if found == "en":
        raise IwoError("the text is English, though it says lang: es", path)
    return segment_blocks(blocks, lang)
