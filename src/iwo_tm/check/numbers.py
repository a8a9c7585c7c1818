"""Numbers as the paper writes them, for the ``numbers`` check: two renderings of one number
are one value, so only a number really missing or added is reported.

- separators and decimals: 29.438 = 29,438, 1,5 = 1.5;
- ordinals and degrees: 4th, 1st, 4°, 1º are 4 and 1;
- Roman numerals of two letters or more (IV Flota = 4th Fleet, siglo XX = 20th century);
- decades: '70, los años 70, the '70s and the 1970s are 1970;
- spelled-out numbers and ordinals (dieciocho, eighteen, cuarta, Fourth) answer a number in
  figures on the other side (IV Internacional = Fourth International), but
  are never reported themselves: "uno", "one" are as often words as numbers;
- a number is present or not: the English that keeps a Spanish name with its number and adds
  a gloss ("del 9 de enero" (... of January 9)) does not report the second 9.
"""

from __future__ import annotations

import regex

__all__ = ["numbers_differ"]

_ROMAN = regex.compile(
    # two letters or more, one of them I, V or X: "DC" of Washington DC is no 600
    r"\b(?=[MDCLXVI]{2,}\b)(?=[MDCL]*[IVX])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\b"
)
_DECADE = regex.compile(r"(?:\b(?:años|decade of the)\s+|')(\d{2})(?:s\b|\b)")
_NUMBER = regex.compile(r"\d[\d.,]*")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SPELLED = {
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
    "quince dieciséis diecisiete dieciocho diecinueve veinte",
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
}
_ORDINALS = {
    "es": "_ primero segundo tercero cuarto quinto sexto séptimo octavo noveno décimo",
    "en": "_ first second third fourth fifth sixth seventh eighth ninth tenth",
}
SPELLED = {
    lang: {w: str(k) for k, w in enumerate(words.split())} for lang, words in _SPELLED.items()
}
for _lang, _words in _ORDINALS.items():
    for _k, _w in enumerate(_words.split()[1:], 1):
        SPELLED[_lang][_w] = str(_k)
        if _lang == "es":  # primera, cuarta
            SPELLED[_lang][_w[:-1] + "a"] = str(_k)


def _roman(numeral: str) -> int:
    total = 0
    for a, b in zip(numeral, numeral[1:] + " ", strict=True):
        value = _VALUES[a]
        total += -value if b != " " and _VALUES[b] > value else value
    return total


# a printf directive is code, not a number: "%.250s", "%1$s", "%02d"
_PRINTF = regex.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]"
)


def values(text: str) -> set[str]:
    """The numbers of ``text`` written in figures (or Roman numerals), as values."""
    text = _PRINTF.sub(" ", text)
    text = _DECADE.sub(lambda m: f" 19{m[1]} ", text)
    text = _ROMAN.sub(lambda m: f" {_roman(m[0])} " if m[0] else m[0], text)
    return {d for m in _NUMBER.findall(text) if (d := regex.sub(r"\D", "", m))}


def spelled(text: str, lang: str) -> set[str]:
    """The numbers of ``text`` written out as words (up to twenty)."""
    table = SPELLED.get(lang, {})
    return {table[w] for w in regex.findall(r"\w+", text.lower()) if w in table}


def numbers_differ(
    source: str, target: str, source_lang: str = "es", target_lang: str = "en"
) -> tuple[list[str], list[str]]:
    """The numbers of the source not in the target, and those only in the target."""
    src, tgt = values(source), values(target)
    missing = sorted(src - tgt - spelled(target, target_lang), key=lambda x: (len(x), x))
    extra = sorted(tgt - src - spelled(source, source_lang), key=lambda x: (len(x), x))
    return missing, extra
