"""Reading and writing the user's files safely.

Every input goes through :func:`read_text` so that a missing, binary, empty or mis-encoded
file gets one clear line; every output goes through :func:`write_atomic` so that a file the
user already had is never half-written.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import IwoError


def regular_file(path: str | Path) -> Path:
    """``path`` if it is a file that can be read to its end: not missing, not a folder, not a
    pipe or a device (which would make a command wait for ever or read without end)."""
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise IwoError("is a link that leads nowhere (or to itself)", p)
    if not p.exists():
        raise IwoError("no such file", p)
    if p.is_dir():
        raise IwoError("is a folder, expected a text file", p)
    if not p.is_file():
        raise IwoError("is not a regular file (a pipe or a device): save the text to a file", p)
    return p


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a text file (UTF-8, or UTF-16 after its byte-order mark), refusing binary, empty
    and undecodable files with a clear error."""
    p = regular_file(path)
    data = p.read_bytes()
    # "Unicode text" as Windows programs save it (Excel, Notepad): UTF-16 after a byte-order mark
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IwoError("binary file (NUL byte), expected UTF-8 text", p, line)
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        name = "UTF-16" if utf16 else "UTF-8"
        raise IwoError(
            f"not valid {name} (byte 0x{data[exc.start]:02x}): save the file as UTF-8", p, line
        ) from None
    if not allow_empty and not text.strip():
        raise IwoError("empty file", p)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_rows(text: str, path: str | Path, **fmt: str) -> list[list[str]]:
    """The rows of a CSV or TSV text; a row the reader cannot take (a field over 128 kB, a
    quote never closed) is an error naming the file and its line."""
    reader = csv.reader(io.StringIO(text), **fmt)
    try:
        return list(reader)
    except csv.Error as exc:
        reason = "a field too long (over 128 kB)" if "field larger" in str(exc) else str(exc)
        raise IwoError(f"cannot read this table: {reason}", path, reader.line_num) from None


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    with atomic_output(path) as fh:
        fh.write(content.encode("utf-8") if isinstance(content, str) else content)


def as_tsv(rows: list[list[str]]) -> str:
    """Rows as tab-separated text, quoted where a field holds a tab, a newline or a quote
    (``read_rows`` with ``delimiter="\\t"`` reads them back as they were)."""
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t", lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write_spreadsheet(path: str | Path, text: str) -> None:
    """Write a TSV or CSV that people open in a spreadsheet: UTF-8 after a byte-order mark,
    without which Excel reads it in another encoding (Opinión shows as OpiniÃ³n). ``read_text``
    and the usual readers skip the mark."""
    write_atomic(path, "\ufeff" + text)


def _permissions(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else those of any
    new file under the user's umask (a temporary file's own are private to the user)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_orphans(path: Path) -> None:
    """Remove the temporary files that writers of ``path`` killed mid-write left beside it
    (their name carries the writer's process id; a live writer's file is left alone)."""
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


@contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """Stream into a temporary file beside ``path``; rename over it only if all went well.
    A killed writer's temporary file is removed by the next writer of the same file."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(p)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.{os.getpid()}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _permissions(p))
            yield fh
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
