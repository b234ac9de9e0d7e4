"""Decision reasons, record notes and quote notices as data (a code and its facts), worded
per locale in the report layer, the JSON keeping the English text next to the code."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fairmined.audit import evaluate
from fairmined.audit._evaluate import DECISION_REASONS
from fairmined.pricing import quote
from fairmined.records import load_record
from fairmined.report import render_audit, render_quote
from fairmined.standards import load_standard

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "audits").glob("*.json"))
TINY = Path(__file__).parent / "data" / "tiny-standard.toml"
LANGS = ("es_CO", "fr_BF", "pt_BR")


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / "audits" / name).read_text("utf-8"))
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_reasons_and_notes_are_codes_with_the_english_beside(path: Path) -> None:
    """Every reason and note of every example is a notice whose text is the string kept."""
    record = load_record(path)
    ev = evaluate(load_standard(record.standard or "fairmined-2.0"), record)
    assert tuple(n.text for n in ev.reason_notices) == ev.reasons
    assert tuple(n.text for n in ev.note_notices) == ev.notes
    for n in ev.reason_notices:
        assert set(n.args) == set(DECISION_REASONS[n.code]), n.code


def test_format_2_derivations_are_worded_without_field_paths() -> None:
    """The notes on what a format-2 record derived read as sentences in Spanish, no path."""
    ev = evaluate(
        load_standard("fairmined-2.0"),
        load_record(ROOT / "examples/audits/fairmined-2.0-follow-up.json"),
    )
    codes = {n.code for n in ev.note_notices}
    assert {"legality_derived", "per_miner_per_day_derived"} <= codes
    for lang in LANGS:
        text = render_audit([ev], "text", lang)
        assert "legality." not in text and "g_per_miner_per_day" not in text
        assert "[en]" not in text
    es = render_audit([ev], "text", "es_CO")
    assert "El título minero se dedujo de 2 permisos registrados" in es
    assert "1,325 g" in es


def test_ecological_not_requested_note_in_french() -> None:
    """An absent audit.ecological is a coded note, worded in French in the HTML report."""
    data = _example("fairmined-2.0-certified.json")
    data["audit"].pop("ecological", None)
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    assert [n.code for n in ev.note_notices] == ["ecological_not_requested"]
    html = render_audit([ev], "html", "fr_BF")
    assert "la certification écologique a été demandée" in html
    assert "audit.ecological" not in html


def test_worker_gap_note_in_portuguese() -> None:
    """An empty worker list is a coded note worded from the explanation words (Portuguese)."""
    data = copy.deepcopy(_example("fairmined-2.0-certified.json"))
    data["workers"] = []
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    gap = [n for n in ev.note_notices if n.code == "worker_gap"]
    assert gap and gap[0].args["listed"] == 0
    text = render_audit([ev], "markdown", "pt_BR")
    assert "[en]" not in text and "worker list" not in text


def test_evaluation_json_keeps_codes_next_to_the_english() -> None:
    """The JSON lists reason_notices and note_notices: code, args as plain data, English text."""
    ev = evaluate(
        load_standard("fairmined-2.0"),
        load_record(ROOT / "examples/audits/fairmined-2.0-follow-up.json"),
    )
    doc = json.loads(render_audit([ev], "json"))
    assert [n["text"] for n in doc["reason_notices"]] == doc["reasons"]
    assert [n["text"] for n in doc["note_notices"]] == doc["notes"]
    derived = next(n for n in doc["note_notices"] if n["code"] == "per_miner_per_day_derived")
    assert derived["args"]["value"] == "1.325"


def test_xlsx_reasons_are_worded_not_marked_english(tmp_path: Path) -> None:
    """The workbook's summary words the decision's reasons in Spanish, with no [en] mark."""
    from fairmined.report import translator
    from fairmined.report._audit_xlsx import _reasons

    record = load_record(ROOT / "examples/audits/fairmined-2.0-missing-evidence.json")
    ev = evaluate(load_standard("fairmined-2.0"), record)
    said = _reasons(ev, translator("es_CO"))
    assert said and not any(s.startswith("[en]") for s in said)
    assert any("No evaluados que bloquean la certificación" in s for s in said)


def test_quote_json_carries_notice_codes_and_args() -> None:
    """A quote's JSON has each warning's code and args next to its English text."""
    q = quote(
        "fairmined-2.0", "silver", "1kg", "0.999", reference_price="25", sale_date=date(2024, 3, 28)
    )
    doc = json.loads(render_quote(q, "json"))
    assert [n["text"] for n in doc["notices"]] == doc["warnings"]
    first = doc["notices"][0]
    assert first["code"] == "unverified_figure"
    assert first["args"]["metal"] == "silver" and first["args"]["label"] == "floor"
    assert first["args"]["figure"]["value"] == "0.95"


def test_ecological_premium_warning_names_the_ecological_premium() -> None:
    """An unverified ecological premium is called the ecological premium, in every language."""
    q = quote(
        "fairmined-2.0",
        "silver",
        "1kg",
        "0.999",
        reference_price="25",
        sale_date=date(2024, 3, 28),
        ecological=True,
    )
    eco = [n for n in q.notices if n.args.get("label") == "ecological_premium"]
    assert eco and "the silver ecological premium (15% of the reference price)" in eco[0].text
    from fairmined.report import notice_text, translator

    assert "prima ecológica de plata" in notice_text(eco[0], translator("es_CO"))
    assert "prime écologique" in notice_text(eco[0], translator("fr_BF"))
    assert "prêmio ecológico de prata" in notice_text(eco[0], translator("pt_BR"))
