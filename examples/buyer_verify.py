"""A buyer's check: were these lots bought from valid certificates, at the right prices?

Run from the repository root:  python examples/buyer_verify.py
Verifies the example lots file against the certificates and production
files, prints each lot that needs attention and the premium totals, and the
summary in French as Markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fairmined.lots import LotSummary, verify_lots
from fairmined.report import lots_document, render, translator

LOTS = Path(__file__).resolve().parent / "lots"
USAGE = "usage: python examples/buyer_verify.py"


def main(argv: list[str]) -> int:
    if argv:
        print(USAGE, file=sys.stderr)
        return 2
    summary = LotSummary()
    problems = []
    for r in verify_lots(
        LOTS / "lots.csv",
        certificates=LOTS / "certificates.csv",
        production=LOTS / "production.csv",
    ):
        summary.add(r)
        if r.status != "pass":
            problems.append(r)
            why = ", ".join(r.checks) or r.reason or ""
            print(f"line {r.line} {r.lot_id or '?'}: {r.status} {why}")
    print(f"lots: {summary.rows}, passed: {summary.by_status['pass']}")
    print(f"premium due {summary.premium_due:.2f} USD, paid {summary.premium_paid:.2f} USD")
    print()
    sys.stdout.write(render(lots_document(summary, problems, translator("fr_BF")), "markdown"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
