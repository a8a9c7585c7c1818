"""The package's folders are the steps of the flow, and no module reaches back up it."""

import importlib
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "iwo_tm"
FLOW = ["formats", "language", "corpus", "align", "memory", "suggest", "check"]


def test_no_module_imports_from_a_later_step() -> None:
    rank = {p: k for k, p in enumerate(FLOW)}
    backwards = []
    for path in SRC.rglob("*.py"):
        package = list(path.relative_to(SRC).parts[:-1])
        if not package:
            continue
        own = package[0]
        for m in re.finditer(r"^\s*from (\.+)([a-z_]+)", path.read_text(), flags=re.M):
            # "from ..x" in corpus/issue_import/ names corpus/x: climb one folder per extra dot
            up = len(m.group(1)) - 1
            resolved = (package[: len(package) - up] + [m.group(2)]) if up < len(package) else []
            used = resolved[0] if resolved else m.group(2)
            if used in rank and (rank[used] > rank[own] or {own, used} == {"suggest", "check"}):
                backwards.append(f"{path.relative_to(SRC)} imports {used}")
    assert backwards == []


@pytest.mark.parametrize("package", FLOW)
def test_every_public_name_is_importable_from_its_package(package: str) -> None:
    module = importlib.import_module(f"iwo_tm.{package}")
    assert module.__doc__ and module.__all__
    for name in module.__all__:
        assert getattr(module, name) is not None, name
