"""Wrong values are answered with what the person most likely meant.

A decimal comma, a percent sign in a fineness, ``oz`` for a troy ounce and a
lower-case currency code are what people type; each is either accepted (the
currency code, which means one thing only) or refused with the exact text to
write instead (numbers, whose reading would otherwise be a guess).
"""

from __future__ import annotations

import contextlib
import io

import pytest

from fairmined.cli import main
from fairmined.errors import QuantityError, did_you_mean
from fairmined.model import Fineness, Mass, Money, parse_decimal

QUOTE = [
    "premium",
    "--standard",
    "fairmined-2.0",
    "--metal",
    "gold",
    "--mass",
    "1kg",
    "--fineness",
    "0.995",
    "--reference-price",
    "2000",
]


def _cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _with(flag: str, value: str) -> list[str]:
    argv = list(QUOTE)
    if flag in argv:
        argv[argv.index(flag) + 1] = value
    else:
        argv += [flag, value]
    return argv


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("0,995", "did you mean 0.995?"),
        ("1.250,5", "did you mean 1250.5?"),
        ("2,200.50", "did you mean 2200.50?"),
        ("1.250.000", "did you mean 1250000?"),
        ("12,5", "did you mean 12.5?"),
        ("1,250", "did you mean 1.250 or 1250?"),
    ],
)
def test_decimal_comma_is_answered_with_the_number_to_write(typed: str, suggested: str) -> None:
    """A number with a decimal comma or thousands separators is refused with its plain form."""
    with pytest.raises(QuantityError) as info:
        parse_decimal(typed)
    assert info.value.hint is not None and info.value.hint.startswith(suggested)


def test_decimal_comma_in_fineness_flag() -> None:
    """--fineness 0,995 suggests 0.995, not a money example."""
    code, _, err = _cli(_with("--fineness", "0,995"))
    assert code == 2
    assert "--fineness" in err and "did you mean 0.995?" in err and "1234.56" not in err


def test_decimal_comma_in_mass_flag() -> None:
    """--mass 1.250,5kg suggests 1250.5kg."""
    code, _, err = _cli(_with("--mass", "1.250,5kg"))
    assert code == 2 and "did you mean 1250.5kg?" in err


def test_decimal_comma_in_price_flag() -> None:
    """--reference-price 2.200,50 suggests 2200.50."""
    code, _, err = _cli(_with("--reference-price", "2.200,50"))
    assert code == 2 and "--reference-price" in err and "did you mean 2200.50?" in err


@pytest.mark.parametrize(("typed", "fraction"), [("99.5%", "0.995"), ("75%", "0.75")])
def test_percent_fineness_is_refused_with_the_fraction(typed: str, fraction: str) -> None:
    """A percent is refused (a fineness is a fraction of one) with the fraction to write."""
    with pytest.raises(QuantityError) as info:
        Fineness.parse(typed)
    assert info.value.hint is not None
    assert info.value.hint.startswith(f"did you mean {fraction} or ")


def test_oz_is_refused_with_ozt() -> None:
    """40oz is refused: an avoirdupois ounce is not a troy ounce; the hint writes 40ozt."""
    with pytest.raises(QuantityError) as info:
        Mass.parse("40oz")
    assert info.value.hint is not None
    assert info.value.hint.startswith("did you mean 40ozt?") and "31.1034768 g" in info.value.hint


def test_lower_case_currency_is_accepted() -> None:
    """cop means COP and nothing else: it is accepted, and the quote shows COP."""
    assert Money("1", "cop").currency == "COP"
    code, out, err = _cli([*QUOTE, "--currency", "cop", "--rate", "3900"])
    assert code == 0, err
    assert "COP" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (_with("--metal", "gld"), "did you mean gold? valid: gold, silver, platinum"),
        (_with("--standard", "fairmined2.0"), "did you mean fairmined-2.0? valid: "),
        (_with("--locale", "es_XX"), "valid: en, es, fr, pt"),
        (["standards", "show", "fairmined-2.0", "--category", "chld_labour"], "child_labour?"),
    ],
)
def test_wrong_value_answers_with_valid_ones(argv: list[str], expected: str) -> None:
    """A wrong standard, metal, locale or category gets a did-you-mean and the valid values."""
    code, _, err = _cli(argv)
    assert code == 2
    assert expected in err


def test_did_you_mean_ignores_case_and_lists_all() -> None:
    """The shared helper matches case-insensitively and always lists the valid values."""
    assert did_you_mean("SILVR", ["gold", "silver"]) == "did you mean silver? valid: gold, silver"
    assert did_you_mean("zzz", ["gold", "silver"]) == "valid: gold, silver"


@pytest.mark.parametrize(("typed", "meant"), [("CPO", "COP"), ("usdd", "USD"), ("PNE", "PEN")])
def test_a_misspelt_currency_gets_a_did_you_mean(typed: str, meant: str) -> None:
    """A currency code with swapped or extra letters names the code most likely meant."""
    with pytest.raises(QuantityError) as info:
        Money(1, typed)
    assert f"did you mean {meant}?" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("typed", "meant"), [("ez", "es"), ("fx", "fr"), ("spt", "pt"), ("enn", "en")]
)
def test_a_misspelt_locale_prefers_a_translated_language(
    capsys: pytest.CaptureFixture[str], typed: str, meant: str
) -> None:
    """A short --locale typo suggests the translated language, not a rare CLDR locale."""
    assert main(["standards", "--locale", typed]) == 2
    assert f"did you mean {meant}?" in capsys.readouterr().err
