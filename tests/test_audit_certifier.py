"""Audits of record, tried as a certifier would: nothing the auditor wrote is lost."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from fairmined.audit import evaluate
from fairmined.errors import FileProblems, RecordError
from fairmined.records import load_record
from fairmined.standards import Standard, load_standard

TINY = Path(__file__).parent / "data" / "tiny-standard.toml"

BASE: dict[str, Any] = {
    "format": "fairmined-audit/1",
    "organisation": {"name": "Test coop"},
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
    """BASE with ``a__b=value`` set (None removes the key)."""
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


def problems(exc: pytest.ExceptionInfo[Any]) -> list[RecordError]:
    err = exc.value
    return list(err.problems) if isinstance(err, FileProblems) else [err]


# --------------------------------------------------------------------------- 1. nothing lost


def test_finding_tagged_with_misspelt_standard_is_a_record_error(tiny: Standard) -> None:
    """A fail tagged "fairmined-2.O" is refused, naming the path and the standard meant."""
    data = record(findings=[{"requirement": "J1", "outcome": "fail", "standard": "fairmined-2.O"}])
    with pytest.raises((FileProblems, RecordError)) as exc:
        evaluate(tiny, load_record(data))
    (err,) = problems(exc)
    assert err.path == "$.findings[0].standard"
    assert err.hint == "did you mean fairmined-2.0?"


def test_waiver_tagged_with_unknown_standard_is_a_record_error(tiny: Standard) -> None:
    """Waiver tags are checked like finding tags."""
    data = record(
        waivers=[
            {"requirement": "M1", "justification": "x", "expires": "2030-01-01", "standard": "tiy"}
        ]
    )
    with pytest.raises((FileProblems, RecordError)) as exc:
        evaluate(tiny, load_record(data))
    (err,) = problems(exc)
    assert err.path == "$.waivers[0].standard"
    assert err.hint == "did you mean tiny?"


def test_tag_for_another_shipped_standard_checks_that_standards_ids(tiny: Standard) -> None:
    """A finding for fairmined-2.0 naming an id it lacks is refused, suggesting only its ids."""
    data = record(
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "J1", "outcome": "fail", "standard": "fairmined-2.0"},
        ]
    )
    with pytest.raises((FileProblems, RecordError)) as exc:
        evaluate(tiny, load_record(data))
    (err,) = problems(exc)
    assert err.path == "$.findings[1].requirement"
    assert "fairmined-2.0 has no requirement 'J1'" in err.message
    ids = {r.id for r in load_standard("fairmined-2.0").requirements}
    assert err.hint is None or err.hint.removeprefix("did you mean ").rstrip("?") in ids


def test_tag_for_another_shipped_standard_with_its_id_is_accepted(tiny: Standard) -> None:
    """A finding for a requirement fairmined-2.0 has does not disturb the tiny evaluation."""
    data = record(
        findings=[
            {"requirement": "J1", "outcome": "pass"},
            {"requirement": "3.1", "outcome": "fail", "standard": "fairmined-2.0"},
        ]
    )
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "certified"


def test_untagged_unknown_requirement_suggests_among_this_standard(tiny: Standard) -> None:
    """An untagged finding for "J2" is refused with a did-you-mean among tiny's ids."""
    data = record(findings=[{"requirement": "J2", "outcome": "fail"}])
    with pytest.raises((FileProblems, RecordError)) as exc:
        evaluate(tiny, load_record(data))
    (err,) = problems(exc)
    assert err.path == "$.findings[0].requirement"
    assert err.hint in {"did you mean J1?", "did you mean M1?", "did you mean D2?"}


def test_duplicate_waivers_refused() -> None:
    """Two waivers for one requirement (and tag) are refused like duplicate findings."""
    w = {"requirement": "M1", "justification": "x", "expires": "2030-01-01"}
    with pytest.raises(FileProblems) as exc:
        load_record(record(waivers=[w, dict(w, expires="2031-01-01")]))
    (err,) = problems(exc)
    assert err.path == "$.waivers[1].requirement"
    assert "$.waivers[0]" in err.message


def test_waivers_for_two_standards_are_not_duplicates() -> None:
    """The same requirement waived under two different standard tags is two waivers."""
    w = {"requirement": "M1", "justification": "x", "expires": "2030-01-01"}
    rec = load_record(record(waivers=[w, dict(w, standard="fairmined-2.0")]))
    assert len(rec.waivers) == 2


# --------------------------------------------------------------------------- 2. development


def year3(*findings: dict[str, Any]) -> dict[str, Any]:
    """A year-3 record (development criteria due) with J1 passed and the given findings."""
    base = [{"requirement": "J1", "outcome": "pass"}]
    return record(audit__certification_year=3, findings=base + list(findings))


def test_explicit_fail_with_score_4_stays_fail_at_lowest_score(tiny: Standard) -> None:
    """An auditor's fail with a score of 4 is a fail, counted as 1 in the average."""
    ev = evaluate(
        tiny,
        load_record(
            year3(
                {"requirement": "D1", "outcome": "fail", "score": 4},
                {"requirement": "D2", "outcome": "pass", "score": 5},
            )
        ),
    )
    d1 = next(r for r in ev.results if r.id == "D1")
    assert d1.status == "fail"
    assert d1.score == 1
    assert "4 written with it is not used" in d1.explanation
    assert str(ev.development.average) == "3.00"
    assert ev.development.met is True
    assert [a.requirement.id for a in ev.corrective_actions] == ["D1"]


def test_explicit_fail_without_score_counts_and_gets_an_action(tiny: Standard) -> None:
    """A fail with no score is a fail, pulls the average down and gets a corrective action."""
    ev = evaluate(
        tiny,
        load_record(
            year3(
                {"requirement": "D1", "outcome": "fail"},
                {"requirement": "D2", "outcome": "pass", "score": 4},
            )
        ),
    )
    assert {r.id: r.status for r in ev.results}["D1"] == "fail"
    assert str(ev.development.average) == "2.50"
    assert ev.development.met is False
    assert ev.development.scored == 2
    assert {a.requirement.id for a in ev.corrective_actions} == {"D1"}
    assert any("below the threshold" in reason for reason in ev.reasons)


def test_low_score_inside_met_average_is_not_a_failure(tiny: Standard) -> None:
    """Average exactly at the threshold: a criterion scored 2 passes with its score and a note."""
    ev = evaluate(
        tiny,
        load_record(
            year3(
                {"requirement": "D1", "outcome": "pass", "score": 2},
                {"requirement": "D2", "outcome": "pass", "score": 4},
            )
        ),
    )
    d1 = next(r for r in ev.results if r.id == "D1")
    assert ev.decision == "certified"
    assert ev.development.met is True
    assert d1.status == "pass"
    assert d1.score == 2
    assert d1.note is not None and "improvement" in d1.note
    assert ev.corrective_actions == ()
    assert not any(r.status == "fail" for r in ev.results)


def test_low_score_inside_unmet_average_fails_with_action(tiny: Standard) -> None:
    """Average below the threshold: criteria scored below it fail and get corrective actions."""
    ev = evaluate(
        tiny,
        load_record(
            year3(
                {"requirement": "D1", "outcome": "pass", "score": 2},
                {"requirement": "D2", "outcome": "pass", "score": 3},
            )
        ),
    )
    st = {r.id: r.status for r in ev.results}
    assert (st["D1"], st["D2"]) == ("fail", "pass")
    assert [a.requirement.id for a in ev.corrective_actions] == ["D1"]


def test_every_development_fail_has_a_corrective_action(tiny: Standard) -> None:
    """Whatever the scores, no development requirement fails without a corrective action."""
    for s1 in range(1, 6):
        for outcome in ("pass", "fail"):
            ev = evaluate(
                tiny,
                load_record(
                    year3(
                        {"requirement": "D1", "outcome": outcome, "score": s1},
                        {"requirement": "D2", "outcome": "pass", "score": 3},
                    )
                ),
            )
            failed = {r.id for r in ev.results if r.status == "fail"}
            assert failed <= {a.requirement.id for a in ev.corrective_actions}


def test_pass_without_score_is_not_assessed_and_said_in_reasons(tiny: Standard) -> None:
    """A pass with no score cannot be averaged: not assessed, and the reasons say so."""
    ev = evaluate(
        tiny,
        load_record(
            year3(
                {"requirement": "D1", "outcome": "pass"},
                {"requirement": "D2", "outcome": "pass", "score": 3},
            )
        ),
    )
    assert {r.id: r.status for r in ev.results}["D1"] == "not_assessed"
    assert ev.development.unscored == 1
    assert any("not scored" in reason for reason in ev.reasons)
