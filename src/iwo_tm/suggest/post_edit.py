"""Post-editing learnt from the memory: the changes the team always makes to Apertium's English.

Statistical post-editing of rule-based MT (Simard et al. 2007) trains a second system on the
MT output of in-domain text against its human translation. iwo-tm learns the same thing as
rules a person can read and switch off: Apertium translates the memory's own Spanish, and a
phrase of its output (one to three words) that the team's English never contains is paired
with the phrase of the team's English (one to four words) that stands in for it ("regime
fujimorista" -> "Fujimorista regime", "Mates" -> "comrades", "FMI" -> "IMF"). A candidate
rule is kept only if the team's words stand about where Apertium's stood, and applying it to
the memory's own machine translations brings them closer to the team's English (more words
and word pairs in common, fewer that are not) in at least two units and half the units where
it applies, and makes them worse in few; a rule that only restates a shorter one is dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..errors import IwoError
from ..language.lexicon import STOP
from ..language.tokens import match_word_spans, match_words
from ..memory.units import MemoryUnit
from ..textfiles import read_rows, read_text, write_atomic

__all__ = [
    "PostEditor",
    "Rule",
    "learn_from_memory",
    "learn_rules",
    "read_switches",
    "switched",
    "write_switches",
]

MAX_MT = 3  # words of Apertium's output a rule rewrites
MAX_EN = 4  # words it puts instead
SWITCH_FILE = "post-edits.tsv"
MAX_SHIFT = 0.25  # how far (share of the sentence) the team's words may stand from Apertium's


@dataclass
class Rule:
    mt: str  # Apertium's words, lower case, space-separated
    english: str  # the team's words, as the memory writes them most often
    helped: int  # memory units it brought closer to the team's English
    seen: int  # memory units whose machine translation has the phrase
    hurt: int = 0
    where: list[str] = field(default_factory=list)  # a few of the units it was learnt from
    on: bool = True

    def describe(self) -> str:
        return (
            f"\u201c{self.mt}\u201d -> \u201c{self.english}\u201d "
            f"({self.helped} of {self.seen} units)"
        )


def _grams(ws: Sequence[str], n_max: int) -> set[tuple[str, ...]]:
    return {tuple(ws[s : s + n]) for n in range(1, n_max + 1) for s in range(len(ws) - n + 1)}


def _content(gram: Sequence[str]) -> bool:
    return any(not w.isdigit() and w not in STOP["en"] and len(w) > 1 for w in gram)


def _related(g: Sequence[str], h: Sequence[str]) -> bool:
    """Whether a content word of ``g`` and one of ``h`` share their first five letters."""
    stems = {w[:5] for w in g if w not in STOP["en"]}
    return any(w[:5] in stems for w in h if w not in STOP["en"])


def _position(ws: Sequence[str], gram: tuple[str, ...]) -> float:
    """How far into ``ws`` (0 to 1) the first occurrence of ``gram`` starts."""
    n = len(gram)
    for s in range(len(ws) - n + 1):
        if tuple(ws[s : s + n]) == gram:
            return s / max(len(ws) - n, 1)
    return -1.0


def _ref_grams(ref: Sequence[str]) -> set:
    return set(ref) | set(zip(ref, ref[1:], strict=False))


def _window_score(ws: Sequence[str], ref: set) -> int:
    """Words and word pairs found in the reference, less those not found: a rule that adds
    words the team does not write is no help."""
    grams = [*ws, *zip(ws, ws[1:], strict=False)]
    return 2 * sum(1 for x in grams if x in ref) - len(grams)


def _gain(m: Sequence[str], g: tuple[str, ...], h: tuple[str, ...], ref: set) -> int:
    """How much closer to the reference ``m`` gets with ``g`` replaced by ``h``, judged on
    each place and the word on either side of it."""
    gain, k, n = 0, 0, len(g)
    while k <= len(m) - n:
        if tuple(m[k : k + n]) == g:
            left, right = list(m[max(k - 1, 0) : k]), list(m[k + n : k + n + 1])
            gain += _window_score(left + list(h) + right, ref)
            gain -= _window_score(left + list(g) + right, ref)
            k += n
        else:
            k += 1
    return gain


def learn_rules(
    triples: Iterable[tuple[str, str, str]], min_helped: int = 2, max_rules: int = 5000
) -> list[Rule]:
    """Rules from (Apertium's English, the team's English, where) of the memory's units."""
    data = _Pairs(triples)
    rules = []
    learnt_in: dict[str, list[int]] = {}  # a rule's Apertium words -> the units behind it
    for g, units in data.seen.items():
        changed = [u for u in units if g not in data.h_grams[u]]
        if len(changed) < min_helped or len(changed) * 4 < len(units) * 3:
            continue  # the team keeps Apertium's words here often enough
        best = None
        support = data.replacements(g, changed)  # ties in a fixed order, whatever the hashing
        for h, count in sorted(support.items(), key=lambda x: (-x[1], x[0]))[:30]:
            if count < min_helped or count * 2 < len(changed):
                break
            helped, hurt = data.judge(g, h, units)
            score = (helped - 2 * hurt, -abs(len(h) - len(g)))
            # a change that shares no word stem with Apertium's words ("payment" ->
            # "expropriate") needs one unit more to be believed
            needed = min_helped if _related(g, h) else min_helped + 1
            good = helped >= needed and hurt * 4 <= helped and helped * 2 >= len(units)
            if good and (best is None or score > best[0]):
                best = (score, h, helped, hurt)
        if best is not None:
            _, h, helped, hurt = best
            where = [data.where[u] for u in changed[:3]]
            english = _spelling(h, [(data.h_low[u], data.h_orig[u]) for u in changed])
            rules.append(Rule(" ".join(g), english, helped, len(units), hurt, where))
            learnt_in[rules[-1].mt] = changed
    rules = _explained_away(rules, learnt_in, data, min_helped)
    rules.sort(key=lambda r: (-r.helped, r.mt))
    return _prune(rules)[:max_rules]


def _explained_away(
    rules: list[Rule], learnt_in: dict[str, list[int]], data: _Pairs, min_helped: int
) -> list[Rule]:
    """Drop a rule whose English words a better-supported rule on other Apertium words writes
    too, when the units it was learnt from that lack that rule's words are too few to believe
    it on their own: the team's word answers the other Spanish word there ("mates" ->
    "comrades" explains the "comrades" that "went back to" -> "comrades" was learnt from, in
    "¡Compañeros, volvieron a...")."""

    def content(words: Sequence[str]) -> set[str]:
        return {w for w in words if w not in STOP["en"]}

    kept: list[Rule] = []
    writing: dict[str, list[tuple[tuple[str, ...], set[str], int]]] = defaultdict(list)
    for r in sorted(rules, key=lambda r: (-r.helped, r.mt)):
        g, h = r.mt.split(), content(r.english.lower().split())
        mine = content(g)
        first = next(iter(h), None)
        stronger = [
            other
            for other, other_h, helped in (writing[first] if first else ())
            if helped > r.helped and h <= other_h and mine.isdisjoint(other)
        ]
        alone = [u for u in learnt_in[r.mt] if not any(o in data.m_grams[u] for o in stronger)]
        needed = min_helped if _related(g, h) else min_helped + 1
        if stronger and len(alone) < needed:
            continue
        kept.append(r)
        for w in h:
            writing[w].append((tuple(g), h, r.helped))
    return kept


class _Pairs:
    """Apertium's English and the team's for each unit, as words and runs of words."""

    def __init__(self, triples: Iterable[tuple[str, str, str]]):
        self.m, self.h_low, self.h_orig, self.where = [], [], [], []
        for mt, human, where in triples:
            m, h = [w.lower() for w in match_words(mt)], match_word_spans(human)
            if m and h:
                self.m.append(m)
                self.h_low.append([w.lower() for w, _, _ in h])
                self.h_orig.append((human, h))
                self.where.append(where)
        self.m_grams = [_grams(m, MAX_MT) for m in self.m]
        self.h_grams = [_grams(h, MAX_EN) for h in self.h_low]
        self.refs = [_ref_grams(h) for h in self.h_low]
        # each run of Apertium's words with a content word, and the units that have it
        self.seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for u, grams in enumerate(self.m_grams):
            for g in grams:
                if _content(g):
                    self.seen[g].append(u)

    def replacements(self, g: tuple[str, ...], changed: list[int]) -> Counter:
        """Runs of the team's words that may stand for ``g``: not in Apertium's output, not
        repeating a word Apertium has elsewhere, and about where ``g`` stands."""
        support: Counter[tuple[str, ...]] = Counter()
        for u in changed:
            m = self.m[u]
            elsewhere = set(m) - set(g) - STOP["en"]
            at = _position(m, g)
            for h in self.h_grams[u] - self.m_grams[u]:
                if (
                    _content(h)
                    and abs(len(h) - len(g)) <= 2
                    and elsewhere.isdisjoint(h)
                    and abs(_position(self.h_low[u], h) - at) <= MAX_SHIFT
                ):
                    support[h] += 1
        return support

    def judge(self, g: tuple[str, ...], h: tuple[str, ...], units: list[int]) -> tuple[int, int]:
        """In how many of these units ``g`` -> ``h`` brings Apertium closer to the team, and in
        how many it takes it further away."""
        gains = [_gain(self.m[u], g, h, self.refs[u]) for u in units]
        return sum(1 for x in gains if x > 0), sum(1 for x in gains if x < 0)


def learn_from_memory(
    units: Sequence[MemoryUnit],
    translate: Callable[[list[str]], list[str]],
    vocabulary: Mapping[str, tuple] | None = None,
    sample: int = 5000,
) -> list[Rule]:
    """Rules from the memory: Apertium translates its Spanish (an even sample of ``sample``
    units of a large memory, in one call), its unknown words are filled from ``vocabulary``
    as drafts will fill them, and the output is compared with the memory's English."""
    step = max(1, len(units) // sample)
    chosen = list(units[::step][:sample])  # a slice: a large memory is not read whole
    filler = PostEditor((), vocabulary)
    mt = [filler.fill(text)[0] for text in translate([u.source for u in chosen])]
    where = (u.tuid or u.pair or u.origin for u in chosen)
    return learn_rules(zip(mt, (u.target for u in chosen), where, strict=False))


def rules_to_json(rules: Sequence[Rule]) -> list[dict]:
    return [asdict(r) for r in rules]


def rules_from_json(data: object) -> list[Rule]:
    """Rules read back from a cache file; anything unexpected raises ValueError."""
    if not isinstance(data, list):
        raise ValueError("not a list of rules")
    out = []
    for item in data:
        if not isinstance(item, dict) or set(item) != {f.name for f in fields(Rule)}:
            raise ValueError("not a rule")
        rule = Rule(**item)
        if not (isinstance(rule.mt, str) and isinstance(rule.english, str) and rule.mt):
            raise ValueError("not a rule")
        out.append(rule)
    return out


def _spelling(h: tuple[str, ...], units: Sequence[tuple]) -> str:
    """The replacement as the team writes it most often (case: "IMF", "Fujimorista regime")."""
    found: Counter[str] = Counter()
    initial: Counter[str] = Counter()  # at the start of a sentence, capitalised for that
    n = len(h)
    for low, (text, spans) in units:
        for s in range(len(low) - n + 1):
            if tuple(low[s : s + n]) == h:
                (initial if s == 0 else found)[_as_written(text, spans[s : s + n])] += 1
    found = found or initial
    return found.most_common(1)[0][0] if found else " ".join(h)


def _as_written(text: str, spans: Sequence[tuple[str, int, int]]) -> str:
    """Words as the text writes them: with the apostrophe or hyphen that joins two of them
    ("Let's", "self-defense"), else one space between each."""
    gaps = [text[spans[k][2] : spans[k + 1][1]] for k in range(len(spans) - 1)]
    if all(g in ("'", "\u2019", "-") or not g.strip() for g in gaps):
        return "".join(w + (g if g.strip() else " " if g else "") for (w, _, _), g in
                       zip(spans, [*gaps, ""], strict=True))  # fmt: skip
    return " ".join(w for w, _, _ in spans)


def _prune(rules: list[Rule]) -> list[Rule]:
    """Drop a rule whose effect the other, shorter rules already have, and rules whose English
    another rule rewrites again."""
    kept: list[Rule] = []
    editor = PostEditor(())
    for r in sorted(rules, key=lambda r: (len(r.mt.split()), -r.helped, r.mt)):
        if editor.apply(r.mt)[0].lower() == r.english.lower():
            continue
        kept.append(r)
        editor.add(r)
    kept.sort(key=lambda r: (-r.helped, r.mt))
    return kept


_UNKNOWN = re.compile(r"\*(\w[\w'\-]*)")


class PostEditor:
    """Applies what was learnt to machine translation: first the words Apertium did not know
    (marked ``*word``) get the memory's usual English for them, or are left as they are; then
    the rules, longest first, each place rewritten once."""

    def __init__(self, rules: Sequence[Rule], vocabulary: Mapping[str, tuple] | None = None):
        self.rules: list[Rule] = []
        self.vocabulary = vocabulary or {}
        self._filled: dict[str, Rule] = {}
        self.by_first: dict[str, list[tuple[tuple[str, ...], Rule]]] = defaultdict(list)
        for r in rules:
            self.add(r)

    def add(self, rule: Rule) -> None:
        if not rule.on:
            return
        self.rules.append(rule)
        g = tuple(rule.mt.split())
        options = self.by_first[g[0]]
        options.append((g, rule))
        options.sort(key=lambda x: -len(x[0]))

    def fill(self, text: str) -> tuple[str, list[Rule]]:
        """Apertium's unknown words replaced by the memory's English, the marks removed."""
        used: list[Rule] = []

        def put(m: re.Match[str]) -> str:
            word = m.group(1)
            found = self.vocabulary.get(word.lower())
            if not found:
                return word
            english, count, total = found
            rule = self._filled.get(word.lower())
            if rule is None:
                rule = self._filled[word.lower()] = Rule(
                    f"*{word.lower()}", english, count, total, where=["unknown to Apertium"]
                )
            used.append(rule)
            return english[:1].upper() + english[1:] if word[:1].isupper() else english

        return _UNKNOWN.sub(put, text), used

    def apply(self, text: str) -> tuple[str, list[Rule]]:
        """``text`` with the vocabulary and the rules applied, and what was applied."""
        text, used = self.fill(text)
        if not self.rules:
            return text, used
        spans = match_word_spans(text)
        low = [w.lower() for w, _, _ in spans]
        edits: list[tuple[int, int, str]] = []
        k = 0
        while k < len(low):
            for g, r in self.by_first.get(low[k], ()):
                end = k + len(g)
                # the words in a row, with nothing but spaces between them ("of" and "down"
                # of 'cry of "Down' are no match for a rule learnt on "of down")
                if tuple(low[k:end]) == g and all(
                    not text[spans[x][2] : spans[x + 1][1]].strip() for x in range(k, end - 1)
                ):
                    a, b = spans[k][1], spans[k + len(g) - 1][2]
                    new = _without_echo(r.english, low[k - 1] if k else "", low[end : end + 1])
                    if spans[k][0][:1].isupper() and (k == 0 or not text[:a].strip(" ¡¿\"'«“")):
                        new = new[:1].upper() + new[1:]
                    edits.append((a, b, new))
                    used.append(r)
                    k += len(g)
                    break
            else:
                k += 1
        for a, b, new in reversed(edits):
            text = text[:a] + new + text[b:]
        return text, used


def _without_echo(english: str, before: str, after: list[str]) -> str:
    """A rule's English without a function word at its edge that the word beside it repeats
    ("headed" -> "led by the" before "the march": "led by the march", not "the the")."""
    words = english.split()
    if len(words) > 1 and after and words[-1].lower() == after[0] and after[0] in STOP["en"]:
        words = words[:-1]
    if len(words) > 1 and before and words[0].lower() == before and before in STOP["en"]:
        words = words[1:]
    return " ".join(words)


def read_switches(path: Path) -> dict[tuple[str, str], bool]:
    """A person's choices: (Apertium's words, English) -> on or off."""
    if not path.exists():
        return {}
    out = {}
    rows = read_rows(read_text(path), path, dialect="excel-tab")
    for number, row in enumerate(rows, 1):
        if not row or row[0].startswith("#") or row[0] == "use":
            continue
        if len(row) < 3 or row[0].strip().lower() not in ("on", "off"):
            raise IwoError("a line needs on or off, Apertium's words and the English", path, number)
        out[(row[1].strip().lower(), row[2].strip())] = row[0].strip().lower() == "on"
    return out


def write_switches(path: Path, rules: Sequence[Rule]) -> None:
    """Every rule with its state, so a person can switch one off by writing ``off``."""
    buf = io.StringIO()
    w = csv.writer(buf, dialect="excel-tab", lineterminator="\n")
    w.writerow(["use", "apertium", "english", "helped", "seen", "learnt from"])
    for r in rules:
        w.writerow(["on" if r.on else "off", r.mt, r.english, r.helped, r.seen, " ".join(r.where)])
    write_atomic(path, buf.getvalue())


def switched(rules: Sequence[Rule], switches: dict[tuple[str, str], bool]) -> list[Rule]:
    """The rules with a person's on/off choices applied."""
    for r in rules:
        r.on = switches.get((r.mt, r.english), True)
    return list(rules)
