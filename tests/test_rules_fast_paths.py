"""The fast path the rule compiler takes for each rule shape (``rules/_compile.py``).

``tests/test_rules_optimised.py`` holds the optimised closures equal to the plain ones; these
tests pin that the compiler *takes* them. A fast path not taken changes no value, only time,
so no test of values can see it (the mutation run found 84 such slips alive). The choice made
when a rule compiles shows in the closures the compiler builds: their names, reached through
each closure's cells (``shape``). The choice made per evaluation (the inline loop of an age
threshold, whose date depends on the record) shows in which loop runs.
"""

from __future__ import annotations

import datetime
from collections import Counter
from operator import methodcaller
from types import FunctionType

import pytest

from fairmined.rules import _compile as compiler
from fairmined.rules import compile_rule, parse
from fairmined.rules._ast import Quant
from fairmined.rules._check import check
from fairmined.rules._compile import Compiler, compile_tree
from fairmined.rules._lexer import NO_ORIGIN
from strategies import RECORD

AUDIT_DAY = datetime.date(2024, 6, 30)


def shape(fn: object) -> Counter[str]:
    """The names of the closures that make up a compiled rule (``get`` for a field read in C)."""
    seen: Counter[str] = Counter()
    stack, visited = [fn], set()
    while stack:
        f = stack.pop()
        if id(f) in visited:
            continue
        visited.add(id(f))
        if isinstance(f, methodcaller):
            seen["get"] += 1
        elif isinstance(f, list | tuple):
            stack.extend(f)
        elif isinstance(f, FunctionType):
            seen[f.__name__] += 1
            stack.extend(c.cell_contents for c in f.__closure__ or ())
    return seen


def compiled(text: str, *, optimise: bool = True) -> Counter[str]:
    node = parse(text, NO_ORIGIN)
    return shape(compile_tree(node, check(node, RECORD, NO_ORIGIN), optimise=optimise))


#: Rule shapes without quantifiers, with the closures each compiles to: a rule without
#: quantifiers reads the facts themselves (no ``run`` wrapper, fields read by ``get`` or
#: ``root2``), a comparison with a written value keeps it (``cmp_const``), a written list is
#: built once (one ``<lambda>``) and ``in`` one searches a set (``in_const``), a chain of
#: ``and`` is one loop (``many``).
FLAT = [
    ("members >= 3", {"cmp_const": 1, "get": 1}),
    ("mining_title.valid_until >= audit.date", {"cmp": 1, "root2": 2}),
    ("members in [0, 1]", {"in_const": 1, "get": 1}),
    ("members not in [2, 3]", {"in_const": 1, "get": 1}),
    ("len([1, 2, 3]) == 3", {"cmp_const": 1, "call1": 1, "_len": 1, "<lambda>": 1}),
    ("len([1 year, 2 months]) == 2", {"cmp_const": 1, "call1": 1, "_len": 1, "<lambda>": 1}),
    ("members > 1 and members < 9 and members != 4", {"many": 1, "cmp_const": 3, "get": 3}),
    ("members > 1 or members < 9 or members != 4", {"many": 1, "cmp_const": 3, "get": 3}),
    ("members > 1 and (members < 9 and members != 4)", {"many": 1, "cmp_const": 3, "get": 3}),
]


@pytest.mark.parametrize(("text", "closures"), FLAT)
def test_a_rule_without_quantifiers_reads_the_facts_directly(
    text: str, closures: dict[str, int]
) -> None:
    """Flat rules: the facts read directly, written values and lists folded, and/or flattened."""
    assert compiled(text) == Counter(closures)


#: Quantifier bodies fused into a function of the item (``prep_*``), never run through the
#: item's slot (``prep_plain``): the closures present, the name of the fused form first.
FUSED = [
    ("all(w in workers: w.hours_per_week <= 40)", "prep_compare"),
    ("all(w in workers: 15 <= w.hours_per_week)", "prep_compare"),
    ("all(w in workers: w.hours_per_week > -3)", "prep_compare"),
    ("all(w in workers: w.hours_per_week > -members)", "prep_compare"),
    ("all(w in workers: w.hours_per_week > members + 1)", "prep_compare"),
    ("all(w in workers: w.hours_per_week > 1 + members)", "prep_compare"),
    ("all(w in workers: w.hours_per_week > len(tags))", "prep_compare"),
    ("all(w in workers: w.hours_per_week > len([1, 2]))", "prep_compare"),
    ("all(w in workers: not w.underground)", "prep_not"),
    ("all(w in workers: w.underground and w.hours_per_week > 3)", "prep_logic"),
    ("any(w in workers: w.underground or w.hours_per_week > 3)", "prep_logic"),
    ("all(w in workers: age(w.birth_date, audit.date) >= 15)", "prep_age"),
    ("none(w in workers: 18 > age(w.birth_date, audit.date))", "prep_age"),
    ("all(w in workers where w.underground: w.hours_per_week <= 40)", "prep_compare"),
]


@pytest.mark.parametrize(("text", "form"), FUSED)
def test_a_quantifier_body_of_the_item_alone_is_fused(text: str, form: str) -> None:
    """A body reading only the item and loop-invariant values becomes an item function: the
    fused form is built, and no body runs through the item's slot."""
    closures = compiled(text)
    assert closures["quantify_items" if " where " not in text else "quantify_items_where"] == 1
    assert closures[form] >= 1
    assert closures["prep_plain"] == 0


def test_the_plain_compiler_fuses_nothing() -> None:
    """optimise=False (the tests' reference) builds the plain closures only."""
    for text, _ in FUSED:
        closures = compiled(text, optimise=False)
        assert not {"prep_compare", "prep_not", "prep_logic", "prep_age"} & set(closures), text
        assert closures["prep_plain"] >= 1
    assert compiled("members >= 3", optimise=False)["run_flat"] == 1


@pytest.mark.parametrize(
    ("text", "fast", "slow"),
    [
        ("count(w in workers where w.underground) > 1", "count_items", "count"),
        ("sum(w in workers: w.hours_per_week) > 1", "sum_plain", "sum_"),
    ],
)
def test_count_and_sum_take_their_single_loop(text: str, fast: str, slow: str) -> None:
    """count with an item condition and sum without where run one loop over the items."""
    closures = compiled(text)
    assert closures[fast] == 1
    assert closures[slow] == 0


def test_a_body_reading_another_item_is_not_fused() -> None:
    """A nested quantifier reads the outer item: the outer body runs through the item's slot,
    the inner body (the outer item is invariant there) is fused."""
    closures = compiled(
        "any(w in workers: all(v in workers: v.hours_per_week <= w.hours_per_week))"
    )
    assert closures["prep_plain"] == 1
    assert closures["prep_compare"] == 1


def test_not_of_an_item_field_reads_the_field_in_c() -> None:
    """The item function of not w.underground carries the field's reader (negates), with which
    the explanation reads every item's field in one pass in C, then negates the values."""
    node = parse("all(w in workers: not w.underground)", NO_ORIGIN)
    checker = check(node, RECORD, NO_ORIGIN)
    assert isinstance(node, Quant) and node.body is not None
    prep = Compiler(checker, optimise=True).item(node.body, checker.slots[id(node)])
    assert prep is not None
    not_item = prep([None, None])
    assert not_item({"underground": True}) is False
    negates = getattr(not_item, "negates", None)
    assert isinstance(negates, methodcaller)
    assert negates({"underground": True}) is True


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[object, ...]]:
    calls: list[tuple[object, ...]] = []
    real = getattr(compiler, name)

    def spy(*args: object) -> object:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(compiler, name, spy)
    return calls


WORKERS = [
    {"birth_date": datetime.date(2009, 6, 30), "underground": True},
    {"birth_date": datetime.date(2009, 7, 1), "underground": False},
]


@pytest.mark.parametrize(
    ("text", "at_most", "limit", "value"),
    [
        ("all(w in workers: age(w.birth_date, audit.date) >= 15)", True, (2009, 6, 30), False),
        ("any(w in workers: age(w.birth_date, audit.date) < 15)", False, (2009, 6, 30), True),
        # The threshold date on the calendar's first and last years: still the inline loop.
        ("all(w in workers: age(w.birth_date, audit.date) >= 2023)", True, (1, 6, 30), False),
        ("all(w in workers: age(w.birth_date, audit.date) >= -7975)", True, (9999, 6, 30), True),
    ],
)
def test_an_age_threshold_runs_inline(
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    at_most: bool,
    limit: tuple[int, int, int],
    value: bool,
) -> None:
    """age(w.birth_date, audit.date) >= n runs as one loop comparing each birth date with the
    threshold date (born on or before 2009-06-30 is 15 on 2024-06-30), without a call per item."""
    calls = _spy(monkeypatch, "_threshold_loop")
    rule = compile_rule(text, RECORD)
    assert rule.evaluate({"audit": {"date": AUDIT_DAY}, "workers": WORKERS}) is value
    assert [c[1:4] for c in calls] == [("birth_date", at_most, datetime.date(*limit))]


def test_an_age_threshold_under_where_runs_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """none(w in workers where w.underground: age(...) < 15) runs the inline loop with where."""
    calls = _spy(monkeypatch, "_threshold_loop_where")
    rule = compile_rule(
        "none(w in workers where w.underground: age(w.birth_date, audit.date) < 15)", RECORD
    )
    assert rule.evaluate({"audit": {"date": AUDIT_DAY}, "workers": WORKERS}) is True
    assert [c[2:5] for c in calls] == [("birth_date", False, datetime.date(2009, 6, 30))]


def test_an_age_threshold_out_of_the_calendar_compares_the_age() -> None:
    """A threshold of 10,000 years or more has no threshold date: the age itself is compared
    (nobody reaches it; everybody is younger), as the plain closures do."""
    facts = {"audit": {"date": AUDIT_DAY}, "workers": WORKERS}
    for n in ("10000", "99999999999999999999"):
        assert (
            compile_rule(
                f"any(w in workers: age(w.birth_date, audit.date) >= {n})", RECORD
            ).evaluate(facts)
            is False
        )
        assert (
            compile_rule(
                f"all(w in workers: age(w.birth_date, audit.date) < {n})", RECORD
            ).evaluate(facts)
            is True
        )
        assert (
            compile_rule(
                f"all(w in workers: age(w.birth_date, audit.date) > -{n})", RECORD
            ).evaluate(facts)
            is True
        )
    unknown = {"audit": {"date": AUDIT_DAY}, "workers": [{"underground": True}]}
    rule = compile_rule("all(w in workers: age(w.birth_date, audit.date) < 10000)", RECORD)
    assert rule.evaluate(unknown) is None
