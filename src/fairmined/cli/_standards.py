"""``fairmined standards``: list the shipped standards."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import add_locale

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "standards",
        help="list the shipped standards",
        description="List the shipped standards with version, publisher and dates in force.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    add_locale(p)
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
    add_locale(show)
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    import difflib

    from fairmined.errors import InputError
    from fairmined.standards import CATEGORIES, load_standard

    from ._common import dump_json

    if args.locale is not None:
        from fairmined.report import translator

        translator(args.locale)  # reject a bad --locale before any work
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
    from fairmined.report import catalog_text, translator

    sys.stdout.write(catalog_text(std, reqs, translator(args.locale)))
    return 0


def run(args: argparse.Namespace) -> int:
    from fairmined.report import standards_json, standards_text, translator

    from ._common import dump_json

    tr = translator(args.locale)
    sys.stdout.write(dump_json(standards_json()) if args.json else standards_text(tr))
    return 0
