"""Hypothesis strategies shared by the tests, one section per part of the library."""

from __future__ import annotations

# =========================================================================== lots
# Strategies for buyer lot verification (tests/test_lots*.py). Self-contained:
# rows are dicts of column name to text, as a CSV reader gives them.
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

LOTS_CERTIFICATES = [
    {
        "certificate_id": "C-1",
        "holder": "Coop one",
        "standard": "fairmined-2.0",
        "metals": "gold;silver",
        "ecological": "true",
        "valid_from": "2023-01-01",
        "valid_to": "2024-12-31",
        "status": "active",
        "status_since": "",
    },
    {
        "certificate_id": "C-2",
        "holder": "Coop two",
        "standard": "fairtrade-gold-2013",
        "metals": "gold",
        "ecological": "false",
        "valid_from": "2023-01-01",
        "valid_to": "",
        "status": "suspended",
        "status_since": "2024-06-01",
    },
]
LOTS_PRODUCTION = [
    {
        "certificate_id": "C-1",
        "period_start": "2024-01-01",
        "period_end": "2024-06-30",
        "metal": "gold",
        "fine_mass": "3kg",
    },
    {
        "certificate_id": "C-2",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "metal": "gold",
        "fine_mass": "2.5kg",
    },
]


def _money(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.integers(lo * 100, hi * 100).map(lambda c: str(Decimal(c).scaleb(-2)))


@st.composite
def lot_rows(draw: st.DrawFn, *, unique_ids: bool = False, n: int = 0) -> dict[str, str]:
    """One lots row, well formed or (rarely) not, for the certificates above."""
    day = date(2022, 12, 1) + timedelta(days=draw(st.integers(0, 800)))
    row = {
        "lot_id": f"L-{n}" if unique_ids else draw(st.sampled_from(["A", "B", "C", "D", "E"])),
        "sale_date": day.isoformat(),
        "certificate_id": draw(st.sampled_from(["C-1", "C-1", "C-2", "C-9"])),
        "metal": draw(st.sampled_from(["gold", "gold", "silver", "platinum"])),
        "gross_mass": draw(st.sampled_from(["250g", "1kg", "1.250kg", "40.19ozt", "3kg"])),
        "fineness": draw(st.sampled_from(["0.995", "18k", "999.9‰", "0.75"])),
        "ecological": draw(st.sampled_from(["true", "false"])),
        "reference_price": draw(_money(900, 2500)),
        "price_paid": draw(_money(0, 250000)),
        "premium_paid": draw(_money(0, 20000)),
        "currency": "USD",
    }
    if draw(st.integers(0, 9)) == 0:
        field = draw(st.sampled_from(["fineness", "sale_date", "gross_mass", "currency"]))
        row[field] = {
            "fineness": "1.5",
            "sale_date": "2024-02-30",
            "gross_mass": "12",
            "currency": "EUR",
        }[field]
    return row


@st.composite
def lot_tables(draw: st.DrawFn, *, unique_ids: bool = False) -> list[dict[str, str]]:
    """A lots table of 0 to 30 rows."""
    size = draw(st.integers(0, 30))
    return [draw(lot_rows(unique_ids=unique_ids, n=i)) for i in range(size)]
