"""All hypothesis strategies of the test suite, one section per area.

Keep each section self-contained (its own imports inside the section are fine)
so sections added on different branches merge without conflicts.
"""

from __future__ import annotations

# =========================================================================== quantities
# Masses, finenesses in each written form, reference prices and Money.
from decimal import Decimal

from hypothesis import strategies as st

from fairmined.model import Fineness, Mass, Money

#: Currencies used by the quantity strategies (USD and two with 0 decimals in babel).
QUANTITY_CURRENCIES = ("USD", "EUR", "COP", "PEN", "XOF", "JPY")


def decimals(
    min_value: str, max_value: str, places: int, *, allow_min: bool = True
) -> st.SearchStrategy[Decimal]:
    """Finite Decimals between the bounds with at most ``places`` decimal places."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    ).filter(lambda d: allow_min or d != Decimal(min_value))


#: Gross masses in grams: from a milligram to 100 kg, to the milligram.
mass_grams = decimals("0.001", "100000", 3)
#: Gross masses in kilograms, to the milligram.
mass_kg = decimals("0.000001", "100", 6)
#: Gross masses in troy ounces, as LBMA lists them (to 0.001 ozt).
mass_ozt = decimals("0.001", "3000", 3)


@st.composite
def masses(draw: st.DrawFn) -> Mass:
    """A Mass in g, kg or ozt."""
    unit = draw(st.sampled_from(["g", "kg", "ozt"]))
    value = draw({"g": mass_grams, "kg": mass_kg, "ozt": mass_ozt}[unit])
    return Mass(value, unit)


def mass_texts() -> st.SearchStrategy[str]:
    """Mass text as a user types it: ``1.250kg``, ``1250 g``, ``40.19ozt``."""
    return st.builds(
        lambda v, sep, unit: f"{v:f}{sep}{unit}",
        mass_grams,
        st.sampled_from(["", " "]),
        st.sampled_from(["g", "kg", "ozt", "G", "KG"]),
    )


#: Millesimal fineness values, 0.1 to 1000 per mille to one decimal (999.9 is LBMA's top).
permille_values = decimals("0.1", "1000", 1)
#: Karat values, whole and half karats from 0.5 to 24.
karat_values = st.integers(min_value=1, max_value=48).map(lambda n: Decimal(n) / 2)


@st.composite
def fineness_forms(draw: st.DrawFn) -> tuple[str, str, str]:
    """One fineness written three ways: (fraction, per mille with ‰, per mille with ppt)."""
    tenths = draw(st.integers(min_value=1, max_value=10000))  # tenths of a per mille
    permille = Decimal(tenths).scaleb(-1)
    fraction = Decimal(tenths).scaleb(-4)
    return f"{fraction:f}", f"{permille:f}‰", f"{permille:f}ppt"


@st.composite
def finenesses(draw: st.DrawFn) -> Fineness:
    """A Fineness in any of its three forms."""
    form = draw(st.sampled_from(["fraction", "karat", "permille"]))
    if form == "karat":
        return Fineness.karat(draw(karat_values))
    if form == "permille":
        return Fineness.permille(draw(permille_values))
    return Fineness.of(draw(decimals("0.0001", "1", 4, allow_min=True)))


#: Reference prices in USD per troy ounce, to the cent: silver near 10 up to gold near 5000.
reference_prices = decimals("0.01", "10000", 2)
#: Reference prices at or above USD 500 per troy ounce (gold since 2006).
high_reference_prices = decimals("500", "10000", 2)
#: Exact amounts of any scale (not rounded to a minor unit).
amounts = decimals("-1000000", "1000000", 8)


def money(currencies: tuple[str, ...] = QUANTITY_CURRENCIES) -> st.SearchStrategy[Money]:
    """Money in one of ``currencies``."""
    return st.builds(Money, amounts, st.sampled_from(currencies))


#: Python floats: never accepted where an amount is expected.
floats = st.floats(allow_nan=True, allow_infinity=True)

# ======================================================================= end quantities
