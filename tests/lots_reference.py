"""The Python reference for whole lots files: what the DuckDB engine must give.

Row by row with :func:`fairmined.lots.check_row` (the per-lot reference),
then the two reductions across rows, :func:`duplicate_findings` and
:func:`mass_balance_findings`, all in plain Python: no SQL, no chunks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from fairmined.lots import (
    LOT_COLUMNS,
    LotContext,
    LotResult,
    check_row,
    duplicate_findings,
    iter_mappings,
    iter_rows,
    mass_balance_findings,
    with_findings,
)


def reference_results(
    lots: str | Path | Iterable[Mapping[str, object]],
    *,
    certificates: object,
    production: object = None,
    prices: object = None,
    first_line: int = 1,
) -> list[LotResult]:
    """Every row's result, as the reference computes it."""
    ctx = LotContext.load(certificates, production, prices)  # type: ignore[arg-type]
    required = tuple(
        c for c in LOT_COLUMNS if not (c == "reference_price" and ctx.prices is not None)
    )
    if isinstance(lots, str | Path):
        raws = iter_rows(lots, required=required)
    else:
        raws = iter_mappings(lots, required=required, first_line=first_line)
    checked = [check_row(ctx, raw) for raw in raws]
    dups = duplicate_findings(
        (c.result.line, c.result.lot_id) for c in checked if c.result.lot_id is not None
    )
    entries = [
        (c.mass.period, c.mass.sale_ordinal, c.mass.line, c.mass.fine_g)
        for c in checked
        if c.mass is not None
    ]
    mass = mass_balance_findings(ctx, entries)
    out = []
    for c in checked:
        line = c.result.line
        extra = tuple(f for f in (dups.get(line), mass.get(line)) if f is not None)
        out.append(with_findings(c.result, extra))
    return out
