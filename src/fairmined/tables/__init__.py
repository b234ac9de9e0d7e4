"""One reader for every tabular input: CSV from any spreadsheet, or an .xlsx sheet.

:func:`read_table` returns every cell as text, with the row's number in the
file, so each job parses its rows in one place whatever the file's form:

* CSV with a comma or a semicolon between cells and a decimal point or a
  decimal comma, both detected from the header and the first rows (or given);
* an Excel workbook (``.xlsx``), read in openpyxl's read-only mode, from the
  sheet named or the first one; numbers, dates and text cells read exactly.

:class:`TableFile` is a path with its reading options (sheet, delimiter,
decimal mark), accepted wherever a file is.

Problems carry the file, the row (a CSV line, or a sheet's cell such as
``Ventas!C5``) and the column; :func:`collapse` folds the same problem on many
rows into one line with a count.
"""

from fairmined.tables._cells import cell_text
from fairmined.tables._csv import FIELD_LIMIT, CsvRecord, CsvRecords
from fairmined.tables._read import (
    DECIMALS,
    DELIMITERS,
    Row,
    TableFile,
    TextTable,
    collapse,
    is_table_path,
    problem_row,
    read_csv_text,
    read_rows,
    read_table,
)

__all__ = [
    "DECIMALS",
    "DELIMITERS",
    "FIELD_LIMIT",
    "CsvRecord",
    "CsvRecords",
    "Row",
    "TableFile",
    "TextTable",
    "cell_text",
    "collapse",
    "is_table_path",
    "problem_row",
    "read_csv_text",
    "read_rows",
    "read_table",
]
