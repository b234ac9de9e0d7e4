"""Every code block in README.md and docs/ runs, so examples cannot rot.

Python blocks run in a fresh interpreter; a comment line ``# => text`` is
output the block must print. Shell blocks run each ``fairmined``
command (the ``pip install ... &&`` part is what the README's reader does once,
so it is skipped) and must exit 0.
"""

from __future__ import annotations

import doctest
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)


def _blocks(lang: str) -> list[tuple[str, str]]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for i, m in enumerate(BLOCK.finditer(text)):
            if m.group(1) == lang:
                out.append((f"{path.relative_to(ROOT)}#{i}", m.group(2)))
    return out


def _commands(block: str) -> list[list[str]]:
    joined = block.replace("\\\n", " ")
    cmds = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in line.split("&&"):
            argv = shlex.split(part, comments=True)
            if argv and argv[0] == "fairmined":
                cmds.append(argv)
    return cmds


SHELL = [(name, cmd) for name, block in _blocks("sh") for cmd in _commands(block)]


@pytest.mark.parametrize(("name", "argv"), SHELL, ids=[f"{n}:{a[1]}" for n, a in SHELL])
def test_shell_example_runs(name: str, argv: list[str]) -> None:
    """Each `fairmined` command shown in the docs exits 0 without a traceback."""
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, f"{name}: {proc.stderr}"
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip(), f"{name}: printed nothing"


PYTHON = _blocks("python")


@pytest.mark.parametrize(("name", "code"), PYTHON, ids=[n for n, _ in PYTHON])
def test_python_example_runs_and_prints_what_it_says(name: str, code: str) -> None:
    """Each Python block runs, and prints the output written under its print()."""
    if code.lstrip().startswith(">>>"):
        _run_doctest(name, code)
        return
    expected = [
        line.strip().removeprefix("# =>").strip()
        for line in code.splitlines()
        if line.strip().startswith("# =>")
    ]
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, f"{name}: {proc.stderr}"
    printed = proc.stdout.splitlines()
    for line in expected:
        assert line in printed, f"{name}: expected {line!r} in {printed}"


def _run_doctest(name: str, code: str) -> None:
    """Run a block written as an interactive session, checking every output."""
    test = doctest.DocTestParser().get_doctest(code, {}, name, name, 0)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test, out=out.write)
    assert result.failed == 0, out.getvalue()
