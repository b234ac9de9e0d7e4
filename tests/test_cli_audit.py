"""``fairmined audit`` and ``fairmined standards show``: golden outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import regen_golden
from fairmined.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Computed in the test, not at import: mutmut runs each mutant's tests in a process forked
# after the import, so an expectation computed then would come from the unmutated code.
OUTPUTS = regen_golden.outputs()


@pytest.mark.parametrize("path", sorted(OUTPUTS), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_golden_file_up_to_date(path: Path) -> None:
    """Golden outputs and docs/audit-record.schema.json match the code (see regen_golden.py)."""
    assert path.exists(), "run python tests/regen_golden.py"
    assert path.read_text(encoding="utf-8") == OUTPUTS[path](), (
        f"{path.name} is out of date: run python tests/regen_golden.py and review the diff"
    )


@pytest.mark.parametrize(
    ("stem", "code", "decision"),
    [
        ("fairtrade-fairmined-2010-certified", 0, "certified"),
        ("fairtrade-gold-2013-certified", 0, "certified"),
        ("fairmined-2.0-certified", 0, "certified"),
        ("fairtrade-fairmined-2010-child-labour-mercury", 1, "not_certified"),
        ("fairtrade-gold-2013-child-labour-mercury", 1, "not_certified"),
        ("fairmined-2.0-child-labour-mercury", 1, "not_certified"),
        ("fairtrade-gold-2013-missing-evidence", 1, "suspended"),
    ],
)
def test_exit_code_follows_decision(
    stem: str, code: int, decision: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0 for certified, 1 for not certified or suspended."""
    rec = ROOT / "examples" / "audits" / f"{stem}.json"
    assert main(["audit", str(rec), "--json"]) == code
    assert json.loads(capsys.readouterr().out)["decision"] == decision


def test_several_standards_give_evaluations_and_crosswalk(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Repeated --standard gives {"evaluations": [...], "crosswalk": {...}}."""
    rec = ROOT / "examples" / "audits" / "crosswalk-all-standards.json"
    args = [
        "audit",
        str(rec),
        "--json",
        "--standard",
        "fairmined-2.0",
        "--standard",
        "fairtrade-gold-2013",
    ]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert [e["standard"]["id"] for e in out["evaluations"]] == [
        "fairmined-2.0",
        "fairtrade-gold-2013",
    ]
    assert set(out["crosswalk"]["decisions"]) == {"fairmined-2.0", "fairtrade-gold-2013"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["audit", "nope.json", "--standard", "fairmined-2.0"], "nope.json"),
        (
            ["audit", "examples/audits/fairmined-2.0-certified.json", "--standard", "fairmined-3"],
            "did you mean",
        ),
        (["audit", "examples/audits/crosswalk-all-standards.json"], "$.standard"),
        (["audit", "examples/audits/fairmined-2.0-certified.json", "--year", "x"], "--year"),
        (["audit"], "RECORD"),
        (["standards", "show", "fairmined-2.0", "--category", "kids"], "--category"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str],
    needle: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bad input or usage exits 2 with error lines naming what is wrong, no traceback."""
    monkeypatch.chdir(ROOT)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert needle in err
    assert "Traceback" not in err


def test_junk_record_errors_name_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record with a wrong type is reported as file: path: message."""
    p = tmp_path / "junk.json"
    p.write_text(
        '{"format": "fairmined-audit/1", "organisation": {"name": "x"}, '
        '"audit": {"date": "2024-01-01", "certification_year": "one"}}'
    )
    assert main(["audit", str(p), "--standard", "fairmined-2.0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"error: {p}: $.audit.certification_year: expected a number, got the string 'one'"
    )


def test_standards_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    """standards show --json gives id, version and requirements with the contract keys."""
    assert main(["standards", "show", "fairtrade-gold-2013", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["id"] == "fairtrade-gold-2013" and out["version"]
    for r in out["requirements"]:
        assert {"id", "category", "type", "title", "source"} <= set(r)


def test_standards_show_category_filter(capsys: pytest.CaptureFixture[str]) -> None:
    """--category keeps only that category."""
    assert main(["standards", "show", "fairmined-2.0", "--category", "child_labour", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["category"] for r in out["requirements"]} == {"child_labour"}
    assert len(out["requirements"]) >= 3


def test_standards_list_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    """Plain ``fairmined standards`` still lists the standards."""
    assert main(["standards", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["standards"]) == 3


#: How each language says "N corrective actions, D of them with a deadline" and "no deadline".
_ACTION_WORDS = {
    "en": (
        r"(\d+) corrective actions? \((\d+) with a deadline\)",
        r"Corrective action: no deadline",
    ),
    "es_CO": (r"(\d+) acci\w+ correctivas? \((\d+) con plazo\)", r"Acción correctiva: sin plazo"),
    "fr_BF": (
        r"(\d+) actions? correctives? \((\d+) avec échéance\)",
        r"Action corrective\s: aucune échéance",
    ),
    "pt_BR": (r"(\d+) aç\w+ corretivas? \((\d+) com prazo\)", r"Ação corretiva: sem prazo"),
}


@pytest.mark.parametrize("locale", sorted(_ACTION_WORDS))
def test_corrective_actions_with_a_deadline_are_counted_right(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report's count of actions with a deadline matches its actions that have none."""
    import re

    record = "examples/audits/fairmined-2.0-child-labour-mercury.json"
    with_deadline, none = _ACTION_WORDS[locale]
    assert main(["audit", str(ROOT / record), "--locale", locale]) == 1
    text = capsys.readouterr().out
    m = re.search(with_deadline, text)
    assert m is not None, text[:2000]
    undated = len(re.findall(none, text))
    assert undated > 0
    assert (int(m.group(1)), int(m.group(2))) == (undated, 0)
