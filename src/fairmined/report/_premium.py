"""Rendering a premium quote: a readable table, or a JSON object."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs
from babel import Locale

from fairmined.model import Fineness, Metal, Money
from fairmined.pricing import Notice, Quote
from fairmined.report._document import (
    Block,
    Document,
    Facts,
    Para,
    Section,
    Table,
)
from fairmined.report._documents import DOCUMENTS
from fairmined.report._format import money_json, plain, terminal_safe
from fairmined.report._formats import check_format, render_as
from fairmined.report._i18n import EN_MARK, N_, Translator, translator
from fairmined.report._notices import notice_json
from fairmined.report._wrap import fit_table, text_width, wrap_line

__all__ = [
    "describe_figure",
    "metal_name",
    "notice_text",
    "quote_document",
    "quote_json",
    "quote_table",
    "quote_view",
    "render_quote",
]

_METALS = {
    Metal.GOLD: N_("gold"),
    Metal.SILVER: N_("silver"),
    Metal.PLATINUM: N_("platinum"),
}


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
            "provenance": None if fig.provenance is None else fig.provenance.to_json(),
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
        "format": DOCUMENTS["quote"],
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
        "schedule_effective_to": (
            q.schedule.effective_to.isoformat() if q.schedule.effective_to else None
        ),
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
        "notices": [notice_json(n) for n in q.notices],
    }


def metal_name(metal: Metal, tr: Translator) -> str:
    return tr._(_METALS[metal])


def describe_figure(fig: Any, tr: Translator) -> str:
    """A pricing figure in words (``10% of the reference price``), in ``tr``'s language."""
    if fig.kind == "fraction_of_reference":
        return tr._("{percent} of the reference price", percent=tr.percent(fig.value))
    return tr._(
        "{amount} per kg of fine metal", amount=tr.money(Money(fig.value, fig.currency or "USD"))
    )


def fineness_text(f: Fineness, tr: Translator) -> str:
    """A fineness as written (``18k``, ``995‰``), a plain fraction in the locale's digits."""
    if f.form == "fraction":
        return tr.number_as_written(f.numerator)
    return str(f)


def source_note(text: str | None, tr: Translator) -> str:
    """A pricing figure's note or source, from the language's translation file
    (``standards/i18n/pricing/<lang>.toml``); English text marked ``[en]`` where missing."""
    if not text:
        return ""
    if tr.language == "en":
        return text
    return pricing_texts(tr.language).get(text) or EN_MARK + text


@cache
def pricing_texts(lang: str) -> Mapping[str, str]:
    """``{English note or source: translation}`` for ``lang`` (empty without a file)."""
    path = resources.files("fairmined") / "_standards" / "i18n" / "pricing" / f"{lang}.toml"
    if not path.is_file():
        return {}
    texts = tomllib.loads(path.read_text(encoding="utf-8")).get("texts", {})
    return {str(k): str(v) for k, v in texts.items()}


def notice_text(n: Notice, tr: Translator) -> str:
    """One warning of a quote as a sentence in ``tr``'s language, English included: dates,
    money and figures formatted for the locale (the pricing layer's own English sentence,
    with ISO dates, stays in the JSON's ``text`` next to the code and its facts).
    """
    a: Mapping[str, Any] = n.args
    if n.code == "unverified_figure":
        fig = describe_figure(a["figure"], tr)
        metal = metal_name(a["metal"], tr)
        if a["label"] == "floor":
            text = tr._(
                "Unverified figure: the {metal} floor price ({figure}) under {standard}.",
                metal=metal,
                figure=fig,
                standard=a["standard"],
            )
        elif a["label"] == "ecological_premium":
            text = tr._(
                "Unverified figure: the {metal} ecological premium ({figure}) under {standard}.",
                metal=metal,
                figure=fig,
                standard=a["standard"],
            )
        else:
            text = tr._(
                "Unverified figure: the {metal} premium ({figure}) under {standard}.",
                metal=metal,
                figure=fig,
                standard=a["standard"],
            )
        note = source_note(a.get("note"), tr)
        return f"{text} {note}".strip()
    if n.code == "price_fallback":
        session = f" {a['session']}" if a.get("session") else ""
        return tr.n_(
            "No {metal} price on {day} in {source}; used the price of {used_on}{session}, "
            "{n} day earlier.",
            "No {metal} price on {day} in {source}; used the price of {used_on}{session}, "
            "{n} days earlier.",
            int(a["days"]),
            metal=metal_name(a["metal"], tr),
            day=tr.date(a["day"]),
            source=a["source"],
            used_on=tr.date(a["used_on"]),
            session=session,
        )
    if n.code == "out_of_force":
        later = ", ".join(a["later"]) or tr._("a later standard")
        return tr._(
            "{standard} was in force until {until}; sales on {day} fall under {later}.",
            standard=a["standard"],
            until=tr.date(a["until"]),
            day=tr.date(a["day"]),
            later=later,
        )
    if n.code == "not_yet_in_force":
        return tr._(
            "{standard} came into force on {since}, after the sale date {day}; the figures "
            "are those of its schedule for that date.",
            standard=a["standard"],
            since=tr.date(a["since"]),
            day=tr.date(a["day"]),
        )
    if n.code == "paid_below_floor":
        return tr._(
            "The price paid ({paid}) is below the floor price ({floor}) by {shortfall}.",
            paid=tr.money(a["paid"]),
            floor=tr.money(a["floor"]),
            shortfall=tr.money(a["shortfall"]),
        )
    if n.code == "ecological_below_conventional":
        return tr._(
            "At this reference price the ecological premium ({ecological}) is below the "
            "conventional one ({conventional}).",
            ecological=describe_figure(a["ecological"], tr),
            conventional=describe_figure(a["conventional"], tr),
        )
    return n.text


@attrs.frozen
class QuoteView:
    """A quote laid out for people: heading lines, facts, money rows and notes."""

    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]
    #: label, amount in USD, amount in the local currency (or ""), how it is computed
    rows: tuple[tuple[str, str, str, str], ...]
    headers: tuple[str, str, str, str]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]


def quote_view(q: Quote, tr: Translator) -> QuoteView:
    """Everything a person reads about a quote, translated and formatted for ``tr``."""
    kind = tr._("ecological") if q.ecological else tr._("conventional")
    ref = q.reference
    if ref.source == "given":
        ref_from = tr._("given")
    else:
        ref_from = f"{ref.source}, {tr.date(ref.on)}{' ' + ref.session if ref.session else ''}"
    title = tr._(
        "Premium quote under {standard} (version {version})",
        standard=q.standard_id,
        version=q.standard_version,
    )
    subtitle = tr._(
        "{metal}, {kind}, sale date {date}",
        metal=metal_name(q.metal, tr),
        kind=kind,
        date=tr.date(q.sale_date),
    )
    gross = tr._(
        "{mass} {unit} at fineness {fineness}",
        mass=tr.number_as_written(q.gross_mass.value),
        unit=q.gross_mass.unit,
        fineness=fineness_text(q.fineness, tr),
    )
    facts = (
        (tr._("Gross mass"), gross),
        (
            tr._("Fine mass"),
            f"{tr.number(q.fine_mass_g, 3)} g ({tr.number(q.fine_mass_ozt, 3)} ozt)",
        ),
        (
            tr._("Reference price"),
            tr._(
                "{price} per troy ounce ({source})",
                price=tr.money(ref.per_troy_ounce),
                source=ref_from,
            ),
        ),
    )

    def local(m: Money | None) -> str:
        return tr.money(m) if m is not None else ""

    rows: list[tuple[str, str, str, str]] = [
        (
            tr._("Floor price"),
            tr.money(q.floor_price),
            local(q.local.floor_price if q.local else None),
            describe_figure(q.floor_rule, tr),
        )
    ]
    if q.paid is not None:
        rows.append((tr._("Price paid"), tr.money(q.paid), "", ""))
    if q.shortfall is not None:
        rows.append((tr._("Shortfall"), tr.money(q.shortfall), "", tr._("paid below the floor")))
    rows += [
        (
            tr._("Price"),
            tr.money(q.price),
            local(q.local.price if q.local else None),
            tr._("price paid") if q.paid is not None and q.shortfall is None else tr._("the floor"),
        ),
        (
            tr._("Ecological premium") if q.ecological else tr._("Premium"),
            tr.money(q.premium),
            local(q.local.premium if q.local else None),
            describe_figure(q.premium_rule, tr),
        ),
        (
            tr._("Total"),
            tr.money(q.total),
            local(q.local.total if q.local else None),
            tr._("price + premium"),
        ),
    ]
    notes: list[str] = []
    if q.local is not None:
        notes.append(
            tr._(
                "Local amounts at {rate} {currency} per USD, each rounded once; "
                "the local total is the sum of the local parts.",
                rate=tr.number(q.local.rate),
                currency=q.local.currency,
            )
        )
    source = tr._("Premium source: {source}", source=source_note(q.premium_rule.source, tr))
    if not q.premium_rule.verified:
        source += " " + tr._("(UNVERIFIED)")
    notes.append(source)
    headers = (
        tr._("Amount"),
        "USD",
        q.local.currency if q.local is not None else "",
        tr._("How it is computed"),
    )
    return QuoteView(
        title=title,
        subtitle=subtitle,
        facts=facts,
        rows=tuple(rows),
        headers=headers,
        notes=tuple(notes),
        warnings=tuple(notice_text(n, tr) for n in q.notices),
    )


def quote_table(q: Quote, locale: Locale | Translator, width: int | None = None) -> str:
    """The quote as an aligned plain-text table, in the locale's language and formats,
    ``width`` columns wide (default: the terminal's, or 80)."""
    tr = locale if isinstance(locale, Translator) else translator(locale)
    width = text_width() if width is None else width
    v = quote_view(q, tr)
    label_w = max(len(lab) for lab in [*(f[0] for f in v.facts), *(r[0] for r in v.rows)])
    lines = [*wrap_line(v.title, width), *wrap_line(v.subtitle, width), ""]
    for lab, val in v.facts:
        lines += wrap_line(val, width, f"{lab:<{label_w}}  ")
    lines.append("")
    rows = [
        (f"{lab:<{label_w}}", usd, *((loc,) if q.local is not None else ()), note)
        for lab, usd, loc, note in v.rows
    ]
    numeric = (1, 2) if q.local is not None else (1,)
    lines += fit_table(rows, numeric, width, header=False)
    for note in v.notes:
        lines += ["", *wrap_line(note, width)]
    return "\n".join(lines) + "\n"


def quote_document(q: Quote, tr: Translator) -> Document:
    """The quote as a :class:`Document`, for Markdown and HTML."""
    v = quote_view(q, tr)
    numeric = (1, 2) if q.local is not None else (1,)
    headers = v.headers if q.local is not None else (v.headers[0], v.headers[1], v.headers[3])
    rows = [r if q.local is not None else (r[0], r[1], r[3]) for r in v.rows]
    lead: list[Block] = [Para(v.subtitle), Facts(v.facts)]
    lead += [Para(w, "warning") for w in v.warnings]
    return Document(
        lang=tr.tag,
        title=v.title,
        lead=lead,
        sections=[
            Section(
                tr._("Amounts"),
                [Table(headers, rows, numeric), *(Para(n, "note") for n in v.notes)],
            )
        ],
    )


def render_quote(q: Quote, fmt: str, locale: Locale | Translator | None = None) -> str:
    """The quote as ``text``, ``markdown``, ``html`` or ``json``."""
    if not isinstance(q, Quote):
        raise TypeError(f"q must be a Quote, not {type(q).__name__}")
    f = check_format(fmt, "quote")
    if f.data is not None:
        return f.data(quote_json(q))
    tr = locale if isinstance(locale, Translator) else translator(locale)
    if fmt == "text":
        return terminal_safe(quote_table(q, tr))
    return render_as(f, document=lambda: quote_document(q, tr))
