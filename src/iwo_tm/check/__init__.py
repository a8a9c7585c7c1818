"""Memory -> reports: where the English drifts (the same Spanish rendered two ways, recurring
terms with several renderings, the glossary not respected, numbers that differ), for reviewers
in the terminal, HTML, JSON, CSV, and a glossary proposed from the memory."""

from .. import lazy_exports

# each public name and the module that defines it, imported when first used: a command loads
# only the steps it needs
_EXPORTS = {
    "CHECKS": "ids",
    "check_ids": "ids",
    "dismiss": "dismissed",
    "hide_dismissed": "dismissed",
    "read_dismissed": "dismissed",
    "without_dismissed": "dismissed",
    "prefer": "consistency",
    "write_glossary_csv": "reports",
    "Finding": "consistency",
    "Report": "consistency",
    "TermChecker": "consistency",
    "read_glossary": "consistency",
    "run_checks": "consistency",
    "write_csv": "reports",
    "write_html": "reports",
    "write_json": "reports",
    "write_tbx": "reports",
}
__all__ = sorted(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
