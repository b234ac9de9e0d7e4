"""Every code block in README.md and docs/ runs, so examples cannot rot.

* ``sh`` blocks: each ``fairmined`` command runs (the ``pip install ... &&``
  part is what the reader does once, so it is skipped) and must exit 0.
* ``console`` blocks: each ``$ fairmined ...`` command (or each line starting
  with ``fairmined`` when the block has no prompt) runs and must exit 0 or 1
  (a decision or verification that failed on purpose), never 2, never with a
  traceback.
* ``python`` blocks run in a fresh interpreter; a comment ``# => text`` is a
  line the block must print. ``python`` blocks written as an interactive
  session, and ``pycon`` blocks, run as doctests.
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


def _blocks(*langs: str) -> list[tuple[str, str, str]]:
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for i, m in enumerate(BLOCK.finditer(text)):
            if m.group(1) in langs:
                out.append((f"{path.relative_to(ROOT)}#{i}", m.group(1), m.group(2)))
    return out


def _commands(block: str, prompt: bool) -> list[list[str]]:
    joined = block.replace("\\\n", " ")
    cmds = []
    for raw in joined.splitlines():
        line = raw.strip()
        if prompt:
            if not line.startswith("$ "):
                continue
            line = line[2:]
        if not line or line.startswith("#"):
            continue
        for part in line.split("&&"):
            argv = shlex.split(part, comments=True)
            if argv and argv[0] == "fairmined":
                cmds.append(argv)
    return cmds


def _shell_cases() -> list[tuple[str, list[str], tuple[int, ...]]]:
    cases = []
    for name, lang, block in _blocks("sh", "console"):
        if lang == "sh":
            cases += [(name, argv, (0,)) for argv in _commands(block, prompt=False)]
        else:
            has_prompt = any(x.lstrip().startswith("$ ") for x in block.splitlines())
            cases += [(name, argv, (0, 1)) for argv in _commands(block, prompt=has_prompt)]
    return cases


SHELL = _shell_cases()


@pytest.mark.parametrize(("name", "argv", "codes"), SHELL, ids=[f"{n}:{a[1]}" for n, a, _ in SHELL])
def test_shell_example_runs(name: str, argv: list[str], codes: tuple[int, ...]) -> None:
    """Each `fairmined` command shown in the docs runs as documented, without a traceback."""
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode in codes, f"{name}: exit {proc.returncode}: {proc.stderr}"
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip(), f"{name}: printed nothing"


PYTHON = [(n, code) for n, _, code in _blocks("python", "pycon")]


@pytest.mark.parametrize(("name", "code"), PYTHON, ids=[n for n, _ in PYTHON])
def test_python_example_runs_and_prints_what_it_says(
    name: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each Python block runs, and prints what its `# =>` lines or its doctest say."""
    if code.lstrip().startswith(">>>"):
        monkeypatch.chdir(ROOT)
        _run_doctest(name, code)
        return
    expected = [
        line.strip().removeprefix("# =>").strip()
        for line in code.splitlines()
        if line.strip().startswith("# =>")
    ]
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
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
