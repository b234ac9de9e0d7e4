"""Every human output of every shipped example reads as prose in the reader's language.

The reports go from a certifier to a mining cooperative that reads Spanish,
French or Portuguese, rarely English and never rule syntax. This test runs
every command that writes for people (``audit`` with its crosswalk, ``--diff``
and ``--year``; ``premium``; ``statement``; ``verify-lots``; ``ledger``;
``standards`` list, show and review) on every shipped example, in every human
format (text, Markdown, HTML, and the cell texts of the Excel workbooks), in
English, Spanish, French and Portuguese, stdout and stderr, and looks for:

* a record field path or column name (``toxic_substances.mercury.retorts_used``,
  ``w.birth_date``, ``gross_mass``): the names come from the record schema and
  the example input files' headers;
* rule syntax: an operator (``<=``, ``>=``, ``==``, ``!=``, ``<``, ``>``), ``meets``,
  a rule function call (``age(``) or a rule literal (``is false``);
* in Spanish, French and Portuguese: an English word, or the ``[en]`` tag a
  missing translation falls back with.

What counts as English is derived, not listed by hand: the words of the
project's English texts (the message catalog's msgids, the English sentence
file of the explanations, the string literals of the source, the English
text of the shipped standards and the English lines of the docs and example
data) less every word the target
language's own texts use (its catalog, its sentence and requirement files, the
CLDR names babel has for it). Proper names are derived from the data: the
standards' ids, titles and publishers, the names in the example records and
files (without a parenthesised remark, which is prose, not name), the input
file names, and a raw cell quoted back to the user (``«maybe»``) when the cell
is in the example file. HTML ``title`` tooltips (the rule, kept for the
certifier) and the JSON outputs are not scanned.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import functools
import html
import io
import itertools
import json
import re
import tempfile
import tomllib
import typing
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from babel import Locale

from fairmined.cli import main
from fairmined.model._quantities import MassUnit
from fairmined.records import RECORD_SCHEMA
from fairmined.rules import ListOf, Object
from fairmined.rules._functions import FUNCTIONS
from fairmined.standards import Provenance, list_standards, load_standard

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
LANGS = ("en", "es", "fr", "pt")
#: The locale each language's outputs are rendered in (country formats too).
LOCALES = {"en": "en", "es": "es_CO", "fr": "fr_BF", "pt": "pt_BR"}
ALL_STANDARDS = ("fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0")
WIDTH = 80
#: Commands whose text output must fit WIDTH columns, whatever the locale.
NARROW = ("audit", "verify-lots", "ledger", "standards")

LOTS = [
    "examples/lots/lots.csv",
    "--certificates",
    "examples/lots/certificates.csv",
    "--production",
    "examples/lots/production.csv",
]
STATEMENT = [
    "examples/statement/ventas.csv",
    "--standard",
    "fairmined-2.0",
    "--prices",
    "examples/statement/precios.csv",
    "--currency",
    "COP",
    "--rates",
    "examples/statement/tasas.csv",
]
QUOTES = {
    "quote-gold": [
        "--standard", "fairmined-2.0", "--metal", "gold", "--mass", "1.250kg",
        "--fineness", "0.995", "--prices", "examples/prices-illustrative.csv",
        "--date", "2024-03-28", "--paid", "80000", "--currency", "COP", "--rate", "3900",
    ],
    "quote-silver-ecological-holiday": [
        "--standard", "fairtrade-gold-2013", "--metal", "silver", "--mass", "10kg",
        "--fineness", "925‰", "--prices", "examples/prices-illustrative.csv",
        "--date", "2024-03-29", "--ecological", "--paid", "8000",
    ],
    "quote-platinum-unverified-shortfall": [
        "--standard", "fairtrade-fairmined-2010", "--metal", "platinum", "--mass", "100g",
        "--fineness", "24k", "--reference-price", "1500", "--date", "2012-06-01",
        "--paid", "4000", "--currency", "XOF", "--rate", "480.5",
    ],
}  # fmt: skip


def _audit_cases() -> dict[str, list[str]]:
    out = {}
    for path in sorted((EXAMPLES / "audits").glob("*.json")):
        args = ["audit", path.relative_to(ROOT).as_posix()]
        if "standard" not in json.loads(path.read_text(encoding="utf-8")):
            args += [a for sid in ALL_STANDARDS for a in ("--standard", sid)]
        out[f"audit {path.stem}"] = args
    certified = "examples/audits/fairmined-2.0-certified.json"
    out["audit --diff"] = ["audit", certified, "examples/audits/fairmined-2.0-follow-up.json"]
    out["audit --diff"].append("--diff")
    out["audit --year 0"] = ["audit", certified, "--year", "0"]
    out["audit --workers"] = ["audit", f"{REGISTER}/record.json", "--workers"]
    out["audit --workers"].append(f"{REGISTER}/workers.csv")
    return out


#: Stands in a case's arguments for the folder of :func:`_register`'s files.
REGISTER = "{register}"
_REGISTER_RECORD = "fairmined-2.0-child-labour-mercury.json"


@functools.cache
def _register_dir() -> tempfile.TemporaryDirectory[str]:
    """A folder removed when the test run ends (kept alive by the cache until then)."""
    return tempfile.TemporaryDirectory()


@functools.cache
def _register() -> Path:
    """An example record without its workers, and its workers as a ';' CSV register."""
    from fairmined.records import WORKER_FIELDS

    folder = Path(_register_dir().name)
    data = json.loads((EXAMPLES / "audits" / _REGISTER_RECORD).read_text(encoding="utf-8"))
    workers, data["workers"] = data["workers"], []
    (folder / "record.json").write_text(json.dumps(data), encoding="utf-8")
    columns = ["id", "name", *(f for f in WORKER_FIELDS if f != "id")]
    with (folder / "workers.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(columns)
        for worker in workers:
            w.writerow([_register_cell(worker.get(c)) for c in columns])
    return folder


def _register_cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


#: Every command run: name -> (arguments, the human formats it writes).
CASES: dict[str, tuple[list[str], tuple[str, ...]]] = {
    **{k: (v, ("text", "markdown", "html", "xlsx")) for k, v in _audit_cases().items()},
    **{k: (["premium", *v], ("text", "markdown", "html")) for k, v in QUOTES.items()},
    "statement": (["statement", *STATEMENT], ("text", "markdown", "html", "xlsx")),
    "verify-lots": (["verify-lots", *LOTS], ("text", "markdown", "html", "xlsx")),
    "ledger": (["ledger", "examples/lots/ledger.duckdb"], ("text", "markdown", "html")),
    "standards list": (["standards", "list"], ("text",)),
    **{f"standards show {s}": (["standards", "show", s], ("text",)) for s in ALL_STANDARDS},
    **{f"standards review {s}": (["standards", "review", s], ("text",)) for s in ALL_STANDARDS},
}
# the diff has no workbook
CASES["audit --diff"] = (CASES["audit --diff"][0], ("text", "markdown", "html"))
CASES["audit --workers"] = (CASES["audit --workers"][0], ("text", "markdown", "html"))


def _run(args: list[str], fmt: str, locale: str, tmp: Path) -> tuple[str, str]:
    """Run the CLI in this process from the repository root; (human text, stderr)."""
    if any(REGISTER in a for a in args):
        args = [a.replace(REGISTER, str(_register())) for a in args]
    out, err = io.StringIO(), io.StringIO()
    extra = ["--format", fmt, "--locale", locale]
    book = tmp / "out.xlsx"
    if fmt == "xlsx":
        extra = ["--out", str(book), "--locale", locale]
    with (
        contextlib.chdir(ROOT),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main([*args, *extra])
    assert code in (0, 1), f"{args} {fmt} {locale}: exit {code}\n{err.getvalue()}"
    text = _cells(book) if fmt == "xlsx" else out.getvalue()
    return text, err.getvalue()


def _cells(book: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(book)
    lines = []
    for ws in wb:
        lines.append(ws.title)
        for row in ws.iter_rows():
            lines += [str(c.value) for c in row if isinstance(c.value, str)]
    return "\n".join(lines)


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S)


def _readable(text: str, fmt: str) -> str:
    """What a reader sees: HTML without its tags (and so without title tooltips),
    Markdown without blockquote markers."""
    if fmt == "html":
        return html.unescape(_TAGS.sub(" ", text))
    if fmt == "markdown":
        return re.sub(r"(?m)^\s*>\s?", "", text)  # a blockquote's marker
    return text


def _without_rules(text: str) -> str:
    """``standards show`` without the rules it quotes: the catalog is where a certifier
    reads each requirement's rule as written (like the HTML tooltip). Wrapped lines
    are joined first, so a rule is removed whole."""
    text = re.sub(r"\n +", " ", text)
    rules = {
        t
        for sid in list_standards()
        for r in load_standard(sid).requirements
        for t in (r.rule_text, r.scope_text)
        if t
    }
    for rule in sorted(rules, key=len, reverse=True):
        text = text.replace(rule, " ")
    return text


@functools.cache
def raw_output(name: str, fmt: str, lang: str) -> tuple[str, str]:
    """(stdout or the workbook's cell texts, stderr) of one case, format and language."""
    args, _ = CASES[name]
    with tempfile.TemporaryDirectory() as tmp:
        return _run(args, fmt, LOCALES[lang], Path(tmp))


def output(name: str, fmt: str, lang: str) -> tuple[str, str]:
    """(what the reader sees, stderr) of one case, format and language."""
    text, err = raw_output(name, fmt, lang)
    if name.startswith("standards show"):
        text = _without_rules(text)
    return _readable(text, fmt), err


# --------------------------------------------------------------------------- vocabularies

#: A word: letters (with inner apostrophes or hyphens), not part of an id such as FM-CO-001
#: or a hash: no digit, underscore, hyphen or dot right next to it.
_WORD = re.compile(r"(?<![\w\-./])[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*(?![\w\-]|\.\w)")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _strings(value: object) -> Iterator[str]:
    """Every string in a TOML/JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _po_strings(lang: str, which: str) -> Iterator[str]:
    """The msgids or msgstrs of a catalog, joined across continuation lines."""
    path = ROOT / "src/fairmined/locale" / lang / "LC_MESSAGES/fairmined.po"
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh)
    for m in catalog:
        if not m.id:
            continue
        texts = m.id if which == "id" else m.string
        for t in texts if isinstance(texts, tuple) else (texts,):
            if t:
                yield t


def _toml(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _source_literals() -> Iterator[str]:
    """The string literals of the library's source (its English-only sentences)."""
    for path in (ROOT / "src/fairmined").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value


def _data_texts() -> Iterator[str]:
    """The text in the example records and files."""
    for path in (EXAMPLES / "audits").glob("*.json"):
        yield from _strings(json.loads(path.read_text(encoding="utf-8")))
    for path in EXAMPLES.rglob("*.csv"):
        for row in _csv_rows(path):
            yield from (v for v in row.values() if isinstance(v, str))


@functools.cache
def native(lang: str) -> frozenset[str]:
    """Every word the language's own texts use: catalog, sentence, requirement and pricing
    files, CLDR."""
    words: set[str] = set()
    for text in _po_strings(lang, "str"):
        words |= _words(text)
    files = sorted((ROOT / "standards/i18n").glob(f"*.{lang}.toml"))
    own = [ROOT / f"standards/i18n/{d}/{lang}.toml" for d in ("explain", "pricing")]
    for path in [*own, *files]:
        for text in _strings(_toml(path)):
            words |= _words(text)
    loc = Locale.parse(lang)
    for table in (loc.territories, loc.languages, loc.currencies, loc.scripts):
        for text in table.values():
            words |= _words(text)
    for width in loc.months["format"].values():
        for text in width.values():
            words |= _words(text)
    for width in loc.days["format"].values():
        for text in width.values():
            words |= _words(text)
    return frozenset(words)


def _sentences(texts: Iterator[str]) -> Iterator[str]:
    """The texts that are prose (three words or more), not codes such as "en" or "csv"."""
    return (t for t in texts if len(_WORD.findall(t)) >= 3)


@functools.cache
def english() -> frozenset[str]:
    """The words of the project's English texts: catalog msgids, explanation sentences,
    the source's sentences, the shipped standards, and the English lines of the docs
    and the example data."""
    words: set[str] = set()
    for text in _po_strings("en", "id"):
        words |= _words(text)
    for text in _strings(_toml(ROOT / "standards/i18n/explain/en.toml")):
        words |= _words(text)
    for text in _sentences(_source_literals()):
        words |= _words(text)
    for sid in ALL_STANDARDS:
        for text in _sentences(_strings(_toml(ROOT / f"standards/{sid}.toml"))):
            words |= _words(text)
    romance = native("es") | native("fr") | native("pt")
    core = words - romance
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    lines = (line for path in docs for line in path.read_text(encoding="utf-8").splitlines())
    for text in _sentences(itertools.chain(_data_texts(), lines)):
        # a line of the docs or the data is English when most of its words are English
        # and no target language's: the docs also show Spanish and French output
        found = _words(text)
        if len(found & core) * 2 > len(found):
            words |= found
    return frozenset(words)


def _parenthesis_free(name: str) -> str:
    """A name without a closing parenthesised remark: "X (fictitious)" names X."""
    return re.sub(r"\s+\([^()]*\)$", "", name).strip()


_NAME_KEYS = re.compile(r"(^|_)(name|auditor|holder|buyer|granted_by|id|number|title)$")


def _names_in(value: object, key: str = "") -> Iterator[str]:
    if isinstance(value, str) and _NAME_KEYS.search(key):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _names_in(v, str(k or ""))
    elif isinstance(value, list):
        for v in value:
            yield from _names_in(v, key)


def _citations(value: object) -> Iterator[str]:
    """Every source a standard cites, as it cites it (a document's title and section)."""
    if isinstance(value, Provenance):
        yield value.cite()
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _citations(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _citations(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _citations(v)


@functools.cache
def proper_names() -> tuple[str, ...]:
    """Names from the data, longest first: standards and the sources they cite (a citation
    is in its document's words), example records and files, file names."""
    names: set[str] = set()
    for path in (EXAMPLES / "audits").glob("*.json"):
        names |= set(_names_in(json.loads(path.read_text(encoding="utf-8"))))
    for path in EXAMPLES.rglob("*.csv"):
        names |= set(_names_in(list(_csv_rows(path))))
    names = {_parenthesis_free(n) for n in names} | {"fairmined"}
    for sid in list_standards():
        std = load_standard(sid)
        info = std.info
        names |= {sid, info.name, info.publisher, info.predecessor or ""}
        names |= {r.source for r in std.requirements} | set(_citations(std))
        names |= {m.name for m in std.supply_models}
        names |= {d.address for d in std.documents if d.address}
    for path in EXAMPLES.rglob("*"):
        names |= {path.name, path.relative_to(ROOT).as_posix()}
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    yield from csv.DictReader(io.StringIO(text), delimiter=delimiter)


@functools.cache
def raw_cells() -> frozenset[str]:
    """Every cell of the example input files: a report may quote one back."""
    cells: set[str] = set()
    for path in EXAMPLES.rglob("*.csv"):
        for row in _csv_rows(path):
            cells |= {v for v in row.values() if isinstance(v, str) and v}
    return frozenset(cells)


def _without_names(text: str) -> str:
    """The text on one line (a name may be wrapped), without the names and quoted cells."""
    text = re.sub(r"\s+", " ", text)
    for name in proper_names():
        text = text.replace(name, " ")
    for cell in raw_cells():
        for open_, close in (("«", "»"), ("« ", " »"), ("“", "”"), ('"', '"'), ("'", "'")):
            text = text.replace(f"{open_}{cell}{close}", " ")
    return text


# --------------------------------------------------------------------------- detectors


def _schema_names(schema: object, prefix: str = "") -> Iterator[str]:
    if isinstance(schema, ListOf):
        yield from _schema_names(schema.item, prefix)
    elif isinstance(schema, Object):
        for f in schema.fields:
            yield f.name
            yield from _schema_names(f.type, f.name)


@functools.cache
def field_names() -> frozenset[str]:
    """Identifiers a reader must never see: record fields and input file columns."""
    names = set(_schema_names(RECORD_SCHEMA))
    for path in EXAMPLES.rglob("*.csv"):
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        names |= set(re.split(r"[;,]", header.strip()))
    return frozenset(n for n in names if "_" in n)


_DOTTED = re.compile(r"\b[a-z_][a-z0-9_]*(?:\[[*0-9]*\])?(?:\.[a-z_][a-z0-9_]*(?:\[[*0-9]*\])?)+")
_IDENT = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_OPERATOR = re.compile(r"(?<![=<>!])(?:<=|>=|==|!=)(?!=)|(?<=\s)[<>](?=\s)|\bmeets\b")


def paths_and_syntax(text: str) -> list[str]:
    """Field paths, identifiers and rule syntax in a text a person reads."""
    text = _without_names(text)
    schema = set(_schema_names(RECORD_SCHEMA)) | {"w", "audit"}
    found = [
        m.group(0)
        for m in _DOTTED.finditer(text)
        if {re.sub(r"\[.*", "", p) for p in m.group(0).split(".")[1:]} <= schema
    ]
    found += [m.group(0) for m in _IDENT.finditer(text) if m.group(0) in field_names()]
    found += [m.group(0) for m in _OPERATOR.finditer(text) if not _quote_marker(text, m.start())]
    found += [m.group(0) for m in re.finditer(rf"\b(?:{'|'.join(FUNCTIONS)})\(", text)]
    # a rule's literals: "retorts_used is false", "== true"
    found += re.findall(r"(?:\bis|\bare|==|!=)\s+(?:true|false)\b", text)
    return found


def _quote_marker(text: str, at: int) -> bool:
    """A Markdown blockquote ``>`` at the start of a line is layout, not an operator."""
    line_start = text.rfind("\n", 0, at) + 1
    return text[line_start:at].strip() == ""


@functools.cache
def codes() -> frozenset[str]:
    """Codes that are no language's words: ISO currency and country codes, the mass units'
    symbols, and the upper-case cells of the example files (the LBMA sessions AM and PM)."""
    loc = Locale.parse("en")
    found = {c.casefold() for c in (*loc.currencies, *loc.territories) if c.isalpha()}
    found |= set(typing.get_args(MassUnit))
    return frozenset(found | {c.casefold() for c in raw_cells() if c.isalpha() and c.isupper()})


def english_words(text: str, lang: str) -> list[str]:
    """English words (and the [en] fallback tag) in a text that should be in ``lang``."""
    found = ["[en]"] if "[en]" in text else []
    foreign = english() - native(lang) - codes()
    return found + sorted(
        {w for w in _WORD.findall(_without_names(text)) if w.casefold() in foreign}
    )


# --------------------------------------------------------------------------- the scan

SCANNED = [(name, fmt) for name, (_, fmts) in CASES.items() for fmt in fmts]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("name", "fmt"), SCANNED, ids=[f"{n} {f}" for n, f in SCANNED])
def test_human_output_reads_as_prose(name: str, fmt: str, lang: str) -> None:
    """No field path, rule syntax or (outside English) English word in this output."""
    text, err = output(name, fmt, lang)
    problems = [f"syntax: {x}" for x in paths_and_syntax(text + "\n" + err)]
    if lang != "en":
        problems += [f"English: {x}" for x in english_words(text + "\n" + err, lang)]
    assert not problems, f"{name} --format {fmt} --locale {LOCALES[lang]}:\n" + "\n".join(
        _context(text + "\n" + err, p.split(": ", 1)[1]) for p in dict.fromkeys(problems)
    )


NARROW_CASES = [n for n in CASES if n.split()[0] in NARROW]


def too_wide(text: str) -> list[str]:
    """Lines wider than WIDTH, except one unbreakable word (an address) on its own line."""
    return [line for line in text.splitlines() if len(line) > WIDTH and len(line.split()) > 1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NARROW_CASES)
def test_text_fits_eighty_columns(name: str, lang: str) -> None:
    """Audit (every example, the crosswalk, --diff, --year, --workers), lots, ledger and
    standards text fit 80 columns in every language (as piped)."""
    text, _ = raw_output(name, "text", lang)
    assert not too_wide(text), "\n".join(too_wide(text))


def _context(text: str, what: str) -> str:
    m = re.search(rf"(?<!\w){re.escape(what)}(?!\w)", text)
    at = m.start() if m else text.find(what)
    line = text[text.rfind("\n", 0, at) + 1 : text.find("\n", at) if "\n" in text[at:] else None]
    return f"  {what!r} in: {line.strip()[:200]}"


# --------------------------------------------------------------------------- the detectors


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Regla: toxic_substances.mercury.retorts_used", "toxic_substances.mercury.retorts_used"),
        ("... is 16, meets < 18", "meets"),
        ("where w.underground: age(w.birth_date, audit.date) < 18", "age("),
        ("requerido <= 12 months (1 year)", "<="),
        ("retorts_used is false", "is false"),
        ("line 22: gross_mass: gross_mass is empty", "gross_mass"),
    ],
)
def test_the_scan_sees_rule_syntax(text: str, found: str) -> None:
    """Field paths, column ids, operators and rule literals from issue 14 are all caught."""
    assert found in paths_and_syntax(text)


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("es", "Organización  Cooperativa Minera Ejemplo (fictitious)", "fictitious"),
        ("es", "Fuente de la prima: [en] fairmined.org, pages", "[en]"),
        ("fr", "Dérogation : The accident book was destroyed; a new register starts", "register"),
        ("pt", "FM-CO-001  gold  01/01/2024", "gold"),
        ("es", "requerido: como máximo 12 months", "months"),
    ],
)
def test_the_scan_sees_english(lang: str, text: str, found: str) -> None:
    """English left in a Spanish, French or Portuguese text is caught."""
    assert found in english_words(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Organización  Cooperativa Minera Ejemplo; auditor Certificadora Ejemplo."),
        ("fr", "Selon fairtrade-gold-2013 (Fairtrade International), la prime est due."),
        ("pt", "Masa fina 1.243,75 g (39,987 ozt), US$ 4.000,00 por kg, sessão PM."),
        ("es", "ecológico «maybe» y moneda «EUR»."),
    ],
)
def test_the_scan_lets_names_codes_and_quoted_cells_through(lang: str, text: str) -> None:
    """Names from the data, ISO codes, unit symbols and quoted input cells are not English."""
    assert english_words(text, lang) == []
    assert paths_and_syntax(text) == []


# --------------------------------------------------------------------------- width, more

#: The statement's money tables and the quotes fit WIDTH columns too (issue 14, item 3).
TABLES_CASES = [n for n in CASES if n == "statement" or n.startswith("quote-")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", TABLES_CASES)
def test_statement_and_quotes_fit_eighty_columns(name: str, lang: str) -> None:
    """The statement (its COP tables cut into parts) and each quote fit 80 columns, piped."""
    text, _ = raw_output(name, "text", lang)
    assert not too_wide(text), "\n".join(too_wide(text))


def labels_alone(text: str) -> list[str]:
    """Labels of a facts block too long to stand beside their value (pushed to the next line)."""
    lines = text.splitlines()
    return [
        a
        for a, b in itertools.pairwise(lines)
        if a and not a.startswith((" ", "*")) and "  " not in a and re.match(r" {20,}\S", b)
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", [n for n in CASES if "text" in CASES[n][1]])
def test_facts_labels_stand_beside_their_values(name: str, lang: str) -> None:
    """Every label of a text report's facts fits beside its value in every language, so
    the layout is the same in each locale ("Impide la certificación ahora" did not)."""
    text, _ = raw_output(name, "text", lang)
    assert labels_alone(text) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(CASES))
def test_warnings_fit_eighty_columns(name: str, lang: str) -> None:
    """Warnings on stderr (unverified figures, prices, rates) wrap at 80 columns, piped."""
    _, err = raw_output(name, "text", lang)
    assert not too_wide(err), "\n".join(too_wide(err))


# --------------------------------------------------------------------------- example scripts

#: The example scripts as a user runs them: (script, its arguments, its language); a
#: script that takes OUTPUT_DIR is also given one, and the pages it writes are scanned.
SCRIPTS = [
    ("cooperative_quote.py", [], "es"),
    *(("cooperative_quote.py", ["--locale", LOCALES[lang]], lang) for lang in LANGS),
    ("buyer_verify.py", [], "fr"),
    *(("buyer_verify.py", [LOCALES[lang]], lang) for lang in LANGS),
    ("certifier_audit.py", [], "en"),
]


def _script_outputs(script: str, args: list[str], lang: str, tmp: Path) -> list[tuple[str, str]]:
    """(what the reader sees, its language) for the script's stdout and stderr and for
    every page it writes (in the language its file name gives)."""
    import subprocess
    import sys

    out_dir = tmp / "out"
    extra = [] if script == "buyer_verify.py" else [str(out_dir)]
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    found = [(_readable(proc.stdout, "markdown") + "\n" + proc.stderr, lang)]
    for page in sorted(out_dir.glob("*.html")):
        tag = page.name.split(".")[1] if page.name.count(".") == 2 else LOCALES[lang]
        found.append((_readable(page.read_text(encoding="utf-8"), "html"), tag.split("_")[0]))
    return found


@pytest.mark.parametrize(
    ("script", "args", "lang"), SCRIPTS, ids=[f"{s} {' '.join(a)}" for s, a, _ in SCRIPTS]
)
def test_example_script_output_reads_as_prose(
    script: str, args: list[str], lang: str, tmp_path: Path
) -> None:
    """The example scripts print and write no field path, rule syntax or foreign English."""
    outputs = _script_outputs(script, args, lang, tmp_path)
    assert len(outputs) >= (1 if script == "buyer_verify.py" else 2)
    for text, text_lang in outputs:
        problems = [f"syntax: {x}" for x in paths_and_syntax(text)]
        if text_lang != "en":
            problems += [f"English: {x}" for x in english_words(text, text_lang)]
        assert not problems, f"{script} {args} ({text_lang}):\n" + "\n".join(
            _context(text, p.split(": ", 1)[1]) for p in dict.fromkeys(problems)
        )
