"""OmegaT on the memory `bench/suggest_scale.py` makes, for comparison with `iwo-tm suggest`.

    python bench/omegat_scale.py --units 200000

Writes the same memory (the corpus's sentence pairs varied so that all differ) into the
`tm/auto/` folder of a fresh OmegaT project whose source is the same 10-segment text, then
runs OmegaT's console mode (`--mode=console-translate`: open the project, load its memories,
translate the source from them) twice and prints the seconds and the peak memory of each run.
OmegaT reads its memories again every time it opens a project: there is no warm run to time.
Needs the Debian package omegat.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from suggest_scale import base_units

from iwo_tm.formats.tmx import TranslationUnit, make_header, write_tmx
from iwo_tm.memory.exchange import omegat_project


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=200_000)
    args = ap.parse_args()
    if not shutil.which("omegat"):
        sys.exit("OmegaT is not installed (Debian package omegat)")
    base = base_units()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        omegat_project(project)
        text = "\n\n".join(s for s, _ in base[5:15]) + "\n"
        (project / "source" / "new.txt").write_text(text, encoding="utf-8")
        units = (
            TranslationUnit.pair(f"{s} [{k}]", f"{t} [{k}]", tuid=f"u{k}")
            for k, (s, t) in ((k, base[k % len(base)]) for k in range(args.units))
        )
        write_tmx(project / "tm" / "auto" / "memory.tmx", units, make_header(srclang="ES"))
        for run in (1, 2):
            started = time.perf_counter()
            done = subprocess.run(
                ["omegat", "--mode=console-translate", f"--config-dir={Path(tmp) / 'config'}",
                 "--disable-project-locking", "--quiet", str(project)],
                capture_output=True, text=True,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            if done.returncode:
                sys.exit(done.stderr[-2000:])
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"OmegaT run {run}, {args.units:,} units: {seconds:.1f} s, peak {peak:,.0f} MB")


if __name__ == "__main__":
    main()
