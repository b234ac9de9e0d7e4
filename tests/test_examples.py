"""The example scripts for the three users run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def test_cooperative_quote() -> None:
    """The cooperative's quote is in Spanish with pesos, and an HTML page is written."""
    out = _run("examples/cooperative_quote.py")
    assert "Precio mínimo" in out and "Prima" in out
    html = Path(next(line for line in out.splitlines() if line.startswith("HTML: "))[6:])
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Total: US$89.975,00" in out


def test_certifier_audit(tmp_path: Path) -> None:
    """The certifier's example decides, lists failures and writes four reports."""
    out = _run("examples/certifier_audit.py", str(tmp_path))
    assert "decision: not_certified" in out
    assert "failed 3.1 (core)" in out
    for locale, lang in (("en", "en"), ("es_PE", "es-PE"), ("fr_BF", "fr-BF"), ("pt_BR", "pt-BR")):
        html = (tmp_path / f"audit-report.{locale}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("word", ["premium_underpaid", "Vérification des lots", "lots: 21"])
def test_buyer_verify(word: str) -> None:
    """The buyer's example lists the lots to look at and a French summary."""
    assert word in _run("examples/buyer_verify.py")
