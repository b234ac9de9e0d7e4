"""The example scripts run exactly as documented, on the shipped data, and leave nothing behind.

Each script's docstring says how to run it ("Run from the repository root:
python examples/..."); these tests run that command line, with no arguments
too, and check that no temporary folder and no file in the repository is left
over. An optional ``[OUTPUT_DIR]`` is run both without and with a folder.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(ROOT.glob("examples/**/*.py"))
NEEDS = {"dask_recipe.py": "dask"}


def _documented(script: Path) -> list[str]:
    """The command lines in the script's docstring, continuation lines joined."""
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    doc = re.sub(r"\\\n\s*", " ", doc)
    return [
        line[line.index("python ") :].strip() for line in doc.splitlines() if "python ex" in line
    ]


def _argv(command: str, out_dir: Path | None) -> list[str]:
    """The words of a documented command; optional ``[...]`` words dropped, ``[OUTPUT_DIR]``
    replaced by ``out_dir`` when one is given."""
    words, depth = [], 0
    for word in shlex.split(command)[1:]:
        if word == "[OUTPUT_DIR]":
            words += [] if out_dir is None else [str(out_dir)]
            continue
        depth += word.count("[")
        if depth == 0:
            words.append(word)
        depth -= word.count("]")
    return words


def _tree() -> set[Path]:
    return {p for p in (ROOT / "examples").rglob("*") if "__pycache__" not in p.parts}


def _run(argv: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run from the repository root with an empty TMPDIR; check nothing is left over."""
    tmpdir = tmp / "TMPDIR"
    tmpdir.mkdir(exist_ok=True)
    before = _tree()
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert list(tmpdir.iterdir()) == [], "a temporary file or folder was left behind"
    assert _tree() == before, "the example wrote into the repository"
    return proc


def _needs(script: Path) -> None:
    if script.name in NEEDS:
        pytest.importorskip(NEEDS[script.name], reason=f"{script.name} needs its extra")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_documents_how_to_run_it(script: Path) -> None:
    """Each script's docstring and examples/README.md give its command line."""
    rel = script.relative_to(ROOT).as_posix()
    commands = _documented(script)
    assert commands and all(c.startswith(f"python {rel}") for c in commands)
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    listed = {
        re.sub(r"\s*\[.*\]$", "", c) for c in re.findall(r"`(python examples/[^`]+)`", readme)
    }
    assert f"python {rel}" in listed  # its required words: what test_runs_with_no_arguments runs


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_runs_with_no_arguments(script: Path, tmp_path: Path) -> None:
    """With no arguments a script runs on the shipped data (exit 0) and leaves nothing."""
    _needs(script)
    proc = _run([str(script.relative_to(ROOT))], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_wrong_arguments_print_usage(script: Path, tmp_path: Path) -> None:
    """Too many arguments print the usage line and exit 2, without a traceback."""
    _needs(script)
    proc = _run([str(script.relative_to(ROOT)), "a", "b", "c", "d", "e"], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("usage: python examples/")


@pytest.mark.parametrize(
    ("script", "command"),
    [(s, c) for s in SCRIPTS for c in _documented(s)],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_runs_as_documented(script: Path, command: str, tmp_path: Path) -> None:
    """The documented command line runs (with and without an optional OUTPUT_DIR)."""
    _needs(script)
    for out_dir in (None, tmp_path / "out") if "[" in command else (None,):
        proc = _run(_argv(command, out_dir), tmp_path)
        assert proc.returncode == 0, proc.stderr


def test_cooperative_quote(tmp_path: Path) -> None:
    """The cooperative's quote is in Spanish with pesos; with OUTPUT_DIR an HTML page too."""
    out = _run(["examples/cooperative_quote.py", str(tmp_path / "out")], tmp_path).stdout
    assert "Precio mínimo" in out and "Prima" in out
    assert "Total: US$89.975,00" in out
    page = (tmp_path / "out" / "cotizacion.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_certifier_audit(tmp_path: Path) -> None:
    """The certifier's example decides, lists failures and writes four reports."""
    out = _run(["examples/certifier_audit.py", str(tmp_path / "out")], tmp_path).stdout
    assert "decision: not_certified" in out
    assert "failed 3.1 (entry)" in out
    for locale, lang in (("en", "en"), ("es_PE", "es-PE"), ("fr_BF", "fr-BF"), ("pt_BR", "pt-BR")):
        html = (tmp_path / "out" / f"audit-report.{locale}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize(
    "words",
    # French puts a narrow no-break space (U+202F) before a colon.
    [
        "Ligne 3, lot L-002\u202f: La prime payée",
        "# Vérification des lots",
        "Lots vérifiés\u202f: 21",
    ],
)
def test_buyer_verify(words: str, tmp_path: Path) -> None:
    """The buyer's example lists the lots to look at and a summary, in French by default."""
    assert words in _run(["examples/buyer_verify.py"], tmp_path).stdout


def test_buyer_verify_in_another_locale(tmp_path: Path) -> None:
    """Given a locale, the buyer's example words the lots and the summary in it."""
    out = _run(["examples/buyer_verify.py", "es_CO"], tmp_path).stdout
    assert "Línea 3, lote L-002: La prima pagada, US$4.500,00" in out
    assert "# Verificación de lotes" in out


def test_cooperative_quote_in_another_locale(tmp_path: Path) -> None:
    """--locale fr_BF gives the cooperative's quote in French, amounts still in pesos."""
    out = _run(["examples/cooperative_quote.py", "--locale", "fr_BF"], tmp_path).stdout
    assert "Devis de prime" in out and "Total\u202f: 89\u202f975,00\u00a0$US" in out


def test_dask_recipe_with_no_arguments_checks_the_shipped_lots(tmp_path: Path) -> None:
    """The Dask recipe with no arguments prints one JSON object per shipped lot."""
    pytest.importorskip("dask")
    out = _run(["examples/lots/dask_recipe.py"], tmp_path).stdout.splitlines()
    rows = (ROOT / "examples/lots/lots.csv").read_text(encoding="utf-8").splitlines()
    assert len(out) == len(rows) - 1
    assert all(line.startswith("{") for line in out)
