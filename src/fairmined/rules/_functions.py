"""The rule language's functions, in one table.

The parser takes each function's arity from here, the type checker its
argument and result types, the compiler and the explainer its
implementation. A name missing from the table is an error at every stage,
never a fall-through to another function.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from ._types import Bool, Date, ListOf, Number, String
from ._values import age

__all__ = ["FUNCTIONS", "Function", "function"]


@attrs.frozen
class Function:
    """One built-in function of the rule language."""

    name: str
    #: Per argument: the schema types it accepts and how an error names it.
    params: tuple[tuple[tuple[type, ...], str], ...]
    result: type
    #: The value from known argument values; None for ``present``, which reads
    #: whether its field path has a value and is never unknown itself.
    impl: Callable[..., object] | None
    #: How an explanation says the result: {0} is the argument as written; the
    #: first for a true result, the second for a false one. Empty: the call is
    #: shown as written, inside the comparison that uses it.
    sentences: tuple[str, str] = ("", "")
    doc: str = ""


def _len(items: list[object]) -> Decimal:
    return Decimal(len(items))


def _lower(text: str) -> str:
    return text.lower()


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function(
            "age",
            (((Date,), "a birth date in age()"), ((Date,), "a date in age()")),
            Number,
            age,
            doc="Whole years from the first date to the second.",
        ),
        Function("len", (((ListOf,), "a list in len()"),), Number, _len, doc="Number of items."),
        Function(
            "lower", (((String,), "a string in lower()"),), String, _lower, doc="Lower-case text."
        ),
        Function(
            "present",
            (((), "a field path such as present(audit.date)"),),
            Bool,
            None,
            ("{0} is present", "{0} is missing"),
            doc="Whether the record gives the field a value.",
        ),
    )
}


def function(name: str) -> Function:
    """The function called ``name``; ValueError for a name not in the table."""
    found = FUNCTIONS.get(name)
    if found is None:
        raise ValueError(f"unknown function {name!r}")
    return found
