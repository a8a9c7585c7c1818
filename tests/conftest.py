import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "corpus" / "sources"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``iwo-tm`` command for real, as a user would."""
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="session")
def imported(tmp_path_factory) -> Path:
    """The shipped issues, both English and the three Spanish ones, imported by the real CLI
    into a fresh corpus folder in one call (the language of each is told from its text)."""
    corpus = tmp_path_factory.mktemp("corpus")
    sources = sorted(SOURCES.glob("*.md")) + sorted((SOURCES / "es").glob("*.md"))
    res = run_cli("import-issue", *map(str, sources), "--corpus", str(corpus))
    assert res.returncode == 0, res.stderr
    return corpus


def aligned_project(tmp_path_factory, name: str) -> Path:  # noqa: ANN001
    """A fresh folder with the shipped corpus aligned into its memory (no Apertium)."""
    work = tmp_path_factory.mktemp(name)
    shutil.copytree(ROOT / "corpus" / "es", work / "corpus" / "es")
    shutil.copytree(ROOT / "corpus" / "en", work / "corpus" / "en")
    res = run_cli("align", "--mt", "no", "-q", cwd=work)
    assert res.returncode == 0, res.stderr
    return work
