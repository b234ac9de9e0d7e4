"""The values lot verification works with: certificates, production, findings, results."""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal
from typing import Any, Literal

import attrs

from fairmined.model import (
    CONTEXT,
    Metal,
    Money,
    document_of,
    repr_line,
    repr_of,
)
from fairmined.standards import Standard

__all__ = [
    "CHECKS",
    "SUPPLY_MODEL_CHECKS",
    "Certificate",
    "Finding",
    "LotResult",
    "LotSummary",
    "ProductionPeriod",
    "Status",
    "check_counts",
    "with_findings",
]

#: Every check a lot goes through, by its stable name, in the order they run.
CHECKS: tuple[str, ...] = (
    "certificate_unknown",
    "certificate_not_valid",
    "certificate_suspended",
    "metal_not_in_scope",
    "ecological_not_in_scope",
    "supply_model_unknown",
    "supply_model_not_in_scope",
    "supply_model_untraced",
    "price_below_floor",
    "premium_underpaid",
    "duplicate_lot",
    "mass_balance_exceeded",
)

#: The checks only a lot naming a supply model can fail: a summary counts them
#: once a lot has one, so a file without supply models is summarised as before.
SUPPLY_MODEL_CHECKS: tuple[str, ...] = (
    "supply_model_unknown",
    "supply_model_not_in_scope",
    "supply_model_untraced",
)

Status = Literal["pass", "fail", "invalid"]


def check_counts(counts: dict[str, int] | None = None) -> dict[str, int]:
    """Lots per check in the order the checks run: every check, but the supply-model
    ones only when counted."""
    counts = counts or {}
    out = {c: counts.get(c, 0) for c in CHECKS if c not in SUPPLY_MODEL_CHECKS or c in counts}
    out.update((c, n) for c, n in counts.items() if c not in out)
    return out


@attrs.frozen
class Certificate:
    """A certificate holder's certificate: what it covers and when it is valid."""

    __repr__ = repr_of("certificate_id", "holder", "standard", "status", "valid_to", "line")

    certificate_id: str
    holder: str
    standard: Standard = attrs.field(repr=False)
    metals: frozenset[Metal]
    ecological: bool
    valid_from: date
    valid_to: date | None
    status: Literal["active", "suspended", "withdrawn"]
    status_since: date | None
    line: int = 0
    #: The supply models the certificate covers; None when the certificates file does not say.
    supply_models: frozenset[str] | None = None


@attrs.frozen
class ProductionPeriod:
    """Fine metal a certificate declared it produced over a period (both days included)."""

    __repr__ = repr_of(
        "certificate_id", "metal", "period_start", "period_end", "fine_mass_g", "line"
    )

    certificate_id: str
    metal: Metal
    period_start: date
    period_end: date
    fine_mass_g: Decimal
    fine_mass_text: str
    line: int = 0

    def covers(self, day: date) -> bool:
        return self.period_start <= day <= self.period_end


@attrs.frozen
class Finding:
    """One failed check on one lot: its stable name, an English message and its facts.

    ``args`` are the facts the message states, as text a program can read and
    the report layer words in the reader's language: amounts as exact
    decimals in USD (``4975.00``), masses in grams (``1243.750``), dates in
    ISO form, metals by code, lines as digits; ``None`` for a fact that does
    not apply. Keys by check (see docs/buyer-guide.md): ``certificate_unknown``
    (certificate, source); ``certificate_not_valid`` (sale_date, certificate,
    valid_from, valid_to); ``certificate_suspended`` (certificate, status, since,
    sale_date); ``metal_not_in_scope`` (metal, certificate, metals: a list);
    ``ecological_not_in_scope`` (metal, certificate); ``supply_model_unknown``
    (supply_model, standard, models: the standard's); ``supply_model_not_in_scope``
    (supply_model, certificate, models: the certificate's);
    ``supply_model_untraced`` (supply_model, model_name, metal, certificate,
    sale_date); ``price_below_floor`` and
    ``premium_underpaid`` (paid, shortfall, floor or due, standard, rule_kind,
    rule_value, rule_currency for an amount per kg, reference, reference_date
    and reference_session for a price from a price file,
    fine_g, metal, schedule_from; premium_underpaid also ecological: ``true``
    or ``false``); ``duplicate_lot`` (lot_id, first_line, or lot_id, delivery,
    ledger_line); ``mass_balance_exceeded`` (metal, certificate, period_start,
    period_end, total_g, excess_g, declared_g, production_line).
    """

    __repr__ = repr_of("check", "message")

    check: str
    message: str
    args: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class LotResult:
    """The verdict on one input row.

    ``line`` is the row's line in the input file (its first line, for a CSV
    row with a quoted line break). ``status`` is ``invalid`` when the row
    cannot be read, with ``reason`` saying why; ``fail`` when any check has a
    finding; ``pass`` otherwise. ``premium_due`` comes from the premium
    calculator under the certificate's standard; it is ``None`` when the lot
    cannot be priced (an invalid row, an unknown certificate).

    An invalid row's ``reason`` is English; ``reason_code`` and
    ``reason_args`` say it as data: ``row_unreadable`` (the row is not a
    record of the header's columns), ``fields_invalid`` (fields: the columns
    whose cells cannot be read, values: those cells) or ``not_priced`` (the
    lot cannot be priced: no price or schedule for its date).
    """

    line: int
    lot_id: str | None
    status: Status
    findings: tuple[Finding, ...] = ()
    premium_due: Money | None = None
    premium_paid: Money | None = None
    reason: str | None = None
    reason_code: str | None = None
    reason_args: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def checks(self) -> tuple[str, ...]:
        return tuple(f.check for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-lot/1`` document (a line of ``fairmined verify-lots``)."""
        return document_of(self)

    def __repr__(self) -> str:
        return repr_line(
            "LotResult",
            line=self.line,
            lot_id=self.lot_id,
            status=self.status,
            checks=list(self.checks),
            premium_due=self.premium_due,
        )


@attrs.define
class LotSummary:
    """Running totals over results: counts by status and by check, premiums in USD.

    ``shortfall`` adds, for each lot whose premium paid is below the premium
    due, the difference.
    """

    rows: int = 0
    by_status: dict[str, int] = attrs.field(factory=lambda: {"pass": 0, "fail": 0, "invalid": 0})
    by_check: dict[str, int] = attrs.field(factory=check_counts)
    premium_due: Decimal = Decimal(0)
    premium_paid: Decimal = Decimal(0)
    shortfall: Decimal = Decimal(0)

    def __repr__(self) -> str:
        return repr_line(
            "LotSummary",
            rows=self.rows,
            **self.by_status,
            premium_due=self.premium_due,
            premium_paid=self.premium_paid,
        )

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-lot-summary/1`` document (``verify-lots``' last line)."""
        return document_of(self)

    def add(self, result: LotResult, context: Context = CONTEXT) -> None:
        """Count one result; amounts are added in ``context`` (one that records its flags, say)."""
        if not isinstance(result, LotResult):
            raise TypeError(f"result must be a LotResult, not {type(result).__name__}")
        self.rows += 1
        self.by_status[result.status] += 1
        if result.findings:  # nearly every row has none
            self._count({f.check for f in result.findings})
        due = result.premium_due.amount if result.premium_due is not None else None
        paid = result.premium_paid.amount if result.premium_paid is not None else None
        if due is not None:
            self.premium_due = context.add(self.premium_due, due)
        if paid is not None:
            self.premium_paid = context.add(self.premium_paid, paid)
        if due is not None and paid is not None and paid < due:
            self.shortfall = context.add(self.shortfall, context.subtract(due, paid))

    def merge(self, other: LotSummary, context: Context = CONTEXT) -> None:
        """Count every result ``other`` counted.

        Totals of parts equal the totals of their rows when no addition
        rounded: check ``context``'s ``Rounded`` flag where that matters.
        """
        self.rows += other.rows
        for status, n in other.by_status.items():
            self.by_status[status] += n
        self.by_check = check_counts(
            {
                c: self.by_check.get(c, 0) + other.by_check.get(c, 0)
                for c in {**self.by_check, **other.by_check}
            }
        )
        self.premium_due = context.add(self.premium_due, other.premium_due)
        self.premium_paid = context.add(self.premium_paid, other.premium_paid)
        self.shortfall = context.add(self.shortfall, other.shortfall)

    def recount(self, before: LotResult, after: LotResult) -> None:
        """Count ``after`` in place of ``before``: one row, with whole-file findings added.

        Those findings change the status and the checks, never the premiums.
        """
        if (before.premium_due, before.premium_paid) != (after.premium_due, after.premium_paid):
            raise ValueError("recount() takes one row before and after findings were added")
        self.by_status[before.status] -= 1
        self.by_status[after.status] += 1
        self._count({f.check for f in after.findings} - {f.check for f in before.findings})

    def _count(self, checks: set[str]) -> None:
        """One more lot for each of ``checks``; a check counted first takes its place."""
        new = False
        for check in checks:
            new = new or check not in self.by_check
            self.by_check[check] = self.by_check.get(check, 0) + 1
        if new:
            self.by_check = check_counts(self.by_check)

    @property
    def all_passed(self) -> bool:
        return self.by_status["fail"] == 0 and self.by_status["invalid"] == 0


def with_findings(result: LotResult, extra: tuple[Finding, ...]) -> LotResult:
    """``result`` with whole-file findings (duplicates, mass balance) added.

    An invalid row stays invalid and gets none; a row with findings fails.
    """
    if result.status == "invalid" or not extra:
        return result
    return attrs.evolve(result, status="fail", findings=result.findings + tuple(extra))
