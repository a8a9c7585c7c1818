"""Importing a large TMX: time and peak memory.

    python bench/import_big.py --megabytes 1000

Writes a TMX of about the given size (the corpus's units, varied so that they are all
different, a tenth of them duplicated with a newer date), then runs `iwo-tm import` on it in a
fresh folder and prints the time and the peak memory of the import process.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iwo_tm.formats.tmx import TranslationUnit, make_header, read_tmx, write_tmx

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--megabytes", type=int, default=1000)
    args = ap.parse_args()
    memory = ROOT / "tmx" / "corpus.tmx"
    if not memory.exists():
        raise SystemExit("run iwo-tm align first (the big file is made from tmx/corpus.tmx)")
    _, base = read_tmx(memory)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.tmx"
        wanted = args.megabytes * 1_000_000
        avg = len(memory.read_bytes()) / len(base)
        count = int(wanted / avg)

        def units():
            for k in range(count):
                dup = k % 10 == 9  # the same pair as the unit before, with a newer date
                n = k - 1 if dup else k
                u = base[n % len(base)]
                date = "20240201T000000Z" if dup else "20230101T000000Z"
                yield TranslationUnit.pair(
                    f"{u.text('es')} [{n}]", f"{u.text('en')} [{n}]",
                    tuid=f"u{k}", attrs={"changedate": date}, props=u.props,
                )  # fmt: skip

        t0 = time.perf_counter()
        write_tmx(big, units(), make_header())
        size = big.stat().st_size
        print(f"made {size / 1e6:,.0f} MB, {count:,} units, in {time.perf_counter() - t0:.0f} s")
        work = Path(tmp) / "work"
        work.mkdir()
        exe = Path(sys.executable).parent / "iwo-tm"
        t0 = time.perf_counter()
        done = subprocess.run(
            [str(exe), "import", str(big)], cwd=work, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(done.stdout.strip() or done.stderr.strip())
        print(
            f"import: {elapsed:.0f} s, {size / 1e6 / elapsed:.1f} MB/s, peak memory {peak:,.0f} MB"
        )


if __name__ == "__main__":
    main()
