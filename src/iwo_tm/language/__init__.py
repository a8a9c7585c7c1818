"""What iwo-tm knows of Spanish and English before it reads the corpus: which language a text
is in, the words of each and their keys (cognates, FreeDict, the vocabulary learnt from aligned
text), and Apertium's machine translation. Used by every later step."""

from .detect import detect_language, language_scores
from .lexicon import STOP, Lexicon, fold, learn, load_freedict, word_keys
from .machine_translation import Translator, available

__all__ = [
    "STOP", "Lexicon", "Translator", "available", "detect_language", "fold", "language_scores",
    "learn", "load_freedict", "word_keys",
]  # fmt: skip
