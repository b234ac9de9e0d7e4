"""Lots from a pandas DataFrame or an Arrow table, read by DuckDB; results as Arrow and pandas."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fairmined.errors import InputError
from fairmined.lots import LOT_COLUMNS, run_lots, verify_lots
from strategies import (
    LOTS_CERTIFICATES,
    LOTS_PRODUCTION,
    LOTS_ROW,
    odd_lot_tables,
    supply_lot_tables,
)

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KW = {"certificates": LOTS_CERTIFICATES, "production": LOTS_PRODUCTION}
#: C-1 covers the Labelled supply model only; C-2 none.
SUPPLY_CERTS = [
    {**LOTS_CERTIFICATES[0], "supply_models": "labelled"},
    {**LOTS_CERTIFICATES[1], "supply_models": ""},
]


def write_plain_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Rows as CSV lines joined with commas, unquoted (the cells hold no comma or quote)."""
    lines = [",".join(LOT_COLUMNS)] + [",".join(r[c] for c in LOT_COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@SETTINGS
@given(odd_lot_tables())
def test_dataframe_and_arrow_input_equal_csv_input(tmp_path_factory, rows):
    """A DataFrame read as text, and the Arrow table of it, give the CSV file's results."""
    path = write_plain_csv(tmp_path_factory.mktemp("df") / "lots.csv", rows)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    want = list(verify_lots(path, **KW))
    assert list(verify_lots(frame, first_line=2, **KW)) == want
    assert list(verify_lots(pa.Table.from_pandas(frame), first_line=2, **KW)) == want


def test_float_column_is_refused_naming_it():
    """A float column cannot hold amounts exactly: the run stops, naming the column."""
    frame = pd.DataFrame([LOTS_ROW] * 2).astype({"price_paid": "float64"})
    with pytest.raises(InputError, match="column price_paid holds floats"):
        verify_lots(frame, **KW)
    table = pa.table({c: [LOTS_ROW[c]] for c in LOT_COLUMNS}).set_column(
        LOT_COLUMNS.index("premium_paid"), "premium_paid", pa.array([4975.0])
    )
    with pytest.raises(InputError, match="column premium_paid holds floats"):
        verify_lots(table, **KW)


def test_float_column_of_missing_values_reads_as_empty():
    """A float column whose every value is NaN is empty cells, as in the CSV file."""
    frame = pd.DataFrame([LOTS_ROW])
    frame["premium_paid"] = float("nan")
    [got] = verify_lots(frame, **KW)
    [want] = verify_lots([{**LOTS_ROW, "premium_paid": ""}], **KW)
    assert got.status == "invalid" and got == want


def test_whole_numbers_and_booleans_read_as_their_text():
    """An int column is its digits and a bool column true/false, as the mapping path reads them."""
    row = {**LOTS_ROW, "reference_price": "2200", "ecological": "false", "lot_id": "7"}
    frame = pd.DataFrame([row]).astype({"reference_price": "int64", "lot_id": "int64"})
    frame["ecological"] = [False]
    assert frame["ecological"].dtype == bool
    assert list(verify_lots(frame, **KW)) == list(verify_lots([row], **KW))


def test_other_cell_types_are_read_row_by_row():
    """Decimal and date cells take the mapping path: results equal those of the records."""
    rows = [{**LOTS_ROW, "price_paid": Decimal("68000.00")}, {**LOTS_ROW, "lot_id": "x"}]
    frame = pd.DataFrame(rows)
    assert list(verify_lots(frame, **KW)) == list(verify_lots(rows, **KW))


def test_a_missing_lot_column_stops_the_run_as_in_a_csv_header():
    """A DataFrame lacking a lot column is refused before any row, like a CSV file."""
    frame = pd.DataFrame([LOTS_ROW]).drop(columns=["currency"])
    with pytest.raises(InputError, match="lacks column currency"):
        verify_lots(frame, **KW)
    misspelt = pd.DataFrame([LOTS_ROW]).rename(columns={"premium_paid": "premium_payed"})
    with pytest.raises(InputError, match="premium_payed"):
        verify_lots(misspelt, **KW)


def test_extra_columns_are_not_read():
    """A buyer's own columns, even floats, do not change the results."""
    frame = pd.DataFrame([LOTS_ROW])
    frame["notes"] = [1.5]
    assert list(verify_lots(frame, **KW)) == list(verify_lots([LOTS_ROW], **KW))


def test_results_as_arrow_and_pandas_hold_no_python_objects():
    """to_arrow and to_pandas give the results in input order, lists and text in Arrow types."""
    rows = [{**LOTS_ROW, "lot_id": f"L-{i}"} for i in range(3)] + [{**LOTS_ROW, "lot_id": "L-0"}]
    with run_lots(pd.DataFrame(rows), first_line=2, **KW) as run:
        table = run.to_arrow()
        frame = run.to_pandas()
    want = list(verify_lots(rows, first_line=2, **KW))
    assert table.column("line").to_pylist() == [r.line for r in want]
    assert table.column("status").to_pylist() == [r.status for r in want]
    assert table.column("checks").to_pylist() == [list(r.checks) for r in want]
    assert table.column("premium_due").to_pylist() == [
        None if r.premium_due is None else str(r.premium_due.amount) for r in want
    ]
    assert all(isinstance(dtype, pd.ArrowDtype) for dtype in frame.dtypes)
    assert frame["status"].tolist() == [r.status for r in want]


def test_pandas_and_pyarrow_imported_only_for_tables():
    """Verifying a CSV file imports neither pandas nor pyarrow."""
    code = (
        "import sys\n"
        "from fairmined.lots import verify_lots\n"
        f"list(verify_lots({str(Path(__file__).parent.parent / 'examples/lots/lots.csv')!r}, "
        f"certificates={str(Path(__file__).parent.parent / 'examples/lots/certificates.csv')!r}))\n"
        "print('pandas' in sys.modules, 'pyarrow' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@SETTINGS
@given(supply_lot_tables())
def test_dataframe_with_supply_models_equals_csv_input(tmp_path_factory, rows):
    """The optional supply_model column reads alike from a DataFrame and from the CSV file."""
    columns = (*LOT_COLUMNS, "supply_model")
    path = tmp_path_factory.mktemp("supply") / "lots.csv"
    lines = [",".join(columns)] + [",".join(r.get(c, "") for c in columns) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kw = {"certificates": SUPPLY_CERTS, "production": LOTS_PRODUCTION}
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(verify_lots(frame, first_line=2, **kw)) == list(verify_lots(path, **kw))
