"""Long evidence lists: human formats show the first items and a count, JSON keeps all.

Also the loader's fast pieces (the depth walk, the coercion's fast paths) give
the answers of the plain ones.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmined.audit import evaluate
from fairmined.errors import RecordError
from fairmined.records import FORMAT, MAX_DEPTH, load_record, parse_record_text
from fairmined.records._loader import _deep_path, _depth
from fairmined.records._sense import PAST_DATES, _reached, values
from fairmined.report import evaluation_to_json, render_audit
from fairmined.report._explain import SHOWN
from fairmined.standards import load_standard
from strategies import audit_records

ROOT = Path(__file__).resolve().parents[1]


def _record_with_young_workers(n: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import _audit_data

    facts = _audit_data.record_with_workers(40, seed=3)
    workers = facts["workers"]
    assert isinstance(workers, list)
    for w in workers[:n]:
        w["birth_date"] = date(2015, 1, 1)
    return _audit_data.as_json(facts)  # type: ignore[return-value]


def test_many_offending_workers_bounded_in_html_and_complete_in_json() -> None:
    """12 under-age workers: Spanish HTML counts them, shows SHOWN, "12 - SHOWN" more; JSON all."""
    record = load_record(_record_with_young_workers(12))
    ev = evaluate(load_standard("fairmined-2.0"), record)
    data = evaluation_to_json(ev)
    young = [r for r in data["results"] if len(r["evidence"]) == 12]
    assert young, "some requirement names all 12 young workers in the JSON"
    html = render_audit([ev], "html", "es")
    assert "12 trabajadores no lo cumplen." in html
    assert f"y {12 - SHOWN} trabajadores más en el mismo caso" in html
    named = young[0]["evidence"]
    start = html.index(f">{young[0]['id']} ")
    item = html[start : html.index("</ul></li>", start)]
    said = [f"trabajador {e['subject']['key']} tiene" for e in named]
    assert sum(x in item for x in said) == SHOWN
    assert said[-1] not in item


@st.composite
def _nested(draw: st.DrawFn) -> object:
    depth = draw(st.integers(MAX_DEPTH - 4, MAX_DEPTH + 3))
    value: object = draw(st.sampled_from([1, "x", [], {}, [1], {"k": None}]))
    for _ in range(depth):
        value = [value] if draw(st.booleans()) else {"k": value, "n": 1}
    return {"format": FORMAT, "a": value, "b": [[1], {"c": 2}]}


@given(_nested())
def test_depth_walk_agrees_with_the_path_walk(value: object) -> None:
    """The level-by-level depth check finds a too-deep value exactly when the path walk does."""
    assert _depth(value, "$", MAX_DEPTH) == _deep_path(value, "$", MAX_DEPTH)


def test_a_too_deep_record_in_the_right_format_is_refused_as_too_deep() -> None:
    """With the format right, nesting past the limit is still named as such."""
    deep = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
    text = f'{{"format": "{FORMAT}", "a": {deep}}}'
    with pytest.raises(RecordError, match="nested deeper"):
        parse_record_text(text)


@given(audit_records())
def test_sense_check_values_without_paths_are_the_values_with_paths(facts: object) -> None:
    """The path-free walk of the sense checks reaches the same values as the one naming them."""
    assert isinstance(facts, dict)
    for dotted in PAST_DATES:
        assert _reached(facts, dotted) == [v for _, v in values(facts, dotted)]
