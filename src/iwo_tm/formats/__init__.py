"""File formats, the start of the flow: TMX 1.4b (the memory, with its DTD), bead files (an
alignment written as Vecalign's gold format), and every bilingual file (PO, MO, XLIFF 1.2 and
2.0, TMX) read as units through one registry keyed by extension. Everything else reads and
writes through these."""

from .beads import Score, format_bead, parse_beads, read_beads, score
from .bilingual import READERS, BilingualFile, BilingualUnit, open_units
from .tmx import (
    Header,
    TmxReader,
    TranslationUnit,
    Variant,
    make_header,
    read_tmx,
    validate,
    write_tmx,
)

__all__ = [
    "READERS", "BilingualFile", "BilingualUnit", "Header", "Score", "TmxReader",
    "TranslationUnit", "Variant", "format_bead", "make_header", "open_units", "parse_beads",
    "read_beads", "read_tmx", "score", "validate", "write_tmx",
]  # fmt: skip
