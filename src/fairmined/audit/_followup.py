"""Follow-up of the previous audit's corrective actions (record format 2).

Each action is judged on this audit's date: closed in time, closed late,
open but not yet due, or overdue. An overdue action escalates by the policy
the standard file keeps in ``[certification.overdue_actions]`` (per
requirement type: ``suspended``, ``not_certified`` or ``new_action``).
"""

from __future__ import annotations

from typing import Literal

import attrs

from fairmined.model import repr_of
from fairmined.records import AuditRecord, PreviousAction
from fairmined.standards import Requirement, Standard

__all__ = ["FOLLOW_UP_STATES", "FollowUp", "follow_up"]

State = Literal["closed_in_time", "closed_late", "open_not_due", "overdue"]
FOLLOW_UP_STATES: tuple[State, ...] = ("closed_in_time", "closed_late", "open_not_due", "overdue")


@attrs.frozen
class FollowUp:
    """One previous corrective action as judged at this audit."""

    __repr__ = repr_of("requirement", "state", "consequence")

    action: PreviousAction
    requirement: Requirement
    state: State
    explanation: str
    #: What an overdue action leads to, from the standard's policy; None otherwise.
    consequence: str | None = None


def _judge(a: PreviousAction, req: Requirement, std: Standard, record: AuditRecord) -> FollowUp:
    due = a.deadline.isoformat()
    if a.state == "closed" and a.closed_on is not None:
        if a.closed_on <= a.deadline:
            return FollowUp(
                a, req, "closed_in_time", f"closed on {a.closed_on.isoformat()}, due {due}"
            )
        late = (a.closed_on - a.deadline).days
        return FollowUp(
            a,
            req,
            "closed_late",
            f"closed on {a.closed_on.isoformat()}, {late} day{'s' * (late != 1)} after the "
            f"deadline {due}",
        )
    if record.audit_date <= a.deadline:
        return FollowUp(a, req, "open_not_due", f"still open; due {due}, not yet passed")
    policy = std.certification
    consequence = None
    if policy is not None and policy.overdue is not None:
        consequence = policy.overdue.consequences.get(req.type)
    said = {
        "suspended": "leads to suspension",
        "not_certified": "leads to refusal of certification",
        "new_action": "gets a new corrective action",
        None: "the standard file sets no consequence",
    }[consequence]
    return FollowUp(
        a,
        req,
        "overdue",
        f"still open after its deadline {due} ({req.type} requirement): {said}",
        consequence,
    )


def follow_up(standard: Standard, record: AuditRecord) -> tuple[FollowUp, ...]:
    """The previous actions that concern ``standard``, judged (ids already checked)."""
    by_id = {r.id: r for r in standard.requirements}
    return tuple(
        _judge(a, by_id[a.requirement], standard, record)
        for a in record.previous_actions
        if a.standard in (None, standard.id) and a.requirement in by_id
    )
