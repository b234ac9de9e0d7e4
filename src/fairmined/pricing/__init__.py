"""Premium quotes: what a sale must pay under a standard's price schedule."""

from fairmined.pricing._figures import SaleFigures, sale_figures
from fairmined.pricing._prices import PRICE_COLUMNS, PriceTable, ReferencePrice, parse_iso_date
from fairmined.pricing._quote import (
    ROUNDING,
    LocalAmounts,
    Quote,
    Quoter,
    figure_amount,
    quote,
)

__all__ = [
    "PRICE_COLUMNS",
    "ROUNDING",
    "LocalAmounts",
    "PriceTable",
    "Quote",
    "Quoter",
    "ReferencePrice",
    "SaleFigures",
    "figure_amount",
    "parse_iso_date",
    "quote",
    "sale_figures",
]
