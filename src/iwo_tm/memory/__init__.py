"""The memory: its units as every TMX, PO or XLIFF file holds them, the fuzzy index that finds
matches (cached on disk as data only), the word alignment inside a unit, and the exchange with
CAT tools (export, import). What suggest and check read."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "phrase_rendering": "word_alignment",
    "Candidate": "fuzzy",
    "Fragment": "fuzzy",
    "FuzzyIndex": "fuzzy",
    "MemoryUnit": "units",
    "WordAligner": "word_alignment",
    "WordAlignment": "word_alignment",
    "build_index": "fuzzy",
    "export_memory": "exchange",
    "import_files": "exchange",
    "load_memory": "units",
    "match_score": "fuzzy",
    "memory_files": "units",
    "word_translations": "word_alignment",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
