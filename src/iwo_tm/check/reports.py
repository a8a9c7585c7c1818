"""The consistency report in the forms reviewers and tools read: HTML, JSON, CSV; and the
glossary proposed from the memory, as CSV and TBX."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from ..errors import IwoError
from ..page import page
from ..textfiles import write_atomic, write_spreadsheet
from .consistency import CHECKS, Finding, Report, prefer, read_glossary


def _rows(report: Report) -> list[dict]:
    out = []
    for n, f in enumerate(report.findings, 1):
        if f.variants:
            for v in f.variants:
                out.append(
                    {
                        "finding": n, "check": f.check, "spanish": f.key, "message": f.message,
                        "variant": v.text, "count": v.count, "where": " ".join(v.where),
                    }
                )  # fmt: skip
        else:
            u = f.unit
            out.append(
                {
                    "finding": n, "check": f.check, "spanish": u.source if u else f.key,
                    "message": f.message, "variant": u.target if u else "", "count": 1,
                    "where": (u.tuid or u.origin) if u else "",
                }
            )  # fmt: skip
    return out


def write_json(path: str | Path, report: Report) -> None:
    data = {"units": report.units, "counts": report.counts(), "findings": _rows(report)}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def write_csv(path: str | Path, report: Report) -> None:
    rows = _rows(report)
    buf = io.StringIO()
    fields = ["finding", "check", "spanish", "message", "variant", "count", "where"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_spreadsheet(path, buf.getvalue())


def _mark(text: str, part: str) -> str:
    """``text`` escaped, with ``part`` highlighted where it occurs."""
    k = text.lower().find(part.lower()) if part else -1
    if k < 0:
        return html.escape(text)
    return (
        html.escape(text[:k])
        + f"<mark>{html.escape(text[k : k + len(part)])}</mark>"
        + html.escape(text[k + len(part) :])
    )


def _article_link(pair: str, corpus_link: str) -> str:
    if not pair:
        return ""
    return (
        f' <a href="{html.escape(corpus_link)}/en/{html.escape(pair)}.md">{html.escape(pair)}</a>'
    )


def _finding_html(f: Finding, corpus_link: str) -> str:
    head = f"<h3>{html.escape(f.key)} <small>{html.escape(f.message)}</small></h3>"
    if not f.variants:
        u = f.unit
        body = (
            f"<table><tr><td lang='es'>{html.escape(u.source)}</td><td lang='en'>"
            f"{html.escape(u.target)}</td><td class='w'>{html.escape(u.tuid)}"
            f"{_article_link(u.pair, corpus_link)}</td></tr></table>"
            if u
            else ""
        )
        return f'<section class="f" data-check="{f.check}">{head}{body}</section>'
    cols = []
    for v in f.variants:
        examples = "".join(
            f"<li><span lang='en'>{_mark(x.target, v.text)}</span><br><span lang='es' class='es'>"
            f"{_mark(x.source, f.key)}</span><span class='w'>{_article_link(x.pair, corpus_link)}"
            "</span></li>"
            for x in v.examples
        )
        cols.append(
            f"<div class='v'><h4>{html.escape(v.text)} <span class='n'>{v.count}x</span></h4>"
            f"<ul>{examples}</ul></div>"
        )
    variants = "".join(cols)
    section = f'<section class="f" data-check="{f.check}">'
    return f'{section}{head}<div class="vs">{variants}</div></section>'


def write_html(path: str | Path, report: Report, corpus_link: str = "../corpus") -> None:
    counts = report.counts()
    summary = "".join(
        f"<tr><td>{html.escape(CHECKS[c])} <code>{c}</code></td><td>{n}</td></tr>"
        for c, n in counts.items()
    )
    sections = []
    for check in report.checks:
        items = [f for f in report.findings if f.check == check]
        if items:
            sections.append(f"<h2>{html.escape(CHECKS[check])} ({len(items)})</h2>")
            sections.extend(_finding_html(f, corpus_link) for f in items)
    style = """body { max-width: 75em; }
td { padding: .3em .6em; border-bottom: 1px solid #ddd; }
section.f { border-top: 1px solid #ccc; padding: .4em 0; }
h3 small { color: #777; font-weight: normal; }
.vs { display: flex; gap: 1em; } .v { flex: 1; background: #f6f6f6; padding: .2em .8em; }
.v h4 { margin: .3em 0; } .n { color: #a00; } .es { color: #555; font-size: 90%; }
.w { color: #777; font-size: 85%; } mark { background: #ffe066; }"""
    content = f"""<h1>Consistency report</h1>
<p>{report.units} units checked.</p>
<table>{summary}</table>
<p><input id="q" placeholder="Filter: a term, a word, an article..." oninput="filter()"></p>
{"".join(sections) or "<p>Nothing to report.</p>"}"""
    write_atomic(path, page("iwo-tm: consistency report", style, content, "section.f"))


def write_glossary_csv(path: str | Path, terms: Sequence[tuple]) -> None:
    """A glossary as CSV: (spanish, english), or with the units and consistency ``terms``
    proposes; it reads back with ``read_glossary``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    full = all(len(t) == 4 for t in terms) and terms
    writer.writerow(
        ["spanish", "english", "units", "consistency"] if full else ["spanish", "english"]
    )
    for t in terms:
        writer.writerow([t[0], t[1], t[2], f"{t[3]:.2f}"] if full else [t[0], t[1]])
    write_spreadsheet(path, buf.getvalue())


def write_tbx(path: str | Path, terms: Sequence[tuple[str, str, int, float]]) -> None:
    """TBX-Basic (ISO 30042) with one concept per term pair."""
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = etree.Element("martif", type="TBX-Basic", nsmap=None)
    root.set(xml_lang, "en")
    header = etree.SubElement(root, "martifHeader")
    desc = etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc")
    etree.SubElement(desc, "p").text = "Proposed by iwo-tm from the translation memory"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for k, (es, en, n, share) in enumerate(terms, 1):
        entry = etree.SubElement(body, "termEntry", id=f"t{k}")
        note = etree.SubElement(entry, "note")
        note.text = f"{n} units, {share:.0%} rendered so"
        for lang, term in (("es", es), ("en", en)):
            lang_set = etree.SubElement(entry, "langSet")
            lang_set.set(xml_lang, lang)
            etree.SubElement(etree.SubElement(lang_set, "tig"), "term").text = term
    write_atomic(
        path, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )


def writable_glossary(glossary: Path) -> None:
    """Preferences are written as CSV: a TBX or TMX glossary is refused, never rewritten."""
    if glossary.suffix.lower() not in (".csv", ".tsv"):
        raise IwoError("--prefer writes a CSV glossary: give --glossary FILE.csv", glossary)


def prefer_in_glossary(glossary: Path, choices: Sequence[str]) -> int:
    """Write each ``ES=EN`` choice into the CSV glossary as the preferred rendering (the file
    is created if need be); returns how many terms the glossary holds."""
    writable_glossary(glossary)
    entries = read_glossary(glossary) if glossary.exists() else []
    entries = prefer(entries, choices)
    write_glossary_csv(glossary, entries)
    return len(entries)
