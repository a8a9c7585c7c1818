"""The review page, served on this machine only (``iwo-tm serve``): the consistency findings
and the alignments held for review, each with the buttons that settle it.

- **Prefer** a rendering: written to the glossary (CSV), which ``suggest`` and ``check`` obey;
- **Fix** a unit's English: the memory rewritten at once, the old English kept in the unit's
  history with the date and the reviewer's name, and remembered for the next ``align``;
- **Not a divergence**: the finding goes to ``tmx/dismissed.tsv`` and is not shown again until
  its units change;
- **Accept / reject / correct** a held alignment, applied as ``iwo-tm accept`` applies it.

Plain HTML forms, no framework and no script needed; the standard library's HTTP server, bound
to 127.0.0.1. Every form carries a token drawn when the server starts, and requests that name
another host are refused, so a web page open in the same browser cannot act in the reviewer's
name.
"""

from __future__ import annotations

import html
import http.server
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import cookies
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .align.corrections import correct_unit, decide_held
from .align.review import REVIEW_TSV, ReviewItem, read_review
from .check.consistency import Finding, Report, read_glossary, run_checks
from .check.dismissed import dismiss, fingerprint, hide_dismissed
from .check.ids import CHECKS
from .check.reports import prefer_in_glossary, writable_glossary
from .errors import IwoError
from .language.lexicon import Lexicon, load_freedict
from .memory.units import load_memory, memory_files
from .page import page

__all__ = ["ReviewSite", "serve"]

SHOWN = 200  # findings shown per check
_MAX_FORM = 1 << 20
_PREFERABLE = ("terms", "source", "glossary")
STYLE = """h2 { margin-top: 1.5em; } .finding { border-top: 1px solid #ddd; padding: .5em 0; }
.variant { margin: .3em 0 .3em 1.5em; } .unit { margin: .2em 0 .2em 3em; color: #333; }
.unit textarea { width: 40em; height: 3em; font: inherit; vertical-align: top; }
form { display: inline; } button { margin: 0 .3em; }
.msg { background: #fff3cd; padding: .6em; } .err { background: #f8d7da; padding: .6em; }
td, th { border-bottom: 1px solid #ddd; padding: .4em; vertical-align: top; text-align: left; }
td textarea { width: 30em; height: 3em; font: inherit; }"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class ReviewSite:
    """What the page shows and what its buttons do, for one project folder."""

    tmx_dir: Path
    glossary: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    _lexicon: Lexicon | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def report(self) -> Report:
        """The findings on the memory as it is now, the dismissed ones left out."""
        if self._lexicon is None:
            self._lexicon = load_freedict()
        units = load_memory(memory_files(self.tmx_dir))
        terms = read_glossary(self.glossary) if self.glossary.is_file() else []
        report = run_checks(units, self._lexicon, (), terms)
        hide_dismissed(report, self.tmx_dir)
        return report

    def held(self) -> list[ReviewItem]:
        path = self.tmx_dir / REVIEW_TSV
        return read_review(path) if path.exists() else []

    # -- acting --------------------------------------------------------------------------

    def act(self, action: str, form: dict[str, str], reviewer: str) -> str:
        """Carry out one button; returns what to tell the reviewer. One at a time: two tabs
        clicking at once are served in turn, and each sees what the other wrote."""
        if form.get("token") != self.token:
            raise IwoError("this page is out of date or not from this server: reload it")
        handlers: dict[str, Callable[[dict[str, str], str], str]] = {
            "prefer": self._prefer, "fix": self._fix, "dismiss": self._dismiss,
            "decide": self._decide,
        }  # fmt: skip
        handler = handlers.get(action)
        if handler is None:
            raise IwoError(f"no such action: {action}")
        with self._lock:
            return handler(form, reviewer)

    def _prefer(self, form: dict[str, str], reviewer: str) -> str:
        spanish, english = form.get("spanish", "").strip(), form.get("english", "").strip()
        if not spanish or not english:
            raise IwoError("a preferred rendering needs its Spanish and its English")
        writable_glossary(self.glossary)
        n = prefer_in_glossary(self.glossary, [f"{spanish}={english}"])
        return (
            f"“{english}” is now the preferred English for “{spanish}” ({self.glossary}: {n} terms)"
        )

    def _fix(self, form: dict[str, str], reviewer: str) -> str:
        memory = Path(form.get("memory", "")).name
        if not memory.endswith(".tmx") or not (self.tmx_dir / memory).is_file():
            raise IwoError(f"no memory file {memory!r} here")
        correct_unit(self.tmx_dir, form.get("tuid", ""), form.get("seen", ""),
                     form.get("english", ""), reviewer, memory)  # fmt: skip
        return f"unit {form.get('tuid')} corrected"

    def _dismiss(self, form: dict[str, str], reviewer: str) -> str:
        check, key, print_ = form.get("check", ""), form.get("key", ""), form.get("print", "")
        if check not in CHECKS or not key or not print_:
            raise IwoError("which finding? reload the page")
        dismiss(self.tmx_dir, check, key, print_, reviewer)
        return f"“{key[:60]}” will not be reported again until its units change"

    def _decide(self, form: dict[str, str], reviewer: str) -> str:
        decision = form.get("decision", "")
        done = decide_held(self.tmx_dir, form.get("tuid", ""), decision, form.get("english", ""))
        return f"{form.get('tuid')} {decision}ed; {done.undecided} still held for review"

    # -- the page ------------------------------------------------------------------------

    def page(self, message: str = "", error: bool = False, reviewer: str = "") -> str:
        try:
            report = self.report()
            held = self.held()
        except IwoError as exc:
            body = f'<h1>iwo-tm review</h1><p class="err">{_e(exc)}</p>'
            return page("iwo-tm review", STYLE, body, ".finding")
        parts = [
            "<h1>iwo-tm review</h1>",
            f'<p class="{"err" if error else "msg"}" id="message">{_e(message)}</p>'
            if message
            else "",
            self._name_form(reviewer),
            '<p><input id="q" placeholder="Filter: a word, an article..." oninput="filter()"></p>',
        ]
        for check in report.checks:
            found = [f for f in report.findings if f.check == check]
            if not found:
                continue
            parts.append(f"<h2>{_e(CHECKS[check])} ({len(found)})</h2>")
            parts += [self._finding(f) for f in found[:SHOWN]]
        parts.append(self._held(held))
        return page("iwo-tm review", STYLE, "\n".join(parts), ".finding, tr.held")

    def _hidden(self, **fields: str) -> str:
        fields["token"] = self.token
        return "".join(
            f'<input type="hidden" name="{k}" value="{_e(v)}">' for k, v in fields.items()
        )

    def _name_form(self, reviewer: str) -> str:
        return (
            '<form method="post" action="/name">Your name (written in the history of what you '
            f'change): <input name="reviewer" value="{_e(reviewer)}" style="width:12em">'
            f"{self._hidden()}<button>Save</button></form>"
        )

    def _finding(self, f: Finding) -> str:
        out = [f'<div class="finding" data-check="{_e(f.check)}" data-key="{_e(f.key)}">',
               f"<b>{_e(f.key)}</b> — {_e(f.message)} "]  # fmt: skip
        out.append(
            f'<form class="dismiss" method="post" action="/dismiss">'
            f"{self._hidden(check=f.check, key=f.key, print=fingerprint(f))}"
            "<button>Not a divergence</button></form>"
        )
        for v in f.variants:
            out.append(
                f'<div class="variant" data-variant="{_e(v.text)}">“{_e(v.text)}” ({v.count}×)'
            )
            if f.check in _PREFERABLE:
                out.append(
                    f'<form class="prefer" method="post" action="/prefer">'
                    f"{self._hidden(spanish=f.key, english=v.text)}<button>Prefer</button></form>"
                )
            out += [self._unit(u) for u in v.examples]
            out.append("</div>")
        if f.unit is not None:
            out.append(self._unit(f.unit))
        out.append("</div>")
        return "".join(out)

    def _unit(self, u) -> str:  # noqa: ANN001
        if not u.tuid or not u.origin.endswith(".tmx"):
            return f'<div class="unit">{_e(u.source)} → {_e(u.target)}</div>'
        return (
            f'<div class="unit" data-tuid="{_e(u.tuid)}"><small>{_e(u.tuid)}</small> '
            f'{_e(u.source)}<br><form class="fix" method="post" action="/fix">'
            f"{self._hidden(tuid=u.tuid, seen=u.target, memory=u.origin)}"
            f'<textarea name="english">{_e(u.target)}</textarea>'
            "<button>Fix the English</button></form></div>"
        )

    def _held(self, items: list[ReviewItem]) -> str:
        rows = []
        for it in items:
            rows.append(
                f'<tr class="held" data-tuid="{_e(it.tuid)}"><td>{it.confidence:.2f}</td>'
                f'<td lang="es">{_e(it.source)}</td><td><form class="decide" method="post" '
                f'action="/decide">{self._hidden(tuid=it.tuid)}'
                f'<textarea name="english">{_e(it.target)}</textarea><br>'
                '<button name="decision" value="accept">Accept</button>'
                '<button name="decision" value="reject">Reject</button></form></td>'
                f"<td><small>{_e(it.pair)}<br>{_e(it.tuid)}</small></td></tr>"
            )
        body = "\n".join(rows) or '<tr><td colspan="4">Nothing held for review.</td></tr>'
        return (
            f"<h2>Alignments held for review ({len(items)})</h2>"
            "<p>Accept (with the English corrected if need be) or reject each pair the aligner "
            "was not sure of; an accepted pair joins the memory at once.</p>"
            "<table><thead><tr><th>conf.</th><th>Spanish</th><th>English</th><th>where</th>"
            f"</tr></thead><tbody>{body}</tbody></table>"
        )


class _Handler(http.server.BaseHTTPRequestHandler):
    site: ReviewSite
    host_names: tuple[str, ...] = ()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal shows the address, not every request

    def _reviewer(self) -> str:
        jar = cookies.SimpleCookie(self.headers.get("Cookie", ""))
        return unquote(jar["reviewer"].value) if "reviewer" in jar else ""

    def _local(self) -> bool:
        """The request names this server (not a site that points its name at 127.0.0.1)."""
        if self.headers.get("Host", "") not in self.host_names:
            return False
        origin = self.headers.get("Origin")
        return origin is None or urlsplit(origin).netloc in self.host_names

    def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        if not self._local():
            return self._send(403, "not from this machine's address")
        url = urlsplit(self.path)
        if url.path != "/":
            return self._send(404, "no such page")
        query = parse_qs(url.query)
        message = query.get("msg", [""])[0]
        error = query.get("err", [""])[0]
        self._send(200, self.site.page(error or message, bool(error), self._reviewer()))

    def do_POST(self) -> None:  # noqa: N802
        if not self._local():
            return self._send(403, "not from this machine's address")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._send(400, "bad request")
        if not 0 <= length <= _MAX_FORM:
            return self._send(413, "too much")
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        action = urlsplit(self.path).path.strip("/")
        headers = {}
        try:
            if action == "name":
                if form.get("token") != self.site.token:
                    raise IwoError("this page is out of date: reload it")
                name = " ".join(form.get("reviewer", "").split())[:80]
                headers["Set-Cookie"] = f"reviewer={quote(name)}; Path=/; SameSite=Strict"
                where = f"/?msg={quote(f'your name: {name}')}"
            else:
                done = self.site.act(action, form, self._reviewer())
                where = f"/?msg={quote(done)}"
        except IwoError as exc:
            where = f"/?err={quote(str(exc))}"
        headers["Location"] = where
        self._send(303, "", headers)


def serve(
    tmx_dir: str | Path,
    glossary: str | Path = "glossary.csv",
    port: int = 0,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the review page on 127.0.0.1 (``port`` 0: a free one) until interrupted; calls
    ``ready`` with the page's address once it answers."""
    site = ReviewSite(Path(tmx_dir), Path(glossary))
    memory_files(site.tmx_dir)  # no memory: say so now, not on the page
    handler = type("Handler", (_Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    bound = server.server_address[1]
    handler.host_names = (f"127.0.0.1:{bound}", f"localhost:{bound}")
    if ready:
        ready(f"http://127.0.0.1:{bound}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
