"""``fairmined standards``: list the shipped standards."""

from __future__ import annotations

import argparse
from typing import Any

from ._common import (
    FormatChoices,
    add_command,
    add_locale,
    category_values,
    standard_values,
    stdout_writer,
)

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    p = add_command(
        sub,
        "standards",
        help="list the shipped standards (also 'standards list'), or show one's requirements",
        description="List the shipped standards with version, publisher and dates in force; "
        "'fairmined standards' and 'fairmined standards list' are the same.",
        example="fairmined standards --locale es",
        values=_list_values,
    )
    _options(p)
    p.set_defaults(func=run)
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    listing = add_command(
        actions,
        "list",
        help="list the shipped standards (the same as 'fairmined standards')",
        description="List the shipped standards with version, publisher and dates in force.",
        example="fairmined standards list --json",
        values=_list_values,
    )
    _options(listing, argparse.SUPPRESS)
    listing.set_defaults(func=run)
    show = add_command(
        actions,
        "show",
        help="print one standard's requirement catalog",
        description="Print a standard's requirements (id, type, category, title, source), "
        "optionally one category only.",
        example="fairmined standards show fairmined-2.0 --category child_labour",
        values=lambda: [
            standard_values("ID"),
            category_values(),
        ],
    )
    show.add_argument("id", metavar="ID", help="standard id or file")
    show.add_argument("--category", metavar="C", help="only requirements of this category")
    _options(show, argparse.SUPPRESS)
    show.set_defaults(func=run_show)
    review = add_command(
        actions,
        "review",
        help="list what is not yet confirmed clause text, with where to check it",
        description="For a reviewer holding the official text: every requirement, price "
        "figure, type and policy figure not yet at level clause, grouped by level (weakest "
        "first), each with the document and locator to check, and who reviewed the file.",
        example="fairmined standards review fairmined-2.0",
        values=lambda: [standard_values("ID")],
    )
    review.add_argument("id", metavar="ID", help="standard id or file")
    _options(review, argparse.SUPPRESS)
    review.set_defaults(func=run_review)


def _options(p: Any, default: Any = None) -> None:
    """``--format text|json``, ``--json`` and ``--locale``, on ``standards`` and its actions.

    An action's flags default to SUPPRESS so that ``standards --json list``
    keeps the flag given before the action.
    """
    p.add_argument(
        "--format",
        choices=FormatChoices("standards"),
        default=default,
        help="output format: %(choices)s (default: text)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        default=False if default is None else default,
        help="same as --format json",
    )
    add_locale(p, default)


def _list_values() -> list[tuple[str, list[str]]]:
    return [standard_values("shipped")]


def run_show(args: argparse.Namespace) -> int:
    from fairmined.errors import InputError, did_you_mean
    from fairmined.standards import CATEGORIES, load_standard

    from ._common import dump_json, output_format

    if args.locale is not None:
        from fairmined.report import translator

        translator(args.locale)  # reject a bad --locale before any work
    std = load_standard(args.id)
    reqs = list(std.requirements)
    if args.category is not None:
        if args.category not in CATEGORIES:
            raise InputError(
                f"unknown category {args.category!r}",
                path="--category",
                hint=did_you_mean(args.category, CATEGORIES),
            )
        reqs = [r for r in reqs if r.category == args.category]
    if output_format(args) == "json":
        from fairmined.report import standard_json

        stdout_writer().write(dump_json(standard_json(std, reqs)))
        return 0
    from fairmined.report import catalog_text, translator

    stdout_writer().write(catalog_text(std, reqs, translator(args.locale)))
    return 0


def run_review(args: argparse.Namespace) -> int:
    from fairmined.report import review_json, review_text, translator
    from fairmined.standards import load_standard

    from ._common import dump_json, output_format

    tr = translator(args.locale)
    std = load_standard(args.id)
    fmt = output_format(args)
    stdout_writer().write(dump_json(review_json(std)) if fmt == "json" else review_text(std, tr))
    return 0


def run(args: argparse.Namespace) -> int:
    from fairmined.report import standards_json, standards_text, translator

    from ._common import dump_json, output_format

    tr = translator(args.locale)
    fmt = output_format(args)
    stdout_writer().write(dump_json(standards_json()) if fmt == "json" else standards_text(tr))
    return 0
