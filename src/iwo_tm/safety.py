"""What every command guarantees about the user's files, each rule enforced here, once.

- An output never clobbers an input, the memory (a ``.tmx`` in the memory folder), a corpus
  article or something that is not a regular file (``guard_output``); a read-only file is
  refused rather than replaced behind its owner's back.
- Names that come from data (pair ids, issue numbers) are plain names, never paths
  (``safe_name``), and a path built from them stays inside its folder (``inside``).
- One writer at a time: a command that reads, changes and writes the memory, the review file
  or the corpus holds that folder's lock (``locked``); a second one waits for it, saying so.
"""

from __future__ import annotations

import fcntl
import functools
import inspect
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .errors import IwoError

__all__ = ["guard_output", "holds_lock", "inside", "locked", "safe_name"]

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger(__name__)
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
LOCK = ".lock"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def guard_output(
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    tmx_dir: str | Path | None = None,
    corpus: str | Path | None = None,
) -> Path:
    """``path`` if a command may write it; else one line saying why not."""
    p = Path(path)
    for given in inputs:
        if _same(p, Path(given)):
            raise IwoError("is also an input of this command: give another file to write", p)
    if tmx_dir is not None and p.suffix.lower() == ".tmx" and _same(p.parent, Path(tmx_dir)):
        raise IwoError("is the translation memory: give another file to write", p)
    if corpus is not None:
        folder = Path(corpus).resolve()
        try:
            relative = p.resolve().relative_to(folder)
        except (ValueError, OSError):
            relative = None
        if relative is not None and relative.parts[:1] in (("es",), ("en",)):
            raise IwoError("is in the corpus: write drafts and reports elsewhere", p)
    if p.is_symlink() and not p.exists():
        raise IwoError("is a link that leads nowhere (or to itself): give another file", p)
    if p.exists():
        mode = p.stat().st_mode
        if not stat.S_ISREG(mode):
            raise IwoError("is not a regular file (a folder, a pipe or a device)", p)
        # the owner's write bit, not os.access: root may write anything, but a file someone
        # made read-only says "keep this", whoever runs the command
        if not mode & stat.S_IWUSR or not os.access(p, os.W_OK):
            raise IwoError("is read-only: make it writable or give another file", p)
    return p


def safe_name(value: object, what: str, path: str | Path | None = None) -> str:
    """A name from data (a pair id, an issue number) that can be a file name and nothing
    more: lower-case letters, digits and hyphens."""
    text = str(value).strip()
    if not _NAME.fullmatch(text):
        raise IwoError(
            f"{what} {text[:40]!r} is not a plain name (lower-case letters, digits, hyphens)", path
        )
    return text


def inside(folder: str | Path, path: str | Path) -> Path:
    """``path``, after checking that it lies inside ``folder``."""
    p = Path(path)
    try:
        p.resolve().relative_to(Path(folder).resolve())
    except ValueError:
        raise IwoError(f"would be written outside {folder}", p) from None
    return p


def lock_wait() -> float:
    """How long a command waits for another one to finish writing: IWO_TM_LOCK_WAIT seconds
    (10 minutes unless set), then it gives up rather than hang behind a stuck one."""
    raw = os.environ.get("IWO_TM_LOCK_WAIT", "600")
    try:
        wait = float(raw)
    except ValueError:
        raise IwoError(f"IWO_TM_LOCK_WAIT={raw!r} is not a number of seconds") from None
    return wait if wait == wait and wait >= 0 else 600.0  # NaN or negative: the default


def _take(fd: int, folder: Path, what: str) -> None:
    """Take the lock on ``fd``, waiting (saying so once) at most ``lock_wait()`` seconds."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    log.warning("another iwo-tm command is writing %s (%s): waiting for it", what, folder)
    start = time.monotonic()
    deadline = start + lock_wait()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            log.debug("waited %.1f s", time.monotonic() - start)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise IwoError(
                    f"another iwo-tm command has been writing {what} for "
                    f"{time.monotonic() - start:.0f} s: let it finish, or stop it, then try "
                    "again",
                    folder,
                ) from None
            time.sleep(0.1)


@contextmanager
def locked(folder: str | Path, what: str = "the memory") -> Iterator[None]:
    """Hold ``folder``'s lock while a command reads, changes and writes what is in it: a
    second command waits (saying so once) rather than lose one of the two updates."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _take(fd, folder, what)
        # with the lock held no other writer is at work here: a temporary file left in the
        # folder is a killed command's, and goes
        for stale in folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def holds_lock(folder_param: str, what: str = "the memory") -> Callable[[F], F]:
    """A library function that writes into the folder its ``folder_param`` names runs under
    that folder's lock (``locked``), whoever calls it."""

    def wrap(fn: F) -> F:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            with locked(bound.arguments[folder_param], what):
                return fn(*args, **kwargs)

        return run  # type: ignore[return-value]

    return wrap
