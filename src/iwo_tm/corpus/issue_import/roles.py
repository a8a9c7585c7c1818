"""Pass 2: give each block its role. The rules are a table, tried in order; the first that
holds gives the role, and a block no rule claims is body text."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...language.detect import language_scores
from .blocks import Kind, RawBlock, Role
from .patterns import Patterns

__all__ = ["RULES", "classify"]

# (block, block before it, the edition's patterns) -> does the rule hold
Rule = Callable[[RawBlock, RawBlock | None, Patterns], bool]


def _jump_in(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    return bool(pat.jump_in.search(b.plain))


def _jump_out(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    return bool(pat.jump_out.search(b.plain)) and len(b.plain) < 40


def _furniture(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    return pat.is_furniture(b.plain)


def _date(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    return bool(pat.date_line.match(b.plain))


def _box_bullet(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    """The bullets of a subscription box."""
    return b.kind == Kind.LIST and prev is not None and prev.role == Role.FURNITURE


def _foreign(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    """Text in the other language left in the issue (a facsimile of a front page, a banner)."""
    if b.kind != Kind.PARAGRAPH:
        return False
    scores = language_scores(b.plain)
    other = "es" if pat.lang == "en" else "en"
    theirs, ours = scores[other], scores[pat.lang]
    return (theirs >= 4 and theirs > 3 * ours) or (
        theirs >= 2 and ours == 0 and len(b.plain.split()) >= 4
    )


def _caption(b: RawBlock, prev: RawBlock | None, pat: Patterns) -> bool:
    p = b.plain
    if b.kind != Kind.PARAGRAPH or not p or p[0].islower() or p.endswith("!") or len(p) > 220:
        return False
    if b.gap >= 2:
        return True
    # the line under a one-word picture label ("USA", "ENGLAND") describes the same picture
    return prev is not None and prev.role == Role.CAPTION and len(prev.plain.split()) <= 2


RULES: list[tuple[Role, Rule]] = [
    (Role.JUMP_IN, _jump_in),
    (Role.JUMP_OUT, _jump_out),
    (Role.FURNITURE, _furniture),
    (Role.DATE, _date),
    (Role.FURNITURE, _box_bullet),
    (Role.FOREIGN, _foreign),
    (Role.CAPTION, _caption),
]


def _mark_index(blocks: list[RawBlock], pat: Patterns) -> None:
    """The issue's index is furniture, from its heading to its last dotted leader ("..... 26");
    the first block after it opens an article."""
    for n, b in enumerate(blocks):
        if b.kind != Kind.HEADING or not pat.index_heading.match(b.plain):
            continue
        end = n
        for k in range(n + 1, min(n + 60, len(blocks))):
            if re.search(r"\.{3,}\s*\d+\s*$", blocks[k].plain):
                end = k
        for k in range(n, end + 1):
            blocks[k].role = Role.FURNITURE
        later = next((c for c in blocks[end + 1 :] if not pat.is_furniture(c.plain)), None)
        if later is not None:
            later.after_index = True


def classify(blocks: list[RawBlock], pat: Patterns) -> None:
    """Give every block its role, then mark the decks (see the package docstring)."""
    _mark_index(blocks, pat)
    in_index = {id(b) for b in blocks if b.role == Role.FURNITURE}
    prev: RawBlock | None = None
    for n, b in enumerate(blocks):
        if id(b) not in in_index:
            b.role = next((role for role, holds in RULES if holds(b, prev, pat)), b.role)
            if _supplement_heading(b) and n + 1 < len(blocks) and len(blocks[n + 1].plain) < 60:
                blocks[n + 1].role = Role.FURNITURE  # the supplement's teaser line
        prev = b
    # the first paragraph after a heading or a date line is a deck, never a continuation
    before: RawBlock | None = None
    for b in blocks:
        if b.role == Role.FURNITURE:
            continue
        b.after_header = before is not None and (
            before.kind == Kind.HEADING or before.role == Role.DATE
        )
        before = b


def _supplement_heading(b: RawBlock) -> bool:
    return (
        b.role == Role.FURNITURE
        and b.kind == Kind.HEADING
        and b.plain.lower().endswith("supplement")
    )
