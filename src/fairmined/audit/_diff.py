"""Comparing two audits of one organisation against one standard (``audit --diff``).

Per requirement, what the current audit resolved, what is new and what
persists; and which corrective actions were closed late or not at all. A
requirement is *open* when it failed or could not be assessed.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from fairmined.audit._evaluate import Evaluation, Result
from fairmined.audit._followup import FollowUp
from fairmined.model import document_of, repr_line, repr_of

__all__ = ["CHANGES", "ActionStatus", "AuditDiff", "Change", "diff", "diff_to_json"]

Kind = Literal["resolved", "new", "persists"]
CHANGES: tuple[Kind, ...] = ("resolved", "new", "persists")
_OPEN = ("fail", "not_assessed")


@attrs.frozen
class Change:
    """One requirement whose open/closed state matters between the two audits."""

    __repr__ = repr_of("id", "kind", "before", "after", "title")

    id: str
    kind: Kind
    before: str
    after: str
    title: str


@attrs.frozen
class ActionStatus:
    """A corrective action from the previous audit that was closed late or not at all."""

    __repr__ = repr_of("id", "state", "deadline")

    id: str
    state: Literal["closed_late", "overdue", "open_not_due", "not_recorded"]
    deadline: str | None
    explanation: str


@attrs.frozen
class AuditDiff:
    """Two evaluations of one organisation against one standard, compared."""

    previous: Evaluation
    current: Evaluation
    changes: tuple[Change, ...]
    actions: tuple[ActionStatus, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-audit-diff/1`` document (``audit --diff --json``)."""
        return document_of(self)

    def __repr__(self) -> str:
        counts = {k: len(self.of(k)) for k in CHANGES}
        return repr_line(
            "AuditDiff",
            standard=self.current.standard.id,
            previous=self.previous.record.audit_date,
            current=self.current.record.audit_date,
            **counts,
        )

    def of(self, kind: Kind) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)


def _kind(before: Result | None, after: Result) -> Kind | None:
    was = before is not None and before.status in _OPEN
    now = after.status in _OPEN
    if was and now:
        return "persists"
    if was:
        return "resolved"
    if now:
        return "new"
    return None


def _from_follow_up(f: FollowUp) -> ActionStatus | None:
    if f.state == "closed_in_time":
        return None
    return ActionStatus(f.requirement.id, f.state, f.action.deadline.isoformat(), f.explanation)


def _actions(previous: Evaluation, current: Evaluation) -> tuple[ActionStatus, ...]:
    """Late or unclosed actions: as the current record reports them, then the unreported.

    An action the previous evaluation set, that the current record does not
    report on, whose deadline has passed and whose requirement is still open
    now, was not closed: it is listed as ``not_recorded``.
    """
    out = [s for f in current.follow_ups if (s := _from_follow_up(f)) is not None]
    reported = {f.requirement.id for f in current.follow_ups}
    now = {r.id: r for r in current.results}
    day = current.record.audit_date
    for a in previous.corrective_actions:
        rid = a.requirement.id
        after = now.get(rid)
        if rid in reported or after is None or after.status not in _OPEN:
            continue
        if a.deadline is not None and a.deadline >= day:
            continue
        when = a.deadline.isoformat() if a.deadline else None
        out.append(
            ActionStatus(
                rid,
                "not_recorded",
                when,
                f"set at the previous audit{f' (due {when})' if when else ''}; the current "
                f"record does not report it and the requirement is still {after.status}",
            )
        )
    return tuple(out)


def diff(previous: Evaluation, current: Evaluation) -> AuditDiff:
    """Compare two evaluations against the same standard, previous first."""
    if previous.standard.id != current.standard.id:
        raise ValueError("both evaluations must be against the same standard")
    before = {r.id: r for r in previous.results}
    changes = []
    for r in current.results:
        kind = _kind(before.get(r.id), r)
        if kind is None:
            continue
        was = before.get(r.id)
        changes.append(
            Change(r.id, kind, was.status if was else "absent", r.status, r.requirement.title)
        )
    return AuditDiff(previous, current, tuple(changes), _actions(previous, current))


def _side(ev: Evaluation) -> dict[str, Any]:
    return {
        "audit_date": ev.record.audit_date.isoformat(),
        "assessment": "self_assessment" if ev.self_assessment else "certification",
        "decision": ev.decision,
        "record_sha256": ev.record.sha256,
        "file": ev.record.file,
    }


def diff_to_json(d: AuditDiff) -> dict[str, Any]:
    """The comparison as a JSON object (keys in a fixed order)."""
    return {
        "standard": {"id": d.current.standard.id, "version": d.current.standard.info.version},
        "previous": _side(d.previous),
        "current": _side(d.current),
        "requirements": {
            kind: [
                {"id": c.id, "before": c.before, "after": c.after, "title": c.title}
                for c in d.of(kind)
            ]
            for kind in CHANGES
        },
        "corrective_actions": [
            {"id": a.id, "state": a.state, "deadline": a.deadline, "explanation": a.explanation}
            for a in d.actions
        ],
    }
