"""What iwo-tm knows of Spanish and English before it reads the corpus: which language a text
is in, the words of each and their keys (cognates, FreeDict, the vocabulary learnt from aligned
text), and Apertium's machine translation. Used by every later step."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "Lexicon": "lexicon",
    "STOP": "lexicon",
    "Translator": "machine_translation",
    "available": "machine_translation",
    "detect_language": "detect",
    "fold": "lexicon",
    "language_scores": "detect",
    "learn": "lexicon",
    "load_freedict": "lexicon",
    "word_keys": "lexicon",
    "words": "tokens",
    "match_words": "tokens",
    "match_word_spans": "tokens",
    "EDGE": "lexicon",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
