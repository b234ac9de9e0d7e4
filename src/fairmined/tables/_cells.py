"""One cell of a mapping or DataFrame record as text, exactly."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import Decimal

from fairmined.errors import QuantityError

__all__ = ["cell_text"]


def cell_text(value: object, field: str) -> str:
    """A cell as text: None and pandas' missing values are empty; a float is refused.

    Text is stripped; ``Decimal`` and ``int`` are their digits; a date (or a
    date-time at midnight, such as a pandas ``Timestamp``) is ``YYYY-MM-DD``.
    A float cannot hold amounts exactly, so it is an error naming the column.
    """
    if value is None or type(value).__name__ in {"NAType", "NaTType"}:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        raise QuantityError(
            f"{field} is a float ({value!r}), which cannot hold amounts exactly",
            path=field,
            hint="read the data as text (dtype=str) or as Decimal",
        )
    raise QuantityError(f"{field} must be text, not {type(value).__name__}", path=field)
