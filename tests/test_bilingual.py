"""Every bilingual format through one door: the same content gives the same units."""

from pathlib import Path

import polib
import pytest
from conftest import run_cli

from iwo_tm.errors import IwoError
from iwo_tm.formats.bilingual import READERS, open_units
from iwo_tm.formats.tmx import TranslationUnit, make_header, write_tmx

PAIRS = [
    ("¡Fuera Boluarte!", "Out with Boluarte!"),
    ("La policía asesinó a 10 trabajadores en Juliaca.", "The police killed 10 workers."),
    ("Comités de Coordinación & <frentes>", "Coordinating Committees & <fronts>"),
]


def write_po(path: Path) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for k, (es, en) in enumerate(PAIRS):
        po.append(polib.POEntry(msgctxt=f"u{k}", msgid=es, msgstr=en))
    po.save(str(path))
    return path


def write_mo(path: Path) -> Path:
    po = polib.pofile(str(write_po(path.with_suffix(".po"))))
    po.save_as_mofile(str(path))
    return path


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_xliff12(path: Path) -> Path:
    units = "".join(
        f'<trans-unit id="u{k}"><source>{esc(es)}</source>'
        f'<target state="translated">{esc(en)}</target></trans-unit>'
        for k, (es, en) in enumerate(PAIRS)
    )
    path.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="nuevo.md" source-language="es" target-language="en" '
        f'datatype="plaintext"><body>{units}</body></file></xliff>',
        encoding="utf-8",
    )
    return path


def write_xliff20(path: Path) -> Path:
    units = "".join(
        f'<unit id="u{k}"><segment state="translated"><source>{esc(es)}</source>'
        f"<target>{esc(en)}</target></segment></unit>"
        for k, (es, en) in enumerate(PAIRS)
    )
    path.write_text(
        '<?xml version="1.0"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
        f' srcLang="es" trgLang="en"><file id="f1">{units}</file></xliff>',
        encoding="utf-8",
    )
    return path


def write_tmx_file(path: Path) -> Path:
    units = [TranslationUnit.pair(es, en, tuid=f"u{k}") for k, (es, en) in enumerate(PAIRS)]
    write_tmx(path, units, make_header())
    return path


WRITERS = {
    "a.po": write_po, "a.mo": write_mo, "a.xlf": write_xliff12, "b.xliff": write_xliff20,
    "a.tmx": write_tmx_file,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_reader_gives_the_same_units(tmp_path: Path, name: str) -> None:
    found = open_units(WRITERS[name](tmp_path / name))
    assert [(u.source, u.target) for u in found.units] == PAIRS
    assert [u.id for u in found.units] == ["u0", "u1", "u2"]
    assert all(u.finished for u in found.units)


def test_the_registry_knows_each_extension_once() -> None:
    assert set(READERS) == {".po", ".pot", ".mo", ".xlf", ".xliff", ".tmx"}


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.mo", b"\xde\x12\x04\x95\x00\x00", "not a readable MO file (cut short)"),
        ("a.xlf", b"<html><body/></html>", "not an XLIFF file (root element <html>)"),
        ("a.xlf", b'<xliff version="1.2"><file><body><trans-unit id="1"><target>x</target>'
                  b"</trans-unit></body></file></xliff>", "1: a unit without <source>"),
        ("a.po", b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
         "no es/en translation unit in it"),
        ("a.txt", b"hola", "not a bilingual file this tool reads"),
    ],
)  # fmt: skip
def test_unreadable_files_say_so_in_one_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IwoError) as err:
        open_units(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_import_takes_an_mo_file(tmp_path: Path) -> None:
    mo = write_mo(tmp_path / "catalogo.mo")
    res = run_cli("import", str(mo), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    found = open_units(tmp_path / "tmx" / "imported.tmx")
    assert sorted((u.source, u.target) for u in found.units) == sorted(PAIRS)
