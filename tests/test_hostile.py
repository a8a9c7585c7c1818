"""What a careless or hostile user cannot do: clobber an input, the memory or the corpus, write
outside the project, lose an update to a second command, pass a number that is not one, or
make a command hang. Each case runs the real command and checks the exit code, that the error
is one line, and that every file that was there is byte for byte as it was."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwo_tm.align.review import read_review
from iwo_tm.check.consistency import read_glossary
from iwo_tm.corpus.documents import parse_article
from iwo_tm.errors import IwoError
from iwo_tm.formats.bilingual import open_units
from iwo_tm.formats.tmx import TranslationUnit, make_header, read_tmx, write_tmx
from iwo_tm.suggest.post_edit import read_switches

NEW = "---\nlang: es\n---\n\n¡Fuera Boluarte!\n\nLos obreros de Lima salen a las calles.\n"
# two article pairs of the shipped corpus (a Spanish file is named after its own title)
PAIRS = {
    "es": ("37-todos-a-lima", "41-jornada-internacional-de-accion-en-solidaridad-con"),
    "en": ("37-everybody-to-lima", "41-international-day-of-action-in-solidarity-with"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != ".lock"
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: a corpus of two article pairs, its memory, a new text."""
    corpus = tmp_path / "corpus"
    for lang in ("es", "en"):
        (corpus / lang).mkdir(parents=True)
        for name in PAIRS[lang]:
            shutil.copy(ROOT / "corpus" / lang / f"{name}.md", corpus / lang / f"{name}.md")
    res = run_cli("align", "-q", "--mt", "no", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    (tmp_path / "nuevo.md").write_text(NEW, encoding="utf-8")
    return tmp_path


def refused(project: Path, *args: str, message: str) -> None:
    before = snapshot(project)
    res = run_cli(*args, cwd=project)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], res.stderr
    assert "Traceback" not in res.stderr
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (("suggest", "nuevo.md", "-o", "nuevo.md", "--mt", "no"), "is also an input"),
        (("suggest", "nuevo.md", "--format", "md", "-o", "nuevo.md", "--mt", "no"),
         "is also an input"),
        (("suggest", "nuevo.md", "-o", "tmx/corpus.tmx", "--mt", "no"), "translation memory"),
        (("suggest", "corpus/es/37-todos-a-lima.md", "--format", "md", "--mt", "no"),
         "is in the corpus"),
        (("align-files", "corpus/es/37-todos-a-lima.md", "corpus/en/37-everybody-to-lima.md",
          "-o", "corpus/es/37-todos-a-lima.md", "--mt", "no"), "is also an input"),
        (("check", "--html", "tmx/corpus.tmx"), "is also an input"),
        (("check", "--csv", "corpus/es/37-todos-a-lima.md"), "is in the corpus"),
        (("terms", "--csv", "tmx/corpus.tmx"), "is also an input"),
        (("export", "tmx/corpus.tmx"), "is also an input"),
        (("check", "--glossary", "tmx/corpus.tmx", "--prefer", "a=b"), "writes a CSV glossary"),
        (("check", "--fail-on", "bogus", "--html", "r.html"), "unknown check 'bogus'"),
        (("align", "--threshold", "nan"), "is not a number from 0 to 1"),
        (("export", "out.tmx", "--min-confidence", "nan"), "is not a number from 0 to 1"),
        (("export", "out.tmx", "--since", "2023-13-45"), "'2023-13-45' is not a day"),
        (("export", "out.tmx", "--since", "yesterday"), "'yesterday' is not a day"),
        (("check", "--show", "-1"), "--show"),
    ],
)  # fmt: skip
def test_a_command_never_writes_over_what_it_was_not_asked_to(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    refused(project, *args, message=message)


def test_a_read_only_output_is_refused_not_replaced(project: Path) -> None:
    out = project / "report.html"
    out.write_text("mine")
    out.chmod(0o444)
    refused(project, "check", "--html", "report.html", message="is read-only")


def test_import_issue_does_not_replace_hand_written_articles(project: Path) -> None:
    issue = ROOT / "corpus" / "sources" / "iwo-37-2023-01.md"
    # the English issue given as Spanish would land on the hand-written Spanish articles
    refused(
        project, "import-issue", str(issue), "--lang", "es", message="reads as English, not Spanish"
    )
    # an English article edited by hand (its source no longer the issue's lines)
    hand = project / "corpus" / "en" / "37-everybody-to-lima.md"
    hand.write_text(hand.read_text().replace("source: iwo-37", "source: edited, iwo-37"))
    refused(project, "import-issue", str(issue), message="not written by import-issue")


def test_names_from_data_never_lead_outside_the_project(project: Path) -> None:
    issue = ROOT / "corpus" / "sources" / "iwo-37-2023-01.md"
    refused(project, "import-issue", str(issue), "--issue", "../../x",
            message="is not a plain name")  # fmt: skip
    assert not (project.parent.parent / "x").exists()
    bad = project / "malo.md"
    bad.write_text("---\npair: ../../README\nlang: es\n---\n\n¡Fuera Boluarte!\n")
    po = project / "malo.po"
    assert run_cli("suggest", str(bad), "-o", str(po), "--mt", "no", cwd=project).returncode == 0
    refused(project, "merge", str(po), message="is not a plain name")


def test_merge_does_not_replace_the_published_english(project: Path) -> None:
    es = project / "corpus" / "es" / "37-todos-a-lima.md"
    text = project / "copia.md"
    text.write_text(es.read_text())
    assert run_cli("suggest", str(text), "--mt", "no", cwd=project).returncode == 0
    po = project / "copia.po"
    import polib

    draft = polib.pofile(str(po))
    for e in draft:
        e.msgstr, e.flags = e.msgstr or "EN", []
    draft.save()
    refused(project, "merge", str(po), message="not written by merge")


def test_a_pipe_is_refused_at_once_not_waited_on(project: Path) -> None:
    fifo = project / "tubo.md"
    os.mkfifo(fifo)
    start = time.monotonic()
    for args in (("segment", str(fifo)), ("suggest", str(fifo), "--mt", "no")):
        res = run_cli(*args, cwd=project)
        assert res.returncode == 1 and "is not a regular file" in res.stderr
    assert time.monotonic() - start < 30


def test_accept_with_an_old_review_file_keeps_the_current_decisions(project: Path) -> None:
    review = project / "tmx" / "review.tsv"
    rows = review.read_text(encoding="utf-8-sig").splitlines()
    if len(rows) < 3:
        pytest.skip("the small corpus holds fewer than two units for review")
    old = project / "old.tsv"
    old.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # the current file gets a decision that the old copy lacks
    rows[1] = "accept" + rows[1][rows[1].index("\t") :]
    review.write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = run_cli("accept", str(old), cwd=project)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("1 accepted")


def _big_tmx(path: Path, tag: str, n: int) -> Path:
    units = (TranslationUnit.pair(f"Frase {tag} {k}", f"Sentence {tag} {k}") for k in range(n))
    write_tmx(path, units, make_header())
    return path


def test_two_imports_at_once_end_with_both(tmp_path: Path) -> None:
    a = _big_tmx(tmp_path / "a.tmx", "a", 20_000)
    b = _big_tmx(tmp_path / "b.tmx", "b", 20_000)
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    procs = [
        subprocess.Popen([exe, "import", str(f)], cwd=tmp_path, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for f in (a, b)
    ]  # fmt: skip
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    _, units = read_tmx(tmp_path / "tmx" / "imported.tmx")
    assert len(units) == 40_000
    assert not list((tmp_path / "tmx").glob(".*.tmp"))


def test_a_temporary_file_left_by_a_killed_command_is_cleaned_up(tmp_path: Path) -> None:
    a = _big_tmx(tmp_path / "a.tmx", "a", 10)
    (tmp_path / "tmx").mkdir()
    stale = tmp_path / "tmx" / ".imported.tmx.abc123.tmp"
    stale.write_bytes(b"half a memory")
    assert run_cli("import", str(a), cwd=tmp_path).returncode == 0
    assert not stale.exists()


def test_a_memory_without_units_is_an_error_not_a_clean_report(tmp_path: Path) -> None:
    empty = tmp_path / "vacia.tmx"
    write_tmx(empty, [], make_header())
    res = run_cli("check", "--tm", str(empty), cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip() == f"iwo-tm: error: {empty}: no es/en translation unit in the memory"


# -- every reader, fed anything: a result or one IwoError, never another exception -----------

XMLISH = st.lists(
    st.sampled_from(
        [
            "<tmx>",
            "</tmx>",
            "<xliff version='1.2'>",
            "<body>",
            "<tu>",
            "<tuv xml:lang='es'>",
            "<seg>",
            "</seg>",
            "<trans-unit id='1'>",
            "<source>",
            "<target>",
            "&ent;",
            "<?pi x?>",
            "<!DOCTYPE x [<!ENTITY ent 'a'>]>",
            "hola",
            "\x00",
            'msgid "',
            '"',
            "\n",
            "---\n",
            "pair: x\n",
            "lang: es\n",
            "\t",
            "accept",
            "\ufeff",
        ]
    ),
    max_size=30,
).map("".join)
READERS = {
    ".po": open_units, ".mo": open_units, ".xlf": open_units, ".tmx": open_units,
    ".csv": read_glossary, ".tbx": read_glossary, ".tsv": read_review, ".txt": read_switches,
}  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(st.binary(max_size=300), XMLISH.map(str.encode)),
    suffix=st.sampled_from(sorted(READERS)),
)
def test_every_reader_fed_anything_says_one_line(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        READERS[suffix](path)
    except IwoError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)


@settings(max_examples=500, deadline=None)
@given(text=XMLISH)
def test_any_front_matter_is_read_or_refused_in_one_line(text: str) -> None:
    try:
        parse_article(text, "a.md")
    except IwoError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("a.po", 'msgid ""\nmsgstr ""\n\nmsgid "hola"\nmsgstr "hello\n', ":5: a string not closed"),
        ("g.csv", "spanish,english\nhola," + "x" * 200_000 + "\n", "a field too long"),
        ("a.tmx", '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body><tu>',
         "the file ends in the middle of an element"),
        ("b.tmx", "", "the file is empty"),
        ("c.tmx", "x" * 70_000 + "\x00", "it does not begin with a tag"),
        ("d.po", "x" * 70_000 + "\x00", "binary file (NUL byte)"),
    ],
)  # fmt: skip
def test_damaged_inputs_get_one_line_in_plain_words(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    args = (
        ("check", "--tm", str(tmp_path / "m.tmx"), "--glossary", str(path))
        if name.endswith(".csv")
        else ("check", "--tm", str(path))
    )
    if name.endswith(".csv"):
        write_tmx(tmp_path / "m.tmx", [TranslationUnit.pair("hola", "hello")], make_header())
    res = run_cli(*args, cwd=tmp_path)
    assert res.returncode == 1
    [line] = res.stderr.strip().splitlines()
    assert message in line and str(path) in line, line
    assert "XML_PARSE" not in line and "Traceback" not in line


def test_two_articles_with_one_pair_id_are_an_error(project: Path) -> None:
    es = project / "corpus" / "es" / "37-todos-a-lima.md"
    shutil.copy(es, project / "corpus" / "es" / "copia.md")
    refused(project, "align", "--mt", "no", message="has the same pair id as")


def test_a_file_import_cannot_read_is_named_before_anything_is_read(project: Path) -> None:
    (project / "notas.md").write_text("hola")
    refused(project, "import", "notas.md", message="not a memory file this tool reads")


def test_a_processing_instruction_inside_a_segment_is_no_text(tmp_path: Path) -> None:
    tmx = tmp_path / "pi.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="es"/><body><tu>'
        '<tuv xml:lang="es"><seg>a<?pi x?>b</seg></tuv><tuv xml:lang="en"><seg>c</seg></tuv>'
        "</tu></body></tmx>\n"
    )
    _, [unit] = read_tmx(tmx)
    assert unit.text("es") == "ab"


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_a_kill_during_a_write_leaves_the_old_memory_or_a_whole_new_one(
    tmp_path: Path, delay: float
) -> None:
    first = _big_tmx(tmp_path / "first.tmx", "a", 200)
    assert run_cli("import", str(first), cwd=tmp_path).returncode == 0
    target = tmp_path / "tmx" / "imported.tmx"
    before = target.read_bytes()
    big = _big_tmx(tmp_path / "big.tmx", "b", 60_000)
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    proc = subprocess.Popen([exe, "import", str(big)], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(delay)
    proc.kill()
    proc.wait()
    after = target.read_bytes()
    if after != before:  # the rename happened: then the new file is whole
        _, units = read_tmx(target)
        assert len(units) == 60_200
    # the next writer finds the killed one's temporary file and removes it
    assert run_cli("import", str(first), cwd=tmp_path).returncode == 0
    assert not list((tmp_path / "tmx").glob(".*.tmp"))
