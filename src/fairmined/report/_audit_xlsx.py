"""An audit as an Excel workbook: summary, requirements, corrective actions, fidelity.

One row per evaluation in the summary (several standards side by side), one
row per requirement with its provenance level, one row per corrective action
with its deadline as a date, and the fidelity summary (requirements per
provenance level, per standard) last. Words are the audit report's, in the
reader's language, explanations included (``report/_explain.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from fairmined.audit import Evaluation
from fairmined.report._audit import (
    DECISION_LABELS,
    LEVEL_LABELS,
    _alias_notice,
    _category,
    _period,
    _status,
    action_text,
    requirement_text,
    type_label,
    unverified_rows,
)
from fairmined.report._audit_notes import note_text, reason_text
from fairmined.report._explain import explain_sentences
from fairmined.report._i18n import Translator, translator
from fairmined.report._xlsx import Cell, Num, Sheet, workbook_bytes

__all__ = ["audit_xlsx"]


def _decision(ev: Evaluation, tr: Translator) -> str:
    """The decision, or for a self-assessment its label: never a certification decision."""
    label = tr._(DECISION_LABELS[ev.decision])
    if not ev.self_assessment:
        return label
    return tr._(
        "Self-assessment, not a certification decision: indicative outcome {decision}",
        decision=label,
    )


def _reasons(ev: Evaluation, tr: Translator) -> list[str]:
    """The decision's reasons, the record's notes and the renumbering notices, worded."""
    std = ev.standard
    out = [reason_text(tr, r, lambda t: type_label(std, t, tr)) for r in ev.reason_notices]
    out += [note_text(tr, n) for n in ev.note_notices]
    return out + [_alias_notice(tr, n) for n in ev.alias_notices]


def _summary(evs: Sequence[Evaluation], tr: Translator) -> Sheet:
    headers = [
        tr._("Standard"),
        tr._("Decision"),
        tr._("Audit date"),
        tr._("Certification year"),
        tr._("Average score"),
        tr._("Threshold"),
        tr._("Reasons"),
        tr._("Record SHA-256"),
    ]
    rows: list[list[Cell]] = []
    for ev in evs:
        dev = ev.development
        rows.append(
            [
                tr._(
                    "{id} (version {version})", id=ev.standard.id, version=ev.standard.info.version
                ),
                _decision(ev, tr),
                ev.record.audit_date,
                ev.year,
                None if dev.average is None else Num(dev.average, "0.00"),
                Num(dev.threshold, "0.00"),
                f"{tr.semicolon} ".join(_reasons(ev, tr)),
                ev.record.sha256,
            ]
        )
    return Sheet(tr._("Summary"), headers, rows)


def _requirements(evs: Sequence[Evaluation], tr: Translator) -> Sheet:
    headers = [
        tr._("Standard"),
        tr._("Id"),
        tr._("Requirement"),
        tr._("Type"),
        tr._("Category"),
        tr._("Status"),
        tr._("Explanation"),
        tr._("Provenance"),
    ]

    def rows() -> Iterable[list[Cell]]:
        for ev in evs:
            for r in ev.results:
                req = r.requirement
                yield [
                    ev.standard.id,
                    r.id,
                    requirement_text(ev.standard.id, req, tr).title,
                    type_label(ev.standard, req.type, tr),
                    _category(tr, req.category),
                    _status(tr, r.status),
                    " ".join(explain_sentences(tr, r, standard_id=ev.standard.id)),
                    tr._(LEVEL_LABELS[req.provenance.level]),
                ]

    return Sheet(tr._("Requirements"), headers, rows())


def _actions(evs: Sequence[Evaluation], tr: Translator) -> Sheet:
    headers = [
        tr._("Standard"),
        tr._("Id"),
        tr._("Requirement"),
        tr._("Type"),
        tr._("Deadline"),
        tr._("Period"),
        tr._("Reason"),
        tr._("Clears the suspension"),
    ]
    rows: list[list[Cell]] = []
    for ev in evs:
        for a in ev.corrective_actions:
            req = a.requirement
            rows.append(
                [
                    ev.standard.id,
                    req.id,
                    requirement_text(ev.standard.id, req, tr).title,
                    type_label(ev.standard, req.type, tr),
                    a.deadline
                    if a.deadline is not None
                    else tr._("Corrective action: no deadline (blocks certification)"),
                    _period(tr, a.period),
                    action_text(a, tr),
                    a.clears_suspension,
                ]
            )
    return Sheet(tr._("Corrective-action plan"), headers, rows)


def _fidelity(evs: Sequence[Evaluation], tr: Translator) -> Sheet:
    """Requirements per provenance level, per standard: how far the encoding can be trusted."""
    headers = [tr._("Standard"), tr._("Provenance"), tr._("Requirements")]
    rows: list[list[Cell]] = []
    for ev in evs:
        for level, n in ev.standard.fidelity_counts().items():
            rows.append([ev.standard.id, tr._(LEVEL_LABELS[level]), n])
    return Sheet(tr._("Fidelity"), headers, rows)


def _unverified(evs: Sequence[Evaluation], tr: Translator) -> Sheet:
    """What each decision rests on that is not verified, with the standard file's note."""
    headers = [tr._("Standard"), tr._("Not verified"), tr._("Note")]
    rows: list[list[Cell]] = [
        [ev.standard.id, subject, note] for ev in evs for subject, note in unverified_rows(ev, tr)
    ]
    return Sheet(tr._("Not verified"), headers, rows)


def audit_xlsx(evaluations: Sequence[Evaluation], locale: Any = None) -> bytes:
    """The evaluations as an .xlsx workbook: summary, requirements, actions, fidelity, and
    what the decisions rest on that is not verified."""
    tr = locale if isinstance(locale, Translator) else translator(locale)
    evs = list(evaluations)
    sheets = [
        _summary(evs, tr),
        _requirements(evs, tr),
        _actions(evs, tr),
        _fidelity(evs, tr),
        _unverified(evs, tr),
    ]
    return workbook_bytes(sheets)
