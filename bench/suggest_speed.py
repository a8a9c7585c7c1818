"""How long a translator waits for `iwo-tm suggest` on a whole issue.

    python bench/suggest_speed.py [--kb 60] [--runs 3]

The text is the Spanish of issue #37's articles, one after another up to about 60 kB; the
memory is what `iwo-tm align` makes of issue #41 alone, so almost nothing of the text is a
whole match and nearly every segment goes through repair, pinning, Apertium and the
post-editing rules. The real command runs on one core (`taskset -c 0` where there is one):
first cold (an empty Apertium cache and no index, rules or vocabulary cached), then again with
everything cached, as a translator's second draft of the same issue would.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def command(*args: str) -> list[str]:
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    return [*pin, exe, *args]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=int, default=60, help="size of the text (kB)")
    ap.add_argument("--runs", type=int, default=3, help="warm runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lang in ("es", "en"):
            (work / "corpus" / lang).mkdir(parents=True)
            for f in (ROOT / "corpus" / lang).glob("41-*.md"):
                shutil.copy(f, work / "corpus" / lang / f.name)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
        subprocess.run(command("align", "-q"), cwd=work, env=env, check=True,
                       capture_output=True)  # fmt: skip
        parts, size = [], 0
        for f in sorted((ROOT / "corpus" / "es").glob("37-*.md")):
            body = f.read_text(encoding="utf-8").split("\n---\n", 1)[1]
            parts.append(body.strip())
            size += len(body.encode("utf-8"))
            if size >= args.kb * 1000:
                break
        text = work / "issue.md"
        text.write_text("---\nlang: es\n---\n\n" + "\n\n".join(parts) + "\n", encoding="utf-8")
        kb = text.stat().st_size / 1000
        print(f"text: {kb:.0f} kB of issue #37's Spanish; memory: issue #41 aligned")
        times = []
        for run in range(args.runs + 1):
            t0 = time.perf_counter()
            done = subprocess.run(command("suggest", str(text), "--mt", "yes", "-o", "d.po"),
                                  cwd=work, env=env, capture_output=True, text=True)  # fmt: skip
            times.append(time.perf_counter() - t0)
            if done.returncode != 0:
                sys.exit(done.stderr)
            if run == 0:
                print(done.stdout.strip())
        print(f"cold (nothing cached): {times[0]:.1f} s")
        warm = sorted(times[1:])
        print(f"warm: best {warm[0]:.1f} s, median {warm[len(warm) // 2]:.1f} s")


if __name__ == "__main__":
    main()
