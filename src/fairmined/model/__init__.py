"""Frozen domain values: money, mass, fineness and metals. No I/O here."""

from fairmined.model._quantities import (
    GRAMS_PER_KG,
    GRAMS_PER_TROY_OUNCE,
    Fineness,
    Mass,
    Metal,
    Money,
    parse_decimal,
    parse_metal,
)

__all__ = [
    "GRAMS_PER_KG",
    "GRAMS_PER_TROY_OUNCE",
    "Fineness",
    "Mass",
    "Metal",
    "Money",
    "parse_decimal",
    "parse_metal",
]
