"""Buyer lot verification: certificates, per-lot checks and mass balance.

:func:`verify_lots` reads a lots file (CSV or JSON Lines), a pandas DataFrame,
an Arrow table or an iterable of mappings and yields one :class:`LotResult` per row, in input order;
:class:`LotSummary` adds them up. The engine runs on DuckDB (see
``_engine.py``); :func:`run_lots` keeps a run's results in a :class:`LotRun`
to read as objects, text, an Arrow table or a DataFrame. A run on part of a
file (a :class:`CsvChunk` of :func:`iter_csv_chunks`) gives its per-lot
results and mass-balance entries (:meth:`LotRun.per_lot`,
:meth:`LotRun.mass_entries`), and the two whole-file reductions
(:func:`duplicate_findings`, :func:`mass_balance_findings`) are public, so
the engine runs on a cluster (see docs/buyer-guide.md). The per-lot Python
check (:func:`check_row`) is the reference the tests compare the engine with.
"""

from fairmined.lots._check import Checked, MassEntry, check_row
from fairmined.lots._context import LotContext, load_certificates, load_production
from fairmined.lots._engine import (
    MEMORY_LIMIT,
    LotRun,
    Render,
    duplicate_findings,
    lot_key,
    mass_balance_findings,
    render_lots,
    run_lots,
    verify_lots,
)
from fairmined.lots._inputs import (
    CERTIFICATE_COLUMNS,
    LOT_COLUMNS,
    OPTIONAL_CERTIFICATE_COLUMNS,
    OPTIONAL_LOT_COLUMNS,
    PRODUCTION_COLUMNS,
    CsvChunk,
    RawRow,
    iter_csv_chunks,
    iter_mappings,
    iter_rows,
)
from fairmined.lots._ledger import SCHEMA_VERSION, LedgerPeriod, ledger_balance
from fairmined.lots._records import (
    CHECKS,
    SUPPLY_MODEL_CHECKS,
    Certificate,
    Finding,
    LotResult,
    LotSummary,
    ProductionPeriod,
    with_findings,
)

__all__ = [
    "CERTIFICATE_COLUMNS",
    "CHECKS",
    "LOT_COLUMNS",
    "MEMORY_LIMIT",
    "OPTIONAL_CERTIFICATE_COLUMNS",
    "OPTIONAL_LOT_COLUMNS",
    "PRODUCTION_COLUMNS",
    "SCHEMA_VERSION",
    "SUPPLY_MODEL_CHECKS",
    "Certificate",
    "Checked",
    "CsvChunk",
    "Finding",
    "LedgerPeriod",
    "LotContext",
    "LotResult",
    "LotRun",
    "LotSummary",
    "MassEntry",
    "ProductionPeriod",
    "RawRow",
    "Render",
    "check_row",
    "duplicate_findings",
    "iter_csv_chunks",
    "iter_mappings",
    "iter_rows",
    "ledger_balance",
    "load_certificates",
    "load_production",
    "lot_key",
    "mass_balance_findings",
    "render_lots",
    "run_lots",
    "verify_lots",
    "with_findings",
]
