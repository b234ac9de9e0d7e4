"""The comparison of two audits (``fairmined audit PREVIOUS CURRENT --diff``) for people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from fairmined.audit import ActionStatus, AuditDiff, diff_to_json
from fairmined.report._audit import (
    DECISION_LABELS,
    FOLLOW_UP_LABELS,
    STATUS_LABELS,
    requirement_text,
    type_label,
)
from fairmined.report._document import Document, Facts, Item, Items, Section
from fairmined.report._documents import versioned
from fairmined.report._explain import follow_up_sentence
from fairmined.report._formats import check_format, render_as
from fairmined.report._i18n import N_, Translator, english, translator

__all__ = ["diff_document", "render_audit_diff"]

_CHANGE_TITLES = {
    "resolved": N_("Resolved since the previous audit"),
    "new": N_("New at this audit"),
    "persists": N_("Still open from the previous audit"),
}
_ACTION_LABELS = {**FOLLOW_UP_LABELS, "not_recorded": N_("not reported, still open")}


def _status(tr: Translator, status: str) -> str:
    label = STATUS_LABELS.get(status)
    return tr._(label) if label else status


def _title(d: AuditDiff, rid: str, title: str, tr: Translator) -> str:
    """The requirement's title in ``tr``'s language (the standard's translation file)."""
    req = next((r.requirement for r in d.current.results if r.id == rid), None)
    if req is None:
        return english(tr, title)
    return requirement_text(d.current.standard.id, req, tr).title


def _action_text(d: AuditDiff, a: ActionStatus, tr: Translator) -> str:
    """A late or unclosed corrective action in words, from its state and dates."""
    cur = d.current
    follow = next((f for f in cur.follow_ups if f.requirement.id == a.id), None)
    if a.state != "not_recorded" and follow is not None:
        kind = type_label(cur.standard, follow.requirement.type, tr)
        return follow_up_sentence(tr, follow, kind)
    now = next((r.status for r in cur.results if r.id == a.id), None)
    if a.state != "not_recorded" or now is None:
        return english(tr, a.explanation)
    if a.deadline is None:
        return tr._(
            "Set at the previous audit; the current record does not report on it and the "
            "requirement is still {status}.",
            status=_status(tr, now),
        )
    return tr._(
        "Set at the previous audit, due {due}; the current record does not report on it and "
        "the requirement is still {status}.",
        due=tr.date(date.fromisoformat(a.deadline)),
        status=_status(tr, now),
    )


def diff_document(d: AuditDiff, tr: Translator) -> Document:
    """One comparison as a :class:`Document` in ``tr``'s language."""
    prev, cur = d.previous, d.current
    org = cur.record.facts.get("organisation")
    name = str(org.get("name") if isinstance(org, dict) else "") or tr._("(unnamed organisation)")
    rows = [
        (tr._("Organisation"), name),
        (tr._("Standard"), cur.standard.id),
        (
            tr._("Previous audit"),
            f"{tr.date(prev.record.audit_date)}{tr.colon} {tr._(DECISION_LABELS[prev.decision])}",
        ),
        (
            tr._("Current audit"),
            f"{tr.date(cur.record.audit_date)}{tr.colon} {tr._(DECISION_LABELS[cur.decision])}",
        ),
    ]
    sections = []
    for kind, title in _CHANGE_TITLES.items():
        items = [
            Item(
                f"{c.id} {_title(d, c.id, c.title, tr)}",
                [f"{_status(tr, c.before)} → {_status(tr, c.after)}"],
                "pass" if kind == "resolved" else "fail",
            )
            for c in d.of(kind)  # type: ignore[arg-type]
        ]
        sections.append(Section(tr._(title), [Items(items, tr._("None."))]))
    actions = [
        Item(f"{a.id} ({tr._(_ACTION_LABELS[a.state])})", [_action_text(d, a, tr)], "fail")
        for a in d.actions
    ]
    sections.append(
        Section(
            tr._("Corrective actions closed late or not at all"), [Items(actions, tr._("None."))]
        )
    )
    return Document(
        lang=tr.tag,
        title=tr._("Audit comparison: {organisation}", organisation=name),
        lead=[Facts(rows)],
        sections=sections,
        footer=[],
    )


def audit_diff_json(d: AuditDiff) -> dict[str, Any]:
    """One comparison as its ``fairmined-audit-diff`` document."""
    return versioned("audit-diff", diff_to_json(d))


def audit_diffs_json(diffs: Sequence[AuditDiff]) -> dict[str, Any]:
    """One comparison's document, or ``{"comparisons": [...]}`` for several standards."""
    if len(diffs) == 1:
        return audit_diff_json(diffs[0])
    return versioned("audit-diffs", {"comparisons": [audit_diff_json(d) for d in diffs]})


def render_audit_diff(diffs: Sequence[AuditDiff], fmt: str, locale: Any = None) -> str:
    """The comparisons as ``text``, ``markdown``, ``html`` or ``json``."""
    f = check_format(fmt, "audit-diff")
    if f.data is not None:
        return f.data(audit_diffs_json(diffs))
    tr = locale if isinstance(locale, Translator) else translator(locale)
    return "\n".join(render_as(f, document=_build(d, tr)) for d in diffs)


def _build(d: AuditDiff, tr: Translator) -> Callable[[], Document]:
    return lambda: diff_document(d, tr)
