"""Price and premium quotes under a standard's schedule.

How a quote is computed (the standards' rules, in our words):

* fine mass = gross mass x fineness;
* reference value = reference price (USD per troy ounce) x fine troy ounces;
* floor = the schedule's floor fraction (95% in all three standards) x the
  reference value;
* the price that applies is the price paid when it is at least the floor,
  otherwise the floor, and the gap is reported as a shortfall;
* premium = a fraction of the reference value, or a fixed USD amount per kg of
  fine metal, from the row of the schedule in force on the sale date; the
  ecological premium replaces the conventional one for ecological metal;
* total = applicable price + premium.

Every product is computed exactly, dividing by the troy ounce once, last.
Each amount is rounded once, to the currency's minor unit with
``ROUND_HALF_UP``; the total is the sum of the rounded parts, so the printed
figures add up.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import attrs

from fairmined.errors import FairminedError, InputError, PriceLookupError, QuantityError
from fairmined.model import (
    CONTEXT,
    GRAMS_PER_KG,
    GRAMS_PER_TROY_OUNCE,
    Fineness,
    Mass,
    Metal,
    Money,
    Notice,
    document_of,
    minor_unit,
    repr_line,
    repr_of,
    to_decimal,
)
from fairmined.model import parse_metal as _parse_metal
from fairmined.pricing._prices import (
    MAX_PRICE_AGE_DAYS,
    PriceTable,
    ReferencePrice,
    check_max_price_age,
)
from fairmined.standards import Figure, PricingRow, Standard, load_standard

__all__ = ["ROUNDING", "LocalAmounts", "Notice", "Quote", "Quoter", "SaleFigures", "quote"]

# A quote's notices (fairmined.model.Notice) and their args: ``unverified_figure``
# (metal, label: floor, premium or ecological_premium, figure, standard, note),
# ``price_fallback`` (metal, day, source, used_on, session, days), ``out_of_force``
# (standard, until, day, later), ``not_yet_in_force`` (standard, since, day),
# ``paid_below_floor`` (paid, floor, shortfall) and ``ecological_below_conventional``
# (ecological, conventional).

#: How every amount is rounded to its currency's minor unit.
ROUNDING = ROUND_HALF_UP
_MUL = CONTEXT.multiply
_DIV = CONTEXT.divide


@attrs.frozen
class LocalAmounts:
    """The quote's amounts converted into a local currency at ``rate`` per USD."""

    __repr__ = repr_of("currency", "rate", "price", "premium", "total")

    currency: str
    rate: Decimal
    floor_price: Money
    price: Money
    premium: Money
    total: Money


@attrs.frozen
class Quote:
    """What a sale must pay under a standard: floor, price, premium and total.

    Amounts are rounded to cents once; ``*_exact`` keep full precision for
    callers who sum many quotes before rounding.
    """

    standard_id: str
    standard_version: str
    metal: Metal
    ecological: bool
    sale_date: date
    gross_mass: Mass
    fineness: Fineness
    fine_mass_g: Decimal
    reference: ReferencePrice
    schedule: PricingRow
    floor_rule: Figure
    premium_rule: Figure
    reference_value_exact: Money
    floor_exact: Money
    premium_exact: Money
    floor_price: Money
    price: Money
    premium: Money
    total: Money
    paid: Money | None = None
    shortfall: Money | None = None
    local: LocalAmounts | None = None
    warnings: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-quote/1`` JSON document, as ``fairmined premium --json`` writes it."""
        return document_of(self)

    def __repr__(self) -> str:
        return repr_line(
            "Quote",
            standard=self.standard_id,
            metal=self.metal,
            sale_date=self.sale_date,
            fine_mass_g=self.fine_mass_g,
            premium=self.premium,
            total=self.total,
        )

    @property
    def fine_mass_ozt(self) -> Decimal:
        return CONTEXT.divide(self.fine_mass_g, GRAMS_PER_TROY_OUNCE)


def _per_ounce_value(per_ozt: Decimal, fine_g: Decimal, fraction: Decimal) -> Decimal:
    """fraction x price per ozt x fine grams / grams per ozt, dividing once."""
    product = CONTEXT.multiply(CONTEXT.multiply(fraction, per_ozt), fine_g)
    return CONTEXT.divide(product, GRAMS_PER_TROY_OUNCE)


def figure_amount(fig: Figure, reference_per_ozt: Decimal, fine_g: Decimal) -> Decimal:
    """The exact USD amount a pricing figure gives for ``fine_g`` grams of fine metal."""
    if fig.kind == "fraction_of_reference":
        return _per_ounce_value(reference_per_ozt, fine_g, fig.value)
    if fig.currency != "USD":
        raise InputError(f"premium currency {fig.currency} is not supported; quotes are in USD")
    return CONTEXT.divide(CONTEXT.multiply(fig.value, fine_g), GRAMS_PER_KG)


def _round(amount: Decimal, currency: str = "USD") -> Money:
    """Round an exact amount computed here once, to the currency's minor unit."""
    q = minor_unit(currency)
    return Money._trusted(amount.quantize(q, rounding=ROUNDING, context=CONTEXT), currency)


def quote(
    standard: str | Standard,
    metal: Metal | str,
    mass: Mass | str,
    fineness: Fineness | str,
    *,
    reference_price: Decimal | int | str | ReferencePrice | None = None,
    prices: PriceTable | str | Path | None = None,
    sale_date: date | None = None,
    ecological: bool = False,
    paid: Money | Decimal | int | str | None = None,
    currency: str | None = None,
    rate: Decimal | int | str | None = None,
    session: str | None = None,
    max_price_age: int | None = MAX_PRICE_AGE_DAYS,
) -> Quote:
    """Quote the floor price and premium a sale must pay under ``standard``.

    ``mass`` is the gross mass (``"1.250kg"`` or a :class:`Mass`); ``fineness``
    its fineness (``"0.995"``, ``"18k"``, ``"995‰"`` or a :class:`Fineness`).
    The reference price is given directly (USD per troy ounce) or looked up in
    ``prices`` (a price file's path or a loaded :class:`PriceTable`) for
    ``sale_date`` (default: today). ``paid`` is the price paid
    for the whole lot in USD. ``currency`` and ``rate`` (units of ``currency``
    per USD) add the amounts in a local currency. A price looked up in
    ``prices`` more than ``max_price_age`` days before the sale is an error
    (``None``: any age, with a warning as for every earlier price).
    """
    std = standard if isinstance(standard, Standard) else load_standard(standard)
    if isinstance(prices, str | Path):
        prices = PriceTable.from_csv(prices)
    elif prices is not None and not isinstance(prices, PriceTable):
        raise TypeError(f"prices must be a path or a PriceTable, not {type(prices).__name__}")
    m = metal if isinstance(metal, Metal) else _parse_metal(metal)
    gross = mass if isinstance(mass, Mass) else Mass.parse(mass)
    fine = fineness if isinstance(fineness, Fineness) else Fineness.parse(fineness)
    if not isinstance(ecological, bool):
        raise TypeError("ecological must be True or False")
    if gross.value == 0:
        raise QuantityError("mass must be greater than zero", path="mass")
    day = sale_date if sale_date is not None else date.today()
    if not isinstance(day, date):
        raise TypeError("sale_date must be a datetime.date")

    check_max_price_age(max_price_age)
    warnings: list[Notice] = []
    ref = _reference(reference_price, prices, m, day, session, warnings, max_price_age)
    row = std.schedule(m, day)
    floor_rule = row.floor
    premium_rule = row.ecological_premium if ecological else row.premium
    premium_label = "ecological_premium" if ecological else "premium"
    for label, fig in (("floor", floor_rule), (premium_label, premium_rule)):
        if not fig.verified:
            warnings.append(
                Notice(
                    "unverified_figure",
                    {
                        "metal": m,
                        "label": label,
                        "figure": fig,
                        "standard": std.id,
                        "note": fig.note,
                    },
                    f"unverified figure: the {m.value} {label.replace('_', ' ')} "
                    f"({fig.describe()}) under {std.id}: {fig.note}",
                )
            )
    _in_force_warnings(std, m, day, warnings)

    fine_g = fine.apply(gross.grams)
    per_ozt = ref.per_troy_ounce.amount
    reference_value = _per_ounce_value(per_ozt, fine_g, Decimal(1))
    floor_exact = figure_amount(floor_rule, per_ozt, fine_g)
    premium_exact = figure_amount(premium_rule, per_ozt, fine_g)
    if ecological:
        conventional = figure_amount(row.premium, per_ozt, fine_g)
        if premium_exact < conventional:
            warnings.append(
                Notice(
                    "ecological_below_conventional",
                    {"ecological": premium_rule, "conventional": row.premium},
                    f"at this reference price the ecological premium ({premium_rule.describe()}) "
                    f"is below the conventional one ({row.premium.describe()})",
                )
            )

    floor_price = _round(floor_exact)
    paid_money: Money | None = None
    shortfall: Money | None = None
    price_exact = floor_exact
    if paid is not None:
        paid_money = (paid if isinstance(paid, Money) else Money(paid, "USD")).rounded(
            rounding=ROUNDING
        )
        if paid_money.currency != "USD":
            raise QuantityError("the price paid must be in USD", path="paid")
        if paid_money.amount < 0:
            raise QuantityError(f"the price paid cannot be negative: {paid_money}", path="paid")
        if paid_money >= floor_price:
            price_exact = paid_money.amount
        else:
            shortfall = floor_price - paid_money
            warnings.append(
                Notice(
                    "paid_below_floor",
                    {"paid": paid_money, "floor": floor_price, "shortfall": shortfall},
                    f"the price paid ({paid_money}) is below the floor price "
                    f"({floor_price}) by {shortfall}",
                )
            )
    price = _round(price_exact)
    premium = _round(premium_exact)
    total = price + premium

    local = None
    if currency is not None or rate is not None:
        local = _local(currency, rate, price_exact, floor_exact, premium_exact)

    return Quote(
        standard_id=std.id,
        standard_version=std.info.version,
        metal=m,
        ecological=ecological,
        sale_date=day,
        gross_mass=gross,
        fineness=fine,
        fine_mass_g=fine_g,
        reference=ref,
        schedule=row,
        floor_rule=floor_rule,
        premium_rule=premium_rule,
        reference_value_exact=Money._trusted(reference_value, "USD"),
        floor_exact=Money._trusted(floor_exact, "USD"),
        premium_exact=Money._trusted(premium_exact, "USD"),
        floor_price=floor_price,
        price=price,
        premium=premium,
        total=total,
        paid=paid_money,
        shortfall=shortfall,
        local=local,
        warnings=tuple(n.text for n in warnings),
        notices=tuple(warnings),
    )


def _reference(
    given: Decimal | int | str | ReferencePrice | None,
    prices: PriceTable | None,
    metal: Metal,
    day: date,
    session: str | None,
    warnings: list[Notice],
    max_age: int | None,
) -> ReferencePrice:
    if session is not None and prices is None:
        raise InputError("a session (AM or PM) goes with a price file", path="session")
    if given is not None and prices is not None:
        raise InputError("give a reference price or a price file, not both", path="reference_price")
    if isinstance(given, ReferencePrice):
        return given
    if given is not None:
        return ReferencePrice.given(to_decimal(given, field="reference_price"), day)
    if prices is None:
        raise InputError("a reference price or a price file is needed", path="reference_price")
    if not isinstance(prices, PriceTable):
        raise TypeError(f"prices must be a PriceTable, not {type(prices).__name__}")
    ref = prices.lookup(metal, day, session, max_age=max_age)
    if ref.on != day:
        gap = (day - ref.on).days
        warnings.append(
            Notice(
                "price_fallback",
                {
                    "metal": metal,
                    "day": day,
                    "source": prices.source,
                    "used_on": ref.on,
                    "session": ref.session,
                    "days": gap,
                },
                f"no {metal.value} price on {day.isoformat()} in {prices.source}; used the "
                f"price of {ref.on.isoformat()}{' ' + ref.session if ref.session else ''}, "
                f"{gap} day{'s' * (gap > 1)} earlier",
            )
        )
    return ref


def _priced_on(successor: str, metal: Metal, day: date) -> bool:
    """Whether ``successor`` has a ``metal`` schedule covering ``day`` (true if unknown here)."""
    try:
        load_standard(successor).schedule(metal, day)
    except PriceLookupError:
        return False
    except FairminedError:
        return True
    return True


def _in_force_warnings(std: Standard, metal: Metal, day: date, warnings: list[Notice]) -> None:
    info = std.info
    if day < info.in_force_from:
        warnings.append(
            Notice(
                "not_yet_in_force",
                {"standard": std.id, "since": info.in_force_from, "day": day},
                f"{std.id} came into force on {info.in_force_from.isoformat()}, after the sale "
                f"date {day.isoformat()}; the figures are those of its schedule for that date",
            )
        )
    if info.in_force_to is not None and day > info.in_force_to:
        # Only the successors that priced this metal on that day (fairmined-2.0
        # starts on 2014-04-05; ARM sales before it fell under v1.1, not shipped).
        successors = tuple(s for s in info.superseded_by if _priced_on(s, metal, day))
        later = ", ".join(successors) or "a later standard"
        warnings.append(
            Notice(
                "out_of_force",
                {
                    "standard": std.id,
                    "until": info.in_force_to,
                    "day": day,
                    "later": successors,
                },
                f"{std.id} was in force until {info.in_force_to.isoformat()}; "
                f"sales on {day.isoformat()} fall under {later}",
            )
        )


def _local(
    currency: str | None,
    rate: Decimal | int | str | None,
    price: Decimal,
    floor: Decimal,
    premium: Decimal,
) -> LocalAmounts:
    if currency is None or rate is None:
        raise InputError(
            "a local currency needs both a currency code and a rate",
            path="currency" if currency is None else "rate",
        )
    r = to_decimal(rate, field="rate")
    if r <= 0:
        raise QuantityError(f"rate must be greater than zero, not {r}", path="rate")
    code = Money(0, currency).currency

    def conv(amount: Decimal) -> Money:
        return Money(amount, "USD").convert(r, code).rounded(rounding=ROUNDING)

    lp, lprem = conv(price), conv(premium)
    return LocalAmounts(code, r, conv(floor), lp, lprem, lp + lprem)


@attrs.frozen
class SaleFigures:
    """Floor price and premium of one sale in USD, rounded to the cent as quotes are."""

    __repr__ = repr_of("standard_id", "floor_price", "premium")

    standard_id: str
    schedule: PricingRow
    floor_rule: Figure
    premium_rule: Figure
    floor_price: Money
    premium: Money


class Quoter:
    """Many quotes under one standard, metal and premium kind, fast.

    For batch work (a year of lots, a price sweep): it looks the schedule up
    once per period instead of once per sale, and returns bare rounded
    ``Decimal`` amounts instead of :class:`Quote` objects. The figures are the
    same as :func:`quote` gives: the same products in the same order, the one
    division last, each amount rounded once (a test holds the two together).

    >>> from decimal import Decimal
    >>> from datetime import date
    >>> q = Quoter("fairmined-2.0", "gold")
    >>> q.floor_and_premium(Decimal("1243.75"), Decimal("2000"), date(2024, 3, 1))
    (Decimal('75976.23'), Decimal('4975.00'))
    """

    __slots__ = ("_current", "_quantum", "ecological", "metal", "standard")

    def __init__(
        self, standard: str | Standard, metal: Metal | str, *, ecological: bool = False
    ) -> None:
        self.standard = standard if isinstance(standard, Standard) else load_standard(standard)
        self.metal = metal if isinstance(metal, Metal) else _parse_metal(metal)
        self.ecological = bool(ecological)
        self._current: _Rates | None = None
        self._quantum = minor_unit("USD")

    def __repr__(self) -> str:
        return repr_line(
            "Quoter", standard=self.standard, metal=self.metal, ecological=self.ecological
        )

    def rules(self, day: date) -> tuple[PricingRow, Figure, Figure]:
        """The schedule row in force on ``day``, its floor rule and premium rule."""
        rates = self._rates(day)
        return rates.row, rates.row.floor, rates.premium_rule

    def _rates(self, day: date) -> _Rates:
        cur = self._current
        if cur is not None and cur.start <= day and (cur.end is None or day <= cur.end):
            return cur
        row = self.standard.schedule(self.metal, day)
        rule = row.ecological_premium if self.ecological else row.premium
        if rule.kind == "per_kg_fine" and rule.currency != "USD":
            raise InputError(f"premium currency {rule.currency} is not supported")
        cur = _Rates(row, rule)
        self._current = cur
        return cur

    def floor_and_premium(
        self, fine_g: Decimal, reference_per_ozt: Decimal, day: date
    ) -> tuple[Decimal, Decimal]:
        """The floor price and premium in USD for ``fine_g`` grams, each rounded to cents."""
        r = self._current
        if r is None or day < r.start or (r.end is not None and day > r.end):
            r = self._rates(day)
        mul, div, q = _MUL, _DIV, self._quantum
        floor = div(mul(mul(r.floor_fraction, reference_per_ozt), fine_g), GRAMS_PER_TROY_OUNCE)
        if r.premium_fraction is not None:
            premium = div(
                mul(mul(r.premium_fraction, reference_per_ozt), fine_g), GRAMS_PER_TROY_OUNCE
            )
        else:
            premium = div(mul(r.premium_per_kg, fine_g), GRAMS_PER_KG)
        # Positional arguments: this is the hot loop of batch pricing.
        return floor.quantize(q, ROUNDING, CONTEXT), premium.quantize(q, ROUNDING, CONTEXT)

    def figures(self, fine_g: Decimal, reference_per_ozt: Decimal, day: date) -> SaleFigures:
        """The floor price and premium with the schedule and rules that produced them."""
        floor, premium = self.floor_and_premium(fine_g, reference_per_ozt, day)
        r = self._rates(day)
        return SaleFigures(
            standard_id=self.standard.id,
            schedule=r.row,
            floor_rule=r.row.floor,
            premium_rule=r.premium_rule,
            floor_price=Money._trusted(floor, "USD"),
            premium=Money._trusted(premium, "USD"),
        )


class _Rates:
    """The figures of one schedule row, unpacked for the hot loop."""

    __slots__ = (
        "end",
        "floor_fraction",
        "premium_fraction",
        "premium_per_kg",
        "premium_rule",
        "row",
        "start",
    )

    def __init__(self, row: PricingRow, premium_rule: Figure) -> None:
        self.row = row
        self.premium_rule = premium_rule
        self.start = row.effective_from
        self.end = row.effective_to
        self.floor_fraction = row.floor.value
        frac = premium_rule.kind == "fraction_of_reference"
        self.premium_fraction: Decimal | None = premium_rule.value if frac else None
        self.premium_per_kg: Decimal = Decimal(0) if frac else premium_rule.value
