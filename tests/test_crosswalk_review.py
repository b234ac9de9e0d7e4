"""The crosswalk between standards, the review list and the reviewed-by block (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.cli import main
from fairmined.errors import FileProblems
from fairmined.records import load_record
from fairmined.report import evaluations_to_json, render_audit
from fairmined.standards import (
    MATCHES,
    SHIPPED_STANDARDS,
    load_crosswalk,
    load_standard,
    parse_crosswalk,
)

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "examples" / "audits" / "crosswalk-all-standards.json"


def _find(sid: str):  # type: ignore[no-untyped-def]
    return load_standard(sid) if sid in SHIPPED_STANDARDS else None


def test_shipped_crosswalk_names_real_requirements_with_a_kind_of_match() -> None:
    """Every crosswalk member exists in its standard and every non-reference has a match kind."""
    cw = load_crosswalk()
    assert len(cw.rows) >= 40
    for row in cw.rows:
        assert row.members[0].match is None
        for m in row.members[1:]:
            assert m.match in MATCHES
        for m in row.members:
            assert load_standard(m.standard).requirement(m.requirement) is not None


def test_conflict_requirement_lines_up_in_all_three() -> None:
    """The armed-conflict requirement is one crosswalk row across the three standards."""
    row = next(r for r in load_crosswalk().rows if "armed conflict" in r.topic)
    assert {m.standard for m in row.members} == set(SHIPPED_STANDARDS)


def test_unknown_requirement_in_crosswalk_is_refused() -> None:
    """A crosswalk naming a requirement a standard lacks does not load, with its path."""
    text = """format_version = 1
[[rows]]
topic = "t"
members = [
    { standard = "fairtrade-gold-2013", requirement = "3.3.3.1" },
    { standard = "fairmined-2.0", requirement = "9.9.9", match = "same" },
]
"""
    with pytest.raises(FileProblems) as info:
        parse_crosswalk(text, "x.toml", _find)
    assert any(p.path == "$.rows[0].members[1].requirement" for p in info.value.problems)


def test_bad_match_kind_is_refused() -> None:
    """A match other than same/stricter/weaker/partial is refused."""
    text = """format_version = 1
[[rows]]
topic = "t"
members = [
    { standard = "fairtrade-gold-2013", requirement = "3.3.3.1" },
    { standard = "fairmined-2.0", requirement = "3.1", match = "similar" },
]
"""
    with pytest.raises(FileProblems):
        parse_crosswalk(text, "x.toml", _find)


def test_multi_standard_output_lines_requirements_up() -> None:
    """The several-standards JSON and text give one line per crosswalk row, with statuses."""
    record = load_record(RECORD)
    evs = [evaluate(load_standard(s), record) for s in SHIPPED_STANDARDS]
    data = evaluations_to_json(evs)
    assert isinstance(data, dict)
    rows = data["crosswalk"]["requirements"]
    under15 = next(r for r in rows if r["topic"] == "Nobody under 15 works")
    assert [(m["standard"], m["requirement"], m["match"]) for m in under15["members"]] == [
        ("fairtrade-fairmined-2010", "A-CHL-1", None),
        ("fairtrade-gold-2013", "3.3.3.1", "same"),
        ("fairmined-2.0", "3.1", "same"),
    ]
    assert all(m["status"] for m in under15["members"])
    assert "0.1.2" in data["crosswalk"]["no_counterpart"]["fairmined-2.0"]
    text = render_audit(evs, "text", "en")
    assert "Crosswalk by requirement" in text
    assert any(
        line.startswith("Nobody under 15") and "3.1: passed" in line for line in text.splitlines()
    )
    assert "No counterpart in fairmined-2.0: " in text


def test_review_lists_what_is_not_clause(capsys: pytest.CaptureFixture[str]) -> None:
    """`standards review ID --json` groups every non-clause item by level, with its locator."""
    assert main(["standards", "review", "fairtrade-fairmined-2010", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["to_check"]) == {"section", "practice", "project"}
    reqs = [i for items in data["to_check"].values() for i in items if i["kind"] == "requirement"]
    std = load_standard("fairtrade-fairmined-2010")
    assert len(reqs) == sum(1 for r in std.requirements if not r.provenance.is_clause)
    assert all(not i["id"].startswith("B-6.1.") for i in reqs)
    assert data["reviewed_by"] == []


def test_review_text_says_nobody_reviewed(capsys: pytest.CaptureFixture[str]) -> None:
    """The text review says who reviewed the file (nobody yet) and where to check each item."""
    assert main(["standards", "review", "fairmined-2.0", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "reviewed by: nobody yet" in out
    assert "check: " in out and "project (" in out


def test_reviewed_by_block_is_read_and_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A certifier's own copy with a [[reviewed_by]] block shows who reviewed it."""
    text = (ROOT / "standards" / "fairmined-2.0.toml").read_text(encoding="utf-8")
    text += (
        '\n[[reviewed_by]]\nby = "Example CB"\non = 2026-12-01\n'
        'document_version = "v2.0, April 5, 2014"\n'
    )
    path = tmp_path / "fm-verified.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["standards", "review", str(path), "--locale", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the text is wrapped at 80 columns
    assert "Example CB" in out and "v2.0, April 5, 2014" in out


def test_standards_list_shows_reviewed_by(capsys: pytest.CaptureFixture[str]) -> None:
    """`fairmined standards` says for each standard who reviewed it."""
    assert main(["standards", "--locale", "en"]) == 0
    assert capsys.readouterr().out.count("reviewed by: nobody yet") == 3
