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
        ["exit: 2", "contains: {file}:30", "contains: usd_per_troy_ounce"],
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
        "format-version-2",
        s.replace("format_version = 1", "format_version = 2"),
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


# --------------------------------------------------------------------------- main


def entries() -> list[Entry]:
    return [
        *premium_flags(),
        *prices(),
        *standards(),
        *rules(),
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
