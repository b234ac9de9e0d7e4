"""Independent review of ``fairmined statement`` with hand-built sales (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fairmined import premium_statement
from fairmined.errors import PriceLookupError

ROOT = Path(__file__).resolve().parents[1]
HEADER = "sale_date,buyer,lot_id,metal,gross_mass,fineness,ecological,price_received,"
HEADER += "premium_received,currency\n"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    sales = tmp_path / "sales.csv"
    sales.write_text(
        HEADER + "2024-02-12,Buyer (fictitious),S-1,gold,1kg,0.995,false,70000.00,3980.00,USD\n",
        encoding="utf-8",
    )
    prices = tmp_path / "prices.csv"
    prices.write_text(
        "date,metal,session,usd_per_troy_ounce\n2024-02-02,gold,PM,2030.00\n", encoding="utf-8"
    )
    return sales, prices


def _cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmined", "statement", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_statement_refuses_a_stale_price_and_takes_max_price_age(tmp_path: Path) -> None:
    """A 10-day-old price is an error naming its date; --max-price-age 10 accepts it."""
    sales, prices = _files(tmp_path)
    base = [str(sales), "--standard", "fairmined-2.0", "--prices", str(prices)]
    stale = _cli(base)
    assert stale.returncode == 2
    assert "2024-02-02, 10 days old" in stale.stderr
    assert "--max-price-age" in stale.stderr  # the hint names a flag the command has
    raised = _cli([*base, "--max-price-age", "10"])
    assert raised.returncode == 0, raised.stderr
    assert "2024-02-02" in raised.stdout


def test_premium_statement_has_max_price_age(tmp_path: Path) -> None:
    """The Python API takes max_price_age as quote() does (default 7, None for any age)."""
    sales, prices = _files(tmp_path)
    with pytest.raises(PriceLookupError, match="10 days old"):
        premium_statement(sales, "fairmined-2.0", prices=prices)
    st = premium_statement(sales, "fairmined-2.0", prices=prices, max_price_age=None)
    assert st.lines[0].quote.reference.on == date(2024, 2, 2)


@pytest.mark.parametrize("bad", [1.5, 3, b"rates.csv", object(), [], {"COP": "3900"}])
def test_premium_statement_rates_of_a_wrong_type_is_a_type_error(
    bad: object, tmp_path: Path
) -> None:
    """premium_statement(rates=...) of neither a path nor a RateTable raises TypeError."""
    sales, prices = _files(tmp_path)
    with pytest.raises(TypeError, match="rates must be a path or a RateTable"):
        premium_statement(sales, "fairmined-2.0", prices=prices, rates=bad, currency="COP")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.5, 3, b"prices.csv", object(), []])
def test_premium_statement_prices_of_a_wrong_type_is_a_type_error(
    bad: object, tmp_path: Path
) -> None:
    """premium_statement(prices=...) of neither a path nor a PriceTable raises TypeError."""
    sales, _ = _files(tmp_path)
    with pytest.raises(TypeError, match="prices must be a path or a PriceTable"):
        premium_statement(sales, "fairmined-2.0", prices=bad)  # type: ignore[arg-type]


def test_unknown_currency_in_a_sales_row_names_the_column_once(tmp_path: Path) -> None:
    """A sales row's unknown currency is one line naming file, row and column once."""
    sales = tmp_path / "sales.csv"
    sales.write_text(
        HEADER + "2024-02-12,Buyer (fictitious),S-1,gold,1kg,0.995,false,70000.00,3980.00,USX\n",
        encoding="utf-8",
    )
    proc = _cli([str(sales), "--standard", "fairmined-2.0"])
    assert proc.returncode == 2
    line = proc.stderr.splitlines()[0]
    assert line.startswith(f"error: {sales}:2: currency: unknown currency 'USX'"), line
