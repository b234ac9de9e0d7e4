"""The fast explainer says what the straightforward one says.

``Rule.explain`` interprets only the elements that decide a quantifier (and
caches rules without quantifiers by the values they read); the reference,
``Explainer``, interprets every element. They must give the same value, text,
evidence and missing facts. Long lists are bounded the same way in both (the
sentence names the first few and a count; evidence and ``missing`` keep all).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from fairmined.records import RECORD_SCHEMA, load_record
from fairmined.rules import compile_rule, parse
from fairmined.rules._check import check
from fairmined.rules._explain import SHOWN, Explainer, listing
from fairmined.rules._lexer import NO_ORIGIN
from fairmined.rules._types import Object
from fairmined.standards import list_standards, load_standard
from strategies import RECORD, audit_records, records
from test_rules_optimised import FUSED_RULES

ROOT = Path(__file__).resolve().parents[1]

#: Quantifiers whose aggregates and nested forms the fused list lacks.
MORE_RULES = (
    *FUSED_RULES,
    "sum(w in workers where w.underground: w.hours_per_week) >= 0",
    "max(w in workers where not w.underground: w.hours_per_week) < 50",
    "count(w in workers) == 3",
    "all(w in workers where w.underground: any(v in workers: v.birth_date < w.birth_date))",
    "none(w in workers: w.hours_per_week > 40) and mining_title.valid_until >= audit.date",
)


def _shipped_texts() -> list[str]:
    out: dict[str, None] = {}
    for sid in list_standards():
        for r in load_standard(sid).requirements:
            for t in (r.scope_text, r.rule_text):
                if t:
                    out[t] = None
    return list(out)


def _both(text: str, schema: Object, facts: object) -> None:
    rule = compile_rule(text, schema)
    node = parse(text, NO_ORIGIN)
    reference = Explainer(check(node, schema, NO_ORIGIN)).run(node, facts)  # type: ignore[arg-type]
    # Twice: the second call may come from the cache of a rule without quantifiers.
    assert rule.explain(facts) == reference, text  # type: ignore[arg-type]
    assert rule.explain(facts) == reference, text  # type: ignore[arg-type]
    assert reference.value == rule.evaluate(facts), text  # type: ignore[arg-type]
    decided = rule.decide(facts, 2)  # type: ignore[arg-type]
    value, deciding = decided.value, decided.deciding
    assert decided.explain() == reference, text  # the words reuse the pass, unchanged
    assert value is reference.value, text
    named = [e.subject[1] for e in reference.evidence if e.subject]
    if value is not None and named and "any(" not in text:  # any() words its item, no evidence
        for d in deciding:  # each deciding item named is one the evidence names
            if not d.unknown:
                # a key holding a bracket ("a[1]b", "]") may not be recoverable from the
                # item's name, so the evidence may leave it without a subject
                plain = {i for i in d.items if "[" not in i and "]" not in i}
                assert plain <= set(named), text


@pytest.mark.parametrize("text", MORE_RULES)
@given(facts=records())
def test_fast_explanation_equals_the_reference(text: str, facts: dict[str, object]) -> None:
    """On generated facts, every rule shape explains exactly as the reference does."""
    _both(text, RECORD, facts)


@pytest.mark.parametrize("text", _shipped_texts())
@given(facts=audit_records())
def test_shipped_rules_explain_as_the_reference(text: str, facts: dict[str, object]) -> None:
    """Every shipped rule and scope explains generated audit records as the reference does."""
    _both(text, RECORD_SCHEMA, facts)


def test_shipped_rules_on_benchmark_records_and_examples() -> None:
    """On the benchmark's records (100+ workers) and every example, fast equals reference."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _audit_data

    facts = _audit_data.generate(15, seed=11)
    facts.append(_audit_data.record_with_workers(2_000, seed=5))
    for path in sorted((ROOT / "examples" / "audits").glob("*.json")):
        facts.append(dict(load_record(path).facts))
    for text in _shipped_texts():
        for f in facts:
            _both(text, RECORD_SCHEMA, f)


def test_explanations_of_many_offenders_keep_every_item_and_bound_the_sentence() -> None:
    """With many offending workers the text names SHOWN and a count; evidence lists all."""
    rule = compile_rule("all(w in workers: w.hours_per_week <= 48)", RECORD_SCHEMA)
    workers = [{"id": f"W-{i}", "hours_per_week": Decimal(50 + i % 3)} for i in range(40)]
    ex = rule.explain({"workers": workers})
    assert ex.value is False
    assert len(ex.evidence) == 40
    assert ex.text.startswith("40 of 40 workers")
    assert ex.text.endswith(f"and {40 - SHOWN} more")


def test_listing_names_the_first_items_and_counts_the_rest() -> None:
    """listing() joins short lists and bounds long ones."""
    assert listing(("a", "b")) == "a, b"
    long = tuple(f"x{i}" for i in range(SHOWN + 3))
    assert listing(long) == ", ".join(long[:SHOWN]) + " and 3 more"
