"""A buyer's check: were these lots bought from valid certificates, at the right prices?

Run from the repository root:  python examples/buyer_verify.py [LOCALE]
Verifies the example lots file against the certificates and production
files, prints each lot that needs attention with why, the premium totals,
and the summary as Markdown, in LOCALE (default fr_BF: French, for a
supplier in Burkina Faso; en, es_CO, pt_BR... work too).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fairmined.lots import LotSummary, verify_lots
from fairmined.model import Money
from fairmined.report import (
    LANGUAGES,
    finding_text,
    lot_reason_text,
    lots_document,
    render,
    translator,
)

LOTS = Path(__file__).resolve().parent / "lots"
USAGE = "usage: python examples/buyer_verify.py [LOCALE]"


def main(argv: list[str]) -> int:
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"]):
        print(USAGE, file=sys.stderr)
        return 2
    locale = argv[0] if argv else "fr_BF"
    if locale.split("_")[0] not in LANGUAGES:
        print(f"error: {locale}: not one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    tr = translator(locale)
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
            why = (
                [lot_reason_text(r, tr)] if r.reason else [finding_text(f, tr) for f in r.findings]
            )
            if r.lot_id:
                line = tr._(
                    "Line {line}, lot {lot}: {status}", line=r.line, lot=r.lot_id, status=""
                )
            else:  # an unreadable row has no lot id: its line names it
                line = tr._("Line {line}: {status}", line=r.line, status="")
            print(line + " ".join(why))
    due, paid = (Money(x, "USD").rounded() for x in (summary.premium_due, summary.premium_paid))
    print(tr._("{check}: {text}", check=tr._("Lots checked"), text=tr.number(summary.rows)))
    print(tr._("Premium due {due}, paid {paid}.", due=tr.money(due), paid=tr.money(paid)))
    print()
    sys.stdout.write(render(lots_document(summary, problems, tr), "markdown"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
