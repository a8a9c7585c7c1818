"""The one HTML page every report is written into: a plain page that opens in any browser
without a network or a framework, its own styles, and a filter box that hides the rows or
sections that do not contain what is typed."""

from __future__ import annotations

import html

__all__ = ["page"]

BASE_STYLE = """body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; }
table { border-collapse: collapse; }
input { font-size: 15px; padding: .3em; width: 30em; }"""

FILTER = """<script>
function filter() {
  const q = document.getElementById('q').value.toLowerCase();
  for (const el of document.querySelectorAll('%s'))
    el.style.display = el.textContent.toLowerCase().includes(q) ? '' : 'none';
}
</script>"""


def page(title: str, style: str, body: str, filtered: str) -> str:
    """A whole page: ``title`` (plain text), the report's own ``style`` after the base one,
    ``body`` (HTML), and the filter script over the elements the CSS selector ``filtered``
    names (the body holds the ``<input id="q" oninput="filter()">`` where it wants it)."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
{BASE_STYLE}
{style}
</style></head><body>
{body}
{FILTER % filtered}</body></html>
"""
