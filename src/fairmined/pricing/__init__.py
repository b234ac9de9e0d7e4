"""Premium quotes: what a sale must pay under a standard's price schedule."""

from fairmined.pricing._batch import QUOTE_COLUMNS, QuoteBatch, quote_batch
from fairmined.pricing._prices import (
    MAX_PRICE_AGE_DAYS,
    PRICE_COLUMNS,
    PriceTable,
    ReferencePrice,
    check_max_price_age,
    parse_iso_date,
)
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
    "MAX_PRICE_AGE_DAYS",
    "PRICE_COLUMNS",
    "QUOTE_COLUMNS",
    "ROUNDING",
    "LocalAmounts",
    "Notice",
    "PriceTable",
    "Quote",
    "QuoteBatch",
    "Quoter",
    "ReferencePrice",
    "SaleFigures",
    "check_max_price_age",
    "figure_amount",
    "parse_iso_date",
    "quote",
    "quote_batch",
]
