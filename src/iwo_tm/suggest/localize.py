"""Numbers and dates in a machine-translated draft, written as the memory writes them.

Apertium leaves Spanish numbers as they are ("3.000 mineros" -> "3.000 miners", "2,5
millones" -> "2,5 million") and writes dates day first ("16 de enero" -> "16 January"), while
the paper's English writes "3,000", "2.5" and "January 16". A translator fixes every one by
hand; these fixes are mechanical, so the draft makes them:

- a number is rewritten only when the Spanish source has it in a form that can only be
  Spanish ("3.000", "1.234.567,5", "94,8"), and the English draft has it unchanged; "2,500"
  or "1.5", which could be either, are left alone;
- a date is put month first ("January 16", "January 15, 2024") only when the memory's own
  English puts most of its dates that way (``DateStyle``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DateStyle", "localize", "spanish_number_in_english"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 3.000  1.234.567,5
_DECIMAL = re.compile(r"^\d+,(?:\d{1,2}|\d{4,})$")  # 94,8  2,5  (not 2,500)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w]|[.,]\d)")
_DAY_FIRST = re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)? (?P<m>{_MONTHS})(?:,? (?P<y>\d{{4}}))?\b"
)
_MONTH_FIRST = re.compile(rf"\b(?:{_MONTHS}) [0-3]?\d(?:st|nd|rd|th)?\b")


def spanish_number_in_english(token: str) -> str | None:
    """The English spelling of a number written the Spanish way, or None when the token is
    not one or could be either ("2,500", "1.5")."""
    if _THOUSANDS.match(token):
        whole, _, decimals = token.partition(",")
        return whole.replace(".", ",") + ("." + decimals if decimals else "")
    if _DECIMAL.match(token):
        return token.replace(",", ".")
    return None


@dataclass(frozen=True)
class DateStyle:
    """How the memory's English writes dates: month first ("January 9") or day first."""

    month_first: bool

    @classmethod
    def learn(cls, english: Iterable[str]) -> DateStyle:
        """Month first when most dates of these English texts are written so."""
        month, day = 0, 0
        for text in english:
            month += len(_MONTH_FIRST.findall(text))
            day += len(_DAY_FIRST.findall(text))
        return cls(month_first=month > day)


def _month_first(m: re.Match[str]) -> str:
    year = f", {m['y']}" if m["y"] else ""
    return f"{m['m']} {int(m['d'])}{year}"


def localize(
    source: str, english: str, style: DateStyle | None = None
) -> tuple[str, list[tuple[str, str]]]:
    """``english`` (a machine translation of ``source``) with the source's Spanish numbers
    and, if ``style`` says so, its dates written the English way; and what was changed."""
    changes: list[tuple[str, str]] = []
    for token in dict.fromkeys(_NUMBER.findall(source)):
        written = spanish_number_in_english(token)
        if written is None:
            continue
        pattern = re.compile(rf"(?<![\w.,]){re.escape(token)}(?![\w]|[.,]\d)")
        english, n = pattern.subn(written, english)
        if n:
            changes.append((token, written))
    if style is not None and style.month_first:

        def swap(m: re.Match[str]) -> str:
            new = _month_first(m)
            changes.append((m[0], new))
            return new

        english = _DAY_FIRST.sub(swap, english)
    return english, changes
