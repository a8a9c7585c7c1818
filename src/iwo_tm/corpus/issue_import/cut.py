"""Passes 3 and 4: cut the block stream into article pieces at the heading clusters that open
an article (a date, a level-1 heading, an all-capitals section heading, two main headings, a
"Continued from page N" marker), then move each continued piece to the article it continues."""

from __future__ import annotations

import re

from ...language.lexicon import content_words
from .blocks import Kind, Piece, RawBlock, Role
from .patterns import Patterns

__all__ = ["cut_articles", "reattach_jumps"]


def _header_like(b: RawBlock) -> bool:
    return b.kind == Kind.HEADING or b.role in (Role.DATE, Role.JUMP_IN)


def _deck_like(b: RawBlock) -> bool:
    p = b.plain
    return (
        b.kind == Kind.PARAGRAPH
        and b.role in (Role.BODY, Role.CAPTION)
        and len(p) <= 200
        and (not p.endswith((".", "?", ")")) or p.endswith(("...", "…")))
    )


# "Laura Richardson, Commander of ...": who said the quotation that closes an article
_ATTRIBUTION = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?: [A-ZÁÉÍÓÚÑ][a-záéíóúñ]+){1,2}, ")


def _is_kicker(b: RawBlock, pat: Patterns) -> bool:
    """A line above a headline that belongs to the next article ("While the ... them")."""
    p = b.plain
    if b.kind != Kind.PARAGRAPH or b.role not in (Role.BODY, Role.CAPTION) or pat.is_signature(p):
        return False
    if not p[:1].isupper() or len(p) > 200 or _ATTRIBUTION.match(p):
        return False
    if pat.is_dateline(p) and b.role == Role.BODY:
        return True
    if "  " in b.text or p.endswith((".", "!", "?", ")", '"', "”")):
        return False
    if re.search(r"https?://\S+$", p):
        return False  # "... on the publisher's site: <https://...>" closes an article
    return p.endswith((",", ":")) or len(p) > 60


def _content_words(blocks: list[RawBlock], pat: Patterns) -> set[str]:
    """The blocks' content words, cut to five letters ("palestino", "Palestina": "pales")."""
    return {
        w.lower()[:5]
        for b in blocks
        for w in content_words(b.plain, pat.lang)
        if len(w) >= 4 and not w[0].isdigit()
    }


def _picture_of_before(before: list[RawBlock], after: list[RawBlock], pat: Patterns) -> bool:
    """A caption between two articles ("Rome: weekly mobilizations ...") under a picture's
    label, or sharing more words with the article before it than with the one after,
    describes a picture of the one before; a line that runs on into the headline (ends in
    "," or ":") never does."""
    line = before[-1]
    if line.role != Role.CAPTION or line.plain.endswith((",", ":")):
        return False
    label = before[-2] if len(before) >= 2 else None
    if label is not None and label.role == Role.CAPTION and len(label.plain.split()) <= 2:
        return True  # under a picture's one-word label ("ITALY"): the same picture
    words = _content_words([line], pat)
    back = len(words & _content_words(before[-13:-1], pat))
    return back > len(words & _content_words(after, pat))


def _main_heading(b: RawBlock) -> bool:
    return b.kind == Kind.HEADING and b.level <= 2


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _opens_article(cluster: list[RawBlock]) -> bool:
    heads = [b for b in cluster if b.kind == Kind.HEADING]
    if any(b.role == Role.JUMP_IN for b in cluster):
        return True
    if heads and any(b.role == Role.DATE for b in cluster):
        return True
    if any(b.level == 1 for b in heads):
        return True
    main = [b for b in heads if b.level <= 2]
    return len(main) >= 2 or any(_all_caps(b.plain) for b in main)


def _is_new_page(cluster: list[RawBlock], current: Piece) -> bool:
    """A level-1 heading or a dated headline after a box that had a headline of its own."""
    strong = any(b.level == 1 or b.role == Role.DATE for b in cluster)
    return strong and any(_main_heading(b) for b in current.blocks)


def _decks_after(live: list[RawBlock], j: int, max_decks: int) -> int:
    """End of the run of at most ``max_decks`` + 1 short lines (decks, captions) from ``j``."""
    k = j
    while (
        k < len(live)
        and k - j < max_decks + 1
        and not _header_like(live[k])
        and (_deck_like(live[k]) or live[k].role in (Role.CAPTION, Role.FOREIGN))
    ):
        k += 1
    return k


def _next_cluster_opens(live: list[RawBlock], i: int, j: int, k: int) -> bool:
    """A level-1 heading or a date at ``k``, after a headline and its deck, opens another
    cluster rather than continuing the one at ``i``."""
    opened, b = live[i:j], live[k]
    if b.role == Role.DATE and any(c.role == Role.DATE for c in opened):
        return True
    return (
        b.kind == Kind.HEADING and b.level == 1 and k - j >= 2 and any(map(_main_heading, opened))
    )


def cluster_end(live: list[RawBlock], i: int, max_decks: int = 3) -> int:
    """End of the heading cluster starting at ``i``: headings, date lines and jump markers
    with at most ``max_decks`` short lines (decks, captions) between two of them, plus the
    deck lines right after the last one."""
    j = i + 1
    while j < len(live):
        if _header_like(live[j]):
            j += 1
            continue
        k = _decks_after(live, j, max_decks)
        if (
            k < len(live)
            and _header_like(live[k])
            and k - j <= max_decks
            and not _next_cluster_opens(live, i, j, k)
        ):
            j = k
            continue
        # trailing decks of the last heading
        while j < k and (_deck_like(live[j]) or live[j].role == Role.CAPTION):
            j += 1
        break
    return j


def _place_cluster(
    live: list[RawBlock], i: int, j: int, pieces: list[Piece], has_body: bool, pat: Patterns
) -> bool:
    """Open a piece at the cluster ``live[i:j]`` if it opens an article, else add it to the
    current piece. Says whether a piece was opened."""
    cluster = live[i:j]
    current = pieces[-1]
    if not (_opens_article(cluster) and (has_body or _is_new_page(cluster, current))):
        current.blocks.extend(cluster)
        if not current.head and not has_body:
            current.head = len(current.blocks)
        return False
    # the article starts at its date, jump marker or main heading; a level-3 box heading in
    # front of them still belongs to the article before
    first = next(
        k for k, c in enumerate(cluster) if c.role in (Role.DATE, Role.JUMP_IN) or _main_heading(c)
    )
    current.blocks.extend(cluster[:first])
    start = i + first
    if (
        not first
        and current.blocks
        and _is_kicker(current.blocks[-1], pat)
        and not _picture_of_before(current.blocks, live[i : i + 12], pat)
    ):
        start -= 1
        kicker = current.blocks.pop()
        if kicker.role == Role.CAPTION and kicker.plain.endswith((",", ":")):
            kicker.role = Role.BODY  # set apart by a gap, but it runs on into the headline
    pieces.append(Piece(list(live[start:j]), head=j - start))
    return True


def cut_articles(blocks: list[RawBlock], pat: Patterns) -> list[Piece]:
    """Cut the block stream into article pieces at the heading clusters that open an article."""
    live = [b for b in blocks if b.role != Role.FURNITURE]
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
        elif _header_like(b):
            j = cluster_end(live, i)
            if _place_cluster(live, i, j, pieces, has_body, pat):
                has_body = False
            i = j
        else:
            pieces[-1].blocks.append(b)
            has_body = has_body or (b.role == Role.BODY and b.kind in (Kind.PARAGRAPH, Kind.LIST))
            i += 1
    return [p for p in pieces if any(b.role == Role.BODY for b in p.blocks)]


def reattach_jumps(pieces: list[Piece]) -> list[Piece]:
    """Move each "Continued from page N" piece to the end of the piece that jumps out."""
    outs = [p for p in pieces if any(b.role == Role.JUMP_OUT for b in p.blocks)]
    ins = [p for p in pieces if any(b.role == Role.JUMP_IN for b in p.blocks[: p.head])]
    for src, cont in zip(outs, ins, strict=False):
        if src is cont:
            continue
        at = next(k for k, b in enumerate(src.blocks) if b.role == Role.JUMP_OUT)
        # the repeated headline before "Continued from ..." goes; what follows it stays
        marker = next(k for k, b in enumerate(cont.blocks) if b.role == Role.JUMP_IN)
        src.blocks[at + 1 : at + 1] = [
            b
            for n, b in enumerate(cont.blocks[marker + 1 :], start=marker + 1)
            if b.kind != Kind.HEADING or n >= cont.head
        ]
        cont.blocks = []
    return [p for p in pieces if p.blocks]
