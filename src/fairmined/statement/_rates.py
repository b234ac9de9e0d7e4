"""Exchange rates: the user's own file of ``date,currency,rate`` (units of currency per USD)."""

from __future__ import annotations

import bisect
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs

from fairmined.errors import FairminedError, FileProblems, InputError, QuantityError
from fairmined.model import Money, parse_decimal, repr_line
from fairmined.pricing import parse_iso_date
from fairmined.tables import collapse, read_table

__all__ = ["RATE_COLUMNS", "Rate", "RateTable"]

RATE_COLUMNS = ("date", "currency", "rate")


@attrs.frozen
class Rate:
    """Units of ``currency`` per USD, as published ``on`` that date."""

    currency: str
    rate: Decimal
    on: date


class RateTable:
    """Exchange rates by currency and date; a lookup takes the nearest earlier date."""

    def __init__(self, rates: list[Rate], *, source: str) -> None:
        self.source = source
        #: Warnings about cells read (a spreadsheet float whose digits Excel hides).
        self.notes: tuple[str, ...] = ()
        by: dict[str, dict[date, Decimal]] = {}
        for r in rates:
            by.setdefault(r.currency, {})[r.on] = r.rate
        self._dates = {c: sorted(d) for c, d in by.items()}
        self._rates = by

    def __repr__(self) -> str:
        days = {c: len(d) for c, d in self._dates.items()}
        return repr_line("RateTable", source=self.source, **days)

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        delimiter: str | None = None,
        decimal: str | None = None,
        sheet: str | None = None,
    ) -> RateTable:
        """Read a CSV or .xlsx rates file; every bad row is reported together."""
        table = read_table(
            path,
            columns=RATE_COLUMNS,
            numeric=("rate",),
            what="rates file",
            delimiter=delimiter,
            decimal=decimal,
            sheet=sheet,
        )
        rates: list[Rate] = []
        problems: list[InputError] = []
        seen: dict[tuple[str, date], int] = {}
        for row in table.rows:
            try:
                r = _rate(row.cells)
            except FairminedError as e:
                problems.append(table.located(row, e))
                continue
            if (r.currency, r.on) in seen:
                problems.append(
                    table.problem(
                        row,
                        "date",
                        f"a second {r.currency} rate on {r.on.isoformat()} "
                        f"(the first is on row {seen[r.currency, r.on]})",
                    )
                )
                continue
            seen[r.currency, r.on] = row.number
            rates.append(r)
        if problems:
            raise FileProblems(collapse(problems), file=table.source)
        out = cls(rates, source=table.source)
        out.notes = table.notes
        return out

    def lookup(self, currency: str, day: date) -> Rate:
        """The rate on ``day``, or on the nearest earlier date with one."""
        dates = self._dates.get(currency)
        if not dates:
            raise InputError(
                f"the rates file has no {currency} rates", file=self.source, path="currency"
            )
        i = bisect.bisect_right(dates, day) - 1
        if i < 0:
            raise InputError(
                f"the rates file has no {currency} rate on or before {day.isoformat()}",
                file=self.source,
                path="date",
                hint=f"its first {currency} rate is on {dates[0].isoformat()}",
            )
        on = dates[i]
        return Rate(currency, self._rates[currency][on], on)


def _rate(cells: dict[str, str]) -> Rate:
    day = parse_iso_date(cells["date"], field="date")
    code = cells["currency"].strip().upper()
    try:
        code = Money(0, code).currency
    except (ValueError, QuantityError):
        raise QuantityError(f"unknown currency {code!r}", path="currency") from None
    rate = parse_decimal(cells["rate"], field="rate")
    if rate <= 0:
        raise QuantityError(f"rate must be greater than zero, not {rate}", path="rate")
    return Rate(code, rate, day)
