"""Sentence segmentation of Spanish and English articles, the way CAT tools do it: with SRX.

Sentences are cut by SRX 2.0 rules: LanguageTool's rule set (the one OmegaT and LanguageTool
users know, shipped by ``choppa-srx``) with this project's own rules cascaded in front of it
(``data/iwo-segment.srx``). Structure comes first: headings, captions, list items and bold
slogans are segments of their own, whatever the punctuation says.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from xml.sax import parse as sax_parse

from ..errors import IwoError
from ..language.detect import detect_language
from .documents import Article, Block, parse_blocks, split_front_matter

if TYPE_CHECKING:
    from choppa import SrxDocument

SEGMENTABLE = ("heading", "paragraph", "caption", "list")


@dataclass(frozen=True)
class Segment:
    """A sentence (or heading, caption, list item) of an article, as plain text."""

    text: str
    kind: str  # heading, paragraph, caption, list
    block: int  # index of the block it comes from
    bold: bool = False  # the whole segment is bold: a slogan
    level: int = 0  # heading level
    first: bool = False  # first segment of its block (a paragraph boundary before it)


# LanguageTool's break rules for Trados TagEditor's segment markup ({0>source<}0{>target<0}).
# The one with an empty before-pattern makes the engine try every character of every text (half
# the time of segmenting the corpus), so they are loaded only for a text that carries the markup.
_TAGEDITOR_MARKS = ("{0>", "<0}")
_TAGEDITOR = {(r"\{0>", ""), ("", r"<0\}")}


class _OnFirstUse(types.ModuleType):
    """Stands in for a module in ``sys.modules`` until something reads one of its attributes,
    then imports the module and hands over to it."""

    def __getattr__(self, attr: str) -> object:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def _defer_import(name: str) -> None:
    """Let ``import name`` cost nothing until the module is used. (The standard library's
    ``LazyLoader`` does not do it here: ``import`` itself reads the lazy module's spec.)"""
    if name not in sys.modules and importlib.util.find_spec(name) is not None:
        sys.modules[name] = _OnFirstUse(name)


@lru_cache(maxsize=2)
def _srx(tageditor: bool) -> SrxDocument:
    """Our rules first, then LanguageTool's: a cascading SRX document (LanguageTool's TagEditor
    rules only with ``tageditor``).

    The engine is imported here, on first use. It imports xmlschema, only to validate a rule
    file against the SRX schema when asked to, which we never ask; loading xmlschema took a
    third of a second, longer than aligning the whole corpus, in every command that segments.
    So it is deferred until something uses it.
    """
    _defer_import("xmlschema")
    from choppa import DEFAULT_SRX_RULESET, SrxDocument
    from choppa.srx_parser import SRXHandler

    doc = SrxDocument(ruleset=None)
    ours = resources.files("iwo_tm") / "data" / "iwo-segment.srx"
    with resources.as_file(ours) as path:
        sax_parse(str(path), SRXHandler(document=doc))
    sax_parse(str(DEFAULT_SRX_RULESET), SRXHandler(document=doc))
    # the engine formats its flags into a cache key at every rule lookup: as an int, not a flag
    # enum, that costs nothing (the compiled patterns are the same)
    doc.pattern_flags = int(doc.pattern_flags)
    if not tageditor:
        for language in doc.language_map_list:
            rules = language.language_rule.rules
            rules[:] = [r for r in rules if (r.before_pattern, r.after_pattern) not in _TAGEDITOR]
    return doc


_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>]+)>")
_EMPH = re.compile(r"(\*{1,3}|_{2})")


def inline_to_plain(text: str) -> tuple[str, list[bool]]:
    """Strip inline Markdown; return the plain text and, per character, whether it is bold."""
    t = _LINK.sub(lambda m: m[1] if m[1].strip() else m[2], text)
    t = _AUTOLINK.sub(r"\1", t)
    out: list[str] = []
    bold: list[bool] = []
    in_bold = in_ital = False
    pos = 0
    for m in _EMPH.finditer(t):
        chunk = t[pos : m.start()]
        out.append(chunk)
        bold.extend([in_bold] * len(chunk))
        marker = m[1]
        if marker in ("**", "__"):
            in_bold = not in_bold
        elif marker == "***":
            in_bold, in_ital = not in_bold, not in_ital
        else:
            in_ital = not in_ital
        pos = m.end()
    out.append(t[pos:])
    bold.extend([in_bold] * (len(t) - pos))
    return "".join(out), bold


def split_sentences(text: str, lang: str) -> list[str]:
    """Cut plain text into sentences with the SRX rules of ``lang`` ('es' or 'en')."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    srx = _srx(any(mark in text for mark in _TAGEDITOR_MARKS))
    from choppa.iterators import SrxTextIterator  # already imported by _srx: a lookup

    return [s.strip() for s in SrxTextIterator(srx, f"{lang}_two", text) if s.strip()]


def _spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for s in sentences:
        start = text.find(s, pos)
        if start < 0:  # whitespace was normalised; fall back to a running position
            start = pos
        spans.append((start, start + len(s)))
        pos = start + len(s)
    return spans


def segment_block(block: Block, index: int, lang: str) -> list[Segment]:
    """Segments of one block: SRX sentences, flagged bold when every letter is bold."""
    if block.kind not in SEGMENTABLE:
        return []
    plain, bold = inline_to_plain(block.text)
    squeezed = re.sub(r"\s+", " ", plain)
    if squeezed != plain:  # keep the bold mask aligned with the squeezed text
        mask: list[bool] = []
        prev_space = False
        for ch, b in zip(plain, bold, strict=True):
            if ch.isspace():
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            mask.append(b)
        plain, bold = squeezed, mask
    lead = len(plain) - len(plain.lstrip())
    plain, bold = plain.strip(), bold[lead : lead + len(plain.strip())]
    pieces = _bold_runs(plain, bold)
    out: list[Segment] = []
    for start, end in pieces:
        chunk = plain[start:end]
        for s, (a, b) in zip(
            sents := split_sentences(chunk, lang), _spans(chunk, sents), strict=True
        ):
            is_bold = _all_bold(chunk[a:b], bold[start + a : start + b])
            out.append(Segment(s, block.kind, index, is_bold, block.level, first=not out))
    if block.kind == "paragraph" and len(out) == 1 and not out[0].bold and _is_label(plain):
        out[0] = Segment(plain, "heading", index, False, block.level, first=True)
    return out


def _all_bold(text: str, bold: list[bool]) -> bool:
    """Whether ``text`` has letters or digits and all of them are bold (``bold``: per character).
    Most segments are all roman or all bold, which needs no look at the characters."""
    if True not in bold:
        return False
    if False not in bold:
        return any(c.isalnum() for c in text)
    letters = [b for c, b in zip(text, bold, strict=True) if c.isalnum()]
    return bool(letters) and all(letters)


def _is_label(text: str) -> bool:
    """A paragraph of one to three capitalised words and no punctuation ("PERÚ") is a label
    the layout put on the page, a kicker or section name, not a sentence: it pairs as a heading.
    """
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    return (
        0 < len(words) <= 3
        and bool(letters)
        and all(c.isupper() for c in letters)
        and not any(c in text for c in '.,;:!?¡¿"“”«»()')
    )


def _bold_runs(plain: str, bold: list[bool]) -> list[tuple[int, int]]:
    """Cut a paragraph where a bold slogan begins or ends at a sentence edge.

    "**Out with the IMF** Let's ..." has no full stop, yet the slogan is a segment of its own;
    a bold phrase inside a sentence ("we must impose the **expulsion** of ...") is not cut.
    """
    if True not in bold or False not in bold:  # no bold run begins or ends: most paragraphs
        return [(0, len(plain))] if plain.strip() else []
    cuts = [0]
    for k in range(1, len(plain)):
        if bold[k] == bold[k - 1]:
            continue
        before = plain[:k].rstrip()
        after = plain[k:].lstrip()
        if not before or not after:
            continue
        if bold[k - 1] and not bold[k]:  # a bold run ends here
            run_start = max(j for j in cuts if j <= k)
            starts_sentence = run_start == 0 or plain[:run_start].rstrip()[-1:] in ".!?…"
            if starts_sentence and after[:1].isupper() and len(before[run_start:].split()) >= 3:
                cuts.append(k)
    cuts.append(len(plain))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if plain[a:b].strip()]


def segment_blocks(blocks: list[Block], lang: str) -> list[Segment]:
    """All segments of a text's blocks, in reading order."""
    out: list[Segment] = []
    for i, block in enumerate(blocks):
        out.extend(segment_block(block, i, lang))
    return out


def segment_article(article: Article) -> list[Segment]:
    """All segments of an article, in reading order."""
    return segment_blocks(article.blocks, article.lang)


def markdown_blocks(
    text: str, lang: str | None = None, path: str | None = None
) -> tuple[str, list[Block]]:
    """A Markdown text's language and blocks, with or without front matter: what a command
    checks before it segments (the costly part), so that a wrong input is refused at once.

    The language is ``lang``, else the front matter's, else guessed from the text.
    """
    body, first_line = text, 1
    if text.startswith("---\n"):
        meta, body, first_line = split_front_matter(text, path)
        lang = lang or meta.get("lang")
    blocks = parse_blocks(body, first_line)
    if not blocks:
        raise IwoError("no text to segment", path)
    if lang is None:
        lang = detect_language(" ".join(b.text for b in blocks))
        if lang is None:
            raise IwoError("cannot tell whether the text is Spanish or English; give --lang", path)
    if lang not in ("es", "en"):
        raise IwoError(f"language must be 'es' or 'en', not {lang!r}", path)
    return lang, blocks


def segment_markdown(
    text: str, lang: str | None = None, path: str | None = None
) -> tuple[str, list[Segment]]:
    """Segment a Markdown text (see ``markdown_blocks``); returns (language, segments)."""
    lang, blocks = markdown_blocks(text, lang, path)
    return lang, segment_blocks(blocks, lang)
