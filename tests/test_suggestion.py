"""``iwo-tm suggest`` and ``analyse`` on hand-made memories and on the corpus."""

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import ROOT, run_cli
from translate.storage.xliff import xlifffile

from iwo_tm.corpus.segmentation import segment_markdown
from iwo_tm.formats.tmx import TranslationUnit, make_header, read_tmx, validate, write_tmx
from iwo_tm.language.lexicon import Lexicon
from iwo_tm.memory.fuzzy import FuzzyIndex, match_score
from iwo_tm.memory.units import MemoryUnit
from iwo_tm.suggest.phrases import PhraseFinder
from iwo_tm.suggest.suggestion import analyse, suggest

MEMORY = [
    ("¡Fuera Boluarte!", "Out with Boluarte!", ""),
    ("Los obreros de Lima salen a las calles.", "The workers of Lima take to the streets.",
     "¡Fuera Boluarte!"),
    ("La policía asesinó a 10 trabajadores en Juliaca.",
     "The police killed 10 workers in Juliaca.", ""),
    ("¡Fuera Boluarte y su gabinete!", "Out with Boluarte and her cabinet!", ""),
    ("¡Fuera Boluarte, títere de EE.UU.!", "Out with Boluarte, puppet of the US!", ""),
    ("Las masas gritan ¡Fuera Boluarte! en Puno.",
     "The masses shout Out with Boluarte! in Puno.", ""),
    ("La sangre derramada jamás será olvidada", "The spilled blood will never be forgotten", ""),
]  # fmt: skip

NEW = """---
title: prueba
lang: es
---

¡Fuera Boluarte!

Los obreros de Lima salen a las calles.

Fuera Boluarte

La policía asesinó a 17 trabajadores en Juliaca.

Miles marcharon en Cusco al grito de ¡Fuera Boluarte y todo el régimen!

Los campesinos de Ayacucho preparan una nueva marcha hacia la capital.

¡Fuera Boluarte!
"""


def memory_tmx(folder: Path) -> Path:
    units = [
        TranslationUnit.pair(s, t, tuid=f"u{k}", props=[("x-context-pre", c)] if c else [])
        for k, (s, t, c) in enumerate(MEMORY)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    write_tmx(folder / "memory.tmx", units, make_header())
    return folder / "memory.tmx"


def units() -> list[MemoryUnit]:
    return [MemoryUnit(s, t, "memory.tmx", f"u{k}", "", c) for k, (s, t, c) in enumerate(MEMORY)]


def msgfmt_accepts(po: Path) -> None:
    """gettext's own check passes on the file (where gettext is installed)."""
    if shutil.which("msgfmt"):
        check = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


def test_match_percentages_are_cat_like() -> None:
    assert match_score("¡Fuera Boluarte!", "¡Fuera Boluarte!") == 100
    assert match_score("¡Fuera Boluarte!", "Fuera Boluarte") == 96
    assert match_score("fuera boluarte", "Fuera Boluarte") == 96
    assert match_score("Los obreros de Lima salen", "Los obreros del Cusco salen") == 60
    assert match_score("a b c", "x y z") == 0


def test_exact_context_fuzzy_placeable_fragment_and_none() -> None:
    _, segs = segment_markdown(NEW)
    index = FuzzyIndex(units())
    result = suggest(segs, index, threshold=75, n=3, phrases=PhraseFinder(index, Lexicon()))
    by_text = {s.source: s for s in result}
    assert result[0].score == 100 and result[0].target == "Out with Boluarte!"
    context = by_text["Los obreros de Lima salen a las calles."]
    assert context.score == 101  # the same previous segment as in the memory
    fuzzy = by_text["Fuera Boluarte"]
    assert fuzzy.score == 96 and fuzzy.target == "Out with Boluarte!"
    placeable = by_text["La policía asesinó a 17 trabajadores en Juliaca."]
    assert placeable.target == "The police killed 17 workers in Juliaca."
    assert placeable.adapted == [("10", "17")]
    inside = by_text["Miles marcharon en Cusco al grito de ¡Fuera Boluarte y todo el régimen!"]
    assert inside.target == ""
    # the memory's own slogan unit, found inside the sentence
    assert [(f.text, f.renderings[0][0]) for f in inside.fragments] == [
        ("Fuera Boluarte", "Out with Boluarte!")
    ]
    new = by_text["Los campesinos de Ayacucho preparan una nueva marcha hacia la capital."]
    assert new.target == "" and new.candidates == [] and new.fragments == []
    assert result[-1].repetition_of == 1
    bands = {b.name: (b.segments, b.words) for b in analyse(result)}
    assert bands["context (101%)"] == (1, 8)
    assert bands["100%"] == (1, 2)
    assert bands["95-99%"][0] == 1
    assert bands["repetitions"] == (1, 2)


def test_suggest_writes_a_po_that_polib_and_msgfmt_accept(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(NEW, encoding="utf-8")
    res = run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    po = polib.pofile(str(tmp_path / "nuevo.po"))
    assert len(po) == 7
    first = po[0]
    assert (first.msgid, first.msgstr, first.fuzzy) == (
        "¡Fuera Boluarte!",
        "Out with Boluarte!",
        False,
    )
    assert "100% match from memory.tmx, u0" in first.tcomment
    fuzzy = next(e for e in po if e.msgid == "Fuera Boluarte")
    assert fuzzy.fuzzy and "96% match" in fuzzy.tcomment
    adapted = next(e for e in po if "17" in e.msgid)
    assert adapted.msgstr == "The police killed 17 workers in Juliaca."
    assert "numbers adapted: 10 -> 17" in adapted.tcomment
    inside = next(e for e in po if "Cusco" in e.msgid)
    assert "memory has «Fuera Boluarte»: Out with Boluarte" in inside.tcomment
    msgfmt_accepts(tmp_path / "nuevo.po")


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext not installed")
def test_msgfmt_is_really_checking(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a %s"\nmsgstr "b"\n#, c-format\nmsgid "%d x"\nmsgstr "%s y"\n')
    res = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(bad)], capture_output=True)
    assert res.returncode != 0


def test_suggest_xliff_reads_back_with_translate_toolkit(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(NEW, encoding="utf-8")
    res = run_cli("suggest", str(text), "--format", "xliff", "--mt", "no", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    store = xlifffile((tmp_path / "nuevo.xlf").read_bytes())
    got = [(u.source, u.target) for u in store.units]
    assert got[0] == ("¡Fuera Boluarte!", "Out with Boluarte!")
    assert len(got) == 7
    alt = store.units[2].getalttrans()
    assert alt and alt[0].target == "Out with Boluarte!"


def test_suggest_markdown_restores_structure(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(
        "---\nlang: es\n---\n\n## ¡Fuera Boluarte!\n\n"
        "**Los obreros de Lima salen a las calles.** Marchan.\n"
    )
    res = run_cli("suggest", str(text), "--format", "md", "--mt", "no", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    english = (tmp_path / "nuevo.draft.en.md").read_text()
    assert english.startswith(
        "## Out with Boluarte!\n\n**The workers of Lima take to the streets.**"
    )
    assert "[ES: Marchan.]" in english
    assert "101% context" in (tmp_path / "nuevo.draft.md").read_text()


def test_analyse_command(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(NEW, encoding="utf-8")
    res = run_cli("analyse", str(text), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    rows = {ln[:16].strip(): ln[16:].split() for ln in res.stdout.splitlines()[1:]}
    assert rows["100%"][:2] == ["1", "2"]
    assert rows["repetitions"][:2] == ["1", "2"]
    assert rows["total"] == ["7", "46"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\nlang: es\n---\n\n", "no text to segment"),
        ("", "empty file"),
        (
            "The workers of Lima take to the streets against the government of the coup.",
            "the text is English",
        ),
        ("¡Abajo el gobierno! " * 120_000, "2.5 MB is too large for one article (limit 2 MB)"),
    ],
)
def test_bad_texts_get_one_line(tmp_path: Path, content: str, message: str) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(content)
    res = run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.startswith(f"iwo-tm: error: {text}") and message in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_a_tmx_that_is_not_tmx(tmp_path: Path) -> None:
    text = tmp_path / "nuevo.md"
    text.write_text(NEW)
    bad = tmp_path / "bad.tmx"
    bad.write_text("<html><body>not a memory</body></html>")
    res = run_cli("suggest", str(text), "--tm", str(bad), "--mt", "no", cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip() == f"iwo-tm: error: {bad}:1: not a TMX file (root element <html>)"
    nothing = run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path)
    assert nothing.returncode == 1 and "run iwo-tm align first" in nothing.stderr


SLOGANS = [
    "La sangre derramada jamás será olvidada",
    "Fuera Boluarte",
    "Abajo Dina Boluarte",
    "Que se vayan todos",
    "Sin justicia no hay paz",
    "Comités de Coordinación",
    "Frentes de Defensa",
    "régimen fujimorista",
    "Comando Nacional Unitario de Lucha",
    "Fuera el FMI",
    "Una sola clase, una sola lucha",
    "Libertad a todos los presos por luchar",
    "Todos a Lima",
    "Perú profundo",
]


def test_every_recurring_slogan_of_a_held_out_article_is_offered() -> None:
    """For each Peru article: memory = the corpus's other articles; every slogan that occurs in
    the held-out Spanish and somewhere else is offered, whole or inside a segment."""
    from iwo_tm.align.alignment import Aligner
    from iwo_tm.align.corpus_alignment import make_item
    from iwo_tm.corpus.documents import load_pairs
    from iwo_tm.corpus.segmentation import segment_article
    from iwo_tm.language.lexicon import load_freedict

    pairs, _ = load_pairs(ROOT / "corpus")
    docs = [(segment_article(es), segment_article(en)) for es, en in pairs]
    alignments = Aligner(load_freedict()).align_many(docs)
    all_units = []
    for (es, en), (es_s, en_s), al in zip(pairs, docs, alignments, strict=True):
        for b in al.beads:
            if b.es and b.en:
                it = make_item(es, en, es_s, en_s, b)
                all_units.append(MemoryUnit(it.source, it.target, "corpus.tmx", it.tuid, it.pair))
    lexicon = load_freedict()
    missed, offered = [], 0
    for (es, _), (es_s, _), _al in zip(pairs, docs, alignments, strict=True):
        if es.meta.get("section") != "Perú":
            continue
        rest = [u for u in all_units if u.pair != es.pair]
        index = FuzzyIndex(rest)
        result = suggest(es_s, index, 75, 3, phrases=PhraseFinder(index, lexicon))
        for slogan in SLOGANS:
            low = slogan.lower()
            if not any(low in s.text.lower() for s in es_s):
                continue
            if not any(low in u.source.lower() for u in rest):
                continue
            for s in result:
                if low not in s.source.lower():
                    continue
                whole = s.candidates and low in s.candidates[0].unit.source.lower()
                inside = any(low in f.text.lower() or f.text.lower() in low for f in s.fragments)
                if whole or inside:
                    offered += 1
                else:
                    missed.append((es.pair, slogan, s.source[:60]))
    assert offered > 20
    assert missed == [], "\n".join(map(str, missed))


def test_merge_adds_exactly_the_edited_units_and_writes_the_article(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text("---\npair: 99-prueba\nlang: es\n---\n\n" + NEW.split("---\n\n", 1)[1])
    assert run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path).returncode == 0
    po_path = tmp_path / "nuevo.po"
    po = polib.pofile(str(po_path))
    for e in po:
        if e.msgid == "Fuera Boluarte":
            e.msgstr, e.flags = "Out with Boluarte", []  # edited fuzzy match
        elif not e.msgstr:
            e.msgstr = f"EN {e.msgid}"  # translated from scratch
        elif e.fuzzy:
            e.flags = []  # accepted as is (the adapted numbers)
    po.save()
    res = run_cli("merge", str(po_path), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    _, added = read_tmx(tmp_path / "tmx" / "translations.tmx")
    got = {(u.text("es"), u.text("en")) for u in added}
    cusco = "Miles marcharon en Cusco al grito de ¡Fuera Boluarte y todo el régimen!"
    ayacucho = "Los campesinos de Ayacucho preparan una nueva marcha hacia la capital."
    assert got == {
        ("Fuera Boluarte", "Out with Boluarte"),
        (
            "La policía asesinó a 17 trabajadores en Juliaca.",
            "The police killed 17 workers in Juliaca.",
        ),
        (cusco, f"EN {cusco}"),
        (ayacucho, f"EN {ayacucho}"),
    }
    assert validate(tmp_path / "tmx" / "translations.tmx") == []
    article = (tmp_path / "corpus" / "en" / "99-prueba.md").read_text()
    assert "lang: en" in article and "Out with Boluarte!" in article and "[ES:" not in article
    # merging again adds nothing: everything is in the memory now
    again = run_cli("merge", str(po_path), cwd=tmp_path)
    assert again.stdout.startswith("0 new or edited units")


def test_merge_refuses_a_draft_that_no_longer_matches(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(NEW)
    assert run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path).returncode == 0
    text.write_text(NEW.replace("Los obreros de Lima", "Los obreros del Callao"))
    res = run_cli("merge", str(tmp_path / "nuevo.po"), cwd=tmp_path)
    assert res.returncode == 1
    assert "the draft no longer matches" in res.stderr and "segment 2 differs" in res.stderr


def test_index_is_cached_next_to_the_tmx_and_rebuilt_when_it_changes(tmp_path: Path) -> None:
    from iwo_tm.suggest.suggestion import load_index

    tmx = memory_tmx(tmp_path / "tmx")
    index, _ = load_index(tmp_path / "tmx")
    cached = list((tmp_path / "tmx" / ".cache").glob("index-*"))
    assert len(cached) == 1 and (cached[0] / "manifest.json").exists()
    again, _ = load_index(tmp_path / "tmx")
    assert list(again.units) == index.units and list(again.codes) == list(index.codes)
    assert dict(again.vocab) == index.vocab and dict(again.fragments) == index.fragments
    assert again.learnt_lexicon().entries == index.learnt_lexicon().entries
    assert (
        again.search("Fuera Boluarte", 3, 50)[0].unit
        == index.search("Fuera Boluarte", 3, 50)[0].unit
    )
    extra = [TranslationUnit.pair("¡Abajo Dina Boluarte!", "Down with Dina Boluarte!", tuid="x")]
    write_tmx(tmx, extra, make_header())
    rebuilt, _ = load_index(tmp_path / "tmx")
    assert [u.source for u in rebuilt.units] == ["¡Abajo Dina Boluarte!"]
    assert list((tmp_path / "tmx" / ".cache").glob("index-*")) != cached


def _spoil(folder: Path, how: str) -> None:
    if how == "pickle":  # what older versions wrote, made to run code when unpickled
        import pickle

        class Boom:
            def __reduce__(self):  # noqa: ANN204
                return (Path.touch, (folder.parent.parent.parent / "pwned",))

        for name in ("units.sqlite", "learnt.json"):
            (folder / name).write_bytes(pickle.dumps(Boom()))
        (folder.parent / "index-0000.pickle").write_bytes(pickle.dumps(Boom()))
    elif how == "garbage":
        (folder / "units.sqlite").write_bytes(b"\x00\xff garbage")
    elif how == "truncated":
        data = (folder / "post_units.npy").read_bytes()
        (folder / "post_units.npy").write_bytes(data[: len(data) // 2])
    elif how == "object array":
        import numpy as np

        np.save(folder / "lengths.npy", np.array([object()] * 3, dtype=object), allow_pickle=True)
    elif how == "other version":
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["format"] = 1
        (folder / "manifest.json").write_text(json.dumps(manifest))
    elif how == "wrong counts":
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["units"] += 5
        (folder / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    "how", ["pickle", "garbage", "truncated", "object array", "other version", "wrong counts"]
)
def test_a_spoilt_or_crafted_cache_is_rebuilt_with_a_notice_and_runs_nothing(
    tmp_path: Path, how: str
) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(NEW, encoding="utf-8")
    assert run_cli("suggest", str(text), "--mt", "no", cwd=tmp_path).returncode == 0
    [folder] = (tmp_path / "tmx" / ".cache").glob("index-*")
    first = (tmp_path / "nuevo.po").read_text()
    _spoil(folder, how)
    res = run_cli("suggest", str(text), "--mt", "no", "-o", "again.po", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert not (tmp_path / "pwned").exists()
    assert "Traceback" not in res.stderr
    notices = [ln for ln in res.stderr.splitlines() if ln]
    assert len(notices) == 1 and notices[0].startswith("iwo-tm: notice: ")
    assert "the index is built again" in notices[0]
    strip = lambda po: [ln for ln in po.splitlines() if "POT-Creation-Date" not in ln]  # noqa: E731
    assert strip((tmp_path / "again.po").read_text()) == strip(first)
    # and the next run reads the rebuilt cache without a word
    quiet = run_cli("suggest", str(text), "--mt", "no", "-o", "third.po", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert not list((tmp_path / "tmx" / ".cache").glob("*.pickle"))


DRAFTED = """---
lang: es
---

La policía asesinó a 10 trabajadores en Cusco.

Miles marcharon en Cusco al grito de ¡Fuera Boluarte y todo el régimen!

Los campesinos de Ayacucho preparan una nueva marcha hacia la capital.
"""


def fake_mt(lines: list[str]) -> list[str]:
    """A stand-in for Apertium, so no test depends on its wording: it keeps every word."""
    return [f"EN {line}" for line in lines]


def drafted(**kwargs):  # noqa: ANN003, ANN201
    from iwo_tm.suggest.post_edit import Rule

    _, segs = segment_markdown(DRAFTED)
    index = FuzzyIndex(units())
    rules = [Rule("campesinos", "peasants", 3, 3, where=["u9"])]
    return suggest(segs, index, 75, 3, kwargs.pop("translate", fake_mt),
                   PhraseFinder(index, Lexicon()), rules=rules, **kwargs)  # fmt: skip


def test_each_draft_says_how_it_was_made() -> None:
    from iwo_tm.suggest.suggestion import Origin, words_by_origin

    repaired, pinned, post_edited = drafted()
    assert repaired.origin == Origin.REPAIRED and repaired.score == 88
    assert repaired.target == "The police killed 10 workers in EN Cusco."
    assert repaired.match.unit.target == "The police killed 10 workers in Juliaca."
    assert pinned.origin == Origin.PINNED
    assert "Out with Boluarte" in pinned.target and pinned.target.startswith("EN Miles")
    assert [p.target for p in pinned.pins] == ["Out with Boluarte"]
    assert post_edited.origin == Origin.POST_EDITED
    assert "peasants de Ayacucho" in post_edited.target
    counts = words_by_origin([repaired, pinned, post_edited])
    assert counts["repaired"] == 8 and counts["pinned phrases"] == 2
    assert counts["post-edited"] == 11
    assert counts["mt"] == 11  # the rest of the pinned segment is plain MT


def test_each_mechanism_can_be_switched_off() -> None:
    from iwo_tm.suggest.suggestion import DraftOptions, Origin

    no_repair = drafted(options=DraftOptions(repair=False))[0]
    assert no_repair.origin == Origin.MEMORY and no_repair.target.endswith("in Juliaca.")
    no_pin = drafted(options=DraftOptions(pin=False))[1]
    assert no_pin.origin == Origin.MT and "Out with Boluarte" not in no_pin.target
    no_post = drafted(options=DraftOptions(post_edit=False))[2]
    assert no_post.origin == Origin.MT and "campesinos" in no_post.target


def test_without_mt_repairs_use_only_what_the_memory_knows() -> None:
    from iwo_tm.suggest.suggestion import Origin

    repaired, pinned, new = drafted(translate=None)
    # the name is kept as it is: nothing else was needed
    assert repaired.origin == Origin.REPAIRED
    assert repaired.target == "The police killed 10 workers in Cusco."
    assert pinned.target == "" and new.target == ""  # no MT: nothing invented


def test_glossary_wins_in_the_draft() -> None:
    first, pinned, _ = drafted(glossary=[("Fuera Boluarte", "Boluarte Out"), ("Cusco", "Cuzco")])
    assert first.target == "The police killed 10 workers in Cuzco."
    assert "Boluarte Out" in pinned.target and "Cuzco" in pinned.target


def test_drafts_made_by_each_mechanism_pass_msgfmt_and_read_back(tmp_path: Path) -> None:
    from lxml import etree

    from iwo_tm.suggest.drafts import write_po, write_xliff

    result = drafted()
    write_po(tmp_path / "d.po", result, "nuevo.md")
    po = polib.pofile(str(tmp_path / "d.po"))
    assert all(e.fuzzy for e in po)  # nothing below 100% goes out as finished
    assert "repaired 88% match from memory.tmx, u2" in po[0].tcomment
    assert "unrepaired match: The police killed 10 workers in Juliaca." in po[0].tcomment
    assert "kept as the memory has it: «Fuera Boluarte» = Out with Boluarte" in po[1].tcomment
    assert "post-edited as the memory does: campesinos -> peasants" in po[2].tcomment
    msgfmt_accepts(tmp_path / "d.po")
    write_xliff(tmp_path / "d.xlf", result, "nuevo.md")
    store = xlifffile((tmp_path / "d.xlf").read_bytes())
    assert [u.target for u in store.units] == [s.target for s in result]
    alts = store.units[0].getalttrans()
    assert alts[0].target == "The police killed 10 workers in Juliaca."  # kept as alternative
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    targets = etree.parse(str(tmp_path / "d.xlf")).findall(".//x:target", ns)
    states = [t.get("state-qualifier") for t in targets if t.getparent().tag.endswith("unit")]
    assert states == ["leveraged-tm", "leveraged-mt", "leveraged-mt"]


def test_analyse_counts_words_by_origin(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(DRAFTED, encoding="utf-8")
    res = run_cli("analyse", str(text), "--mt", "no", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    table = res.stdout.split("draft made by", 1)[1]
    rows = {ln[:16].strip(): ln[16:].split() for ln in table.splitlines()[1:] if ln.strip()}
    assert rows["repaired matches"][0] == "8"
    assert rows["to translate"][0] == "24"


def test_suggest_says_when_there_is_no_machine_translation(tmp_path: Path) -> None:
    memory_tmx(tmp_path / "tmx")
    text = tmp_path / "nuevo.md"
    text.write_text(DRAFTED, encoding="utf-8")
    res = run_cli("suggest", str(text), "--mt", "no", "--no-repair", "--no-pin",
                  "--no-post-edit", cwd=tmp_path)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "no machine translation" in res.stdout


def test_a_segment_that_is_no_sentence_is_not_searched_inside() -> None:
    from iwo_tm.suggest.suggestion import MAX_INSIDE

    long = " ".join(["Fuera Boluarte"] * (MAX_INSIDE // 2 + 1))  # no stop in 302 words
    _, segs = segment_markdown(f"---\nlang: es\n---\n\n{long}\n")
    index = FuzzyIndex(units())
    [sug] = suggest(segs, index, 75, 3, phrases=PhraseFinder(index, Lexicon()))
    assert sug.fragments == [] and sug.pins == []
    # a sentence of ordinary length is
    [short] = suggest(segment_markdown(NEW)[1][4:5], index, 75, 3,
                      phrases=PhraseFinder(index, Lexicon()))  # fmt: skip
    assert short.fragments


def test_machine_translation_gets_the_memorys_numbers_and_dates() -> None:
    from iwo_tm.suggest.drafts import describe
    from iwo_tm.suggest.suggestion import DraftOptions

    memory = [*units(), MemoryUnit("El 9 de enero.", "On January 9, 2023.", "memory.tmx", "d")]
    _, segs = segment_markdown("Más de 3.000 mineros marcharon el 16 de enero con 2,5 kilos.\n")
    index = FuzzyIndex(memory)

    def apertium_like(lines: list[str]) -> list[str]:
        return ["More than 3.000 miners marched the 16 January with 2,5 kilos." for _ in lines]

    [draft] = suggest(segs, index, 75, 3, apertium_like, PhraseFinder(index, Lexicon()))
    assert draft.target == "More than 3,000 miners marched the January 16 with 2.5 kilos."
    assert (
        "numbers and dates as the memory writes them: 3.000 -> 3,000; 2,5 -> 2.5; "
        "16 January -> January 16"
    ) in describe(draft)
    options = DraftOptions(localize=False)
    [raw] = suggest(segs, index, 75, 3, apertium_like, PhraseFinder(index, Lexicon()),
                    options=options)  # fmt: skip
    assert raw.target == "More than 3.000 miners marched the 16 January with 2,5 kilos."
