"""The audit-record loader: format, limits and path-addressed errors for junk."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fairmined.errors import FileProblems, RecordError
from fairmined.records import FORMAT, MAX_DEPTH, load_record, parse_record_text

EXAMPLES = sorted((Path(__file__).parents[1] / "examples" / "audits").glob("*.json"))
MINIMAL: dict[str, Any] = {
    "format": FORMAT,
    "organisation": {"name": "x"},
    "audit": {"date": "2024-01-01"},
}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load(path: Path) -> None:
    """Every example record loads, with numbers as Decimal and a file digest."""
    rec = load_record(path)
    assert rec.file == str(path)
    assert len(rec.sha256) == 64


def test_numbers_are_decimal_never_float(tmp_path: Path) -> None:
    """JSON numbers become Decimal, exactly."""
    data = dict(MINIMAL, traceability={"g_per_miner_per_day": 2.1})
    p = tmp_path / "r.json"
    p.write_text(json.dumps(data))
    facts = load_record(p).facts
    value = facts["traceability"]["g_per_miner_per_day"]  # type: ignore[index]
    assert value == Decimal("2.1") and isinstance(value, Decimal)


def _problems(data: object, tmp_path: Path) -> list[RecordError]:
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(data))
    with pytest.raises((FileProblems, RecordError)) as info:
        load_record(p)
    err = info.value
    probs = list(err.problems) if isinstance(err, FileProblems) else [err]
    assert all(str(p) in str(x) for x in probs), "every problem names the file"
    return probs  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"audit": {"date": "2024-13-01"}}, "$.audit.date"),
        ({"audit": {"date": 20240101}}, "$.audit.date"),
        ({"audit": {}}, "$.audit.date"),
        ({"organisation": None}, "$.organisation"),
        ({"workers": [{"id": "W-1", "birth_date": True}]}, "$.workers[0].birth_date"),
        ({"workers": "many"}, "$.workers"),
        ({"workers": [{"birth_date": "2000-01-01"}]}, "$.workers[0].id"),
        ({"labour": {"freedom_of_associaton": True}}, "$.labour.freedom_of_associaton"),
        ({"findings": [{"requirement": "1", "outcome": "maybe"}]}, "$.findings[0].outcome"),
        (
            {"findings": [{"requirement": "1", "outcome": "pass", "score": 9}]},
            "$.findings[0].score",
        ),
        ({"waivers": [{"requirement": "1", "justification": "x"}]}, "$.waivers[0].expires"),
        ({"format": "fairmined-audit/3"}, "$.format"),
        ({"format": "fairmined-audit/1", "permits": []}, "$.permits"),
    ],
)
def test_junk_gives_path_addressed_errors(
    change: dict[str, Any], path: str, tmp_path: Path
) -> None:
    """Wrong types and missing sections are reported with the path of the bad value."""
    data = {**MINIMAL, **change}
    data = {k: v for k, v in data.items() if v is not None}
    probs = _problems(data, tmp_path)
    assert path in [p.path for p in probs]


@pytest.mark.parametrize("junk", [None, [], "text", 3, {}])
def test_non_record_json_is_rejected(junk: object, tmp_path: Path) -> None:
    """JSON that is not a record object is a RecordError, never a crash."""
    _problems(junk, tmp_path)


def test_all_problems_reported_together(tmp_path: Path) -> None:
    """Several bad values give several problems in one report."""
    data = {**MINIMAL, "audit": {"date": "x"}, "workers": [{"id": 3}]}
    assert len(_problems(data, tmp_path)) >= 2


def test_bad_json_names_line_and_column() -> None:
    """Invalid JSON names the file, line and column."""
    with pytest.raises(RecordError) as info:
        parse_record_text('{\n  "format": ,\n}', "r.json")
    assert (info.value.file, info.value.line) == ("r.json", 2)


def test_duplicate_keys_rejected() -> None:
    """A key given twice in one object is an error, not a silent overwrite."""
    with pytest.raises(RecordError, match="twice"):
        parse_record_text('{"format": "a", "format": "b"}', "r.json")


def test_nan_rejected() -> None:
    """NaN is not JSON and is refused."""
    with pytest.raises(RecordError, match="NaN"):
        parse_record_text('{"format": NaN}', "r.json")


def test_deep_nesting_rejected() -> None:
    """Records nested deeper than the limit are refused with a path."""
    text = '{"format": "x", "a": ' + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "}"
    with pytest.raises(RecordError, match="nested deeper"):
        parse_record_text(text, "r.json")


def test_duplicate_finding_rejected() -> None:
    """Two findings for the same requirement are an error naming the second."""
    data = {
        **MINIMAL,
        "findings": [
            {"requirement": "1", "outcome": "pass"},
            {"requirement": "1", "outcome": "fail"},
        ],
    }
    with pytest.raises(FileProblems) as info:
        load_record(data)
    assert info.value.problems[0].path == "$.findings[1].requirement"


def test_missing_file_is_record_error(tmp_path: Path) -> None:
    """An unreadable path is a RecordError naming the file."""
    with pytest.raises(RecordError) as info:
        load_record(tmp_path / "nope.json")
    assert info.value.file == str(tmp_path / "nope.json")


@pytest.mark.parametrize("junk", [None, 3, 1.5, b"{}", object()])
def test_load_record_junk_types_raise_type_error(junk: object) -> None:
    """Values that are neither a path nor a mapping are a TypeError, never a crash."""
    with pytest.raises(TypeError):
        load_record(junk)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   ", "\x00", "[" * 5000, '{"format": 1e999999}', "\ud800"])
def test_parse_record_text_junk_is_record_error(text: str) -> None:
    """Empty, binary, deeply nested or absurd text is a RecordError."""
    with pytest.raises((RecordError, FileProblems)):
        parse_record_text(text.encode("utf-8", "surrogatepass"), "junk.json")
