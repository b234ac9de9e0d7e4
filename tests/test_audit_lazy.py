"""evaluate() decides with the compiled rules and words results lazily: same outcome as explaining.

The reference evaluation explains every rule with the straightforward
``Explainer`` (every element interpreted, nothing bounded), statuses included.
The fast one takes statuses from ``Rule.evaluate``, and counts the deciding
items, names the first ``EAGER_ITEMS`` and builds the words when they are read.
Both must give the same statuses, codes, sentences, evidence, missing facts,
decision and JSON document.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import strategies
from fairmined.audit import Evaluation, Result, evaluate
from fairmined.audit._evaluate import EAGER_ITEMS
from fairmined.errors import FileProblems, RecordError
from fairmined.records import AuditRecord, load_record
from fairmined.rules import SHOWN, Decided, Explanation, Rule
from fairmined.rules._check import check
from fairmined.rules._explain import Explainer
from fairmined.rules._lexer import NO_ORIGIN
from fairmined.standards import SHIPPED_STANDARDS, load_standard

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = {sid: load_standard(sid) for sid in SHIPPED_STANDARDS}
ALL_IDS = tuple(sorted({r.id for s in STANDARDS.values() for r in s.requirements}))


def _reference_explain(
    self: Rule, facts: Mapping[str, object], *, limit: int | None = None
) -> Explanation:
    node = self._node
    return Explainer(check(node, self._checker.schema, NO_ORIGIN)).run(node, facts)


def _reference_decide(self: Rule, facts: Mapping[str, object], limit: int) -> Decided:
    """The deciding items as found, the value and the words from the reference explainer."""
    found = _FAST_DECIDE(self, facts, limit)
    value = _reference_explain(self, facts).value
    return Decided(self, facts, value, found.deciding, None)


def _reference_again(self: Rule, facts: Mapping[str, object], memo: object) -> Explanation:
    return _reference_explain(self, facts)


_FAST_DECIDE = Rule.decide


def _shipped_rules() -> list[Rule]:
    return [
        rule
        for std in STANDARDS.values()
        for req in std.requirements
        for rule in (req.rule, req.scope)
        if rule is not None
    ]


def _reference_value(rule: Rule) -> Any:
    return lambda facts: _reference_explain(rule, facts).value


@contextmanager
def _reference_explanations() -> Iterator[None]:
    """Every rule's value (scopes too) and words from the straightforward explainer, in full."""
    saved = (Rule.explain, Rule.decide, Rule._explain_again)
    compiled = [(rule, rule.evaluate) for rule in _shipped_rules()]
    Rule.explain = _reference_explain  # type: ignore[method-assign]
    Rule.decide = _reference_decide  # type: ignore[method-assign]
    Rule._explain_again = _reference_again  # type: ignore[method-assign,assignment]
    for rule, _ in compiled:
        rule.evaluate = _reference_value(rule)
    try:
        yield
    finally:
        Rule.explain, Rule.decide, Rule._explain_again = saved  # type: ignore[method-assign]
        for rule, fn in compiled:
            rule.evaluate = fn


def _words(ev: Evaluation) -> list[tuple[Any, ...]]:
    return [
        (r.id, r.status, r.code, dict(r.args), r.explanation, r.evidence, r.missing)
        for r in ev.results
    ]


def _same(std_id: str, record: AuditRecord, year: int | None = None) -> None:
    std = STANDARDS[std_id]
    fast = evaluate(std, record, year=year)
    with _reference_explanations():
        ref = evaluate(std, record, year=year)
    assert [r.status for r in fast.results] == [r.status for r in ref.results]
    assert fast.decision == ref.decision
    assert _words(fast) == _words(ref)
    assert fast.results == ref.results
    assert fast.to_dict() == ref.to_dict()


def test_examples_and_benchmark_records_evaluate_as_the_reference() -> None:
    """On every example and the benchmark's records, the lazy evaluation equals the reference."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _audit_data

    facts = _audit_data.generate(6, seed=3)
    facts.append(_audit_data.record_with_workers(300, seed=2))
    records = [load_record(_audit_data.as_json(f)) for f in facts]  # type: ignore[arg-type]
    for path in sorted((ROOT / "examples" / "audits").glob("*.json")):
        records.append(load_record(path))
    for record in records:
        own = [record.standard] if record.standard in STANDARDS else SHIPPED_STANDARDS
        for sid in own:
            _same(sid, record, year=None if record.certification_year is not None else 1)


@settings(max_examples=40)
@given(
    data=strategies.audit_records(ALL_IDS),
    sid=st.sampled_from(SHIPPED_STANDARDS),
    year=st.integers(min_value=0, max_value=8),
)
def test_generated_records_evaluate_as_the_reference(data: object, sid: str, year: int) -> None:
    """On generated records, the lazy evaluation equals the fully explained reference."""
    try:
        record = load_record(data)  # type: ignore[arg-type]
        evaluate(STANDARDS[sid], record, year=year)
    except (FileProblems, RecordError):
        return
    _same(sid, record, year)


def _many_offenders(n: int) -> AuditRecord:
    """The certified example with ``n`` workers, none paid the minimum wage."""
    data = json.loads((ROOT / "examples/audits/fairmined-2.0-certified.json").read_text())
    model = data["workers"][0]
    data["workers"] = [
        {**model, "id": f"W-{i}", "paid_at_least_minimum_wage": False} for i in range(n)
    ]
    data["organisation"]["members"] = n
    return load_record(data)


def _wage(ev: Evaluation) -> Result:
    return next(r for r in ev.results if "minimum_wage" in (r.requirement.rule_text or ""))


def test_a_failed_rule_keeps_every_offending_item_when_read() -> None:
    """Past EAGER_ITEMS offending workers, the evidence read still names every one of them."""
    n = EAGER_ITEMS * 4
    record = _many_offenders(n)
    wage = _wage(evaluate(STANDARDS["fairmined-2.0"], record))
    assert wage.status == "fail"
    evidence = wage.evidence
    assert len(evidence) == n
    assert {e.subject for e in evidence} == {("workers", f"W-{i}") for i in range(n)}
    assert wage.explanation.startswith(f"Fails: {n} of {n} workers")
    assert wage.evidence is evidence  # built once, then kept
    _same("fairmined-2.0", record)


def test_a_bounded_explanation_says_it_left_items_out() -> None:
    """explain(limit=n) keeps the first n offending items, says complete=False, same sentence."""
    facts = _many_offenders(12).facts
    rule = _wage(evaluate(STANDARDS["fairmined-2.0"], _many_offenders(1))).requirement.rule
    assert rule is not None
    full, bounded = rule.explain(facts), rule.explain(facts, limit=SHOWN)
    assert full.complete and not bounded.complete
    assert bounded.text == full.text and bounded.value is full.value is False
    assert bounded.evidence == full.evidence[:SHOWN]
    assert rule.explain(facts, limit=2).evidence == full.evidence[:2]
    assert rule.explain(facts, limit=12) == full


def test_deciding_names_the_first_offending_items_and_counts_them() -> None:
    """A failed rule's deciding items are the first of its evidence's, and counted as many."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _audit_data

    facts = _audit_data.generate(12, seed=7)
    facts.append(_audit_data.record_with_workers(400, seed=4))
    seen = 0
    for f in facts:
        ids = [str(w.get("id")) for w in f.get("workers") or ()]  # type: ignore[attr-defined]
        if any("[" in i or "]" in i for i in ids):  # the evidence's subject splits such an id
            continue
        record = load_record(_audit_data.as_json(f))  # type: ignore[arg-type]
        for sid in SHIPPED_STANDARDS:
            for r in evaluate(STANDARDS[sid], record, year=2).results:
                for d in r.deciding:
                    if d.unknown or r.status != "fail":
                        continue
                    named = [
                        e.subject[1] for e in r.evidence if e.subject and e.subject[0] == d.source
                    ]
                    named = list(dict.fromkeys(named))
                    assert list(d.items) == named[:EAGER_ITEMS], r.id
                    assert d.total == len(named), r.id
                    seen += 1
    assert seen > 10
    wage = _wage(evaluate(STANDARDS["fairmined-2.0"], _many_offenders(EAGER_ITEMS * 3)))
    (d,) = wage.deciding
    assert d == ("workers", tuple(f"W-{i}" for i in range(EAGER_ITEMS)), EAGER_ITEMS * 3, False)


def test_the_counting_pass_runs_only_when_a_result_is_read(monkeypatch: Any) -> None:
    """evaluate() decides by the compiled rules; reading a result runs Rule.decide once."""
    calls: list[str] = []

    def counted(self: Rule, facts: Mapping[str, object], limit: int) -> Decided:
        calls.append(self.text)
        return _FAST_DECIDE(self, facts, limit)

    monkeypatch.setattr(Rule, "decide", counted)
    n = EAGER_ITEMS * 3
    ev = evaluate(STANDARDS["fairmined-2.0"], _many_offenders(n))
    assert calls == []
    wage = _wage(ev)
    assert wage.status == "fail"
    (d,) = wage.deciding
    assert (d.total, len(calls)) == (n, 1)
    assert len(wage.evidence) == n
    assert wage.explanation.startswith(f"Fails: {n} of {n} workers")
    assert len(calls) == 1  # the words reuse the pass that counted
