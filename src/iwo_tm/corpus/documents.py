"""Articles of the corpus: Markdown with a small front matter, read as a list of blocks.

The corpus format is deliberately plain Markdown so that translators can read and edit it:

* ``# Heading`` lines (any level) are headings;
* ``![text]()`` is an image caption (kept, but never glued into sentences);
* ``- item`` lines are list items;
* ``<!-- ... -->`` comments hold material that is not part of the text (a facsimile in
  another language, for instance) and are skipped;
* everything else, separated by blank lines, is a paragraph. ``**bold**`` and ``*italic*``
  stay inline: segmentation decides what a bold slogan is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from ..errors import IwoError
from ..language.detect import detect_language
from ..safety import safe_name
from ..textfiles import read_text

LANGUAGES = ("es", "en")
REQUIRED_META = ("pair", "issue", "title", "lang")

_CAPTION = re.compile(r"^!\[(?P<text>.*)\]\([^)]*\)$", re.S)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$", re.S)
_LIST = re.compile(r"^[-*+]\s+(?P<text>.+)$", re.S)


# what a block of an article is; a comment is a note for the translator, never translated
BlockKind = Literal["heading", "paragraph", "caption", "list", "comment"]


@dataclass
class Block:
    """One block of an article: a heading, paragraph, caption or list item."""

    kind: BlockKind
    text: str  # inline Markdown (bold and italic kept)
    level: int = 0  # heading level, 0 for other blocks
    line: int = 0  # 1-based line in the file it was read from


@dataclass
class Article:
    """An article in one language, with its front matter."""

    meta: dict
    blocks: list[Block] = field(default_factory=list)
    path: Path | None = None

    @property
    def pair(self) -> str:
        return str(self.meta["pair"])

    @property
    def lang(self) -> str:
        return str(self.meta["lang"])

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))


def split_front_matter(text: str, path: str | Path | None = None) -> tuple[dict, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        raise IwoError("no front matter: the file must start with a '---' line", path, 1)
    end = text.find("\n---\n", 4)
    if end < 0:
        raise IwoError("front matter is not closed by a '---' line", path, 1)
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = " ".join(str(getattr(exc, "problem", exc)).split())  # one line
        raise IwoError(f"front matter is not valid YAML ({problem})", path, line) from None
    if not isinstance(meta, dict):
        raise IwoError("front matter must be a set of 'key: value' lines", path, 2)
    body_line = text[: end + 5].count("\n") + 1
    return meta, text[end + 5 :], body_line


def parse_blocks(body: str, first_line: int = 1) -> list[Block]:
    """Split a Markdown body into blocks (see the module docstring for the format)."""
    blocks: list[Block] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        start = i
        if lines[i].lstrip().startswith("<!--"):
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
            i += 1
            continue
        chunk = [lines[i]]
        i += 1
        # headings and list items are one line each; paragraphs run to the blank line
        if not (_HEADING.match(chunk[0]) or _LIST.match(chunk[0])):
            while (
                i < len(lines)
                and lines[i].strip()
                and not _LIST.match(lines[i])
                and not _HEADING.match(lines[i])
            ):
                chunk.append(lines[i])
                i += 1
        raw = " ".join(s.strip() for s in chunk).strip()
        line = first_line + start
        if m := _HEADING.match(raw):
            blocks.append(Block("heading", m["text"].strip(), len(m["hashes"]), line))
        elif m := _CAPTION.match(raw):
            blocks.append(Block("caption", m["text"].strip(), 0, line))
        elif m := _LIST.match(raw):
            blocks.append(Block("list", m["text"].strip(), 0, line))
        else:
            blocks.append(Block("paragraph", raw, 0, line))
    return blocks


def parse_article(text: str, path: str | Path | None = None) -> Article:
    """Parse a corpus article, checking the front matter a pair of articles relies on."""
    meta, body, body_line = split_front_matter(text, path)
    for key in REQUIRED_META:
        if key not in meta or meta[key] in (None, ""):
            raise IwoError(f"front matter lacks '{key}'", path, 2)
    safe_name(meta["pair"], "pair id", path)
    if meta["lang"] not in LANGUAGES:
        raise IwoError(f"lang must be one of {', '.join(LANGUAGES)}, not {meta['lang']!r}", path, 2)
    blocks = parse_blocks(body, body_line)
    if not blocks:
        raise IwoError("article has no text after the front matter", path, body_line)
    return Article(meta, blocks, Path(path) if path else None)


MAX_ARTICLE_BYTES = 2_000_000  # the longest issue is 60 kB; anything this size is not one article


def read_article_text(path: str | Path) -> str:
    """The text of an article's file, refused before it is read if it is too large to be one
    article: a user who gives a whole archive should hear so at once, not after a long wait."""
    p = Path(path)
    if p.is_file() and (size := p.stat().st_size) > MAX_ARTICLE_BYTES:
        raise IwoError(
            f"{size / 1e6:.1f} MB is too large for one article (limit "
            f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB): split it into articles",
            p,
        )
    return read_text(p)


def read_article(path: str | Path) -> Article:
    return parse_article(read_article_text(path), Path(path))


def check_language(article: Article) -> None:
    """Refuse an article whose text is plainly in the other language than it declares."""
    found = detect_language(" ".join(b.text for b in article.blocks))
    if found and found != article.lang:
        names = {"es": "Spanish", "en": "English"}
        raise IwoError(
            f"declared lang: {article.lang} but the text is {names[found]}", article.path, 2
        )


def render_article(article: Article) -> str:
    """Write an article back as corpus Markdown (front matter, then blocks)."""
    meta = yaml.safe_dump(article.meta, allow_unicode=True, sort_keys=False, width=1000)
    out = ["---", meta.rstrip("\n"), "---", ""]
    for b in article.blocks:
        if b.kind == "heading":
            out.append("#" * max(1, b.level) + " " + b.text)
        elif b.kind == "caption":
            out.append(f"![{b.text}]()")
        elif b.kind == "list":
            out.append("- " + b.text)
        elif b.kind == "comment":
            out.append(f"<!-- {b.text} -->")
        else:
            out.append(b.text)
        out.append("")
    return "\n".join(out)


def iter_corpus(corpus: str | Path, lang: str) -> Iterator[Article]:
    """Articles of one language, in file-name order."""
    folder = Path(corpus) / lang
    if not folder.is_dir():
        raise IwoError(f"no '{lang}' folder in the corpus", corpus)
    for path in sorted(folder.glob("*.md")):
        art = read_article(path)
        if art.lang != lang:
            raise IwoError(f"article says lang: {art.lang} but is in the '{lang}' folder", path, 2)
        check_language(art)
        yield art


def _by_pair(articles: Iterable[Article]) -> dict[str, Article]:
    """Articles by pair id; two articles of one language with one pair id are an error (one
    of them would silently be left out of the memory)."""
    out: dict[str, Article] = {}
    for a in articles:
        if a.pair in out:
            raise IwoError(
                f"has the same pair id as {out[a.pair].path}: give each article its own", a.path, 2
            )
        out[a.pair] = a
    return out


def load_pairs(corpus: str | Path) -> tuple[list[tuple[Article, Article]], list[Article]]:
    """Pair Spanish and English articles by their pair id.

    Returns the pairs (Spanish first) and the articles that have no counterpart.
    """
    es, en = _by_pair(iter_corpus(corpus, "es")), _by_pair(iter_corpus(corpus, "en"))
    pairs = [(es[k], en[k]) for k in sorted(es.keys() & en.keys())]
    alone = [es[k] for k in sorted(es.keys() - en.keys())]
    alone += [en[k] for k in sorted(en.keys() - es.keys())]
    return pairs, alone
