"""``iwo-tm merge``: a finished draft goes back into the memory and the corpus.

Segments the translator finished (a target, no fuzzy flag / state not needing review) become
units of ``tmx/translations.tmx`` unless the memory already holds that very pair, so a merge
adds exactly what is new or edited. When every segment is finished, the English article is
written to ``corpus/en`` with the structure of the Spanish original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from ..corpus.documents import read_article_text, split_front_matter
from ..corpus.segmentation import segment_markdown
from ..errors import IwoError
from ..formats.bilingual import open_units
from ..formats.tmx import Prop, TranslationUnit, make_header, read_tmx, tmx_date, write_tmx
from ..memory.units import load_memory
from ..safety import holds_lock, inside, safe_name
from ..textfiles import read_text, write_atomic
from .drafts import english_markdown

TRANSLATIONS = "translations.tmx"


@dataclass
class DraftSegment:
    source: str
    target: str
    finished: bool


def read_draft(path: str | Path) -> tuple[Path, list[DraftSegment]]:
    """The source text a draft was made from, and its segments (PO or XLIFF 1.2)."""
    path = Path(path)
    if path.suffix.lower() not in (".po", ".xlf", ".xliff"):
        raise IwoError("a draft is a .po or .xlf file", path)
    draft = open_units(path)
    if not draft.original:
        raise IwoError("the draft does not say which text it was made from", path)
    segs = [DraftSegment(u.source, u.target, u.finished) for u in draft.units]
    return Path(draft.original), segs


@dataclass
class MergeResult:
    added: list[TranslationUnit]
    unfinished: int
    article: Path | None


def _merged(article: Path) -> bool:
    """Whether an English article was written by ``merge`` (its front matter says so)."""
    try:
        meta, _, _ = split_front_matter(read_text(article), article)
    except IwoError:
        return False
    return str(meta.get("source", "")).endswith("with iwo-tm")


@holds_lock("tmx_dir", "the memory")
def merge_draft(
    draft: str | Path, tmx_dir: str | Path, corpus: str | Path, force: bool = False
) -> MergeResult:
    """Finished segments of ``draft`` into the memory; the English article when all are."""
    source, segs = read_draft(draft)
    text = read_article_text(source)
    _, segments = segment_markdown(text, None, str(source))
    _check_unchanged(segments, segs, source, draft)
    meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---\n") else {}
    meta = meta if isinstance(meta, dict) else {}
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-")
    pair = safe_name(meta.get("pair") or stem, "pair id", source)
    unfinished = sum(1 for d in segs if not d.finished)
    # checked before anything is written: the article this merge would write
    article = inside(corpus, Path(corpus) / "en" / f"{pair}.md") if not unfinished else None
    if article is not None and article.exists() and not force and not _merged(article):
        raise IwoError(
            "an English article not written by merge is already there (the published one?):"
            " give --force to replace it",
            article,
        )
    added = _add_units(Path(tmx_dir), segs, pair, source)
    if article is not None:
        write_atomic(article, _english_article(meta, pair, source, segments, segs))
    return MergeResult(added, unfinished, article)


def _check_unchanged(segments: list, segs: list[DraftSegment], source: Path, draft) -> None:
    """The draft's Spanish is still the text's, segment by segment."""
    if [s.text for s in segments] == [d.source for d in segs]:
        return
    pairs = enumerate(zip(segments, segs, strict=False), 1)
    first = next(
        (k for k, (a, b) in pairs if a.text != b.source), min(len(segments), len(segs)) + 1
    )
    raise IwoError(f"the draft no longer matches {source} (segment {first} differs)", draft)


def _add_units(
    tmx_dir: Path, segs: list[DraftSegment], pair: str, source: Path
) -> list[TranslationUnit]:
    """The finished segments the memory does not hold yet, added to ``translations.tmx``."""
    # a memory not yet made is an empty one; a damaged one stops the merge (its error says so)
    existing = sorted(tmx_dir.glob("*.tmx")) if tmx_dir.is_dir() else []
    known = {(u.source, u.target) for u in load_memory(existing)}
    now = tmx_date(datetime.now(UTC).replace(microsecond=0))
    added = []
    for k, d in enumerate(segs, 1):
        src, tgt = " ".join(d.source.split()), " ".join(d.target.split())
        if d.finished and (src, tgt) not in known:
            added.append(
                TranslationUnit.pair(
                    src, tgt, tuid=f"{pair}:{k}",
                    attrs={"creationdate": now, "creationid": "iwo-tm merge"},
                    props=[(Prop.PAIR, pair), (Prop.SOURCE_FILE, source.name)],
                )
            )  # fmt: skip
    out = tmx_dir / TRANSLATIONS
    if added:
        header, units = read_tmx(out) if out.exists() else (make_header(), [])
        replaced = {u.tuid for u in added}
        write_tmx(out, [u for u in units if u.tuid not in replaced] + added, header)
    return added


def _english_article(
    meta: dict, pair: str, source: Path, segments: list, segs: list[DraftSegment]
) -> str:
    """The English article: the Spanish front matter made English, the original structure."""
    en_meta = {k: v for k, v in meta.items() if k not in ("lang", "title", "source", "note")}
    en_meta["pair"] = pair
    targets = [d.target for d in segs]
    headings = [t for s, t in zip(segments, targets, strict=True) if s.kind == "heading"]
    en_meta["title"] = headings[0] if headings else targets[0]
    en_meta["lang"] = "en"
    en_meta["source"] = f"translated from {source.name} with iwo-tm"
    front = yaml.safe_dump(en_meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{english_markdown(segments, targets)}"
