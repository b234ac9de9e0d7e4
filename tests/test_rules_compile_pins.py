"""Pins of the rule compiler's boundaries found by mutation testing (docs/testing.md).

Each test is written from the rule writer's side: a rule text, compiled with
``compile_rule`` against a schema, and records on both sides of the boundary
it names. The expected value is computed here from the dates and numbers
themselves (whole years between two dates, three-valued any/all/none), not
taken from the compiler.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterable
from decimal import Decimal

import pytest

from fairmined.rules import Date, Field, ListOf, Number, Object, String, compile_rule
from strategies import RECORD

AUDIT_DAY = datetime.date(2024, 3, 31)

#: A custom schema whose birth date sits two keys deep on the item (``p.person.born``).
NESTED = Object(
    "Site",
    (
        Field("audit", Object("Audit", (Field("date", Date(), required=True),)), required=True),
        Field("until", Date()),
        Field(
            "people",
            ListOf(
                Object(
                    "Person",
                    (
                        Field("person", Object("Identity", (Field("born", Date()),))),
                        Field("hours", Number()),
                        Field("contract_hours", Number()),
                        Field("trainings", ListOf(String(), max_items=20)),
                        Field("hired", Date()),
                    ),
                ),
                max_items=50,
            ),
        ),
    ),
)


def years_between(born: datetime.date, day: datetime.date) -> int:
    """Whole years from ``born`` to ``day``: the birthday counts on the day itself."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def born_aged(years: int, days_short: int = 0) -> datetime.date:
    """A birth date that makes someone ``years`` old on AUDIT_DAY, ``days_short`` days later."""
    return AUDIT_DAY.replace(year=AUDIT_DAY.year - years) + datetime.timedelta(days=days_short)


def three_valued(kind: str, values: Iterable[bool | None]) -> bool | None:
    """all/any/none of three-valued items: a deciding item wins, else an unknown stays unknown."""
    vals = list(values)
    hit = kind != "all"
    if any(v is hit for v in vals):
        return kind == "any"
    if any(v is None for v in vals):
        return None
    return kind != "any"


def ev(text: str, facts: dict[str, object], schema: Object = RECORD) -> bool | None:
    """The rule's value on ``facts``; its explanation must agree."""
    rule = compile_rule(text, schema)
    value = rule.evaluate(facts)
    assert rule.explain(facts).value is value
    return value


def site(*borns: datetime.date | None, until: datetime.date | None = None) -> dict[str, object]:
    """Facts of NESTED: one person per birth date (None: the date is missing)."""
    people = [{"person": {} if b is None else {"born": b}} for b in borns]
    facts: dict[str, object] = {"audit": {"date": AUDIT_DAY}, "people": people}
    if until is not None:
        facts["until"] = until
    return facts


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize(("op", "n"), [(">=", 15), (">", 15), ("<", 18), ("<=", 18)])
def test_age_threshold_on_a_nested_birth_date(kind: str, op: str, n: int) -> None:
    """An age rule on a two-key item path: on the birthday itself and the day after."""
    text = f"{kind}(p in people: age(p.person.born, audit.date) {op} {n})"
    compare = {">=": int.__ge__, ">": int.__gt__, "<": int.__lt__, "<=": int.__le__}[op]
    for years in (n - 1, n, n + 1):
        for short in (0, 1):
            born = born_aged(years, short)
            expected = compare(years_between(born, AUDIT_DAY), n)
            assert ev(text, site(born), NESTED) is three_valued(kind, [expected]), (years, short)
            # With a person whose birth date is missing beside it.
            both = three_valued(kind, [expected, None])
            assert ev(text, site(None, born), NESTED) is both, (years, short)


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_age_threshold_against_a_missing_date_is_unknown(kind: str) -> None:
    """age(w.birth_date, d) >= 15 with d missing is unknown, whatever the workers' ages."""
    text = f"{kind}(w in workers: age(w.birth_date, mining_title.valid_until) >= 15)"
    facts = {"audit": {"date": AUDIT_DAY}, "workers": [{"birth_date": born_aged(40)}]}
    assert ev(text, facts) is None
    facts["mining_title"] = {"valid_until": AUDIT_DAY}
    assert ev(text, facts) is three_valued(kind, [True])


@pytest.mark.parametrize("threshold", ["15.5", "14.5"])
def test_age_against_a_fractional_threshold(threshold: str) -> None:
    """age >= 15.5 needs 16 whole years: at 15 (birthday today) it is false, at 16 true."""
    text = f"all(w in workers: age(w.birth_date, audit.date) >= {threshold})"
    for years in (14, 15, 16):
        facts = {"audit": {"date": AUDIT_DAY}, "workers": [{"birth_date": born_aged(years)}]}
        assert ev(text, facts) is (Decimal(years) >= Decimal(threshold)), years


def filtered(kind: str, pairs: Iterable[tuple[bool | None, bool | None]]) -> bool | None:
    """all/any/none over (where, body) pairs: a false where skips, an unknown one cannot decide."""
    hit = kind != "all"
    values = [None if w is None and b is hit else b for w, b in pairs if w is not False]
    return three_valued(kind, values)


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_age_threshold_with_a_where_keeps_an_unknown_where(kind: str) -> None:
    """Workers on both sides of 18 (the birthday itself), with a `where` true, false or unknown."""
    text = f"{kind}(w in workers where w.underground: age(w.birth_date, audit.date) >= 18)"
    for under in (True, False, None):
        for years, short in ((17, 0), (18, 0), (18, 1), (None, 0)):
            worker: dict[str, object] = {} if under is None else {"underground": under}
            if years is not None:
                worker["birth_date"] = born_aged(years, short)
            age_ok = (
                None if years is None else years_between(born_aged(years, short), AUDIT_DAY) >= 18
            )
            for other in ([], [{"underground": True, "birth_date": born_aged(30)}]):
                facts = {"audit": {"date": AUDIT_DAY}, "workers": [*other, worker]}
                pairs = [(True, True)] * len(other) + [(under, age_ok)]
                assert ev(text, facts) is filtered(kind, pairs), (under, years, short, other)


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize("text", ["w.hours_per_week < members", "members > w.hours_per_week"])
def test_item_comparison_with_an_unknown_limit_is_unknown(kind: str, text: str) -> None:
    """hours < members, written either way round, is unknown while members is missing."""
    rule = f"{kind}(w in workers: {text})"
    facts: dict[str, object] = {"audit": {"date": AUDIT_DAY}, "workers": [{"hours_per_week": 40}]}
    facts["workers"] = [{"hours_per_week": Decimal(40)}]
    assert ev(rule, facts) is None
    for members in (39, 40, 41):
        facts["members"] = Decimal(members)
        assert ev(rule, facts) is three_valued(kind, [members > 40]), members


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize("text", ["p.hours <= p.contract_hours", "p.contract_hours >= p.hours"])
def test_comparison_of_two_fields_of_the_same_item(kind: str, text: str) -> None:
    """hours <= contract_hours on each person: equal hours pass, one hour more fails."""
    rule = f"{kind}(p in people: {text})"
    for hours in (39, 40, 41):
        people = [{"hours": Decimal(30), "contract_hours": Decimal(35)}]
        people.append({"hours": Decimal(hours), "contract_hours": Decimal(40)})
        facts = {"audit": {"date": AUDIT_DAY}, "people": people}
        expected = three_valued(kind, [True, hours <= 40])
        assert ev(rule, facts, NESTED) is expected, hours
        people.append({"hours": Decimal(10)})
        assert ev(rule, facts, NESTED) is three_valued(kind, [True, hours <= 40, None]), hours


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize("op", [">=", ">", "<", "<="])
def test_count_of_an_items_list_against_a_threshold(kind: str, op: str) -> None:
    """len(p.trainings) against 2, an age-like form of another function: 1, 2 and 3 trainings."""
    rule = f"{kind}(p in people: len(p.trainings) {op} 2)"
    compare = {">=": int.__ge__, ">": int.__gt__, "<": int.__lt__, "<=": int.__le__}[op]
    for n in (1, 2, 3):
        facts = {"audit": {"date": AUDIT_DAY}, "people": [{"trainings": ["t"] * n}]}
        assert ev(rule, facts, NESTED) is three_valued(kind, [compare(n, 2)]), n


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_age_at_a_date_of_the_item_itself(kind: str) -> None:
    """age(p.person.born, p.hired) >= 15: hired on the 15th birthday passes, a day before not."""
    rule = f"{kind}(p in people: age(p.person.born, p.hired) >= 15)"
    born = datetime.date(2000, 6, 15)
    for hired in (datetime.date(2015, 6, 14), datetime.date(2015, 6, 15)):
        people = [
            {"person": {"born": born}, "hired": hired},
            {"person": {"born": datetime.date(1980, 1, 1)}, "hired": datetime.date(2010, 1, 1)},
        ]
        facts = {"audit": {"date": AUDIT_DAY}, "people": people}
        expected = three_valued(kind, [years_between(born, hired) >= 15, True])
        assert ev(rule, facts, NESTED) is expected, hired


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_age_of_dates_outside_the_item_inside_a_quantifier(kind: str) -> None:
    """age(until, audit.date) < 1 for each person: a year to the day is 1, a day less is 0."""
    rule = f"{kind}(p in people: age(until, audit.date) < 1)"
    for until in (AUDIT_DAY.replace(year=2023), datetime.date(2023, 4, 1)):
        facts = site(born_aged(30), until=until)
        expected = three_valued(kind, [years_between(until, AUDIT_DAY) < 1])
        assert ev(rule, facts, NESTED) is expected, until


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("count(x in [1, 2, 3] where x > 1) == 2", True),
        ("count(x in [1, 2, 3] where x > 1) == 3", False),
        ("len([1, 2, 3]) == 3", True),
        ("sum(x in [1, 2, 3]: x) == 6", True),
        ('all(p in people: p.hours in [30, 40] and len(["a", "b"]) == 2)', True),
    ],
)
def test_a_list_written_in_the_rule_is_its_items(text: str, expected: bool) -> None:
    """A list of constants outside `in` (counted, summed, measured) holds exactly its items."""
    facts = {"audit": {"date": AUDIT_DAY}, "people": [{"hours": Decimal(40)}]}
    assert compile_rule(text, NESTED).evaluate(facts) is expected


@pytest.mark.parametrize(
    ("text", "value", "stated"),
    [
        ("count(x in [1, 2, 3] where x > 1) == 2", True, "is 2, meets == 2"),
        ("count(x in [1, 2, 3] where x > 1) == 3", False, "is 2"),
        ("-sum(x in [1, 2, 3]: x) == 0", False, "-6"),
        ("all(x in [1, 2, 3]: x > 1)", False, "x > 1"),
        ("any(x in [1, 2, 3]: x > 2)", True, "x > 2"),
    ],
)
def test_explaining_a_quantifier_over_a_written_list(text: str, value: bool, stated: str) -> None:
    """Explaining a quantifier over a written list (count(x in [1, 2, 3] where x > 1) == 2) gives
    the evaluated value and states it: the list's item has no record path (once a KeyError)."""
    rule = compile_rule(text, NESTED)
    facts = {"audit": {"date": AUDIT_DAY}}
    explanation = rule.explain(facts)
    assert explanation.value is value is rule.evaluate(facts)
    assert stated in explanation.text


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize(
    "text",
    [
        'p.hours <= 48 and count(t in p.trainings where t == "safety") >= 1',
        'count(t in p.trainings where t == "safety") >= 1 and p.hours <= 48',
        'p.hours <= 48 or count(t in p.trainings where t == "safety") >= 1',
    ],
)
def test_item_condition_joined_to_a_nested_count(kind: str, text: str) -> None:
    """hours <= 48 joined by and/or to a count over the item's own list: 48 and 49 hours."""
    rule = f"{kind}(p in people: {text})"
    for hours in (48, 49):
        for trainings in ([], ["safety"], ["first aid"]):
            person = {"hours": Decimal(hours), "trainings": trainings}
            facts = {"audit": {"date": AUDIT_DAY}, "people": [person]}
            hours_ok, trained = hours <= 48, "safety" in trainings
            value = hours_ok and trained if " and " in text else hours_ok or trained
            assert ev(rule, facts, NESTED) is three_valued(kind, [value]), (hours, trainings)


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize("join", ["and", "or"])
@pytest.mark.parametrize("age_first", [True, False], ids=["age-first", "hours-first"])
def test_age_threshold_joined_to_an_hours_limit(kind: str, join: str, age_first: bool) -> None:
    """age(born, audit.date) >= 18 and/or hours <= 48, either first: the 18th birthday, 48 hours."""
    age, hours_rule = "age(p.person.born, audit.date) >= 18", "p.hours <= 48"
    body = f"{age} {join} {hours_rule}" if age_first else f"{hours_rule} {join} {age}"
    rule = f"{kind}(p in people: {body})"
    for short in (0, 1):
        for hours in (48, 49):
            person = {"person": {"born": born_aged(18, short)}, "hours": Decimal(hours)}
            facts = {"audit": {"date": AUDIT_DAY}, "people": [person]}
            adult, ok = short == 0, hours <= 48
            value = adult and ok if join == "and" else adult or ok
            assert ev(rule, facts, NESTED) is three_valued(kind, [value]), (short, hours)


#: Item comparisons whose sides mix the item, outside values and constants: each with its
#: value from the person's hours (39 to 41 against a contract of 35) or trainings (1 to 3).
MIXED = [
    ("p.hours <= p.contract_hours + 5", lambda h, n: h <= 40),
    ("p.hours <= 5 + p.contract_hours", lambda h, n: h <= 40),
    ("-p.hours >= -40", lambda h, n: h <= 40),
    ("p.hours >= -(-40)", lambda h, n: h >= 40),
    ('len(p.trainings) >= len(["a", "b"])', lambda h, n: n >= 2),
    ("len(p.trainings) <= len([audit.date, until])", lambda h, n: n <= 2),
]


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize(("text", "expected"), MIXED, ids=[t for t, _ in MIXED])
def test_item_comparison_with_arithmetic_negation_and_lists(
    kind: str, text: str, expected: Callable[[int, int], bool]
) -> None:
    """A side computed from the item, negated or a written list: 40 hours, two trainings."""
    rule = f"{kind}(p in people: {text})"
    for hours, n in ((39, 1), (40, 2), (41, 3)):
        person = {"hours": Decimal(hours), "contract_hours": Decimal(35), "trainings": ["t"] * n}
        facts = {"audit": {"date": AUDIT_DAY}, "until": AUDIT_DAY, "people": [person]}
        assert ev(rule, facts, NESTED) is three_valued(kind, [expected(hours, n)]), hours


@pytest.mark.parametrize("kind", ["all", "any", "none"])
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(w.hours_per_week > members) == toxic_substances.mercury.used", operator.eq),
        ("not (w.hours_per_week > members)", lambda over, used: not over),
        ("toxic_substances.mercury.used == (w.hours_per_week > members)", operator.eq),
    ],
    ids=["comparison-first", "negated", "comparison-second"],
)
def test_comparison_of_an_item_against_an_outside_limit_inside_another_condition(
    kind: str, text: str, value: Callable[[bool, bool], bool]
) -> None:
    """hours > members compared with an outside flag, or negated: 48 and 49 hours, 48 members."""
    rule = f"{kind}(w in workers: {text})"
    for hours in (48, 49):
        for used in (True, False):
            facts: dict[str, object] = {
                "audit": {"date": AUDIT_DAY},
                "members": Decimal(48),
                "toxic_substances": {"mercury": {"used": used}},
                "workers": [{"hours_per_week": Decimal(hours)}],
            }
            expected = three_valued(kind, [value(hours > 48, used)])
            assert ev(rule, facts) is expected, (hours, used)
            del facts["members"]
            assert ev(rule, facts) is None, (hours, used)


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_negated_count_over_the_items_own_list(kind: str) -> None:
    """not (count of safety trainings >= 1) for each person: none, one, and another training."""
    rule = f'{kind}(p in people: not (count(t in p.trainings where t == "safety") >= 1))'
    for trainings in ([], ["safety"], ["first aid"]):
        facts = {"audit": {"date": AUDIT_DAY}, "people": [{"trainings": trainings}]}
        expected = three_valued(kind, ["safety" not in trainings])
        assert ev(rule, facts, NESTED) is expected, trainings


@pytest.mark.parametrize("text", ["30 days <= until - audit.date", "-members < -5"])
def test_a_missing_operand_on_the_computed_side_is_unknown(text: str) -> None:
    """until missing in a flipped interval comparison, members missing under a minus: unknown."""
    schema = NESTED if "until" in text else RECORD
    assert ev(text, {"audit": {"date": AUDIT_DAY}}, schema) is None


@pytest.mark.parametrize("kind", ["all", "any", "none"])
def test_item_field_against_a_count_over_the_items_own_list(kind: str) -> None:
    """p.hours >= count of p's trainings: each person's own count, equal passes, one more not."""
    rule = f'{kind}(p in people: p.hours >= count(t in p.trainings where t != ""))'
    for n in (1, 2, 3):
        people = [{"hours": Decimal(2), "trainings": ["t"] * n}, {"hours": Decimal(0)}]
        people[1]["trainings"] = []
        facts = {"audit": {"date": AUDIT_DAY}, "people": people}
        assert ev(rule, facts, NESTED) is three_valued(kind, [n <= 2, True]), n
