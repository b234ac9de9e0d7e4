"""Lot verification as an .xlsx workbook: one row per lot, then the summary.

The lots sheet is written while the lots are verified (openpyxl's write-only
mode), so memory stays flat; the summary sheet comes after it, once every lot
is counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fairmined.lots import LotResult, LotSummary
from fairmined.model import Money
from fairmined.report._i18n import Translator, translator
from fairmined.report._lot_messages import finding_text, reason_text
from fairmined.report._lots_summary import LOT_STATUS, _check
from fairmined.report._xlsx import Cell, Sheet, workbook_bytes

__all__ = ["lots_xlsx"]


def _lot_row(r: LotResult, tr: Translator) -> list[Cell]:
    why = [reason_text(r, tr)] if r.reason else []
    why += [finding_text(f, tr) for f in r.findings]
    return [
        r.line,
        r.lot_id,
        tr._(LOT_STATUS[r.status]),
        f"{tr.semicolon} ".join(_check(tr, c) for c in r.checks),
        "\n".join(why),
        r.premium_due,
        r.premium_paid,
    ]


def lots_xlsx(results: Iterable[LotResult], summary: LotSummary, locale: Any = None) -> bytes:
    """The results as an .xlsx workbook; each result is also counted in ``summary``.

    Sheets: the lots (line, lot, result, checks, explanation, premium due and
    paid in USD) and the summary (counts by result and by check, premiums).
    """
    tr = locale if isinstance(locale, Translator) else translator(locale)

    def lots() -> Iterator[list[Cell]]:
        for r in results:
            summary.add(r)
            yield _lot_row(r, tr)

    def totals() -> Iterator[list[Cell]]:
        yield [tr._("Lots checked"), summary.rows]
        for status, n in summary.by_status.items():
            yield [tr._(LOT_STATUS[status]), n]
        for check, n in summary.by_check.items():
            yield [_check(tr, check), n]
        yield [tr._("Premium due"), Money(summary.premium_due, "USD").rounded()]
        yield [tr._("Premium paid"), Money(summary.premium_paid, "USD").rounded()]
        yield [tr._("Premium shortfall"), Money(summary.shortfall, "USD").rounded()]

    headers = [
        "#",
        tr._("Lot"),
        tr._("Result"),
        tr._("Check"),
        tr._("Explanation"),
        f"{tr._('Premium due')} (USD)",
        f"{tr._('Premium paid')} (USD)",
    ]
    return workbook_bytes(
        [
            Sheet(tr._("Lots"), headers, lots()),
            Sheet(tr._("Summary"), [tr._("Summary"), tr._("Total")], totals()),
        ]
    )
