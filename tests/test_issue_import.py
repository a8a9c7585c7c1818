"""The import of the converted issues, checked on the whole corpus."""

import re
from pathlib import Path

from conftest import ROOT, run_cli

from iwo_tm.corpus.documents import iter_corpus, read_article
from iwo_tm.corpus.issue_import import join_broken, plain_text
from iwo_tm.corpus.segmentation import segment_article

# captions of the seed issues: they must stay captions, never glued into a sentence
CAPTIONS = [
    "Arequipa: The masses take the road connecting to the Añashuayco Bridge",
    "Massacre of Juliaca: the exploited evacuate people injured",
    "Clashes in Arequipa",
    "Blockade of the Llave international bridge in Puno",
    "Delegates from the Huancavélica region mobilize in the streets of Lima",
    "Massacre in Gaza by Zionism",
    "Region map",
    "Massive concentration in Juliaca in tribute to the martyrs",
    "December 13th, 2022: US ambassador and Dina Boluarte",
]
FURNITURE = [
    "Price US$",
    "e-mail:",
    "INDEX",
    "Continued on page",
    "Continued from",
    "See full statement in",
    "SUBSCRIBE TO OUR TELEGRAM",
    "editorialrudolphklement",
    ".....",
    "See in page",
]


def test_one_file_per_article_of_both_issues(imported: Path):
    files = sorted((imported / "en").glob("*.md"))
    issues = {read_article(f).meta["issue"] for f in files}
    assert issues == {37, 41}
    assert len([f for f in files if f.name.startswith("37-")]) >= 18
    assert len([f for f in files if f.name.startswith("41-")]) >= 6


def test_shipped_corpus_is_what_the_import_writes(imported: Path):
    """corpus/en is produced by the command, not edited by hand; so is corpus/es, but for
    the pair ids that ``iwo-tm pair`` writes (tests/test_pairing.py)."""
    shipped = {p.name: p.read_text() for p in (ROOT / "corpus" / "en").glob("*.md")}
    fresh = {p.name: p.read_text() for p in (imported / "en").glob("*.md")}
    assert shipped == fresh

    def unpaired(p: Path) -> str:
        return re.sub(r"^pair: .*$", "pair:", p.read_text(), count=1, flags=re.M)

    shipped = {p.name: unpaired(p) for p in (ROOT / "corpus" / "es").glob("*.md")}
    fresh = {p.name: unpaired(p) for p in (imported / "es").glob("*.md")}
    assert shipped == fresh


def test_the_spanish_issues_come_apart_into_their_articles(imported: Path):
    files = sorted((imported / "es").glob("*.md"))
    assert [sum(f.name.startswith(f"{n}-") for f in files) for n in (36, 37, 41)] == [1, 20, 3]
    text = "\n".join(b.text for f in files for b in read_article(f).blocks)
    # masthead, prices, index, page furniture and page-jump markers are left out
    for furniture in ("Precio", "ÍNDICE", "Nº 37 •", "Continúa en la página", "Viene de la"):
        assert furniture not in text
    # words cut by column breaks are joined; a real hyphen at a line end is kept
    assert not re.search(r"[a-záéíóúñ]- [a-záéíóúñ]", text)
    assert text.count("político-militar") == 2
    # the page jump: the article's second half follows its first
    batalla = read_article(imported / "es" / "37-la-batalla-por-lima-continua.md")
    assert len([b for b in batalla.blocks if b.kind == "paragraph"]) >= 13
    # a kicker line opens the article after it; an attribution closes the one before it
    fuera = read_article(imported / "es" / "37-fuera-el-fmi-las-bases-militares-y.md")
    assert fuera.blocks[0].text.startswith("Por la unidad antiimperialista")
    assert fuera.blocks[0].kind == "paragraph"
    busca = read_article(imported / "es" / "37-se-busca.md")
    assert busca.blocks[-1].text.startswith("Laura Richardson, jefa del Comando Sur")
    ucrania = read_article(imported / "es" / "37-ucrania-en-guerra.md")
    assert ucrania.blocks[0].text == "Febrero de 2023 / Presentación del libro"
    # a bold slogan cut across two lines is one paragraph again, its ¡! and «» kept
    bolivia = read_article(imported / "es" / "37-bolivia-los-mineros-de-huanuni-marchan-a.md")
    texts = [b.text for b in bolivia.blocks]
    assert (
        "**¡Viva la lucha de los mineros bolivianos! ¡Por una huelga general de la COB, basada "
        "en las asambleas de base y en los comités de autodefensa de las minas!**"
    ) in texts
    assert any("al grito de «¡Huanuni no se vende, Huanuni se defiende!»." in t for t in texts)


def test_importing_again_keeps_the_pairs(tmp_path: Path):
    """An article paired since its import keeps its pair id when the issue is imported
    again (the main command runs import-issue, then pair, every time)."""
    issue = ROOT / "corpus" / "sources" / "es" / "iwo-41-2024-01.md"
    res = run_cli("import-issue", str(issue), "--corpus", str(tmp_path))
    assert res.returncode == 0, res.stderr
    path = tmp_path / "es" / "41-a-un-ano-de-la-masacre-de.md"
    text = path.read_text()
    path.write_text(text.replace("pair: 41-a-un-ano-de-la-masacre-de", "pair: 41-one-year-after"))
    res = run_cli("import-issue", str(issue), "--corpus", str(tmp_path), "--lang", "es")
    assert res.returncode == 0, res.stderr
    assert path.read_text() == text.replace(
        "pair: 41-a-un-ano-de-la-masacre-de", "pair: 41-one-year-after"
    )


def test_an_issue_in_neither_language_is_refused(tmp_path: Path):
    issue = tmp_path / "issue.md"
    issue.write_text("# 12345\n\n67890\n\n# 2024\n")
    res = run_cli("import-issue", str(issue), "--corpus", str(tmp_path / "corpus"))
    assert res.returncode == 1
    assert res.stderr.strip() == (
        f"iwo-tm: error: {issue}: cannot tell whether this issue is English or Spanish: "
        "give --lang en or es"
    )


def test_no_hyphenation_fragments_or_cut_sentences(imported: Path):
    for art in iter_corpus(imported, "en"):
        for prev, b in zip([None, *art.blocks], art.blocks, strict=False):
            if b.kind not in ("paragraph", "list"):
                continue
            text = plain_text(b.text)
            after_heading = prev is not None and prev.kind == "heading"  # a headline's deck
            for m in re.finditer(r"\w- [a-záéíóú]", text):
                # "videos -which we attach- of ..." is a dash pair, not a hyphenated word
                assert " -" in text[: m.start()], (art.pair, text)
            assert not text.endswith("-"), (art.pair, text)
            assert b.kind == "list" or after_heading or not text[:1].islower(), (art.pair, text)


def test_known_breaks_are_repaired(imported: Path):
    text = "\n".join(plain_text(b.text) for a in iter_corpus(imported, "en") for b in a.blocks)
    for joined in [
        "such as the Indigenous Peoples of the Central Jungle",
        "Manco Cápac airport",
        "to get the masses off the streets and to disorganize them",
        "leading since December, mainly in the south",
        "Provisional Workers and Peasants' Government",
        "Since the counterrevolutionary coup was consummated",
        "devastated cities and millions and millions of refugees",
        "shook the US. Those are the forces to defeat the US",
        "That Congress of delegates or Unitary National Command of Struggle",
        "against this coup government, the entire Fujimorista regime",
    ]:
        assert joined in text, joined


def test_captions_are_marked_and_never_glued(imported: Path):
    captions, sentences = [], []
    for art in iter_corpus(imported, "en"):
        captions += [plain_text(b.text) for b in art.blocks if b.kind == "caption"]
        sentences += [s.text for s in segment_article(art) if s.kind != "caption"]
    for cap in CAPTIONS:
        assert any(cap in c for c in captions), cap
        assert not any(cap in s for s in sentences), cap


def test_page_furniture_is_left_out(imported: Path):
    for art in iter_corpus(imported, "en"):
        body = "\n".join(b.text for b in art.blocks if b.kind != "comment")
        for f in FURNITURE:
            assert f not in body, (art.pair, f)


def test_front_matter(imported: Path):
    for art in iter_corpus(imported, "en"):
        m = art.meta
        assert {"pair", "issue", "issue_date", "date", "title", "section", "lang"} <= m.keys()
        assert m["pair"].startswith(f"{m['issue']}-")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", m["date"])
    juliaca = read_article(imported / "en" / "37-fierce-massacre-of-the-juliaca-masses-by.md")
    assert juliaca.meta["date"] == "2023-01-09" and juliaca.meta["section"] == "Peru"


def test_join_broken_moves_bold_past_the_word():
    assert (
        join_broken("such as the Indige-**", "nous Peoples") == "such as the Indigenous** Peoples"
    )
    assert (
        join_broken("**by a Provision-**", "**al Government**") == "**by a Provisional Government**"
    )
    assert join_broken("the pro-impe-", "rialist governments") == "the pro-imperialist governments"
    assert join_broken("the self-", "organization") == "the self-organization"


def test_import_dry_run_writes_nothing(tmp_path: Path):
    res = run_cli(
        "import-issue",
        str(ROOT / "corpus/sources/iwo-41-2024-01.md"),
        "--corpus",
        str(tmp_path),
        "--dry-run",
    )
    assert res.returncode == 0
    assert "7 articles" in res.stdout
    assert not any(tmp_path.iterdir())


def test_an_issue_with_no_article_is_refused(tmp_path: Path):
    issue = tmp_path / "issue.md"
    issue.write_text(
        "# El Organizador Obrero Internacional\n\n## Nº 42\n\n31 de marzo de 2024\n\n"
        "Precio US\\$ 1\n\n# ÍNDICE\n\nLa huelga general ..... 2\n"
    )
    res = run_cli("import-issue", str(issue), "--corpus", str(tmp_path / "corpus"))
    assert res.returncode == 1
    assert res.stderr.strip() == (
        f"iwo-tm: error: {issue}:1: no article found: only headings, page furniture or an "
        "index, no running text"
    )
    assert not (tmp_path / "corpus").exists()


def test_importing_again_follows_what_the_earlier_import_wrote(tmp_path: Path):
    """An article whose title comes out otherwise keeps its file and pair id (the Spanish
    article linked to it stays linked); one the issue no longer has is named, not removed."""
    issue = tmp_path / "iwo-37-2023-01.md"
    text = (ROOT / "corpus" / "sources" / "iwo-37-2023-01.md").read_text()
    issue.write_text(text)
    corpus = tmp_path / "corpus"
    assert run_cli("import-issue", str(issue), "--corpus", str(corpus)).returncode == 0
    before = sorted(p.name for p in (corpus / "en").glob("*.md"))
    # the converted file corrected: a headline spelt anew, the Wanted poster taken out
    start = text.index("# WANTED")
    end = text.index("February 2023 / Presentation of the book")
    issue.write_text(text[:start] + text[end:].replace("## UCRANIA AT WAR", "## UKRAINE AT WAR"))
    res = run_cli("import-issue", str(issue), "--corpus", str(corpus))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in (corpus / "en").glob("*.md")) == before  # no new file
    ukraine = read_article(corpus / "en" / "37-ucrania-at-war.md")
    assert ukraine.pair == "37-ucrania-at-war" and ukraine.meta["title"] == "UKRAINE AT WAR"
    assert f"{corpus / 'en' / '37-wanted.md'}: imported from this issue before, not in it now" in (
        res.stdout
    )
    assert (corpus / "en" / "37-wanted.md").exists()
