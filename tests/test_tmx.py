"""TMX writing and reading: valid against the DTD, readable by translate-toolkit, lossless."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage.tmx import tmxfile

from iwo_tm.errors import IwoError
from iwo_tm.formats.tmx import (
    TranslationUnit,
    Variant,
    _unit_xml,
    make_header,
    read_tmx,
    unit_element,
    validate,
    write_tmx,
)

# Text XML 1.0 can carry (no C0 controls but tab and newline, no lone surrogates, no CR: XML
# parsers turn CR into LF by rule), so any such text must survive a round trip exactly.
XML_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\ufffe\uffff",
        min_codepoint=0x09,
    ).filter(lambda c: c in "\t\n" or ord(c) >= 0x20),
    max_size=60,
)


def sample_units() -> list[TranslationUnit]:
    return [
        TranslationUnit.pair(
            '¡Fuera Boluarte! <b> & "comillas"',
            "Out with Boluarte!",
            tuid="37-x:0",
            attrs={"creationdate": "20230131T000000Z"},
            props=[("x-pair", "37-x"), ("x-confidence", "0.910")],
            notes=["checked"],
        ),
        TranslationUnit(
            [
                Variant("es-PE", "a b", xml='a <hi type="bold">b</hi><ph x="1">&lt;br/&gt;</ph>'),
                Variant("en-US", "x"),
            ]
        ),
    ]


def test_written_tmx_validates_against_the_dtd(tmp_path: Path) -> None:
    out = tmp_path / "m.tmx"
    write_tmx(out, sample_units(), make_header())
    assert validate(out) == []
    # the same with lxml directly, independent of our helper
    dtd = etree.DTD(str(Path(__file__).parents[1] / "src/iwo_tm/data/tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out)))


def test_validation_reports_a_broken_tmx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text('<tmx version="1.4"><header srclang="es"/><body><tu/></body></tmx>')
    problems = validate(bad)
    assert problems and all(p.startswith(str(bad)) for p in problems)


def test_round_trip_and_translate_toolkit_reads_the_same_units(tmp_path: Path) -> None:
    out = tmp_path / "m.tmx"
    units = sample_units()
    write_tmx(out, units, make_header())
    header, back = read_tmx(out)
    assert back == units
    assert header.srclang == "es"
    store = tmxfile(out.read_bytes(), "es", "en")
    assert [(u.source, u.target) for u in store.units][0] == (
        units[0].text("es"),
        "Out with Boluarte!",
    )
    assert len(store.units) == len(units)


@settings(max_examples=60, deadline=None)
@given(
    units=st.lists(
        st.tuples(
            XML_TEXT,
            XML_TEXT,
            st.lists(
                st.tuples(st.from_regex(r"x-[a-z]{1,8}", fullmatch=True), XML_TEXT), max_size=3
            ),
            st.lists(XML_TEXT, max_size=2),
        ),
        max_size=8,
    )
)
def test_write_read_write_is_lossless(tmp_path_factory, units) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("rt")
    tus = [
        TranslationUnit.pair(s, t, tuid=f"u{k}", props=props, notes=notes)
        for k, (s, t, props, notes) in enumerate(units)
    ]
    first = folder / "a.tmx"
    write_tmx(first, tus, make_header())
    header, back = read_tmx(first)
    assert back == tus
    second = folder / "b.tmx"
    write_tmx(second, back, header)
    assert first.read_bytes() == second.read_bytes()


def test_writing_is_atomic_when_a_unit_cannot_be_written(tmp_path: Path) -> None:
    out = tmp_path / "m.tmx"
    write_tmx(out, sample_units(), make_header())
    before = out.read_bytes()
    bad = [*sample_units(), TranslationUnit.pair("nul \x00 char", "x")]
    with pytest.raises(ValueError):
        write_tmx(out, bad, make_header())
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.tmx"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<xliff/>", "not a TMX file"),
        (
            '<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>a',
            "not well-formed",
        ),
        ('<tmx version="1.4"><body/></tmx>', "without <header>"),
        (
            '<tmx version="1.4"><header/><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>',
            "without xml:lang",
        ),
    ],
)
def test_bad_tmx_gives_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(content)
    with pytest.raises(IwoError) as err:
        read_tmx(bad)
    assert message in str(err.value)
    assert str(bad) in str(err.value)


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<tmx version="1.4"><header srclang="es"/><body><tu><tuv xml:lang="es"><seg>&b;</seg>'
        "</tuv></tu></body></tmx>"
    )
    try:
        _, units = read_tmx(bomb)
    except IwoError:
        return  # refusing is fine too
    assert "aaaaaaaaaa" not in units[0].text("es")


_PLAIN = st.text(
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\r\ufffe\uffff", min_codepoint=0x20
    ),
    max_size=12,
)


@st.composite
def seg_markup(draw) -> str:  # noqa: ANN001
    """Inner XML of a <seg>: text with <ph>, <bpt>/<ept> pairs and <hi>, as CAT tools write."""
    from xml.sax.saxutils import escape

    parts = []
    for i in range(draw(st.integers(0, 4))):
        parts.append(escape(draw(_PLAIN)))
        kind = draw(st.sampled_from(["ph", "pair", "hi", "none"]))
        if kind == "ph":
            parts.append(f'<ph x="{i}">{escape(draw(_PLAIN))}</ph>')
        elif kind == "pair":
            parts.append(f'<bpt i="{i}" type="bold">{escape(draw(_PLAIN))}</bpt>')
            parts.append(escape(draw(_PLAIN)))
            parts.append(f'<ept i="{i}">{escape(draw(_PLAIN))}</ept>')
        elif kind == "hi":
            parts.append(f'<hi type="x-{i}">{escape(draw(_PLAIN))}</hi>')
    return "".join(parts) + escape(draw(_PLAIN))


@settings(max_examples=60, deadline=None)
@given(markup=st.lists(seg_markup(), min_size=1, max_size=5))
def test_inline_markup_round_trips(tmp_path_factory, markup) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("mk")
    tus = [
        TranslationUnit([Variant("es-ES", "", xml=m), Variant("en-US", "", xml=m)], tuid=str(k))
        for k, m in enumerate(markup)
    ]
    first = folder / "a.tmx"
    write_tmx(first, tus, make_header())
    assert validate(first) == []
    header, back = read_tmx(first)
    second = folder / "b.tmx"
    write_tmx(second, back, header)
    assert first.read_bytes() == second.read_bytes()


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=30),
    other=st.text(max_size=10),
    key=st.sampled_from(["x-pair", "type", "x:y", "{urn:a}b", "a b", "usagecount"]),
    tuid=st.one_of(st.none(), st.text(max_size=8)),
    markup=st.sampled_from([None, "plain", "a <hi>b</hi>"]),
)
def test_units_written_as_strings_are_the_bytes_lxml_writes(text, other, key, tuid, markup) -> None:  # noqa: ANN001
    """The fast writer answers for a unit only where it writes what lxml writes."""
    unit = TranslationUnit(
        [Variant("es", text, markup, [(key, other)], [other], {key: other}), Variant("en", other)],
        tuid,
        {key: text},
        [(key, text)],
        [text, other],
    )
    fast = _unit_xml(unit)
    try:
        slow = etree.tostring(unit_element(unit), encoding="UTF-8")
    except (ValueError, TypeError, IwoError):
        assert fast is None  # what lxml refuses, the string writer leaves to it
        return
    assert fast is None or fast.encode("utf-8") == slow


def test_the_corpus_units_are_written_as_strings_byte_for_byte() -> None:
    units = sample_units()
    assert all(_unit_xml(u) is not None for u in units if "<" not in str(u.variants))
    for u in units:
        fast = _unit_xml(u)
        if fast is not None:
            assert fast.encode("utf-8") == etree.tostring(unit_element(u), encoding="UTF-8")
