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
from ..formats.bilingual import READERS, open_units
from ..formats.tmx import Prop, TmxReader


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
            tu.prop(Prop.PAIR) or "",
            tu.prop(Prop.CONTEXT_PRE) or "",
            tu.date,
        )


def read_draft_units(path: Path, srclang: str = "es", tgtlang: str = "en") -> Iterator[MemoryUnit]:
    """A PO, MO or XLIFF file (a draft under review, a CAT tool's file), read as units, empty
    translations included: the checks look at those too."""
    for u in open_units(path, srclang, tgtlang).units:
        yield MemoryUnit(u.source, u.target, path.name, u.id)


def is_bilingual(path: Path) -> bool:
    """A PO, MO or XLIFF file rather than a TMX file (which is read with its properties)."""
    return path.suffix.lower() in READERS and path.suffix.lower() != ".tmx"


def load_memory(
    files: Iterable[Path], srclang: str = "es", tgtlang: str = "en"
) -> list[MemoryUnit]:
    """Every unit of these files; files that hold none at all are an error, not an empty
    memory that every check would pass."""
    files = list(files)
    out: list[MemoryUnit] = []
    for path in files:
        if is_bilingual(path):
            out.extend(read_draft_units(path, srclang, tgtlang))
        else:
            out.extend(read_units(path, srclang, tgtlang))
    if files and not out:
        where = files[0] if len(files) == 1 else files[0].parent
        raise IwoError(f"no {srclang}/{tgtlang} translation unit in the memory", where)
    return out
