"""Independent review of audit outputs with hand-built records (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

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
