"""The rule language's functions come from one table, read by every stage.

An unknown name fails in the parser, the type checker, the compiler and the
explainer alike; every name in the table parses with its arity, type-checks
to its result type, and evaluates as it explains.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fairmined.errors import RuleSyntaxError, RuleTypeError
from fairmined.rules import compile_rule, parse
from fairmined.rules._ast import Call, Path
from fairmined.rules._check import Checker, check
from fairmined.rules._compile import compile_tree
from fairmined.rules._explain import Explainer
from fairmined.rules._functions import FUNCTIONS, function
from fairmined.rules._lexer import NO_ORIGIN
from strategies import RECORD

#: A rule using each function, with facts and the value it must have.
USES = {
    "age": ("age(general_assembly.last_held, audit.date) >= 1", True),
    "len": ("len(workers) == 2", True),
    "lower": ('any(w in workers: lower(w.gender) == "female")', True),
    "present": ("present(mining_title.valid_until)", False),
}
FACTS = {
    "audit": {"date": date(2024, 5, 1)},
    "general_assembly": {"last_held": date(2022, 1, 1)},
    "workers": [{"gender": "female"}, {"gender": "male"}],
}


def test_every_function_in_the_table_has_a_use_here() -> None:
    """The table and this test name the same functions."""
    assert set(FUNCTIONS) == set(USES)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_each_function_parses_checks_evaluates_and_explains_alike(name: str) -> None:
    """Arity, result type and value of each function agree across the stages."""
    text, expected = USES[name]
    rule = compile_rule(text, RECORD)
    assert rule.evaluate(FACTS) is expected
    assert rule.explain(FACTS).value is expected


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_wrong_arity_is_a_syntax_error(name: str) -> None:
    """Each function takes exactly the number of arguments in its table entry."""
    args = ", ".join(["audit.date"] * (len(FUNCTIONS[name].params) + 1))
    with pytest.raises(RuleSyntaxError, match="argument"):
        parse(f"{name}({args})", NO_ORIGIN)


def test_an_unknown_name_fails_at_every_stage() -> None:
    """A Call the parser never makes is refused by the checker, compiler and explainer."""
    with pytest.raises(RuleSyntaxError, match="unknown function"):
        parse("upper(audit.date)", NO_ORIGIN)
    call = Call("upper", (Path(("audit", "date")),))
    with pytest.raises(RuleTypeError, match="unknown function"):
        Checker(RECORD, NO_ORIGIN).check(call)
    checker = check(parse("present(audit.date)", NO_ORIGIN), RECORD, NO_ORIGIN)
    bogus = Call("upper", ())
    with pytest.raises(ValueError, match="unknown function"):
        compile_tree(bogus, checker)
    with pytest.raises(ValueError, match="unknown function"):
        Explainer(checker).run(bogus, FACTS)
    with pytest.raises(ValueError, match="unknown function"):
        function("upper")


def test_argument_types_come_from_the_table() -> None:
    """age() of a number is refused with the table's description of the argument."""
    with pytest.raises(RuleTypeError, match="a birth date in age"):
        compile_rule("age(members, audit.date) > 1", RECORD)
    assert compile_rule("len(workers) > 0", RECORD).evaluate({"workers": []}) is False
    assert FUNCTIONS["len"].impl is not None
    assert FUNCTIONS["len"].impl([1, 2]) == Decimal(2)
