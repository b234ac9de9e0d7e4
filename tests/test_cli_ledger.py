"""fairmined ledger: fine metal bought against declared, in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fairmined.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"


def record(tmp_path: Path) -> Path:
    ledger = tmp_path / "ledger.duckdb"
    args = ["verify-lots", str(EXAMPLE / "lots.csv"), "--certificates"]
    args += [str(EXAMPLE / "certificates.csv"), "--production", str(EXAMPLE / "production.csv")]
    assert main([*args, "--ledger", str(ledger)]) == 1
    return ledger


def test_json_names_the_period_bought_over(tmp_path, capsys):
    """--json: one object per certificate, metal and period; exit 1 when one is over."""
    ledger = record(tmp_path)
    capsys.readouterr()
    assert main(["ledger", str(ledger), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    over = [p for p in doc["periods"] if p["over"]]
    assert [(p["certificate_id"], p["metal"], p["period_start"]) for p in over] == [
        ("FM-CO-001", "gold", "2024-01-01")
    ]
    assert over[0]["declared_g"] == "10000.000"


def test_csv_and_text_agree_with_json(tmp_path, capsys):
    """CSV rows and the text table show the same periods as the JSON."""
    ledger = record(tmp_path)
    capsys.readouterr()
    main(["ledger", str(ledger), "--json"])
    periods = json.loads(capsys.readouterr().out)["periods"]
    main(["ledger", str(ledger), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["certificate_id"], r["bought_g"]) for r in rows] == [
        (p["certificate_id"], p["bought_g"]) for p in periods
    ]
    main(["ledger", str(ledger), "--locale", "es"])
    text = capsys.readouterr().out
    assert "FM-CO-001" in text and "Certificado" in text


def test_a_missing_ledger_is_an_input_error(tmp_path, capsys):
    """No such file: one error line, exit 2."""
    assert main(["ledger", str(tmp_path / "none.duckdb")]) == 2
    assert capsys.readouterr().err.startswith("error: ")


@pytest.mark.parametrize("kind", ["pipe", "device", "directory"])
def test_a_ledger_that_is_not_a_file_is_refused_at_once(tmp_path, kind):
    """--ledger and the ledger command refuse a pipe, a device or a directory with one line,
    exit 2 (DuckDB waited for ever on a pipe; a device was "no such ledger file")."""
    if kind == "pipe":
        target = tmp_path / "fifo"
        os.mkfifo(target)
    else:
        target = Path("/dev/null") if kind == "device" else tmp_path
    lots = ["verify-lots", str(EXAMPLE / "lots.csv"), "--certificates"]
    lots += [str(EXAMPLE / "certificates.csv"), "--ledger", str(target)]
    for args in (lots, ["ledger", str(target)]):
        proc = subprocess.run(
            [sys.executable, "-m", "fairmined", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"error: {target}: ")
        expected = "a directory, not a file" if kind == "directory" else "not a regular file"
        assert expected in proc.stderr


def test_the_example_ledger_holds_the_example_lots(capsys):
    """The shipped ledger is the example lots recorded once (tests/regen_example_ledger.py)."""
    assert main(["ledger", str(EXAMPLE / "ledger.duckdb"), "--json"]) == 1
    shipped = json.loads(capsys.readouterr().out)["periods"]
    assert sum(p["lots"] for p in shipped) == 14
