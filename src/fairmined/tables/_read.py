"""Reading a table of text cells from CSV (any delimiter and decimal mark) or .xlsx."""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError
from fairmined.files import read_bounded
from fairmined.tables._csv import CsvRecords

__all__ = [
    "DECIMALS",
    "DELIMITERS",
    "Row",
    "TableFile",
    "TextTable",
    "collapse",
    "is_table_path",
    "problem_row",
    "read_csv_text",
    "read_rows",
    "read_table",
]

#: The cell separators and decimal marks a CSV file may use.
DELIMITERS = (",", ";")
DECIMALS = (".", ",")
#: A tabular file larger than this is refused unread.
MAX_BYTES = 256 * 2**20
#: How many data rows the decimal mark is detected from.
SNIFF_ROWS = 50
_NAMES = {",": "comma", ";": "semicolon", ".": "point", "'": "quote"}


class TableFile(str):
    """A CSV or .xlsx file's path with how to read it: its sheet, delimiter and decimal mark.

    It is the path itself (a ``str``), so every function that takes a file
    takes it; the readers of tabular files use its options, detection does the
    rest. ``TableFile("libro.xlsx", sheet="Precios")`` names one sheet of a
    workbook; ``TableFile("lots.csv", delimiter=";", decimal=",")`` says how a
    CSV file was saved. With ``detect_first``, the delimiter and decimal mark
    are used only where the file's own cannot be detected (the command line's
    flags, for the files besides the main one).
    """

    sheet: str | None
    delimiter: str | None
    decimal: str | None
    detect_first: bool

    def __new__(
        cls,
        path: str | os.PathLike[str],
        *,
        sheet: str | None = None,
        delimiter: str | None = None,
        decimal: str | None = None,
        detect_first: bool = False,
    ) -> TableFile:
        self = super().__new__(cls, os.fspath(path))
        self.sheet, self.delimiter, self.decimal = sheet, delimiter, decimal
        self.detect_first = detect_first
        return self

    def __repr__(self) -> str:
        opts = "".join(
            f", {k}={v!r}"
            for k, v in (
                ("sheet", self.sheet),
                ("delimiter", self.delimiter),
                ("decimal", self.decimal),
            )
            if v is not None
        )
        return f"TableFile({str(self)!r}{opts})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_table_file, (str(self), self.sheet, self.delimiter, self.decimal))


def _table_file(
    path: str, sheet: str | None, delimiter: str | None, decimal: str | None
) -> TableFile:
    return TableFile(path, sheet=sheet, delimiter=delimiter, decimal=decimal)


def is_table_path(path: object) -> bool:
    """Whether ``path`` names an .xlsx workbook or carries reading options (a TableFile)."""
    if isinstance(path, TableFile) and (path.sheet or path.delimiter or path.decimal):
        return True
    return isinstance(path, str | os.PathLike) and str(os.fspath(path)).lower().endswith(
        (".xlsx", ".xlsm")
    )


@attrs.frozen
class Row:
    """One data row: its number in the file (CSV line or sheet row) and its cells as text."""

    number: int
    cells: dict[str, str]


@attrs.frozen
class TextTable:
    """The rows of one tabular file, every cell as text, and how the file was read.

    ``delimiter`` and ``decimal`` are what a CSV file used (detected or
    given); ``sheet`` names the worksheet of an .xlsx file. ``notes`` are
    warnings about cells read (a binary float whose digits Excel hides).
    Numbers in the ``numeric`` columns asked for are given with a decimal point.
    """

    source: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    delimiter: str | None = None
    decimal: str = "."
    sheet: str | None = None
    notes: tuple[str, ...] = ()

    def problem(self, row: Row, field: str, message: str, hint: str | None = None) -> InputError:
        """An error about ``field`` of ``row``, naming the file, the row and the column."""
        if self.sheet is None:
            return InputError(message, file=self.source, line=row.number, path=field, hint=hint)
        from openpyxl.utils import get_column_letter

        col = self.columns.index(field) + 1 if field in self.columns else None
        cell = f"{get_column_letter(col)}{row.number}" if col else f"row {row.number}"
        return InputError(
            message, file=self.source, path=f"sheet {self.sheet}, cell {cell} ({field})", hint=hint
        )

    def located(self, row: Row, error: FairminedError) -> InputError:
        """``error`` (raised while parsing a cell, its path the field) located in this file."""
        return self.problem(row, error.path or "", error.message, error.hint)


def read_table(
    path: str | Path,
    *,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    numeric: Sequence[str] = (),
    what: str = "file",
    delimiter: str | None = None,
    decimal: str | None = None,
    sheet: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> TextTable:
    """Read ``path`` (CSV or .xlsx) whose header must hold ``columns``.

    ``optional`` columns are kept when present; other columns are ignored
    unless their name is a near miss of a known one. Cells of the ``numeric``
    columns are given with a decimal point whatever the file used. Every
    problem of the file is raised together, one line per distinct problem.
    A :class:`TableFile` brings its own sheet, delimiter and decimal mark
    (the arguments, when given, win).
    """
    spec = _Spec(tuple(columns), tuple(optional), tuple(numeric), what)
    return _finish(*_read_any(path, spec, delimiter, decimal, sheet, max_bytes))


def read_rows(
    path: str | Path,
    *,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    numeric: Sequence[str] = (),
    what: str = "file",
    delimiter: str | None = None,
    decimal: str | None = None,
    sheet: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[TextTable, list[InputError]]:
    """:func:`read_table` that returns the rows' problems instead of raising them.

    For a file whose bad rows do not stop the work (a lots file): the table
    holds the good rows, each problem names its row (see :func:`problem_row`).
    Problems of the whole file (no header, missing columns) still raise.
    """
    spec = _Spec(tuple(columns), tuple(optional), tuple(numeric), what)
    (table, found), problems = _read_any(path, spec, delimiter, decimal, sheet, max_bytes)
    return table, [*problems, *found]


def problem_row(problem: InputError) -> int | None:
    """The row a problem of :func:`read_rows` is on: its CSV line or its cell's row."""
    if problem.line is not None:
        return problem.line
    m = re.search(r"cell [A-Z]+([0-9]+)", problem.path or "")
    return int(m.group(1)) if m else None


def _read_any(
    path: str | Path,
    spec: _Spec,
    delimiter: str | None,
    decimal: str | None,
    sheet: str | None,
    max_bytes: int,
) -> tuple[tuple[TextTable, list[InputError]], list[InputError]]:
    fallback: tuple[str | None, str | None] = (None, None)
    if isinstance(path, TableFile) and path.detect_first:
        fallback = (path.delimiter, path.decimal)
    elif isinstance(path, TableFile):
        delimiter = delimiter or path.delimiter
        decimal = decimal or path.decimal
    if isinstance(path, TableFile):
        sheet = sheet or path.sheet
    if delimiter is not None and delimiter not in DELIMITERS:
        raise InputError(f"delimiter must be ',' or ';', not {delimiter!r}", path="--delimiter")
    if decimal is not None and decimal not in DECIMALS:
        raise InputError(f"decimal mark must be '.' or ',', not {decimal!r}", path="--decimal")
    name = str(path)
    if name.lower().endswith((".xlsx", ".xlsm")):
        from fairmined.tables._xlsx import read_xlsx

        if delimiter is not None and not isinstance(path, TableFile):
            raise InputError("--delimiter is for CSV files, not .xlsx", path="--delimiter")
        header, rows, notes, sheet_name, problems = read_xlsx(Path(path), name, spec, sheet)
        built = _build(name, spec, header, rows, None, decimal or ".", sheet_name, notes)
        return built, problems
    if sheet is not None and not isinstance(path, TableFile):
        raise InputError("--sheet is for .xlsx files, not CSV", path="--sheet")
    text = _read_text(Path(path), name, max_bytes, spec.what)
    return _read_csv(text, name, spec, delimiter, decimal, fallback)


def read_csv_text(
    text: str,
    *,
    source: str,
    columns: Sequence[str],
    optional: Sequence[str] = (),
    numeric: Sequence[str] = (),
    what: str = "file",
    delimiter: str | None = None,
    decimal: str | None = None,
) -> TextTable:
    """:func:`read_table` for CSV text already in memory; ``source`` names it in errors."""
    spec = _Spec(tuple(columns), tuple(optional), tuple(numeric), what)
    return _finish(*_read_csv(text.removeprefix("\ufeff"), source, spec, delimiter, decimal))


@attrs.frozen
class _Spec:
    columns: tuple[str, ...]
    optional: tuple[str, ...]
    numeric: tuple[str, ...]
    what: str

    @property
    def known(self) -> tuple[str, ...]:
        return self.columns + self.optional


def _read_text(path: Path, name: str, max_bytes: int, what: str) -> str:
    raw = read_bounded(path, max_bytes, what=what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"not UTF-8 text (bad byte at offset {e.start})",
            file=name,
            hint="save the file as UTF-8 (in Excel: CSV UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


# --------------------------------------------------------------------------- CSV


def _read_csv(
    text: str,
    name: str,
    spec: _Spec,
    delimiter: str | None,
    decimal: str | None,
    fallback: tuple[str | None, str | None] = (None, None),
) -> tuple[tuple[TextTable, list[InputError]], list[InputError]]:
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise InputError(
            f"{spec.what} is empty: a header row is needed",
            file=name,
            hint="header: " + ",".join(spec.columns),
        )
    delim = delimiter or _or_else(fallback[0], _detect_delimiter, first, name, spec)
    records, problems = _csv_records(text, name, delim)
    header, body = records[0][1], records[1:]
    dec = decimal or _or_else(fallback[1], _detect_decimal, header, body, name, spec, delim)
    return _build(name, spec, header, body, delim, dec, None, ()), problems


def _or_else(fallback: str | None, detect: Any, *args: Any) -> str:
    """What ``detect`` finds; ``fallback`` where it cannot tell (it raises asking for a flag)."""
    try:
        return str(detect(*args))
    except InputError:
        if fallback is None:
            raise
        return fallback


def _header_cells(line: str, delim: str) -> list[str]:
    try:
        return [c.strip().lower() for c in next(csv.reader([line], delimiter=delim))]
    except (csv.Error, StopIteration):
        return []


def _detect_delimiter(first: str, name: str, spec: _Spec) -> str:
    """The delimiter whose reading of the header holds every required column.

    Failing that, the only one of the two that appears in the header; a
    header holding both, neither of which gives the columns, is ambiguous.
    """
    fits = [d for d in DELIMITERS if set(spec.columns) <= set(_header_cells(first, d))]
    if len(fits) == 1:
        return fits[0]
    present = [d for d in DELIMITERS if d in first]
    if len(present) == 2:
        raise InputError(
            "cannot tell whether cells are separated by commas or semicolons",
            file=name,
            line=1,
            hint="say which with --delimiter ',' or --delimiter ';'",
        )
    return present[0] if present else ","


def _csv_records(
    text: str, name: str, delim: str
) -> tuple[list[tuple[int, list[str]]], list[InputError]]:
    """Every record with its first line number, and a problem for each broken one.

    The strict reader (:class:`~fairmined.tables.CsvRecords`) reports a broken
    quote on the line where it starts and goes on at the next line, so every
    other row is still read (and its own problems found).
    """
    reader = CsvRecords(io.StringIO(text, newline=""), delimiter=delim)
    records: list[tuple[int, list[str]]] = []
    problems: list[InputError] = []
    for record in reader:
        if record.cells is None:
            if not records:
                raise InputError(f"not valid CSV: {record.error}", file=name, line=1)
            problems.append(
                InputError(f"not valid CSV: {record.error}", file=name, line=record.line)
            )
            continue
        if not records:
            reader.columns = tuple(c.strip().lower() for c in record.cells)
        records.append((record.line, record.cells))
    if not records:
        raise InputError("not valid CSV: the header cannot be read", file=name, line=1)
    return records, problems


def _detect_decimal(
    header: list[str], body: list[tuple[int, list[str]]], name: str, spec: _Spec, delim: str
) -> str:
    """The decimal mark of the numeric columns' first cells: a point unless commas are seen."""
    cols = [h.strip().lower() for h in header]
    idx = [cols.index(c) for c in spec.numeric if c in cols]
    marks: set[str] = set()
    pointed: list[str] = []
    for _line, cells in body[:SNIFF_ROWS]:
        for i in idx:
            if i < len(cells) and (mark := _decimal_mark(cells[i])):
                marks.add(mark)
                if mark == ".":
                    pointed.append(cells[i].strip())
    if marks == {".", ","}:
        raise InputError(
            "cannot tell whether numbers use a decimal point or a decimal comma: "
            "the first rows have both",
            file=name,
            hint="say which with --decimal '.' or --decimal ','",
        )
    if delim == ";" and pointed and all(_GROUPED.fullmatch(t) for t in pointed):
        # A semicolon file comes from a decimal-comma spreadsheet, where "62.000" is
        # sixty-two thousand; with no other number to tell, guessing could be off 1000-fold.
        raise InputError(
            "cannot tell whether numbers use a decimal point or a decimal comma: "
            f"the file is separated by semicolons and {pointed[0]!r} reads either way",
            file=name,
            hint="say which with --decimal '.' or --decimal ','",
        )
    return "," if marks == {","} else "."


# A number whose points could be thousands separators: 62.000, 2.030, 1.234.567.
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


# --------------------------------------------------------------------------- common


def _build(
    name: str,
    spec: _Spec,
    header: Sequence[object],
    body: Iterable[tuple[int, Sequence[str]]],
    delim: str | None,
    dec: str,
    sheet: str | None,
    notes: Iterable[str],
) -> tuple[TextTable, list[InputError]]:
    cols = _check_header([str(h or "") for h in header], name, spec, delim, sheet)
    table = TextTable(name, tuple(cols), (), delim, dec, sheet, tuple(notes))
    rows: list[Row] = []
    problems: list[InputError] = []
    numeric = [c for c in spec.numeric if c in cols]
    for number, cells in body:
        if not cells or all(not str(c).strip() for c in cells):
            continue
        if len(cells) != len(cols):
            more = "more" if len(cells) > len(cols) else "fewer"
            problems.append(
                InputError(
                    f"row has {len(cells)} cells, {more} than the {len(cols)} columns of the "
                    "header",
                    file=name,
                    line=number,
                )
            )
            continue
        row = Row(number, dict(zip(cols, cells, strict=True)))
        for c in numeric:
            fixed = _number_text(row.cells[c], dec)
            if fixed is None:
                problems.append(
                    table.problem(
                        row,
                        c,
                        f"{c} {row.cells[c]!r} has a point, but the file writes numbers with a "
                        "decimal comma",
                        hint="write numbers without a thousands separator, or give --decimal",
                    )
                )
            else:
                row.cells[c] = fixed
        rows.append(row)
    return attrs.evolve(table, rows=tuple(rows)), problems


def _finish(built: tuple[TextTable, list[InputError]], problems: list[InputError]) -> TextTable:
    """The table, or every problem of the file (the reader's first, then the rows')."""
    table, found = built
    if problems or found:
        raise FileProblems(collapse([*problems, *found]), file=table.source)
    return table


def _decimal_mark(text: str) -> str | None:
    """The decimal mark a number seems to use: the last of a point or comma in it."""
    at = max(text.rfind("."), text.rfind(","))
    return text[at] if at >= 0 else None


def _number_text(text: str, dec: str) -> str | None:
    """A numeric cell with a decimal point; None when a point appears in a decimal-comma file."""
    if dec == "." or ("," not in text and "." not in text):
        return text
    if "." in text:
        return None
    return text.replace(",", ".")


def _check_header(
    cols: list[str], name: str, spec: _Spec, delim: str | None, sheet: str | None
) -> list[str]:
    cols = [c.strip().lower() for c in cols]
    where = {"file": name, "line": 1} if sheet is None else {"file": name, "path": f"sheet {sheet}"}
    dupes = sorted({c for c in cols if c and cols.count(c) > 1})
    if dupes:
        raise InputError(f"column {dupes[0]} appears more than once in the header", **where)
    for c in cols:
        if c and c not in spec.known:
            close = difflib.get_close_matches(c, spec.known, n=1, cutoff=0.8)
            if close and close[0] not in cols:
                raise InputError(f"unknown column {c!r}", **where, hint=f"did you mean {close[0]}?")
    missing = [c for c in spec.columns if c not in cols]
    if missing:
        how = (
            f"read with delimiter {delim!r} ({_NAMES[delim]})"
            if delim is not None
            else f"sheet {sheet}"
        )
        found = ", ".join(c or "(empty)" for c in cols) or "nothing"
        hint = "expected: " + ", ".join(spec.columns)
        if delim is not None:
            hint += "; give --delimiter if the file uses another"
        raise InputError(
            f"{spec.what} lacks column{'s' * (len(missing) > 1)} {', '.join(missing)}; "
            f"the header has {found} ({how})",
            **where,
            hint=hint,
        )
    return cols


_VARYING = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")


def collapse(problems: Sequence[InputError]) -> list[InputError]:
    """One error per distinct problem: the first row's, with how many rows share it.

    Two problems are the same when they name the same column and their
    messages differ only in quoted values and numbers.
    """
    groups: dict[tuple[str, str], list[InputError]] = {}
    for p in problems:
        key = (_column_of(p.path), _VARYING.sub("#", p.message))
        groups.setdefault(key, []).append(p)
    out: list[InputError] = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        rows = [_row_of(p) for p in same]
        shown = ", ".join(rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
        out.append(
            InputError(
                f"{first.message} (on {len(same)} rows: {shown})",
                file=first.file,
                line=first.line,
                path=first.path,
                hint=first.hint,
            )
        )
    return out


def _column_of(path: str | None) -> str:
    """The column a problem's path names (``sheet S, cell C5 (price)`` -> ``price``)."""
    if path and path.endswith(")") and "(" in path:
        return path[path.rindex("(") + 1 : -1]
    return path or ""


def _row_of(p: InputError) -> str:
    if p.line is not None:
        return f"line {p.line}"
    m = re.search(r"cell ([A-Z]+[0-9]+)", p.path or "")
    return m.group(1) if m else "?"
