"""The translation memory as suggestion and checks read it: every TMX file under ``tmx/``.

A memory unit keeps what a translator needs to judge a match: the Spanish and English, and
where it comes from (file, article, unit id, the Spanish segment before it, its date). TMX
files from CAT tools are read the same way: variants are picked by language, in any case and
with or without region (es, es-PE, ES-es).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import IwoError
from ..formats.tmx import TmxReader


@dataclass(frozen=True)
class MemoryUnit:
    source: str
    target: str
    origin: str  # the TMX file's name
    tuid: str = ""
    pair: str = ""
    context: str = ""  # the Spanish segment before this one, when the memory knows it
    date: str = ""


def memory_files(tmx_dir: str | Path, explicit: Iterable[str | Path] = ()) -> list[Path]:
    """The TMX files to read: those given, else every ``*.tmx`` in ``tmx_dir``."""
    given = [Path(p) for p in explicit]
    if given:
        return given
    folder = Path(tmx_dir)
    files = sorted(folder.glob("*.tmx")) if folder.is_dir() else []
    if not files:
        raise IwoError("no translation memory here: run iwo-tm align first, or give --tm", folder)
    return files


def read_units(path: Path, srclang: str = "es", tgtlang: str = "en") -> Iterator[MemoryUnit]:
    reader = TmxReader(path)
    for tu in reader:
        src, tgt = tu.variant(srclang), tu.variant(tgtlang)
        if src is None or tgt is None or not src.text.strip() or not tgt.text.strip():
            continue
        yield MemoryUnit(
            " ".join(src.text.split()),
            " ".join(tgt.text.split()),
            path.name,
            tu.tuid or "",
            tu.prop("x-pair") or "",
            tu.prop("x-context-pre") or "",
            tu.attrs.get("changedate") or tu.attrs.get("creationdate") or "",
        )


def read_draft_units(path: Path) -> Iterator[MemoryUnit]:
    """A PO or XLIFF file under review, read as units (its translations are checked too)."""
    if path.suffix.lower() in (".po", ".mo"):
        import polib

        try:
            po = (
                polib.mofile(str(path)) if path.suffix.lower() == ".mo" else polib.pofile(str(path))
            )
        except (OSError, ValueError) as exc:
            raise IwoError(f"not a readable PO/MO file: {exc}", path) from None
        for e in po:
            if e.msgid and not e.obsolete and not e.msgid_plural:
                yield MemoryUnit(e.msgid, e.msgstr, path.name, e.msgctxt or "")
        return
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise IwoError(f"not well-formed XML: {exc.msg}", path, exc.lineno) from None
    # XLIFF 1.2 <trans-unit>; XLIFF 2.0 <unit> with one or more <segment>s
    for tu in root.iter("{*}trans-unit", "{*}segment"):
        src = tu.find("{*}source")
        tgt = tu.find("{*}target")
        if src is not None:
            ident = tu.get("id") or tu.getparent().get("id", "")
            yield MemoryUnit(
                "".join(src.itertext()), "".join(tgt.itertext()) if tgt is not None else "",
                path.name, ident,
            )  # fmt: skip


def load_memory(
    files: Iterable[Path], srclang: str = "es", tgtlang: str = "en"
) -> list[MemoryUnit]:
    out: list[MemoryUnit] = []
    for path in files:
        if path.suffix.lower() in (".po", ".mo", ".xlf", ".xliff"):
            out.extend(read_draft_units(path))
        else:
            out.extend(read_units(path, srclang, tgtlang))
    return out
