"""The memory's index on disk, as data only: a cache file can never run code.

The index of ``fuzzy`` is kept between runs in ``tmx/.cache/index-KEY/``, KEY changing with the
TMX files: ``manifest.json`` (the format's version, the key, the counts), ``units.json`` (each
unit's fields and its word code), ``vocab.json`` (the words in id order) and the postings as
``.npy`` arrays read with ``allow_pickle=False``. Whatever does not read back as it was written
(another version, a truncated array, a crafted or damaged file) raises ``CacheError``, and the
caller rebuilds the index from the TMX files. Nothing in the folder is ever executed or used
as a path.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .units import MemoryUnit

__all__ = ["FORMAT", "CacheError", "load_parts", "save_parts"]

FORMAT = 3  # the layout of the folder; another number is rebuilt
ARRAYS = {"post_units": np.int32, "post_start": np.int64, "lengths": np.int32}
FIELDS = ("source", "target", "origin", "tuid", "pair", "context", "date")


class CacheError(Exception):
    """The cache cannot be used as it is; the message says why, for a notice."""


def save_parts(folder: Path, key: str, parts: dict) -> None:
    """Write an index's parts into ``folder`` (created whole or not at all: a temporary folder
    renamed into place)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        units = [[getattr(u, f) for f in FIELDS] for u in parts["units"]]
        (tmp / "units.json").write_text(
            json.dumps({"units": units, "codes": parts["codes"]}, ensure_ascii=False),
            encoding="utf-8",
        )
        (tmp / "vocab.json").write_text(json.dumps(parts["vocab"], ensure_ascii=False), "utf-8")
        for name, dtype in ARRAYS.items():
            np.save(tmp / f"{name}.npy", np.asarray(parts[name], dtype=dtype), allow_pickle=False)
        manifest = {"format": FORMAT, "key": key, "units": len(units), "vocab": len(parts["vocab"])}
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            tmp.rename(folder)
        except OSError:
            if not folder.is_dir():  # another writer was first: theirs is as good
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_parts(folder: Path, key: str) -> dict:
    """An index's parts as ``save_parts`` wrote them, checked; ``CacheError`` otherwise."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise CacheError("written by another version")
        if manifest.get("key") != key:
            raise CacheError("made for other memory files")
        data = json.loads((folder / "units.json").read_text(encoding="utf-8"))
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in ARRAYS
        }
    except CacheError:
        raise
    except (OSError, ValueError, UnicodeError) as exc:
        raise CacheError(f"unreadable ({type(exc).__name__})") from None
    return _checked(manifest, data, vocab, arrays)


def _checked(manifest: dict, data: object, vocab: object, arrays: dict) -> dict:
    """The parts, once every shape and type is as an index needs it."""
    if not isinstance(data, dict) or not isinstance(vocab, list):
        raise CacheError("not an index")
    rows, codes = data.get("units"), data.get("codes")
    n = manifest.get("units")
    if not (isinstance(rows, list) and isinstance(codes, list) and len(rows) == len(codes) == n):
        raise CacheError("units and codes do not match")
    if len(vocab) != manifest.get("vocab") or not all(isinstance(w, str) for w in vocab):
        raise CacheError("vocabulary does not match")
    units = _units(rows, codes)
    _check_arrays(arrays, n, len(vocab))
    if any(len(c) != int(k) for c, k in zip(codes, arrays["lengths"], strict=True)):
        raise CacheError("the codes do not match their lengths")
    return {"units": units, "codes": codes, "vocab": vocab, **arrays}


def _units(rows: list, codes: list) -> list[MemoryUnit]:
    units = []
    for row, code in zip(rows, codes, strict=True):
        if not (isinstance(row, list) and len(row) == len(FIELDS) and isinstance(code, str)):
            raise CacheError("a unit is not as written")
        if not all(isinstance(x, str) for x in row):
            raise CacheError("a unit is not as written")
        units.append(MemoryUnit(*row))
    return units


def _check_arrays(arrays: dict, n: int, n_vocab: int) -> None:
    """The postings: the right types and shapes, in order, naming only units that exist."""
    for name, dtype in ARRAYS.items():
        if arrays[name].dtype != dtype or arrays[name].ndim != 1:
            raise CacheError(f"{name} is not as written")
    post_units, post_start, lengths = (arrays[k] for k in ARRAYS)
    if lengths.size != n or post_start.size != n_vocab + 1:
        raise CacheError("the arrays do not match the units")
    if post_start[0] != 0 or post_start[-1] != post_units.size:
        raise CacheError("the postings do not match")
    if post_start.size > 1 and np.any(np.diff(post_start) < 0):
        raise CacheError("the postings are out of order")
    if post_units.size and (post_units.min() < 0 or post_units.max() >= max(n, 1)):
        raise CacheError("a posting names a unit that is not there")
