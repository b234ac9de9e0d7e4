"""Reading one sheet of an .xlsx workbook as text cells, exactly.

openpyxl's read-only mode streams the sheet, so memory stays flat on large
files. Each cell becomes the text a person typed:

* text as it is; an empty cell as ``""``; TRUE/FALSE as ``true``/``false``;
* a whole number as its digits;
* a date (or a date-time at midnight) as ``YYYY-MM-DD``;
* a number whose format shows more decimals (``2030`` formatted ``0.00``)
  with those decimals, as the sheet shows it (zeros added, nothing rounded);
* any other number, which Excel stores as a binary float, through its
  shortest decimal representation (``0.995``, not
  ``0.99499999999999999555910790149937``). Excel shows at most 15
  significant digits: a float whose shortest form needs more (a formula's
  ``0.30000000000000004``) is read as that shortest form and flagged in the
  table's notes, because what the sheet shows is not what it holds;
* an error cell (``#DIV/0!``) is a problem naming its cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, Context, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairmined.errors import InputError

if TYPE_CHECKING:
    from fairmined.tables._read import _Spec

__all__ = ["read_xlsx"]

#: Significant digits Excel displays and keeps when it writes a number as text.
EXCEL_DIGITS = 15

#: Rounding what Excel shows is this module's own arithmetic, never the thread's context.
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN)

Rows = list[tuple[int, list[str]]]


def read_xlsx(
    path: Path, name: str, spec: _Spec, sheet: str | None
) -> tuple[list[str], Rows, list[str], str, list[InputError]]:
    """The header, numbered rows, notes, sheet name and cell problems of one sheet."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError("cannot read file: No such file or directory", file=name) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as e:
        raise InputError(f"not an .xlsx workbook: {e}", file=name) from None
    try:
        ws = _sheet(wb, sheet, name)
        title = str(ws.title)
        header, body, notes, problems = _read_sheet(ws.iter_rows(), name, title, spec)
        return header, body, notes, title, problems
    finally:
        wb.close()


def _sheet(wb: Any, sheet: str | None, name: str) -> Any:
    if sheet is None:
        return wb.worksheets[0]
    if sheet not in wb.sheetnames:
        raise InputError(
            f"the workbook has no sheet {sheet!r}",
            file=name,
            path="--sheet",
            hint="its sheets: " + ", ".join(wb.sheetnames),
        )
    return wb[sheet]


def _read_sheet(
    rows: Iterator[Any], name: str, title: str, spec: _Spec
) -> tuple[list[str], Rows, list[str], list[InputError]]:
    problems: list[InputError] = []
    header_row = next(rows, None)
    if header_row is None:
        raise InputError(
            f"{spec.what} is empty: a header row is needed",
            file=name,
            path=f"sheet {title}",
            hint="header: " + ", ".join(spec.columns),
        )
    header = [_plain(c.value) for c in header_row]
    cols = [h.strip().lower() for h in header]
    body: Rows = []
    notes: list[str] = []
    for cells in rows:
        texts: list[str] = []
        number = 0
        for i, cell in enumerate(cells):
            if not hasattr(cell, "coordinate"):  # an EmptyCell pads a short row
                texts.append("")
                continue
            number = cell.row
            field = cols[i] if i < len(cols) else f"column {i + 1}"
            where = f"sheet {title}, cell {cell.coordinate} ({field})"
            if cell.data_type == "e":
                problems.append(
                    InputError(
                        f"the cell holds the Excel error {cell.value}", file=name, path=where
                    )
                )
                texts.append("")
                continue
            text, note = cell_text(cell.value, getattr(cell, "number_format", None))
            if note:
                notes.append(f"{name}: {where}: {note}")
            texts.append(text)
        while len(texts) > len(cols) and not texts[-1]:
            texts.pop()
        if number:
            body.append((number, texts))
    return header, body, notes, problems


def _plain(value: object) -> str:
    return "" if value is None else str(value)


def cell_text(value: object, number_format: str | None = None) -> tuple[str, str | None]:
    """A cell's value as exact text, and a note when Excel shows something else.

    A number whose ``number_format`` shows more decimals than its value needs
    (``2030`` shown as ``2030.00``) is given with them, as the sheet shows it:
    only zeros are added, the value never changes.
    """
    text, note = _value_text(value)
    places = _shown_places(number_format) if isinstance(value, int | float) else None
    if places and not isinstance(value, bool) and note is None:
        exact = Decimal(text)
        exp = exact.as_tuple().exponent
        if isinstance(exp, int) and -exp < places:
            text = format(exact.quantize(Decimal(1).scaleb(-places), context=_CONTEXT), "f")
    return text, note


def _shown_places(number_format: str | None) -> int | None:
    """The decimals a number format always shows (``#,##0.00`` -> 2); None for %, E, text."""
    if not number_format or number_format == "General":
        return None
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.split(";", 1)[0])
    if any(c in section for c in "%Ee@"):
        return None
    m = re.search(r"\.(0+)", section)
    return len(m.group(1)) if m else None


def _value_text(value: object) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if isinstance(value, str):
        return value, None
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat(), None
        return value.isoformat(sep=" "), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, Decimal):
        return format(value, "f"), None
    return str(value), None


def _float_text(value: float) -> tuple[str, str | None]:
    shortest = Decimal(repr(value))
    if shortest == shortest.to_integral_value(context=_CONTEXT):
        return str(int(shortest)), None
    text = format(shortest, "f")
    digits = len(shortest.normalize(_CONTEXT).as_tuple().digits)
    if digits <= EXCEL_DIGITS:
        return text, None
    quantum = Decimal(1).scaleb(shortest.adjusted() - (EXCEL_DIGITS - 1))
    shown = format(shortest.quantize(quantum, ROUND_HALF_EVEN, _CONTEXT).normalize(_CONTEXT), "f")
    return text, (
        f"the number is stored as the binary float {text}, which Excel shows as {shown}; "
        f"read as {text} (round it in the sheet or type it as text)"
    )
