"""The doubtful article pairs, for a person to decide: ``tmx/pair-review.tsv`` (decide in its
first column: accept or reject) and ``tmx/pair-review.html`` (to read), and the decisions
remembered in ``tmx/pair-decisions.tsv``: a rejected pair is not proposed again, an accepted
one is written again if an import has unlinked it."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

from ..errors import IwoError
from ..page import page
from ..safety import holds_lock, safe_name
from ..textfiles import as_tsv, read_rows, read_text, write_atomic, write_spreadsheet
from .documents import iter_corpus, read_article
from .pairing import Pairing, PairProposal, apply_pairs, propose_pairs

__all__ = [
    "PAIR_REVIEW",
    "accept_pairs",
    "pair_corpus",
    "pairing_table",
    "read_decisions",
    "read_rejected",
]

PAIR_REVIEW = "pair-review.tsv"
PAIR_HTML = "pair-review.html"
PAIR_DECISIONS = "pair-decisions.tsv"
ACCEPTED_BEFORE = f"accepted before ({PAIR_DECISIONS})"  # the evidence of a remembered pair
COLUMNS = ["decision", "score", "spanish", "english pair", "spanish title", "english title",
           "evidence"]  # fmt: skip


def read_decisions(tmx_dir: str | Path) -> dict[tuple[str, str], str]:
    """(Spanish file name, English pair id) -> the last decision a person wrote for it."""
    path = Path(tmx_dir) / PAIR_DECISIONS
    if not path.exists():
        return {}
    rows = read_rows(read_text(path, allow_empty=True), path, delimiter="\t")
    out = {}
    for number, row in enumerate(rows[1:], 2):
        if len(row) != 3 or row[0] not in ("accept", "reject"):
            raise IwoError("damaged pair decisions (decision, spanish, english pair)", path, number)
        out[(Path(row[1]).name, row[2])] = row[0]
    return out


def read_rejected(tmx_dir: str | Path) -> set[tuple[str, str]]:
    """(Spanish file name, English pair id) of every pair a person rejected."""
    return {k for k, v in read_decisions(tmx_dir).items() if v == "reject"}


def _remembered(corpus: str | Path, tmx_dir: str | Path) -> list[PairProposal]:
    """The pairs a person accepted that are not linked in the corpus (the Spanish issue was
    imported again, say): they are written again without asking."""
    spanish = {a.path.name: a for a in iter_corpus(corpus, "es") if a.path is not None}
    english = {a.pair: a for a in iter_corpus(corpus, "en")}
    linked = {a.pair for a in spanish.values()}
    out = []
    for (name, pair), decision in read_decisions(tmx_dir).items():
        es, en = spanish.get(name), english.get(pair)
        if decision != "accept" or es is None or en is None:
            continue
        if es.pair in english or pair in linked:
            continue  # linked already, or the English article has another Spanish one
        linked.add(pair)
        out.append(PairProposal(es, en, 1.0, ACCEPTED_BEFORE, "write"))
    return out


def _write_review(tmx_dir: Path, review: list[PairProposal]) -> list[Path]:
    rows = [COLUMNS] + [["", *list(p.row().values())[1:]] for p in review]
    tsv, page_path = tmx_dir / PAIR_REVIEW, tmx_dir / PAIR_HTML
    write_spreadsheet(tsv, as_tsv(rows))
    body = (
        "\n".join(
            f"<tr><td>{p.score:.2f}</td><td>{html.escape(str(p.spanish.meta.get('title', '')))}"
            f"<br><small>{html.escape(str(p.spanish.path))}</small></td>"
            f"<td>{html.escape(str(p.english.meta.get('title', '')))}<br><small>"
            f"{html.escape(p.english.pair)}</small></td><td>{html.escape(p.evidence)}</td></tr>"
            for p in review
        )
        or '<tr><td colspan="4">Nothing to decide.</td></tr>'
    )
    content = (
        f"<h1>Article pairs to decide ({len(review)})</h1><p>Write <code>accept</code> or "
        f"<code>reject</code> in the first column of <code>tmx/{PAIR_REVIEW}</code>, then run "
        "<code>iwo-tm pair --accept</code>.</p>"
        '<input id="q" placeholder="Filter..." oninput="filter()"><table><thead><tr>'
        "<th>score</th><th>Spanish</th><th>English</th><th>evidence</th></tr></thead>"
        f'<tbody id="rows">{body}</tbody></table>'
    )
    write_atomic(page_path, page("iwo-tm: article pairs to decide", "", content, "#rows tr"))
    return [tsv, page_path]


def pair_corpus(
    corpus: str | Path,
    tmx_dir: str | Path,
    lexicon,  # noqa: ANN001
    translate: Callable | None = None,
    dry_run: bool = False,
) -> tuple[Pairing, list[Path], list[Path]]:
    """Propose pairs; unless ``dry_run``, write the clear ones into the Spanish front matters
    and the doubtful ones into the review files. Returns the proposals, the articles written
    and the review files written."""
    remembered = _remembered(corpus, tmx_dir)
    settled = {p.spanish.path.name: p.english.pair for p in remembered}  # type: ignore[union-attr]
    found = propose_pairs(
        corpus, lexicon, translate, rejected=read_rejected(tmx_dir), settled=settled
    )
    found.proposals[:0] = remembered
    if dry_run:
        return found, [], []
    clear = [p for p in found.proposals if p.status == "write"]
    written = apply_pairs(corpus, clear) if clear else []
    review = [p for p in found.proposals if p.status == "review"]
    files = (
        _write_review(Path(tmx_dir), review)
        if review or (Path(tmx_dir) / PAIR_REVIEW).exists()
        else []
    )
    return found, written, files


@holds_lock("tmx_dir", "the memory")
def accept_pairs(corpus: str | Path, tmx_dir: str | Path) -> tuple[int, int, int]:
    """Apply the decisions written in the pair review file: accepted pairs are written into
    the Spanish front matters, rejected ones remembered; returns (accepted, rejected, left)."""
    tmx_dir = Path(tmx_dir)
    path = tmx_dir / PAIR_REVIEW
    if not path.exists():
        raise IwoError("no pairs to decide: run iwo-tm pair first", path)
    rows = read_rows(read_text(path, allow_empty=True), path, delimiter="\t")
    accepted, rejected, left = [], [], []
    for number, row in enumerate(rows[1:], 2):
        if len(row) != len(COLUMNS):
            raise IwoError(f"expected {len(COLUMNS)} tab-separated columns", path, number)
        decision = row[0].strip().lower()
        if decision not in ("", "accept", "reject"):
            raise IwoError(f"unknown decision {row[0]!r}: write accept or reject", path, number)
        (accepted if decision == "accept" else rejected if decision else left).append(row)
    proposals = []
    for row in accepted:
        # names from a file stay inside the corpus: a Spanish article of corpus/es, a pair id
        spanish_path = Path(row[2])
        if (
            spanish_path.suffix != ".md"
            or spanish_path.resolve().parent != (Path(corpus) / "es").resolve()
        ):
            raise IwoError(f"{row[2]} is not an article of {Path(corpus) / 'es'}", path)
        spanish = read_article(spanish_path)
        english = read_article(Path(corpus) / "en" / f"{safe_name(row[3], 'pair id')}.md")
        proposals.append(PairProposal(spanish, english, float(row[1] or 0), row[6], "write"))
    if proposals:
        apply_pairs.__wrapped__(corpus, proposals)  # type: ignore[attr-defined]
    decisions = tmx_dir / PAIR_DECISIONS
    old = (
        read_rows(read_text(decisions, allow_empty=True), decisions, delimiter="\t")[1:]
        if decisions.exists()
        else []
    )
    new = [
        [d, r[2], r[3]] for d, group in (("accept", accepted), ("reject", rejected)) for r in group
    ]
    write_atomic(decisions, as_tsv([["decision", "spanish", "english pair"], *old, *new]))
    write_spreadsheet(path, as_tsv([COLUMNS, *left]))
    return len(accepted), len(rejected), len(left)


def pairing_table(found: Pairing, fmt: str = "text") -> str:
    """The proposals as a table (text), TSV (one line per pair) or JSON."""
    rows = [p.row() for p in found.proposals]
    if fmt == "json":
        return json.dumps(
            {"pairs": rows, "no english": [str(a.path) for a in found.unpaired],
             "also": [{"spanish": str(a.path), "english pair": b.pair, "score": round(s, 3)}
                      for a, b, s in found.also]},
            ensure_ascii=False, indent=1,
        )  # fmt: skip
    if fmt == "tsv":
        head = ["status", "score", "spanish", "english pair", "evidence"]
        return as_tsv([head, *([r[k] for k in head] for r in rows)])
    lines = [f"{r['status']:<7} {r['score']}  {Path(r['spanish']).name}  ->  {r['english pair']}"
             + ("  (accepted before)" if r["evidence"] == ACCEPTED_BEFORE else "")
             for r in rows]  # fmt: skip
    lines += [f"no English: {a.path}" for a in found.unpaired]
    lines += [f"also made from {a.path}: {b.pair} ({s:.3f}), not written" for a, b, s in found.also]
    return "\n".join(lines)
