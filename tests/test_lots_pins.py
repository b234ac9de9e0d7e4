"""Lots behaviours the mutation run found unpinned (docs/testing.md, "Surviving mutants").

``check_row`` is public for distributed engines (docs/buyer-guide.md): what it
reports for the whole-file checks must be right on its own. The rows given to
``verify_lots`` as mappings here are judged by the Python check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from fairmined.lots import LotContext, RawRow, check_row, verify_lots
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


BOUNDARIES = Path(__file__).parent / "data" / "boundaries-standard.toml"


def test_lot_that_cannot_be_priced_keeps_its_id_and_the_hint(tmp_path: Path) -> None:
    """A stale price file: the lot is invalid under its own id, the reason ending in the hint."""
    prices = tmp_path / "prices.csv"
    prices.write_text("date,metal,session,usd_per_troy_ounce\n2024-01-02,gold,AM,2000\n")
    [r] = verify_lots([{**LOT, "reference_price": ""}], certificates=[CERT], prices=prices)
    assert (r.status, r.lot_id) == ("invalid", "L-1")
    assert r.reason is not None and r.reason.startswith("line 1: the newest gold price on or ")
    assert r.reason.endswith(
        " (add the missing prices, give the reference price, or raise --max-price-age)"
    )


def test_lot_that_cannot_be_priced_without_hint_says_only_why(tmp_path: Path) -> None:
    """A premium per kg in EUR cannot be compared: the reason is the error alone, no hint."""
    text = BOUNDARIES.read_text(encoding="utf-8").replace('currency = "USD"', 'currency = "EUR"')
    std = tmp_path / "eur.toml"
    std.write_text(text, encoding="utf-8")
    cert = {**CERT, "standard": str(std), "valid_from": "2020-01-01"}
    [r] = verify_lots([{**LOT, "sale_date": "2021-03-01"}], certificates=[cert])
    assert (r.status, r.lot_id) == ("invalid", "L-1")
    assert r.reason == "line 1: premium currency EUR is not supported"


def test_open_ended_certificate_is_said_so() -> None:
    """A certificate without an end date: a sale before it starts names it open-ended."""
    [r] = verify_lots([{**LOT, "sale_date": "2023-12-31"}], certificates=[{**CERT, "valid_to": ""}])
    assert r.checks == ("certificate_not_valid",)
    assert r.findings[0].message.endswith("(2024-01-01 to open-ended)")
