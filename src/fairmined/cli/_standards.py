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
