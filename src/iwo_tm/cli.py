"""The ``iwo-tm`` command: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import IwoError

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
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"iwo-tm: error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iwo-tm")
def main() -> None:
    """Translation memory for the International Workers Organizer.

    \b
    Typical day:
      iwo-tm import-issue ISSUE.md      split a converted issue into articles (corpus/en)
      iwo-tm corpus                     list the articles and which have a counterpart
      iwo-tm segment ARTICLE.md         show how a text is cut into sentences
    """


@main.command("import-issue")
@click.argument("issue_file", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["en", "es"]),
    default="en",
    show_default=True,
    help="Language of the issue.",
)
@click.option("--issue", "issue_no", help="Issue number, if the masthead lacks it.")
@click.option("--date", "issue_date", help="Issue date YYYY-MM-DD, if the masthead lacks it.")
@CORPUS_OPTION
@click.option("--dry-run", is_flag=True, help="Show the articles found, write nothing.")
@friendly
def import_issue_cmd(
    issue_file: Path,
    lang: str,
    issue_no: str | None,
    issue_date: str | None,
    corpus: Path,
    dry_run: bool,
) -> None:
    """Split an issue converted from PDF to Markdown into one file per article.

    Repairs what conversion leaves behind (words hyphenated across columns, sentences cut by
    captions and page jumps), drops page furniture, keeps captions marked as captions, and
    writes corpus/LANG/PAIR-ID.md with a front matter.
    """
    from .issue_import import import_issue, write_articles

    result = import_issue(issue_file, lang, issue_no, issue_date)
    for art in result.articles:
        m = art.meta
        click.echo(f"{m['pair']:<58} {m['date']}  {m['section']:<13} {len(art.blocks):>3} blocks")
    click.echo(
        f"issue {result.issue} ({result.issue_date}): {len(result.articles)} articles, "
        f"{result.joined} broken lines repaired, {result.dropped} furniture blocks "
        "left out"
    )
    if not dry_run:
        written = write_articles(result, corpus)
        click.echo(f"wrote {len(written)} files to {corpus / lang}")


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
    from .segmentation import segment_markdown
    from .textfiles import read_text

    lang, segs = segment_markdown(read_text(file), lang, str(file))
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
    from .documents import load_pairs
    from .segmentation import segment_article

    pairs, alone = load_pairs(corpus)
    total = [0, 0]
    click.echo(f"{'pair':<58} {'es seg':>6} {'en seg':>6}")
    for es, en in pairs:
        n_es, n_en = len(segment_article(es)), len(segment_article(en))
        total[0] += n_es
        total[1] += n_en
        click.echo(f"{es.pair:<58} {n_es:>6} {n_en:>6}")
    click.echo(f"{len(pairs)} pairs, {total[0]} Spanish and {total[1]} English segments")
    for art in alone:
        click.echo(f"no counterpart: {art.path} ({art.lang})")


if __name__ == "__main__":
    main()
