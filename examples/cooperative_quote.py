"""A cooperative's question: what must this sale of gold pay, in our currency and language?

Run from the repository root:  python examples/cooperative_quote.py [--locale L] [OUTPUT_DIR]
Prints the quote in Spanish (Colombia) with amounts in pesos, or in the
language of L (en, fr_BF, pt_BR...). With OUTPUT_DIR, also writes the same
quote as a standalone HTML page there (OUTPUT_DIR/cotizacion.html); without
it, nothing is written.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fairmined import PriceTable, quote
from fairmined.report import LANGUAGES, render_quote, translator

ROOT = Path(__file__).resolve().parents[1]
USAGE = "usage: python examples/cooperative_quote.py [--locale L] [OUTPUT_DIR]"


def main(argv: list[str]) -> int:
    locale = "es_CO"
    if argv[:1] == ["--locale"] and len(argv) > 1:
        locale, argv = argv[1], argv[2:]
    if len(argv) > 1 or argv[:1] in (["-h"], ["--help"], ["--locale"]):
        print(USAGE, file=sys.stderr)
        return 2
    if locale.split("_")[0] not in LANGUAGES:
        print(f"error: {locale}: not one of {', '.join(LANGUAGES)}", file=sys.stderr)
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
    tr = translator(locale)
    sys.stdout.write(render_quote(q, "text", tr))
    if out is not None:
        page = out / "cotizacion.html"
        try:
            out.mkdir(parents=True, exist_ok=True)
            page.write_text(render_quote(q, "html", tr), encoding="utf-8")
        except OSError as e:
            print(f"error: {e.filename or page}: {e.strerror or e}", file=sys.stderr)
            return 2
        print(page)  # where the page was written
    print(tr._("{check}: {text}", check=tr._("Total"), text=tr.money(q.total)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
