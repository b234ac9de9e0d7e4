"""The cooperative's premium statement: figures checked by hand, totals, exit codes, errors."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fairmined.cli import main
from fairmined.errors import InputError
from fairmined.statement import premium_statement

from . import regen_golden_statement as golden

ROOT = Path(__file__).parent.parent
EX = ROOT / "examples" / "statement"
SALES = EX / "ventas.csv"
PRICES = EX / "precios.csv"
RATES = EX / "tasas.csv"
HEADER = (
    "sale_date,buyer,lot_id,metal,gross_mass,fineness,ecological,price_received,"
    "premium_received,currency"
)

pytestmark = pytest.mark.usefixtures("fresh_standards")


def example():  # type: ignore[no-untyped-def]
    return premium_statement(SALES, "fairmined-2.0", prices=PRICES, rates=RATES, currency="COP")


def by_lot(st):  # type: ignore[no-untyped-def]
    return {line.sale.lot_id: line for line in st.lines}


def test_example_figures_checked_by_hand() -> None:
    """Every figure of three example sales equals the arithmetic written out below."""
    lines = by_lot(example())
    # EP-101: 1.000 kg at 0.995 = 995 g fine; gold PM price of 2024-02-05: 2030.00 USD/ozt.
    # floor = 0.95 x 2030.00 x 995 / 31.1034768
    #       = 1,918,857.5 / 31.1034768 = 61,692.7012 -> 61,692.70
    # premium (Fairmined 2.0, USD 4,000 per kg fine) = 4,000 x 0.995 = 3,980.00
    # COP (no decimals) at 3,950.25: floor 61,692.70 x 3,950.25 = 243,701,587.6 -> 243,701,588
    #   premium 3,980.00 x 3,950.25 = 15,721,995; price 62,000 x 3,950.25 = 244,915,500
    a = lines["EP-101"]
    assert a.fine_mass_g == Decimal("995.000")
    assert a.quote.reference.per_troy_ounce.amount == Decimal("2030.00")
    assert a.usd.floor.amount == Decimal("61692.70")
    assert a.usd.premium_due.amount == Decimal("3980.00")
    assert a.usd.shortfall.amount == 0
    assert a.local is not None
    assert a.local.floor.amount == Decimal("243701588")
    assert a.local.premium_due.amount == Decimal("15721995")
    assert a.local.price_received.amount == Decimal("244915500")
    # EP-102: 500 g at 0.990 = 495 g fine, ecological, paid in COP; price 2015.50 on 2024-02-19.
    # floor = 0.95 x 2015.50 x 495 / 31.1034768
    #       = 947,788.875 / 31.1034768 = 30,472.1199 -> 30,472.12
    # ecological premium = 6,000 x 0.495 = 2,970.00
    # no COP rate on 2024-02-19: the rate of 2024-02-16, 3,925.50, is used.
    # premium in COP = 2,970.00 x 3,925.50 = 11,658,735; received 11,660,000: no shortfall.
    # received in USD = 11,660,000 / 3,925.50 = 2,970.3222 -> 2,970.32
    b = lines["EP-102"]
    assert b.usd.floor.amount == Decimal("30472.12")
    assert b.usd.premium_due.amount == Decimal("2970.00")
    assert b.rate is not None and b.rate.on == date(2024, 2, 16)
    assert b.rate.rate == Decimal("3925.50")
    assert b.local is not None and b.local.premium_due.amount == Decimal("11658735")
    assert b.usd.premium_received.amount == Decimal("2970.32")
    assert not b.underpaid
    # EP-105: sold on Good Friday 2024-03-29 (no price): the PM price of 2024-03-28, 2210.00.
    # 1.500 kg at 0.995 = 1,492.5 g fine.
    # floor = 0.95 x 2210.00 x 1,492.5 / 31.1034768 = 3,133,503.75 / 31.1034768
    #       = 100,744.4849 -> 100,744.48; received 100,000.00: shortfall 744.48.
    c = lines["EP-105"]
    assert c.quote.reference.on == date(2024, 3, 28)
    assert c.fine_mass_g == Decimal("1492.500")
    assert c.usd.floor.amount == Decimal("100744.48")
    assert c.usd.shortfall.amount == Decimal("744.48")
    assert c.underpaid


def test_example_period_totals_by_hand() -> None:
    """The period's USD totals are the sums of the lines, written out by hand."""
    st = example()
    # premium due: 3,980.00 + 2,970.00 + 4,776.00 + 3,152.00 + 5,970.00 = 20,848.00
    assert st.period.usd.premium_due.amount == Decimal("20848.00")
    # shortfall: EP-103 premium 4,776.00 - 4,500.00 = 276.00; EP-105 price 744.48; 1,020.48
    assert st.period.usd.shortfall.amount == Decimal("1020.48")
    # fine mass: 995 + 495 + 1,194 + 788 + 1,492.5 = 4,964.5 g
    assert st.period.fine_mass_g == Decimal("4964.500")
    assert [line.sale.lot_id for line in st.underpaid] == ["EP-103", "EP-105"]


def test_every_total_is_the_sum_of_its_lines() -> None:
    """Per buyer, per month and for the period, each total adds the printed line figures."""
    st = example()
    for total in (*st.by_buyer, *st.by_month, st.period):
        if total.kind == "buyer":
            chosen = [ln for ln in st.lines if ln.sale.buyer == total.key]
        elif total.kind == "month":
            chosen = [ln for ln in st.lines if ln.sale.sale_date.strftime("%Y-%m") == total.key]
        else:
            chosen = list(st.lines)
        assert total.sales == len(chosen)
        for field in ("floor", "price_received", "premium_due", "premium_received", "shortfall"):
            usd = sum(getattr(ln.usd, field).amount for ln in chosen)
            cop = sum(getattr(ln.local, field).amount for ln in chosen)
            assert getattr(total.usd, field).amount == usd, (total.key, field)
            assert total.local is not None
            assert getattr(total.local, field).amount == cop, (total.key, field)


def test_printed_totals_add_up_in_the_json() -> None:
    """In the JSON output the period total of each amount is the sum of the sales' amounts."""
    data = json.loads(golden.render("json")[1])
    for cur in ("usd", "local"):
        for field in ("floor_price", "premium_due", "premium_received", "shortfall"):
            lines = sum(Decimal(s[cur][field]["amount"]) for s in data["sales"])
            total = Decimal(data["totals"]["period"][cur][field]["amount"])
            assert lines == total, (cur, field)


@pytest.mark.parametrize("fmt", sorted(golden.FORMATS))
def test_golden_output(fmt: str) -> None:
    """The Spanish example equals its reviewed golden file (update: regen_golden_statement.py)."""
    code, out, _err = golden.render(fmt)
    assert code == 1
    assert out == (golden.GOLDEN / golden.FORMATS[fmt]).read_text(encoding="utf-8")


def test_spanish_text_says_rate_and_price_fallbacks() -> None:
    """The text names the earlier rate and price dates used, in Spanish."""
    out = golden.render("text")[1]
    said = " ".join(out.split())  # sentences wrap at 80 columns
    assert "se usó la tasa del 16 de febrero de 2024 (fecha anterior más cercana" in said
    assert "se usó el precio del 28 de marzo de 2024 PM" in said
    # the buyer's name wraps inside the first column of the totals table
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Comprador:"))
    rule = next(lines[i] for i in range(at, 0, -1) if lines[i].startswith("---"))
    w = len(rule.split()[0])  # the first column's width, from its dashes
    cell = [lines[at][:w].strip()]
    for line in lines[at + 1 :]:
        if line[w:].strip():  # the next row of the table
            break
        cell.append(line.strip())
    assert " ".join(cell).startswith("Comprador: Fundición Ejemplo Uno S.A.S.")


def write(tmp_path: Path, rows: list[str], name: str = "sales.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


PAID = "2024-03-28,B,L1,gold,1000g,0.995,false,68000.00,3980.00,USD"


def test_all_paid_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A statement with no underpaid sale exits 0 and says every sale was paid."""
    path = write(tmp_path, [PAID])
    code = main(["statement", str(path), "--standard", "fairmined-2.0", "--prices", str(PRICES)])
    assert code == 0
    assert "Every sale was paid at least what was due." in capsys.readouterr().out


def test_reference_price_column(tmp_path: Path) -> None:
    """Without a price file, each sale's reference_price is used, dated on the sale."""
    header = HEADER + ",reference_price"
    path = write(tmp_path, [PAID + ",2000.00"], header=header)
    st = premium_statement(path, "fairmined-2.0")
    line = st.lines[0]
    assert line.quote.reference.per_troy_ounce.amount == Decimal("2000.00")
    assert line.quote.reference.on == date(2024, 3, 28)
    assert st.prices_source == "reference_price"


def test_price_file_and_column_together_refused(tmp_path: Path) -> None:
    """A reference_price column and a price file together are an error naming the row."""
    path = write(tmp_path, [PAID + ",2000.00"], header=HEADER + ",reference_price")
    with pytest.raises(InputError, match="row 2 has a reference_price"):
        premium_statement(path, "fairmined-2.0", prices=PRICES)


def test_no_price_source_refused(tmp_path: Path) -> None:
    """Neither a price file nor a reference_price column is an error with the fix."""
    path = write(tmp_path, [PAID])
    with pytest.raises(InputError, match="no reference_price"):
        premium_statement(path, "fairmined-2.0")


def test_local_currency_sale_needs_rates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sale paid in COP without --currency COP --rates is exit 2, naming the fix."""
    path = write(tmp_path, ["2024-03-28,B,L1,gold,1000g,0.995,false,250000000,15000000,COP"])
    code = main(["statement", str(path), "--standard", "fairmined-2.0", "--prices", str(PRICES)])
    err = capsys.readouterr().err
    assert code == 2
    assert "paid in COP" in err and "--currency COP --rates FILE" in err


def test_period_filter(tmp_path: Path) -> None:
    """--from/--to keep the sales inside the period and count the others."""
    st = premium_statement(
        SALES,
        "fairmined-2.0",
        prices=PRICES,
        rates=RATES,
        currency="COP",
        start=date(2024, 3, 1),
        end=date(2024, 3, 31),
    )
    assert [ln.sale.lot_id for ln in st.lines] == ["EP-103", "EP-104", "EP-105"]
    assert st.skipped == 2


def test_bad_rows_one_line_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same bad cell on many rows is one error line with the count and the rows."""
    rows = [f"2024-03-28,B,L{i},gold,1000g,0.995,maybe,63000.00,3980.00,USD" for i in range(7)]
    path = write(tmp_path, rows)
    code = main(["statement", str(path), "--standard", "fairmined-2.0", "--prices", str(PRICES)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert len(err) == 1
    assert "ecological must be true or false" in err[0]
    assert "on 7 rows: line 2, line 3, line 4, line 5, line 6 and 2 more" in err[0]


def test_amount_with_too_many_decimals_refused(tmp_path: Path) -> None:
    """An amount received with more decimals than its currency is an error naming the column."""
    path = write(tmp_path, ["2024-03-28,B,L1,gold,1000g,0.995,false,63000.001,3980.00,USD"])
    with pytest.raises(InputError, match=r"price_received 63000\.001 has more decimals"):
        premium_statement(path, "fairmined-2.0", prices=PRICES)


def _as_xlsx(csv_path: Path, out: Path) -> Path:
    """The example CSV as a workbook typed as Excel would type it (numbers as floats)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Ventas"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    ws.append(lines[0].split(";"))
    for line in lines[1:]:
        cells: list[object] = []
        for cell in line.split(";"):
            number = cell.replace(",", ".")
            try:
                cells.append(float(number) if "." in number else int(number))
            except ValueError:
                cells.append(number)
        ws.append(cells)
    wb.save(out)
    return out


def test_xlsx_sales_give_the_same_statement(tmp_path: Path) -> None:
    """The example sales as .xlsx give byte-identical JSON to the semicolon CSV."""
    from fairmined.report import statement_json

    book = _as_xlsx(SALES, tmp_path / "ventas.xlsx")
    kw = {"prices": PRICES, "rates": RATES, "currency": "COP"}
    from_csv = statement_json(premium_statement(SALES, "fairmined-2.0", **kw))  # type: ignore[arg-type]
    from_xlsx = statement_json(premium_statement(book, "fairmined-2.0", **kw))  # type: ignore[arg-type]
    # Excel keeps numbers, not how they were written: 0,990 comes back as 0.99, so the
    # as-written fineness differs; the row numbers are the same, every figure too.
    for row in (*from_csv["sales"], *from_xlsx["sales"]):
        row.pop("fineness")
    assert json.dumps(from_csv) == json.dumps(from_xlsx)


def test_comma_copy_of_the_example_gives_the_same_statement(tmp_path: Path) -> None:
    """A comma/decimal-point copy of the semicolon/decimal-comma example reads the same."""
    from fairmined.report import statement_json

    text = SALES.read_text(encoding="utf-8")
    copy = tmp_path / "ventas.csv"
    copy.write_text(text.replace(",", ".").replace(";", ","), encoding="utf-8")
    kw = {"prices": PRICES, "rates": RATES, "currency": "COP"}
    a = statement_json(premium_statement(SALES, "fairmined-2.0", **kw))  # type: ignore[arg-type]
    b = statement_json(premium_statement(copy, "fairmined-2.0", **kw))  # type: ignore[arg-type]
    assert a == b


@pytest.mark.parametrize(
    ("locale", "bounds", "said"),
    [
        ("en", ["--from", "2020-01-01", "--to", "2020-12-31"], "No sales between"),
        ("es", ["--from", "2020-01-01", "--to", "2020-12-31"], "No hay ventas entre"),
        ("fr", ["--from", "2020-01-01", "--to", "2020-12-31"], "Aucune vente entre"),
        ("pt", ["--from", "2020-01-01", "--to", "2020-12-31"], "Nenhuma venda entre"),
        ("en", ["--from", "2030-01-01"], "No sales from"),
        ("en", ["--to", "2020-01-01"], "No sales up to"),
    ],
)
def test_no_sales_in_the_period_says_which_dates(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    locale: str,
    bounds: list[str],
    said: str,
) -> None:
    """With --from/--to and no sale inside, the statement says no sales between those dates."""
    path = write(tmp_path, [PAID])
    args = ["statement", str(path), "--standard", "fairmined-2.0", "--prices", str(PRICES)]
    assert main([*args, *bounds, "--locale", locale]) == 0
    out = capsys.readouterr().out
    assert said in out
    assert "2020" in out.split(said)[1].splitlines()[0] or "2030" in out.split(said)[1]
    assert "Every sale was paid" not in out
