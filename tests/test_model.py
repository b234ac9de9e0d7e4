"""Money, Mass and Fineness: exact quantities, strict parsing, helpful errors."""

from __future__ import annotations

import decimal
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from babel.numbers import get_currency_precision, list_currencies
from hypothesis import given

from fairmined.errors import CurrencyMismatchError, FairminedError, QuantityError
from fairmined.model import (
    GRAMS_PER_TROY_OUNCE,
    Fineness,
    Mass,
    Metal,
    Money,
    parse_decimal,
    parse_metal,
)

from . import strategies as s

# A global decimal context chosen to break anything that relies on it: two
# significant digits, rounding towards minus infinity, every signal trapped.
WEIRD_CONTEXT = decimal.Context(
    prec=2,
    rounding=ROUND_FLOOR,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow],
)

# --------------------------------------------------------------------------- Money


def test_money_refuses_float_amount() -> None:
    """A float amount is a TypeError: a binary float cannot hold 0.1 exactly."""
    with pytest.raises(TypeError, match="float"):
        Money(0.1, "USD")  # type: ignore[arg-type]


def test_money_refuses_bool_amount() -> None:
    """True is not an amount, even though bool is an int subclass."""
    with pytest.raises(TypeError):
        Money(True, "USD")


@pytest.mark.parametrize("amount", ["12.50", Decimal("12.50"), 12])
def test_money_accepts_decimal_int_and_decimal_text(amount: object) -> None:
    """Money takes a Decimal, an int or decimal text, and keeps it exactly."""
    assert Money(amount, "USD").amount == Decimal(str(amount))


def test_money_currency_code_is_normalised_to_upper_case() -> None:
    """A lower-case ISO code is accepted and stored in upper case."""
    assert Money(1, " usd ").currency == "USD"


@pytest.mark.parametrize("code", ["USD", "COP", "PEN", "XOF", "EUR", "BOB", "GHS"])
def test_money_accepts_babel_currencies(code: str) -> None:
    """Codes babel knows (the ISO 4217 list) are accepted."""
    assert code in list_currencies()
    assert Money(1, code).currency == code


@pytest.mark.parametrize("code", ["ZZZ", "US", "USDD", "", "12A", "GOLD"])
def test_money_rejects_unknown_currency(code: str) -> None:
    """A code babel does not know is a QuantityError with an ISO 4217 hint."""
    with pytest.raises(QuantityError, match="unknown currency") as info:
        Money(1, code)
    assert info.value.hint is not None and "ISO 4217" in info.value.hint


def test_money_rejects_non_text_currency() -> None:
    """A currency that is not text is a TypeError."""
    with pytest.raises(TypeError):
        Money(1, None)  # type: ignore[arg-type]


def test_money_same_currency_adds_exactly() -> None:
    """Adding and subtracting amounts in one currency is exact."""
    a, b = Money("0.10", "USD"), Money("0.20", "USD")
    assert (a + b).amount == Decimal("0.30")
    assert (b - a).amount == Decimal("0.10")
    assert (-a).amount == Decimal("-0.10")


@pytest.mark.parametrize(
    "op",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a >= b,
    ],
)
def test_money_mixing_currencies_is_an_error(op: object) -> None:
    """Adding, subtracting or comparing USD with COP raises CurrencyMismatchError."""
    with pytest.raises(CurrencyMismatchError, match="USD and COP"):
        op(Money(1, "USD"), Money(1, "COP"))  # type: ignore[operator]


def test_currency_mismatch_is_a_value_error() -> None:
    """CurrencyMismatchError is caught by `except ValueError` too."""
    with pytest.raises(ValueError):
        Money(1, "USD") + Money(1, "EUR")


def test_money_refuses_float_factor() -> None:
    """Multiplying Money by a float is a TypeError."""
    with pytest.raises(TypeError):
        Money(1, "USD") * 1.5  # type: ignore[operator]


@pytest.mark.parametrize(
    ("amount", "quantum", "mode", "expected"),
    [
        # ROUND_HALF_UP: a tie goes away from zero.
        ("2.345", "0.01", ROUND_HALF_UP, "2.35"),
        ("-2.345", "0.01", ROUND_HALF_UP, "-2.35"),
        # ROUND_HALF_EVEN: a tie goes to the even digit.
        ("2.345", "0.01", ROUND_HALF_EVEN, "2.34"),
        ("2.355", "0.01", ROUND_HALF_EVEN, "2.36"),
        ("2.349", "0.1", ROUND_DOWN, "2.3"),
        ("1234.5", "1", ROUND_HALF_UP, "1235"),
        ("123456789.125", "0.01", ROUND_HALF_UP, "123456789.13"),
    ],
)
def test_money_rounding_uses_explicit_quantum_and_mode(
    amount: str, quantum: str, mode: str, expected: str
) -> None:
    """rounded(quantum, mode) rounds as told, whatever the global decimal context says."""
    m = Money(amount, "USD")
    with decimal.localcontext(WEIRD_CONTEXT):
        got = m.rounded(Decimal(quantum), mode)
    assert got.amount == Decimal(expected)
    assert str(got.amount) == expected  # the exponent is the quantum's
    assert m.rounded(Decimal(quantum), mode) == got


def test_money_rounded_defaults_to_minor_unit_half_up() -> None:
    """Without arguments, rounded() goes to the currency's minor unit, ROUND_HALF_UP."""
    assert Money("10.005", "USD").rounded().amount == Decimal("10.01")
    # XOF has no minor unit in babel's CLDR data: round to whole francs.
    assert get_currency_precision("XOF") == 0
    assert Money("1500.5", "XOF").rounded().amount == Decimal("1501")
    assert Money("10.005", "USD").minor_unit == Decimal("0.01")
    assert Money(1, "XOF").minor_unit == Decimal("1")


def test_money_arithmetic_ignores_the_global_context() -> None:
    """Sums and products of Money stay exact under a two-digit global context."""
    a = Money("123456.789", "USD")
    b = Money("0.001", "USD")
    with decimal.localcontext(WEIRD_CONTEXT):
        total = a + b
        product = a * 3
        converted = a.convert(Decimal("3912.45"), "COP")
    assert total.amount == Decimal("123456.790")
    assert product.amount == Decimal("370370.367")
    # 123456.789 x 3912.45 by hand: 123456.789 x 3912 = 482962958.568,
    # plus 123456.789 x 0.45 = 55555.55505, total 483018514.12305.
    assert converted.amount == Decimal("483018514.12305")
    assert converted.amount == Decimal("482962958.568") + Decimal("55555.55505")


def test_money_convert_refuses_non_positive_rate() -> None:
    """An exchange rate of zero or less is a QuantityError."""
    with pytest.raises(QuantityError):
        Money(1, "USD").convert(Decimal(0), "COP")
    with pytest.raises(QuantityError):
        Money(1, "USD").convert(Decimal(-1), "COP")


@given(s.floats)
def test_money_never_accepts_a_float(x: float) -> None:
    """No float, however round, becomes Money."""
    with pytest.raises(TypeError):
        Money(x, "USD")  # type: ignore[arg-type]


@given(s.money(), s.money())
def test_money_addition_is_exact_or_refused(a: Money, b: Money) -> None:
    """a + b is the exact sum when currencies match, else CurrencyMismatchError."""
    if a.currency == b.currency:
        assert Fraction((a + b).amount) == Fraction(a.amount) + Fraction(b.amount)
    else:
        with pytest.raises(CurrencyMismatchError):
            a + b


# --------------------------------------------------------------------------- Mass


def test_troy_ounce_is_exactly_31_1034768_grams() -> None:
    """One troy ounce is 31.1034768 g exactly (LBMA Good Delivery Rules, Annex C)."""
    assert Decimal("31.1034768") == GRAMS_PER_TROY_OUNCE
    assert Mass(1, "ozt").grams == Decimal("31.1034768")
    assert Mass.parse("1ozt").grams == Decimal("31.1034768")


@pytest.mark.parametrize(
    ("text", "value", "unit", "grams"),
    [
        ("1.250kg", "1.250", "kg", "1250"),
        ("1250 g", "1250", "g", "1250"),
        ("1250G", "1250", "g", "1250"),
        (" 2 KG ", "2", "kg", "2000"),
        # 40.19 ozt x 31.1034768 g = 1244.139072 + 5.909660592 = 1250.048732592 g
        ("40.19ozt", "40.19", "ozt", "1250.048732592"),
        ("10 toz", "10", "ozt", "311.034768"),
        ("10oz t", "10", "ozt", "311.034768"),
    ],
)
def test_mass_parse_units(text: str, value: str, unit: str, grams: str) -> None:
    """g, kg and ozt are read exactly and grams are exact in each unit."""
    m = Mass.parse(text)
    assert m.value == Decimal(value)
    assert m.unit == unit
    assert m.grams == Decimal(grams)


def test_mass_keeps_the_unit_it_was_given_in() -> None:
    """A mass prints in its own unit and converts on request."""
    m = Mass.parse("1.250kg")
    assert str(m) == "1.250kg"
    assert m.to("g") == Decimal(1250)
    assert m.to("kg") == Decimal("1.250")


def test_mass_bare_number_is_an_error_with_a_hint() -> None:
    """A number without a unit is refused; the hint offers g, kg and ozt."""
    with pytest.raises(QuantityError, match="no unit") as info:
        Mass.parse("1250")
    hint = info.value.hint or ""
    assert "1250g" in hint and "1250kg" in hint and "1250ozt" in hint


@pytest.mark.parametrize("text", ["5oz", "5 ounces", "5 OZ"])
def test_mass_plain_ounce_hints_at_troy_ounces(text: str) -> None:
    """'oz' is ambiguous (avoirdupois); the hint says to write ozt."""
    with pytest.raises(QuantityError) as info:
        Mass.parse(text)
    assert "ozt" in (info.value.hint or "")


@pytest.mark.parametrize(
    "text",
    [
        "-1kg",
        "0g",
        "0.000kg",
        "",
        "   ",
        "kg",
        "NaN kg",
        "Infinity g",
        "1e3kg",
        "1,250kg",
        "1.2.3kg",
        "5 lb",
        "5 stone",
        "99999999999kg",
        "1" * 31 + "g",
    ],
)
def test_mass_parse_rejects_junk(text: str) -> None:
    """Negative, zero, empty, non-finite, exponent, unknown unit and huge masses are refused."""
    with pytest.raises(QuantityError) as info:
        Mass.parse(text)
    assert info.value.path == "mass"


def test_mass_zero_allowed_on_request() -> None:
    """allow_zero=True accepts 0g (an empty lot in a list)."""
    assert Mass.parse("0g", allow_zero=True).grams == 0


def test_mass_huge_limit_is_ten_thousand_tonnes() -> None:
    """10,000 tonnes (1e10 g) is the largest mass accepted; one gram more is refused."""
    assert Mass.parse("10000000kg").grams == Decimal("1e10")
    with pytest.raises(QuantityError, match="implausibly large"):
        Mass.parse("10000000001g")


@pytest.mark.parametrize("value", [1.0, 1250.5])
def test_mass_refuses_float(value: float) -> None:
    """Mass(float) and Mass.parse(float) are TypeErrors."""
    with pytest.raises(TypeError):
        Mass(value, "g")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Mass.parse(value)


@pytest.mark.parametrize("value", [None, 1250, b"1250g", ["1250g"]])
def test_mass_parse_refuses_non_text(value: object) -> None:
    """Mass.parse of a non-string is a QuantityError naming the type."""
    with pytest.raises(QuantityError, match=type(value).__name__):
        Mass.parse(value)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-1")])
def test_mass_constructor_refuses_non_finite_and_negative(value: Decimal) -> None:
    """Mass(NaN), Mass(Infinity) and Mass(-1) are QuantityErrors."""
    with pytest.raises(QuantityError):
        Mass(value, "g")


def test_mass_constructor_refuses_unknown_unit() -> None:
    """Mass(1, 'lb') is a QuantityError."""
    with pytest.raises(QuantityError, match="unit"):
        Mass(1, "lb")  # type: ignore[arg-type]


def test_fine_mass_is_gross_times_fineness() -> None:
    """Fine mass = gross mass x fineness: 1.250 kg at 0.995 is 1.24375 kg (1243.75 g)."""
    fine = Mass.parse("1.250kg").fine(Fineness.parse("0.995"))
    assert fine.value == Decimal("1.24375")
    assert fine.grams == Decimal("1243.75")
    # 18k is 18/24 = 0.75: 100 g of 18k gold hold 75 g of gold.
    assert Mass.parse("100g").fine(Fineness.parse("18k")).grams == Decimal(75)


@given(s.mass_ozt)
def test_ozt_to_grams_and_back_is_exact(ozt: Decimal) -> None:
    """x ozt is exactly x * 31.1034768 g, and that many grams is exactly x ozt again."""
    grams = Mass(ozt, "ozt").grams
    assert Fraction(grams) == Fraction(ozt) * Fraction(311034768, 10**7)
    assert Mass(grams, "g").to("ozt") == ozt


@given(s.mass_grams)
def test_grams_to_kg_and_back_is_exact(g: Decimal) -> None:
    """x g is exactly x / 1000 kg and back."""
    kg = Mass(g, "g").to("kg")
    assert Fraction(kg) == Fraction(g) / 1000
    assert Mass(kg, "kg").grams == g


@given(s.mass_texts())
def test_mass_text_roundtrips_through_str(text: str) -> None:
    """str(Mass.parse(t)) parses back to the same mass."""
    m = Mass.parse(text)
    assert Mass.parse(str(m)) == m


# --------------------------------------------------------------------------- Fineness


@pytest.mark.parametrize(
    "text", ["0.75", "0.750", "18k", "18K", "18 kt", "750‰", "750ppt", "750 ‰", "750.0‰", ".75"]
)
def test_fineness_forms_of_three_quarters_agree(text: str) -> None:
    """0.75 == 18k == 750‰ == 750ppt: the same fineness whatever the form."""
    f = Fineness.parse(text)
    assert f.fraction == Fraction(3, 4)
    assert f == Fineness.parse("0.75")
    assert hash(f) == hash(Fineness.parse("0.75"))


def test_fineness_24k_is_pure() -> None:
    """24K is 24/24 = 1, pure metal."""
    assert Fineness.parse("24K").fraction == 1
    assert Fineness.parse("24K") == Fineness.parse("1")


def test_fineness_four_nines() -> None:
    """999.9‰ is 9999/10000 (LBMA states fineness to four significant figures)."""
    assert Fineness.parse("999.9‰").fraction == Fraction(9999, 10000)
    assert Fineness.parse("999.9‰") == Fineness.parse("0.9999")


def test_fineness_keeps_its_written_form() -> None:
    """str() shows the form the fineness was written in."""
    assert str(Fineness.parse("18k")) == "18k"
    assert str(Fineness.parse("750ppt")) == "750‰"
    assert str(Fineness.parse("0.995")) == "0.995"


def test_fineness_plain_750_is_ambiguous_with_hint() -> None:
    """A plain 750 is refused; the hint asks: did you mean 750‰ or 0.750?"""
    with pytest.raises(QuantityError, match="ambiguous") as info:
        Fineness.parse("750")
    hint = info.value.hint or ""
    assert "750‰" in hint
    assert "0.750" in hint


@pytest.mark.parametrize(
    "text",
    [
        "1.5",
        "1001",
        "0",
        "0.0",
        "-0.5",
        "0k",
        "25k",
        "1000.1‰",
        "0‰",
        "NaN",
        "Infinity",
        "75%",
        "75 %",
        "",
        "  ",
        "gold",
        "0.75.1",
        "1e-1",
        "-18k",
    ],
)
def test_fineness_parse_rejects_out_of_range_and_junk(text: str) -> None:
    """Over 1 (or 24k, 1000‰), zero, negative, NaN, percent and junk are QuantityErrors."""
    with pytest.raises(QuantityError) as info:
        Fineness.parse(text)
    assert info.value.path == "fineness"


def test_fineness_percent_sign_hint() -> None:
    """75% is refused with a hint to write 0.75 or 750‰."""
    with pytest.raises(QuantityError, match="percent") as info:
        Fineness.parse("75%")
    assert "750‰" in (info.value.hint or "")


def test_fineness_refuses_float() -> None:
    """Fineness from a float is a TypeError in every constructor."""
    for make in (Fineness.parse, Fineness.of, Fineness.karat, Fineness.permille):
        with pytest.raises(TypeError):
            make(0.75)  # type: ignore[arg-type]


@given(s.fineness_forms())
def test_fraction_and_millesimal_forms_agree(forms: tuple[str, str, str]) -> None:
    """A fineness written as a fraction, in ‰ and in ppt is the same value."""
    fraction, mille, ppt = (Fineness.parse(t) for t in forms)
    assert fraction == mille == ppt
    assert fraction.fraction == Fraction(Decimal(forms[0]))


@given(s.karat_values)
def test_karat_agrees_with_its_fraction(k: Decimal) -> None:
    """k karats is k/24: Fineness.parse('<k>k') equals Fineness.of(k/24) where exact."""
    f = Fineness.parse(f"{k:f}k")
    assert f.fraction == Fraction(k) / 24
    # 0.75 and other values with a finite decimal expansion compare equal to their fraction form.
    if (Fraction(k) / 24).denominator in (1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100):
        exact = Fraction(k) / 24
        assert f == Fineness.of(Decimal(exact.numerator) / Decimal(exact.denominator))


@given(s.finenesses(), s.masses())
def test_fine_mass_is_exact(f: Fineness, m: Mass) -> None:
    """Fine grams = gross grams x fineness, exact for fraction and per-mille forms."""
    fine = f.apply(m.grams)
    expected = Fraction(m.grams) * f.fraction
    if f.form == "karat":
        # Dividing by 24 may not terminate: correct to the 60 significant digits computed.
        assert abs(Fraction(fine) - expected) <= expected / 10**58
    else:
        assert Fraction(fine) == expected


@given(s.floats)
def test_fineness_never_accepts_a_float(x: float) -> None:
    """No float is accepted as a fineness."""
    with pytest.raises(TypeError):
        Fineness.parse(x)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Fineness.of(x)  # type: ignore[arg-type]


@given(s.floats)
def test_mass_never_accepts_a_float(x: float) -> None:
    """No float is accepted as a mass."""
    with pytest.raises(TypeError):
        Mass(x, "g")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Mass.parse(x)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.50", "1234.50"),
        (" 12.5 ", "12.5"),
        ("+5", "5"),
        ("-5", "-5"),
        (".5", "0.5"),
        ("5.", "5"),
        ("0", "0"),
        ("9" * 30, "9" * 30),
    ],
)
def test_parse_decimal_reads_plain_numbers(text: str, expected: str) -> None:
    """Plain decimal text is read exactly."""
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "hint_part"),
    [("1,234.56", "dot"), ("1e3", "exponent"), ("1E-2", "exponent")],
)
def test_parse_decimal_hints(text: str, hint_part: str) -> None:
    """Thousands separators and exponents are refused with a hint saying how to write it."""
    with pytest.raises(QuantityError) as info:
        parse_decimal(text)
    assert hint_part in (info.value.hint or "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "NaN",
        "nan",
        "-Infinity",
        "inf",
        "sNaN",
        "abc",
        "1.2.3",
        "--1",
        "1 000",
        "0x10",
        "1_000",
        "9" * 31,
        "1" + "0" * 40 + ".5",
    ],
)
def test_parse_decimal_rejects_junk(text: str) -> None:
    """Empty, non-finite, malformed and over-long numbers are QuantityErrors naming the field."""
    with pytest.raises(QuantityError) as info:
        parse_decimal(text, field="price")
    assert info.value.path == "price"
    assert "price" in str(info.value)


@given(s.decimals_between("-1000000", "1000000", 6))
def test_parse_decimal_roundtrips_fixed_point_text(d: Decimal) -> None:
    """Fixed-point text of a Decimal parses back to the same Decimal."""
    assert parse_decimal(f"{d:f}") == d


@pytest.mark.parametrize("value", [None, 1.5, 5, b"5", ["5"]])
def test_parse_decimal_refuses_non_text(value: object) -> None:
    """parse_decimal of anything but text is a TypeError, not an AttributeError."""
    with pytest.raises(TypeError):
        parse_decimal(value)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- parse_metal


@pytest.mark.parametrize(
    ("text", "metal"),
    [("gold", Metal.GOLD), (" Silver ", Metal.SILVER), ("PLATINUM", Metal.PLATINUM)],
)
def test_parse_metal(text: str, metal: Metal) -> None:
    """Metal names are read case-insensitively."""
    assert parse_metal(text) is metal


@pytest.mark.parametrize("text", ["", "copper", "au", "golden", None, 1, b"gold"])
def test_parse_metal_rejects_others(text: object) -> None:
    """Any other metal or type is a QuantityError."""
    with pytest.raises(FairminedError):
        parse_metal(text)


@pytest.mark.parametrize("text", ["\u0663", "\uff11\uff12", "1\u066b5", "\u00b2"])
def test_non_ascii_digits_are_refused(text: str) -> None:
    """Only ASCII digits are numbers: other scripts' digits are refused, not reinterpreted."""
    with pytest.raises(QuantityError):
        parse_decimal(text)
