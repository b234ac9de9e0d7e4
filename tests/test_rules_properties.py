"""Properties of the rule language: three-valued laws, robustness, evaluate == explain."""

from __future__ import annotations

import contextlib
import datetime

from hypothesis import assume, example, given
from hypothesis import strategies as st

from fairmined.errors import RuleSyntaxError, RuleTypeError
from fairmined.rules import Bool, Field, Object, compile_rule, parse
from strategies import RECORD, RECORD_RULES, bool_trees, records, three_valued, typed_rules

U = Object("U", (Field("u", Bool()),))


def value(text: str, u: bool | None) -> bool | None:
    rule = compile_rule(text, U)
    facts = {} if u is None else {"u": u}
    result = rule.evaluate(facts)
    assert rule.explain(facts).value is result
    return result


def lit(v: bool | None) -> str:
    return "u" if v is None else ("true" if v else "false")


@given(three_valued, three_valued)
def test_de_morgan(a: bool | None, b: bool | None) -> None:
    """not (a and b) == (not a) or (not b), in Kleene logic."""
    for x, y in ((a, b), (b, a)):
        if x is None and y is None:
            continue
        u = None
        left = value(f"not ({lit(x)} and {lit(y)})", u)
        right = value(f"(not {lit(x)}) or (not {lit(y)})", u)
        assert left is right


@given(bool_trees(), three_valued)
def test_laws_over_trees(tree: str, u: bool | None) -> None:
    """Commutativity, double negation and De Morgan hold over random trees."""
    v = value(tree, u)
    assert value(f"not (not {tree})", u) is v
    assert value(f"{tree} and u", u) is value(f"u and {tree}", u)
    assert value(f"{tree} or u", u) is value(f"u or {tree}", u)
    assert value(f"not ({tree} or u)", u) is value(f"(not {tree}) and (not u)", u)


@given(three_valued, three_valued)
def test_kleene_tables(a: bool | None, b: bool | None) -> None:
    """and/or follow Kleene: false dominates and, true dominates or."""
    facts_u = None
    expr_a = lit(a) if a is not None else "u"
    expr_b = lit(b) if b is not None else "u"
    conj = value(f"{expr_a} and {expr_b}", facts_u)
    disj = value(f"{expr_a} or {expr_b}", facts_u)
    assert conj is (False if False in (a, b) else None if None in (a, b) else True)
    assert disj is (True if True in (a, b) else None if None in (a, b) else False)


@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    """Any text either compiles or raises RuleSyntaxError/RuleTypeError."""
    with contextlib.suppress(RuleSyntaxError, RuleTypeError):
        compile_rule(text, RECORD)


tokens = st.sampled_from(
    [
        "(", ")", "[", "]", ",", ":", ".", "and", "or", "not", "in", "where", "==", "<",
        "+", "-", "*", "/", "1", "2.5", '"a"', "true", "workers", "w", "w.birth_date",
        "audit.date", "all(", "count(", "age(", "present(", "months", 'date("2024-01-01")',
    ]
)  # fmt: skip


@given(st.lists(tokens, max_size=30))
def test_random_token_soup_never_crashes(parts: list[str]) -> None:
    """Near-grammatical token soup only raises the rule errors."""
    with contextlib.suppress(RuleSyntaxError, RuleTypeError):
        compile_rule(" ".join(parts), RECORD)


@given(records())
def test_records_never_crash_and_explain_agrees(facts: object) -> None:
    """Random records never crash evaluate/explain, and both give the same value."""
    assert isinstance(facts, dict)
    for text in RECORD_RULES:
        rule = compile_rule(text, RECORD)
        v = rule.evaluate(facts)
        x = rule.explain(facts)
        assert v is x.value
        assert "\n" not in x.text
        if v is None:
            assert x.missing or x.text


@given(typed_rules(), records())
def test_explain_never_raises_on_a_rule_the_checker_accepts(text: str, facts: object) -> None:
    """Any small rule the type checker accepts explains any record without raising, with the
    value evaluate gives (quantifiers over workers and written lists, nested, ages, dates)."""
    assert isinstance(facts, dict)
    try:
        rule = compile_rule(text, RECORD)
    except RuleTypeError:
        assume(False)  # a nesting too costly at the schema's list limits
        return
    explanation = rule.explain(facts)
    assert explanation.value is rule.evaluate(facts)
    assert explanation.text and "\n" not in explanation.text


def test_parse_only_needs_no_schema() -> None:
    """parse() accepts any field names; the schema is checked by compile_rule()."""
    parse("anything.at.all == 1")


@given(typed_rules(), records(), st.sampled_from(["en", "es_CO", "fr_BF", "pt_BR"]))
@example('"x" in tags', {"audit": {"date": datetime.date(2000, 1, 1)}, "tags": ["\n"]}, "en")
@example(
    "0 == (0 + (1 / len(workers)))",
    {"audit": {"date": datetime.date(2000, 1, 1)}, "workers": [{}, {}, {}]},
    "en",
)
def test_sentences_never_raise_on_a_rule_the_checker_accepts(
    text: str, facts: object, locale: str
) -> None:
    """Every observation and missing fact of such a rule is worded as one line in each
    language (a negated comparison or a minus in a where-clause once looped forever; a
    line break in a record's text once broke the line; a third from a rule once raised in
    the number's formatting)."""
    from fairmined.report import translator
    from fairmined.report._explain import evidence_sentence, missing_sentence

    assert isinstance(facts, dict)
    try:
        rule = compile_rule(text, RECORD)
    except RuleTypeError:
        assume(False)
        return
    explanation = rule.explain(facts)
    tr = translator(locale)
    for e in explanation.evidence:
        sentence = evidence_sentence(tr, e)
        assert sentence and "\n" not in sentence
    assert "\n" not in missing_sentence(tr, explanation.missing, 5, unknown=True)
