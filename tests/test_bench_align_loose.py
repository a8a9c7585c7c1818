"""The loose-translation benchmark rewrites gold beads to match the English it changes: a wrong
rewrite would score every aligner against the wrong answer, so it is checked by hand here."""

import random
import sys

from conftest import ROOT

from iwo_tm.corpus.segmentation import Segment

sys.path.insert(0, str(ROOT / "bench"))
from align_loose import changes, loosen, rewrite_gold  # noqa: E402

GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,)), ((4, 5), (4,))]
EN = [
    Segment("Heading of the article", "heading", 0, first=True),
    Segment(
        "First sentence of the paragraph, with a comma in the middle of it all.",
        "paragraph",
        1,
        first=True,
    ),  # fmt: skip
    Segment("Second sentence.", "paragraph", 1),
    Segment("A caption", "caption", 2, first=True),
    Segment("Last sentence.", "paragraph", 3, first=True),
]


def test_a_merge_across_an_omission_joins_the_beads_between() -> None:
    # English 1 and 2 merged, English 0 dropped, a caption put first
    changed = [
        (Segment("caption", "caption", 0, first=True), frozenset()),
        (EN[1], frozenset({1, 2})),
        (EN[3], frozenset({3})),
        (EN[4], frozenset({4})),
    ]
    assert sorted(rewrite_gold(GOLD, changed)) == sorted(
        [((), (0,)), ((0,), ()), ((1, 2, 3), (1,)), ((), (2,)), ((4, 5), (3,))]
    )
    assert changes(5, changed) == 3  # one dropped, one merged, one inserted


def test_a_split_makes_a_one_to_two_bead() -> None:
    changed = [(s, frozenset({j})) for j, s in enumerate(EN)]
    changed[1:2] = [(EN[1], frozenset({1})), (EN[1], frozenset({1}))]
    assert ((1,), (1, 2)) in rewrite_gold(GOLD, changed)
    assert changes(5, changed) == 1


def test_nothing_changed_at_rate_zero_and_changes_at_rate_one() -> None:
    for kind in ("omissions", "merges", "splits", "captions", "all four"):
        same = loosen(EN, kind, 0.0, random.Random(0), ["A caption from elsewhere"])
        assert [s for s, _ in same] == EN
        assert sorted(rewrite_gold(GOLD, same)) == sorted(GOLD)
    dropped = loosen(EN, "omissions", 1.0, random.Random(0), [])
    assert [s.kind for s, _ in dropped] == ["heading", "caption"]  # only paragraphs go
    split = loosen(EN, "splits", 1.0, random.Random(0), [])
    assert [s.text for s, _ in split][1:3] == [
        "First sentence of the paragraph.",
        "With a comma in the middle of it all.",
    ]
