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
