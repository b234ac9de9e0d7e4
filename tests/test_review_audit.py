"""Independent review of audit outputs with hand-built records (issue 12)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from fairmined.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("locale", "label"),
    [("en", "Self-assessment"), ("es", "Autoevaluación"), ("fr", "Auto-évaluation")],
)
def test_self_assessment_is_labelled_in_the_xlsx_summary(
    locale: str, label: str, tmp_path: Path
) -> None:
    """The xlsx summary of a self-assessment says so and does not present a decision."""
    openpyxl = pytest.importorskip("openpyxl")
    data = json.loads((ROOT / "examples/audits/fairmined-2.0-certified.json").read_text("utf-8"))
    data["audit"]["type"] = "self_assessment"
    record = tmp_path / "self.json"
    record.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "self.xlsx"
    assert (
        main(["audit", str(record), "--format", "xlsx", "--out", str(out), "--locale", locale]) == 0
    )
    sheet = openpyxl.load_workbook(out).worksheets[0]
    decision = str(sheet.cell(row=2, column=2).value)
    assert decision.startswith(label), decision


EXAMPLE = Path(__file__).parent.parent / "examples" / "audits" / "fairmined-2.0-certified.json"


def _run(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["audit", str(path), "--json"])
    return code, capsys.readouterr().err


def _with(kind: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    data = copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    data[kind] = [x for x in data.get(kind, []) if x["requirement"] != items[0]["requirement"]]
    data[kind] += items
    return data


@pytest.mark.parametrize("first_tagged", [False, True])
def test_untagged_and_tagged_finding_for_one_requirement_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first_tagged: bool
) -> None:
    """A tagged fail beside an untagged pass for one requirement is refused, not dropped."""
    tag = {"standard": "fairmined-2.0"}
    items = [
        {"requirement": "0.3.2", "outcome": "pass", **(tag if first_tagged else {})},
        {"requirement": "0.3.2", "outcome": "fail", **({} if first_tagged else tag)},
    ]
    code, err = _run(tmp_path, _with("findings", items), capsys)
    assert code == 2
    assert "$.findings[" in err and "a second finding for '0.3.2'" in err


def test_untagged_and_tagged_waiver_for_one_requirement_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two waivers that both apply to fairmined-2.0 (one untagged) are refused like duplicates."""
    waiver = {"requirement": "3.16", "justification": "flood", "expires": "2024-06-30"}
    items = [waiver, {**waiver, "standard": "fairmined-2.0"}]
    code, err = _run(tmp_path, _with("waivers", items), capsys)
    assert code == 2
    assert "a second waiver for '3.16'" in err
