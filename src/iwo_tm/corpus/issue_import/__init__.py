"""An issue as the publication converts it from PDF to Markdown, cut into one file per article.

PDF conversion leaves a stream of blocks in page order, not in reading order. The articles are
rebuilt in passes, one module each, small enough to check on its own:

1. ``blocks``: read blocks, remembering the blank lines before each one;
2. ``roles``: give each block its role (body, heading, date line, caption, page furniture,
   page-jump marker, text in the other language) from a table of rules;
3. ``cut``: cut the stream into articles at the heading clusters that open one, and move each
   "Continued from page N" piece to the end of the article that says "Continued on page N";
4. ``repair``: repair sentences cut by column and page breaks;
5. ``metadata``: title, section, date and pair id of each article.

``patterns`` holds what each edition of the paper prints besides its articles; ``importer``
puts the passes together and writes the articles, updating in place what an earlier import of
the same issue wrote (``earlier``).
"""

from .blocks import clean_markup, plain_text, read_blocks
from .importer import IssueImport, Written, import_issue, write_articles
from .patterns import PATTERNS, Patterns
from .repair import join_broken

__all__ = [
    "PATTERNS",
    "IssueImport",
    "Patterns",
    "Written",
    "clean_markup",
    "import_issue",
    "join_broken",
    "plain_text",
    "read_blocks",
    "write_articles",
]
