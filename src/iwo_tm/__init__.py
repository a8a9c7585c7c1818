"""iwo-tm: a translation memory for the International Workers Organizer.

Data flows one way, and the subpackages are its steps: formats -> language -> corpus -> align
-> memory -> suggest / check (documents -> segments -> aligned units -> memory -> suggestions
and reports).
"""

from collections.abc import Callable
from importlib import import_module
from typing import Any

__version__ = "0.1.0"


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__`` that imports the module defining a public name on first use
    (PEP 562), so ``from iwo_tm.memory import FuzzyIndex`` works without loading the rest."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f"{package}.{exports[name]}"), name)

    return __getattr__
