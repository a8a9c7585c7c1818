"""Pairing Spanish and English articles: precision, recall and time.

    python bench/pair.py [--spanish 500 --english 300] [--mt]

1. The fixture: the Spanish issues 36, 37 and 41 (corpus/sources/es) imported beside the
   English articles of both issues, as tests/test_pairing.py sets it up.
2. A synthetic corpus: 300 English articles made from the corpus's article pairs, each with
   its names and numbers replaced (the same way on both sides) and a fifth of its English
   sentences dropped (the English edition shortens); their 300 Spanish counterparts; and 200
   Spanish articles with no English: half made from the corpus's three Spanish-only articles,
   half from paired articles with other names and numbers (near twins of a true pair, the hard
   case).
   Issues and dates spread over 16 issues, the English in the same issue or the next.

3. Free texts: beside the fixture, the five texts of examples/ (written freely in the paper's
   Spanish, not from an English) as Spanish articles of issues 42 to 46 and their English
   (examples/reference) in one later English issue; counted on those five only.

Precision and recall are counted on the pairs written (clear) and on all pairs proposed
(written or for review). Time: `propose_pairs` on one core, Apertium off unless --mt.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from iwo_tm.corpus.documents import (
    Article,
    Block,
    iter_corpus,
    load_pairs,
    render_article,
)
from iwo_tm.corpus.pairing import propose_pairs
from iwo_tm.language.lexicon import load_freedict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

NAMES = [
    *("Arequipa", "Cusco", "Tacna", "Piura", "Chiclayo", "Iquitos", "Huancayo", "Ayacucho"),
    *("Cajamarca", "Moquegua", "Tumbes", "Huaraz", "Abancay", "Pucallpa", "Tarapoto", "Ilo"),
    *("Sullana", "Chimbote", "Talara", "Andahuaylas", "Sicuani", "Juli", "Ilave", "Azángaro"),
]
KNOWN = ["Lima", "Puno", "Juliaca", "Boluarte", "Castillo", "Dina", "CGTP", "Perú", "Peru"]


def _vary(text: str, names: dict[str, str], numbers: dict[str, str]) -> str:
    for old, new in names.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return re.sub(r"\d+", lambda m: numbers.setdefault(m[0], str(random.randint(2, 99_999))), text)


def _article(base: Article, pair: str, issue: int, day: date, names, numbers, drop=0.0):  # noqa: ANN001, ANN201
    blocks = []
    for b in base.blocks:
        if b.kind == "paragraph" and drop and random.random() < drop:
            continue
        blocks.append(Block(b.kind, _vary(b.text, names, numbers), b.level))
    title = _vary(str(base.meta["title"]), names, numbers)
    meta = {**base.meta, "pair": pair, "issue": issue, "date": day.isoformat(),
            "issue_date": day.isoformat(), "title": title}  # fmt: skip
    return Article(meta, blocks)


def synthetic(folder: Path, n_es: int, n_en: int) -> dict[str, str | None]:
    """Write the synthetic corpus; returns each Spanish file's true English pair id."""
    random.seed(41)
    pairs, alone = load_pairs(ROOT / "corpus")
    solo = [a for a in alone if a.lang == "es"]  # the Spanish articles with no English
    for lang in ("es", "en"):
        (folder / lang).mkdir(parents=True)
    truth: dict[str, str | None] = {}

    def mapping() -> tuple[dict[str, str], dict[str, str]]:
        return dict(zip(KNOWN, random.sample(NAMES, len(KNOWN)), strict=True)), {}

    for k in range(n_en):
        es, en = pairs[k % len(pairs)]
        issue = 30 + k % 16
        day = date(2022, 1, 15) + timedelta(days=30 * (issue - 30))
        names, numbers = mapping()
        pid = f"{issue}-en-{k}"
        later = random.random() < 0.3
        e = _article(en, pid, issue + later, day + timedelta(days=30 * later), names, numbers, 0.2)
        s = _article(es, f"{issue}-es-{k}", issue, day, names, dict(numbers))
        (folder / "en" / f"{pid}.md").write_text(render_article(e), encoding="utf-8")
        (folder / "es" / f"{issue}-es-{k}.md").write_text(render_article(s), encoding="utf-8")
        truth[f"{issue}-es-{k}.md"] = pid
    for k in range(n_es - n_en):
        base = solo[k % len(solo)] if k % 2 else pairs[k % len(pairs)][0]
        issue = 30 + k % 16
        day = date(2022, 1, 15) + timedelta(days=30 * (issue - 30))
        s = _article(base, f"{issue}-solo-{k}", issue, day, *mapping())
        (folder / "es" / f"{issue}-solo-{k}.md").write_text(render_article(s), encoding="utf-8")
        truth[f"{issue}-solo-{k}.md"] = None
    return truth


def fixture(folder: Path) -> dict[str, str | None]:
    from test_pairing import truth

    (folder / "es").mkdir(parents=True)
    shutil.copytree(ROOT / "corpus" / "en", folder / "en")
    exe = Path(sys.executable).parent / "iwo-tm"
    issues = sorted(str(p) for p in (ROOT / "corpus/sources/es").glob("*.md"))
    subprocess.run([str(exe), "import-issue", *issues, "--lang", "es", "--corpus", str(folder)],
                   check=True, capture_output=True)  # fmt: skip
    return truth()


def free_texts(folder: Path) -> dict[str, str | None]:
    from test_pairing import add_free_texts

    fixture(folder)
    return add_free_texts(folder)


def score(name: str, folder: Path, truth: dict[str, str | None], translate) -> None:  # noqa: ANN001
    """Precision and recall of the pairs proposed for the Spanish articles ``truth`` names."""
    lexicon = load_freedict()
    started = time.perf_counter()
    found = propose_pairs(folder, lexicon, translate)
    seconds = time.perf_counter() - started
    real = {k for k, v in truth.items() if v is not None}
    n_es = sum(1 for _ in iter_corpus(folder, "es"))
    n_en = sum(1 for _ in iter_corpus(folder, "en"))
    counted = [p for p in found.proposals if p.spanish.path.name in truth]
    for label, chosen in (("written", [p for p in counted if p.status == "write"]),
                          ("proposed", counted)):  # fmt: skip
        right = sum(truth.get(p.spanish.path.name) == p.english.pair for p in chosen)
        precision = right / len(chosen) if chosen else 1.0
        print(f"{name:<10} {n_es:>4} x {n_en:<4} {label:<9} {len(chosen):>5} {right:>5} "
              f"{precision:>9.1%} {right / len(real):>7.1%} {seconds:>7.1f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spanish", type=int, default=500)
    ap.add_argument("--english", type=int, default=300)
    ap.add_argument("--mt", action="store_true", help="use Apertium (cached per sentence)")
    args = ap.parse_args()
    translate = None
    if args.mt:
        from iwo_tm.language.machine_translation import Translator

        translate = Translator().translate
    print(f"{'corpus':<10} {'Spanish x English':<11} {'pairs':<9} {'count':>5} {'right':>5} "
          f"{'precision':>9} {'recall':>7} {'seconds':>7}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fixture"
        score("fixture", folder, fixture(folder), translate)
        folder = Path(tmp) / "free"
        score("free", folder, free_texts(folder), translate)
        folder = Path(tmp) / "synthetic"
        score("synthetic", folder, synthetic(folder, args.spanish, args.english), translate)


if __name__ == "__main__":
    main()
