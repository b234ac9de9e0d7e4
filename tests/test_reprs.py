"""Reprs stay short: every public object loaded from the examples shows as one bounded line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import attrs
import pytest

import fairmined
from fairmined.audit import diff, evaluate
from fairmined.lots import LotSummary, verify_lots
from fairmined.model import REPR_LIMIT, repr_line, shorten
from fairmined.pricing import PriceTable, quote, quote_batch
from fairmined.records import RECORD_SCHEMA, load_record
from fairmined.rules import compile_rule
from fairmined.standards import load_crosswalk, load_standard
from fairmined.statement import RateTable, premium_statement

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
LOTS = EXAMPLES / "lots"
STATEMENT = EXAMPLES / "statement"
AUDITS = sorted(p for p in (EXAMPLES / "audits").glob("*.json") if "crosswalk" not in p.name)

pytestmark = pytest.mark.usefixtures("fresh_standards")


def _children(obj: object) -> Iterator[object]:
    """The objects one level down: attrs fields, and the items of sequences and mappings."""
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, list | tuple | frozenset):
            yield from value
        elif isinstance(value, dict):
            yield from value.values()
        else:
            yield value


def _public(obj: object) -> bool:
    module = type(obj).__module__
    return module.startswith("fairmined") and not type(obj).__name__.startswith("_")


def _examples() -> Iterator[object]:
    """Every example loaded through the public API, results included."""
    for sid in fairmined.list_standards():
        yield load_standard(sid)
    yield load_crosswalk()
    for path in AUDITS:
        record = load_record(path)
        yield record
        yield evaluate(load_standard(record.standard or "fairmined-2.0"), record)
    std = load_standard("fairmined-2.0")
    before, after = (
        evaluate(std, load_record(EXAMPLES / "audits" / f"fairmined-2.0-{n}.json"))
        for n in ("certified", "follow-up")
    )
    yield diff(before, after)
    summary = LotSummary()
    for r in verify_lots(
        LOTS / "lots.csv",
        certificates=LOTS / "certificates.csv",
        production=LOTS / "production.csv",
    ):
        summary.add(r)
        yield r
    yield summary
    prices = PriceTable.from_csv(EXAMPLES / "prices-illustrative.csv")
    yield prices
    yield quote(
        "fairmined-2.0", "gold", "1.250kg", "0.995", prices=prices,
        sale_date=date(2024, 3, 28), paid="85000", currency="COP", rate="3900",
    )  # fmt: skip
    yield quote_batch(
        [{"metal": "gold", "gross_mass": "1kg", "fineness": "0.995", "sale_date": "2024-03-28"}],
        "fairmined-2.0",
        prices=prices,
    )
    yield RateTable.from_file(STATEMENT / "tasas.csv")
    yield premium_statement(
        STATEMENT / "ventas.csv",
        "fairmined-2.0",
        prices=STATEMENT / "precios.csv",
        rates=STATEMENT / "tasas.csv",
        currency="COP",
    )


def _reachable() -> list[object]:
    seen: dict[int, object] = {}
    for top in _examples():
        for obj in (top, *_children(top)):
            if _public(obj):
                seen.setdefault(id(obj), obj)
    return list(seen.values())


def test_every_example_object_repr_is_one_bounded_line() -> None:
    """Each public object of the examples, and each one a level down, reprs in one short line."""
    objects = _reachable()
    kinds = {type(o).__name__ for o in objects}
    assert {"Evaluation", "Requirement", "LotSummary", "Statement", "Crosswalk"} <= kinds
    for obj in objects:
        text = repr(obj)
        assert "\n" not in text and len(text) <= REPR_LIMIT, (type(obj).__name__, len(text))
        assert text.startswith(type(obj).__name__ + "(") or text.startswith("<"), text


def test_reprs_name_what_the_object_is() -> None:
    """A repr says which object it is: id, status and counts, not only its type."""
    std = load_standard("fairmined-2.0")
    ev = evaluate(std, load_record(EXAMPLES / "audits" / "fairmined-2.0-child-labour-mercury.json"))
    assert repr(ev).startswith("Evaluation(standard='fairmined-2.0', organisation='Cooperativa")
    assert f"decision={ev.decision!r}" in repr(ev) and f"results={len(ev.results)}" in repr(ev)
    failed = next(r for r in ev.results if r.status == "fail")
    assert repr(failed).startswith(f"Result(id={failed.id!r}, status='fail', explanation='Fails")
    assert len(repr(failed)) > 100 or repr(failed).endswith(f"{failed.explanation!r})")
    req = std.requirements[0]
    assert f"id={req.id!r}" in repr(req) and f"type={req.type!r}" in repr(req)
    summary = LotSummary(rows=3, by_status={"pass": 1, "fail": 1, "invalid": 1})
    assert repr(summary).startswith("LotSummary(rows=3, pass=1, fail=1, invalid=1")


def test_a_huge_input_value_is_cut_in_the_repr() -> None:
    """A 10,000-character lot id or organisation name shows cut with an ellipsis."""
    lot_id = "L" * 10_000
    with (LOTS / "lots.csv").open(encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f)) | {"lot_id": lot_id}
    [result] = verify_lots([row], certificates=LOTS / "certificates.csv", first_line=2)
    assert result.lot_id == lot_id
    assert len(repr(result)) <= REPR_LIMIT and "L…" in repr(result)
    doc = json.loads((EXAMPLES / "audits" / "fairmined-2.0-certified.json").read_text())
    doc["organisation"]["name"] = "Cooperativa " * 800
    ev = evaluate(load_standard("fairmined-2.0"), load_record(doc))
    assert len(repr(ev)) <= REPR_LIMIT and "…" in repr(ev)


def test_shorten_keeps_short_text_and_cuts_long_text() -> None:
    """shorten() leaves text within the limit alone and cuts longer text to the limit."""
    assert shorten("L-001") == "L-001"
    assert shorten("a\nb") == "a b"
    cut = shorten("x" * 100, 40)
    assert len(cut) == 40 and cut.endswith("…")
    tail = shorten("/a/very/long/folder/" * 5 + "lots.csv", 20, keep_end=True)
    assert len(tail) == 20 and tail.endswith("lots.csv") and tail.startswith("…")


def test_repr_line_caps_the_whole_line() -> None:
    """Many fields together still make at most REPR_LIMIT characters, closed by a parenthesis."""
    line = repr_line("Many", **{f"field{i}": "v" * 30 for i in range(20)})
    assert len(line) == REPR_LIMIT and line.endswith("…)")
    assert (
        repr_line("Few", n=3, items=(1, 2), names=["a", "b"])
        == "Few(n=3, items=2, names=['a', 'b'])"
    )


def test_a_rule_shows_its_text_within_the_limit() -> None:
    """A rule shows its text in full when short, cut within REPR_LIMIT when long."""
    req = load_standard("fairmined-2.0").requirements[0]
    assert req.rule is not None and repr(req.rule) == f"Rule({req.rule_text!r})"
    long = compile_rule(" or ".join(["true"] * 200), RECORD_SCHEMA)
    assert len(repr(long)) <= REPR_LIMIT and repr(long).endswith("…')")
