"""The list of shipped standards, for people and for machines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fairmined.report._audit import publisher_text
from fairmined.report._document import TEXT_WIDTH, fill_text
from fairmined.report._documents import DOCUMENTS, versioned
from fairmined.report._i18n import N_, Translator
from fairmined.report._premium import describe_figure, metal_name
from fairmined.standards import (
    LEVELS,
    Figure,
    PricingRow,
    Provenance,
    Requirement,
    Standard,
    list_standards,
    load_standard,
)

__all__ = [
    "review_json",
    "review_text",
    "standard_json",
    "standards_json",
    "standards_text",
]

_KINDS = {
    "requirement": N_("requirement"),
    "figure": N_("price figure"),
    "supply_model": N_("supply model"),
    "type": N_("requirement type"),
    "policy": N_("certification policy"),
}
_POLICIES = {
    "certification": N_("certification decision"),
    "corrective_action_periods": N_("corrective action periods"),
    "development": N_("development criteria scoring"),
    "suspension": N_("suspension"),
    "overdue_actions": N_("overdue corrective actions"),
}
_FIGURES = {
    "floor": N_("{metal} floor price from {date}: {figure}"),
    "premium": N_("{metal} premium from {date}: {figure}"),
    "ecological_premium": N_("{metal} ecological premium from {date}: {figure}"),
}


def standards_json() -> dict[str, Any]:
    """The shipped standards, one object each: id, name, version, publisher, dates,
    unverified figures."""
    rows = []
    for sid in list_standards():
        std = load_standard(sid)
        info = std.info
        rows.append(
            {
                "id": info.id,
                "name": info.name,
                "version": info.version,
                "publisher": info.publisher,
                "in_force_from": info.in_force_from.isoformat(),
                "in_force_to": info.in_force_to.isoformat() if info.in_force_to else None,
                "predecessor": info.predecessor,
                "unverified_figures": std.unverified_figures(),
                "fidelity_counts": std.fidelity_counts(),
                "reviewed_by": _reviews_json(std),
            }
        )
    return versioned("standards", {"standards": rows})


def standards_text(tr: Translator) -> str:
    """The shipped standards with version, publisher, dates in force and unverified figures."""
    out = []
    for sid in list_standards():
        std = load_standard(sid)
        info = std.info
        start = tr.date(info.in_force_from)
        if info.in_force_to:
            end = tr.date(info.in_force_to)
            in_force = tr._("in force from {start} to {end}", start=start, end=end)
        else:
            in_force = tr._("in force since {start}", start=start)
        lines = [
            tr._(
                "version {version}, {publisher}",
                version=info.version,
                publisher=publisher_text(std, tr),
            ),
            in_force,
        ]
        if info.predecessor:
            lines.append(tr._("predecessor: {name}", name=info.predecessor))
        unverified = []
        for row in std.pricing:
            for name, message in _FIGURES.items():
                fig: Figure = getattr(row, name)
                if not fig.verified:
                    unverified.append(
                        tr._(
                            message,
                            metal=metal_name(row.metal, tr),
                            date=tr.date(row.effective_from),
                            figure=describe_figure(fig, tr),
                        )
                    )
        if unverified:
            figures = f"{tr.semicolon} ".join(unverified)
            lines.append(tr._("unverified figures: {figures}", figures=figures))
        lines.append(_reviewed_line(std, tr))
        out.append(info.id + "\n" + "".join(_wrapped(x) for x in [info.name, *lines]))
    return "".join(out)


def _wrapped(text: str, indent: str = "  ") -> str:
    """One indented paragraph wrapped to 80 columns, each line ended."""
    lines = fill_text(text, TEXT_WIDTH, indent, indent + "  ")
    return "".join(f"{line}\n" for line in lines)


def _reviews_json(std: Standard) -> list[dict[str, Any]]:
    return [
        {"by": r.by, "on": r.on.isoformat(), "document_version": r.document_version, "note": r.note}
        for r in std.reviewed_by
    ]


def _reviewed_line(std: Standard, tr: Translator) -> str:
    """Who checked the file against an official copy, or that nobody has yet."""
    if not std.reviewed_by:
        return tr._("reviewed by: nobody yet, against an official copy")
    each = [
        tr._(
            "{who} on {date} against version {version}",
            who=r.by,
            date=tr.date(r.on),
            version=r.document_version,
        )
        for r in std.reviewed_by
    ]
    reviews = f"{tr.semicolon} ".join(each)
    return tr._("reviewed by: {reviews}", reviews=reviews)


def _to_check(std: Standard) -> list[tuple[str, str, str, Provenance]]:
    """(kind, id, title, provenance) of everything in the file not yet at level clause."""
    out: list[tuple[str, str, str, Provenance]] = []
    for r in std.requirements:
        if not r.provenance.is_clause:
            out.append(("requirement", r.id, r.title, r.provenance))
    for row in std.pricing:
        for name in ("floor", "premium", "ecological_premium"):
            fig: Figure = getattr(row, name)
            if fig.provenance is not None and not fig.provenance.is_clause:
                label = f"{row.metal.value} {name.replace('_', ' ')}"
                out.append(
                    (
                        "figure",
                        f"{label} from {row.effective_from.isoformat()}",
                        fig.describe(),
                        fig.provenance,
                    )
                )
    for m in std.supply_models:
        if not m.provenance.is_clause:
            out.append(("supply_model", m.id, m.name, m.provenance))
    policy = std.certification
    if policy is not None:
        for name, t in policy.types.items():
            if t.provenance is not None and not t.provenance.is_clause:
                out.append(("type", name, t.label, t.provenance))
        for key, prov in (
            ("certification", policy.provenance),
            ("corrective_action_periods", policy.periods_provenance),
            ("development", policy.development_provenance),
            ("suspension", None if policy.suspension is None else policy.suspension.provenance),
            ("overdue_actions", None if policy.overdue is None else policy.overdue.provenance),
        ):
            if prov is not None and not prov.is_clause:
                out.append(("policy", key, key.replace("_", " "), prov))
    return out


def review_json(std: Standard) -> dict[str, Any]:
    """What a reviewer holding the official text should check, grouped by level."""
    items = _to_check(std)
    return {
        "format": DOCUMENTS["standard-review"],
        "id": std.id,
        "version": std.info.version,
        "fidelity_counts": std.fidelity_counts(),
        "reviewed_by": _reviews_json(std),
        "to_check": {
            level: [
                {"kind": kind, "id": ident, "title": title, "provenance": prov.to_json()}
                for kind, ident, title, prov in items
                if prov.level == level
            ]
            for level in LEVELS
            if level != "clause"
        },
    }


def _item_text(std: Standard, kind: str, ident: str, title: str, tr: Translator) -> str:
    """One item to check, named in ``tr``'s language (ids and figures as the file has them)."""
    from fairmined.report._audit import requirement_text, type_label

    if kind == "requirement":
        req = next(r for r in std.requirements if r.id == ident)
        return f"{ident}{tr.colon} {requirement_text(std.id, req, tr).title}"
    if kind == "figure":
        for row in std.pricing:
            for name, message in _FIGURES.items():
                fig: Figure = getattr(row, name)
                label = f"{row.metal.value} {name.replace('_', ' ')}"
                if f"{label} from {row.effective_from.isoformat()}" == ident:
                    return tr._(
                        message,
                        metal=metal_name(row.metal, tr),
                        date=tr.date(row.effective_from),
                        figure=describe_figure(fig, tr),
                    )
    if kind == "type":
        return type_label(std, ident, tr)
    if kind == "policy" and ident in _POLICIES:
        return tr._(_POLICIES[ident])
    return f"{ident}{tr.colon} {title}"


def review_text(std: Standard, tr: Translator) -> str:
    """The review list for people: weakest level first, each item with where to check it.

    Wrapped to 80 columns; where to check is a citation, in its document's words.
    """
    from fairmined.report._audit import LEVEL_LABELS

    items = _to_check(std)
    title = tr._(
        "{id} (version {version}): what is not yet confirmed clause text",
        id=std.id,
        version=std.info.version,
    )
    out = [_wrapped(title, ""), _wrapped(_reviewed_line(std, tr))]
    for level in reversed(LEVELS[1:]):
        mine = [i for i in items if i[3].level == level]
        out += ["\n", f"{tr._(LEVEL_LABELS[level])} ({len(mine)})\n"]
        for kind, ident, title, prov in mine:
            what = _item_text(std, kind, ident, title, tr)
            out.append(_wrapped(f"{tr._(_KINDS[kind])} {what}"))
            out.append(_wrapped(tr._("check: {where}", where=prov.cite()), "    "))
            if prov.document is not None and prov.document.address:
                address = tr._("found at: {address}", address=prov.document.address)
                out.append(_wrapped(address, "    "))
    return "".join(out)


def standard_json(std: Standard, reqs: Sequence[Requirement]) -> dict[str, Any]:
    """One standard and the requirements shown (``fairmined standards show --json``)."""
    policy = std.certification
    labels = {} if policy is None else {n: t.label for n, t in policy.types.items()}
    return versioned(
        "standard",
        {
            "id": std.id,
            "version": std.info.version,
            "fidelity": std.info.fidelity,
            "fidelity_counts": std.fidelity_counts(),
            "types": _types_json(std),
            "supply_models": [m.to_json() for m in std.supply_models],
            "pricing": [_pricing_json(row) for row in std.pricing],
            "policy": _policy_json(std),
            "requirements": [
                {
                    "id": r.id,
                    "aliases": list(r.aliases),
                    "category": r.category,
                    "type": r.type,
                    "type_label": labels.get(r.type, r.type),
                    "title": r.title,
                    "description": r.description,
                    "due_from_year": r.due_from_year,
                    "scope": r.scope_text,
                    "rule": r.rule_text,
                    "manual": r.manual,
                    "source": r.source,
                    "clause_verified": r.clause_verified,
                    "provenance": r.provenance.to_json(),
                    "note": r.note,
                }
                for r in reqs
            ],
        },
    )


def _types_json(std: Standard) -> dict[str, Any]:
    """The scheme's requirement types and what each one does."""
    policy = std.certification
    if policy is None:
        return {}
    return {
        name: {
            "label": t.label,
            "blocks_certification": t.blocks_certification,
            "corrective_action": t.corrective_action,
            "scored": t.scored,
            "waivable": t.waivable,
            "due": t.due,
            "provenance": None if t.provenance is None else t.provenance.to_json(),
        }
        for name, t in policy.types.items()
    }


def _prov(p: Provenance | None) -> dict[str, Any] | None:
    return None if p is None else p.to_json()


def _pricing_json(row: PricingRow) -> dict[str, Any]:
    """One price row: its dates, its reference and each figure with its provenance."""
    return {
        "metal": row.metal.value,
        "effective_from": row.effective_from.isoformat(),
        "effective_to": None if row.effective_to is None else row.effective_to.isoformat(),
        "reference": row.reference,
        "floor": row.floor.to_json(),
        "premium": row.premium.to_json(),
        "ecological_premium": row.ecological_premium.to_json(),
    }


def _policy_json(std: Standard) -> dict[str, Any] | None:
    """The certification policy's figures, each with whether it was verified and its provenance."""
    policy = std.certification
    if policy is None:
        return None
    susp, overdue = policy.suspension, policy.overdue
    return {
        "source": policy.source,
        "provenance": _prov(policy.provenance),
        "core_failure": policy.core_failure,
        "core_failure_when_certified": policy.core_failure_when_certified,
        "certified_from_year": policy.certified_from_year,
        "corrective_action_periods": {
            "periods": {name: p.text for name, p in policy.corrective_periods.items()},
            "verified": policy.periods_verified,
            "note": policy.periods_note,
            "provenance": _prov(policy.periods_provenance),
        },
        "development": {
            "threshold": format(policy.development_threshold, "f"),
            "scale": list(policy.development_scale),
            "verified": policy.development_verified,
            "note": policy.development_note,
            "provenance": _prov(policy.development_provenance),
        },
        "suspension": None
        if susp is None
        else {
            "max_period": susp.period.text,
            "source": susp.source,
            "verified": susp.verified,
            "note": susp.note,
            "provenance": _prov(susp.provenance),
        },
        "overdue_actions": None
        if overdue is None
        else {
            "consequences": dict(overdue.consequences),
            "source": overdue.source,
            "verified": overdue.verified,
            "note": overdue.note,
            "provenance": _prov(overdue.provenance),
        },
    }
