"""A cooperative's question: what must this sale of gold pay, in our currency and language?

Run from the repository root:  python examples/cooperative_quote.py [OUTPUT_DIR]
Prints the quote in Spanish (Colombia) with amounts in pesos. With OUTPUT_DIR,
also writes the same quote as a standalone HTML page there
(OUTPUT_DIR/cotizacion.html); without it, nothing is written.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fairmined import PriceTable, quote
from fairmined.report import render_quote, translator

ROOT = Path(__file__).resolve().parents[1]
USAGE = "usage: python examples/cooperative_quote.py [OUTPUT_DIR]"


def main(argv: list[str]) -> int:
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"]):
        print(USAGE, file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else None
    if out is not None and out.exists() and not out.is_dir():
        print(f"error: {out}: not a folder", file=sys.stderr)
        return 2
    prices = PriceTable.from_csv(ROOT / "examples" / "prices-illustrative.csv")
    q = quote(
        "fairmined-2.0",
        "gold",
        "1.250kg",
        "0.995",
        prices=prices,
        sale_date=date(2024, 3, 28),
        paid="85000",
        currency="COP",
        rate="3900",
    )
    tr = translator("es_CO")
    sys.stdout.write(render_quote(q, "text", tr))
    if out is not None:
        page = out / "cotizacion.html"
        try:
            out.mkdir(parents=True, exist_ok=True)
            page.write_text(render_quote(q, "html", tr), encoding="utf-8")
        except OSError as e:
            print(f"error: {e.filename or page}: {e.strerror or e}", file=sys.stderr)
            return 2
        print(f"HTML: {page}")
    print(f"Total: {tr.money(q.total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
