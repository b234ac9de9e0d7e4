"""Reference prices: given directly, or looked up in the user's own price file.

The library ships no LBMA price history (it needs a licence for valuation
use). A price file is CSV (any delimiter and decimal mark the shared reader
detects) or .xlsx with a header ``date,metal,session,usd_per_troy_ounce``;
``session`` is ``AM``, ``PM`` or empty for a metal priced once a day (silver).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from fairmined.errors import FileProblems, InputError, PriceLookupError, QuantityError
from fairmined.model import Metal, Money, parse_decimal, parse_metal, repr_line, repr_of
from fairmined.tables import TextTable, collapse, read_csv_text, read_table

__all__ = [
    "MAX_PRICE_AGE_DAYS",
    "PRICE_COLUMNS",
    "PriceTable",
    "ReferencePrice",
    "check_max_price_age",
    "parse_iso_date",
]

PRICE_COLUMNS = ("date", "metal", "session", "usd_per_troy_ounce")
_SESSIONS = ("AM", "PM", "")
#: A fallback older than this many days is reported as a warning.
STALE_AFTER_DAYS = 5
#: The oldest reference price a lookup accepts by default, in days before the sale.
#: LBMA prices are not set on weekends and UK bank holidays: the longest run
#: without a price (Christmas and Boxing Day next to a weekend, Good Friday to
#: Easter Monday) is five days, so a week tolerates every holiday while a price
#: file that simply ends before the sale is caught.
MAX_PRICE_AGE_DAYS = 7
#: Prices above this many USD per troy ounce are typing errors.
MAX_PRICE = Decimal("1000000")
#: A price file larger than this is refused unread (a daily price since 1968
#: is about 2 MB).
MAX_BYTES = 64 * 2**20
_TABLE: dict[str, Any] = {
    "columns": PRICE_COLUMNS,
    "numeric": ("usd_per_troy_ounce",),
    "what": "price file",
}


#: Dates already read, by their exact text: lot files repeat a few hundred sale dates.
#: Bounded, so memory stays flat; only valid dates are kept.
_DATES: dict[str, date] = {}
_MAX_CACHED_DATES = 4096


def parse_iso_date(text: object, *, field: str = "date") -> date:
    """Read a date written YYYY-MM-DD; impossible dates (2023-02-30) are errors."""
    if type(text) is str:
        known = _DATES.get(text)
        if known is not None:
            return known
        day = _parse_iso_date(text, field)
        if len(_DATES) < _MAX_CACHED_DATES:
            _DATES[text] = day
        return day
    return _parse_iso_date(text, field)


def _parse_iso_date(text: object, field: str) -> date:
    if not isinstance(text, str):
        raise QuantityError(f"{field} must be a date such as 2024-03-28", path=field)
    s = text.strip()
    digits = s[:4] + s[5:7] + s[8:]
    if len(s) != 10 or s[4] != "-" or s[7] != "-" or not (digits.isascii() and digits.isdigit()):
        raise QuantityError(
            f"{field} is not a date: {s!r}", path=field, hint="write YYYY-MM-DD, e.g. 2024-03-28"
        )
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise QuantityError(f"{field} {s} does not exist", path=field) from None


def check_reference_price(value: Decimal, *, field: str = "reference_price") -> Decimal:
    """Refuse a reference price that is zero, negative or absurdly large."""
    if value <= 0:
        raise QuantityError(f"{field} must be greater than zero, not {value}", path=field)
    if value > MAX_PRICE:
        raise QuantityError(
            f"{field} {value} is implausibly large (USD per troy ounce)", path=field
        )
    return value


@attrs.frozen
class ReferencePrice:
    """A reference price in USD per troy ounce, with its date and where it came from."""

    __repr__ = repr_of("per_troy_ounce", "on", "session", "source")

    per_troy_ounce: Money
    on: date
    session: str = ""
    source: str = "given"

    @classmethod
    def given(cls, usd_per_troy_ounce: Decimal | int | str, on: date) -> ReferencePrice:
        m = Money(usd_per_troy_ounce, "USD")
        check_reference_price(m.amount)
        return cls(m, on)


@attrs.frozen
class _Series:
    dates: list[date]
    prices: list[dict[str, Decimal]]  # session -> price, parallel to dates


class PriceTable:
    """A table of historical reference prices, searchable by metal and date."""

    def __init__(self, rows: Iterable[tuple[date, Metal, str, Decimal]], *, source: str) -> None:
        by_metal: dict[Metal, dict[date, dict[str, Decimal]]] = {}
        for day, metal, session, price in rows:
            by_metal.setdefault(metal, {}).setdefault(day, {})[session] = price
        self.source = source
        #: Warnings about cells read (a spreadsheet float whose digits Excel hides).
        self.notes: tuple[str, ...] = ()
        self._series = {
            metal: _Series(sorted(days), [days[d] for d in sorted(days)])
            for metal, days in by_metal.items()
        }

    def __repr__(self) -> str:
        days = {m.value: len(s.dates) for m, s in self._series.items()}
        return repr_line("PriceTable", source=self.source, **days)

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        delimiter: str | None = None,
        decimal: str | None = None,
        sheet: str | None = None,
    ) -> PriceTable:
        """Read a price file (CSV from any spreadsheet, or .xlsx); every bad row is reported."""
        table = read_table(
            path, **_TABLE, delimiter=delimiter, decimal=decimal, sheet=sheet, max_bytes=MAX_BYTES
        )
        return cls._from_table(table)

    @classmethod
    def from_text(cls, text: str, *, source: str) -> PriceTable:
        """Read price-file CSV text already in memory; ``source`` names it in errors."""
        return cls._from_table(read_csv_text(text, source=source, **_TABLE))

    @classmethod
    def _from_table(cls, table: TextTable) -> PriceTable:
        rows: list[tuple[date, Metal, str, Decimal]] = []
        problems: list[InputError] = []
        seen: dict[tuple[date, Metal, str], int] = {}
        for row in table.rows:
            try:
                day, metal, session, price = _price_row(row.cells)
            except QuantityError as e:
                problems.append(table.located(row, e))
                continue
            key = (day, metal, session)
            if key in seen:
                problems.append(
                    table.problem(
                        row,
                        "date",
                        f"duplicate price for {metal.value} {session or 'daily'} on "
                        f"{day.isoformat()} (first on row {seen[key]})",
                    )
                )
                continue
            seen[key] = row.number
            rows.append((day, metal, session, price))
        if problems:
            raise FileProblems(collapse(problems), file=table.source)
        prices = cls(rows, source=table.source)
        prices.notes = table.notes
        return prices

    def lookup(
        self, metal: Metal, day: date, session: str | None = None, *, max_age: int | None = None
    ) -> ReferencePrice:
        """The price on ``day``, or on the most recent earlier day with a price.

        ``session`` picks AM or PM; without it the PM price is preferred, then
        AM, then a once-a-day price. The result's ``on`` is the date of the price
        found. With ``max_age``, a price more than that many days older than
        ``day`` raises :class:`~fairmined.errors.PriceLookupError` naming its date.
        """
        check_max_price_age(max_age)
        metal = metal if isinstance(metal, Metal) else parse_metal(metal)
        if not isinstance(day, date):
            raise TypeError(f"day must be a datetime.date, not {type(day).__name__}")
        if session is not None and (
            not isinstance(session, str) or session.upper() not in _SESSIONS
        ):
            if not isinstance(session, str):
                raise TypeError(f"session must be 'AM', 'PM' or None, not {type(session).__name__}")
            raise QuantityError(f"session must be AM or PM, not {session!r}", path="session")
        ref = self._latest(metal, day, session)
        age = (day - ref.on).days
        if max_age is not None and age > max_age:
            raise PriceLookupError(
                f"the newest {metal.value} price on or before {day.isoformat()} is of "
                f"{ref.on.isoformat()}, {age} days old; at most {max_age} are accepted",
                file=self.source,
                path="max_price_age",
                hint="add the missing prices, give the reference price, or raise --max-price-age",
            )
        return ref

    def _latest(self, metal: Metal, day: date, session: str | None) -> ReferencePrice:
        if session is not None and not isinstance(session, str):
            raise TypeError(f"session must be 'AM', 'PM' or None, not {type(session).__name__}")
        series = self._series.get(metal)
        if series is None:
            raise PriceLookupError(
                f"the price file has no {metal.value} prices", file=self.source, path="metal"
            )
        i = bisect.bisect_right(series.dates, day) - 1
        wanted = (session.upper(),) if session else ("PM", "AM", "")
        while i >= 0:
            prices = series.prices[i]
            for s in wanted:
                if s in prices:
                    return ReferencePrice(Money(prices[s], "USD"), series.dates[i], s, self.source)
            i -= 1
        first = series.dates[0].isoformat()
        what = f"{metal.value} {session.upper()} price" if session else f"{metal.value} price"
        raise PriceLookupError(
            f"the price file has no {what} on or before {day.isoformat()}",
            file=self.source,
            path="date",
            hint=f"its first {metal.value} price is on {first}",
        )


def check_max_price_age(max_age: object) -> int | None:
    """``max_age`` if it is a whole number of days (0 or more) or None; else raise."""
    if max_age is None:
        return None
    if isinstance(max_age, bool) or not isinstance(max_age, int):
        raise TypeError(f"max_price_age must be an int or None, not {type(max_age).__name__}")
    if not 0 <= max_age <= 36_600:
        raise QuantityError(
            f"max_price_age must be from 0 to 36600 days, not {max_age}", path="max_price_age"
        )
    return max_age


def _price_row(cells: dict[str, str]) -> tuple[date, Metal, str, Decimal]:
    """One price row's cells read; the first bad cell raises, its path the column."""
    day = parse_iso_date(cells["date"], field="date")
    metal = parse_metal(cells["metal"], field="metal")
    session = cells["session"].strip().upper()
    if session not in _SESSIONS:
        raise QuantityError(f"session must be AM, PM or empty, not {session!r}", path="session")
    price = check_reference_price(
        parse_decimal(cells["usd_per_troy_ounce"], field="usd_per_troy_ounce"),
        field="usd_per_troy_ounce",
    )
    return day, metal, session, price
