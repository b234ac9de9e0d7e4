"""The plain-text report of an evaluation (``fairmined audit`` without ``--json``).

The English report as it has always read; other languages (and Markdown and
HTML) go through :mod:`fairmined.report._audit`.
"""

from __future__ import annotations

import textwrap

from fairmined._version import __version__
from fairmined.audit import STATUSES, Evaluation, crosswalk_rows, no_counterpart
from fairmined.records import Reference
from fairmined.report._audit_json import unverified_notes
from fairmined.report._audit_notes import note_text
from fairmined.report._explain import explain_sentences, follow_up_sentence
from fairmined.report._i18n import translator
from fairmined.standards import Requirement, Standard

__all__ = ["evaluation_to_text", "evaluations_to_text", "fidelity_line", "reference_text"]

_DECISION = {"certified": "CERTIFIED", "not_certified": "NOT CERTIFIED", "suspended": "SUSPENDED"}
_WIDTH = 100
_EN = translator("en")


def evaluation_to_text(ev: Evaluation) -> str:
    """A readable report: decision, reasons, one row per requirement, actions."""
    std = ev.standard
    org = ev.record.facts.get("organisation")
    name = org.get("name") if isinstance(org, dict) else None
    verdict = _DECISION[ev.decision]
    if ev.self_assessment:
        verdict = f"SELF-ASSESSMENT, not a certification decision (indicative outcome: {verdict})"
    lines = [
        f"{std.id} (version {std.info.version}): {verdict}",
        f"organisation: {name or '(unnamed)'}; audit date {ev.record.audit_date.isoformat()}; "
        f"certification year {ev.year}" + (" (self-assessment)" if ev.self_assessment else ""),
    ]
    lines += [f"  - {reason}" for reason in ev.reasons]
    lines += [f"  note: {note_text(_EN, note)}" for note in ev.note_notices]
    lines += [f"  notice: {notice}" for notice in ev.notices]
    lines.append("")
    id_w = max(len(r.id) for r in ev.results)
    cat_w = max(len(_category(r.requirement.category)) for r in ev.results)
    label = std.certification.label if std.certification is not None else str
    type_w = max(len(label(r.requirement.type)) for r in ev.results)
    header = f"{'STATUS':<14} {'ID':<{id_w}}  {'TYPE':<{type_w}} {'CATEGORY':<{cat_w}}  TITLE"
    lines += [header, "-" * min(len(header) + 30, _WIDTH)]
    for r in ev.results:
        req = r.requirement
        lines.append(
            f"{r.status:<14} {req.id:<{id_w}}  {label(req.type):<{type_w}} "
            f"{_category(req.category):<{cat_w}}  {req.title}{_mark(req)}"
        )
        said = " ".join(explain_sentences(_EN, r, standard_id=std.id))
        lines += textwrap.wrap(said, _WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6)
        if r.finding is not None and r.finding.references:
            lines += [f"      evidence: {reference_text(x)}" for x in r.finding.references]
    if ev.corrective_actions:
        lines += ["", "Corrective actions:"]
        for a in ev.corrective_actions:
            when = f"by {a.deadline.isoformat()} ({a.period})" if a.deadline else "no deadline"
            lines.append(
                f"  {a.requirement.id:<{id_w}}  {label(a.requirement.type):<{type_w}} "
                f"{when}: {a.reason}"
            )
    if ev.follow_ups:
        lines += ["", "Previous corrective actions:"]
        for f in ev.follow_ups:
            said = follow_up_sentence(_EN, f, label(f.requirement.type))
            lines.append(f"  {f.requirement.id:<{id_w}}  {f.state:<14} {said}")
    dev = ev.development
    if dev.scored or dev.unscored:
        avg = "none scored" if dev.average is None else f"average {dev.average}"
        lines += [
            "",
            f"Development: {avg}, threshold {dev.threshold}, {dev.scored} scored, "
            f"{dev.unscored} unscored",
        ]
    if ev.self_assessment:
        lines += [
            "",
            f"Self-assessment for certification year {ev.year}:",
            "  blocks certification now: " + (", ".join(ev.blocking) or "nothing"),
            "  becomes due next year: " + (", ".join(ev.due_next_year) or "nothing"),
        ]
    counts = ev.counts()
    lines += ["", "Summary: " + ", ".join(f"{s} {counts[s]}" for s in STATUSES)]
    lines += [
        f"Unverified: {_unverified_line(note)}" for note in unverified_notes(ev, clause_ids=False)
    ]
    lines.append(
        f"Replay: record sha256 {ev.record.sha256}; standard sha256 {std.sha256}; "
        f"fairmined {__version__}"
    )
    lines.append(fidelity_line(std))
    return "\n".join(lines) + "\n"


def _category(category: str) -> str:
    """A category by its name (Child labour), not its id (child_labour)."""
    from fairmined.report._audit import CATEGORY_LABELS

    label = CATEGORY_LABELS.get(category)
    return _EN._(label) if label else category


def _unverified_line(note: str) -> str:
    # "subject: note" as "subject. Note" (the report's historical form).
    subject, _, text = note.partition(": ")
    return f"{subject}. {text}"


def reference_text(ref: Reference) -> str:
    """One piece of evidence in a line: kind, file with its digest, document id."""
    parts = [ref.kind or "evidence"]
    if ref.file:
        parts.append(ref.file + (f" (sha256 {ref.sha256})" if ref.sha256 else ""))
    if ref.document_id:
        parts.append(f"document {ref.document_id}")
    if ref.description:
        parts.append(ref.description)
    return f"{parts[0]}: {'; '.join(parts[1:])}"


def _crosswalk_by_requirement(evs: list[Evaluation]) -> str:
    """One line per crosswalk row: each standard's requirement, its status and match."""
    ids = [ev.standard.id for ev in evs]
    w = max(len(i) for i in ids) + 12
    rows = [
        "Crosswalk by requirement (status; match against the first standard listed):",
        f"{'':<{_TOPIC_W}}" + "".join(f"{i:<{w}}" for i in ids),
    ]
    for row, statuses in crosswalk_rows(evs):
        cells = []
        for sid in ids:
            m = row.member(sid)
            if m is None:
                cells.append("-")
                continue
            cell = f"{m.requirement} {statuses.get((sid, m.requirement), '?')}"
            cells.append(cell + (f" ({m.match})" if m.match else ""))
        topic = textwrap.shorten(row.topic, _TOPIC_W - 2, placeholder="...")
        rows.append(f"{topic:<{_TOPIC_W}}" + "".join(f"{c:<{w}}" for c in cells))
    for sid, alone in no_counterpart(evs).items():
        if alone:
            rows.append(f"No counterpart in {sid}: {', '.join(alone)}")
    return "\n".join(row.rstrip() for row in rows) + "\n"


_TOPIC_W = 44


def _mark(req: Requirement) -> str:
    """`` [section]`` after a requirement that is not confirmed clause text."""
    return "" if req.provenance.is_clause else f" [{req.provenance.level}]"


def fidelity_line(std: Standard) -> str:
    """How many requirements rest on each provenance level."""
    counts = std.fidelity_counts()
    return (
        f"Fidelity of {std.id}: "
        + ", ".join(f"{level} {n}" for level, n in counts.items())
        + f" (of {sum(counts.values())} requirements; only clause is the standard's confirmed text)"
    )


def evaluations_to_text(evs: list[Evaluation]) -> str:
    """One report per standard, then a side-by-side crosswalk when there are several."""
    parts = [evaluation_to_text(ev) for ev in evs]
    if len(evs) > 1:
        ids = [ev.standard.id for ev in evs]
        w = max(len(i) for i in ids) + 2
        rows = [
            "Crosswalk (pass/fail/not assessed per category):",
            f"{'category':<20}" + "".join(f"{i:<{w}}" for i in ids),
        ]
        cats: list[str] = []
        for ev in evs:
            cats += [c for c in ev.counts_by_category() if c not in cats]
        for cat in cats:
            cells = []
            for ev in evs:
                c = ev.counts_by_category().get(cat)
                cells.append("-" if c is None else f"{c['pass']}/{c['fail']}/{c['not_assessed']}")
            rows.append(f"{_category(cat):<20}" + "".join(f"{x:<{w}}" for x in cells))
        rows.append(f"{'decision':<20}" + "".join(f"{ev.decision:<{w}}" for ev in evs))
        parts.append("\n".join(row.rstrip() for row in rows) + "\n")
        parts.append(_crosswalk_by_requirement(evs))
    return "\n".join(parts)
