"""``iwo-tm pair`` on the Spanish issue fixture (corpus/sources/es): the Spanish paper's issue
37 imported with ``import-issue --lang es``, beside the English articles of both issues and a
Spanish article of an earlier issue whose English is in issue 37."""

import json
import random
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwo_tm.corpus.documents import iter_corpus, read_article
from iwo_tm.corpus.pairing import PairProposal, apply_pairs, propose_pairs
from iwo_tm.errors import IwoError
from iwo_tm.language.lexicon import load_freedict

SPANISH = ROOT / "corpus" / "sources" / "es"


def _paragraphs(article) -> set[str]:  # noqa: ANN001
    return {b.text for b in article.blocks if b.kind == "paragraph" and len(b.text) > 60}


def truth(corpus: Path) -> dict[str, str | None]:
    """Each imported Spanish article's true English pair id, found through the stand-in
    article it was made from (None: an article the English edition does not translate)."""
    made_from = [read_article(p) for p in sorted((ROOT / "corpus" / "es").glob("37-*.md"))]
    out = {}
    for art in iter_corpus(corpus, "es"):
        if art.pair.startswith("41-"):
            continue
        if art.pair.startswith("36-"):
            out[str(art.path.name)] = "37-appeal-to-the-workers-and-marxists-of"
            continue
        best = max(made_from, key=lambda a: len(_paragraphs(a) & _paragraphs(art)))
        shared = len(_paragraphs(best) & _paragraphs(art))
        out[str(art.path.name)] = best.pair if shared else None
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pair")
    (root / "corpus" / "es").mkdir(parents=True)
    shutil.copytree(ROOT / "corpus" / "en", root / "corpus" / "en")
    for p in (ROOT / "corpus" / "es").glob("41-*.md"):
        shutil.copy(p, root / "corpus" / "es")
    for p in (SPANISH / "earlier").glob("*.md"):
        shutil.copy(p, root / "corpus" / "es")
    res = run_cli("import-issue", str(SPANISH / "iwo-37-2023-01.md"), "--lang", "es", cwd=root)
    assert res.returncode == 0, res.stderr
    return root


def test_the_fixture_is_imported_into_its_articles(project: Path) -> None:
    found = truth(project / "corpus")
    assert len(found) == 21  # 20 of issue 37 and the earlier one
    assert sum(v is None for v in found.values()) == 3  # the three with no English
    hyphenated = read_article(next((project / "corpus" / "es").glob("37-argentina*.md")))
    text = " ".join(b.text for b in hyphenated.blocks)
    assert text.count("político-militar") == 2  # a real hyphen kept at a line end
    assert "revolu- cionario" not in text and "revolucionaria" in text


def test_every_true_pair_is_found_and_no_false_one(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    expected = truth(work / "corpus")
    res = run_cli("pair", "--format", "json", "--dry-run", cwd=work)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    proposed = {Path(r["spanish"]).name: r["english pair"] for r in data["pairs"]}
    assert proposed == {k: v for k, v in expected.items() if v is not None}
    assert sorted(Path(p).name for p in data["no english"]) == sorted(
        k for k, v in expected.items() if v is None
    )
    # nothing written by a dry run
    assert not (work / "tmx").exists()
    assert {a.pair for a in iter_corpus(work / "corpus", "es")}.isdisjoint(
        a.pair for a in iter_corpus(work / "corpus", "en") if a.pair.startswith("37-")
    )


def _decide(work: Path, decision: str) -> list[str]:
    """Run pair, write ``decision`` on every doubtful row, apply it; returns the rows."""
    res = run_cli("pair", cwd=work)
    assert res.returncode == 0, res.stderr
    review = (work / "tmx" / "pair-review.tsv").read_text(encoding="utf-8-sig").splitlines()
    assert review[0].startswith("decision\tscore\tspanish")
    rows = review[1:]
    assert rows, "no doubtful pair on the fixture"
    decided = [decision + row for row in rows]
    (work / "tmx" / "pair-review.tsv").write_text("\n".join([review[0], *decided]) + "\n")
    res = run_cli("pair", "--accept", cwd=work)
    assert res.returncode == 0, res.stderr
    return rows


def test_pairs_are_written_decided_and_remembered(project: Path, tmp_path: Path) -> None:
    # accepted: written into the Spanish front matter, and align reads the pair
    work = tmp_path / "accept"
    shutil.copytree(project, work)
    rows = _decide(work, "accept")
    ids = {a.pair for a in iter_corpus(work / "corpus", "es")}
    assert {row.split("\t")[3] for row in rows} <= ids
    res = run_cli("align", "--mt", "no", "-q", cwd=work)
    assert res.returncode == 0, res.stderr
    # rejected: remembered, and not proposed again
    work = tmp_path / "reject"
    shutil.copytree(project, work)
    rows = _decide(work, "reject")
    res = run_cli("pair", "--format", "tsv", "--dry-run", cwd=work)
    for row in rows:
        spanish, english = row.split("\t")[2:4]
        assert f"{spanish}\t{english}" not in res.stdout
    assert "reject" in (work / "tmx" / "pair-decisions.tsv").read_text()


def test_a_pair_id_that_already_links_an_article_is_refused(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    spanish = list(iter_corpus(work / "corpus", "es"))
    english = {a.pair: a for a in iter_corpus(work / "corpus", "en")}
    taken = next(a for a in spanish if a.pair in english)  # a Spanish article already paired
    other = next(a for a in spanish if a.pair not in english)
    before = {p: p.read_bytes() for p in (work / "corpus" / "es").glob("*.md")}
    with pytest.raises(IwoError, match="already links"):
        apply_pairs(work / "corpus", [PairProposal(other, english[taken.pair], 0.9, "", "write")])
    assert {p: p.read_bytes() for p in (work / "corpus" / "es").glob("*.md")} == before


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000))
def test_shuffled_and_thinned_corpora_never_get_a_false_pair_written(
    project: Path, tmp_path_factory, seed: int
) -> None:
    """Drop a random part of the articles on both sides (in a shuffled order): a pair scored
    high enough to be written is always a true one."""
    rng = random.Random(seed)
    work = tmp_path_factory.mktemp("thin")
    expected = truth(project / "corpus")
    for lang in ("es", "en"):
        files = sorted((project / "corpus" / lang).glob("*.md"))
        rng.shuffle(files)
        keep = files[: max(1, int(len(files) * rng.uniform(0.4, 1.0)))]
        (work / "corpus" / lang).mkdir(parents=True)
        for p in keep:
            shutil.copy(p, work / "corpus" / lang)
    found = propose_pairs(work / "corpus", load_freedict())
    for p in found.proposals:
        if p.status == "write":
            assert expected.get(p.spanish.path.name) == p.english.pair


def test_two_english_articles_made_from_one_spanish_are_reported(
    project: Path, tmp_path: Path
) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    source = work / "corpus" / "en" / "37-the-battle-for-lima-continues.md"
    twin = work / "corpus" / "en" / "37-the-battle-for-lima-continues-web.md"
    twin.write_text(
        source.read_text().replace(
            "pair: 37-the-battle-for-lima-continues", "pair: 37-the-battle-for-lima-continues-web"
        )
    )
    res = run_cli("pair", "--dry-run", cwd=work)
    assert res.returncode == 0, res.stderr
    assert "also made from corpus/es/37-la-batalla-por-lima-continua.md" in res.stdout


def test_a_review_file_cannot_lead_outside_the_corpus(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    (work / "tmx").mkdir()
    (work / "tmx" / "pair-review.tsv").write_text(
        "decision\tscore\tspanish\tenglish pair\tspanish title\tenglish title\tevidence\n"
        "accept\t0.5\t../../etc/passwd.md\t37-wanted\ta\tb\tc\n"
    )
    before = {p: p.read_bytes() for p in (work / "corpus").rglob("*.md")}
    res = run_cli("pair", "--accept", cwd=work)
    assert res.returncode == 1 and "is not an article of corpus/es" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in (work / "corpus").rglob("*.md")} == before
