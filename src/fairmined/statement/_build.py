"""The premium statement: for a period of sales, what each buyer owed and paid.

For each sale the pricing layer quotes the floor price and the premium due
(each rounded once to the cent, as a quote does). What was received is
compared with what was due in the currency the buyer paid in:

* price shortfall = floor - price received, when the price is below the floor;
* premium shortfall = premium due - premium received, when it is below;
* shortfall = the two added; a sale with a shortfall was underpaid.

With a local currency, each sale's figures are converted at the rate of its
date (or the nearest earlier date in the rates file): every printed USD figure
times the rate, rounded once to the local currency's minor unit; an amount
received in the local currency is converted back the same way. The local
shortfall is computed from the local figures. Totals (per buyer, per month,
for the period) are sums of the rounded figures of their sales, so every
printed total is the sum of the printed lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from fairmined.errors import InputError, QuantityError
from fairmined.model import Money, document_of, repr_line, repr_of
from fairmined.pricing import MAX_PRICE_AGE_DAYS, ROUNDING, Notice, PriceTable, Quote, quote
from fairmined.standards import Standard, load_standard
from fairmined.statement._rates import Rate, RateTable
from fairmined.statement._sales import Sale, read_sales, sales_from_mappings

__all__ = ["Amounts", "Statement", "StatementLine", "Total", "premium_statement"]

#: Fine mass is shown and totalled in grams to three decimals (a milligram).
FINE_MASS_QUANTUM = Decimal("0.001")
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero])


@attrs.frozen
class Amounts:
    """One sale's (or one group's) figures in one currency, each already rounded."""

    __repr__ = repr_of("floor", "price_received", "premium_due", "premium_received", "shortfall")

    floor: Money
    price_received: Money
    premium_due: Money
    premium_received: Money
    shortfall: Money

    @property
    def currency(self) -> str:
        return self.floor.currency

    @classmethod
    def zero(cls, currency: str) -> Amounts:
        z = Money.zero(currency).rounded()
        return cls(z, z, z, z, z)

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.floor + other.floor,
            self.price_received + other.price_received,
            self.premium_due + other.premium_due,
            self.premium_received + other.premium_received,
            self.shortfall + other.shortfall,
        )


@attrs.frozen
class StatementLine:
    """One sale: the quote behind it, its rounded fine mass, its figures in USD and locally."""

    sale: Sale
    quote: Quote
    fine_mass_g: Decimal
    usd: Amounts
    local: Amounts | None = None
    rate: Rate | None = None

    def __repr__(self) -> str:
        return repr_line(
            "StatementLine",
            row=self.sale.row,
            lot_id=self.sale.lot_id,
            sale_date=self.sale.sale_date,
            fine_mass_g=self.fine_mass_g,
            premium_due=self.usd.premium_due,
            shortfall=self.usd.shortfall,
        )

    @property
    def paid_in(self) -> str:
        """The currency the buyer paid in, in which the shortfall is judged."""
        return self.sale.price_received.currency

    @property
    def underpaid(self) -> bool:
        decisive = self.local if self.local is not None and self.paid_in != "USD" else self.usd
        return decisive.shortfall.amount > 0


@attrs.frozen
class Total:
    """The sum of some sales' printed figures: ``kind`` is buyer, month or period."""

    __repr__ = repr_of("kind", "key", "sales", "fine_mass_g", "usd")

    kind: str
    key: str
    sales: int
    fine_mass_g: Decimal
    usd: Amounts
    local: Amounts | None


@attrs.frozen
class Statement:
    """A premium statement: one line per sale and the totals, with what they rest on."""

    standard_id: str
    standard_version: str
    start: date | None
    end: date | None
    currency: str | None
    lines: tuple[StatementLine, ...]
    by_buyer: tuple[Total, ...]
    by_month: tuple[Total, ...]
    period: Total
    skipped: int
    prices_source: str
    rates_source: str | None
    notices: tuple[Notice, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-statement/1`` document (``statement --json``)."""
        return document_of(self)

    def __repr__(self) -> str:
        return repr_line(
            "Statement",
            standard=self.standard_id,
            start=self.start,
            end=self.end,
            sales=len(self.lines),
            currency=self.currency,
        )

    @property
    def underpaid(self) -> tuple[StatementLine, ...]:
        """The sales whose buyer paid less than was due."""
        return tuple(line for line in self.lines if line.underpaid)

    def to_pandas(self) -> Any:
        """One row per sale, amounts as Decimal, never float (needs pandas)."""
        from fairmined.statement._frame import statement_frame

        return statement_frame(self)


def premium_statement(
    sales: str | Path | Iterable[Sale] | Any,
    standard: str | Standard,
    *,
    prices: str | Path | PriceTable | None = None,
    rates: str | Path | RateTable | None = None,
    currency: str | None = None,
    start: date | None = None,
    end: date | None = None,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
) -> Statement:
    """The premium statement of ``sales`` under ``standard``.

    ``sales`` is a CSV or .xlsx file, sales already read, or a pandas
    DataFrame of text cells. Reference prices come from ``prices`` (a price
    file or table) or from the sales' ``reference_price`` column, not both.
    ``currency`` and ``rates`` add the figures in a local currency. A price
    looked up in ``prices`` more than ``max_price_age`` days before its sale is
    an error, as for :func:`~fairmined.pricing.quote`.
    """
    std = standard if isinstance(standard, Standard) else load_standard(standard)
    rows = _sales(sales)
    table = PriceTable.from_csv(prices) if isinstance(prices, str | Path) else prices
    rate_table = RateTable.from_file(rates) if isinstance(rates, str | Path) else rates
    if table is not None and not isinstance(table, PriceTable):
        raise TypeError(f"prices must be a path or a PriceTable, not {type(prices).__name__}")
    if rate_table is not None and not isinstance(rate_table, RateTable):
        raise TypeError(f"rates must be a path or a RateTable, not {type(rates).__name__}")
    code = _local_currency(currency, rate_table)
    chosen = [s for s in rows if _within(s.sale_date, start, end)]
    _check_sources(chosen, table)
    lines = tuple(_line(s, std, table, rate_table, code, max_price_age) for s in chosen)
    notices = _notices(lines, code)
    return Statement(
        standard_id=std.id,
        standard_version=std.info.version,
        start=start,
        end=end,
        currency=code,
        lines=lines,
        by_buyer=_totals("buyer", lines, lambda ln: ln.sale.buyer, code),
        by_month=_totals("month", lines, lambda ln: ln.sale.sale_date.strftime("%Y-%m"), code),
        period=_total("period", "", lines, code),
        skipped=len(rows) - len(chosen),
        prices_source=table.source if table is not None else "reference_price",
        rates_source=rate_table.source if rate_table is not None else None,
        notices=notices,
    )


def _sales(sales: object) -> tuple[Sale, ...]:
    if isinstance(sales, str | Path):
        return read_sales(sales)[0]
    if hasattr(sales, "to_dict") and hasattr(sales, "columns"):
        records = sales.to_dict("records")
        return sales_from_mappings(records, source="DataFrame")
    if isinstance(sales, Mapping):
        raise TypeError("sales must be a file, a DataFrame or an iterable of Sale, not a mapping")
    if not isinstance(sales, Iterable):
        raise TypeError(f"sales must be a file, a DataFrame or Sale values, not {sales!r}")
    out = tuple(sales)
    for s in out:
        if not isinstance(s, Sale):
            raise TypeError(f"sales must hold Sale values, not {type(s).__name__}")
    return out


def _local_currency(currency: str | None, rates: RateTable | None) -> str | None:
    if (currency is None) != (rates is None):
        raise InputError(
            "a local currency needs both a currency code and a rates file",
            path="currency" if currency is None else "rates",
        )
    if currency is None:
        return None
    try:
        return Money(0, currency.strip().upper()).currency
    except (ValueError, QuantityError):
        raise QuantityError(f"unknown currency {currency!r}", path="currency") from None


def _within(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _check_sources(sales: list[Sale], table: PriceTable | None) -> None:
    given = [s for s in sales if s.reference_price is not None]
    if table is not None and given:
        raise InputError(
            f"row {given[0].row} has a reference_price, and a price file was given too",
            path="reference_price",
            hint="use the price file or the column, not both",
        )
    if table is None:
        lacking = [s for s in sales if s.reference_price is None]
        if lacking:
            raise InputError(
                f"row {lacking[0].row} has no reference_price, and no price file was given",
                path="reference_price",
                hint="give --prices FILE or fill the reference_price column",
            )


def _line(
    sale: Sale,
    std: Standard,
    table: PriceTable | None,
    rates: RateTable | None,
    code: str | None,
    max_price_age: int | None,
) -> StatementLine:
    paid_in = sale.price_received.currency
    if paid_in not in {"USD", code}:
        raise InputError(
            f"row {sale.row} was paid in {paid_in}, but the statement is in USD"
            + (f" and {code}" if code else ""),
            path="currency",
            hint=f"give --currency {paid_in} --rates FILE" if code is None else None,
        )
    try:
        q = quote(
            std,
            sale.metal,
            sale.gross_mass,
            sale.fineness,
            reference_price=sale.reference_price,
            prices=table,
            sale_date=sale.sale_date,
            ecological=sale.ecological,
            max_price_age=max_price_age,
        )
    except InputError as e:
        raise type(e)(
            f"row {sale.row} (lot {sale.lot_id}): {e.message}",
            file=e.file,
            path=e.path,
            hint=e.hint,
        ) from None
    fine = q.fine_mass_g.quantize(FINE_MASS_QUANTUM, ROUNDING, _CONTEXT)
    if code is None or rates is None:
        usd = _amounts(q.floor_price, sale.price_received, q.premium, sale.premium_received)
        return StatementLine(sale, q, fine, usd)
    rate = rates.lookup(code, sale.sale_date)
    if paid_in == "USD":
        usd = _amounts(q.floor_price, sale.price_received, q.premium, sale.premium_received)
        local = _amounts(*(_convert(m, rate) for m in _parts(usd)))
    else:
        floor_l, due_l = _convert(q.floor_price, rate), _convert(q.premium, rate)
        local = _amounts(floor_l, sale.price_received, due_l, sale.premium_received)
        usd = _amounts(
            q.floor_price, _back(sale.price_received, rate), q.premium,
            _back(sale.premium_received, rate),
        )  # fmt: skip
    return StatementLine(sale, q, fine, usd, local, rate)


def _parts(a: Amounts) -> tuple[Money, Money, Money, Money]:
    return a.floor, a.price_received, a.premium_due, a.premium_received


def _amounts(floor: Money, price: Money, due: Money, received: Money) -> Amounts:
    zero = Money.zero(floor.currency).rounded()
    short = max(floor - price, zero, key=_key) + max(due - received, zero, key=_key)
    return Amounts(floor, price, due, received, short)


def _key(m: Money) -> Decimal:
    return m.amount


def _convert(usd: Money, rate: Rate) -> Money:
    """A printed USD figure in the local currency, rounded once."""
    return usd.convert(rate.rate, rate.currency).rounded(rounding=ROUNDING)


def _back(local: Money, rate: Rate) -> Money:
    """An amount received in the local currency, in USD, rounded once to the cent."""
    return Money(_CONTEXT.divide(local.amount, rate.rate), "USD").rounded(rounding=ROUNDING)


def _total(kind: str, key: str, lines: Iterable[StatementLine], code: str | None) -> Total:
    chosen = list(lines)
    usd = Amounts.zero("USD")
    local = Amounts.zero(code) if code is not None else None
    fine = Decimal(0)
    for line in chosen:
        usd = usd + line.usd
        if local is not None and line.local is not None:
            local = local + line.local
        fine = _CONTEXT.add(fine, line.fine_mass_g)
    return Total(kind, key, len(chosen), fine, usd, local)


def _totals(
    kind: str, lines: tuple[StatementLine, ...], key: Any, code: str | None
) -> tuple[Total, ...]:
    groups: dict[str, list[StatementLine]] = {}
    for line in lines:
        groups.setdefault(key(line), []).append(line)
    return tuple(_total(kind, k, groups[k], code) for k in sorted(groups))


def _notices(lines: tuple[StatementLine, ...], code: str | None) -> tuple[Notice, ...]:
    """The quotes' notices once each, then one per sale whose rate is from an earlier date."""
    seen: dict[str, Notice] = {}
    for line in lines:
        for n in line.quote.notices:
            seen.setdefault(n.text, n)
        r = line.rate
        if r is not None and r.on != line.sale.sale_date:
            days = (line.sale.sale_date - r.on).days
            text = (
                f"no {code} rate on {line.sale.sale_date.isoformat()}; used the rate of "
                f"{r.on.isoformat()} (nearest earlier date, {days} day{'s' * (days > 1)} "
                f"earlier) for lot {line.sale.lot_id}"
            )
            args = {"currency": code, "day": line.sale.sale_date, "used_on": r.on}
            seen.setdefault(
                text, Notice("rate_fallback", {**args, "days": days, "lot": line.sale.lot_id}, text)
            )
    return tuple(seen.values())
