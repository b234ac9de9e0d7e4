"""Independent review: data reaches the terminal escaped in every format (issue 17)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fairmined.cli import main

ROOT = Path(__file__).resolve().parents[1]
#: What a terminal acts on: C0 (but newline and tab), DEL, C1, bidi marks and overrides.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
EVIL = "Evil\x1b[31mRED\x1b]0;pwned\x07 \u202egnp.exe \x9b2J\u2066x\u2069 (fictitious)"


def _record(tmp_path: Path) -> Path:
    data = json.loads((ROOT / "examples/audits/fairmined-2.0-certified.json").read_text("utf-8"))
    data["organisation"]["name"] = EVIL
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _sales(tmp_path: Path) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text(
        "sale_date,buyer,lot_id,metal,gross_mass,fineness,ecological,price_received,"
        "premium_received,currency,reference_price\n"
        f'2024-05-02,"{EVIL}",L\x1b[2J1,gold,1kg,0.999,false,80000.00,3996.00,USD,2300.00\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("locale", ["en", "es_CO", "fr", "pt_BR"])
def test_audit_html_escapes_terminal_controls(
    locale: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An organisation name with escape sequences is escaped visibly in the HTML report too."""
    main(["audit", str(_record(tmp_path)), "--format", "html", "--locale", locale])
    out = capsys.readouterr().out
    assert "Evil" in out
    assert not ACTIVE.search(out), repr(ACTIVE.search(out))


@pytest.mark.parametrize("locale", ["en", "es_CO", "fr", "pt_BR"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_statement_escapes_terminal_controls(
    fmt: str, locale: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A buyer or lot id with escape sequences reaches stdout escaped in every statement format."""
    sales = str(_sales(tmp_path))
    code = main(
        ["statement", sales, "--standard", "fairmined-2.0", "--format", fmt, "--locale", locale]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert not ACTIVE.search(out), repr(ACTIVE.search(out))
    if fmt == "json":
        assert json.loads(out)["sales"][0]["buyer"] == EVIL  # same data, escaped in JSON
