"""Lots behaviours the mutation run found unpinned (docs/testing.md, "Surviving mutants").

``check_row`` is public for distributed engines (docs/buyer-guide.md): what it
reports for the whole-file checks must be right on its own.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fairmined.lots import LotContext, RawRow, check_row
from fairmined.model import Metal

CERT = {
    "certificate_id": "B-1",
    "holder": "Boundary coop",
    "standard": "fairmined-2.0",
    "metals": "gold",
    "ecological": "true",
    "valid_from": "2024-01-01",
    "valid_to": "2024-12-31",
    "status": "active",
    "status_since": "",
}
PERIOD = {
    "certificate_id": "B-1",
    "period_start": "2024-01-01",
    "period_end": "2024-06-30",
    "metal": "gold",
    "fine_mass": "1990g",
}
LOT = {
    "lot_id": "L-1",
    "sale_date": "2024-03-01",
    "certificate_id": "B-1",
    "metal": "gold",
    "gross_mass": "1kg",
    "fineness": "0.995",
    "ecological": "false",
    "reference_price": "2200.00",
    "price_paid": "68000.00",
    "premium_paid": "3980.00",
    "currency": "USD",
}


def test_check_row_reports_the_mass_entry_in_sale_date_order() -> None:
    """A lot in a declared period: its mass entry carries period, sale day ordinal, line, grams."""
    ctx = LotContext.load([CERT], [PERIOD])
    checked = check_row(ctx, RawRow(7, dict(LOT)))
    assert checked.result.status == "pass"
    entry = checked.mass
    assert entry is not None
    assert entry.period == ctx.period_for("B-1", Metal.GOLD, date(2024, 3, 1))
    assert entry.sale_ordinal == date(2024, 3, 1).toordinal()
    assert entry.line == 7
    assert entry.fine_g == Decimal("1000") * Decimal("0.995")
