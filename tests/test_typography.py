"""Punctuation built in code follows each language's typography (French narrow spaces)."""

from __future__ import annotations

import re
import tomllib
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


def _strings(node: object) -> list[str]:
    """Every string value in a parsed TOML document (keys left out: they are English)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _texts(lang: str) -> list[str]:
    """Every translated message and translation-file text of ``lang``."""
    from babel.messages.pofile import read_po

    po = ROOT / f"src/fairmined/locale/{lang}/LC_MESSAGES/fairmined.po"
    with po.open("rb") as fh:
        texts = [
            s
            for m in read_po(fh, locale=lang)
            if m.id
            for s in (m.string if isinstance(m.string, tuple) else (m.string,))
            if s
        ]
    for path in sorted((ROOT / "standards/i18n").rglob("*.toml")):
        if path.name == f"{lang}.toml" or path.name.endswith(f".{lang}.toml"):
            texts += _strings(tomllib.loads(path.read_text(encoding="utf-8")))
    return texts


def test_french_texts_use_the_typographic_apostrophe() -> None:
    """French catalogs and translation files write the apostrophe as U+2019, as the reports do."""
    straight = [t for t in _texts("fr") if re.search(r"\w'\w", t)]
    assert straight == []


def test_french_texts_do_not_write_iso_dates() -> None:
    """A date in a French sentence is written out (1er août 2013), not 2013-08-01."""
    assert [t for t in _texts("fr") if re.search(r"\b\d{4}-\d{2}-\d{2}\b", t)] == []


@pytest.mark.parametrize(
    ("locale", "first", "quoted"),
    [
        ("pt", "1º de agosto de 2024", "\u201cEtiquetado\u201d"),
        ("pt_BR", "1º de agosto de 2024", "\u201cEtiquetado\u201d"),
        ("pt_PT", "1 de agosto de 2024", "\u00abEtiquetado\u00bb"),
        ("es", "1 de agosto de 2024", "\u00abEtiquetado\u00bb"),
        ("fr", "1er août 2024", "\u00ab\u202fEtiquetado\u202f\u00bb"),
        ("en", "August 1, 2024", "\u201cEtiquetado\u201d"),
    ],
)
def test_first_of_the_month_and_quotation_marks_per_locale(
    locale: str, first: str, quoted: str
) -> None:
    """Brazilian Portuguese (and plain pt, CLDR's Brazil) writes 1º and “…”; Portugal 1 and «…»."""
    from datetime import date

    tr = translator(locale)
    assert tr.date(date(2024, 8, 1)) == first
    assert tr.quote("Etiquetado") == quoted


def test_portuguese_catalog_uses_one_kind_of_quotation_mark() -> None:
    """The Portuguese (Brazilian) catalog quotes with “…” only, never «…»."""
    texts = [t for t in _texts("pt") if "\u00ab" in t or "\u00bb" in t]
    assert texts == []


def test_french_chart_tooltips_take_a_narrow_space() -> None:
    """The HTML chart's bar tooltips ("Travail des enfants : respectée 3") follow French."""
    record = load_record(ROOT / "examples/audits/fairmined-2.0-missing-evidence.json")
    ev = evaluate(load_standard("fairmined-2.0"), record)
    tr = translator("fr_BF")
    out = render_audit([ev], fmt="html", locale="fr_BF")
    assert f"<title>{tr._('Child labour')}\u202f: {tr._('passed')} 3</title>" in out
    assert "<title>Child labour: passed 3</title>" in render_audit([ev], fmt="html", locale="en")
