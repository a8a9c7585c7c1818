"""Instructions executed by a cold two-pass alignment of the corpus, counted by valgrind.

    python bench/align_instructions.py

Wall-clock figures on a shared machine drift by a third over a day; the instruction count of
the same work does not (to within about 2%: hash randomisation moves it a little), so it is
the figure to compare two versions of the aligner by. Runs the corpus alignment under
``valgrind --tool=callgrind`` (Debian package ``valgrind``) and subtracts a run that only loads
the corpus and the dictionary. Takes about two minutes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def work(align: bool) -> None:
    from iwo_tm.align.alignment import Aligner
    from iwo_tm.corpus.documents import load_pairs
    from iwo_tm.corpus.segmentation import segment_article
    from iwo_tm.language.lexicon import load_freedict

    pairs, _ = load_pairs(ROOT / "corpus")
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    lexicon = load_freedict()
    if align:
        Aligner(lexicon).align_many(docs)


def counted(mode: str) -> int:
    """Instructions of this script run in ``mode`` under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1")  # idle BLAS threads count too
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
                   sys.executable, __file__, mode]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        sys.exit("valgrind printed no instruction count:\n" + done.stderr[-2000:])
    return int(found.group(1))


def main() -> None:
    if len(sys.argv) > 1:
        work(sys.argv[1] == "--align")
        return
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind)")
    total, setup = counted("--align"), counted("--setup")
    print(f"cold two-pass alignment of the corpus: {(total - setup) / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
