"""The one way iwo-tm parses an XML file it did not write (XLIFF, TBX, a TMX to validate):
no entity expansion, no DTD fetched, no network, so a hostile file can neither read the disk
nor blow up in memory; a malformed one is one line naming the file and the line."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import IwoError

__all__ = ["parse_xml", "plain_error", "safe_parser"]

# libxml2's words for what went wrong, in a translator's
_PLAIN = (
    ("Document is empty", "the file is empty"),
    ("no element found", "the file is empty"),
    ("Start tag expected", "it does not begin with a tag"),
    ("Excessive depth", "elements nested too deeply"),
    ("amplification", "entities that expand too much (an entity bomb?)"),
    ("Detected an entity reference loop", "entities that refer to themselves"),
    ("Premature end of data", "the file ends in the middle of an element (cut short?)"),
    ("EndTag: '</' not found", "the file ends in the middle of an element (cut short?)"),
    ("Extra content at the end", "more than one root element (two files joined?)"),
)


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def plain_error(message: str) -> str:
    """libxml2's message on one line, without its jargon or its own line numbers (the caller
    says the line)."""
    for known, plain in _PLAIN:
        if known in message:
            return plain
    message = " ".join(message.split())
    message = re.sub(r",? line \d+, column \d+$", "", message)
    return re.sub(r"\s*\(?(try )?XML_PARSE_HUGE[^)]*\)?", "", message)


def parse_xml(data: bytes, path: str | Path) -> etree._Element:
    """The root element of ``data`` (the contents of ``path``)."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise IwoError(
            f"not well-formed XML: {plain_error(str(exc.msg))}", path, exc.lineno
        ) from None
    if root is None:
        raise IwoError("not well-formed XML: the file is empty", path)
    return root
