"""The passes put together: an issue file in, articles out, and articles written into the
corpus without replacing what the importer did not write."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...errors import IwoError
from ...language.detect import detect_language
from ...safety import holds_lock, inside, safe_name
from ...textfiles import read_text, write_atomic
from ..documents import Article, Block, read_article, render_article
from .blocks import Kind, Piece, RawBlock, Role, plain_text, read_blocks
from .cut import cut_articles, reattach_jumps
from .earlier import follow_earlier
from .metadata import article_date, issue_metadata, section, slugify, title
from .patterns import Patterns, patterns_for
from .repair import repair_breaks
from .roles import classify

__all__ = ["IssueImport", "Written", "import_issue", "write_articles"]

_LEFT_OUT = (Role.FURNITURE, Role.JUMP_IN, Role.JUMP_OUT)


@dataclass
class IssueImport:
    """One converted issue rebuilt into articles (nothing written yet)."""

    issue: str
    issue_date: str
    articles: list[Article]
    dropped: int  # furniture blocks left out
    joined: int  # repaired breaks
    lang: str = "en"


def _to_block(b: RawBlock, pat: Patterns) -> Block | None:
    if b.role in _LEFT_OUT:
        return None
    text = re.sub(r"\s*→\s*$", "", re.sub(r"^\s*→\s*", "", b.text)).strip()
    text = pat.jump_out.sub("", text).strip() if b.role == Role.BODY else text
    if not text:
        return None
    if b.role == Role.FOREIGN:
        return Block("comment", "facsimile in another language: " + b.plain.replace("--", "–"))
    if b.role == Role.CAPTION:
        return Block("caption", plain_text(text).replace("]", ")").replace("[", "("), 0, b.line)
    if b.kind == Kind.HEADING:
        return Block("heading", text, b.level, b.line)
    return Block(str(b.kind), text, 0, b.line)


def _masthead(
    path: str | Path, blocks: list[RawBlock], pat: Patterns, issue: str | None, day: str | None
) -> tuple[str, str]:
    """The issue number and date: given, or read from the masthead."""
    number, found = issue_metadata(blocks, pat)
    issue, day = issue or number, day or found
    if not issue:
        raise IwoError(
            "cannot find the issue number in the masthead (no 'N° 37' or '# 41' "
            "line); give it with --issue",
            path,
            1,
        )
    if not day:
        raise IwoError("cannot find the issue date in the masthead; give it with --date", path, 1)
    try:
        date.fromisoformat(day)
    except ValueError:
        raise IwoError(f"issue date {day!r} is not YYYY-MM-DD", path) from None
    return issue, day


def _article(
    piece: Piece, blocks: list[Block], pair: str, issue: str, day: str, src: str, pat: Patterns
) -> Article:
    lines = [b.line for b in piece.blocks] + [b.end_line for b in piece.blocks]
    meta = {
        "pair": pair,
        "issue": int(issue) if str(issue).isdigit() else issue,
        "issue_date": day,
        "date": article_date(piece, day, pat),
        "title": title(piece, pat),
        "section": section(piece, pat),
        "lang": pat.lang,
        "source": f"{src}:{min(lines)}-{max(lines)}",
    }
    return Article(meta, blocks)


_NAMES = {"en": "English", "es": "Spanish"}


def _check_language(path: str | Path, blocks: list[RawBlock], lang: str) -> str:
    """The issue's language: the one asked for, or the one it reads as (``auto``). An issue
    in the other language is refused: its articles would land on the wrong side."""
    found = detect_language(" ".join(b.text for b in blocks[:400]))
    if lang == "auto":
        if found is None:
            raise IwoError(
                "cannot tell whether this issue is English or Spanish: give --lang en or es",
                path,
            )
        return found
    if found is not None and found != lang:
        raise IwoError(
            f"this issue reads as {_NAMES[found]}, not {_NAMES[lang]}: give --lang {found}",
            path,
        )
    return lang


def import_issue(
    path: str | Path, lang: str = "auto", issue: str | None = None, issue_date: str | None = None
) -> IssueImport:
    """Read a converted issue and rebuild its articles (nothing is written). ``lang`` is
    ``en``, ``es`` or ``auto`` (the language the issue reads as)."""
    blocks = read_blocks(read_text(path))
    if not any(b.kind == Kind.HEADING for b in blocks):
        raise IwoError(
            "no Markdown headings found: is this an issue converted to Markdown?", path, 1
        )
    pat = patterns_for(_check_language(path, blocks, lang))
    classify(blocks, pat)
    issue, issue_date = _masthead(path, blocks, pat, issue, issue_date)
    pieces = reattach_jumps(cut_articles(blocks, pat))
    joined = repair_breaks(pieces, pat)
    articles: list[Article] = []
    seen: set[str] = set()
    for piece in pieces:
        out = [blk for b in piece.blocks if (blk := _to_block(b, pat)) is not None]
        if not any(b.kind in ("paragraph", "list") for b in out):
            continue
        base = f"{issue}-{slugify(title(piece, pat))}"
        pair, n = base, 2
        while pair in seen:
            pair, n = f"{base}-{n}", n + 1
        seen.add(pair)
        articles.append(_article(piece, out, pair, issue, issue_date, Path(path).name, pat))
    if not articles:
        raise IwoError(
            "no article found: only headings, page furniture or an index, no running text",
            path,
            1,
        )
    dropped = sum(b.role in _LEFT_OUT for b in blocks)
    return IssueImport(str(issue), issue_date, articles, dropped, joined, pat.lang)


_IMPORTED = re.compile(r"\S+\.md:\d+-\d+")  # the source an imported article names


@dataclass
class Written:
    """What ``write_articles`` wrote, and the earlier articles of the issue it no longer has."""

    paths: list[Path]
    stale: list[Path]


@holds_lock("corpus", "the corpus")
def write_articles(result: IssueImport, corpus: str | Path, force: bool = False) -> Written:
    """Write each article to ``corpus/<lang>/<pair>.md`` (atomically). An article already
    there that this command did not write (a hand-written one, one in the other language) is
    not replaced unless ``force``; nothing is written then. Importing an issue again updates
    what its earlier import wrote (``earlier``): an article keeps its file and its pair id,
    the link made by ``iwo-tm pair`` included, even when its title comes out otherwise."""
    natural = [
        inside(corpus, Path(corpus) / art.lang / f"{safe_name(art.pair, 'pair id')}.md")
        for art in result.articles
    ]
    followed = follow_earlier(result.articles, natural, corpus)
    targets = []
    for art, path, pair in zip(result.articles, followed.paths, followed.pairs, strict=True):
        old = read_article(path) if path.exists() else None
        imported = old is not None and _IMPORTED.fullmatch(str(old.meta.get("source", "")))
        if old is not None and not force and (old.lang != art.lang or not imported):
            raise IwoError(
                "an article not written by import-issue is already there (hand-written, or "
                "in the other language): give --force to replace it",
                path,
            )
        targets.append((path, Article({**art.meta, "pair": pair}, art.blocks)))
    for path, art in targets:
        write_atomic(path, render_article(art))
    return Written([path for path, _ in targets], followed.stale)
