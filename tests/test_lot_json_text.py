"""The command line's JSON text for a lot is ``json.dumps`` of its JSON object, terminal-safe."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from fairmined.lots import LotResult, LotSummary
from fairmined.model import Money
from fairmined.report import json_safe, lot_json, lot_json_text
from strategies import lot_results

results = lot_results()


@given(results)
def test_lot_json_text_is_json_dumps_of_lot_json(r: LotResult) -> None:
    assert lot_json_text(r) == json_safe(json.dumps(lot_json(r), ensure_ascii=False))
    assert json.loads(lot_json_text(r)) == json.loads(json.dumps(lot_json(r)))


@given(st.lists(results, max_size=20))
def test_summary_counts_as_the_definition_says(rs: list[LotResult]) -> None:
    """Counts, totals and shortfall recomputed from the results, whatever path ``add`` takes."""
    s = LotSummary()
    for r in rs:
        s.add(r)
    assert s.rows == len(rs)
    assert s.by_status == {k: sum(r.status == k for r in rs) for k in ("pass", "fail", "invalid")}
    for check, n in s.by_check.items():
        assert n == sum(check in {f.check for f in r.findings} for r in rs)
    assert s.premium_due == sum(
        (r.premium_due.amount for r in rs if r.premium_due is not None), Money(0, "USD").amount
    )
    assert s.premium_paid == sum(
        (r.premium_paid.amount for r in rs if r.premium_paid is not None), Money(0, "USD").amount
    )
    assert s.shortfall == sum(
        (
            r.premium_due.amount - r.premium_paid.amount
            for r in rs
            if r.premium_due is not None
            and r.premium_paid is not None
            and r.premium_paid.amount < r.premium_due.amount
        ),
        Money(0, "USD").amount,
    )
