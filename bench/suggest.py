"""What `suggest` gives a translator on articles it has never seen.

    python bench/suggest.py          # memory matches only
    python bench/suggest.py --mt     # and Apertium for segments without a match

For every Peru article: the memory is built from all the *other* article pairs (aligned as
`iwo-tm align` does), `suggest` runs on the held-out Spanish, and the English draft (matches,
adapted numbers; Apertium output with --mt; nothing for the rest) is scored against the real
English with sacrebleu (document-level chrF and BLEU). Also printed: segments and words
pre-filled per band, slogans/phrases found inside sentences, milliseconds per segment.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import sacrebleu

from iwo_tm.alignment import Aligner
from iwo_tm.corpus_alignment import make_item
from iwo_tm.documents import load_pairs
from iwo_tm.fuzzy import FuzzyIndex, words
from iwo_tm.lexicon import load_freedict
from iwo_tm.machine_translation import Translator, available
from iwo_tm.memory import MemoryUnit
from iwo_tm.phrases import PhraseFinder
from iwo_tm.segmentation import segment_article
from iwo_tm.suggestion import analyse, suggest

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mt", action="store_true", help="Apertium for segments without a match")
    args = ap.parse_args()
    if args.mt and not available():
        raise SystemExit("apertium spa-eng is not installed")
    pairs, _ = load_pairs(ROOT / "corpus")
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    lexicon = load_freedict()
    alignments = Aligner(lexicon).align_many(docs)
    units = []
    for (es, en), (es_s, en_s), al in zip(pairs, docs, alignments, strict=True):
        for b in al.beads:
            if b.es and b.en:
                it = make_item(es, en, es_s, en_s, b)
                units.append(
                    MemoryUnit(it.source, it.target, "corpus.tmx", it.tuid, it.pair, it.context)
                )
    translate = Translator().translate if args.mt else None

    head = f"{'segs':>4} {'100%+':>5} {'75-99':>5} {'words pre-filled':>16} {'frags':>5}"
    print(f"{'held-out article':<52} {head} {'chrF':>5} {'BLEU':>5} {'ms/seg':>6}")
    total = {"segs": 0, "exact": 0, "fuzzy": 0, "words": 0, "filled": 0, "frags": 0, "time": 0.0}
    hyps, refs = [], []
    for (es, _en), (es_s, en_s) in zip(pairs, docs, strict=True):
        if es.meta.get("section") != "Perú":
            continue
        rest = [u for u in units if u.pair != es.pair]
        index = FuzzyIndex(rest)
        phrases = PhraseFinder(index, lexicon)
        t0 = time.perf_counter()
        result = suggest(es_s, index, 75, 3, translate, phrases)
        elapsed = time.perf_counter() - t0
        bands = {b.name: b for b in analyse(result)}
        exact = bands["context (101%)"].segments + bands["100%"].segments
        fuzzy = sum(bands[n].segments for n in ("95-99%", "85-94%", "75-84%"))
        n_words = sum(len(words(s.source)) for s in result)
        filled = sum(len(words(s.source)) for s in result if s.origin == "memory")
        frags = sum(len(s.fragments) for s in result)
        hyp = " ".join(s.target for s in result if s.target)
        ref = " ".join(s.text for s in en_s)
        chrf = sacrebleu.corpus_chrf([hyp], [[ref]]).score
        bleu = sacrebleu.corpus_bleu([hyp], [[ref]]).score
        hyps.append(hyp)
        refs.append(ref)
        ms = 1000 * elapsed / len(result)
        print(f"{es.pair[:52]:<52} {len(result):>4} {exact:>5} {fuzzy:>5} "
              f"{filled:>7}/{n_words:<5} {100 * filled / n_words:>3.0f}% {frags:>5} {chrf:>5.1f} "
              f"{bleu:>5.1f} {ms:>6.1f}")  # fmt: skip
        for key, value in (("segs", len(result)), ("exact", exact), ("fuzzy", fuzzy),
                           ("words", n_words), ("filled", filled), ("frags", frags),
                           ("time", elapsed)):  # fmt: skip
            total[key] += value
    chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
    bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
    print(f"{'all Peru articles':<52} {total['segs']:>4} {total['exact']:>5} {total['fuzzy']:>5} "
          f"{total['filled']:>7}/{total['words']:<5} "
          f"{100 * total['filled'] / total['words']:>3.0f}% "
          f"{total['frags']:>5} {chrf:>5.1f} {bleu:>5.1f} "
          f"{1000 * total['time'] / total['segs']:>6.1f}")  # fmt: skip
    print("(memory matches" + (" + Apertium for the rest)" if args.mt else " only)"))


if __name__ == "__main__":
    main()
