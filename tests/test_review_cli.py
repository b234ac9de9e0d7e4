"""Independent review of the command line from the user's side (issues 15, 17, 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _cli(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmined", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,  # type: ignore[call-overload]
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["--version"], ["-V"], ["--help"], ["premium", "--help"], ["standards", "--help"]]
)
def test_help_and_version_on_a_full_disk_are_one_error_line(args: list[str]) -> None:
    """--help and --version with stdout on /dev/full: one `error:` line, exit 2, no traceback."""
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "fairmined", *args],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == "error: <stdout>: cannot write output: No space left on device\n"


PREMIUM = ["premium", "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1kg"]
PREMIUM += ["--fineness", "0.995", "--date", "2024-03-28", "--json"]


def test_premium_decimal_flag_settles_an_ambiguous_price_file(tmp_path: Path) -> None:
    """premium --prices with points and commas asks for --decimal, and --decimal then works."""
    prices = tmp_path / "prices.csv"
    prices.write_text(
        "date,metal,session,usd_per_troy_ounce\n"
        '2024-03-27,gold,PM,"2200,10"\n2024-03-28,gold,PM,2214.35\n',
        encoding="utf-8",
    )
    asked = _cli([*PREMIUM, "--prices", str(prices)])
    assert asked.returncode == 2
    assert "--decimal" in asked.stderr
    given = _cli([*PREMIUM, "--prices", str(prices), "--decimal", ","])
    assert given.returncode == 2  # 2214.35 has a point in a decimal-comma file: named
    assert "prices.csv:3" in given.stderr
    prices.write_text(
        "date;metal;session;usd_per_troy_ounce\n2024-03-28;gold;PM;2.214\n", encoding="utf-8"
    )
    thousands = _cli([*PREMIUM, "--prices", str(prices), "--decimal", ","])
    assert thousands.returncode == 2, thousands.stdout  # 2.214 is not a decimal-comma number
    point = _cli([*PREMIUM, "--prices", str(prices), "--delimiter", ";", "--decimal", "."])
    assert point.returncode == 0, point.stderr
    assert '"amount": "2.214"' in point.stdout


def test_premium_table_flags_need_prices() -> None:
    """--delimiter, --decimal and --sheet without --prices are a usage error naming the flag."""
    for flag, value in (("--delimiter", ";"), ("--decimal", ","), ("--sheet", "Prices")):
        proc = _cli([*PREMIUM, "--reference-price", "2000", flag, value])
        assert proc.returncode == 2
        assert proc.stderr == f"error: {flag}: {flag} goes with --prices\n"
