"""Doubtful alignments held for a person: a TSV to decide in, an HTML page to read.

A reviewer opens ``tmx/review.html`` to read the pairs side by side, writes ``accept`` or
``reject`` in the first column of ``tmx/review.tsv`` (correcting the English there if needed)
and runs ``iwo-tm accept``. Decisions are kept in ``tmx/decisions.tsv`` so that the next
``iwo-tm align`` remembers them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import IwoError
from ..formats.tmx import Prop, TranslationUnit
from ..page import page
from ..textfiles import as_tsv, read_rows, read_text, write_atomic, write_spreadsheet

REVIEW_TSV = "review.tsv"
REVIEW_HTML = "review.html"
DECISIONS = "decisions.tsv"
COLUMNS = [
    "decision", "confidence", "spanish", "english", "article", "tuid", "issue", "date", "bead",
    "kind", "previous spanish", "english as aligned (do not edit)",
]  # fmt: skip
ACCEPT = {"accept", "a", "yes", "y", "ok", "+"}
REJECT = {"reject", "r", "no", "n", "x", "-"}


# a reviewer's decision on a held pair; empty: not decided yet
Decision = Literal["", "accept", "reject"]


@dataclass
class ReviewItem:
    tuid: str
    pair: str
    issue: str
    date: str  # TMX format
    confidence: float
    shape: str
    kind: str
    source: str
    target: str
    context: str = ""
    aligned: str = ""  # the English as the aligner paired it; differs when a reviewer edited
    decision: Decision = ""

    def key(self) -> tuple[str, str, str]:
        return (self.pair, self.source, self.aligned or self.target)

    def to_unit(self, reviewed: bool = False) -> TranslationUnit:
        props = [
            (Prop.PAIR, self.pair),
            (Prop.ISSUE, self.issue),
            (Prop.CONFIDENCE, f"{self.confidence:.3f}"),
            (Prop.BEAD, self.shape),
            (Prop.KIND, self.kind),
        ]
        if self.context:
            props.append((Prop.CONTEXT_PRE, self.context))
        if reviewed:
            props.append((Prop.REVIEW, "accepted"))
        return TranslationUnit.pair(
            self.source,
            self.target,
            tuid=self.tuid,
            attrs={"creationdate": self.date, "creationid": "iwo-tm align"},
            props=props,
        )


def _row(item: ReviewItem) -> list[str]:
    return [
        item.decision, f"{item.confidence:.2f}", item.source, item.target, item.pair, item.tuid,
        item.issue, item.date, item.shape, item.kind, item.context, item.aligned or item.target,
    ]  # fmt: skip


def read_review(path: str | Path) -> list[ReviewItem]:
    """Read a review TSV back; a row that cannot be understood is an error with its line."""
    text = read_text(path, allow_empty=True)
    rows = read_rows(text, path, delimiter="\t")
    if not rows:
        return []
    if [c.strip().lower() for c in rows[0]] != COLUMNS:
        raise IwoError("not a review file (first line must be its column names)", path, 1)
    out = []
    for number, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(COLUMNS):
            raise IwoError(
                f"expected {len(COLUMNS)} tab-separated columns, found {len(row)}", path, number
            )
        decision = row[0].strip().lower()
        if decision and decision not in ACCEPT | REJECT:
            raise IwoError(f"unknown decision {row[0]!r}: write accept or reject", path, number)
        try:
            confidence = float(row[1])
        except ValueError:
            raise IwoError(f"confidence must be a number, not {row[1]!r}", path, number) from None
        out.append(
            ReviewItem(
                tuid=row[5],
                pair=row[4],
                issue=row[6],
                date=row[7],
                confidence=confidence,
                shape=row[8],
                kind=row[9],
                source=row[2],
                target=row[3].strip(),
                context=row[10],
                aligned=row[11],
                decision="accept" if decision in ACCEPT else "reject" if decision else "",
            )  # fmt: skip
        )
    return out


def _html(items: list[ReviewItem]) -> str:
    rows = []
    for it in items:
        level = "low" if it.confidence < 0.3 else "mid"
        rows.append(
            f'<tr class="{level}"><td class="c">{it.confidence:.2f}</td>'
            f'<td lang="es">{html.escape(it.source)}</td>'
            f'<td lang="en">{html.escape(it.target)}</td>'
            f'<td class="m">{html.escape(it.pair)}<br>{html.escape(it.tuid)} · {it.shape} · '
            f"{html.escape(it.kind)}</td></tr>"
        )
    body = "\n".join(rows) or '<tr><td colspan="4">Nothing to review.</td></tr>'
    style = """table { width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .4em; vertical-align: top; text-align: left; }
td.c { font-variant-numeric: tabular-nums; width: 4em; }
td.m { color: #666; font-size: 12px; width: 16em; }
tr.low td.c { background: #f8d7da; } tr.mid td.c { background: #fff3cd; }
input { margin-bottom: 1em; }"""
    content = f"""<h1>Alignments held for review ({len(items)})</h1>
<p>Each row is a Spanish/English pair the aligner was not sure of. Decide in
<code>tmx/{REVIEW_TSV}</code> (first column: <code>accept</code> or <code>reject</code>; correct the
English there if needed), then run <code>iwo-tm accept</code>.</p>
<input id="q" placeholder="Filter: a word, an article..." oninput="filter()">
<table><thead><tr><th>conf.</th><th>Spanish</th><th>English</th><th>where</th></tr></thead>
<tbody id="rows">
{body}
</tbody></table>"""
    return page("iwo-tm: alignments to review", style, content, "#rows tr")


def write_review(folder: str | Path, items: list[ReviewItem]) -> list[Path]:
    """Write the review TSV and HTML (atomically); returns their paths."""
    folder = Path(folder)
    tsv, page = folder / REVIEW_TSV, folder / REVIEW_HTML
    write_spreadsheet(tsv, as_tsv([COLUMNS, *(_row(i) for i in items)]))
    write_atomic(page, _html(items))
    return [tsv, page]


def decisions_in(items: list[ReviewItem]) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The decisions a reviewer wrote in review rows, keyed as ``read_decisions`` keys them."""
    return {item.key(): (item.decision, item.target) for item in items if item.decision}


def read_decisions(path: str | Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """Earlier decisions: (article, spanish, english as aligned) -> (decision, english)."""
    p = Path(path)
    if not p.exists():
        return {}
    out = {}
    rows = read_rows(read_text(p, allow_empty=True), p, delimiter="\t")
    for number, row in enumerate(rows[1:], 2):
        if len(row) != 5 or row[0] not in ("accept", "reject"):
            raise IwoError(
                "damaged decisions file (decision, article, spanish, aligned, english)", p, number
            )
        out[(row[1], row[2], row[3])] = (row[0], row[4])
    return out


def write_decisions(
    path: str | Path, decisions: dict[tuple[str, str, str], tuple[str, str]]
) -> None:
    rows = [["decision", "article", "spanish", "english as aligned", "english"]]
    rows += [[d, *key, en] for key, (d, en) in sorted(decisions.items())]
    write_atomic(path, as_tsv(rows))
