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


def run(args: argparse.Namespace) -> int:
    from fairmined.report import standards_json, standards_text, translator

    from ._common import dump_json

    tr = translator(args.locale)
    sys.stdout.write(dump_json(standards_json()) if args.json else standards_text(tr))
    return 0
