"""Apertium (Debian's ``apertium`` + ``apertium-eng-spa``), optional, one call per document.

The aligner compares the machine translation of each Spanish sentence with the English, as
Bleualign does; suggest drafts with it. Apertium is started once per batch with every
sentence on its own line (starting it costs far more than translating), and each sentence's
result is cached on disk (an SQLite table keyed by the sentence's hash), so a second run, or
a new text that shares sentences with an old one, calls it only for what it has not seen.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..errors import IwoError

PAIR = "spa-eng"
CACHE_VERSION = 2  # sentences sent one per paragraph


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iwo-tm" / "apertium"


def available() -> bool:
    """True when ``apertium`` is installed with the Spanish -> English pair."""
    if shutil.which("apertium") is None:
        return False
    try:
        probe = subprocess.run(
            ["apertium", "-u", PAIR], input="hola", capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0 and bool(probe.stdout.strip())


def use_mt(choice: str) -> bool:
    """Whether to use Apertium for ``--mt auto|yes|no``: auto when it is installed; yes
    without it is an error rather than a run that quietly does without."""
    if choice == "no":
        return False
    if available():
        return True
    if choice == "yes":
        raise IwoError("--mt yes: Apertium (apertium and apertium-eng-spa) is not installed")
    return False


class Translator:
    """Translate sentences in batches; counts how often Apertium really ran."""

    def __init__(self, cache: Path | None = None):
        self.cache = cache if cache is not None else cache_dir()
        self.calls = 0

    def _open(self) -> sqlite3.Connection | None:
        """The cache table, or None where it cannot be had (a read-only or damaged cache only
        costs speed)."""
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.cache / f"{PAIR}-{CACHE_VERSION}.sqlite", timeout=30)
            db.execute("CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
            return db
        except (OSError, sqlite3.Error):
            return None

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Apertium's English, unknown words left as they are."""
        return self._translate(sentences, marks=False)

    def translate_marked(self, sentences: Sequence[str]) -> list[str]:
        """Apertium's English with each word it does not know marked ``*word``, so a draft
        can put the memory's English in its place."""
        return self._translate(sentences, marks=True)

    def _translate(self, sentences: Sequence[str], marks: bool) -> list[str]:
        if not sentences:
            return []
        lines = [" ".join(s.split()) for s in sentences]  # one sentence, one line
        mode = "*" if marks else ""
        keys = [hashlib.sha256((mode + line).encode("utf-8")).hexdigest() for line in lines]
        out = [""] * len(lines)
        db = self._open()
        known: dict[str, str] = {}
        if db is not None:
            try:
                wanted = sorted(set(keys))
                for at in range(0, len(wanted), 500):
                    chunk = wanted[at : at + 500]
                    holes = ",".join("?" * len(chunk))
                    rows = db.execute(f"SELECT key, text FROM mt WHERE key IN ({holes})", chunk)
                    known.update(rows.fetchall())
            except sqlite3.Error:
                known = {}
        todo: dict[str, str] = {}
        for key, line in zip(keys, lines, strict=True):
            if line and key not in known:
                todo.setdefault(key, line)
        if todo:
            done = self._run(list(todo.values()), marks)
            fresh = dict(zip(todo, done, strict=True))
            known.update(fresh)
            if db is not None:
                with contextlib.suppress(sqlite3.Error), db:
                    db.executemany("INSERT OR REPLACE INTO mt VALUES (?, ?)", fresh.items())
        if db is not None:
            db.close()
        for k, (key, line) in enumerate(zip(keys, lines, strict=True)):
            if line:
                out[k] = known[key]
        return out

    def _run(self, lines: list[str], marks: bool) -> list[str]:
        self.calls += 1
        try:
            done = subprocess.run(
                ["apertium", *([] if marks else ["-u"]), "-f", "txt", PAIR],
                # a blank line between sentences: across a single newline Apertium's rules
                # move words from one sentence into the next ("asesinos" -> "Death" when the
                # line before ends in "Muerte")
                input="\n\n".join(lines) + "\n",
                capture_output=True,
                text=True,
                timeout=600,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise IwoError(f"apertium failed: {exc}") from None
        if done.returncode != 0:
            raise IwoError(f"apertium failed: {done.stderr.strip()[:200]}")
        text = done.stdout.rstrip("\n")
        out = [line.strip() for line in text.split("\n\n")]
        if len(out) != len(lines):
            raise IwoError(f"apertium returned {len(out)} lines for {len(lines)} sentences")
        return out
