"""Import an issue as the publication converts it from PDF to Markdown, one file per article.

PDF conversion leaves a stream of blocks in page order, not in reading order. This module
rebuilds the articles in passes, each small enough to check on its own:

1. read blocks, remembering the blank lines before each one (an image leaves a wider gap);
2. give each block a role: body, heading, date line, caption, page furniture (masthead,
   prices, index, "See full statement in ..."), page-jump marker, or text in another language;
3. cut the stream into articles at heading clusters that carry a date, a level-1 heading, an
   all-capitals section heading, two main headings, or a "Continued from page N" marker;
4. move each "Continued from page N" piece to the end of the article that says
   "Continued on page N";
5. repair sentences cut by column and page breaks: "Indige-" ... "nous" becomes
   "Indigenous", and a paragraph that starts in lower case continues the last open one,
   even when a caption, a sidebar or a whole box stands between them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import regex

from ..errors import IwoError
from ..language.detect import language_scores
from ..safety import holds_lock, inside, safe_name
from ..textfiles import read_text, write_atomic
from .documents import Article, Block, read_article, render_article

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(MONTHS)
DATE_LINE = re.compile(
    rf"^(?:[A-Z][a-z]+, )?(?P<m>{_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? "
    rf"(?P<y>\d{{4}})\.?$"
)
DATE_ANY = re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b")

JUMP_IN = re.compile(r"^(?:→\s*)?Continued from (?:page\.?\s*\d+|back\s*page)", re.I)
JUMP_OUT = re.compile(r"(?:Continued on page\.?\s*\d+|See in page\.?\s*\d+)\s*→?$", re.I)

# Page furniture: matched against the block's plain text. The publication's own lines.
FURNITURE = [
    re.compile(p, re.I)
    for p in (
        r"^/?e-mail:",
        r"^(?:follow us on\b.*|or)$",
        r"^(?:solidarity )?price\b",
        r"^new epoch$",
        r"^n[°º] ?\d+$",
        r"^#\s*\d+$",
        r"^the international workers'? organizer$",
        r"^international workers'? organizer$",
        r"^(?:international leninist trotskyist fraction|collective for the refoundation of the "
        r"fourth international)\b.*(?:fraction|international)\b",
        r"^see (?:back cover|full statement|articles of this chronicle|more solidarity|video|"
        r"other publications|all (?:the )?(?:international demonstrations|videos)|the message|"
        r"the interviews)\b",
        r"^read this article on\b",
        r"^see\b.*\bon page\b",
        r"^subscribe to our telegram channel$",
        r"^https?://t\.me/\S+$",
        r"^ediciones\b.*klement",
        r"^r\.? ?klement$",
        r"^nueva [ée]poca$",
        r"^editorial socialista rudolph klement$",
        r"^editorialrudolphklement$",
        r"^facebook post of\b",
        r"^(?:https?://|www\.)\S+$",
        r"\bsupplement$",
        r"^→$",
    )
]

SECTIONS = {
    "Peru": r"\bPer[uú]\b|\bPeruvian",
    "Brazil": r"\bBra[sz]il\b|\bBrazilian",
    "France": r"\bFrance\b|\bFrench\b",
    "United States": r"\bUnited States\b|\bBlack lives\b",
    "Palestine": r"\bPalestin\w*|\bGaza\b",
    "Yemen": r"\bYemen\w*",
    "Italy": r"\bItal(?:y|ian)\b",
    "Japan": r"\bJapan\w*",
    "Ukraine": r"\bUkrain\w*|\bUCRANIA\b",
}

FUNCTION_WORDS = set(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "an",
        "or",
        "in",
        "for",
        "with",
        "by",
        "from",
        "that",
        "its",
        "their",
        "our",
        "at",
        "on",
        "as",
        "who",
        "which",
        "than",
        "whose",
        "whom",
        "this",
        "these",
        "those",
        "his",
        "her",
        "your",
        "my",
        "we",
        "they",
        "it",
        "is",
        "are",
        "was",
        "were",
        "be",
        "while",
        "but",
        "if",
        "when",
    ]
)
KEEP_HYPHEN = set(
    [
        "pro",
        "anti",
        "ex",
        "self",
        "non",
        "counter",
        "semi",
        "neo",
        "post",
        "pre",
        "inter",
        "multi",
        "socio",
    ]
)
SIGNATURE = re.compile(
    r"\b(?:FLTI|LSTI|Correspondent|Editorial Board|Secretariat|adherent|"
    r"member of)\b",
    re.I,
)
SIGNATURE_WEAK = re.compile(r"\b(?:League|Liga|Committee|Board|Faction|Collective)\b", re.I)


@dataclass
class RawBlock:
    """A block of the converted issue before it belongs to an article."""

    kind: str  # heading, paragraph, list
    text: str
    line: int
    end_line: int
    gap: int  # blank lines before the block
    level: int = 0
    role: str = "body"  # body, caption, furniture, date, jump_in, jump_out, foreign
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


@dataclass
class ImportResult:
    issue: str
    issue_date: str
    articles: list[Article]
    dropped: int  # furniture blocks left out
    joined: int  # repaired breaks


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


def read_blocks(text: str) -> list[RawBlock]:
    """Split the converted Markdown into blocks, keeping the width of the gap before each."""
    blocks: list[RawBlock] = []
    lines = text.split("\n")
    gap = 0
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            gap += 1
            i += 1
            continue
        start = i
        first = lines[i].strip()
        if first.startswith("#"):
            inner = first.lstrip("#")
            level = len(first) - len(inner)
            blocks.append(
                RawBlock("heading", clean_markup(inner.strip()), i + 1, i + 1, gap, level=level)
            )
            i += 1
        elif re.match(r"^[-+] \S", first) or re.match(r"^\* (?!\*)\S", first):
            blocks.append(RawBlock("list", clean_markup(first[2:]), i + 1, i + 1, gap))
            i += 1
        else:
            chunk = []
            while (
                i < len(lines)
                and lines[i].strip()
                and not (chunk and lines[i].lstrip().startswith("#"))
            ):
                chunk.append(lines[i].strip())
                i += 1
            blocks.append(RawBlock("paragraph", clean_markup(" ".join(chunk)), start + 1, i, gap))
        gap = 0
    return blocks


def _is_foreign(plain: str) -> bool:
    """Spanish text left in an English issue (a facsimile of a front page, a banner)."""
    scores = language_scores(plain)
    es, en = scores["es"], scores["en"]
    return (es >= 4 and es > 3 * en) or (es >= 2 and en == 0 and len(plain.split()) >= 4)


def classify(blocks: list[RawBlock]) -> None:
    """Give every block its role (see the module docstring)."""
    in_index = False
    index_end = -1
    for n, b in enumerate(blocks):
        p = b.plain
        if b.kind == "heading" and p.upper() == "INDEX":
            in_index = True
            # the index runs to its last dotted leader ("..... 26")
            for k in range(n + 1, min(n + 60, len(blocks))):
                if re.search(r"\.{3,}\s*\d+\s*$", blocks[k].plain):
                    index_end = k
        if in_index:
            b.role = "furniture"
            if n >= index_end:
                in_index = False
                for later in blocks[n + 1 :]:
                    if not any(f.search(later.plain) for f in FURNITURE):
                        later.after_index = True
                        break
            continue
        if JUMP_IN.search(p):
            b.role = "jump_in"
        elif JUMP_OUT.search(p) and len(p) < 40:
            b.role = "jump_out"
        elif any(f.search(p) for f in FURNITURE):
            b.role = "furniture"
        elif DATE_LINE.match(p):
            b.role = "date"
        elif b.kind == "list" and n and blocks[n - 1].role == "furniture":
            b.role = "furniture"  # the bullets of a subscription box
        elif b.kind == "paragraph" and _is_foreign(p):
            b.role = "foreign"
        elif b.kind == "paragraph" and _is_caption(b, blocks[n - 1] if n else None):
            b.role = "caption"
        if (
            b.role == "furniture"
            and b.kind == "heading"
            and p.lower().endswith("supplement")
            and n + 1 < len(blocks)
            and len(blocks[n + 1].plain) < 60
        ):
            blocks[n + 1].role = "furniture"  # the supplement's teaser line
    # first paragraph after a heading or a date line is a deck, never a continuation
    prev = None
    for b in blocks:
        if b.role in ("furniture",):
            continue
        b.after_header = prev is not None and (prev.kind == "heading" or prev.role == "date")
        prev = b


def _is_caption(b: RawBlock, prev: RawBlock | None) -> bool:
    p = b.plain
    if not p or p[0].islower() or p.endswith("!") or len(p) > 220:
        return False
    if b.gap >= 2:
        return True
    # the line under a one-word picture label ("USA", "ENGLAND") describes the same picture
    return prev is not None and prev.role == "caption" and len(prev.plain.split()) <= 2


def _header_like(b: RawBlock) -> bool:
    return b.kind == "heading" or b.role in ("date", "jump_in")


def _deck_like(b: RawBlock) -> bool:
    p = b.plain
    return (
        b.kind == "paragraph"
        and b.role in ("body", "caption")
        and len(p) <= 200
        and (not p.endswith((".", "?", ")")) or p.endswith(("...", "…")))
    )


def _is_kicker(b: RawBlock) -> bool:
    """A line above a headline that belongs to the next article ("While the ... them")."""
    p = b.plain
    if b.kind != "paragraph" or b.role not in ("body", "caption") or _is_signature(p):
        return False
    if not p[:1].isupper() or len(p) > 200:
        return False
    if "  " in b.text or p.endswith((".", "!", "?", ")", '"', "”")):
        return False
    return p.endswith((",", ":")) or len(p) > 60


def cut_articles(blocks: list[RawBlock]) -> list[Piece]:
    """Cut the block stream into article pieces at the heading clusters that open an article."""
    live = [b for b in blocks if b.role != "furniture"]
    pieces: list[Piece] = [Piece()]
    has_body = False
    # the front page runs to the index, when the issue has one: its headlines are one piece
    in_cover = any(b.after_index for b in live)
    i = 0
    while i < len(live):
        b = live[i]
        if b.after_index:
            in_cover = False
            if pieces[-1].blocks:
                pieces.append(Piece())
                has_body = False
        if in_cover:
            pieces[-1].blocks.append(b)
            pieces[-1].head += 1
            i += 1
            continue
        if _header_like(b):
            j = _cluster_end(live, i)
            cluster = live[i:j]
            if _opens_article(cluster) and (has_body or _is_new_page(cluster, pieces[-1])):
                # the article starts at its date, jump marker or main heading; a level-3
                # box heading in front of them still belongs to the article before
                first = next(
                    k
                    for k, c in enumerate(cluster)
                    if c.role in ("date", "jump_in") or (c.kind == "heading" and c.level <= 2)
                )
                pieces[-1].blocks.extend(cluster[:first])
                start = i + first
                cur = pieces[-1].blocks
                if not first and cur and _is_kicker(cur[-1]):
                    start -= 1
                    cur.pop()
                pieces.append(Piece(list(live[start:j]), head=j - start))
                has_body = False
            else:
                pieces[-1].blocks.extend(cluster)
                if not pieces[-1].head and not has_body:
                    pieces[-1].head = len(pieces[-1].blocks)
            i = j
            continue
        pieces[-1].blocks.append(b)
        if b.role == "body" and b.kind in ("paragraph", "list"):
            has_body = True
        i += 1
    return [p for p in pieces if any(b.role == "body" for b in p.blocks)]


def _is_new_page(cluster: list[RawBlock], current: Piece) -> bool:
    """A level-1 heading or a dated headline after a box that had a headline of its own."""
    strong = any(b.level == 1 or b.role == "date" for b in cluster)
    return strong and any(b.kind == "heading" and b.level <= 2 for b in current.blocks)


def _cluster_end(live: list[RawBlock], i: int, max_decks: int = 3) -> int:
    """End of the heading cluster starting at ``i``: headings, date lines and jump markers
    with at most ``max_decks`` short lines (decks, captions) between two of them, plus the
    deck lines right after the last one."""
    j = i + 1
    while j < len(live):
        if _header_like(live[j]):
            j += 1
            continue
        k = j
        while (
            k < len(live)
            and k - j < max_decks + 1
            and not _header_like(live[k])
            and (_deck_like(live[k]) or live[k].role in ("caption", "foreign"))
        ):
            k += 1
        if k < len(live) and _header_like(live[k]) and k - j <= max_decks:
            # a level-1 heading or a date after a headline and its deck opens another cluster
            has_main = any(c.kind == "heading" and c.level <= 2 for c in live[i:j])
            has_date = any(c.role == "date" for c in live[i:j])
            new_page = (
                live[k].kind == "heading" and live[k].level == 1 and has_main and k - j >= 2
            ) or (live[k].role == "date" and has_date)
            if not new_page:
                j = k
                continue
        # trailing decks of the last heading
        while j < len(live) and j < k and (_deck_like(live[j]) or live[j].role == "caption"):
            j += 1
        break
    return j


def _opens_article(cluster: list[RawBlock]) -> bool:
    heads = [b for b in cluster if b.kind == "heading"]
    if any(b.role in ("date", "jump_in") for b in cluster) and heads:
        return True
    if any(b.role == "jump_in" for b in cluster):
        return True
    if any(b.level == 1 for b in heads):
        return True
    main = [b for b in heads if b.level <= 2]
    if len(main) >= 2:
        return True
    return any(_all_caps(b.plain) for b in main)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def reattach_jumps(pieces: list[Piece]) -> list[Piece]:
    """Move each "Continued from page N" piece to the end of the piece that jumps out."""
    outs = [p for p in pieces if any(b.role == "jump_out" for b in p.blocks)]
    ins = [p for p in pieces if p.blocks and any(b.role == "jump_in" for b in p.blocks[: p.head])]
    for src, cont in zip(outs, ins, strict=False):
        if src is cont:
            continue
        at = next(k for k, b in enumerate(src.blocks) if b.role == "jump_out")
        # the repeated headline before "Continued from ..." goes; what follows it stays
        marker = next(k for k, b in enumerate(cont.blocks) if b.role == "jump_in")
        src.blocks[at + 1 : at + 1] = [
            b
            for b in cont.blocks[marker + 1 :]
            if b.kind != "heading" or cont.blocks.index(b) >= cont.head
        ]
        cont.blocks = []
    return [p for p in pieces if p.blocks]


def _is_open(text: str) -> bool:
    p = plain_text(text).rstrip(" →")
    if p.endswith(",") and len(p) > 80 and not re.match(r"(?:Dear|To|From)\b", p):
        return True  # "... in the hands of the Communist Party and Patria Roja," / "which ..."
    return bool(p) and (
        p[-1].isalnum() or p[-1] == "-" or bool(re.search(r"\b(?:[A-Z]\.){2,}$", p))
    )


def _starts_lower(text: str) -> bool:
    p = plain_text(text).lstrip(" →")
    return bool(p) and p[0].islower()


def join_broken(p: str, q: str) -> str:
    """Join a paragraph cut by a break with its continuation, undoing the line-end hyphen."""
    p = re.sub(r"\s*→\s*$", "", p)
    q = re.sub(r"^\s*→\s*", "", q)
    # both patterns match any text (every part is optional)
    m = re.fullmatch(r"(.*?)(-?)(\**)\s*", p, re.S) or re.fullmatch(r"(.*)()()", p, re.S)
    core, hyphen, close = m[1], m[2], m[3]
    opening = q[: len(q) - len(q.lstrip("*"))]
    rest = q[len(opening) :]
    if hyphen:
        frag = re.findall(r"[\w']+$", core)
        sep = "-" if frag and frag[0].lower() in KEEP_HYPHEN else ""
    else:
        sep = " "
    if close and opening == close:
        return core + sep + rest
    if close and not opening:
        w = re.match(r"^(\S+)(.*)$", rest, re.S)
        if w and sep != " ":
            return core + sep + w[1] + close + w[2]
        return core + close + sep + rest
    return core + sep + close + opening + rest


def repair_breaks(pieces: list[Piece]) -> int:
    """Join paragraphs cut by columns, captions, sidebars and page jumps. Returns the joins."""
    joins = 0
    stack: list[tuple[int, RawBlock]] = []  # open paragraphs, most recent last
    for start_pi in range(len(pieces)):
        pi, k = start_pi, 0
        stack = [(p, b) for p, b in stack if p >= pi - 1]
        last_body: RawBlock | None = None
        between_only_pictures = True
        while k < len(pieces[pi].blocks):
            piece = pieces[pi]
            b = piece.blocks[k]
            if b.role != "body" or b.kind != "paragraph":
                if b.kind == "heading" or b.role == "date":
                    between_only_pictures = False
                k += 1
                continue
            target = None
            if (
                _starts_lower(b.text)
                and not b.after_header
                and stack
                or (
                    last_body is not None
                    and between_only_pictures
                    and stack
                    and stack[-1][1] is last_body
                    and _continues_upper(last_body, b)
                )
            ):
                target = stack.pop()
            if target is not None:
                tpi, tb = target
                tb.text = join_broken(tb.text, b.text)
                tb.end_line = max(tb.end_line, b.end_line)
                joins += 1
                if _is_open(tb.text):
                    stack.append((tpi, tb))
                last_body = tb
                between_only_pictures = True
                if tpi != pi:
                    # the rest of this piece belongs to the article it continues: move it
                    # there and go on reading it in its new place
                    moved = piece.blocks[k + 1 :]
                    del piece.blocks[k:]
                    k = len(pieces[tpi].blocks)
                    pieces[tpi].blocks.extend(moved)
                    pi = tpi
                else:
                    del piece.blocks[k]
                continue
            if (
                _is_open(b.text)
                and not b.after_header
                and k >= piece.head
                and not _is_signature(b.plain)
                and (len(b.plain.split()) >= 3 or b.plain.endswith("-"))
            ):
                stack.append((pi, b))
            last_body = b
            between_only_pictures = True
            k += 1
    return joins


def _is_signature(plain: str) -> bool:
    """A by-line or signature: "(LSTI of Peru, adherent to the FLTI)", "Editorial Board ..."."""
    if len(plain) >= 100:
        return False
    return (
        plain.startswith("(")
        or bool(SIGNATURE.search(plain))
        or (bool(SIGNATURE_WEAK.search(plain)) and "," not in plain)
    )


def _continues_upper(p: RawBlock, q: RawBlock) -> bool:
    """A cut before a capitalised word: "... send delegations to" / "Lima to strengthen"."""
    pp = plain_text(p.text).rstrip(" →")
    words = pp.split()
    if not words or not words[-1][-1].isalpha() or len(words) < 4:
        return False
    qp = q.plain
    if len(qp) < 60 or _is_signature(qp) or SIGNATURE_WEAK.search(qp):
        return False
    if words[-1].lower() in FUNCTION_WORDS:
        return True
    first = qp.split()[0]
    # "... or Unitary" / "National Command of Struggle ...": a name cut in two
    return (
        words[-1][0].isupper()
        and first[0].isupper()
        and first.lower() not in FUNCTION_WORDS
        and len(qp) >= 80
    )


def _iso(m: re.Match) -> str:
    return datetime.strptime(f"{m['m']} {m['d']} {m['y']}", "%B %d %Y").date().isoformat()


def issue_metadata(blocks: list[RawBlock]) -> tuple[str | None, str | None]:
    """Issue number and date from the masthead (the first blocks of the file)."""
    number = day = None
    for b in blocks[:25]:
        p = b.plain
        if number is None and (m := re.match(r"^(?:N[°º]|#)\s*(\d+)$", p)):
            number = m[1]
        if day is None and (m := DATE_LINE.match(p)):
            day = _iso(m)
    return number, day


def slugify(text: str, words: int = 7) -> str:
    t = regex.sub(r"[^\p{L}\p{N}]+", " ", plain_text(text).lower())
    import unicodedata

    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return "-".join(t.split()[:words]) or "article"


def _title(piece: Piece) -> str:
    head = piece.blocks[: max(piece.head, 1)]
    heads = [b for b in head if b.kind == "heading"] or [
        b for b in piece.blocks if b.kind == "heading"
    ]
    for b in heads:
        p = b.plain.rstrip(":").strip()
        if (
            b.level <= 2
            and p.title() not in SECTIONS
            and p.lower() not in ("op-ed",)
            and len(p.split()) > 1
        ):
            return p
    if heads:
        return heads[0].plain.rstrip(":").strip()
    return next((b.plain for b in piece.blocks if b.role == "body"), "Untitled")[:80]


def _section(piece: Piece) -> str:
    for b in piece.blocks[: max(piece.head, 1)]:
        if b.kind == "heading":
            first = re.split(r"[:*]", b.plain)[0].strip().title()
            if first in SECTIONS:
                return first
    text = " ".join(b.plain for b in piece.blocks)
    counts = {name: len(re.findall(rx, text, re.I)) for name, rx in SECTIONS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "International"


def _article_date(piece: Piece, default: str) -> str:
    for b in piece.blocks[: max(piece.head, 1)]:
        if b.role == "date" and (m := DATE_LINE.match(b.plain)):
            return _iso(m)
    for b in piece.blocks[:6]:
        if m := DATE_ANY.search(b.plain):
            return _iso(m)
    return default


def _to_block(b: RawBlock) -> Block | None:
    if b.role in ("furniture", "jump_in", "jump_out"):
        return None
    text = re.sub(r"\s*→\s*$", "", re.sub(r"^\s*→\s*", "", b.text)).strip()
    text = JUMP_OUT.sub("", text).strip() if b.role == "body" else text
    if not text:
        return None
    if b.role == "foreign":
        return Block("comment", "facsimile in another language: " + b.plain.replace("--", "–"))
    if b.role == "caption":
        return Block("caption", plain_text(text).replace("]", ")").replace("[", "("), 0, b.line)
    if b.kind == "heading":
        return Block("heading", text, b.level, b.line)
    return Block(b.kind, text, 0, b.line)


def import_issue(
    path: str | Path, lang: str = "en", issue: str | None = None, issue_date: str | None = None
) -> ImportResult:
    """Read a converted issue and rebuild its articles (nothing is written)."""
    text = read_text(path)
    blocks = read_blocks(text)
    if not any(b.kind == "heading" for b in blocks):
        raise IwoError(
            "no Markdown headings found: is this an issue converted to Markdown?", path, 1
        )
    classify(blocks)
    number, day = issue_metadata(blocks)
    issue = issue or number
    issue_date = issue_date or day
    if not issue:
        raise IwoError(
            "cannot find the issue number in the masthead (no 'N° 37' or '# 41' "
            "line); give it with --issue",
            path,
            1,
        )
    if not issue_date:
        raise IwoError("cannot find the issue date in the masthead; give it with --date", path, 1)
    try:
        date.fromisoformat(issue_date)
    except ValueError:
        raise IwoError(f"issue date {issue_date!r} is not YYYY-MM-DD", path) from None
    pieces = cut_articles(blocks)
    pieces = reattach_jumps(pieces)
    joined = repair_breaks(pieces)
    articles: list[Article] = []
    seen: set[str] = set()
    src = Path(path).name
    for piece in pieces:
        out = [blk for b in piece.blocks if (blk := _to_block(b)) is not None]
        if not any(b.kind in ("paragraph", "list") for b in out):
            continue
        title = _title(piece)
        pair = f"{issue}-{slugify(title)}"
        n = 2
        while pair in seen:
            pair = f"{issue}-{slugify(title)}-{n}"
            n += 1
        seen.add(pair)
        lines = [b.line for b in piece.blocks] + [b.end_line for b in piece.blocks]
        meta = {
            "pair": pair,
            "issue": int(issue) if str(issue).isdigit() else issue,
            "issue_date": issue_date,
            "date": _article_date(piece, issue_date),
            "title": title,
            "section": _section(piece),
            "lang": lang,
            "source": f"{src}:{min(lines)}-{max(lines)}",
        }
        articles.append(Article(meta, out))
    dropped = sum(b.role in ("furniture", "jump_in", "jump_out") for b in blocks)
    return ImportResult(str(issue), issue_date, articles, dropped, joined)


_IMPORTED = re.compile(r"\S+\.md:\d+-\d+")  # the source an imported article names


@holds_lock("corpus", "the corpus")
def write_articles(result: ImportResult, corpus: str | Path, force: bool = False) -> list[Path]:
    """Write each article to ``corpus/<lang>/<pair>.md`` (atomically). An article already
    there that this command did not write (a hand-written one, one in the other language) is
    not replaced unless ``force``; nothing is written then."""
    targets = []
    for art in result.articles:
        name = safe_name(art.pair, "pair id")
        path = inside(corpus, Path(corpus) / art.lang / f"{name}.md")
        if path.exists() and not force:
            old = read_article(path)
            if old.lang != art.lang or not _IMPORTED.fullmatch(str(old.meta.get("source", ""))):
                raise IwoError(
                    "an article not written by import-issue is already there (hand-written, or "
                    "in the other language): give --force to replace it",
                    path,
                )
        targets.append((path, art))
    for path, art in targets:
        write_atomic(path, render_article(art))
    return [path for path, _ in targets]
