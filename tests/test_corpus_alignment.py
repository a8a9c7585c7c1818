"""``iwo-tm align`` and ``iwo-tm accept`` on the shipped corpus, for real."""

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from translate.storage.tmx import tmxfile

from iwo_tm.align.corpus_alignment import align_corpus
from iwo_tm.corpus.documents import load_pairs, read_article
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.formats.tmx import read_tmx, validate
from iwo_tm.language.machine_translation import available


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "corpus" / "es", tmp_path / "corpus" / "es")
    shutil.copytree(ROOT / "corpus" / "en", tmp_path / "corpus" / "en")
    return tmp_path


def align(workdir: Path, *args: str):  # noqa: ANN201
    return run_cli("align", "--mt", "no", *args, cwd=workdir)


def test_align_writes_a_valid_deterministic_memory(workdir: Path) -> None:
    res = align(workdir)
    assert res.returncode == 0, res.stderr
    memory = workdir / "tmx" / "corpus.tmx"
    assert validate(memory) == []
    header, units = read_tmx(memory)
    for attr in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "datatype",
    ):
        assert header.attrs[attr]
    assert header.srclang == "es" and header.attrs["segtype"] == "sentence"
    assert len(units) > 400
    for u in units:
        assert u.tuid and u.attrs["creationdate"].endswith("Z")
        assert u.prop("x-pair") and u.prop("x-issue")
        assert 0.5 <= float(u.prop("x-confidence")) <= 1.0
    # translate-toolkit reads the same units
    store = tmxfile(memory.read_bytes(), "es", "en")
    assert [(x.source, x.target) for x in store.units] == [
        (u.text("es"), u.text("en")) for u in units
    ]
    # a slogan is in the memory with the English renderings it really got (they diverge)
    blood = {
        u.text("en") for u in units if u.text("es") == "¡La sangre derramada jamás será olvidada!"
    }
    assert {
        "The spilled blood will never be forgotten!",
        "The bloodshed will never be forgotten!",
    } <= blood
    # deterministic: the same corpus gives the same bytes
    first = memory.read_bytes()
    assert align(workdir).returncode == 0
    assert memory.read_bytes() == first
    # the report: a row per article pair, its columns in line however long the article id,
    # adding up to the memory's units and the units held
    lines = res.stdout.splitlines()
    header = lines[0].split()
    assert header[:2] == ["article", "es"] and header[-2:] == ["en", "unaligned"]
    rows = lines[1 : lines.index(next(x for x in lines if x.startswith("no counterpart")))]
    assert {len(row) for row in rows} == {len(lines[0])}
    counts = {row.split()[0]: [int(c) for c in row.split()[1:]] for row in rows}
    assert len(counts) == len(load_pairs(workdir / "corpus")[0])  # the Spanish-only ones aside
    assert max(map(len, counts)) > 60  # longer than the column the report used to have
    assert sum(c[2] for c in counts.values()) == len(units)
    held = sum(c[3] for c in counts.values())
    assert f"{len(units)} units written to tmx/corpus.tmx, {held} held for review" in res.stdout
    assert counts["37-everybody-to-lima"][:2] == [12, 10]
    assert "no counterpart, not aligned:" in res.stdout
    assert "signals: sentence length" in res.stdout


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(encoding="utf-8-sig"), delimiter="\t"))


def test_review_and_accept(workdir: Path) -> None:
    assert align(workdir, "--threshold", "0.9").returncode == 0
    tmx_dir = workdir / "tmx"
    rows = _rows(tmx_dir / "review.tsv")
    header, held = rows[0], rows[1:]
    assert header[:4] == ["decision", "confidence", "spanish", "english"]
    assert len(held) >= 3
    html = (tmx_dir / "review.html").read_text()
    assert held[0][2].split()[0] in html and "<table>" in html
    before = {u.tuid for u in read_tmx(tmx_dir / "corpus.tmx")[1]}
    held[0][0] = "accept"
    held[1][0] = "reject"
    held[2][0] = "yes"
    held[2][3] = "A corrected English sentence."
    with (tmx_dir / "review.tsv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows([header, *held])
    res = run_cli("accept", cwd=workdir)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"2 accepted, 1 rejected, {len(held) - 3} still to review"
    after = {u.tuid: u for u in read_tmx(tmx_dir / "corpus.tmx")[1]}
    assert set(after) - before == {held[0][5], held[2][5]}
    assert after[held[2][5]].text("en") == "A corrected English sentence."
    assert after[held[2][5]].prop("x-review") == "accepted"
    assert validate(tmx_dir / "corpus.tmx") == []
    assert len(_rows(tmx_dir / "review.tsv")) == len(held) - 3 + 1
    # the next align remembers the decisions
    assert align(workdir, "--threshold", "0.9").returncode == 0
    again = {u.tuid: u for u in read_tmx(tmx_dir / "corpus.tmx")[1]}
    assert again[held[2][5]].text("en") == "A corrected English sentence."
    assert held[1][5] not in again
    remaining = [r[5] for r in _rows(tmx_dir / "review.tsv")[1:]]
    assert held[1][5] not in remaining and held[0][5] not in remaining


def test_the_review_file_opens_in_excel_and_comes_back_from_it(workdir: Path) -> None:
    assert align(workdir, "--threshold", "0.9").returncode == 0
    review = workdir / "tmx" / "review.tsv"
    assert review.read_bytes().startswith("\ufeffdecision\t".encode())  # UTF-8, marked as such
    rows = _rows(review)
    rows[1][0] = "accept"
    # saved by Excel as "Unicode text": UTF-16 with its byte-order mark, lines ending in CRLF
    with review.open("w", encoding="utf-16", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\r\n").writerows(rows)
    assert review.read_bytes().startswith(b"\xff\xfe")
    res = run_cli("accept", cwd=workdir)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("1 accepted, 0 rejected")
    units = {u.tuid: u for u in read_tmx(workdir / "tmx" / "corpus.tmx")[1]}
    assert units[rows[1][5]].text("en") == rows[1][3]


def test_accept_refuses_an_unknown_decision(workdir: Path) -> None:
    assert align(workdir, "--threshold", "0.9").returncode == 0
    review = workdir / "tmx" / "review.tsv"
    rows = _rows(review)
    rows[1][0] = "maybe"
    with review.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows(rows)
    memory = (workdir / "tmx" / "corpus.tmx").read_bytes()
    for res in (run_cli("accept", cwd=workdir), align(workdir, "--threshold", "0.9")):
        assert res.returncode == 1
        assert res.stderr.strip() == (
            "iwo-tm: error: tmx/review.tsv:2: unknown decision 'maybe': write accept or reject"
        )
        assert (workdir / "tmx" / "corpus.tmx").read_bytes() == memory
        assert _rows(review) == rows


def test_align_takes_the_decisions_written_in_the_review_file(workdir: Path) -> None:
    """A reviewer who runs align again without accept first loses nothing."""
    assert align(workdir, "--threshold", "0.9").returncode == 0
    tmx_dir = workdir / "tmx"
    header, *held = _rows(tmx_dir / "review.tsv")
    held[0][0], held[1][0], held[2][0] = "accept", "reject", "yes"
    held[2][3] = "A corrected English sentence."
    with (tmx_dir / "review.tsv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows([header, *held])
    res = align(workdir, "--threshold", "0.9")
    assert res.returncode == 0, res.stderr
    assert "taken from tmx/review.tsv: 2 accepted, 1 rejected" in res.stdout
    units = {u.tuid: u for u in read_tmx(tmx_dir / "corpus.tmx")[1]}
    assert units[held[2][5]].text("en") == "A corrected English sentence."
    assert held[0][5] in units and held[1][5] not in units
    assert [r[5] for r in _rows(tmx_dir / "review.tsv")[1:]] == [r[5] for r in held[3:]]
    assert len(_rows(tmx_dir / "decisions.tsv")) == 1 + 3
    # taken once: the next align finds nothing new to take, and remembers them all the same
    memory = (tmx_dir / "corpus.tmx").read_bytes()
    again = align(workdir, "--threshold", "0.9")
    assert again.returncode == 0 and "taken from" not in again.stdout
    assert (tmx_dir / "corpus.tmx").read_bytes() == memory


def _keeps_memory(workdir: Path) -> bytes:
    assert align(workdir).returncode == 0
    return (workdir / "tmx" / "corpus.tmx").read_bytes()


def test_empty_article_is_refused_and_memory_kept(workdir: Path) -> None:
    memory = _keeps_memory(workdir)
    bad = workdir / "corpus" / "es" / "37-se-busca.md"
    bad.write_text(bad.read_text().split("---\n\n")[0] + "---\n\n")
    res = align(workdir)
    assert res.returncode == 1
    assert res.stderr.strip().startswith("iwo-tm: error: corpus/es/37-se-busca.md:")
    assert "no text" in res.stderr and "Traceback" not in res.stderr
    assert (workdir / "tmx" / "corpus.tmx").read_bytes() == memory


def test_spanish_text_in_the_english_folder_is_refused(workdir: Path) -> None:
    es = (workdir / "corpus" / "es" / "37-se-busca.md").read_text()
    (workdir / "corpus" / "en" / "37-wanted.md").write_text(es.replace("lang: es", "lang: en"))
    res = align(workdir)
    assert res.returncode == 1
    assert res.stderr.strip() == (
        "iwo-tm: error: corpus/en/37-wanted.md:2: declared lang: en but the text is Spanish"
    )


def test_huge_article_is_refused(workdir: Path) -> None:
    path = workdir / "corpus" / "en" / "37-wanted.md"
    text = path.read_text()
    path.write_text(text + ("The masses rise up in Lima. " * 400 + "\n\n") * 900)
    assert path.stat().st_size > 10_000_000
    res = align(workdir)
    assert res.returncode == 1
    assert "37-wanted.md: 10." in res.stderr and "too large for one article" in res.stderr
    assert not (workdir / "tmx").exists()


def test_an_article_too_long_to_align_is_named_and_the_memory_kept(workdir: Path) -> None:
    assert align(workdir).returncode == 0
    memory = (workdir / "tmx" / "corpus.tmx").read_bytes()
    path = workdir / "corpus" / "es" / "37-se-busca.md"
    n = len(segment_article(read_article(path))) + 5000
    path.write_text(path.read_text() + "\n\n" + "¡Abajo el gobierno asesino! " * 5000)
    res = align(workdir)
    assert res.returncode == 1
    assert res.stderr.strip() == (
        f"iwo-tm: error: corpus/es/37-se-busca.md: {n} sentences; an article is aligned up to "
        "5000 sentences a side: split it into articles"
    )
    assert (workdir / "tmx" / "corpus.tmx").read_bytes() == memory


def test_article_without_counterpart_is_reported_not_fatal(workdir: Path) -> None:
    (workdir / "corpus" / "es" / "37-se-busca.md").unlink()
    res = align(workdir)
    assert res.returncode == 0
    assert "no counterpart, not aligned: corpus/en/37-wanted.md" in res.stdout


@pytest.mark.skipif(not available(), reason="apertium spa-eng not installed")
def test_apertium_runs_once_per_document_and_is_cached(workdir: Path, monkeypatch) -> None:  # noqa: ANN001
    for lang in ("es", "en"):
        for p in (workdir / "corpus" / lang).glob("*.md"):
            if p.stem not in (
                "37-everybody-to-lima",
                "37-todos-a-lima",
                "37-wanted",
                "37-se-busca",
            ):
                p.unlink()
    monkeypatch.setenv("XDG_CACHE_HOME", str(workdir / "cache"))
    first = align_corpus(*load_pairs(workdir / "corpus"), workdir / "tmx", mt="yes")
    assert first.apertium_calls == 2
    assert "machine translation (Apertium)" in first.signals
    memory = (workdir / "tmx" / "corpus.tmx").read_bytes()
    second = align_corpus(*load_pairs(workdir / "corpus"), workdir / "tmx", mt="yes")
    assert second.apertium_calls == 0
    assert (workdir / "tmx" / "corpus.tmx").read_bytes() == memory


def test_a_corpus_without_pairs_is_refused_and_the_memory_kept(workdir: Path) -> None:
    assert align(workdir).returncode == 0
    memory = (workdir / "tmx" / "corpus.tmx").read_bytes()
    for english in (workdir / "corpus" / "en").glob("*.md"):
        english.unlink()  # the Spanish articles are left without counterpart
    res = align(workdir)
    assert res.returncode == 1 and res.stdout == ""
    n = len(list((workdir / "corpus" / "es").glob("*.md")))
    assert res.stderr.startswith(f"iwo-tm: error: no article pairs to align: {n} articles, none")
    assert len(res.stderr.splitlines()) == 1
    assert (workdir / "tmx" / "corpus.tmx").read_bytes() == memory
