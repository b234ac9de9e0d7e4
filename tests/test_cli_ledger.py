"""fairmined ledger: fine metal bought against declared, in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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


def test_the_example_ledger_holds_the_example_lots(capsys):
    """The shipped ledger is the example lots recorded once (tests/regen_example_ledger.py)."""
    assert main(["ledger", str(EXAMPLE / "ledger.duckdb"), "--json"]) == 1
    shipped = json.loads(capsys.readouterr().out)["periods"]
    assert sum(p["lots"] for p in shipped) == 14
