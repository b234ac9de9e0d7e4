"""``to_dict()`` on the result types is the JSON document the CLI writes; reprs stay one line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import fairmined
from fairmined.audit import diff, evaluate
from fairmined.lots import LotSummary, verify_lots
from fairmined.records import load_record
from fairmined.report import (
    DOCUMENTS,
    FORMATS,
    lot_json_text,
    lots_stream,
    render_audit,
    render_audit_diff,
    render_quote,
    render_statement,
    to_dict,
)
from fairmined.standards import load_standard
from fairmined.statement import premium_statement

ROOT = Path(__file__).resolve().parents[1]
AUDITS = sorted((ROOT / "examples" / "audits").glob("fairmined-2.0-*.json"))
LOTS = ROOT / "examples" / "lots"
STATEMENT = ROOT / "examples" / "statement"
#: A REPL line: what a repr may take at most.
LINE = 200

pytestmark = pytest.mark.usefixtures("fresh_standards")


@pytest.fixture(scope="module")
def lots() -> list[fairmined.LotResult]:
    return list(
        verify_lots(
            LOTS / "lots.csv",
            certificates=LOTS / "certificates.csv",
            production=LOTS / "production.csv",
        )
    )


@pytest.mark.parametrize("path", AUDITS, ids=lambda p: p.stem)
def test_evaluation_to_dict_is_the_json_output(path: Path) -> None:
    """Evaluation.to_dict() equals `audit --json`, format and organisation included."""
    ev = evaluate(load_standard("fairmined-2.0"), load_record(path))
    doc = ev.to_dict()
    assert doc == json.loads(render_audit([ev], "json"))
    assert doc["format"] == DOCUMENTS["evaluation"]
    assert doc["organisation"]["name"] == "Cooperativa Minera Ejemplo"
    assert len(repr(ev)) <= LINE and "\n" not in repr(ev)
    assert all(len(repr(r)) <= 3 * LINE for r in ev.results)


def test_audit_diff_to_dict_is_the_json_output() -> None:
    """AuditDiff.to_dict() equals `audit --diff --json` for one standard."""
    std = load_standard("fairmined-2.0")
    before, after = (
        evaluate(std, load_record(AUDITS[0].parent / f"fairmined-2.0-{n}.json"))
        for n in ("certified", "follow-up")
    )
    d = diff(before, after)
    assert d.to_dict() == json.loads(render_audit_diff([d], "json"))
    assert d.to_dict()["format"] == DOCUMENTS["audit-diff"]
    assert len(repr(d)) <= LINE


def test_quote_to_dict_is_the_json_output() -> None:
    """Quote.to_dict() equals `premium --json`; its repr is one short line."""
    q = fairmined.quote(
        "fairmined-2.0", "gold", "1kg", "0.995", reference_price="2000", sale_date=date(2024, 3, 28)
    )
    assert q.to_dict() == json.loads(render_quote(q, "json"))
    assert q.to_dict()["format"] == DOCUMENTS["quote"]
    assert len(repr(q)) <= LINE and "premium=" in repr(q)


def test_statement_to_dict_is_the_json_output() -> None:
    """Statement.to_dict() equals `statement --json` for the shipped example."""
    st = premium_statement(
        STATEMENT / "ventas.csv",
        "fairmined-2.0",
        prices=STATEMENT / "precios.csv",
        rates=STATEMENT / "tasas.csv",
        currency="COP",
    )
    assert st.to_dict() == json.loads(render_statement(st, "json"))
    assert st.to_dict()["format"] == DOCUMENTS["statement"]
    assert len(repr(st)) <= LINE


def test_lot_to_dict_is_its_json_line(lots: list[fairmined.LotResult]) -> None:
    """LotResult.to_dict() is the lot's JSON line; LotSummary.to_dict() the summary line."""
    summary = LotSummary()
    for r in lots:
        summary.add(r)
        assert r.to_dict() == json.loads(lot_json_text(r))
        assert len(repr(r)) <= LINE
    last = list(FORMATS["jsonl"].stream(lots_stream([], summary)))[-1]  # type: ignore[misc]
    assert summary.to_dict() == json.loads(last)
    assert summary.to_dict()["format"] == DOCUMENTS["lot-summary"]


def test_standard_and_record_reprs_are_one_line() -> None:
    """A Standard or an AuditRecord shows as one short line, not its whole content."""
    for sid in fairmined.list_standards():
        std = load_standard(sid)
        assert len(repr(std)) <= LINE and sid in repr(std)
    record = load_record(AUDITS[0])
    assert len(repr(record)) <= LINE and record.sha256[:12] in repr(record)


def test_to_dict_refuses_other_objects() -> None:
    """to_dict of something that is not a result is a TypeError naming its type."""
    with pytest.raises(TypeError, match="str"):
        to_dict("quote")
