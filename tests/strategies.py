"""All hypothesis strategies of the test suite, one section per area.

Keep each section self-contained (its own imports inside the section are fine)
so sections added on different branches merge without conflicts.
"""

from __future__ import annotations

import datetime
from datetime import date, timedelta

# =========================================================================== quantities
# Masses, finenesses in each written form, reference prices and Money.
from decimal import Decimal

from hypothesis import strategies as st

from fairmined.lots import Finding, LotResult
from fairmined.model import Fineness, Mass, Money
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
        # Small list limits: rules nesting quantifiers stay within the rule cost bound.
        Field("workers", ListOf(WORKER, max_items=200)),
        Field("mining_title", Object("MiningTitle", (Field("valid_until", Date()),))),
        Field("general_assembly", Object("Assembly", (Field("last_held", Date()),))),
        Field(
            "toxic_substances",
            Object("Toxics", (Field("mercury", Object("Mercury", (Field("used", Bool()),))),)),
        ),
        Field("tags", ListOf(String(), max_items=200)),
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


#: The quantifier heads of typed_rules: a variable's name says what it ranges over (w, v: a
#: worker of the record; x, y: a number of a written list; s: a string, written or a tag).
_HEADS = {
    "w": "w in workers",
    "v": "v in workers",
    "x": "x in [1, 2, 3]",
    "y": "y in [0, 2.5, -1]",
    "s": 's in ["a", "x"]',
}
_KINDS = ("all", "any", "none")


def _typed_numbers(depth: int, scope: frozenset[str]) -> st.SearchStrategy[str]:
    leaves = ["0", "1", "2.5", "members", "len(workers)", "len(tags)", "len([1, 2, 3])"]
    leaves += [f"{w}.hours_per_week" for w in "wv" if w in scope]
    leaves += [f"age({w}.birth_date, audit.date)" for w in "wv" if w in scope]
    leaves += [x for x in "xy" if x in scope]
    leaf = st.sampled_from(leaves)
    if depth == 0:
        return leaf
    num = _typed_numbers(depth - 1, scope)
    heads = [h for h in _HEADS if h not in scope]
    quantified = st.sampled_from(heads).flatmap(
        lambda h: (
            st.one_of(
                _typed_bools(depth - 1, scope | {h}).map(lambda b: f"count({_HEADS[h]} where {b})"),
                _typed_numbers(depth - 1, scope | {h}).map(lambda n: f"sum({_HEADS[h]}: {n})"),
                _typed_numbers(depth - 1, scope | {h}).map(lambda n: f"max({_HEADS[h]}: {n})"),
            )
            if h != "s"
            else _typed_bools(depth - 1, scope | {h}).map(lambda b: f"count({_HEADS[h]} where {b})")
        )
    )
    return st.one_of(
        leaf,
        st.builds(lambda a, op, b: f"({a} {op} {b})", num, st.sampled_from("+-*/"), num),
        num.map(lambda a: f"-{a}"),
        quantified,
    )


def _typed_bools(depth: int, scope: frozenset[str]) -> st.SearchStrategy[str]:
    leaves = [
        "true",
        "false",
        "toxic_substances.mercury.used",
        '"x" in tags',
        "members in [1, 2, 3]",
        "present(mining_title.valid_until)",
        "mining_title.valid_until >= audit.date",
        "audit.date - general_assembly.last_held <= 12 months",
        'date("2024-01-01") + 1 year > general_assembly.last_held',
    ]
    for w in "wv":
        if w in scope:
            leaves += [
                f"{w}.underground",
                f'{w}.gender == "female"',
                f'{w}.gender in ["female", "other"]',
                f"age({w}.birth_date, audit.date) >= 15",
                f"18 > age({w}.birth_date, audit.date)",
                f'{w}.birth_date < date("2000-01-01")',
            ]
    for x in "xy":
        if x in scope:
            leaves += [f"{x} > 1", f"2 >= {x}", f"{x} in [2, 3]"]
    if "s" in scope:
        leaves += ["s in tags", 's == "a"', 'lower(s) != "x"']
    leaf = st.sampled_from(leaves)
    if depth == 0:
        return leaf
    sub = _typed_bools(depth - 1, scope)
    num = _typed_numbers(depth - 1, scope)
    heads = [h for h in _HEADS if h not in scope]

    def quantifier(h: str) -> st.SearchStrategy[str]:
        body = _typed_bools(depth - 1, scope | {h})
        return st.one_of(
            st.builds(lambda k, b: f"{k}({_HEADS[h]}: {b})", st.sampled_from(_KINDS), body),
            st.builds(
                lambda k, c, b: f"{k}({_HEADS[h]} where {c}: {b})",
                st.sampled_from(_KINDS),
                body,
                body,
            ),
        )

    return st.one_of(
        leaf,
        st.builds(
            lambda a, op, b: f"{a} {op} {b}",
            num,
            st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
            num,
        ),
        st.builds(lambda a, op, b: f"({a} {op} {b})", sub, st.sampled_from(["and", "or"]), sub),
        sub.map(lambda a: f"not ({a})"),
        st.sampled_from(heads).flatmap(quantifier),
    )


def typed_rules(depth: int = 3) -> st.SearchStrategy[str]:
    """Small rule texts over RECORD that the type checker accepts (most of them: a nesting too
    costly at the schema's list limits is refused): comparisons, ages, dates and intervals,
    membership, and/or/not, quantifiers over the workers and over written lists, nested."""
    return _typed_bools(depth, frozenset())


def audit_records(requirement_ids: tuple[str, ...] = ()) -> st.SearchStrategy[object]:
    """Audit records (as parsed mappings) drawn from the record schema.

    When ``requirement_ids`` is given, findings and waivers name those ids
    (plus the odd unknown one), so evaluation is exercised, not only the
    unknown-id check.
    """
    from fairmined.records import RECORD_SCHEMA

    base = facts_for(RECORD_SCHEMA)
    if not requirement_ids:
        return base
    ids = st.sampled_from((*requirement_ids, "no-such-id"))

    def retag(data: object, new_ids: list[str]) -> object:
        assert isinstance(data, dict)
        out = dict(data)
        for key in ("findings", "waivers"):
            items = out.get(key)
            if isinstance(items, list):
                out[key] = [
                    {**item, "requirement": new_ids[i % len(new_ids)], "standard": None}
                    for i, item in enumerate(items)
                ]
                out[key] = [{k: v for k, v in x.items() if v is not None} for x in out[key]]
        return out

    return st.builds(retag, base, st.lists(ids, min_size=1, max_size=8, unique=True))


# =========================================================================== lots
# Strategies for buyer lot verification (tests/test_lots*.py). Self-contained:
# rows are dicts of column name to text, as a CSV reader gives them.
#: Currencies used by the quantity strategies (USD and two with 0 decimals in babel).
QUANTITY_CURRENCIES = ("USD", "EUR", "COP", "PEN", "XOF", "JPY")


def decimals_between(
    min_value: str, max_value: str, places: int, *, allow_min: bool = True
) -> st.SearchStrategy[Decimal]:
    """Finite Decimals between the bounds with at most ``places`` decimal places."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    ).filter(lambda d: allow_min or d != Decimal(min_value))


#: Gross masses in grams: from a milligram to 100 kg, to the milligram.
mass_grams = decimals_between("0.001", "100000", 3)
#: Gross masses in kilograms, to the milligram.
mass_kg = decimals_between("0.000001", "100", 6)
#: Gross masses in troy ounces, as LBMA lists them (to 0.001 ozt).
mass_ozt = decimals_between("0.001", "3000", 3)


@st.composite
def masses(draw: st.DrawFn) -> Mass:
    """A Mass in g, kg or ozt."""
    unit = draw(st.sampled_from(["g", "kg", "ozt"]))
    value = draw({"g": mass_grams, "kg": mass_kg, "ozt": mass_ozt}[unit])
    return Mass(value, unit)


def mass_texts() -> st.SearchStrategy[str]:
    """Mass text as a user types it: ``1.250kg``, ``1250 g``, ``40.19ozt``."""
    return st.builds(
        lambda v, sep, unit: f"{v:f}{sep}{unit}",
        mass_grams,
        st.sampled_from(["", " "]),
        st.sampled_from(["g", "kg", "ozt", "G", "KG"]),
    )


#: Millesimal fineness values, 0.1 to 1000 per mille to one decimal (999.9 is LBMA's top).
permille_values = decimals_between("0.1", "1000", 1)
#: Karat values, whole and half karats from 0.5 to 24.
karat_values = st.integers(min_value=1, max_value=48).map(lambda n: Decimal(n) / 2)


@st.composite
def fineness_forms(draw: st.DrawFn) -> tuple[str, str, str]:
    """One fineness written three ways: (fraction, per mille with ‰, per mille with ppt)."""
    tenths = draw(st.integers(min_value=1, max_value=10000))  # tenths of a per mille
    permille = Decimal(tenths).scaleb(-1)
    fraction = Decimal(tenths).scaleb(-4)
    return f"{fraction:f}", f"{permille:f}‰", f"{permille:f}ppt"


@st.composite
def finenesses(draw: st.DrawFn) -> Fineness:
    """A Fineness in any of its three forms."""
    form = draw(st.sampled_from(["fraction", "karat", "permille"]))
    if form == "karat":
        return Fineness.karat(draw(karat_values))
    if form == "permille":
        return Fineness.permille(draw(permille_values))
    return Fineness.of(draw(decimals_between("0.0001", "1", 4, allow_min=True)))


#: Reference prices in USD per troy ounce, to the cent: silver near 10 up to gold near 5000.
reference_prices = decimals_between("0.01", "10000", 2)
#: Reference prices at or above USD 500 per troy ounce (gold since 2006).
high_reference_prices = decimals_between("500", "10000", 2)
#: Exact amounts of any scale (not rounded to a minor unit).
amounts = decimals_between("-1000000", "1000000", 8)


def money(currencies: tuple[str, ...] = QUANTITY_CURRENCIES) -> st.SearchStrategy[Money]:
    """Money in one of ``currencies``."""
    return st.builds(Money, amounts, st.sampled_from(currencies))


#: Python floats: never accepted where an amount is expected.
floats = st.floats(allow_nan=True, allow_infinity=True)

# ======================================================================= end quantities
LOTS_CERTIFICATES = [
    {
        "certificate_id": "C-1",
        "holder": "Coop one (fictitious)",
        "standard": "fairmined-2.0",
        "metals": "gold;silver",
        "ecological": "true",
        "valid_from": "2023-01-01",
        "valid_to": "2024-12-31",
        "status": "active",
        "status_since": "",
    },
    {
        "certificate_id": "C-2",
        "holder": "Coop two (fictitious)",
        "standard": "fairtrade-gold-2013",
        "metals": "gold",
        "ecological": "false",
        "valid_from": "2023-01-01",
        "valid_to": "",
        "status": "suspended",
        "status_since": "2024-06-01",
    },
]
#: One lot of certificate C-1 that passes every check.
LOTS_ROW = {
    "lot_id": "L-1",
    "sale_date": "2024-02-01",
    "certificate_id": "C-1",
    "metal": "gold",
    "gross_mass": "1kg",
    "fineness": "0.995",
    "ecological": "false",
    "reference_price": "2200.00",
    "price_paid": "68000.00",
    "premium_paid": "3980.00",
    "currency": "USD",
}


LOTS_PRODUCTION = [
    {
        "certificate_id": "C-1",
        "period_start": "2024-01-01",
        "period_end": "2024-06-30",
        "metal": "gold",
        "fine_mass": "3kg",
    },
    {
        "certificate_id": "C-2",
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
        "metal": "gold",
        "fine_mass": "2.5kg",
    },
]


def _money(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.integers(lo * 100, hi * 100).map(lambda c: str(Decimal(c).scaleb(-2)))


@st.composite
def lot_rows(draw: st.DrawFn, *, unique_ids: bool = False, n: int = 0) -> dict[str, str]:
    """One lots row, well formed or (rarely) not, for the certificates above."""
    day = date(2022, 12, 1) + timedelta(days=draw(st.integers(0, 800)))
    row = {
        "lot_id": f"L-{n}" if unique_ids else draw(st.sampled_from(["A", "B", "C", "D", "E"])),
        "sale_date": day.isoformat(),
        "certificate_id": draw(st.sampled_from(["C-1", "C-1", "C-2", "C-9"])),
        "metal": draw(st.sampled_from(["gold", "gold", "silver", "platinum"])),
        "gross_mass": draw(st.sampled_from(["250g", "1kg", "1.250kg", "40.19ozt", "3kg"])),
        "fineness": draw(st.sampled_from(["0.995", "18k", "999.9‰", "0.75"])),
        "ecological": draw(st.sampled_from(["true", "false"])),
        "reference_price": draw(_money(900, 2500)),
        "price_paid": draw(_money(0, 250000)),
        "premium_paid": draw(_money(0, 20000)),
        "currency": "USD",
    }
    if draw(st.integers(0, 9)) == 0:
        field = draw(st.sampled_from(["fineness", "sale_date", "gross_mass", "currency"]))
        row[field] = {
            "fineness": "1.5",
            "sale_date": "2024-02-30",
            "gross_mass": "12",
            "currency": "EUR",
        }[field]
    return row


@st.composite
def lot_tables(draw: st.DrawFn, *, unique_ids: bool = False) -> list[dict[str, str]]:
    """A lots table of 0 to 30 rows."""
    size = draw(st.integers(0, 30))
    return [draw(lot_rows(unique_ids=unique_ids, n=i)) for i in range(size)]


def lot_results() -> st.SearchStrategy[LotResult]:
    """Results as verify_lots gives them: mostly passing lots, then any status and fields."""
    ids = st.text() | st.sampled_from(["L-1", 'L-"q"', "L-\\", "L-\u2028", "L-é", "L-\x00"])
    lines = st.integers(min_value=1, max_value=10**9)
    usd = money(("USD",))
    passing = st.builds(LotResult, lines, ids, st.just("pass"), st.just(()), usd, usd)
    findings = st.lists(st.builds(Finding, st.just("premium_underpaid"), st.text()), max_size=2)
    return passing | st.builds(
        LotResult,
        lines,
        st.none() | ids,
        st.sampled_from(["pass", "fail", "invalid"]),
        findings.map(tuple),
        st.none() | money(("USD", "XOF", "COP")),
        st.none() | usd,
        st.none() | st.text(),
    )


# =========================================================================== hardening
# Strategies for the parser fuzz tests (tests/test_fuzz_parsers.py): text that is
# almost valid, because near misses reach deeper into a parser than noise does.

_NUMBER_PIECES = [
    "0",
    "1",
    "9",
    ".",
    "-",
    "+",
    "e",
    "E",
    "NaN",
    "inf",
    ",",
    " ",
    "\u2030",
    "\uff11",
    "\u0660",
    "k",
    "kg",
    "ozt",
    "%",
    "_",
    "0x",
    "\x00",
    "9" * 40,
]


def number_like_texts() -> st.SearchStrategy[str]:
    """Strings built from the pieces numbers, units and their typos are made of."""
    return st.lists(st.sampled_from(_NUMBER_PIECES), max_size=8).map("".join) | st.text(max_size=20)


def junk_values() -> st.SearchStrategy[object]:
    """Values of the wrong Python type: None, numbers, floats, bytes, containers."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.binary(max_size=8),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    )


def mutated_texts(base: str) -> st.SearchStrategy[str]:
    """``base`` cut, spliced with junk, or with a slice deleted or repeated."""
    n = len(base)
    junk = st.sampled_from(
        [
            "",
            "\x00",
            "\ufeff",
            '"',
            "[",
            "{",
            "]]",
            "=",
            "\n",
            "\r",
            ",",
            "NaN",
            "1e999",
            "2023-02-30",
            "-1",
            "9" * 50,
            "\ud800",
            "\u2028",
            "[" * 200,
        ]
    ) | st.text(max_size=5)
    return st.tuples(st.integers(0, n), st.integers(0, n), junk, st.integers(1, 3)).map(
        lambda t: base[: min(t[0], t[1])] + t[2] * t[3] + base[max(t[0], t[1]) :]
    )


_CSV_CELLS = st.sampled_from(
    [
        "",
        "gold",
        "2024-03-28",
        "2023-02-30",
        "PM",
        "1kg",
        "0.995",
        "2200",
        "-1",
        "NaN",
        "=1+1",
        "@x",
        '"',
        '""',
        "a,b",
        "\n",
        "\x00",
        "FM-CO-001",
        "true",
        "9" * 40,
    ]
) | st.text(max_size=6)


def csv_texts() -> st.SearchStrategy[str]:
    """CSV-ish text: a header of known and unknown names, rows of odd lengths."""
    header_names = st.sampled_from(
        [
            "date",
            "metal",
            "session",
            "usd_per_troy_ounce",
            "lot_id",
            "sale_date",
            "certificate_id",
            "gross_mass",
            "fineness",
            "holder",
            "standard",
            "x",
        ]
    )
    header = st.lists(header_names, min_size=0, max_size=12).map(",".join)
    rows = st.lists(st.lists(_CSV_CELLS, max_size=12).map(",".join), max_size=5)
    return st.tuples(header, rows).map(lambda t: "\n".join([t[0], *t[1]]) + "\n")


_JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=6),
    st.sampled_from(["2023-02-30", "2024-03-12", "NaN", "1e999", "fairmined-audit/1"]),
)


def json_documents() -> st.SearchStrategy[object]:
    """JSON values, often objects with audit-record keys."""
    keys = st.sampled_from(
        [
            "format",
            "standard",
            "audit",
            "date",
            "workers",
            "id",
            "birth_date",
            "findings",
            "requirement",
            "outcome",
            "waivers",
            "expires",
            "organisation",
            "members",
        ]
    ) | st.text(max_size=4)
    return st.recursive(
        _JSON_LEAVES,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
        max_leaves=20,
    )


_RULE_PIECES = [
    "members",
    "workers",
    "audit.date",
    "w",
    "w.birth_date",
    "all(",
    "any(",
    "count(",
    "w in workers",
    ":",
    "where",
    "(",
    ")",
    "and",
    "or",
    "not",
    ">=",
    "==",
    "<",
    "+",
    "-",
    "*",
    "/",
    "15",
    "3.5",
    '"x"',
    "true",
    "age(",
    ",",
    "date(",
    '"2024-01-01"',
    "in",
    "[",
    "]",
    ".",
    "1e9",
    "\x00",
    "tags",
]


def rule_texts() -> st.SearchStrategy[str]:
    """Token soup from the rule language's vocabulary, plus arbitrary text."""
    return st.lists(st.sampled_from(_RULE_PIECES), max_size=25).map(" ".join) | st.text(max_size=40)


# --------------------------------------------------------------------------- statement sales

#: The days the statement example's price file covers (gold, PM).
SALE_DAYS = ("2024-02-05", "2024-02-16", "2024-02-19", "2024-03-04", "2024-03-18", "2024-03-28")


@st.composite
def sale_rows(draw: st.DrawFn) -> dict[str, str]:
    """One sale of the statement's sales file, every cell as text, paid in USD or COP."""
    currency = draw(st.sampled_from(["USD", "COP"]))

    def amount(lo: int, hi: int) -> str:
        # Pesos have no minor unit; dollars have cents.
        if currency == "COP":
            return str(draw(st.integers(lo * 4000, hi * 4000)))
        return draw(_money(lo, hi))

    return {
        "sale_date": draw(st.sampled_from(SALE_DAYS)),
        "buyer": draw(st.sampled_from(["Comprador A (fictitious)", "Comprador B (fictitious)"])),
        "lot_id": f"L-{draw(st.integers(1, 999)):03d}",
        "metal": "gold",
        "gross_mass": f"{draw(st.integers(1, 5000))}g",
        "fineness": draw(st.sampled_from(["0.995", "0.990", "0.9999", "18k", "995‰"])),
        "ecological": draw(st.sampled_from(["true", "false"])),
        "price_received": amount(1000, 400_000),
        "premium_received": amount(10, 30_000),
        "currency": currency,
    }


#: Odd but plain cells (no comma, quote or line break) for each lot column:
#: the DuckDB engine must read them as the library's parsers do.
LOTS_ODD_CELLS = {
    "lot_id": ["", " ", " L-2 ", "L-\u200b2", "\ufeffL-2", "L-\u00ad2", "Ł-2", "=L-2"],
    "sale_date": ["2024-02-30", " 2024-03-01", "1/3/2024", "0999-03-01", "2024-3-1"],
    "certificate_id": ["", " C-1", "C-1 ", "c-1"],
    "metal": ["Gold", "GOLD ", "tin", "silver"],
    "gross_mass": ["1.25 kg", "1250", "0g", "1250G", "-1g", "1.2345g", "0.0000001kg", "5ozt"],
    "fineness": ["18k", "22k", "995‰", "999.95‰", "995", "0", " 0.995", "0.99999", "1.", ".5"],
    "ecological": ["TRUE", "yes", " false"],
    "reference_price": ["", " ", "0", "1000000", "1000001", "-1", "2000.001", "2000."],
    "price_paid": ["-0.01", "1e3", " 12.345", "", "12.345", "12.3449", "0.005", "7."],
    "premium_paid": ["-1", "4975.005", "4974.995", "x", "0", ".5"],
    "currency": ["usd", " USD", "EUR", ""],
}


@st.composite
def odd_lot_tables(draw: st.DrawFn) -> list[dict[str, str]]:
    """Lots tables whose rows often carry one or two odd cells of LOTS_ODD_CELLS."""
    rows = draw(lot_tables())
    for row in rows:
        for _ in range(draw(st.integers(0, 2))):
            column = draw(st.sampled_from(sorted(LOTS_ODD_CELLS)))
            row[column] = draw(st.sampled_from(LOTS_ODD_CELLS[column]))
    return rows


#: Gross mass (milligrams) and fineness (10^-4) whose fine mass is a whole
#: number of troy ounces: floor and premium then land on half cents.
WHOLE_OUNCE_LOTS = [(77758692, "0.0004"), (19439673, "0.0016"), (6479891, "0.0048")]


#: Supply-model cells, plain (no comma, quote or line break): known, unknown,
#: written out of the ordinary (the Python reader), and empty.
LOTS_SUPPLY_MODELS = ["", "", "labelled", "incorporated", "segregated", "Labelled", " labelled"]


@st.composite
def supply_lot_tables(draw: st.DrawFn) -> list[dict[str, str]]:
    """Lots tables (odd cells included) whose rows name a supply model or leave it empty."""
    rows = draw(odd_lot_tables())
    for row in rows:
        row["supply_model"] = draw(st.sampled_from(LOTS_SUPPLY_MODELS))
    return rows


@st.composite
def supply_certificates(draw: st.DrawFn) -> list[dict[str, str]]:
    """LOTS_CERTIFICATES with a supply_models column (C-1's models drawn), or without one."""
    if draw(st.booleans()):
        return LOTS_CERTIFICATES
    covered = draw(st.sampled_from(["", "labelled", "incorporated", "labelled;incorporated"]))
    return [
        {**LOTS_CERTIFICATES[0], "supply_models": covered},
        {**LOTS_CERTIFICATES[1], "supply_models": ""},
    ]


# =========================================================================== malformed lots CSV
# Issue 17: rows in must equal results out, however a row is broken.

#: How a generated lots CSV row can be broken, and a word its reason must hold.
LOTS_CSV_BREAKS = {
    "quote-opened": "quote",  # '"x...' never closed on its line
    "quote-inside": "quote",  # 'L"q-1'
    "quote-then-text": "quote",  # '"qL-1"z'
    "quote-after-space": "quote",  # ' "qL-1"'
    "control": "",  # a C0 control (not a line break) or DEL
    "not-utf8": "UTF-8",  # a byte that is not UTF-8, or a lone surrogate's bytes
    "cells": "cells",  # a cell too few or too many
}
_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]
#: Notes a well-formed row may carry in its free ``note`` column: plain, or quoted
#: with a comma, an escaped quote or line breaks (a quoted cell may span lines).
_NOTES = st.sampled_from(
    [
        "",
        "paid late",
        '"late, but paid"',
        '"said ""ok"""',
        '"first line\nsecond line"',
        '"a\n\nb, c"',
    ]
)
LotsCsvRow = tuple[int, str, dict[str, str] | None]


@st.composite
def malformed_lots_csv(draw: st.DrawFn) -> tuple[bytes, list[LotsCsvRow]]:
    """A lots CSV with a free ``note`` column: good rows, broken rows and blank lines.

    Returns the file's bytes and, per data row in order: its first line, how it
    is broken (``good`` if not) and, for a good row, its cells. Broken rows
    never hold a quote right before a comma or a line end, so no broken quote
    can pair with another into a well-formed record.
    """
    header = [*LOTS_ROW, "note"]
    out = [(",".join(header) + "\n").encode()]
    line = 2
    rows: list[LotsCsvRow] = []
    for i in range(draw(st.integers(1, 20))):
        kind = draw(st.sampled_from(["good", "good", "good", "blank", *LOTS_CSV_BREAKS]))
        if kind == "blank":
            out.append(draw(st.sampled_from([b"\n", b"   \n", b"\r\n"])))
            line += 1
            continue
        cells = draw(lot_rows(unique_ids=True, n=i))
        cells["note"] = draw(_NOTES) if kind == "good" else "n"
        values = list(cells.values())
        k = draw(st.integers(0, len(values) - 1))
        v = values[k] or "v"
        raw: bytes | None = None
        if kind == "quote-opened":
            values[k] = '"x' + v
        elif kind == "quote-inside":
            values[k] = v[:1] + '"q' + v[1:]
        elif kind == "quote-then-text":
            values[k] = '"q' + v + '"z'
        elif kind == "quote-after-space":
            values[k] = ' "q' + v + '"'
        elif kind == "control":
            at = draw(st.integers(0, len(v)))
            values[k] = v[:at] + draw(st.sampled_from(_CONTROLS)) + v[at:]
        elif kind == "cells":
            values = values[:-1] if draw(st.booleans()) else [*values, "extra"]
        elif kind == "not-utf8":
            values[k] = "\x00MARK\x00"
            bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80abc"]))
            raw = (",".join(values) + "\n").encode().replace(b"\x00MARK\x00", v.encode() + bad)
        text = ",".join(values) + "\n"
        out.append(raw if raw is not None else text.encode())
        rows.append((line, kind, cells if kind == "good" else None))
        line += text.count("\n")
    return b"".join(out), rows
