"""The sales a statement covers: one row per sale, read from CSV, .xlsx or mappings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError, QuantityError
from fairmined.model import Fineness, Mass, Metal, Money, parse_decimal, parse_metal, repr_of
from fairmined.pricing import ROUNDING, parse_iso_date
from fairmined.tables import Row, TextTable, cell_text, collapse, read_table

__all__ = [
    "SALE_COLUMNS",
    "SALE_NUMERIC",
    "SALE_OPTIONAL",
    "Sale",
    "read_sales",
    "sales_from_mappings",
    "sales_from_table",
]

SALE_COLUMNS = (
    "sale_date",
    "buyer",
    "lot_id",
    "metal",
    "gross_mass",
    "fineness",
    "ecological",
    "price_received",
    "premium_received",
    "currency",
)
#: A reference price per sale (USD per troy ounce), instead of a price file.
SALE_OPTIONAL = ("reference_price",)
SALE_NUMERIC = ("gross_mass", "fineness", "price_received", "premium_received", "reference_price")
_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "sí": True, "si": True}


@attrs.frozen
class Sale:
    """One sale as the cooperative recorded it; amounts received are in ``currency``."""

    __repr__ = repr_of("row", "sale_date", "buyer", "lot_id", "metal", "gross_mass")

    row: int
    sale_date: date
    buyer: str
    lot_id: str
    metal: Metal
    gross_mass: Mass
    fineness: Fineness
    ecological: bool
    price_received: Money
    premium_received: Money
    reference_price: Decimal | None = None


def read_sales(
    path: str | Path,
    *,
    delimiter: str | None = None,
    decimal: str | None = None,
    sheet: str | None = None,
) -> tuple[tuple[Sale, ...], TextTable]:
    """The sales of a CSV or .xlsx file, and the table they were read from."""
    table = read_table(
        path,
        columns=SALE_COLUMNS,
        optional=SALE_OPTIONAL,
        numeric=SALE_NUMERIC,
        what="sales file",
        delimiter=delimiter,
        decimal=decimal,
        sheet=sheet,
    )
    return sales_from_table(table), table


def sales_from_table(table: TextTable) -> tuple[Sale, ...]:
    """Every row as a :class:`Sale`; every bad cell of the file is reported together."""
    sales: list[Sale] = []
    problems: list[InputError] = []
    for row in table.rows:
        try:
            sales.append(parse_sale(row))
        except FairminedError as e:
            problems.append(table.located(row, e))
    if problems:
        raise FileProblems(collapse(problems), file=table.source)
    return tuple(sales)


def sales_from_mappings(records: Iterable[Mapping[str, object]], source: str) -> tuple[Sale, ...]:
    """Sales from mappings of text cells (a DataFrame's records), numbered from row 1."""
    rows: list[Row] = []
    problems: list[InputError] = []
    known = (*SALE_COLUMNS, *SALE_OPTIONAL)
    for i, rec in enumerate(records, start=1):
        missing = [c for c in SALE_COLUMNS if c not in rec]
        if missing:
            raise InputError(
                f"lacks column{'s' * (len(missing) > 1)} {', '.join(missing)}",
                file=source,
                line=i,
                hint="columns: " + ", ".join(SALE_COLUMNS),
            )
        try:
            rows.append(Row(i, {k: cell_text(rec[k], k) for k in known if k in rec}))
        except QuantityError as e:
            problems.append(InputError(e.message, file=source, line=i, path=e.path, hint=e.hint))
    if problems:
        raise FileProblems(collapse(problems), file=source)
    cols = tuple(rows[0].cells) if rows else SALE_COLUMNS
    return sales_from_table(TextTable(source, cols, tuple(rows)))


def parse_sale(row: Row) -> Sale:
    """One row's cells as a :class:`Sale`; the first bad cell raises, its path the column."""
    c = row.cells
    currency = c["currency"].strip().upper()
    if not currency:
        raise QuantityError("currency is empty", path="currency")
    ref_text = c.get("reference_price", "").strip()
    return Sale(
        row=row.number,
        sale_date=parse_iso_date(c["sale_date"], field="sale_date"),
        buyer=_required(c["buyer"], "buyer"),
        lot_id=_required(c["lot_id"], "lot_id"),
        metal=parse_metal(c["metal"]),
        gross_mass=Mass.parse(c["gross_mass"], field="gross_mass"),
        fineness=Fineness.parse(c["fineness"]),
        ecological=_bool(c["ecological"]),
        price_received=_amount(c["price_received"], currency, "price_received"),
        premium_received=_amount(c["premium_received"], currency, "premium_received"),
        reference_price=parse_decimal(ref_text, field="reference_price") if ref_text else None,
    )


def _required(text: str, field: str) -> str:
    s = text.strip()
    if not s:
        raise QuantityError(f"{field} is empty", path=field)
    return s


def _bool(text: str) -> bool:
    value = _BOOLS.get(text.strip().lower())
    if value is None:
        raise QuantityError(
            f"ecological must be true or false, not {text.strip()!r}", path="ecological"
        )
    return value


def _amount(text: str, currency: str, field: str) -> Money:
    """An amount received: not negative, with no more decimals than the currency has."""
    value = parse_decimal(text, field=field)
    try:
        money = Money(value, currency)
    except QuantityError as e:  # its text without its own path: the row names the column
        raise QuantityError(e.message, path="currency", hint=e.hint) from None
    except ValueError as e:
        raise QuantityError(str(e), path="currency") from None
    if value < 0:
        raise QuantityError(f"{field} cannot be negative: {text.strip()}", path=field)
    rounded = money.rounded(rounding=ROUNDING)
    if rounded != money:
        raise QuantityError(
            f"{field} {text.strip()} has more decimals than {currency} has", path=field
        )
    return rounded
