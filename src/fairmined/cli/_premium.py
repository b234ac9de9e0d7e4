"""``fairmined premium``: quote the floor price and premium of a sale."""

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


#: quote()'s parameter names and the flags that set them.
_FLAG_OF = {
    "reference_price": "--reference-price",
    "paid": "--paid",
    "rate": "--rate",
    "currency": "--currency",
    "date": "--date",
    "mass": "--mass",
    "metal": "--metal",
    "fineness": "--fineness",
    "session": "--session",
    "max_price_age": "--max-price-age",
}


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "premium",
        help="quote the floor price and premium a sale must pay",
        description="Quote the floor price, the price that applies, the premium and the total "
        "a sale of certified metal must pay under a standard.",
        example="fairmined premium --standard fairmined-2.0 --metal gold --mass 1.250kg "
        "--fineness 0.995 --prices examples/prices-illustrative.csv --date 2024-03-28",
        values=_values,
        ok="the quote (a price paid below the floor is a warning in the quote, not a verdict)",
    )
    p.add_argument("--standard", required=True, metavar="ID", help="standard id or file")
    p.add_argument("--metal", required=True, metavar="METAL", help="gold, silver or platinum")
    p.add_argument(
        "--mass",
        required=True,
        metavar="QTY",
        help="gross mass with unit: 1.250kg, 1250g, 40.19ozt (troy ounces; oz is refused)",
    )
    p.add_argument(
        "--fineness",
        required=True,
        metavar="F",
        help="fineness: 0.995, 18k or 995‰ (also 995ppt); 99.5%% is refused with the "
        "fraction to write",
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
    p.add_argument(
        "--max-price-age",
        type=days,
        default=None,
        metavar="DAYS",
        help="with --prices: refuse a price more than DAYS days older than the sale (default 7: "
        "there is no LBMA price on weekends and UK bank holidays, never for more than five "
        "days in a row)",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="sale date (default: today)")
    p.add_argument(
        "--ecological",
        action="store_true",
        help="ecological metal (mined without mercury or cyanide)",
    )
    p.add_argument("--paid", metavar="AMOUNT", help="price paid for the whole lot, in USD")
    p.add_argument(
        "--currency",
        metavar="CODE",
        help="local currency (ISO 4217, any case: cop is COP), with --rate",
    )
    p.add_argument("--rate", metavar="R", help="units of --currency per USD")
    add_table_options(p, what="the --prices file")
    add_output(p, "quote")
    p.set_defaults(func=run)


def _values() -> list[tuple[str, list[str]]]:
    return [
        standard_values(),
        metal_values(),
        ("--mass units", ["g, kg, ozt (troy ounce, 31.1034768 g)"]),
        ("--fineness forms", ["0.995 (fraction), 18k (karats), 995‰ or 995ppt (per mille)"]),
        ("numbers (--reference-price, --paid, --rate)", ["1250.5: a dot, no thousands separator"]),
        ("--session", ["AM, PM"]),
        ("--delimiter, --decimal", [", or ; and . or , (default: detected)"]),
    ]


def run(args: argparse.Namespace) -> int:
    from fairmined.errors import FileProblems, InputError
    from fairmined.model import Fineness, Mass, parse_decimal, parse_metal
    from fairmined.pricing import PriceTable, parse_iso_date, quote
    from fairmined.report import notice_text, render_quote, translator
    from fairmined.standards import load_standard

    from ._common import output_format, price_age, table_options, warn, write_output

    def flagged(flag: str, fn: Any, *a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except FileProblems:
            raise  # each problem already names its file and path: print them all
        except InputError as e:
            if isinstance(e, FileProblems) or e.file is not None:
                raise  # about a file's content: it names the file and its own path
            raise type(e)(e.message, path=flag, hint=e.hint) from None

    fmt = output_format(args)
    tr = translator(args.locale)  # also rejects a bad --locale before any work
    if (args.currency is None) != (args.rate is None):
        missing = "--rate" if args.rate is None else "--currency"
        raise InputError(
            f"{missing} is needed with {'--currency' if args.rate is None else '--rate'}",
            path=missing,
        )
    for flag in ("session", "delimiter", "decimal", "sheet"):
        if getattr(args, flag) and not args.prices:
            raise InputError(f"--{flag} goes with --prices", path=f"--{flag}")
    std = flagged("--standard", load_standard, args.standard)
    prices = PriceTable.from_csv(args.prices, **table_options(args)) if args.prices else None
    for note in prices.notes if prices is not None else ():
        warn(note, tr)  # a spreadsheet float whose digits the sheet hides
    try:
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
            prices=prices,
            sale_date=flagged("--date", parse_iso_date, args.date) if args.date else None,
            ecological=args.ecological,
            paid=flagged("--paid", parse_decimal, args.paid) if args.paid is not None else None,
            currency=args.currency,
            rate=flagged("--rate", parse_decimal, args.rate) if args.rate is not None else None,
            session=args.session,
            max_price_age=price_age(args),
        )
    except FileProblems:
        raise
    except InputError as e:
        # quote() names its parameters; on the command line, name the flag.
        if e.file is None and e.path in _FLAG_OF:
            raise InputError(e.message, path=_FLAG_OF[e.path], hint=e.hint) from None
        raise
    for n in q.notices:
        warn(notice_text(n, tr), tr)
    write_output(render_quote(q, fmt, tr), args.out)
    return 0
