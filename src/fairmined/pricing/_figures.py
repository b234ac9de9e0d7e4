"""The floor price and premium of one sale, without building a full quote.

:func:`sale_figures` is the inner step of :func:`~fairmined.pricing.quote`
for callers that price millions of lots (buyer lot verification): it takes
values that are already parsed, skips the warnings and the bookkeeping a
:class:`~fairmined.pricing.Quote` carries, and returns the same figures.
It uses :func:`~fairmined.pricing.figure_amount` and the same rounding
(:data:`~fairmined.pricing.ROUNDING`, to the cent), so the floor price and
premium equal ``quote(...).floor_price`` and ``quote(...).premium`` exactly;
a test proves it on random inputs.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from fairmined.model import Metal, Money
from fairmined.model._quantities import CONTEXT
from fairmined.pricing._quote import ROUNDING, figure_amount
from fairmined.standards import Figure, PricingRow, Standard

__all__ = ["SaleFigures", "sale_figures"]

_CENT = Decimal("0.01")


@attrs.frozen
class SaleFigures:
    """Floor price and premium of one sale in USD, rounded to the cent as quotes are."""

    standard_id: str
    schedule: PricingRow
    floor_rule: Figure
    premium_rule: Figure
    floor_price: Money
    premium: Money


def sale_figures(
    standard: Standard,
    metal: Metal,
    fine_g: Decimal,
    reference_per_ozt: Decimal,
    sale_date: date,
    *,
    ecological: bool = False,
) -> SaleFigures:
    """Floor price and premium for ``fine_g`` grams of fine ``metal`` sold on ``sale_date``.

    ``reference_per_ozt`` is the reference price in USD per troy ounce. Raises
    :class:`~fairmined.errors.PriceLookupError` when the standard has no
    schedule for the metal on that date, as :func:`~fairmined.pricing.quote` does.
    """
    row = standard.schedule(metal, sale_date)
    premium_rule = row.ecological_premium if ecological else row.premium
    floor = figure_amount(row.floor, reference_per_ozt, fine_g)
    premium = figure_amount(premium_rule, reference_per_ozt, fine_g)
    return SaleFigures(
        standard_id=standard.id,
        schedule=row,
        floor_rule=row.floor,
        premium_rule=premium_rule,
        floor_price=Money(floor.quantize(_CENT, rounding=ROUNDING, context=CONTEXT), "USD"),
        premium=Money(premium.quantize(_CENT, rounding=ROUNDING, context=CONTEXT), "USD"),
    )
