"""``iwo-tm export`` and ``iwo-tm import``: the memory to and from CAT tools.

Export writes TMX 1.4b the way each tool expects it (language codes with or without region,
the header a tool recognises, dates in TMX's format, usage counts, ``x-`` properties for the
article and the alignment confidence), or TSV, or a PO compendium. Import reads TMX from any
tool (UTF-8 or UTF-16 with BOM, ``srclang="*all*"``, codes in any case, several variants per
unit, inline markup kept), PO and XLIFF, and merges it into ``tmx/imported.tmx`` without
duplicates: the same Spanish and English once, the newest date winning, the others' origin and
date kept as ``x-history`` properties. Files are read as streams; the memory on disk changes
only when the whole input has been read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from ..errors import IwoError
from ..formats.bilingual import READERS
from ..formats.tmx import (
    Header,
    Prop,
    TmxReader,
    TranslationUnit,
    Variant,
    base_lang,
    make_header,
    write_tmx,
)
from ..safety import holds_lock
from ..textfiles import write_atomic
from .units import is_bilingual, read_draft_units

IMPORTED = "imported.tmx"

PROFILES: dict[str, dict] = {
    "generic": {"codes": ("es", "en"), "header": {}},
    "omegat": {
        "codes": ("ES", "EN"),
        "header": {"o-tmf": "OmegaT TMX", "adminlang": "EN-US", "segtype": "sentence"},
    },
    "trados": {
        "codes": ("es-ES", "en-US"),
        "header": {"o-tmf": "TW4Win 2.0 Format", "adminlang": "en-US"},
    },
    "memoq": {
        "codes": ("es-ES", "en-US"),
        "header": {"o-tmf": "memoQ", "adminlang": "en-US"},
    },
}


@dataclass
class Filters:
    min_confidence: float = 0.0
    issues: tuple[str, ...] = ()
    since: str = ""  # TMX date prefix, e.g. 20230101
    until: str = ""

    def keep(self, tu: TranslationUnit) -> bool:
        conf = tu.prop(Prop.CONFIDENCE)
        if conf is not None and float(conf) < self.min_confidence:
            return False
        if self.issues and tu.prop(Prop.ISSUE) not in self.issues:
            return False
        date = tu.date
        if self.since and date[: len(self.since)] < self.since:
            return False
        return not (self.until and date[: len(self.until)] > self.until)


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>ES</source_lang>
        <target_lang>EN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSpanishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""  # an OmegaT project file, Spanish to English: put the exported TMX in its tm/ folder


def omegat_project(folder: str | Path) -> Path:
    """Make an OmegaT project folder (its subfolders and omegat.project) for the memory."""
    folder = Path(folder)
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(OMEGAT_PROJECT, encoding="utf-8")
    return folder


def _pair_variants(
    tu: TranslationUnit, src: str = "es", tgt: str = "en"
) -> tuple[Variant, Variant] | None:
    s, t = tu.variant(src), tu.variant(tgt)
    return (s, t) if s is not None and t is not None else None


def read_all(files: Iterable[Path]) -> Iterator[TranslationUnit]:
    for path in files:
        yield from TmxReader(path)


def for_tool(tu: TranslationUnit, tool: str) -> TranslationUnit | None:
    """A unit as ``tool`` expects it: just the Spanish and English variants, with its codes."""
    pair = _pair_variants(tu)
    if pair is None:
        return None
    es_code, en_code = PROFILES[tool]["codes"]
    s, t = pair
    attrs = dict(tu.attrs)
    attrs.setdefault("changedate", attrs.get("creationdate", ""))
    if not attrs["changedate"]:
        del attrs["changedate"]
    if tool in ("trados", "memoq"):
        attrs.setdefault("usagecount", "0")
    props = list(tu.props)
    if tool == "memoq":  # memoQ reads its context from these
        pre = tu.prop(Prop.CONTEXT_PRE)
        if pre:
            props.append(("x-ContextPre", pre))
    variants = [
        Variant(es_code, s.text, s.xml, s.props, s.notes, s.attrs),
        Variant(en_code, t.text, t.xml, t.props, t.notes, t.attrs),
    ]
    return TranslationUnit(variants, tu.tuid, attrs, props, tu.notes)


@dataclass
class ExportResult:
    written: int
    skipped: int  # without Spanish or English, or filtered out


def export_memory(
    files: Iterable[Path], out: str | Path, tool: str = "generic", fmt: str = "tmx",
    filters: Filters | None = None,
) -> ExportResult:  # fmt: skip
    if tool not in PROFILES:
        raise IwoError(f"unknown tool {tool!r}; choose {', '.join(PROFILES)}")
    filters = filters or Filters()
    counts = {"skipped": 0}

    def units() -> Iterator[TranslationUnit]:
        for tu in read_all(files):
            shaped = for_tool(tu, tool) if filters.keep(tu) else None
            if shaped is None:
                counts["skipped"] += 1
                continue
            yield shaped

    if fmt == "tmx":
        es_code = PROFILES[tool]["codes"][0]
        header = make_header(srclang=es_code, **PROFILES[tool]["header"])
        written = write_tmx(out, units(), header)
    elif fmt == "tsv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
        writer.writerow(["es", "en", "tuid", "article", "confidence"])
        rows = (
            [tu.variants[0].text, tu.variants[1].text, tu.tuid or "", tu.prop(Prop.PAIR) or "",
             tu.prop(Prop.CONFIDENCE) or ""]
            for tu in units()
        )  # fmt: skip
        written = sum(1 for row in rows if writer.writerow(row) is not None)
        write_atomic(out, buf.getvalue())
    elif fmt == "po":
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": "iwo-tm compendium",
            "PO-Revision-Date": "",
            "Last-Translator": "",
            "Language-Team": "",
            "Language": "en",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
        seen: set[tuple[str, str]] = set()
        written = 0
        for tu in units():
            src, tgt = tu.variants[0].text, tu.variants[1].text
            ctx = tu.tuid or None
            if (ctx or "", src) in seen:
                continue
            seen.add((ctx or "", src))
            po.append(polib.POEntry(msgctxt=ctx, msgid=src, msgstr=tgt))
            written += 1
        write_atomic(out, str(po))
    else:
        raise IwoError(f"unknown format {fmt!r}; choose tmx, tsv or po")
    return ExportResult(written, counts["skipped"])


# -- import ----------------------------------------------------------------------------------


def _key(tu: TranslationUnit) -> tuple[str, str] | None:
    pair = _pair_variants(tu)
    if pair is None:
        return None
    return (" ".join(pair[0].text.split()), " ".join(pair[1].text.split()))


def _read_any(path: Path) -> Iterator[TranslationUnit]:
    """Units of a TMX, PO or XLIFF file, as TMX units (es and en variants)."""
    if is_bilingual(path):
        for u in read_draft_units(path):
            if u.target.strip():
                yield TranslationUnit.pair(u.source, u.target, tuid=u.tuid or None)
        return
    yield from TmxReader(path)


@dataclass
class ImportResult:
    read: int
    added: int
    merged: int  # duplicates folded into an existing unit
    without_languages: int
    total: int


def _key_hash(key: tuple[str, str]) -> bytes:
    return hashlib.blake2b("\x00".join(key).encode("utf-8"), digest_size=16).digest()


class _Progress:
    """Bytes read over all inputs, reported to a callback (a progress bar) now and then."""

    def __init__(self, files: list[Path], report: Callable[[int, int], None] | None):
        self.total = 2 * sum(f.stat().st_size for f in files if f.exists())  # two passes
        self.done = 0
        self.report = report

    def units(self, path: Path) -> Iterator[TranslationUnit]:
        if is_bilingual(path):
            yield from _read_any(path)
            self._tick(path.stat().st_size)
            return
        reader = TmxReader(path)
        last = 0
        for n, tu in enumerate(reader, 1):
            if n % 2000 == 0:
                pos = reader.position
                self._tick(pos - last)
                last = pos
            yield tu
        self._tick(reader.size - last)

    def _tick(self, nbytes: int) -> None:
        self.done += nbytes
        if self.report:
            self.report(self.done, self.total)


class _Winners:
    """Per Spanish/English pair, a 16-byte hash, the winner's position, date and origin, and
    the others' origins and dates, in an SQLite table on disk: memory stays bounded whatever
    the size of the inputs."""

    def __init__(self, folder: str) -> None:
        self.db = sqlite3.connect(Path(folder) / "keys.sqlite")
        # a scratch table, thrown away at the end: no journal, no waiting for the disk
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute(
            "CREATE TABLE unit (key BLOB PRIMARY KEY, seq INTEGER, date TEXT, origin TEXT,"
            " history TEXT)"
        )

    def record(self, key: bytes, seq: int, date: str, origin: str) -> bool:
        """Take the unit at ``seq``; says whether its pair was seen before (a merge). The newer
        unit wins; the loser's origin and date go to the history."""
        added = self.db.execute(
            "INSERT INTO unit VALUES (?, ?, ?, ?, '') ON CONFLICT DO NOTHING",
            (key, seq, date, origin),
        ).rowcount
        if added:
            return False  # most units: one statement
        row = self.db.execute(
            "SELECT seq, date, origin, history FROM unit WHERE key = ?", (key,)
        ).fetchone()
        old_seq, old_date, old_origin, history = row
        lines = [h for h in history.split("\n") if h]
        if date > old_date:
            loser = f"{old_origin} {old_date}".strip()
            old_seq, old_date, old_origin = seq, date, origin
        else:
            loser = f"{origin} {date}".strip()
        if (origin, date) != (row[2], row[1]) and loser not in lines:
            lines.append(loser)
        self.db.execute(
            "UPDATE unit SET seq = ?, date = ?, origin = ?, history = ? WHERE key = ?",
            (old_seq, old_date, old_origin, "\n".join(lines), key),
        )
        return True

    def winner(self, key: bytes) -> tuple[int, str]:
        """The winning position and the history of the pair."""
        return self.db.execute("SELECT seq, history FROM unit WHERE key = ?", (key,)).fetchone()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM unit").fetchone()[0]


@dataclass
class _Tally:
    read: int = 0
    merged: int = 0
    without: int = 0
    before: int = 0  # units of the memory already there


def _first_pass(
    sources: list[Path], target: Path, meter: _Progress, table: _Winners, tally: _Tally
) -> None:
    """Read every unit once, keeping only what decides the winner of each pair."""
    seq = 0
    for path in sources:
        existing = path == target
        found, langs_seen = 0, set()
        for tu in meter.units(path):
            seq += 1
            tally.read += not existing
            langs_seen.update(base_lang(v.lang) for v in tu.variants)
            k = _key(tu)
            if k is None:
                tally.without += not existing
                continue
            found += 1
            tally.before += existing
            origin = tu.prop(Prop.ORIGIN) or path.name
            tally.merged += table.record(_key_hash(k), seq, tu.date, origin)
        if not found and not existing:
            langs = ", ".join(sorted(langs_seen)) or "none"
            raise IwoError(
                f"no unit with both Spanish and English (languages found: {langs})", path
            )


def _winners(sources: list[Path], meter: _Progress, table: _Winners) -> Iterator[TranslationUnit]:
    """Second pass: each pair's winner, with its origin and the losers' history."""
    n = 0
    for path in sources:
        for tu in meter.units(path):
            n += 1
            k = _key(tu)
            if k is None:
                continue
            seq, history = table.winner(_key_hash(k))
            if seq != n:
                continue
            if not tu.prop(Prop.ORIGIN):
                tu.props.append((Prop.ORIGIN, path.name))
            for line in history.split("\n"):
                if line and (Prop.HISTORY, line) not in tu.props:
                    tu.props.append((Prop.HISTORY, line))
            yield tu


@holds_lock("tmx_dir", "the memory")
def import_files(
    files: Iterable[Path],
    tmx_dir: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Merge ``files`` into ``tmx/imported.tmx`` in two streaming passes over the inputs: the
    first finds each pair's winner (see ``_Winners``), the second writes the winners."""
    tmx_dir = Path(tmx_dir)
    target = tmx_dir / IMPORTED
    inputs = [Path(f) for f in files]
    for path in inputs:  # every input's kind known before any is read
        if path.suffix.lower() not in READERS:
            known = ", ".join(sorted(READERS))
            raise IwoError(f"not a memory file this tool reads (it reads {known})", path)
    sources = ([target] if target.exists() else []) + inputs
    meter = _Progress(sources, progress)
    header: Header = make_header()
    if target.exists():
        reader = TmxReader(target)
        next(iter(reader), None)
        header = reader.header or header
    tally = _Tally()
    with tempfile.TemporaryDirectory() as tmp:
        table = _Winners(tmp)
        _first_pass(sources, target, meter, table, tally)
        total = table.count()
        write_tmx(target, _winners(sources, meter, table), header)
        table.db.close()
    return ImportResult(tally.read, total - tally.before, tally.merged, tally.without, total)
