"""The optimised compiler (fused quantifiers, age thresholds, flat rules) matches the plain one.

``compile_tree(..., optimise=False)`` compiles every node to its plain
closure, the reference; the benchmark judges speed, these tests only sameness.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from fairmined.records import RECORD_SCHEMA
from fairmined.rules import parse
from fairmined.rules._check import check
from fairmined.rules._compile import _years_before, compile_tree
from fairmined.rules._lexer import NO_ORIGIN
from fairmined.standards import list_standards, load_standard
from strategies import RECORD, RECORD_RULES, records

#: Rules whose quantifiers take the fused paths, each shape at least once.
FUSED_RULES = (
    *RECORD_RULES,
    "all(w in workers: age(w.birth_date, audit.date) > 17)",
    "any(w in workers: age(w.birth_date, audit.date) < 16)",
    "none(w in workers: age(w.birth_date, audit.date) <= 14)",
    "all(w in workers: age(w.birth_date, audit.date) == 30 or w.underground)",
    "all(w in workers: 15 <= age(w.birth_date, audit.date))",
    "all(w in workers: age(w.birth_date, audit.date) >= -3)",
    "any(w in workers: age(w.birth_date, audit.date) >= 9000)",
    "none(w in workers where w.underground or w.hours_per_week > 40: "
    "age(w.birth_date, audit.date) < 18)",
    'all(w in workers where not w.underground and w.gender != "male": w.hours_per_week <= 48)',
    "count(w in workers where w.birth_date < audit.date) == len(workers)",
    'count(w in workers where w.gender == "female") == 0 or members >= 1',
    "any(w in workers: w.birth_date >= mining_title.valid_until)",
    "all(w in workers: w.hours_per_week < members + 10)",
    'all(t in tags: t != "x")',
    "any(w in workers: all(v in workers: v.hours_per_week <= w.hours_per_week))",
    "audit.date > mining_title.valid_until",
    "not toxic_substances.mercury.used",
    "members >= 3",
)


def _pair(text: str, schema=RECORD):  # type: ignore[no-untyped-def]
    node = parse(text, NO_ORIGIN)
    fast = compile_tree(node, check(node, schema, NO_ORIGIN))
    plain = compile_tree(node, check(node, schema, NO_ORIGIN), optimise=False)
    return fast, plain


@pytest.mark.parametrize("text", FUSED_RULES)
@given(facts=records())
def test_optimised_equals_plain(text: str, facts: dict[str, object]) -> None:
    fast, plain = _pair(text)
    assert fast(facts) == plain(facts)


def test_shipped_rules_equal_plain_on_generated_records() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import _audit_data

    recs = _audit_data.generate(40, seed=3)
    texts = {
        t
        for sid in list_standards()
        for r in load_standard(sid).requirements
        for t in (r.rule_text, r.scope_text)
        if t
    }
    for text in sorted(texts):
        fast, plain = _pair(text, RECORD_SCHEMA)
        for rec in recs:
            assert fast(rec) == plain(rec), text


def test_years_before_clamps_29_february_and_stays_in_the_calendar() -> None:
    import datetime

    assert _years_before(datetime.date(2024, 2, 29), 1) == datetime.date(2023, 2, 28)
    assert _years_before(datetime.date(2024, 2, 29), 4) == datetime.date(2020, 2, 29)
    assert _years_before(datetime.date(5, 1, 1), 10) is None
    assert _years_before(datetime.date(9990, 1, 1), -20) is None
