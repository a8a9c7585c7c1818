"""Memory -> drafts: a new Spanish text drafted from the memory (whole matches, repaired
matches, machine translation with the memory's phrases pinned and the team's edits applied),
written as PO, XLIFF or Markdown, and the finished translation merged back."""

from .drafts import write_markdown, write_po, write_xliff
from .merge import merge_draft
from .phrases import PhraseFinder
from .post_edit import PostEditor, Rule, learn_rules
from .suggestion import DraftOptions, Origin, Suggestion, analyse, suggest, words_by_origin

__all__ = [
    "DraftOptions", "Origin", "PhraseFinder", "PostEditor", "Rule", "Suggestion", "analyse",
    "learn_rules", "merge_draft", "suggest", "words_by_origin", "write_markdown", "write_po",
    "write_xliff",
]  # fmt: skip
