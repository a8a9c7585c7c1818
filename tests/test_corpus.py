"""The shipped Spanish side: paired, in Spanish, and with one rendering per slogan."""

import re

from conftest import ROOT

from iwo_tm.corpus.documents import iter_corpus, load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.language.detect import detect_language

CORPUS = ROOT / "corpus"


def test_every_spanish_article_translated_in_english_is_paired():
    """Every Spanish article is linked with its English one, except the three the English
    edition does not translate (tests/data/pair_truth.tsv)."""
    truth = dict(
        line.split("\t")
        for line in (ROOT / "tests/data/pair_truth.tsv").read_text().splitlines()[1:]
    )
    pairs, alone = load_pairs(CORPUS)
    assert {a.path.name for a in alone if a.lang == "es"} == {k for k, v in truth.items() if not v}
    assert {es.path.name: en.pair for es, en in pairs} == {k: v for k, v in truth.items() if v}
    assert len(pairs) == 21


def test_every_peru_article_of_both_issues_has_a_spanish_side():
    es = {a.pair for a in iter_corpus(CORPUS, "es")}
    peru = {a.pair for a in iter_corpus(CORPUS, "en") if a.meta["section"] == "Peru"}
    assert len(peru) >= 15
    assert peru <= es
    others = es - peru
    assert len(others) >= 4  # and at least four articles of other sections


def test_spanish_articles_are_spanish_and_english_ones_english():
    for lang in ("es", "en"):
        for art in iter_corpus(CORPUS, lang):
            text = " ".join(s.text for s in segment_article(art))
            assert detect_language(text) == lang, art.path


def test_recurring_slogan_is_rendered_one_way_in_spanish_and_several_in_english():
    es = " ".join(s.text for a in iter_corpus(CORPUS, "es") for s in segment_article(a))
    en = " ".join(s.text for a in iter_corpus(CORPUS, "en") for s in segment_article(a))
    assert es.count("La sangre derramada jamás será olvidada") >= 4
    # the slogan, wherever it is chanted, has one wording
    assert not re.search(r"[¡\"]La sangre derramada (?!jamás será olvidada)", es)
    variants = set(
        re.findall(
            r"The (spilled blood|blood shed|bloodshed) ?,? will never be "
            r"forgotten",
            en,
        )
    )
    assert variants == {"spilled blood", "blood shed", "bloodshed"}
