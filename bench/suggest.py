"""What `suggest` drafts on articles it has never seen, and what each of its mechanisms adds.

    python bench/suggest.py              # every configuration (needs Apertium)
    python bench/suggest.py --no-mt      # the memory alone (no Apertium needed)

Two sets of texts, reported apart:

- the corpus, each article held out in turn, its memory built as issue order would have it:
  the articles published before it (all of an earlier issue, the earlier ones of its own,
  ordered by date), aligned as `iwo-tm align` aligns them;
- the new texts of `examples/`, written freely in the paper's Spanish (not translations of
  anything in the corpus), against their English in `examples/reference/`, with the whole
  corpus as memory. The corpus's Spanish was written from its English, which flatters Apertium
  and the memory; these texts do not.

For each configuration the drafts are scored against the published English with sacrebleu
(chrF and BLEU over whole articles): memory only (whole matches and repairs from the memory's
phrases), Apertium alone, whole matches + Apertium (suggest before drafts used the memory
inside sentences), the full draft, and the full draft with each mechanism switched off in turn
(and with pins translated in pieces instead of by placeholders). Then: how many recurring
slogans and terms (`bench/recurring.tsv`) the memory holds for a held-out article appear in
its draft as the memory renders them, and the words of the full drafts by origin.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import sacrebleu

from iwo_tm.align.alignment import Aligner
from iwo_tm.align.corpus_alignment import make_item
from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article, segment_markdown
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.language.machine_translation import Translator, available
from iwo_tm.language.tokens import match_words
from iwo_tm.memory.fuzzy import FuzzyIndex
from iwo_tm.memory.units import MemoryUnit
from iwo_tm.suggest.phrases import PhraseFinder, consistent
from iwo_tm.suggest.post_edit import learn_from_memory
from iwo_tm.suggest.suggestion import DraftOptions, suggest, words_by_origin
from iwo_tm.textfiles import read_text

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    name: str
    mt: bool
    memory: bool = True
    options: DraftOptions = DraftOptions()


CONFIGS = [
    Config("memory only", mt=False),
    Config("Apertium alone", mt=True, memory=False),
    Config("whole matches + Apertium", mt=True,
           options=DraftOptions(repair=False, pin=False, post_edit=False, localize=False)),
    Config("full draft", mt=True),
    Config("  without repair", mt=True, options=DraftOptions(repair=False)),
    Config("  without pinned phrases", mt=True, options=DraftOptions(pin=False)),
    Config("  without post-editing", mt=True, options=DraftOptions(post_edit=False)),
    Config("  without numbers and dates", mt=True, options=DraftOptions(localize=False)),
    Config("  pins translated in pieces", mt=True, options=DraftOptions(pin_method="pieces")),
]  # fmt: skip


def corpus_units(pairs, docs, lexicon) -> dict[str, list[MemoryUnit]]:
    """Each article pair's aligned units, as `iwo-tm align` writes them (without MT)."""
    out: dict[str, list[MemoryUnit]] = {}
    for (es, en), (es_s, en_s), al in zip(pairs, docs, Aligner(lexicon).align_many(docs),
                                          strict=True):  # fmt: skip
        out[es.pair] = []
        for b in al.beads:
            if b.es and b.en:
                it = make_item(es, en, es_s, en_s, b)
                out[es.pair].append(
                    MemoryUnit(it.source, it.target, "corpus.tmx", it.tuid, it.pair, it.context)
                )
    return out


def recurring_list() -> list[tuple[str, str]]:
    rows = csv.reader(read_text(ROOT / "bench" / "recurring.tsv").splitlines(), delimiter="\t")
    return [(r[0], r[1]) for r in rows if r and not r[0].startswith("#") and len(r) >= 2]


def contains(text: str, phrase: str) -> bool:
    """``phrase``'s words in a row in ``text``, whatever the case and punctuation."""
    return (
        f" {' '.join(match_words(phrase.lower()))} " in f" {' '.join(match_words(text.lower()))} "
    )


class Run:
    """Drafts of several texts under every configuration, with their scores."""

    def __init__(self, configs: list[Config], translator: Translator | None, lexicon):
        self.configs = configs
        self.translator = translator
        self.lexicon = lexicon
        self.hyps: dict[str, list[str]] = {c.name: [] for c in configs}
        self.refs: list[str] = []
        self.origins: Counter[str] = Counter()
        self.recurring = [0, 0]  # found in the draft, held by the memory
        self.missed: list[str] = []
        self.why: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()
        self.segments = 0

    def add(self, segments, reference: str, memory: list[MemoryUnit], recurring) -> None:
        self.refs.append(reference)
        self.segments += len(segments)
        index = FuzzyIndex(memory)
        phrases = PhraseFinder(index, self.lexicon) if memory else None
        translate = self.translator.translate_marked if self.translator else None
        rules = []
        if translate and phrases:
            rules = learn_from_memory(memory, translate, phrases.vocabulary)
        for c in self.configs:
            t0 = time.perf_counter()
            if not c.memory:
                hyp = self.translator.translate([s.text for s in segments])
                result = None
            else:
                result = suggest(
                    segments, index, 75, 3, translate if c.mt else None, phrases,
                    rules=rules, options=c.options,
                )  # fmt: skip
                hyp = [s.target for s in result]
            self.seconds[c.name] += time.perf_counter() - t0
            self.hyps[c.name].append(" ".join(h for h in hyp if h))
            if c.name == "full draft" or (c.name == "memory only" and not self.translator):
                self.origins.update(words_by_origin(result))
                self._recurring(result, memory, recurring, phrases)

    def _recurring(self, result, memory, recurring, phrases) -> None:
        for es, en in recurring:
            held = [u for u in memory if contains(u.source, es) and contains(u.target, en)]
            if not held:
                continue
            for s in result:
                if contains(s.source, es):
                    self.recurring[1] += 1
                    if contains(s.target, en):
                        self.recurring[0] += 1
                        continue
                    # why: the memory's renderings of the phrase at this point
                    units = phrases._containing(phrases.index.query_code(es))
                    found, _ = phrases._english(match_words(es), units)
                    if len(found) > 1 and not consistent(found):
                        self.why["the memory has two or more renderings, none usual"] += 1
                    elif len(held) == 1:
                        self.why["held by one unit only"] += 1
                    else:
                        self.why["other"] += 1
                    shown = " | ".join(f"{t} ({c})" for t, c in found[:3])
                    self.missed.append(f"{es} = {en} [memory: {shown}]: {s.target[:80]}")

    def report(self, title: str) -> None:
        print(f"\n{title}: {len(self.refs)} texts, {self.segments} segments")
        print(f"{'draft':<30} {'chrF':>6} {'BLEU':>6} {'ms/segment':>11}")
        for c in self.configs:
            hyps = self.hyps[c.name]
            chrf = sacrebleu.corpus_chrf(hyps, [self.refs]).score
            bleu = sacrebleu.corpus_bleu(hyps, [self.refs]).score
            ms = 1000 * self.seconds[c.name] / max(self.segments, 1)
            print(f"{c.name:<30} {chrf:>6.1f} {bleu:>6.1f} {ms:>11.1f}")
        found, held = self.recurring
        if held:
            print(
                f"recurring slogans and terms held by the memory and found in the draft as the "
                f"memory renders them: {found} of {held} ({100 * found / held:.0f}%)"
            )
        if self.why:
            print("missed: " + ", ".join(f"{k}: {v}" for k, v in self.why.most_common()))
        for line in self.missed:
            print("  missed:", line)
        total = sum(self.origins.values())
        if total:
            print("Spanish words by the origin of their draft: " + ", ".join(
                f"{k or 'to translate'} {v} ({100 * v / total:.0f}%)"
                for k, v in self.origins.items() if v))  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-mt", action="store_true", help="only the memory, no Apertium")
    args = ap.parse_args()
    use_mt = not args.no_mt
    if use_mt and not available():
        sys.exit("apertium spa-eng is not installed (or use --no-mt)")
    configs = [c for c in CONFIGS if use_mt or not c.mt]
    translator = Translator() if use_mt else None
    lexicon = load_freedict()
    recurring = recurring_list()
    pairs, _ = load_pairs(ROOT / "corpus")
    pairs.sort(key=lambda p: (int(p[0].meta["issue"]), str(p[0].meta.get("date")), p[0].pair))
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    units = corpus_units(pairs, docs, lexicon)

    held_out = Run(configs, translator, lexicon)
    for k, (es_s, en_s) in enumerate(docs):
        memory = [u for earlier, _ in pairs[:k] for u in units[earlier.pair]]
        held_out.add(es_s, " ".join(s.text for s in en_s), memory, recurring)
    held_out.report("Corpus, each article held out (memory: the articles published before it)")

    free = Run(configs, translator, lexicon)
    everything = [u for us in units.values() for u in us]
    for text in sorted((ROOT / "examples").glob("*.md")):
        ref = ROOT / "examples" / "reference" / text.name.replace(".md", ".en.md")
        if not ref.exists():
            continue
        _, es_s = segment_markdown(read_text(text))
        _, en_s = segment_markdown(read_text(ref))
        free.add(es_s, " ".join(s.text for s in en_s), everything, recurring)
    free.report("New texts written freely in the paper's Spanish (memory: the whole corpus)")


if __name__ == "__main__":
    main()
