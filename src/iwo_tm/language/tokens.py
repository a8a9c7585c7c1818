"""How iwo-tm cuts text into words: the two ways, side by side, since each serves its own end.

- ``words``: the aligner's and the lexicon's words, letters with their inner apostrophes and
  hyphens (rock'n'roll, político-militar) or a number with its ordinal (4th): what carries
  meaning across languages.
- ``match_words``: the words a CAT tool counts for a match percentage and its index, every run
  of letters or digits (EE.UU. is two, político-militar two), a number with its decimals one
  (29.438, 1,5); ``match_word_spans`` gives their places, for whatever patches a segment.
"""

from __future__ import annotations

import re
import unicodedata

import regex

__all__ = ["is_number", "match_word_spans", "match_words", "words"]

# letters, with inner apostrophes and hyphens (rock'n'roll, Indo-American), or a number; the
# standard library's engine is the faster here, and text is composed (NFC) before it is read
_WORD = re.compile(r"[^\W\d_]+(?:['’\-]+[^\W\d_]+)*|\d[\d.,]*(?:st|nd|rd|th|°|º)?")
_MATCH_WORD = regex.compile(r"\w+(?:[.,]\d+)*", regex.UNICODE)
_NUMBER = regex.compile(r"^\d[\d.,]*$")

# punctuation that only ever borders a word: a chunk that is letters once it is stripped is one
# word. Apostrophes and hyphens are not here, since they can join two words into one
_BORDER = '.,;:!?¡¿()[]"«»“”‘'


def words(text: str) -> list[str]:
    """The words of ``text`` as ``_WORD`` finds them.

    No word spans a space, and most space-separated chunks are plain words or a word with a
    mark beside it, which ``str`` methods recognise several times faster than the expression
    does: it reads only the rest. The aligner reads every sentence of the corpus this way.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for chunk in text.split():
        if chunk.isalpha():
            out.append(chunk)
        else:
            core = chunk.strip(_BORDER)
            if core.isalpha():
                out.append(core)
            else:
                out += _WORD.findall(chunk)
    return out


def match_words(text: str) -> list[str]:
    return _MATCH_WORD.findall(text)


def match_word_spans(text: str) -> list[tuple[str, int, int]]:
    """The same words as ``match_words``, each with its start and end offsets in ``text``."""
    return [(m.group(), m.start(), m.end()) for m in _MATCH_WORD.finditer(text)]


def is_number(word: str) -> bool:
    return bool(_NUMBER.match(word))
