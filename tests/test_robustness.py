"""Regression tests for bugs found while hardening the parsers (issue 7)."""

from __future__ import annotations

import decimal

import pytest

from fairmined.cli import main
from fairmined.errors import QuantityError
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
