"""File formats, the start of the flow: TMX 1.4b (the memory, with its DTD), bead files (an
alignment written as Vecalign's gold format), and every bilingual file (PO, MO, XLIFF 1.2 and
2.0, TMX) read as units through one registry keyed by extension. Everything else reads and
writes through these."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "BilingualFile": "bilingual",
    "BilingualUnit": "bilingual",
    "Header": "tmx",
    "READERS": "bilingual",
    "Score": "beads",
    "TmxReader": "tmx",
    "TranslationUnit": "tmx",
    "Variant": "tmx",
    "format_bead": "beads",
    "make_header": "tmx",
    "open_units": "bilingual",
    "parse_beads": "beads",
    "read_beads": "beads",
    "read_tmx": "tmx",
    "score": "beads",
    "validate": "tmx",
    "write_tmx": "tmx",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
