"""Punctuation built in code follows each language's typography (French narrow spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.records import Reference, load_record
from fairmined.report import reference_text, render_audit, translator
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
CROSSWALK = ROOT / "examples/audits/crosswalk-all-standards.json"
STANDARDS = ("fairmined-2.0", "fairtrade-gold-2013")


def _crosswalk(locale: str) -> str:
    record = load_record(CROSSWALK)
    evs = [evaluate(load_standard(s), record) for s in STANDARDS]
    return render_audit(evs, fmt="text", locale=locale)


def test_french_crosswalk_titles_footer_and_cells_take_a_narrow_space() -> None:
    """French section titles, footer rows and crosswalk cells put U+202F before the colon."""
    out = _crosswalk("fr")
    tr = translator("fr")
    assert f"fairmined-2.0\u202f: {tr._('Failed requirements')}" in out
    assert f"fairtrade-gold-2013\u202f: {tr._('Standard SHA-256')}" in out
    assert f"3.1\u202f: {tr._('passed')}" in out
    assert "fairmined-2.0: " not in out and "3.1: " not in out


def test_english_crosswalk_keeps_a_plain_colon() -> None:
    """English and the other languages write the colon with no space before it."""
    for locale in ("en", "es", "pt"):
        out = _crosswalk(locale)
        assert "fairmined-2.0: " in out and "\u202f:" not in out


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "document: scan.pdf; document D-7; minutes"),
        ("es", "documento: scan.pdf; documento D-7; minutes"),
        ("fr", "document\u202f: scan.pdf\u202f; document D-7\u202f; minutes"),
    ],
)
def test_evidence_reference_punctuation(locale: str, expected: str) -> None:
    """An evidence reference's colon and semicolons follow the language (French: U+202F)."""
    ref = Reference(kind="document", file="scan.pdf", document_id="D-7", description="minutes")
    assert reference_text(ref, translator(locale)) == expected
