"""TMX 1.4b: the memory's file format, written and read without loss.

Writing streams through :func:`lxml.etree.xmlfile` into a temporary file, so a memory of any
size is written in constant memory and a file the user had is replaced only when complete.
Reading streams with ``iterparse`` and clears what it has read, with entity expansion, DTD
loading and network access switched off: a TMX from elsewhere is untrusted input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..errors import IwoError
from ..textfiles import atomic_output
from .xml import plain_error, safe_parser

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # native codes: not text a translator reads


def tmx_date(when: datetime | str) -> str:
    """TMX's date format, ``YYYYMMDDThhmmssZ`` (UTC), from a datetime or an ISO date."""
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y%m%dT%H%M%SZ")


@functools.lru_cache(maxsize=256)
def base_lang(code: str) -> str:
    """``es-ES``, ``ES``, ``es_AR`` -> ``es``: how variants are matched to a language."""
    return re.split(r"[-_]", code.strip())[0].lower()


@dataclass
class Variant:
    """One language side of a unit. ``xml`` keeps the inner markup of ``<seg>`` when it has any."""

    lang: str
    text: str
    xml: str | None = None
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


class Prop(StrEnum):
    """The properties (``<prop type="...">``) iwo-tm writes on units and headers."""

    PAIR = "x-pair"  # the article pair the unit was aligned from
    ORIGIN = "x-origin"  # the file a unit was imported from
    CONTEXT_PRE = "x-context-pre"  # the Spanish segment before (in-context matches)
    CONFIDENCE = "x-confidence"  # the aligner's confidence, 0 to 1
    ISSUE = "x-issue"  # the issue of the paper
    HISTORY = "x-history"  # an earlier version: origin and date
    SOURCE_FILE = "x-source-file"  # the article's file
    SIGNALS = "x-signals"  # the signals the aligner used (header)
    REVIEW = "x-review"  # how a reviewer decided the unit
    KIND = "x-kind"  # heading, paragraph, caption...
    BEAD = "x-bead"  # the bead's shape, as 1-1 or 2-1


@dataclass
class TranslationUnit:
    """A ``<tu>``: variants in several languages, with its properties and notes."""

    variants: list[Variant]
    tuid: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @classmethod
    def pair(
        cls,
        source: str,
        target: str,
        srclang: str = "es",
        tgtlang: str = "en",
        **kwargs: object,
    ) -> TranslationUnit:
        return cls([Variant(srclang, source), Variant(tgtlang, target)], **kwargs)  # type: ignore[arg-type]

    def variant(self, lang: str) -> Variant | None:
        want = base_lang(lang)
        return next((v for v in self.variants if base_lang(v.lang) == want), None)

    def text(self, lang: str) -> str | None:
        v = self.variant(lang)
        return v.text if v else None

    def prop(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self.props if key == name), default)

    @property
    def date(self) -> str:
        """When the unit was last changed (TMX ``changedate``, else ``creationdate``), as
        TMX writes it (``20240113T000000Z``); empty when the unit has neither."""
        return self.attrs.get("changedate") or self.attrs.get("creationdate") or ""


@dataclass
class Header:
    """The ``<header>``: attributes (srclang, creationtool...), properties and notes."""

    attrs: dict[str, str]
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def srclang(self) -> str:
        return self.attrs.get("srclang", "")


def make_header(srclang: str = "es", **attrs: str) -> Header:
    """A header with every attribute TMX 1.4b requires, in a fixed order (byte-stable output)."""
    from .. import __version__

    base = {
        "creationtool": "iwo-tm",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "iwo-tm",
        "adminlang": "en",
        "srclang": srclang,
        "datatype": "plaintext",
    }
    base.update(attrs)
    return Header(base)


# -- writing ---------------------------------------------------------------------------------


def _add_props_notes(el: etree._Element, props: list[tuple[str, str]], notes: list[str]) -> None:
    for note in notes:
        etree.SubElement(el, "note").text = note
    for key, value in props:
        etree.SubElement(el, "prop", type=key).text = value


def unit_element(unit: TranslationUnit) -> etree._Element:
    """The ``<tu>`` element of a unit (notes, then props, then variants: the DTD's order)."""
    attrs = {"tuid": unit.tuid} if unit.tuid else {}
    attrs.update(unit.attrs)
    tu = etree.Element("tu", attrs)
    _add_props_notes(tu, unit.props, unit.notes)
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: variant.lang, **variant.attrs})
        _add_props_notes(tuv, variant.props, variant.notes)
        if variant.xml is not None and "<" in variant.xml:
            try:
                tuv.append(etree.fromstring(f"<seg>{variant.xml}</seg>"))
            except etree.XMLSyntaxError as exc:
                raise IwoError(
                    f"unit {unit.tuid or ''}: inline markup is not XML: {exc.msg}"
                ) from None
        else:
            etree.SubElement(tuv, "seg").text = variant.text
    return tu


# what lxml would refuse or write differently: then lxml writes the unit (and says why not)
_NOT_PLAIN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NAME = re.compile(r"[A-Za-z_][\w.-]*\Z")


_SPECIAL = re.compile(r'[&<>\r"\n\t]')


def _esc(text: str) -> str:
    if not _SPECIAL.search(text):
        return text  # most text: nothing to escape
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _esc_attr(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    return _esc(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _attrs(attrs: dict[str, str]) -> str | None:
    out = []
    for key, value in attrs.items():
        name = "xml:lang" if key == XML_LANG else key
        if not _NAME.match(name.replace("xml:", "", 1)) or _NOT_PLAIN.search(value):
            return None
        out.append(f' {name}="{_esc_attr(value)}"')
    return "".join(out)


def _props_notes_xml(props: list[tuple[str, str]], notes: list[str]) -> str | None:
    parts = [f"<note>{_esc(n)}</note>" for n in notes]
    parts += [f'<prop type="{_esc_attr(k)}">{_esc(v)}</prop>' for k, v in props]
    joined = "".join(parts)
    return None if _NOT_PLAIN.search(joined) else joined


def _unit_xml(unit: TranslationUnit) -> str | None:
    """The unit as ``etree.tostring(unit_element(unit))`` writes it, built as a string: the
    same bytes in a third of the time. None when the unit needs lxml (inline markup, a
    character XML does not allow, an unusual attribute)."""
    attrs = _attrs(({"tuid": unit.tuid} if unit.tuid else {}) | unit.attrs)
    inner = _props_notes_xml(unit.props, unit.notes)
    if attrs is None or inner is None:
        return None
    parts = [inner]
    for v in unit.variants:
        if v.xml is not None and "<" in v.xml:
            return None
        v_attrs = _attrs({XML_LANG: v.lang, **v.attrs})
        v_inner = _props_notes_xml(v.props, v.notes)
        if v_attrs is None or v_inner is None or _NOT_PLAIN.search(v.text):
            return None
        parts.append(f"<tuv{v_attrs}>{v_inner}<seg>{_esc(v.text)}</seg></tuv>")
    body = "".join(parts)
    return f"<tu{attrs}>{body}</tu>" if body else f"<tu{attrs}/>"


def write_tmx(path: str | Path, units: Iterable[TranslationUnit], header: Header) -> int:
    """Write a TMX 1.4b file atomically, one unit at a time; returns the number written."""
    head = etree.Element("header", header.attrs)
    _add_props_notes(head, header.props, header.notes)
    count = 0
    with atomic_output(path) as fh:
        fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        fh.write(etree.tostring(head, encoding="UTF-8") + b"\n<body>\n")
        for unit in units:
            fast = _unit_xml(unit)
            if fast is None:
                fh.write(etree.tostring(unit_element(unit), encoding="UTF-8") + b"\n")
            else:
                fh.write(fast.encode("utf-8") + b"\n")
            count += 1
        fh.write(b"</body>\n</tmx>\n")
    return count


# -- reading ---------------------------------------------------------------------------------


def _plain(seg: etree._Element) -> str:
    """The text a translator reads: native codes (bpt/ept/ph/it/ut) are left out, hi kept."""
    parts: list[str] = [seg.text or ""]
    for child in seg:
        # a comment or processing instruction inside a segment is no text: only its tail is
        if isinstance(child.tag, str) and etree.QName(child).localname not in INLINE_CODES:
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inner_xml(seg: etree._Element) -> str | None:
    if len(seg) == 0:
        return None
    inner = etree.tostring(seg, encoding="unicode", with_tail=False)
    return inner[inner.index(">") + 1 : inner.rindex("</")]


def _props_and_notes(el: etree._Element) -> tuple[list[tuple[str, str]], list[str]]:
    props = [(p.get("type", ""), p.text or "") for p in el.findall("prop")]
    notes = [n.text or "" for n in el.findall("note")]
    return props, notes


def _read_variant(tuv: etree._Element, path: Path) -> Variant:
    lang = tuv.get(XML_LANG) or tuv.get("lang")
    if not lang:
        raise IwoError("<tuv> without xml:lang", path, tuv.sourceline)
    seg, props, notes = None, [], []
    for child in tuv:  # one pass over the children: this runs for every unit of a memory
        tag = child.tag
        if tag == "seg":
            seg = child if seg is None else seg
        elif tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    if seg is None:
        raise IwoError("<tuv> without <seg>", path, tuv.sourceline)
    attrs = {k: v for k, v in tuv.attrib.items() if k not in (XML_LANG, "lang")}
    return Variant(lang, _plain(seg), _inner_xml(seg), props, notes, attrs)


def _read_unit(tu: etree._Element, path: Path) -> TranslationUnit:
    for node in tu.iter(etree.Entity):
        raise IwoError(
            f"entity {node.text} declared in the file's DTD: not accepted (no entity expansion)",
            path,
            node.sourceline or tu.sourceline,
        )
    variants, props, notes = [], [], []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            variants.append(_read_variant(child, path))
        elif tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    attrs = dict(tu.attrib)
    tuid = attrs.pop("tuid", None)
    return TranslationUnit(variants, tuid, attrs, props, notes)


class TmxReader:
    """Stream a TMX file: ``header`` once the header is read, then units one by one."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise IwoError("no such file" if not self.path.exists() else "not a file", self.path)
        self.header: Header | None = None
        self.size = self.path.stat().st_size
        self._file: BinaryIO | None = None

    @property
    def position(self) -> int:
        """Bytes read so far (for a progress bar)."""
        return self._file.tell() if self._file is not None and not self._file.closed else 0

    def __iter__(self) -> Iterator[TranslationUnit]:
        with self.path.open("rb") as fh:
            self._file = fh
            yield from self._units(fh)

    def _check_root(self, tag: object) -> None:
        if tag is None:
            raise IwoError("empty file", self.path)
        if tag != "tmx":
            name = tag if isinstance(tag, str) else ""
            raise IwoError(f"not a TMX file (root element <{name}>)", self.path, 1)

    def _units(self, fh: BinaryIO) -> Iterator[TranslationUnit]:
        # only the elements read as a whole raise an event: a unit's inner elements cost no
        # Python call
        context = etree.iterparse(
            fh,
            events=("end",),
            tag=("header", "tu"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        seen_root = False
        try:
            for _, el in context:
                if not seen_root:
                    seen_root = True
                    self._check_root(el.getroottree().getroot().tag)
                if el.tag == "header":
                    props, notes = _props_and_notes(el)
                    self.header = Header(dict(el.attrib), props, notes)
                    continue
                yield _read_unit(el, self.path)
                el.clear(keep_tail=False)
                while el.getprevious() is not None:
                    del el.getparent()[0]
            if not seen_root:
                self._check_root(context.root.tag if context.root is not None else None)
        except etree.XMLSyntaxError as exc:
            line = exc.lineno if exc.lineno else None
            raise IwoError(
                f"not well-formed XML: {plain_error(str(exc.msg))}", self.path, line
            ) from None
        if self.header is None:
            raise IwoError("TMX without <header>", self.path)


def read_tmx(path: str | Path) -> tuple[Header, list[TranslationUnit]]:
    """Read a whole TMX file (for small files; stream with :class:`TmxReader` otherwise)."""
    reader = TmxReader(path)
    units = list(reader)
    if reader.header is None:
        raise IwoError("not a TMX file: it has no <header>", path)
    return reader.header, units


def dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped with the package."""
    with resources.files("iwo_tm").joinpath("data/tmx14.dtd").open("rb") as fh:
        return etree.DTD(fh)


def validate(path: str | Path) -> list[str]:
    """Problems found validating ``path`` against the TMX 1.4b DTD (empty list: valid)."""
    try:
        tree = etree.parse(str(path), safe_parser())
    except etree.XMLSyntaxError as exc:
        return [f"{path}:{exc.lineno}: {exc.msg}"]
    checker = dtd()
    if checker.validate(tree):
        return []
    return [f"{path}:{e.line}: {e.message}" for e in checker.error_log.filter_from_errors()]
