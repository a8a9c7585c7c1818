"""Pass 5: repair sentences cut by column and page breaks. "Indige-" ... "nous" becomes
"Indigenous", and a paragraph that starts in lower case continues the last open one, even when
a caption, a sidebar or a whole box stands between them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex

from .blocks import Kind, Piece, RawBlock, Role, plain_text
from .patterns import Patterns

__all__ = ["Hyphens", "join_broken", "repair_breaks"]

_WORD = regex.compile(r"[^\W\d_]+")
_CUT_END = regex.compile(r"[^\W\d_]+-\**\s*(?:→\s*)?$")


class Hyphens:
    """Tells a line-end hyphen that breaks a word ("revolu-" ... "cionario") from one that
    joins two ("político-militar", "self-organization"), on the issue's own evidence: the
    joined word written whole elsewhere in the issue means a break; both halves written as
    words, and never joined, mean a real hyphen. Without evidence, a prefix the edition keeps
    hyphenated ("pro-", "self-") keeps it, and a Spanish adjective in -ico/-ica or with a
    written accent before a word ("teórico-práctico") is a compound."""

    def __init__(self, pat: Patterns, texts: Iterable[str] = ()) -> None:
        self.pat = pat
        self.vocabulary: set[str] = set()
        for text in texts:
            self.learn(text)

    def learn(self, text: str) -> None:
        """Add the words of a block, leaving out the halves of a word cut at its ends."""
        plain = _CUT_END.sub("", plain_text(text))
        words = _WORD.findall(plain)
        if words and plain.lstrip(" →*")[:1].islower():
            words = words[1:]  # perhaps the second half of a cut word
        self.vocabulary.update(w.lower() for w in words)

    def __call__(self, fragment: str, following: str) -> bool:
        """Keep the hyphen between ``fragment`` and the word that follows the break?"""
        first, second = fragment.lower(), following.lower()
        if first in self.pat.keep_hyphen:
            return True
        if self.pat.lang == "en":
            return False
        if first + second in self.vocabulary:
            return False
        if first in self.vocabulary and second in self.vocabulary:
            return True
        return len(second) >= 4 and bool(regex.search(r"(?:ic[oa]|[áéíóú]\w*[oa])$", first))


def _is_open(text: str) -> bool:
    """The paragraph stops mid-sentence."""
    p = plain_text(text).rstrip(" →")
    if p.endswith(",") and len(p) > 80 and not re.match(r"(?:Dear|To|From)\b", p):
        return True  # "... in the hands of the Communist Party and Patria Roja," / "which ..."
    return bool(p) and (
        p[-1].isalnum() or p[-1] == "-" or bool(re.search(r"\b(?:[A-Z]\.){2,}$", p))
    )


def _starts_lower(text: str) -> bool:
    p = plain_text(text).lstrip(" →")
    return bool(p) and p[0].islower()


def join_broken(p: str, q: str, keeps_hyphen: Callable[[str, str], bool] | None = None) -> str:
    """Join a paragraph cut by a break with its continuation, undoing the line-end hyphen
    unless ``keeps_hyphen(fragment, next word)`` says it is a real one (by default: the
    English prefixes that keep one, "self-", "pro-")."""
    if keeps_hyphen is None:
        from .patterns import ENGLISH

        keeps_hyphen = Hyphens(ENGLISH)
    p = re.sub(r"\s*→\s*$", "", p)
    q = re.sub(r"^\s*→\s*", "", q)
    # both patterns match any text (every part is optional)
    m = re.fullmatch(r"(.*?)(-?)(\**)\s*", p, re.S) or re.fullmatch(r"(.*)()()", p, re.S)
    core, hyphen, close = m[1], m[2], m[3]
    opening = q[: len(q) - len(q.lstrip("*"))]
    rest = q[len(opening) :]
    if hyphen:
        frag = re.findall(r"[\w']+$", core)
        after = regex.match(r"[^\W\d_]+", rest)
        sep = "-" if frag and keeps_hyphen(frag[0], after[0] if after else "") else ""
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


def _continues_upper(p: RawBlock, q: RawBlock, pat: Patterns) -> bool:
    """A cut before a capitalised word: "... send delegations to" / "Lima to strengthen"."""
    words = plain_text(p.text).rstrip(" →").split()
    if not words or not words[-1][-1].isalpha() or len(words) < 4:
        return False
    qp = q.plain
    if len(qp) < 60 or pat.is_signature(qp) or pat.signature_weak.search(qp):
        return False
    if words[-1].lower() in pat.function_words:
        return True
    first = qp.split()[0]
    # "... or Unitary" / "National Command of Struggle ...": a name cut in two
    return (
        words[-1][0].isupper()
        and first[0].isupper()
        and first.lower() not in pat.function_words
        and len(qp) >= 80
    )


@dataclass
class _Reader:
    """Walks the pieces in order, keeping the paragraphs left open (most recent last)."""

    pieces: list[Piece]
    pat: Patterns
    hyphens: Hyphens
    stack: list[tuple[int, RawBlock]] = field(default_factory=list)
    joins: int = 0

    def continued(self, b: RawBlock, last_body: RawBlock | None, pictures_only: bool) -> bool:
        """``b`` carries on the last open paragraph."""
        if not self.stack:
            return False
        if _starts_lower(b.text) and not b.after_header:
            return True
        return (
            last_body is not None
            and pictures_only
            and self.stack[-1][1] is last_body
            and _continues_upper(last_body, b, self.pat)
        )

    def may_continue_later(self, b: RawBlock, k: int, piece: Piece) -> bool:
        """``b`` stops mid-sentence and is body text: a later paragraph may carry it on."""
        return (
            _is_open(b.text)
            and not b.after_header
            and k >= piece.head
            and not self.pat.is_signature(b.plain)
            and (len(b.plain.split()) >= 3 or b.plain.endswith("-"))
        )

    def join(self, pi: int, k: int) -> tuple[int, int, RawBlock]:
        """Join block ``k`` of piece ``pi`` to the open paragraph it continues. Returns where
        to read on and the joined paragraph."""
        b = self.pieces[pi].blocks[k]
        tpi, tb = self.stack.pop()
        tb.text = join_broken(tb.text, b.text, self.hyphens)
        tb.end_line = max(tb.end_line, b.end_line)
        self.joins += 1
        if _is_open(tb.text):
            self.stack.append((tpi, tb))
        piece = self.pieces[pi]
        if tpi == pi:
            del piece.blocks[k]
            return pi, k, tb
        # the rest of this piece belongs to the article it continues: move it there and go
        # on reading it in its new place
        moved = piece.blocks[k + 1 :]
        del piece.blocks[k:]
        k = len(self.pieces[tpi].blocks)
        self.pieces[tpi].blocks.extend(moved)
        return tpi, k, tb

    def read_piece(self, pi: int) -> None:
        k = 0
        last_body: RawBlock | None = None
        pictures_only = True  # only pictures between the last body paragraph and here
        while k < len(self.pieces[pi].blocks):
            piece = self.pieces[pi]
            b = piece.blocks[k]
            if b.role != Role.BODY or b.kind != Kind.PARAGRAPH:
                if b.kind == Kind.HEADING or b.role == Role.DATE:
                    pictures_only = False
                k += 1
                continue
            if self.continued(b, last_body, pictures_only):
                pi, k, last_body = self.join(pi, k)
            else:
                if self.may_continue_later(b, k, piece):
                    self.stack.append((pi, b))
                last_body = b
                k += 1
            pictures_only = True


def repair_breaks(pieces: list[Piece], pat: Patterns) -> int:
    """Join paragraphs cut by columns, captions, sidebars and page jumps. Returns the joins."""
    texts = (b.text for p in pieces for b in p.blocks)
    reader = _Reader(pieces, pat, Hyphens(pat, texts))
    for pi in range(len(pieces)):
        # a paragraph left open two pieces back is finished
        reader.stack = [(p, b) for p, b in reader.stack if p >= pi - 1]
        reader.read_piece(pi)
    return reader.joins
