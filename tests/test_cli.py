"""The command line as a translator meets it: help, and one clear line for bad input."""

from pathlib import Path

import pytest
from conftest import ROOT, run_cli


def test_help_lists_the_commands():
    res = run_cli("--help")
    assert res.returncode == 0
    for cmd in ("import-issue", "segment", "corpus"):
        assert cmd in res.stdout


@pytest.mark.parametrize(
    "content,expect",
    [
        (None, "no such file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary file"),
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"ok line\n\xff\xfe broken\n", ":2: not valid UTF-8"),
    ],
)
@pytest.mark.parametrize("command", ["segment", "import-issue"])
def test_bad_input_gives_one_line_and_exit_1(tmp_path: Path, content, expect, command):
    f = tmp_path / "input.md"
    if content is not None:
        f.write_bytes(content)
    res = (
        run_cli(command, str(f), "--corpus", str(tmp_path / "c"))
        if command == "import-issue"
        else run_cli(command, str(f))
    )
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0] and str(f) in lines[0], res.stderr
    assert not (tmp_path / "c").exists()


def test_import_of_a_text_that_is_not_an_issue(tmp_path: Path):
    f = tmp_path / "letter.md"
    f.write_text("Just a letter.\n\nNo headings at all.\n")
    res = run_cli("import-issue", str(f), "--corpus", str(tmp_path))
    assert res.returncode == 1 and "no Markdown headings" in res.stderr


def test_corpus_summary_runs_on_the_shipped_corpus():
    res = run_cli("corpus", "--corpus", str(ROOT / "corpus"))
    assert res.returncode == 0, res.stderr
    assert "pairs" in res.stdout


def test_corpus_with_bad_front_matter_names_file_and_line(tmp_path: Path):
    (tmp_path / "es").mkdir()
    (tmp_path / "en").mkdir()
    bad = tmp_path / "es" / "x.md"
    bad.write_text("---\npair: x\nissue: [1\n---\n\nTexto.\n")
    res = run_cli("corpus", "--corpus", str(tmp_path))
    assert res.returncode == 1
    assert f"{bad}:" in res.stderr and "YAML" in res.stderr
