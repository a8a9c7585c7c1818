"""Phrase-pinned machine translation: the memory's phrases kept out of Apertium's hands.

A segment the memory has no usable match for is machine-translated, but the spans the team
already translates one way (a glossary term, a slogan, an organisation's name, a set phrase
the memory renders consistently) are *pinned*: each is replaced by a placeholder Apertium
passes through as an unknown word, and after translation the placeholder becomes the
memory's English. Apertium still translates the words around it in context, with its word
order and agreement. The other way, translating the pieces between the pins one by one and
joining them, is kept for comparison (``bench/suggest.py`` measures both).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..language.lexicon import STOP
from ..language.tokens import match_word_spans

__all__ = ["Pin", "choose_pins", "make_pin", "translate_pinned"]

PLACEHOLDER = "Zq{}"  # an unknown word to Apertium: it comes back untouched, in its place
_PLACEHOLDER = re.compile(r"\bZq(\d+)\b")
_EDGE_PUNCT = " \t\"'“”«»‘’¡!¿?.,;:()"


@dataclass
class Pin:
    """Words [start, end) of a segment (its characters [char_start, char_end)) and the English
    put in their place."""

    start: int
    end: int
    char_start: int
    char_end: int
    source: str
    target: str
    how: str  # glossary, memory
    support: int = 0  # units that render it so
    read: int = 0  # units that render it at all


def choose_pins(text: str, candidates: Sequence[Pin]) -> list[Pin]:
    """Non-overlapping pins, glossary terms first, then phrases the memory has more than once,
    the longest first; in text order."""
    ranked = sorted(
        candidates,
        key=lambda p: (p.how != "glossary", p.how != "glossary" and p.read < 2, p.start - p.end),
    )
    taken: set[int] = set()
    out = []
    for p in ranked:
        span = set(range(p.start, p.end))
        if span & taken:
            continue
        taken |= span
        out.append(p)
    return sorted(out, key=lambda p: p.start)


def make_pin(text: str, start: int, end: int, target: str, how: str, **counts: int) -> Pin:
    """A pin over words [start, end) of ``text``; the English loses the edge punctuation a
    whole slogan unit carries ("Out with Boluarte!" pinned inside a longer sentence)."""
    spans = match_word_spans(text)
    a, b = spans[start][1], spans[end - 1][2]
    english = target.strip(_EDGE_PUNCT)
    source = text[a:b]
    if source.isupper():  # a slogan in capitals stays in capitals
        english = english.upper()
    elif english.isupper() and len(english) > 4:  # a slogan's capitals, for a name in a sentence
        content = [w for w, _, _ in match_word_spans(source) if w.lower() not in STOP["es"]]
        names = bool(content) and all(w[:1].isupper() for w in content)
        english = " ".join(
            w.capitalize() if names and w.lower() not in STOP["en"] else w.lower()
            for w in english.split()
        )
    elif how == "memory" and _title_case(english, "en", 2) and not _title_case(source, "es", 1):
        english = _sentence_case(english, source)  # a glossary's English is never touched
    return Pin(start, end, a, b, text[a:b], english, how, **counts)


def _title_case(text: str, lang: str, least: int) -> bool:
    """At least ``least`` content words, every one capitalised: a headline's way of writing."""
    content = [w for w, _, _ in match_word_spans(text) if w.lower() not in STOP[lang]]
    return len(content) >= least and all(w[:1].isupper() for w in content)


def _sentence_case(english: str, source: str) -> str:
    """A headline's capitals taken off the words the Spanish writes in small letters ("masacre
    de Juliaca": "Massacre of Juliaca", from a headline, becomes "massacre of Juliaca"); a word
    whose Spanish is capitalised (a name), or in capitals (an acronym), keeps its case."""
    names = {w.lower()[:4] for w, _, _ in match_word_spans(source) if w[:1].isupper()}
    out = []
    for w in english.split(" "):
        title = w[:1].isupper() and w[1:].islower()
        out.append(w.lower() if title and w.lower()[:4] not in names else w)
    return " ".join(out)


def protect(text: str, pins: Sequence[Pin]) -> str:
    """``text`` with each pin's words replaced by its placeholder."""
    out = text
    for k, p in sorted(enumerate(pins), key=lambda x: -x[1].char_start):
        out = out[: p.char_start] + PLACEHOLDER.format(k) + out[p.char_end :]
    return out


def restore(translated: str, pins: Sequence[Pin]) -> str | None:
    """Apertium's output with the placeholders replaced by the pinned English; None if one was
    lost or doubled on the way."""
    found = [int(m.group(1)) for m in _PLACEHOLDER.finditer(translated)]
    if sorted(found) != list(range(len(pins))):
        return None

    def put(m: re.Match[str]) -> str:
        pin = pins[int(m.group(1))]
        english = pin.target
        if m.start() == 0 or translated[: m.start()].strip(_EDGE_PUNCT) == "":
            english = english[:1].upper() + english[1:]
        return english

    out = _PLACEHOLDER.sub(put, translated)
    # Apertium capitalises the first word it knows when the sentence opens with one it does
    # not ("Zq0 In Puno"): a function word after a pin at the start is lowered again
    if found and translated.lstrip(_EDGE_PUNCT).startswith(PLACEHOLDER.format(found[0])):
        head = pins[found[0]].target
        at = out.find(head[1:]) + len(head) - 1 if head else -1
        rest = out[at:].lstrip() if at >= 0 else ""
        word = rest.split(" ", 1)[0]
        if word[:1].isupper() and word[1:].islower() and word.lower() in STOP["en"]:
            out = out[:at] + out[at:].replace(word, word.lower(), 1)
    return out


Post = Callable[[str], "tuple[str, list]"]  # machine translation -> (edited, rules used)


def translate_pinned(
    items: Sequence[tuple[str, Sequence[Pin]]],
    translate: Callable[[list[str]], list[str]],
    method: str = "placeholder",
    post: Post | None = None,
) -> list[tuple[str, list]]:
    """Many segments in one call of the machine translation, each with the post-editing rules
    (``post``) applied to Apertium's words only, never to a pinned phrase. ``placeholder``:
    each segment whole, pins replaced by placeholders; ``pieces``: the text between pins
    translated piece by piece and joined. A segment whose placeholders do not come back is
    translated in pieces. Returns each draft with the rules that were applied to it."""
    post = post or (lambda text: (text, []))
    out: list[tuple[str, list] | None] = [None] * len(items)
    if method == "placeholder":
        lines = [protect(text, pins) for text, pins in items]
        for k, done in enumerate(translate(lines)):
            edited, used = post(done)
            restored = restore(edited, items[k][1])
            out[k] = (restored, used) if restored is not None else None
    todo = [k for k, v in enumerate(out) if v is None]
    for k, draft in zip(todo, _in_pieces([items[k] for k in todo], translate, post), strict=True):
        out[k] = draft
    return [v or ("", []) for v in out]


def _in_pieces(
    items: Sequence[tuple[str, Sequence[Pin]]], translate: Callable, post: Post
) -> list[tuple[str, list]]:
    """The text between the pins translated piece by piece (in one call), and joined."""
    pieces: list[list[str | Pin]] = []
    for text, pins in items:
        parts: list[str | Pin] = []
        pos = 0
        for p in pins:
            parts += [text[pos : p.char_start], p]
            pos = p.char_end
        parts.append(text[pos:])
        pieces.append(parts)
    requests = [x for parts in pieces for x in parts if isinstance(x, str) and _has_words(x)]
    done = iter(translate(requests)) if requests else iter(())
    out = []
    for parts in pieces:
        joined, used = [], []
        for x in parts:
            if isinstance(x, Pin):
                joined.append(x.target)
            elif _has_words(x):
                edited, rules = post(next(done).strip())
                joined.append(edited)
                used += rules
            else:
                joined.append(x.strip())
        text = " ".join(j for j in joined if j)
        text = re.sub(r" +([,.;:!?)\]»”])", r"\1", text)
        text = re.sub(r"([¡¿(«“]) +", r"\1", text).replace("¡", "").replace("¿", "")
        out.append((text[:1].upper() + text[1:], used))
    return out


def _has_words(text: str) -> bool:
    return bool(match_word_spans(text))
