"""A lots table already in memory (a pandas DataFrame or an Arrow table), made ready for DuckDB.

The engine does not walk the rows in Python: the lot columns are gathered
into an Arrow table (zero-copy where they already are Arrow) with a ``line``
column, and DuckDB reads that table on its own threads, casting each cell to
text (``cells_table.sql``), so no value passes through a float.

Which columns are read, column by column (never row by row):

- text, whole numbers and booleans: read as text (``12``, ``true``);
- missing values (``None``, NaN, ``pd.NA``): an empty cell;
- a float column (``float64``, or Python floats) is **refused** with an
  :class:`~fairmined.errors.InputError` naming the column, unless every value
  is missing: a float cannot hold an amount exactly, and guessing which
  decimal was meant would be silent. Read the data as text
  (``pd.read_csv(..., dtype=str)``);
- any other type (``Decimal`` objects, dates, mixed cells): the table is read
  row by row as mappings instead (:func:`fairmined.lots.iter_mappings`), whose
  per-cell rules apply (a date or a float in a cell makes that row invalid).

Columns other than the lot columns are not read. The header is checked as a
CSV header is: a lot column missing, named twice or misspelt stops the run.
pandas and pyarrow are imported only when such a table is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from fairmined.errors import InputError
from fairmined.lots._inputs import LOT_COLUMNS, OPTIONAL_LOT_COLUMNS, _csv_header

__all__ = ["LotTable", "is_table", "lot_table"]


@attrs.frozen
class LotTable:
    """Lots for the engine: ``arrow`` holds ``line`` and every lot column, ``present`` the given."""

    arrow: Any
    present: tuple[str, ...]
    name: str


def is_table(obj: object) -> bool:
    """Whether ``obj`` is a pandas DataFrame or an Arrow table (without importing either)."""
    module = type(obj).__module__.split(".", 1)[0]
    kind = type(obj).__name__
    return (module == "pandas" and kind == "DataFrame") or (module == "pyarrow" and kind == "Table")


def lot_table(obj: Any, *, required: Iterable[str], first_line: int) -> LotTable | None:
    """``obj`` (see :func:`is_table`) as a :class:`LotTable`; ``None`` to read it row by row.

    Raises :class:`InputError` for a bad header or a float column.
    """
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pandas without pyarrow
        return None
    frame = type(obj).__module__.startswith("pandas")
    name = "DataFrame" if frame else "Arrow table"
    labels = [str(c) for c in obj.columns] if frame else list(obj.column_names)
    columns = (*LOT_COLUMNS, *OPTIONAL_LOT_COLUMNS)
    header: Any = _Header(labels)
    cols = _csv_header(header, name, tuple(required), f"lots {name}", optional=OPTIONAL_LOT_COLUMNS)
    arrays: dict[str, Any] = {}
    plain = True
    for i, col in enumerate(cols):
        if col not in columns:
            continue
        array = _arrow_column(pa, obj.iloc[:, i] if frame else obj.column(i))
        if array is None:
            plain = False
            continue
        if pa.types.is_floating(array.type):
            if array.null_count < len(array):
                raise InputError(
                    f"column {col} holds floats ({array.type}), which cannot hold amounts exactly",
                    file=name,
                    hint="read the data as text (dtype=str)",
                )
            array = pa.nulls(len(array), pa.string())
        elif not _text_like(pa, array.type):
            plain = False
        arrays[col] = array
    if not plain:
        return None
    n = obj.shape[0] if frame else obj.num_rows
    line = pa.array(range(first_line, first_line + n), type=pa.int64())
    present = tuple(c for c in columns if c in arrays)
    full = {c: arrays.get(c, pa.nulls(n, pa.string())) for c in columns}
    return LotTable(pa.table({"line": line, **full}), present, name)


class _Header:
    """A table's column names, read as a CSV header is (``_csv_header`` reads one record)."""

    def __init__(self, labels: list[str]) -> None:
        self.cells: list[str] | None = labels
        self.error: str | None = None

    def read_record(self) -> _Header:
        return self


def _arrow_column(pa: Any, column: Any) -> Any:
    """A column as an Arrow array or chunked array; ``None`` if Arrow cannot hold it as one type."""
    if isinstance(column, pa.ChunkedArray):
        return column
    try:
        return pa.array(column, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return None


def _text_like(pa: Any, kind: Any) -> bool:
    """Types whose cast to text is what the cell says: text, whole numbers, booleans, nulls."""
    t = pa.types
    return bool(
        t.is_string(kind)
        or t.is_large_string(kind)
        or t.is_string_view(kind)
        or t.is_integer(kind)
        or t.is_boolean(kind)
        or t.is_null(kind)
    )
