"""What the front matter of an imported article says: the issue's number and date from the
masthead, and each article's title, section, date and pair id."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import regex

from .blocks import Kind, Piece, RawBlock, Role, plain_text
from .patterns import Patterns

__all__ = ["article_date", "issue_metadata", "section", "slugify", "title"]

_NOT_TITLES = ("op-ed",)


def _iso(m: re.Match[str], pat: Patterns) -> str:
    return date(int(m["y"]), pat.month(m["m"]), int(m["d"])).isoformat()


def issue_metadata(blocks: list[RawBlock], pat: Patterns) -> tuple[str | None, str | None]:
    """Issue number and date from the masthead (the first blocks of the file)."""
    number = day = None
    for b in blocks[:25]:
        p = b.plain
        if number is None and (m := pat.number.match(p)):
            number = m[1]
        if day is None and (m := pat.date_line.match(p)):
            day = _iso(m, pat)
    return number, day


def slugify(text: str, words: int = 7) -> str:
    """A pair id's words: the title in lower-case ASCII, at most ``words`` words."""
    t = regex.sub(r"[^\p{L}\p{N}]+", " ", plain_text(text).lower())
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return "-".join(t.split()[:words]) or "article"


def _head(piece: Piece) -> list[RawBlock]:
    return piece.blocks[: max(piece.head, 1)]


def title(piece: Piece, pat: Patterns) -> str:
    """The first main heading that is not a section name; else the first heading or line."""
    heads = [b for b in _head(piece) if b.kind == Kind.HEADING] or [
        b for b in piece.blocks if b.kind == Kind.HEADING
    ]
    for b in heads:
        p = b.plain.rstrip(":").strip()
        if (
            b.level <= 2
            and p.title() not in pat.sections
            and p.lower() not in _NOT_TITLES
            and len(p.split()) > 1
        ):
            return p
    if heads:
        return heads[0].plain.rstrip(":").strip()
    return next((b.plain for b in piece.blocks if b.role == Role.BODY), "Untitled")[:80]


def section(piece: Piece, pat: Patterns) -> str:
    """The section heading over the article, else the country its text names most."""
    for b in _head(piece):
        if b.kind == Kind.HEADING:
            first = re.split(r"[:*]", b.plain)[0].strip().title()
            if first in pat.sections:
                return first
    text = " ".join(b.plain for b in piece.blocks)
    counts = {name: len(re.findall(rx, text, re.I)) for name, rx in pat.sections.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "International"


def article_date(piece: Piece, default: str, pat: Patterns) -> str:
    """The date line of the heading cluster, else a date in the first lines, else the issue's."""
    for b in _head(piece):
        if b.role == Role.DATE and (m := pat.date_line.match(b.plain)):
            return _iso(m, pat)
    for b in piece.blocks[:6]:
        if m := pat.date_any.search(b.plain):
            return _iso(m, pat)
    return default
