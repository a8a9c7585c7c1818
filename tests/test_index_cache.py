"""The index read from its cache answers as the index built in memory."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from iwo_tm.memory.index_cache import CodeStore

_CODES = st.lists(st.text(alphabet="abcdé\U00010000", max_size=12), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    codes=_CODES, run=st.text(alphabet="abcdé\U00010000", min_size=1, max_size=3), data=st.data()
)
def test_units_holding_a_run_are_found_as_a_substring_search_finds_them(codes, run, data) -> None:  # noqa: ANN001
    chars = np.array([ord(c) for code in codes for c in code], dtype=np.uint32)
    start = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in codes], out=start[1:])
    store = CodeStore(chars, start)
    assert [store[k] for k in range(len(codes))] == codes
    ks = sorted(data.draw(st.sets(st.integers(0, len(codes) - 1))))
    expected = [k for k in ks if run in codes[k]]
    assert store.containing(run, np.array(ks, dtype=np.int64)).tolist() == expected
