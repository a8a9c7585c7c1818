"""Segments -> aligned units: each Spanish/English article pair sentence-aligned (a dynamic
program over beads, scored by words found across, length and structure), confident units
written to the memory, doubtful ones held in the review files until a person decides."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "Aligner": "alignment",
    "ReviewItem": "review",
    "accept_review": "corpus_alignment",
    "align_corpus": "corpus_alignment",
    "align_files": "corpus_alignment",
    "correct_unit": "corrections",
    "decide_held": "corrections",
    "read_review": "review",
    "write_review": "review",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
