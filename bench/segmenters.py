"""Compare sentence segmenters on our own text: the gold paragraphs of tests/data and speed.

    python bench/segmenters.py

Candidates: iwo-tm (LanguageTool SRX + our SRX rules), LanguageTool SRX alone (choppa-srx),
pysbd, sentencex. Prints exact-paragraph accuracy, boundary precision/recall and the time to
segment the whole corpus.
"""

from __future__ import annotations

import time
from pathlib import Path

import pysbd
import sentencex
from choppa import DEFAULT_SRX_RULESET, SrxDocument
from choppa.iterators import SrxTextIterator

from iwo_tm.corpus.documents import iter_corpus
from iwo_tm.corpus.segmentation import inline_to_plain, split_sentences

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    ln.split("\t")
    for ln in (ROOT / "tests/data/segmentation_gold.tsv").read_text().splitlines()
    if ln and not ln.startswith("#")
]
_LT = SrxDocument(ruleset=DEFAULT_SRX_RULESET)
_PYSBD = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("es", "en")}


def lt_only(text: str, lang: str) -> list[str]:
    return [s.strip() for s in SrxTextIterator(_LT, f"{lang}_two", text) if s.strip()]


CANDIDATES = {
    "iwo-tm (SRX: ours + LanguageTool)": split_sentences,
    "LanguageTool SRX alone": lt_only,
    "pysbd": lambda t, lang: [s.strip() for s in _PYSBD[lang].segment(t) if s.strip()],
    "sentencex": lambda t, lang: [s.strip() for s in sentencex.segment(lang, t) if s.strip()],
}


def boundaries(sents: list[str]) -> set[int]:
    out, pos = set(), 0
    for s in sents[:-1]:
        pos += len(s.replace(" ", ""))
        out.add(pos)
    return out


def main() -> None:
    paragraphs = [
        (b_lang, inline_to_plain(b.text)[0])
        for b_lang in ("es", "en")
        for a in iter_corpus(ROOT / "corpus", b_lang)
        for b in a.blocks
        if b.kind == "paragraph"
    ]
    print(f"gold: {len(GOLD)} paragraphs; speed over {len(paragraphs)} corpus paragraphs")
    print(f"{'segmenter':<36} {'exact':>6} {'prec':>6} {'rec':>6} {'par/s':>8}")
    for name, fn in CANDIDATES.items():
        exact = tp = fp = fn_ = 0
        for lang, para in GOLD:
            gold = para.split(" || ")
            got = fn(" ".join(gold), lang)
            exact += got == gold
            g, t = boundaries(gold), boundaries(got)
            tp, fp, fn_ = tp + len(g & t), fp + len(t - g), fn_ + len(g - t)
        t0 = time.perf_counter()
        for lang, para in paragraphs:
            fn(para, lang)
        rate = len(paragraphs) / (time.perf_counter() - t0)
        print(
            f"{name:<36} {exact / len(GOLD):>6.1%} {tp / max(tp + fp, 1):>6.1%} "
            f"{tp / max(tp + fn_, 1):>6.1%} {rate:>8.0f}"
        )


if __name__ == "__main__":
    main()
