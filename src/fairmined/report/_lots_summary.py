"""The lot-verification summary for people: counts, premiums and the lots to look at."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from fairmined.lots import LotResult, LotSummary
from fairmined.model import Money
from fairmined.report._document import Block, Document, Facts, Item, Items, Para, Section, Table
from fairmined.report._i18n import N_, Translator

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


def lots_document(
    summary: LotSummary, problems: Sequence[LotResult], tr: Translator, *, source: str = ""
) -> Document:
    """The summary and the failed or invalid lots (``problems``), in ``tr``'s language.

    A finding's message is the lot checker's English sentence: outside
    English it is shown after the translated check name, marked ``[en]``.
    """

    def usd(amount: Decimal) -> str:
        return tr.money(Money(amount, "USD").rounded())

    ok = summary.all_passed
    lead: list[Block] = [
        Facts(
            [
                (tr._("Lots file"), source),
                (tr._("Lots checked"), str(summary.rows)),
                (tr._("Premium due"), usd(summary.premium_due)),
                (tr._("Premium paid"), usd(summary.premium_paid)),
                (tr._("Premium shortfall"), usd(summary.shortfall)),
            ]
            if source
            else [
                (tr._("Lots checked"), str(summary.rows)),
                (tr._("Premium due"), usd(summary.premium_due)),
                (tr._("Premium paid"), usd(summary.premium_paid)),
                (tr._("Premium shortfall"), usd(summary.shortfall)),
            ]
        ),
        Para(
            tr._("Every lot passed.") if ok else tr._("Some lots need attention."),
            "good" if ok else "bad",
        ),
    ]
    status_table = Table(
        headers=[tr._("Result"), tr._("Lots")],
        rows=[(tr._(LOT_STATUS[k]), str(v)) for k, v in summary.by_status.items()],
        numeric=[1],
    )
    check_table = Table(
        headers=[tr._("Check"), tr._("Lots")],
        rows=[(_check(tr, k), str(v)) for k, v in summary.by_check.items()],
        numeric=[1],
    )
    items = []
    for r in problems:
        lines = []
        if r.reason:
            lines.append(r.reason if tr.language == "en" else f"[en] {r.reason}")
        for f in r.findings:
            msg = f.message if tr.language == "en" else f"[en] {f.message}"
            lines.append(f"{_check(tr, f.check)}: {msg}")
        if r.premium_due is not None:
            lines.append(tr._("Premium due: {amount}", amount=tr.money(r.premium_due)))
        heading = tr._(
            "Line {line}, lot {lot}: {status}",
            line=r.line,
            lot=r.lot_id or "?",
            status=tr._(LOT_STATUS[r.status]),
        )
        items.append(Item(heading, lines, "fail"))
    return Document(
        lang=tr.tag,
        title=tr._("Lot verification"),
        lead=lead,
        sections=[
            Section(tr._("Results"), [status_table, check_table]),
            Section(
                tr._("Lots that need attention"),
                [Items(items, tr._("None."))],
            ),
        ],
    )
