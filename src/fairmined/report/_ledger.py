"""The buyer's ledger for people and machines: fine metal bought against declared."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.dates import format_interval

from fairmined.lots import LedgerPeriod
from fairmined.model import CONTEXT, Metal
from fairmined.report._document import TEXT_WIDTH, Document, Facts, Para, Section, Table
from fairmined.report._documents import DOCUMENTS
from fairmined.report._formats import check_format, render_as
from fairmined.report._i18n import Translator, translator
from fairmined.report._lot_messages import echo
from fairmined.report._premium import metal_name

__all__ = [
    "LEDGER_CSV_COLUMNS",
    "ledger_csv_rows",
    "ledger_document",
    "ledger_json",
    "render_ledger",
]

_MG = Decimal("0.001")
LEDGER_CSV_COLUMNS = (
    "certificate_id",
    "metal",
    "period_start",
    "period_end",
    "declared_g",
    "bought_g",
    "lots",
    "over",
)


def _grams(value: Decimal | None) -> str | None:
    """Grams to the milligram, as exact text."""
    if value is None:
        return None
    return format(value.quantize(_MG, rounding=ROUND_HALF_UP, context=CONTEXT), "f")


def ledger_json(periods: Sequence[LedgerPeriod], *, source: str) -> dict[str, Any]:
    """The ledger's balance as JSON: one object per certificate, metal and period."""
    return {
        "format": DOCUMENTS["ledger"],
        "ledger": source,
        "periods": [
            {
                "certificate_id": p.certificate_id,
                "metal": p.metal,
                "period_start": p.period_start.isoformat() if p.period_start else None,
                "period_end": p.period_end.isoformat() if p.period_end else None,
                "declared_g": _grams(p.declared_g),
                "bought_g": _grams(p.bought_g),
                "lots": p.lots,
                "over": p.over,
            }
            for p in periods
        ],
    }


def ledger_csv_rows(periods: Sequence[LedgerPeriod]) -> list[list[str]]:
    """The balance as CSV cells (see :data:`LEDGER_CSV_COLUMNS`)."""
    from fairmined.report._lots import neutralise

    return [
        [
            neutralise(p.certificate_id),
            p.metal,
            p.period_start.isoformat() if p.period_start else "",
            p.period_end.isoformat() if p.period_end else "",
            _grams(p.declared_g) or "",
            _grams(p.bought_g) or "",
            str(p.lots),
            "true" if p.over else "false",
        ]
        for p in periods
    ]


def ledger_document(periods: Sequence[LedgerPeriod], tr: Translator, *, source: str) -> Document:
    """The balance per certificate and period, in ``tr``'s language; periods over are marked."""

    def grams(value: Decimal | None) -> str:
        if value is None:
            return ""
        return tr.number(value.quantize(_MG, rounding=ROUND_HALF_UP, context=CONTEXT), 3) + " g"

    def period(p: LedgerPeriod) -> str:
        # numeric dates keep the table within 80 columns in every language
        if p.period_start is None or p.period_end is None:
            return tr._("no declared period")
        return format_interval(p.period_start, p.period_end, "yMd", locale=tr.locale)

    def metal(code: str) -> str:
        try:
            return metal_name(Metal(code), tr)
        except ValueError:
            return code

    over = any(p.over for p in periods)
    table = Table(
        headers=[
            tr._("Certificate"),
            tr._("Metal"),
            tr._("Period"),
            tr._("Declared"),
            tr._("Bought"),
            tr._("Lots"),
        ],
        rows=[
            (
                echo(p.certificate_id),
                metal(p.metal),
                period(p),
                grams(p.declared_g),
                grams(p.bought_g),
                tr.number(p.lots),
            )
            for p in periods
        ],
        numeric=[3, 4, 5],
        marks=["fail" if p.over else "" for p in periods],
    )
    return Document(
        lang=tr.tag,
        title=tr._("Buyer's ledger"),
        lead=[
            Facts(
                [
                    (tr._("Ledger file"), source),
                    (tr._("Lots counted"), tr.number(sum(p.lots for p in periods))),
                ]
            ),
            Para(
                tr._("More fine metal was bought than declared in some periods.")
                if over
                else tr._("Every period is within its declared production."),
                "bad" if over else "good",
            ),
        ],
        sections=[Section(tr._("Fine metal by certificate and period"), [table])],
        wrap=TEXT_WIDTH,
    )


def render_ledger(
    periods: Sequence[LedgerPeriod], fmt: str, locale: Any = None, *, source: str
) -> str:
    """The ledger's balance as ``text``, ``markdown``, ``html``, ``json`` or ``csv``."""
    f = check_format(fmt, "ledger")
    tr = locale if isinstance(locale, Translator) else translator(locale)
    return render_as(
        f,
        data=lambda: ledger_json(periods, source=source),
        table=lambda: (LEDGER_CSV_COLUMNS, ledger_csv_rows(periods)),
        document=lambda: ledger_document(periods, tr, source=source),
    )
