"""Evaluation and decision of the audit engine, on the tiny test standard."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fairmined.audit import evaluate
from fairmined.errors import FileProblems, RecordError
from fairmined.records import load_record
from fairmined.report import evaluation_to_json
from fairmined.standards import Standard, load_standard

TINY = Path(__file__).parent / "data" / "tiny-standard.toml"

BASE: dict[str, Any] = {
    "format": "fairmined-audit/1",
    "organisation": {"name": "Test coop (fictitious)"},
    "audit": {"date": "2024-03-31", "certification_year": 0},
    "workers": [{"id": "W-1", "birth_date": "1990-01-01"}],
    "toxic_substances": {"mercury": {"used": True, "retorts_used": True}},
    "health_and_safety": {"accident_register": True},
    "legality": {"mining_title": {"held": True, "valid_until": "2030-01-01"}},
    "findings": [{"requirement": "J1", "outcome": "pass", "evidence": "seen"}],
}


@pytest.fixture(scope="module")
def tiny() -> Standard:
    return load_standard(TINY)


def record(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        node = data
        for p in parents:
            node = node.setdefault(p, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def statuses(std: Standard, data: dict[str, Any], **kw: Any) -> dict[str, str]:
    ev = evaluate(std, load_record(data), **kw)
    return {r.id: r.status for r in ev.results}


def test_complete_record_certifies(tiny: Standard) -> None:
    """A record meeting every due requirement is certified with no corrective actions."""
    ev = evaluate(tiny, load_record(record()))
    assert ev.decision == "certified"
    assert ev.corrective_actions == ()
    assert {r.id: r.status for r in ev.results} == {
        "C1": "pass",
        "M1": "pass",
        "N1": "pass",
        "J1": "pass",
        "D1": "not_applicable",
        "D2": "not_applicable",
        "L1": "not_applicable",
    }


def test_every_requirement_gets_exactly_one_result(tiny: Standard) -> None:
    """Results follow the catalog one to one."""
    ev = evaluate(tiny, load_record(record()))
    assert [r.id for r in ev.results] == [r.id for r in tiny.requirements]


def test_child_under_15_fails_core_with_evidence(tiny: Standard) -> None:
    """A 14-year-old worker fails the core requirement; the explanation names the worker."""
    data = record(workers=[{"id": "W-12", "birth_date": "2010-01-01"}])
    ev = evaluate(tiny, load_record(data))
    c1 = ev.results[0]
    assert c1.status == "fail"
    assert "W-12" in c1.explanation and "14" in c1.explanation
    assert ev.decision == "not_certified"
    assert ev.blocking == ("C1",)


def test_core_failure_of_certified_organisation_suspends(tiny: Standard) -> None:
    """From certification year 1 a failed core requirement suspends instead."""
    data = record(workers=[{"id": "W-12", "birth_date": "2010-01-01"}], audit__certification_year=1)
    assert evaluate(tiny, load_record(data)).decision == "suspended"


def test_missing_fact_is_not_assessed_never_pass(tiny: Standard) -> None:
    """A missing birth date leaves the requirement not assessed and lists the fact."""
    ev = evaluate(tiny, load_record(record(workers=[{"id": "W-1"}])))
    c1 = ev.results[0]
    assert c1.status == "not_assessed"
    assert any("birth_date" in m for m in c1.missing)
    assert ev.decision == "not_certified"


def test_scope_false_is_not_applicable(tiny: Standard) -> None:
    """Without mercury the retort requirement does not apply, and says why."""
    ev = evaluate(tiny, load_record(record(toxic_substances__mercury={"used": False})))
    m1 = ev.results[1]
    assert m1.status == "not_applicable"
    assert "scope" in m1.explanation


def test_unknown_scope_is_not_assessed(tiny: Standard) -> None:
    """When the scope cannot be decided the requirement is not assessed."""
    assert statuses(tiny, record(toxic_substances=None))["M1"] == "not_assessed"


def test_not_due_yet_is_not_applicable_with_year(tiny: Standard) -> None:
    """A requirement due from year 1 is not applicable in year 0 and says so."""
    ev = evaluate(tiny, load_record(record()))
    l1 = next(r for r in ev.results if r.id == "L1")
    assert l1.status == "not_applicable"
    assert "year 1" in l1.explanation


def test_major_failure_gives_corrective_action_with_deadline(tiny: Standard) -> None:
    """A failed major requirement stays certified with a 3-month deadline from the audit date."""
    ev = evaluate(tiny, load_record(record(toxic_substances__mercury__retorts_used=False)))
    assert ev.decision == "certified"
    (action,) = ev.corrective_actions
    assert action.requirement.id == "M1"
    assert action.deadline == datetime.date(2024, 6, 30)


def test_minor_not_assessed_asks_for_evidence(tiny: Standard) -> None:
    """A minor requirement without facts gets a 6-month action to provide evidence."""
    ev = evaluate(tiny, load_record(record(health_and_safety=None)))
    (action,) = ev.corrective_actions
    assert action.reason == "provide the missing evidence"
    assert action.deadline == datetime.date(2024, 9, 30)


def test_valid_waiver_waives(tiny: Standard) -> None:
    """A waiver valid on the audit date waives a minor requirement."""
    data = record(
        health_and_safety__accident_register=False,
        waivers=[{"requirement": "N1", "justification": "flood", "expires": "2024-03-31"}],
    )
    assert statuses(tiny, data)["N1"] == "waived"


def test_expired_waiver_is_ignored_and_says_so(tiny: Standard) -> None:
    """An expired waiver does not waive; the explanation mentions it."""
    data = record(
        health_and_safety__accident_register=False,
        waivers=[{"requirement": "N1", "justification": "flood", "expires": "2024-03-30"}],
    )
    ev = evaluate(tiny, load_record(data))
    n1 = next(r for r in ev.results if r.id == "N1")
    assert n1.status == "fail"
    assert "expired" in n1.explanation


def test_core_requirement_cannot_be_waived(tiny: Standard) -> None:
    """A waiver on a core requirement is ignored, per the policy's waivable types."""
    data = record(
        workers=[{"id": "W-1", "birth_date": "2012-01-01"}],
        waivers=[{"requirement": "C1", "justification": "x", "expires": "2030-01-01"}],
    )
    ev = evaluate(tiny, load_record(data))
    assert ev.results[0].status == "fail"
    assert "cannot exempt" in ev.results[0].explanation


def test_manual_requirement_without_finding_is_not_assessed(tiny: Standard) -> None:
    """A manual requirement with no finding is not assessed."""
    assert statuses(tiny, record(findings=[]))["J1"] == "not_assessed"


def test_finding_fail_overrides_passing_rule(tiny: Standard) -> None:
    """An auditor's fail turns a passing rule into a failure."""
    data = record(
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "N1", "outcome": "fail", "evidence": "torn pages"},
        ]
    )
    ev = evaluate(tiny, load_record(data))
    n1 = next(r for r in ev.results if r.id == "N1")
    assert n1.status == "fail"
    assert "torn pages" in n1.explanation


def test_finding_pass_cannot_rescue_failing_rule(tiny: Standard) -> None:
    """A failing rule stays failed whatever the finding says."""
    data = record(
        health_and_safety__accident_register=False,
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "N1", "outcome": "pass"},
        ],
    )
    assert statuses(tiny, data)["N1"] == "fail"


def test_finding_decides_when_facts_missing(tiny: Standard) -> None:
    """When the rule is unknown, the finding decides."""
    data = record(
        health_and_safety=None,
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "N1", "outcome": "pass", "evidence": "register seen"},
        ],
    )
    assert statuses(tiny, data)["N1"] == "pass"


def test_unknown_finding_id_is_error_with_hint(tiny: Standard) -> None:
    """A finding naming no requirement of the standard is a record error with did-you-mean."""
    data = record(findings=[{"requirement": "J2", "outcome": "pass"}])
    with pytest.raises(FileProblems) as info:
        evaluate(tiny, load_record(data))
    (problem,) = info.value.problems
    assert problem.path == "$.findings[0].requirement"
    assert problem.hint == "did you mean J1?"


def test_development_average_below_threshold(tiny: Standard) -> None:
    """Development scores averaging below 3.0 give actions for the low criteria."""
    data = record(
        audit__certification_year=3,
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "D1", "outcome": "pass", "score": 4},
            {"requirement": "D2", "outcome": "fail", "score": 1},
        ],
    )
    ev = evaluate(tiny, load_record(data))
    assert ev.development.average == Decimal("2.50")
    assert ev.development.met is False
    assert [a.requirement.id for a in ev.corrective_actions] == ["D2"]
    assert ev.corrective_actions[0].deadline == datetime.date(2025, 3, 31)


def test_development_without_score_is_not_assessed(tiny: Standard) -> None:
    """A development finding without a score is not assessed."""
    data = record(
        audit__certification_year=3,
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "D1", "outcome": "pass"},
        ],
    )
    assert statuses(tiny, data)["D1"] == "not_assessed"


def test_year_override_is_self_assessment(tiny: Standard) -> None:
    """--year evaluates as if in that year and lists what becomes due next year."""
    ev = evaluate(tiny, load_record(record()), year=0)
    assert ev.self_assessment
    assert ev.due_next_year == ("L1",)
    assert evaluation_to_json(ev)["self_assessment"]["due_next_year"] == ["L1"]


def test_missing_year_is_record_error(tiny: Standard) -> None:
    """Without a certification year in the record or the call, evaluation refuses."""
    with pytest.raises(RecordError) as info:
        evaluate(tiny, load_record(record(audit__certification_year=None)))
    assert info.value.path == "$.audit.certification_year"


def test_findings_for_another_standard_are_ignored(tiny: Standard) -> None:
    """A finding tagged with another (known) standard neither decides nor errors."""
    data = record(
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "4.1", "outcome": "fail", "standard": "fairmined-2.0"},
        ]
    )
    assert statuses(tiny, data)["J1"] == "pass"


def test_json_keys_are_the_contract(tiny: Standard) -> None:
    """The JSON object has exactly the keys issue 3 names, and more only where documented."""
    out = evaluation_to_json(evaluate(tiny, load_record(record())))
    for key in ("standard", "decision", "results", "corrective_actions", "summary", "record"):
        assert key in out
    assert set(out["standard"]) == {"id", "version"}
    assert set(out["record"]) == {"sha256", "standard_sha256", "library_version"}
    for r in out["results"]:
        assert {"id", "category", "type", "status", "explanation"} <= set(r)
    assert out["summary"]["by_status"]["pass"] == 4
