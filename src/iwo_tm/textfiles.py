"""Reading and writing the user's files safely.

Every input goes through :func:`read_text` so that a missing, binary, empty or mis-encoded
file gets one clear line; every output goes through :func:`write_atomic` so that a file the
user already had is never half-written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import IwoError


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a UTF-8 text file, refusing binary, empty and undecodable files with a clear error."""
    p = Path(path)
    if not p.exists():
        raise IwoError("no such file", p)
    if p.is_dir():
        raise IwoError("is a folder, expected a text file", p)
    data = p.read_bytes()
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IwoError("binary file (NUL byte), expected UTF-8 text", p, line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IwoError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", p, line) from None
    if not allow_empty and not text.strip():
        raise IwoError("empty file", p)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    with atomic_output(path) as fh:
        fh.write(content.encode("utf-8") if isinstance(content, str) else content)


def _permissions(path: Path) -> int:
    """The permissions a written file gets: those of the file it replaces, else those of any
    new file under the user's umask (a temporary file's own are private to the user)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """Stream into a temporary file beside ``path``; rename over it only if all went well."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _permissions(p))
            yield fh
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
