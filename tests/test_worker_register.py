"""The worker register: a record's workers from a CSV or .xlsx sheet, one row per worker."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from fairmined.audit import evaluate
from fairmined.cli import main
from fairmined.errors import FileProblems, InputError
from fairmined.records import WORKER_FIELDS, load_record, read_workers
from fairmined.tables import TableFile

ROOT = Path(__file__).parent.parent
RECORD = ROOT / "examples" / "audits" / "fairmined-2.0-child-labour-mercury.json"

pytestmark = pytest.mark.usefixtures("fresh_standards")


def _data() -> dict[str, Any]:
    return json.loads(RECORD.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def split(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The example record without its workers, and its workers as a CSV and an .xlsx register."""
    data = _data()
    workers = data["workers"]
    data["workers"] = []
    record = tmp_path / "record.json"
    record.write_text(json.dumps(data), encoding="utf-8")
    columns = ["id", "name", *[f for f in WORKER_FIELDS if f != "id"]]
    with (tmp_path / "workers.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(columns)
        for worker in workers:
            w.writerow(
                [_cell(worker.get(c, "(not read)" if c == "name" else None)) for c in columns]
            )
    wb = Workbook()
    ws = wb.active
    ws.title = "Trabajadores"
    ws.append(columns)
    for worker in workers:
        ws.append([worker.get(c) for c in columns])  # booleans, numbers and date text as cells
    wb.save(tmp_path / "workers.xlsx")
    return record, tmp_path / "workers.csv", tmp_path / "workers.xlsx"


def outcome(ev: Any) -> list[tuple[str, str, str]]:
    return [(r.requirement.id, r.status, r.explanation) for r in ev.results]


def test_register_gives_the_same_evaluation_as_the_record(tmp_path: Path) -> None:
    """The example's workers from a ';' CSV or an .xlsx register decide exactly as in the record."""
    record, as_csv, as_xlsx = split(tmp_path)
    whole = evaluate("fairmined-2.0", RECORD)
    assert whole.decision != "certified"
    for register in (as_csv, as_xlsx):
        ev = evaluate("fairmined-2.0", record, workers=register)
        assert ev.decision == whole.decision
        assert outcome(ev) == outcome(whole)
        assert ev.record.facts["workers"] == whole.record.facts["workers"]
    without = evaluate("fairmined-2.0", record)
    assert outcome(without) != outcome(whole)


def test_register_values_are_typed_as_the_record_holds_them(tmp_path: Path) -> None:
    """Yes/no cells become booleans, hours a Decimal; empty cells and extra columns are left out."""
    _, as_csv, _ = split(tmp_path)
    reg = read_workers(as_csv)
    first = reg.workers[0]
    assert first["underground"] is True and first["handles_chemicals"] is False
    assert str(first["hours_per_week"]) == "44"
    assert "name" not in first
    assert len(reg.workers) == len(_data()["workers"])


def test_bad_cell_is_named_by_register_row_and_column(tmp_path: Path) -> None:
    """A bad birth date in the register is reported on its CSV line and column, not $.workers[i]."""
    record, as_csv, _ = split(tmp_path)
    lines = as_csv.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(";")
    cells[2] = "2024-13-01"
    lines[3] = ";".join(cells)
    as_csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileProblems) as e:
        load_record(record, workers=as_csv)
    text = "\n".join(e.value.lines())
    assert f"{as_csv}:4: birth_date:" in text
    assert "$.workers" not in text


def test_bad_xlsx_cell_names_sheet_and_cell(tmp_path: Path) -> None:
    """In an .xlsx register the problem names the sheet and the cell."""
    record, _, as_xlsx = split(tmp_path)
    from openpyxl import load_workbook

    wb = load_workbook(as_xlsx)
    wb["Trabajadores"]["F3"] = "maybe"  # member
    wb.save(as_xlsx)
    assert wb["Trabajadores"]["F1"].value == "member"
    with pytest.raises(FileProblems) as e:
        load_record(record, workers=TableFile(as_xlsx, sheet="Trabajadores"))
    assert "sheet Trabajadores, cell F3 (member)" in str(e.value)


def test_record_with_its_own_workers_and_a_register_is_refused(tmp_path: Path) -> None:
    """Workers in both places are refused: which list counts would be a guess."""
    _, as_csv, _ = split(tmp_path)
    with pytest.raises(InputError, match=r"lists 9 workers and a worker register is given"):
        load_record(RECORD, workers=as_csv)


def test_register_missing_id_column_is_refused(tmp_path: Path) -> None:
    """A register without an id column names what it found."""
    bad = tmp_path / "w.csv"
    bad.write_text("worker,birth_date\nW-1,1990-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="worker register lacks column id"):
        read_workers(bad)


def test_cli_audit_with_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`audit RECORD --workers FILE --sheet S` decides as the whole record; --diff refuses it."""
    record, _, as_xlsx = split(tmp_path)
    whole = main(["audit", str(RECORD), "--json"])
    expected = json.loads(capsys.readouterr().out)
    args = ["audit", str(record), "--workers", str(as_xlsx), "--sheet", "Trabajadores", "--json"]
    code = main(args)
    got = json.loads(capsys.readouterr().out)
    assert code == whole == 1
    assert got["decision"] == expected["decision"]
    assert got["results"] == expected["results"]
    assert got["corrective_actions"] == expected["corrective_actions"]
    code = main(["audit", str(record), str(record), "--diff", "--workers", str(as_xlsx)])
    assert code == 2
    assert "--workers goes with one record" in capsys.readouterr().err


def test_evaluate_workers_needs_an_unloaded_record(tmp_path: Path) -> None:
    """workers= with an AuditRecord already loaded is a TypeError, not silently ignored."""
    _, as_csv, _ = split(tmp_path)
    with pytest.raises(TypeError, match="workers= needs the record"):
        evaluate("fairmined-2.0", load_record(RECORD), workers=as_csv)
