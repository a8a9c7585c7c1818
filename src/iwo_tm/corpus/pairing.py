"""Pair the Spanish articles that have no counterpart with English articles, as document
aligners do (Buck and Koehn's WMT16 task; Bitextor): each article becomes a bag of keys that
both languages share (numbers, names and acronyms, the English keys of each Spanish word
through cognates and the dictionary, Apertium's English of the Spanish title and first
paragraph), weighted by how rare they are; two articles score by the cosine of their bags,
adjusted by their issues and dates; then one assignment over the whole corpus, greedy by
score, so that an English article goes to one Spanish article only.

A pair keeping the numbers (most of them, when there are three or more) is written (the English
pair id into the Spanish front matter) when it scores ``accept`` or more, clearly ahead of the
Spanish article's next candidate, or when, from 0.15 up, it scores half again as much as
any other candidate of either article (a ratio margin, as bitext mining scores candidates
against their neighbours: a short or freely translated article shares fewer keys with its
English, but still far more than with any other); any other pair from ``review`` up goes to the
review file, where a person decides; below, the Spanish article is reported as having no
English.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import numpy as np

from ..errors import IwoError
from ..language.lexicon import STOP, Lexicon, fold, word_keys
from ..language.tokens import words
from ..safety import holds_lock, safe_name
from ..textfiles import read_text, write_atomic
from .documents import Article, iter_corpus

__all__ = ["ACCEPT", "LEAD", "REVIEW", "PairProposal", "Pairing", "apply_pairs", "propose_pairs"]

ACCEPT = 0.20  # score from which a clear pair is written (bench/pair.py: no false one)
REVIEW = 0.12  # score from which a pair is worth a person's look
MARGIN = 0.05  # how far ahead of the next candidate a written pair must be
LEAD = 1.5  # or how many times the best other candidate, both ways, from LEAD_FLOOR up
LEAD_FLOOR = 0.15
_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ]{2,6}$")


@dataclass
class PairProposal:
    """A Spanish article and the English article it most likely translates into."""

    spanish: Article
    english: Article
    score: float
    evidence: str
    status: Literal["write", "review"] = "review"  # written at once, or for a person

    def row(self) -> dict[str, str]:
        return {
            "status": self.status, "score": f"{self.score:.3f}",
            "spanish": str(self.spanish.path), "english pair": self.english.pair,
            "spanish title": str(self.spanish.meta.get("title", "")),
            "english title": str(self.english.meta.get("title", "")),
            "evidence": self.evidence,
        }  # fmt: skip


@dataclass
class Pairing:
    """What ``propose_pairs`` found: the pairs, the Spanish articles left without English,
    and English articles that look made from a Spanish article already paired."""

    proposals: list[PairProposal] = field(default_factory=list)
    unpaired: list[Article] = field(default_factory=list)
    also: list[tuple[Article, Article, float]] = field(default_factory=list)
    linked: int = 0  # Spanish articles paired already


def _name(article: Article) -> str:
    return Path(article.path or "").name


def _text(article: Article, blocks: int | None = None) -> str:
    return "\n".join(b.text for b in article.blocks[:blocks] if b.kind != "comment")


def _bag(article: Article, lexicon: Lexicon, mt: str = "") -> Counter[str]:
    """The keys an article shares with its translation, counted."""
    bag: Counter[str] = Counter()
    lang = article.lang
    for w in words(_text(article)):
        if w[0].isdigit():
            digits = re.sub(r"\D", "", w)
            if len(digits) >= 2 or w[-1:] == "%":
                bag["#" + digits] += 1  # a number: 2.700 = 2,700
            continue
        if fold(w) in STOP[lang] or len(w) < 3:
            continue
        keys = lexicon.keys(w) if lang == "es" else word_keys(w)
        if _ACRONYM.match(w) or w[:1].isupper():
            keys = keys | {"=" + fold(w)}  # a name or an acronym, the same in both
        for k in keys:
            bag[k] += 1 / len(keys)
    for w in words(mt):
        if fold(w) not in STOP["en"] and len(w) >= 3 and not w[0].isdigit():
            for k in word_keys(w):
                bag["mt:" + k] += 1
    return bag


def _english_bag(article: Article, lexicon: Lexicon) -> Counter[str]:
    """An English article's keys, its title and opening also as "mt:" keys, to meet
    Apertium's English of the Spanish title and opening."""
    bag = _bag(article, lexicon)
    for w in words(_text(article, 4)):
        if fold(w) not in STOP["en"] and len(w) >= 3 and not w[0].isdigit():
            for k in word_keys(w):
                bag["mt:" + k] += 1
    return bag


def _date(article: Article) -> date | None:
    try:
        return date.fromisoformat(str(article.meta.get("date", "")))
    except ValueError:
        return None


def _nearness(es: Article, en: Article) -> float:
    """The English edition follows the Spanish: the same issue is the likeliest, a later one
    possible, an English article dated well before the Spanish one unlikely."""
    a, b = _date(es), _date(en)
    if str(es.meta.get("issue")) == str(en.meta.get("issue")):
        return 1.0
    if a and b:
        days = (b - a).days
        if days < -45:
            return 0.6
        return 0.9 if days <= 400 else 0.75
    return 0.85


def _matrix(bags: list[Counter[str]]) -> np.ndarray:
    """Tf-idf rows, L2-normalised: the cosine of two rows is their dot product."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    vocab = {k: i for i, k in enumerate(sorted(df))}
    n = len(bags)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1 for k in sorted(df)], dtype=np.float32)
    m = np.zeros((n, len(vocab)), dtype=np.float32)
    for r, bag in enumerate(bags):
        for k, c in bag.items():
            m[r, vocab[k]] = 1 + math.log(c) if c >= 1 else c
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-9)


def _numbers_agree(es_bag: Counter[str], en_bag: Counter[str]) -> bool:
    """A translation keeps the numbers: when both articles have three or more, most of the
    fewer side's are on the other (two statements on one event share a few, not most)."""
    a = {k for k in es_bag if k.startswith("#")}
    b = {k for k in en_bag if k.startswith("#")}
    if min(len(a), len(b)) < 3:
        return True
    return len(a & b) / min(len(a), len(b)) >= 0.75


def _evidence(es_bag: Counter[str], en_bag: Counter[str]) -> str:
    shared = es_bag.keys() & en_bag.keys()
    numbers = sorted(k[1:] for k in shared if k.startswith("#"))
    names = sorted(k[1:] for k in shared if k.startswith("="))
    mt = sum(1 for k in en_bag if ("mt:" + k) in es_bag)
    parts = []
    if numbers:
        parts.append("numbers " + " ".join(numbers[:6]))
    if names:
        parts.append("names " + " ".join(names[:6]))
    parts.append(f"{len(shared)} shared keys")
    if mt:
        parts.append(f"{mt} words of Apertium's title and opening")
    return "; ".join(parts)


def propose_pairs(
    corpus: str | Path,
    lexicon: Lexicon,
    translate=None,  # noqa: ANN001  (sentences -> English), Apertium when given
    accept: float = ACCEPT,
    review: float = REVIEW,
    rejected: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    settled: dict[str, str] | None = None,
) -> Pairing:
    """Propose an English article for every Spanish article of ``corpus`` that has none.
    ``rejected`` holds (Spanish file name, English pair id) pairs never to propose;
    ``settled`` maps Spanish file names to the English pair ids they are about to get."""
    settled = settled or {}
    spanish = list(iter_corpus(corpus, "es"))
    english = list(iter_corpus(corpus, "en"))
    en_ids = {a.pair for a in english}
    es_ids = {a.pair for a in spanish} | set(settled.values())
    alone_es = [a for a in spanish if a.pair not in en_ids and _name(a) not in settled]
    free_en = [a for a in english if a.pair not in es_ids]
    linked = len(spanish) - len(alone_es) - len(settled)
    if not alone_es:
        return Pairing(linked=linked)
    if not free_en:
        return Pairing(unpaired=alone_es, linked=linked)
    openings = [_text(a, 4) for a in alone_es]
    mts = translate(openings) if translate else [""] * len(alone_es)
    es_bags = [_bag(a, lexicon, mt) for a, mt in zip(alone_es, mts, strict=True)]
    en_bags = [_english_bag(a, lexicon) for a in free_en]
    m = _matrix(es_bags + en_bags)
    scores = m[: len(alone_es)] @ m[len(alone_es) :].T
    for i, es in enumerate(alone_es):
        for j, en in enumerate(free_en):
            rejected_pair = (_name(es), en.pair) in rejected
            scores[i, j] = 0.0 if rejected_pair else scores[i, j] * _nearness(es, en)
    found = _assign(alone_es, free_en, scores, es_bags, en_bags, accept, review)
    found.linked = linked
    return found


def _assign(alone_es, free_en, scores, es_bags, en_bags, accept, review) -> Pairing:  # noqa: ANN001
    """One English article per Spanish article, the best-scoring pairs first."""
    order = np.dstack(np.unravel_index(np.argsort(-scores, axis=None), scores.shape))[0]
    taken_es: set[int] = set()
    taken_en: set[int] = set()
    out = Pairing()
    for i, j in order.tolist():
        s = float(scores[i, j])
        if s < review:
            break
        if i in taken_es or j in taken_en:
            continue
        taken_es.add(i)
        taken_en.add(j)
        others = np.delete(scores[i], j)
        runner_up = float(others.max()) if others.size else 0.0
        rivals = np.delete(scores[:, j], i)  # the English article's other Spanish candidates
        rival = float(rivals.max()) if rivals.size else 0.0
        clear = _numbers_agree(es_bags[i], en_bags[j]) and (
            (s >= accept and s - runner_up >= MARGIN)
            or (s >= LEAD_FLOOR and s >= LEAD * max(runner_up, rival))
        )
        status = "write" if clear else "review"
        evidence = _evidence(es_bags[i], en_bags[j])
        if status == "review" and s - runner_up < MARGIN:
            evidence += f"; next candidate {runner_up:.3f}"
        out.proposals.append(PairProposal(alone_es[i], free_en[j], s, evidence, status))
    out.unpaired = [a for i, a in enumerate(alone_es) if i not in taken_es]
    # an English article left over that scores like a pair with a Spanish one already paired:
    # two English articles made from one Spanish article (reported, not written)
    for j, en in enumerate(free_en):
        if j in taken_en:
            continue
        i = int(np.argmax(scores[:, j]))
        if scores[i, j] >= accept and i in taken_es:
            out.also.append((alone_es[i], en, float(scores[i, j])))
    out.proposals.sort(key=lambda p: -p.score)
    return out


_PAIR_LINE = re.compile(r"^pair:.*$", re.M)


@holds_lock("corpus", "the corpus")
def apply_pairs(corpus: str | Path, proposals: list[PairProposal]) -> list[Path]:
    """Write each pair: the English article's pair id into the Spanish front matter (the
    English one holds it already). Everything is checked before anything is written: an id
    that already links another Spanish article, an article changed meanwhile."""
    spanish = {a.pair: a for a in iter_corpus(corpus, "es")}
    planned: dict[str, Path] = {}
    for p in proposals:
        target = safe_name(p.english.pair, "pair id")
        holder = spanish.get(target) or planned.get(target)
        if holder is not None and Path(getattr(holder, "path", holder)) != p.spanish.path:
            raise IwoError(
                f"pair id {target} already links {getattr(holder, 'path', holder)}: "
                "one English article, one Spanish article",
                p.spanish.path,
            )
        planned[target] = Path(p.spanish.path)
    written = []
    for p in proposals:
        path = Path(p.spanish.path)
        text = read_text(path)
        head, sep, rest = text.partition("\n---")
        if not _PAIR_LINE.search(head):
            raise IwoError("no pair: line in the front matter", path, 2)
        head = _PAIR_LINE.sub(f"pair: {p.english.pair}", head, count=1)
        write_atomic(path, head + sep + rest)
        written.append(path)
    return written
