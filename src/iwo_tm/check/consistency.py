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
from ..language.lexicon import EDGE, STOP, Lexicon, fold, learn, word_keys
from ..language.tokens import match_words
from ..memory.units import MemoryUnit
from ..memory.word_alignment import (
    WordAligner,
    WordAlignment,
    phrase_rendering,
    weak_links,
)
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


def words_key(text: str, keep_case: bool = False) -> str:
    """The words of a segment without punctuation, lower-cased unless ``keep_case``: what
    ``source`` and ``target`` group by (as translate-toolkit's poconflicts does)."""
    found = regex.findall(r"[\p{L}\p{N}]+", text)
    return " ".join(found if keep_case else (w.lower() for w in found))


def _inconsistent(
    units: Sequence[MemoryUnit], from_english: bool, by_words: bool = True
) -> list[Finding]:
    """Units grouped by the words of one side; a group whose other side is not always written
    the same way (any difference but leading and trailing spaces) is a finding. Variants that
    differ only in punctuation or case say so, for a reviewer to weigh."""

    def side(u: MemoryUnit, english: bool) -> str:
        return u.target if english else u.source

    groups: dict[str, dict[str, list[MemoryUnit]]] = defaultdict(lambda: defaultdict(list))
    for u in units:
        other = side(u, not from_english).strip()  # a line break inside a message counts too
        if other:
            # software: a message with a capital is another message (as poconflicts has it)
            mine = side(u, from_english)
            groups[words_key(mine, keep_case=not by_words)][other].append(u)
    check, what = (
        ("target", "Spanish sources") if from_english else ("source", "English renderings")
    )
    out = []
    for key, by_other in groups.items():
        if len(by_other) < 2 or len(key) <= 1:
            continue
        if by_words and len({_shape(text, not from_english) for text in by_other}) < 2:
            continue  # only case, quotes or spacing differ ("PERÚ", "Perú.")
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


def _shape(text: str, english: bool) -> tuple[str, str]:
    """What of a rendering a reviewer weighs: its words, and for English whether it ends as an
    exclamation or a question (the Spanish's emphasis, kept or lost)."""
    end = text.rstrip(" \t\n\"'”»’")[-1:] if english else ""
    return words_key(text), end if end in "!?" else ""


def check_source(units: Sequence[MemoryUnit], by_words: bool = True) -> list[Finding]:
    """The same source rendered differently. ``by_words``: renderings that differ only in case,
    quotes or spacing are one (an article's headline and a sentence); software catalogues
    compare every character, as poconflicts does: there "Read error" and "read error" are
    two ways to write one message."""
    return _inconsistent(units, from_english=False, by_words=by_words)


def check_target(units: Sequence[MemoryUnit], by_words: bool = True) -> list[Finding]:
    return _inconsistent(units, from_english=True, by_words=by_words)


def _worth_translating(text: str) -> bool:
    """Three words or more of running text: not a name ("Richard M. Stallman"), a date format
    ("%b %e %H:%M") or a line of code, which a translation rightly leaves as they are."""
    text = regex.sub(r"%\S+|--?\w[\w-]*|<[^>]*>", " ", text)
    words = regex.findall(r"\p{L}{2,}", text)
    return len(words) >= 3 and not all(w[0].isupper() for w in words)


def check_units(
    units: Sequence[MemoryUnit], skip: set[str], source_lang: str = "es"
) -> list[Finding]:
    """The per-unit checks: numbers, emphasis, empty, untranslated."""
    target_lang = "en" if source_lang == "es" else "es"
    out = []
    for u in units:
        if "empty" not in skip and not u.target.strip():
            out.append(Finding("empty", u.source, "no English", unit=u))
            continue
        if (
            "untranslated" not in skip
            and normalise(u.source) == normalise(u.target)
            and _worth_translating(u.source)
        ):
            out.append(
                Finding("untranslated", u.source, "English identical to the Spanish", unit=u)
            )
        if "numbers" not in skip:
            missing, extra = numbers_differ(u.source, u.target, source_lang, target_lang)
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


SPANISH_STEM = 4  # letters of a Spanish rendering compared: its inflections are one


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
        # from Spanish, a term's English is what the word alignment links to it (the links
        # suggest's phrase hints use); from English (software catalogues) the lexicon's keys
        self.aligner = WordAligner(self.lexicon, trusted=lexicon)
        self._alignments: dict[int, WordAlignment] = {}
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
        stop = STOP[self.source]
        # a Spanish term starts and ends with a content word ("toda América Latina" is not one)
        edge = stop if self.source == "es" else self.edges[self.source]
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
                    if any(len(w) == 1 and not w.isdigit() for w in gram):
                        continue  # the t of "can't", the s of "%s": no term
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

    def rendering(self, phrase: Sequence[str], k: int) -> str | None:
        """The run of target words that answers ``phrase`` in unit ``k``."""
        found = self.attested_rendering(phrase, k)
        return found[0] if found else None

    def attested_rendering(self, phrase: Sequence[str], k: int) -> tuple[str, set[str]] | None:
        """The rendering of ``phrase`` in unit ``k``, and its words linked only weakly (see
        ``weak_links``): a rendering seen once that differs from the usual one by such a word
        ("sangriento golpe": "bloody counterrevolutionary") is an alignment slip, not a
        divergence."""
        al = self._alignments.get(k)
        if al is None:
            unit = self.units[k]
            if self.source == "es":
                al = self.aligner.align(unit.source, unit.target)
            else:  # the aligner links Spanish to English: align the other way and turn it
                al = self.aligner.align(unit.target, unit.source).reversed()
            self._alignments[k] = al
        r = phrase_rendering(al, phrase, tight=True)
        if r is None or "(" in r or ")" in r:
            return None  # none, or a name kept in Spanish with its gloss: "del Sur" (Southern
        if self.source == "en" and set(match_words(r)) <= set(match_words(self.units[k].source)):
            return None  # software: a literal kept from the source ("--preserve"), no rendering
        return r, weak_links(al, phrase, self.aligner)

    def _keyed_rendering(self, phrase: Sequence[str], target: str, source: str = "") -> str | None:
        """The run of target words that answers ``phrase`` word for word in one unit: each
        source content word paired with a different target word through the lexicon. A word
        the target shares with the source as it is written ("--never", "SELinux", a file
        name) is a literal kept from the source, not a rendering."""
        p_keys = [k for w in phrase if (k := self._keys(w, self.source)) is not None]
        if not p_keys:
            return None
        ws, keys, edge = self._target_words(target)
        literal = set(match_words(source))
        hits = [k is not None and w not in literal and any(k & p for p in p_keys)
                for w, k in zip(ws, keys, strict=True)]  # fmt: skip
        if sum(hits) < len(p_keys):
            return None  # not every Spanish word finds an English one: no rendering here
        best = _shortest_window(keys, edge, hits, p_keys, min(len(phrase) + 2, 8))
        return " ".join(ws[best[0] : best[1] + 1]) if best else None

    def variant_key(self, rendering: str, names: frozenset[str] = frozenset()) -> str:
        """Renderings that differ only by case, number, gender (Spanish), hyphens, accents,
        ordinals, initials ("U.S." / "US"), a possessive or the function words around the
        term ("support of the struggle" / "support the struggle", "Boluarte's government" /
        "Boluarte government") are one, and so are "government of Boluarte" and "Boluarte
        government" when Boluarte is a name (``names``, as the Spanish writes it): what
        differs is the choice of words or their order ("struggle committees" / "Committees
        of Struggle"), not their grammar."""
        rendering = regex.sub(r"\b(\p{Lu})\.(?=\p{Lu}\b)", r"\1", rendering)
        rendering = _name_first(rendering, names)
        out = []
        for w in match_words(rendering.replace("-", " ").replace("’", "'")):
            w = regex.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", w.lower())
            if fold(w) in STOP[self.target] and not w.isdigit() or w == "s":
                continue  # a function word, or the s of a possessive
            if self.target == "es":  # Spanish inflects more: a short stem ("crear", "crea";
                out.append(fold(w)[:SPANISH_STEM])  # "acceso", "acceder"; "doble", "dobles")
            else:
                w = fold(w)
                out.append(w[:-1] if len(w) > 3 and w.endswith("s") else w)
        # "counter-revolutionary", "counterrevolutionary" and "counter revolutionary" are one
        return "".join(out)

    def proposals(self, min_share: float = 0.6) -> list[tuple[str, str, int, float]]:
        """Glossary candidates: recurring phrases rendered one way in most of their units."""
        out = []
        for phrase, ks in self.phrases().items():
            shown: dict[str, Counter[str]] = defaultdict(Counter)
            for k in ks:
                r = self.rendering(phrase, k)
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
        """The recurring phrases rendered in two ways or more. Of phrases that overlap
        ("régimen fujimorista", "todo el régimen fujimorista") one finding is kept, the one
        seen in most units (the longest of equals), when it covers the others' units: the
        same divergence is not reported twice."""
        candidates = []
        for phrase, ks in self.phrases().items():
            found_in = len(ks)
            ks = ks[:: max(1, len(ks) // self.PER_PHRASE)]
            groups: dict[str, list[MemoryUnit]] = defaultdict(list)
            shown: dict[str, Counter[str]] = defaultdict(Counter)
            weak: dict[str, set[str]] = {}
            names = _names(phrase, self.units[ks[0]].source)
            for k in ks:
                found = self.attested_rendering(phrase, k)
                if found is None:
                    continue
                r, weak[r] = found
                key = self.variant_key(r, names)
                groups[key].append(self.units[k])
                shown[key][r] += 1
            _drop_slips(groups, shown, weak)
            if len(groups) >= 2:
                candidates.append((phrase, ks, found_in, groups, shown))
        candidates.sort(key=lambda c: (-len(c[1]), -len(c[0]), c[0]))
        kept: list[tuple[tuple[str, ...], set[int]]] = []
        out = []
        for phrase, ks, found_in, groups, shown in candidates:
            if any(_overlap(phrase, p) and set(ks) <= units for p, units in kept):
                continue
            kept.append((phrase, set(ks)))
            out.append(self._finding(phrase, ks, found_in, groups, shown))
        out.sort(key=lambda f: (-f.count, f.key))
        return out

    def _finding(self, phrase, ks, found_in, groups, shown) -> Finding:  # noqa: ANN001
        variants = [
            Variant(shown[key].most_common(1)[0][0], len(m), [_where(x) for x in m], m[:3])
            for key, m in groups.items()
        ]
        variants.sort(key=lambda v: (-v.count, v.text))
        message = f"{len(variants)} English renderings"
        if len(ks) < found_in or len(self.units) < len(self.all_units):
            message += f" (read in {len(ks)} of its units, in a sample of the memory)"
        return Finding("terms", " ".join(phrase), message, variants)


def _drop_slips(
    groups: dict[str, list[MemoryUnit]], shown: dict[str, Counter[str]], weak: dict[str, set[str]]
) -> None:
    """Remove the renderings seen once that differ from the usual one by a weakly linked word;
    when no rendering is usual (each seen once), those with any weak link."""
    if len(groups) < 2:
        return
    usual = max(groups, key=lambda key: len(groups[key]))
    if len(groups[usual]) == 1:
        usual_words: set[str] = set()
    else:
        usual_words = {w.lower() for r in shown[usual] for w in match_words(r)}
    for key in [key for key, m in groups.items() if len(m) == 1 and key != usual]:
        (r,) = shown[key]
        if ({w.lower() for w in match_words(r)} - usual_words) & weak[r]:
            del groups[key]
            del shown[key]


def _name_first(rendering: str, names: frozenset[str]) -> str:
    """ "government of Boluarte" -> "Boluarte government" when what follows "of" (or "from")
    is a name."""
    m = regex.fullmatch(r"(.+?)\s+(?:of|from)\s+(?:the\s+)?(.+)", rendering, flags=regex.I)
    if m and names and all(fold(w) in names for w in match_words(m[2])):
        return f"{m[2]} {m[1]}"
    return rendering


def _names(phrase: tuple[str, ...], source: str) -> frozenset[str]:
    """The words of the phrase that the Spanish writes as names (capitalised, not first)."""
    written = _original_case(phrase, source).split()
    return frozenset(fold(w) for w in written[1:] if w[:1].isupper())


def _overlap(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
    """One phrase inside the other, or the end of one the start of the other."""
    a, b = " ".join(p), " ".join(q)
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    shortest = min(len(p), len(q))
    return any(p[-n:] == q[:n] or q[-n:] == p[:n] for n in range(1, shortest))


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
    source_lang = _source_language(units)
    by_words = source_lang == "es"  # the newsletter; software is compared character by character
    if "source" not in skip:
        findings += sorted(check_source(units, by_words), key=lambda f: (-f.count, f.key))
    if "target" not in skip:
        findings += sorted(check_target(units, by_words), key=lambda f: (-f.count, f.key))
    if "terms" not in skip:
        findings += TermChecker(units, lexicon).findings()
    if "glossary" not in skip and glossary:
        findings += check_glossary(units, glossary)
    findings += check_units(units, skip, source_lang)
    checks = [c for c in CHECKS if c not in skip and (c != "glossary" or glossary)]
    return Report(findings, len(units), checks)


def _source_language(units: Sequence[MemoryUnit]) -> str:
    """Spanish unless the memory's source side reads as English (a software translation)."""
    from ..language.detect import detect_language

    sample = " ".join(u.source for u in units[:: max(1, len(units) // 300)])
    return "en" if detect_language(sample) == "en" else "es"
