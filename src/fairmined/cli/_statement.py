"""``fairmined statement``: the cooperative's premium statement for a period of sales.

Exit codes: 0 when every sale was paid at least what was due, 1 when any sale
was underpaid, 2 for bad input or usage.
"""

from __future__ import annotations

import argparse
from typing import Any

from ._common import (
    add_command,
    add_output,
    add_table_options,
    days,
    metal_values,
    standard_values,
)

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "statement",
        help="what each buyer owed and paid over a period of sales",
        description="The premium statement of a period of sales: per sale the fine mass, the "
        "reference price used, the floor price, the premium due, what was received and the "
        "shortfall; totals per buyer, per month and for the period, in USD and in a local "
        "currency.",
        example="fairmined statement examples/statement/ventas.csv --standard fairmined-2.0 "
        "--prices examples/statement/precios.csv --currency COP "
        "--rates examples/statement/tasas.csv --locale es_CO",
        values=lambda: [
            standard_values(),
            metal_values("metal column of the sales file"),
            (
                "--delimiter, --decimal",
                [", or ; and . or , (default: detected; other files use them if undetectable)"],
            ),
        ],
        ok="every sale was paid at least what was due",
        negative="a sale was underpaid",
    )
    p.add_argument(
        "sales",
        metavar="SALES",
        help="sales file (CSV or .xlsx): sale_date, buyer, lot_id, metal, gross_mass, fineness, "
        "ecological, price_received, premium_received, currency [, reference_price]",
    )
    p.add_argument("--standard", required=True, metavar="ID", help="standard id or file")
    p.add_argument(
        "--prices",
        metavar="FILE",
        help="reference prices (date,metal,session,usd_per_troy_ounce); "
        "without it, the sales file's reference_price column",
    )
    p.add_argument(
        "--currency", metavar="CODE", help="local currency (ISO 4217, any case), with --rates"
    )
    p.add_argument(
        "--rates", metavar="RATES", help="exchange rates file: date,currency,rate (per USD)"
    )
    p.add_argument(
        "--max-price-age",
        type=days,
        default=None,
        metavar="DAYS",
        help="with --prices: refuse a price more than DAYS days older than its sale (default 7, "
        "as for premium)",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="first sale date included")
    p.add_argument("--to", dest="end", metavar="DATE", help="last sale date included")
    add_table_options(p, "the SALES file", sheets=("prices", "rates"))
    add_output(p, "statement")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from fairmined.errors import InputError
    from fairmined.pricing import PriceTable, parse_iso_date
    from fairmined.report import render_statement, statement_xlsx, translator
    from fairmined.standards import load_standard
    from fairmined.statement import RateTable, premium_statement, read_sales

    from ._common import (
        output_format,
        price_age,
        table_file,
        warn,
        write_file_output,
        write_output,
    )

    fmt = output_format(args)
    tr = translator(args.locale)
    if (args.currency is None) != (args.rates is None):
        missing = "--rates" if args.rates is None else "--currency"
        other = "--currency" if args.rates is None else "--rates"
        raise InputError(f"{missing} is needed with {other}", path=missing)
    start = _day(parse_iso_date, args.start, "--from")
    end = _day(parse_iso_date, args.end, "--to")
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}", path="--from")
    std = load_standard(args.standard)
    sales, table = read_sales(table_file(args, args.sales))
    prices = PriceTable.from_csv(table_file(args, args.prices, "prices")) if args.prices else None
    rates = RateTable.from_file(table_file(args, args.rates, "rates")) if args.rates else None
    for source in (table, prices, rates):
        for note in source.notes if source is not None else ():
            warn(note, tr)
    st = premium_statement(
        sales,
        std,
        prices=prices,
        rates=rates,
        currency=args.currency,
        start=start,
        end=end,
        max_price_age=price_age(args),
    )
    if fmt == "xlsx":
        write_file_output(statement_xlsx(st, tr), args.out, fmt)
    else:
        write_output(render_statement(st, fmt, tr), args.out)
    return 1 if st.underpaid else 0


def _day(parse: Any, text: str | None, flag: str) -> Any:
    from fairmined.errors import InputError

    if text is None:
        return None
    try:
        return parse(text, field=flag)
    except InputError as e:
        raise InputError(e.message, path=flag, hint=e.hint) from None
