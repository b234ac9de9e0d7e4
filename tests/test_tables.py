"""The shared tabular reader: delimiter and decimal mark detection, header and row errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairmined.errors import FileProblems, InputError
from fairmined.tables import read_table

COLS = ("date", "metal", "price")


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path, **kw: object):  # type: ignore[no-untyped-def]
    return read_table(path, columns=COLS, numeric=("price",), what="price file", **kw)


def test_comma_and_point(tmp_path: Path) -> None:
    """A comma-separated file with decimal points is read as it is."""
    t = read(write(tmp_path, "date,metal,price\n2024-03-28,gold,2203.80\n"))
    assert (t.delimiter, t.decimal) == (",", ".")
    assert t.rows[0].cells == {"date": "2024-03-28", "metal": "gold", "price": "2203.80"}
    assert t.rows[0].number == 2


def test_semicolon_and_decimal_comma_detected(tmp_path: Path) -> None:
    """A European Excel CSV (semicolons, decimal commas) gives numbers with a decimal point."""
    t = read(write(tmp_path, "date;metal;price\n2024-03-28;gold;2203,80\n2024-03-29;gold;2210\n"))
    assert (t.delimiter, t.decimal) == (";", ",")
    assert [r.cells["price"] for r in t.rows] == ["2203.80", "2210"]


def test_flags_override_detection(tmp_path: Path) -> None:
    """--decimal given wins over detection: a point in a decimal-comma file is then an error."""
    path = write(tmp_path, "date;metal;price\n2024-03-28;gold;2203.80\n")
    with pytest.raises(
        FileProblems, match="has a point, but the file writes numbers with a decimal comma"
    ):
        read(path, decimal=",")


def test_ambiguous_delimiter_asks_for_flag(tmp_path: Path) -> None:
    """A header holding both separators and matching neither asks for --delimiter."""
    with pytest.raises(InputError, match="--delimiter"):
        read(write(tmp_path, "fecha;metal,precio\n1;2,3\n"))


def test_ambiguous_decimal_asks_for_flag(tmp_path: Path) -> None:
    """First rows with both decimal marks ask for --decimal."""
    text = "date;metal;price\n2024-03-28;gold;2203,80\n2024-03-29;gold;2210.10\n"
    with pytest.raises(InputError, match="--decimal"):
        read(write(tmp_path, text))


def test_header_mismatch_names_what_it_found_and_the_delimiter(tmp_path: Path) -> None:
    """A header lacking columns names the columns it has and the delimiter it used."""
    with pytest.raises(InputError) as e:
        read(write(tmp_path, "fecha;metal;precio\n2024-03-28;gold;2203,80\n"))
    msg = str(e.value)
    assert "lacks columns date, price" in msg
    assert "the header has fecha, metal, precio" in msg
    assert "delimiter ';' (semicolon)" in msg


def test_near_miss_column_refused(tmp_path: Path) -> None:
    """A misspelt column is refused with a did-you-mean, not silently ignored."""
    with pytest.raises(InputError, match="did you mean price"):
        read(write(tmp_path, "date,metal,prise\n2024-03-28,gold,1\n"))


def test_same_problem_on_many_rows_is_one_line(tmp_path: Path) -> None:
    """Rows with the wrong cell count are one problem with a count, not one line each."""
    rows = "".join(f"2024-03-{d:02},gold\n" for d in range(1, 9))
    with pytest.raises(FileProblems) as e:
        read(write(tmp_path, "date,metal,price\n" + rows))
    lines = e.value.lines()
    assert len(lines) == 1
    assert "on 8 rows: line 2, line 3, line 4, line 5, line 6 and 3 more" in lines[0]


def test_not_utf8_named(tmp_path: Path) -> None:
    """A file that is not UTF-8 is one error saying how to save it."""
    path = tmp_path / "t.csv"
    path.write_bytes("date,metal,price\n2024-03-28,gold,2203.80 \xa3\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read(path)


# --------------------------------------------------------------------------- .xlsx


def xlsx(path: Path, rows: list[list[object]], title: str = "Hoja1") -> Path:
    """Write ``rows`` as the first sheet of a workbook, each value in its own cell type."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_xlsx_cells_read_exactly(tmp_path: Path) -> None:
    """Dates, floats, whole numbers and text cells come back as the text a person typed."""
    import datetime as dt

    path = xlsx(
        tmp_path / "p.xlsx",
        [
            ["Date", "metal", "price"],
            [dt.datetime(2024, 3, 28), "gold", 2203.8],
            [dt.date(2024, 3, 29), "gold", 2210],
        ],
    )
    t = read(path)
    assert t.sheet == "Hoja1"
    assert [r.cells for r in t.rows] == [
        {"date": "2024-03-28", "metal": "gold", "price": "2203.8"},
        {"date": "2024-03-29", "metal": "gold", "price": "2210"},
    ]
    assert t.notes == ()


def test_xlsx_float_with_hidden_digits_is_flagged() -> None:
    """A float whose shortest form has more digits than Excel shows is read so and flagged.

    (openpyxl writes such a float with 15 digits, so the cell is built in memory.)
    """
    from fairmined.tables._xlsx import cell_text

    text, note = cell_text(0.1 + 0.2)
    assert text == "0.30000000000000004"
    assert note is not None and "Excel shows as 0.3;" in note
    assert cell_text(0.995) == ("0.995", None)
    assert cell_text(2203.8) == ("2203.8", None)
    assert cell_text(1e20) == ("100000000000000000000", None)


def test_xlsx_sheet_by_name_and_errors_name_the_cell(tmp_path: Path) -> None:
    """--sheet picks a sheet; a bad sheet name lists the sheets; an error cell names its cell."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Notas"
    ws = wb.create_sheet("Precios")
    ws.append(["date", "metal", "price"])
    ws.append(["2024-03-28", "gold", "#DIV/0!"])
    ws["C2"].data_type = "e"
    wb.save(tmp_path / "p.xlsx")
    with pytest.raises(InputError, match="its sheets: Notas, Precios"):
        read(tmp_path / "p.xlsx", sheet="Prices")
    with pytest.raises(FileProblems) as e:
        read(tmp_path / "p.xlsx", sheet="Precios")
    assert "sheet Precios, cell C2 (price): the cell holds the Excel error #DIV/0!" in str(e.value)


def test_xlsx_header_mismatch_names_sheet(tmp_path: Path) -> None:
    """A sheet lacking columns names the sheet and the header it has."""
    path = xlsx(tmp_path / "p.xlsx", [["fecha", "metal", "precio"], ["2024-03-28", "gold", 1]])
    with pytest.raises(InputError, match="the header has fecha, metal, precio \\(sheet Hoja1\\)"):
        read(path)


def test_not_a_workbook(tmp_path: Path) -> None:
    """A file named .xlsx that is not a workbook is one error naming it."""
    path = write(tmp_path, "date,metal,price\n", name="p.xlsx")
    with pytest.raises(InputError, match=r"not an \.xlsx workbook"):
        read(path)


def test_semicolon_file_with_only_grouped_points_asks_for_the_decimal_mark(tmp_path: Path) -> None:
    """Semicolons and '2.030' only: thousands or decimals cannot be told, so the flag is asked."""
    path = write(tmp_path, "date;metal;price\n2024-03-28;gold;2.030\n2024-03-29;gold;62.000\n")
    with pytest.raises(InputError, match=r"'2\.030' reads either way") as info:
        read(path)
    assert "--decimal" in str(info.value)
    with pytest.raises(FileProblems, match="thousands separator"):
        read(path, decimal=",")  # a point in a decimal-comma file is refused, never guessed
    assert [r.cells["price"] for r in read(path, decimal=".").rows] == ["2.030", "62.000"]


def test_semicolon_file_with_a_plain_decimal_point_is_read_with_points(tmp_path: Path) -> None:
    """A semicolon file whose numbers include '2203.8' uses a decimal point: no question asked."""
    t = read(write(tmp_path, "date;metal;price\n2024-03-28;gold;2.030\n2024-03-29;gold;2203.8\n"))
    assert t.decimal == "."
    assert [r.cells["price"] for r in t.rows] == ["2.030", "2203.8"]


def test_semicolon_file_with_a_fraction_below_one_is_not_ambiguous(tmp_path: Path) -> None:
    """'0.995' cannot be a thousands grouping, so it reads as a decimal point."""
    t = read(write(tmp_path, "date;metal;price\n2024-03-28;gold;0.995\n"))
    assert t.decimal == "."
