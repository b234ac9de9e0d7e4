"""Lots, certificates and production from a spreadsheet: .xlsx, or CSV with semicolons.

A comma-separated CSV or JSON Lines file is streamed by ``_inputs`` (and the
lots checked by DuckDB in batches). A workbook, a CSV saved with semicolons or
decimal commas, or a :class:`~fairmined.tables.TableFile` with reading options
is read by :mod:`fairmined.tables` instead, whole (a sheet holds at most about
a million rows), its numbers given with a decimal point; its rows are then
checked one by one by the library's reference check, numbered as in the file
(a sheet's row, a CSV line), so the results are those of the same data as a
comma CSV.

A lots row that cannot be read (an Excel error cell, a number with the wrong
decimal mark, a row with too many cells) is an invalid lot naming its sheet,
cell and column; in a certificates or production file such a row stops the
run, like any bad row there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from fairmined.errors import FileProblems, InputError
from fairmined.lots._inputs import RawRow, _mapping_row
from fairmined.tables import Row, TextTable, is_table_path, problem_row, read_rows

__all__ = ["Place", "lots_table_rows", "reference_table_rows", "wants_table"]

#: Relocates a reference file's problems (``file:row: field``) to its sheet's cells.
Place = Callable[[list[InputError]], list[InputError]]

#: The numeric columns of each file, read with a decimal point whatever the file used.
NUMERIC = {
    "lots file": ("gross_mass", "fineness", "reference_price", "price_paid", "premium_paid"),
    "certificate file": (),
    "production file": ("fine_mass",),
}
#: How much of a CSV file is read to see its header.
_HEAD = 1 << 16


def wants_table(path: str | Path, required: Sequence[str]) -> bool:
    """Whether ``path`` is read as a spreadsheet table rather than streamed.

    An .xlsx workbook, a :class:`TableFile` with options, or a regular CSV
    file whose header, read with commas, lacks a required column but holds a
    semicolon (a CSV saved by a decimal-comma Excel).
    """
    if is_table_path(path):
        return True
    name = os.fspath(path)
    if name == "-" or Path(name).suffix.lower() in {".jsonl", ".ndjson"}:
        return False
    try:
        if not os.path.isfile(name):
            return False
        with open(name, "rb") as fh:
            head = fh.read(_HEAD)
    except (OSError, ValueError):
        return False  # the streaming reader reports it
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    if first.lstrip().startswith("{") or ";" not in first:
        return False
    cells = {c.strip().lower() for c in first.split(",")}
    return not set(required) <= cells


def _table(
    path: str | Path, required: Sequence[str], known: Sequence[str], what: str
) -> tuple[TextTable, list[InputError]]:
    optional = [c for c in known if c not in required]
    return read_rows(
        path, columns=required, optional=optional, numeric=NUMERIC.get(what, ()), what=what
    )


def lots_table_rows(
    path: str | Path, *, required: Sequence[str], known: Sequence[str]
) -> Iterator[RawRow]:
    """The rows of a lots spreadsheet, in order; an unreadable row is a row with an error.

    The file is read now (a missing file is reported at once), its rows judged later.
    """
    table, problems = _table(path, required, known, "lots file")
    bad: dict[int, list[InputError]] = {}
    for p in problems:
        n = problem_row(p)
        bad.setdefault(n if n is not None else 0, []).append(p)
    optional = tuple(c for c in known if c not in required)
    return _lots_rows({row.number: row for row in table.rows}, bad, tuple(required), optional)


def _lots_rows(
    rows: dict[int, Row],
    bad: dict[int, list[InputError]],
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> Iterator[RawRow]:
    for n in sorted(rows.keys() | bad.keys()):
        if n in bad:
            yield RawRow(n, None, f"line {n}: " + "; ".join(_reason(p) for p in bad[n]))
        else:
            yield _mapping_row(n, rows[n].cells, required, optional)


def _reason(p: InputError) -> str:
    text = f"{p.path}: {p.message}" if p.path else p.message
    return f"{text} ({p.hint})" if p.hint else text


def reference_table_rows(
    path: str | Path, *, required: Sequence[str], what: str, optional: Sequence[str] = ()
) -> tuple[str, Iterator[RawRow], Place]:
    """A certificates or production spreadsheet: its name, rows, and where its problems are.

    Every problem of the file's form (bad cells, rows of the wrong length) is
    raised together, before any row is parsed.
    """
    table, problems = _table(path, required, (*required, *optional), what)
    if problems:
        from fairmined.tables import collapse

        raise FileProblems(collapse(problems), file=table.source)
    req, opt = tuple(required), tuple(optional)
    rows = (_mapping_row(r.number, r.cells, req, opt) for r in table.rows)
    return table.source, rows, _placer(table)


def _placer(table: TextTable) -> Place:
    """Problems reported as ``file:row: field`` moved to their sheet's cell."""

    def place(problems: list[InputError]) -> list[InputError]:
        if table.sheet is None:
            return problems
        return [
            table.problem(Row(p.line, {}), p.path or "", p.message, p.hint)
            if p.line is not None and p.file == table.source
            else p
            for p in problems
        ]

    return place


def same(problems: list[InputError]) -> list[InputError]:
    """A streamed file's problems, already where they are."""
    return problems
