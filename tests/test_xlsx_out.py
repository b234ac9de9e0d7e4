"""Excel out: the statement and audits as .xlsx, read back with openpyxl."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairmined.audit import evaluate
from fairmined.cli import main
from fairmined.errors import InputError
from fairmined.records import load_record
from fairmined.report import _xlsx as xlsx_module
from fairmined.report import audit_xlsx, statement_xlsx
from fairmined.report._audit import STATUS_LABELS
from fairmined.standards import load_standard
from fairmined.statement import premium_statement

ROOT = Path(__file__).parent.parent
EX = ROOT / "examples" / "statement"
KW = {"prices": EX / "precios.csv", "rates": EX / "tasas.csv", "currency": "COP"}
AUDIT = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"

pytestmark = pytest.mark.usefixtures("fresh_standards")


def statement(sales: Path = EX / "ventas.csv"):  # type: ignore[no-untyped-def]
    return premium_statement(sales, "fairmined-2.0", **KW)  # type: ignore[arg-type]


def book(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def test_statement_round_trip_figures() -> None:
    """Every money cell read back equals the statement's figure, with its currency's format."""
    st = statement()
    wb = book(statement_xlsx(st, "es_CO"))
    assert wb.sheetnames == ["Ventas", "Totales", "Cómo se calcula"]
    ws = wb["Ventas"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    header = [c.value for c in ws[1]]
    floor_usd = header.index("Precio mínimo (USD)")
    short_cop = header.index("Déficit (COP)")
    for line, row in zip(st.lines, ws.iter_rows(min_row=2), strict=True):
        assert row[0].value.date() == line.sale.sale_date
        assert Decimal(str(row[floor_usd].value)) == line.usd.floor.amount
        assert row[floor_usd].number_format == "#,##0.00"
        assert Decimal(str(row[short_cop].value)) == line.local.shortfall.amount
        assert row[short_cop].number_format == "#,##0"
        assert row[-1].value is line.underpaid


def test_statement_totals_sheet_adds_up() -> None:
    """The period row of the totals sheet is the sum of the sales sheet's column."""
    wb = book(statement_xlsx(statement(), "en"))
    sales, totals = wb["Sales"], wb["Totals"]
    col = [c.value for c in sales[1]].index("Premium due (USD)")
    summed = sum(Decimal(str(r[col].value)) for r in sales.iter_rows(min_row=2))
    period = next(r for r in totals.iter_rows(min_row=2) if r[0].value == "Period")
    tcol = [c.value for c in totals[1]].index("Premium due (USD)")
    assert Decimal(str(period[tcol].value)) == summed == Decimal("20848.00")


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A buyer named like a formula is written as a text cell, never as a formula."""
    text = (EX / "ventas.csv").read_text(encoding="utf-8")
    evil = '=HYPERLINK("http://example.invalid","x")'
    sales = tmp_path / "ventas.csv"
    # Written as CSV writes it: quoted, its quotes doubled (a bare quote inside a cell is
    # a broken row, issue 17).
    quoted = '"' + evil.replace('"', '""') + '"'
    sales.write_text(text.replace("Fundición Ejemplo Uno S.A.S.", quoted), "utf-8")
    ws = book(statement_xlsx(statement(sales), "en"))["Sales"]
    cell = ws["B2"]
    assert cell.value == evil
    assert cell.data_type == "s"


def test_row_limit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """More rows than a sheet holds is an error naming the limit."""
    monkeypatch.setattr(xlsx_module, "MAX_ROWS", 3)
    with pytest.raises(InputError, match=r"more than the 3 rows an \.xlsx sheet holds"):
        statement_xlsx(statement(), "en")


def test_xlsx_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    """--format xlsx without --out is exit 2 before any work."""
    code = main(["audit", str(AUDIT), "--format", "xlsx"])
    assert code == 2
    assert "give --out FILE" in capsys.readouterr().err


def test_audit_workbook_round_trip(tmp_path: Path) -> None:
    """The audit workbook holds the decision, one row per requirement and dated actions."""
    out = tmp_path / "audit.xlsx"
    assert main(["audit", str(AUDIT), "--format", "xlsx", "--out", str(out)]) == 1
    ev = evaluate(load_standard("fairmined-2.0"), load_record(AUDIT))
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Summary",
        "Requirements",
        "Corrective-action plan",
        "Fidelity",
        "Not verified",
    ]
    for ws in wb:
        assert ws.freeze_panes == "A2"
    summary = [c.value for c in wb["Summary"][2]]
    assert summary[1] == "NOT CERTIFIED"
    reqs = list(wb["Requirements"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in reqs] == [r.id for r in ev.results]
    assert [r[5] for r in reqs] == [STATUS_LABELS[r.status] for r in ev.results]
    assert [r[7] for r in reqs] == [r.requirement.provenance.level for r in ev.results]
    fidelity = list(wb["Fidelity"].iter_rows(min_row=2, values_only=True))
    assert {r[1]: r[2] for r in fidelity} == ev.standard.fidelity_counts()
    unverified = list(wb["Not verified"].iter_rows(min_row=2, values_only=True))
    # fairmined-2.0's corrective-action periods are placeholders (standards/fairmined-2.0.toml)
    assert unverified == [
        (
            "fairmined-2.0",
            "Corrective-action periods",
            ev.standard.certification.periods_note,  # type: ignore[union-attr]
        )
    ]
    actions = list(wb["Corrective-action plan"].iter_rows(min_row=2, values_only=True))
    assert len(actions) == len(ev.corrective_actions)
    for row, action in zip(actions, ev.corrective_actions, strict=True):
        assert row[1] == action.requirement.id
        if action.deadline is not None:
            assert row[4].date() == action.deadline


def test_audit_workbook_in_spanish() -> None:
    """Sheet names and words follow the locale; explanations are Spanish sentences."""
    ev = evaluate(load_standard("fairmined-2.0"), load_record(AUDIT))
    wb = book(audit_xlsx([ev], "es"))
    assert wb.sheetnames == [
        "Resumen",
        "Requisitos",
        "Plan de acciones correctivas",
        "Fidelidad",
        "No verificado",
    ]
    ((_, subject, note),) = wb["No verificado"].iter_rows(min_row=2, values_only=True)
    assert subject == "Plazos de las acciones correctivas"
    assert note.startswith("El material público no da plazos")
    explanations = [r[6] for r in wb["Requisitos"].iter_rows(min_row=2, values_only=True)]
    assert not any(e and e.startswith("[en] ") for e in explanations)
    assert any(e and e.startswith("El trabajador W-08 tiene 14 años") for e in explanations)


def test_excel_in_results_excel_out(tmp_path: Path) -> None:
    """Sales read from .xlsx give a statement workbook with the same cells as from CSV.

    The cells are text with decimal points (an .xlsx text cell is read with a
    decimal point unless --decimal says otherwise).
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    lines = (EX / "ventas.csv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        ws.append(line.replace(",", ".").split(";"))
    wb.save(tmp_path / "ventas.xlsx")
    a = book(statement_xlsx(statement(), "es_CO"))
    b = book(statement_xlsx(statement(tmp_path / "ventas.xlsx"), "es_CO"))
    for name in a.sheetnames:
        rows_a = list(a[name].iter_rows(values_only=True))
        rows_b = list(b[name].iter_rows(values_only=True))
        assert rows_a == rows_b
