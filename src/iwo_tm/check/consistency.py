"""``iwo-tm check``: where the English drifts, for reviewers.

Checks, each with an id that ``--skip`` switches off:

- ``source``: the same Spanish segment (ignoring case, spacing, quotes, ¡! and ¿?) rendered
  in different English;
- ``target``: the same English from different Spanish;
- ``terms``: Spanish phrases that recur inside units ("Frentes de Defensa", "régimen
  fujimorista") and whose English rendering varies, found without a glossary: each unit's
  rendering is the run of its English words that answers the phrase's words through the lexicon;
- ``glossary``: a unit has the glossary's Spanish term but not its required English;
- ``numbers``: the numbers of the Spanish and the English differ;
- ``emphasis``: a Spanish exclamation (¡...!) whose English has no "!";
- ``empty`` and ``untranslated``: no English, or English identical to the Spanish.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import IwoError
from ..language.lexicon import EDGE, STOP, Lexicon, canonical, fold, learn, word_keys
from ..language.tokens import match_words
from ..memory.units import MemoryUnit
from ..textfiles import read_rows, read_text
from .ids import CHECKS
from .numbers import numbers_differ


def prefer(entries: list[tuple[str, str]], items: Sequence[str]) -> list[tuple[str, str]]:
    """A glossary with each ``SPANISH=ENGLISH`` of ``--prefer`` put in, replacing the term's
    earlier rendering."""
    for item in items:
        es, sep, en = item.partition("=")
        if not sep or not es.strip() or not en.strip():
            raise IwoError(f"--prefer takes SPANISH=ENGLISH, not {item!r}")
        entries = [(a, b) for a, b in entries if a.lower() != es.strip().lower()]
        entries.append((es.strip(), en.strip()))
    return entries


_EDGE_PUNCT = " \t\"'“”‘’«»¡!¿?.,;:()[]…-–—"
_NUMBER = regex.compile(r"\d[\d.,]*")


@dataclass
class Variant:
    text: str  # as most often written
    count: int
    where: list[str]  # unit ids (or article ids)
    examples: list[MemoryUnit] = field(default_factory=list)


@dataclass
class Finding:
    check: str
    key: str  # the Spanish (or English, for target) the variants share
    message: str
    variants: list[Variant] = field(default_factory=list)
    unit: MemoryUnit | None = None

    @property
    def count(self) -> int:
        return sum(v.count for v in self.variants) or 1


def normalise(text: str) -> str:
    """What two renderings share when they differ only by case, spacing, quotes or ¡!/¿?."""
    return " ".join(
        text.strip(_EDGE_PUNCT).replace("“", '"').replace("”", '"').lower().split()
    ).strip(_EDGE_PUNCT)


def _where(u: MemoryUnit) -> str:
    return u.tuid or f"{u.origin}:{u.pair}"


def words_key(text: str) -> str:
    """The words of a segment, lower-cased, without punctuation: what ``source`` and ``target``
    group by (as translate-toolkit's poconflicts does, and ignoring case besides)."""
    return " ".join(w.lower() for w in regex.findall(r"[\p{L}\p{N}]+", text))


def _inconsistent(units: Sequence[MemoryUnit], from_english: bool) -> list[Finding]:
    """Units grouped by the words of one side; a group whose other side is not always written
    the same way (any difference but leading and trailing spaces) is a finding. Variants that
    differ only in punctuation or case say so, for a reviewer to weigh."""

    def side(u: MemoryUnit, english: bool) -> str:
        return u.target if english else u.source

    groups: dict[str, dict[str, list[MemoryUnit]]] = defaultdict(lambda: defaultdict(list))
    for u in units:
        other = side(u, not from_english).strip()  # a line break inside a message counts too
        if other:
            groups[words_key(side(u, from_english))][other].append(u)
    check, what = (
        ("target", "Spanish sources") if from_english else ("source", "English renderings")
    )
    out = []
    for key, by_other in groups.items():
        if len(by_other) < 2 or len(key) <= 1:
            continue
        variants = [
            Variant(text, len(members), [_where(m) for m in members], members[:3])
            for text, members in by_other.items()
        ]
        variants.sort(key=lambda v: (-v.count, v.text))
        message = f"{len(variants)} {what}"
        if len({words_key(v.text) for v in variants}) == 1:
            message += " (they differ only in punctuation or case)"
        shared = Counter(side(m, from_english) for g in by_other.values() for m in g)
        out.append(Finding(check, shared.most_common(1)[0][0], message, variants))
    return out


def check_source(units: Sequence[MemoryUnit]) -> list[Finding]:
    return _inconsistent(units, from_english=False)


def check_target(units: Sequence[MemoryUnit]) -> list[Finding]:
    return _inconsistent(units, from_english=True)


def check_units(units: Sequence[MemoryUnit], skip: set[str]) -> list[Finding]:
    """The per-unit checks: numbers, emphasis, empty, untranslated."""
    out = []
    for u in units:
        if "empty" not in skip and not u.target.strip():
            out.append(Finding("empty", u.source, "no English", unit=u))
            continue
        if (
            "untranslated" not in skip
            and normalise(u.source) == normalise(u.target)
            and len(match_words(u.source)) >= 3
        ):
            out.append(
                Finding("untranslated", u.source, "English identical to the Spanish", unit=u)
            )
        if "numbers" not in skip:
            missing, extra = numbers_differ(u.source, u.target)
            if missing or extra:
                parts = []
                if missing:
                    parts.append("not in the English: " + ", ".join(missing))
                if extra:
                    parts.append("only in the English: " + ", ".join(extra))
                out.append(Finding("numbers", u.source, "; ".join(parts), unit=u))
        if "emphasis" not in skip and "¡" in u.source and "!" not in u.target:
            out.append(
                Finding("emphasis", u.source, "¡...! in the Spanish, no ! in the English", unit=u)
            )
    return out


def _pairs_all(p_keys: Sequence[set[str]], e_keys: Sequence[frozenset[str]]) -> bool:
    """Can every Spanish word be paired with its own English word (a perfect matching)?"""
    match: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, e in enumerate(e_keys):
            if j in seen or not (p_keys[i] & e):
                continue
            seen.add(j)
            if j not in match or augment(match[j], seen):
                match[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(p_keys)))


def _shortest_window(
    keys: list, edge: list[bool], hits: list[bool], p_keys: list, longest: int
) -> tuple[int, int] | None:
    """The shortest run of target words, at most ``longest`` long, that starts and ends with a
    word answering the phrase and holds one content word for each of the phrase's."""
    best: tuple[int, int] | None = None
    for s in range(len(keys)):
        if edge[s] or not hits[s]:
            continue  # a rendering starts with a word that answers the phrase
        content = 0
        for e in range(s, min(len(keys), s + longest)):
            if keys[e] is not None:
                content += 1
                if content > len(p_keys):
                    break
            if content == len(p_keys) and hits[e] and not edge[e]:
                window = [k for k in keys[s : e + 1] if k is not None]
                if _pairs_all(p_keys, window) and (best is None or e - s < best[1] - best[0]):
                    best = (s, e)
                break
    return best


class TermChecker:
    """Recurring source phrases and how each unit renders them.

    The memory's source is Spanish (ours) or English (software translations such as Debian's):
    word keys are always English-side keys (a Spanish word's come from the lexicon), so the
    same matching works both ways. Phrases are 2-4 words from Spanish, 1-3 words from English
    (English terms are often one word: file, directory).

    On a large memory, phrases are found in a sample of ``SAMPLE`` units and each phrase's
    renderings are read in at most ``PER_PHRASE`` of its units (spread evenly): the report then
    says "in N of M units". On our corpus both limits are far away and every unit is read.
    """

    SAMPLE = 20_000
    PER_PHRASE = 200

    def __init__(
        self, units: Sequence[MemoryUnit], lexicon: Lexicon, min_units: int = 3, source: str = ""
    ):
        step = max(1, len(units) // self.SAMPLE)
        self.all_units = units
        units = units[::step]
        self.units = units
        self.source = source or _source_language(units)
        self.target = "en" if self.source == "es" else "es"
        self._target_cache: dict[str, tuple] = {}
        pairs = [(u.source, u.target) for u in units[:50_000]]
        if self.source == "en":
            pairs = [(b, a) for a, b in pairs]
        self.lexicon = lexicon.merged(learn(pairs))
        self.min_units = min_units
        self.lengths = (2, 3, 4) if self.source == "es" else (1, 2, 3)
        self.edges = EDGE

    def _keys(self, word: str, lang: str) -> frozenset[str] | set[str] | None:
        """English-side keys of a word (None for a function word)."""
        if fold(word) in STOP[lang]:
            return None
        return self.lexicon.keys(word) if lang == "es" else word_keys(word.lower())

    def phrases(self) -> dict[tuple[str, ...], list[int]]:
        """Source runs of words with content (2 content words from Spanish, 1 from English),
        seen in at least ``min_units`` units."""
        seen: dict[tuple[str, ...], set[int]] = defaultdict(set)
        edge, stop = self.edges[self.source], STOP[self.source]
        need = 2 if self.source == "es" else 1
        for k, u in enumerate(self.units):
            ws = [w.lower() for w in match_words(u.source)]
            for n in self.lengths:
                for s in range(len(ws) - n + 1):
                    gram = tuple(ws[s : s + n])
                    if fold(gram[0]) in edge or fold(gram[-1]) in edge:
                        continue
                    content = [w for w in gram if fold(w) not in stop]
                    if len(content) < need or (self.source == "en" and content[0].isdigit()):
                        continue
                    seen[gram].add(k)
        return {g: sorted(ks) for g, ks in seen.items() if len(ks) >= self.min_units}

    def _target_words(self, target: str) -> tuple[list[str], list, list[bool]]:
        """A unit's target words, their keys (None for function words), and edge flags."""
        cached = self._target_cache.get(target)
        if cached is None:
            ws = match_words(target)
            keys = [self._keys(w, self.target) for w in ws]
            edge = self.edges[self.target]
            cached = (ws, keys, [fold(w) in edge for w in ws])
            if len(self._target_cache) < 200_000:
                self._target_cache[target] = cached
        return cached

    def rendering(self, phrase: Sequence[str], target: str) -> str | None:
        """The run of target words that answers ``phrase`` word for word in one unit: each
        source content word paired with a different target word through the lexicon."""
        p_keys = [k for w in phrase if (k := self._keys(w, self.source)) is not None]
        if not p_keys:
            return None
        ws, keys, edge = self._target_words(target)
        hits = [k is not None and any(k & p for p in p_keys) for k in keys]
        if sum(hits) < len(p_keys):
            return None  # not every Spanish word finds an English one: no rendering here
        best = _shortest_window(keys, edge, hits, p_keys, min(len(phrase) + 2, 8))
        return " ".join(ws[best[0] : best[1] + 1]) if best else None

    def variant_key(self, rendering: str) -> str:
        """Renderings that differ only by case, number, gender (Spanish), hyphens, accents,
        ordinals or the function words around the term ("support of the struggle", "support
        the struggle") are one: what differs is the choice of words, not their grammar."""
        out = []
        for w in match_words(rendering.replace("-", "")):
            w = regex.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", w.lower())
            if fold(w) in STOP[self.target] and not w.isdigit():
                continue
            if self.target == "es":
                out.append(canonical(fold(w)))
            else:
                out.append(w[:-1] if len(w) > 3 and w.endswith("s") else w)
        return " ".join(out)

    def proposals(self, min_share: float = 0.6) -> list[tuple[str, str, int, float]]:
        """Glossary candidates: recurring phrases rendered one way in most of their units."""
        out = []
        for phrase, ks in self.phrases().items():
            shown: dict[str, Counter[str]] = defaultdict(Counter)
            for k in ks:
                r = self.rendering(phrase, self.units[k].target)
                if r is not None:
                    shown[self.variant_key(r)][r] += 1
            if not shown:
                continue
            key, forms = max(shown.items(), key=lambda kv: sum(kv[1].values()))
            n = sum(forms.values())
            share = n / sum(sum(c.values()) for c in shown.values())
            if n >= self.min_units and share >= min_share:
                spanish = _original_case(phrase, self.units[ks[0]].source)
                out.append((spanish, forms.most_common(1)[0][0], n, share))
        out.sort(key=lambda t: (-t[2], t[0]))
        return out

    def findings(self) -> list[Finding]:
        out = []
        covered: list[tuple[frozenset[int], tuple[str, ...]]] = []
        for phrase, ks in sorted(self.phrases().items(), key=lambda x: (-len(x[0]), x[0])):
            found_in = len(ks)
            ks = ks[:: max(1, len(ks) // self.PER_PHRASE)]
            groups: dict[str, list[MemoryUnit]] = defaultdict(list)
            shown: dict[str, Counter[str]] = defaultdict(Counter)
            for k in ks:
                r = self.rendering(phrase, self.units[k].target)
                if r is None:
                    continue
                key = self.variant_key(r)
                groups[key].append(self.units[k])
                shown[key][r] += 1
            if len(groups) < 2:
                continue
            # a shorter phrase inside a longer one already reported, on the same units, is noise
            if any(set(ks) <= units and " ".join(phrase) in " ".join(p) for units, p in covered):
                continue
            covered.append((frozenset(ks), phrase))
            variants = [
                Variant(shown[key].most_common(1)[0][0], len(m), [_where(x) for x in m], m[:3])
                for key, m in groups.items()
            ]
            variants.sort(key=lambda v: (-v.count, v.text))
            spanish = " ".join(phrase)
            message = f"{len(variants)} English renderings"
            if len(ks) < found_in or len(self.units) < len(self.all_units):
                message += f" (read in {len(ks)} of its units, in a sample of the memory)"
            out.append(Finding("terms", spanish, message, variants))
        out.sort(key=lambda f: (-f.count, f.key))
        return out


def _original_case(phrase: Sequence[str], source: str) -> str:
    """The phrase as the Spanish writes it ("Frentes de Defensa", not "frentes de defensa")."""
    ws = match_words(source)
    low = [w.lower() for w in ws]
    for s in range(len(ws) - len(phrase) + 1):
        if low[s : s + len(phrase)] == list(phrase):
            return " ".join(ws[s : s + len(phrase)])
    return " ".join(phrase)


# -- glossary ---------------------------------------------------------------------------------


def read_glossary(path: str | Path) -> list[tuple[str, str]]:
    """A glossary of required renderings: CSV/TSV (spanish, english; a header line is allowed)
    or TBX."""
    p = Path(path)
    text = read_text(p)
    if p.suffix.lower() == ".tbx" or text.lstrip().startswith("<"):
        return _read_tbx(p, text)
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    out = []
    for number, row in enumerate(read_rows(text, p, dialect=dialect), 1):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) < 2:
            raise IwoError("a glossary line needs a Spanish and an English term", p, number)
        es, en = row[0].strip(), row[1].strip()
        if number == 1 and es.lower() in ("es", "spanish", "source", "español"):
            continue
        out.append((es, en))
    return out


def _read_tbx(path: Path, text: str) -> list[tuple[str, str]]:
    from ..formats.xml import parse_xml

    # the text was decoded already (UTF-8, or UTF-16 with its mark): its declaration, which
    # may say UTF-16, must not decode it again
    declaration = re.match(r"\s*<\?xml[^>]*\?>", text)
    body = text[declaration.end() :] if declaration else text
    root = parse_xml(body.encode("utf-8"), path)
    out = []
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    for entry in root.iter("{*}termEntry", "{*}conceptEntry"):
        terms: dict[str, str] = {}
        for lang_set in entry.iter("{*}langSet", "{*}langSec"):
            lang = (lang_set.get(lang_attr) or lang_set.get("lang") or "").split("-")[0].lower()
            term = next(lang_set.iter("{*}term"), None)
            if term is not None and term.text and lang not in terms:
                terms[lang] = term.text.strip()
        if "es" in terms and "en" in terms:
            out.append((terms["es"], terms["en"]))
    return out


def check_glossary(
    units: Sequence[MemoryUnit], glossary: Iterable[tuple[str, str]]
) -> list[Finding]:
    out = []
    for es, en in glossary:
        es_re = regex.compile(r"(?<!\w)" + regex.escape(es) + r"(?!\w)", regex.IGNORECASE)
        en_re = regex.compile(r"(?<!\w)" + regex.escape(en) + r"(?!\w)", regex.IGNORECASE)
        for u in units:
            if es_re.search(u.source) and not en_re.search(u.target):
                out.append(
                    Finding("glossary", es, f"the glossary requires \u201c{en}\u201d", unit=u)
                )
    return out


@dataclass
class Report:
    findings: list[Finding]
    units: int
    checks: list[str]

    def counts(self) -> dict[str, int]:
        c = Counter(f.check for f in self.findings)
        return {name: c.get(name, 0) for name in self.checks}


def run_checks(
    units: Sequence[MemoryUnit],
    lexicon: Lexicon,
    skip: Iterable[str] = (),
    glossary: Sequence[tuple[str, str]] = (),
) -> Report:
    skip = set(skip)
    unknown = skip - set(CHECKS)
    if unknown:
        raise IwoError(f"unknown check {sorted(unknown)[0]!r}; the checks are {', '.join(CHECKS)}")
    findings: list[Finding] = []
    if "source" not in skip:
        findings += sorted(check_source(units), key=lambda f: (-f.count, f.key))
    if "target" not in skip:
        findings += sorted(check_target(units), key=lambda f: (-f.count, f.key))
    if "terms" not in skip:
        findings += TermChecker(units, lexicon).findings()
    if "glossary" not in skip and glossary:
        findings += check_glossary(units, glossary)
    findings += check_units(units, skip)
    checks = [c for c in CHECKS if c not in skip and (c != "glossary" or glossary)]
    return Report(findings, len(units), checks)


def _source_language(units: Sequence[MemoryUnit]) -> str:
    """Spanish unless the memory's source side reads as English (a software translation)."""
    from ..language.detect import detect_language

    sample = " ".join(u.source for u in units[:: max(1, len(units) // 300)])
    return "en" if detect_language(sample) == "en" else "es"
