"""Lot checks on Dask: the DuckDB engine on each partition, duplicates and mass balance reduced.

Run from the repository root (after ``pip install 'fairmined[dask]'``):

    python examples/lots/dask_recipe.py
    python examples/lots/dask_recipe.py examples/lots/lots.csv \
        examples/lots/certificates.csv examples/lots/production.csv

With no arguments it checks the shipped example; otherwise give LOTS
CERTIFICATES [PRODUCTION]. It prints one JSON object per lot.

How it goes:

1. The client cuts the CSV file into chunks of whole records
   (``iter_csv_chunks``: lines as they are, no parsing), each with the line
   number it starts at; each chunk is one partition of a Dask bag.
2. Each worker runs the library's engine (``run_lots``, DuckDB) on its
   partition and keeps the per-lot results (``LotRun.per_lot``: every check
   of one row, before duplicates and the mass balance), the lot ids and the
   mass-balance entries.
3. The two checks across rows are reduced on the cluster: lot ids are folded
   by key to the first line of each id seen more than once; fine mass is
   summed per production period, and only the periods over their declared
   production send their entries back, to be put in sale-date order
   (``mass_balance_findings``).
4. The workers add those findings to their lots (``with_findings``).

On a cluster, connect a ``distributed.Client`` first; the code does not change.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import dask
    import dask.bag as db
except ImportError:  # the recipe needs the dask extra
    print("this recipe needs Dask: pip install 'fairmined[dask]'", file=sys.stderr)
    sys.exit(2)

from fairmined.errors import FairminedError
from fairmined.lots import (
    LOT_COLUMNS,
    CsvChunk,
    Finding,
    LotContext,
    LotResult,
    duplicate_findings,
    iter_csv_chunks,
    lot_key,
    mass_balance_findings,
    run_lots,
    with_findings,
)


def check_partition(chunks: list[CsvChunk], files: dict[str, Any]) -> list[dict[str, Any]]:
    """On a worker: the engine on each chunk; per-lot results, lot ids and mass entries."""
    out = []
    for chunk in chunks:
        with run_lots(chunk, **files) as run:
            results = list(run.per_lot())
            entries = run.mass_entries()
        out.append({"results": results, "entries": entries})
    return out


def verify_with_dask(
    lots: str, certificates: str, production: str | None = None, partitions: int = 4
) -> Iterator[LotResult]:
    files = {"certificates": certificates, "production": production}
    ctx = LotContext.load(certificates, production)  # the reference files, checked once
    size = max(Path(lots).stat().st_size, 1)
    chunks = iter_csv_chunks(lots, required=LOT_COLUMNS, chars=max(size // partitions, 1))
    if chunks is None:
        raise SystemExit("the recipe reads CSV files (a JSON Lines file: use verify_lots)")
    parts = db.from_sequence(list(chunks), npartitions=partitions)
    checked = parts.map_partitions(check_partition, files).persist()

    # Reduction 1, duplicates: the first line of each lot key, for keys seen twice.
    ids = checked.map(
        lambda p: [(lot_key(r.lot_id), r.line) for r in p["results"] if r.lot_id is not None]
    ).flatten()
    first = {
        key: line
        for key, (line, count) in ids.foldby(
            lambda e: e[0],
            lambda acc, e: (min(acc[0], e[1]), acc[1] + 1),
            (sys.maxsize, 0),
            lambda a, b: (min(a[0], b[0]), a[1] + b[1]),
            (sys.maxsize, 0),
        ).compute()
        if count > 1
    }

    # Reduction 2, mass balance: fine metal per period; entries only of periods over.
    entries = checked.map(lambda p: p["entries"]).flatten()
    totals = dict(
        entries.foldby(
            lambda e: e[0], lambda acc, e: acc + e[3], Decimal(0), lambda a, b: a + b, Decimal(0)
        ).compute()
    )
    over = {p for p, total in totals.items() if total > ctx.production[p].fine_mass_g}
    mass = mass_balance_findings(ctx, entries.filter(lambda e: e[0] in over).compute())
    dupes = duplicate_findings(
        (line, lot_id)
        for line, lot_id in sorted(
            checked.map(
                lambda p: [
                    (r.line, r.lot_id)
                    for r in p["results"]
                    if r.lot_id is not None and lot_key(r.lot_id) in first
                ]
            )
            .flatten()
            .compute()
        )
    )

    def finish(p: dict[str, Any]) -> list[LotResult]:
        extra: dict[int, tuple[Finding, ...]] = {}
        for found in (dupes, mass):  # duplicate_lot comes before mass balance
            for line, f in found.items():
                extra[line] = (*extra.get(line, ()), f)
        return [with_findings(r, extra.get(r.line, ())) for r in p["results"]]

    yield from checked.map(finish).flatten().compute()


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
