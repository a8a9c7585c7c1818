"""``iwo-tm align``: every Spanish/English article pair of the corpus into the memory.

Articles are paired by their pair id, segmented, aligned (two passes: the second with the
vocabulary the first learnt from the whole corpus), and every bead with both sides becomes a
translation unit. Units at or above the confidence threshold go to the memory
(``tmx/corpus.tmx``); the others are held for review (``tmx/review.tsv`` and ``.html``)
unless a reviewer has already decided on them (``tmx/decisions.tsv``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..corpus.documents import Article, read_article_text
from ..corpus.segmentation import Segment, markdown_blocks, segment_article, segment_markdown
from ..errors import IwoError
from ..formats.beads import format_bead
from ..formats.tmx import Prop, TranslationUnit, make_header, read_tmx, tmx_date, write_tmx
from ..language.detect import detect_language
from ..language.lexicon import Lexicon, load_freedict
from ..language.machine_translation import Translator
from ..language.machine_translation import use_mt as choose_mt
from ..safety import holds_lock
from .alignment import AlignedBead, Aligner, Alignment, check_length
from .review import (
    DECISIONS,
    REVIEW_TSV,
    ReviewItem,
    decisions_in,
    read_decisions,
    read_review,
    write_decisions,
    write_review,
)

REVIEW_THRESHOLD = 0.5  # units below this confidence go to review, not to the memory

CORPUS_TMX = "corpus.tmx"


@dataclass
class ArticleReport:
    pair: str
    es_sentences: int
    en_sentences: int
    written: int = 0
    held: int = 0
    rejected: int = 0
    unaligned_es: int = 0
    unaligned_en: int = 0


@dataclass
class AlignResult:
    units: list[TranslationUnit]
    held: list[ReviewItem]
    reports: list[ArticleReport]
    alone: list[Article]
    signals: list[str]
    apertium_calls: int = 0
    outputs: list[Path] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)  # decisions taken from the review file


def _unit_date(es: Article, en: Article) -> str:
    date = str(es.meta.get("date") or es.meta.get("issue_date") or en.meta.get("issue_date"))
    try:
        return tmx_date(date)
    except ValueError:
        return tmx_date(str(es.meta.get("issue_date")))


def make_item(
    es: Article, en: Article, es_segs: list[Segment], en_segs: list[Segment], bead: AlignedBead
) -> ReviewItem:
    first = es_segs[bead.es[0]]
    prev = es_segs[bead.es[0] - 1].text if bead.es[0] > 0 else ""
    return ReviewItem(
        tuid=f"{es.pair}:{'-'.join(str(i) for i in bead.es)}",
        pair=es.pair,
        issue=str(es.meta.get("issue", "")),
        date=_unit_date(es, en),
        confidence=bead.confidence,
        shape=bead.shape,
        kind=first.kind,
        source=" ".join(es_segs[i].text for i in bead.es),
        target=" ".join(en_segs[j].text for j in bead.en),
        context=prev,
    )


def _no_pairs(alone: list[Article]) -> IwoError:
    if not alone:
        return IwoError("no article pairs to align: the corpus has no articles")
    return IwoError(
        f"no article pairs to align: {len(alone)} article{'s' * (len(alone) > 1)}, none with "
        "a counterpart (a Spanish article and its English have the same pair id in their "
        "front matter)"
    )


def _tell(on_article: Callable[[str], None] | None, pair: str) -> None:
    if on_article:
        on_article(pair)


def _sort_beads(
    pair: tuple[Article, Article],
    doc: tuple[list, list],
    al: Alignment,
    decisions: dict[str, tuple[str, str]],
    threshold: float,
    units: list[TranslationUnit],
    held: list[ReviewItem],
) -> ArticleReport:
    """Send each bead of one article pair to the memory, to review or nowhere (a reviewer's
    decision first, then the confidence), and count what went where."""
    (es, en), (es_segs, en_segs) = pair, doc
    rep = ArticleReport(es.pair, len(es_segs), len(en_segs))
    for bead in al.beads:
        if not bead.es or not bead.en:
            rep.unaligned_es += len(bead.es)
            rep.unaligned_en += len(bead.en)
            continue
        item = make_item(es, en, es_segs, en_segs, bead)
        decision, english = decisions.get(item.key(), ("", ""))
        if decision == "reject":
            rep.rejected += 1
            continue
        if decision == "accept":
            item.target = english
            units.append(item.to_unit(reviewed=True))
        elif bead.confidence >= threshold:
            units.append(item.to_unit())
        else:
            held.append(item)
            rep.held += 1
            continue
        rep.written += 1
    return rep


@holds_lock("tmx_dir", "the memory")
def align_corpus(
    pairs: list[tuple[Article, Article]],
    alone: list[Article],
    tmx_dir: str | Path,
    threshold: float = REVIEW_THRESHOLD,
    mt: str = "auto",
    dictionary: bool = True,
    on_article: Callable[[str], None] | None = None,
) -> AlignResult:
    """Align the corpus's article pairs and write the memory and the review files; returns what
    was done. ``pairs`` and ``alone`` are what ``documents.load_pairs`` reads of a corpus."""
    if not pairs:  # nothing to align: keep the memory there is rather than empty it
        raise _no_pairs(alone)
    tmx_dir = Path(tmx_dir)
    # decisions written in the review file but not yet applied with accept are taken now: the
    # review file is about to be rewritten, and a reviewer's work must not vanish with it
    decisions = read_decisions(tmx_dir / DECISIONS)
    review_file = tmx_dir / REVIEW_TSV
    pending = decisions_in(read_review(review_file)) if review_file.exists() else {}
    decisions.update(pending)
    lexicon = load_freedict() if dictionary else Lexicon()
    use_mt = choose_mt(mt)
    translator = Translator() if use_mt else None
    docs, mts = [], []
    for es, en in pairs:
        es_segs, en_segs = segment_article(es), segment_article(en)
        check_length(len(es_segs), es.path)
        check_length(len(en_segs), en.path)
        docs.append((es_segs, en_segs))
        mts.append(translator.translate([s.text for s in es_segs]) if translator else None)
        _tell(on_article, es.pair)
    aligner = Aligner(lexicon)
    alignments: list[Alignment] = aligner.align_many(docs, mts)
    units: list[TranslationUnit] = []
    held: list[ReviewItem] = []
    reports = [
        _sort_beads(pair, doc, al, decisions, threshold, units, held)
        for pair, doc, al in zip(pairs, docs, alignments, strict=True)
    ]
    signals = alignments[0].signals if alignments else aligner.signals(use_mt)
    if pending:
        write_decisions(tmx_dir / DECISIONS, decisions)
    out = _write_memory(tmx_dir / CORPUS_TMX, units, [(Prop.SIGNALS, "; ".join(signals))])
    outputs = [out, *write_review(tmx_dir, held)]
    return AlignResult(
        units,
        held,
        reports,
        alone,
        signals,
        translator.calls if translator else 0,
        outputs,
        [d for d, _ in pending.values()],
    )


def _write_memory(path: Path, units: list[TranslationUnit], props: list[tuple[str, str]]) -> Path:
    header = make_header()
    dates = [u.attrs["creationdate"] for u in units if u.attrs.get("creationdate")]
    if dates:  # the newest unit's date, not the clock: the same corpus gives the same bytes
        header.attrs["creationdate"] = max(dates)
    header.props.extend(props)
    write_tmx(path, units, header)
    return path


@dataclass
class AcceptResult:
    accepted: int
    rejected: int
    undecided: int


@holds_lock("tmx_dir", "the memory")
def accept_review(tmx_dir: str | Path, review: str | Path | None = None) -> AcceptResult:
    """Apply the decisions written in the review TSV: accepted units join the memory now,
    every decision is remembered for the next ``align``, and undecided rows stay for later."""
    tmx_dir = Path(tmx_dir)
    current = tmx_dir / REVIEW_TSV
    review = Path(review) if review else current
    items = read_review(review)
    if review.resolve() != current.resolve() and current.exists():
        # another review file (an older copy, a colleague's): the decisions and rows of the
        # current one stay; where both decide on a unit, the file given wins
        mine = {i.key(): i for i in read_review(current)}
        for item in items:
            kept = mine.pop(item.key(), None)
            if kept is not None and not item.decision:
                item.decision, item.target = kept.decision, kept.target
        items += list(mine.values())
    memory = tmx_dir / CORPUS_TMX
    if not memory.exists():
        raise IwoError("no memory to add to: run iwo-tm align first", memory)
    decisions = read_decisions(tmx_dir / DECISIONS) | decisions_in(items)
    header, units = read_tmx(memory)
    known = {u.tuid for u in units}
    accepted = rejected = 0
    for item in items:
        if not item.decision:
            continue
        if item.decision == "accept":
            accepted += 1
            if item.tuid not in known:
                units.append(item.to_unit(reviewed=True))
                known.add(item.tuid)
        else:
            rejected += 1
    undecided = [i for i in items if not i.decision]
    units.sort(key=lambda u: _tuid_order(u.tuid or ""))
    write_tmx(memory, units, header)
    write_decisions(tmx_dir / DECISIONS, decisions)
    write_review(tmx_dir, undecided)
    return AcceptResult(accepted, rejected, len(undecided))


def _tuid_order(tuid: str) -> tuple[str, int]:
    """Units sorted by article, then by position (``pair:3-4``), as ``align`` writes them."""
    pair, _, pos = tuid.rpartition(":")
    first = pos.split("-")[0]
    return (pair, int(first) if first.isdigit() else 0)


def side_language(text: str, presegmented: bool, path: str | Path) -> str:
    """The language of one file for ``align-files``, found without segmenting it (Markdown:
    its front matter's, else guessed from its blocks; presegmented: guessed from its text)."""
    if not presegmented:
        return markdown_blocks(text, None, str(path))[0]
    found = detect_language(text)
    if found is None:
        raise IwoError("cannot tell whether the text is Spanish or English; give --lang", path)
    return found


def side_segments(text: str, lang: str, presegmented: bool, path: str | Path) -> list[Segment]:
    """The segments of one file for ``align-files``: Markdown as the corpus is segmented or,
    with ``presegmented``, one segment per line (a blank line marks a paragraph boundary)."""
    if not presegmented:
        return segment_markdown(text, lang, str(path))[1]
    segs: list[Segment] = []
    new_paragraph = True
    for line in text.split("\n"):
        if not line.strip():
            new_paragraph = True
            continue
        segs.append(Segment(line.strip(), "paragraph", len(segs), first=new_paragraph))
        new_paragraph = False
    return segs


def align_files(
    es_path: str | Path,
    en_path: str | Path,
    presegmented: bool = False,
    mt: str = "auto",
    dictionary: bool = True,
) -> tuple[list[Segment], list[Segment], Alignment]:
    """Align two texts directly (no corpus, no memory written). Both files are checked (size,
    language) before either is segmented, and each side's length before it is translated."""
    texts = read_article_text(es_path), read_article_text(en_path)
    es_lang, en_lang = (
        side_language(t, presegmented, p) for t, p in zip(texts, (es_path, en_path), strict=True)
    )
    names = {"es": "Spanish", "en": "English"}
    if es_lang == en_lang:
        raise IwoError(
            f"both texts are {names[es_lang]}; give the Spanish first, then English", en_path
        )
    if es_lang != "es":
        raise IwoError(
            "the first text is English: give the Spanish first, then the English", es_path
        )
    es_segs = side_segments(texts[0], "es", presegmented, es_path)
    en_segs = side_segments(texts[1], "en", presegmented, en_path)
    check_length(len(es_segs), es_path)
    check_length(len(en_segs), en_path)
    lexicon = load_freedict() if dictionary else Lexicon()
    use_mt = choose_mt(mt)
    translation = Translator().translate([s.text for s in es_segs]) if use_mt else None
    aligner = Aligner(lexicon)
    return es_segs, en_segs, aligner.align_many([(es_segs, en_segs)], [translation])[0]


def file_units(
    es_path: str | Path, es: list[Segment], en: list[Segment], al: Alignment
) -> list[TranslationUnit]:
    """The aligned pairs of two files as TMX units, with the properties of the memory's."""
    name = Path(es_path).stem
    today = tmx_date(datetime.now(UTC).replace(microsecond=0))
    return [
        ReviewItem(
            tuid=f"{name}:{'-'.join(str(i) for i in b.es)}", pair=name, issue="", date=today,
            confidence=b.confidence, shape=b.shape, kind=es[b.es[0]].kind,
            source=" ".join(es[i].text for i in b.es),
            target=" ".join(en[j].text for j in b.en),
            context=es[b.es[0] - 1].text if b.es[0] > 0 else "",
        ).to_unit()
        for b in al.beads
        if b.es and b.en
    ]  # fmt: skip


def alignment_text(es: list[Segment], en: list[Segment], al: Alignment, fmt: str) -> str:
    """Every bead of an alignment: ``beads`` (Vecalign's gold format), ``tsv`` (confidence,
    bead, Spanish, English) or ``text`` (to read)."""
    lines = []
    for b in al.beads:
        src = " ".join(es[i].text for i in b.es)
        tgt = " ".join(en[j].text for j in b.en)
        if fmt == "beads":
            lines.append(format_bead(b.es, b.en))
        elif fmt == "tsv":
            lines.append(f"{b.confidence:.2f}\t{format_bead(b.es, b.en)}\t{src}\t{tgt}")
        else:
            lines.append(f"{b.confidence:.2f} {format_bead(b.es, b.en):<14} {src}\n{'':20}{tgt}")
    return "\n".join(lines) + "\n"
