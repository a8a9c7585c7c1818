"""Each unit's word code, one character per word: what the fuzzy index compares and searches
for phrases. All units' codes lie in one array (memory-mapped when read from the cache)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["CodeStore", "codes_from_ids"]

# word ids become characters above the control range, skipping the surrogates
_OFFSET, _SURROGATES, _GAP = 0x100, 0xD800, 0x800


def codes_from_ids(ids: np.ndarray, lengths: np.ndarray) -> CodeStore:
    """The codes of units whose word ids, unit after unit, are ``ids``."""
    chars = ids.astype(np.int64) + _OFFSET
    chars[chars >= _SURROGATES] += _GAP
    start = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths, out=start[1:])
    return CodeStore(chars.astype(np.uint32), start)


DECODED = 200_000  # codes kept decoded at most (some 30 MB)


class CodeStore(Sequence[str]):
    """Each unit's word code (one character per word), cut from one memory-mapped array."""

    def __init__(self, chars: np.ndarray, start: np.ndarray):
        # plain arrays over the mapped memory: indexing them skips numpy's memmap machinery
        self.chars, self.start = np.asarray(chars), np.asarray(start)
        self._decoded: dict[int, str] = {}  # the codes read this run (a text's segments
        # meet the same candidates again and again); emptied when it grows past DECODED

    def __len__(self) -> int:
        return self.start.size - 1

    def __getitem__(self, k):  # noqa: ANN001, ANN204
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        n = len(self)
        if not -n <= k < n:
            raise IndexError(k)
        k %= n
        code = self._decoded.get(k)
        if code is None:
            if len(self._decoded) >= DECODED:
                self._decoded.clear()
            a, b = self.start[k : k + 2].tolist()
            code = self.chars[a:b].astype("<u4", copy=False).tobytes().decode("utf-32-le")
            self._decoded[k] = code
        return code

    def containing(self, run: str, ks: np.ndarray) -> np.ndarray:
        """The units among ``ks`` whose code holds ``run`` in a row, found in the mapped
        array at once (the same as ``run in self[k]`` for each, without decoding any)."""
        want = np.frombuffer(run.encode("utf-32-le"), dtype="<u4").astype(np.int64)
        ks = np.asarray(ks, dtype=np.int64)
        starts, ends = self.start[ks], self.start[ks + 1]
        counts = np.maximum(ends - starts - want.size + 1, 0)
        total = int(counts.sum())
        if not want.size or not total:
            return ks if not want.size else ks[:0]
        # every window of the run's length in every candidate, as a position in the array
        owner = np.repeat(np.arange(ks.size), counts)
        pos = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
        ok = np.ones(total, dtype=bool)
        for t, char in enumerate(want.tolist()):
            ok &= self.chars[pos + t] == char
        return ks[np.unique(owner[ok])]
