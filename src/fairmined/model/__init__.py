"""Frozen domain values: money, mass, fineness and metals. No I/O here."""

from fairmined.model._document import document_of
from fairmined.model._notice import Notice
from fairmined.model._quantities import (
    CONTEXT,
    GRAMS_PER_KG,
    GRAMS_PER_TROY_OUNCE,
    Fineness,
    Mass,
    Metal,
    Money,
    minor_unit,
    parse_decimal,
    parse_metal,
    to_decimal,
)
from fairmined.model._repr import REPR_LIMIT, SHORT, repr_line, repr_of, shorten

__all__ = [
    "CONTEXT",
    "GRAMS_PER_KG",
    "GRAMS_PER_TROY_OUNCE",
    "REPR_LIMIT",
    "SHORT",
    "Fineness",
    "Mass",
    "Metal",
    "Money",
    "Notice",
    "document_of",
    "minor_unit",
    "parse_decimal",
    "parse_metal",
    "repr_line",
    "repr_of",
    "shorten",
    "to_decimal",
]
