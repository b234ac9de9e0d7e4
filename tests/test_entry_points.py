"""Every public entry point answers about 20 kinds of bad value with TypeError or a FairminedError.

Issue 17: AssertionError, AttributeError, OverflowError, decimal errors or a bare
ValueError escaped from several entry points. Each entry point is called with a
valid baseline, one argument at a time replaced by a bad value; it may succeed,
or raise a FairminedError (bad value) or a TypeError (wrong type), nothing else.
"""

from __future__ import annotations

import gc
import math
import warnings
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fairmined.errors import FairminedError

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "examples/audits/fairmined-2.0-certified.json"
LOTS = ROOT / "examples/lots/lots.csv"
CERTS = ROOT / "examples/lots/certificates.csv"
PRODUCTION = ROOT / "examples/lots/production.csv"
PRICES = ROOT / "examples/prices-illustrative.csv"
SALES = ROOT / "examples/statement/ventas.csv"

#: The kinds of bad value, each a different way to be wrong.
BAD: list[object] = [
    None,
    True,
    1.5,
    math.nan,
    math.inf,
    -1,
    0,
    10**400,
    "",
    "\x00",
    "\ud800",
    "9" * 5000,
    b"bytes",
    [],
    {},
    object(),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("1e999999"),
    Path("/nonexistent/x"),
    complex(1, 2),
    int,
]
IDS = [repr(b)[:20] for b in BAD]


def _lots_call(fn_name: str) -> Callable[..., object]:
    def call(**kw: Any) -> object:
        # A refused value must leave no input file open: collect now, so an
        # unclosed file's ResourceWarning is an error of this very case.
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)
            try:
                return _call_lots(fn_name, **kw)
            finally:
                gc.collect()

    return call


def _call_lots(fn_name: str, **kw: Any) -> object:
    import fairmined.lots as lots

    fn = getattr(lots, fn_name)
    lots_arg = kw.pop("lots")
    if fn_name == "render_lots":
        from fairmined.lots import LotSummary
        from fairmined.report import lot_json_text

        kw.setdefault("summary", LotSummary())
        render = kw.pop("render", lot_json_text)
        return list(fn(lots_arg, render, **kw))
    return list(fn(lots_arg, **kw))


def _summary_add(r: object) -> object:
    from fairmined.lots import LotSummary

    return LotSummary().add(r)  # type: ignore[arg-type]


def _quote(**kw: Any) -> object:
    from fairmined.pricing import quote

    return quote(**kw)


def _evaluate(**kw: Any) -> object:
    from fairmined.audit import evaluate

    return evaluate(**kw)


def _load_record(**kw: Any) -> object:
    from fairmined.records import load_record

    return load_record(**kw)


def _parse_record_text(**kw: Any) -> object:
    from fairmined.records import parse_record_text

    return parse_record_text(**kw)


def _load_standard(**kw: Any) -> object:
    from fairmined.standards import clear_cache, load_standard

    clear_cache()
    return load_standard(**kw)


def _parse_standard(**kw: Any) -> object:
    from fairmined.standards import parse_standard

    return parse_standard(**kw)


def _compile_rule(**kw: Any) -> object:
    from fairmined.records import RECORD_SCHEMA
    from fairmined.rules import compile_rule

    return compile_rule(kw["text"], RECORD_SCHEMA)


def _price_table(**kw: Any) -> object:
    from fairmined.pricing import PriceTable

    return PriceTable.from_csv(kw["path"])


def _lookup(**kw: Any) -> object:
    from fairmined.pricing import PriceTable

    return PriceTable.from_csv(PRICES).lookup(**kw)


def _render_audit(**kw: Any) -> object:
    from fairmined.audit import evaluate
    from fairmined.report import render_audit

    evs = kw.pop("evaluations", [evaluate("fairmined-2.0", RECORD)])
    return render_audit(evs, **kw)


def _render_quote(**kw: Any) -> object:
    from fairmined.pricing import quote
    from fairmined.report import render_quote

    q = kw.pop("q", quote("fairmined-2.0", "gold", "1kg", "0.995", reference_price="2000"))
    return render_quote(q, **kw)


def _statement(**kw: Any) -> object:
    from fairmined.statement import premium_statement

    return premium_statement(**kw)


def _read_bounded(**kw: Any) -> object:
    from fairmined.files import read_bounded

    return read_bounded(**kw)


#: name -> (call, valid baseline keyword arguments, arguments to spoil).
ENTRY_POINTS: dict[str, tuple[Callable[..., object], dict[str, object], list[str]]] = {
    "quote": (
        _quote,
        {
            "standard": "fairmined-2.0",
            "metal": "gold",
            "mass": "1kg",
            "fineness": "0.995",
            "reference_price": "2000",
            "sale_date": date(2024, 3, 28),
        },
        [
            "standard",
            "metal",
            "mass",
            "fineness",
            "reference_price",
            "sale_date",
            "paid",
            "currency",
            "ecological",
            "max_price_age",
        ],
    ),
    "quote prices": (
        _quote,
        {
            "standard": "fairmined-2.0",
            "metal": "gold",
            "mass": "1kg",
            "fineness": "0.995",
            "prices": None,
            "sale_date": date(2024, 3, 28),
        },
        ["prices", "session"],
    ),
    "evaluate": (
        _evaluate,
        {"standard": "fairmined-2.0", "record": RECORD},
        ["standard", "record", "year", "strict"],
    ),
    "load_record": (_load_record, {"source": RECORD}, ["source"]),
    "parse_record_text": (
        _parse_record_text,
        {"text": RECORD.read_text("utf-8"), "file": "r.json"},
        ["text", "file"],
    ),
    "load_standard": (_load_standard, {"name_or_path": "fairmined-2.0"}, ["name_or_path"]),
    "parse_standard": (
        _parse_standard,
        {"text": (ROOT / "tests/data/tiny-standard.toml").read_text("utf-8"), "file": "s.toml"},
        ["text", "file"],
    ),
    "compile_rule": (_compile_rule, {"text": "len(workers) > 0"}, ["text"]),
    "PriceTable.from_csv": (_price_table, {"path": PRICES}, ["path"]),
    "PriceTable.lookup": (
        _lookup,
        {"metal": "gold", "day": date(2024, 3, 28)},
        ["metal", "day", "session", "max_age"],
    ),
    "render_audit": (_render_audit, {"fmt": "text"}, ["evaluations", "fmt", "locale"]),
    "render_quote": (_render_quote, {"fmt": "text"}, ["q", "fmt", "locale"]),
    "read_bounded": (_read_bounded, {"path": PRICES, "limit": 10**6}, ["path", "limit", "what"]),
    "premium_statement": (
        _statement,
        {"sales": SALES, "standard": "fairmined-2.0", "prices": PRICES},
        ["sales", "standard", "prices", "currency", "start", "end"],
    ),
    "verify_lots": (
        _lots_call("verify_lots"),
        {"lots": LOTS, "certificates": CERTS},
        [
            "lots",
            "certificates",
            "production",
            "prices",
            "max_price_age",
            "jobs",
            "first_line",
            "progress",
        ],
    ),
    "render_lots": (
        _lots_call("render_lots"),
        {"lots": LOTS, "certificates": CERTS},
        ["lots", "render", "summary", "certificates", "jobs", "first_line"],
    ),
    "LotSummary.add": (lambda **kw: _summary_add(kw["r"]), {"r": None}, ["r"]),
}

CASES = [
    pytest.param(
        name,
        arg,
        bad,
        id=f"{name}-{arg}-{i}",
    )
    for name, (_, _, args) in sorted(ENTRY_POINTS.items())
    for arg in args
    for i, bad in enumerate(BAD)
]


@pytest.mark.parametrize(("name", "arg", "bad"), CASES)
def test_entry_point_raises_only_type_or_fairmined_errors(name: str, arg: str, bad: object) -> None:
    """One bad argument: the entry point succeeds or raises TypeError or a FairminedError."""
    call, baseline, _ = ENTRY_POINTS[name]
    kwargs = {**baseline, arg: bad}
    try:
        call(**kwargs)
    except FairminedError as e:
        assert "\n" not in str(e), "an error message is one line"
    except TypeError:
        pass
