"""A statement as a pandas DataFrame: one row per sale, exact values only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fairmined.errors import InputError

if TYPE_CHECKING:
    from fairmined.statement._build import Statement

__all__ = ["statement_frame"]


def statement_frame(st: Statement) -> Any:
    """One row per sale: text, dates and Decimal amounts in object columns, never floats."""
    try:
        import pandas as pd
    except ImportError:
        raise InputError("to_pandas() needs pandas", hint="pip install pandas") from None
    rows = []
    for line in st.lines:
        s, q = line.sale, line.quote
        row: dict[str, object] = {
            "sale_date": s.sale_date,
            "buyer": s.buyer,
            "lot_id": s.lot_id,
            "metal": s.metal.value,
            "ecological": s.ecological,
            "fine_mass_g": line.fine_mass_g,
            "reference_price": q.reference.per_troy_ounce.amount,
            "reference_price_date": q.reference.on,
            "paid_in": line.paid_in,
        }
        for prefix, amounts in (("usd", line.usd), (st.currency, line.local)):
            if prefix is None or amounts is None:
                continue
            p = prefix.lower()
            row[f"{p}_floor"] = amounts.floor.amount
            row[f"{p}_price_received"] = amounts.price_received.amount
            row[f"{p}_premium_due"] = amounts.premium_due.amount
            row[f"{p}_premium_received"] = amounts.premium_received.amount
            row[f"{p}_shortfall"] = amounts.shortfall.amount
        if line.rate is not None:
            row["rate"] = line.rate.rate
            row["rate_date"] = line.rate.on
        row["underpaid"] = line.underpaid
        rows.append(row)
    return pd.DataFrame(rows, dtype=object)
