"""Fuzz every parser: any input parses or raises a FairminedError, never anything else.

Budgets come from the hypothesis profile (tests/conftest.py: ``ci`` or ``dev``,
chosen by HYPOTHESIS_PROFILE). A TypeError is allowed only where the input has
the wrong Python type. Long runs use the atheris harness in fuzz/ instead.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmined.errors import FairminedError
from fairmined.lots import LotResult, load_certificates, load_production, verify_lots
from fairmined.model import Fineness, Mass, Money, parse_decimal, parse_metal
from fairmined.pricing import PriceTable, parse_iso_date
from fairmined.records import RECORD_SCHEMA, parse_record_text
from fairmined.rules import coerce, compile_rule
from fairmined.standards import parse_standard
from strategies import (
    LOTS_CERTIFICATES,
    LOTS_CSV_BREAKS,
    LotsCsvRow,
    csv_texts,
    json_documents,
    junk_values,
    malformed_lots_csv,
    mutated_texts,
    number_like_texts,
    rule_texts,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_RECORD = (ROOT / "examples/audits/fairmined-2.0-certified.json").read_text("utf-8")
EXAMPLE_STANDARD = (ROOT / "standards/fairmined-2.0.toml").read_text("utf-8")
EXAMPLE_LOTS = (ROOT / "examples/lots/lots.csv").read_text("utf-8")
EXAMPLE_CERTIFICATES = (ROOT / "examples/lots/certificates.csv").read_text("utf-8")
EXAMPLE_PRODUCTION = (ROOT / "examples/lots/production.csv").read_text("utf-8")
EXAMPLE_PRICES = (ROOT / "examples/prices-illustrative.csv").read_text("utf-8")
EXAMPLE_LOTS_JSONL = (
    '{"lot_id": "L-1", "sale_date": "2024-02-01", "certificate_id": "FM-CO-001", '
    '"metal": "gold", "gross_mass": "1kg", "fineness": "0.995", "ecological": "false", '
    '"reference_price": "2200.00", "price_paid": "68000.00", "premium_paid": "3980.00", '
    '"currency": "USD"}'
)


#: Longest any one generated input may take (issue 17: parsers that backtracked or
#: were quadratic took minutes on inputs of a few kilobytes). Generous for a loaded
#: two-core machine.
BUDGET_SECONDS = 5.0


def _parses_or_refuses(fn: Callable[[], object], *, type_error_ok: bool = False) -> None:
    start = time.perf_counter()
    try:
        fn()
    except FairminedError as e:
        assert "\n" not in str(e), "an error message must be one line"
    except TypeError:
        if not type_error_ok:
            raise
    took = time.perf_counter() - start
    log = os.environ.get("FAIRMINED_FUZZ_TIMES")
    if log:  # for hunting the slowest input: one line per input
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{took:.4f}\t{os.environ.get('PYTEST_CURRENT_TEST', '')}\n")
    assert took < BUDGET_SECONDS, f"one input took {took:.1f} s"


# --------------------------------------------------------------------------- values


@given(number_like_texts())
def test_parse_decimal_fuzz(text: str) -> None:
    """parse_decimal reads a number or raises QuantityError."""
    _parses_or_refuses(lambda: parse_decimal(text))


@given(st.one_of(number_like_texts().map(lambda t: t + "kg"), st.text(), junk_values()))
def test_mass_parse_fuzz(value: object) -> None:
    """Mass.parse reads a mass or raises a FairminedError (TypeError for a float)."""
    _parses_or_refuses(lambda: Mass.parse(value), type_error_ok=True)


@given(st.one_of(number_like_texts(), number_like_texts().map(lambda t: t + "k"), junk_values()))
def test_fineness_parse_fuzz(value: object) -> None:
    """Fineness.parse reads a fineness or raises a FairminedError (TypeError for a float)."""
    _parses_or_refuses(lambda: Fineness.parse(value), type_error_ok=True)


@given(st.one_of(number_like_texts(), junk_values()), st.text(max_size=4))
def test_money_fuzz(amount: object, currency: str) -> None:
    """Money(amount, currency) is built or refused with a FairminedError or TypeError."""
    _parses_or_refuses(lambda: Money(amount, currency), type_error_ok=True)


@given(st.one_of(st.text(max_size=12), junk_values()))
def test_date_and_metal_fuzz(value: object) -> None:
    """parse_iso_date and parse_metal read their value or raise a FairminedError."""
    _parses_or_refuses(lambda: parse_iso_date(value))
    _parses_or_refuses(lambda: parse_metal(value))


# --------------------------------------------------------------------------- files


@given(st.one_of(csv_texts(), mutated_texts(EXAMPLE_PRICES)))
def test_price_csv_fuzz(text: str) -> None:
    """A price file is read or refused with a FairminedError."""
    _parses_or_refuses(lambda: PriceTable.from_text(text, source="prices.csv"))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated_texts(EXAMPLE_STANDARD))
def test_standard_loader_fuzz(text: str) -> None:
    """A standard file is loaded or refused with a FairminedError."""
    _parses_or_refuses(lambda: parse_standard(text, "fuzz.toml"))


@given(st.one_of(mutated_texts(EXAMPLE_RECORD), json_documents().map(json.dumps)))
def test_record_loader_fuzz(text: str) -> None:
    """An audit record is loaded or refused with a FairminedError."""
    _parses_or_refuses(lambda: parse_record_text(text, "fuzz.json"))


@given(json_documents())
def test_coerce_fuzz(data: object) -> None:
    """coerce() checks any JSON value against the record schema or raises a FairminedError."""
    _parses_or_refuses(lambda: coerce(data, RECORD_SCHEMA))


@given(rule_texts())
def test_rule_compiler_fuzz(text: str) -> None:
    """A rule compiles against the record schema or raises a RuleError."""
    _parses_or_refuses(lambda: compile_rule(text, RECORD_SCHEMA))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(csv_texts(), mutated_texts(EXAMPLE_LOTS)))
def test_lots_reader_fuzz(tmp_path: Path, text: str) -> None:
    """A lots file gives one result per data row or a FairminedError; never a crash."""
    path = tmp_path / "lots.csv"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    certs = tmp_path / "certs.csv"
    certs.write_text(EXAMPLE_CERTIFICATES, encoding="utf-8")
    _parses_or_refuses(lambda: list(verify_lots(path, certificates=certs)))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    st.one_of(csv_texts(), mutated_texts(EXAMPLE_CERTIFICATES)), mutated_texts(EXAMPLE_PRODUCTION)
)
def test_certificate_and_production_readers_fuzz(
    tmp_path: Path, certificates: str, production: str
) -> None:
    """Certificate and production files are read or refused with a FairminedError."""
    c = tmp_path / "certs.csv"
    c.write_bytes(certificates.encode("utf-8", "surrogatepass"))
    p = tmp_path / "production.csv"
    p.write_bytes(production.encode("utf-8", "surrogatepass"))

    def run() -> None:
        certs = load_certificates(c)
        load_production(p, certs)

    _parses_or_refuses(run)


@pytest.mark.parametrize("depth", [10, 1_000, 100_000])
def test_deep_json_is_a_record_error(depth: int) -> None:
    """Nesting beyond the limit is a RecordError, at any depth (no RecursionError)."""
    text = '{"format": "fairmined-audit/1", "x": ' + "[" * depth + "]" * depth + "}"
    _parses_or_refuses(lambda: parse_record_text(text, "deep.json"))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            mutated_texts(json.dumps(json.loads(EXAMPLE_LOTS_JSONL))),
            # Any code point, lone surrogates included (issue 17: one aborted the run).
            st.text(st.characters(codec=None, exclude_categories=()), max_size=60),
        ).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
        min_size=1,
        max_size=8,
    )
)
def test_lots_jsonl_rows_in_equal_results_out(tmp_path: Path, lines: list[str]) -> None:
    """Every non-blank JSON Lines row, however malformed, gives exactly one result, in order."""
    path = tmp_path / "lots.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
    certs = tmp_path / "certs.csv"
    certs.write_text(EXAMPLE_CERTIFICATES, encoding="utf-8")
    results: list[object] = []
    _parses_or_refuses(lambda: results.extend(verify_lots(path, certificates=certs)))
    rows = [i + 1 for i, line in enumerate(lines) if line.strip()]
    assert [r.line for r in results] == rows  # type: ignore[attr-defined]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(malformed_lots_csv(), st.sampled_from([64, 300, 1 << 20]))
def test_lots_csv_rows_in_equal_results_out(
    tmp_path: Path, case: tuple[bytes, list[LotsCsvRow]], chunk: int
) -> None:
    """Every CSV data row, however broken, gives exactly one result at its own line; broken
    rows are invalid, saying why, and good rows get the verdict they get alone."""
    from unittest import mock

    content, rows = case
    path = tmp_path / "lots.csv"
    path.write_bytes(content)
    results: list[LotResult] = []
    # Small chunks put records across chunk boundaries (the reader looks ahead for a quote).
    with mock.patch("fairmined.lots._engine.CHUNK_CHARS", chunk):
        _parses_or_refuses(
            lambda: results.extend(verify_lots(path, certificates=LOTS_CERTIFICATES))
        )
    assert [r.line for r in results] == [line for line, _, _ in rows]
    for r, (line, kind, _) in zip(results, rows, strict=True):
        if kind != "good":
            assert r.status == "invalid" and r.reason is not None, (kind, r)
            assert f"line {line}:" in r.reason and LOTS_CSV_BREAKS[kind] in r.reason, (kind, r)
    good = [cells for _, kind, cells in rows if kind == "good" and cells is not None]
    alone = list(verify_lots(good, certificates=LOTS_CERTIFICATES))
    got = [r for r, (_, kind, _) in zip(results, rows, strict=True) if kind == "good"]
    assert [(r.lot_id, r.status, [f.check for f in r.findings]) for r in got] == [
        (r.lot_id, r.status, [f.check for f in r.findings]) for r in alone
    ]
