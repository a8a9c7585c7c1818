"""The aligner on small hand-made cases and on the hand-aligned gold articles."""

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from iwo_tm.align.alignment import Aligner
from iwo_tm.corpus.documents import load_pairs
from iwo_tm.corpus.segmentation import segment_article
from iwo_tm.formats.beads import read_beads, score
from iwo_tm.language.lexicon import Lexicon, canonical, fold, learn, load_freedict, word_keys

GOLD = ROOT / "tests" / "data" / "gold"

ES = [
    "El gobierno de Dina Boluarte asesinó hoy a 17 obreros y campesinos en Juliaca.",
    "La masacre fue la respuesta del imperialismo.",
    "También fue la respuesta de la burguesía al levantamiento revolucionario.",
    "Decenas de explotados cayeron heridos y fueron socorridos por sus compañeros.",
    "La morgue del hospital local colapsó.",
    "¡La sangre derramada jamás será olvidada!",
]
EN = [
    "The government of Dina Boluarte killed 17 workers and peasants in Juliaca today.",
    "The massacre was the response of imperialism and of the bourgeoisie to the "
    "revolutionary uprising.",
    "Dozens of exploited fell injured.",
    "They were immediately helped by their comrades.",
    "The spilled blood will never be forgotten!",
]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def beads_of(tmp_path: Path, es: list[str], en: list[str], *extra: str) -> list[str]:
    res = run_cli(
        "align-files",
        str(write_lines(tmp_path / "es.txt", es)),
        str(write_lines(tmp_path / "en.txt", en)),
        "--presegmented",
        "--format",
        "beads",
        "--mt",
        "no",
        *extra,
    )
    assert res.returncode == 0, res.stderr
    return res.stdout.split("\n")[:-1]


def test_merge_split_and_omission(tmp_path: Path) -> None:
    assert beads_of(tmp_path, ES, EN) == [
        "[0]:[0]",
        "[1, 2]:[1]",  # two Spanish sentences merged into one English
        "[3]:[2, 3]",  # one Spanish sentence split in two
        "[4]:[]",  # left out of the English
        "[5]:[4]",
    ]


def test_a_sentence_left_out_is_not_swallowed_by_its_well_matched_neighbour(tmp_path: Path) -> None:
    # the English drops the second Spanish sentence; a 2-1 bead would still overlap well as a
    # whole, but its second sentence has nothing across, so it stays out of the unit
    es = [
        "Bajo las órdenes de la IV Flota de la marina yanqui, Boluarte militarizó el país.",
        "Ya son más de 50 los muertos por las balas de la policía desde diciembre.",
        "¡Fuera los yanquis del Perú y de toda América Latina!",
    ]
    en = [
        "Under the orders of the 4th Fleet of the US navy, Boluarte militarized the country.",
        "Yankees out of Peru and the whole of Latin America!",
    ]
    assert beads_of(tmp_path, es, en) == ["[0]:[0]", "[1]:[]", "[2]:[1]"]


def test_function_words_that_translate_one_to_one_are_evidence(tmp_path: Path) -> None:
    # the short sentence shares only function words with its English (todos/all, ni/not,
    # uno/one, solo/single); without them length would merge it into the long one before
    es = [
        "Allí los explotados se organizaron y desde el 4 de enero llaman a una huelga nacional "
        "indefinida para retomar la lucha contra el régimen fujimorista.",
        'Levantan como plataforma las demandas de las masas: "renuncia de Boluarte".',
        'Es decir, "que se vayan todos y no quede ni uno solo".',
    ]
    en = [
        "There the exploited have organized themselves and since January 4th they have been "
        "calling for an indefinite national strike to restart the fight against the Fujimorista "
        'regime, raising the demand of the masses for "Boluarte\'s resignation" as a platform.',
        'In other words, that "they all should go and not a single one of them should be left".',
    ]
    assert beads_of(tmp_path, es, en) == ["[0, 1]:[0]", "[2]:[1]"]


def test_omissions_between_two_anchors_are_paired_by_kind() -> None:
    from iwo_tm.align.alignment import _pair_gaps
    from iwo_tm.corpus.segmentation import Segment

    es = [Segment("a", "paragraph", 0), Segment("b", "paragraph", 1), Segment("c", "caption", 2)]
    en = [Segment("a", "paragraph", 0), Segment("x", "caption", 2), Segment("y", "paragraph", 3)]
    one = lambda k: range(k, k + 1)  # noqa: E731
    path = [(one(0), one(0)), (one(1), range(0)), (range(0), one(1)), (one(2), range(0)),
            (range(0), one(2))]  # fmt: skip
    # the Spanish paragraph b has no paragraph to pair with before the caption pair: left out;
    # the caption pairs with the caption, the English paragraph y stays English-only
    assert _pair_gaps(es, en, path) == [
        (one(0), one(0)),
        (one(1), range(0)),
        (one(2), one(1)),
        (range(0), one(2)),
    ]


def test_a_merge_with_a_sentence_nothing_across_supports_is_held_for_review() -> None:
    """¡! is found across, so the search may keep an exclamation the English left out with its
    neighbour; that unit's Spanish says more than its English, and its confidence says so."""
    from iwo_tm.corpus.segmentation import Segment

    def segs(texts: list[str]) -> list[Segment]:
        return [Segment(t, "paragraph", 0, first=k == 0) for k, t in enumerate(texts)]

    tail_es = (
        "La masacre fue la respuesta del imperialismo y de la burguesía al levantamiento "
        "revolucionario."
    )
    tail_en = (
        "The massacre was the response of imperialism and of the bourgeoisie to the "
        "revolutionary uprising."
    )
    killed = "The government of Dina Boluarte killed 17 workers in Juliaca today"
    es = ["El gobierno de Dina Boluarte asesinó hoy a 17 obreros en Juliaca!", "¡Miserables!"]
    beads = Aligner().align(segs([*es, tail_es]), segs([killed + "!", tail_en])).beads
    confidence = {(b.es, b.en): b.confidence for b in beads}
    assert confidence[(0, 1), (0,)] < 0.5
    assert confidence[(2,), (1,)] >= 0.5
    # a word found across that the neighbour has too (Juliaca) cannot tell which sentence the
    # English translates: it does not count as support for the exclamation
    es[1] = "¡Juliaca no olvida!"
    beads = Aligner().align(segs([*es, tail_es]), segs([killed + "!", tail_en])).beads
    assert {(b.es, b.en): b.confidence for b in beads}[(0, 1), (0,)] < 0.5
    # nor does a word that shares a key with one of the neighbour's (continental, continente)
    lima = ["¡Que lleguen a Lima delegaciones obreras de todo el continente!",
            "¡Por una Asamblea continental!"]  # fmt: skip
    english = "Worker delegations from the entire continent must arrive in Lima!"
    aligner = Aligner(Lexicon({"continente": {"mainl"}}))  # its keys differ from continental's
    beads = aligner.align(segs([*lima, tail_es]), segs([english, tail_en])).beads
    assert {(b.es, b.en): b.confidence for b in beads}[(0, 1), (0,)] < 0.5
    # a merge whose every sentence finds words across (policía/police) stays confident
    es[1] = "La policía también reprimió a los manifestantes."
    english = killed + ", and the police also repressed the demonstrators."
    beads = Aligner().align(segs([*es, tail_es]), segs([english, tail_en])).beads
    assert {(b.es, b.en): b.confidence for b in beads}[(0, 1), (0,)] >= 0.5


def test_english_only_caption_is_left_unaligned(tmp_path: Path) -> None:
    es = tmp_path / "es.md"
    en = tmp_path / "en.md"
    es.write_text("\n\n".join(ES[:2] + ES[3:5]) + "\n")
    en.write_text(
        "\n\n".join(
            [
                EN[0],
                "The massacre was the response of imperialism.",
                "![The exploited of Juliaca evacuate the injured]()",
                "Dozens of exploited fell injured and were helped by their comrades.",
                "The morgue of the local hospital collapsed.",
            ]
        )  # fmt: skip
        + "\n"
    )
    res = run_cli("align-files", str(es), str(en), "--format", "beads", "--mt", "no")
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[3]", "[3]:[4]"]


def test_signals_are_reported(tmp_path: Path) -> None:
    res = run_cli(
        "align-files",
        str(write_lines(tmp_path / "es.txt", ES)),
        str(write_lines(tmp_path / "en.txt", EN)),
        "--presegmented",
        "--mt",
        "no",
        "--no-dictionary",
    )
    assert "signals: sentence length, document structure" in res.stderr
    assert "dict-freedict" not in res.stderr and "Apertium" not in res.stderr


def test_spanish_on_both_sides_is_refused(tmp_path: Path) -> None:
    es = write_lines(tmp_path / "es.txt", ES)
    es2 = write_lines(tmp_path / "es2.txt", ES)
    res = run_cli("align-files", str(es), str(es2), "--presegmented", "--mt", "no")
    assert res.returncode == 1
    assert res.stderr.strip() == (
        f"iwo-tm: error: {es2}: both texts are Spanish; give the Spanish first, then English"
    )
    en = write_lines(tmp_path / "en.txt", EN)
    res = run_cli("align-files", str(en), str(es), "--presegmented", "--mt", "no")
    assert res.returncode == 1 and "the first text is English" in res.stderr


def test_a_text_too_large_for_an_article_is_refused_before_it_is_read(tmp_path: Path) -> None:
    es = write_lines(tmp_path / "es.txt", ES)
    big = tmp_path / "archive.txt"
    big.write_text("The masses rise up in Lima. " * 400_000, encoding="utf-8")
    out = tmp_path / "out.tmx"
    out.write_text("kept\n")
    for args in ([], ["--presegmented"]):
        res = run_cli("align-files", str(es), str(big), *args, "--format", "tmx", "-o", str(out))
        assert res.returncode == 1
        assert res.stderr.strip() == (
            f"iwo-tm: error: {big}: 11.2 MB is too large for one article (limit 2 MB): "
            "split it into articles"
        )
    assert out.read_text() == "kept\n"


def test_a_text_too_long_to_align_is_named_before_anything_is_translated(tmp_path: Path) -> None:
    es = write_lines(tmp_path / "es.txt", ES)
    long_en = write_lines(tmp_path / "long.txt", [f"The workers of plant {k} went on strike."
                                                  for k in range(5001)])  # fmt: skip
    for first, second, named in ((es, long_en, long_en), (long_en, es, long_en)):
        if first == long_en:  # the long text on the Spanish side, in Spanish
            write_lines(long_en, [f"Los obreros de la planta {k} fueron a la huelga."
                                  for k in range(5001)])  # fmt: skip
            second = write_lines(tmp_path / "en.txt", EN)
        res = run_cli("align-files", str(first), str(second), "--presegmented", "--mt", "auto")
        assert res.returncode == 1
        assert res.stderr.strip() == (
            f"iwo-tm: error: {named}: 5001 sentences; an article is aligned up to 5000 "
            "sentences a side: split it into articles"
        )


def test_tmx_without_an_output_file_is_refused_before_aligning(tmp_path: Path) -> None:
    es = write_lines(tmp_path / "es.txt", ES)
    same = write_lines(tmp_path / "es2.txt", ES)  # would be refused too, but only once read
    res = run_cli("align-files", str(es), str(same), "--presegmented", "--format", "tmx")
    assert res.returncode == 2
    [line] = res.stderr.strip().splitlines()  # one line, as every error
    assert line.startswith("iwo-tm: error:") and "--format tmx needs --output FILE" in line


def test_lexicon_keys() -> None:
    lex = Lexicon()
    assert word_keys("12.000") == word_keys("12,000") == {"#12000"}
    assert "@fim" in word_keys("FMI") and "@fim" in word_keys("IMF")
    assert fold("Perú") == "peru"
    assert canonical("campesinas") == canonical("campesino") == "campesino"
    assert canonical("trabajadores") == "trabajador"
    assert "milit" in lex.keys("milicia") and "natio" in lex.keys("naciones")


def test_learnt_lexicon_finds_corpus_vocabulary() -> None:
    pairs = [
        ("Las masas de Lima luchan.", "The masses of Lima fight."),
        ("Las masas del sur marchan.", "The masses of the south march."),
        ("El sur resiste.", "The south resists."),
    ]
    lex = learn(pairs)
    assert "masse" in lex.keys("masas")


@pytest.mark.skipif(not load_freedict().entries, reason="dict-freedict-spa-eng not installed")
def test_freedict_is_read() -> None:
    lex = load_freedict()
    assert len(lex) > 3000
    assert "blood" in lex.keys("sangre")
    assert "worke" in lex.keys("trabajadores")


def _gold_scores():
    pairs, _ = load_pairs(ROOT / "corpus")
    docs = {es.pair: (segment_article(es), segment_article(en)) for es, en in pairs}
    names = sorted(docs)
    alignments = dict(
        zip(names, Aligner(load_freedict()).align_many([docs[n] for n in names]), strict=True)
    )
    return docs, alignments


def test_gold_files_match_the_corpus_segmentation() -> None:
    docs, _ = _gold_scores()
    files = sorted(GOLD.glob("*.beads"))
    assert len(files) >= 4
    for f in files:
        es, en = docs[f.stem]
        beads = read_beads(f)
        assert sorted(i for a, _ in beads for i in a) == list(range(len(es))), f.name
        assert sorted(j for _, b in beads for j in b) == list(range(len(en))), f.name


def test_strict_f1_on_gold_and_better_than_length_only() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from align import gale_church  # the baseline of the benchmark

    docs, alignments = _gold_scores()
    ours, base = [], []
    for f in sorted(GOLD.glob("*.beads")):
        gold = read_beads(f)
        es, en = docs[f.stem]
        ours.append((gold, alignments[f.stem].pairs()))
        base.append((gold, gale_church([len(s.text) for s in es], [len(s.text) for s in en])))
    assert score(ours).f1_strict >= 0.95
    assert score(ours).f1_strict > score(base).f1_strict + 0.03


def test_the_garbage_collector_is_given_back_as_it_was() -> None:
    import gc

    from iwo_tm.corpus.segmentation import Segment

    es = [Segment(t, "paragraph", k) for k, t in enumerate(ES)]
    en = [Segment(t, "paragraph", k) for k, t in enumerate(EN)]
    assert gc.isenabled()
    Aligner().align_many([(es, en)])
    assert gc.isenabled()
    gc.disable()
    try:
        Aligner().align(es, en)
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_the_compiled_and_the_numpy_search_align_the_corpus_alike() -> None:
    from iwo_tm.align import bead_search

    docs, compiled = _gold_scores()
    was, bead_search.COMPILED = bead_search.COMPILED, False
    try:
        _, with_numpy = _gold_scores()
    finally:
        bead_search.COMPILED = was
    assert with_numpy == compiled  # beads, confidences and similarities
    assert sum(len(a.beads) for a in compiled.values()) > 700
