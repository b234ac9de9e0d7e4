"""Properties of the audit engine over records generated from the record schema."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import strategies
from fairmined.audit import STATUSES, evaluate
from fairmined.errors import FileProblems, RecordError
from fairmined.records import load_record
from fairmined.report import evaluation_to_json
from fairmined.standards import SHIPPED_STANDARDS, load_standard

STANDARDS = {sid: load_standard(sid) for sid in SHIPPED_STANDARDS}
ALL_IDS = tuple(sorted({r.id for s in STANDARDS.values() for r in s.requirements}))


@settings(max_examples=60)
@given(
    data=strategies.audit_records(ALL_IDS),
    sid=st.sampled_from(SHIPPED_STANDARDS),
    year=st.one_of(st.none(), st.integers(min_value=0, max_value=8)),
)
def test_one_outcome_per_requirement_or_record_error(
    data: object, sid: str, year: int | None
) -> None:
    """Any schema-shaped record yields one status per requirement, or a clear RecordError."""
    std = STANDARDS[sid]
    try:
        rec = load_record(data)  # type: ignore[arg-type]
        ev = evaluate(std, rec, year=year)
    except (FileProblems, RecordError) as e:
        assert str(e) and "\n" not in str(e)
        return
    assert [r.id for r in ev.results] == [r.id for r in std.requirements]
    assert all(r.status in STATUSES and r.explanation for r in ev.results)
    assert ev.decision in ("certified", "not_certified", "suspended")
    out = evaluation_to_json(ev)
    assert sum(out["summary"]["by_status"].values()) == len(std.requirements)


@settings(max_examples=60)
@given(data=strategies.audit_records(ALL_IDS), sid=st.sampled_from(SHIPPED_STANDARDS))
def test_core_not_passed_never_certifies(data: object, sid: str) -> None:
    """Certified exactly when no due requirement of a blocking type failed or went unassessed."""
    try:
        ev = evaluate(STANDARDS[sid], load_record(data), year=2)  # type: ignore[arg-type]
    except (FileProblems, RecordError):
        return
    policy = STANDARDS[sid].certification
    assert policy is not None
    core_bad = [
        r
        for r in ev.results
        if policy.types[r.requirement.type].blocks_certification
        and r.status in ("fail", "not_assessed")
    ]
    assert (ev.decision == "certified") == (not core_bad)


@settings(max_examples=40)
@given(data=strategies.audit_records())
def test_arbitrary_findings_never_crash(data: object) -> None:
    """Records with arbitrary finding ids give a result or a path-addressed error."""
    try:
        evaluate(STANDARDS["fairmined-2.0"], load_record(data), year=1)  # type: ignore[arg-type]
    except FileProblems as e:
        assert all(p.path for p in e.problems)
    except RecordError as e:
        assert e.path
