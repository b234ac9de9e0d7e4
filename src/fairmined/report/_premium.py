"""Rendering a premium quote: a readable table, or a JSON object."""

from __future__ import annotations

from typing import Any

from babel import Locale

from fairmined.model import Money
from fairmined.pricing import Quote
from fairmined.report._format import fmt_decimal, fmt_money, money_json, plain

__all__ = ["quote_json", "quote_table"]


def quote_json(q: Quote) -> dict[str, Any]:
    """The quote as a JSON-ready object (the keys the CLI contract names, and more)."""
    def rule(fig: Any) -> dict[str, Any]:
        return {
            "kind": fig.kind,
            "value": format(fig.value, "f"),
            "currency": fig.currency,
            "description": fig.describe(),
            "source": fig.source,
            "verified": fig.verified,
            "note": fig.note,
        }

    local = None
    if q.local is not None:
        local = {
            "currency": q.local.currency,
            "rate": format(q.local.rate, "f"),
            "floor_price": money_json(q.local.floor_price),
            "price": money_json(q.local.price),
            "premium": money_json(q.local.premium),
            "total": money_json(q.local.total),
        }
    return {
        "standard": q.standard_id,
        "standard_version": q.standard_version,
        "metal": q.metal.value,
        "ecological": q.ecological,
        "sale_date": q.sale_date.isoformat(),
        "gross_mass": str(q.gross_mass),
        "fineness": str(q.fineness),
        "fine_mass_g": plain(q.fine_mass_g),
        "reference_price": money_json(q.reference.per_troy_ounce),
        "reference_price_unit": "troy_ounce",
        "reference_price_date": q.reference.on.isoformat(),
        "reference_price_session": q.reference.session or None,
        "reference_price_source": q.reference.source,
        "schedule_effective_from": q.schedule.effective_from.isoformat(),
        "schedule_effective_to": (q.schedule.effective_to.isoformat()
                                  if q.schedule.effective_to else None),
        "floor_price": money_json(q.floor_price),
        "floor_rule": rule(q.floor_rule),
        "paid": money_json(q.paid),
        "shortfall": money_json(q.shortfall),
        "price": money_json(q.price),
        "premium": money_json(q.premium),
        "premium_rule": rule(q.premium_rule),
        "total": money_json(q.total),
        "rounding": "each amount rounded once to the currency's minor unit, ROUND_HALF_UP; "
                    "total = price + premium",
        "local": local,
        "warnings": list(q.warnings),
    }


def quote_table(q: Quote, locale: Locale) -> str:
    """The quote as an aligned plain-text table, amounts formatted for ``locale``."""
    kind = "ecological" if q.ecological else "conventional"
    ref = q.reference
    ref_from = "given" if ref.source == "given" else (
        f"{ref.source}, {ref.on.isoformat()}{' ' + ref.session if ref.session else ''}")
    head = [
        f"Premium quote under {q.standard_id} (version {q.standard_version})",
        f"{q.metal.value}, {kind}, sale date {q.sale_date.isoformat()}",
        "",
    ]
    facts = [
        ("Gross mass", f"{q.gross_mass} at fineness {q.fineness}"),
        ("Fine mass", f"{fmt_decimal(q.fine_mass_g, locale, places=3)} g "
                      f"({fmt_decimal(q.fine_mass_ozt, locale, places=3)} ozt)"),
        ("Reference price", f"{fmt_money(ref.per_troy_ounce, locale)} per troy ounce "
                            f"({ref_from})"),
    ]
    money_rows: list[tuple[str, Money, Money | None, str]] = [
        ("Floor price", q.floor_price, q.local.floor_price if q.local else None,
         q.floor_rule.describe()),
    ]
    if q.paid is not None:
        money_rows.append(("Price paid", q.paid, None, ""))
    if q.shortfall is not None:
        money_rows.append(("Shortfall", q.shortfall, None, "paid below the floor"))
    money_rows += [
        ("Price", q.price, q.local.price if q.local else None,
         "price paid" if q.paid is not None and q.shortfall is None else "the floor"),
        ("Ecological premium" if q.ecological else "Premium", q.premium,
         q.local.premium if q.local else None, q.premium_rule.describe()),
        ("Total", q.total, q.local.total if q.local else None, "price + premium"),
    ]
    label_w = max(len(lab) for lab in [*(f[0] for f in facts), *(r[0] for r in money_rows)])
    usd = [fmt_money(r[1], locale) for r in money_rows]
    loc = [fmt_money(r[2], locale) if r[2] is not None else "" for r in money_rows]
    usd_w, loc_w = max(map(len, usd)), max(map(len, loc))
    lines = head + [f"{lab:<{label_w}}  {val}" for lab, val in facts] + [""]
    for (lab, _, _, note), u, lo in zip(money_rows, usd, loc, strict=True):
        cells = f"{lab:<{label_w}}  {u:>{usd_w}}"
        if q.local is not None:
            cells += f"  {lo:>{loc_w}}"
        lines.append(f"{cells}  {note}".rstrip())
    if q.local is not None:
        lines.append("")
        lines.append(f"Local amounts at {plain(q.local.rate)} {q.local.currency} per USD, "
                     "each rounded once; the local total is the sum of the local parts.")
    lines.append("")
    lines.append(f"Premium source: {q.premium_rule.source}"
                 + ("" if q.premium_rule.verified else " (UNVERIFIED)"))
    return "\n".join(lines) + "\n"
