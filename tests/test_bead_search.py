"""The dynamic program over beads, fed hand-made hit matrices instead of real words."""

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from iwo_tm.align import bead_search
from iwo_tm.align.bead_search import BEAD_SHAPES, BeadSearch, Params, Side, cum, cum2
from iwo_tm.corpus.segmentation import Segment


@contextmanager
def numpy_search() -> Iterator[None]:
    """Run the search as numpy's row-by-row program, not the compiled one."""
    was = bead_search.COMPILED
    bead_search.COMPILED = False
    try:
        yield
    finally:
        bead_search.COMPILED = was


def side(lengths: list[int], words: int = 10) -> Side:
    segs = [Segment("x" * n, "paragraph", k, first=True) for k, n in enumerate(lengths)]
    return Side(segs, [words] * len(lengths))


def problem(es_len: list[int], en_len: list[int], hits: np.ndarray):
    return (side(es_len), side(en_len)), cum2(hits.astype(float)), None


def test_diagonal_evidence_gives_one_to_one_beads():
    hits = np.eye(4) * 8
    (path,) = BeadSearch(Params(), BEAD_SHAPES).search([problem([80] * 4, [75] * 4, hits)])
    assert [(list(a), list(b)) for a, b in path] == [([k], [k]) for k in range(4)]


def test_a_sentence_without_counterpart_is_left_out():
    # Spanish 1 finds nothing and the English has one sentence fewer: a 1-0 bead
    hits = np.zeros((3, 2))
    hits[0, 0] = hits[2, 1] = 8
    (path,) = BeadSearch(Params(), BEAD_SHAPES).search([problem([80, 90, 80], [75, 75], hits)])
    assert [(list(a), list(b)) for a, b in path] == [([0], [0]), ([1], []), ([2], [1])]


def test_a_merge_is_found():
    # English 0 translates Spanish 0 and 1 together: both find most of their words in it
    hits = np.array([[8, 0], [8, 0], [0, 8]])
    (path,) = BeadSearch(Params(), BEAD_SHAPES).search([problem([60, 60, 80], [110, 75], hits)])
    assert [(list(a), list(b)) for a, b in path] == [([0, 1], [0]), ([2], [1])]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 90), st.integers(1, 90), st.integers(0, 2**31),
                          st.booleans()), min_size=1, max_size=6))  # fmt: skip
def test_articles_searched_together_get_the_chains_they_get_alone(sizes):
    # batches pad every article to the largest, with or without machine translation: the
    # padding must never change a chain
    problems = []
    for n, m, seed, with_mt in sizes:
        rng = np.random.default_rng(seed)
        hits = (rng.random((n, m)) < 0.1) * rng.integers(1, 9, (n, m))
        sides, lex, _ = problem(
            list(rng.integers(10, 200, n)), list(rng.integers(10, 200, m)), hits
        )
        mt = None
        if with_mt:
            mt_hits = (rng.random((n, m)) < 0.1) * rng.integers(1, 9, (n, m))
            mt = (cum2(mt_hits.astype(float)), cum(list(rng.integers(1, 12, n))))
        problems.append((sides, lex, mt))
    search = BeadSearch(Params(), BEAD_SHAPES)
    with numpy_search():
        together = search.search(problems)
        alone = [search.search([p])[0] for p in problems]
    assert together == alone
    for path, (sides, _, _) in zip(together, problems, strict=True):
        assert [i for a, _ in path for i in a] == list(range(len(sides[0].segs)))
        assert [j for _, b in path for j in b] == list(range(len(sides[1].segs)))


def test_the_compiled_search_is_built():
    # the package builds it wherever a C compiler is at hand, as on every machine we install
    # on; without it alignment is right but several times slower
    assert bead_search.COMPILED, "iwo_tm._bead_dp was not built: is a C compiler installed?"


KINDS = ("paragraph", "paragraph", "heading", "caption", "list")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 40),
    st.integers(0, 2**31),
    st.booleans(),
    st.sampled_from([(0.5, 0.35), (0.3, 0.0), (0.8, 1.2)]),
    st.sampled_from([BEAD_SHAPES, ((1, 1), (1, 0), (0, 1)), ((1, 1), (2, 2), (1, 0), (0, 1))]),
)
def test_the_compiled_search_finds_the_chain_numpy_finds(n, m, seed, with_mt, weights, shapes):
    # the same costs in the same order: the same chain, ties included (hits are small whole
    # numbers and lengths repeat, so equal costs are common)
    rng = np.random.default_rng(seed)

    def random_side(size: int) -> Side:
        segs = [
            Segment(
                "x" * int(rng.integers(1, 120)),
                KINDS[int(rng.integers(len(KINDS)))],
                k,
                bold=bool(rng.random() < 0.2),
                first=bool(k == 0 or rng.random() < 0.4),
            )
            for k in range(size)
        ]
        return Side(segs, [int(rng.integers(0, 12)) for _ in segs])

    def random_hits() -> np.ndarray:
        return cum2(((rng.random((n, m)) < 0.15) * rng.integers(1, 6, (n, m))).astype(float))

    mt = (random_hits(), cum(list(rng.integers(0, 12, n)))) if with_mt else None
    problem = ((random_side(n), random_side(m)), random_hits(), mt)
    support, cross_paragraph = weights
    search = BeadSearch(Params(support=support, cross_paragraph=cross_paragraph), shapes)
    compiled = search.search([problem])
    with numpy_search():
        assert search.search([problem]) == compiled
