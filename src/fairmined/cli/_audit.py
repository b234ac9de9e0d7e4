"""``fairmined audit``: evaluate an audit record against one or more standards.

Exit codes: 0 when every decision is ``certified``, 1 when any is
``not_certified`` or ``suspended``, 2 for bad input or usage.
"""

from __future__ import annotations

import argparse
from typing import Any

from ._common import add_command, add_output, standard_values

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "audit",
        help="evaluate an audit record against a standard and decide",
        description="Evaluate an audit record (JSON, format fairmined-audit/1) against one or "
        "more standards: every requirement's status with its reason, the certification "
        "decision and corrective-action deadlines.",
        example="fairmined audit examples/audits/fairmined-2.0-certified.json --format markdown",
        values=lambda: [standard_values()],
        ok="every decision is certified",
        negative="a decision is not_certified or suspended",
    )
    p.add_argument("record", metavar="RECORD", help="the audit record (JSON file)")
    p.add_argument(
        "--standard",
        metavar="ID",
        action="append",
        help="standard id or file; repeat to compare standards side by side "
        '(default: the record\'s own "standard")',
    )
    p.add_argument(
        "--year",
        metavar="N",
        type=_year,
        help="self-assessment: evaluate as if in certification year N and list what blocks "
        "certification now and what becomes due next year",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="an audit dated outside the standard's dates in force is an error (exit 2), "
        "not a warning",
    )
    add_output(p, formats=("text", "markdown", "html", "json", "xlsx"))
    p.set_defaults(func=run)


def _year(text: str) -> int:
    # ArgumentTypeError, not a ValueError: argparse would replace the message
    # with "invalid _year value".
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        raise argparse.ArgumentTypeError(f"must be a whole number from 0 to 999, not {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from fairmined.audit import evaluate
    from fairmined.errors import InputError
    from fairmined.records import load_record
    from fairmined.report import render_audit, translator
    from fairmined.standards import load_standard

    from ._common import output_format, write_file_output, write_output

    fmt = output_format(args)
    tr = translator(args.locale)
    record = load_record(args.record)
    ids: list[str] = list(args.standard or [])
    if not ids:
        if record.standard is None:
            raise InputError(
                "the record names no standard; pass --standard ID",
                file=args.record,
                path="$.standard",
            )
        ids = [record.standard]
    seen: list[str] = []
    for sid in ids:
        if sid not in seen:
            seen.append(sid)
    evaluations = [
        evaluate(load_standard(sid), record, year=args.year, strict=args.strict) for sid in seen
    ]
    if fmt == "xlsx":
        from fairmined.report import audit_xlsx

        write_file_output(audit_xlsx(evaluations, tr), args.out, fmt)
    else:
        write_output(render_audit(evaluations, fmt, tr), args.out)
    return 0 if all(ev.decision == "certified" for ev in evaluations) else 1
