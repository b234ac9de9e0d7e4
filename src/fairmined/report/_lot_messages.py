"""Lot findings and invalid-row reasons as sentences in the reader's language.

The lots package gives each finding a code (its check) and its facts as
text (:class:`fairmined.lots.Finding`); this module words them for a
:class:`Translator`: amounts, masses and dates in the locale's form, metals
and fields by their translated names, English included (the checker's own
English sentence, with US numbers and ISO dates, stays in the JSON, CSV and
JSON Lines output, next to the code and its arguments). A value echoed from
the input (a lot or certificate id, a cell) is cut to :data:`ECHO` characters
and an ellipsis: a report shows a line, not a 10,000-character id.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from fairmined.lots import Finding, LotResult
from fairmined.model import SHORT, Metal, Money, shorten
from fairmined.report._i18n import N_, Translator, english
from fairmined.report._premium import describe_figure, metal_name

__all__ = ["ECHO", "FIELD_LABELS", "echo", "finding_text", "lot_reason_text", "reason_text"]

#: The most characters of an input value (an id, a cell) a sentence repeats.
ECHO = SHORT

#: The lots file's columns as a reader names them.
FIELD_LABELS: dict[str, str] = {
    "lot_id": N_("lot id"),
    "sale_date": N_("sale date"),
    "certificate_id": N_("certificate"),
    "metal": N_("metal"),
    "gross_mass": N_("gross mass"),
    "fineness": N_("fineness"),
    "ecological": N_("ecological (true or false)"),
    "reference_price": N_("reference price"),
    "price_paid": N_("price paid"),
    "premium_paid": N_("premium paid"),
    "currency": N_("currency"),
}


class _Rule:
    """The figure a price finding names, shaped as :func:`describe_figure` reads it."""

    def __init__(self, a: Mapping[str, Any]) -> None:
        self.kind = a["rule_kind"]
        self.value = Decimal(a["rule_value"])
        self.currency = a.get("rule_currency") or "USD"


def echo(value: object, *, keep_end: bool = False) -> str:
    """An input value as a sentence repeats it: its first :data:`ECHO` characters and "…"
    when longer (``keep_end``: its last ones, for a file name)."""
    return shorten(str(value), ECHO + 1, keep_end=keep_end)


def _whole(text: str) -> str:
    """A formatted amount, mass or date that a wrapped line keeps on one line."""
    return text.replace(" ", "\u00a0")


def _usd(tr: Translator, text: str) -> str:
    return _whole(tr.money(Money(Decimal(text), "USD")))


def _grams(tr: Translator, text: str) -> str:
    return _whole(tr.grams(Decimal(text)))


def _day(tr: Translator, text: str) -> str:
    return _whole(tr.date(date.fromisoformat(text)))


def _metal(tr: Translator, code: str) -> str:
    try:
        return metal_name(Metal(code), tr)
    except ValueError:
        return code


def _reference(tr: Translator, a: Mapping[str, Any]) -> str:
    """The reference price as the price findings state it, with its date when it has one."""
    price = _usd(tr, a["reference"])
    if a.get("reference_date"):
        session = f" {a['reference_session']}" if a.get("reference_session") else ""
        return tr._(
            "a reference price of {price} per troy ounce on {day}{session}",
            price=price,
            day=_day(tr, a["reference_date"]),
            session=session,
        )
    return tr._("a reference price of {price} per troy ounce", price=price)


def _price_terms(tr: Translator, a: Mapping[str, Any], with_reference: bool) -> dict[str, str]:
    rule = describe_figure(_Rule(a), tr)
    if with_reference:
        rule = tr._("{rule}, with {reference}", rule=rule, reference=_reference(tr, a))
    return {
        "standard": a["standard"],
        "rule": rule,
        "mass": _grams(tr, a["fine_g"]),
        "metal": _metal(tr, a["metal"]),
        "schedule": _day(tr, a["schedule_from"]),
        "paid": _usd(tr, a["paid"]),
        "shortfall": _usd(tr, a["shortfall"]),
    }


def _certificate(tr: Translator, check: str, a: Mapping[str, Any]) -> str | None:
    if check == "certificate_unknown":
        return tr._(
            "Certificate {certificate} is not in {source}.",
            certificate=echo(a["certificate"]),
            source=echo(a["source"], keep_end=True),
        )
    if check == "certificate_not_valid":
        values = {
            "day": _day(tr, a["sale_date"]),
            "certificate": echo(a["certificate"]),
            "start": _day(tr, a["valid_from"]),
        }
        if a.get("valid_to"):
            return tr._(
                "The sale date, {day}, is outside the validity of certificate {certificate} "
                "({start} to {end}).",
                end=_day(tr, a["valid_to"]),
                **values,
            )
        return tr._(
            "The sale date, {day}, is before certificate {certificate} became valid, on {start}.",
            **values,
        )
    if check == "certificate_suspended":
        values = {
            "certificate": echo(a["certificate"]),
            "since": _day(tr, a["since"]),
            "day": _day(tr, a["sale_date"]),
        }
        if a.get("status") == "withdrawn":
            return tr._(
                "Certificate {certificate} has been withdrawn since {since}, on or before the "
                "sale date, {day}.",
                **values,
            )
        return tr._(
            "Certificate {certificate} has been suspended since {since}, on or before the "
            "sale date, {day}.",
            **values,
        )
    return None


def _scope(tr: Translator, check: str, a: Mapping[str, Any]) -> str | None:
    if check == "metal_not_in_scope":
        metals = [_metal(tr, m) for m in a.get("metals") or ()]
        return tr._(
            "Certificate {certificate} does not cover this metal ({metal}); it covers {metals}.",
            certificate=echo(a["certificate"]),
            metal=_metal(tr, a["metal"]),
            metals=tr.join(metals) if metals else "-",
        )
    if check == "ecological_not_in_scope":
        return tr._(
            "The lot is sold as ecological metal ({metal}), but certificate {certificate} "
            "does not cover ecological metal.",
            metal=_metal(tr, a["metal"]),
            certificate=echo(a["certificate"]),
        )
    return None


def _models(tr: Translator, models: Any) -> str:
    return tr.join([tr.quote(echo(m)) for m in models or ()])


def _supply(tr: Translator, check: str, a: Mapping[str, Any]) -> str | None:
    model = tr.quote(echo(a["supply_model"])) if check.startswith("supply_model") else ""
    if check == "supply_model_unknown":
        if not a.get("models"):
            return tr._(
                "{standard} has no supply models, so the supply model {model} does not apply.",
                standard=a["standard"],
                model=model,
            )
        return tr._(
            "{standard} has no supply model {model}; its supply models are {models}.",
            standard=a["standard"],
            model=model,
            models=_models(tr, a["models"]),
        )
    if check == "supply_model_not_in_scope":
        if not a.get("models"):
            return tr._(
                "Certificate {certificate} covers no supply model, so not {model}.",
                certificate=echo(a["certificate"]),
                model=model,
            )
        return tr._(
            "Certificate {certificate} does not cover the supply model {model}; "
            "it covers {models}.",
            certificate=echo(a["certificate"]),
            model=model,
            models=_models(tr, a["models"]),
        )
    if check == "supply_model_untraced":
        return tr._(
            "Metal sold under the supply model {model} must come from declared production, but "
            "no declared production of certificate {certificate} for this metal ({metal}) covers "
            "the sale date, {day}.",
            model=model,
            certificate=echo(a["certificate"]),
            metal=_metal(tr, a["metal"]),
            day=_day(tr, a["sale_date"]),
        )
    return None


def _price(tr: Translator, check: str, a: Mapping[str, Any]) -> str | None:
    if check == "price_below_floor":
        return tr._(
            "The price paid, {paid}, is {shortfall} below the floor price of {floor} under "
            "{standard} ({rule}, for {mass} of fine metal, {metal}; price schedule from "
            "{schedule}).",
            floor=_usd(tr, a["floor"]),
            **_price_terms(tr, a, with_reference=True),
        )
    if check == "premium_underpaid":
        terms = _price_terms(tr, a, a["rule_kind"] == "fraction_of_reference")
        if a.get("ecological") == "true":
            return tr._(
                "The ecological premium paid, {paid}, is {shortfall} below the {due} due under "
                "{standard} ({rule}, for {mass} of fine metal, {metal}; price schedule from "
                "{schedule}).",
                due=_usd(tr, a["due"]),
                **terms,
            )
        return tr._(
            "The premium paid, {paid}, is {shortfall} below the {due} due under {standard} "
            "({rule}, for {mass} of fine metal, {metal}; price schedule from {schedule}).",
            due=_usd(tr, a["due"]),
            **terms,
        )
    return None


def _across(tr: Translator, check: str, a: Mapping[str, Any]) -> str | None:
    if check == "duplicate_lot":
        if "first_line" in a:
            return tr._(
                "Lot {lot} already appears on line {line}.",
                lot=echo(a["lot_id"]),
                line=a["first_line"],
            )
        return tr._(
            "Lot {lot} is already in the ledger with other content (delivery {delivery}, "
            "line {line}).",
            lot=echo(a["lot_id"]),
            delivery=a["delivery"],
            line=a["ledger_line"],
        )
    if check == "mass_balance_exceeded":
        return tr._(
            "With this lot, the certified metal ({metal}) sold under certificate {certificate} "
            "from {start} to {end} reaches {total} of fine metal (in order of sale date): "
            "{excess} more than the {declared} declared as produced (line {line} of the "
            "production file).",
            metal=_metal(tr, a["metal"]),
            certificate=echo(a["certificate"]),
            start=_day(tr, a["period_start"]),
            end=_day(tr, a["period_end"]),
            total=_grams(tr, a["total_g"]),
            excess=_grams(tr, a["excess_g"]),
            declared=_grams(tr, a["declared_g"]),
            line=a["production_line"],
        )
    return None


def finding_text(f: Finding, tr: Translator) -> str:
    """One finding as a sentence in ``tr``'s language, numbers and dates by babel.

    A finding without the arguments its sentence needs (one built by hand,
    say) keeps the English message, marked ``[en]`` outside English.
    """
    for word in (_certificate, _scope, _supply, _price, _across):
        try:
            text = word(tr, f.check, f.args)
        except (KeyError, TypeError, ValueError, ArithmeticError):
            text = None
        if text is not None:
            return text
    return english(tr, f.message)


def reason_text(r: LotResult, tr: Translator) -> str:
    """Why a row is invalid, in ``tr``'s language (without a code: the reader's message)."""
    if r.reason_code is None:
        return english(tr, r.reason or "")
    if r.reason_code == "fields_invalid":
        cells = []
        for field, value in zip(
            r.reason_args.get("fields", ()), r.reason_args.get("values", ()), strict=False
        ):
            label = tr._(FIELD_LABELS[field]) if field in FIELD_LABELS else field
            if str(value).strip():
                cells.append(tr._("{field} “{value}”", field=label, value=echo(value)))
            else:
                cells.append(tr._("{field} (empty)", field=label))
        return tr._("These cells cannot be read: {cells}.", cells=tr.join(cells))
    if r.reason_code == "not_priced":
        return tr._(
            "The lot cannot be priced: no reference price or price schedule applies to its "
            "sale date."
        )
    return tr._("The row cannot be read: it is not one record with the file's columns.")


#: :func:`reason_text` as the package exports it (``fairmined.report.lot_reason_text``).
lot_reason_text = reason_text
