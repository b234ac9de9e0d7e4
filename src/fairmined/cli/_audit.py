"""``fairmined audit``: evaluate an audit record against one or more standards.

Exit codes: 0 when every decision is ``certified``, 1 when any is
``not_certified`` or ``suspended``, 2 for bad input or usage.
"""

from __future__ import annotations

import argparse
from typing import Any

from ._common import add_command, add_output, add_table_options, standard_values

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "audit",
        help="evaluate an audit record against a standard and decide",
        description="Evaluate an audit record (JSON, format fairmined-audit/2 or /1) against "
        "one or more standards: every requirement's status with its reason, the certification "
        "decision and corrective-action deadlines. With --diff, compare PREVIOUS and CURRENT "
        "records.",
        example="fairmined audit examples/audits/fairmined-2.0-certified.json --format markdown",
        values=lambda: [standard_values()],
        ok="every decision is certified",
        negative="a decision is not_certified or suspended",
    )
    p.add_argument(
        "record",
        metavar="RECORD",
        nargs="+",
        help="the audit record (JSON file); with --diff, PREVIOUS then CURRENT",
    )
    p.add_argument(
        "--diff",
        action="store_true",
        help="compare two audits: per requirement what was resolved, what is new and what "
        "persists, and which corrective actions were closed late or not at all; exit as for "
        "the current audit (not with --format xlsx)",
    )
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
    p.add_argument(
        "--workers",
        metavar="FILE",
        help="worker register (CSV or .xlsx, one row per worker with the record's worker "
        "fields: id, birth_date, ...): the record's workers (its own list must be empty)",
    )
    add_table_options(p, "the --workers register")
    add_output(p, "audit")
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

    from ._common import output_format, table_file, write_file_output, write_output

    fmt = output_format(args)
    tr = translator(args.locale)
    if len(args.record) != (2 if args.diff else 1):
        raise InputError(
            "--diff compares exactly two records: PREVIOUS CURRENT"
            if args.diff
            else "give one record (two only with --diff)",
            path="RECORD",
        )
    if args.diff:
        if args.workers is not None:
            raise InputError("--workers goes with one record, not --diff", path="--workers")
        if fmt == "xlsx":
            raise InputError("--diff writes text, markdown, html or json", path="--format")
        return _run_diff(args, fmt, tr)
    record = load_record(args.record[0], workers=table_file(args, args.workers))
    ids = _standard_ids(args, record)
    evaluations = [
        evaluate(load_standard(sid), record, year=args.year, strict=args.strict) for sid in ids
    ]
    if fmt == "xlsx":
        from fairmined.report import audit_xlsx

        write_file_output(audit_xlsx(evaluations, tr), args.out, fmt)
    else:
        write_output(render_audit(evaluations, fmt, tr), args.out)
    return 0 if all(ev.decision == "certified" for ev in evaluations) else 1


def _standard_ids(args: argparse.Namespace, record: Any) -> list[str]:
    """The standards asked for, in order without repeats, or the record's own."""
    from fairmined.errors import InputError

    ids: list[str] = list(args.standard or [])
    if not ids:
        if record.standard is None:
            raise InputError(
                "the record names no standard; pass --standard ID",
                file=record.file,
                path="$.standard",
            )
        ids = [record.standard]
    return list(dict.fromkeys(ids))


def _run_diff(args: argparse.Namespace, fmt: str, tr: Any) -> int:
    from fairmined.audit import diff, evaluate
    from fairmined.records import load_record
    from fairmined.report import render_audit_diff
    from fairmined.standards import load_standard

    from ._common import write_output

    previous, current = (load_record(path) for path in args.record)
    diffs = []
    for sid in _standard_ids(args, current):
        std = load_standard(sid)
        diffs.append(
            diff(
                evaluate(std, previous, year=args.year, strict=args.strict),
                evaluate(std, current, year=args.year, strict=args.strict),
            )
        )
    write_output(render_audit_diff(diffs, fmt, tr), args.out)
    return 0 if all(d.current.decision == "certified" for d in diffs) else 1
