"""Money, mass and fineness as exact values.

Every amount is a :class:`~decimal.Decimal`; a float is refused with a
``TypeError`` because a binary float cannot hold 0.1 or a troy ounce exactly.
Arithmetic uses the explicit context :data:`CONTEXT`, never the thread's global
decimal context, so a caller's ``decimal.getcontext()`` changes nothing here.
"""

from __future__ import annotations

import enum
import re
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction
from functools import cache
from typing import Literal

import attrs

from fairmined.errors import CurrencyMismatchError, QuantityError, did_you_mean

__all__ = [
    "CONTEXT",
    "GRAMS_PER_KG",
    "GRAMS_PER_TROY_OUNCE",
    "Fineness",
    "Mass",
    "Metal",
    "Money",
    "parse_decimal",
    "parse_metal",
    "to_decimal",
]

#: The context for every computation on amounts: 60 significant digits is far
#: more than any mass x price product needs, so products are exact and the one
#: inexact step (dividing by a troy ounce) is correct far beyond a cent.
CONTEXT = Context(
    prec=60,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

#: One troy ounce in grams, exactly (LBMA Good Delivery Rules, Annex C).
GRAMS_PER_TROY_OUNCE = Decimal("31.1034768")
GRAMS_PER_KG = Decimal(1000)

_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_MAX_DIGITS = 30
#: The common case of :func:`parse_decimal`: digits and at most one dot, nothing
#: around them. A text it matches of at most ``_MAX_DIGITS`` characters is read
#: exactly as the full check would read it; anything else takes the full check.
_PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")


class Metal(enum.StrEnum):
    """The precious metals the standards price."""

    GOLD = "gold"
    SILVER = "silver"
    PLATINUM = "platinum"


def parse_metal(text: object, *, field: str = "metal") -> Metal:
    """Read a metal name (``gold``, ``silver``, ``platinum``; case-insensitive)."""
    if not isinstance(text, str):
        raise QuantityError(f"{field} must be text, not {type(text).__name__}", path=field)
    try:
        return Metal(text.strip().lower())
    except ValueError:
        raise QuantityError(
            f"unknown metal {text!r}", path=field, hint=did_you_mean(text, list(Metal))
        ) from None


def parse_decimal(text: str, *, field: str = "value") -> Decimal:
    """Read a plain decimal number such as ``1234.50``.

    No exponent, no thousands separator, no NaN or Infinity: what a person
    typed must mean one thing only.
    """
    if type(text) is str and len(text) <= _MAX_DIGITS and _PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text)
    return _parse_decimal_strict(text, field)


def _parse_decimal_strict(text: str, field: str) -> Decimal:
    """:func:`parse_decimal` without its fast path: every check, every message."""
    if not isinstance(text, str):
        raise TypeError(
            f"{field} must be decimal text such as '1234.50', not {type(text).__name__}"
        )
    s = text.strip()
    if not s:
        raise QuantityError(f"{field} is empty", path=field)
    if not _DECIMAL_RE.fullmatch(s):
        hint = None
        low = s.lower()
        if low.lstrip("+-") in {"nan", "inf", "infinity", "snan"}:
            raise QuantityError(f"{field} must be a finite number, not {s!r}", path=field)
        if "," in s or s.count(".") > 1:
            hint = _number_hint(s)
        elif "e" in low:
            hint = "write the number out in full, without an exponent"
        raise QuantityError(f"{field} is not a number: {s!r}", path=field, hint=hint)
    digits = sum(c in "0123456789" for c in s)
    if digits > _MAX_DIGITS:
        raise QuantityError(
            f"{field} has {digits} digits, more than the {_MAX_DIGITS} allowed", path=field
        )
    return Decimal(s)


#: Numbers as people write them with a decimal comma or thousands separators.
_COMMA_DECIMAL = re.compile(r"[+-]?[0-9]+,[0-9]+")
_DOT_GROUPS = re.compile(r"[+-]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_COMMA_GROUPS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _readings(s: str) -> tuple[str, ...]:
    """The plain numbers a text with commas or grouped digits can mean.

    ``0,995`` -> 0.995; ``1.250,5`` -> 1250.5; ``1,250.5`` -> 1250.5; ``1,250``
    is either 1.250 or 1250, so both are offered and neither is guessed.
    """
    if _COMMA_DECIMAL.fullmatch(s) and (
        s.lstrip("+-").startswith("0") or not _COMMA_GROUPS.fullmatch(s)
    ):
        return (s.replace(",", "."),)
    if _DOT_GROUPS.fullmatch(s):
        return (s.replace(".", "").replace(",", "."),)
    if _COMMA_GROUPS.fullmatch(s):
        if s.count(",") == 1 and "." not in s:
            return (s.replace(",", "."), s.replace(",", ""))
        return (s.replace(",", ""),)
    return ()


def _number_hint(s: str, unit: str = "") -> str:
    """The hint for a number written with a decimal comma or thousands separators."""
    rule = "use a dot for decimals and no thousands separator"
    readings = _readings(s)
    if not readings:
        return f"{rule}, e.g. 1234.56"
    return f"did you mean {' or '.join(r + unit for r in readings)}? {rule}"


def to_decimal(value: object, *, field: str = "value") -> Decimal:
    """Convert an int, a Decimal or decimal text to a finite Decimal; refuse floats."""
    if type(value) is Decimal and value.is_finite():
        return value
    if isinstance(value, bool):
        raise TypeError(f"{field} must be a Decimal, int or decimal string, not bool")
    if isinstance(value, float):
        raise TypeError(
            f"{field} must be a Decimal, int or decimal string, not float "
            f"(a float cannot hold amounts exactly; use Decimal({str(value)!r}))"
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise QuantityError(f"{field} must be a finite number, not {value}", path=field)
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return parse_decimal(value, field=field)
    raise TypeError(f"{field} must be a Decimal, int or decimal string, not {type(value).__name__}")


# --------------------------------------------------------------------------- money


@cache
def _known_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _currency_meant(c: str) -> str | None:
    """The known code a typo most likely meant: its letters swapped, or one letter extra."""
    known = _known_currencies()
    swapped = sorted(k for k in known if sorted(k) == sorted(c))
    if swapped:
        return swapped[0]
    if len(c) == 4:
        # A letter typed twice first (USDD is USD, not SDD).
        cut = [(c[i] != c[i - 1] if i else True, c[:i] + c[i + 1 :]) for i in range(4)]
        shorter = sorted(pair for pair in cut if pair[1] in known)
        if shorter:
            return shorter[0][1]
    return None


@cache
def currency_digits(code: str) -> int:
    """How many decimal places the currency's minor unit has (babel's CLDR data)."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(code))


_CHECKED_CURRENCIES: dict[str, str] = {}


@cache
def minor_unit(code: str) -> Decimal:
    """The smallest unit of a currency as a quantum: ``0.01`` for USD, ``1`` for XOF."""
    return Decimal(1).scaleb(-currency_digits(code))


def _check_currency(code: str) -> str:
    known = _CHECKED_CURRENCIES.get(code) if type(code) is str else None
    if known is not None:
        return known
    if not isinstance(code, str):
        raise TypeError(f"currency must be an ISO 4217 code, not {type(code).__name__}")
    c = code.strip().upper()
    if len(c) != 3 or not c.isalpha() or c not in _known_currencies():
        near = _currency_meant(c)
        raise QuantityError(
            f"unknown currency {code!r}",
            path="currency",
            hint=(f"did you mean {near}? " if near else "")
            + "use an ISO 4217 code such as USD, COP, PEN, XOF",
        )
    if len(_CHECKED_CURRENCIES) < 1024:
        _CHECKED_CURRENCIES[code] = c
    return c


def _money_amount(value: object) -> Decimal:
    return to_decimal(value, field="amount")


@attrs.frozen(order=False)
class Money:
    """An exact amount in one currency.

    Adding or comparing amounts in different currencies raises
    :class:`~fairmined.errors.CurrencyMismatchError`. :meth:`rounded` takes an
    explicit quantum and rounding mode; nothing rounds behind your back.
    """

    amount: Decimal = attrs.field(converter=_money_amount)
    currency: str = attrs.field(converter=_check_currency)

    @classmethod
    def _trusted(cls, amount: Decimal, currency: str) -> Money:
        """Build without validation, for amounts computed here from checked ones.

        The slots are set through their descriptors, which the frozen
        ``__setattr__`` does not guard: half the cost of ``object.__setattr__``,
        and lot verification builds two of these per row.
        """
        obj = object.__new__(cls)
        _set_amount(obj, amount)
        _set_currency(obj, currency)
        return obj

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} and {other.currency} amounts"
            )
        return other

    def __add__(self, other: Money) -> Money:
        o = self._same(other)
        return Money._trusted(CONTEXT.add(self.amount, o.amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        o = self._same(other)
        return Money._trusted(CONTEXT.subtract(self.amount, o.amount), self.currency)

    def __neg__(self) -> Money:
        return Money._trusted(CONTEXT.minus(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(
            CONTEXT.multiply(self.amount, to_decimal(factor, field="factor")), self.currency
        )

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    @property
    def minor_unit(self) -> Decimal:
        """The currency's smallest unit as a quantum: ``0.01`` for USD, ``1`` for XOF."""
        return minor_unit(self.currency)

    def rounded(self, quantum: Decimal | None = None, rounding: str = ROUND_HALF_UP) -> Money:
        """Round to ``quantum`` (default: the currency's minor unit) with ``rounding``."""
        q = minor_unit(self.currency) if quantum is None else to_decimal(quantum, field="quantum")
        try:
            amount = self.amount.quantize(q, rounding=rounding, context=CONTEXT)
        except InvalidOperation:
            # More digits than the context holds: no real amount is that large.
            raise QuantityError(
                f"amount {self.amount} {self.currency} is too large to round to {q}",
                path="amount",
            ) from None
        return Money._trusted(amount, self.currency)

    def convert(self, rate: Decimal, currency: str) -> Money:
        """This amount times ``rate`` units of ``currency`` per unit, not rounded."""
        r = to_decimal(rate, field="rate")
        if r <= 0:
            raise QuantityError(f"exchange rate must be positive, not {r}", path="rate")
        try:
            return Money(CONTEXT.multiply(self.amount, r), currency)
        except Overflow:
            raise QuantityError(f"converting {self} at rate {r} overflows", path="rate") from None

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"


# --------------------------------------------------------------------------- mass

MassUnit = Literal["g", "kg", "ozt"]
_GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": GRAMS_PER_KG,
    "ozt": GRAMS_PER_TROY_OUNCE,
}
#: A mass is split by two anchored, single-repetition patterns (a number at the
#: start, then letters and spaces), never one pattern with adjacent repetitions
#: that can share a character: that backtracked cubically on runs of spaces.
_MASS_NUMBER = re.compile(r"[+-]?[0-9.]+")
_MASS_UNIT = re.compile(r"[A-Za-z ]*")
#: The common case of :meth:`Mass.parse`: a plain number and a lower-case unit, no spaces.
_MASS_PLAIN = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(g|kg|ozt)")
_UNIT_ALIASES = {"g": "g", "kg": "kg", "ozt": "ozt", "oz t": "ozt", "toz": "ozt"}
#: Ten thousand tonnes: more than any lot; a larger figure is a typing error.
MAX_GRAMS = Decimal("1e10")


def _mass_value(value: object) -> Decimal:
    return to_decimal(value, field="mass")


def _mass_unit(value: object) -> str:
    if value not in _GRAMS_PER_UNIT:
        raise QuantityError(f"unknown mass unit {value!r}", path="mass", hint="use g, kg or ozt")
    return str(value)


def _split_mass(text: str) -> tuple[str, str] | None:
    """The number and the lower-cased unit of a mass text, in linear time; None if neither."""
    s = text.strip()
    number = _MASS_NUMBER.match(s)
    if number is None:
        return None
    unit = s[number.end() :].lstrip()
    if _MASS_UNIT.fullmatch(unit) is None:
        return None
    return number.group(), unit.strip().lower()


def _mass_hint(text: str) -> str:
    """The hint for a text that is not a number and a unit (``1,250kg`` -> 1.250kg or 1250kg)."""
    s = text.strip()
    number = s.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ")
    if "," in number and _readings(number):
        return _number_hint(number, s[len(number) :].strip().lower())
    return "write a number and a unit, e.g. 1.250kg, 1250g or 40.19ozt"


_set_amount = Money.__dict__["amount"].__set__
_set_currency = Money.__dict__["currency"].__set__


@attrs.frozen(order=False)
class Mass:
    """A mass in grams, kilograms or troy ounces, kept in the unit it was given in.

    :attr:`grams` is exact for every unit, because a troy ounce is exactly
    31.1034768 g.
    """

    value: Decimal = attrs.field(converter=_mass_value)
    unit: MassUnit = attrs.field(default="g", converter=_mass_unit)

    def __attrs_post_init__(self) -> None:
        if self.value < 0:
            raise QuantityError(f"mass cannot be negative: {self.value}", path="mass")
        # Every unit is at least a gram, so a value over the limit is too large in any
        # unit; testing it first keeps grams from overflowing the context (9e999999kg).
        if self.value > MAX_GRAMS or self.grams > MAX_GRAMS:
            raise QuantityError(
                f"mass {self.value}{self.unit} is implausibly large (over 10,000 tonnes)",
                path="mass",
            )

    @classmethod
    def parse(cls, text: object, *, field: str = "mass", allow_zero: bool = False) -> Mass:
        """Read ``1.250kg``, ``1250 g`` or ``40.19ozt``; a bare number is an error."""
        if type(text) is str and (fast := _MASS_PLAIN.fullmatch(text)) is not None:
            mass = cls._plain(*fast.groups())
            if mass is not None:
                return mass
        return cls._parse_strict(text, field, allow_zero)

    @classmethod
    def _plain(cls, number: str, unit: str) -> Mass | None:
        """The fast path of :meth:`parse`, for a number and unit ``_MASS_PLAIN`` matched.

        The same value the full check gives when the mass is positive and in
        range; ``None`` for anything else, which the full check then explains.
        """
        if len(number) <= _MAX_DIGITS:
            value = Decimal(number)
            if (
                0 < value <= MAX_GRAMS
                and CONTEXT.multiply(value, _GRAMS_PER_UNIT[unit]) <= MAX_GRAMS
            ):
                return cls._trusted(value, unit)
        return None

    @classmethod
    def _parse_strict(cls, text: object, field: str, allow_zero: bool) -> Mass:
        """:meth:`parse` without its fast path: every check, every message."""
        if not isinstance(text, str):
            if isinstance(text, float):
                raise TypeError(f"{field} must be text such as '1.250kg', not float")
            raise QuantityError(
                f"{field} must be text such as '1.250kg', not {type(text).__name__}", path=field
            )
        if not text.strip():
            raise QuantityError(f"{field} is empty", path=field, hint="write e.g. 1.250kg")
        split = _split_mass(text)
        if split is None:
            raise QuantityError(
                f"{field} is not a mass: {text.strip()!r}", path=field, hint=_mass_hint(text)
            )
        number, unit = split
        if not unit:
            raise QuantityError(
                f"{field} {number} has no unit",
                path=field,
                hint=f"write {number}g, {number}kg or {number}ozt",
            )
        if unit not in _UNIT_ALIASES:
            hint = "use g, kg or ozt"
            if unit in {"oz", "ounce", "ounces"}:
                hint = (
                    f"did you mean {number}ozt? precious metals are weighed in troy ounces "
                    "(31.1034768 g), not avoirdupois ounces (28.349523125 g)"
                )
            raise QuantityError(f"{field} has unknown unit {unit!r}", path=field, hint=hint)
        value = parse_decimal(number, field=field)
        if value < 0:
            raise QuantityError(f"{field} cannot be negative: {text.strip()}", path=field)
        if value == 0 and not allow_zero:
            raise QuantityError(f"{field} must be greater than zero", path=field)
        try:
            return cls(value, _UNIT_ALIASES[unit])
        except QuantityError as e:
            raise QuantityError(e.message, path=field) from None

    @classmethod
    def _trusted(cls, value: Decimal, unit: str) -> Mass:
        """Build without the converters and checks, for a value already checked here."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "value", value)
        object.__setattr__(obj, "unit", unit)
        return obj

    @property
    def grams(self) -> Decimal:
        return CONTEXT.multiply(self.value, _GRAMS_PER_UNIT[self.unit])

    def to(self, unit: MassUnit) -> Decimal:
        """The mass expressed in ``unit`` (exact for g and kg; ozt to 60 digits)."""
        if unit == self.unit:
            return self.value
        return CONTEXT.divide(self.grams, _GRAMS_PER_UNIT[_mass_unit(unit)])

    def fine(self, fineness: Fineness) -> Mass:
        """The fine (pure metal) mass: this gross mass times ``fineness``."""
        return Mass(fineness.apply(self.value), self.unit)

    def __str__(self) -> str:
        return f"{self.value:f}{self.unit}"


# --------------------------------------------------------------------------- fineness

#: The common case of :meth:`Fineness.parse`: a plain fraction such as ``0.995`` or ``1``.
_FRACTION_PLAIN = re.compile(r"[01]?\.[0-9]+|[01]")
_ONE = Decimal(1)
_KARAT_RE = re.compile(r"([0-9.]+)\s*(?:k|kt|karat|karats|carat|carats)")
_MILLE_RE = re.compile(r"([0-9.]+)\s*(?:‰|ppt|per ?mille)")


def _percent_hint(number: str) -> str:
    """``99.5%`` -> write 0.995 or 995‰: a fineness is a fraction of one, never a percent."""
    if _DECIMAL_RE.fullmatch(number) and len(number) <= _MAX_DIGITS:
        value = Decimal(number)
        if 0 < value <= 100:
            return f"did you mean {value.scaleb(-2):f} or {value.scaleb(1):f}‰?"
    return "write a fraction such as 0.75 or parts per thousand such as 750‰"


@attrs.frozen(order=False, eq=False)
class Fineness:
    """The share of pure metal in an alloy, kept in the form it was written in.

    ``Fineness.parse`` accepts a fraction (``0.75``), karats (``18k``) or parts
    per thousand (``750‰``, ``750ppt``). Two finenesses are equal when their
    exact values are equal, whatever the form: ``18k == 0.75 == 750‰``.
    """

    numerator: Decimal
    denominator: Decimal  # 1, 24 (karat) or 1000 (per mille)
    form: Literal["fraction", "karat", "permille"]

    def __attrs_post_init__(self) -> None:
        if not (0 < self.numerator <= self.denominator):
            raise QuantityError(self._range_message(), path="fineness")

    def _range_message(self) -> str:
        shown = {"fraction": "", "karat": "k", "permille": "‰"}[self.form]
        limit = {"fraction": "1", "karat": "24k", "permille": "1000‰"}[self.form]
        return (
            f"fineness {self.numerator:f}{shown} is out of range: "
            f"it must be above zero and at most {limit}"
        )

    @classmethod
    def of(cls, fraction: Decimal | int | str) -> Fineness:
        """A fineness given as a fraction of one, e.g. ``Decimal('0.995')``."""
        return cls(to_decimal(fraction, field="fineness"), Decimal(1), "fraction")

    @classmethod
    def karat(cls, karats: Decimal | int | str) -> Fineness:
        return cls(to_decimal(karats, field="fineness"), Decimal(24), "karat")

    @classmethod
    def permille(cls, parts: Decimal | int | str) -> Fineness:
        return cls(to_decimal(parts, field="fineness"), Decimal(1000), "permille")

    @classmethod
    def parse(cls, text: object, *, field: str = "fineness") -> Fineness:
        """Read ``0.995``, ``18k``, ``24K``, ``999.9‰`` or ``750ppt``."""
        if type(text) is str and len(text) <= _MAX_DIGITS and _FRACTION_PLAIN.fullmatch(text):
            # A plain fraction of one: the same value the full check below gives.
            value = Decimal(text)
            if 0 < value <= 1:
                obj = object.__new__(cls)
                object.__setattr__(obj, "numerator", value)
                object.__setattr__(obj, "denominator", _ONE)
                object.__setattr__(obj, "form", "fraction")
                return obj
        return cls._parse_strict(text, field)

    @classmethod
    def _parse_strict(cls, text: object, field: str) -> Fineness:
        """:meth:`parse` without its fast path: every check, every message."""
        if isinstance(text, float):
            raise TypeError(f"{field} must be text such as '0.995', not float")
        if not isinstance(text, str):
            raise QuantityError(
                f"{field} must be text such as '0.995' or '18k', not {type(text).__name__}",
                path=field,
            )
        s = text.strip().lower()
        if not s:
            raise QuantityError(
                f"{field} is empty", path=field, hint="write e.g. 0.995, 18k or 995‰"
            )
        try:
            if m := _KARAT_RE.fullmatch(s):
                return cls.karat(parse_decimal(m.group(1), field=field))
            if m := _MILLE_RE.fullmatch(s):
                return cls.permille(parse_decimal(m.group(1), field=field))
            if s.endswith("%"):
                raise QuantityError(
                    f"{field} {text.strip()!r} uses a percent sign",
                    path=field,
                    hint=_percent_hint(s[:-1].strip()),
                )
            value = parse_decimal(s, field=field)
        except QuantityError as e:
            raise QuantityError(
                e.message,
                path=field,
                hint=e.hint or "write a fraction (0.995), karats (18k) or per mille (995‰)",
            ) from None
        if 1 < value <= 1000:
            raise QuantityError(
                f"{field} {value:f} is ambiguous",
                path=field,
                hint=f"did you mean {value:f}‰ or {value.scaleb(-3):f}?",
            )
        try:
            return cls.of(value)
        except QuantityError as e:
            raise QuantityError(e.message, path=field) from None

    @property
    def fraction(self) -> Fraction:
        """The exact value as a rational number."""
        return Fraction(self.numerator) / Fraction(self.denominator)

    def as_decimal(self) -> Decimal:
        """The value as a fraction of one (to 60 significant digits for karats)."""
        return CONTEXT.divide(self.numerator, self.denominator)

    def apply(self, gross: Decimal) -> Decimal:
        """``gross`` times this fineness, multiplying first and dividing once."""
        product = CONTEXT.multiply(gross, self.numerator)
        if self.denominator == 1:
            return product
        return CONTEXT.divide(product, self.denominator)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fineness):
            return NotImplemented
        return self.fraction == other.fraction

    def __hash__(self) -> int:
        return hash(self.fraction)

    def __str__(self) -> str:
        if self.form == "karat":
            return f"{self.numerator:f}k"
        if self.form == "permille":
            return f"{self.numerator:f}‰"
        return f"{self.numerator:f}"
