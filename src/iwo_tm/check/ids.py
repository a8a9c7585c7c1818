"""The checks, in one table: the id that ``--skip``, ``--fail-on`` and the reports use, and the
title a reviewer reads, in report order. Kept apart so the command line can list them without
loading the checks themselves."""

from __future__ import annotations

from ..errors import IwoError

__all__ = ["CHECKS", "check_ids"]

CHECKS = {
    "source": "Same Spanish, different English",
    "target": "Same English, different Spanish",
    "terms": "Recurring terms rendered differently",
    "glossary": "Glossary not respected",
    "numbers": "Numbers that differ",
    "emphasis": "Exclamation lost",
    "empty": "No English",
    "untranslated": "English identical to the Spanish",
}


def check_ids(text: str, option: str) -> set[str]:
    """The checks named in an option's value (comma-separated ids, or ``any``)."""
    if text.strip() == "any":
        return set(CHECKS)
    wanted = {c.strip() for c in text.split(",") if c.strip()}
    unknown = wanted - set(CHECKS)
    if unknown:
        raise IwoError(
            f"{option}: unknown check {sorted(unknown)[0]!r}; the checks are {', '.join(CHECKS)}"
        )
    return wanted
