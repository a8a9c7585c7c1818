"""What an earlier import of the same issue wrote. Importing an issue again updates those files
in place: an article whose title comes out otherwise this time (the importer improved, the
converted file was corrected) keeps its file and its pair id, rather than a new file with the
same text appearing beside the old one, which would still hold the link to its counterpart.
An old article the issue no longer has is named, for a person to remove."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..documents import Article, iter_corpus

__all__ = ["Followed", "follow_earlier"]

SAME = 0.5  # share of paragraphs in common from which two articles are one


@dataclass
class Followed:
    """Where each new article goes, and the earlier ones left over."""

    paths: list[Path]  # one per new article
    pairs: list[str]  # the pair id each keeps
    stale: list[Path] = field(default_factory=list)


def _paragraphs(article: Article) -> set[str]:
    return {b.text for b in article.blocks if b.kind == "paragraph" and len(b.text) > 40}


def _same(a: Article, b: Article) -> bool:
    pa, pb = _paragraphs(a), _paragraphs(b)
    if not pa or not pb:
        return [x.text for x in a.blocks] == [x.text for x in b.blocks]
    return len(pa & pb) >= SAME * min(len(pa), len(pb))


def follow_earlier(articles: list[Article], natural: list[Path], corpus: str | Path) -> Followed:
    """For each new article (its natural path given), the file it updates: its own when that
    exists, else the file of the earlier import of the same issue that holds the same text."""
    if not articles:
        return Followed([], [])
    lang = articles[0].lang
    issue_file = str(articles[0].meta.get("source", "")).rsplit(":", 1)[0]
    mine = re.compile(rf"{re.escape(issue_file)}:\d+-\d+")
    folder_there = (Path(corpus) / lang).is_dir()
    earlier = {
        Path(a.path): a
        for a in (iter_corpus(corpus, lang) if folder_there else ())
        if a.path is not None and mine.fullmatch(str(a.meta.get("source", "")))
    }
    claimed = {p for p in natural if p in earlier}
    paths, pairs = [], []
    for art, path in zip(articles, natural, strict=True):
        if path not in earlier:
            match = next(
                (p for p, old in earlier.items() if p not in claimed and _same(art, old)), None
            )
            if match is not None:
                claimed.add(match)
                path = match
        paths.append(path)
        pairs.append(earlier[path].pair if path in earlier else art.pair)
    stale = sorted(p for p in earlier if p not in claimed)
    return Followed(paths, pairs, stale)
