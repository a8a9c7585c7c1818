"""Memory -> drafts: a new Spanish text drafted from the memory (whole matches, repaired
matches, machine translation with the memory's phrases pinned and the team's edits applied),
written as PO, XLIFF or Markdown, and the finished translation merged back."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "DraftOptions": "suggestion",
    "Origin": "suggestion",
    "PhraseFinder": "phrases",
    "PostEditor": "post_edit",
    "Rule": "post_edit",
    "Suggestion": "suggestion",
    "analyse": "suggestion",
    "learn_rules": "post_edit",
    "merge_draft": "merge",
    "suggest": "suggestion",
    "words_by_origin": "suggestion",
    "write_markdown": "drafts",
    "write_po": "drafts",
    "write_xliff": "drafts",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
