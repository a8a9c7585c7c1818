"""The memory's index on disk, as data only, opened in place: a cache file can never run code,
and opening it reads almost nothing.

The index of ``fuzzy`` is kept between runs in ``tmx/.cache/index-KEY/``, KEY changing with the
TMX files:

- ``manifest.json``: the format's version, the key, the counts;
- ``units.sqlite``: the units (read one by one when a match needs them), the vocabulary (each
  query word looked up), the short units a longer segment may contain (looked up by code);
- ``.npy`` arrays, memory-mapped and read with ``allow_pickle=False``: the postings, each unit's
  length, and every unit's word code as one array of code points with its offsets;
- ``learnt.json``: the vocabulary learnt from the memory's units (``lexicon.learn``).

Whatever does not open as it was written (another version, a truncated array, a crafted or
damaged file) raises ``CacheError``, and the caller rebuilds the index from the TMX files.
Nothing in the folder is ever executed or used as a path; the database is opened read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from ..language.lexicon import Lexicon
from .codes import CodeStore
from .units import MemoryUnit

__all__ = ["FORMAT", "CacheError", "load_parts", "save_parts"]

FORMAT = 5  # the layout of the folder; another number is rebuilt
ARRAYS = {
    "post_units": np.int32, "post_start": np.int64, "lengths": np.int32,
    "code_chars": np.uint32, "code_start": np.int64, "fragment_keys": np.uint64,
}  # fmt: skip
FIELDS = ("source", "target", "origin", "tuid", "pair", "context", "date")
CHUNK = 900  # ids per SQL query (SQLite's limit on variables is higher on any current build)


def fragment_key(code: str) -> int:
    """A fragment code's 64-bit hash, as the index stores it."""
    return int.from_bytes(hashlib.blake2b(code.encode("utf-8"), digest_size=8).digest(), "little")


class CacheError(Exception):
    """The cache cannot be used as it is; the message says why, for a notice."""


# -- writing ---------------------------------------------------------------------------------


def save_parts(folder: Path, key: str, parts: dict) -> None:
    """Write an index's parts into ``folder`` (created whole or not at all: a temporary folder
    renamed into place)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        units, codes, vocab = parts["units"], parts["codes"], parts["vocab"]
        _write_db(tmp / "units.sqlite", units, vocab, parts["fragments"])
        keys = np.unique(np.fromiter(map(fragment_key, parts["fragments"]), dtype=np.uint64))
        arrays = {**{k: parts[k] for k in ("post_units", "post_start", "lengths")},
                  "code_chars": codes.chars, "code_start": codes.start,
                  "fragment_keys": keys}  # fmt: skip
        for name, dtype in ARRAYS.items():
            np.save(tmp / f"{name}.npy", np.asarray(arrays[name], dtype=dtype), allow_pickle=False)
        learnt = {k: sorted(v) for k, v in parts["learnt"].entries.items()}
        (tmp / "learnt.json").write_text(json.dumps(learnt, ensure_ascii=False), "utf-8")
        manifest = {"format": FORMAT, "key": key, "units": len(units), "vocab": len(vocab)}
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            tmp.rename(folder)
        except OSError:
            if not folder.is_dir():  # another writer was first: theirs is as good
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_db(
    path: Path, units: Sequence[MemoryUnit], vocab: list, fragments: Mapping[str, list[int]]
) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute(f"CREATE TABLE units (id INTEGER PRIMARY KEY, {', '.join(FIELDS)})")
        db.execute("CREATE TABLE vocab (word TEXT PRIMARY KEY, id INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE fragments (code TEXT, unit INTEGER)")
        holes = ", ".join("?" * (len(FIELDS) + 1))
        db.executemany(
            f"INSERT INTO units VALUES ({holes})",
            ((k, *(getattr(u, f) for f in FIELDS)) for k, u in enumerate(units)),
        )
        db.executemany("INSERT INTO vocab VALUES (?, ?)", ((w, i) for i, w in enumerate(vocab)))
        rows = ((code, k) for code, ids in fragments.items() for k in ids)
        db.executemany("INSERT INTO fragments VALUES (?, ?)", rows)
        db.execute("CREATE INDEX fragments_code ON fragments (code)")
        db.commit()
    finally:
        db.close()


# -- reading ---------------------------------------------------------------------------------


def load_parts(folder: Path, key: str) -> dict:
    """An index's parts, opened in place and checked; ``CacheError`` otherwise."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise CacheError("written by another version")
        if manifest.get("key") != key:
            raise CacheError("made for other memory files")
        n, n_vocab = manifest.get("units"), manifest.get("vocab")
        if not (isinstance(n, int) and isinstance(n_vocab, int)):
            raise CacheError("not an index")
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in ARRAYS
        }
        learnt = _learnt(json.loads((folder / "learnt.json").read_text(encoding="utf-8")))
        db = sqlite3.connect(f"file:{folder / 'units.sqlite'}?mode=ro", uri=True)
        found = db.execute("SELECT count(*) FROM units").fetchone()[0]
        if found != n or db.execute("SELECT count(*) FROM vocab").fetchone()[0] != n_vocab:
            raise CacheError("the units do not match their count")
    except CacheError:
        raise
    except (OSError, ValueError, UnicodeError, sqlite3.Error, TypeError) as exc:
        raise CacheError(f"unreadable ({type(exc).__name__})") from None
    _check_arrays(arrays, n, n_vocab)
    return {
        "units": UnitStore(db, n), "codes": CodeStore(arrays["code_chars"], arrays["code_start"]),
        "vocab": VocabStore(db, n_vocab), "learnt": learnt,
        "fragments": FragmentStore(db, arrays["fragment_keys"]),
        **{k: arrays[k] for k in ("post_units", "post_start", "lengths")},
    }  # fmt: skip


def _learnt(data: object) -> Lexicon:
    if not isinstance(data, dict):
        raise CacheError("the learnt vocabulary is not as written")
    entries = {}
    for word, keys in data.items():
        if not (isinstance(keys, list) and all(isinstance(k, str) for k in keys)):
            raise CacheError("the learnt vocabulary is not as written")
        entries[str(word)] = set(keys)
    return Lexicon(entries, sources=["learnt from the memory"])


def _check_arrays(arrays: dict, n: int, n_vocab: int) -> None:
    """The arrays: the right types and shapes, in order, naming only units that exist."""
    for name, dtype in ARRAYS.items():
        if arrays[name].dtype != dtype or arrays[name].ndim != 1:
            raise CacheError(f"{name} is not as written")
    post_units, post_start, lengths = (arrays[k] for k in ("post_units", "post_start", "lengths"))
    chars, start = arrays["code_chars"], arrays["code_start"]
    if lengths.size != n or post_start.size != n_vocab + 1 or start.size != n + 1:
        raise CacheError("the arrays do not match the units")
    if post_start[0] != 0 or post_start[-1] != post_units.size:
        raise CacheError("the postings do not match")
    if start[0] != 0 or start[-1] != chars.size:
        raise CacheError("the codes do not match")
    if np.any(np.diff(post_start) < 0) or np.any(np.diff(start) != lengths):
        raise CacheError("the arrays are out of order")
    if post_units.size and (post_units.min() < 0 or post_units.max() >= max(n, 1)):
        raise CacheError("a posting names a unit that is not there")
    if chars.size and (chars.max() > 0x10FFFF or np.any((chars >= 0xD800) & (chars < 0xE000))):
        raise CacheError("a code is not text")
    _check_keys(arrays["fragment_keys"])


def _check_keys(keys: np.ndarray) -> None:
    """The fragment keys: strictly increasing, as a binary search needs them."""
    if np.any(keys[1:] <= keys[:-1]):
        raise CacheError("the fragment keys are out of order")


class UnitStore(Sequence[MemoryUnit]):
    """The units, read from the database when a match or a phrase needs them."""

    def __init__(self, db: sqlite3.Connection, n: int):
        self._db, self._n = db, n
        self._select = f"SELECT id, {', '.join(FIELDS)} FROM units"

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):  # noqa: ANN001, ANN204
        if isinstance(k, slice):
            return self._many(range(*k.indices(self._n)))
        if not -self._n <= k < self._n:
            raise IndexError(k)
        return self._many([k % self._n])[0]

    def _many(self, ids: Sequence[int]) -> list[MemoryUnit]:
        found: dict[int, MemoryUnit] = {}
        for at in range(0, len(ids), CHUNK):
            chunk = list(ids[at : at + CHUNK])
            holes = ",".join("?" * len(chunk))
            for row in self._db.execute(f"{self._select} WHERE id IN ({holes})", chunk):
                found[row[0]] = MemoryUnit(*(str(x) for x in row[1:]))
        try:
            return [found[i] for i in ids]
        except KeyError:
            raise IndexError("a unit is missing from the index") from None

    def __iter__(self) -> Iterator[MemoryUnit]:
        for at in range(0, self._n, CHUNK * 10):
            yield from self[at : at + CHUNK * 10]


class VocabStore(Mapping[str, int]):
    """The vocabulary: a word's id, looked up in the database once per run (a text repeats
    its words: an issue of 11,000 words asks for them some 60,000 times)."""

    def __init__(self, db: sqlite3.Connection, n: int):
        self._db, self._n = db, n
        self._seen: dict[str, int | None] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, word: str) -> int:
        if word not in self._seen:
            row = self._db.execute("SELECT id FROM vocab WHERE word = ?", (word,)).fetchone()
            self._seen[word] = None if row is None else int(row[0])
        found = self._seen[word]
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        for (word,) in self._db.execute("SELECT word FROM vocab ORDER BY id"):
            yield word


class FragmentStore(Mapping[str, list[int]]):
    """The short units (slogans, headings) by their code, looked up in the database. A sorted
    array of the codes' hashes, memory-mapped, answers "no such fragment" (most look-ups)
    without a query and without reading every code first."""

    def __init__(self, db: sqlite3.Connection, keys: np.ndarray):
        self._db, self._keys = db, np.asarray(keys)

    def known(self, codes: Sequence[str]) -> list[bool]:
        """For each code, whether a unit may be that fragment (a hash found; no query)."""
        if not codes or not self._keys.size:
            return [False] * len(codes)
        keys = np.fromiter((fragment_key(c) for c in codes), dtype=np.uint64, count=len(codes))
        at = np.minimum(np.searchsorted(self._keys, keys), self._keys.size - 1)
        return (self._keys[at] == keys).tolist()

    def __getitem__(self, code: str) -> list[int]:
        if not self.known([code])[0]:
            raise KeyError(code)
        rows = self._db.execute("SELECT unit FROM fragments WHERE code = ? ORDER BY unit", (code,))
        found = [int(r[0]) for r in rows]
        if not found:
            raise KeyError(code)
        return found

    def __len__(self) -> int:
        return self._db.execute("SELECT count(DISTINCT code) FROM fragments").fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        for (code,) in self._db.execute("SELECT DISTINCT code FROM fragments ORDER BY code"):
            yield code
