"""Buyer lot verification: certificates, per-lot checks and mass balance.

:func:`verify_lots` reads a lots file (CSV or JSON Lines) or an iterable of
mappings and yields one :class:`LotResult` per row, in input order;
:class:`LotSummary` adds them up. The per-lot check (:func:`check_row`) and
the two whole-file reductions (:func:`duplicate_findings`,
:func:`mass_balance_findings`) are public too, so the same check can run on a
distributed engine (see docs/buyer-guide.md).
"""

from fairmined.lots._check import Checked, MassEntry, check_row
from fairmined.lots._context import LotContext, load_certificates, load_production
from fairmined.lots._engine import (
    Render,
    duplicate_findings,
    mass_balance_findings,
    render_lots,
    verify_lots,
)
from fairmined.lots._inputs import (
    CERTIFICATE_COLUMNS,
    LOT_COLUMNS,
    PRODUCTION_COLUMNS,
    RawRow,
    iter_mappings,
    iter_rows,
)
from fairmined.lots._records import (
    CHECKS,
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
    "PRODUCTION_COLUMNS",
    "Certificate",
    "Checked",
    "Finding",
    "LotContext",
    "LotResult",
    "LotSummary",
    "MassEntry",
    "ProductionPeriod",
    "RawRow",
    "Render",
    "check_row",
    "duplicate_findings",
    "iter_mappings",
    "iter_rows",
    "load_certificates",
    "load_production",
    "mass_balance_findings",
    "render_lots",
    "verify_lots",
    "with_findings",
]
