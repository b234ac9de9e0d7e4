"""Premium quotes: worked examples per standard and metal, price files, and properties.

Every expected figure is computed here by hand from the rule it rests on, with
exact rationals (``Fraction``), and rounded with this file's own half-up
helper; nothing is copied from the library's output. The rules
(standards-facts.md, "Pricing"):

* fine mass = gross mass x fineness; a troy ounce is exactly 31.1034768 g;
* floor = 95% of the reference price (USD per troy ounce) x fine troy ounces;
* premium = a fraction of the reference value, or USD per kg of fine metal;
* each printed amount is rounded once to the currency's minor unit, half up;
  total = rounded price + rounded premium.
"""

from __future__ import annotations

import decimal
import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from babel.numbers import get_currency_precision
from hypothesis import assume, given
from hypothesis import strategies as st

from fairmined.errors import (
    FairminedError,
    FileProblems,
    InputError,
    PriceLookupError,
    QuantityError,
)
from fairmined.model import Metal, Money
from fairmined.pricing import PriceTable, Quote, ReferencePrice, quote

from . import strategies as s

EXAMPLES = Path(__file__).parent.parent / "examples" / "prices-illustrative.csv"
#: One troy ounce in grams, exactly (LBMA Good Delivery Rules, Annex C).
OZT = Fraction(311034768, 10**7)
FLOOR = Fraction(95, 100)  # 95% of the reference price, all three standards

pytestmark = pytest.mark.usefixtures("fresh_standards")


def half_up(x: Fraction, digits: int = 2) -> Decimal:
    """Round a non-negative rational half up to ``digits`` places (our own, not the library's)."""
    assert x >= 0
    scaled = math.floor(x * 10**digits + Fraction(1, 2))
    return Decimal(scaled).scaleb(-digits)


def reference_value(usd_per_ozt: str, fine_g: str) -> Fraction:
    """USD value of ``fine_g`` grams of fine metal at ``usd_per_ozt``."""
    return Fraction(Decimal(usd_per_ozt)) * Fraction(Decimal(fine_g)) / OZT


def check(
    q: Quote, *, fine_g: str, floor: Fraction, premium: Fraction, literal: tuple[str, str]
) -> None:
    """Assert a quote against hand-computed exact floor and premium and their printed cents."""
    assert q.fine_mass_g == Decimal(fine_g)
    # The library divides by the troy ounce once, to 60 significant digits.
    assert abs(Fraction(q.floor_exact.amount) - floor) <= floor / 10**55
    assert q.floor_price.amount == half_up(floor) == Decimal(literal[0])
    assert q.premium.amount == half_up(premium) == Decimal(literal[1])
    assert q.price == q.floor_price  # nothing paid: the floor applies
    assert q.total.amount == half_up(floor) + half_up(premium)
    assert {q.floor_price.currency, q.premium.currency, q.total.currency} == {"USD"}


# =========================================================================== worked examples
# ------------------------------------------------------------------ fairmined-2.0


def test_fairmined_2_gold_conventional() -> None:
    """fairmined-2.0 gold: floor 95% of LBMA, premium USD 4000 per kg of fine gold."""
    q = quote(
        "fairmined-2.0",
        "gold",
        "1.250kg",
        "0.995",
        reference_price="2000",
        sale_date=date(2024, 3, 28),
    )
    # fine: 1250 g x 0.995 = 1243.75 g
    # floor: 0.95 x 2000 x 1243.75 / 31.1034768 = 2363125 / 31.1034768 = 75976.2309... -> 75976.23
    # premium: 4000 USD/kg x 1.24375 kg = 4975.00
    check(
        q,
        fine_g="1243.75",
        floor=FLOOR * reference_value("2000", "1243.75"),
        premium=Fraction(4000) * Fraction(124375, 100000),
        literal=("75976.23", "4975.00"),
    )
    assert q.total.amount == Decimal("80951.23")
    assert q.premium_rule.kind == "per_kg_fine"
    # The amount is published; that it is per kg of fine gold is not confirmed.
    assert any("unverified" in w and "fine gold" in w for w in q.warnings)


def test_fairmined_2_gold_ecological() -> None:
    """fairmined-2.0 ecological gold: premium USD 6000 per kg of fine gold."""
    q = quote(
        "fairmined-2.0",
        "gold",
        "1.250kg",
        "0.995",
        reference_price="2000",
        sale_date=date(2024, 3, 28),
        ecological=True,
    )
    # premium: 6000 USD/kg x 1.24375 kg = 7462.50
    check(
        q,
        fine_g="1243.75",
        floor=FLOOR * reference_value("2000", "1243.75"),
        premium=Fraction(6000) * Fraction(124375, 100000),
        literal=("75976.23", "7462.50"),
    )
    assert q.total.amount == Decimal("83438.73")


@pytest.mark.parametrize(
    ("eco", "share", "literal"), [(False, 10, "802.96"), (True, 15, "1204.45")]
)
def test_fairmined_2_silver(eco: bool, share: int, literal: str) -> None:
    """fairmined-2.0 silver: 10% / 15% of the reference value, unverified, so a warning."""
    q = quote(
        "fairmined-2.0",
        "silver",
        "10kg",
        "0.999",
        reference_price="25.00",
        sale_date=date(2024, 3, 28),
        ecological=eco,
    )
    # fine 9990 g; value 25 x 9990 / 31.1034768 = 8029.6526...; floor 95% -> 7628.17
    value = reference_value("25.00", "9990")
    check(
        q,
        fine_g="9990.000",
        floor=FLOOR * value,
        premium=Fraction(share, 100) * value,
        literal=("7628.17", literal),
    )
    said = "silver ecological premium" if eco else "silver premium"
    assert any("unverified figure" in w and said in w for w in q.warnings)


@pytest.mark.parametrize(
    ("eco", "share", "literal"), [(False, 10, "1374.44"), (True, 15, "2061.67")]
)
def test_fairmined_2_platinum(eco: bool, share: int, literal: str) -> None:
    """fairmined-2.0 platinum: 10% / 15% of the reference value, unverified, so a warning."""
    q = quote(
        "fairmined-2.0",
        "platinum",
        "500g",
        "950‰",
        reference_price="900",
        sale_date=date(2024, 3, 28),
        ecological=eco,
    )
    # fine 500 g x 950/1000 = 475 g; floor 0.95 x 900 x 475 / 31.1034768 -> 13057.22
    value = reference_value("900", "475")
    check(
        q,
        fine_g="475",
        floor=FLOOR * value,
        premium=Fraction(share, 100) * value,
        literal=("13057.22", literal),
    )
    said = "platinum ecological premium" if eco else "platinum premium"
    assert any("unverified figure" in w and said in w for w in q.warnings)


# ------------------------------------------------------------------ fairtrade-gold-2013


def test_fairtrade_2013_gold_before_the_switch_is_ten_percent() -> None:
    """fairtrade-gold-2013 gold sold 2013-07-15: premium 10% of the reference value."""
    q = quote(
        "fairtrade-gold-2013",
        "gold",
        "1kg",
        "18k",
        reference_price="1300",
        sale_date=date(2013, 7, 15),
    )
    # 18k = 18/24 = 0.75: fine 750 g; value 1300 x 750 / 31.1034768 = 31347.0...
    value = reference_value("1300", "750")
    check(
        q,
        fine_g="750",
        floor=FLOOR * value,
        premium=Fraction(10, 100) * value,
        literal=("29779.63", "3134.70"),
    )
    assert q.schedule.effective_to == date(2013, 7, 31)


def test_fairtrade_2013_gold_after_the_switch_is_2000_per_kg() -> None:
    """fairtrade-gold-2013 gold sold 2013-08-01: premium USD 2000 per kg of fine gold."""
    q = quote(
        "fairtrade-gold-2013",
        "gold",
        "1kg",
        "18k",
        reference_price="1300",
        sale_date=date(2013, 8, 1),
    )
    # 2000 USD/kg x 0.750 kg = 1500.00
    check(
        q,
        fine_g="750",
        floor=FLOOR * reference_value("1300", "750"),
        premium=Fraction(2000) * Fraction(3, 4),
        literal=("29779.63", "1500.00"),
    )
    assert q.schedule.effective_from == date(2013, 8, 1)


@pytest.mark.parametrize("day", [date(2013, 7, 15), date(2013, 8, 1), date(2024, 3, 28)])
def test_fairtrade_2013_gold_ecological_is_fifteen_percent(day: date) -> None:
    """fairtrade-gold-2013 ecological gold: 15% of the reference value either side of 2013-08-01."""
    q = quote(
        "fairtrade-gold-2013",
        "gold",
        "1kg",
        "18k",
        reference_price="1300",
        sale_date=day,
        ecological=True,
    )
    value = reference_value("1300", "750")
    check(
        q,
        fine_g="750",
        floor=FLOOR * value,
        premium=Fraction(15, 100) * value,
        literal=("29779.63", "4702.05"),
    )


@pytest.mark.parametrize(("eco", "share", "literal"), [(False, 10, "594.79"), (True, 15, "892.18")])
def test_fairtrade_2013_silver(eco: bool, share: int, literal: str) -> None:
    """fairtrade-gold-2013 silver: 10% / 15% of the reference value, verified, no warning."""
    q = quote(
        "fairtrade-gold-2013",
        "silver",
        "10kg",
        "925‰",
        reference_price="20",
        sale_date=date(2024, 3, 28),
        ecological=eco,
    )
    value = reference_value("20", "9250")  # 10 kg sterling (925‰): 9250 g fine
    check(
        q,
        fine_g="9250",
        floor=FLOOR * value,
        premium=Fraction(share, 100) * value,
        literal=("5650.49", literal),
    )
    assert q.warnings == ()


def test_fairtrade_2013_platinum() -> None:
    """fairtrade-gold-2013 platinum: 10% (sources conflict: unverified, warned); eco 15%."""
    conv = quote(
        "fairtrade-gold-2013",
        "platinum",
        "1000g",
        "0.95",
        reference_price="1400",
        sale_date=date(2024, 3, 28),
    )
    eco = quote(
        "fairtrade-gold-2013",
        "platinum",
        "1000g",
        "0.95",
        reference_price="1400",
        sale_date=date(2024, 3, 28),
        ecological=True,
    )
    value = reference_value("1400", "950")
    check(
        conv,
        fine_g="950",
        floor=FLOOR * value,
        premium=Fraction(10, 100) * value,
        literal=("40622.47", "4276.05"),
    )
    check(
        eco,
        fine_g="950",
        floor=FLOOR * value,
        premium=Fraction(15, 100) * value,
        literal=("40622.47", "6414.07"),
    )
    assert any("unverified" in w for w in conv.warnings)
    assert eco.warnings == ()


# ------------------------------------------------------------------ fairtrade-fairmined-2010


@pytest.mark.parametrize(
    ("metal", "mass", "fineness", "ref", "fine_g", "literal"),
    [
        ("gold", "2kg", "0.9", "1600", "1800", ("87964.44", "9259.42", "13889.12")),
        ("silver", "5000g", "1", "30", "5000", ("4581.48", "482.26", "723.39")),
        # 100 g x 1 = 100 g; 1500 x 100 = 30 x 5000, so the same figures as silver.
        ("platinum", "100g", "24k", "1500", "100", ("4581.48", "482.26", "723.39")),
    ],
)
def test_fairtrade_fairmined_2010(
    metal: str, mass: str, fineness: str, ref: str, fine_g: str, literal: tuple[str, str, str]
) -> None:
    """fairtrade-fairmined-2010: every metal 10% premium, 15% ecological, floor 95%."""
    day = date(2012, 6, 1)
    value = reference_value(ref, fine_g)
    conv = quote(
        "fairtrade-fairmined-2010", metal, mass, fineness, reference_price=ref, sale_date=day
    )
    eco = quote(
        "fairtrade-fairmined-2010",
        metal,
        mass,
        fineness,
        reference_price=ref,
        sale_date=day,
        ecological=True,
    )
    check(
        conv,
        fine_g=fine_g,
        floor=FLOOR * value,
        premium=Fraction(10, 100) * value,
        literal=(literal[0], literal[1]),
    )
    check(
        eco,
        fine_g=fine_g,
        floor=FLOOR * value,
        premium=Fraction(15, 100) * value,
        literal=(literal[0], literal[2]),
    )
    unverified = [w for w in conv.warnings + eco.warnings if "unverified" in w]
    # Only gold is confirmed in the 2010 sources (silver's 10% premium too, not its floor).
    assert bool(unverified) == (metal != "gold")


def test_fairtrade_fairmined_2010_after_its_end_warns() -> None:
    """A sale after 2013-04-21 (the partnership's end) under the 2010 standard warns."""
    q = quote(
        "fairtrade-fairmined-2010",
        "gold",
        "1kg",
        "1",
        reference_price="1300",
        sale_date=date(2014, 1, 2),
    )
    assert any("was in force until 2013-04-21" in w for w in q.warnings)


def test_schedule_not_yet_in_force_is_an_error() -> None:
    """fairtrade-gold-2013 has no gold row before 2013-04-22: a sale then is a PriceLookupError."""
    with pytest.raises(PriceLookupError, match="2013-03-31"):
        quote(
            "fairtrade-gold-2013",
            "gold",
            "1kg",
            "1",
            reference_price="1300",
            sale_date=date(2013, 3, 31),
        )


# =========================================================================== paid, total, local


def _gold(**kw: object) -> Quote:
    return quote(
        "fairmined-2.0",
        "gold",
        "1.250kg",
        "0.995",
        reference_price="2000",
        sale_date=date(2024, 3, 28),
        **kw,
    )  # type: ignore[arg-type]


def test_paid_above_floor_is_the_price() -> None:
    """A price paid above the floor is the price that applies; no shortfall."""
    q = _gold(paid="80000.00")
    assert q.price.amount == Decimal("80000.00")
    assert q.shortfall is None
    # total = 80000.00 + 4975.00
    assert q.total.amount == Decimal("84975.00")


def test_paid_equal_to_floor_is_not_a_shortfall() -> None:
    """Paying exactly the rounded floor (75976.23) is not a shortfall."""
    q = _gold(paid="75976.23")
    assert q.price.amount == Decimal("75976.23")
    assert q.shortfall is None


def test_paid_below_floor_gives_floor_and_shortfall() -> None:
    """A price paid below the floor: the floor applies and the gap is a shortfall, warned."""
    q = _gold(paid="70000")
    assert q.price.amount == Decimal("75976.23")
    assert q.shortfall is not None
    assert q.shortfall.amount == Decimal("75976.23") - Decimal("70000")
    assert q.paid == Money("70000.00", "USD")
    assert any("below the floor" in w for w in q.warnings)


def test_negative_paid_is_an_error() -> None:
    """A negative price paid is a QuantityError."""
    with pytest.raises(QuantityError):
        _gold(paid="-1")


def test_quote_ignores_the_global_decimal_context() -> None:
    """A two-digit, round-down global context changes no figure of a quote."""
    expected = _gold()
    weird = decimal.Context(prec=2, rounding=decimal.ROUND_DOWN, traps=[decimal.Inexact])
    with decimal.localcontext(weird):
        got = _gold()
    assert got == expected
    assert got.floor_price.amount == Decimal("75976.23")


@pytest.mark.parametrize("code", ["COP", "XOF", "PEN", "EUR"])
def test_local_currency_adds_up(code: str) -> None:
    """Local amounts are the exact USD amounts x rate, each rounded to babel's minor unit."""
    rate = "3912.45" if code in {"COP", "XOF"} else "3.7251"
    q = _gold(currency=code.lower(), rate=rate)
    assert q.local is not None
    digits = get_currency_precision(code)
    if code == "XOF":
        assert digits == 0  # CFA francs have no minor unit
    r = Fraction(Decimal(rate))
    floor = FLOOR * reference_value("2000", "1243.75")
    premium = Fraction(4000) * Fraction(124375, 100000)
    assert q.local.currency == code
    assert q.local.price.amount == half_up(floor * r, digits)
    assert q.local.premium.amount == half_up(premium * r, digits)
    assert q.local.total == q.local.price + q.local.premium
    assert q.local.total.amount == half_up(floor * r, digits) + half_up(premium * r, digits)
    # The local amounts carry exactly babel's number of decimals.
    for m in (q.local.price, q.local.premium, q.local.total):
        assert m.amount.as_tuple().exponent == -digits


def test_local_currency_needs_both_code_and_rate() -> None:
    """A currency without a rate (or a rate without a currency) is an InputError."""
    with pytest.raises(InputError):
        _gold(currency="COP")
    with pytest.raises(InputError):
        _gold(rate="4000")


@pytest.mark.parametrize(("code", "rate"), [("ZZZ", "1"), ("COP", "0"), ("COP", "-5")])
def test_local_currency_bad_values(code: str, rate: str) -> None:
    """An unknown currency or a rate of zero or less is a QuantityError."""
    with pytest.raises(QuantityError):
        _gold(currency=code, rate=rate)


def test_reference_and_price_file_together_is_an_error() -> None:
    """Giving both a reference price and a price file is an InputError."""
    with pytest.raises(InputError, match="not both"):
        _gold(prices=PriceTable.from_csv(EXAMPLES))


def test_no_reference_at_all_is_an_error() -> None:
    """Neither a reference price nor a price file is an InputError."""
    with pytest.raises(InputError):
        quote("fairmined-2.0", "gold", "1kg", "1", sale_date=date(2024, 3, 28))


@pytest.mark.parametrize("price", ["0", "-1", "1000001", "NaN", "1e3"])
def test_bad_reference_price_is_refused(price: str) -> None:
    """A reference price of zero, negative, over USD 1,000,000/ozt or not a number is refused."""
    with pytest.raises(QuantityError):
        quote(
            "fairmined-2.0", "gold", "1kg", "1", reference_price=price, sale_date=date(2024, 3, 28)
        )


# =========================================================================== price files


@pytest.fixture(scope="module")
def table() -> PriceTable:
    return PriceTable.from_csv(EXAMPLES)


def test_lookup_exact_date_prefers_pm(table: PriceTable) -> None:
    """On a day with both fixings the PM gold price is used by default."""
    ref = table.lookup(Metal.GOLD, date(2024, 3, 28))
    assert (ref.on, ref.session, ref.per_troy_ounce.amount) == (
        date(2024, 3, 28),
        "PM",
        Decimal("2214.35"),
    )


def test_lookup_session_am(table: PriceTable) -> None:
    """session='AM' picks the morning fixing."""
    ref = table.lookup(Metal.GOLD, date(2024, 3, 28), "AM")
    assert (ref.session, ref.per_troy_ounce.amount) == ("AM", Decimal("2203.80"))


def test_lookup_silver_once_a_day(table: PriceTable) -> None:
    """Silver has one daily price (empty session)."""
    ref = table.lookup(Metal.SILVER, date(2024, 3, 28))
    assert (ref.session, ref.per_troy_ounce.amount) == ("", Decimal("24.78"))


@pytest.mark.parametrize(
    "day",
    [date(2024, 3, 29), date(2024, 3, 30), date(2024, 3, 31), date(2024, 4, 1)],
)
def test_lookup_falls_back_over_holidays_and_weekend(table: PriceTable, day: date) -> None:
    """Good Friday, the weekend and Easter Monday 2024 fall back to Thursday 2024-03-28."""
    ref = table.lookup(Metal.GOLD, day)
    assert ref.on == date(2024, 3, 28)


def test_quote_says_which_date_was_used(table: PriceTable) -> None:
    """A quote on 2024-03-29 uses the 2024-03-28 PM price and says so in a warning."""
    q = quote("fairmined-2.0", "gold", "1kg", "1", prices=table, sale_date=date(2024, 3, 29))
    assert q.reference.on == date(2024, 3, 28)
    assert q.reference.per_troy_ounce.amount == Decimal("2214.35")
    (w,) = [w for w in q.warnings if "unverified" not in w]
    assert "2024-03-29" in w and "2024-03-28 PM" in w and "1 day earlier" in w
    # floor 0.95 x 2214.35 x 1000 / 31.1034768
    assert q.floor_price.amount == half_up(FLOOR * reference_value("2214.35", "1000"))


def test_quote_with_session_am(table: PriceTable) -> None:
    """quote(session='AM') uses the AM fixing of the day."""
    q = quote(
        "fairmined-2.0", "gold", "1kg", "1", prices=table, sale_date=date(2024, 3, 28), session="AM"
    )
    assert q.reference.per_troy_ounce.amount == Decimal("2203.80")
    assert [w for w in q.warnings if "unverified" not in w] == []


def test_lookup_before_first_price_is_an_error(table: PriceTable) -> None:
    """A date before the file's first price is a PriceLookupError naming the first date."""
    with pytest.raises(PriceLookupError) as info:
        table.lookup(Metal.GOLD, date(2024, 3, 24))
    assert info.value.hint == "its first gold price is on 2024-03-25"


def test_lookup_missing_metal_is_an_error() -> None:
    """A file without platinum prices cannot price platinum."""
    t = PriceTable.from_text(
        "date,metal,session,usd_per_troy_ounce\n2024-01-02,gold,AM,2000\n", source="t.csv"
    )
    with pytest.raises(PriceLookupError, match="no platinum prices"):
        t.lookup(Metal.PLATINUM, date(2024, 1, 2))


def test_reference_price_given_directly() -> None:
    """ReferencePrice.given keeps the amount in USD and refuses a float."""
    assert ReferencePrice.given("2000", date(2024, 1, 1)).per_troy_ounce == Money(2000, "USD")
    with pytest.raises(TypeError):
        ReferencePrice.given(2000.0, date(2024, 1, 1))  # type: ignore[arg-type]


HEADER = "date,metal,session,usd_per_troy_ounce\n"
GOOD = "2024-01-02,gold,AM,2000.00\n"


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("date,metal,usd_per_troy_ounce\n2024-01-02,gold,2000\n", 1, "lacks column session"),
        (HEADER + GOOD + "2023-02-30,gold,AM,2000\n", 3, "2023-02-30 does not exist"),
        (HEADER + GOOD + "2024-01-03,gold,AM,NaN\n", 3, "finite"),
        (HEADER + GOOD + GOOD, 3, "duplicate price for gold AM on 2024-01-02"),
        (HEADER + GOOD + "2024-01-03,gold,XX,2000\n", 3, "session"),
        (HEADER + GOOD + "2024-01-03,copper,AM,2000\n", 3, "unknown metal"),
        (HEADER + GOOD + "2024-01-03,gold,AM,-5\n", 3, "greater than zero"),
        (HEADER + GOOD + "2024-01-03,gold,AM\n", 3, "3 cells"),
        (HEADER + GOOD + "03/01/2024,gold,AM,2000\n", 3, "not a date"),
    ],
)
def test_malformed_price_file_names_file_and_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    """Each malformed price file is an InputError naming the file, the line and the problem."""
    path = tmp_path / "prices.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        PriceTable.from_csv(path)
    err = info.value
    problems = err.problems if isinstance(err, FileProblems) else (err,)
    (p,) = problems
    assert p.file == str(path)
    assert p.line == line
    assert words in str(p)
    assert f"{path}:{line}" in str(p)


def test_price_file_reports_every_bad_row(tmp_path: Path) -> None:
    """Three bad rows give three problems, one per line."""
    path = tmp_path / "p.csv"
    path.write_text(
        HEADER + "2023-02-30,gold,AM,1\n" + GOOD + "x,gold,AM,1\n2024-01-04,gold,AM,\n",
        encoding="utf-8",
    )
    with pytest.raises(FileProblems) as info:
        PriceTable.from_csv(path)
    assert [p.line for p in info.value.problems] == [2, 4, 5]


def test_price_file_not_utf8(tmp_path: Path) -> None:
    """A price file in Latin-1 with a non-ASCII byte is an InputError naming the file."""
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "2024-01-02,gold,AM,2000 # caf\xe9\n").encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8") as info:
        PriceTable.from_csv(path)
    assert info.value.file == str(path)


def test_price_file_with_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark (as spreadsheets write) is accepted."""
    path = tmp_path / "bom.csv"
    path.write_bytes(("\ufeff" + HEADER + GOOD).encode("utf-8"))
    t = PriceTable.from_csv(path)
    assert t.lookup(Metal.GOLD, date(2024, 1, 2)).per_troy_ounce.amount == Decimal("2000.00")


def test_price_file_missing_or_empty(tmp_path: Path) -> None:
    """A missing or empty price file is an InputError naming it."""
    with pytest.raises(InputError, match="cannot read"):
        PriceTable.from_csv(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        PriceTable.from_csv(tmp_path / "empty.csv")


# =========================================================================== properties

#: (standard, sale date) pairs covering every schedule row.
SCHEDULES = [
    ("fairtrade-fairmined-2010", date(2012, 6, 1)),
    ("fairtrade-gold-2013", date(2013, 7, 15)),
    ("fairtrade-gold-2013", date(2024, 3, 28)),
    ("fairmined-2.0", date(2024, 3, 28)),
]
schedules = st.sampled_from(SCHEDULES)
metals = st.sampled_from(["gold", "silver", "platinum"])


def _q(std_day: tuple[str, date], metal: str, grams: Decimal, price: Decimal, eco: bool) -> Quote:
    std, day = std_day
    return quote(
        std, metal, f"{grams:f}g", "0.995", reference_price=price, sale_date=day, ecological=eco
    )


@given(schedules, metals, s.mass_grams, s.mass_grams, s.reference_prices, st.booleans())
def test_premium_grows_with_mass(
    sd: tuple[str, date], metal: str, a: Decimal, b: Decimal, price: Decimal, eco: bool
) -> None:
    """More metal never earns a smaller premium (or floor)."""
    lo, hi = sorted((a, b))
    q1, q2 = _q(sd, metal, lo, price, eco), _q(sd, metal, hi, price, eco)
    assert q1.premium_exact <= q2.premium_exact
    assert q1.premium <= q2.premium
    assert q1.floor_price <= q2.floor_price


@given(schedules, metals, s.mass_grams, s.reference_prices, s.reference_prices, st.booleans())
def test_premium_grows_with_reference_price(
    sd: tuple[str, date], metal: str, g: Decimal, p1: Decimal, p2: Decimal, eco: bool
) -> None:
    """A higher reference price never gives a smaller premium (per-kg premiums stay equal)."""
    lo, hi = sorted((p1, p2))
    q1, q2 = _q(sd, metal, g, lo, eco), _q(sd, metal, g, hi, eco)
    assert q1.premium <= q2.premium
    assert q1.floor_price <= q2.floor_price


@given(schedules, metals, s.mass_grams, s.high_reference_prices)
def test_ecological_premium_at_least_conventional(
    sd: tuple[str, date], metal: str, g: Decimal, price: Decimal
) -> None:
    """From USD 500/ozt up, the ecological premium is at least the conventional one."""
    conv, eco = _q(sd, metal, g, price, False), _q(sd, metal, g, price, True)
    assert eco.premium_exact >= conv.premium_exact
    assert not any("below the conventional" in w for w in eco.warnings)


def test_fairtrade_2013_ecological_below_conventional_under_414_71() -> None:
    """fairtrade-gold-2013 gold: 15% of the reference < USD 2000/kg below USD 414.713024/ozt.

    Crossover: 0.15 x P x 1000 / 31.1034768 = 2000  =>  P = 2000 x 31.1034768 / 150
    = 414.713024 USD per troy ounce exactly. Below it the ecological premium pays
    less than the conventional one, and the quote warns.
    """
    crossover = Fraction(2000) * OZT / 150
    assert crossover == Fraction(Decimal("414.713024"))
    day = date(2024, 3, 28)

    def premiums(price: str) -> tuple[Quote, Quote]:
        return tuple(  # type: ignore[return-value]
            quote(
                "fairtrade-gold-2013",
                "gold",
                "1kg",
                "1",
                reference_price=price,
                sale_date=day,
                ecological=e,
            )
            for e in (False, True)
        )

    conv, eco = premiums("414.70")
    assert conv.premium.amount == Decimal("2000.00")
    # 0.15 x 414.70 x 1000 / 31.1034768 = 1999.937... -> 1999.94
    assert eco.premium.amount == half_up(Fraction(15, 100) * reference_value("414.70", "1000"))
    assert eco.premium.amount == Decimal("1999.94")
    assert eco.premium < conv.premium
    assert any("below the conventional" in w for w in eco.warnings)
    conv, eco = premiums("414.713024")
    assert eco.premium_exact == conv.premium_exact
    conv, eco = premiums("414.72")
    assert eco.premium > conv.premium


@given(
    schedules,
    metals,
    s.mass_grams,
    s.reference_prices,
    st.booleans(),
    st.one_of(st.none(), s.decimals_between("0", "1000000", 2)),
)
def test_total_is_price_plus_premium(
    sd: tuple[str, date], metal: str, g: Decimal, price: Decimal, eco: bool, paid: Decimal | None
) -> None:
    """total == price + premium exactly, each rounded to cents; price = max(paid, floor)."""
    std, day = sd
    q = quote(
        std,
        metal,
        f"{g:f}g",
        "0.995",
        reference_price=price,
        sale_date=day,
        ecological=eco,
        paid=paid,
    )
    assert q.total.amount == q.price.amount + q.premium.amount
    for m in (q.floor_price, q.price, q.premium, q.total):
        assert m.amount.as_tuple().exponent == -2
    if paid is None or paid < q.floor_price.amount:
        assert q.price == q.floor_price
        assert (q.shortfall is None) == (paid is None)
    else:
        assert q.price.amount == paid
        assert q.shortfall is None


@given(schedules, metals, s.masses(), s.finenesses(), s.reference_prices)
def test_floor_is_95_percent_of_reference_value_rounded_once(
    sd: tuple[str, date], metal: str, m: object, f: object, price: Decimal
) -> None:
    """floor = round_half_up(0.95 x reference x fine grams / 31.1034768) to cents."""
    std, day = sd
    from fairmined.model import Fineness, Mass

    assert isinstance(m, Mass) and isinstance(f, Fineness)
    fine = Fraction(m.grams) * f.fraction
    assume(fine > 0)
    q = quote(std, metal, m, f, reference_price=price, sale_date=day)
    expected = half_up(FLOOR * Fraction(price) * fine / OZT)
    if f.form == "karat":
        # k/24 may not terminate: the library keeps 60 digits, so allow one cent only at a tie.
        assert abs(q.floor_price.amount - expected) <= Decimal("0.01")
    else:
        assert q.floor_price.amount == expected


def test_errors_are_fairmined_errors() -> None:
    """Every error class used here derives from FairminedError and ValueError."""
    for cls in (InputError, QuantityError, PriceLookupError, FileProblems):
        assert issubclass(cls, FairminedError)
        assert issubclass(cls, ValueError)


# =========================================================================== the result


def test_switch_boundary_days() -> None:
    """fairtrade-gold-2013: 2013-07-31 is the last 10% day, 2013-08-01 the first USD 2000/kg day."""
    last = quote(
        "fairtrade-gold-2013",
        "gold",
        "1kg",
        "1",
        reference_price="1300",
        sale_date=date(2013, 7, 31),
    )
    first = quote(
        "fairtrade-gold-2013",
        "gold",
        "1kg",
        "1",
        reference_price="1300",
        sale_date=date(2013, 8, 1),
    )
    # 10% x 1300 x 1000 / 31.1034768 = 4179.597... -> 4179.60; 2000 USD/kg x 1 kg = 2000.00
    assert last.premium.amount == half_up(Fraction(10, 100) * reference_value("1300", "1000"))
    assert last.premium.amount == Decimal("4179.60")
    assert first.premium.amount == Decimal("2000.00")


def test_quote_is_frozen_and_explains_itself() -> None:
    """A Quote cannot be changed and carries the rule, its source and the reference used."""
    import attrs

    q = _gold()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        q.total = Money(0, "USD")  # type: ignore[misc]
    assert q.premium_rule.describe() == "USD 4000.00 per kg of fine metal"
    assert "fairmined.org" in q.premium_rule.source
    assert q.reference.on == date(2024, 3, 28)
    assert q.reference.source == "given"
    # 1243.75 g / 31.1034768 g per ozt = 39.98749...
    assert abs(Fraction(q.fine_mass_ozt) - Fraction("1243.75") / OZT) < Fraction(1, 10**50)


def test_session_without_price_file_is_refused() -> None:
    """A session (AM/PM) only means something with a price file."""
    with pytest.raises(InputError, match="session"):
        quote(
            "fairmined-2.0",
            "gold",
            "1kg",
            "0.995",
            reference_price="2000",
            sale_date=date(2024, 3, 1),
            session="AM",
        )


def test_semicolon_decimal_comma_price_file_reads_the_same(tmp_path: Path) -> None:
    """A European-Excel copy of the example price file gives the same prices."""
    text = EXAMPLES.read_text(encoding="utf-8")
    copy = tmp_path / "precios.csv"
    copy.write_text(text.replace(",", ";").replace(".", ","), encoding="utf-8")
    a, b = PriceTable.from_csv(EXAMPLES), PriceTable.from_csv(copy)
    for metal in Metal:
        for day in (date(2024, 3, 25), date(2024, 3, 29), date(2024, 4, 2)):
            assert a.lookup(metal, day).per_troy_ounce == b.lookup(metal, day).per_troy_ounce


def test_decimal_commas_in_a_comma_file_are_one_error_line(tmp_path: Path) -> None:
    """Quoted decimal commas in a comma-separated file are read as decimals, not 25 errors."""
    rows = "".join(f'2024-02-{d:02d},gold,PM,"2000,{d:02d}"\n' for d in range(1, 26))
    path = tmp_path / "p.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    t = PriceTable.from_csv(path)
    assert t.lookup(Metal.GOLD, date(2024, 2, 25)).per_troy_ounce.amount == Decimal("2000.25")


def test_xlsx_price_file_reads_the_same(tmp_path: Path) -> None:
    """The example price file as .xlsx (numbers as Excel floats) gives the same prices."""
    import csv as _csv

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    with EXAMPLES.open(encoding="utf-8") as fh:
        for i, row in enumerate(_csv.reader(fh)):
            ws.append(row if i == 0 else [*row[:3], float(row[3])])
    wb.save(tmp_path / "p.xlsx")
    a, b = PriceTable.from_csv(EXAMPLES), PriceTable.from_csv(tmp_path / "p.xlsx")
    for metal in Metal:
        day = date(2024, 3, 28)
        assert (
            a.lookup(metal, day).per_troy_ounce.amount == b.lookup(metal, day).per_troy_ounce.amount
        )
    assert b.notes == ()
