"""Regression tests for bugs found while hardening the parsers (issue 7)."""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from fairmined.cli import main
from fairmined.errors import InputError, QuantityError
from fairmined.model import parse_decimal
from fairmined.pricing import parse_iso_date

PREMIUM = ["premium", "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1kg"]


@pytest.mark.parametrize("text", ["\uff10.\uff15", "\u0660.\u0665", "1\u06623", "\u00b2"])
def test_parse_decimal_refuses_non_ascii_digits(text: str) -> None:
    """Fullwidth or Arabic-Indic digits are not read as a number (Decimal() would)."""
    with pytest.raises(QuantityError):
        parse_decimal(text)


def test_parse_iso_date_refuses_non_ascii_digits() -> None:
    """A date written with fullwidth digits is 'not a date', not 'does not exist'."""
    with pytest.raises(QuantityError, match="not a date"):
        parse_iso_date("\uff12\uff10\uff12\uff13-01-01")


@pytest.mark.parametrize(
    "extra",
    [
        ["--paid", "9" * 29],
        ["--currency", "COP", "--rate", "9" * 29],
    ],
)
def test_huge_amounts_print_without_a_traceback(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Amounts beyond 28 digits are formatted, not crashed on (babel used the global context)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        code = main([*PREMIUM, "--fineness", "0.995", "--reference-price", "2000", *extra])
    _, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err


def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure mid-write leaves the old output intact and no temporary file behind."""
    import os

    from fairmined.cli._common import write_atomic

    target = tmp_path / "out.jsonl"
    target.write_text("old content\n", encoding="utf-8")

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(InputError, match="No space left on device"):
        write_atomic(target, "new content that never lands\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_verify_lots_out_is_atomic_and_writes_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify-lots --out interrupted mid-write keeps the old file; only --out is ever written."""
    import os

    root = Path(__file__).resolve().parents[1]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    out = tmp_path / "result.csv"
    out.write_text("old\n", encoding="utf-8")
    args = [
        "verify-lots",
        str(root / "examples/lots/lots.csv"),
        "--certificates",
        str(root / "examples/lots/certificates.csv"),
        "--format",
        "csv",
        "--out",
        str(out),
    ]
    real_replace = os.replace

    def interrupted(*a: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(args) == 130
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.csv", "work"]
    monkeypatch.setattr(os, "replace", real_replace)
    assert main(args) == 1
    capsys.readouterr()
    text = out.read_text(encoding="utf-8")
    assert text != "old\n"
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.csv", "work"]
    # Formula cells from the input (a lot id =HYPERLINK(...)) are neutralised.
    import csv
    import io

    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=HYPERLINK" in text


def test_lone_surrogate_in_text_is_a_located_error() -> None:
    """A str holding a lone surrogate is refused with a FairminedError, not UnicodeEncodeError."""
    from fairmined.errors import FairminedError
    from fairmined.records import parse_record_text
    from fairmined.standards import parse_standard

    with pytest.raises(FairminedError, match="surrogate"):
        parse_standard("# \ud800\nformat_version = 1\n", "s.toml")
    with pytest.raises(FairminedError, match="surrogate"):
        parse_record_text('{"format": "\ud800"}', "r.json")


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "examples/audits/fairmined-2.0-certified.json", "--format", "html"],
        [
            "verify-lots",
            "examples/lots/lots.csv",
            "--certificates",
            "examples/lots/certificates.csv",
        ],
        [*PREMIUM, "--fineness", "0.995", "--reference-price", "2000", "--json"],
    ],
)
def test_out_onto_a_directory_is_a_one_line_error(
    args: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--out naming an existing directory: exit 2, one error line, nothing written beside it."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    target = tmp_path / "reports"
    target.mkdir()
    code = main([*args, "--out", str(target)])
    _, err = capsys.readouterr()
    assert code == 2
    # The one error line (an unverified figure's warning may come before it).
    errors = [line for line in err.splitlines() if not line.startswith(("warning: ", "  "))]
    assert len(errors) == 1 and errors[0].startswith("error: "), err
    assert str(target) in err and "directory" in err
    assert list(target.iterdir()) == [] and sorted(tmp_path.iterdir()) == [target]


def test_verify_lots_out_failing_fsync_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while committing verify-lots --out: exit 2, one error line, no temp file left."""
    import os

    def failing_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    monkeypatch.setattr(os, "fsync", failing_fsync)
    out = tmp_path / "result.jsonl"
    code = main(
        [
            "verify-lots",
            "examples/lots/lots.csv",
            "--certificates",
            "examples/lots/certificates.csv",
            "--out",
            str(out),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2
    assert err == f"error: {out}: cannot write output: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (["audit", "examples/audits/fairmined-2.0-certified.json", "--year", "-1"], "'-1'"),
        (["audit", "examples/audits/fairmined-2.0-certified.json", "--year", "abc"], "'abc'"),
        (["audit", "examples/audits/fairmined-2.0-certified.json", "--year", "\u00b2"], "'\u00b2'"),
        (["verify-lots", "examples/lots/lots.csv", "--jobs", "0"], "'0'"),
        (["verify-lots", "examples/lots/lots.csv", "--jobs", "abc"], "'abc'"),
        (["verify-lots", "examples/lots/lots.csv", "--jobs", "100000"], "'100000'"),
    ],
)
def test_bad_year_and_jobs_name_the_flag_and_value(
    args: list[str], want: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--year and --jobs errors name the flag and value, not argparse's 'invalid _jobs value'."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    if args[0] == "verify-lots":
        args = [*args, "--certificates", "examples/lots/certificates.csv"]
    code = main(args)
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: argument "), err
    flag = "--year" if args[0] == "audit" else "--jobs"
    assert flag in err and want in err and "_year" not in err and "_jobs" not in err, err


def test_non_utf8_json_lines_row_is_invalid_and_the_rest_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines lot holding a Latin-1 byte is invalid with its line; the other rows run."""
    import json

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    good = (
        '{"lot_id": "L-1", "sale_date": "2024-02-01", "certificate_id": "FM-CO-001", '
        '"metal": "gold", "gross_mass": "1kg", "fineness": "0.995", "ecological": "false", '
        '"reference_price": "2200.00", "price_paid": "68000.00", "premium_paid": "3980.00", '
        '"currency": "USD"}\n'
    )
    lots = tmp_path / "lots.jsonl"
    lots.write_bytes(
        good.encode()
        + good.replace("L-1", "L-\u00f1").encode("latin-1")
        + good.replace("L-1", "L-3").encode()
    )
    code = main(["verify-lots", str(lots), "--certificates", "examples/lots/certificates.csv"])
    out, err = capsys.readouterr()
    assert code == 1 and err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("status") for r in rows[:3]] == ["pass", "invalid", "pass"]
    assert rows[1]["line"] == 2 and "line 2: lot_id: not UTF-8" in rows[1]["reason"]
    assert rows[3]["summary"]["rows"] == 3


def test_misspelt_record_key_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A near-miss key gets its did-you-mean line only, not a second 'required field missing'."""
    import json

    root = Path(__file__).resolve().parent.parent
    data = json.loads((root / "examples/audits/fairmined-2.0-certified.json").read_text("utf-8"))
    data["organisaton"] = data.pop("organisation")
    record = tmp_path / "r.json"
    record.write_text(json.dumps(data), encoding="utf-8")
    code = main(["audit", str(record)])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        f"error: {record}: $.organisaton: unknown key 'organisaton' in audit_record "
        "(did you mean 'organisation'?)"
    ]
    data["organisation"] = {}
    record.write_text(json.dumps(data), encoding="utf-8")
    main(["audit", str(record)])
    _, err = capsys.readouterr()
    assert "did you mean 'organisation'" in err  # present but wrong: its own errors still show


def test_out_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    """--out files are created 0666 less the umask, not mkstemp's private 0600."""
    import os
    import stat

    from fairmined.cli._common import write_atomic

    target = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        write_atomic(target, "hello\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "hello\n"
