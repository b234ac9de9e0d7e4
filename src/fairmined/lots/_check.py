"""The checks that look at one lot alone.

:func:`check_row` reads one row and runs every check that needs only that row
and the reference data: certificate known, valid, not suspended, metal and
ecological scope, floor price and premium. The two checks that need the
whole file (``duplicate_lot`` and ``mass_balance_exceeded``) are added later
from the :class:`MassEntry` and lot id each checked row reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

import attrs

from fairmined.errors import FairminedError, InputError
from fairmined.lots._context import LotContext, parse_bool
from fairmined.lots._inputs import RawRow
from fairmined.lots._records import Certificate, Finding, LotResult, Status
from fairmined.model import (
    CONTEXT,
    Fineness,
    Mass,
    Metal,
    Money,
    parse_decimal,
    parse_metal,
    repr_of,
)
from fairmined.pricing import ReferencePrice, SaleFigures, parse_iso_date

__all__ = [
    "Checked",
    "MassEntry",
    "Verdict",
    "check_row",
    "grams_text",
    "result_of",
    "rule_args",
    "usd",
    "verdict",
]

_CENT = Decimal("0.01")
#: Reference prices above this many USD per troy ounce are typing errors.
_MAX_REFERENCE = Decimal("1000000")


@attrs.frozen
class MassEntry:
    """A lot's fine mass counted against a declared production period."""

    __repr__ = repr_of("period", "sale_ordinal", "line", "fine_g")

    period: int
    sale_ordinal: int
    line: int
    fine_g: Decimal


@attrs.frozen
class Checked:
    """A row after the per-lot checks: its partial result and its mass-balance entry."""

    __repr__ = repr_of("result", "mass")

    result: LotResult
    mass: MassEntry | None = None


def usd(amount: Decimal) -> str:
    """``4,975.00 USD``: an amount as the messages write it."""
    return f"{amount:,.2f} USD"


def grams(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP, context=CONTEXT):,} g"


def grams_text(amount: Decimal) -> str:
    """A mass in grams as a finding's argument: to the milligram, ``1243.750``."""
    return f"{amount.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP, context=CONTEXT):f}"


def _amount(amount: Decimal) -> str:
    """A USD amount as a finding's argument: ``4975.00``."""
    return f"{amount:.2f}"


def rule_args(fig: Any) -> dict[str, str]:
    """A pricing figure as a price finding's arguments (a currency only for an amount per kg)."""
    args = {"rule_kind": fig.kind, "rule_value": format(fig.value, "f")}
    if fig.kind == "per_kg_fine":
        args["rule_currency"] = fig.currency  # a standard file's per-kg figure names one
    return args


class _Lot(NamedTuple):
    lot_id: str
    sale_date: date
    certificate_id: str
    metal: Metal
    gross_mass: Mass
    fineness: Fineness
    ecological: bool
    reference_price: Decimal | None
    price_paid: Decimal
    premium_paid: Decimal
    supply_model: str | None = None


def _money_cell(text: str, field: str) -> Decimal:
    value = parse_decimal(text, field=field)
    if value < 0:
        raise InputError(f"{field} cannot be negative: {value}")
    return _cents(value)


def _cents(amount: Decimal) -> Decimal:
    """A paid amount as the checks compare it: rounded half up to the cent."""
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP, context=CONTEXT)


def _parse(
    cells: Mapping[str, str], line: int, has_prices: bool
) -> tuple[_Lot | None, str, list[str]]:
    """Read every field, collecting a problem for each bad one.

    The lot; or why it is invalid and the fields at fault.
    """
    problems: list[str] = []
    bad: list[str] = []
    values: dict[str, object] = {}

    def read(field: str, fn: object) -> None:
        # The readers of the model name the field in their errors (path); the checks below
        # raise without one, and the field is put in front here.
        try:
            values[field] = fn(cells.get(field, ""))  # type: ignore[operator]
        except FairminedError as e:
            problems.append(str(e) if e.path else f"{field}: {e}")
            bad.append(field)

    def required_text(field: str) -> object:
        def get(text: str) -> str:
            if not text.strip():
                raise InputError(f"{field} is empty")
            return text.strip()

        return get

    read("lot_id", required_text("lot_id"))
    read("sale_date", lambda t: parse_iso_date(t, field="sale_date"))
    read("certificate_id", required_text("certificate_id"))
    read("metal", parse_metal)
    read("gross_mass", lambda t: Mass.parse(t, field="gross_mass"))
    read("fineness", Fineness.parse)
    read("ecological", lambda t: parse_bool(t, field="ecological"))
    read("price_paid", lambda t: _money_cell(t, "price_paid"))
    read("premium_paid", lambda t: _money_cell(t, "premium_paid"))

    def reference(text: str) -> Decimal | None:
        if not text.strip():
            if has_prices:
                return None
            raise InputError("reference_price is empty and no price file (--prices) was given")
        value = parse_decimal(text, field="reference_price")
        if not 0 < value <= _MAX_REFERENCE:
            raise InputError(
                f"reference_price must be above zero and at most "
                f"{_MAX_REFERENCE:,} USD per troy ounce, not {value}"
            )
        return value

    read("reference_price", reference)

    def currency(text: str) -> str:
        code = text.strip().upper()
        if code != "USD":
            raise InputError(
                f"currency is {text.strip()!r}: only USD amounts can be compared with the "
                "floor price and premium, which the standards set in USD",
                hint="convert price_paid and premium_paid to USD at the rate of the sale",
            )
        return code

    read("currency", currency)
    if problems:
        return None, f"line {line}: " + "; ".join(problems), bad
    values.pop("currency")
    values["supply_model"] = cells.get("supply_model", "").strip().lower() or None
    return _Lot(**values), "", []  # type: ignore[arg-type]


class Verdict(NamedTuple):
    """A checked row as bare values: what :func:`check_row` wraps in a :class:`Checked`.

    The engine sends these to DuckDB as columns. ``mass`` is (period, sale
    ordinal, fine grams) for every priced lot; period is ``None`` when no
    declared production covers the sale.
    """

    line: int
    lot_id: str | None
    status: Status
    findings: tuple[Finding, ...] = ()
    premium_due: Decimal | None = None
    premium_paid: Decimal | None = None
    reason: str | None = None
    mass: tuple[int | None, int, Decimal] | None = None
    reason_code: str | None = None
    reason_args: dict[str, Any] | None = None


def check_row(ctx: LotContext, raw: RawRow) -> Checked:
    """Run the per-lot checks on one row."""
    v = verdict(ctx, raw)
    m = v.mass
    if m is None or m[0] is None:
        return Checked(result_of(v))
    return Checked(result_of(v), MassEntry(m[0], m[1], v.line, m[2]))


def result_of(v: Verdict) -> LotResult:
    """The :class:`LotResult` a verdict stands for (before any whole-file finding)."""
    due, paid = v.premium_due, v.premium_paid
    return LotResult(
        v.line,
        v.lot_id,
        v.status,
        v.findings,
        None if due is None else Money(due, "USD"),
        None if paid is None else Money(paid, "USD"),
        v.reason,
        v.reason_code,
        v.reason_args or {},
    )


def verdict(ctx: LotContext, raw: RawRow) -> Verdict:
    """Run the per-lot checks on one row; the verdict as bare values."""
    cells = raw.cells
    if cells is None:
        return Verdict(raw.line, None, "invalid", reason=raw.error, reason_code="row_unreadable")
    lot, reason, bad = _parse(cells, raw.line, ctx.prices is not None)
    if lot is None:
        lot_id = cells.get("lot_id", "").strip() or None
        return Verdict(
            raw.line,
            lot_id,
            "invalid",
            reason=reason,
            reason_code="fields_invalid",
            reason_args={"fields": bad, "values": [cells.get(f, "") for f in bad]},
        )
    return _judge(ctx, raw.line, lot)


def _judge(ctx: LotContext, line: int, lot: _Lot) -> Verdict:
    """The per-lot checks on a row read well."""
    cert = ctx.certificates.get(lot.certificate_id)
    if cert is None:
        finding = Finding(
            "certificate_unknown",
            f"certificate {lot.certificate_id} is not in {ctx.certificates_source}",
            {"certificate": lot.certificate_id, "source": ctx.certificates_source},
        )
        return Verdict(line, lot.lot_id, "fail", (finding,), None, lot.premium_paid)

    day = lot.sale_date
    ref: ReferencePrice | None = None
    try:
        if lot.reference_price is not None:
            per_ozt = lot.reference_price
        else:
            assert ctx.prices is not None
            ref = ctx.prices.lookup(lot.metal, day, max_age=ctx.max_price_age)
            per_ozt = ref.per_troy_ounce.amount
        fine_g = lot.fineness.apply(lot.gross_mass.grams)
        quoter = ctx.quoter(cert.standard, lot.metal, lot.ecological)
        floor, due = quoter.floor_and_premium(fine_g, per_ozt, day)
    except FairminedError as e:
        reason = f"line {line}: {e.message}" + (f" ({e.hint})" if e.hint else "")
        return Verdict(line, lot.lot_id, "invalid", reason=reason, reason_code="not_priced")

    findings: list[Finding] = []
    cid = cert.certificate_id
    if day < cert.valid_from or (cert.valid_to is not None and day > cert.valid_to):
        until = cert.valid_to.isoformat() if cert.valid_to else "open-ended"
        findings.append(
            Finding(
                "certificate_not_valid",
                f"sale date {day.isoformat()} is outside the validity of certificate {cid} "
                f"({cert.valid_from.isoformat()} to {until})",
                {
                    "sale_date": day.isoformat(),
                    "certificate": cid,
                    "valid_from": cert.valid_from.isoformat(),
                    "valid_to": cert.valid_to.isoformat() if cert.valid_to else None,
                },
            )
        )
    if cert.status != "active" and cert.status_since is not None and day >= cert.status_since:
        findings.append(
            Finding(
                "certificate_suspended",
                f"certificate {cid} is {cert.status} since {cert.status_since.isoformat()}, "
                f"on or before the sale date {day.isoformat()}",
                {
                    "certificate": cid,
                    "status": cert.status,
                    "since": cert.status_since.isoformat(),
                    "sale_date": day.isoformat(),
                },
            )
        )
    if lot.metal not in cert.metals:
        metals = sorted(m.value for m in cert.metals)
        findings.append(
            Finding(
                "metal_not_in_scope",
                f"{lot.metal.value} is not in the scope of certificate {cid} "
                f"(it covers {', '.join(metals)})",
                {"metal": lot.metal.value, "certificate": cid, "metals": metals},
            )
        )
    if lot.ecological and not cert.ecological:
        findings.append(
            Finding(
                "ecological_not_in_scope",
                f"the lot is sold as ecological {lot.metal.value}, but ecological metal is not in "
                f"the scope of certificate {cid}",
                {"metal": lot.metal.value, "certificate": cid},
            )
        )
    period = ctx.period_for(cid, lot.metal, day)
    if lot.supply_model is not None:
        findings.extend(_supply_findings(ctx, cert, lot, period))
    if lot.price_paid < floor or lot.premium_paid < due:
        # Rare: the schedule and rules that produced the figures, for the messages.
        figs = quoter.figures(fine_g, per_ozt, day)
        facts = _price_facts(lot, figs, fine_g, per_ozt, ref)
        findings.extend(_price_findings(lot, figs, fine_g, _reference_note(per_ozt, ref), facts))
    return Verdict(
        line,
        lot.lot_id,
        "fail" if findings else "pass",
        tuple(findings),
        due,
        lot.premium_paid,
        None,
        (period, day.toordinal(), fine_g),
    )


def _supply_findings(
    ctx: LotContext, cert: Certificate, lot: _Lot, period: int | None
) -> list[Finding]:
    """The checks of the lot's supply model: known to the standard, then its duties."""
    std, sm, cid = cert.standard, lot.supply_model, cert.certificate_id
    model = std.supply_model(sm or "")
    if model is None:
        have = ", ".join(m.id for m in std.supply_models) or "none"
        message = f"supply model {sm} is not in {std.id} (its supply models: {have})"
        known = [m.id for m in std.supply_models]
        args = {"supply_model": sm, "standard": std.id, "models": known}
        return [Finding("supply_model_unknown", message, args)]
    out = []
    covered = cert.supply_models
    if "certificate_scope" in model.duties and covered is not None and sm not in covered:
        scope = ", ".join(sorted(covered)) or "no supply model"
        out.append(
            Finding(
                "supply_model_not_in_scope",
                f"supply model {sm} is not in the scope of certificate {cid} (it covers {scope})",
                {"supply_model": sm, "certificate": cid, "models": sorted(covered)},
            )
        )
    if "declared_production" in model.duties and ctx.production and period is None:
        out.append(
            Finding(
                "supply_model_untraced",
                f"{model.name} metal must come from declared production, but no "
                f"{lot.metal.value} production period of certificate {cid} covers the sale "
                f"date {lot.sale_date.isoformat()}",
                {
                    "supply_model": sm,
                    "model_name": model.name,
                    "metal": lot.metal.value,
                    "certificate": cid,
                    "sale_date": lot.sale_date.isoformat(),
                },
            )
        )
    return out


def _reference_note(per_ozt: Decimal, ref: ReferencePrice | None) -> str:
    """Where the reference price came from, as the price messages say it."""
    if ref is None:
        return f"{usd(per_ozt)} per troy ounce"
    return (
        f"{usd(per_ozt)} per troy ounce on {ref.on.isoformat()}"
        f"{' ' + ref.session if ref.session else ''}"
    )


def _price_facts(
    lot: _Lot, figs: SaleFigures, fine_g: Decimal, per_ozt: Decimal, ref: ReferencePrice | None
) -> dict[str, Any]:
    """The arguments both price findings share."""
    return {
        "standard": figs.standard_id,
        "reference": _amount(per_ozt),
        "reference_date": None if ref is None else ref.on.isoformat(),
        "reference_session": None if ref is None else (ref.session or None),
        "fine_g": grams_text(fine_g),
        "metal": lot.metal.value,
        "schedule_from": figs.schedule.effective_from.isoformat(),
    }


def _price_findings(
    lot: _Lot, figs: SaleFigures, fine_g: Decimal, ref_note: str, facts: dict[str, Any]
) -> list[Finding]:
    out: list[Finding] = []
    schedule = f"schedule from {figs.schedule.effective_from.isoformat()}"
    floor = figs.floor_price.amount
    if lot.price_paid < floor:
        out.append(
            Finding(
                "price_below_floor",
                f"price paid {usd(lot.price_paid)} is {usd(floor - lot.price_paid)} below the "
                f"floor price of {usd(floor)} under {figs.standard_id} "
                f"({figs.floor_rule.describe()}, {ref_note}, for {grams(fine_g)} of fine "
                f"{lot.metal.value}; {schedule})",
                {
                    "paid": _amount(lot.price_paid),
                    "shortfall": _amount(floor - lot.price_paid),
                    "floor": _amount(floor),
                    **rule_args(figs.floor_rule),
                    **facts,
                },
            )
        )
    due = figs.premium.amount
    if lot.premium_paid < due:
        kind = "ecological premium" if lot.ecological else "premium"
        rule = figs.premium_rule.describe()
        if figs.premium_rule.kind == "fraction_of_reference":
            rule += f", {ref_note}"
        out.append(
            Finding(
                "premium_underpaid",
                f"{kind} paid {usd(lot.premium_paid)} is {usd(due - lot.premium_paid)} below the "
                f"{usd(due)} due under {figs.standard_id} ({rule}, for {grams(fine_g)} of fine "
                f"{lot.metal.value}; {schedule})",
                {
                    "ecological": "true" if lot.ecological else "false",
                    "paid": _amount(lot.premium_paid),
                    "shortfall": _amount(due - lot.premium_paid),
                    "due": _amount(due),
                    **rule_args(figs.premium_rule),
                    **facts,
                },
            )
        )
    return out
