"""The machine-readable form of an evaluation (``fairmined audit --json``).

Stable by design: no timestamps, keys in a fixed order, numbers as exact
decimal text, so golden files and replays compare byte for byte.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from fairmined._version import __version__
from fairmined.audit import Evaluation, FollowUp, Result, crosswalk_rows, no_counterpart
from fairmined.records import Reference
from fairmined.report._documents import DOCUMENTS, versioned
from fairmined.report._explain import explain_sentences
from fairmined.report._i18n import N_, translator
from fairmined.report._notices import notice_json
from fairmined.rules import Evidence, Term

__all__ = [
    "UNVERIFIED_LABELS",
    "evaluation_to_json",
    "evaluations_to_json",
    "organisation_json",
    "reference_json",
    "unverified_items",
    "unverified_notes",
]


def value_json(value: object) -> Any:
    """A typed value of an explanation as JSON: decimals as exact text, dates ISO."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, relativedelta):
        return {"years": value.years, "months": value.months, "days": value.days}
    if isinstance(value, list | tuple | frozenset):
        return [value_json(v) for v in value]
    return str(value)


def term_json(t: Term | None) -> dict[str, Any] | None:
    """A term (what a value is made of) as JSON."""
    if t is None:
        return None
    out: dict[str, Any] = {"kind": t.kind, "name": t.name, "value": value_json(t.value)}
    if t.args:
        out["args"] = [term_json(a) for a in t.args]
    return out


def evidence_json(e: Evidence) -> dict[str, Any]:
    """One deciding observation: the engine's words, then the same as data."""
    return {
        "path": e.path,
        "observed": e.observed,
        "required": e.required,
        "code": e.code,
        "subject": None if e.subject is None else {"list": e.subject[0], "key": e.subject[1]},
        "term": term_json(e.term),
        "value": value_json(e.value),
        "op": e.op,
        "limit": value_json(e.limit),
        "limit_term": term_json(e.limit_term),
    }


def _result(r: Result, labels: Mapping[str, str], std_id: str) -> dict[str, Any]:
    req = r.requirement
    out: dict[str, Any] = {
        "id": req.id,
        "aliases": list(req.aliases),
        "category": req.category,
        "type": req.type,
        "type_label": labels.get(req.type, req.type),
        "status": r.status,
        "explanation": r.explanation,
        "sentence": " ".join(explain_sentences(translator("en"), r, standard_id=std_id)),
        "code": r.code,
        "args": {k: value_json(v) for k, v in r.args.items()},
        "title": req.title,
        "due_from_year": req.due_from_year,
        "evidence": [evidence_json(e) for e in r.evidence],
        "missing": list(r.missing),
        "source": req.source,
        "clause_verified": req.clause_verified,
        "provenance": req.provenance.to_json(),
    }
    if r.finding is not None:
        out["finding"] = {
            "outcome": r.finding.outcome,
            "evidence": r.finding.evidence,
            "score": None if r.finding.score is None else str(r.finding.score),
        }
        if r.finding.date is not None:
            out["finding"]["date"] = r.finding.date.isoformat()
        if r.finding.deadline is not None:
            out["finding"]["deadline"] = r.finding.deadline.isoformat()
        if r.finding.references:
            out["finding"]["references"] = [reference_json(x) for x in r.finding.references]
    if r.note is not None:
        out["note"] = r.note
    if r.waiver is not None:
        out["waiver"] = {
            "justification": r.waiver.justification,
            "expires": r.waiver.expires.isoformat(),
        }
    return out


def reference_json(ref: Reference) -> dict[str, Any]:
    """One piece of evidence as JSON: only the fields it has."""
    fields = ("kind", "file", "sha256", "document_id", "description")
    return {k: getattr(ref, k) for k in fields if getattr(ref, k) is not None}


def _follow_up(f: FollowUp) -> dict[str, Any]:
    a = f.action
    out: dict[str, Any] = {
        "id": f.requirement.id,
        "type": f.requirement.type,
        "deadline": a.deadline.isoformat(),
        "recorded_state": a.state,
        "closed_on": None if a.closed_on is None else a.closed_on.isoformat(),
        "state": f.state,
        "consequence": f.consequence,
        "explanation": f.explanation,
    }
    if a.evidence:
        out["evidence"] = a.evidence
    if a.references:
        out["references"] = [reference_json(x) for x in a.references]
    return out


def evaluation_to_json(ev: Evaluation) -> dict[str, Any]:
    """One evaluation as the JSON object documented in docs/certifier-guide.md."""
    policy = ev.standard.certification
    labels = {} if policy is None else {n: t.label for n, t in policy.types.items()}
    dev = ev.development
    out: dict[str, Any] = {
        "format": DOCUMENTS["evaluation"],
        "standard": {"id": ev.standard.id, "version": ev.standard.info.version},
        "organisation": organisation_json(ev),
        "assessment": "self_assessment" if ev.self_assessment else "certification",
        "decision": ev.decision,
        "reasons": list(ev.reasons),
        "warnings": list(ev.warnings),
        "notes": list(ev.notes),
        "notices": list(ev.notices),
        "reason_notices": [notice_json(n) for n in ev.reason_notices],
        "note_notices": [notice_json(n) for n in ev.note_notices],
        "audit_date": ev.record.audit_date.isoformat(),
        "certification_year": ev.year,
        "results": [_result(r, labels, ev.standard.id) for r in ev.results],
        "corrective_actions": [
            {
                "id": a.requirement.id,
                "type": a.requirement.type,
                "type_label": labels.get(a.requirement.type, a.requirement.type),
                "deadline": None if a.deadline is None else a.deadline.isoformat(),
                "period": a.period,
                "reason": a.reason,
                "clears_suspension": a.clears_suspension,
                "set_by_certifier": a.set_by_certifier,
            }
            for a in ev.corrective_actions
        ],
        "previous_corrective_actions": [_follow_up(f) for f in ev.follow_ups],
        "development": {
            "average": None if dev.average is None else str(dev.average),
            "threshold": str(dev.threshold),
            "scored": dev.scored,
            "unscored": dev.unscored,
            "met": dev.met,
        },
        "summary": {"by_status": ev.counts(), "by_category": ev.counts_by_category()},
        "unverified": unverified_notes(ev),
        "record": {
            "sha256": ev.record.sha256,
            "standard_sha256": ev.standard.sha256,
            "library_version": __version__,
        },
        "fidelity": ev.standard.fidelity_counts(),
    }
    if policy is not None and ev.self_assessment:
        out["self_assessment"] = {
            "year": ev.year,
            "blocking_now": list(ev.blocking),
            "due_next_year": list(ev.due_next_year),
        }
    return out


def organisation_json(ev: Evaluation) -> dict[str, Any]:
    """Who was audited: the record's organisation name, id and country (``None`` if absent)."""
    org = ev.record.facts.get("organisation")
    fields = org if isinstance(org, dict) else {}
    return {k: None if fields.get(k) is None else str(fields[k]) for k in ("name", "id", "country")}


def unverified_items(ev: Evaluation) -> list[tuple[str, str]]:
    """``(table, note)`` for each part of the certification policy the decision rests on
    that is not verified: ``corrective_action_periods``, ``development``, ``suspension``
    (when a suspension is to be cleared) or ``overdue_actions`` (when an action is overdue)."""
    policy = ev.standard.certification
    if policy is None:
        return []
    out = []
    if not policy.periods_verified and policy.periods_note:
        out.append(("corrective_action_periods", policy.periods_note))
    if not policy.development_verified and policy.development_note:
        out.append(("development", policy.development_note))
    susp = policy.suspension
    used = any(a.clears_suspension for a in ev.corrective_actions)
    if susp is not None and not susp.verified and susp.note and used:
        out.append(("suspension", susp.note))
    over = policy.overdue
    escalated = any(f.state == "overdue" for f in ev.follow_ups)
    if over is not None and not over.verified and over.note and escalated:
        out.append(("overdue_actions", over.note))
    return out


#: What each table of :func:`unverified_items` is, as a report names it (the JSON's
#: ``unverified`` notes in lower case).
UNVERIFIED_LABELS: dict[str, str] = {
    "corrective_action_periods": N_("Corrective-action periods"),
    "development": N_("Development threshold"),
    "suspension": N_("Suspension period"),
    "overdue_actions": N_("Overdue-action escalation"),
}


def unverified_notes(ev: Evaluation) -> list[str]:
    """What the decision rests on that is not verified, and how many requirements are not
    confirmed clause text."""
    notes = [f"{UNVERIFIED_LABELS[table].lower()}: {note}" for table, note in unverified_items(ev)]
    counts = ev.standard.fidelity_counts()
    below = sum(n for level, n in counts.items() if level != "clause")
    if below:
        notes.append(
            f"{below} of {sum(counts.values())} requirements are not confirmed clause text "
            "(see fidelity and each result's provenance)"
        )
    return notes


def evaluations_to_json(evs: list[Evaluation]) -> dict[str, Any] | list[Any]:
    """One object for one standard; ``{"evaluations", "crosswalk"}`` for several."""
    if len(evs) == 1:
        return evaluation_to_json(evs[0])
    crosswalk: dict[str, Any] = {
        "decisions": {ev.standard.id: ev.decision for ev in evs},
        "by_category": {},
    }
    categories: list[str] = []
    for ev in evs:
        for cat in ev.counts_by_category():
            if cat not in categories:
                categories.append(cat)
    for cat in categories:
        crosswalk["by_category"][cat] = {
            ev.standard.id: ev.counts_by_category().get(cat) for ev in evs
        }
    crosswalk["requirements"] = [
        {
            "topic": row.topic,
            "members": [
                {
                    "standard": m.standard,
                    "requirement": m.requirement,
                    "match": m.match,
                    "status": statuses.get((m.standard, m.requirement)),
                }
                for m in row.members
            ],
        }
        for row, statuses in crosswalk_rows(evs)
    ]
    crosswalk["no_counterpart"] = no_counterpart(evs)
    return versioned(
        "evaluations",
        {"evaluations": [evaluation_to_json(ev) for ev in evs], "crosswalk": crosswalk},
    )
