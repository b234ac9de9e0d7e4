"""Audit decisions the mutation run found unpinned (docs/testing.md, "Surviving mutants").

Each test evaluates a record against the tiny test standard (or a variant of it
written to a temporary file) and names the behaviour a certifier relies on.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from fairmined.audit import CorrectiveAction, evaluate
from fairmined.errors import FileProblems, RecordError
from fairmined.records import load_record
from fairmined.rules import Deciding
from fairmined.standards import SHIPPED_STANDARDS, Standard, load_standard

TINY = Path(__file__).parent / "data" / "tiny-standard.toml"
EXAMPLES = Path(__file__).parent.parent / "examples" / "audits"

RECORD: dict[str, Any] = {
    "format": "fairmined-audit/2",
    "organisation": {"name": "Test coop (fictitious)"},
    "audit": {"date": "2024-03-31", "certification_year": 1},
    "workers": [{"id": "W-1", "birth_date": "1990-01-01"}],
    "toxic_substances": {"mercury": {"used": True, "retorts_used": True}},
    "health_and_safety": {"accident_register": True},
    "legality": {"mining_title": {"held": True, "valid_until": "2030-01-01"}},
    "findings": [{"requirement": "J1", "outcome": "pass", "evidence": "seen"}],
}


@pytest.fixture(scope="module")
def tiny() -> Standard:
    return load_standard(TINY)


@pytest.fixture(scope="module")
def core_gets_new_action(tmp_path_factory: pytest.TempPathFactory) -> Standard:
    """The tiny standard where an overdue core action gets a new one, due in a month."""
    text = TINY.read_text(encoding="utf-8")
    periods = "[certification.corrective_action_periods]\n"
    assert '\ncore = "suspended"' in text and periods in text
    text = text.replace('\ncore = "suspended"', '\ncore = "new_action"')
    text = text.replace(periods, periods + 'core = "1 month"\n')
    path = tmp_path_factory.mktemp("std") / "tiny-new-action.toml"
    path.write_text(text, encoding="utf-8")
    return load_standard(path)


def record(year: int = 1, *previous: dict[str, str], **facts: Any) -> dict[str, Any]:
    """The record with the certification year, previous actions and some facts changed."""
    data = copy.deepcopy(RECORD)
    data["audit"]["certification_year"] = year
    data["previous_corrective_actions"] = list(previous)
    for section, value in facts.items():
        data[section] = value
    return data


#: A worker of nine: C1 (core) fails at this audit.
CHILD = [{"id": "W-1", "birth_date": "2015-01-01"}]
#: No accident register: N1 (minor) fails at this audit.
NO_REGISTER = {"accident_register": False}


def overdue(requirement: str) -> dict[str, str]:
    return {"requirement": requirement, "deadline": "2024-01-31", "state": "open"}


def only_action(actions: tuple[CorrectiveAction, ...], requirement: str) -> CorrectiveAction:
    (action,) = [a for a in actions if a.requirement.id == requirement]
    return action


def test_action_clearing_a_suspension_wins_over_a_sooner_one(
    core_gets_new_action: Standard,
) -> None:
    """C1 fails again and its last action is overdue: one action, the suspension's, is kept."""
    data = record(1, overdue("C1"), workers=CHILD)
    ev = evaluate(core_gets_new_action, load_record(data))
    assert ev.decision == "suspended"
    action = only_action(ev.corrective_actions, "C1")
    # The overdue action's new deadline (a month) is sooner than the suspension's (6 months).
    assert action.clears_suspension
    assert action.deadline == date(2024, 9, 30)


def test_dated_action_wins_over_one_without_a_deadline(core_gets_new_action: Standard) -> None:
    """Not yet certified: of C1's undated core action and its dated new action, the dated stays."""
    data = record(0, overdue("C1"), workers=CHILD)
    ev = evaluate(core_gets_new_action, load_record(data))
    assert ev.decision == "not_certified"
    action = only_action(ev.corrective_actions, "C1")
    assert action.deadline == date(2024, 4, 30)
    assert "close the action overdue since 2024-01-31" in action.reason


def test_equal_deadlines_keep_the_current_failures_action(tiny: Standard) -> None:
    """N1 fails again and its last action is overdue, both due in 6 months: the current stays."""
    data = record(1, overdue("N1"), health_and_safety=NO_REGISTER)
    ev = evaluate(tiny, load_record(data))
    action = only_action(ev.corrective_actions, "N1")
    assert action.deadline == date(2024, 9, 30)
    assert action.reason.startswith("correct the failure")


def _variant(tmp_path: Path, name: str, old: str, new: str) -> Standard:
    """The tiny standard with ``old`` replaced by ``new`` (which must be there once)."""
    text = TINY.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_standard(path)


def test_certifier_deadline_replaces_the_types_period(tiny: Standard) -> None:
    """A fail with the certifier's own deadline: that date, said to be set by the certifier."""
    data = record(1)
    data["findings"] = [{"requirement": "J1", "outcome": "fail", "deadline": "2024-05-15"}]
    ev = evaluate(tiny, load_record(data))
    action = only_action(ev.corrective_actions, "J1")
    assert (action.deadline, action.period) == (date(2024, 5, 15), "set by the certifier")
    assert action.set_by_certifier
    assert action.reason == "correct the failure"


def test_default_deadline_names_the_types_period(tiny: Standard) -> None:
    """A minor failure without the certifier's deadline: due after the minor period, named."""
    ev = evaluate(tiny, load_record(record(1, health_and_safety=NO_REGISTER)))
    action = only_action(ev.corrective_actions, "N1")
    assert (action.deadline, action.period) == (date(2024, 9, 30), "6 months")
    assert not action.set_by_certifier
    assert action.reason == "correct the failure"


def test_type_without_a_period_gets_an_action_without_deadline(tmp_path: Path) -> None:
    """A standard setting no period for development: D1's action is undated, still D1's."""
    std = _variant(tmp_path, "no-development-period", 'development = "1 year"\n', "")
    data = record(3)
    data["findings"] = [*RECORD["findings"], {"requirement": "D1", "outcome": "fail"}]
    ev = evaluate(std, load_record(data))
    action = only_action(ev.corrective_actions, "D1")
    assert (action.deadline, action.period) == (None, None)
    assert action.reason == "raise the development score"
    assert "1 corrective action (0 with a deadline)" in ev.reasons


def test_counts_by_category_add_up_to_the_counts(tiny: Standard) -> None:
    """Per category, every status is counted once per result; the rows add up to counts."""
    data = record(3, health_and_safety=NO_REGISTER)
    ev = evaluate(tiny, load_record(data))
    by_category, counts = ev.counts_by_category(), ev.counts()
    assert list(by_category) == list(dict.fromkeys(r.requirement.category for r in ev.results))
    for category, row in by_category.items():
        mine = [r.status for r in ev.results if r.requirement.category == category]
        assert row == {s: mine.count(s) for s in row}
    assert {s: sum(row[s] for row in by_category.values()) for s in counts} == counts
    assert counts["fail"] >= 1 and counts["not_assessed"] >= 1


def _development(tiny: Standard, *findings: dict[str, Any]) -> dict[str, Any]:
    data = record(3)
    data["findings"] = [RECORD["findings"][0], *findings]
    return {r.id: r for r in evaluate(tiny, load_record(data)).results}


def test_explicit_development_fail_counts_as_the_lowest_score(tiny: Standard) -> None:
    """A development fail scores the scale's lowest; a different score beside it is said unused."""
    results = _development(
        tiny,
        {"requirement": "D1", "outcome": "fail", "score": 4, "evidence": " dust "},
        {"requirement": "D2", "outcome": "fail", "score": 1},
    )
    d1, d2 = results["D1"], results["D2"]
    assert (d1.status, d1.score, d2.status, d2.score) == ("fail", 1, "fail", 1)
    assert d1.explanation == (
        "The auditor recorded fail (dust): a failed development requirement counts as the "
        "lowest score, 1; the score 4 written with it is not used."
    )
    assert d2.explanation.endswith("counts as the lowest score, 1.")
    assert d1.finding is not None and d1.finding.evidence == " dust "
    bare = _development(tiny, {"requirement": "D1", "outcome": "fail"})["D1"]
    assert bare.explanation == (
        "The auditor recorded fail: a failed development requirement counts as the lowest score, 1."
    )


def test_development_pass_needs_a_score(tiny: Standard) -> None:
    """A development pass without a score is not assessed, naming the score's path."""
    d1 = _development(tiny, {"requirement": "D1", "outcome": "pass"})["D1"]
    assert d1.status == "not_assessed"
    assert d1.missing == ("findings[D1].score",)
    assert d1.explanation == "Not assessed: a development requirement needs a score from 1 to 5."
    assert d1.finding is not None and d1.finding.outcome == "pass"


def test_development_score_is_told_with_its_evidence(tiny: Standard) -> None:
    """A scored development pass says the score, the scale's top, the threshold, the evidence."""
    d1 = _development(tiny, {"requirement": "D1", "outcome": "pass", "score": 4, "evidence": "ok"})
    d2 = _development(tiny, {"requirement": "D1", "outcome": "pass", "score": 4})["D1"]
    assert d1["D1"].explanation.startswith("Scored 4 of 5, threshold 3.0 (ok)")
    assert d2.explanation == "Scored 4 of 5, threshold 3.0."
    assert d1["D1"].finding is not None and d1["D1"].finding.score == 4


def test_two_blocking_types_are_named_together(tmp_path: Path) -> None:
    """fairtrade-gold-2013 with core criteria blocking too: the certified reason names both."""
    gold = load_standard("fairtrade-gold-2013")
    assert gold.path is not None
    old = '[certification.types.core]\nlabel = "core criterion"\nblocks_certification = false'
    text = Path(gold.path).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "gold-core-blocks.toml"
    path.write_text(text.replace(old, old.replace("false", "true")), encoding="utf-8")
    ev = evaluate(load_standard(path), load_record(EXAMPLES / "fairtrade-gold-2013-certified.json"))
    assert ev.decision == "certified"
    assert ev.reasons[0] == "every core criterion or major criterion due is met or waived"


def _record_file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _problems(tiny: Standard, path: Path) -> list[RecordError]:
    with pytest.raises(FileProblems) as exc:
        evaluate(tiny, load_record(path))
    return list(exc.value.problems)


def test_unknown_standard_tag_lists_the_known_ids(tiny: Standard, tmp_path: Path) -> None:
    """A tag like no standard id: the error names the file and lists every id it could be."""
    data = record(1)
    data["findings"] = [{"requirement": "J1", "outcome": "pass", "standard": "qqqq"}]
    path = _record_file(tmp_path, data)
    (err,) = _problems(tiny, path)
    assert (err.file, err.path) == (str(path), "$.findings[0].standard")
    assert err.message == "no standard 'qqqq' is known, so this item would apply to none"
    assert err.hint == "known: " + ", ".join(sorted({*SHIPPED_STANDARDS, "tiny"}))


def test_standard_tag_half_like_an_id_is_suggested(tiny: Standard, tmp_path: Path) -> None:
    """A tag sharing half its letters with "tiny" (similarity 0.5) still suggests it."""
    data = record(1)
    data["findings"] = [{"requirement": "J1", "outcome": "pass", "standard": "tinxxxxx"}]
    (err,) = _problems(tiny, _record_file(tmp_path, data))
    assert err.hint == "did you mean tiny?"


def test_unknown_requirement_names_the_file(tiny: Standard, tmp_path: Path) -> None:
    """A finding for an id nothing resembles: the error names the file and gives no guess."""
    data = record(1)
    data["findings"] = [{"requirement": "ZZZZZZ", "outcome": "pass"}]
    path = _record_file(tmp_path, data)
    (err,) = _problems(tiny, path)
    assert (err.file, err.path, err.hint) == (str(path), "$.findings[0].requirement", None)
    assert err.message == "tiny has no requirement 'ZZZZZZ'"


def test_tag_for_another_standard_accepts_its_former_ids(tiny: Standard) -> None:
    """A finding tagged for fairtrade-fairmined-2010 under a former id (an alias) is accepted."""
    other = load_standard("fairtrade-fairmined-2010")
    alias = next(a for r in other.requirements for a in r.aliases)
    assert alias not in {r.id for r in other.requirements}
    data = record(1)
    data["findings"] = [
        *RECORD["findings"],
        {"requirement": alias, "outcome": "fail", "standard": other.id},
    ]
    assert evaluate(tiny, load_record(data)).decision == "certified"


@pytest.mark.parametrize(
    ("kind", "key", "item"),
    [
        ("finding", "findings", {"requirement": "J1", "outcome": "pass"}),
        ("previous corrective action", "previous_corrective_actions", overdue("N1")),
    ],
)
def test_second_item_for_one_requirement_names_the_first(
    tiny: Standard, tmp_path: Path, kind: str, key: str, item: dict[str, str]
) -> None:
    """An untagged item and one tagged "tiny" for one requirement: the second is refused."""
    data = record(1)
    data[key] = [item, {**item, "standard": "tiny"}]
    path = _record_file(tmp_path, data)
    (err,) = _problems(tiny, path)
    assert (err.file, err.path) == (str(path), f"$.{key}[1].requirement")
    req = item["requirement"]
    assert err.message == (
        f"a second {kind} for {req!r} applies to this standard (the first is $.{key}[0])"
    )


def test_rule_met_but_auditor_failed_says_both(tiny: Standard) -> None:
    """Facts meeting N1's rule with the auditor's fail: a fail saying what the auditor recorded."""
    data = record(1)
    data["findings"] = [
        *RECORD["findings"],
        {"requirement": "N1", "outcome": "fail", "evidence": "register torn"},
    ]
    (n1,) = [r for r in evaluate(tiny, load_record(data)).results if r.id == "N1"]
    assert n1.status == "fail"
    assert n1.explanation == (
        "The facts meet the rule, but the auditor recorded fail (register torn)."
    )


def test_blocking_reasons_name_each_status_once(tiny: Standard) -> None:
    """One failed core and one unassessed: one reason each, singular, ids listed."""
    data = record(1, workers=CHILD)
    data["legality"] = {"mining_title": {"held": True}}
    data["findings"] = [
        *RECORD["findings"],
        {"requirement": "M1", "outcome": "fail"},
    ]
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "suspended"
    assert ev.reasons[:2] == (
        "core failed: C1",
        "core not assessed (a core that cannot be confirmed counts as not met): L1",
    )
    assert not any(r.startswith(("major", "cores")) for r in ev.reasons)


def test_blocking_reasons_list_every_failure_in_the_plural() -> None:
    """fairtrade-gold-2013's failing example: "major criteria failed:" and every failed id."""
    gold = load_standard("fairtrade-gold-2013")
    ev = evaluate(gold, load_record(EXAMPLES / "fairtrade-gold-2013-child-labour-mercury.json"))
    failed = [r.id for r in ev.results if r.id in ev.blocking and r.status == "fail"]
    assert len(failed) > 1
    label = gold.certification.types["major"].label if gold.certification else ""
    assert label.endswith(" criterion")
    assert ev.reasons[0] == f"{label.removesuffix('criterion')}criteria failed: {', '.join(failed)}"


def test_suspension_action_names_its_period(tiny: Standard) -> None:
    """A core failure when certified: the action clears the suspension within its named period."""
    ev = evaluate(tiny, load_record(record(1, workers=CHILD)))
    action = only_action(ev.corrective_actions, "C1")
    assert (action.deadline, action.period) == (date(2024, 9, 30), "6 months")
    assert "1 corrective action with a deadline" in ev.reasons


def test_no_suspension_period_gives_an_undated_action(tmp_path: Path) -> None:
    """A standard setting no maximum suspension: the core action is undated and says why."""
    old = '[certification.suspension]\nmax_period = "6 months"\nsource = "test"\nverified = true\n'
    std = _variant(tmp_path, "no-suspension", old, "")
    ev = evaluate(std, load_record(record(1, workers=CHILD)))
    assert ev.decision == "suspended"
    action = only_action(ev.corrective_actions, "C1")
    assert (action.deadline, action.period, action.clears_suspension) == (None, None, False)
    assert action.reason == (
        "correct the failure; the standard file sets no maximum suspension period"
    )


def test_counts_by_category_count_every_result_of_a_category() -> None:
    """A real standard, several results per category: each row counts all of them."""
    std = load_standard("fairmined-2.0")
    ev = evaluate(std, load_record(EXAMPLES / "fairmined-2.0-missing-evidence.json"))
    by_category = ev.counts_by_category()
    assert max(sum(row.values()) for row in by_category.values()) > 1
    for category, row in by_category.items():
        assert sum(row.values()) == sum(1 for r in ev.results if r.requirement.category == category)


def test_manual_requirement_without_finding_names_the_finding_missing(tiny: Standard) -> None:
    """A requirement the auditor judges, with no finding: not assessed, the finding missing."""
    results = {r.id: r for r in evaluate(tiny, load_record(record(3))).results}
    d1 = results["D1"]
    assert (d1.status, d1.missing) == ("not_assessed", ("findings[D1]",))
    assert d1.explanation == (
        "Not assessed: this requirement is judged by the auditor and the record has no "
        "finding for it."
    )


def test_sooner_deadline_wins_whichever_comes_first(tiny: Standard) -> None:
    """N1's certifier deadline is later than its overdue action's new one: the sooner is kept."""
    data = record(1, overdue("N1"), health_and_safety=NO_REGISTER)
    data["findings"] = [
        *RECORD["findings"],
        {"requirement": "N1", "outcome": "fail", "deadline": "2024-12-31"},
    ]
    ev = evaluate(tiny, load_record(data))
    action = only_action(ev.corrective_actions, "N1")
    assert action.deadline == date(2024, 9, 30)
    assert "close the action overdue since 2024-01-31" in action.reason


def test_two_undated_actions_keep_the_current_failures(tiny: Standard) -> None:
    """Not yet certified: C1 fails again, its last action overdue, both undated: current stays."""
    ev = evaluate(tiny, load_record(record(0, overdue("C1"), workers=CHILD)))
    assert ev.decision == "not_certified"
    action = only_action(ev.corrective_actions, "C1")
    assert action.deadline is None
    assert action.reason.startswith("correct the failure")


def test_several_actions_and_blocking_failures_in_the_plural(tiny: Standard) -> None:
    """Two cores failed and two not assessed: plural labels, every id listed, actions counted."""
    failing = record(1, workers=CHILD)
    failing["legality"] = {"mining_title": {"held": True, "valid_until": "2024-01-01"}}
    ev = evaluate(tiny, load_record(failing))
    assert ev.reasons[0] == "cores failed: C1, L1"
    assert "2 corrective actions with deadlines" in ev.reasons
    unknown = record(1, workers=[{"id": "W-1"}])
    unknown["legality"] = {"mining_title": {"held": True}}
    ev = evaluate(tiny, load_record(unknown))
    assert ev.reasons[0] == (
        "cores not assessed (a core that cannot be confirmed counts as not met): C1, L1"
    )


def test_no_blocking_type_is_said_in_plain_words(tmp_path: Path) -> None:
    """fairtrade-gold-2013 with no type blocking certification: the reason says so generically."""
    gold = load_standard("fairtrade-gold-2013")
    assert gold.path is not None
    old = '[certification.types.major]\nlabel = "major criterion"\nblocks_certification = true'
    text = Path(gold.path).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "gold-nothing-blocks.toml"
    path.write_text(text.replace(old, old.replace("true", "false")), encoding="utf-8")
    ev = evaluate(load_standard(path), load_record(EXAMPLES / "fairtrade-gold-2013-certified.json"))
    assert ev.reasons[0] == "every requirement that blocks certification due is met or waived"


# Codes and arguments: what a report in another language words each result and reason from
# (Result.code and args, Evaluation.reason_notices, CorrectiveAction.then).


def _results(std: Standard, data: dict[str, Any]) -> dict[str, Any]:
    return {r.id: r for r in evaluate(std, load_record(data)).results}


def _waiver(requirement: str, expires: str) -> dict[str, str]:
    return {"requirement": requirement, "expires": expires, "justification": "agreed"}


def test_manual_requirement_without_a_finding_names_the_waiver_it_ignores(tiny: Standard) -> None:
    """J1 without a finding: not assessed; under an expired waiver, that waiver's own date."""
    data = record(1)
    data["findings"] = []
    plain = _results(tiny, data)["J1"]
    assert (plain.status, plain.code, dict(plain.args)) == ("not_assessed", "no_finding", {})
    assert plain.missing == ("findings[J1]",)
    assert plain.explanation == (
        "Not assessed: this requirement is judged by the auditor and the record has no "
        "finding for it."
    )
    for expires in ("2024-01-01", "2023-06-30"):
        data["waivers"] = [_waiver("J1", expires)]
        ignored = _results(tiny, data)["J1"]
        assert (ignored.status, ignored.code) == ("not_assessed", "no_finding")
        assert dict(ignored.args) == {"waiver_expired": date.fromisoformat(expires)}
        assert ignored.missing == ("findings[J1]",)
        assert ignored.explanation == (
            f"A waiver expired on {expires} and is ignored; not assessed: this requirement is "
            "judged by the auditor and the record has no finding for it."
        )


def test_manual_finding_is_the_auditors_outcome_with_any_waiver_ignored(tiny: Standard) -> None:
    """J1 with a finding: its outcome, code finding; a waiver expired the day before is named."""
    data = record(1)
    data["findings"] = [{"requirement": "J1", "outcome": "fail", "evidence": "no plan"}]
    j1 = _results(tiny, data)["J1"]
    assert (j1.status, j1.code, dict(j1.args)) == ("fail", "finding", {})
    assert j1.explanation == "The auditor recorded fail (no plan)."
    data["waivers"] = [_waiver("J1", "2024-03-30")]
    j1 = _results(tiny, data)["J1"]
    assert (j1.status, j1.code, dict(j1.args)) == (
        "fail",
        "finding",
        {"waiver_expired": date(2024, 3, 30)},
    )
    assert j1.explanation == (
        "A waiver expired on 2024-03-30 and is ignored; the auditor recorded fail (no plan)."
    )


def test_requirement_due_from_a_later_year_says_both_years(tiny: Standard) -> None:
    """D1 is due from year 3: at years 1 and 2 it does not apply, both years in its args."""
    for year in (1, 2):
        d1 = _results(tiny, record(year))["D1"]
        assert (d1.status, d1.code) == ("not_applicable", "not_due")
        assert dict(d1.args) == {"due_from_year": 3, "year": year}
        assert d1.explanation == f"Not due yet: due from certification year 3, this is year {year}."
    assert _results(tiny, record(3))["D1"].code == "no_finding"


def test_development_results_carry_the_scale_and_the_score(tiny: Standard) -> None:
    """Scored fail, score missing, scored pass: each code with the scale's ends and the score."""
    results = _development(
        tiny,
        {"requirement": "D1", "outcome": "fail", "score": 4},
        {"requirement": "D2", "outcome": "pass"},
    )
    d1, d2 = results["D1"], results["D2"]
    assert (d1.code, dict(d1.args)) == ("scored_fail", {"low": 1, "unused_score": 4})
    assert (d2.code, dict(d2.args)) == ("scored_missing", {"low": 1, "high": 5})
    same = _development(tiny, {"requirement": "D1", "outcome": "fail", "score": 1})["D1"]
    assert (same.code, dict(same.args)) == ("scored_fail", {"low": 1, "unused_score": None})
    results = _development(
        tiny,
        {"requirement": "D1", "outcome": "pass", "score": 4},
        {"requirement": "D2", "outcome": "pass", "score": 5},
    )
    assert (results["D2"].code, dict(results["D2"].args)) == (
        "scored",
        {"score": 5, "high": 5, "threshold": Decimal("3.0")},
    )


def test_decision_reasons_carry_the_blocking_ids_and_the_suspensions_end(tiny: Standard) -> None:
    """C1 fails and L1 is not assessed when certified: each reason's code with its figures."""
    data = record(1, workers=CHILD)
    del data["legality"]
    ev = evaluate(tiny, load_record(data))
    assert ev.decision == "suspended"
    assert [(n.code, dict(n.args)) for n in ev.reason_notices] == [
        ("blocking_failed", {"type": "core", "ids": ("C1",)}),
        ("blocking_not_assessed", {"type": "core", "ids": ("L1",)}),
        (
            "suspension_clear_by",
            {"date": date(2024, 9, 30), "period": "6 months", "source": "test"},
        ),
        ("corrective_actions", {"n": 2, "dated": 2}),
    ]
    assert [(a.requirement.id, a.task, a.then) for a in ev.corrective_actions] == [
        ("C1", "correct", "suspension"),
        ("L1", "evidence", "suspension"),
    ]


def test_blocking_action_says_what_follows_it(tiny: Standard, tmp_path: Path) -> None:
    """A core failure's action: certification waits at year 0; no limit without a suspension."""
    (action,) = evaluate(tiny, load_record(record(0, workers=CHILD))).corrective_actions
    assert (action.then, action.deadline) == ("waits", None)
    text = TINY.read_text(encoding="utf-8")
    start, end = text.index("[certification.suspension]"), text.index("[certification.overdue")
    path = tmp_path / "tiny-no-suspension.toml"
    path.write_text(text[:start] + text[end:].replace('"suspended"', '"new_action"'), "utf-8")
    ev = evaluate(load_standard(path), load_record(record(1, workers=CHILD)))
    assert ev.decision == "suspended"
    (action,) = ev.corrective_actions
    assert (action.then, action.deadline, action.period) == ("no_limit", None, None)
    assert action.reason == (
        "correct the failure; the standard file sets no maximum suspension period"
    )


def test_failed_requirement_of_a_type_without_actions_gets_none(tmp_path: Path) -> None:
    """A voluntary best practice (neither blocks nor gets actions) that fails asks for no action."""
    gold = load_standard("fairtrade-gold-2013")
    assert gold.path is not None
    old = 'id = "4.2.1"\ncategory = "organisation"\ntype = "core"'
    text = Path(gold.path).read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "gold-voluntary-assembly.toml"
    path.write_text(text.replace(old, old.replace("core", "voluntary_best_practice")), "utf-8")
    voluntary = load_standard(path)
    assert voluntary.certification is not None
    kind = voluntary.certification.types["voluntary_best_practice"]
    assert not (kind.blocks_certification or kind.corrective_action)
    rec = load_record(EXAMPLES / "fairtrade-gold-2013-child-labour-mercury.json")
    before = {a.requirement.id for a in evaluate(gold, rec).corrective_actions}
    ev = evaluate(voluntary, rec)
    assert next(r for r in ev.results if r.id == "4.2.1").status == "fail"
    assert {a.requirement.id for a in ev.corrective_actions} == before - {"4.2.1"}
    assert "4.2.1" in before


def test_record_built_without_an_audit_section_is_a_certification_audit(tiny: Standard) -> None:
    """An AuditRecord made in code without an audit section: no self-assessment, no crash."""
    loaded = load_record(record(1))
    facts = {k: v for k, v in loaded.facts.items() if k != "audit"}
    ev = evaluate(tiny, attrs.evolve(loaded, facts=facts))
    assert not ev.self_assessment
    assert {r.id: r.status for r in ev.results if r.status == "not_assessed"} == {
        "C1": "not_assessed",
        "L1": "not_assessed",
    }
    typed = {**loaded.facts, "audit": {**loaded.facts["audit"], "type": "self_assessment"}}
    assert evaluate(tiny, attrs.evolve(loaded, facts=typed)).self_assessment


W1 = """[[requirements]]
id = "W1"
category = "labour"
type = "minor"
title = "Register where minors work"
description = "Where anyone under 18 works, the accident register is kept."
scope = "any(w in workers: age(w.birth_date, audit.date) < 18)"
rule = "health_and_safety.accident_register"
source = "test"
clause_verified = false

[certification]
"""


@pytest.fixture(scope="module")
def scoped(tmp_path_factory: pytest.TempPathFactory) -> Standard:
    """The tiny standard with W1, whose scope reads the workers."""
    text = TINY.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("std") / "tiny-w1.toml"
    path.write_text(text.replace("[certification]\n", W1, 1), encoding="utf-8")
    return load_standard(path)


def test_scope_over_an_incomplete_worker_list_cannot_be_false(scoped: Standard) -> None:
    """W1's scope is false over an empty or short worker list: not assessed, with both sizes."""
    empty = _results(scoped, record(1, workers=[]))["W1"]
    assert (empty.status, empty.code, empty.missing) == (
        "not_assessed",
        "scope_worker_gap",
        ("workers",),
    )
    assert dict(empty.args) == {"listed": 0, "members": None}
    assert empty.explanation == (
        "Cannot tell whether it applies: the worker list is empty and no interview sample "
        "is stated."
    )
    short = _results(scoped, record(1, organisation={"name": "Coop", "members": 5}))["W1"]
    assert (short.status, short.code) == ("not_assessed", "scope_worker_gap")
    assert dict(short.args) == {"listed": 1, "members": 5}
    assert short.explanation == (
        "Cannot tell whether it applies: the worker list holds 1 people but the organisation "
        "declares 5 members, and no interview sample is stated."
    )


def test_scope_false_over_a_complete_list_or_not_reading_workers_is_out_of_scope(
    scoped: Standard,
) -> None:
    """W1 over every member, and M1 (mercury unused) whatever the list: not applicable."""
    whole = _results(scoped, record(1, organisation={"name": "Coop", "members": 1}))["W1"]
    assert (whole.status, whole.code, dict(whole.args)) == ("not_applicable", "out_of_scope", {})
    assert whole.explanation == (
        "Does not apply here: its scope (any(w in workers: age(w.birth_date, audit.date) < 18)) "
        "is false."
    )
    unused = {"mercury": {"used": False}}
    m1 = _results(scoped, record(1, workers=[], toxic_substances=unused))["M1"]
    assert (m1.status, m1.code, m1.missing) == ("not_applicable", "out_of_scope", ())
    assert (
        m1.explanation == "Does not apply here: its scope (toxic_substances.mercury.used) is false."
    )


def test_unknown_scope_names_the_missing_fact_even_with_a_worker_gap(scoped: Standard) -> None:
    """W1's scope unknown (a birth date missing), the list short: scope unknown, not the gap."""
    data = record(1, organisation={"name": "Coop", "members": 5}, workers=[{"id": "W-1"}])
    w1 = _results(scoped, data)["W1"]
    assert (w1.status, w1.code, dict(w1.args)) == ("not_assessed", "scope_unknown", {})
    assert w1.missing == ("workers[W-1].birth_date",)
    assert w1.explanation == "Cannot tell whether it applies: missing: workers[W-1].birth_date."


def test_waiver_for_another_standard_is_not_applied() -> None:
    """A waiver of 1.3.1 tagged fairtrade-gold-2013 leaves fairmined-2.0's 1.3.1 as it was."""
    std = load_standard("fairmined-2.0")
    data = json.loads((EXAMPLES / "fairmined-2.0-certified.json").read_text(encoding="utf-8"))
    data.pop("standard", None)
    waiver = {"requirement": "1.3.1", "expires": "2099-01-01", "justification": "agreed"}
    alone = _results(std, data)["1.3.1"]
    data["waivers"] = [{**waiver, "standard": "fairtrade-gold-2013"}]
    other = _results(std, data)["1.3.1"]
    assert (other.status, other.code) == (alone.status, alone.code) != ("waived", "waived")
    data["waivers"] = [{**waiver, "standard": "fairmined-2.0"}]
    assert _results(std, data)["1.3.1"].code == "waived"


def test_waiver_of_a_type_it_cannot_exempt_names_the_type(tiny: Standard) -> None:
    """A waiver of C1 (core, not waivable): the rule decides, the type in the args and words."""
    data = record(1, workers=CHILD)
    data["waivers"] = [_waiver("C1", "2025-01-01")]
    c1 = _results(tiny, data)["C1"]
    assert (c1.status, c1.code, dict(c1.args)) == ("fail", "rule_fail", {"waiver_type": "core"})
    assert c1.explanation.startswith("A waiver cannot exempt a core and is ignored; fails: ")


def test_failed_rule_names_its_first_deciding_items_and_their_count(tiny: Standard) -> None:
    """C1 failed by seven children: the first five named (EAGER_ITEMS), seven counted."""
    workers = [{"id": f"W-{i}", "birth_date": "2015-01-01"} for i in range(1, 8)]
    results = _results(tiny, record(1, workers=workers, health_and_safety=NO_REGISTER))
    assert results["C1"].deciding == (
        Deciding("workers", ("W-1", "W-2", "W-3", "W-4", "W-5"), 7, False),
    )
    assert (results["N1"].status, results["N1"].deciding) == ("fail", ())
    assert (results["M1"].status, results["M1"].deciding) == ("pass", ())


def test_rule_holding_over_an_incomplete_worker_list_is_not_assessed(tiny: Standard) -> None:
    """C1 holds for the workers listed, but the list is short: not assessed, both sizes given."""
    c1 = _results(tiny, record(1, organisation={"name": "Coop", "members": 5}))["C1"]
    assert (c1.status, c1.code, c1.missing) == (
        "not_assessed",
        "rule_pass_worker_gap",
        ("workers",),
    )
    assert dict(c1.args) == {"listed": 1, "members": 5}
    data = record(1, workers=[])
    data["waivers"] = [_waiver("C1", "2025-01-01")]
    c1 = _results(tiny, data)["C1"]
    assert (c1.status, c1.code) == ("not_assessed", "rule_pass_worker_gap")
    assert dict(c1.args) == {"waiver_type": "core", "listed": 0, "members": None}


def test_unknown_rule_with_a_finding_is_decided_by_the_finding(tiny: Standard) -> None:
    """L1's facts missing, the auditor recorded pass: the finding decides, code says so."""
    data = record(1)
    del data["legality"]
    data["findings"] = [*RECORD["findings"], {"requirement": "L1", "outcome": "pass"}]
    l1 = _results(tiny, data)["L1"]
    assert (l1.status, l1.code, dict(l1.args)) == ("pass", "rule_unknown_finding", {})
    assert l1.missing == ("legality.mining_title.valid_until",)


def test_record_built_without_an_organisation_has_no_worker_gap(tiny: Standard) -> None:
    """An AuditRecord made in code without an organisation: no membership, so no worker gap."""
    loaded = load_record(record(1))
    facts = {k: v for k, v in loaded.facts.items() if k != "organisation"}
    ev = evaluate(tiny, attrs.evolve(loaded, facts=facts))
    assert {r.id: r.code for r in ev.results}["C1"] == "rule_pass"
    assert "worker_gap" not in [n.code for n in ev.note_notices]


def _notices(std: Standard, data: dict[str, Any]) -> list[tuple[str, dict[str, object]]]:
    return [(n.code, dict(n.args)) for n in evaluate(std, load_record(data)).reason_notices]


def _at_year_3(*findings: dict[str, Any]) -> dict[str, Any]:
    data = record(3)
    data["findings"] = [RECORD["findings"][0], *findings]
    return data


def test_development_failed_by_the_auditor_is_a_reason_only_while_the_average_holds(
    tiny: Standard,
) -> None:
    """D1 failed, D2 scored 5: the average 3.0 meets the threshold, D1's fail is the reason."""
    fail, five = {"requirement": "D1", "outcome": "fail"}, {"requirement": "D2", "outcome": "pass"}
    ev = evaluate(tiny, load_record(_at_year_3(fail, {**five, "score": 5})))
    assert ("development_failed_by_auditor", {"ids": ("D1",)}) in [
        (n.code, dict(n.args)) for n in ev.reason_notices
    ]
    assert (
        "development requirement failed by the auditor (D1): corrective actions set; the average "
        "decides certification"
    ) in ev.reasons
    both = _notices(tiny, _at_year_3(fail, {"requirement": "D2", "outcome": "fail"}))
    assert [code for code, _ in both if code.startswith("development")] == ["development_below"]
    assert ("development_below", {"average": Decimal("1.00"), "threshold": Decimal("3.0")}) in both


def test_several_development_fails_under_a_holding_average_are_listed(tmp_path: Path) -> None:
    """D1 and D2 failed, D3 and D4 scored 5: average 3.0 holds; both fails named, in the plural."""
    text = TINY.read_text(encoding="utf-8")
    d2 = '[[requirements]]\nid = "D2"'
    d1 = text[text.index('[[requirements]]\nid = "D1"') : text.index(d2)]
    more = d1.replace('"D1"', '"D3"') + d1.replace('"D1"', '"D4"')
    std = _variant(tmp_path, "tiny-four-development", d2, more + d2)
    data = _at_year_3(
        {"requirement": "D1", "outcome": "fail"},
        {"requirement": "D2", "outcome": "fail"},
        {"requirement": "D3", "outcome": "pass", "score": 5},
        {"requirement": "D4", "outcome": "pass", "score": 5},
    )
    ev = evaluate(std, load_record(data))
    assert ("development_failed_by_auditor", {"ids": ("D1", "D2")}) in [
        (n.code, dict(n.args)) for n in ev.reason_notices
    ]
    assert (
        "development requirements failed by the auditor (D1, D2): corrective actions set; the "
        "average decides certification"
    ) in ev.reasons


def test_development_unscored_counts_both_sides_in_words_and_data(tiny: Standard) -> None:
    """One of two development requirements unscored, then both: counts, singular and plural."""
    one = evaluate(
        tiny,
        load_record(
            _at_year_3(
                {"requirement": "D1", "outcome": "pass", "score": 4},
                {"requirement": "D2", "outcome": "pass"},
            )
        ),
    )
    assert ("development_unscored", {"unscored": 1, "scored": 1}) in [
        (n.code, dict(n.args)) for n in one.reason_notices
    ]
    assert "1 development requirement due but not scored: the average rests on 1" in one.reasons
    none = evaluate(tiny, load_record(_at_year_3()))
    assert ("development_unscored", {"unscored": 2, "scored": 0}) in [
        (n.code, dict(n.args)) for n in none.reason_notices
    ]
    assert "2 development requirements due but not scored: the average rests on 0" in none.reasons


def test_overdue_action_whose_consequence_is_not_certified_refuses_certification(
    tmp_path: Path, tiny: Standard
) -> None:
    """A minor action overdue where the standard says not certified: not certified, reason given."""
    std = _variant(
        tmp_path, "tiny-minor-overdue", 'minor = "new_action"', 'minor = "not_certified"'
    )
    ev = evaluate(std, load_record(record(1, overdue("N1"))))
    assert ev.decision == "not_certified"
    assert ("previous_action_overdue", {"id": "N1", "deadline": date(2024, 1, 31)}) in [
        (n.code, dict(n.args)) for n in ev.reason_notices
    ]
    (action,) = ev.corrective_actions
    assert (action.task, action.then, action.deadline, action.since) == (
        "overdue",
        "waits",
        None,
        date(2024, 1, 31),
    )
    assert evaluate(tiny, load_record(record(1, overdue("N1")))).decision == "certified"


def test_incomplete_worker_list_is_noted_with_both_sizes(tiny: Standard) -> None:
    """A worker list shorter than the membership: a worker_gap note with both sizes."""
    ev = evaluate(tiny, load_record(record(1, organisation={"name": "Coop", "members": 5})))
    assert ("worker_gap", {"listed": 1, "members": 5}) in [
        (n.code, dict(n.args)) for n in ev.note_notices
    ]


def test_scores_below_a_failing_average_must_rise(tiny: Standard) -> None:
    """D1 and D2 scored 2: the average 2.00 is below 3.0, both fail and get a develop action."""
    data = _at_year_3(
        {"requirement": "D1", "outcome": "pass", "score": 2},
        {"requirement": "D2", "outcome": "pass", "score": 2},
    )
    ev = evaluate(tiny, load_record(data))
    d1 = next(r for r in ev.results if r.id == "D1")
    assert (d1.status, d1.code) == ("fail", "scored")
    assert dict(d1.args) == {
        "score": 2,
        "high": 5,
        "threshold": Decimal("3.0"),
        "average": Decimal("2.00"),
        "development": "raise",
    }
    assert d1.explanation == (
        "Scored 2 of 5, threshold 3.0; the average 2.00 is below the threshold 3.0, so this "
        "score must rise."
    )
    assert [(a.requirement.id, a.task) for a in ev.corrective_actions] == [
        ("D1", "develop"),
        ("D2", "develop"),
    ]


def test_a_later_overdue_action_still_escalates(tiny: Standard) -> None:
    """N1's overdue action (a new action) listed before M1's (suspension): still suspended."""
    ev = evaluate(tiny, load_record(record(1, overdue("N1"), overdue("M1"))))
    assert ev.decision == "suspended"
    assert [(a.requirement.id, a.task, a.then) for a in ev.corrective_actions] == [
        ("N1", "overdue", ""),
        ("M1", "overdue", "suspension"),
    ]


def test_record_problems_name_the_record_file(tiny: Standard, tmp_path: Path) -> None:
    """An unknown requirement, a missing certification year: each error names the record file."""
    path = tmp_path / "record.json"
    data = record(1)
    data["findings"].append({"requirement": "ZZ9", "outcome": "pass"})
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileProblems) as unknown:
        evaluate(tiny, load_record(path))
    assert unknown.value.file == str(path)
    data = record(1)
    del data["audit"]["certification_year"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError) as missing:
        evaluate(tiny, load_record(path))
    assert str(missing.value) == (
        f"{path}: $.audit.certification_year: the certification year is missing "
        "(give it in the record or pass --year)"
    )


def test_standard_with_no_requirement_catalog_is_refused(tmp_path: Path) -> None:
    """A standard with a certification policy but no requirements: refused, naming its file."""
    text = TINY.read_text(encoding="utf-8")
    path = tmp_path / "tiny-no-requirements.toml"
    path.write_text(
        text[: text.index("[[requirements]]")] + text[text.index("[certification]") :], "utf-8"
    )
    std = load_standard(path)
    assert std.certification is not None and not std.requirements
    with pytest.raises(RecordError) as refused:
        evaluate(std, load_record(record(1)))
    assert str(refused.value) == f"{path}: tiny has no requirement catalog to audit against"


def test_audit_dates_in_force_count_their_first_and_last_day(tmp_path: Path) -> None:
    """tiny in force 2020-01-01 to 2024-12-31: no warning on either day, one the day around."""
    std = _variant(
        tmp_path,
        "tiny-until",
        "in_force_from = 2020-01-01\n",
        "in_force_from = 2020-01-01\nin_force_to = 2024-12-31\n",
    )
    data = record(1)
    for day in ("2020-01-01", "2024-12-31"):
        data["audit"]["date"] = day
        assert evaluate(std, load_record(data)).warnings == ()
    data["audit"]["date"] = "2019-12-31"
    ev = evaluate(std, load_record(data))
    assert ev.warnings == (
        "warning: the audit date 2019-12-31 is before tiny came into force on 2020-01-01",
    )
    before = {"date": date(2019, 12, 31), "standard": "tiny", "since": date(2020, 1, 1)}
    assert ("audit_before_force", before) in [(n.code, dict(n.args)) for n in ev.reason_notices]
    data["audit"]["date"] = "2025-01-01"
    ev = evaluate(std, load_record(data))
    assert ev.warnings == (
        "warning: the audit date 2025-01-01 is after tiny ceased to be in force on 2024-12-31",
    )
    after = {"date": date(2025, 1, 1), "standard": "tiny", "until": date(2024, 12, 31)}
    assert ("audit_after_force", after) in [(n.code, dict(n.args)) for n in ev.reason_notices]


def test_audit_out_of_force_is_an_error_naming_the_record_when_strict(
    tiny: Standard, tmp_path: Path
) -> None:
    """The day before tiny came into force: a warning by default; strict, an error with a hint."""
    data = record(1)
    data["audit"]["date"] = "2019-12-31"
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert evaluate(tiny, load_record(path)).warnings != ()
    with pytest.raises(RecordError) as refused:
        evaluate(tiny, load_record(path), strict=True)
    assert str(refused.value) == (
        f"{path}: $.audit.date: the audit date 2019-12-31 is before tiny came into force on "
        "2020-01-01 (evaluate against the standard in force on that date, or drop --strict)"
    )


def test_negative_certification_year_is_refused(tiny: Standard) -> None:
    """year=-1: refused, naming the argument; year=0 is an initial audit."""
    with pytest.raises(RecordError) as refused:
        evaluate(tiny, load_record(record(1)), year=-1)
    assert str(refused.value) == "year: the certification year cannot be negative: -1"
    assert evaluate(tiny, load_record(record(1)), year=0).year == 0
