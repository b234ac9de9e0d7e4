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


# --------------------------------------------------------------------------- 3. dates and facts

EXAMPLES = Path(__file__).parents[1] / "examples" / "audits"


def example(name: str) -> dict[str, Any]:
    """An example record as a dict, to change one fact at a time."""
    import json

    return dict(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))


def test_birth_date_after_audit_date_is_refused() -> None:
    """A worker born after the audit (age -6) is a record error at that worker's path."""
    data = record(workers=[{"id": "W-1", "birth_date": "2030-01-01"}])
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    (err,) = problems(exc)
    assert err.path == "$.workers[0].birth_date"
    assert "after the audit date 2024-03-31" in err.message


def test_birthday_on_the_audit_date_counts_the_new_age(tiny: Standard) -> None:
    """Fifteen on the audit day itself is fifteen; one day later is still fourteen."""
    on_day = record(workers=[{"id": "W-1", "birth_date": "2009-03-31"}])
    day_after = record(workers=[{"id": "W-1", "birth_date": "2009-04-01"}])
    assert {r.id: r.status for r in evaluate(tiny, load_record(on_day)).results}["C1"] == "pass"
    assert {r.id: r.status for r in evaluate(tiny, load_record(day_after)).results}["C1"] == "fail"


def test_assembly_after_the_audit_is_refused() -> None:
    """An assembly dated after the audit is a record error, not a pass with a negative gap."""
    data = example("fairmined-2.0-certified.json")
    data["governance"]["general_assembly_last_held"] = "2030-01-01"
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    assert [e.path for e in problems(exc)] == ["$.governance.general_assembly_last_held"]


def test_assembly_rule_refuses_a_later_date_even_without_the_loader() -> None:
    """The rule itself fails an assembly after the audit (all three standards)."""
    from datetime import date

    for sid in ("fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0"):
        rule = next(
            r.rule
            for r in load_standard(sid).requirements
            if r.rule_text and "general_assembly_last_held" in r.rule_text
        )
        assert rule is not None
        facts = {
            "audit": {"date": date(2024, 3, 31)},
            "governance": {
                "general_assembly_last_held": date(2024, 4, 1),
                "assembly_minutes_kept": True,
            },
        }
        assert rule.evaluate(facts) is False, sid
        facts["governance"]["general_assembly_last_held"] = date(2023, 3, 31)
        assert rule.evaluate(facts) is True, sid


def test_audit_dated_in_the_future_is_refused() -> None:
    """An audit dated 2099 is refused; today given explicitly keeps the test stable."""
    from datetime import date

    data = record(audit__date="2099-01-01")
    with pytest.raises(FileProblems) as exc:
        load_record(data, today=date(2026, 11, 30))
    assert [e.path for e in problems(exc)] == ["$.audit.date"]


def test_audit_dated_today_is_accepted() -> None:
    """The boundary: an audit dated today is not in the future."""
    from datetime import date

    rec = load_record(record(audit__date="2026-11-30"), today=date(2026, 11, 30))
    assert rec.audit_date == date(2026, 11, 30)


def test_self_assessment_may_be_dated_ahead() -> None:
    """A self-assessment may be dated in the future (preparing for an audit)."""
    from datetime import date

    rec = load_record(
        record(audit__date="2099-01-01", audit__type="self_assessment"), today=date(2026, 11, 30)
    )
    assert rec.audit_date.year == 2099


@pytest.mark.parametrize(
    "fact",
    ["retorts_used", "amalgam_burned_in_open", "amalgam_burned_in_homes"],
)
def test_no_mercury_yet_amalgam_burned_is_refused(fact: str) -> None:
    """'No mercury used' with amalgam burned is a contradiction naming the burning fact."""
    data = record(toxic_substances={"mercury": {"used": False, fact: True}})
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    (err,) = problems(exc)
    assert err.path == f"$.toxic_substances.mercury.{fact}"
    assert "$.toxic_substances.mercury.used" in err.message


def test_gravity_only_yet_cyanide_used_is_refused() -> None:
    """Only gravity processing contradicts cyanide use."""
    data = record(
        environment={"only_gravity_processing": True},
        toxic_substances={"mercury": {"used": False}, "cyanide": {"used": True}},
    )
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    assert [e.path for e in problems(exc)] == ["$.toxic_substances.cyanide.used"]


def test_empty_worker_list_is_not_evidence(tiny: Standard) -> None:
    """`"workers": []` leaves the worker rules not assessed, with the reason, not passed."""
    ev = evaluate(tiny, load_record(record(workers=[])))
    c1 = next(r for r in ev.results if r.id == "C1")
    assert c1.status == "not_assessed"
    assert "worker list is empty" in c1.explanation
    assert ev.decision == "not_certified"
    assert any("worker list is empty" in n for n in ev.notes)


def test_short_worker_list_without_sample_is_not_evidence(tiny: Standard) -> None:
    """One worker listed for four declared members: the pass is not evidence."""
    ev = evaluate(tiny, load_record(record(organisation__members=4)))
    c1 = next(r for r in ev.results if r.id == "C1")
    assert c1.status == "not_assessed"
    assert "holds 1 people but the organisation declares 4 members" in c1.explanation


def test_short_worker_list_still_proves_a_breach(tiny: Standard) -> None:
    """A child on a partial list is a failure all the same."""
    data = record(organisation__members=4, workers=[{"id": "W-1", "birth_date": "2015-01-01"}])
    ev = evaluate(tiny, load_record(data))
    assert {r.id: r.status for r in ev.results}["C1"] == "fail"


def test_full_worker_list_is_evidence(tiny: Standard) -> None:
    """As many workers listed as members declared: the rules decide as usual."""
    ev = evaluate(tiny, load_record(record(organisation__members=1)))
    assert {r.id: r.status for r in ev.results}["C1"] == "pass"
    assert ev.notes == (
        "audit.ecological is absent: ecological certification was not "
        "requested, so the ecological requirements do not apply",
    )


def test_ecological_absent_means_not_requested() -> None:
    """Without audit.ecological the ecological core requirements do not apply, and it is said."""
    data = example("fairmined-2.0-certified.json")
    data["audit"].pop("ecological", None)
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    eco = [
        r
        for r in ev.results
        if r.requirement.scope_text and "ecological" in r.requirement.scope_text
    ]
    assert eco and all(r.status == "not_applicable" for r in eco)
    assert ev.decision == "certified"
    assert any("ecological certification was not requested" in n for n in ev.notes)
    from fairmined.report import render_audit

    for fmt in ("text", "markdown", "html", "json"):
        assert "ecological certification was not requested" in render_audit([ev], fmt), fmt


def test_waiver_expiring_on_the_audit_day_still_exempts(tiny: Standard) -> None:
    """A waiver is valid through its expiry day; the day before the audit it is ignored."""
    base = record(health_and_safety__accident_register=False)
    on_day = dict(
        base, waivers=[{"requirement": "N1", "justification": "flood", "expires": "2024-03-31"}]
    )
    day_before = dict(
        base, waivers=[{"requirement": "N1", "justification": "flood", "expires": "2024-03-30"}]
    )
    assert {r.id: r.status for r in evaluate(tiny, load_record(on_day)).results}["N1"] == "waived"
    ignored = next(r for r in evaluate(tiny, load_record(day_before)).results if r.id == "N1")
    assert ignored.status == "fail"
    assert "expired on 2024-03-30" in ignored.explanation


# --------------------------------------------------------------------------- 4. in force


def test_standard_out_of_force_warns_in_every_format() -> None:
    """The 2010 joint standard on a 2024 audit warns in reasons, JSON, text, Markdown, HTML."""
    from fairmined.report import render_audit

    data = example("fairtrade-fairmined-2010-certified.json")
    data["audit"]["date"] = "2024-03-12"
    ev = evaluate(load_standard("fairtrade-fairmined-2010"), load_record(data))
    assert ev.warnings and "ceased to be in force on" in ev.warnings[0]
    assert ev.reasons[0] == ev.warnings[0]
    assert "ceased to be in force" in render_audit([ev], "text")
    assert "ceased to be in force" in render_audit([ev], "json")
    for fmt in ("markdown", "html"):
        assert "outside the dates in force of fairtrade-fairmined-2010" in render_audit([ev], fmt)


def test_standard_out_of_force_is_an_error_when_strict() -> None:
    """--strict turns the dates-in-force warning into a record error at $.audit.date."""
    data = example("fairtrade-fairmined-2010-certified.json")
    data["audit"]["date"] = "2024-03-12"
    with pytest.raises(RecordError) as exc:
        evaluate(load_standard("fairtrade-fairmined-2010"), load_record(data), strict=True)
    assert exc.value.path == "$.audit.date"


def test_audit_before_the_standard_came_into_force_warns() -> None:
    """An audit dated before fairmined-2.0's 2014-04-05 gets the warning too."""
    data = example("fairmined-2.0-certified.json")
    data["audit"]["date"] = "2014-04-04"
    for w in data.get("workers", []):
        w.pop("birth_date", None)
    data["governance"].pop("general_assembly_last_held", None)
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    assert ev.warnings and "before fairmined-2.0 came into force" in ev.warnings[0]


def test_self_assessment_is_never_presented_as_a_decision() -> None:
    """A record of type self_assessment is labelled so in every format, never 'CERTIFIED'."""
    from fairmined.report import render_audit

    data = example("fairmined-2.0-certified.json")
    data["audit"]["type"] = "self_assessment"
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    assert ev.self_assessment
    text = render_audit([ev], "text")
    assert "SELF-ASSESSMENT, not a certification decision" in text.splitlines()[0]
    assert '"assessment": "self_assessment"' in render_audit([ev], "json")
    for fmt in ("markdown", "html"):
        out = render_audit([ev], fmt)
        assert "Self-assessment, not a certification decision" in out
        assert "Decision: CERTIFIED" not in out


def test_cli_strict_exits_2_on_a_standard_out_of_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fairmined audit --strict` exits 2 with one line naming $.audit.date; without it, 0."""
    import json

    from fairmined.cli import main

    data = example("fairtrade-fairmined-2010-certified.json")
    data["audit"]["date"] = "2012-03-12"
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(data), encoding="utf-8")
    assert main(["audit", str(ok), "--strict"]) == 0
    data["audit"]["date"] = "2014-03-12"
    late = tmp_path / "late.json"
    late.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["audit", str(late)]) in (0, 1)
    assert "ceased to be in force" in capsys.readouterr().out
    assert main(["audit", str(late), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "$.audit.date" in err and "Traceback" not in err


# --------------------------------------------------------------------------- 6. core actions


def test_suspended_core_failure_gets_an_action_dated_by_the_suspension_end(
    tiny: Standard,
) -> None:
    """A certified organisation failing a core requirement: action due 6 months on (data)."""
    data = record(
        audit__certification_year=1,
        legality__mining_title__valid_until="2024-03-30",
    )
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "suspended"
    (action,) = ev.corrective_actions
    assert action.requirement.id == "L1"
    assert action.clears_suspension
    assert action.deadline is not None and action.deadline.isoformat() == "2024-09-30"
    assert any("suspension must be cleared by 2024-09-30" in r for r in ev.reasons)


def test_suspension_deadline_from_a_month_end_is_the_month_end(tiny: Standard) -> None:
    """Audit on 31 August: 6 months later is the last day of February, not 3 March."""
    data = record(
        audit__date="2023-08-31",
        audit__certification_year=1,
        workers=[{"id": "W-1", "birth_date": "1990-01-01"}],
        legality__mining_title__valid_until="2023-08-30",
    )
    ev = evaluate(tiny, load_record(data))
    (action,) = ev.corrective_actions
    assert action.deadline is not None and action.deadline.isoformat() == "2024-02-29"


def test_unassessed_core_requirement_gets_an_action(tiny: Standard) -> None:
    """A core requirement that cannot be confirmed gets an action to provide the evidence."""
    data = record(audit__certification_year=1, workers=None)
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "suspended"
    (action,) = ev.corrective_actions
    assert action.requirement.id == "C1"
    assert action.reason.startswith("provide the missing evidence")


def test_initial_audit_core_failure_has_an_action_without_a_suspension_date(
    tiny: Standard,
) -> None:
    """Not certified at an initial audit: an action, no suspension to clear, so no date."""
    data = record(workers=[{"id": "W-1", "birth_date": "2012-01-01"}])
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "not_certified"
    (action,) = ev.corrective_actions
    assert action.requirement.id == "C1"
    assert action.deadline is None and not action.clears_suspension
    assert "certification waits" in action.reason


def test_suspension_period_is_data_with_a_source() -> None:
    """Every shipped standard keeps the suspension period, with its source, in its file."""
    for sid in ("fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0"):
        policy = load_standard(sid).certification
        assert policy is not None and policy.suspension is not None
        assert policy.suspension.period.text == "6 months"
        assert "FLOCERT" in policy.suspension.source
        assert policy.suspension.verified or policy.suspension.note


def test_bad_policy_tables_name_their_path() -> None:
    """A misspelt consequence or period in the policy tables fails the standard's load."""
    from fairmined.errors import FairminedError
    from fairmined.standards import parse_standard

    text = TINY.read_text(encoding="utf-8")
    bad = text.replace('major = "suspended"', 'major = "suspend"').replace(
        'max_period = "6 months"', 'max_period = "half a year"'
    )
    with pytest.raises(FairminedError) as exc:
        parse_standard(bad, "bad.toml")
    err = exc.value
    found = [str(p) for p in getattr(err, "problems", (err,))]
    assert any("$.certification.overdue_actions.major" in p for p in found)
    assert any("$.certification.suspension.max_period" in p for p in found)
