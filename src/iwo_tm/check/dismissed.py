"""Findings a reviewer has marked "not a divergence": remembered in ``tmx/dismissed.tsv`` and
not reported again, until the units behind them change (a finding is known by its check, its
Spanish and a fingerprint of its renderings and units)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from ..errors import IwoError
from ..safety import holds_lock
from ..textfiles import as_tsv, read_rows, read_text, write_spreadsheet
from .consistency import Finding, Report

__all__ = [
    "DISMISSED",
    "dismiss",
    "fingerprint",
    "hide_dismissed",
    "read_dismissed",
    "without_dismissed",
]

DISMISSED = "dismissed.tsv"
_COLUMNS = ["check", "finding", "fingerprint", "date", "reviewer"]


def fingerprint(f: Finding) -> str:
    """What the finding says: its renderings and the units that carry each. Another unit, or
    another rendering, makes another fingerprint: the finding comes back."""
    parts = [f.check, f.key] + sorted(
        f"{v.text}\x00{','.join(sorted(v.where))}" for v in f.variants
    )
    if f.unit is not None:
        parts += [f.unit.tuid, f.unit.target, f.message]
    return hashlib.blake2b("\x01".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def read_dismissed(tmx_dir: str | Path) -> set[tuple[str, str, str]]:
    """(check, finding, fingerprint) of every dismissed finding."""
    path = Path(tmx_dir) / DISMISSED
    if not path.exists():
        return set()
    rows = read_rows(read_text(path, allow_empty=True), path, delimiter="\t")
    out = set()
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(_COLUMNS):
            raise IwoError(f"expected {len(_COLUMNS)} tab-separated columns", path, number)
        out.add((row[0], row[1], row[2]))
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


def without_dismissed(findings: Iterable[Finding], dismissed: set[tuple[str, str, str]]) -> list:
    return [f for f in findings if (f.check, _flat(f.key), fingerprint(f)) not in dismissed]


def hide_dismissed(report: Report, tmx_dir: str | Path) -> int:
    """Leave out of ``report`` the findings dismissed in ``tmx_dir``; returns how many."""
    before = len(report.findings)
    report.findings = without_dismissed(report.findings, read_dismissed(tmx_dir))
    return before - len(report.findings)


@holds_lock("tmx_dir", "the memory")
def dismiss(tmx_dir: str | Path, check: str, key: str, print_: str, reviewer: str) -> None:
    """Remember that this finding (as its fingerprint says it) is not a divergence."""
    path = Path(tmx_dir) / DISMISSED
    rows = [_COLUMNS]
    if path.exists():
        rows += read_rows(read_text(path, allow_empty=True), path, delimiter="\t")[1:]
    key = _flat(key)
    if any(r[:3] == [check, key, print_] for r in rows[1:]):
        return
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    rows.append([check, key, print_, when, " ".join(reviewer.split()) or "reviewer"])
    write_spreadsheet(path, as_tsv(rows))
