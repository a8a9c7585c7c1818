"""Word alignment inside a translation unit: links, consistent spans, the memory's vocabulary."""

from iwo_tm.language.lexicon import Lexicon
from iwo_tm.memory.word_alignment import WordAligner, tokens, word_translations


def lexicon() -> Lexicon:
    lex = Lexicon()
    for es, en in (("fuera", "out"), ("asesinó", "kille"), ("trabajadores", "worke"),
                   ("clase", "class"), ("golpista", "coup")):  # fmt: skip
        lex.add(es, {en})
    return lex


def linked(source: str, target: str) -> list[tuple[str, str]]:
    al = WordAligner(lexicon()).align(source, target)
    return [(al.src[i].text, al.tgt[j].text) for i, j in al.links]


def test_links_from_names_cognates_dictionary_and_function_words() -> None:
    pairs = linked(
        "¡Fuera Boluarte y todo el régimen fujimorista!",
        "Out with Boluarte and the whole Fujimorista regime!",
    )
    assert ("Fuera", "Out") in pairs  # dictionary
    assert ("Boluarte", "Boluarte") in pairs  # the same name
    assert ("régimen", "regime") in pairs and ("fujimorista", "Fujimorista") in pairs  # cognates
    assert ("y", "and") in pairs and ("el", "the") in pairs  # function words
    assert ("todo", "whole") in pairs


def test_each_word_is_linked_once_the_nearer_one_first() -> None:
    pairs = linked("La policía y la CGTP", "The police and the CGTP")
    assert pairs.count(("La", "The")) == 1 and ("la", "the") in pairs


def test_unlinked_neighbours_are_grown_along_the_diagonal() -> None:
    # no dictionary knows obrera = working; both stand next to clase / class
    assert ("obrera", "working") in linked("la clase obrera", "the working class")


def test_a_span_answers_only_when_no_link_crosses_it() -> None:
    al = WordAligner(lexicon()).align(
        "¡Fuera Boluarte y todo el régimen fujimorista!",
        "Out with Boluarte and the whole Fujimorista regime!",
    )
    words = [t.low for t in al.src]
    a = words.index("régimen")
    assert al.target_text(*al.target_span(a, a + 2)) == "Fujimorista regime"
    b = words.index("fuera")
    assert al.target_text(*al.target_span(b, b + 2)) == "Out with Boluarte"
    # "el régimen" alone: "the" is linked to el, "whole" (todo) sits between: not consistent
    assert al.target_span(words.index("el"), a + 1) is None
    lo, hi, span = al.closure(words.index("el"), a + 1)
    assert (lo, hi) == (words.index("todo"), a + 2) and span is not None


def test_tokens_keep_their_places() -> None:
    text = "Perú: 29.438 obreros"
    assert [(t.text, text[t.start : t.end]) for t in tokens(text)] == [
        ("Perú", "Perú"), ("29.438", "29.438"), ("obreros", "obreros"),
    ]  # fmt: skip


def test_word_translations_keep_what_the_memory_agrees_on() -> None:
    pairs = [
        ("el gobierno golpista cae", "the coup government falls"),
        ("contra el gobierno golpista", "against the coup government"),
        ("un golpista", "a coup plotter"),
        ("la masa", "the mass"),
    ]
    vocab = word_translations(WordAligner(lexicon()), pairs)
    assert vocab["golpista"] == ("coup", 3, 3)
    assert "masa" not in vocab  # once is not enough


def test_the_pairs_tried_hold_every_pair_with_a_score() -> None:
    """The aligner tries only the pairs its maps find; every pair ``score`` relates is one."""
    from conftest import ROOT

    from iwo_tm.corpus import load_pairs, segment_article
    from iwo_tm.language.lexicon import load_freedict

    aligner = WordAligner(lexicon().merged(load_freedict()))
    articles, _ = load_pairs(ROOT / "corpus")
    pairs = [
        (a.text, b.text)
        for es, en in articles[:6]
        for a, b in zip(segment_article(es), segment_article(en), strict=False)
    ]
    assert len(pairs) > 100
    pairs += [("El 4 de enero, la CGTP y el FMI.", "On January 4, the CGTP and the IMF.")]
    for source, target in pairs:
        src, tgt = tokens(source), tokens(target)
        tried = set(aligner._candidates(src, tgt))
        scored = {
            (i, j)
            for i, s in enumerate(src)
            for j, t in enumerate(tgt)
            if aligner.score(s.text, t.text)
        }
        assert scored <= tried
