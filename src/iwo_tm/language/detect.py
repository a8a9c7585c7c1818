"""Tell Spanish from English by their function words: enough to refuse the wrong language."""

from __future__ import annotations

import regex

_WORDS = {
    "es": set(
        [
            "de",
            "la",
            "el",
            "los",
            "las",
            "que",
            "y",
            "en",
            "por",
            "del",
            "con",
            "para",
            "se",
            "una",
            "un",
            "al",
            "su",
            "sus",
            "es",
            "lo",
            "como",
            "más",
            "pero",
            "ya",
            "contra",
            "hay",
            "son",
            "fue",
            "ni",
            "sin",
            "sobre",
            "este",
            "esta",
            "todos",
        ]
    ),
    "en": set(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "for",
            "with",
            "is",
            "are",
            "that",
            "on",
            "by",
            "from",
            "this",
            "was",
            "were",
            "be",
            "it",
            "as",
            "at",
            "have",
            "has",
            "not",
            "but",
            "they",
            "their",
            "all",
            "will",
        ]
    ),
}


def language_scores(text: str) -> dict[str, int]:
    """How many function words of each language the text has."""
    words = regex.findall(r"\p{L}+", text.lower())
    return {lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items()}


def detect_language(text: str) -> str | None:
    """'es', 'en', or None when the text is too short or too mixed to say."""
    s = language_scores(text)
    es, en = s["es"], s["en"]
    if es + en < 3:
        return None
    if es >= 2 * en + 1:
        return "es"
    if en >= 2 * es + 1:
        return "en"
    return None
