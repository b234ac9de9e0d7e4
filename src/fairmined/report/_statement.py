"""Rendering a premium statement: text, Markdown, HTML and JSON.

Amounts are the statement's own rounded figures, printed with the currency's
decimals and no further rounding, so a reader who adds a column gets the
printed total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Context, Decimal
from typing import Any

from babel.dates import format_skeleton

from fairmined.model import Money
from fairmined.pricing import Notice
from fairmined.report._document import Block, Document, Facts, Para, Section, Table
from fairmined.report._documents import DOCUMENTS
from fairmined.report._format import money_json, plain
from fairmined.report._formats import check_format, render_as
from fairmined.report._i18n import Translator, translator
from fairmined.report._notices import notice_json
from fairmined.report._premium import metal_name, notice_text
from fairmined.report._xlsx import Cell, Num, Sheet, workbook_bytes
from fairmined.statement import Amounts, Statement, StatementLine, Total

__all__ = [
    "render_statement",
    "statement_document",
    "statement_json",
    "statement_rows",
    "statement_xlsx",
]

#: Padding an already rounded figure with zeros never rounds; a context all the same.
_PAD = Context(prec=60)
_GRAM = Decimal("0.001")


def _fixed(value: Decimal, quantum: Decimal, tr: Translator) -> str:
    """``value`` with exactly the decimals of ``quantum`` (already rounded: this only pads)."""
    return tr.number_as_written(value.quantize(quantum, context=_PAD))


def _amount(m: Money, tr: Translator) -> str:
    return _fixed(m.amount, m.minor_unit, tr)


def month_label(key: str, tr: Translator) -> str:
    """``2024-02`` as the locale names the month (``febrero de 2024``)."""
    year, month = key.split("-")
    return str(format_skeleton("yMMMM", date(int(year), int(month), 1), locale=tr.locale))


def _period(st: Statement, tr: Translator) -> str:
    days = [line.sale.sale_date for line in st.lines]
    start = st.start or (min(days) if days else None)
    end = st.end or (max(days) if days else None)
    if start is not None and end is not None:
        return f"{tr.date(start)} \u2013 {tr.date(end)}"
    if start is not None:
        return tr._("from {start}", start=tr.date(start))
    if end is not None:
        return tr._("up to {end}", end=tr.date(end))
    return tr._("no sales")


def _no_sales(st: Statement, tr: Translator) -> str:
    """The verdict when no sale falls in the period: which dates were searched."""
    if st.start is not None and st.end is not None:
        return tr._(
            "No sales between {start} and {end}.", start=tr.date(st.start), end=tr.date(st.end)
        )
    if st.start is not None:
        return tr._("No sales from {start}.", start=tr.date(st.start))
    if st.end is not None:
        return tr._("No sales up to {end}.", end=tr.date(st.end))
    return tr._("No sales.")


def _lead(st: Statement, tr: Translator) -> list[Block]:
    facts = [
        (tr._("Period"), _period(st, tr)),
        (tr._("Sales"), str(len(st.lines))),
        (tr._("Reference prices"), _prices_source(st, tr)),
    ]
    if st.skipped:
        facts.append((tr._("Sales outside the period"), str(st.skipped)))
    if st.currency is not None and st.rates_source is not None:
        facts.append(
            (
                tr._("Exchange rates"),
                tr._(
                    "{source}, {currency} per USD on the sale date or the nearest earlier date",
                    source=st.rates_source,
                    currency=st.currency,
                ),
            )
        )
    under = st.underpaid
    if under:
        verdict = Para(
            tr.n_(
                "{n} sale was underpaid: {lots}.",
                "{n} sales were underpaid: {lots}.",
                len(under),
                lots=", ".join(line.sale.lot_id for line in under),
            ),
            "bad",
        )
    elif not st.lines:
        verdict = Para(_no_sales(st, tr), "note")
    else:
        verdict = Para(tr._("Every sale was paid at least what was due."), "good")
    return [Facts(facts), verdict]


def _prices_source(st: Statement, tr: Translator) -> str:
    if st.prices_source == "reference_price":
        return tr._("the reference_price column of the sales file")
    return st.prices_source


def _sales_table(st: Statement, tr: Translator) -> Table:
    rows = []
    for line in st.lines:
        s, ref = line.sale, line.quote.reference
        kind = tr._("ecological") if s.ecological else tr._("conventional")
        rows.append(
            (
                s.sale_date.isoformat(),
                s.buyer,
                s.lot_id,
                f"{metal_name(s.metal, tr)}, {kind}",
                _fixed(line.fine_mass_g, _GRAM, tr),
                tr.number_as_written(ref.per_troy_ounce.amount),
                ref.on.isoformat() + (f" {ref.session}" if ref.session else ""),
            )
        )
    headers = _sale_headers(tr)
    return Table(headers, rows, numeric=(4, 5), marks=_marks(st.lines), keys=1)


def _marks(lines: Sequence[StatementLine]) -> list[str]:
    return ["fail" if line.underpaid else "" for line in lines]


def _amount_headers(tr: Translator) -> tuple[str, ...]:
    return (
        tr._("Floor price"),
        tr._("Price received"),
        tr._("Premium due"),
        tr._("Premium received"),
        tr._("Shortfall"),
    )


def _amount_cells(a: Amounts, tr: Translator) -> tuple[str, ...]:
    return tuple(
        _amount(m, tr)
        for m in (a.floor, a.price_received, a.premium_due, a.premium_received, a.shortfall)
    )


def _amounts_table(st: Statement, tr: Translator, local: bool) -> Table:
    rows = []
    for line in st.lines:
        a = line.local if local else line.usd
        assert a is not None
        head: tuple[str, ...] = (line.sale.sale_date.isoformat(), line.sale.lot_id)
        if local and line.rate is not None:
            head += (tr.number_as_written(line.rate.rate), line.rate.on.isoformat())
        rows.append((*head, *_amount_cells(a, tr)))
    headers: tuple[str, ...] = (tr._("Date"), tr._("Lot"))
    if local:
        headers += (tr._("Rate ({currency} per USD)", currency=st.currency), tr._("Rate date"))
    first = len(headers)
    return Table(
        (*headers, *_amount_headers(tr)),
        rows,
        numeric=tuple(range(2, first + 5)) if local else tuple(range(first, first + 5)),
        marks=_marks(st.lines),
        keys=2,
    )


def _total_label(t: Total, tr: Translator) -> str:
    if t.kind == "buyer":
        return tr._("Buyer: {buyer}", buyer=t.key)
    if t.kind == "month":
        return tr._("Month: {month}", month=month_label(t.key, tr))
    return tr._("Period")


def _totals_table(st: Statement, tr: Translator, local: bool) -> Table:
    rows = []
    marks = []
    for t in (*st.by_buyer, *st.by_month, st.period):
        a = t.local if local else t.usd
        assert a is not None
        mass = _fixed(t.fine_mass_g, _GRAM, tr)
        rows.append((_total_label(t, tr), str(t.sales), mass, *_amount_cells(a, tr)))
        marks.append("fail" if a.shortfall.amount > 0 else "")
    headers = (tr._("Total"), tr._("Sales"), tr._("Fine mass (g)"), *_amount_headers(tr))
    return Table(headers, rows, numeric=tuple(range(1, 8)), marks=marks, keys=1)


def statement_notice(n: Notice, tr: Translator) -> str:
    """A statement's notice in ``tr``'s language: a rate from an earlier date, or a quote's."""
    if n.code != "rate_fallback":
        return notice_text(n, tr)
    if tr.language == "en":
        return n.text
    a = n.args
    day, used_on = a["day"], a["used_on"]
    assert isinstance(day, date) and isinstance(used_on, date)
    return tr.n_(
        "No {currency} rate on {day}; used the rate of {used_on} (nearest earlier date, "
        "{n} day earlier) for lot {lot}.",
        "No {currency} rate on {day}; used the rate of {used_on} (nearest earlier date, "
        "{n} days earlier) for lot {lot}.",
        int(str(a["days"])),
        currency=a["currency"],
        day=tr.date(day),
        used_on=tr.date(used_on),
        lot=a["lot"],
    )


def _how(st: Statement, tr: Translator) -> list[Block]:
    paras: list[Block] = [
        Para(
            tr._(
                "Floor price and premium as a quote computes them under {standard} "
                "(version {version}), each rounded once to the cent. Shortfall: the floor "
                "price minus the price received when it is lower, plus the premium due minus "
                "the premium received when it is lower.",
                standard=st.standard_id,
                version=st.standard_version,
            ),
            "note",
        )
    ]
    if st.currency is not None:
        paras.append(
            Para(
                tr._(
                    "{currency} figures: each USD figure times the sale's rate, rounded once; "
                    "an amount received in {currency} is converted to USD the same way. A sale "
                    "is judged in the currency it was paid in.",
                    currency=st.currency,
                ),
                "note",
            )
        )
    paras.append(Para(tr._("Every total is the sum of the printed figures of its sales."), "note"))
    paras += [Para(statement_notice(n, tr), "warning") for n in st.notices]
    return paras


def statement_document(st: Statement, tr: Translator) -> Document:
    """The statement as a :class:`Document`, in ``tr``'s language."""
    sections = [
        Section(tr._("Sales"), [_sales_table(st, tr)]),
        Section(tr._("Amounts in {currency}", currency="USD"), [_amounts_table(st, tr, False)]),
    ]
    if st.currency is not None:
        sections.append(
            Section(
                tr._("Amounts in {currency}", currency=st.currency), [_amounts_table(st, tr, True)]
            )
        )
    sections.append(
        Section(tr._("Totals in {currency}", currency="USD"), [_totals_table(st, tr, False)])
    )
    if st.currency is not None:
        sections.append(
            Section(
                tr._("Totals in {currency}", currency=st.currency), [_totals_table(st, tr, True)]
            )
        )
    sections.append(Section(tr._("How it is computed"), _how(st, tr)))
    title = tr._("Premium statement under {standard}", standard=st.standard_id)
    return Document(lang=tr.tag, title=title, lead=_lead(st, tr), sections=sections)


def _amounts_json(a: Amounts | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "floor_price": money_json(a.floor),
        "price_received": money_json(a.price_received),
        "premium_due": money_json(a.premium_due),
        "premium_received": money_json(a.premium_received),
        "shortfall": money_json(a.shortfall),
    }


def statement_rows(st: Statement) -> list[dict[str, Any]]:
    """One JSON-ready object per sale."""
    out = []
    for line in st.lines:
        s, ref = line.sale, line.quote.reference
        out.append(
            {
                "row": s.row,
                "sale_date": s.sale_date.isoformat(),
                "buyer": s.buyer,
                "lot_id": s.lot_id,
                "metal": s.metal.value,
                "ecological": s.ecological,
                "gross_mass": str(s.gross_mass),
                "fineness": str(s.fineness),
                "fine_mass_g": format(line.fine_mass_g, "f"),
                "reference_price": money_json(ref.per_troy_ounce),
                "reference_price_date": ref.on.isoformat(),
                "reference_price_session": ref.session or None,
                "paid_in": line.paid_in,
                "rate": None if line.rate is None else plain(line.rate.rate),
                "rate_date": None if line.rate is None else line.rate.on.isoformat(),
                "usd": _amounts_json(line.usd),
                "local": _amounts_json(line.local),
                "underpaid": line.underpaid,
            }
        )
    return out


def _total_json(t: Total) -> dict[str, Any]:
    return {
        "kind": t.kind,
        "key": t.key,
        "sales": t.sales,
        "fine_mass_g": format(t.fine_mass_g, "f"),
        "usd": _amounts_json(t.usd),
        "local": _amounts_json(t.local),
    }


def statement_json(st: Statement) -> dict[str, Any]:
    """The statement as a JSON-ready object: every amount exact decimal text."""
    return {
        "format": DOCUMENTS["statement"],
        "standard": st.standard_id,
        "standard_version": st.standard_version,
        "from": st.start.isoformat() if st.start else None,
        "to": st.end.isoformat() if st.end else None,
        "currency": st.currency,
        "reference_prices": st.prices_source,
        "rates": st.rates_source,
        "rounding": "each figure rounded once to its currency's minor unit, ROUND_HALF_UP; "
        "local figures are the USD figures times the sale's rate; totals are sums of "
        "the rounded figures",
        "sales": statement_rows(st),
        "totals": {
            "by_buyer": [_total_json(t) for t in st.by_buyer],
            "by_month": [_total_json(t) for t in st.by_month],
            "period": _total_json(st.period),
        },
        "skipped_outside_period": st.skipped,
        "underpaid": [line.sale.lot_id for line in st.underpaid],
        "notices": [notice_json(n) for n in st.notices],
    }


def render_statement(st: Statement, fmt: str, locale: Any = None) -> str:
    """The statement as ``text``, ``markdown``, ``html`` or ``json``."""
    f = check_format(fmt, "statement")
    if f.data is not None:
        return f.data(statement_json(st))
    tr = locale if isinstance(locale, Translator) else translator(locale)
    return render_as(f, document=lambda: statement_document(st, tr))


# --------------------------------------------------------------------------- xlsx

_GRAMS = "#,##0.000"


def _money_headers(tr: Translator, currency: str) -> list[str]:
    return [f"{h} ({currency})" for h in _amount_headers(tr)]


def _money_cells(a: Amounts | None) -> list[Cell]:
    if a is None:
        return []
    return [a.floor, a.price_received, a.premium_due, a.premium_received, a.shortfall]


def _sale_headers(tr: Translator) -> tuple[str, ...]:
    """The columns that describe a sale, shared by the sales table and the sales sheet."""
    return (
        tr._("Date"),
        tr._("Buyer"),
        tr._("Lot"),
        tr._("Metal"),
        tr._("Fine mass (g)"),
        tr._("Reference price (USD/ozt)"),
        tr._("Price date"),
    )


def _sales_sheet(st: Statement, tr: Translator) -> Sheet:
    headers = [
        *_sale_headers(tr),
        *_money_headers(tr, "USD"),
    ]
    if st.currency is not None:
        headers += [tr._("Rate ({currency} per USD)", currency=st.currency), tr._("Rate date")]
        headers += _money_headers(tr, st.currency)
    headers.append(tr._("Underpaid"))

    def rows() -> Iterable[list[Cell]]:
        for line in st.lines:
            s, ref = line.sale, line.quote.reference
            kind = tr._("ecological") if s.ecological else tr._("conventional")
            row: list[Cell] = [
                s.sale_date,
                s.buyer,
                s.lot_id,
                f"{metal_name(s.metal, tr)}, {kind}",
                Num(line.fine_mass_g, _GRAMS),
                ref.per_troy_ounce,
                ref.on,
                *_money_cells(line.usd),
            ]
            if line.rate is not None:
                row += [Num(line.rate.rate, "#,##0.00##"), line.rate.on, *_money_cells(line.local)]
            row.append(line.underpaid)
            yield row

    return Sheet(tr._("Sales"), headers, rows())


def _totals_sheet(st: Statement, tr: Translator) -> Sheet:
    headers = [tr._("Total"), tr._("Sales"), tr._("Fine mass (g)"), *_money_headers(tr, "USD")]
    if st.currency is not None:
        headers += _money_headers(tr, st.currency)
    rows = [
        [
            _total_label(t, tr),
            t.sales,
            Num(t.fine_mass_g, _GRAMS),
            *_money_cells(t.usd),
            *_money_cells(t.local),
        ]
        for t in (*st.by_buyer, *st.by_month, st.period)
    ]
    return Sheet(tr._("Totals"), headers, rows)


def _notes_sheet(st: Statement, tr: Translator) -> Sheet:
    title = tr._("Premium statement under {standard}", standard=st.standard_id)
    lines: list[Cell] = [title, _period(st, tr)]
    lines += [b.text for b in _how(st, tr) if isinstance(b, Para)]
    return Sheet(tr._("How it is computed"), [tr._("How it is computed")], [[x] for x in lines])


def statement_xlsx(st: Statement, locale: Any = None) -> bytes:
    """The statement as an .xlsx workbook: sales, totals, and how it is computed."""
    tr = locale if isinstance(locale, Translator) else translator(locale)
    return workbook_bytes([_sales_sheet(st, tr), _totals_sheet(st, tr), _notes_sheet(st, tr)])
