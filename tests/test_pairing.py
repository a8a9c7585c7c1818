"""``iwo-tm pair`` on the Spanish issue fixtures (corpus/sources/es): the Spanish paper's
issues 36, 37 and 41 imported with ``import-issue`` beside the English articles of both
English issues; the true pairs are in tests/data/pair_truth.tsv. The tests pair without
Apertium (``--mt no``) unless they say otherwise, so that doubtful pairs exist to decide."""

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iwo_tm.corpus.documents import (
    Article,
    iter_corpus,
    parse_blocks,
    render_article,
    split_front_matter,
)
from iwo_tm.corpus.pairing import PairProposal, apply_pairs, propose_pairs
from iwo_tm.errors import IwoError
from iwo_tm.language.lexicon import load_freedict
from iwo_tm.language.machine_translation import available

SPANISH = ROOT / "corpus" / "sources" / "es"


def truth() -> dict[str, str | None]:
    """Each imported Spanish article's English pair id (None: the English edition does not
    translate it), by the Spanish article's file name."""
    rows = (ROOT / "tests" / "data" / "pair_truth.tsv").read_text().splitlines()[1:]
    return {name: pair or None for name, pair in (row.split("\t") for row in rows)}


def add_free_texts(corpus: Path) -> dict[str, str | None]:
    """Add the five texts of examples/, written freely in the paper's Spanish (not from an
    English), as articles of Spanish issues 42 to 46, and their English (examples/reference)
    as articles of one later English issue, 47. Returns the truth for the five."""
    truth: dict[str, str | None] = {}
    for k, es in enumerate(sorted((ROOT / "examples").glob("*.md"))):
        en = ROOT / "examples" / "reference" / f"{es.stem}.en.md"
        for path, lang, issue, day in ((es, "es", 42 + k, f"{es.stem[:7]}-10"),
                                       (en, "en", 47, "2024-07-20")):  # fmt: skip
            front, body, first = split_front_matter(path.read_text(encoding="utf-8"), path)
            pair = f"{issue}-{lang}-{k}"
            meta = {"pair": pair, "issue": issue, "issue_date": day, "date": day,
                    "title": front.get("title", es.stem), "lang": lang}  # fmt: skip
            (corpus / lang / f"{pair}.md").write_text(
                render_article(Article(meta, parse_blocks(body, first))), encoding="utf-8"
            )
        truth[f"{42 + k}-es-{k}.md"] = f"47-en-{k}"
    return truth


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pair")
    (root / "corpus" / "es").mkdir(parents=True)
    shutil.copytree(ROOT / "corpus" / "en", root / "corpus" / "en")
    res = run_cli("import-issue", "--lang", "es", *map(str, sorted(SPANISH.glob("*.md"))), cwd=root)
    assert res.returncode == 0, res.stderr
    return root


def test_the_fixture_is_imported_into_its_articles(project: Path) -> None:
    names = {p.name for p in (project / "corpus" / "es").glob("*.md")}
    assert names == set(truth())  # 1 of issue 36, 20 of issue 37, 3 of issue 41
    assert sum(v is None for v in truth().values()) == 3  # the three with no English


def test_every_true_pair_is_found_and_no_false_one(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    expected = truth()
    res = run_cli("pair", "--format", "json", "--dry-run", "--mt", "no", cwd=work)
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
        a.pair for a in iter_corpus(work / "corpus", "en")
    )


@pytest.mark.parametrize("mt", ["no", "yes"])
def test_every_pair_is_written_as_the_shipped_corpus_has_it(
    project: Path, tmp_path: Path, mt: str
) -> None:
    """What the README's main command does: the pair ids of corpus/es are what ``pair``
    writes, every one of them without a person's decision, with Apertium or without."""
    if not load_freedict().entries:
        pytest.skip("dict-freedict-spa-eng not installed")
    if mt == "yes" and not available():
        pytest.skip("apertium and apertium-eng-spa not installed")
    work = tmp_path / "p"
    shutil.copytree(project, work)
    res = run_cli("pair", "--mt", mt, cwd=work)
    assert res.returncode == 0, res.stderr
    assert "21 written, 0 to decide" in res.stdout
    shipped = {p.name: p.read_text() for p in (ROOT / "corpus" / "es").glob("*.md")}
    assert {p.name: p.read_text() for p in (work / "corpus" / "es").glob("*.md")} == shipped


# two Spanish articles cut to their opening (a brief that the English tells in full): their
# pairs score too low to be written without a person
BRIEFS = ("37-la-batalla-por-lima-continua.md", "41-a-un-ano-de-la-masacre-de.md")


def _decide(work: Path, decision: str) -> list[str]:
    """Run pair, write ``decision`` on every doubtful row, apply it; returns the rows."""
    for name in BRIEFS:
        path = work / "corpus" / "es" / name
        head, _, body = path.read_text().partition("\n---\n")
        path.write_text(head + "\n---\n\n" + "\n\n".join(body.split("\n\n")[1:4]) + "\n")
    res = run_cli("pair", "--mt", "no", cwd=work)
    assert res.returncode == 0, res.stderr
    review = (work / "tmx" / "pair-review.tsv").read_text(encoding="utf-8-sig").splitlines()
    assert review[0].startswith("decision\tscore\tspanish")
    rows = review[1:]
    assert sorted(row.split("\t")[2].split("/")[-1] for row in rows) == sorted(BRIEFS)
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
    # the Spanish side imported anew from scratch: the accepted pairs come back unasked
    shutil.rmtree(work / "corpus" / "es")
    issues = map(str, sorted(SPANISH.glob("*.md")))
    assert run_cli("import-issue", "--lang", "es", *issues, cwd=work).returncode == 0
    res = run_cli("pair", "--mt", "no", cwd=work)
    assert res.returncode == 0, res.stderr
    assert res.stdout.count("accepted before") == len(rows)
    ids = {a.pair for a in iter_corpus(work / "corpus", "es")}
    assert {row.split("\t")[3] for row in rows} <= ids
    # rejected: remembered, and not proposed again
    work = tmp_path / "reject"
    shutil.copytree(project, work)
    rows = _decide(work, "reject")
    res = run_cli("pair", "--format", "tsv", "--dry-run", "--mt", "no", cwd=work)
    for row in rows:
        spanish, english = row.split("\t")[2:4]
        assert f"{spanish}\t{english}" not in res.stdout
    assert "reject" in (work / "tmx" / "pair-decisions.tsv").read_text()


def test_a_pair_id_that_already_links_an_article_is_refused(project: Path, tmp_path: Path) -> None:
    work = tmp_path / "p"
    shutil.copytree(project, work)
    english = {a.pair: a for a in iter_corpus(work / "corpus", "en")}
    first = next(iter_corpus(work / "corpus", "es"))
    apply_pairs(work / "corpus", [PairProposal(first, english[truth()[first.path.name]], 0.9, "")])
    spanish = list(iter_corpus(work / "corpus", "es"))
    taken = next(a for a in spanish if a.pair in english)  # a Spanish article already paired
    other = next(a for a in spanish if a.pair not in english)
    before = {p: p.read_bytes() for p in (work / "corpus" / "es").glob("*.md")}
    with pytest.raises(IwoError, match="already links"):
        apply_pairs(work / "corpus", [PairProposal(other, english[taken.pair], 0.9, "", "write")])
    assert {p: p.read_bytes() for p in (work / "corpus" / "es").glob("*.md")} == before


@settings(
    max_examples=int(os.environ.get("PAIR_EXAMPLES", 60)),  # PAIR_EXAMPLES=400 for a longer run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000))
def test_shuffled_and_thinned_corpora_never_get_a_false_pair_written(
    project: Path, tmp_path_factory, seed: int
) -> None:
    """Drop a random part of the articles on both sides (in a shuffled order): a pair scored
    high enough to be written is always a true one."""
    rng = random.Random(seed)
    work = tmp_path_factory.mktemp("thin")
    expected = truth()
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
    res = run_cli("pair", "--dry-run", "--mt", "no", cwd=work)
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


def test_texts_written_freely_in_spanish_find_their_english(project: Path, tmp_path: Path) -> None:
    """The corpus's Spanish was written from its English, which flatters the pairing; the
    five free texts were not. Without Apertium, at least four of them are written, each with
    its own English, and none of the corpus's articles is led astray by them."""
    work = tmp_path / "p"
    shutil.copytree(project, work)
    expected = {**truth(), **add_free_texts(work / "corpus")}
    found = propose_pairs(work / "corpus", load_freedict())
    written = {p.spanish.path.name: p.english.pair for p in found.proposals if p.status == "write"}
    assert all(expected[k] == v for k, v in written.items())
    assert sum(k.startswith(("42-", "43-", "44-", "45-", "46-")) for k in written) >= 4
