"""The DuckDB engine against the Python reference: reading, exact amounts, rendering."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmined.lots import LOT_COLUMNS, LotSummary, render_lots, run_lots, verify_lots
from fairmined.pricing import Quoter
from fairmined.report import LOT_CSV_SQL, LOT_JSON_SQL, lot_csv_text, lot_json_text
from lots_reference import reference_results
from strategies import (
    LOTS_CERTIFICATES,
    LOTS_PRODUCTION,
    LOTS_ROW,
    WHOLE_OUNCE_LOTS,
    odd_lot_tables,
)

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
KW = {"certificates": LOTS_CERTIFICATES, "production": LOTS_PRODUCTION}


def write_plain_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Rows as CSV lines joined with commas, unquoted (the cells hold no comma or quote)."""
    lines = [",".join(LOT_COLUMNS)] + [",".join(r[c] for c in LOT_COLUMNS) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@SETTINGS
@given(odd_lot_tables())
def test_sql_reads_plain_rows_as_the_reference(tmp_path_factory, rows):
    """Odd cells in plain CSV lines: the verdicts, messages and amounts of the Python reference."""
    path = write_plain_csv(tmp_path_factory.mktemp("odd") / "lots.csv", rows)
    assert list(verify_lots(path, **KW)) == reference_results(path, **KW)


def _money_text(amount: Decimal, delta: str) -> str:
    return format(max(amount + Decimal(delta), Decimal(0)), "f")


@st.composite
def boundary_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    """Lots whose floor and premium land on half cents, paid at, just above or below them."""
    rows = []
    for i in range(draw(st.integers(1, 12))):
        mg, fineness = draw(st.sampled_from(WHOLE_OUNCE_LOTS))
        ounces = draw(st.integers(1, 400))
        ref = Decimal(draw(st.integers(100_000, 300_000))).scaleb(-2) + Decimal("0.01")
        metal = draw(st.sampled_from(["gold", "silver"]))
        eco = draw(st.booleans())
        fine_g = Decimal(mg * ounces).scaleb(-3) * Decimal(fineness)
        floor, due = Quoter("fairmined-2.0", metal, ecological=eco).floor_and_premium(
            fine_g, ref, LOT_DAY
        )
        deltas = st.sampled_from(["-0.01", "-0.005", "-0.0049", "0", "0.004", "0.005"])
        rows.append(
            {
                **LOTS_ROW,
                "lot_id": f"B-{i}",
                "sale_date": LOT_DAY.isoformat(),
                "metal": metal,
                "ecological": "true" if eco else "false",
                "gross_mass": f"{Decimal(mg * ounces).scaleb(-3)}g",
                "fineness": fineness,
                "reference_price": f"{ref}",
                "price_paid": _money_text(floor, draw(deltas)),
                "premium_paid": _money_text(due, draw(deltas)),
            }
        )
    return rows


LOT_DAY = __import__("datetime").date(2024, 2, 1)


@SETTINGS
@given(boundary_rows())
def test_amounts_on_rounding_boundaries_equal_decimal(tmp_path_factory, rows):
    """Half-cent floors and premiums, amounts paid around them: every amount as Decimal computes."""
    path = write_plain_csv(tmp_path_factory.mktemp("edge") / "lots.csv", rows)
    results = list(verify_lots(path, **KW))
    assert results == reference_results(path, **KW)
    for row, r in zip(rows, results, strict=True):
        paid = Decimal(row["premium_paid"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert r.premium_paid is not None and r.premium_paid.amount == paid


def test_amounts_beyond_64_bits_equal_decimal(tmp_path):
    """Amounts whose units outgrow 64 bits take the 128-bit path: still as Decimal computes."""
    big = {"price_paid": "123456789012345678.995", "premium_paid": "98765432109876543.215"}
    rows = [
        {**LOTS_ROW, "lot_id": "L-1", **big},
        {**LOTS_ROW, "lot_id": "L-2", "metal": "silver", "gross_mass": "9000000g", **big},
        {
            **LOTS_ROW,
            "lot_id": "L-3",
            "metal": "silver",
            "gross_mass": "9000000g",
            "reference_price": "999999.99",
            "price_paid": "5.005",
            "premium_paid": "0.5",
        },
        {**LOTS_ROW, "lot_id": "L-4", "gross_mass": "9999999999g", "premium_paid": "1.00"},
    ]
    path = write_plain_csv(tmp_path / "lots.csv", rows)
    results = list(verify_lots(path, **KW))
    assert results == reference_results(path, **KW)
    assert [r.premium_paid.amount for r in results[:2]] == [Decimal("98765432109876543.22")] * 2
    assert results[2].checks == ("price_below_floor", "premium_underpaid")
    for render, sql in ((lot_json_text, LOT_JSON_SQL), (lot_csv_text, LOT_CSV_SQL)):
        by_sql = "".join(render_lots(path, render, summary=LotSummary(), sql=sql, **KW))
        assert by_sql == "".join(render(r) + "\n" for r in results)


def test_most_rows_of_a_plain_file_are_judged_in_sql(tmp_path, monkeypatch):
    """Plain rows, passing or underpaid, never reach the Python check (the slow path)."""
    from fairmined.lots import _engine

    calls: list[int] = []
    original = _engine.verdict

    def counting(ctx, raw):  # type: ignore[no-untyped-def]
        calls.append(raw.line)
        return original(ctx, raw)

    monkeypatch.setattr(_engine, "verdict", counting)
    rows = [{**LOTS_ROW, "lot_id": f"L-{i}", "premium_paid": "3980.00"} for i in range(50)]
    rows[7]["premium_paid"] = "1.00"  # underpaid: its message is written in SQL too
    rows[9]["gross_mass"] = "1 kg"  # written out of the ordinary: the Python reader
    path = write_plain_csv(tmp_path / "lots.csv", rows)
    results = list(verify_lots(path, certificates=LOTS_CERTIFICATES))
    assert calls == [11]
    assert results[7].checks == ("premium_underpaid",)
    assert results == reference_results(path, certificates=LOTS_CERTIFICATES)


ids = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8) | st.sampled_from(
    ['L-"q"', "L-\\", "L-\u2028", "=L", "-L", "L,1", "L\n1", "L\u202e1", "L\x851", "L\u061c"]
)


#: Ways a lot can fail or be invalid, as changes to LOTS_ROW.
variants = st.sampled_from(
    [
        {},
        {"premium_paid": "1.00"},
        {"price_paid": "1.00"},
        {"certificate_id": "C-9"},
        {"metal": "silver", "certificate_id": "C-2"},
        {"ecological": "true", "certificate_id": "C-2"},
        {"sale_date": "2022-06-01"},
        {"gross_mass": "1 kg"},
        {"premium_paid": "many"},
        {"gross_mass": "400kg"},
    ]
)


@SETTINGS
@given(
    st.lists(st.tuples(ids, variants), min_size=1, max_size=10),
    st.sampled_from(["json", "csv"]),
    st.booleans(),
)
def test_sql_rendering_equals_the_report_renderers(tmp_path, lots, fmt, as_csv):
    """Every lot (pass, fail, invalid; duplicates, mass balance) written through the report's
    SQL expressions reads as the Python renderers write it, from mappings or a CSV file."""
    rows = [{**LOTS_ROW, "lot_id": i, **v} for i, v in lots]
    source: object = rows
    if as_csv:
        source = tmp_path / "lots.csv"
        with source.open("w", newline="", encoding="utf-8", errors="surrogatepass") as fh:
            writer = csv.DictWriter(fh, LOT_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    render, sql = (lot_json_text, LOT_JSON_SQL) if fmt == "json" else (lot_csv_text, LOT_CSV_SQL)
    by_sql = "".join(render_lots(source, render, summary=LotSummary(), sql=sql, **KW))
    by_python = "".join(render(r) + "\n" for r in verify_lots(source, **KW))
    assert by_sql == by_python


def test_a_page_of_results_holds_at_most_its_batch(tmp_path):
    """Each page of results is at most the batch asked for, with a condition besides the line.

    DuckDB 2.0 dropped the LIMIT of the page query over the results view
    from 10,000 rows on (every remaining result in one page: 880 MB for a
    million lots rendered in Python); ``OFFSET 0`` keeps it.
    """
    from fairmined.lots import _engine

    path = write_plain_csv(
        tmp_path / "lots.csv", [{**LOTS_ROW, "lot_id": f"L\\{i}"} for i in range(40_000)]
    )
    with run_lots(path, **KW) as run:
        query = _engine._sql("results").replace("{table}", "final")
        query = query.replace("{keep}", "lot_id LIKE 'L%'")
        page = run._con.execute(query, {"after": -1, "limit": 10_000}).fetchall()
    assert [row[0] for row in page] == list(range(2, 10_002))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_many_findings_across_rows_or_python_texts_join_into_tables(tmp_path, monkeypatch, fmt):
    """Beyond JOIN_ROWS lots with duplicate or mass-balance findings, or texts rendered in
    Python, the results are joined into a table first: the same bytes as the view gives."""
    from fairmined.lots import _engine

    rows = [
        {**LOTS_ROW, "lot_id": f"L-{i % 7}" if i % 3 else f"Q\\{i}", "gross_mass": f"{i + 1}g"}
        for i in range(60)
    ]
    path = write_plain_csv(tmp_path / "lots.csv", rows)
    render, sql = (lot_json_text, LOT_JSON_SQL) if fmt == "json" else (lot_csv_text, LOT_CSV_SQL)

    def written() -> str:
        return "".join(render_lots(path, render, summary=LotSummary(), sql=sql, **KW))

    as_view = written()
    monkeypatch.setattr(_engine, "JOIN_ROWS", 3)
    assert written() == as_view
    assert as_view == "".join(render(r) + "\n" for r in verify_lots(path, **KW))
    assert "duplicate_lot" in as_view and "Q\\" in as_view


@pytest.mark.parametrize("ends", [("", ""), ("HEAD\n", ""), ("", "TAIL\n")])
def test_lines_written_in_order_within_the_memory_limit(tmp_path, monkeypatch, ends):
    """Lines with or without a head or tail (the JSON document's have neither) are written
    in order within a small memory limit with two threads: DuckDB's parallel writing of
    sorted lines held the waiting ones in memory (out of memory at 1,000,000 lots under
    128 MB, and at 60,000 under 96 MB)."""
    from fairmined.lots import _engine

    monkeypatch.setattr(_engine, "MEMORY_LIMIT", "96MB")
    rows = [
        {**LOTS_ROW, "lot_id": f"L-{i}", "gross_mass": f"{i % 997 + 1}g"} for i in range(60_000)
    ]
    path = write_plain_csv(tmp_path / "lots.csv", rows)
    with run_lots(path, jobs=2, **KW) as run:
        run.write(str(tmp_path / "out.txt"), lot_json_text, LOT_JSON_SQL, *ends)
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    head, tail = (["HEAD"] if ends[0] else []), (["TAIL"] if ends[1] else [])
    body = lines[len(head) : len(lines) - len(tail)]
    assert lines[: len(head)] == head and lines[len(lines) - len(tail) :] == tail
    assert [json.loads(x)["line"] for x in body] == list(range(2, 60_002))


def test_one_run_written_in_two_formats(tmp_path):
    """A run written as JSON Lines, then as CSV, writes each lot in the format asked for.

    The JSON writer leaves a lot id with a double quote to Python; the CSV
    writer's SQL writes it. Texts rendered for the first file once stayed
    in place for the second, which then held a JSON line among its CSV rows.
    """
    rows = [{**LOTS_ROW, "lot_id": 'L-"1"'}, {**LOTS_ROW, "lot_id": "L-2"}]
    with run_lots(rows, **KW) as run:
        for render, sql, name in (
            (lot_json_text, LOT_JSON_SQL, "out.jsonl"),
            (lot_csv_text, LOT_CSV_SQL, "out.csv"),
        ):
            run.write(str(tmp_path / name), render, sql)
        expected = {
            name: "".join(render(r) + "\n" for r in run.results())
            for render, name in ((lot_json_text, "out.jsonl"), (lot_csv_text, "out.csv"))
        }
    for name, text in expected.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith('1,"L-""1""",pass')


def test_frame_of_results_has_exact_amounts(tmp_path):
    """to_pandas gives one row per lot with the amounts as exact text."""
    rows = [{**LOTS_ROW, "lot_id": f"L-{i}"} for i in range(3)]
    with run_lots(rows, **KW) as run:
        frame = run.to_pandas()
    assert list(frame["line"]) == [1, 2, 3]
    assert list(frame["premium_due"]) == ["3980.00"] * 3
    assert set(frame.columns) >= {"status", "checks", "messages", "reason"}


def test_csv_file_from_a_spreadsheet_with_crlf(tmp_path):
    """Windows line ends: the same results as the same file with plain line feeds."""
    rows = [{**LOTS_ROW, "lot_id": f"L-{i}"} for i in range(5)]
    lf = write_plain_csv(tmp_path / "lf.csv", rows)
    crlf = tmp_path / "crlf.csv"
    with crlf.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([LOT_COLUMNS, *([r[c] for c in LOT_COLUMNS] for r in rows)])
    assert list(verify_lots(crlf, **KW)) == list(verify_lots(lf, **KW))


@pytest.mark.parametrize("row_ids", ["places", "not places"])
def test_plain_file_read_by_duckdb_numbers_lines_as_the_file(tmp_path, monkeypatch, row_ids):
    """A plain CSV file, read by DuckDB itself, gives the Python reference's results and
    line numbers: a byte-order mark, CRLF and LF lines, blank lines (one of spaces), no final
    line break; numbered from the row ids or, when they are not the rows' places, by a
    scan (raw_numbered.sql)."""
    from fairmined.lots import _engine

    if row_ids == "not places":
        sql = _engine._sql
        monkeypatch.setattr(
            _engine, "_sql", lambda name: "SELECT false" if name == "raw_dense" else sql(name)
        )

    rows = [",".join({**LOTS_ROW, "lot_id": f"L-{i}"}[c] for c in LOT_COLUMNS) for i in range(4)]
    text = (
        "\ufeff"
        + ",".join(LOT_COLUMNS)
        + "\r\n"
        + rows[0]
        + "\r\n\r\n"
        + rows[1]
        + "\n\n   \n"
        + rows[2]
        + "\n"
        + rows[3]
    )
    path = tmp_path / "lots.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _engine._plain_file(str(path))
    results = list(verify_lots(path, **KW))
    assert [r.line for r in results] == [2, 4, 7, 8]
    assert results == reference_results(path, **KW)


def test_files_duckdb_does_not_read_itself(tmp_path):
    """A double quote, a lone carriage return, bytes that are not UTF-8 or the byte DuckDB
    is told separates cells keep a file on the batch reader."""
    from fairmined.lots import _engine

    header = ",".join(LOT_COLUMNS).encode()
    for body in (b'"L-1",x', b"L-1\rx", b"L-\xff1", b"L-\x011", b"L-1\r"):
        path = tmp_path / "lots.csv"
        path.write_bytes(
            header + b"\n" + body + b"\n" if body != b"L-1\r" else header + b"\n" + body
        )
        assert not _engine._plain_file(str(path)), body
