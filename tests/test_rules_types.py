"""Schema types: coerce() and to_json_schema()."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from fairmined.errors import FileProblems, RecordError
from fairmined.rules import (
    Bool,
    Date,
    Duration,
    Field,
    ListOf,
    Number,
    Object,
    String,
    coerce,
    to_json_schema,
)
from strategies import RECORD

SMALL = Object(
    "Small",
    (
        Field("n", Number(minimum=Decimal(0), maximum=Decimal(10), integer=True), required=True),
        Field("x", Number(minimum=Decimal("0.5")), doc="a ratio"),
        Field("s", String(enum=("red", "green"), max_length=5)),
        Field("d", Date()),
        Field("b", Bool()),
        Field("xs", ListOf(Number(), max_items=2)),
        Field("dur", Duration()),
    ),
    doc="A small record.",
)


def problems(data: object, schema: Object = SMALL) -> list[RecordError]:
    with pytest.raises(FileProblems) as info:
        coerce(data, schema, file="r.json")
    out = list(info.value.problems)
    assert all(isinstance(p, RecordError) and p.file == "r.json" for p in out)
    return out  # type: ignore[return-value]


def test_coerce_happy_path() -> None:
    """JSON values become Decimal, date, str, bool; null and absent are left out."""
    data = json.loads(
        '{"n": 3, "x": 0.75, "s": "red", "d": "2024-02-29", "b": false, "xs": ["12.5"]}',
        parse_float=Decimal,
        parse_int=Decimal,
    )
    assert coerce(data, SMALL) == {
        "n": Decimal(3),
        "x": Decimal("0.75"),
        "s": "red",
        "d": datetime.date(2024, 2, 29),
        "b": False,
        "xs": [Decimal("12.5")],
    }
    assert coerce({"n": 1, "x": None}, SMALL) == {"n": Decimal(1)}


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({}, "$.n", "required field 'n' is missing"),
        ({"n": True}, "$.n", "got a boolean"),
        ({"n": 1.5}, "$.n", "a float"),
        ({"n": Decimal("NaN")}, "$.n", "finite"),
        ({"n": Decimal("Infinity")}, "$.n", "finite"),
        ({"n": 11}, "$.n", "above the maximum"),
        ({"n": -1}, "$.n", "below the minimum"),
        ({"n": Decimal("2.5")}, "$.n", "whole number"),
        ({"n": "abc"}, "$.n", "got the string"),
        ({"n": 1, "x": "0.1"}, "$.x", "below the minimum"),
        ({"n": 1, "d": "2023-02-30"}, "$.d", "not a real calendar date"),
        ({"n": 1, "d": "2023-2-3"}, "$.d", "yyyy-mm-dd"),
        ({"n": 1, "d": datetime.datetime(2023, 1, 1)}, "$.d", "date and time"),
        ({"n": 1, "s": "blue"}, "$.s", "not one of"),
        ({"n": 1, "s": "x" * 6}, "$.s", "at most 5"),
        ({"n": 1, "b": "yes"}, "$.b", "true or false"),
        ({"n": 1, "xs": [1, 2, 3]}, "$.xs", "at most 2"),
        ({"n": 1, "xs": {"a": 1}}, "$.xs", "expected an array"),
        ({"n": 1, "xs": [[1]]}, "$.xs[0]", "got an array"),
        ({"n": 1, "dur": "1 month"}, "$.dur", "duration"),
        ({"n": 1, "colour": "red"}, "$.colour", "unknown key"),
        ([], "$", "expected an object"),
    ],
)
def test_coerce_errors(data: object, path: str, fragment: str) -> None:
    """Each malformed value gives a RecordError with its JSON path."""
    found = problems(data)
    assert [p.path for p in found] == [path]
    assert fragment in found[0].message


def test_coerce_collects_all_problems_with_hints() -> None:
    """All problems are reported together; near misses get a did-you-mean hint."""
    found = problems({"n": "x", "s": "gren", "bb": True})
    assert [p.path for p in found] == ["$.bb", "$.n", "$.s"]
    assert found[0].hint == "did you mean 'b'?"
    assert found[2].hint == "did you mean 'green'?"


def test_coerce_nested_paths() -> None:
    """Paths into lists of objects carry the index."""
    data = {"audit": {"date": "2024-01-01"}, "workers": [{}, {"birth_date": "2024-13-01"}]}
    found = problems(data, RECORD)
    assert found[0].path == "$.workers[1].birth_date"


def test_to_json_schema_round_trips() -> None:
    """The JSON Schema is plain JSON, draft 2020-12, with descriptions from doc."""
    for schema in (SMALL, RECORD):
        out = to_json_schema(schema)
        assert json.loads(json.dumps(out)) == out
        assert out["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    out = to_json_schema(SMALL)
    assert out["description"] == "A small record."
    assert out["required"] == ["n"]
    assert out["additionalProperties"] is False
    props = out["properties"]
    assert isinstance(props, dict)
    assert props["x"]["description"] == "a ratio"
