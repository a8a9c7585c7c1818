"""Segments -> aligned units: each Spanish/English article pair sentence-aligned (a dynamic
program over beads, scored by words found across, length and structure), confident units
written to the memory, doubtful ones held in the review files until a person decides."""

from .alignment import Aligner
from .corpus_alignment import accept_review, align_corpus, align_files
from .review import ReviewItem, read_review, write_review

__all__ = [
    "Aligner", "ReviewItem", "accept_review", "align_corpus", "align_files", "read_review",
    "write_review",
]  # fmt: skip
