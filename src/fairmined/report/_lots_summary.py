"""The lot-verification summary for people: counts, premiums and the lots to look at."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from fairmined._version import __version__
from fairmined.lots import LotResult, LotSummary
from fairmined.model import Money
from fairmined.report._document import (
    TEXT_WIDTH,
    Block,
    Document,
    Facts,
    Item,
    Items,
    Para,
    Section,
    Table,
)
from fairmined.report._i18n import N_, Translator
from fairmined.report._lot_messages import echo, finding_text, reason_text

__all__ = ["lots_document"]

CHECK_LABELS: dict[str, str] = {
    "certificate_unknown": N_("unknown certificate"),
    "certificate_not_valid": N_("certificate not valid on the sale date"),
    "certificate_suspended": N_("certificate suspended"),
    "metal_not_in_scope": N_("metal not covered by the certificate"),
    "ecological_not_in_scope": N_("ecological metal not covered by the certificate"),
    "supply_model_unknown": N_("supply model not in the certificate's standard"),
    "supply_model_not_in_scope": N_("supply model not covered by the certificate"),
    "supply_model_untraced": N_("not from declared production, as its supply model requires"),
    "price_below_floor": N_("price below the floor price"),
    "premium_underpaid": N_("premium underpaid"),
    "duplicate_lot": N_("duplicate lot"),
    "mass_balance_exceeded": N_("more fine metal sold than produced"),
}
LOT_STATUS: dict[str, str] = {
    "pass": N_("passed every check"),
    "fail": N_("failed a check"),
    "invalid": N_("invalid row"),
}


def _check(tr: Translator, check: str) -> str:
    label = CHECK_LABELS.get(check)
    return tr._(label) if label else check


#: The input files a lot verification names, in order, by their option.
INPUT_LABELS: dict[str, str] = {
    "lots": N_("Lots file"),
    "certificates": N_("Certificates file"),
    "production": N_("Production file"),
    "prices": N_("Price file"),
    "ledger": N_("Ledger"),
}


def _premiums(r: LotResult, tr: Translator) -> str | None:
    due, paid = r.premium_due, r.premium_paid
    if due is not None and paid is not None:
        return tr._("Premium due {due}, paid {paid}.", due=tr.money(due), paid=tr.money(paid))
    if due is not None:
        return tr._("Premium due {due}.", due=tr.money(due))
    if paid is not None:
        return tr._("Premium paid {paid}; the premium due is unknown.", paid=tr.money(paid))
    return None


def _item(r: LotResult, tr: Translator) -> Item:
    lines = []
    if r.reason:
        lines.append(reason_text(r, tr))
    for f in r.findings:
        lines.append(tr._("{check}: {text}", check=_check(tr, f.check), text=finding_text(f, tr)))
    premiums = _premiums(r, tr)
    if premiums:
        lines.append(premiums)
    status = tr._(LOT_STATUS[r.status])
    if r.lot_id:
        heading = tr._(
            "Line {line}, lot {lot}: {status}", line=r.line, lot=echo(r.lot_id), status=status
        )
    else:
        heading = tr._("Line {line}: {status}", line=r.line, status=status)
    return Item(heading, lines, "fail")


def _facts(
    summary: LotSummary,
    tr: Translator,
    inputs: Sequence[tuple[str, str]],
    run_date: date | None,
) -> Facts:
    def usd(amount: Decimal) -> str:
        return tr.money(Money(amount, "USD").rounded())

    rows = [(tr._(INPUT_LABELS.get(kind, kind)), path) for kind, path in inputs]
    if run_date is not None:
        rows.append((tr._("Run on"), tr.date(run_date)))
    rows.append((tr._("Library"), f"fairmined {__version__}"))
    rows += [
        (tr._("Lots checked"), tr.number(summary.rows)),
        (tr._("Premium due"), usd(summary.premium_due)),
        (tr._("Premium paid"), usd(summary.premium_paid)),
        (tr._("Premium shortfall"), usd(summary.shortfall)),
    ]
    return Facts(rows)


def lots_document(
    summary: LotSummary,
    problems: Sequence[LotResult],
    tr: Translator,
    *,
    source: str = "",
    inputs: Sequence[tuple[str, str]] = (),
    run_date: date | None = None,
) -> Document:
    """The summary and the failed or invalid lots (``problems``), in ``tr``'s language.

    ``inputs`` names the files read, as (option, path) pairs (``lots``,
    ``certificates``, ``production``, ``prices``, ``ledger``); ``source`` is
    the lots file alone, for callers that name no other. Findings and reasons
    are worded for the locale from their codes and arguments
    (:func:`finding_text`); each listed lot shows its premium due and paid.
    """
    if source and not any(kind == "lots" for kind, _ in inputs):
        inputs = [("lots", source), *inputs]
    ok = summary.all_passed
    lead: list[Block] = [
        _facts(summary, tr, inputs, run_date),
        Para(
            tr._("Every lot passed.") if ok else tr._("Some lots need attention."),
            "good" if ok else "bad",
        ),
    ]
    status_table = Table(
        headers=[tr._("Result"), tr._("Lots")],
        rows=[(tr._(LOT_STATUS[k]), tr.number(v)) for k, v in summary.by_status.items()],
        numeric=[1],
    )
    check_table = Table(
        headers=[tr._("Check"), tr._("Lots")],
        rows=[(_check(tr, k), tr.number(v)) for k, v in summary.by_check.items()],
        numeric=[1],
    )
    return Document(
        lang=tr.tag,
        title=tr._("Lot verification"),
        lead=lead,
        sections=[
            Section(tr._("Results"), [status_table, check_table]),
            Section(
                tr._("Lots that need attention"),
                [Items([_item(r, tr) for r in problems], tr._("None."))],
            ),
        ],
        wrap=TEXT_WIDTH,
    )
