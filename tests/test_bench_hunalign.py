"""The benchmarks run hunalign itself and read its ladder back as beads: a wrong reading would
score hunalign against the wrong answer, so the reading is checked on hand-worked ladders, and,
where Node.js and npm are at hand, on hunalign's own output."""

import sys

import pytest
from conftest import ROOT

from iwo_tm.corpus.segmentation import Segment

sys.path.insert(0, str(ROOT / "bench"))
import hunalign  # noqa: E402


def segments(*texts: str, starts: tuple[int, ...] = (0,)) -> list[Segment]:
    return [Segment(t, "paragraph", k, first=k in starts) for k, t in enumerate(texts)]


def test_paragraph_marks_go_between_paragraphs_and_tokens_are_cut() -> None:
    text, which = hunalign._lines(segments("¡Fuera Boluarte!", "Dijo: 12.000.", "Otro.",
                                           starts=(0, 2)))  # fmt: skip
    assert text == "¡ fuera boluarte !\ndijo : 12 . 000 .\n<p>\notro .\n"
    assert which == [0, 1, None, 2]


def test_a_ladder_becomes_beads_without_the_paragraph_marks() -> None:
    # Spanish lines: s0 s1 <p> s2 s3; English lines: e0 <p> e1 e2 e3
    es_lines = [0, 1, None, 2, 3]
    en_lines = [0, None, 1, 2, 3]
    # rungs: 0-0, 1-1 (s0 with e0), 3-2 (s1 and <p> with <p>: s1 left out), 4-4 (s2 with e1 e2),
    # 4-5 (e3 alone); the closing rung 5-5 is implied (s3 with nothing)
    ladder = "0\t0\t0.5\n1\t1\t0.3\n3\t2\t0.1\n4\t4\t0.4\n4\t5\t0\n"
    assert hunalign.ladder_to_beads(ladder, es_lines, en_lines) == [
        ((0,), (0,)),
        ((1,), ()),
        ((2,), (1, 2)),
        ((), (3,)),
        ((3,), ()),
    ]


def test_hunalign_itself_aligns_a_small_pair() -> None:
    folder = hunalign.install()
    if isinstance(folder, str):
        pytest.skip(folder)
    es = segments("El pueblo lucha.", "¡Fuera Boluarte!", "La huelga sigue en Lima.",
                  "Veinte mil obreros marcharon.", starts=(0, 2))  # fmt: skip
    en = segments("The people fight.", "Out with Boluarte!", "The strike goes on in Lima.",
                  "Twenty thousand workers marched.", starts=(0, 2))  # fmt: skip
    dictionary = "people @ pueblo\nfight @ lucha\nstrike @ huelga\nworkers @ obreros\n"
    for realign in (False, True):
        beads = hunalign.align_many(folder, dictionary, [(es, en)], realign)[0]
        assert beads == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
