"""Fuzzy-match repair on hand-made cases: only the words that differ change in the English."""

import pytest

from iwo_tm.language.lexicon import Lexicon
from iwo_tm.memory.word_alignment import WordAligner
from iwo_tm.suggest.repair import plan_repair

POLICE = ("La policía asesinó a 10 trabajadores en Juliaca.",
          "The police killed 10 workers in Juliaca.")  # fmt: skip
SLOGAN = ("¡Fuera Boluarte y todo el régimen fujimorista!",
          "Out with Boluarte and the whole Fujimorista regime!")  # fmt: skip

# what Apertium would give for the new spans: fixed here, so no test depends on its wording
MT = {
    "Puno": "Puno",
    "campesinos": "peasants",
    "Boluarte asesina": "murderous Boluarte",
    "el Congreso": "the Congress",
    "Congreso": "Congress",
}


@pytest.fixture(scope="module")
def aligner() -> WordAligner:
    lex = Lexicon()
    for es, en in (("fuera", "out"), ("asesinó", "kille"), ("trabajadores", "worke")):
        lex.add(es, {en})
    return WordAligner(lex)


def repaired(aligner: WordAligner, match: tuple[str, str], new: str, lookup=None) -> str | None:
    plan = plan_repair(new, aligner.align(*match), lookup or (lambda text: None))
    if plan is None:
        return None
    done = plan.finish(MT)
    return done.text() if done else None


@pytest.mark.parametrize(
    "match, new, english",
    [
        # a changed name
        (POLICE, "La policía asesinó a 10 trabajadores en Puno.",
         "The police killed 10 workers in Puno."),
        # a changed word
        (POLICE, "La policía asesinó a 10 campesinos en Juliaca.",
         "The police killed 10 peasants in Juliaca."),
        # a changed number, no translation needed
        (POLICE, "La policía asesinó a 17 trabajadores en Juliaca.",
         "The police killed 17 workers in Juliaca."),
        # a word inserted: patched together with its neighbour
        (SLOGAN, "¡Fuera Boluarte asesina y todo el régimen fujimorista!",
         "Out with murderous Boluarte and the whole Fujimorista regime!"),
        # a word dropped
        (SLOGAN, "¡Fuera Boluarte y el régimen fujimorista!",
         "Out with Boluarte and the Fujimorista regime!"),
        # a phrase replaced by a word: the English phrase goes
        (SLOGAN, "¡Fuera Boluarte y todo el Congreso!",
         "Out with Boluarte and the whole Congress!"),
        # the match's final punctuation follows the new segment's
        (SLOGAN, "Fuera Boluarte y todo el Congreso",
         "Out with Boluarte and the whole Congress"),
    ],
)  # fmt: skip
def test_repair_patches_only_what_differs(
    aligner: WordAligner, match: tuple[str, str], new: str, english: str
) -> None:
    assert repaired(aligner, match, new) == english


def test_the_memory_and_glossary_come_before_machine_translation(aligner: WordAligner) -> None:
    plan = plan_repair(
        "La policía asesinó a 10 trabajadores en Puno.",
        aligner.align(*POLICE),
        lambda text: ("PUNO (glossary)", "glossary") if text == "Puno" else None,
    )
    assert plan is not None and plan.needs == []  # nothing left for Apertium
    assert plan.text() == "The police killed 10 workers in PUNO (glossary)."
    assert [(p.old_target, p.new_target, p.how) for p in plan.patches] == [
        ("Juliaca", "PUNO (glossary)", "glossary")
    ]


def test_no_repair_when_the_english_of_a_change_cannot_be_found(aligner: WordAligner) -> None:
    # nothing links "vocero" to "spokesman": where its English is cannot be told
    match = ("Lo dijo el vocero.", "The spokesman said it.")
    assert plan_repair("Lo dijo el ministro.", aligner.align(*match), lambda t: None) is None


def test_no_repair_when_most_of_the_english_would_be_rewritten(aligner: WordAligner) -> None:
    new = "Los campesinos marcharon hasta Juliaca."
    assert plan_repair(new, aligner.align(*POLICE), lambda t: None) is None


def test_a_missing_machine_translation_leaves_no_repair(aligner: WordAligner) -> None:
    plan = plan_repair("La policía asesinó a 10 obreros en Juliaca.", aligner.align(*POLICE),
                       lambda t: None)  # fmt: skip
    assert plan is not None and plan.needs == ["obreros"]
    assert plan.finish({}) is None
