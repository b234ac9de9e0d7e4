"""One reader for every tabular input: CSV from any spreadsheet, or an .xlsx sheet.

:func:`read_table` returns every cell as text, with the row's number in the
file, so each job parses its rows in one place whatever the file's form:

* CSV with a comma or a semicolon between cells and a decimal point or a
  decimal comma, both detected from the header and the first rows (or given);
* an Excel workbook (``.xlsx``), read in openpyxl's read-only mode, from the
  sheet named or the first one; numbers, dates and text cells read exactly.

Problems carry the file, the row (a CSV line, or a sheet's cell such as
``Ventas!C5``) and the column; :func:`collapse` folds the same problem on many
rows into one line with a count.
"""

from fairmined.tables._cells import cell_text
from fairmined.tables._read import (
    DECIMALS,
    DELIMITERS,
    Row,
    TextTable,
    collapse,
    read_csv_text,
    read_table,
)

__all__ = [
    "DECIMALS",
    "DELIMITERS",
    "Row",
    "TextTable",
    "cell_text",
    "collapse",
    "read_csv_text",
    "read_table",
]
