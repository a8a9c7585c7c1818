"""Numbers and dates of machine translation, written as the memory writes them."""

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.suggest.localize import DateStyle, localize, spanish_number_in_english


@pytest.mark.parametrize(
    "spanish, english",
    [
        ("3.000", "3,000"),
        ("2.700", "2,700"),
        ("1.234.567", "1,234,567"),
        ("1.234.567,5", "1,234,567.5"),
        ("94,8", "94.8"),
        ("2,5", "2.5"),
        ("0,1234", "0.1234"),
        # either language could have written these: left alone
        ("2,500", None),
        ("1.5", None),
        ("2024", None),
        ("12.34", None),
    ],
)
def test_a_number_is_rewritten_only_when_it_can_only_be_spanish(spanish, english) -> None:  # noqa: ANN001
    assert spanish_number_in_english(spanish) == english


def test_the_draft_gets_the_english_numbers_and_dates() -> None:
    text, changes = localize(
        "El 15 de enero de 2024 más de 3.000 mineros cobraron 2,5 millones: el 94,8%.",
        "On 15 January 2024 more than 3.000 miners got 2,5 million: the 94,8%.",
        DateStyle(month_first=True),
    )
    assert text == "On January 15, 2024 more than 3,000 miners got 2.5 million: the 94.8%."
    assert changes == [
        ("3.000", "3,000"),
        ("2,5", "2.5"),
        ("94,8", "94.8"),
        ("15 January 2024", "January 15, 2024"),
    ]


def test_only_the_sources_numbers_and_only_whole_ones_change() -> None:
    # "3.000" is not in the source: the English may mean something else by it
    assert localize("Unos 30 obreros.", "Some 3.000 workers.")[0] == "Some 3.000 workers."
    # the source's 3.000 inside a longer number of the English is not touched
    assert localize("3.000", "13.000 and 3.0001 and 3.000")[0] == "13.000 and 3.0001 and 3,000"


def test_dates_stay_day_first_when_the_memory_writes_them_so() -> None:
    style = DateStyle.learn(["On 9 January 2023 the army", "the 15 March strike"])
    assert not style.month_first
    assert localize("el 16 de enero", "the 16 January", style)[0] == "the 16 January"
    assert localize("el 16 de enero", "the 16 January")[0] == "the 16 January"  # no style


def test_the_corpus_writes_dates_month_first() -> None:
    pairs, _ = load_pairs(ROOT / "corpus")
    english = (s.text for _, en in pairs for s in segment_article(en))
    assert DateStyle.learn(english).month_first


@given(st.text(alphabet="0123456789.,; abc", max_size=40))
def test_text_without_spanish_numbers_is_left_as_it_is(english: str) -> None:
    assert localize("sin números", english) == (english, [])
