"""count, sum, min, max, len and lower on known and unknown facts, compiled and explained.

Each rule is written so the compiler takes its general path (a ``where`` or
body the fused loops do not take, such as one calling ``lower``), the one the
mutation run found least guarded (docs/testing.md). ``evaluate`` and
``explain`` must agree on every case.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from fairmined.rules import Field, ListOf, Number, Object, Rule, String

ITEM = Object("item", (Field("name", String()), Field("v", Number())))
SCHEMA = Object(
    "facts",
    (
        Field("items", ListOf(ITEM)),
        Field("s", String()),
        Field("n", Number()),
        Field("l", ListOf(String())),
    ),
)


def items(*pairs: tuple[str | None, int | None]) -> list[dict[str, Any]]:
    out = []
    for name, v in pairs:
        item: dict[str, Any] = {}
        if name is not None:
            item["name"] = name
        if v is not None:
            item["v"] = Decimal(v)
        out.append(item)
    return out


ABC = items(("A", 1), ("b", 2), ("a", 3))


@pytest.mark.parametrize(
    ("text", "facts", "value"),
    [
        ('count(x in items where lower(x.name) == "a") == 2', {"items": ABC}, True),
        ('count(x in items where lower(x.name) == "a") == 1', {"items": ABC}, False),
        (
            'count(x in items where lower(x.name) == "a") == 2',
            {"items": items(("a", 1), (None, 2))},
            None,
        ),
        ("count(x in items) == 3", {"items": ABC}, True),
        ("count(x in items) == 0", {}, None),
        ("sum(x in items: x.v) == 6", {"items": ABC}, True),
        ("sum(x in items: x.v) == 6", {"items": items(("a", 1), ("b", None))}, None),
        ('sum(x in items where lower(x.name) != "b": x.v) == 4', {"items": ABC}, True),
        ('sum(x in items where lower(x.name) == "b": x.v) == 2', {"items": ABC}, True),
        ("sum(x in items where x.v > 1: x.v + 0) == 5", {"items": ABC}, True),
        (
            'sum(x in items where lower(x.name) == "a": x.v) == 1',
            {"items": items(("a", 1), (None, 2))},
            None,
        ),
        ("sum(x in items where x.v > 1: x.v) == 0", {"items": []}, True),
        ('max(x in items where lower(x.name) == "a": x.v) == 3', {"items": ABC}, True),
        ('min(x in items where lower(x.name) == "a": x.v) == 1', {"items": ABC}, True),
        ("max(x in items: x.v) == 3", {"items": ABC}, True),
        ("min(x in items: x.v) == 1", {"items": ABC}, True),
        ("max(x in items: x.v) == 3", {"items": []}, None),
        ("len(l) == 2", {"l": ["a", "b"]}, True),
        ("len(l) == 0", {}, None),
        ('lower(s) == "abc"', {"s": "AbC"}, True),
        ('lower(s) == "abc"', {}, None),
        ("n in [1, n + 0]", {"n": Decimal(5)}, True),
        ("n in [1, 2]", {"n": Decimal(5)}, False),
        ('s in ["a", "b"]', {"s": "b"}, True),
        ("n > 1 and n < 9 and n != 4", {"n": Decimal(5)}, True),
        ("n > 1 and n < 9 and n != 4", {"n": Decimal(4)}, False),
        ('n > 1 and n < 9 and s == "a"', {"n": Decimal(5)}, None),
        ('n < 1 or n > 9 or s == "a"', {"n": Decimal(5)}, None),
        ('n < 1 or n > 9 or s == "a"', {"n": Decimal(5), "s": "a"}, True),
    ],
)
def test_compiled_and_explained_agree_with_the_documented_value(
    text: str, facts: dict[str, Any], value: bool | None
) -> None:
    """The rule's value on these facts is the documented one, by both evaluators."""
    rule = Rule(text, SCHEMA)
    assert rule.evaluate(facts) is value
    assert rule.explain(facts).value is value


DEEP = Object(
    "facts",
    (
        Field(
            "a",
            Object(
                "a",
                (
                    Field(
                        "b",
                        Object(
                            "b",
                            (
                                Field("c", Object("c", (Field("d", Number()),))),
                                Field("e", Number()),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("text", "facts", "value"),
    [
        ("a.b.c.d == 1", {"a": {"b": {"c": {"d": Decimal(1)}}}}, True),
        ("a.b.c.d == 1", {"a": {"b": {"c": {"d": Decimal(2)}}}}, False),
        ("a.b.c.d == 1", {"a": {"b": {}}}, None),
        ("a.b.c.d == 1", {"a": {}}, None),
        ("a.b.e == 1", {"a": {"b": {"e": Decimal(1)}}}, True),
        ("a.b.e == 1", {"a": {}}, None),
        ("a.b.e == 1", {}, None),
    ],
)
def test_nested_facts_at_any_depth(text: str, facts: dict[str, Any], value: bool | None) -> None:
    """A path three or four levels deep reads the fact, or is unknown when a level is missing."""
    rule = Rule(text, DEEP)
    assert rule.evaluate(facts) is value
    assert rule.explain(facts).value is value
