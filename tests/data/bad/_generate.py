"""Regenerate the bad-input corpus: ``python tests/data/bad/_generate.py``.

Each entry is one malformed input file under ``<kind>/`` plus a sidecar
``<name>.expect`` saying what the command line must do with it:

* ``exit: N``         the exit code (2 for bad input; 1 for a batch run whose
                      bad rows are reported invalid);
* ``contains: TEXT``  (repeatable) one ``error:`` line must contain every TEXT,
                      naming where the problem is; ``{file}`` stands for the
                      path of the input file;
* ``args: ...``       (optional) the command line, ``{file}`` again the input;
                      the default per kind is in ``tests/test_bad_corpus.py``;
* ``rows: N``         (batch kinds) the output has one record per input row;
* ``invalid: ID``     (batch kinds, repeatable) the record with this id is invalid.

The files are committed; edit this script and rerun it to change them, and
review the diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).parent

Entry = tuple[str, str, bytes | str, list[str]]  # (kind, file name, content, expect lines)

# --------------------------------------------------------------------------- premium flags

PREMIUM = {
    "--standard": "fairmined-2.0",
    "--metal": "gold",
    "--mass": "1kg",
    "--fineness": "0.995",
    "--reference-price": "2000",
    "--date": "2024-03-28",
}


def _args(**changes: str | None) -> str:
    import shlex

    flags = dict(PREMIUM)
    extra: list[str] = []
    for key, value in changes.items():
        flag = "--" + key.replace("_", "-")
        if value is None:
            flags.pop(flag, None)
        elif flag in flags:
            flags[flag] = value
        else:
            extra += [f"{flag}={value}"] if value.startswith("-") else [flag, value]
    argv = ["premium"]
    for flag, value in flags.items():
        argv += [f"{flag}={value}"] if value.startswith("-") else [flag, value]
    return " ".join(shlex.quote(a) for a in argv + extra) + "\n"


def premium_flags() -> Iterator[Entry]:
    cases: list[tuple[str, dict[str, str | None], list[str]]] = [
        ("mass-empty", {"mass": ""}, ["--mass", "empty"]),
        ("mass-no-unit", {"mass": "1250"}, ["--mass", "no unit"]),
        ("mass-negative", {"mass": "-1kg"}, ["--mass", "negative"]),
        ("mass-zero", {"mass": "0kg"}, ["--mass", "greater than zero"]),
        ("mass-nan", {"mass": "NaNkg"}, ["--mass"]),
        ("mass-infinity", {"mass": "Infinity g"}, ["--mass"]),
        ("mass-exponent", {"mass": "9e999kg"}, ["--mass"]),
        ("mass-enormous", {"mass": "9" * 40 + "kg"}, ["--mass", "digits"]),
        ("mass-implausible", {"mass": "99999999999kg"}, ["--mass", "implausibly large"]),
        ("mass-ounce", {"mass": "40oz"}, ["--mass", "troy ounces"]),
        ("mass-comma", {"mass": "1,250kg"}, ["--mass"]),
        ("mass-two-dots", {"mass": "1..2kg"}, ["--mass"]),
        ("mass-fullwidth", {"mass": "\uff11kg"}, ["--mass"]),
        ("mass-long", {"mass": "1" * 5000 + "kg"}, ["--mass"]),
        ("fineness-zero", {"fineness": "0"}, ["--fineness", "out of range"]),
        ("fineness-above-one", {"fineness": "1.5"}, ["--fineness", "ambiguous"]),
        ("fineness-negative", {"fineness": "-0.5"}, ["--fineness"]),
        ("fineness-25k", {"fineness": "25k"}, ["--fineness", "out of range"]),
        ("fineness-1001-permille", {"fineness": "1001\u2030"}, ["--fineness", "out of range"]),
        ("fineness-percent", {"fineness": "99.5%"}, ["--fineness", "percent"]),
        ("fineness-nan", {"fineness": "nan"}, ["--fineness", "finite"]),
        ("fineness-infinity", {"fineness": "-Infinity"}, ["--fineness"]),
        ("fineness-above-1000", {"fineness": "1500"}, ["--fineness", "out of range"]),
        ("fineness-text", {"fineness": "pure"}, ["--fineness"]),
        ("fineness-enormous-karat", {"fineness": "9" * 35 + "k"}, ["--fineness"]),
        ("metal-unknown", {"metal": "copper"}, ["--metal", "unknown metal"]),
        ("metal-empty", {"metal": ""}, ["--metal"]),
        ("standard-near-miss", {"standard": "fairmined2.0"}, ["--standard", "did you mean"]),
        ("standard-missing-file", {"standard": "no/such/standard.toml"}, ["no/such/standard.toml"]),
        ("standard-directory", {"standard": "tests/"}, ["tests", "cannot read standard file"]),
        ("date-impossible", {"date": "2023-02-30"}, ["--date", "does not exist"]),
        ("date-day-first", {"date": "28/03/2024"}, ["--date", "not a date"]),
        ("date-no-schedule", {"date": "1999-01-01"}, ["date", "no gold price schedule"]),
        ("date-fullwidth", {"date": "\uff12\uff10\uff12\uff14-03-28"}, ["--date", "not a date"]),
        ("reference-price-nan", {"reference_price": "NaN"}, ["--reference-price", "finite"]),
        ("reference-price-inf", {"reference_price": "inf"}, ["--reference-price", "finite"]),
        ("reference-price-negative", {"reference_price": "-2000"}, ["reference_price"]),
        ("reference-price-zero", {"reference_price": "0"}, ["reference_price"]),
        ("reference-price-exponent", {"reference_price": "2e3"}, ["--reference-price"]),
        ("reference-price-huge", {"reference_price": "9" * 29}, ["reference_price"]),
        ("reference-price-formula", {"reference_price": "=1+1"}, ["--reference-price"]),
        ("paid-negative", {"paid": "-5"}, ["paid", "negative"]),
        ("paid-nan", {"paid": "sNaN"}, ["--paid", "finite"]),
        ("rate-zero", {"currency": "COP", "rate": "0"}, ["rate", "greater than zero"]),
        ("rate-without-currency", {"rate": "4000"}, ["--currency"]),
        ("currency-unknown", {"currency": "ABC", "rate": "2"}, ["currency", "unknown currency"]),
        ("locale-unknown", {"locale": "xx_QQ"}, ["--locale", "unknown locale"]),
        ("session-without-prices", {"session": "AM"}, ["--session"]),
        ("session-bad", {"session": "noon"}, ["--session"]),
        ("unknown-flag", {"standrd": "fairmined-2.0"}, ["unrecognized arguments", "--standrd"]),
        ("missing-mass", {"mass": None}, ["--mass"]),
        ("both-price-sources", {"prices": "examples/prices-illustrative.csv"}, ["--prices"]),
        # Issue 17: a mass that made the old pattern backtrack for minutes.
        ("mass-spaces-backtrack", {"mass": "1" + " " * 3000 + "!"}, ["--mass", "not a mass"]),
        # Issue 17: the newest price in the file is weeks older than the sale.
        (
            "price-too-old",
            {
                "reference_price": None,
                "prices": "examples/prices-illustrative.csv",
                "date": "2024-06-01",
            },
            ["examples/prices-illustrative.csv", "2024-04-02", "days old"],
        ),
        ("max-price-age-negative", {"max_price_age": "-1"}, ["--max-price-age"]),
        # Issue 17: --out naming an input would replace it with the report.
        (
            "out-is-an-input",
            {
                "reference_price": None,
                "prices": "examples/prices-illustrative.csv",
                "out": "examples/./prices-illustrative.csv",
            },
            ["cannot write output", "input"],
        ),
    ]
    for name, changes, contains in cases:
        yield (
            "premium-flags",
            f"{name}.args",
            _args(**changes),
            ["exit: 2"] + [f"contains: {c}" for c in contains],
        )


# --------------------------------------------------------------------------- price CSV

HEADER = "date,metal,session,usd_per_troy_ounce\n"
GOOD_ROW = "2024-03-28,gold,PM,2194.40\n"


def prices() -> Iterator[Entry]:
    def row(cells: str, line: int, *contains: str, name: str) -> Entry:
        text = HEADER + GOOD_ROW + cells + "\n"
        return (
            "prices",
            f"{name}.csv",
            text,
            ["exit: 2", f"contains: {{file}}:{line}", *(f"contains: {c}" for c in contains)],
        )

    yield row("2023-02-30,gold,PM,2000", 3, "date", "does not exist", name="date-impossible")
    yield row("28/03/2024,gold,PM,2000", 3, "date", name="date-day-first")
    yield row("2024-3-28,gold,PM,2000", 3, "date", name="date-short")
    yield row(",gold,PM,2000", 3, "date", name="date-empty")
    yield row("2024-03-27,copper,PM,2000", 3, "metal", name="metal-unknown")
    yield row("2024-03-27,gold,NOON,2000", 3, "session", name="session-unknown")
    yield row("2024-03-27,gold,PM,-2000", 3, "usd_per_troy_ounce", name="price-negative")
    yield row("2024-03-27,gold,PM,0", 3, "usd_per_troy_ounce", name="price-zero")
    yield row("2024-03-27,gold,PM,NaN", 3, "usd_per_troy_ounce", "finite", name="price-nan")
    yield row("2024-03-27,gold,PM,Infinity", 3, "usd_per_troy_ounce", name="price-infinity")
    yield row("2024-03-27,gold,PM,2e3", 3, "usd_per_troy_ounce", name="price-exponent")
    yield row("2024-03-27,gold,PM,9" + "9" * 40, 3, "usd_per_troy_ounce", name="price-enormous")
    yield row("2024-03-27,gold,PM,9999999", 3, "usd_per_troy_ounce", name="price-implausible")
    yield row('2024-03-27,gold,PM,"2,194.40"', 3, "usd_per_troy_ounce", name="price-comma")
    yield row("2024-03-27,gold,PM,", 3, "usd_per_troy_ounce", "empty", name="price-empty")
    yield row("2024-03-27,gold,PM,=1+2", 3, "usd_per_troy_ounce", name="cell-formula-equals")
    yield row("2024-03-27,+gold,PM,2194", 3, "metal", name="cell-formula-plus")
    yield row("2024-03-27,gold,PM,-cmd|' /C calc'!A0", 3, "usd_per_troy_ounce", name="cell-dde")
    yield row("2024-03-27,@SUM(A1),PM,2194", 3, "metal", name="cell-formula-at")
    yield row('=HYPERLINK("x"),gold,PM,2194', 3, "date", name="cell-formula-date")
    yield row("2024-03-27,gold,PM", 3, "3 cells", name="row-missing-column")
    yield row("2024-03-27,gold,PM,2194,extra", 3, "5 cells", name="row-extra-column")
    yield row("2024-03-28,gold,PM,2194.40", 3, "duplicate", name="row-duplicate")
    yield row("2024-03-27,gold,PM,2194\x00", 3, name="cell-nul-byte")
    yield row("2024-03-27,gold,PM," + "1" * 200_000, 3, name="cell-very-long")
    yield row('2024-03-27,gold,PM,"2194', 3, name="quote-unterminated")
    yield row(
        '2024-03-27,gold,PM,21"94', 3, "usd_per_troy_ounce", "quote", name="quote-inside-cell"
    )
    yield row('2024-03-27,gold,"PM"x,2194', 3, "session", "closing quote", name="quote-then-text")
    yield (
        "prices",
        "empty.csv",
        "",
        ["exit: 2", "contains: {file}", "contains: empty"],
    )
    yield (
        "prices",
        "header-only-bom.csv",
        "\ufeff" + HEADER.replace("date", "datum"),
        ["exit: 2", "contains: {file}:1", "contains: date"],
    )
    yield (
        "prices",
        "header-missing-column.csv",
        "date,metal,session\n2024-03-28,gold,PM\n",
        ["exit: 2", "contains: {file}:1", "contains: usd_per_troy_ounce"],
    )
    yield (
        "prices",
        "header-near-miss.csv",
        "date,metal,session,usd_per_troy_once\n" + GOOD_ROW,
        ["exit: 2", "contains: {file}:1", "contains: did you mean usd_per_troy_ounce"],
    )
    yield (
        "prices",
        "not-utf8.csv",
        (HEADER + "2024-03-28,gold,PM,2194.40\xa0\n").encode("latin-1"),
        ["exit: 2", "contains: {file}", "contains: UTF-8"],
    )
    yield (
        "prices",
        "utf16.csv",
        (HEADER + GOOD_ROW).encode("utf-16"),
        ["exit: 2", "contains: {file}", "contains: UTF-8"],
    )
    yield ("prices", "binary.csv", bytes(range(256)) * 4, ["exit: 2", "contains: {file}"])
    yield (
        "prices",
        "json-instead.csv",
        '{"date": "2024-03-28", "price": 2194.4}\n',
        ["exit: 2", "contains: {file}:1"],
    )
    yield ("prices", "truncated.csv", (HEADER + GOOD_ROW)[:-12], ["exit: 2", "contains: {file}:2"])
    yield (
        "prices",
        "very-long-line.csv",
        HEADER + "2024-03-28,gold,PM,2194.40" + "," * 100_000 + "\n",
        ["exit: 2", "contains: {file}:2"],
    )
    yield (
        "prices",
        "no-price-before-date.csv",
        HEADER + "2025-01-02,gold,PM,2600\n",
        ["exit: 2", "contains: {file}", "contains: date", "contains: no gold price"],
    )
    yield (
        "prices",
        "many-bad-rows.csv",
        HEADER + "".join(f"2024-02-{d:02d},gold,PM,x{d}\n" for d in range(1, 31)),
        # The same problem on 29 rows is one error line with the count (issue 15).
        ["exit: 2", "contains: {file}:2", "contains: on 29 rows", "contains: usd_per_troy_ounce"],
    )


# --------------------------------------------------------------------------- standard files

STANDARD = """\
format_version = 1

[standard]
id = "bad-standard"
name = "A standard for the bad-input corpus"
version = "1"
publisher = "fairmined tests"
in_force_from = 2014-04-05
sources = ["tests"]
fidelity = "made up"

[[pricing]]
metal = "gold"
effective_from = 2014-04-05
reference = "LBMA Gold Price, USD per troy ounce"

[pricing.floor]
fraction_of_reference = "0.95"
verified = true
source = "tests"

[pricing.premium]
per_kg_fine = "4000.00"
currency = "USD"
verified = true
source = "tests"

[pricing.ecological_premium]
fraction_of_reference = "0.15"
verified = true
source = "tests"
"""


def standards() -> Iterator[Entry]:
    def std(name: str, text: str | bytes, *contains: str) -> Entry:
        return (
            "standards",
            f"{name}.toml",
            text,
            ["exit: 2", "contains: {file}", *(f"contains: {c}" for c in contains)],
        )

    s = STANDARD
    # Issue 17: rule cost and error positions, on the tiny test standard.
    tiny = (HERE.parent / "tiny-standard.toml").read_text(encoding="utf-8")

    def with_rules(n: int, rule: str) -> str:
        return tiny + "".join(
            f'\n[[requirements]]\nid = "X{i}"\ncategory = "child_labour"\ntype = "core"\n'
            f'title = "t"\ndescription = "d"\nsource = "s"\nclause_verified = false\n'
            f'rule = "{rule}"\n'
            for i in range(n)
        )

    nested = "all(a in workers: all(b in workers: all(c in workers: all(d in workers: true))))"
    yield std("quantifiers-nested-4", with_rules(1, nested), "nested more than 3 deep")
    costly = "all(a in workers: any(b in workers: a.id != b.id))"
    yield std("rule-too-costly", with_rules(1, costly), "steps", "at most 1e+07")
    body = " and ".join(["w.hours_per_week <= 48"] * 20)
    yield std(
        "rules-too-costly-together",
        with_rules(200, f"all(w in workers: {body})"),
        "$.requirements",
        "steps per record",
    )
    yield std("many-bad-rules", with_rules(1000, "workers >"), "X999")
    yield std("empty", "", "format_version")
    yield std("truncated", s[: len(s) // 2], "{file}:15", "Unterminated string")
    yield std("truncated-mid-string", s[: s.index("LBMA") + 4], "{file}:15")
    yield std("not-toml-json", '{"format_version": 1}', "{file}:1")
    yield std(
        "bom-then-bad-key",
        "\ufeff" + s.replace("version =", "verson ="),
        "$.standard.verson",
        "did you mean version",
    )
    yield std("not-utf8", s.replace("A standard", "Un est\u00e1ndar").encode("latin-1"), "UTF-8")
    yield std("nul-byte", s.replace("tests", "te\x00sts", 1), "{file}:7:26")
    yield std(
        "format-version-9",
        s.replace("format_version = 1", "format_version = 9"),
        "$.format_version",
    )
    yield std(
        "format-version-string",
        s.replace("format_version = 1", 'format_version = "1"'),
        "$.format_version",
    )
    yield std("unknown-top-level", s + "\n[pricng]\nx = 1\n", "$.pricng")
    yield std(
        "unknown-key-near-miss",
        s.replace("publisher =", "publsher ="),
        "$.standard.publsher",
        "did you mean publisher",
    )
    yield std(
        "unknown-figure-key",
        s.replace('fraction_of_reference = "0.95"', 'fraction_of_referense = "0.95"'),
        "$.pricing[0].floor",
        "did you mean",
    )
    yield std("missing-id", s.replace('id = "bad-standard"\n', ""), "$.standard.id", "missing")
    yield std("missing-pricing", s[: s.index("[[pricing]]")], "$.pricing")
    yield std("id-wrong-type", s.replace('id = "bad-standard"', "id = 42"), "$.standard.id")
    yield std(
        "sources-wrong-type",
        s.replace('sources = ["tests"]', 'sources = "tests"'),
        "$.standard.sources",
    )
    yield std(
        "date-impossible",
        s.replace("in_force_from = 2014-04-05", "in_force_from = 2023-02-30"),
        "{file}:8",
        "date",
    )
    yield std(
        "date-as-string",
        s.replace("in_force_from = 2014-04-05", 'in_force_from = "2014-04-05"'),
        "$.standard.in_force_from",
    )
    yield std(
        "date-time",
        s.replace("effective_from = 2014-04-05", "effective_from = 2014-04-05T10:00:00"),
        "$.pricing[0].effective_from",
    )
    yield std("figure-float", s.replace('"0.95"', "0.95"), "$.pricing[0].floor", "quoted")
    yield std(
        "figure-negative", s.replace('"4000.00"', '"-4000.00"'), "$.pricing[0].premium", "negative"
    )
    yield std("figure-nan", s.replace('"4000.00"', '"NaN"'), "$.pricing[0].premium")
    yield std(
        "figure-infinity", s.replace('"0.15"', '"Infinity"'), "$.pricing[0].ecological_premium"
    )
    yield std("figure-above-one", s.replace('"0.95"', '"1.5"'), "$.pricing[0].floor")
    yield std(
        "figure-enormous", s.replace('"4000.00"', '"' + "9" * 50 + '"'), "$.pricing[0].premium"
    )
    yield std("figure-exponent", s.replace('"4000.00"', '"4e3"'), "$.pricing[0].premium")
    yield std("figure-formula", s.replace('"4000.00"', '"=4000"'), "$.pricing[0].premium")
    yield std(
        "figure-both-kinds",
        s.replace(
            'per_kg_fine = "4000.00"', 'per_kg_fine = "4000.00"\nfraction_of_reference = "0.1"'
        ),
        "$.pricing[0].premium",
    )
    yield std(
        "figure-no-currency",
        s.replace('currency = "USD"\n', ""),
        "$.pricing[0].premium",
        "currency",
    )
    yield std(
        "unverified-without-note",
        s.replace("verified = true", "verified = false", 1),
        "$.pricing[0].floor",
        "note",
    )
    yield std(
        "verified-string",
        s.replace("verified = true", 'verified = "yes"', 1),
        "$.pricing[0].floor.verified",
    )
    yield std(
        "metal-unknown", s.replace('metal = "gold"', 'metal = "copper"'), "$.pricing[0].metal"
    )
    yield std("metal-number", s.replace('metal = "gold"', "metal = 79"), "$.pricing[0].metal")
    yield std(
        "effective-to-before-from",
        s.replace(
            "effective_from = 2014-04-05", "effective_from = 2014-04-05\neffective_to = 2010-01-01"
        ),
        "$.pricing[0].effective_to",
    )
    yield std("overlapping-rows", s + s[s.index("[[pricing]]") :], "$.pricing", "overlap")
    yield std(
        "floor-per-kg",
        s.replace(
            '[pricing.floor]\nfraction_of_reference = "0.95"',
            '[pricing.floor]\nper_kg_fine = "0.95"\ncurrency = "USD"',
        ),
        "$.pricing[0].floor",
    )
    yield std("pricing-not-array", s.replace("[[pricing]]", "[pricing]"), "$.pricing")
    yield std(
        "duplicate-key", s.replace('version = "1"', 'version = "1"\nversion = "2"'), "{file}:7"
    )
    yield std(
        "deeply-nested-arrays",
        s.replace('sources = ["tests"]', "sources = " + "[" * 5000 + "]" * 5000),
        "nested too deeply",
    )
    yield std(
        "very-long-line",
        s.replace('fidelity = "made up"', 'fidelity = "' + "x" * 1_000_000 + '"\nbogus = 1'),
        "$.standard.bogus",
    )
    yield std(
        "many-problems",
        s.replace('"0.95"', "0.95")
        .replace('metal = "gold"', 'metal = "copper"')
        .replace("publisher =", "publsher ="),
        "$.standard.publsher",
        "did you mean publisher",
    )


# --------------------------------------------------------------------------- rules

RULES: list[tuple[str, str, list[str]]] = [
    ("empty", "", ["{file}:1:"]),
    ("only-spaces", "   \n  ", ["{file}:2:3"]),
    ("unbalanced-paren", "(members > 3", ["{file}:1:"]),
    ("extra-paren", "members > 3)", ["{file}:1:"]),
    ("trailing-operator", "members >", ["{file}:1:"]),
    ("double-operator", "members > > 3", ["{file}:1:"]),
    ("unknown-field-near-miss", "membres > 3", ["membres", "did you mean"]),
    ("unknown-field", "shareholders > 3", ["shareholders"]),
    ("python-dunder", "audit.__class__", ["__class__"]),
    ("python-call", "__import__('os')", ["{file}:1:"]),
    ("python-lambda", "lambda: 1", ["{file}:1:"]),
    ("type-mismatch-date-number", "audit.date > 3", ["{file}:1:"]),
    ("type-mismatch-bool-string", 'workers == "x"', ["{file}:1:"]),
    ("not-boolean", "members + 1", ["{file}:1:"]),
    ("exponent-number", "members > 1e999999999", ["{file}:1:"]),
    ("nan-literal", "members > NaN", ["NaN"]),
    ("unterminated-string", 'tags == "abc', ["{file}:1:"]),
    ("nul-character", "members > 3\x00", ["{file}:1:"]),
    ("too-deep", "(" * 40 + "members > 3" + ")" * 40, ["nested"]),
    ("too-long", "members > 3 and " * 300 + "true", ["characters"]),
    ("too-many-tokens", " and ".join(["true"] * 600), ["tokens"]),
    ("deep-not", "not " * 100 + "true", ["nested"]),
    ("impossible-date", 'audit.date > date("2023-02-30")', ["{file}:1:"]),
    ("quantifier-unknown-list", "all(w in miners: w.age > 15)", ["miners"]),
    ("quantifier-missing-colon", "all(w in workers w.underground)", ["{file}:1:"]),
    ("line-two-error", "members > 3 and\n  membrs < 9", ["{file}:2:"]),
    ("formula", "=SUM(A1)", ["{file}:1:"]),
    ("semicolon", "members > 3; true", ["{file}:1:"]),
]


def rules() -> Iterator[Entry]:
    for name, text, contains in RULES:
        yield "rules", f"{name}.rule", text, ["exit: 2", *(f"contains: {c}" for c in contains)]


# --------------------------------------------------------------------------- audit records

RECORD_EXAMPLE = HERE.parents[2] / "examples" / "audits" / "fairmined-2.0-certified.json"


def records() -> Iterator[Entry]:
    import copy
    import json

    good = json.loads(RECORD_EXAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(good, indent=2, ensure_ascii=False)

    def rec(name: str, content: str | bytes, *contains: str) -> Entry:
        return (
            "records",
            f"{name}.json",
            content,
            ["exit: 2", "contains: {file}", *(f"contains: {c}" for c in contains)],
        )

    def mutated(name: str, change: object, *contains: str) -> Entry:
        data = copy.deepcopy(good)
        change(data)  # type: ignore[operator]
        return rec(name, json.dumps(data, indent=2, ensure_ascii=False), *contains)

    yield rec("empty", "", "")
    yield rec("whitespace-only", "  \n\t\n", "")
    yield rec("truncated", text[: len(text) // 2], "")
    yield rec("truncated-one-byte", text[:-1], "")
    yield rec("not-json-toml", 'format = "fairmined-audit/1"\n', "")
    yield rec("not-json-csv", "date,metal\n2024-01-01,gold\n", "")
    yield rec("bom", "\ufeff" + text.replace('"members": 6', '"membres": 6'), "membres")
    yield rec("not-utf8", text.replace("Ejemplo", "Ejempl\u00f3").encode("latin-1"), "UTF-8")
    yield rec("utf16", text.encode("utf-16"), "")
    yield rec("nul-byte", text.replace("Ejemplo", "Ejem\x00plo"), "")
    yield rec("top-level-array", "[" + text + "]", "")
    yield rec("top-level-string", '"fairmined-audit/1"', "")
    yield rec("top-level-null", "null", "")
    yield rec("nan-literal", text.replace('"kg_per_year": "3.5"', '"kg_per_year": NaN'), "")
    yield rec("infinity-literal", text.replace('"members": 6', '"members": Infinity'), "")
    yield rec("enormous-number", text.replace('"members": 6', '"members": 1' + "0" * 5000), "")
    # Issue 17: a zero with a huge exponent was accepted, then printed in full.
    yield rec(
        "number-zero-huge-exponent",
        text.replace('"members": 6', '"members": 0e-999999999'),
        "too large or too precise",
    )
    yield rec(
        "number-huge-exponent", text.replace('"members": 6', '"members": 1e999999999'), "too large"
    )
    yield rec("enormous-exponent", text.replace('"members": 6', '"members": 1e999999'), "")
    yield rec(
        "deeply-nested",
        text.replace(
            '"waivers": [', '"deep": ' + "[" * 100_000 + "]" * 100_000 + ',\n  "waivers": ['
        ),
        "",
    )
    yield rec(
        "nested-just-too-deep",
        text.replace('"waivers": [', '"deep": ' + "[" * 40 + "]" * 40 + ',\n  "waivers": ['),
        "",
    )
    yield rec("very-long-line", text.replace('"Cooperativa', '"' + "x" * 2_000_000), "")
    yield rec(
        "duplicate-key", text.replace('"members": 6', '"members": 6, "members": 7'), "members"
    )
    yield mutated("format-wrong", lambda d: d.update(format="fairmined-audit/9"), "format")
    yield mutated("format-missing", lambda d: d.pop("format"), "format")
    yield mutated(
        "unknown-top-level-near-miss",
        lambda d: d.update(workres=d.pop("workers")),
        "workres",
        "did you mean",
    )
    yield mutated(
        "unknown-field-near-miss",
        lambda d: d["organisation"].update(membres=d["organisation"].pop("members")),
        "membres",
        "did you mean",
    )
    yield mutated(
        "worker-unknown-field",
        lambda d: d["workers"][2].update(birthdate=d["workers"][2].pop("birth_date")),
        "workers[2]",
        "birthdate",
    )
    yield mutated("date-impossible", lambda d: d["audit"].update(date="2023-02-30"), "audit.date")
    yield mutated("date-wrong-type", lambda d: d["audit"].update(date=20240312), "audit.date")
    yield mutated(
        "birth-date-day-first",
        lambda d: d["workers"][0].update(birth_date="02/05/1979"),
        "workers[0].birth_date",
    )
    yield mutated(
        "bool-as-string",
        lambda d: d["workers"][1].update(underground="yes"),
        "workers[1].underground",
    )
    yield mutated(
        "number-as-bool",
        lambda d: d["workers"][1].update(hours_per_week=True),
        "workers[1].hours_per_week",
    )
    yield mutated(
        "number-negative",
        lambda d: d["workers"][1].update(hours_per_week=-4),
        "workers[1].hours_per_week",
    )
    yield mutated(
        "number-float-text",
        lambda d: d["toxic_substances"]["mercury"].update(kg_per_year="3,5"),
        "toxic_substances.mercury.kg_per_year",
    )
    yield mutated("enum-wrong", lambda d: d["workers"][0].update(gender="m"), "workers[0].gender")
    yield mutated("list-as-object", lambda d: d.update(workers={"id": "W-01"}), "workers")
    yield mutated("object-as-list", lambda d: d.update(audit=[d["audit"]]), "audit")
    yield mutated("duplicate-worker-id", lambda d: d["workers"][1].update(id="W-01"), "workers")
    yield mutated(
        "finding-unknown-outcome",
        lambda d: d["findings"][0].update(outcome="passed"),
        "findings[0]",
    )
    yield mutated(
        "finding-score-nan", lambda d: d["findings"][0].update(score="NaN"), "findings[0]"
    )
    yield mutated(
        "waiver-expiry-impossible",
        lambda d: d["waivers"][0].update(expires="2024-02-30"),
        "waivers[0]",
    )
    yield mutated(
        "waiver-missing-justification", lambda d: d["waivers"][0].pop("justification"), "waivers[0]"
    )
    yield mutated("audit-missing", lambda d: d.pop("audit"), "audit")
    yield mutated(
        "formula-in-text",
        lambda d: d["organisation"].update(members="=6+1"),
        "organisation.members",
    )


# --------------------------------------------------------------------------- lots

LOTS_HEADER = (
    "lot_id,sale_date,certificate_id,metal,gross_mass,fineness,ecological,"
    "reference_price,price_paid,premium_paid,currency\n"
)
LOT_GOOD = [
    "L-001,2024-02-01,FM-CO-001,gold,1.000kg,0.995,false,2200.00,68000.00,3980.00,USD\n",
    "L-004,2024-02-05,FM-CO-001,gold,1kg,999.9\u2030,true,2200.00,68000.00,5999.40,USD\n",
    "L-010,2024-02-20,FM-CO-001,silver,10kg,0.999,false,25.00,8000.00,802.96,USD\n",
]


def lots() -> Iterator[Entry]:
    def batch(name: str, bad_row: str) -> Entry:
        # The bad row sits between good ones, on line 3 of 5.
        text = LOTS_HEADER + LOT_GOOD[0] + bad_row + "\n" + LOT_GOOD[1] + LOT_GOOD[2]
        return ("lots", f"{name}.csv", text, ["exit: 1", "rows: 4", "invalid: 3"])

    g = LOT_GOOD[0].rstrip("\n").split(",")

    def cells(**change: str) -> str:
        names = LOTS_HEADER.strip().split(",")
        row = dict(zip(names, g, strict=True))
        row["lot_id"] = "L-BAD"
        row.update(change)
        return ",".join(row.values())

    yield batch("date-impossible", cells(sale_date="2023-02-30"))
    yield batch("date-day-first", cells(sale_date="01/02/2024"))
    yield batch("mass-negative", cells(gross_mass="-1kg"))
    yield batch("mass-nan", cells(gross_mass="NaNkg"))
    yield batch("mass-no-unit", cells(gross_mass="1000"))
    yield batch("mass-enormous", cells(gross_mass="9" * 60 + "kg"))
    yield batch("fineness-zero", cells(fineness="0"))
    yield batch("fineness-above-one", cells(fineness="1.2"))
    yield batch("fineness-25k", cells(fineness="25k"))
    yield batch("price-infinity", cells(reference_price="Infinity"))
    yield batch("price-negative", cells(price_paid="-68000"))
    yield batch("premium-nan", cells(premium_paid="NaN"))
    yield batch("premium-exponent", cells(premium_paid="4e3"))
    yield batch("ecological-maybe", cells(ecological="maybe"))
    yield batch("metal-unknown", cells(metal="copper"))
    yield batch("currency-unknown", cells(currency="XYZ"))
    yield batch("formula-equals", cells(price_paid="=1+1"))
    yield batch("formula-at", cells(metal="@SUM(A1)"))
    yield batch("formula-dde", cells(fineness="-cmd|' /C calc'!A0"))
    yield batch("missing-columns", "L-BAD,2024-02-01,FM-CO-001,gold")
    yield batch("extra-columns", cells() + ",extra,cells")
    yield batch("empty-cells", ",,,,,,,,,,")
    yield batch("nul-byte", cells(lot_id="L-\x00BAD"))
    yield batch("very-long-cell", cells(lot_id="L-" + "x" * 200_000))
    # Issue 17: a stray quote swallowed the rows after it. Each broken quote is its
    # own line's problem; the rows after it are read as they are.
    yield batch("quote-opened-never-closed", cells(metal='"gold'))
    yield batch("quote-inside-cell", cells(lot_id='L-"BAD'))
    yield batch("quote-then-text", cells(lot_id='"L-BAD"x'))
    yield batch("quote-after-space", cells(lot_id=' "L-BAD"'))
    yield batch("quote-cell-too-long", cells(lot_id='"L-' + "x" * 140_000))

    import json

    good = [
        dict(zip(LOTS_HEADER.strip().split(","), r.strip().split(","), strict=True))
        for r in LOT_GOOD
    ]

    def jsonl(name: str, bad_line: str) -> Entry:
        lines = [json.dumps(good[0]), bad_line, json.dumps(good[1]), json.dumps(good[2])]
        return (
            "lots",
            f"{name}.jsonl",
            "\n".join(lines) + "\n",
            [
                "exit: 1",
                "rows: 4",
                "invalid: 2",
                "args: verify-lots {file} --certificates "
                "examples/lots/certificates.csv --production examples/lots/production.csv",
            ],
        )

    bad = dict(good[0], lot_id="L-BAD")
    yield jsonl("jsonl-truncated", json.dumps(bad)[:-10])
    yield jsonl("jsonl-deeply-nested", "[" * 100_000 + "]" * 100_000)
    yield jsonl("jsonl-array", json.dumps(list(bad.values())))
    yield jsonl("jsonl-bool", json.dumps(bad).replace('"68000.00"', "true"))
    yield jsonl("jsonl-huge-int", json.dumps(bad).replace('"68000.00"', "9" * 5000))
    yield jsonl("jsonl-nan", json.dumps(bad).replace('"2200.00"', "NaN"))
    yield jsonl(
        "jsonl-missing-field", json.dumps({k: v for k, v in bad.items() if k != "fineness"})
    )
    yield jsonl("jsonl-nested-value", json.dumps(dict(bad, metal={"name": "gold"})))

    def whole(name: str, content: str | bytes, *contains: str) -> Entry:
        return (
            "lots",
            name,
            content,
            ["exit: 2", "contains: {file}", *(f"contains: {c}" for c in contains)],
        )

    yield whole("empty.csv", "")
    yield whole("header-missing-column.csv", LOTS_HEADER.replace(",fineness", "") + LOT_GOOD[0])
    yield whole(
        "header-near-miss.csv",
        LOTS_HEADER.replace("gross_mass", "gross_mas") + LOT_GOOD[0],
        "gross_mas",
    )
    # A row with a byte that is not UTF-8 (a Latin-1 export) is a bad row like
    # any other: the run goes on; only a header that cannot be read stops it.
    yield (
        "lots",
        "not-utf8.csv",
        (LOTS_HEADER + LOT_GOOD[0]).encode()
        + (cells(lot_id="L-\u00f1") + "\n").encode("latin-1")
        + (LOT_GOOD[1] + LOT_GOOD[2]).encode(),
        ["exit: 1", "rows: 4", "invalid: 3"],
    )
    yield whole(
        "not-utf8-header.csv",
        LOTS_HEADER.replace("lot_id", "lot_n\u00famero,lot_id").encode("latin-1")
        + ("x," + LOT_GOOD[0]).encode(),
        "{file}:1",
        "UTF-8",
    )
    yield whole("binary.csv", bytes(range(256)) * 8)


# --------------------------------------------------------------------------- certificates

CERT_HEADER = (
    "certificate_id,holder,standard,metals,ecological,valid_from,valid_to,status,status_since\n"
)
CERT_GOOD = (
    "FM-CO-001,Cooperativa Minera Ejemplo Uno (fictitious),fairmined-2.0,gold;silver,true,"
    "2023-01-01,2025-12-31,active,\n"
)


def certificates() -> Iterator[Entry]:
    def cert(name: str, row: str, *contains: str, line: int = 3) -> Entry:
        return (
            "certificates",
            f"{name}.csv",
            CERT_HEADER + CERT_GOOD + row + "\n",
            ["exit: 2", f"contains: {{file}}:{line}", *(f"contains: {c}" for c in contains)],
        )

    g = CERT_GOOD.rstrip("\n").split(",")
    names = CERT_HEADER.strip().split(",")

    def cells(**change: str) -> str:
        row = dict(zip(names, g, strict=True))
        row["certificate_id"] = "FM-BAD"
        row.update(change)
        return ",".join(row.values())

    yield cert("valid-from-impossible", cells(valid_from="2023-02-30"), "valid_from")
    yield cert("valid-to-before-from", cells(valid_to="2020-01-01"), "valid_to")
    yield cert("standard-unknown", cells(standard="fairmined-9"), "standard")
    yield cert("metal-unknown", cells(metals="gold;copper"), "metals")
    yield cert("status-unknown", cells(status="revoked?"), "status")
    yield cert("ecological-maybe", cells(ecological="maybe"), "ecological")
    yield cert("duplicate-id", CERT_GOOD.rstrip("\n"), "FM-CO-001")
    yield cert("missing-columns", "FM-BAD,Coop", "2 cells")
    yield cert("extra-columns", cells() + ",x", "10 cells")
    yield cert("nul-byte", cells(holder="Coop\x00"), "holder", "control character")
    yield cert("quote-stray", cells(holder='"Coop'), "holder", "quote", "not closed")
    yield (
        "certificates",
        "empty.csv",
        "",
        ["exit: 2", "contains: {file}"],
    )
    yield (
        "certificates",
        "not-utf8.csv",
        (CERT_HEADER + CERT_GOOD.replace("Asoc", "Asoc\u00ed"))
        .replace("Cooperativa", "Cooperativa \u00d1")
        .encode("latin-1"),
        ["exit: 2", "contains: {file}", "contains: UTF-8"],
    )


# --------------------------------------------------------------------------- production

PROD_HEADER = "certificate_id,period_start,period_end,metal,fine_mass\n"
PROD_GOOD = "FM-CO-001,2024-01-01,2024-06-30,gold,10kg\n"


def production() -> Iterator[Entry]:
    def prod(name: str, row: str, *contains: str) -> Entry:
        return (
            "production",
            f"{name}.csv",
            PROD_HEADER + PROD_GOOD + row + "\n",
            ["exit: 2", "contains: {file}:3", *(f"contains: {c}" for c in contains)],
        )

    yield prod("mass-negative", "FM-CO-001,2024-07-01,2024-12-31,gold,-1kg", "fine_mass")
    yield prod("mass-nan", "FM-CO-001,2024-07-01,2024-12-31,gold,NaNkg", "fine_mass")
    yield prod("mass-no-unit", "FM-CO-001,2024-07-01,2024-12-31,gold,10", "fine_mass")
    yield prod("period-impossible", "FM-CO-001,2024-02-30,2024-12-31,gold,1kg", "period_start")
    yield prod("period-reversed", "FM-CO-001,2024-12-31,2024-07-01,gold,1kg", "period_end")
    yield prod("overlapping", "FM-CO-001,2024-06-01,2024-12-31,gold,1kg", "")
    yield prod("metal-unknown", "FM-CO-001,2024-07-01,2024-12-31,tin,1kg", "metal")
    yield prod("missing-columns", "FM-CO-001,2024-07-01", "2 cells")
    yield prod("formula", "FM-CO-001,2024-07-01,2024-12-31,gold,=10*1000", "fine_mass")
    yield prod("quote-stray", 'FM-CO-001,"2024-07-01,2024-12-31,gold,1kg', "period_start", "quote")
    yield (
        "production",
        "empty.csv",
        "",
        ["exit: 2", "contains: {file}"],
    )


# --------------------------------------------------------------------------- main


def entries() -> list[Entry]:
    return [
        *premium_flags(),
        *prices(),
        *standards(),
        *rules(),
        *records(),
        *lots(),
        *certificates(),
        *production(),
    ]


def main() -> None:
    kinds = {kind for kind, *_ in entries()}
    for kind in kinds:
        shutil.rmtree(HERE / kind, ignore_errors=True)
    for kind, name, content, expect in entries():
        folder = HERE / kind
        folder.mkdir(exist_ok=True)
        path = folder / name
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        stem = name.rsplit(".", 1)[0]
        (folder / f"{stem}.expect").write_text("\n".join(expect) + "\n", encoding="utf-8")
    counts = {k: sum(1 for e in entries() if e[0] == k) for k in sorted(kinds)}
    print(counts, sum(counts.values()))


if __name__ == "__main__":
    main()
