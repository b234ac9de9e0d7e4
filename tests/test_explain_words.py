"""Audit explanations are sentences in the reader's language, built from data.

The word files ``standards/i18n/explain/<lang>.toml`` hold a label for every
record field a shipped rule reads, the operators and the sentences; the
report layer (``report/_explain.py``) words each result's code, arguments
and evidence with them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from fairmined.audit import evaluate
from fairmined.records import RECORD_SCHEMA
from fairmined.report import translator
from fairmined.report._audit_json import evaluation_to_json
from fairmined.report._explain import explain_sentences, words
from fairmined.rules import Bool, ListOf, Object
from fairmined.rules._functions import FUNCTIONS
from fairmined.standards import list_standards, load_standard

ROOT = Path(__file__).resolve().parents[1]
WORDS = ROOT / "standards" / "i18n" / "explain"
LANGS = ("en", "es", "fr", "pt")
#: The apostrophe French typography uses (a RIGHT SINGLE QUOTATION MARK).
RSQ = "\u2019"
EXAMPLES = sorted((ROOT / "examples" / "audits").glob("*.json"))
PLACEHOLDER = re.compile(r"\{(\w*)\}")
#: What a rule trace looks like: a field path, an operator, a list index, a rule word.
TRACE = re.compile(
    r"[a-z]+_[a-z_]+|\b[a-z_]+\.[a-z_]+\b|\w\[|<=|>=|==|!=|\bnot\b|\bfindings\b|\btrue\b|\bfalse\b"
)


def _load(lang: str) -> dict[str, object]:
    return tomllib.loads((WORDS / f"{lang}.toml").read_text(encoding="utf-8"))


def _shipped_fields() -> set[str]:
    out: set[str] = set()
    for sid in list_standards():
        for req in load_standard(sid).requirements:
            for rule in (req.rule, req.scope):
                if rule is not None:
                    out |= set(rule.fields)
    return out


def _type(path: str) -> object:
    current: object = RECORD_SCHEMA
    for part in path.replace("[*]", "").split("."):
        if isinstance(current, ListOf):
            current = current.item
        assert isinstance(current, Object), path
        field = current.field(part)
        assert field is not None, path
        current = field.type
    return current


@pytest.mark.parametrize("lang", LANGS)
def test_every_shipped_field_has_words(lang: str) -> None:
    """Every field a shipped rule reads has words: yes and no for a yes/no field, else a label."""
    fields = _load(lang)["fields"]
    assert isinstance(fields, dict)
    problems = []
    for path in sorted(_shipped_fields()):
        entry = fields.get(path)
        wanted = {"yes", "no"} if isinstance(_type(path), Bool) else {"label"}
        if entry is None or not wanted <= set(entry) or not all(entry[k] for k in wanted):
            problems.append(f"{path}: needs {sorted(wanted)}")
    assert not problems, f"{lang}.toml:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_every_list_read_by_a_quantifier_names_its_items(lang: str) -> None:
    """A list a shipped rule reads item by item has an item subject and a plural noun."""
    lists = _load(lang)["lists"]
    assert isinstance(lists, dict)
    for path in _shipped_fields():
        if isinstance(_type(path), ListOf):
            assert {"item", "plural", "owner"} <= set(lists.get(path, {})), f"{lang}: {path}"


def _schema_lists(t: object, path: str = "") -> list[str]:
    """Every list of the record schema, by its path (``findings[*].references``)."""
    out: list[str] = []
    if isinstance(t, Object):
        for f in t.fields:
            out += _schema_lists(f.type, f"{path}.{f.name}" if path else f.name)
    elif isinstance(t, ListOf):
        out.append(path)
        out += _schema_lists(t.item, f"{path}[*]")
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_list_of_the_record_schema_names_its_items(lang: str) -> None:
    """Any list a certifier's own rule may read item by item (permits, findings...) has
    an item subject, a plural noun and its owner forms: none is shown by its field key."""
    lists = _load(lang)["lists"]
    assert isinstance(lists, dict)
    found = _schema_lists(RECORD_SCHEMA)
    assert {"workers", "permits", "findings[*].references"} <= set(found)
    for path in found:
        entry = lists.get(path, {})
        assert {"item", "plural", "owner", "owners"} <= set(entry), f"{lang}: {path}"
        assert all("{key}" in entry[k] for k in ("item", "owner")), f"{lang}: {path}"
        assert "{keys}" in entry["owners"], f"{lang}: {path}"


@pytest.mark.parametrize("lang", ("es", "fr", "pt"))
def test_word_files_have_the_english_keys_and_placeholders(lang: str) -> None:
    """Each language has every English key, with the same placeholders in each sentence."""
    en, other = _load("en"), _load(lang)
    for table in ("sentences", "functions", "lists", "values", "fields", "overrides"):
        a, b = en[table], other[table]
        assert isinstance(a, dict) and isinstance(b, dict)
        assert set(a) == set(b), f"{lang} [{table}]: {set(a) ^ set(b)}"
    for table in ("sentences", "functions"):
        for key, text in en[table].items():  # type: ignore[attr-defined]
            mine = other[table][key]  # type: ignore[index]
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(mine)), (lang, key)
    for kind, ops in en["ops"].items():  # type: ignore[attr-defined]
        assert set(ops) == set(other["ops"][kind]), (lang, kind)  # type: ignore[index]


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_function_has_a_sentence(lang: str) -> None:
    """The function table and the word files agree: each function can be said in words."""
    functions = words(lang)["functions"]
    assert set(FUNCTIONS) - {"present"} <= set(functions)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ("es", "fr", "pt"))
def test_explanations_of_every_example_read_as_sentences(example: Path, lang: str) -> None:
    """No explanation of an example, in es, fr or pt, shows a field path, operator or rule word."""
    tr = translator(lang)
    problems = []
    for sid in list_standards():
        try:
            ev = evaluate(sid, example)
        except Exception:  # a record written for another standard's ids
            continue
        for r in ev.results:
            for line in explain_sentences(tr, r, standard_id=sid):
                if TRACE.search(line):
                    problems.append(f"{sid} {r.id}: {line}")
    assert not problems, "\n".join(problems[:10])


def _child_labour() -> object:
    return evaluate(
        "fairmined-2.0", ROOT / "examples/audits/fairmined-2.0-child-labour-mercury.json"
    )


@pytest.mark.parametrize(
    ("lang", "rid", "said"),
    [
        ("en", "3.1", "Worker W-08 is 14 years old (born February 14, 2010); the minimum age"),
        ("es", "3.1", "El trabajador W-08 tiene 14 años (nació el 14 de febrero de 2010)"),
        ("en", "1.3.5", "December 1, 2022, 17 months before the audit (May 20, 2024)"),
        ("fr", "1.3.5", f"17 mois avant l{RSQ}audit"),
        ("pt", "1.3.5", "o intervalo máximo admitido é de 12 meses"),
        ("en", "2.1.2", "Mercury is used without retorts; retorts are required."),
        ("fr", "2.1.1", f"Selon le dossier, l{RSQ}amalgame est brûlé à l{RSQ}air libre"),
        ("es", "0.7.2", "Este requisito lo juzga el auditor, y no se registró ningún hallazgo."),
    ],
)
def test_sentences_name_who_and_the_facts(lang: str, rid: str, said: str) -> None:
    """The failing requirements of the child-labour example say who, the facts and the limit."""
    ev = _child_labour()
    r = next(x for x in ev.results if x.id == rid)  # type: ignore[attr-defined]
    text = " ".join(explain_sentences(translator(lang), r, standard_id="fairmined-2.0"))
    assert said in text.replace("\u00a0", " ").replace("\u202f", " ")


def test_json_keeps_the_code_the_arguments_and_the_english() -> None:
    """The JSON result has the code, typed evidence and both English texts."""
    data = evaluation_to_json(_child_labour())  # type: ignore[arg-type]
    r = next(x for x in data["results"] if x["id"] == "3.1")
    assert r["code"] == "rule_fail"
    assert "age(w.birth_date, audit.date)" in r["explanation"]
    assert r["sentence"].startswith("Worker W-08 is 14 years old")
    (e,) = r["evidence"]
    assert e["subject"] == {"list": "workers", "key": "W-08"}
    assert (e["value"], e["op"], e["limit"]) == ("14", ">=", "15")
    assert e["term"]["name"] == "age"
    assert [a["value"] for a in e["term"]["args"]] == ["2010-02-14", "2024-05-20"]
    dated = next(x for x in data["results"] if x["id"] == "1.3.5")
    (gap,) = [x for x in dated["evidence"] if x["term"]["kind"] == "arith"]
    assert gap["value"] == ["2024-05-20", "2022-12-01"]
    assert gap["limit"] == {"years": 1, "months": 0, "days": 0}


def test_not_due_and_out_of_scope_are_data() -> None:
    """A requirement not due or out of scope carries its code and arguments."""
    ev = _child_labour()
    codes = {r.code for r in ev.results}  # type: ignore[attr-defined]
    assert {"not_due", "out_of_scope", "rule_fail", "no_finding", "rule_pass"} <= codes
    due = next(r for r in ev.results if r.code == "not_due")  # type: ignore[attr-defined]
    assert set(due.args) == {"due_from_year", "year"}
