"""Runtime operations on rule values, shared by the fast evaluator and the explainer.

Values are Decimal, str, bool, datetime.date, relativedelta (durations) and
``(later, earlier)`` date pairs (intervals). None means *unknown*.
"""

from __future__ import annotations

import datetime
import decimal
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from ._types import CONTEXT

ZERO = Decimal(0)
COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def duration(amount: int, unit: str) -> relativedelta:
    """The relativedelta of a duration literal."""
    if unit == "days":
        return relativedelta(days=amount)
    if unit == "weeks":
        return relativedelta(days=7 * amount)
    if unit == "months":
        return relativedelta(months=amount)
    return relativedelta(years=amount)


def arith(op: str, a: object, b: object) -> object:
    """``a op b`` for numbers, dates and durations; None when undefined (division by zero)."""
    try:
        if isinstance(a, Decimal) and isinstance(b, Decimal):
            if op == "+":
                return CONTEXT.add(a, b)
            if op == "-":
                return CONTEXT.subtract(a, b)
            if op == "*":
                return CONTEXT.multiply(a, b)
            return CONTEXT.divide(a, b)
        if isinstance(a, datetime.date) and isinstance(b, datetime.date):
            return (a, b)
        if op == "-":
            return a - b  # type: ignore[operator]
        return a + b  # type: ignore[operator]
    except (decimal.DecimalException, ValueError, OverflowError):
        return None


def negate(a: object) -> object:
    """``-a`` for a number or a duration."""
    if isinstance(a, Decimal):
        return CONTEXT.minus(a)
    return -a  # type: ignore[operator]


def compare(op: str, a: object, b: object) -> bool | None:
    """``a op b``, also between an interval and a duration: ``(x - y) op d  <=>  x op y + d``."""
    if isinstance(a, tuple):
        later, earlier = a
        try:
            return bool(COMPARE[op](later, earlier + b))
        except (ValueError, OverflowError):
            return None
    if isinstance(b, tuple):
        return compare(FLIP[op], b, a)
    return bool(COMPARE[op](a, b))


def age(born: datetime.date, on: datetime.date) -> Decimal:
    """Whole years from ``born`` to ``on``."""
    return Decimal(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))


def member(a: object, items: list[object] | tuple[object, ...] | frozenset[object]) -> bool | None:
    """Three-valued ``a in items``: unknown when not found but the list has unknown items."""
    if a in items:
        return True
    return None if None in items else False


def render(value: object) -> str:
    """A value as a certifier reads it: plain decimals, ISO dates, quoted strings."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text and value.is_finite() and CONTEXT.to_integral_value(value) == value:
            return text.split(".")[0]
        return text
    if isinstance(value, str):
        text = value.replace("\\", "\\\\").replace('"', '\\"')
        # One line always: control characters from facts are shown escaped.
        text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
        return '"' + text + '"'
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, relativedelta):
        parts = [(value.years, "year"), (value.months, "month"), (value.days, "day")]
        shown = [f"{n} {u}{'s' * (abs(n) != 1)}" for n, u in parts if n]
        return " ".join(shown) or "0 days"
    if isinstance(value, tuple):
        return f"{render(value[0])} - {render(value[1])}"
    if isinstance(value, list | frozenset):
        return "[" + ", ".join(render(v) for v in value) + "]"
    return str(value)
