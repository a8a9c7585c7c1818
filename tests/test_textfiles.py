"""Reading and writing the user's files: clear refusals, nothing half-written, nothing hidden."""

import os
import stat
from pathlib import Path

import pytest

from iwo_tm.errors import IwoError
from iwo_tm.textfiles import atomic_output, read_text, write_atomic, write_spreadsheet


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "memory.tmx", "<tmx/>")
        os.umask(0o007)
        write_atomic(tmp_path / "shared.tmx", "<tmx/>")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "memory.tmx") == 0o644  # readable by colleagues and tools
    assert _mode(tmp_path / "shared.tmx") == 0o660


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "corpus.tmx"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "corpus.tmx"
    target.write_text("the memory the user had")
    with pytest.raises(RuntimeError), atomic_output(target) as fh:
        fh.write(b"half a mem")
        raise RuntimeError("the disk is full")
    assert target.read_text() == "the memory the user had"
    assert [p.name for p in tmp_path.iterdir()] == ["corpus.tmx"]


@pytest.mark.parametrize(
    "content,message",
    [(b"", ": empty file"),
     (b"ok\n\xff\n", ":2: not valid UTF-8 (byte 0xff): save the file as UTF-8"),
     (b"\xff\xfeo\x00k\x00\n\x00\x00\xdc!\x00",  # a lone low surrogate on line 2
      ":2: not valid UTF-16 (byte 0x00): save the file as UTF-8"),
     (b"a\nb\x00", ":2: binary file (NUL byte), expected UTF-8 text")],
)  # fmt: skip
def test_bad_input_is_named_with_its_line(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "new.md"
    bad.write_bytes(content)
    with pytest.raises(IwoError) as refused:
        read_text(bad)
    assert str(refused.value) == f"{bad}{message}"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_unicode_text_from_windows_programs_is_read(tmp_path: Path, encoding: str) -> None:
    saved = tmp_path / "review.tsv"
    bom = "\ufeff".encode(encoding)
    saved.write_bytes(bom + "decisión\tOpinión\r\naccept\t¡Abajo!\r\n".encode(encoding))
    assert read_text(saved) == "decisión\tOpinión\naccept\t¡Abajo!\n"


def test_a_spreadsheet_file_is_marked_as_utf8_and_reads_back(tmp_path: Path) -> None:
    sheet = tmp_path / "report.csv"
    write_spreadsheet(sheet, "spanish,english\nOpinión,Op-Ed\n")
    assert sheet.read_bytes() == b"\xef\xbb\xbfspanish,english\nOpini\xc3\xb3n,Op-Ed\n"
    assert read_text(sheet) == "spanish,english\nOpinión,Op-Ed\n"
