"""How a rule's explanation writes each kind of value, and membership with unknown items.

A certifier reads these texts as evidence: a number as written without a
trailing ``.0``, a string quoted with its quotes, backslashes and control
characters escaped, a date in ISO form, an interval as ``later - earlier``, a
duration in years, months and days with the right plurals, a list in
brackets. Found alive by the mutation run (docs/testing.md).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from fairmined.rules import Bool, Date, Field, ListOf, Number, Object, Rule, String

SCHEMA = Object(
    "facts",
    (
        Field("s", String()),
        Field("d", Date()),
        Field("e", Date()),
        Field("n", Number()),
        Field("b", Bool()),
        Field("l", ListOf(String())),
    ),
)
D = datetime.date
SPAN = {"d": D(2029, 3, 4), "e": D(2024, 1, 3)}


@pytest.mark.parametrize(
    ("text", "facts", "observed", "required"),
    [
        ('s == "a"', {"s": 'b"c\\\x01'}, 's = "b\\"c\\\\\\u0001"', '== "a"'),
        ('s == "a"', {"s": "tab\tx"}, 's = "tab\\u0009x"', '== "a"'),
        ("n == 1", {"n": Decimal("2.50")}, "n = 2.50", "== 1"),
        ("n == 1", {"n": Decimal("3.0")}, "n = 3", "== 1"),
        ("n == 1", {"n": Decimal("-7.0")}, "n = -7", "== 1"),
        ("n == 1", {"n": Decimal("0.000")}, "n = 0", "== 1"),
        ("n + 1 == 1", {"n": Decimal("1E+3")}, "n + 1 = 1001", "== 1"),
        ("b == true", {"b": False}, "b = false", "== true"),
        ("b == false", {"b": True}, "b = true", "== false"),
        ("d == e", SPAN, "d = 2029-03-04", "== e (2024-01-03)"),
        ("d - e <= 0 days", SPAN, "d - e = 2029-03-04 - 2024-01-03", "<= 0 days"),
        ("d - e <= 1 days", SPAN, "d - e = 2029-03-04 - 2024-01-03", "<= 1 days (1 day)"),
        ("d - e <= 2 weeks", SPAN, "d - e = 2029-03-04 - 2024-01-03", "<= 2 weeks (14 days)"),
        ("d - e <= 1 months", SPAN, "d - e = 2029-03-04 - 2024-01-03", "<= 1 months (1 month)"),
        (
            "d - e <= 13 months",
            SPAN,
            "d - e = 2029-03-04 - 2024-01-03",
            "<= 13 months (1 year 1 month)",
        ),
        (
            "d - e <= 26 months",
            SPAN,
            "d - e = 2029-03-04 - 2024-01-03",
            "<= 26 months (2 years 2 months)",
        ),
        ("d - e <= 1 years", SPAN, "d - e = 2029-03-04 - 2024-01-03", "<= 1 years (1 year)"),
        ("s in l", {"s": "a", "l": ["b", "c"]}, 's = "a"', 'in l (["b", "c"])'),
        ("len(l) == 0", {"l": ["b", "c"]}, "len(l) = 2", "== 0"),
    ],
)
def test_explanation_writes_values_as_a_certifier_reads_them(
    text: str, facts: dict[str, Any], observed: str, required: str
) -> None:
    """The failing comparison's evidence shows the observed and required values so."""
    explanation = Rule(text, SCHEMA).explain(facts)
    assert explanation.value is False
    [evidence] = explanation.evidence
    assert (evidence.observed, evidence.required) == (observed, required)


@pytest.mark.parametrize(
    ("items", "value"),
    [(["a", None], True), (["b", None], None), (["b", "c"], False), ([], False)],
)
def test_membership_in_a_list_with_an_unknown_item(items: list[Any], value: bool | None) -> None:
    """``s in l`` is unknown when s is not found but l holds an unknown item; else plain."""
    rule = Rule("s in l", SCHEMA)
    facts = {"s": "a", "l": items}
    assert rule.evaluate(facts) is value
    assert rule.explain(facts).value is value
    assert Rule("s not in l", SCHEMA).evaluate(facts) is (None if value is None else not value)


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("d - e <= 0 days", "d - e is 2029-03-04 - 2024-01-03, required <= 0 days"),
        ("0 days >= d - e", "0 days is 0 days, required >= d - e (2029-03-04 - 2024-01-03)"),
    ],
)
def test_a_difference_of_dates_reads_as_its_two_dates(text: str, sentence: str) -> None:
    """The explanation's sentence writes a difference of dates as its two dates, in the
    order written (later minus earlier), on either side of the comparison."""
    explanation = Rule(text, SCHEMA).explain(SPAN)
    assert explanation.value is False
    assert explanation.text == sentence
