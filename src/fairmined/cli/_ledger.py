"""``fairmined ledger``: what a buyer bought against what each certificate declared."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import add_command, add_output, check_out, output_format, write_output

__all__ = ["register", "run"]

EXAMPLE_LEDGER = "examples/lots/ledger.duckdb"


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "ledger",
        help="show a buyer's ledger: fine metal bought against declared, per certificate "
        "and period",
        description="Read a ledger that 'verify-lots --ledger FILE' records deliveries in, and "
        "show per certificate, metal and declared production period the fine metal bought "
        "(lots that were not invalid) against the fine metal declared.",
        example=f"fairmined ledger {EXAMPLE_LEDGER}",
        ok="every period is within its declared production",
        negative="more fine metal was bought than declared in a period",
    )
    p.add_argument("ledger", metavar="FILE", help="the ledger (a DuckDB file)")
    add_output(p, "ledger")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from fairmined.lots import ledger_balance
    from fairmined.report import render_ledger, translator

    fmt = output_format(args)
    tr = translator(args.locale)
    check_out(args)
    periods = ledger_balance(args.ledger)
    write_output(render_ledger(periods, fmt, tr, source=args.ledger), args.out)
    return 1 if any(p.over for p in periods) else 0
