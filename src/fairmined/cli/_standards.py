"""``fairmined standards``: list the shipped standards."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "standards",
        help="list the shipped standards",
        description="List the shipped standards with version, publisher and dates in force.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=run)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    show = actions.add_parser(
        "show",
        help="print one standard's requirement catalog",
        description="Print a standard's requirements (id, type, category, title, source), "
        "optionally one category only.",
    )
    show.add_argument("id", metavar="ID", help="standard id or file")
    show.add_argument("--category", metavar="C", help="only requirements of this category")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    import difflib

    from fairmined.errors import InputError
    from fairmined.standards import CATEGORIES, load_standard

    from ._common import dump_json

    std = load_standard(args.id)
    reqs = list(std.requirements)
    if args.category is not None:
        if args.category not in CATEGORIES:
            close = difflib.get_close_matches(args.category, CATEGORIES, n=1)
            raise InputError(
                f"unknown category {args.category!r}",
                path="--category",
                hint=f"did you mean {close[0]}?"
                if close
                else "categories: " + ", ".join(CATEGORIES),
            )
        reqs = [r for r in reqs if r.category == args.category]
    if args.json:
        sys.stdout.write(
            dump_json(
                {
                    "id": std.id,
                    "version": std.info.version,
                    "fidelity": std.info.fidelity,
                    "requirements": [
                        {
                            "id": r.id,
                            "category": r.category,
                            "type": r.type,
                            "title": r.title,
                            "description": r.description,
                            "due_from_year": r.due_from_year,
                            "scope": r.scope_text,
                            "rule": r.rule_text,
                            "manual": r.manual,
                            "source": r.source,
                            "clause_verified": r.clause_verified,
                            "note": r.note,
                        }
                        for r in reqs
                    ],
                }
            )
        )
        return 0
    out = [f"{std.id} (version {std.info.version}): {len(reqs)} requirements", std.info.fidelity]
    for r in reqs:
        due = "entry" if r.due_from_year == 0 else f"due from year {r.due_from_year}"
        verified = "verified" if r.clause_verified else "inferred"
        out += [
            "",
            f"{r.id}  [{r.type}, {r.category}, {due}]  {r.title}",
            f"    {r.description}",
            f"    decided by: {'auditor finding' if r.manual else r.rule_text}"
            + (f"; applies when {r.scope_text}" if r.scope_text else ""),
            f"    source: {r.source} (clause {verified})",
        ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    from fairmined.standards import list_standards, load_standard

    from ._common import dump_json

    rows = []
    for sid in list_standards():
        info = load_standard(sid).info
        rows.append(
            {
                "id": info.id,
                "name": info.name,
                "version": info.version,
                "publisher": info.publisher,
                "in_force_from": info.in_force_from.isoformat(),
                "in_force_to": info.in_force_to.isoformat() if info.in_force_to else None,
                "unverified_figures": load_standard(sid).unverified_figures(),
            }
        )
    if args.json:
        sys.stdout.write(dump_json(rows))
        return 0
    for r in rows:
        until = r["in_force_to"] or "today"
        sys.stdout.write(
            f"{r['id']}\n  {r['name']}\n  version {r['version']}, "
            f"{r['publisher']}\n  in force {r['in_force_from']} to {until}\n"
        )
        if r["unverified_figures"]:
            sys.stdout.write(f"  unverified figures: {'; '.join(r['unverified_figures'])}\n")
    return 0
