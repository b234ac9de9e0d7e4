"""The list of shipped standards, for people and for machines."""

from __future__ import annotations

from typing import Any

from fairmined.report._i18n import N_, Translator
from fairmined.report._premium import describe_figure, metal_name
from fairmined.standards import Figure, list_standards, load_standard

__all__ = ["standards_json", "standards_text"]

_FIGURES = {
    "floor": N_("{metal} floor price from {date}: {figure}"),
    "premium": N_("{metal} premium from {date}: {figure}"),
    "ecological_premium": N_("{metal} ecological premium from {date}: {figure}"),
}


def standards_json() -> list[dict[str, Any]]:
    """One object per shipped standard: id, name, version, publisher, dates, unverified figures."""
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
                "unverified_figures": std.unverified_figures(),
            }
        )
    return rows


def standards_text(tr: Translator) -> str:
    """The shipped standards with version, publisher, dates in force and unverified figures."""
    out = []
    for sid in list_standards():
        std = load_standard(sid)
        info = std.info
        until = tr.date(info.in_force_to) if info.in_force_to else tr._("today")
        lines = [
            tr._("version {version}, {publisher}", version=info.version, publisher=info.publisher),
            tr._("in force from {start} to {end}", start=tr.date(info.in_force_from), end=until),
        ]
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
            lines.append(tr._("unverified figures: {figures}", figures="; ".join(unverified)))
        out.append(info.id + "\n  " + info.name + "\n" + "".join(f"  {x}\n" for x in lines))
    return "".join(out)
