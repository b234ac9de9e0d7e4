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
    with pytest.raises(FileProblems, match="has a decimal point, but the file writes"):
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
