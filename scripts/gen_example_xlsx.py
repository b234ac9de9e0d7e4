"""Write the shipped examples' .xlsx twins from their CSV files (run from the repository root).

    python scripts/gen_example_xlsx.py          # write them
    python scripts/gen_example_xlsx.py --check  # exit 1 if a committed one differs

Each cell is typed as a person's Excel would hold it: an ISO date is a date
cell, ``true``/``false`` a boolean, a whole number an integer, a decimal
number a (binary floating-point) number formatted with the decimals written
(``2030.00`` shows as 2030.00), anything else text (written as text,
even when it starts with ``=``). A decimal-comma CSV's numbers are read with
their comma. A CSV line with more or fewer cells than the header (the lots
example has two, to show that error) has no equivalent in a sheet: its row
is left empty, so the other rows keep their numbers. The files are
byte-for-byte reproducible: fixed document dates and zip timestamps.
tests/test_spreadsheet_inputs.py checks that each twin gives the same
results as its CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"

#: Workbook -> its sheets, each read from one CSV file.
BOOKS: dict[str, list[tuple[str, str]]] = {
    "lots/lots.xlsx": [("lots", "lots/lots.csv")],
    "lots/certificates.xlsx": [("certificates", "lots/certificates.csv")],
    "lots/production.xlsx": [("production", "lots/production.csv")],
    "prices-illustrative.xlsx": [("prices", "prices-illustrative.csv")],
    "statement/libro.xlsx": [
        ("Ventas", "statement/ventas.csv"),
        ("Precios", "statement/precios.csv"),
        ("Tasas", "statement/tasas.csv"),
    ],
}

_FIXED = dt.datetime(2024, 1, 1)
_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_DEC = re.compile(r"-?[0-9]+\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _rows(csv_path: Path) -> list[list[str]]:
    text = csv_path.read_text(encoding="utf-8")
    semicolon = ";" in text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if semicolon else ","))
    if not semicolon:
        return rows
    # A semicolon file from a decimal-comma Excel: its numbers (and masses) have commas.
    return [rows[0], *([_point(c) for c in r] for r in rows[1:])]


def _point(cell: str) -> str:
    return cell.replace(",", ".") if re.fullmatch(r"-?[0-9]+,[0-9]+[a-z]*", cell) else cell


def _value(text: str) -> object:
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # 2024-02-30 stays the text a person typed
    if _INT.fullmatch(text):
        return int(text)
    if _DEC.fullmatch(text):
        return float(text)
    return text


def workbook(sheets: list[tuple[str, str]]) -> bytes:
    """The .xlsx bytes of ``sheets`` (title, CSV path under examples/)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rel in sheets:
        ws = wb.create_sheet(title)
        rows = _rows(EX / rel)
        for r, row in enumerate(rows, start=1):
            if len(row) != len(rows[0]):
                continue  # a CSV line a sheet cannot hold: its row stays empty
            for c, text in enumerate(row, start=1):
                value = text if r == 1 else _value(text)
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, float):
                    # Shown with the decimals written: 2030.00 stays 2030.00, 0.990 stays 0.990.
                    cell.number_format = "0." + "0" * len(text.split(".")[1])
    wb.properties.created = wb.properties.modified = _FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return _reproducible(raw.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The zip with fixed timestamps and order, so the same input gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            body = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>", b"", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for rel, sheets in BOOKS.items():
        data = workbook(sheets)
        path = EX / rel
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(rel)
        else:
            path.write_bytes(data)
            print(f"wrote examples/{rel}")
    for rel in stale:
        print(f"examples/{rel} differs from its CSV: run scripts/gen_example_xlsx.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
