"""The one way iwo-tm parses an XML file it did not write (XLIFF, TBX, a TMX to validate):
no entity expansion, no DTD fetched, no network, so a hostile file can neither read the disk
nor blow up in memory; a malformed one is one line naming the file and the line."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import IwoError

__all__ = ["parse_xml", "safe_parser"]


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse_xml(data: bytes, path: str | Path) -> etree._Element:
    """The root element of ``data`` (the contents of ``path``)."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        msg = " ".join(str(exc.msg).split())  # libxml2's messages may hold a newline
        raise IwoError(f"not well-formed XML: {msg}", path, exc.lineno) from None
    if root is None:
        raise IwoError("not well-formed XML: the file is empty", path)
    return root
