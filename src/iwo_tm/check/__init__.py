"""Memory -> reports: where the English drifts (the same Spanish rendered two ways, recurring
terms with several renderings, the glossary not respected, numbers that differ), for reviewers
in the terminal, HTML, JSON, CSV, and a glossary proposed from the memory."""

from .consistency import CHECKS, Finding, Report, TermChecker, read_glossary, run_checks
from .reports import write_csv, write_html, write_json, write_tbx

__all__ = [
    "CHECKS", "Finding", "Report", "TermChecker", "read_glossary", "run_checks", "write_csv",
    "write_html", "write_json", "write_tbx",
]  # fmt: skip
