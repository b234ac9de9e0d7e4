"""The buyer's ledger: checks across deliveries, idempotent runs, one transaction."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from fairmined.cli import main
from fairmined.errors import InputError
from fairmined.lots import SCHEMA_VERSION, ledger_balance, verify_lots

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lots"
KW = {
    "certificates": EXAMPLE / "certificates.csv",
    "production": EXAMPLE / "production.csv",
}


def split_example(tmp_path: Path, cut: int) -> tuple[Path, Path]:
    """The example lots as two deliveries: rows before ``cut`` and the rest, lines kept."""
    lines = (EXAMPLE / "lots.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("".join(lines[:cut]), encoding="utf-8")
    # Blank lines keep the second file's line numbers those of the whole file.
    second.write_text(lines[0] + "\n" * (cut - 1) + "".join(lines[cut:]), encoding="utf-8")
    return first, second


def ledger_rows(path: Path) -> tuple[object, ...]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return (
            con.execute("SELECT * FROM lots ORDER BY delivery, line").fetchall(),
            con.execute("SELECT delivery, lots_sha256, lots FROM deliveries").fetchall(),
            con.execute("SELECT * FROM production ORDER BY cert, metal, p_start").fetchall(),
        )
    finally:
        con.close()


def test_running_a_file_again_changes_nothing(tmp_path):
    """Same verdicts as without a ledger, twice; the second run records nothing."""
    ledger = tmp_path / "ledger.duckdb"
    alone = list(verify_lots(EXAMPLE / "lots.csv", **KW))
    first = list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    recorded = ledger_rows(ledger)
    again = list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    assert alone == first == again
    assert ledger_rows(ledger) == recorded
    assert len(recorded[1]) == 1


def test_mass_balance_counts_earlier_deliveries(tmp_path):
    """Two deliveries give the mass-balance findings of the one file they came from."""
    ledger = tmp_path / "ledger.duckdb"
    first, second = split_example(tmp_path, 6)
    whole = {r.line: r for r in verify_lots(EXAMPLE / "lots.csv", **KW)}
    list(verify_lots(first, ledger=ledger, **KW))
    later = list(verify_lots(second, ledger=ledger, **KW))
    alone = list(verify_lots(second, **KW))

    def mass(r):  # type: ignore[no-untyped-def]
        return [f for f in r.findings if f.check == "mass_balance_exceeded"]

    assert [mass(r) for r in later] == [mass(whole[r.line]) for r in later]
    assert any(mass(r) for r in later)
    assert [mass(r) for r in later] != [mass(r) for r in alone]


def test_a_lot_id_recorded_with_other_content_is_a_duplicate(tmp_path):
    """Same id, other content in a later delivery: duplicate_lot naming the delivery and line."""
    ledger = tmp_path / "ledger.duckdb"
    list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    lines = (EXAMPLE / "lots.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    changed = tmp_path / "changed.csv"
    row = lines[1].replace(",1.000kg,", ",1.001kg,")
    assert row != lines[1]
    changed.write_text(lines[0] + row + lines[2], encoding="utf-8")
    results = list(verify_lots(changed, ledger=ledger, **KW))
    assert results[0].checks[-1:] == ("duplicate_lot",)
    assert results[0].findings[-1].message == (
        "lot id L-001 is already in the ledger with other content (delivery 1, line 2)"
    )
    assert "duplicate_lot" not in results[1].checks  # L-002, same content: the same lot


def test_kill_before_commit_leaves_the_ledger_unchanged(tmp_path):
    """A run killed (SIGKILL) after writing its lots but before committing changes nothing."""
    ledger = tmp_path / "ledger.duckdb"
    first, second = split_example(tmp_path, 6)
    list(verify_lots(first, ledger=ledger, **KW))
    before = ledger_rows(ledger)
    script = textwrap.dedent(
        f"""
        import os, signal
        from fairmined.lots import _ledger, verify_lots

        real = _ledger._record

        def killed(con, ledger):
            real(con, ledger)  # every row written, nothing committed yet
            os.kill(os.getpid(), signal.SIGKILL)

        _ledger._record = killed
        list(verify_lots({str(second)!r}, ledger={str(ledger)!r},
                         certificates={str(KW["certificates"])!r},
                         production={str(KW["production"])!r}))
        """
    )
    # The killed run cannot remove its temporary folder: keep it under tmp_path.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert proc.returncode == -9, proc.stderr
    assert ledger_rows(ledger) == before


def test_a_newer_schema_is_refused_not_reinterpreted(tmp_path):
    """A ledger from a later version of the library: exit 2, naming the version."""
    ledger = tmp_path / "ledger.duckdb"
    list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    con = duckdb.connect(str(ledger))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(InputError, match="newer than this fairmined reads"):
        list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    with pytest.raises(InputError, match="schema version"):
        ledger_balance(ledger)


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path, capsys):
    """A text file, or a database with other tables: one error line, exit 2."""
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    for path in (text, other):
        args = ["verify-lots", str(EXAMPLE / "lots.csv"), "--certificates"]
        args += [str(KW["certificates"]), "--ledger", str(path)]
        assert main(args) == 2
        assert capsys.readouterr().err.startswith("error: ")


def test_balance_per_certificate_and_period(tmp_path):
    """bought against declared per period, over when more was bought than declared."""
    ledger = tmp_path / "ledger.duckdb"
    list(verify_lots(EXAMPLE / "lots.csv", ledger=ledger, **KW))
    periods = ledger_balance(ledger)
    over = [p for p in periods if p.over]
    assert [(p.certificate_id, p.metal) for p in over] == [("FM-CO-001", "gold")]
    assert over[0].bought_g > over[0].declared_g  # type: ignore[operator]
    assert sum(p.lots for p in periods) == sum(
        1 for r in verify_lots(EXAMPLE / "lots.csv", **KW) if r.premium_due is not None
    )
