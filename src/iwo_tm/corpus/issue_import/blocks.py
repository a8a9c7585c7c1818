"""Pass 1: the converted Markdown as a stream of blocks, each with the width of the gap before
it (an image leaves a wider one), and the pieces articles are built from."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["Kind", "Piece", "RawBlock", "Role", "clean_markup", "plain_text", "read_blocks"]


class Kind(StrEnum):
    """What the Markdown says a block is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"


class Role(StrEnum):
    """What a block is to the article it sits in (given by the roles pass)."""

    BODY = "body"
    CAPTION = "caption"
    FURNITURE = "furniture"  # masthead, prices, index, "See full statement in ..."
    DATE = "date"
    JUMP_IN = "jump_in"  # "Continued from page 3"
    JUMP_OUT = "jump_out"  # "Continued on page 12"
    FOREIGN = "foreign"  # text in the other language: a facsimile, a banner


@dataclass
class RawBlock:
    """A block of the converted issue before it belongs to an article."""

    kind: Kind
    text: str
    line: int
    end_line: int
    gap: int  # blank lines before the block
    level: int = 0
    role: Role = Role.BODY
    after_header: bool = False  # first paragraph after a heading or date (a deck)
    after_index: bool = False  # first block after the index of the issue: a new article

    @property
    def plain(self) -> str:
        return plain_text(self.text)


@dataclass
class Piece:
    """Consecutive blocks that belong to one article."""

    blocks: list[RawBlock] = field(default_factory=list)
    head: int = 0  # number of leading blocks that form the heading cluster


def plain_text(text: str) -> str:
    """Inline Markdown to plain text: emphasis, links and autolinks removed."""
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    t = re.sub(r"<(https?://[^>]+)>", r"\1", t)
    t = t.replace("***", "").replace("**", "").replace("__", "")
    t = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", t)
    return re.sub(r"\s+", " ", t).strip()


def clean_markup(text: str) -> str:
    """Undo what conversion escaped or wrapped: ``\\$``, ``<sup>th</sup>``, entities."""
    t = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    t = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$&<>|~])", r"\1", t)
    t = html.unescape(t).replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", t).strip()


def _is_list_item(line: str) -> bool:
    return bool(re.match(r"^[-+] \S", line) or re.match(r"^\* (?!\*)\S", line))


def read_blocks(text: str) -> list[RawBlock]:
    """Split the converted Markdown into blocks, keeping the width of the gap before each."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    gap = 0
    i = 0
    while i < len(lines):
        first = lines[i].strip()
        if not first:
            gap += 1
            i += 1
            continue
        start = i
        if first.startswith("#"):
            inner = first.lstrip("#")
            level = len(first) - len(inner)
            block = RawBlock(Kind.HEADING, clean_markup(inner.strip()), i + 1, i + 1, gap, level)
            i += 1
        elif _is_list_item(first):
            block = RawBlock(Kind.LIST, clean_markup(first[2:]), i + 1, i + 1, gap)
            i += 1
        else:
            chunk = [first]
            i += 1
            while i < len(lines) and lines[i].strip() and not lines[i].lstrip().startswith("#"):
                chunk.append(lines[i].strip())
                i += 1
            block = RawBlock(Kind.PARAGRAPH, clean_markup(" ".join(chunk)), start + 1, i, gap)
        blocks.append(block)
        gap = 0
    return blocks
