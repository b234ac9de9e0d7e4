"""Excel workbooks out: openpyxl's write-only mode, so memory stays flat on long sheets.

Every sheet has a bold, frozen header row. Cells keep their type:

* text is written as text, never as a formula, whatever it starts with
  (``=``, ``+``, ``-``, ``@``): data from a record or a sales file cannot run
  in the reader's spreadsheet; control characters Excel refuses become spaces;
* money is a number with its currency's decimals as the number format
  (``#,##0.00`` for USD, ``#,##0`` for COP) and the currency in the header;
* other numbers carry the number format given with them; dates are dates.

A sheet with more rows than an .xlsx sheet holds is an error naming the limit.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from fairmined.errors import InputError
from fairmined.model import Money

__all__ = ["MAX_ROWS", "Cell", "Num", "Sheet", "money_format", "workbook_bytes"]

#: The most rows an .xlsx sheet holds (header included).
MAX_ROWS = 1_048_576
DATE_FORMAT = "yyyy-mm-dd"


@attrs.frozen
class Num:
    """A number with its Excel number format (``#,##0.000`` for grams)."""

    value: Decimal | int
    format: str = "General"


Cell = str | int | bool | Decimal | date | Money | Num | None


@attrs.frozen
class Sheet:
    """One worksheet: a title (at most 31 characters), a header row and data rows."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def money_format(m: Money) -> str:
    """The number format that shows ``m`` with its currency's decimals."""
    exp = m.minor_unit.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    try:
        for sheet in sheets:
            _write_sheet(wb.create_sheet(_title(sheet.title)), sheet, bold)
    except BaseException:
        # Finish the half-written workbook, or openpyxl complains when it is collected.
        with contextlib.suppress(Exception):
            wb.save(io.BytesIO())
        raise
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_sheet(ws: Any, sheet: Sheet, bold: object) -> None:
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, h, bold) for h in sheet.headers])
    n = 1
    for row in sheet.rows:
        n += 1
        if n > MAX_ROWS:
            raise InputError(
                f"sheet {sheet.title!r} needs more than the {MAX_ROWS:,} rows an .xlsx sheet holds",
                hint="narrow the input (--from/--to) or use --format json",
            )
        ws.append([_cell(ws, v) for v in row])


_BAD_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def _title(text: str) -> str:
    return text.translate(_BAD_TITLE).strip()[:31] or "Sheet"


def _cell(ws: object, value: Cell, font: object = None) -> object:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, Money):
        cell = WriteOnlyCell(ws, value=value.amount)
        cell.number_format = money_format(value)
    elif isinstance(value, Num):
        cell = WriteOnlyCell(ws, value=value.value)
        cell.number_format = value.format
    elif isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub(" ", value))
        cell.data_type = "s"  # text, even when it starts with "=": never a formula
    else:
        cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    return cell
