"""The cooperative's premium statement: what each buyer owed and paid over a period."""

from fairmined.statement._build import (
    Amounts,
    Statement,
    StatementLine,
    Total,
    premium_statement,
)
from fairmined.statement._rates import RATE_COLUMNS, Rate, RateTable
from fairmined.statement._sales import SALE_COLUMNS, SALE_OPTIONAL, Sale, read_sales

__all__ = [
    "RATE_COLUMNS",
    "SALE_COLUMNS",
    "SALE_OPTIONAL",
    "Amounts",
    "Rate",
    "RateTable",
    "Sale",
    "Statement",
    "StatementLine",
    "Total",
    "premium_statement",
    "read_sales",
]
