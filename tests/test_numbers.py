"""Numbers as the paper writes them: the same value in two spellings is no divergence."""

import pytest

from iwo_tm.check.numbers import numbers_differ, values


@pytest.mark.parametrize(
    "spanish, english",
    [
        ("Bajo las órdenes de la IV Flota", "Under the orders of the 4th Fleet"),
        ("la IV Internacional", "the Fourth International"),
        ("un baño de sangre como en los años '70", "a bloodbath as in the 1970s"),
        ("como en los años 70", "as in the '70s"),
        ('La "Asociación del 9 de enero de Juliaca"',
         'The "Asociación del 9 de enero de Juliaca" (Association of January 9 in Juliaca)'),
        ("29.438 obreros y 1,5 millones", "29,438 workers and 1.5 million"),
        ("dieciocho muertos", "18 dead"),
        ("18 muertos", "eighteen dead"),
        ("el 9 de enero", "January 9th"),
        ("un 20% más", "20 percent more"),
        ("la II Guerra Mundial", "World War II"),
        ("Movilización en Washington", "Mobilization in Washington DC"),
    ],
)  # fmt: skip
def test_one_value_in_two_spellings_is_no_divergence(spanish: str, english: str) -> None:
    assert numbers_differ(spanish, english) == ([], [])


@pytest.mark.parametrize(
    "spanish, english, missing, extra",
    [
        ("10 muertos en Juliaca", "11 dead in Juliaca", ["10"], ["11"]),
        ("el 9 de enero", "on January 19", ["9"], ["19"]),
        ("la IV Flota", "the 5th Fleet", ["4"], ["5"]),
        ("29.438 obreros", "29,348 workers", ["29438"], ["29348"]),
        ("cinco muertos", "7 dead", [], ["7"]),
    ],
)  # fmt: skip
def test_a_number_really_changed_is_reported(
    spanish: str, english: str, missing: list[str], extra: list[str]
) -> None:
    assert numbers_differ(spanish, english) == (missing, extra)


def test_roman_numerals_and_decades_become_values() -> None:
    assert values("siglo XX, la IV Flota, los años '70") == {"20", "4", "1970"}
    assert values("I said it: VI") == {"6"}  # a lone I is a word, not a numeral
