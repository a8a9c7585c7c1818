"""`iwo-tm suggest` on a large memory: the first run (index built) and the next (index read).

    python bench/suggest_scale.py --units 200000 [--units 1000000]

For each size: a memory of that many units made from the corpus's aligned units, each varied so
that all differ (as bench/import_big.py makes them), written as tmx/corpus.tmx in a fresh
folder; then the real command on a 10-segment text (`--mt no`, so only the memory is timed),
run once to build the index and three times more to read it. Prints the seconds and the peak
memory of each kind of run (the child process's maximum resident size).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.formats.tmx import TranslationUnit, make_header, write_tmx

ROOT = Path(__file__).resolve().parent.parent


def base_units() -> list[tuple[str, str]]:
    """Sentence pairs of the corpus, one to one by position within each paragraph-free list
    (enough to give the memory the corpus's words and lengths)."""
    pairs, _ = load_pairs(ROOT / "corpus")
    out = []
    for es, en in pairs:
        for a, b in zip(segment_article(es), segment_article(en), strict=False):
            out.append((a.text, b.text))
    return out


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one run of the command in a fresh process."""
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True);"
        "e = time.perf_counter() - t;"
        "m = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024;"
        "print(r.returncode, e, m); sys.stderr.write(r.stderr.decode())"
    )
    done = subprocess.run([sys.executable, "-c", code, exe, *args], cwd=cwd,
                          capture_output=True, text=True)  # fmt: skip
    rc, seconds, peak = done.stdout.split()
    if rc != "0":
        sys.exit(done.stderr)
    return float(seconds), float(peak)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, action="append", help="memory size (repeatable)")
    args = ap.parse_args()
    sizes = args.units or [200_000]
    base = base_units()
    text = "---\nlang: es\n---\n\n" + "\n\n".join(s for s, _ in base[5:15]) + "\n"
    print(f"{'units':>10} {'first run (build) s':>20} {'peak MB':>8} ", end="")
    print(f"{'next runs s':>12} {'peak MB':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / "tmx").mkdir()
            units = (
                TranslationUnit.pair(f"{s} [{k}]", f"{t} [{k}]", tuid=f"u{k}")
                for k, (s, t) in ((k, base[k % len(base)]) for k in range(size))
            )
            write_tmx(work / "tmx" / "corpus.tmx", units, make_header())
            (work / "new.md").write_text(text, encoding="utf-8")
            cmd = ["suggest", "new.md", "--mt", "no", "-o", "d.po"]
            first, first_peak = run(cmd, work)
            warm = [run(cmd, work) for _ in range(3)]
            best = min(t for t, _ in warm)
            peak = max(m for _, m in warm)
            print(f"{size:>10,} {first:>20.1f} {first_peak:>8,.0f} {best:>12.1f} {peak:>8,.0f}")


if __name__ == "__main__":
    main()
