"""How many of `iwo-tm check`'s findings are right: precision per check against findings judged
by hand, and recall on divergences known to be real.

    python bench/check_precision.py            # the table
    python bench/check_precision.py --unjudged # the sampled findings not judged yet, to judge

Two memories: the newsletter's (the shipped corpus aligned as the README's main command aligns
it, in a temporary folder) and Debian's Spanish catalogues of apt, dpkg and coreutils (English
source, as `iwo-tm check --tm FILE.mo` reads them). From each, a fixed sample (seeded by the
hash of each finding: bottom-k) of at most --per-check findings per check is compared with
tests/data/judged_findings.tsv (dataset, check, finding, real yes/no, why). A finding not in
the file is counted as unjudged, never as right; the Debian catalogues change with the Debian
release, so their sample may need judging again on another one.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from iwo_tm.check.consistency import Finding, run_checks
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.memory.units import load_memory

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "data" / "judged_findings.tsv"
DEBIAN = Path("/usr/share/locale/es/LC_MESSAGES")
CATALOGUES = ("apt.mo", "dpkg.mo", "coreutils.mo")
# divergences a reviewer of the newsletter knows are real: each must be found
KNOWN = [
    ("source", "¡La sangre derramada jamás será olvidada!"),
    ("terms", "sangre derramada"),
    ("terms", "régimen fujimorista"),
    ("terms", "comités de coordinación"),
    ("terms", "comités de lucha"),
    ("terms", "hermanos de clase"),
    ("terms", "huelga general insurreccional"),
    ("terms", "compañeros de la asociación"),
    ("terms", "9 de enero"),
]


def newsletter_units() -> list:
    """The memory the README's main command builds from the shipped corpus."""
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "corpus", Path(tmp) / "corpus")
        subprocess.run([exe, "align", "-q"], cwd=tmp, check=True, capture_output=True)
        return load_memory(sorted((Path(tmp) / "tmx").glob("*.tmx")))


def findings(dataset: str) -> list[Finding]:
    if dataset == "newsletter":
        units = newsletter_units()
    else:
        units = load_memory([DEBIAN / name for name in CATALOGUES])
    return run_checks(units, load_freedict()).findings


def read_judged() -> dict[tuple[str, str, str], tuple[bool, str]]:
    out = {}
    with JUDGED.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            key = (row["dataset"], row["check"], row["finding"])
            out[key] = (row["real"] == "yes", row["why"])
    return out


def sample(found: list[Finding], per_check: int) -> dict[str, list[Finding]]:
    """At most ``per_check`` findings a check: those whose key hashes lowest (bottom-k), so
    that a finding stays in the sample whatever other findings come and go, and a change to
    the checks needs judging only for the findings it adds."""
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for f in found:
        by_check[f.check].append(f)

    def rank(f: Finding) -> bytes:
        return hashlib.blake2b(f"{f.check}\t{f.key}".encode(), digest_size=8).digest()

    return {check: sorted(items, key=rank)[:per_check] for check, items in sorted(by_check.items())}


def shown(f: Finding) -> str:
    variants = " | ".join(f"{v.text} ({v.count}x)" for v in f.variants)
    return f"{f.key}: {variants or f.message}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-check", type=int, default=40)
    ap.add_argument("--unjudged", action="store_true", help="print what is left to judge")
    args = ap.parse_args()
    judged = read_judged()
    datasets = ["newsletter"] + (["debian"] if all((DEBIAN / c).exists() for c in CATALOGUES)
                                 else [])  # fmt: skip
    print(f"{'memory':<11} {'check':<9} {'findings':>8} {'sampled':>7} {'judged':>6} "
          f"{'right':>5} {'precision':>9}")  # fmt: skip
    for dataset in datasets:
        found = findings(dataset)
        for check, items in sample(found, args.per_check).items():
            marks = [judged.get((dataset, check, f.key)) for f in items]
            known = [m for m in marks if m is not None]
            right = sum(real for real, _ in known)
            total = sum(f.check == check for f in found)
            precision = f"{right / len(known):.0%}" if known else "-"
            print(f"{dataset:<11} {check:<9} {total:>8} {len(items):>7} {len(known):>6} "
                  f"{right:>5} {precision:>9}")  # fmt: skip
            if args.unjudged:
                for f, m in zip(items, marks, strict=True):
                    if m is None:
                        print(f"    unjudged: {dataset}\t{check}\t{shown(f)}")
        if dataset == "newsletter":
            keys = {(f.check, f.key.lower()) for f in found}
            missed = [k for k in KNOWN if (k[0], k[1].lower()) not in keys]
            print(
                f"{'':<11} known divergences found: {len(KNOWN) - len(missed)} of {len(KNOWN)}"
                + (f" (missed: {'; '.join(k for _, k in missed)})" if missed else "")
            )


if __name__ == "__main__":
    main()
