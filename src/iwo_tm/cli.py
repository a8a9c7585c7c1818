"""The ``iwo-tm`` command: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

import functools
import json
import logging
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from . import __version__
from .check.ids import CHECKS
from .errors import IwoError
from .safety import guard_output, locked

CORPUS = Path("corpus")  # where articles live unless --corpus says otherwise


class Share(click.FloatRange):
    """A number from 0 to 1; "nan" and "inf", which every comparison lets through, are not."""

    name = "share"

    def __init__(self) -> None:
        super().__init__(0, 1)

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


class Day(click.DateTime):
    """A calendar day, YYYY-MM-DD (or YYYYMMDD), compared as a date, never as text."""

    name = "day"

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d", "%Y%m%d"])

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"{value!r} is not a day (YYYY-MM-DD)", param, ctx)


DATE = Day()
CORPUS_OPTION = click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="Folder with es/ and en/ articles.",
)


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's errors into one line on stderr and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except IwoError as exc:
            click.echo(f"iwo-tm: error: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:  # output piped into head: not an error
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"iwo-tm: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper


class _Quiet:
    """Stands in for a progress bar when stderr is not a terminal (logs, pipes, tests)."""

    length = 1
    pos = 0

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        self.pos += n


def progress(label: str, length: int) -> Any:
    """click's progress bar on a terminal, nothing otherwise (errors stay one line)."""
    if sys.stderr.isatty():
        return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)
    return _Quiet()


def echo_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], left: int = 1, align: str = ""
) -> None:
    """Columns as wide as their widest cell, so a long article id does not push its row out
    of line; the first ``left`` columns (names) are aligned left, the rest (counts) right, or
    as ``align`` says column by column (``l`` or ``r``)."""
    cells = [list(header), *([str(c) for c in row] for row in rows)]
    widths = [max(map(len, col)) for col in zip(*cells, strict=True)]
    align = align or "l" * left + "r" * (len(widths) - left)
    for row in cells:
        line = " ".join(
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        )
        click.echo(line.rstrip())


class OneLineErrors(click.Group):
    """click's usage errors (an unknown option, a value that is not a number) as the one line
    every other error is: ``iwo-tm: error: ...``, exit code 2, no usage block above it."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # "iwo-tm" alone: the help
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(0)
        except click.UsageError as exc:
            where = f"{exc.ctx.command_path}: " if exc.ctx else ""
            hint = " (see --help)" if exc.ctx else ""
            click.echo(f"iwo-tm: error: {where}{exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("iwo-tm: stopped", err=True)
            sys.exit(130)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"iwo-tm: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iwo-tm")
def main() -> None:
    """Translation memory for the International Workers Organizer.

    \b
    Typical day:
      iwo-tm import-issue ISSUE.md      split a converted issue into articles (corpus/en)
      iwo-tm pair                       pair Spanish articles with their English ones
      iwo-tm corpus                     list the articles and which have a counterpart
      iwo-tm segment ARTICLE.md         show how a text is cut into sentences
      iwo-tm align                      align the corpus into the memory (tmx/)
      iwo-tm accept                     apply the decisions made in tmx/review.tsv
      iwo-tm suggest NEW.md             pre-fill a new Spanish text from the memory (PO)
      iwo-tm analyse NEW.md             how much of a new text the memory already covers
      iwo-tm post-edits                 the edits learnt from the memory, to switch off
      iwo-tm merge NEW.po               the finished translation back into the memory
      iwo-tm check --html report.html   where the English drifts, for reviewers
      iwo-tm serve                      review and settle findings in the browser
      iwo-tm terms --tbx glossary.tbx   a glossary proposed from the memory
      iwo-tm export --for omegat M.tmx  the memory for a CAT tool
      iwo-tm import FILE.tmx            a CAT tool's memory into ours
    """
    # what the library notices (a cache rebuilt, say) is one line on stderr, in plain words
    logging.basicConfig(format="iwo-tm: notice: %(message)s", level=logging.WARNING)


@main.command("import-issue")
@click.argument("issue_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["auto", "en", "es"]),
    default="auto",
    show_default=True,
    help="Language of the issues (auto: the language each one reads as).",
)
@click.option("--issue", "issue_no", help="Issue number, if the masthead lacks it.")
@click.option("--date", "issue_date", help="Issue date YYYY-MM-DD, if the masthead lacks it.")
@CORPUS_OPTION
@click.option("--dry-run", is_flag=True, help="Show the articles found, write nothing.")
@click.option("--force", is_flag=True, help="Replace articles import-issue did not write.")
@friendly
def import_issue_cmd(
    issue_files: tuple[Path, ...],
    lang: str,
    issue_no: str | None,
    issue_date: str | None,
    corpus: Path,
    dry_run: bool,
    force: bool,
) -> None:
    """Split issues converted from PDF to Markdown into one file per article.

    Repairs what conversion leaves behind (words hyphenated across columns, sentences cut by
    captions and page jumps), drops page furniture, keeps captions marked as captions, and
    writes corpus/LANG/PAIR-ID.md with a front matter. Every issue is read before anything
    is written; an article paired since an earlier import keeps its pair.
    """
    from .corpus.issue_import import import_issue, write_articles

    if len(issue_files) > 1 and (issue_no or issue_date):
        raise click.UsageError("--issue and --date are for one issue file at a time")
    results = [import_issue(f, lang, issue_no, issue_date) for f in issue_files]
    for result in results:
        rows = [
            (a.meta["pair"], a.meta["date"], a.meta["section"], len(a.blocks))
            for a in result.articles
        ]
        echo_table(("pair", "date", "section", "blocks"), rows, left=3)
        click.echo(
            f"issue {result.issue} ({result.issue_date}, {result.lang}): "
            f"{len(result.articles)} articles, {result.joined} broken lines repaired, "
            f"{result.dropped} furniture blocks left out"
        )
    if not dry_run:
        for result in results:
            written = write_articles(result, corpus, force)
            click.echo(f"wrote {len(written.paths)} files to {corpus / result.lang}")
            for path in written.stale:
                click.echo(
                    f"{path}: imported from this issue before, not in it now (remove it if it "
                    "is outdated)"
                )


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    help="Language (default: front matter, else guessed).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True
)
@friendly
def segment(file: Path, lang: str | None, fmt: str) -> None:
    """Cut a Markdown text into segments (sentences, headings, slogans, captions).

    In the text format each line starts with a mark: H heading, B bold slogan,
    C caption, L list item, and a blank mark for an ordinary sentence.
    """
    from .corpus.documents import read_article_text
    from .corpus.segmentation import segment_markdown

    lang, segs = segment_markdown(read_article_text(file), lang, str(file))
    if fmt == "json":
        click.echo(json.dumps([s.__dict__ for s in segs], ensure_ascii=False, indent=1))
        return
    for n, s in enumerate(segs, 1):
        mark = {"heading": "H", "caption": "C", "list": "L"}.get(s.kind, "B" if s.bold else " ")
        if fmt == "tsv":
            click.echo(f"{n}\t{s.kind}\t{int(s.bold)}\t{s.block}\t{s.text}")
        else:
            click.echo(f"{mark} {s.text}")


@main.command()
@CORPUS_OPTION
@friendly
def corpus(corpus: Path) -> None:
    """List the articles of the corpus, their segments, and which lack a counterpart."""
    from .corpus.documents import load_pairs
    from .corpus.segmentation import segment_article

    pairs, alone = load_pairs(corpus)
    rows = [(es.pair, len(segment_article(es)), len(segment_article(en))) for es, en in pairs]
    echo_table(("pair", "es seg", "en seg"), rows)
    n_es, n_en = sum(r[1] for r in rows), sum(r[2] for r in rows)
    click.echo(f"{len(pairs)} pairs, {n_es} Spanish and {n_en} English segments")
    for art in alone:
        click.echo(f"no counterpart: {art.path} ({art.lang})")


TMX_DIR_OPTION = click.option(
    "--tmx-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tmx"),
    show_default=True,
    help="Folder of the memory.",
)


def mt_option(purpose: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--mt auto|yes|no``: whether Apertium is used (auto: if installed), and for what."""
    return click.option(
        "--mt", type=click.Choice(["auto", "yes", "no"]), default="auto", show_default=True,
        help=f"{purpose} (auto: if installed).",
    )  # fmt: skip


MT_OPTION = mt_option("Use Apertium's Spanish->English translation as evidence")
DRAFT_MT_OPTION = mt_option("Apertium for what the memory cannot draft, marked as MT")
GLOSSARY_OPTION = click.option(
    "--glossary",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Required renderings (CSV or TBX), always used; default glossary.csv if present.",
)
DICT_OPTION = click.option(
    "--no-dictionary", is_flag=True, help="Do not use the dict-freedict-spa-eng dictionary."
)


@main.command()
@CORPUS_OPTION
@TMX_DIR_OPTION
@click.option(
    "--threshold",
    type=Share(),
    default=0.5,
    show_default=True,
    help="Units below this confidence are held for review instead of entering the memory.",
)
@MT_OPTION
@DICT_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only the totals.")
@friendly
def align(
    corpus: Path, tmx_dir: Path, threshold: float, mt: str, no_dictionary: bool, quiet: bool
) -> None:
    """Align every Spanish/English article pair into the memory (tmx/corpus.tmx).

    Doubtful pairs go to tmx/review.html (to read) and tmx/review.tsv (to decide in, then
    run iwo-tm accept). Decisions already written in tmx/review.tsv are taken first.
    """
    from .align.corpus_alignment import align_corpus
    from .corpus.documents import load_pairs

    pairs, alone = load_pairs(corpus)
    with progress("Aligning", len(pairs)) as bar:
        result = align_corpus(
            pairs, alone, tmx_dir, threshold, mt, not no_dictionary, lambda _pair: bar.update(1)
        )
    if not quiet:
        echo_table(
            ("article", "es seg", "en seg", "units", "held", "es unaligned", "en unaligned"),
            [(r.pair, r.es_sentences, r.en_sentences, r.written, r.held, r.unaligned_es,
              r.unaligned_en) for r in result.reports],
        )  # fmt: skip
        for art in result.alone:
            click.echo(f"no counterpart, not aligned: {art.path}")
    click.echo(f"signals: {', '.join(result.signals)}")
    if result.taken:
        accepted = result.taken.count("accept")
        click.echo(
            f"taken from {result.outputs[1]}: {accepted} accepted, "
            f"{len(result.taken) - accepted} rejected (kept in the decisions file)"
        )
    held = len(result.held)
    click.echo(
        f"{len(result.reports)} article pairs: {len(result.units)} units written to "
        f"{result.outputs[0]}, {held} held for review"
        + (f" (read {result.outputs[2]}, decide in {result.outputs[1]})" if held else "")
    )


@main.command()
@TMX_DIR_OPTION
@click.argument("review_file", required=False, type=click.Path(path_type=Path))
@friendly
def accept(tmx_dir: Path, review_file: Path | None) -> None:
    """Apply the decisions written in the review file (default tmx/review.tsv).

    Rows marked accept join the memory now (with the English as corrected in the file);
    rows marked reject are left out; both are remembered by the next iwo-tm align.
    """
    from .align.corpus_alignment import accept_review

    r = accept_review(tmx_dir, review_file)
    click.echo(f"{r.accepted} accepted, {r.rejected} rejected, {r.undecided} still to review")


@main.command()
@TMX_DIR_OPTION
@click.option(
    "--glossary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("glossary.csv"),
    show_default=True,
    help="Where preferred renderings are written (CSV).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Default: a free port.")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@friendly
def serve(tmx_dir: Path, glossary: Path, port: int, no_browser: bool) -> None:
    """Review in the browser: the findings and the held alignments, each with its buttons
    (prefer a rendering, fix a unit's English, not a divergence; accept or reject). The page
    is served on this machine only (127.0.0.1); stop it with Ctrl-C."""
    import webbrowser

    from .server import serve as serve_page

    def ready(url: str) -> None:
        click.echo(f"review page: {url}  (Ctrl-C to stop)")
        sys.stdout.flush()  # the address must reach a pipe at once, not with the buffer
        if not no_browser:
            webbrowser.open(url)

    try:
        serve_page(tmx_dir, glossary, port, ready)
    except KeyboardInterrupt:
        click.echo("stopped")
    except OSError as exc:
        raise IwoError(f"cannot serve on port {port}: {exc.strerror or exc}") from None


@main.command()
@CORPUS_OPTION
@TMX_DIR_OPTION
@click.option("--dry-run", is_flag=True, help="Print the proposed pairs; write nothing.")
@click.option("--accept", "accept_decisions", is_flag=True,
              help="Apply the decisions written in tmx/pair-review.tsv.")  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True
)
@click.option("--mt", type=click.Choice(["auto", "yes", "no"]), default="auto", show_default=True,
              help="Compare Apertium's English of each Spanish opening too.")  # fmt: skip
@friendly
def pair(
    corpus: Path, tmx_dir: Path, dry_run: bool, accept_decisions: bool, fmt: str, mt: str
) -> None:
    """Pair each Spanish article that has no counterpart with its English article (of any
    issue): numbers, names, the dictionary, Apertium, dates. Clear pairs are written into the
    Spanish front matter; doubtful ones go to tmx/pair-review.tsv for a person to decide."""
    from .corpus.pair_review import accept_pairs, pair_corpus, pairing_table
    from .language.lexicon import load_freedict
    from .language.machine_translation import Translator, use_mt

    if accept_decisions:
        accepted, rejected, left = accept_pairs(corpus, tmx_dir)
        click.echo(f"{accepted} pairs accepted, {rejected} rejected, {left} still to decide")
        return
    translate = Translator().translate if use_mt(mt) else None
    found, written, review = pair_corpus(corpus, tmx_dir, load_freedict(), translate, dry_run)
    table = pairing_table(found, fmt)
    if table:
        click.echo(table)
    if fmt == "text":
        doubtful = sum(p.status == "review" for p in found.proposals)
        click.echo(
            f"{found.linked} Spanish articles paired before; "
            f"{len(found.proposals)} pairs proposed"
            + ("" if dry_run else f": {len(written)} written, {doubtful} to decide"
               + (f" in {review[0]} (then iwo-tm pair --accept)" if doubtful else ""))
            + f"; {len(found.unpaired)} Spanish articles with no English"
        )  # fmt: skip


@main.command("align-files")
@click.argument("es_file", type=click.Path(path_type=Path))
@click.argument("en_file", type=click.Path(path_type=Path))
@click.option("--presegmented", is_flag=True, help="One segment per line; nothing is re-split.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv", "beads", "tmx"]),
    default="text",
    show_default=True,
    help="beads: Vecalign's gold format, one bead per line, e.g. [1, 2]:[1].",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@MT_OPTION
@DICT_OPTION
@friendly
def align_files_cmd(
    es_file: Path,
    en_file: Path,
    presegmented: bool,
    fmt: str,
    output: Path | None,
    mt: str,
    no_dictionary: bool,
) -> None:
    """Align a Spanish text with its English translation, without touching the memory."""
    from .align.corpus_alignment import align_files, alignment_text, file_units
    from .formats.tmx import make_header, write_tmx
    from .textfiles import write_atomic

    if fmt == "tmx" and output is None:  # before the alignment, not after it
        raise click.UsageError("--format tmx needs --output FILE")
    if output:
        guard_output(output, [es_file, en_file], Path("tmx"), CORPUS)
    es, en, al = align_files(es_file, en_file, presegmented, mt, not no_dictionary)
    if fmt == "tmx":
        units = file_units(es_file, es, en, al)
        write_tmx(output, units, make_header())
        click.echo(f"{len(units)} units written to {output}")
        return
    text = alignment_text(es, en, al, fmt)
    if output:
        write_atomic(output, text)
        click.echo(f"{len(al.beads)} beads written to {output}")
    else:
        click.echo(text, nl=False)
    click.echo(f"signals: {', '.join(al.signals)}", err=True)


@main.command("score-align")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("test", type=click.Path(path_type=Path))
@friendly
def score_align(gold: Path, test: Path) -> None:
    """Strict and lax precision, recall and F1 of TEST beads against GOLD (Vecalign's scorer)."""
    from .formats.beads import read_beads, score

    s = score([(read_beads(gold), read_beads(test))])
    rows = [
        ("precision", f"{s.precision_strict:.3f}", f"{s.precision_lax:.3f}"),
        ("recall", f"{s.recall_strict:.3f}", f"{s.recall_lax:.3f}"),
        ("F1", f"{s.f1_strict:.3f}", f"{s.f1_lax:.3f}"),
    ]
    echo_table(["", "strict", "lax"], rows)


TM_OPTION = click.option(
    "--tm",
    "tm",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A TMX file to use instead of every tmx/*.tmx (repeatable).",
)


@main.command()
@click.argument("text", type=click.Path(path_type=Path))
@TMX_DIR_OPTION
@TM_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["po", "xliff", "md"]),
    default="po",
    show_default=True,
    help="po for Poedit, xliff for CAT tools, md to read (plus an English .en.md draft).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Where.")
@click.option(
    "--threshold",
    type=click.IntRange(0, 100),
    default=75,
    show_default=True,
    help="Lowest match percentage offered.",
)
@click.option("--matches", "n", type=click.IntRange(1, 20), default=3, show_default=True)
@DRAFT_MT_OPTION
@GLOSSARY_OPTION
@click.option("--no-repair", is_flag=True, help="Do not patch fuzzy matches where they differ.")
@click.option("--no-pin", is_flag=True, help="Do not keep the memory's phrases inside MT.")
@click.option(
    "--no-post-edit", is_flag=True, help="Do not apply the edits learnt from the memory to MT."
)
@friendly
def suggest(
    text: Path,
    tmx_dir: Path,
    tm: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    threshold: int,
    n: int,
    mt: str,
    glossary: Path | None,
    no_repair: bool,
    no_pin: bool,
    no_post_edit: bool,
) -> None:
    """Pre-fill a new Spanish text with the memory's translations.

    Whole-segment matches with their percentage (101% = context match, numbers adapted),
    fuzzy matches repaired where they differ, machine translation with the memory's phrases
    kept in place and the team's usual edits applied; each segment says how it was made.
    """
    from .suggest import drafts
    from .suggest.suggestion import ORIGIN_NAMES, DraftOptions, analyse, words_by_origin

    options = DraftOptions(repair=not no_repair, pin=not no_pin, post_edit=not no_post_edit)
    suffix = {"po": ".po", "xliff": ".xlf", "md": ".draft.md"}[fmt]
    out = output or text.with_name(text.name.removesuffix(".md") + suffix)
    for path in [out] + ([drafts.english_path(out)] if fmt == "md" else []):
        guard_output(path, [text, *tm, *([glossary] if glossary else [])], tmx_dir, CORPUS)
    job = _drafting(text, tmx_dir, tm, mt, glossary, threshold, n, options)
    result = job.suggestions
    if fmt == "po":
        written = [drafts.write_po(out, result, text)]
    elif fmt == "xliff":
        written = [drafts.write_xliff(out, result, text)]
    else:
        written = drafts.write_markdown(out, result, text)
    frags = sum(len(s.fragments) for s in result)
    click.echo(
        f"{len(result)} segments, {len(job.index.units)} memory units in "
        f"{', '.join(f.name for f in job.files)}; {frags} slogans and phrases found inside "
        f"sentences{job.notes}"
    )
    bands = [(b.name, b.segments, b.words) for b in analyse(result) if b.segments]
    echo_table(["match", "segments", "words"], bands)
    by_origin = words_by_origin(result)
    click.echo(
        "words drafted by: "
        + ", ".join(f"{ORIGIN_NAMES[k]} {v}" for k, v in by_origin.items() if v)
    )
    click.echo("wrote " + ", ".join(str(p) for p in written))


@dataclass
class _Drafting:
    suggestions: list
    index: Any
    files: list[Path]
    notes: str


def _drafting(
    text: Path,
    tmx_dir: Path,
    tm: tuple[Path, ...],
    mt: str,
    glossary: Path | None,
    threshold: int,
    n: int,
    options: Any,
) -> _Drafting:
    """Everything suggest and analyse share: the text, the memory, the glossary, Apertium,
    the post-editing rules, and the drafts."""
    from .check.consistency import read_glossary
    from .language.lexicon import load_freedict
    from .language.machine_translation import Translator, use_mt
    from .suggest.phrases import PhraseFinder
    from .suggest.suggestion import load_index, load_rules, read_new_text
    from .suggest.suggestion import suggest as run

    segs = read_new_text(text)
    index, files = load_index(tmx_dir, tm)
    notes = ""
    if glossary is None and Path("glossary.csv").is_file():
        glossary = Path("glossary.csv")
    terms = read_glossary(glossary) if glossary else []
    if glossary:
        notes += f"; glossary {glossary}: {len(terms)} terms"
    translate = Translator().translate_marked if use_mt(mt) else None
    phrases = PhraseFinder(index, load_freedict())
    rules = []
    if translate is not None and options.post_edit:
        rules = load_rules(tmx_dir, phrases, files, translate)
        off = sum(1 for r in rules if not r.on)
        notes += f"; {len(rules)} post-editing rules" + (f" ({off} switched off)" if off else "")
    if translate is None:
        notes += "; no machine translation"
    result = run(
        segs, index, threshold, n, translate, phrases,
        glossary=terms, rules=rules, options=options,
    )  # fmt: skip
    return _Drafting(result, index, files, notes)


@main.command()
@click.argument("text", type=click.Path(path_type=Path))
@TMX_DIR_OPTION
@TM_OPTION
@DRAFT_MT_OPTION
@GLOSSARY_OPTION
@friendly
def analyse(
    text: Path, tmx_dir: Path, tm: tuple[Path, ...], mt: str, glossary: Path | None
) -> None:
    """Leverage analysis before a job: segments and words per match band, and the words the
    draft would take from the memory, repaired matches, pinned phrases and MT."""
    from .suggest.suggestion import ORIGIN_NAMES, DraftOptions, words_by_origin
    from .suggest.suggestion import analyse as bands

    job = _drafting(text, tmx_dir, tm, mt, glossary, 50, 1, DraftOptions())
    rows = bands(job.suggestions)
    total_s = sum(b.segments for b in rows)
    total_w = sum(b.words for b in rows)

    def share(words: int) -> str:
        return f"{100 * words / total_w if total_w else 0:.1f}%"

    table = [(b.name, b.segments, b.words, share(b.words)) for b in rows]
    echo_table(["band", "segments", "words", "% words"], [*table, ("total", total_s, total_w, "")])
    click.echo("")
    origins = words_by_origin(job.suggestions).items()
    table = [(ORIGIN_NAMES[key], count, share(count)) for key, count in origins]
    echo_table(["draft made by", "words", "% words"], table)


@main.command("post-edits")
@TMX_DIR_OPTION
@TM_OPTION
@click.option("--off", "off", multiple=True, type=click.IntRange(1), help="Switch rule N off.")
@click.option("--on", "on", multiple=True, type=click.IntRange(1), help="Switch rule N on again.")
@click.option("--show", type=click.IntRange(0), default=40, show_default=True, help="Rules listed.")
@friendly
def post_edits(
    tmx_dir: Path, tm: tuple[Path, ...], off: tuple[int, ...], on: tuple[int, ...], show: int
) -> None:
    """The edits learnt from the memory that suggest applies to Apertium's English, numbered;
    --off N switches one off (remembered in tmx/post-edits.tsv, where any can be edited)."""
    from .language.lexicon import load_freedict
    from .language.machine_translation import Translator, use_mt
    from .suggest.phrases import PhraseFinder
    from .suggest.post_edit import SWITCH_FILE, write_switches
    from .suggest.suggestion import load_index, load_rules

    use_mt("yes")  # the rules are learnt from Apertium's output: an error without it
    index, files = load_index(tmx_dir, tm)
    phrases = PhraseFinder(index, load_freedict())
    rules = load_rules(tmx_dir, phrases, files, Translator().translate_marked)
    for numbers, state in ((off, False), (on, True)):
        for k in numbers:
            if k > len(rules):
                raise IwoError(f"there is no rule {k}: {len(rules)} rules were learnt")
            rules[k - 1].on = state
    if off or on:
        with locked(tmx_dir):
            write_switches(tmx_dir / SWITCH_FILE, rules)
    rows = [
        (k, "on" if r.on else "off", r.mt, r.english, f"{r.helped}/{r.seen}")
        for k, r in enumerate(rules, 1)
    ]
    echo_table(["#", "use", "Apertium", "the team's English", "units"], rows[:show], left=4)
    if len(rows) > show:
        click.echo(f"... {len(rows) - show} more (--show {len(rows)})")
    if off or on:
        click.echo(f"wrote {tmx_dir / SWITCH_FILE}")


@main.command()
@click.argument("draft", type=click.Path(path_type=Path))
@TMX_DIR_OPTION
@CORPUS_OPTION
@click.option("--force", is_flag=True, help="Replace an English article merge did not write.")
@friendly
def merge(draft: Path, tmx_dir: Path, corpus: Path, force: bool) -> None:
    """Bring a finished draft (.po or .xlf) back: new and edited segments join the memory
    (tmx/translations.tmx); once every segment is done, the English article is written."""
    from .suggest.merge import merge_draft

    r = merge_draft(draft, tmx_dir, corpus, force)
    click.echo(f"{len(r.added)} new or edited units added to {tmx_dir / 'translations.tmx'}")
    if r.article:
        click.echo(f"wrote the English article {r.article}")
    else:
        click.echo(f"{r.unfinished} segments still empty or fuzzy: no English article written yet")


@main.command()
@TMX_DIR_OPTION
@click.option(
    "--tm",
    "tm",
    multiple=True,
    type=click.Path(path_type=Path),
    help="TMX, PO or XLIFF files to check instead of every tmx/*.tmx (repeatable).",
)
@click.option(
    "--skip",
    multiple=True,
    help="A check to switch off (repeatable): " + ", ".join(CHECKS),
)
@click.option(
    "--glossary", type=click.Path(path_type=Path), help="Required renderings (CSV or TBX)."
)
@click.option(
    "--prefer",
    multiple=True,
    metavar="SPANISH=ENGLISH",
    help="Make a variant the preferred one: it is added to the glossary (default glossary.csv).",
)
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--fail-on",
    default="",
    help="Exit with 2 if these checks find anything (comma-separated, or 'any').",
)
@click.option(
    "--show", type=click.IntRange(0), default=5, show_default=True, help="Findings shown per check."
)
@friendly
def check(
    tmx_dir: Path,
    tm: tuple[Path, ...],
    skip: tuple[str, ...],
    glossary: Path | None,
    prefer: tuple[str, ...],
    html_out: Path | None,
    json_out: Path | None,
    csv_out: Path | None,
    fail_on: str,
    show: int,
) -> None:
    """Where the English drifts: the same Spanish rendered differently, recurring terms with
    several renderings, glossary terms not respected, numbers that differ, lost emphasis."""
    from .check.consistency import read_glossary, run_checks
    from .check.dismissed import hide_dismissed
    from .check.ids import check_ids
    from .check.reports import (
        prefer_in_glossary,
        writable_glossary,
        write_csv,
        write_html,
        write_json,
    )
    from .language.lexicon import load_freedict
    from .memory.units import load_memory, memory_files

    wanted = check_ids(fail_on, "--fail-on") if fail_on.strip() else set()
    files = memory_files(tmx_dir, tm)
    for out in (html_out, json_out, csv_out):
        if out:
            guard_output(out, [*files, *([glossary] if glossary else [])], tmx_dir, CORPUS)
    if prefer:
        glossary = glossary or Path("glossary.csv")
        writable_glossary(glossary)
        guard_output(glossary, files, tmx_dir, CORPUS)
        click.echo(f"glossary {glossary}: {prefer_in_glossary(glossary, prefer)} terms")
    units = load_memory(files)
    terms = read_glossary(glossary) if glossary else []
    report = run_checks(units, load_freedict(), skip, terms)
    hidden = hide_dismissed(report, tmx_dir)
    counts = report.counts()
    click.echo(
        f"{report.units} units checked"
        + (f", {hidden} findings dismissed before" if hidden else "")
    )
    rows = [(k, n, CHECKS[k]) for k, n in counts.items()]
    echo_table(["check", "findings", "what"], rows, align="lrl")
    _echo_findings(report, show)
    for writer, out in ((write_html, html_out), (write_json, json_out), (write_csv, csv_out)):
        if out:
            writer(out, report)
            click.echo(f"wrote {out}")
    if any(counts.get(c, 0) for c in wanted):
        sys.exit(2)


def _echo_findings(report, show: int) -> None:
    """The first ``show`` findings of each check, one line each."""
    for name in report.checks:
        items = [f for f in report.findings if f.check == name][:show]
        if items:
            click.echo(f"\n{CHECKS[name]}:")
        for f in items:
            if f.variants:
                shown = " | ".join(f"{v.text} ({v.count}x)" for v in f.variants)
                click.echo(f"  {f.key}: {shown}")
            else:
                where = f.unit.tuid if f.unit else ""
                click.echo(f"  {where}: {f.message}: {f.key[:70]}")


@main.command()
@TMX_DIR_OPTION
@TM_OPTION
@click.option("--csv", "csv_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--tbx", "tbx_out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--min-share", type=Share(), default=0.6, show_default=True)
@friendly
def terms(
    tmx_dir: Path,
    tm: tuple[Path, ...],
    csv_out: Path | None,
    tbx_out: Path | None,
    min_share: float,
) -> None:
    """Propose a glossary from the memory: recurring terms and their usual English."""
    from .check.consistency import TermChecker
    from .check.reports import write_glossary_csv, write_tbx
    from .language.lexicon import load_freedict
    from .memory.units import load_memory, memory_files

    files = memory_files(tmx_dir, tm)
    for out in (csv_out, tbx_out):
        if out:
            guard_output(out, files, tmx_dir, CORPUS)
    units = load_memory(files)
    proposals = TermChecker(units, load_freedict()).proposals(min_share)
    rows = [(es[:36], en[:36], n, f"{share:.0%}") for es, en, n, share in proposals]
    echo_table(["spanish", "english", "units", "consistency"], rows, left=2)
    if csv_out:
        write_glossary_csv(csv_out, proposals)
        click.echo(f"wrote {csv_out}")
    if tbx_out:
        write_tbx(tbx_out, proposals)
        click.echo(f"wrote {tbx_out}")


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@TMX_DIR_OPTION
@TM_OPTION
@click.option(
    "--for",
    "tool",
    type=click.Choice(["generic", "omegat", "trados", "memoq"]),
    default="generic",
    show_default=True,
    help="The CAT tool that will read it (language codes, header).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["tmx", "tsv", "po"]), default="tmx", show_default=True
)
@click.option("--min-confidence", type=Share(), default=0.0, show_default=True)
@click.option("--issue", "issues", multiple=True, help="Only units of this issue (repeatable).")
@click.option("--since", type=DATE, help="Only units dated on or after this day (YYYY-MM-DD).")
@click.option("--until", type=DATE, help="Only units dated on or before this day (YYYY-MM-DD).")
@friendly
def export(
    output: Path,
    tmx_dir: Path,
    tm: tuple[Path, ...],
    tool: str,
    fmt: str,
    min_confidence: float,
    issues: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
) -> None:
    """Write the memory for a CAT tool (TMX 1.4b), or as TSV or a PO compendium."""
    from .memory.exchange import Filters, export_memory
    from .memory.units import memory_files

    files = memory_files(tmx_dir, tm)
    guard_output(output, files, tmx_dir, CORPUS)
    day = "%Y%m%d"  # as TMX dates begin
    filters = Filters(
        min_confidence,
        issues,
        since.strftime(day) if since else "",
        until.strftime(day) if until else "",
    )
    r = export_memory(files, output, tool, fmt, filters)
    click.echo(f"{r.written} units written to {output} ({tool}, {fmt}); {r.skipped} left out")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@TMX_DIR_OPTION
@friendly
def import_cmd(files: tuple[Path, ...], tmx_dir: Path) -> None:
    """Bring TMX (from OmegaT, Trados, memoQ...), PO or XLIFF files into tmx/imported.tmx,
    without duplicates (the newest wins, the others are kept as history)."""
    from .memory.exchange import import_files

    with progress("Importing", 1) as bar:

        def report(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        r = import_files(files, tmx_dir, report)
    click.echo(
        f"{r.read} units read: {r.added} added, {r.merged} already there (merged), "
        f"{r.without_languages} without both Spanish and English; "
        f"{r.total} units in {tmx_dir / 'imported.tmx'}"
    )


if __name__ == "__main__":
    main()
