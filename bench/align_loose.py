"""How the aligners hold up when the English is looser than the corpus's.

    python bench/align_loose.py            # every signal available here
    python bench/align_loose.py --no-mt    # without Apertium (and without the Bleualign-style
                                           # baseline, which needs it)

The corpus's Spanish side was written here, mostly one sentence for one. To see what a looser
translation does to each aligner, the English side of every gold article is changed the way
translators change it, by a seeded random choice, and its gold beads are rewritten to match:

- omissions: an English sentence is dropped (its Spanish becomes a 1-0 bead);
- merges: two neighbouring English sentences of one paragraph become one (a 2-1 bead or wider);
- splits: an English sentence is cut at a comma near its middle (a 1-2 bead or wider);
- captions: an English-only caption, taken from another article, is put between paragraphs
  (a 0-1 bead);
- all four at once.

Each change touches the given share of the English sentences that can take it (10% and 25%),
over five seeds; the figure is strict F1 (Vecalign's definition) pooled over the 12 gold
articles and the seeds, for iwo-tm, the length-only Gale-Church baseline and, with Apertium, the
Bleualign-style baseline of ``bench/baselines.py``, and, where Node.js is installed, hunalign
itself with and without -realign (``bench/hunalign.py``). iwo-tm aligns the whole corpus each time,
the changed gold articles with the others, as ``iwo-tm align`` would (its second pass learns
from all of them).

For iwo-tm it also prints what reaches the memory at the default threshold (0.5): of its beads
with both sides, the wrong ones written to the memory and the right ones held for review.

Merges and splits produce beads of shapes no aligner here searches for when they fall on a
bead that is already a merge or a split (a 2-1 bead merged with its neighbour is a 3-2): those
count as misses for every aligner alike.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

import hunalign
from align import HELD_OUT
from baselines import bleualign_style, gale_church

from iwo_tm.align.alignment import Aligner
from iwo_tm.align.corpus_alignment import REVIEW_THRESHOLD
from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import Segment, segment_article
from iwo_tm.formats.beads import BeadPair, read_beads, score
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.language.machine_translation import Translator, available

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
KINDS = ("omissions", "merges", "splits", "captions", "all four")
RATES = (0.10, 0.25)
SEEDS = range(5)

# an English sentence of the changed article: its text and facts, and which sentences of the
# original English it carries (none for an inserted caption)
Sentence = tuple[Segment, frozenset[int]]


def _split_point(text: str) -> int | None:
    """Where a translator could cut a sentence in two: a comma between 35% and 65% of it, with
    at least four words on each side."""
    commas = [
        k
        for k, ch in enumerate(text)
        if ch == ","
        and 0.35 <= k / len(text) <= 0.65
        and len(text[:k].split()) >= 4
        and len(text[k + 1 :].split()) >= 4
    ]
    return min(commas, key=lambda k: abs(k - len(text) / 2), default=None)


def loosen(
    en: list[Segment], kind: str, rate: float, rng: random.Random, captions: list[str]
) -> list[Sentence]:
    """The English side changed by ``kind`` at ``rate``, each sentence with its origin."""
    out: list[Sentence] = [(s, frozenset({j})) for j, s in enumerate(en)]
    kinds = ("omissions", "merges", "splits", "captions") if kind == "all four" else (kind,)
    share = rate / len(kinds)
    for k in kinds:
        if k == "omissions":
            kept: list[Sentence] = []
            opened = None  # the block whose first sentence was dropped: the next one opens it
            for s, origin in out:
                if s.kind == "paragraph" and rng.random() < share:
                    opened = s.block if s.first else opened
                    continue
                if s.block == opened and not s.first:
                    s = replace(s, first=True)
                opened = None
                kept.append((s, origin))
            out = kept
        elif k == "merges":
            merged: list[Sentence] = []
            for s, origin in out:
                if (
                    merged
                    and s.kind == "paragraph"
                    and not s.first
                    and merged[-1][0].kind == "paragraph"
                    and rng.random() < share
                ):
                    prev, prev_origin = merged.pop()
                    text = f"{prev.text} {s.text}"
                    merged.append((replace(prev, text=text, bold=prev.bold and s.bold),
                                   prev_origin | origin))  # fmt: skip
                else:
                    merged.append((s, origin))
            out = merged
        elif k == "splits":
            cut: list[Sentence] = []
            for s, origin in out:
                at = _split_point(s.text) if s.kind == "paragraph" else None
                if at is not None and rng.random() < share:
                    left, right = s.text[:at].strip() + ".", s.text[at + 1 :].strip()
                    right = right[:1].upper() + right[1:]
                    cut += [(replace(s, text=left), origin),
                            (replace(s, text=right, first=False), origin)]  # fmt: skip
                else:
                    cut.append((s, origin))
            out = cut
        else:  # captions, before a paragraph's first sentence
            placed: list[Sentence] = []
            for s, origin in out:
                if s.first and placed and rng.random() < share:
                    text = rng.choice(captions)
                    caption = Segment(text, "caption", s.block, first=True)
                    placed.append((caption, frozenset()))
                placed.append((s, origin))
            out = placed
    return out


def rewrite_gold(gold: list[BeadPair], changed: list[Sentence]) -> list[BeadPair]:
    """The gold beads of the changed English: original beads joined where a merged sentence
    spans them, English indices renumbered, English-only captions as 0-1 beads, and a Spanish
    sentence whose English is gone as a 1-0 bead of its own."""
    bead_of = {j: b for b, (_, en) in enumerate(gold) for j in en}
    # union-find over the original beads that one changed sentence ties together
    parent = list(range(len(gold)))

    def root(b: int) -> int:
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    for _, origin in changed:
        if origin:  # the beads of its sentences, and those between them
            first, last = min(bead_of[j] for j in origin), max(bead_of[j] for j in origin)
            for b in range(first + 1, last + 1):
                parent[root(b)] = root(first)
    groups: dict[int, tuple[set[int], set[int]]] = {}
    for b, (es, _) in enumerate(gold):
        groups.setdefault(root(b), (set(), set()))[0].update(es)
    out: list[BeadPair] = []
    for new_j, (_, origin) in enumerate(changed):
        if not origin:
            out.append(((), (new_j,)))
            continue
        groups[root(bead_of[min(origin)])][1].add(new_j)
    for es, en in groups.values():
        if es and en:
            out.append((tuple(sorted(es)), tuple(sorted(en))))
        else:  # a sentence left out is a bead of its own, as in Vecalign's gold files
            out += [((i,), ()) for i in sorted(es)] + [((), (j,)) for j in sorted(en)]
    return out


def changes(original: int, changed: list[Sentence]) -> int:
    """How many sentences the change dropped, merged into another, split off or inserted."""
    origins = [o for _, o in changed if o]
    dropped = original - len(frozenset().union(*origins))
    merged = sum(len(o) - 1 for o in set(origins))
    split = len(origins) - len(set(origins))
    return dropped + merged + split + (len(changed) - len(origins))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-mt", action="store_true")
    ap.add_argument(
        "--articles",
        choices=("all", "development", "held-out"),
        default="all",
        help="the gold articles to change: all, those the aligner was designed on, or the four "
        "held out (bench/align.py)",
    )
    args = ap.parse_args()
    pairs, _ = load_pairs(ROOT / "corpus")
    names = [es.pair for es, _ in pairs]
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    use_mt = available() and not args.no_mt
    translator = Translator() if use_mt else None
    mts = [translator.translate([s.text for s in es]) if translator else None for es, _ in docs]
    aligner = Aligner(load_freedict())
    gold_files = [
        f
        for f in sorted(GOLD.glob("*.beads"))
        if args.articles == "all" or (f.stem in HELD_OUT) == (args.articles == "held-out")
    ]
    gold_of = {names.index(f.stem): read_beads(f) for f in gold_files}
    captions_of = {k: [s.text for s in en if s.kind == "caption"] for k, (_, en) in enumerate(docs)}

    systems = ["iwo-tm", "Gale-Church"] + (["Bleualign-style"] if use_mt else [])
    if isinstance(hunalign.install(), str):
        print(f"hunalign: not compared ({hunalign.install()})")
    else:
        systems += list(hunalign.VARIANTS)
    print(f"strict F1 over {len(gold_of)} gold articles ({args.articles}) x {len(SEEDS)} seeds"
          f"{'' if use_mt else ' (without Apertium)'}")  # fmt: skip
    print(f"{'English changed by':<22} {'rate':>5} {'changes':>8} {'gold beads':>10} "
          + " ".join(f"{x:>15}" for x in systems)
          + f"  {'iwo-tm: wrong written / right held':>36}")  # fmt: skip
    for kind in KINDS:
        for rate in RATES:
            results: dict[str, list] = {x: [] for x in systems}
            beads = touched = wrong_written = right_held = 0
            for seed in SEEDS:
                rng = random.Random(f"{kind} {rate} {seed}")
                changed_docs = list(docs)
                golds = {}
                for k, gold in gold_of.items():
                    es, en = docs[k]
                    others = [c for o, cs in captions_of.items() if o != k for c in cs]
                    changed = loosen(list(en), kind, rate, rng, others)
                    changed_docs[k] = (es, [s for s, _ in changed])
                    golds[k] = rewrite_gold(gold, changed)
                    touched += changes(len(en), changed)
                ours = aligner.align_many(changed_docs, mts if use_mt else None)
                hun = hunalign.compare([changed_docs[k] for k in golds])
                for x, runs in hun.items():
                    results[x] += zip(golds.values(), runs, strict=True)
                for k, gold in golds.items():
                    es, en = changed_docs[k]
                    es_len, en_len = [len(s.text) for s in es], [len(s.text) for s in en]
                    results["iwo-tm"].append((gold, ours[k].pairs()))
                    gold_set = set(gold)
                    for b in ours[k].beads:
                        if b.es and b.en:
                            right = (b.es, b.en) in gold_set
                            written = b.confidence >= REVIEW_THRESHOLD
                            wrong_written += written and not right
                            right_held += right and not written
                    results["Gale-Church"].append((gold, gale_church(es_len, en_len)))
                    if use_mt:
                        test = bleualign_style(mts[k], [s.text for s in en], es_len, en_len)
                        results["Bleualign-style"].append((gold, test))
                    beads += len(gold)
            cells = [f"{score(results[x]).f1_strict:.3f}" for x in systems]
            print(f"{kind:<22} {rate:>5.0%} {touched:>8} {beads:>10} "
                  + " ".join(f"{c:>15}" for c in cells)
                  + f"  {wrong_written:>29} / {right_held:>4}")  # fmt: skip


if __name__ == "__main__":
    main()
