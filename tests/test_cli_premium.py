"""The `fairmined premium` and `fairmined standards` commands, as the issue's contract states."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from fairmined.cli import main

from . import regen_golden_premium as golden

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "prices-illustrative.csv"
DATA = Path(__file__).parent / "data" / "standards"
OZT = Fraction(311034768, 10**7)
BASE = [
    "premium", "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1.250kg",
    "--fineness", "0.995", "--reference-price", "2000", "--date", "2024-03-28",
]  # fmt: skip
MONEY_KEYS = ("reference_price", "floor_price", "price", "premium", "total")

pytestmark = pytest.mark.usefixtures("fresh_standards")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_flag(args: list[str], flag: str, value: str | None) -> list[str]:
    """``args`` with ``flag`` set to ``value`` (or removed when value is None)."""
    out = list(args)
    if flag in out:
        i = out.index(flag)
        del out[i : i + 2]
    if value is not None:
        out += [flag, value]
    return out


# --------------------------------------------------------------------------- JSON contract


def test_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints one object with the contract's keys, amounts as decimal strings in USD."""
    code, out, err = run(capsys, *BASE, "--json")
    assert code == 0
    # The one warning: the per-kg premium's fine-metal basis is not confirmed.
    assert err.count("warning: Unverified figure: the gold premium") == 1
    data = json.loads(out)
    assert data["standard"] == "fairmined-2.0"
    assert data["metal"] == "gold"
    assert data["ecological"] is False
    # 1250 g x 0.995 = 1243.75 g of fine gold
    assert Decimal(data["fine_mass_g"]) == Decimal("1243.75")
    assert isinstance(data["fine_mass_g"], str)
    for key in MONEY_KEYS:
        assert set(data[key]) == {"amount", "currency"}
        assert data[key]["currency"] == "USD"
        assert isinstance(data[key]["amount"], str)
        Decimal(data[key]["amount"])  # a decimal string
    assert len(data["warnings"]) == 1 and "fine gold" in data["warnings"][0]
    # floor 0.95 x 2000 x 1243.75 / 31.1034768 = 75976.2309 -> 75976.23; premium 4000 x 1.24375
    assert data["floor_price"]["amount"] == "75976.23"
    assert data["price"]["amount"] == "75976.23"
    assert data["premium"]["amount"] == "4975.00"
    assert data["total"]["amount"] == "80951.23"
    assert Decimal(data["reference_price"]["amount"]) == 2000


def test_json_total_adds_up_from_its_parts(capsys: pytest.CaptureFixture[str]) -> None:
    """In the JSON, total = price + premium to the cent."""
    code, out, _ = run(capsys, *BASE, "--json", "--ecological", "--paid", "80000.005")
    data = json.loads(out)
    assert code == 0
    assert data["ecological"] is True
    # --paid 80000.005 is rounded half up to 80000.01; 6000 USD/kg x 1.24375 kg = 7462.50
    assert data["price"]["amount"] == "80000.01"
    assert data["premium"]["amount"] == "7462.50"
    total = Decimal(data["price"]["amount"]) + Decimal(data["premium"]["amount"])
    assert Decimal(data["total"]["amount"]) == total == Decimal("87462.51")


def test_unverified_figure_warning_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    """An unverified figure (fairmined-2.0 silver) is warned on stderr and listed in the JSON."""
    args = set_flag(set_flag(BASE, "--metal", "silver"), "--reference-price", "25")
    code, out, err = run(capsys, *args, "--json")
    assert code == 0
    data = json.loads(out)
    assert any("unverified figure" in w for w in data["warnings"])
    assert "warning: Unverified figure: the silver premium" in err
    assert "warning:" not in out  # stdout is the JSON object only


def test_prices_file_fallback_says_which_date(capsys: pytest.CaptureFixture[str]) -> None:
    """--prices with --date 2024-03-29 (Good Friday) uses 2024-03-28 and says so."""
    args = set_flag(set_flag(BASE, "--reference-price", None), "--date", "2024-03-29")
    code, out, err = run(capsys, *args, "--prices", str(EXAMPLES), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["reference_price_date"] == "2024-03-28"
    assert data["reference_price"]["amount"] == "2214.35"
    assert "used the price of March 28, 2024 PM" in " ".join(err.split())  # warnings wrap
    # floor 0.95 x 2214.35 x 1243.75 / 31.1034768, rounded half up to cents
    exact = Fraction(95, 100) * Fraction("2214.35") * Fraction("1243.75") / OZT
    assert (
        Decimal(data["floor_price"]["amount"]) == Decimal(int(exact * 100 + Fraction(1, 2))) / 100
    )


def test_prices_file_session_am(capsys: pytest.CaptureFixture[str]) -> None:
    """--session AM picks the morning fixing from the price file."""
    args = set_flag(BASE, "--reference-price", None)
    code, out, _ = run(capsys, *args, "--prices", str(EXAMPLES), "--session", "am", "--json")
    assert code == 0
    assert json.loads(out)["reference_price"]["amount"] == "2203.80"


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json, a readable table with locale-formatted amounts and the date used."""
    args = set_flag(set_flag(BASE, "--reference-price", None), "--date", "2024-03-29")
    code, out, err = run(capsys, *args, "--prices", str(EXAMPLES), "--locale", "en_US")
    assert code == 0
    said = " ".join(out.split())  # the text wraps to the width of the terminal or 80
    assert "March 28, 2024" in said  # dates in the table are written for the locale
    assert "Total" in out and "$" in out
    warned = " ".join(err.split())
    assert "used the price of March 28, 2024 PM, 1 day earlier" in warned  # the locale's dates
    assert "2024-03-28" not in err


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("name", sorted(golden.CASES))
@pytest.mark.parametrize("kind", ["txt", "json"])
def test_golden_output(
    name: str, kind: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output equals the reviewed golden file byte for byte (update: regen_golden_premium.py)."""
    monkeypatch.chdir(ROOT)
    args = golden.CASES[name] + (["--json"] if kind == "json" else [])
    code, out, _ = run(capsys, "premium", *args)
    assert code == 0
    txt, js = golden.expected_files(name)
    expected = (txt if kind == "txt" else js).read_text(encoding="utf-8")
    assert out == expected


def test_golden_json_figures_are_right() -> None:
    """The golden JSON figures match hand computation (so a regenerated error shows up)."""
    data = json.loads(golden.expected_files("fairtrade-fairmined-2010-platinum-shortfall-xof")[1]
                      .read_text(encoding="utf-8"))  # fmt: skip
    value = Fraction(1500) * 100 / OZT  # 100 g of pure platinum at USD 1500/ozt
    floor, premium = Fraction(95, 100) * value, Fraction(10, 100) * value

    def half_up(x: Fraction, digits: int) -> Decimal:
        return Decimal(int(x * 10**digits + Fraction(1, 2))).scaleb(-digits)

    assert data["floor_price"]["amount"] == str(half_up(floor, 2)) == "4581.48"
    assert data["shortfall"]["amount"] == "581.48"  # 4581.48 - 4000.00
    assert data["premium"]["amount"] == str(half_up(premium, 2)) == "482.26"
    # XOF has no minor unit: 4581.4813... x 480.5 = 2201401.81 -> 2201402 francs
    assert data["local"]["floor_price"] == {"amount": "2201402", "currency": "XOF"}
    assert data["local"]["premium"]["amount"] == str(half_up(premium * Fraction("480.5"), 0))
    assert Decimal(data["local"]["total"]["amount"]) == Decimal(
        data["local"]["price"]["amount"]
    ) + Decimal(data["local"]["premium"]["amount"])


# --------------------------------------------------------------------------- errors


BAD_VALUES = [
    ("--standard", "fairmined-3.0"),
    ("--standard", str(DATA / "float-figure.toml")),
    ("--standard", str(DATA / "missing.toml")),
    ("--metal", "copper"),
    ("--mass", "1250"),
    ("--mass", "-1kg"),
    ("--mass", "5oz"),  # the message names the unit 'oz'
    ("--mass", "99999999999kg"),
    ("--mass", "NaNkg"),
    ("--fineness", "750"),
    ("--fineness", "1.5"),
    ("--fineness", "75%"),
    ("--reference-price", "NaN"),
    ("--reference-price", "-2000"),
    ("--reference-price", "1e999"),
    ("--reference-price", "2,000.50"),
    ("--date", "2023-02-30"),
    ("--date", "28/03/2024"),
    ("--date", "1999-01-01"),
    ("--paid", "abc"),
    ("--paid", "-5"),
    ("--locale", "xx_YY"),
]


@pytest.mark.parametrize(("flag", "value"), BAD_VALUES)
def test_bad_value_exit_2_one_error_line(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every bad value: exit 2, nothing on stdout, one 'error: ' line naming the value."""
    args = [*set_flag(BASE, flag, None), f"{flag}={value}"]  # '=' so argparse takes "-1kg"
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    named = {"5oz": "'oz'", "99999999999kg": "99999999999kg"}.get(value, value)
    if flag == "--standard":
        named = Path(value).name if "/" in value else value
    assert named in lines[0]


def test_bad_standard_file_named_once(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --standard file: one error line naming the file once, the path and problem."""
    path = str(DATA / "float-figure.toml")
    code, _, err = run(capsys, *set_flag(BASE, "--standard", path))
    assert code == 2
    (line,) = err.splitlines()
    assert line.count(path) == 1, line
    assert line.startswith(f"error: {path}: "), line
    assert "$.pricing[0].floor.fraction_of_reference" in line


@pytest.mark.parametrize(
    "extra",
    [
        ["--currency", "ZZZ", "--rate", "4000"],
        ["--currency", "COP", "--rate", "-1"],
        ["--currency", "COP", "--rate", "0"],
        ["--currency", "COP", "--rate", "abc"],
        ["--currency", "COP"],
        ["--rate", "4000"],
        ["--session", "AM"],
        ["--bogus"],
        ["--prices", str(EXAMPLES)],
    ],
)
def test_bad_flag_combinations_exit_2(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Bad or incomplete flag combinations: exit 2, one 'error: ' line, no traceback."""
    code, out, err = run(capsys, *BASE, *extra)
    assert code == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("error: ")
    bad = [x for x in extra if not x.startswith("--")]
    if extra[0] in {"--currency", "--rate"} and len(extra) == 2:
        assert ("--rate" if extra[0] == "--currency" else "--currency") in line
    elif bad and bad[-1] not in {"4000", str(EXAMPLES), "AM"}:
        assert bad[-1] in line


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("date,metal,usd_per_troy_ounce\n2024-03-28,gold,2000\n", "lacks column session"),
        ("date,metal,session,usd_per_troy_ounce\n2023-02-30,gold,PM,2000\n", "2023-02-30"),
        ("date,metal,session,usd_per_troy_ounce\n2024-03-28,gold,PM,NaN\n", "NaN"),
    ],
)
def test_bad_price_file_exit_2(
    tmp_path: Path, body: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed price file: exit 2, one 'error: ' line naming file, line and bad value."""
    path = tmp_path / "prices.csv"
    path.write_text(body, encoding="utf-8")
    args = set_flag(BASE, "--reference-price", None)
    code, _, err = run(capsys, *args, "--prices", str(path))
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"error: {path}:")
    assert words in line


def test_missing_required_flags_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """`fairmined premium` with no flags: exit 2 and an error naming the missing flags."""
    code, _, err = run(capsys, "premium")
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith("error: ") and "--standard" in line


# --------------------------------------------------------------------------- standards command


def test_standards_lists_the_three(capsys: pytest.CaptureFixture[str]) -> None:
    """`fairmined standards` lists the three ids with version, publisher and dates in force."""
    code, out, _ = run(capsys, "standards", "--locale", "en")
    assert code == 0
    for sid in ("fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0"):
        assert sid in out
    assert "in force from March 17, 2010 to April 21, 2013" in out
    assert "in force since April 5, 2014" in out
    assert "Fairtrade International" in out


def test_standards_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`fairmined standards --json` gives one entry per standard with its dates."""
    code, out, _ = run(capsys, "standards", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "fairmined-standards/1"
    rows = doc["standards"]
    assert [r["id"] for r in rows] == [
        "fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0"
    ]  # fmt: skip
    assert rows[2]["in_force_from"] == "2014-04-05"


# --------------------------------------------------------------------------- subprocesses


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env["LC_ALL"] = "C.UTF-8"
    return env


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m fairmined premium ... --json` works in a fresh process."""
    proc = subprocess.run(
        [sys.executable, "-m", "fairmined", *BASE, "--json"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=_env(), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == {"amount": "80951.23", "currency": "USD"}


def test_console_script_error(tmp_path: Path) -> None:
    """The `fairmined` console script exits 2 with one error line and no traceback."""
    exe = shutil.which("fairmined", path=str(Path(sys.executable).parent))
    assert exe is not None, "the fairmined console script is not installed"
    proc = subprocess.run(
        [exe, *set_flag(BASE, "--fineness", "750")],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=_env(), check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "error: --fineness: fineness 750 is ambiguous (did you mean 750‰ or 0.750?)"
    ]


def test_console_script_success(tmp_path: Path) -> None:
    """The `fairmined` console script prints a quote table."""
    exe = shutil.which("fairmined", path=str(Path(sys.executable).parent))
    assert exe is not None
    proc = subprocess.run(
        [exe, *BASE, "--locale", "en_US"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=_env(), check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "$80,951.23" in proc.stdout


def test_negative_mass_reaches_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """`--mass -1kg` is read as a value and refused for being negative, not as a flag."""
    code, _, err = run(capsys, *set_flag(BASE, "--mass", "-1kg"))
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith("error: --mass") and "negative" in line


def test_no_command_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`fairmined` alone exits 2 with one `error:` line."""
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    (line,) = err.splitlines()
    assert line.startswith("error: no command")


def test_sale_before_standard_in_force_warns(capsys: pytest.CaptureFixture[str]) -> None:
    """A sale dated before the standard came into force is quoted with a warning."""
    args = set_flag(set_flag(BASE, "--standard", "fairtrade-gold-2013"), "--date", "2013-09-01")
    code, _, err = run(capsys, *args)
    assert code == 0
    assert "came into force on November 11, 2013" in " ".join(err.split())


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--reference-price", "-5"), ("--date", "2010-01-01")],
)
def test_values_refused_inside_the_quote_name_their_flag(
    capsys: pytest.CaptureFixture[str], flag: str, value: str
) -> None:
    """A value refused by quote() itself is reported under the flag that set it."""
    code, _, err = run(capsys, *set_flag(BASE, flag, value))
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"error: {flag}: "), line


def test_rate_refused_inside_the_quote_names_its_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """A zero --rate is reported under --rate."""
    code, _, err = run(capsys, *BASE, "--currency", "COP", "--rate", "0")
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith("error: --rate: "), line
