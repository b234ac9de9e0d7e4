"""Lexer and parser of the rule language."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from fairmined.errors import RuleSyntaxError
from fairmined.rules import Origin, parse, unparse
from fairmined.rules._ast import Binary, Call, DurationLit, ListLit, Literal, Path, Quant, Unary


def syntax_error(text: str, origin: Origin | None = None) -> RuleSyntaxError:
    with pytest.raises(RuleSyntaxError) as info:
        parse(text, origin or Origin())
    return info.value


def test_literals() -> None:
    """Numbers are Decimal, strings unescape, booleans and dates are values."""
    assert parse("15") == Literal(Decimal(15))
    assert parse("0.95") == Literal(Decimal("0.95"))
    assert parse("-3") == Literal(Decimal(-3))
    assert parse(r'"a\"b\\c"') == Literal('a"b\\c')
    assert parse("true") == Literal(True)
    assert parse('date("2024-01-31")') == Literal(datetime.date(2024, 1, 31))


def test_durations() -> None:
    """Durations take singular or plural units and normalise to plural."""
    assert parse("12 months") == DurationLit(12, "months")
    assert parse("1 year") == DurationLit(1, "years")
    assert parse("2 weeks") == DurationLit(2, "weeks")
    assert parse("1 day") == DurationLit(1, "days")


def test_precedence() -> None:
    """or < and < not < comparison < + - < * / < unary minus."""
    node = parse("a or b and not c == 1 + 2 * -x")
    assert node == Binary(
        "or",
        Path(("a",)),
        Binary(
            "and",
            Path(("b",)),
            Unary(
                "not",
                Binary(
                    "==",
                    Path(("c",)),
                    Binary(
                        "+",
                        Literal(Decimal(1)),
                        Binary("*", Literal(Decimal(2)), Unary("-", Path(("x",)))),
                    ),
                ),
            ),
        ),
    )


def test_left_associative_arithmetic() -> None:
    """a - b - c groups as (a - b) - c."""
    assert parse("a - b - c") == Binary("-", Binary("-", Path(("a",)), Path(("b",))), Path(("c",)))


def test_not_in_and_list() -> None:
    """`not in` is one operator; list literals hold expressions."""
    assert parse('x not in ["a", "b"]') == Binary(
        "not in", Path(("x",)), ListLit((Literal("a"), Literal("b")))
    )


def test_quantifiers() -> None:
    """Quantifiers take a variable, a source, an optional where and a body."""
    node = parse("all(w in workers where w.underground: w.age >= 18)")
    assert node == Quant(
        "all",
        "w",
        Path(("workers",)),
        Path(("w", "underground")),
        Binary(">=", Path(("w", "age")), Literal(Decimal(18))),
    )
    assert parse("count(w in workers)") == Quant("count", "w", Path(("workers",)), None, None)


def test_functions() -> None:
    """The four functions parse as calls."""
    assert parse("age(a, b)") == Call("age", (Path(("a",)), Path(("b",))))
    assert parse("present(a.b)") == Call("present", (Path(("a", "b")),))


@pytest.mark.parametrize(
    "text",
    [
        "a or b and not c == 1 + 2 * -x",
        "(a - b) - c",
        'x not in ["a", "b"]',
        "all(w in workers where w.u: age(w.b, audit.date) >= 15)",
        "audit.date - x.y <= 12 months",
        "not (a and b)",
        "a - (b - c) > 0",
    ],
)
def test_unparse_round_trip(text: str) -> None:
    """unparse() gives text that parses back to the same tree."""
    assert parse(unparse(parse(text))) == parse(text)


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("a < b < c", 7, "chained"),
        ("a = b", 3, "'='"),
        ("a && b", 3, "'&'"),
        ('"abc', 1, "unterminated"),
        (r'"a\n"', 3, "escape"),
        ("(a", 3, "the end of the rule"),
        ("a b", 3, "'b'"),
        ("foo(a)", 1, "unknown function 'foo'"),
        ("age(a)", 1, "takes 2 arguments"),
        ('date("2023-02-30")', 6, "not a valid date"),
        ("date(x)", 6, "date string"),
        ("1.5 months", 1, "whole number"),
        ("12months", 1, "space"),
        ("all(w in xs)", 12, "':'"),
        ("count(w in xs: w)", 14, "where"),
        ("a.", 3, "field name"),
        ("", 1, "expected a value"),
        ("[1, 2", 6, "']'"),
        ("x in", 5, "expected a value"),
    ],
)
def test_syntax_errors(text: str, column: int, fragment: str) -> None:
    """Every syntax error names the offending token at its column."""
    err = syntax_error(text)
    assert err.line == 1
    assert err.column == column
    assert fragment in err.message


def test_error_location_maps_into_file() -> None:
    """A rule at line 40 column 9 with an error on its second line reports line 41."""
    err = syntax_error("a >= 1 and\n  b <> 2", Origin("std.toml", 40, 9, "R-1.2"))
    assert (err.file, err.line, err.column) == ("std.toml", 41, 6)
    assert str(err).startswith("std.toml:41:6: R-1.2: ")
    err = syntax_error("a ? b", Origin("std.toml", 40, 9))
    assert (err.line, err.column) == (40, 11)


def test_limits() -> None:
    """Text length, token count and nesting depth are bounded."""
    assert "characters" in syntax_error("a" * 4001).message
    assert "tokens" in syntax_error(" + ".join(["a"] * 600)).message
    assert "nested" in syntax_error("(" * 40 + "a" + ")" * 40).message
    assert "nested" in syntax_error("not " * 40 + "a").message
    assert "nested" in syntax_error("-" * 40 + "a").message
    parse("(" * 30 + "a" + ")" * 30)


def test_text_must_be_str() -> None:
    """Non-string input is a TypeError, not a crash deeper in."""
    with pytest.raises(TypeError):
        parse(None)  # type: ignore[arg-type]
