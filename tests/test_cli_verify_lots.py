"""The verify-lots command: golden output, formats, exit codes, atomic --out, --jobs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fairmined.cli import main
from fairmined.report import neutralise
from regen_golden_lots import GOLDEN, run

ROOT = Path(__file__).resolve().parent.parent
EX = ROOT / "examples" / "lots"
ARGS = ["--certificates", str(EX / "certificates.csv"), "--production", str(EX / "production.csv")]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_example_matches_golden(fmt):
    """The example's output is the reviewed golden file (tests/regen_golden_lots.py)."""
    code, text = run(fmt)
    assert code == 1
    assert text == (GOLDEN / f"example.{fmt}").read_text(encoding="utf-8")


def test_example_exercises_every_check():
    """Every check fires at least once in the example, and malformed rows are invalid."""
    _, text = run("jsonl")
    objs = [json.loads(t) for t in text.splitlines()]
    summary = objs[-1]["summary"]
    assert all(n >= 1 for n in summary["by_check"].values()), summary
    assert summary["by_status"]["invalid"] >= 5
    assert summary["rows"] == len(objs) - 1 == sum(summary["by_status"].values())
    assert set(objs[0]) >= {"line", "lot_id", "status", "findings", "premium_due", "premium_paid"}


def test_csv_neutralises_formulas(capsys):
    """Cells that start with = + - @ tab or CR get a leading quote in CSV output."""
    assert neutralise("=1+1") == "'=1+1"
    assert [neutralise(c) for c in ["+1", "-1", "@x", "\tx", "\rx", "ok"]] == [
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "'\\x0dx",  # a carriage return is also escaped visibly for terminals
        "ok",
    ]
    _, text = run("csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for c in row)
    assert any(c.startswith("'=HYPERLINK") for row in rows for c in row)


def test_exit_codes(tmp_path, capsys):
    """0 when all pass, 1 when any fails, 2 with one error line when the run cannot start."""
    good = tmp_path / "good.csv"
    lines = (EX / "lots.csv").read_text(encoding="utf-8").splitlines()
    good.write_text("\n".join([lines[0], lines[1]]) + "\n", encoding="utf-8")
    assert main(["verify-lots", str(good), *ARGS]) == 0
    assert main(["verify-lots", str(EX / "lots.csv"), *ARGS]) == 1
    capsys.readouterr()
    assert main(["verify-lots", str(tmp_path / "missing.csv"), *ARGS]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("lot_id,metal\nA,gold\n", encoding="utf-8")
    assert main(["verify-lots", str(bad), *ARGS]) == 2
    assert "lacks columns" in capsys.readouterr().err
    assert main(["verify-lots", str(good), "--certificates", str(tmp_path / "no.csv")]) == 2
    assert main(["verify-lots", str(good), *ARGS, "--jobs", "0"]) == 2


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_out_is_atomic(tmp_path, capsys, monkeypatch, fmt):
    """--out replaces the file whole; a run that cannot finish leaves the old file alone.

    Lines of JSON and CSV are written by LotRun.write (DuckDB), reports for
    people from LotRun.problems: each breaks after writing or yielding a part.
    """
    import fairmined.lots
    from fairmined.errors import InputError

    out = tmp_path / "out.jsonl"
    args = ["verify-lots", str(EX / "lots.csv"), *ARGS, "--format", fmt, "--out", str(out)]
    assert main(args) == 1
    if fmt == "jsonl":
        golden = (GOLDEN / "example.jsonl").read_text(encoding="utf-8")
        assert out.read_text(encoding="utf-8") == golden
    out.write_text("old\n", encoding="utf-8")
    broken = InputError("the disk holding the lots went away", file="lots.csv")
    if fmt == "jsonl":
        real_write = fairmined.lots.LotRun.write

        def write_then_break(self, path, *args, **kwargs):
            real_write(self, path, *args, **kwargs)
            raise broken

        monkeypatch.setattr(fairmined.lots.LotRun, "write", write_then_break)
    else:
        real_problems = fairmined.lots.LotRun.problems

        def breaks_midway(self, *args, **kwargs):
            results = real_problems(self, *args, **kwargs)
            for _ in range(3):
                yield next(results)
            results.close()
            raise broken

        monkeypatch.setattr(fairmined.lots.LotRun, "problems", breaks_midway)
    assert main(args) == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_jobs_identical_output(tmp_path):
    """--jobs 1 and --jobs 2 write identical bytes, every line in file order.

    Enough rows for two of DuckDB's row groups, which two threads check in
    no set order, with the example's odd rows (judged in Python) among them.
    """
    lines = (EX / "lots.csv").read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    big.write_text("\n".join([lines[0], *(lines[1:] * 1000)]) + "\n", encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert main(["verify-lots", str(big), *ARGS, "--jobs", jobs, "--out", str(out)]) == 1
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    numbers = [json.loads(x)["line"] for x in outs[1].splitlines()[:-1]]
    assert numbers == list(range(2, len(lines[1:]) * 1000 + 2))


def test_out_of_memory_is_one_line_and_no_output(tmp_path, monkeypatch, capsys):
    """DuckDB running out of its memory limit ends the command with one line naming the
    file and the limit, exit 2, and no output file (it was a traceback)."""
    import fairmined.lots._engine as engine

    monkeypatch.setattr(engine, "MEMORY_LIMIT", "1MB")
    lines = (EX / "lots.csv").read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    big.write_text("\n".join([lines[0], *(lines[1:] * 2000)]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["verify-lots", str(big), *ARGS, "--jobs", "2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {big}: lot verification ran out of memory")
    assert "limit of 1MB" in err
    assert not out.exists()


def test_runs_as_a_program_without_traceback(tmp_path):
    """The installed command prints one error line and exits 2 for a missing file."""
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", "verify-lots", str(tmp_path / "none.csv"), *ARGS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_misspelt_column_is_refused_with_a_hint(tmp_path, capsys):
    """A CSV header with `premium_payed` beside the real columns stops the run (a lost value)."""
    lines = (EX / "lots.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "lots.csv"
    bad.write_text(
        "\n".join([lines[0] + ",premium_payed", *(row + ",1" for row in lines[1:3])]) + "\n",
        encoding="utf-8",
    )
    code = main(["verify-lots", str(bad), *ARGS])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = err.splitlines()
    assert "premium_payed" in line and "did you mean premium_paid?" in line


def test_unrelated_extra_column_is_allowed(tmp_path, capsys):
    """A buyer's own extra column (notes) does not stop the run."""
    lines = (EX / "lots.csv").read_text(encoding="utf-8").splitlines()
    ok = tmp_path / "lots.csv"
    ok.write_text(
        "\n".join([lines[0] + ",notes", lines[1] + ",checked by AB"]) + "\n", encoding="utf-8"
    )
    code = main(["verify-lots", str(ok), *ARGS])
    out = capsys.readouterr().out.splitlines()
    assert code in (0, 1)
    assert json.loads(out[0])["line"] == 2


def test_misspelt_jsonl_field_makes_the_row_invalid(tmp_path, capsys):
    """In JSON Lines a near-miss field makes that row invalid with a hint; other rows go on."""
    rows = list(csv.DictReader(io.StringIO((EX / "lots.csv").read_text(encoding="utf-8"))))[:2]
    rows[0]["premium_payed"] = rows[0]["premium_paid"]
    path = tmp_path / "lots.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code = main(["verify-lots", str(path), *ARGS])
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert out[0]["status"] == "invalid"
    assert "premium_payed" in out[0]["reason"] and "did you mean premium_paid?" in out[0]["reason"]
    assert out[1]["line"] == 2 and out[1]["status"] != "invalid"
    assert "summary" in out[2]


def test_max_price_age_flag(tmp_path, capsys):
    """--prices with a 10-day-old price: the lot is invalid (default 7); --max-price-age 10 ok."""
    lots = tmp_path / "lots.csv"
    header = "lot_id,sale_date,certificate_id,metal,gross_mass,fineness,ecological,"
    lots.write_text(
        header + "reference_price,price_paid,premium_paid,currency\n"
        "L-1,2024-04-12,FM-CO-001,gold,1kg,0.995,false,,90000.00,5000.00,USD\n",
        encoding="utf-8",
    )
    base = [
        "verify-lots",
        str(lots),
        "--certificates",
        str(EX / "certificates.csv"),
        "--prices",
        str(ROOT / "examples" / "prices-illustrative.csv"),
    ]
    assert main(base) == 1
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["status"] == "invalid"
    assert "2024-04-02" in first["reason"] and "10 days old" in first["reason"]
    main([*base, "--max-price-age", "10"])
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["status"] != "invalid", first
    assert main([*base, "--max-price-age", "-1"]) == 2


def _piped(lots_text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmined", "verify-lots", "-", *ARGS, *extra],
        input=lots_text,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_lots_from_a_pipe_lose_nothing(fmt):
    """Lots on standard input (CSV or JSON Lines, `-`): every row, true line numbers."""
    lots = (EX / "lots.csv").read_text(encoding="utf-8")
    expected = [json.loads(t) for t in run("jsonl")[1].splitlines()]
    if fmt == "jsonl":
        header, *rows = list(csv.reader(io.StringIO(lots)))
        many = [dict(zip(header, r, strict=False)) for r in rows] * 40  # past any peek
        lots = "".join(json.dumps(r) + "\n" for r in many)
    proc = _piped(lots)
    assert proc.returncode in (0, 1), proc.stderr
    got = [json.loads(t) for t in proc.stdout.splitlines()]
    if fmt == "csv":
        assert got[:-1] == expected[:-1]  # the same verdicts as the file itself
    else:
        assert [r["line"] for r in got[:-1]] == list(range(1, len(many) + 1))
        assert got[-1]["summary"]["rows"] == len(many)


def test_endless_inputs_are_a_clear_error():
    """/dev/zero as lots or certificates: exit 2 with one error line, in seconds."""
    for argv in (
        ["verify-lots", "/dev/zero", *ARGS],
        ["verify-lots", str(EX / "lots.csv"), "--certificates", "/dev/zero"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "fairmined", *argv], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2, proc.stderr
        assert "/dev/zero" in proc.stderr and "Traceback" not in proc.stderr


def test_jobs_is_described_as_duckdb_threads(capsys):
    """--jobs names DuckDB threads (the engine's), never worker processes, in help and errors."""
    with pytest.raises(SystemExit):
        main(["verify-lots", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "DuckDB threads" in help_text and "worker processes" not in help_text
    assert main(["verify-lots", "x.csv", "--certificates", "c.csv", "--jobs", "100000"]) == 2
    err = capsys.readouterr().err
    assert "threads on this machine" in err and "process" not in err
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "`--jobs N` uses N processes" not in readme
