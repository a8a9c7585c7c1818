"""``iwo-tm suggest`` and ``iwo-tm analyse``: a new Spanish text against the memory.

Each segment gets a draft from the most trusted source that has one, and says which:

1. ``memory``: a whole match with its CAT percentage (a 100% match whose previous segment is
   also the memory unit's previous segment is a *context match*, 101% as in Trados), numbers
   adapted when they are the only difference;
2. ``repaired``: a fuzzy match from 60% up whose differing words are patched in its English
   (``repair``), the glossary and the memory's phrases first, Apertium for the rest;
3. ``pinned``: Apertium's translation with the memory's consistent phrases and the glossary's
   terms pinned in place (``pinning``);
4. ``post-edited`` / ``mt``: Apertium's translation, with or without the edits the team always
   makes to it, learnt from the memory (``post_edit``).

Machine translation's numbers and dates are written as the memory writes them (``localize``).

Slogans and phrases the memory knows inside a segment are listed for the translator either way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from ..corpus.documents import read_article_text
from ..corpus.segmentation import Segment, markdown_blocks, segment_blocks
from ..errors import IwoError
from ..language.detect import detect_language
from ..language.tokens import is_number, match_words
from ..memory.fuzzy import Candidate, Fragment, FuzzyIndex, build_index, fingerprint
from ..memory.units import load_memory, memory_files
from ..textfiles import write_atomic
from .localize import DateStyle, localize
from .phrases import PhraseFinder, consistent
from .pinning import Pin, choose_pins, make_pin, translate_pinned
from .post_edit import (
    SWITCH_FILE,
    PostEditor,
    Rule,
    learn_from_memory,
    read_switches,
    rules_from_json,
    rules_to_json,
    switched,
)
from .repair import Repair, plan_repair

log = logging.getLogger(__name__)

Translate = Callable[[list[str]], list[str]]


class Origin(StrEnum):
    """How a segment's draft was made, most trusted first."""

    MEMORY = "memory"
    REPAIRED = "repaired"
    PINNED = "pinned"
    POST_EDITED = "post-edited"
    MT = "mt"
    NONE = ""


@dataclass(frozen=True)
class DraftOptions:
    """What goes into a draft; each mechanism can be switched off to see what it adds."""

    repair: bool = True
    pin: bool = True
    post_edit: bool = True
    localize: bool = True  # numbers and dates of machine translation as the memory writes them
    repair_from: int = 60  # lowest match percentage repaired
    pin_method: str = "placeholder"  # or "pieces"


CONTEXT_MATCH = 101
DATE_SAMPLE = 2000  # memory units read to learn how the memory writes dates
MAX_INSIDE = 300  # words: longer segments are not searched for the memory's phrases
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
    origin: Origin = Origin.NONE
    candidates: list[Candidate] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)
    adapted: list[tuple[str, str]] = field(default_factory=list)  # numbers: memory -> new
    localized: list[tuple[str, str]] = field(default_factory=list)  # MT's number/date -> ours
    repetition_of: int | None = None  # an identical earlier segment of the same text
    match: Candidate | None = None  # the memory unit the draft comes from (memory, repaired)
    repair: Repair | None = None
    pins: list[Pin] = field(default_factory=list)  # pinned (placed in the draft) or not
    rules: list[Rule] = field(default_factory=list)  # post-editing rules applied

    @property
    def pinned_words(self) -> int:
        return sum(p.end - p.start for p in self.pins) if self.origin == Origin.PINNED else 0

    @property
    def source(self) -> str:
        return self.segment.text


def adapt_numbers(
    new: str, match_source: str, match_target: str
) -> tuple[str, list[tuple[str, str]]] | None:
    """If ``new`` differs from the match only by numbers, the match's English with the new
    numbers put in, and the replacements; else None."""
    a, b = match_words(new), match_words(match_source)
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


def glossary_pins(text: str, glossary: Sequence[tuple[str, str]]) -> list[Pin]:
    """The glossary's Spanish terms found in ``text`` (whole words, any case)."""
    low = [w.lower() for w in match_words(text)]
    out = []
    for es, en in glossary:
        term = [w.lower() for w in match_words(es)]
        n = len(term)
        for s in range(len(low) - n + 1) if n else ():
            if low[s : s + n] == term:
                out.append(make_pin(text, s, s + n, en, "glossary"))
    return out


def fragment_pins(text: str, fragments: Sequence[Fragment]) -> list[Pin]:
    """The fragments the memory renders one way: whole short units (a slogan) whose English
    agrees in two thirds of them, phrases whose word-aligned renderings agree (``consistent``),
    and a phrase seen in one unit only, whose English is all linked to it."""
    out = []
    for f in fragments:
        if not f.renderings:
            continue
        whole_unit = f.read == 0
        top, count = f.renderings[0]
        total = sum(c for _, c in f.renderings)
        only_one = f.read == 1 and len(f.units) == 1 and count == 1
        if (whole_unit and count * 3 >= total * 2) or consistent(f.renderings) or only_one:
            out.append(make_pin(text, f.start, f.end, top, "memory", support=count, read=total))
    return out


def _lookup(
    glossary: Sequence[tuple[str, str]], phrases: PhraseFinder, names: bool
) -> Callable[[str], tuple[str, str] | None]:
    """How a repair translates a new Spanish span without MT: the glossary, the memory's
    consistent phrases, and (when there is no MT at all) a capitalised name kept as it is."""
    terms = {" ".join(w.lower() for w in match_words(es)): en for es, en in glossary}

    def lookup(text: str) -> tuple[str, str] | None:
        ws = match_words(text)
        key = " ".join(w.lower() for w in ws)
        if key in terms:
            return terms[key], "glossary"
        found = phrases.translate(text)
        if found:
            return found[0], "memory"
        if names and all(w[:1].isupper() for w in ws):
            return text, "name"
        return None

    return lookup


def suggest(
    segments: Sequence[Segment],
    index: FuzzyIndex,
    threshold: int = 75,
    n: int = 3,
    translate: Translate | None = None,
    phrases: PhraseFinder | None = None,
    *,
    glossary: Sequence[tuple[str, str]] = (),
    rules: Sequence[Rule] = (),
    options: DraftOptions | None = None,
) -> list[Suggestion]:
    """Drafts for each segment of a new text, in order (see the module's docstring). Without
    ``phrases`` only whole memory units are found inside segments and nothing is repaired or
    pinned; without ``translate`` only the memory drafts."""
    drafter = _Drafter(index, threshold, n, translate, phrases, glossary, rules, options)
    out: list[Suggestion] = []
    first_seen: dict[str, int] = {}
    for k, seg in enumerate(segments):
        sug = Suggestion(k + 1, seg)
        key = " ".join(seg.text.split())
        sug.repetition_of = first_seen.get(key)
        first_seen.setdefault(key, sug.number)
        drafter.from_memory(sug, segments[k - 1].text if k else "")
        if sug.score < 100:
            drafter.inside(sug)
        out.append(sug)
    drafter.finish_repairs()
    drafter.machine(out)
    return out


class _Drafter:
    """What the drafts of one text share: the memory, the glossary, Apertium, the rules."""

    def __init__(
        self,
        index: FuzzyIndex,
        threshold: int,
        n: int,
        translate: Translate | None,
        phrases: PhraseFinder | None,
        glossary: Sequence[tuple[str, str]],
        rules: Sequence[Rule],
        options: DraftOptions | None,
    ):
        self.index, self.threshold, self.n = index, threshold, n
        self.translate, self.phrases, self.glossary = translate, phrases, glossary
        self.opts = opts = options or DraftOptions()
        self.editor = None
        if translate is not None:  # always: it also takes the marks off unknown words
            learnt = opts.post_edit and phrases is not None
            vocabulary = phrases.vocabulary if learnt else {}
            self.editor = PostEditor(rules if opts.post_edit else (), vocabulary)
        self.repairing = opts.repair and phrases is not None
        self.lookup = _lookup(glossary, phrases, translate is None) if phrases else None
        self.floor = min(threshold, opts.repair_from) if self.repairing else threshold
        self.planned: list[tuple[Suggestion, Repair, Candidate]] = []
        self._dates: DateStyle | None = None

    @property
    def dates(self) -> DateStyle:
        """How the memory writes dates, from an even sample of its units (on first use)."""
        if self._dates is None:
            units = self.index.units
            step = max(1, len(units) // DATE_SAMPLE)
            self._dates = DateStyle.learn(u.target for u in units[::step][:DATE_SAMPLE])
        return self._dates

    def localize(self, source: str, english: str) -> tuple[str, list[tuple[str, str]]]:
        """Machine translation's numbers and dates as the memory writes them."""
        if not self.opts.localize:
            return english, []
        return localize(source, english, self.dates)

    def from_memory(self, sug: Suggestion, previous: str) -> None:
        """A whole match, one with its numbers adapted, or a repair planned."""
        found = self.index.search(sug.source, self.n, self.floor)
        sug.candidates = [c for c in found if c.score >= self.threshold]
        best = found[0] if found else None
        if best is None:
            return
        if best.score >= 100:
            _from_memory(sug, best)
            if best.score == 100 and best.unit.context and best.unit.context == previous:
                sug.score = CONTEXT_MATCH
            return
        if best.score >= self.threshold:
            adapted = adapt_numbers(sug.source, best.unit.source, best.unit.target)
            if adapted:
                _from_memory(sug, best)
                sug.target, sug.adapted = adapted
                return
        plan = None
        if self.repairing and best.score >= self.opts.repair_from:
            plan = plan_repair(sug.source, self.phrases.alignment(best.index), self.lookup)
        if plan is not None and (self.translate is not None or not plan.needs):
            self.planned.append((sug, plan, best))
        elif best.score >= self.threshold:
            _from_memory(sug, best)

    def inside(self, sug: Suggestion) -> None:
        """The memory's slogans and phrases inside the segment, and those to pin. A segment
        of more than ``MAX_INSIDE`` words is no sentence (a list of lines with no stop, a
        table): it is not searched, so a strange text cannot make a draft take minutes."""
        text = sug.source
        if len(match_words(text)) > MAX_INSIDE:
            return
        if self.phrases is not None:
            sug.fragments = self.phrases.find(text)
        else:
            n_words = len(match_words(text))
            sug.fragments = [f for f in self.index.fragments_in(text) if f.end - f.start < n_words]
        if self.opts.pin:
            candidates = glossary_pins(text, self.glossary) + fragment_pins(text, sug.fragments)
            sug.pins = choose_pins(text, candidates)

    def finish_repairs(self) -> None:
        _finish_repairs(self.planned, self.translate, self.editor, self.threshold, self.localize)

    def machine(self, out: Sequence[Suggestion]) -> None:
        """Apertium for every segment still without a draft, all in one call."""
        if self.translate is None:
            return
        todo = [s for s in out if not s.target]
        items = [(s.source, s.pins) for s in todo]
        post = self.editor.apply if self.editor else None
        done = translate_pinned(items, self.translate, self.opts.pin_method, post) if items else []
        for s, (text, used) in zip(todo, done, strict=True):
            s.target, s.localized = self.localize(s.source, text)
            s.rules = used
            s.origin = Origin.PINNED if s.pins else Origin.POST_EDITED if used else Origin.MT


def _from_memory(sug: Suggestion, best: Candidate) -> None:
    sug.score, sug.target, sug.origin, sug.match = (
        best.score, best.unit.target, Origin.MEMORY, best,
    )  # fmt: skip


def _finish_repairs(
    planned: Sequence[tuple[Suggestion, Repair, Candidate]],
    translate: Translate | None,
    editor: PostEditor | None,
    threshold: int,
    localize_mt: Callable[[str, str], tuple[str, list[tuple[str, str]]]],
) -> None:
    """The repairs' new spans machine-translated in one call, then applied; a repair that
    cannot be finished leaves the match as it is (if it reaches the threshold)."""
    needs = sorted({text for _, plan, _ in planned for text in plan.needs})
    mt: dict[str, str] = {}
    if needs and translate is not None:
        for text, done in zip(needs, translate(needs), strict=True):
            mt[text] = localize_mt(text, editor.apply(done)[0] if editor else done)[0]
    for sug, plan, best in planned:
        done = plan.finish(mt)
        if done is not None:
            sug.score, sug.match, sug.repair = best.score, best, done
            sug.target, sug.origin = done.text(), Origin.REPAIRED
        elif best.score >= threshold:
            _from_memory(sug, best)


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
        count = len(match_words(s.source))
        if s.repetition_of is not None:
            repetitions.segments += 1
            repetitions.words += count
            continue
        score = s.score if s.origin in (Origin.MEMORY, Origin.REPAIRED) else 0
        for name, low, high in BANDS:
            if low <= score <= high:
                bands[name].segments += 1
                bands[name].words += count
                break
    return [*bands.values(), repetitions]


ORIGIN_NAMES = {
    "memory": "memory",
    "repaired": "repaired matches",
    "pinned phrases": "pinned phrases",
    "post-edited": "post-edited MT",
    "mt": "MT",
    "": "to translate",
}


def words_by_origin(suggestions: Sequence[Suggestion]) -> dict[str, int]:
    """Spanish words per origin of their English: a pinned segment's pinned words count as
    pinned phrases, the rest of it as MT (post-edited if a rule applied)."""
    out = dict.fromkeys(ORIGIN_NAMES, 0)
    for s in suggestions:
        count = len(match_words(s.source))
        if s.origin == Origin.PINNED:
            pinned = s.pinned_words
            out["pinned phrases"] += pinned
            out["post-edited" if s.rules else "mt"] += count - pinned
        else:
            out[str(s.origin)] += count
    return out


def load_rules(
    tmx_dir: str | Path, phrases: PhraseFinder, files: Sequence[Path], translate: Translate
) -> list[Rule]:
    """The post-editing rules and the vocabulary learnt from this memory (cached as JSON in
    ``tmx/.cache``, next to the index, and learnt again when it is damaged or the memory
    changes), with a person's choices from ``tmx/post-edits.tsv`` applied."""
    folder = Path(tmx_dir)
    cache = folder / ".cache" / f"post-edits-{fingerprint(files)}.json"
    rules = None
    if cache.exists():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            rules = rules_from_json(data["rules"])
            phrases.use_vocabulary(vocabulary_from_json(data["vocabulary"]))
        except (OSError, ValueError, TypeError, KeyError):
            rules = None
            log.warning("%s: unreadable, the post-editing rules are learnt again", cache)
    if rules is None:
        rules = learn_from_memory(phrases.index.units, translate, phrases.vocabulary)
        data = {"rules": rules_to_json(rules), "vocabulary": phrases.vocabulary}
        if folder.is_dir():
            try:
                for old in cache.parent.glob("post-edits-*.json"):
                    old.unlink()
                cache.parent.mkdir(exist_ok=True)
                write_atomic(cache, json.dumps(data, ensure_ascii=False))
            except OSError:
                pass  # no cache, only slower
    return switched(rules, read_switches(folder / SWITCH_FILE))


def vocabulary_from_json(data: object) -> dict[str, tuple[str, int, int]]:
    """The vocabulary read back from a cache file; anything unexpected raises ValueError."""
    if not isinstance(data, dict):
        raise ValueError("not a vocabulary")
    out = {}
    for word, value in data.items():
        if not (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)):
            raise ValueError("not a vocabulary entry")
        if not all(isinstance(v, int) for v in value[1:]):
            raise ValueError("not a vocabulary entry")
        out[str(word)] = (value[0], value[1], value[2])
    return out


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
