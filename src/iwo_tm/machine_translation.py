"""Apertium (Debian's ``apertium`` + ``apertium-eng-spa``), optional, one call per document.

The aligner compares the machine translation of each Spanish sentence with the English, as
Bleualign does. Apertium is started once per document with every sentence on its own line
(starting it costs far more than translating), and each result is cached on disk by the hash
of the document's sentences, so a second run over the same corpus does not call it at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import IwoError
from .textfiles import write_atomic

PAIR = "spa-eng"


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


class Translator:
    """Translate documents sentence by sentence; counts how often Apertium really ran."""

    def __init__(self, cache: Path | None = None):
        self.cache = cache if cache is not None else cache_dir()
        self.calls = 0

    def translate(self, sentences: Sequence[str]) -> list[str]:
        if not sentences:
            return []
        lines = [" ".join(s.split()) for s in sentences]  # one sentence, one line
        key = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
        cached = self.cache / f"{key}.json"
        if cached.exists():
            try:
                out = json.loads(cached.read_text(encoding="utf-8"))
                if isinstance(out, list) and len(out) == len(lines):
                    return out
            except (OSError, ValueError):
                pass  # a damaged cache entry is simply redone
        todo = [k for k, line in enumerate(lines) if line]
        done = self._run([lines[k] for k in todo]) if todo else []
        out = [""] * len(lines)
        for k, text in zip(todo, done, strict=True):
            out[k] = text
        with contextlib.suppress(OSError):  # a read-only cache only costs speed
            write_atomic(cached, json.dumps(out, ensure_ascii=False))
        return out

    def _run(self, lines: list[str]) -> list[str]:
        self.calls += 1
        try:
            done = subprocess.run(
                ["apertium", "-u", "-f", "txt", PAIR],
                input="\n".join(lines) + "\n",
                capture_output=True,
                text=True,
                timeout=600,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise IwoError(f"apertium failed: {exc}") from None
        if done.returncode != 0:
            raise IwoError(f"apertium failed: {done.stderr.strip()[:200]}")
        text = done.stdout[:-1] if done.stdout.endswith("\n") else done.stdout
        out = text.split("\n")
        if len(out) != len(lines):
            raise IwoError(f"apertium returned {len(out)} lines for {len(lines)} sentences")
        return out
