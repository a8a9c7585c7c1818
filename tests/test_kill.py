"""kill -9 in the middle of every command that writes: each file it writes is afterwards either
as it was or exactly what a finished run writes, never half of it, and the next run of the
command leaves no temporary file behind. A second command waits for the first, and gives up
with one line when the first never finishes."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from iwo_tm.safety import locked

COMMANDS = {
    "align": ["align", "--mt", "no"],
    "accept": ["accept"],
    "suggest": ["suggest", "big.md", "-o", "big.po", "--mt", "no"],
    "suggest-xliff": ["suggest", "big.md", "-o", "big.xlf", "--mt", "no"],
    "export": ["export", "--for", "omegat", "out.tmx"],
    "check": ["check", "--html", "report.html", "--csv", "report.csv", "--json", "r.json"],
    "terms": ["terms", "--csv", "terms.csv", "--tbx", "terms.tbx"],
    "import-issue": ["import-issue", "corpus/sources/iwo-37-2023-01.md"],
    "import": ["import", "other.tmx"],
}
# what differs between two complete runs: the clock
_CLOCK = re.compile(rb"\d{4}-?\d{2}-?\d{2}[T ]\d{2}:?\d{2}(?::?\d{2})?(?:Z|[+-]\d{2}:?\d{2})?")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): _CLOCK.sub(b"CLOCK", p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts and p.name != ".lock"
    }


def _temporaries(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob(".*.tmp")]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The shipped corpus aligned into a memory, a long new text and a CAT tool's memory."""
    root = tmp_path_factory.mktemp("kill")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    # a memory aligned with a stricter threshold than the default: align has work to do
    assert run_cli("align", "--mt", "no", "--threshold", "0.9", cwd=root).returncode == 0
    bodies = [p.read_text().split("---", 2)[2] for p in sorted((root / "corpus/es").glob("*.md"))]
    (root / "big.md").write_text("---\nlang: es\n---\n" + "\n\n".join(bodies), encoding="utf-8")
    assert run_cli("export", "other.tmx", cwd=root).returncode == 0
    # issue 37's articles as an earlier import left them: import-issue has work to do
    for article in (root / "corpus/en").glob("37-*.md"):
        article.write_text(article.read_text() + "\nAn older paragraph.\n")
    # a reviewer's decisions waiting in the review file, for accept
    review = root / "tmx" / "review.tsv"
    rows = review.read_text(encoding="utf-8-sig").split("\n")
    rows[1:] = ["accept" + row[row.index("\t") :] if row else row for row in rows[1:]]
    review.write_text("\ufeff" + "\n".join(rows), encoding="utf-8")
    return root


def _copy(base: Path, to: Path) -> Path:
    shutil.copytree(base, to)
    return to


def _start(project: Path, args: list[str]) -> subprocess.Popen:
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    return subprocess.Popen([exe, *args], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def _kill_when_writing(proc: subprocess.Popen, project: Path) -> bool:
    """Kill the command as soon as one of its temporary files appears; says if one did."""
    while proc.poll() is None:
        if _temporaries(project):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.001)
    return False


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_kill_leaves_each_file_as_it_was_or_whole(
    base: Path, tmp_path: Path, command: str
) -> None:
    args = COMMANDS[command]
    finished = _copy(base, tmp_path / "finished")
    started = time.monotonic()
    res = run_cli(*args, cwd=finished)
    took = time.monotonic() - started
    assert res.returncode == 0, res.stderr
    before, after = _files(base), _files(finished)
    assert before != after, "the command wrote nothing"
    for n, moment in enumerate(["writing", 0.4, 0.8]):
        project = _copy(base, tmp_path / f"killed-{n}")
        proc = _start(project, args)
        if moment == "writing":
            _kill_when_writing(proc, project)  # a file written in one go may not be seen
        else:
            time.sleep(took * float(moment))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        for name, data in _files(project).items():
            if name.endswith(".tmp"):
                continue  # a killed writer's; checked below
            assert data in (before.get(name), after.get(name)), f"{name} half-written"
        for name in before:
            assert (project / name).exists(), f"{name} lost"
        # the next run finishes the job and removes what the killed one left
        res = run_cli(*args, cwd=project)
        assert res.returncode == 0, res.stderr
        assert _temporaries(project) == []
        assert _files(project) == after


def test_a_second_writer_gives_up_with_one_line_when_the_first_never_ends(
    base: Path, tmp_path: Path
) -> None:
    project = _copy(base, tmp_path / "p")
    before = _files(project)
    env = {**os.environ, "IWO_TM_LOCK_WAIT": "1"}
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    with locked(project / "tmx"):
        res = subprocess.run([exe, "align", "--mt", "no"], cwd=project, env=env,
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    lines = res.stderr.strip().splitlines()
    assert res.returncode == 1
    assert lines[0].startswith("iwo-tm: notice: another iwo-tm command is writing the memory")
    assert lines[-1].startswith("iwo-tm: error: ")
    assert "another iwo-tm command has been writing the memory for 1 s" in lines[-1]
    assert len(lines) == 2 and "Traceback" not in res.stderr
    assert _files(project) == before
