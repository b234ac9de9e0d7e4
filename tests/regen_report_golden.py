"""Regenerate the golden Markdown and HTML reports, one example audit per locale.

Run from the repository root after an intended change, then review the diff:

    python tests/regen_report_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "report"
RECORD = "examples/audits/fairmined-2.0-child-labour-mercury.json"
LOCALES = ("en", "es_CO", "fr_BF", "pt_BR")
FORMATS = {"markdown": "md", "html": "html"}
QUOTE_ARGS = dict(
    standard="fairmined-2.0",
    metal="gold",
    mass="1.250kg",
    fineness="0.995",
    reference_price="2214.35",
    paid="80000",
    currency={"en": "USD", "es_CO": "COP", "fr_BF": "XOF", "pt_BR": "BRL"},
    rate={"en": "1", "es_CO": "3900", "fr_BF": "600", "pt_BR": "5.05"},
)


def expected() -> dict[Path, str]:
    """Every golden file's path and the text the code renders now."""
    from datetime import date

    from fairmined.audit import evaluate
    from fairmined.pricing import quote
    from fairmined.records import load_record
    from fairmined.report import render_audit, render_quote, translator
    from fairmined.standards import load_standard

    record = load_record(ROOT / RECORD)
    # the file name in the record's provenance must not depend on where tests run
    ev = evaluate(load_standard("fairmined-2.0"), record)
    out: dict[Path, str] = {}
    for loc in LOCALES:
        tr = translator(loc)
        q = quote(
            QUOTE_ARGS["standard"],
            QUOTE_ARGS["metal"],
            QUOTE_ARGS["mass"],
            QUOTE_ARGS["fineness"],
            reference_price=QUOTE_ARGS["reference_price"],
            sale_date=date(2024, 3, 28),
            paid=QUOTE_ARGS["paid"],
            currency=QUOTE_ARGS["currency"][loc],  # type: ignore[index]
            rate=QUOTE_ARGS["rate"][loc],  # type: ignore[index]
        )
        for fmt, ext in FORMATS.items():
            out[GOLDEN / f"audit.{loc}.{ext}"] = render_audit([ev], fmt, tr)
            out[GOLDEN / f"quote.{loc}.{ext}"] = render_quote(q, fmt, tr)
    return out


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path, text in expected().items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
