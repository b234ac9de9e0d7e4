"""Everything formatted for people: tables, reports, localised amounts.

This is the only layer that imports babel's formatting.
"""

from fairmined.report._format import fmt_decimal, fmt_money, money_json, plain, resolve_locale
from fairmined.report._lots import (
    LOT_CSV_COLUMNS,
    lot_csv_row,
    lot_json,
    neutralise,
    summary_json,
)
from fairmined.report._premium import quote_json, quote_table

__all__ = [
    "LOT_CSV_COLUMNS",
    "fmt_decimal",
    "fmt_money",
    "lot_csv_row",
    "lot_json",
    "money_json",
    "neutralise",
    "plain",
    "quote_json",
    "quote_table",
    "resolve_locale",
    "summary_json",
]
