"""Audit and quote reports: golden files per locale, standalone escaped HTML, CLI formats."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import regen_report_golden
from fairmined.audit import evaluate
from fairmined.cli import main
from fairmined.records import load_record
from fairmined.report import render_audit, translator
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = regen_report_golden.expected()
RECORD = ROOT / regen_report_golden.RECORD


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: p.name)
def test_golden_report_up_to_date(path: Path) -> None:
    """Golden Markdown and HTML reports match the code (see tests/regen_report_golden.py)."""
    assert path.exists(), "run python tests/regen_report_golden.py"
    assert path.read_text(encoding="utf-8") == EXPECTED[path], (
        f"{path.name} is out of date: run python tests/regen_report_golden.py and review the diff"
    )


@pytest.mark.parametrize(
    ("locale", "tag", "words"),
    [
        ("en", "en", ["Decision: NOT CERTIFIED", "Failed requirements", "Nobody under 15 works"]),
        (
            "es_CO",
            "es-CO",
            ["Decisión: NO CERTIFICADA", "Requisitos incumplidos", "Nadie menor de 15 años"],
        ),
        ("fr_BF", "fr-BF", ["NON CERTIFIÉE", "Exigences non respectées", "Personne de moins"]),
        ("pt_BR", "pt-BR", ["NÃO CERTIFICADA", "Requisitos não cumpridos", "Ninguém com menos"]),
    ],
)
def test_html_report_is_translated_and_ordered(locale: str, tag: str, words: list[str]) -> None:
    """<html lang> is the locale; decision, chart, failed, table and hashes come in that order."""
    html = EXPECTED[regen_report_golden.GOLDEN / f"audit.{locale}.html"]
    assert f'<html lang="{tag}">' in html
    for w in words:
        assert w in html
    assert "[en]" not in html
    order = [
        html.index(words[0]),
        html.index("<svg"),
        html.index(words[1]),
        html.index("<table"),
        html.index("SHA-256"),
    ]
    assert order == sorted(order)


def test_html_is_standalone_and_print_friendly() -> None:
    """One file: inline CSS and SVG, no script, no external asset; a print stylesheet."""
    html = EXPECTED[regen_report_golden.GOLDEN / "audit.en.html"]
    assert "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html and "url(" not in html
    assert "@media print" in html
    assert html.count("<svg") == 1


def test_untrusted_record_text_is_escaped(tmp_path: Path) -> None:
    """Markup in record data is shown as text in HTML and Markdown, never interpreted."""
    data = json.loads(RECORD.read_text(encoding="utf-8"))
    data["organisation"]["name"] = '<script>alert("x")</script> & <img src=x onerror=y> | *b*'
    data["audit"]["auditor"] = "</td></table><h1>forged</h1>"
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ev = evaluate(load_standard("fairmined-2.0"), load_record(path))
    html = render_audit([ev], "html", translator("es"))
    assert "<script" not in html and "<img" not in html and "<h1>forged" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    md = render_audit([ev], "markdown", translator("es"))
    assert not re.search(r"(?<!\\)<", md), "every < in Markdown is backslash-escaped"
    assert "\\<script\\>" in md
    assert "\\| \\*b\\*" in md


def test_audit_cli_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format html --out writes the file; --json stays an alias of --format json."""
    out = tmp_path / "report.html"
    rc = main(["audit", str(RECORD), "--format", "html", "--locale", "fr_BF", "--out", str(out)])
    assert rc == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().out == ""
    main(["audit", str(RECORD), "--json"])
    as_alias = capsys.readouterr().out
    main(["audit", str(RECORD), "--format", "json"])
    assert capsys.readouterr().out == as_alias
    assert json.loads(as_alias)["decision"] == "not_certified"


def test_json_and_another_format_conflict(capsys: pytest.CaptureFixture[str]) -> None:
    """--json with --format markdown is a usage error, exit 2."""
    assert main(["audit", str(RECORD), "--json", "--format", "markdown"]) == 2
    assert "contradicts" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_text_formats_in_spanish(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every human format speaks the locale's language."""
    main(["audit", str(RECORD), "--format", fmt, "--locale", "es_PE"])
    assert "NO CERTIFICADA" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_premium_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The premium quote renders in every format; --json equals --format json."""
    args = ["premium", "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1kg",
            "--fineness", "0.995", "--reference-price", "2000", "--date", "2024-03-28",
            "--locale", "pt_BR", "--format", fmt]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(out)["premium"] == {"amount": "3980.00", "currency": "USD"}
    else:
        assert "Prêmio" in out


def test_text_report_in_french_has_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    """The plain-text report carries the same sections as HTML."""
    main(["audit", str(RECORD), "--locale", "fr", "--format", "text"])
    out = capsys.readouterr().out
    for heading in ("Résultats par catégorie", "Exigences non respectées", "Toutes les exigences"):
        assert heading in out
    assert "SHA-256" in out


@pytest.mark.parametrize(
    ("fmt", "locale", "words"),
    [
        ("text", "en", ["Lot verification", "Lots that need attention", "premium underpaid"]),
        ("markdown", "es_CO", ["# Verificación de lotes", "prima pagada de menos"]),
        ("html", "fr_BF", ['<html lang="fr-BF">', "Vérification des lots", "lot en double"]),
    ],
)
def test_lot_verification_summary_formats(
    fmt: str, locale: str, words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """verify-lots renders a translated summary with the lots that failed."""
    lots = ROOT / "examples" / "lots"
    rc = main(["verify-lots", str(lots / "lots.csv"), "--certificates",
               str(lots / "certificates.csv"), "--production", str(lots / "production.csv"),
               "--format", fmt, "--locale", locale])  # fmt: skip
    assert rc == 1
    out = capsys.readouterr().out
    for w in words:
        assert w in out


def test_several_standards_in_one_report(capsys: pytest.CaptureFixture[str]) -> None:
    """With several --standard, each standard's decision and sections follow in turn."""
    rec = ROOT / "examples" / "audits" / "crosswalk-all-standards.json"
    main(["audit", str(rec), "--standard", "fairmined-2.0", "--standard", "fairtrade-gold-2013",
          "--format", "markdown", "--locale", "pt_BR"])  # fmt: skip
    out = capsys.readouterr().out
    assert "## fairmined-2.0: Requisitos não cumpridos" in out
    assert "## fairtrade-gold-2013: Todos os requisitos" in out
    assert out.count("SHA-256 do padrão") == 2


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("locale", ["en", "es_CO", "fr_BF", "pt_BR"])
def test_chart_caption_shown_once(fmt: str, locale: str) -> None:
    """The outcomes chart is named once, by its section title, not again by its caption."""
    ev = evaluate(load_standard("fairmined-2.0"), load_record(RECORD))
    caption = translator(locale)._("Outcomes per category")
    out = render_audit([ev], fmt=fmt, locale=locale)
    visible = re.sub(r"<svg.*?</svg>", "", out, flags=re.S) if fmt == "html" else out
    assert visible.count(caption) <= 1
    assert caption in visible


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("locale", ["en", "es_CO", "fr_BF", "pt_BR"])
def test_suspension_reason_in_every_format(fmt: str, locale: str) -> None:
    """A suspension for unassessed entry requirements says which ones and the date to clear it."""
    record = load_record(ROOT / "examples/audits/fairmined-2.0-missing-evidence.json")
    ev = evaluate(load_standard("fairmined-2.0"), record)
    assert ev.decision == "suspended"
    tr = translator(locale)
    unknown = [r.id for r in ev.results if r.status == "not_assessed" and r.id in ev.blocking]
    clear_by = min(a.deadline for a in ev.corrective_actions if a.clears_suspension and a.deadline)
    out = render_audit([ev], fmt=fmt, locale=locale)
    reason = tr._(
        "Not assessed and blocking certification ({type}; what cannot be confirmed "
        "counts as not met): {ids}.",
        type="",
        ids=", ".join(unknown),
    )
    assert unknown and reason.split("(")[0].strip() in out
    assert ", ".join(unknown) in out
    assert tr.date(clear_by) in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("locale", ["en", "es_CO", "fr_BF", "pt_BR"])
def test_unverified_policy_is_named_in_every_language(fmt: str, locale: str) -> None:
    """The report names what the decision rests on that is not verified, in the reader's words."""
    from fairmined.report._audit_json import unverified_items

    record = load_record(ROOT / "examples/audits/fairmined-2.0-missing-evidence.json")
    ev = evaluate(load_standard("fairmined-2.0"), record)
    tables = [t for t, _ in unverified_items(ev)]
    assert tables == ["corrective_action_periods", "suspension"]
    tr = translator(locale)
    out = " ".join(html.unescape(render_audit([ev], fmt=fmt, locale=locale)).split())
    assert tr._("Not verified") in out
    assert tr._("Suspension period") in out and tr._("Corrective-action periods") in out
    assert "[en]" not in out
    if locale == "en":
        assert all(" ".join(note.split()) in out for _, note in unverified_items(ev))
