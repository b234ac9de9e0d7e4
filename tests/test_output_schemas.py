"""Every JSON document the library writes names its format and validates against its schema.

The documents checked are the real output of every example: the golden files
(every example audit, the audit comparison, the example quotes, statement and
lots, all regenerated from the examples by their scripts) and the ledger and
standards commands run here.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from fairmined.cli import main
from fairmined.report import DOCUMENTS, SCHEMAS
from fairmined.standards import list_standards

from . import regen_schemas

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
KIND_OF = {name: kind for kind, name in DOCUMENTS.items()}
EXPECTED_SCHEMAS = regen_schemas.expected()

pytestmark = pytest.mark.usefixtures("fresh_standards")


def _golden_documents() -> list[tuple[str, Any]]:
    """(where, document) for every JSON document in the golden files."""
    out: list[tuple[str, Any]] = []
    for path in sorted(GOLDEN.rglob("*.json")) + sorted(GOLDEN.rglob("*.jsonl")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("exit "):
            text = text.split("\n", 1)[1]
        name = path.relative_to(GOLDEN).as_posix()
        if path.suffix == ".jsonl":
            out += [
                (f"{name}:{n}", json.loads(line)) for n, line in enumerate(text.splitlines(), 1)
            ]
        else:
            out.append((name, json.loads(text)))
    return out


def _cli_json(*args: str) -> Any:
    buf = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(buf):
        code = main([*args, "--json"])
    assert code in (0, 1)
    return json.loads(buf.getvalue())


def _cli_documents() -> list[tuple[str, Any]]:
    out = [
        ("ledger", _cli_json("ledger", "examples/lots/ledger.duckdb")),
        ("standards", _cli_json("standards")),
        (
            "audit --diff, two standards",
            _cli_json(
                "audit",
                "examples/audits/crosswalk-all-standards.json",
                "examples/audits/crosswalk-all-standards.json",
                "--diff",
                "--standard",
                "fairmined-2.0",
                "--standard",
                "fairtrade-gold-2013",
            ),
        ),
    ]
    for sid in list_standards():
        out.append((f"standards show {sid}", _cli_json("standards", "show", sid)))
        out.append((f"standards review {sid}", _cli_json("standards", "review", sid)))
    return out


DOCS = _golden_documents()


def _validate(doc: Any) -> None:
    assert isinstance(doc, dict) and doc.get("format") in KIND_OF, "no known format key"
    jsonschema.Draft202012Validator(SCHEMAS[KIND_OF[doc["format"]]]).validate(doc)


@pytest.mark.parametrize("path", sorted(EXPECTED_SCHEMAS), ids=lambda p: p.name)
def test_schema_file_up_to_date(path: Path) -> None:
    """docs/schemas/ holds the schemas the code defines (run tests/regen_schemas.py)."""
    assert path.exists(), "run python tests/regen_schemas.py"
    assert path.read_text(encoding="utf-8") == EXPECTED_SCHEMAS[path], (
        f"{path.name} is out of date: run python tests/regen_schemas.py and review the diff"
    )


@pytest.mark.parametrize("schema", list(SCHEMAS.values()), ids=list(SCHEMAS))
def test_schema_is_valid_json_schema(schema: dict[str, Any]) -> None:
    """Each schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(("where", "doc"), DOCS, ids=[w for w, _ in DOCS])
def test_golden_output_validates(where: str, doc: Any) -> None:
    """Every example's JSON output names its format and validates against its schema."""
    _validate(doc)


def test_cli_output_validates() -> None:
    """The ledger, standards and two-standard comparison documents validate too."""
    for where, doc in _cli_documents():
        try:
            _validate(doc)
        except (AssertionError, jsonschema.ValidationError) as e:
            raise AssertionError(f"{where}: {e}") from e


def test_every_document_kind_is_checked_against_real_output() -> None:
    """No schema goes untested: each format appears in some example's output."""
    seen = {doc["format"] for _, doc in DOCS} | {doc["format"] for _, doc in _cli_documents()}
    assert seen == set(DOCUMENTS.values())


def test_output_formats_differ_from_the_record_formats() -> None:
    """Outputs never reuse the audit record's own names (fairmined-audit/N)."""
    assert all(name.startswith("fairmined-") for name in DOCUMENTS.values())
    assert not {n.split("/")[0] for n in DOCUMENTS.values()} & {"fairmined-audit"}
    assert len(set(DOCUMENTS.values())) == len(DOCUMENTS)


def test_schemas_reject_what_a_reader_could_not_rely_on() -> None:
    """A missing format, another document's format, or an amount as a number is refused."""
    quote = next(doc for _, doc in DOCS if doc.get("format") == DOCUMENTS["quote"])
    validator = jsonschema.Draft202012Validator(SCHEMAS["quote"])
    assert validator.is_valid(quote)
    assert not validator.is_valid({k: v for k, v in quote.items() if k != "format"})
    assert not validator.is_valid({**quote, "format": DOCUMENTS["statement"]})
    assert not validator.is_valid({**quote, "premium": {"amount": 12.5, "currency": "USD"}})
    lot = next(doc for _, doc in DOCS if doc.get("format") == DOCUMENTS["lot"])
    assert not jsonschema.Draft202012Validator(SCHEMAS["lot"]).is_valid({**lot, "status": "ok"})
