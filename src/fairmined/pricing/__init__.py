"""Premium quotes: what a sale must pay under a standard's price schedule."""

from fairmined.pricing._prices import PRICE_COLUMNS, PriceTable, ReferencePrice, parse_iso_date
from fairmined.pricing._quote import (
    ROUNDING,
    LocalAmounts,
    Notice,
    Quote,
    Quoter,
    SaleFigures,
    figure_amount,
    quote,
)

__all__ = [
    "PRICE_COLUMNS",
    "ROUNDING",
    "LocalAmounts",
    "Notice",
    "PriceTable",
    "Quote",
    "Quoter",
    "ReferencePrice",
    "SaleFigures",
    "figure_amount",
    "parse_iso_date",
    "quote",
]
