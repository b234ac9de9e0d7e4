"""Regenerate the golden outputs of ``fairmined audit`` and the record JSON Schema.

Run from the repository root after an intended change, then review the diff:

    python tests/regen_golden.py
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "audits"
GOLDEN = ROOT / "tests" / "golden" / "audit"
SCHEMA_DOC = ROOT / "docs" / "audit-record.schema.json"
#: One JSON Schema per record format: format 1 keeps its original file name.
SCHEMA_DOCS = {
    "fairmined-audit/1": SCHEMA_DOC,
    "fairmined-audit/2": ROOT / "docs" / "audit-record-v2.schema.json",
}

#: Records that name no standard are evaluated against all three, side by side.
ALL_STANDARDS = ("fairtrade-fairmined-2010", "fairtrade-gold-2013", "fairmined-2.0")


def cases() -> list[tuple[str, list[str]]]:
    """(golden file stem, CLI arguments) for every example record."""
    out = []
    for path in sorted(EXAMPLES.glob("*.json")):
        rel = path.relative_to(ROOT).as_posix()
        args = ["audit", rel]
        if "standard" not in json.loads(path.read_text(encoding="utf-8")):
            for sid in ALL_STANDARDS:
                args += ["--standard", sid]
        out.append((path.stem, args))
    out.append(
        (
            "fairmined-2.0-follow-up.diff",
            [
                "audit",
                "examples/audits/fairmined-2.0-certified.json",
                "examples/audits/fairmined-2.0-follow-up.json",
                "--diff",
            ],
        )
    )
    out.append(
        (
            "fairmined-2.0-certified.self-assessment-year-0",
            ["audit", "examples/audits/fairmined-2.0-certified.json", "--year", "0"],
        )
    )
    return out


def run_cli(args: list[str]) -> tuple[int, str]:
    """Exit code and stdout of ``fairmined ARGS``, run from the repository root."""
    from fairmined.cli import main

    buf = io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(buf):
        code = main(args)
    return code, buf.getvalue()


def schema_text(fmt: str = "fairmined-audit/1") -> str:
    """The JSON Schema of one record format, as written to docs/."""
    from fairmined.records import SCHEMAS
    from fairmined.rules import to_json_schema

    return json.dumps(to_json_schema(SCHEMAS[fmt]), indent=2, ensure_ascii=False) + "\n"


def cli_text(args: list[str]) -> str:
    """A golden output: the exit code of ``fairmined ARGS``, then its stdout."""
    code, text = run_cli(args)
    return f"exit {code}\n{text}"


def outputs() -> dict[Path, Callable[[], str]]:
    """Every golden file, with what computes its expected content when called."""
    out: dict[Path, Callable[[], str]] = {
        path: functools.partial(schema_text, fmt) for fmt, path in SCHEMA_DOCS.items()
    }
    for stem, args in cases():
        for suffix, extra in ((".json", ["--json"]), (".txt", [])):
            out[GOLDEN / f"{stem}{suffix}"] = functools.partial(cli_text, args + extra)
    return out


def expected() -> dict[Path, str]:
    """Every golden file's expected content, by path."""
    return {path: make() for path, make in outputs().items()}


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path, text in expected().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
