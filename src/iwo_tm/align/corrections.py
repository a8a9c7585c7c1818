"""A reviewer's corrections, one unit at a time: the English of a unit of the memory fixed, a
held alignment accepted, rejected or corrected. Each is written where the next ``align`` reads
it (the decisions file), so it is not lost when the memory is aligned again, and the memory is
rewritten at once, atomically, under its lock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ..errors import IwoError
from ..formats.tmx import Prop, read_tmx, write_tmx
from ..safety import holds_lock
from .corpus_alignment import CORPUS_TMX, AcceptResult, accept_review
from .review import (
    DECISIONS,
    REVIEW_TSV,
    read_decisions,
    read_review,
    write_decisions,
    write_review,
)

__all__ = ["correct_unit", "decide_held"]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


@holds_lock("tmx_dir", "the memory")
def correct_unit(
    tmx_dir: str | Path,
    tuid: str,
    seen: str,
    english: str,
    reviewer: str,
    memory: str = CORPUS_TMX,
) -> None:
    """Replace the English of unit ``tuid`` of ``tmx_dir/memory`` with ``english``. ``seen``
    is the English the reviewer corrected: if the unit no longer says it (another tab, another
    command changed it meanwhile), nothing is written and the error says so. The old English
    goes to the unit's history with the date and the reviewer's name; for the aligned memory
    the correction is also a decision, which the next ``align`` applies again."""
    english = " ".join(english.split())
    if not english:
        raise IwoError("the English is empty: write the corrected English, or leave it as it is")
    path = Path(tmx_dir) / memory
    header, units = read_tmx(path)
    unit = next((u for u in units if u.tuid == tuid), None)
    if unit is None:
        raise IwoError(f"no unit {tuid} in the memory: it was aligned again meanwhile", path)
    target = next((v for v in unit.variants if v.lang.lower().startswith("en")), None)
    if target is None:
        raise IwoError(f"unit {tuid} has no English", path)
    if " ".join(target.text.split()) != " ".join(seen.split()):
        raise IwoError(
            f"unit {tuid} was changed meanwhile (it now says {target.text!r}): reload the page "
            "and correct it again",
            path,
        )
    if english == target.text:
        return
    name = " ".join(reviewer.split()) or "reviewer"
    when = _now()
    unit.props.append((Prop.HISTORY, f"{when} {name}: was {target.text}"))
    unit.props = [(k, v) for k, v in unit.props if k != Prop.REVIEW] + [(Prop.REVIEW, "edited")]
    unit.attrs["changedate"] = when
    old = target.text
    target.text, target.xml = english, None
    if memory == CORPUS_TMX:
        _remember(Path(tmx_dir), unit.prop(Prop.PAIR) or "", unit.text("es") or "", old, english)
    write_tmx(path, units, header)


def _remember(tmx_dir: Path, pair: str, spanish: str, old: str, english: str) -> None:
    """The correction as a decision keyed by the English as the aligner paired it (found in
    an earlier decision when the unit was corrected before)."""
    decisions = read_decisions(tmx_dir / DECISIONS)
    key = next(
        (k for k, (d, en) in decisions.items() if k[:2] == (pair, spanish) and en == old),
        (pair, spanish, old),
    )
    decisions[key] = ("accept", english)
    write_decisions(tmx_dir / DECISIONS, decisions)


@holds_lock("tmx_dir", "the memory")
def decide_held(tmx_dir: str | Path, tuid: str, decision: str, english: str = "") -> AcceptResult:
    """Accept or reject the held alignment ``tuid`` (with its English corrected, if given) and
    apply it as ``iwo-tm accept`` does: an accepted unit joins the memory now."""
    if decision not in ("accept", "reject"):
        raise IwoError(f"unknown decision {decision!r}: accept or reject")
    tmx_dir = Path(tmx_dir)
    items = read_review(tmx_dir / REVIEW_TSV)
    item = next((i for i in items if i.tuid == tuid), None)
    if item is None:
        raise IwoError(
            f"{tuid} is no longer held for review: reload the page", tmx_dir / REVIEW_TSV
        )
    if decision == "accept" and english.strip():
        item.target = " ".join(english.split())
    elif decision == "accept" and not item.target.strip():
        raise IwoError("the English is empty: write it before accepting")
    item.decision = decision
    # the review file and the memory are written by accept, under the lock this holds
    write_review(tmx_dir, items)
    return accept_review.__wrapped__(tmx_dir)  # type: ignore[attr-defined]
