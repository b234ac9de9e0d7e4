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
    assert "after the audit (2024-03-31)" in err.message


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

    assert "ecological certification was not requested" in render_audit([ev], "json")
    for fmt in ("text", "markdown", "html"):  # the report words the note for people
        said = "ecological certification was requested: it is taken as not requested"
        assert said in " ".join(render_audit([ev], fmt).split()), fmt


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
    assert "ceased to be in force" in render_audit([ev], "json")
    for fmt in ("text", "markdown", "html"):
        said = " ".join(render_audit([ev], fmt).split())
        assert "after fairtrade-fairmined-2010 ceased to be in force on" in said, fmt


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
    assert '"assessment": "self_assessment"' in render_audit([ev], "json")
    for fmt in ("text", "markdown", "html"):
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


# --------------------------------------------------------------------------- 5. format 2


def v2(**changes: Any) -> dict[str, Any]:
    """BASE as a format-2 record, with changes."""
    data = record(**changes)
    data["format"] = "fairmined-audit/2"
    return data


def test_v1_record_refuses_format_2_sections() -> None:
    """A format-1 record keeps its meaning: format 2's sections are unknown keys there."""
    data = record(permits=[])
    with pytest.raises((FileProblems, RecordError)) as exc:
        load_record(data)
    assert "$.permits" in [e.path for e in problems(exc)]


def test_v1_examples_evaluate_the_same_as_v2() -> None:
    """The same facts as format 1 or 2 give the same statuses and decision."""
    data = example("fairmined-2.0-certified.json")
    one = evaluate(load_standard("fairmined-2.0"), load_record(data))
    two = evaluate(
        load_standard("fairmined-2.0"), load_record(dict(data, format="fairmined-audit/2"))
    )
    assert [r.status for r in one.results] == [r.status for r in two.results]
    assert one.decision == two.decision


def permit(kind: str, valid_from: str, valid_until: str, pid: str) -> dict[str, str]:
    return {"id": pid, "kind": kind, "valid_from": valid_from, "valid_until": valid_until}


def test_every_mining_title_must_be_valid_on_the_audit_date(tiny: Standard) -> None:
    """Two titles, one ending the day before the audit: the title requirement fails."""
    data = v2(audit__certification_year=1, legality=None)
    data["permits"] = [
        permit("mining_title", "2020-01-01", "2030-01-01", "T-1"),
        permit("mining_title", "2020-01-01", "2024-03-30", "T-2"),
    ]
    ev = evaluate(tiny, load_record(data))
    assert {r.id: r.status for r in ev.results}["L1"] == "fail"
    assert ev.decision == "suspended"


def test_title_ending_on_the_audit_date_is_valid(tiny: Standard) -> None:
    """Valid through its last day: a title ending on the audit date passes."""
    data = v2(audit__certification_year=1, legality=None)
    data["permits"] = [permit("mining_title", "2020-01-01", "2024-03-31", "T-1")]
    ev = evaluate(tiny, load_record(data))
    assert {r.id: r.status for r in ev.results}["L1"] == "pass"
    assert any("derived from 1 permit" in n for n in ev.notes)


def test_title_not_yet_started_is_not_held() -> None:
    """A title that starts after the audit date is not held on it."""
    data = v2(legality=None)
    data["permits"] = [permit("mining_title", "2024-04-01", "2030-01-01", "T-1")]
    rec = load_record(data)
    assert rec.facts["legality"]["mining_title"]["held"] is False  # type: ignore[index]


def test_production_derives_grams_per_miner_per_day() -> None:
    """14.6 kg by 38 miners over 290 days is 1.325 g per miner per day (0.001 g, half even)."""
    data = v2(production={"gold_kg": "14.6", "miners": 38, "days_worked": 290})
    facts = load_record(data).facts
    assert str(facts["traceability"]["g_per_miner_per_day"]) == "1.325"  # type: ignore[index]


def test_production_never_overwrites_a_given_figure() -> None:
    """A per-miner-per-day figure the record gives is kept."""
    data = v2(
        production={"gold_kg": "14.6", "miners": 38, "days_worked": 290},
        traceability={"g_per_miner_per_day": "5"},
    )
    facts = load_record(data).facts
    assert str(facts["traceability"]["g_per_miner_per_day"]) == "5"  # type: ignore[index]


def test_declared_sample_is_evidence_for_worker_rules(tiny: Standard) -> None:
    """One worker interviewed out of 40, declared as a sample: the worker rule decides."""
    data = v2(organisation__members=40, worker_sample={"size": 1, "population": 40})
    ev = evaluate(tiny, load_record(data))
    assert {r.id: r.status for r in ev.results}["C1"] == "pass"


def test_sample_size_must_match_the_list() -> None:
    """A sample of 5 with one worker listed is refused."""
    data = v2(worker_sample={"size": 5, "population": 40})
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    assert [e.path for e in problems(exc)] == ["$.worker_sample.size"]


def test_finding_references_reach_every_format(tiny: Standard) -> None:
    """A finding's file, its SHA-256 and a photo id appear in text, JSON, Markdown and HTML."""
    from fairmined.report import render_audit

    digest = "ab" * 32
    data = v2(
        findings=[
            {
                "requirement": "J1",
                "outcome": "fail",
                "date": "2024-03-30",
                "references": [
                    {"kind": "document", "file": "minutes.pdf", "sha256": digest},
                    {"kind": "photo", "document_id": "PH-7"},
                ],
            }
        ]
    )
    ev = evaluate(tiny, load_record(data))
    for fmt in ("text", "json", "markdown", "html"):
        out = render_audit([ev], fmt)
        assert "minutes.pdf" in out and digest in out and "PH-7" in out, fmt


def test_bad_digest_is_refused() -> None:
    """A SHA-256 that is not 64 hex digits is a record error at its path."""
    data = v2(
        findings=[
            {"requirement": "J1", "outcome": "pass", "references": [{"file": "a", "sha256": "xyz"}]}
        ]
    )
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    assert [e.path for e in problems(exc)] == ["$.findings[0].references[0].sha256"]


def test_certifier_deadline_overrides_the_default_period(tiny: Standard) -> None:
    """A major failure with the certifier's own deadline keeps that date."""
    data = v2(findings=[{"requirement": "J1", "outcome": "fail", "deadline": "2024-04-30"}])
    ev = evaluate(tiny, load_record(data))
    (action,) = ev.corrective_actions
    assert action.deadline is not None and action.deadline.isoformat() == "2024-04-30"
    assert action.set_by_certifier


def test_premium_amounts_per_year_after_the_audit_are_refused() -> None:
    """Premium for a year after the audit year is refused."""
    data = v2(premium={"years": [{"year": 2025, "currency": "USD", "received": "10"}]})
    with pytest.raises(FileProblems) as exc:
        load_record(data)
    assert [e.path for e in problems(exc)] == ["$.premium.years[0].year"]


def test_v2_examples_match_their_json_schema() -> None:
    """Every example validates against the JSON Schema of its own format version."""
    import json

    import jsonschema

    docs = Path(__file__).parents[1] / "docs"
    schemas = {
        "fairmined-audit/1": json.loads((docs / "audit-record.schema.json").read_text()),
        "fairmined-audit/2": json.loads((docs / "audit-record-v2.schema.json").read_text()),
    }
    seen = set()
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, schemas[data["format"]])
        seen.add(data["format"])
    assert seen == set(schemas)


# --------------------------------------------------------------------------- follow-up


def previous(*actions: dict[str, Any], year: int = 1, **changes: Any) -> dict[str, Any]:
    data = v2(audit__certification_year=year, **changes)
    data["previous_corrective_actions"] = list(actions)
    return data


def test_major_action_open_past_its_deadline_suspends(tiny: Standard) -> None:
    """An open major action due the day before the audit suspends, dated by the suspension end."""
    ev = evaluate(
        tiny,
        load_record(previous({"requirement": "M1", "deadline": "2024-03-30", "state": "open"})),
    )
    assert ev.decision == "suspended"
    (f,) = ev.follow_ups
    assert (f.state, f.consequence) == ("overdue", "suspended")
    (action,) = ev.corrective_actions
    assert action.clears_suspension and action.deadline is not None
    assert action.deadline.isoformat() == "2024-09-30"
    assert any("M1 from the previous audit" in r for r in ev.reasons)


def test_action_due_on_the_audit_day_is_not_overdue(tiny: Standard) -> None:
    """Due on the audit date itself: still open, not overdue, no escalation."""
    ev = evaluate(
        tiny,
        load_record(previous({"requirement": "M1", "deadline": "2024-03-31", "state": "open"})),
    )
    assert ev.decision == "certified"
    assert ev.follow_ups[0].state == "open_not_due"


def test_minor_overdue_gets_a_new_action_with_the_minor_period(tiny: Standard) -> None:
    """An overdue minor action gets a new action due after the minor period (6 months)."""
    ev = evaluate(
        tiny,
        load_record(previous({"requirement": "N1", "deadline": "2024-01-31", "state": "open"})),
    )
    assert ev.decision == "certified"
    (action,) = ev.corrective_actions
    assert action.deadline is not None and action.deadline.isoformat() == "2024-09-30"
    assert not action.clears_suspension


def test_closed_late_and_in_time_are_told_apart(tiny: Standard) -> None:
    """Closed on the deadline is in time; one day later is late; neither escalates."""
    ev = evaluate(
        tiny,
        load_record(
            previous(
                {
                    "requirement": "M1",
                    "deadline": "2024-02-29",
                    "state": "closed",
                    "closed_on": "2024-02-29",
                },
                {
                    "requirement": "N1",
                    "deadline": "2024-02-29",
                    "state": "closed",
                    "closed_on": "2024-03-01",
                },
            )
        ),
    )
    assert [f.state for f in ev.follow_ups] == ["closed_in_time", "closed_late"]
    assert ev.decision == "certified"


def test_overdue_before_certification_refuses_instead_of_suspending(tiny: Standard) -> None:
    """Not yet certified (year 0): an overdue major action cannot suspend, so it refuses."""
    ev = evaluate(
        tiny,
        load_record(
            previous({"requirement": "M1", "deadline": "2024-01-01", "state": "open"}, year=0)
        ),
    )
    assert ev.decision == "not_certified"


def test_closed_action_needs_its_closing_date() -> None:
    """A closed action without closed_on is refused."""
    with pytest.raises(FileProblems) as exc:
        load_record(previous({"requirement": "M1", "deadline": "2024-01-01", "state": "closed"}))
    assert [e.path for e in problems(exc)] == ["$.previous_corrective_actions[0].closed_on"]


def test_previous_action_with_unknown_requirement_is_refused(tiny: Standard) -> None:
    """Previous actions are tags like findings: an unknown id is a record error."""
    data = previous({"requirement": "M2", "deadline": "2024-01-01", "state": "open"})
    with pytest.raises(FileProblems) as exc:
        evaluate(tiny, load_record(data))
    (err,) = problems(exc)
    assert err.path == "$.previous_corrective_actions[0].requirement"
    assert err.hint == "did you mean M1?"


def test_follow_up_example_shows_closed_and_overdue_actions() -> None:
    """The shipped follow-up example: a sample, closed, late and overdue actions, suspended."""
    ev = evaluate(
        load_standard("fairmined-2.0"), load_record(EXAMPLES / "fairmined-2.0-follow-up.json")
    )
    states = {f.state for f in ev.follow_ups}
    assert states == {"closed_in_time", "closed_late", "overdue", "open_not_due"}
    assert ev.decision == "suspended"
    assert ev.record.facts.get("worker_sample") is not None


# --------------------------------------------------------------------------- 7. --diff


def test_diff_sorts_requirements_into_resolved_new_and_persisting(tiny: Standard) -> None:
    """M1 fixed, N1 newly failed, C1 failing in both: each lands in its own list."""
    from fairmined.audit import diff

    before = record(
        toxic_substances__mercury__retorts_used=False,
        workers=[{"id": "W-1", "birth_date": "2012-01-01"}],
    )
    after = record(
        health_and_safety__accident_register=False,
        workers=[{"id": "W-1", "birth_date": "2012-01-01"}],
    )
    d = diff(evaluate(tiny, load_record(before)), evaluate(tiny, load_record(after)))
    assert [c.id for c in d.of("resolved")] == ["M1"]
    assert [c.id for c in d.of("new")] == ["N1"]
    assert [c.id for c in d.of("persists")] == ["C1"]


def test_diff_lists_actions_closed_late_overdue_and_unreported(tiny: Standard) -> None:
    """Late and overdue actions from the record, plus a previous action never reported on."""
    from fairmined.audit import diff

    before = record(
        audit__date="2023-03-31",
        audit__certification_year=1,
        health_and_safety__accident_register=False,
        toxic_substances__mercury__retorts_used=False,
    )
    after = previous(
        {
            "requirement": "J1",
            "deadline": "2023-06-30",
            "state": "closed",
            "closed_on": "2023-07-03",
        },
        year=2,
        health_and_safety__accident_register=False,
    )
    d = diff(evaluate(tiny, load_record(before)), evaluate(tiny, load_record(after)))
    states = {a.id: a.state for a in d.actions}
    assert states == {"J1": "closed_late", "N1": "not_recorded"}


def test_cli_diff_json_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    """`audit PREV CUR --diff --json` gives the documented keys and exits as the current audit."""
    import json

    from fairmined.cli import main

    prev = str(EXAMPLES / "fairmined-2.0-certified.json")
    cur = str(EXAMPLES / "fairmined-2.0-follow-up.json")
    assert main(["audit", prev, cur, "--diff", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [
        "format",
        "standard",
        "previous",
        "current",
        "requirements",
        "corrective_actions",
    ]
    assert out["format"] == "fairmined-audit-diff/1"
    assert list(out["requirements"]) == ["resolved", "new", "persists"]
    assert {a["state"] for a in out["corrective_actions"]} >= {"closed_late", "overdue"}
    assert main(["audit", prev, "--diff"]) == 2
    assert "exactly two records" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_cli_diff_human_formats_in_spanish(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The comparison renders in every human format and in the reader's language."""
    from fairmined.cli import main

    prev = str(EXAMPLES / "fairmined-2.0-certified.json")
    cur = str(EXAMPLES / "fairmined-2.0-follow-up.json")
    main(["audit", prev, cur, "--diff", "--format", fmt, "--locale", "es"])
    out = capsys.readouterr().out
    assert "Comparación de auditorías" in out
    assert "cerrada con retraso" in out


def test_self_assessment_label_reaches_the_workbook() -> None:
    """The Excel summary labels a self-assessment, never a bare decision."""
    import io

    import openpyxl

    from fairmined.report import audit_xlsx, translator

    data = example("fairmined-2.0-certified.json")
    data["audit"]["type"] = "self_assessment"
    ev = evaluate(load_standard("fairmined-2.0"), load_record(data))
    book = openpyxl.load_workbook(io.BytesIO(audit_xlsx([ev], translator("en"))))
    cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row]
    assert any("Self-assessment, not a certification decision" in c for c in cells)


def test_failing_now_and_overdue_gives_one_action(tiny: Standard) -> None:
    """N1 fails again and its previous action is overdue: one action, not two."""
    data = previous(
        {"requirement": "N1", "deadline": "2024-01-31", "state": "open"},
        health_and_safety__accident_register=False,
    )
    ev = evaluate(tiny, load_record(data))
    assert [a.requirement.id for a in ev.corrective_actions] == ["N1"]


def test_a_rule_can_require_every_permit_of_a_kind_valid_on_the_audit_date() -> None:
    """The rule language reads permits directly: every water permit valid, at least one held."""
    from fairmined.records import RECORD_SCHEMA
    from fairmined.rules import compile_rule

    rule = compile_rule(
        'count(p in permits where p.kind == "water") >= 1 and '
        'all(p in permits where p.kind == "water": '
        "p.valid_from <= audit.date and p.valid_until >= audit.date)",
        RECORD_SCHEMA,
    )

    def facts(*permits: dict[str, str]) -> Any:
        data = v2()
        data["permits"] = list(permits)
        return load_record(data).facts

    ok = permit("water", "2020-01-01", "2024-03-31", "W-1")
    late = permit("water", "2024-04-01", "2030-01-01", "W-2")
    assert rule.evaluate(facts(ok)) is True
    assert rule.evaluate(facts(ok, late)) is False
    assert rule.evaluate(facts(permit("explosives", "2020-01-01", "2030-01-01", "X-1"))) is False
