"""Drafts for the translator: PO (Poedit, msgfmt), XLIFF 1.2 (CAT tools), bilingual Markdown.

Every draft records the text it was made from, so ``iwo-tm merge`` can rebuild the English
article with the original structure (headings, bold slogans, captions) once it is translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import polib
from lxml import etree

from .. import __version__
from ..corpus.segmentation import Segment
from ..memory.fuzzy import Candidate
from ..textfiles import write_atomic
from .suggestion import CONTEXT_MATCH, Origin, Suggestion

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
# XLIFF 1.2's state-qualifier for each origin of a draft
QUALIFIER = {
    Origin.MEMORY: "fuzzy-match",
    Origin.REPAIRED: "leveraged-tm",
    Origin.PINNED: "leveraged-mt",
    Origin.POST_EDITED: "leveraged-mt",
    Origin.MT: "leveraged-mt",
    Origin.NONE: "",
}
BADGE = {
    Origin.REPAIRED: "repaired {}%",
    Origin.PINNED: "MT + memory phrases",
    Origin.POST_EDITED: "MT, post-edited",
    Origin.MT: "MT",
    Origin.NONE: "new",
}


def _where(c: Candidate) -> str:
    return ", ".join(x for x in (c.unit.origin, c.unit.pair, c.unit.tuid) if x)


def _support(count: int, total: int) -> str:
    if total <= 1:
        return "1 unit"
    return f"{count} units, unanimous" if count == total else f"{count} of {total} units"


def describe(s: Suggestion) -> list[str]:
    """The translator comments of a segment: how its draft was made and where it comes from."""
    if s.origin == Origin.MEMORY and s.match is not None:
        lines = _from_memory(s)
    elif s.origin == Origin.REPAIRED and s.match is not None and s.repair is not None:
        lines = _repaired(s)
    elif s.origin in (Origin.PINNED, Origin.POST_EDITED, Origin.MT):
        lines = _machine(s)
    else:
        lines = ["no match: translate"]
    for other in s.candidates:
        if s.match is None or other.index != s.match.index:
            lines.append(f"also {other.score}%: {other.unit.target} ({other.unit.origin})")
    lines += _hints(s)
    if s.repetition_of is not None:
        lines.append(f"repeats segment {s.repetition_of}")
    return lines


def _from_memory(s: Suggestion) -> list[str]:
    best = s.match
    label = "context match (101%)" if s.score == CONTEXT_MATCH else f"{s.score}% match"
    lines = [f"{label} from {_where(best)}"]
    if best.score < 100:
        lines.append(f"memory source: {best.unit.source}")
    if s.adapted:
        lines.append("numbers adapted: " + ", ".join(f"{a} -> {b}" for a, b in s.adapted))
    return lines


def _repaired(s: Suggestion) -> list[str]:
    best = s.match
    lines = [
        f"repaired {s.score}% match from {_where(best)}: only what differs changed",
        f"memory source: {best.unit.source}",
    ]
    for p in s.repair.patches:
        how = {"mt": "Apertium", "deleted": "left out"}.get(p.how, p.how)
        lines.append(
            f"  \u00ab{p.old_source}\u00bb -> \u00ab{p.new_source}\u00bb: "
            f"\u201c{p.old_target}\u201d -> \u201c{p.new_target}\u201d ({how})"
        )
    lines.append(f"unrepaired match: {best.unit.target}")
    return lines


def _machine(s: Suggestion) -> list[str]:
    lines = ["machine translation (Apertium), not a memory match: check everything"]
    if s.origin == Origin.PINNED:
        pins = [
            f"\u00ab{p.source}\u00bb = {p.target} "
            f"({'glossary' if p.how == 'glossary' else _support(p.support, p.read)})"
            for p in s.pins
        ]
        lines.append("kept as the memory has it: " + "; ".join(pins))
    if s.rules:
        edits = sorted({f"{r.mt} -> {r.english}" for r in s.rules})
        lines.append("post-edited as the memory does: " + "; ".join(edits))
    if s.localized:
        done = "; ".join(f"{a} -> {b}" for a, b in s.localized)
        lines.append("numbers and dates as the memory writes them: " + done)
    return lines


def _hints(s: Suggestion) -> list[str]:
    """The memory's slogans and phrases inside the segment, with their support."""
    lines = []
    for f in s.fragments:
        if f.renderings:
            rend = " | ".join(f"{t} ({c}x)" if c > 1 else t for t, c in f.renderings)
            total = sum(c for _, c in f.renderings)
            support = _support(f.renderings[0][1], total) if f.read else "a memory unit"
            lines.append(f"memory has \u00ab{f.text}\u00bb: {rend} [{support}]")
        else:  # a concordance: the phrase recurs, its English varies too much to extract
            lines.append(f"memory has \u00ab{f.text}\u00bb in {len(f.units)} units, e.g.:")
            for u in f.examples[:2]:
                lines.append(f"  {u.source} = {u.target}")
    return lines


def context_of(s: Suggestion) -> str:
    seg = s.segment
    kind = "bold" if seg.bold and seg.kind == "paragraph" else seg.kind
    return f"{s.number} {kind}"


def write_po(path: str | Path, suggestions: Sequence[Suggestion], source: str | Path) -> Path:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"iwo-tm {__version__}",
        "POT-Creation-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": "es",
        "X-Iwo-Source": str(source),
    }
    for s in suggestions:
        entry = polib.POEntry(
            msgctxt=context_of(s),
            msgid=s.source,
            msgstr=s.target,
            tcomment="\n".join(describe(s)),
        )
        if s.target and s.score < 100:
            entry.flags.append("fuzzy")
        po.append(entry)
    write_atomic(path, str(po))
    return Path(path)


def write_xliff(path: str | Path, suggestions: Sequence[Suggestion], source: str | Path) -> Path:
    nsmap = {None: XLIFF_NS}
    root = etree.Element("xliff", version="1.2", nsmap=nsmap)
    file_el = etree.SubElement(
        root,
        "file",
        original=str(source),
        datatype="plaintext",
        **{"source-language": "es", "target-language": "en", "tool-id": "iwo-tm"},
    )
    header = etree.SubElement(file_el, "header")
    etree.SubElement(
        header, "tool", **{"tool-id": "iwo-tm", "tool-name": "iwo-tm", "tool-version": __version__}
    )
    body = etree.SubElement(file_el, "body")
    for s in suggestions:
        tu = etree.SubElement(body, "trans-unit", id=str(s.number), resname=context_of(s))
        etree.SubElement(tu, "source").text = s.source
        if s.target:
            state = "translated" if s.score >= 100 else "needs-review-translation"
            attrs = {"state": state, "state-qualifier": QUALIFIER[s.origin]}
            if s.origin == Origin.MEMORY and s.score >= 100:
                attrs["state-qualifier"] = "exact-match"
            etree.SubElement(tu, "target", attrs).text = s.target
        shown = list(s.candidates)
        if s.match is not None and all(c.index != s.match.index for c in shown):
            shown.insert(0, s.match)  # the unrepaired match, below the threshold
        for c in shown:
            alt = etree.SubElement(
                tu, "alt-trans", {"match-quality": str(c.score), "origin": c.unit.origin}
            )
            etree.SubElement(alt, "source").text = c.unit.source
            etree.SubElement(alt, "target").text = c.unit.target
        if s.origin == Origin.PINNED:
            for p in s.pins:
                attrs = {"origin": f"iwo-tm pinned {p.how}", "alttranstype": "reference"}
                alt = etree.SubElement(tu, "alt-trans", attrs)
                etree.SubElement(alt, "source").text = p.source
                etree.SubElement(alt, "target").text = p.target
        for f in s.fragments:
            for text, _count in f.renderings[:1]:
                alt = etree.SubElement(
                    tu, "alt-trans", {"origin": "iwo-tm fragment", "alttranstype": "reference"}
                )
                etree.SubElement(alt, "source").text = f.text
                etree.SubElement(alt, "target").text = text
        note = "\n".join(describe(s))
        etree.SubElement(tu, "note", {"from": "iwo-tm"}).text = note
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_atomic(path, data)
    return Path(path)


def english_markdown(segments: Sequence[Segment], targets: Sequence[str]) -> str:
    """The English draft with the original structure: a segment without English keeps its
    Spanish between [ES: ...] so nothing is silently lost."""
    blocks: dict[int, list[tuple[Segment, str]]] = {}
    for seg, tgt in zip(segments, targets, strict=True):
        blocks.setdefault(seg.block, []).append((seg, tgt))
    out = []
    for items in blocks.values():
        seg0 = items[0][0]
        parts = []
        for seg, tgt in items:
            text = tgt.strip() or f"[ES: {seg.text}]"
            parts.append(f"**{text}**" if seg.bold and seg.kind != "heading" else text)
        text = " ".join(parts)
        if seg0.kind == "heading":
            out.append("#" * max(seg0.level, 1) + " " + text)
        elif seg0.kind == "caption":
            out.append(f"![{text}]()")
        elif seg0.kind == "list":
            out.append(f"- {text}")
        else:
            out.append(text)
    return "\n\n".join(out) + "\n"


def english_path(path: str | Path) -> Path:
    """Where the English draft goes beside a bilingual Markdown draft."""
    path = Path(path)
    return path.with_name(path.name.removesuffix(".md") + ".en.md")


def write_markdown(
    path: str | Path, suggestions: Sequence[Suggestion], source: str | Path
) -> list[Path]:
    """Two files: PATH (bilingual, to read) and PATH with ``.en.md`` (the English draft)."""
    path = Path(path)
    lines = [f"# Draft of {Path(source).name}", ""]
    for s in suggestions:
        badge = f"{s.score}%" if s.origin == Origin.MEMORY else BADGE[s.origin].format(s.score)
        if s.score == CONTEXT_MATCH:
            badge = "101% context"
        lines.append(f"**{s.number}** `{badge}` {s.source}  ")
        lines.append(f"> {s.target or '_(to translate)_'}")
        for note in describe(s)[1:]:
            lines.append(f"> - {note}")
        lines.append("")
    write_atomic(path, "\n".join(lines))
    english = english_path(path)
    write_atomic(
        english, english_markdown([s.segment for s in suggestions], [s.target for s in suggestions])
    )
    return [path, english]
