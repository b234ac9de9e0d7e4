"""A batch of quotes: one per row of a table of sales (mappings or a pandas DataFrame).

Each row holds ``sale_date``, ``metal``, ``gross_mass``, ``fineness`` and,
optionally, ``ecological``, ``reference_price`` (else ``prices`` is needed)
and ``paid``. Cells are read as text, so nothing passes through a float: a
DataFrame read with ``dtype=str`` works as it is; a float cell is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError, QuantityError
from fairmined.model import repr_of
from fairmined.pricing._prices import PriceTable, parse_iso_date
from fairmined.pricing._quote import Quote, quote
from fairmined.standards import Standard, load_standard
from fairmined.tables import cell_text

__all__ = ["QUOTE_COLUMNS", "QuoteBatch", "quote_batch"]

QUOTE_COLUMNS = ("sale_date", "metal", "gross_mass", "fineness")
_OPTIONAL = ("ecological", "reference_price", "paid")
_BOOLS = {"": False, "true": True, "false": False, "yes": True, "no": False}


@attrs.frozen
class QuoteBatch:
    """The quotes of a batch, in input order."""

    __repr__ = repr_of("quotes")

    quotes: tuple[Quote, ...]

    def __iter__(self) -> Iterator[Quote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    def to_pandas(self) -> Any:
        """One row per quote; amounts as Decimal and dates as dates, never floats (needs pandas)."""
        pd = _pandas()
        return pd.DataFrame([_quote_row(q) for q in self.quotes], dtype=object)


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise InputError("to_pandas() needs pandas", hint="pip install pandas") from None
    return pd


def _quote_row(q: Quote) -> dict[str, object]:
    def amount(m: Any) -> Decimal | None:
        return None if m is None else m.amount

    return {
        "standard": q.standard_id,
        "sale_date": q.sale_date,
        "metal": q.metal.value,
        "ecological": q.ecological,
        "fine_mass_g": q.fine_mass_g,
        "reference_price": q.reference.per_troy_ounce.amount,
        "reference_price_date": q.reference.on,
        "floor_price": q.floor_price.amount,
        "paid": amount(q.paid),
        "shortfall": amount(q.shortfall),
        "price": q.price.amount,
        "premium": q.premium.amount,
        "total": q.total.amount,
    }


def quote_batch(
    rows: Iterable[Mapping[str, object]] | Any,
    standard: str | Standard,
    *,
    prices: PriceTable | str | Path | None = None,
) -> QuoteBatch:
    """Quote every row under ``standard``; every bad row is reported together.

    ``rows`` is an iterable of mappings or a pandas DataFrame; rows are
    numbered from 1 in errors.
    """
    std = standard if isinstance(standard, Standard) else load_standard(standard)
    table = PriceTable.from_csv(prices) if isinstance(prices, str | Path) else prices
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        rows = rows.to_dict("records")
    quotes: list[Quote] = []
    problems: list[FairminedError] = []
    for i, row in enumerate(rows, start=1):
        try:
            quotes.append(_quote_one(row, std, table))
        except FairminedError as e:
            problems.append(InputError(e.message, line=i, path=e.path, hint=e.hint))
    if problems:
        raise FileProblems(problems)
    return QuoteBatch(tuple(quotes))


def _quote_one(row: object, std: Standard, table: PriceTable | None) -> Quote:
    if not isinstance(row, Mapping):
        raise InputError(f"a row is a mapping of column to text, not {type(row).__name__}")
    missing = [c for c in QUOTE_COLUMNS if c not in row]
    if missing:
        raise InputError(f"row lacks {', '.join(missing)}", path=missing[0])
    cell = {k: cell_text(row.get(k), k) for k in (*QUOTE_COLUMNS, *_OPTIONAL)}
    eco = _BOOLS.get(cell["ecological"].strip().lower())
    if eco is None:
        raise QuantityError("ecological must be true or false", path="ecological")
    day: date = parse_iso_date(cell["sale_date"], field="sale_date")
    return quote(
        std,
        cell["metal"],
        cell["gross_mass"],
        cell["fineness"],
        reference_price=cell["reference_price"] or None,
        prices=table if not cell["reference_price"] else None,
        sale_date=day,
        ecological=eco,
        paid=cell["paid"] or None,
    )
