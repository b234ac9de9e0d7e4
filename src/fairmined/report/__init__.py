"""Everything formatted for people: tables, reports, localised amounts.

This is the only layer that imports babel's formatting.
"""

from fairmined.report._format import fmt_decimal, fmt_money, money_json, plain, resolve_locale
from fairmined.report._premium import quote_json, quote_table

__all__ = [
    "fmt_decimal",
    "fmt_money",
    "money_json",
    "plain",
    "quote_json",
    "quote_table",
    "resolve_locale",
]
