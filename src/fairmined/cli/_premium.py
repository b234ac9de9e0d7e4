"""``fairmined premium``: quote the floor price and premium of a sale."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "premium",
        help="quote the floor price and premium a sale must pay",
        description="Quote the floor price, the price that applies, the premium and the total "
        "a sale of certified metal must pay under a standard.",
    )
    p.add_argument("--standard", required=True, metavar="ID", help="standard id or file")
    p.add_argument("--metal", required=True, metavar="METAL", help="gold, silver or platinum")
    p.add_argument(
        "--mass",
        required=True,
        metavar="QTY",
        help="gross mass with unit: 1.250kg, 1250g, 40.19ozt",
    )
    p.add_argument(
        "--fineness", required=True, metavar="F", help="fineness: 0.995, 18k or 995‰ (also 995ppt)"
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--reference-price", metavar="P", help="reference price in USD per troy ounce")
    src.add_argument(
        "--prices",
        metavar="FILE",
        help="CSV of reference prices: date,metal,session,usd_per_troy_ounce",
    )
    p.add_argument(
        "--session",
        choices=["AM", "PM"],
        type=str.upper,
        help="with --prices: which daily price to use (default PM, then AM)",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="sale date (default: today)")
    p.add_argument(
        "--ecological",
        action="store_true",
        help="ecological metal (mined without mercury or cyanide)",
    )
    p.add_argument("--paid", metavar="AMOUNT", help="price paid for the whole lot, in USD")
    p.add_argument("--currency", metavar="CODE", help="local currency (ISO 4217), with --rate")
    p.add_argument("--rate", metavar="R", help="units of --currency per USD")
    p.add_argument("--locale", metavar="L", help="locale for amounts (default: environment)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from fairmined.errors import FileProblems, InputError
    from fairmined.model import Fineness, Mass, parse_decimal, parse_metal
    from fairmined.pricing import PriceTable, parse_iso_date, quote
    from fairmined.report import quote_json, quote_table, resolve_locale
    from fairmined.standards import load_standard

    from ._common import dump_json

    def flagged(flag: str, fn: Any, *a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except FileProblems:
            raise  # each problem already names its file and path: print them all
        except InputError as e:
            if isinstance(e, FileProblems) or e.file is not None:
                raise  # about a file's content: it names the file and its own path
            raise type(e)(e.message, path=flag, hint=e.hint) from None

    locale = None if args.json else resolve_locale(args.locale)
    if args.json and args.locale is not None:
        resolve_locale(args.locale)  # still reject a bad value
    if (args.currency is None) != (args.rate is None):
        missing = "--rate" if args.rate is None else "--currency"
        raise InputError(
            f"{missing} is needed with {'--currency' if args.rate is None else '--rate'}",
            path=missing,
        )
    if args.session and not args.prices:
        raise InputError("--session goes with --prices", path="--session")
    std = flagged("--standard", load_standard, args.standard)
    q = quote(
        std,
        flagged("--metal", parse_metal, args.metal),
        flagged("--mass", Mass.parse, args.mass),
        flagged("--fineness", Fineness.parse, args.fineness),
        reference_price=(
            flagged("--reference-price", parse_decimal, args.reference_price)
            if args.reference_price is not None
            else None
        ),
        prices=PriceTable.from_csv(args.prices) if args.prices else None,
        sale_date=flagged("--date", parse_iso_date, args.date) if args.date else None,
        ecological=args.ecological,
        paid=flagged("--paid", parse_decimal, args.paid) if args.paid is not None else None,
        currency=args.currency,
        rate=flagged("--rate", parse_decimal, args.rate) if args.rate is not None else None,
        session=args.session,
    )
    for w in q.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if args.json:
        sys.stdout.write(dump_json(quote_json(q)))
    else:
        assert locale is not None
        sys.stdout.write(quote_table(q, locale))
    return 0
