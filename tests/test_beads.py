"""The bead format of Vecalign's gold files and its strict/lax scoring."""

from pathlib import Path

import pytest
from conftest import run_cli

from iwo_tm.errors import IwoError
from iwo_tm.formats.beads import format_bead, parse_beads, score


def test_parse_and_format_round_trip() -> None:
    text = "[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[]:[2]\n"
    beads = parse_beads(text)
    assert beads == [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,))]
    assert "\n".join(format_bead(a, b) for a, b in beads) + "\n" == text


def test_malformed_line_names_file_and_line() -> None:
    with pytest.raises(IwoError) as err:
        parse_beads("[0]:[0]\n0-0\n", "gold.beads")
    assert str(err.value).startswith("gold.beads:2: not a bead")


def test_scores_follow_vecalign_definitions() -> None:
    gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[4]:[2]")
    test = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[]\n[4]:[2]")
    s = score([(gold, test)])
    # precision over the 5 test beads: [0]:[0], [3]:[], [4]:[2] exact; [1]:[1] lax only;
    # [2]:[] neither (a deletion overlapping no gold target)
    assert s.precision_strict == pytest.approx(3 / 5)
    assert s.precision_lax == pytest.approx(4 / 5)
    # recall over gold beads with both sides (3): [0]:[0], [4]:[2] exact, [1, 2]:[1] lax
    assert s.recall_strict == pytest.approx(2 / 3)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_strict == pytest.approx(2 * (3 / 5) * (2 / 3) / (3 / 5 + 2 / 3))


def test_perfect_alignment_scores_one() -> None:
    gold = parse_beads("[0]:[0]\n[1]:[1, 2]\n[]:[3]")
    s = score([(gold, gold)])
    assert (s.f1_strict, s.f1_lax) == (1.0, 1.0)


def test_score_align_command(tmp_path: Path) -> None:
    gold, test = tmp_path / "gold.beads", tmp_path / "test.beads"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n")
    test.write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n")
    res = run_cli("score-align", str(gold), str(test))
    assert res.returncode == 0, res.stderr
    lines = {ln.split()[0]: ln.split()[1:] for ln in res.stdout.splitlines()[1:]}
    assert lines["precision"] == ["0.333", "0.667"]
    assert lines["recall"] == ["0.500", "1.000"]
    bad = run_cli("score-align", str(gold), str(tmp_path / "missing.beads"))
    assert bad.returncode == 1 and "missing.beads: no such file" in bad.stderr
