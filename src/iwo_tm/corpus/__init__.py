"""Documents -> segments: the articles of the corpus with their front matter, an issue as the
publication converts it cut into articles, and each text cut into segments as CAT tools cut
them (SRX rules, headings, captions and bold slogans on their own)."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "Article": "documents",
    "Block": "documents",
    "Segment": "segmentation",
    "import_issue": "issue_import",
    "iter_corpus": "documents",
    "load_pairs": "documents",
    "markdown_blocks": "segmentation",
    "read_article": "documents",
    "read_article_text": "documents",
    "segment_article": "segmentation",
    "segment_markdown": "segmentation",
    "write_articles": "issue_import",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
