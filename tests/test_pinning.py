"""Phrase-pinned machine translation: the memory's phrases reach the draft untouched."""

import pytest

from iwo_tm.language.machine_translation import Translator, available
from iwo_tm.suggest.pinning import choose_pins, make_pin, protect, restore, translate_pinned
from iwo_tm.suggest.post_edit import PostEditor

TEXT = "Miles de obreros gritaron ¡Fuera Boluarte y todo el régimen fujimorista!"


def pins_for(text: str) -> list:
    # word positions as the index counts them: Miles de obreros gritaron Fuera Boluarte ...
    return [
        make_pin(text, 4, 6, "Out with Boluarte!", "memory", support=4, read=4),
        make_pin(text, 9, 11, "Fujimorista regime", "memory", support=16, read=25),
    ]


def fake_mt(lines: list[str]) -> list[str]:
    """A stand-in for Apertium that keeps unknown words (the placeholders) in their place."""
    out = []
    for line in lines:
        line = line.replace("Miles de obreros gritaron", "Thousands of workers shouted")
        out.append(line.replace(" y todo el ", " and all the ").replace("¡", ""))
    return out


def test_pins_cover_words_and_lose_the_slogans_edge_punctuation() -> None:
    first, second = pins_for(TEXT)
    assert (first.source, first.target) == ("Fuera Boluarte", "Out with Boluarte")
    assert TEXT[second.char_start : second.char_end] == "régimen fujimorista"


def test_placeholders_go_in_and_come_back_as_the_memory_english() -> None:
    pins = pins_for(TEXT)
    assert protect(TEXT, pins) == "Miles de obreros gritaron ¡Zq0 y todo el Zq1!"
    [(draft, _)] = translate_pinned([(TEXT, pins)], fake_mt)
    assert draft == "Thousands of workers shouted Out with Boluarte and all the Fujimorista regime!"


def test_a_lost_placeholder_falls_back_to_translating_the_pieces() -> None:
    pins = pins_for(TEXT)
    assert restore("Thousands shouted Zq0 and all!", pins) is None  # Zq1 lost

    def losing(lines: list[str]) -> list[str]:
        return [line.replace("Zq1", "") for line in fake_mt(lines)]

    [(draft, _)] = translate_pinned([(TEXT, pins)], losing)
    assert "Out with Boluarte" in draft and "Fujimorista regime" in draft


def test_pieces_method_joins_translated_pieces_and_pins() -> None:
    [(draft, _)] = translate_pinned([(TEXT, pins_for(TEXT))], fake_mt, method="pieces")
    assert draft.startswith("Thousands of workers shouted Out with Boluarte")
    assert draft.endswith("Fujimorista regime!")


def test_glossary_terms_win_over_memory_phrases() -> None:
    text = "Todo el poder a los Comités de Coordinación"
    memory = make_pin(text, 5, 8, "coordination committees", "memory", support=1, read=3)
    glossary = make_pin(text, 6, 8, "Coordinating Committees", "glossary")
    assert [p.target for p in choose_pins(text, [memory, glossary])] == ["Coordinating Committees"]


def test_a_slogan_in_capitals_stays_in_capitals() -> None:
    text = "FUERA BOLUARTE Y SU GABINETE"
    assert make_pin(text, 0, 2, "Out with Boluarte!", "memory").target == "OUT WITH BOLUARTE"


@pytest.mark.skipif(not available(), reason="apertium and apertium-eng-spa not installed")
def test_a_pinned_slogan_survives_apertium(tmp_path) -> None:  # noqa: ANN001
    translator = Translator(cache=tmp_path)
    items = [(TEXT, pins_for(TEXT)), (TEXT, [])]
    (draft, _), (plain, _) = translate_pinned(
        items, translator.translate_marked, post=PostEditor(()).apply
    )
    assert "Out with Boluarte" in draft and "Fujimorista regime" in draft
    assert "Zq" not in draft and "*" not in draft  # no placeholder nor unknown-word mark left
    assert "Out with Boluarte" not in plain  # without pins Apertium has its own way


def test_a_headlines_capitals_are_taken_off_words_the_spanish_writes_small() -> None:
    text = "Paro regional en Puno a trece meses de la masacre de Juliaca"
    assert make_pin(text, 9, 12, "Massacre of Juliaca", "memory").target == "massacre of Juliaca"
    # a name keeps its capitals, translated or not; so does a proper adjective in a phrase
    name = "Hay que poner en pie un Comando Nacional Unitario de Lucha en cada país."
    assert (
        make_pin(name, 6, 11, "Unitary National Command of Struggle", "memory").target
        == "Unitary National Command of Struggle"
    )
    regime = "Abajo el régimen fujimorista y su gobierno."
    assert make_pin(regime, 2, 4, "Fujimorista regime", "memory").target == "Fujimorista regime"
    assert make_pin("Contra el FMI y el Banco Mundial.", 2, 3, "IMF", "memory").target == "IMF"
