"""Junk fed to every public entry point raises a FairminedError or a TypeError, nothing else.

FairminedError (a ValueError too) for bad values; TypeError for wrong Python
types and for floats. Anything else (AttributeError, decimal.InvalidOperation,
decimal.Overflow, IndexError...) is a bug: it reaches the user as a traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmined.errors import FairminedError
from fairmined.model import Fineness, Mass, Money, parse_decimal, parse_metal
from fairmined.pricing import PriceTable, ReferencePrice, parse_iso_date, quote

EXAMPLES = Path(__file__).parent.parent / "examples" / "prices-illustrative.csv"

JUNK: list[object] = [
    None,
    "",
    "   ",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "-1",
    "0",
    "1e999",
    "9" * 400,
    "1" * 31,
    "0." + "0" * 60 + "1",
    "1kg",
    "5 lb",
    "5oz",
    "1.5",
    "1001",
    "750",
    "75%",
    "25k",
    "2023-02-30",
    "\x00",
    "1\n2",
    "١٢٣",
    b"1",
    b"1kg",
    1.5,
    float("nan"),
    float("inf"),
    ["1"],
    {"a": 1},
    object(),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("1e999"),
    Decimal("9e999999"),
    Decimal("-1"),
    Decimal("1e-999999"),
    0,
    -1,
    10**400,
    True,
]
# Stable ids (a bare object() would name its address): mutmut selects tests by id.
IDS = ["object()" if type(j) is object else repr(j)[:24] for j in JUNK]

STANDARD_ARGS = {"standard": "fairmined-2.0", "metal": "gold", "mass": "1kg", "fineness": "0.995"}
DAY = date(2024, 3, 28)


def only_expected_errors(fn: Callable[[], object]) -> None:
    """Call ``fn``; succeeding or raising FairminedError/TypeError is fine, anything else fails."""
    with contextlib.suppress(FairminedError, TypeError):
        fn()


@pytest.fixture(scope="module")
def table() -> PriceTable:
    return PriceTable.from_csv(EXAMPLES)


PARSERS: dict[str, Callable[[Any], object]] = {
    "Mass.parse": Mass.parse,
    "Mass": lambda v: Mass(v, "kg"),
    "Mass unit": lambda v: Mass(1, v),
    "Fineness.parse": Fineness.parse,
    "Fineness.of": Fineness.of,
    "Fineness.karat": Fineness.karat,
    "Fineness.permille": Fineness.permille,
    "parse_decimal": parse_decimal,
    "parse_metal": parse_metal,
    "Money": lambda v: Money(v, "USD").rounded(),
    "Money currency": lambda v: Money(1, v),
    "Money convert": lambda v: Money(1, "USD").convert(v, "COP").rounded(),
    "Money times": lambda v: Money(1, "USD") * v,
    "parse_iso_date": parse_iso_date,
    "ReferencePrice.given": lambda v: ReferencePrice.given(v, DAY),
}


@pytest.mark.parametrize("junk", JUNK, ids=IDS)
@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_parsers_raise_only_expected_errors(parser: str, junk: object) -> None:
    """Each public parser answers junk with FairminedError or TypeError only."""
    only_expected_errors(lambda: PARSERS[parser](junk))


@pytest.mark.parametrize("junk", JUNK, ids=IDS)
@pytest.mark.parametrize("arg", ["standard", "metal", "mass", "fineness"])
def test_quote_positional_junk(arg: str, junk: object) -> None:
    """quote() with junk standard, metal, mass or fineness raises only expected errors."""
    args = {**STANDARD_ARGS, arg: junk}
    only_expected_errors(lambda: quote(**args, reference_price="2000", sale_date=DAY))  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", JUNK, ids=IDS)
@pytest.mark.parametrize(
    "arg", ["reference_price", "paid", "rate", "currency", "sale_date", "ecological", "session"]
)
def test_quote_keyword_junk(arg: str, junk: object, table: PriceTable) -> None:
    """quote() with a junk keyword argument raises only expected errors."""
    kw: dict[str, object] = {"reference_price": "2000", "sale_date": DAY, arg: junk}
    if arg == "rate":
        kw["currency"] = "COP"
    if arg == "currency":
        kw["rate"] = "4000"
    if arg == "session":
        del kw["reference_price"]
        kw["prices"] = table
    only_expected_errors(lambda: quote(**STANDARD_ARGS, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", JUNK, ids=IDS)
def test_price_table_lookup_junk(junk: object, table: PriceTable) -> None:
    """PriceTable.lookup with a junk session raises only expected errors."""
    from fairmined.model import Metal

    only_expected_errors(lambda: table.lookup(Metal.GOLD, DAY, junk))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [float("nan"), 0.5, 1.0, 2000.0],
)
def test_floats_are_type_errors_everywhere(value: float) -> None:
    """A float is a TypeError for every amount-taking entry point, never silently accepted."""
    for fn in (
        lambda: Money(value, "USD"),
        lambda: Mass(value, "g"),
        lambda: Mass.parse(value),
        lambda: Fineness.parse(value),
        lambda: Fineness.of(value),
        lambda: parse_decimal(value),  # type: ignore[arg-type]
        lambda: quote(**STANDARD_ARGS, reference_price=value, sale_date=DAY),  # type: ignore[arg-type]
        lambda: quote(**STANDARD_ARGS, reference_price="2000", sale_date=DAY, paid=value),  # type: ignore[arg-type]
        lambda: quote(
            **STANDARD_ARGS,
            reference_price="2000",
            sale_date=DAY,
            currency="COP",
            rate=value,  # type: ignore[arg-type]
        ),
    ):
        with pytest.raises(TypeError):
            fn()


@given(st.text(max_size=40))
def test_text_parsers_never_crash(text: str) -> None:
    """Any text at all is parsed or refused with a FairminedError, for every text parser."""
    for fn in (Mass.parse, Fineness.parse, parse_decimal, parse_metal, parse_iso_date):
        with contextlib.suppress(FairminedError):
            fn(text)


@given(st.binary(max_size=200))
def test_price_file_bytes_never_crash(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    """Any bytes as a price file are read or refused with a FairminedError."""
    path = tmp_path_factory.mktemp("prices") / "p.csv"
    path.write_bytes(b"date,metal,session,usd_per_troy_ounce\n" + raw)
    with contextlib.suppress(FairminedError):
        PriceTable.from_csv(path)
