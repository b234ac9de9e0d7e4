"""The benchmark's baselines compute what the engine computes, on generated records.

The audit benchmark compares our rule engine with the same rules written by
hand and in the rule-engine package; the ratio only means something if all
three give the same statuses. No timing is asserted here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import _audit_data
import _handwritten

from fairmined.records import load_record
from fairmined.standards import list_standards, load_standard


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    return _audit_data.generate(60, seed=7)


def test_generated_records_load_back_to_the_same_facts(records: list[dict[str, object]]) -> None:
    for rec in records[:10]:
        assert load_record(_audit_data.as_json(rec)).facts == rec


def test_generated_records_fill_every_section(records: list[dict[str, object]]) -> None:
    from fairmined.records import RECORD_SCHEMA_V1

    sections = {f.name for f in RECORD_SCHEMA_V1.fields}
    seen = set().union(*(r.keys() for r in records))
    assert sections <= seen
    sizes = [len(r["workers"]) for r in records if "workers" in r]  # type: ignore[arg-type]
    assert min(sizes) >= 20 and max(sizes) <= 200


def _texts() -> list[str]:
    out: dict[str, None] = {}
    for sid in list_standards():
        for r in load_standard(sid).requirements:
            for t in (r.scope_text, r.rule_text):
                if t:
                    out[t] = None
    return list(out)


@pytest.mark.parametrize("text", _texts())
def test_handwritten_agrees_with_the_engine(text: str, records: list[dict[str, object]]) -> None:
    from fairmined.records import RECORD_SCHEMA
    from fairmined.rules import compile_rule

    rule = compile_rule(text, RECORD_SCHEMA)
    hand = _handwritten.for_text(text)
    for rec in records:
        assert hand(rec) == rule.evaluate(rec), text


def test_every_outcome_occurs(records: list[dict[str, object]]) -> None:
    """The generated data exercises pass, fail and unknown, so agreement means something."""
    from fairmined.records import RECORD_SCHEMA
    from fairmined.rules import compile_rule

    seen = set()
    for text in _texts():
        rule = compile_rule(text, RECORD_SCHEMA)
        seen.update(rule.evaluate(r) for r in records)
    assert seen == {True, False, None}


@pytest.mark.parametrize("text", _texts())
def test_rule_engine_agrees_where_the_engine_knows(
    text: str, records: list[dict[str, object]]
) -> None:
    pytest.importorskip("rule_engine")
    import _rule_engine

    from fairmined.records import RECORD_SCHEMA
    from fairmined.rules import compile_rule

    rule = compile_rule(text, RECORD_SCHEMA)
    peer = _rule_engine.compile_text(text)
    for rec in records[:3]:
        ours = rule.evaluate(rec)
        if ours is not None:
            assert bool(peer.evaluate(rec)) is ours, text


def test_lots_floor_sketch_reaches_the_engine_verdicts(tmp_path: Path) -> None:
    """The lower-bound sketch does the engine's arithmetic: same statuses and premiums due.

    On the benchmark's generated file (unique ids, production never exceeded)
    every check the sketch leaves out passes, so the two must agree row by row.
    """
    import _lots_data
    import _lots_floor

    from fairmined.lots import verify_lots

    certs, prod = _lots_data.write_reference(tmp_path)
    lots = tmp_path / "lots.csv"
    _lots_data.write_lots(lots, 3000, seed=11)
    ours = list(verify_lots(lots, certificates=certs, production=prod))
    sketch = list(_lots_floor.verify(lots))
    assert [(r.line, r.lot_id, r.status, r.premium_due, r.premium_paid) for r in ours] == [
        (r.line, r.lot_id, r.status, r.premium_due, r.premium_paid) for r in sketch
    ]
    assert {r.status for r in ours} == {"pass", "fail"}
