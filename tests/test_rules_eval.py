"""Type checking, evaluation and explanation of rules."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from fairmined.errors import RuleTypeError
from fairmined.rules import Origin, compile_rule, parse
from strategies import RECORD

D = Decimal


def worker(i: str, born: str | None = "2000-01-01", **more: object) -> dict[str, object]:
    out: dict[str, object] = {"id": i, **more}
    if born is not None:
        out["birth_date"] = datetime.date.fromisoformat(born)
    return out


FACTS: dict[str, object] = {
    "audit": {"date": datetime.date(2024, 3, 1)},
    "mining_title": {"valid_until": datetime.date(2023, 5, 1)},
    "general_assembly": {"last_held": datetime.date(2023, 3, 2)},
    "workers": [
        worker("W-1", hours_per_week=D(40), underground=True, gender="female"),
        worker("W-12", "2010-01-01", hours_per_week=D(20), underground=False),
    ],
    "tags": ["a", "b"],
    "members": D(10),
}


def ev(text: str, facts: dict[str, object] = FACTS) -> bool | None:
    rule = compile_rule(text, RECORD)
    value = rule.evaluate(facts)
    assert rule.explain(facts).value is value
    return value


def type_error(text: str) -> RuleTypeError:
    with pytest.raises(RuleTypeError) as info:
        compile_rule(text, RECORD, Origin("s.toml", 10, 5))
    return info.value


@pytest.mark.parametrize(
    ("text", "fragment", "hint"),
    [
        ("audit.dat == audit.date", "unknown field 'audit.dat'", "did you mean 'date'?"),
        ("mining_titel.valid_until == audit.date", "unknown field", "'mining_title'"),
        ("audit.date == 1", "cannot apply '=='", None),
        ("members + true > 1", "cannot apply '+'", None),
        ("members", "must be a condition", None),
        ('any(w in workers: w.gender == "femal")', "not a possible value", '"female"'),
        ('any(w in workers: w.gender in ["male", "x"])', '"x" is not a possible', None),
        ("workers.birth_date == audit.date", "is a list", None),
        ("audit == audit", "is an object", None),
        ("audit.date - audit.date > 1", "only be compared with a duration", None),
        ("all(w in members: true)", "expected a list", None),
        ("sum(w in workers: w.birth_date) > 1", "a number in sum()", None),
        ("present(1)", "field path", None),
        ('"a" < "b"', "compares numbers or dates", None),
        ('[1, "a"] == tags', "one type", None),
        ("not members", "a boolean after 'not'", None),
        ("len(members) > 1", "a list in len()", None),
        ("audit.date.year == 1", "has no field", None),
    ],
)
def test_type_errors(text: str, fragment: str, hint: str | None) -> None:
    """The checker rejects wrong fields and types at load time, with a hint."""
    err = type_error(text)
    assert fragment in err.message
    assert err.file == "s.toml"
    assert err.line == 10
    if hint:
        assert err.hint is not None
        assert hint in err.hint


def test_fields_read() -> None:
    """Rule.fields lists the schema paths a rule reads."""
    rule = compile_rule("all(w in workers: age(w.birth_date, audit.date) >= 15)", RECORD)
    assert rule.fields == {"workers", "workers[*].birth_date", "audit.date"}
    assert rule.text.startswith("all(")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 + 2 * 3 == 7", True),
        ("10 / 4 == 2.5", True),
        ("-members < 0", True),
        ("members / 0 > 1", None),
        ('"a" in tags and "c" not in tags', True),
        ("members in [1, 10]", True),
        ('lower("AbC") == "abc"', True),
        ("len(workers) == 2", True),
        ("mining_title.valid_until >= audit.date", False),
        ("audit.date - general_assembly.last_held <= 12 months", True),
        ("audit.date - general_assembly.last_held <= 11 months", False),
        ("12 months >= audit.date - general_assembly.last_held", True),
        ("audit.date - 1 year < general_assembly.last_held", True),
        ('audit.date + 2 weeks == date("2024-03-15")', True),
        ('audit.date - 14 days == date("2024-02-16")', True),
        ('audit.date + -1 month == date("2024-02-01")', True),
        ("all(w in workers: age(w.birth_date, audit.date) >= 15)", False),
        ("all(w in workers where w.underground: age(w.birth_date, audit.date) >= 18)", True),
        ("any(w in workers: age(w.birth_date, audit.date) < 15)", True),
        ("none(w in workers: w.hours_per_week > 48)", True),
        ("count(w in workers) == 2", True),
        ('count(w in workers where w.gender == "female") == 1', None),
        ("count(w in workers where w.underground) == 1", True),
        ("sum(w in workers: w.hours_per_week) == 60", True),
        ("min(w in workers: w.hours_per_week) == 20", True),
        ('max(w in workers: w.birth_date) == date("2010-01-01")', True),
        ("min(w in workers where w.hours_per_week > 100: w.hours_per_week) > 0", None),
        ("present(mining_title.valid_until) and not present(toxic_substances)", True),
        ("toxic_substances.mercury.used", None),
        ("false and toxic_substances.mercury.used", False),
        ("true or toxic_substances.mercury.used", True),
        ('all(t in tags: t in ["a", "b"])', True),
        ("all(w in workers: all(v in workers: v.hours_per_week <= 40))", True),
        ("members in [1, members]", True),
    ],
)
def test_evaluate(text: str, value: bool | None) -> None:
    """Each construct evaluates as documented, and explain() agrees."""
    assert ev(text) is value


def test_age_counts_whole_years() -> None:
    """age() is whole years: the day before a birthday is a year less."""
    facts = {"audit": {"date": datetime.date(2024, 2, 28)}, "workers": [worker("W", "2008-02-29")]}
    assert ev("all(w in workers: age(w.birth_date, audit.date) == 15)", facts) is True
    facts = {"audit": {"date": datetime.date(2024, 3, 1)}, "workers": [worker("W", "2008-03-02")]}
    assert ev("all(w in workers: age(w.birth_date, audit.date) == 15)", facts) is True


def test_month_exact_interval() -> None:
    """(a - b) <= 12 months means a <= b + 12 months, month-exact."""
    base = {"audit": {"date": datetime.date(2024, 3, 1)}}
    rule = "audit.date - general_assembly.last_held <= 12 months"
    assert ev(rule, {**base, "general_assembly": {"last_held": datetime.date(2023, 3, 1)}})
    assert not ev(rule, {**base, "general_assembly": {"last_held": datetime.date(2023, 2, 28)}})


def test_missing_facts_are_unknown() -> None:
    """A missing fact makes the result unknown and is named in the explanation."""
    facts = {"audit": {"date": datetime.date(2024, 3, 1)}, "workers": [worker("W-3", None)]}
    rule = compile_rule(
        "all(w in workers: age(w.birth_date, audit.date) >= 15)"
        " and mining_title.valid_until >= audit.date",
        RECORD,
    )
    assert rule.evaluate(facts) is None
    x = rule.explain(facts)
    assert x.value is None
    assert x.missing == ("workers[W-3].birth_date", "mining_title.valid_until")
    assert x.text == "missing: workers[W-3].birth_date, mining_title.valid_until"


def test_explain_failing_elements() -> None:
    """A failing all() names the failing elements with observed and required values."""
    x = compile_rule("all(w in workers: age(w.birth_date, audit.date) >= 15)", RECORD).explain(
        FACTS
    )
    assert x.value is False
    assert "worker W-12: age(w.birth_date, audit.date) is 14, required >= 15" in x.text
    (e,) = x.evidence
    assert (e.path, e.observed, e.required) == (
        "workers[W-12]",
        "age(w.birth_date, audit.date) = 14",
        ">= 15",
    )
    assert (e.subject, e.value, e.op, e.limit) == (("workers", "W-12"), 14, ">=", 15)
    assert e.term is not None and (e.term.kind, e.term.name) == ("call", "age")
    assert [a.name for a in e.term.args] == ["workers[*].birth_date", "audit.date"]


def test_explain_lists_five_and_counts_the_rest() -> None:
    """With many failures the sentence shows the first five and how many more."""
    facts = {
        "audit": {"date": datetime.date(2024, 3, 1)},
        "workers": [{"birth_date": datetime.date(2015, 1, 1)} for _ in range(8)],
    }
    x = compile_rule("all(w in workers: age(w.birth_date, audit.date) >= 15)", RECORD).explain(
        facts
    )
    assert x.text.startswith("8 of 8 workers fail")
    assert "workers[4]:" in x.text
    assert "workers[5]:" not in x.text
    assert x.text.endswith("and 3 more")
    assert len(x.evidence) == 8


def test_explain_comparison_with_field_on_right() -> None:
    """The required side shows the field and its value."""
    x = compile_rule("mining_title.valid_until >= audit.date", RECORD).explain(FACTS)
    assert x.text == "mining_title.valid_until is 2023-05-01, required >= audit.date (2024-03-01)"
    assert x.evidence[0].path == "mining_title.valid_until"


def test_explain_true_summary() -> None:
    """A true all() gives a short summary."""
    x = compile_rule("all(w in workers: w.hours_per_week <= 48)", RECORD).explain(FACTS)
    assert x == x.__class__(True, "all 2 workers meet w.hours_per_week <= 48", (), ())


def test_explain_and_names_only_false_operands() -> None:
    """A false and() explains its false operands only."""
    with pytest.raises(RuleTypeError):
        compile_rule("tags == tags", RECORD)
    x = compile_rule("members > 5 and members > 20", RECORD).explain(FACTS)
    assert x.text == "members is 10, required > 20"


def test_explain_or_names_all_operands() -> None:
    """A false or() explains every operand."""
    x = compile_rule("members > 50 or members < 5", RECORD).explain(FACTS)
    assert x.text == "members is 10, required > 50; members is 10, required < 5"


def test_explain_division_by_zero() -> None:
    """Division by zero is unknown with a reason."""
    x = compile_rule("members / (members - 10) > 1", RECORD).explain(FACTS)
    assert x.value is None
    assert "division by zero" in x.text


def test_explain_any_and_none() -> None:
    """any() names the element that meets; none() the ones that violate."""
    x = compile_rule("any(w in workers: w.hours_per_week > 30)", RECORD).explain(FACTS)
    assert x.text.startswith("worker W-1 meets")
    x = compile_rule("none(w in workers: w.hours_per_week > 30)", RECORD).explain(FACTS)
    assert x.value is False
    assert x.text.startswith("1 of 2 workers meet")


def test_values_render_plainly() -> None:
    """Decimals render without exponent, strings quoted, booleans lowercase."""
    facts = {**FACTS, "members": D("1E+1")}
    x = compile_rule("members < 5", RECORD).explain(facts)
    assert x.text == "members is 10, required < 5"


def test_parse_is_exported() -> None:
    """parse() is public and separate from compile_rule()."""
    assert parse("a").parts == ("a",)  # type: ignore[union-attr]


def test_failed_none_names_each_offending_element_with_the_negated_requirement() -> None:
    """A failed none() gives evidence per offending element: observed value, what it should meet."""
    from fairmined.rules import Date, Field, ListOf, Object, String, coerce, compile_rule

    worker = Object("w", (Field("id", String(), required=True), Field("birth_date", Date())))
    schema = Object(
        "r",
        (
            Field("audit", Object("a", (Field("date", Date(), required=True),))),
            Field("workers", ListOf(worker)),
        ),
    )
    rule = compile_rule("none(w in workers: age(w.birth_date, audit.date) < 18)", schema)
    facts = coerce(
        {
            "audit": {"date": "2024-05-20"},
            "workers": [
                {"id": "W-1", "birth_date": "1990-01-01"},
                {"id": "W-9", "birth_date": "2008-01-01"},
            ],
        },
        schema,
    )
    ex = rule.explain(facts)
    assert ex.value is False
    (ev,) = ex.evidence
    assert ev.path == "workers[W-9]"
    assert ev.observed.endswith("= 16")
    assert ev.required == ">= 18"
