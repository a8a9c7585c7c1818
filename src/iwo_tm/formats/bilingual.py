"""Bilingual files as translation units, whatever their format: one reader per format, one
registry keyed by extension (``open_units``), as translate-toolkit's storage factory does.

Every reader gives the same thing: the units (source, target, id, finished or not) and, for a
draft made by ``iwo-tm suggest``, the text it was made from. PO and MO (gettext, via polib),
XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit>``/``<segment>``), and TMX (a source and a target
language picked from its variants). A file the reader cannot make sense of is an ``IwoError``
naming it, in a translator's words; a file with no unit at all is one too.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
from lxml import etree

from ..errors import IwoError
from ..textfiles import read_text
from .tmx import TmxReader
from .xml import parse_xml

__all__ = ["READERS", "BilingualFile", "BilingualUnit", "open_units"]

XLIFF_STATES_DONE = ("translated", "signed-off", "final")


@dataclass(frozen=True)
class BilingualUnit:
    source: str
    target: str
    id: str = ""
    finished: bool = True  # not fuzzy, not waiting for review


@dataclass
class BilingualFile:
    path: Path
    units: list[BilingualUnit] = field(default_factory=list)
    original: str | None = None  # the text a draft was made from, if it says


# a PO line that holds a string: the keyword (if any) and the whole quoted string
_PO_STRING = re.compile(r'(msg\w+(\[\d+\])?\s+)?"(?:[^"\\]|\\.)*"\s*')


def _check_po_strings(text: str, path: Path) -> None:
    """Every string of a PO file closed by its quote: polib would cut one that is not."""
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if line.startswith(("msg", '"')) and not _PO_STRING.fullmatch(line):
            raise IwoError("a string not closed by a quote, or not a PO line", path, number)


def read_po(path: Path, srclang: str = "es", tgtlang: str = "en") -> BilingualFile:
    text = read_text(path)
    _check_po_strings(text, path)
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as exc:
        raise IwoError(f"not a readable PO file: {exc}", path) from None
    return _from_polib(path, po, po.metadata.get("X-Iwo-Source"))


def read_mo(path: Path, srclang: str = "es", tgtlang: str = "en") -> BilingualFile:
    try:
        mo = polib.mofile(str(path))
    except (OSError, ValueError, struct.error, UnicodeError) as exc:
        reason = "cut short" if isinstance(exc, struct.error) else str(exc)
        raise IwoError(f"not a readable MO file ({reason})", path) from None
    return _from_polib(path, mo, None)


def _from_polib(path: Path, catalogue: polib._BaseFile, original: str | None) -> BilingualFile:
    units = [
        BilingualUnit(
            e.msgid, e.msgstr, e.msgctxt or "",
            bool(e.msgstr.strip()) and not getattr(e, "fuzzy", False),  # an MO has no fuzzy
        )
        for e in catalogue
        if e.msgid and not e.obsolete and not e.msgid_plural
    ]  # fmt: skip
    return BilingualFile(path, units, original)


def read_xliff(path: Path, srclang: str = "es", tgtlang: str = "en") -> BilingualFile:
    """XLIFF 1.2 ``<trans-unit>`` or 2.0 ``<unit>`` with one or more ``<segment>``."""
    root = parse_xml(path.read_bytes(), path)
    if etree.QName(root).localname != "xliff":
        raise IwoError(f"not an XLIFF file (root element <{etree.QName(root).localname}>)", path)
    first = root.find("{*}file")
    original = first.get("original") if first is not None else None
    units = []
    for tu in root.iter("{*}trans-unit", "{*}segment"):
        src = tu.find("{*}source")
        if src is None:
            raise IwoError("a unit without <source>", path, tu.sourceline)
        tgt = tu.find("{*}target")
        target = "".join(tgt.itertext()) if tgt is not None else ""
        if etree.QName(tu).localname == "segment":  # 2.0: the state is the segment's
            state = tu.get("state", "translated" if target else "initial")
            ident = tu.get("id") or tu.getparent().get("id", "")
            done = bool(target.strip()) and state in ("translated", "reviewed", "final")
        else:
            state = tgt.get("state", "translated") if tgt is not None else ""
            ident = tu.get("id", "")
            done = bool(target.strip()) and state in XLIFF_STATES_DONE
        units.append(BilingualUnit("".join(src.itertext()), target, ident, done))
    return BilingualFile(path, units, original)


def read_tmx_units(path: Path, srclang: str = "es", tgtlang: str = "en") -> BilingualFile:
    units = []
    for tu in TmxReader(path):
        src, tgt = tu.variant(srclang), tu.variant(tgtlang)
        if src is not None and tgt is not None:
            units.append(BilingualUnit(src.text, tgt.text, tu.tuid or ""))
    return BilingualFile(path, units)


# one reader per extension: the one place a file's suffix decides how it is read
READERS: dict[str, Callable[..., BilingualFile]] = {
    ".po": read_po,
    ".pot": read_po,
    ".mo": read_mo,
    ".xlf": read_xliff,
    ".xliff": read_xliff,
    ".tmx": read_tmx_units,
}


def open_units(
    path: str | Path, srclang: str = "es", tgtlang: str = "en", allow_empty: bool = False
) -> BilingualFile:
    """The units of a bilingual file, read by the reader its extension names."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise IwoError(f"not a bilingual file this tool reads (it reads {known})", path)
    found = reader(path, srclang, tgtlang)
    if not found.units and not allow_empty:
        raise IwoError(f"no {srclang}/{tgtlang} translation unit in it", path)
    return found
