"""Segmentation rules, each on real sentences of the corpus or of the publication's style."""

import subprocess
import sys
from pathlib import Path

import pytest
from choppa.iterators import SrxTextIterator
from conftest import ROOT, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from iwo_tm.corpus.documents import Block
from iwo_tm.corpus.segmentation import (
    _all_bold,
    _srx,
    segment_block,
    segment_markdown,
    split_sentences,
)

GOLD = [
    line.rstrip("\n").split("\t")
    for line in (Path(__file__).parent / "data" / "segmentation_gold.tsv").read_text().splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("lang,para", GOLD, ids=[g[1][:40] for g in GOLD])
def test_gold_paragraphs(lang, para):
    expected = para.split(" || ")
    assert split_sentences(" ".join(expected), lang) == expected


# text of the kinds the rules look at: capitals, abbreviations, numbers, marks, quotes, spaces
_TEXT = st.lists(
    st.sampled_from(["Sr", "EE", "UU", "Lima", "el", "pueblo", "los", "15", "1.200", "etc", "p",
                     "OK", "ej", " ", " ", " ", "\u00a0", ".", ".", "!", "?", "¡", "¿", "…", ":",
                     ",", "«", "»", "\"", "'", "(", ")", "[1]", "{", "}", "<", ">", "0"]),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(["es", "en"]))
def test_the_tageditor_rules_change_nothing_in_text_without_their_markup(text, lang):
    """They are left out of the rules for speed (``_srx``); the sentences stay LanguageTool's."""
    squeezed = " ".join(text.split())
    full = [s.strip() for s in SrxTextIterator(_srx(True), f"{lang}_two", squeezed) if s.strip()]
    assert split_sentences(text, lang) == full


def _fresh_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_segmenting_does_not_load_the_schema_library_the_rule_engine_imports():
    """The engine imports xmlschema only to validate rule files on request (``_srx``)."""
    loaded = _fresh_python(
        "import sys; from iwo_tm.corpus.segmentation import split_sentences\n"
        "print(split_sentences('Hola. ¿Qué tal?', 'es'), 'xmlschema.validators' in sys.modules)"
    )
    assert loaded == "['Hola.', '¿Qué tal?'] False"


def test_the_rule_engine_can_still_validate_rule_files_after_segmenting():
    found = _fresh_python(
        "from iwo_tm.corpus.segmentation import split_sentences\n"
        "split_sentences('Hola. Adiós.', 'es')\n"
        "from choppa import DEFAULT_SRX_RULESET, SRX_2_XSD, SrxDocument\n"
        "import xmlschema, xmlschema.validators\n"
        "doc = SrxDocument(ruleset=DEFAULT_SRX_RULESET, validate_ruleset=SRX_2_XSD)\n"
        "print(len(doc.language_map_list) > 10, type(xmlschema.XMLSchema).__name__)\n"
        "try:\n"
        "    xmlschema.XMLSchema(str(DEFAULT_SRX_RULESET))\n"
        "except xmlschema.XMLSchemaException:\n"
        "    print('an SRX file is not a schema')"
    )
    assert found.splitlines() == ["True XMLSchemaMeta", "an SRX file is not a schema"]


def test_text_with_tageditor_markup_is_cut_at_it_as_languagetool_cuts_it():
    text = "Primero{0>Hola amigos<}0{>Hello friends<0}después"
    assert split_sentences(text, "es") == ["Primero{0>", "Hola amigos<}0{>Hello friends",
                                           "<0}después"]  # fmt: skip


@given(st.lists(st.tuples(st.sampled_from("a1 .¡É"), st.booleans()), max_size=30))
def test_a_segment_is_bold_when_all_its_letters_and_digits_are(chars):
    text, bold = "".join(c for c, _ in chars), [b for _, b in chars]
    letters = [b for c, b in chars if c.isalnum()]
    assert _all_bold(text, bold) == (bool(letters) and all(letters))


def test_bold_slogan_is_its_own_segment_and_flagged():
    b = Block(
        "paragraph",
        "Also, several injured are reported. **In the eyes of the exploited, "
        "the Congress does not represent them.** This is the demand of years.",
    )
    segs = segment_block(b, 0, "en")
    assert [s.bold for s in segs] == [False, True, False]
    assert segs[1].text == "In the eyes of the exploited, the Congress does not represent them."


def test_bold_without_full_stop_still_cut_at_slogan_edge():
    b = Block(
        "paragraph", "**¡Abajo el régimen fujimorista del TLC** Los explotados siguen en pie."
    )
    segs = segment_block(b, 0, "es")
    assert [s.text for s in segs] == [
        "¡Abajo el régimen fujimorista del TLC",
        "Los explotados siguen en pie.",
    ]
    assert segs[0].bold and not segs[1].bold


def test_bold_phrase_inside_a_sentence_is_not_cut():
    b = Block(
        "paragraph",
        "We must fight to impose the **expulsion of all Zionist ambassadors** "
        "and to send them weapons.",
    )
    segs = segment_block(b, 0, "en")
    assert len(segs) == 1 and not segs[0].bold


def test_structure_headings_captions_lists():
    text = (
        "# ¡TODOS A LIMA!\n\nPrimera frase. Segunda frase.\n\n![Pie de foto. Con punto]()\n\n"
        "- activó sus comités de almacén,\n- participó en protestas.\n\n"
        "**¡Juicio y castigo a los asesinos del pueblo!**\n"
    )
    lang, segs = segment_markdown(text)
    assert lang == "es"
    assert [(s.kind, s.text) for s in segs] == [
        ("heading", "¡TODOS A LIMA!"),
        ("paragraph", "Primera frase."),
        ("paragraph", "Segunda frase."),
        ("caption", "Pie de foto."),
        ("caption", "Con punto"),
        ("list", "activó sus comités de almacén,"),
        ("list", "participó en protestas."),
        ("paragraph", "¡Juicio y castigo a los asesinos del pueblo!"),
    ]
    assert segs[-1].bold and segs[1].first and not segs[2].first


def test_a_lone_capitalised_word_is_a_label_not_a_sentence():
    text = (
        "Liga Socialista de los Trabajadores Internacionalistas de Perú.\n\nPERÚ\n\n"
        "NUEVA ZELANDA\n\n**TRIBUNA OBRERA**\n\nSHUT DOWN THE CONGRESS.\n\nAbajo, OEA y FMI\n"
    )
    _, segs = segment_markdown(text, "es")
    assert [(s.kind, s.text) for s in segs] == [
        ("paragraph", "Liga Socialista de los Trabajadores Internacionalistas de Perú."),
        ("heading", "PERÚ"),
        ("heading", "NUEVA ZELANDA"),
        ("paragraph", "TRIBUNA OBRERA"),  # a bold slogan stays a slogan
        ("paragraph", "SHUT DOWN THE CONGRESS."),  # a sentence, with its full stop
        ("paragraph", "Abajo, OEA y FMI"),
    ]


def test_links_keep_their_text():
    _, segs = segment_markdown(
        "See all the videos on our website: [www.flti-ci.org](http://x).\n", "en"
    )
    assert segs[0].text == "See all the videos on our website: www.flti-ci.org."


def test_segment_cli_on_a_corpus_article():
    art = ROOT / "corpus" / "en" / "37-fierce-massacre-of-the-juliaca-masses-by.md"
    res = run_cli("segment", str(art))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert "H Fierce massacre of the Juliaca masses by the police - Puno" in lines
    assert any(line.startswith("C Massacre of Juliaca") for line in lines)


def test_language_is_required_when_it_cannot_be_guessed(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("Lima.\n")
    res = run_cli("segment", str(f))
    assert res.returncode == 1 and "--lang" in res.stderr
