"""Documents -> segments: the articles of the corpus with their front matter, an issue as the
publication converts it cut into articles, and each text cut into segments as CAT tools cut
them (SRX rules, headings, captions and bold slogans on their own)."""

from .documents import Article, Block, iter_corpus, load_pairs, read_article, read_article_text
from .issue_import import import_issue, write_articles
from .segmentation import Segment, markdown_blocks, segment_article, segment_markdown

__all__ = [
    "Article", "Block", "Segment", "import_issue", "iter_corpus", "load_pairs",
    "markdown_blocks", "read_article", "read_article_text", "segment_article",
    "segment_markdown", "write_articles",
]  # fmt: skip
