"""The memory: its units as every TMX, PO or XLIFF file holds them, the fuzzy index that finds
matches (cached on disk as data only), the word alignment inside a unit, and the exchange with
CAT tools (export, import). What suggest and check read."""

from .exchange import export_memory, import_files
from .fuzzy import Candidate, Fragment, FuzzyIndex, build_index, match_score
from .units import MemoryUnit, load_memory, memory_files
from .word_alignment import WordAligner, WordAlignment, word_translations

__all__ = [
    "Candidate", "Fragment", "FuzzyIndex", "MemoryUnit", "WordAligner", "WordAlignment",
    "build_index", "export_memory", "import_files", "load_memory", "match_score",
    "memory_files", "word_translations",
]  # fmt: skip
