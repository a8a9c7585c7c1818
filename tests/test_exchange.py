"""Export for CAT tools and import from them: valid TMX, same units, no duplicates, no loss."""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from translate.storage.tmx import tmxfile

from iwo_tm.formats.tmx import TranslationUnit, make_header, read_tmx, validate, write_tmx
from iwo_tm.memory.exchange import omegat_project
from iwo_tm.memory.units import load_memory

CAT = ROOT / "tests" / "data" / "cat"


def memory(folder: Path) -> Path:
    units = [
        TranslationUnit.pair(
            "¡Fuera Boluarte!", "Out with Boluarte!", tuid="37-a:1",
            attrs={"creationdate": "20230131T000000Z"},
            props=[("x-pair", "37-a"), ("x-issue", "37"), ("x-confidence", "0.950")],
        ),
        TranslationUnit.pair(
            "¡Abajo Dina Boluarte!", "Down with Dina Boluarte!", tuid="41-b:2",
            attrs={"creationdate": "20240113T000000Z"},
            props=[("x-pair", "41-b"), ("x-issue", "41"), ("x-confidence", "0.400"),
                   ("x-context-pre", "¡Fuera Boluarte!")],
        ),
    ]  # fmt: skip
    write_tmx(folder / "tmx" / "corpus.tmx", units, make_header())
    return folder


@pytest.mark.parametrize(
    ("tool", "es", "en"),
    [("generic", "es", "en"), ("omegat", "ES", "EN"), ("trados", "es-ES", "en-US"),
     ("memoq", "es-ES", "en-US")],
)  # fmt: skip
def test_export_for_each_tool_is_valid_and_complete(
    tmp_path: Path, tool: str, es: str, en: str
) -> None:
    memory(tmp_path)
    res = run_cli("export", "out.tmx", "--for", tool, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    out = tmp_path / "out.tmx"
    assert validate(out) == []
    header, units = read_tmx(out)
    assert header.srclang == es
    assert [v.lang for v in units[0].variants] == [es, en]
    assert all(u.attrs.get("changedate") for u in units)
    store = tmxfile(out.read_bytes(), es, en)
    assert [(u.source, u.target) for u in store.units] == [
        ("¡Fuera Boluarte!", "Out with Boluarte!"),
        ("¡Abajo Dina Boluarte!", "Down with Dina Boluarte!"),
    ]
    if tool == "memoq":
        assert units[1].prop("x-ContextPre") == "¡Fuera Boluarte!"


def test_export_filters_tsv_and_po(tmp_path: Path) -> None:
    memory(tmp_path)
    res = run_cli("export", "high.tmx", "--min-confidence", "0.5", cwd=tmp_path)
    assert res.stdout.startswith("1 units written") and "1 left out" in res.stdout
    res = run_cli("export", "i41.tmx", "--issue", "41", cwd=tmp_path)
    assert res.stdout.startswith("1 units written")
    res = run_cli("export", "since.tmx", "--since", "2024-01-01", cwd=tmp_path)
    assert [u.tuid for u in read_tmx(tmp_path / "since.tmx")[1]] == ["41-b:2"]
    assert run_cli("export", "m.tsv", "--format", "tsv", cwd=tmp_path).returncode == 0
    assert (tmp_path / "m.tsv").read_text().splitlines()[1].startswith("¡Fuera Boluarte!\tOut with")
    assert run_cli("export", "m.po", "--format", "po", cwd=tmp_path).returncode == 0
    import polib

    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(tmp_path / "m.po"))][0] == (
        "¡Fuera Boluarte!", "Out with Boluarte!",
    )  # fmt: skip
    if shutil.which("msgfmt"):
        import subprocess

        check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(tmp_path / "m.po")])
        assert check.returncode == 0


def test_import_cat_tool_samples(tmp_path: Path) -> None:
    res = run_cli("import", *(str(p) for p in sorted(CAT.glob("*.tmx"))), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("6 units read: 5 added, 0 already there (merged), 1 without")
    imported = tmp_path / "tmx" / "imported.tmx"
    assert validate(imported) == []
    _, units = read_tmx(imported)
    by_source = {u.text("es"): u for u in units}
    bold = by_source["¡Abajo Dina Boluarte! dijeron."]  # UTF-16 Trados file, inline codes
    assert bold.variant("es").xml.startswith('<bpt i="1" type="bold">&lt;b&gt;</bpt>')
    assert bold.attrs["usagecount"] == "1"
    memoq = by_source["¡Una sola clase, una sola lucha!"]
    assert [v.lang for v in memoq.variants] == ["es-es", "en-us", "en-gb"]
    assert memoq.prop("client") == "IWO"
    # suggestions and checks see plain text, without the codes
    texts = {u.source for u in load_memory([imported])}
    assert "Los obreros de Lima salen a las calles." in texts
    # importing again adds nothing and records no false history
    again = run_cli("import", *(str(p) for p in sorted(CAT.glob("*.tmx"))), cwd=tmp_path)
    assert again.stdout.startswith("6 units read: 0 added, 5 already there")
    assert read_tmx(imported)[1] == units


def test_import_newer_wins_and_history_is_kept(tmp_path: Path) -> None:
    def unit(date: str, origin: str) -> TranslationUnit:
        return TranslationUnit.pair(
            "¡Fuera Boluarte!", "Out with Boluarte!",
            attrs={"changedate": date}, props=[("x-origin", origin)],
        )  # fmt: skip

    old, new = unit("20230101T000000Z", "a"), unit("20240101T000000Z", "b")
    write_tmx(tmp_path / "a.tmx", [old], make_header())
    write_tmx(tmp_path / "b.tmx", [new], make_header())
    assert run_cli("import", "a.tmx", "b.tmx", cwd=tmp_path).returncode == 0
    (unit,) = read_tmx(tmp_path / "tmx" / "imported.tmx")[1]
    assert unit.attrs["changedate"] == "20240101T000000Z"
    assert ("x-history", "a 20230101T000000Z") in unit.props


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>a</seg>',
         "not well-formed XML"),
        ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         '<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>&x;</seg>'
         '</tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>', "entity"),
        ('<tmx version="1.4"><header srclang="de"/><body><tu><tuv xml:lang="de"><seg>a</seg></tuv>'
         '<tuv xml:lang="fr"><seg>b</seg></tuv></tu></body></tmx>',
         "no unit with both Spanish and English (languages found: de, fr)"),
    ],
)  # fmt: skip
def test_hostile_imports_leave_the_memory_untouched(
    tmp_path: Path, content: str, message: str
) -> None:
    assert run_cli("import", str(CAT / "memoq.tmx"), cwd=tmp_path).returncode == 0
    imported = tmp_path / "tmx" / "imported.tmx"
    before = imported.read_bytes()
    bad = tmp_path / "bad.tmx"
    bad.write_text(content)
    res = run_cli("import", str(bad), cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.startswith(f"iwo-tm: error: {bad}") and message in res.stderr
    assert "root:" not in res.stderr and "Traceback" not in res.stderr
    assert imported.read_bytes() == before


@pytest.mark.skipif(not shutil.which("omegat"), reason="OmegaT not installed")
def test_omegat_console_uses_our_exported_tmx(tmp_path: Path) -> None:
    import subprocess

    memory(tmp_path)
    project = tmp_path / "project"
    omegat_project(project)
    (project / "source" / "texto.txt").write_text(
        "¡Abajo Dina Boluarte!\n\nUna frase que la memoria no conoce.\n\n¡Fuera Boluarte!\n"
    )
    res = run_cli(
        "export", str(project / "tm" / "auto" / "iwo.tmx"), "--for", "omegat", cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr
    done = subprocess.run(
        ["omegat", "--mode=console-translate", f"--config-dir={tmp_path / 'config'}",
         "--disable-project-locking", "--quiet", str(project)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    target = (project / "target" / "texto.txt").read_text()
    assert target.split("\n\n") == [
        "Down with Dina Boluarte!",
        "Una frase que la memoria no conoce.",  # no match: OmegaT leaves the source
        "Out with Boluarte!\n",
    ]


def test_import_xliff_2_and_po(tmp_path: Path) -> None:
    import polib

    po = polib.POFile()
    po.append(polib.POEntry(msgid="¡Abajo Dina Boluarte!", msgstr="Down with Dina Boluarte!"))
    po.append(polib.POEntry(msgid="Sin traducir", msgstr=""))
    po.save(str(tmp_path / "d.po"))
    res = run_cli("import", str(CAT / "xliff2.xlf"), str(tmp_path / "d.po"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("4 units read: 4 added")
    _, units = read_tmx(tmp_path / "tmx" / "imported.tmx")
    assert {(u.text("es"), u.text("en")) for u in units} == {
        ("¡Fuera Boluarte!", "Out with Boluarte!"),
        ("Los obreros de Lima salen a las calles.", "The workers of Lima take to the streets."),
        ("¡Todos a Lima!", "Everybody to Lima!"),
        ("¡Abajo Dina Boluarte!", "Down with Dina Boluarte!"),
    }
