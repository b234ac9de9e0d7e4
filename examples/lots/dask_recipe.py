"""Run the lot checks on Dask: the same per-lot check, duplicates and mass balance as reductions.

Run from the repository root (after ``pip install 'fairmined[dask]'``):

    python examples/lots/dask_recipe.py
    python examples/lots/dask_recipe.py examples/lots/lots.csv \
        examples/lots/certificates.csv examples/lots/production.csv

With no arguments it checks the shipped example; otherwise give LOTS
CERTIFICATES [PRODUCTION]. It prints one JSON object per lot.

The per-lot check (``check_row``) is a plain function of one row and the
reference data, so Dask maps it over partitions. The two whole-file checks
are reductions: lot ids and mass-balance entries are gathered (small tuples),
and the library's own ``duplicate_findings`` and ``mass_balance_findings``
turn them into findings, merged back by line. On a cluster, swap the local
scheduler for a ``distributed.Client``; the code does not change.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

try:
    import dask
    import dask.bag as db
except ImportError:  # the recipe needs the dask extra
    print("this recipe needs Dask: pip install 'fairmined[dask]'", file=sys.stderr)
    sys.exit(2)

from fairmined.errors import FairminedError
from fairmined.lots import (
    LOT_COLUMNS,
    LotContext,
    LotResult,
    check_row,
    duplicate_findings,
    iter_rows,
    mass_balance_findings,
    with_findings,
)


def verify_with_dask(
    lots: str, certificates: str, production: str | None = None, partitions: int = 4
) -> Iterator[LotResult]:
    ctx = LotContext.load(certificates, production)
    rows = db.from_sequence(list(iter_rows(lots, required=LOT_COLUMNS)), npartitions=partitions)
    checked = rows.map(lambda raw: check_row(ctx, raw)).persist()

    # Reduction 1: fine mass per production period; only periods over their
    # declared production need their entries, sorted by sale date.
    entries = checked.filter(lambda c: c.mass is not None).map(
        lambda c: (c.mass.period, c.mass.sale_ordinal, c.mass.line, c.mass.fine_g)
    )
    totals = dict(
        entries.foldby(
            lambda e: e[0], lambda acc, e: acc + e[3], Decimal(0), lambda a, b: a + b, Decimal(0)
        ).compute()
    )
    over = {p for p, total in totals.items() if total > ctx.production[p].fine_mass_g}
    extra: dict[int, list] = {}
    for line, f in mass_balance_findings(
        ctx, entries.filter(lambda e: e[0] in over).compute()
    ).items():
        extra.setdefault(line, []).append(f)

    # Reduction 2: lot ids with their lines, in input order.
    ids = sorted(
        checked.filter(lambda c: c.result.lot_id is not None)
        .map(lambda c: (c.result.line, c.result.lot_id))
        .compute()
    )
    for line, f in duplicate_findings(ids).items():
        extra.setdefault(line, []).insert(0, f)  # duplicate_lot comes before mass balance

    for c in checked.compute():
        yield with_findings(c.result, tuple(extra.get(c.result.line, ())))


HERE = Path(__file__).resolve().parent
USAGE = "usage: python examples/lots/dask_recipe.py [LOTS CERTIFICATES [PRODUCTION]]"


def main(argv: list[str]) -> int:
    from fairmined.report import lot_json

    if not argv:
        argv = [str(HERE / name) for name in ("lots.csv", "certificates.csv", "production.csv")]
    if len(argv) not in (2, 3) or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        with dask.config.set(scheduler="synchronous"):
            for r in verify_with_dask(*argv):
                print(lot_json(r))
    except FairminedError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
