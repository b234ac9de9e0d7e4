"""DataFrames in and out: the statement and a batch of quotes, never through floats."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmined.errors import FileProblems, InputError
from fairmined.pricing import QuoteBatch, quote, quote_batch
from fairmined.report import statement_json
from fairmined.statement import SALE_COLUMNS, premium_statement
from strategies import sale_rows

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).parent.parent
EX = ROOT / "examples" / "statement"
KW = {"prices": EX / "precios.csv", "rates": EX / "tasas.csv", "currency": "COP"}

pytestmark = pytest.mark.usefixtures("fresh_standards")


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=SALE_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def _figures(st_json: dict) -> dict:  # type: ignore[type-arg]
    for row in st_json["sales"]:
        row.pop("row")
    return st_json


@given(st.lists(sale_rows(), min_size=1, max_size=8))
def test_dataframe_input_equals_csv_input(tmp_path_factory: pytest.TempPathFactory, rows) -> None:  # type: ignore[no-untyped-def]
    """A statement from a DataFrame read as text equals the statement from the CSV file."""
    path = tmp_path_factory.mktemp("sales") / "sales.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    from_csv = premium_statement(path, "fairmined-2.0", **KW)  # type: ignore[arg-type]
    from_df = premium_statement(df, "fairmined-2.0", **KW)  # type: ignore[arg-type]
    assert _figures(statement_json(from_csv)) == _figures(statement_json(from_df))


def test_float_column_is_refused() -> None:
    """A DataFrame whose amounts are floats is refused, naming the column."""
    df = pd.read_csv(EX / "ventas.csv", sep=";", decimal=",")
    with pytest.raises(FileProblems, match="is a float"):
        premium_statement(df, "fairmined-2.0", **KW)  # type: ignore[arg-type]


def test_statement_to_pandas_has_no_floats() -> None:
    """Statement.to_pandas() has one row per sale and Decimal amounts, never floats."""
    st_ = premium_statement(EX / "ventas.csv", "fairmined-2.0", **KW)  # type: ignore[arg-type]
    df = st_.to_pandas()
    assert len(df) == len(st_.lines)
    assert all(dtype is pd.api.types.pandas_dtype(object) for dtype in df.dtypes)
    assert not any(isinstance(v, float) for v in df.to_numpy().ravel())
    assert df.loc[df["lot_id"] == "EP-105", "usd_shortfall"].item() == Decimal("744.48")
    assert df["usd_premium_due"].sum() == Decimal("20848.00")


def test_quote_batch_from_dataframe_equals_single_quotes() -> None:
    """Each row of a quote batch equals quote() called with the same values."""
    df = pd.DataFrame(
        {
            "sale_date": ["2024-03-28", "2024-03-29"],
            "metal": ["gold", "silver"],
            "gross_mass": ["1.250kg", "10kg"],
            "fineness": ["0.995", "925‰"],
            "ecological": ["false", "true"],
            "paid": ["", "8000.00"],
        },
        dtype=str,
    )
    batch = quote_batch(df, "fairtrade-gold-2013", prices=ROOT / "examples/prices-illustrative.csv")
    assert isinstance(batch, QuoteBatch) and len(batch) == 2
    one = quote(
        "fairtrade-gold-2013", "silver", "10kg", "925‰",
        prices=ROOT / "examples/prices-illustrative.csv", sale_date=date(2024, 3, 29),
        ecological=True, paid="8000.00",
    )  # fmt: skip
    assert batch.quotes[1].total == one.total
    frame = batch.to_pandas()
    assert frame.loc[1, "total"] == one.total.amount
    assert frame.loc[1, "reference_price_date"] == date(2024, 3, 28)
    assert not any(isinstance(v, float) for v in frame.to_numpy().ravel())


def test_quote_batch_reports_every_bad_row() -> None:
    """Bad rows are reported together, each with its row number and column."""
    rows = [
        {"sale_date": "2024-03-28", "metal": "gold", "gross_mass": "1kg", "fineness": "0.995",
         "reference_price": "2000"},
        {"sale_date": "2024-02-30", "metal": "gold", "gross_mass": "1kg", "fineness": "0.995",
         "reference_price": "2000"},
        {"sale_date": "2024-03-28", "metal": "gold", "gross_mass": 1.5, "fineness": "0.995",
         "reference_price": "2000"},
    ]  # fmt: skip
    with pytest.raises(FileProblems) as e:
        quote_batch(rows, "fairmined-2.0")
    lines = e.value.lines()
    assert len(lines) == 2
    assert lines[0].startswith("line 2: sale_date")
    assert lines[1].startswith("line 3: gross_mass") and "float" in lines[1]


def test_pandas_imported_only_when_used() -> None:
    """A statement from a file does not import pandas; to_pandas() does."""
    code = (
        "import sys, fairmined\n"
        "st = fairmined.premium_statement('examples/statement/ventas.csv', 'fairmined-2.0',"
        " prices='examples/statement/precios.csv', rates='examples/statement/tasas.csv',"
        " currency='COP')\n"
        "print('pandas' in sys.modules)\n"
        "st.to_pandas()\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]


def test_to_pandas_without_pandas_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas installed, to_pandas() says what to install."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    st_ = premium_statement(EX / "ventas.csv", "fairmined-2.0", **KW)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="needs pandas"):
        st_.to_pandas()


def test_requirements_frame_one_row_per_requirement() -> None:
    """An evaluation's requirements frame has one row per result, with its status and deadline."""
    from fairmined.audit import evaluate, requirements_frame

    # fairtrade-gold-2013: retorts (3.2.1.2) is a core criterion, corrected within 3 months.
    ev = evaluate(
        "fairtrade-gold-2013",
        ROOT / "examples/audits/fairtrade-gold-2013-child-labour-mercury.json",
    )
    frame = requirements_frame(ev)
    assert list(frame["id"]) == [r.id for r in ev.results]
    assert list(frame["status"]) == [r.status for r in ev.results]
    row = frame[frame["id"] == "3.2.1.2"].iloc[0]
    assert row["corrective_action"] is True
    assert row["deadline"] == date(2024, 8, 20)
