"""Hypothesis strategies shared by the test suite. Add sections per area."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from fairmined.rules import Bool, Date, Field, ListOf, Number, Object, String, Type

# ---------------------------------------------------------------------------
# Rules: schemas, records generated from a schema, three-valued trees
# ---------------------------------------------------------------------------

WORKER = Object(
    "Worker",
    (
        Field("id", String()),
        Field("birth_date", Date()),
        Field("underground", Bool()),
        Field("gender", String(enum=("female", "male", "other"))),
        Field("hours_per_week", Number(minimum=Decimal(0), maximum=Decimal(100))),
    ),
)
RECORD = Object(
    "AuditRecord",
    (
        Field("audit", Object("Audit", (Field("date", Date(), required=True),)), required=True),
        Field("workers", ListOf(WORKER)),
        Field("mining_title", Object("MiningTitle", (Field("valid_until", Date()),))),
        Field("general_assembly", Object("Assembly", (Field("last_held", Date()),))),
        Field(
            "toxic_substances",
            Object("Toxics", (Field("mercury", Object("Mercury", (Field("used", Bool()),))),)),
        ),
        Field("tags", ListOf(String())),
        Field("members", Number(integer=True, minimum=Decimal(0))),
    ),
)

decimals = st.decimals(min_value=Decimal(-1000), max_value=Decimal(1000), places=2, allow_nan=False)
dates = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2040, 12, 31))


def facts_for(schema: Type, depth: int = 0) -> st.SearchStrategy[object]:
    """Facts trees as coerce() returns them; optional fields may be absent."""
    if isinstance(schema, Bool):
        return st.booleans()
    if isinstance(schema, Number):
        lo = schema.minimum if schema.minimum is not None else Decimal(-1000)
        hi = schema.maximum if schema.maximum is not None else Decimal(1000)
        return st.decimals(
            min_value=lo, max_value=hi, places=0 if schema.integer else 2, allow_nan=False
        )
    if isinstance(schema, String):
        if schema.enum:
            return st.sampled_from(schema.enum)
        return st.text(max_size=8)
    if isinstance(schema, Date):
        return dates
    if isinstance(schema, ListOf):
        return st.lists(facts_for(schema.item, depth + 1), max_size=6)
    assert isinstance(schema, Object)
    required = {f.name: facts_for(f.type, depth + 1) for f in schema.fields if f.required}
    optional = {f.name: facts_for(f.type, depth + 1) for f in schema.fields if not f.required}
    return st.fixed_dictionaries(required, optional=optional)


def records() -> st.SearchStrategy[object]:
    """Facts for RECORD."""
    return facts_for(RECORD)


#: Rules over RECORD used by the robustness properties.
RECORD_RULES = (
    "all(w in workers: age(w.birth_date, audit.date) >= 15)",
    'any(w in workers where w.underground: w.gender == "female")',
    "none(w in workers: w.hours_per_week > 60)",
    "count(w in workers where w.underground) <= members",
    "sum(w in workers: w.hours_per_week) / len(workers) < 48",
    "min(w in workers: w.hours_per_week) >= 0 or max(w in workers: w.birth_date) < audit.date",
    "mining_title.valid_until >= audit.date and not toxic_substances.mercury.used",
    "audit.date - general_assembly.last_held <= 12 months",
    'present(mining_title.valid_until) or "x" in tags',
    'lower("ABC") not in tags and members * 2 - 1 != 0',
    "audit.date + 1 year > general_assembly.last_held - 3 weeks",
)

three_valued = st.sampled_from([True, False, None])


def bool_trees(max_leaves: int = 12) -> st.SearchStrategy[str]:
    """Rule text over the literals true/false and the unknown field `u`."""
    leaf = st.sampled_from(["true", "false", "u"])
    return st.recursive(
        leaf,
        lambda sub: st.one_of(
            st.builds(lambda a, b: f"({a} and {b})", sub, sub),
            st.builds(lambda a, b: f"({a} or {b})", sub, sub),
            st.builds(lambda a: f"(not {a})", sub),
        ),
        max_leaves=max_leaves,
    )
