"""Audit reports for people: text, Markdown and HTML, in the reader's language.

Order, as a certifier hands it to an organisation: who and what was decided,
a chart of outcomes per category, then what needs action (failed,
not-assessed and waived requirements with their explanations and deadlines),
then the full table, and the replay hashes at the foot.

Requirement titles and descriptions come from the standard (English) or from
its companion translation files ``standards/i18n/<standard-id>.<lang>.toml``;
where a translation is missing, the English shows marked ``[en]``. The
rule engine's explanations are English sentences: other languages get the
same facts from the structured result (the rule, each observed value against
the required one, the missing facts) with translated labels.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from fairmined._version import __version__
from fairmined.audit import (
    STATUSES,
    AliasNotice,
    CorrectiveAction,
    Evaluation,
    Result,
    crosswalk_rows,
    no_counterpart,
)
from fairmined.records import Reference
from fairmined.report._audit_json import UNVERIFIED_LABELS, evaluations_to_json, unverified_items
from fairmined.report._audit_notes import note_text, reason_text
from fairmined.report._document import (
    TEXT_WIDTH,
    Block,
    Chart,
    Document,
    Facts,
    Item,
    Items,
    Para,
    Section,
    Table,
    fill_text,
)
from fairmined.report._explain import explain_sentences, follow_up_sentence
from fairmined.report._format import terminal_safe
from fairmined.report._formats import check_format, render_as
from fairmined.report._i18n import EN_MARK, N_, Translator, english, translator
from fairmined.standards import Requirement, Standard

__all__ = [
    "audit_document",
    "catalog_text",
    "reference_text",
    "render_audit",
    "requirement_text",
    "requirement_translations",
]


STATUS_LABELS: dict[str, str] = {
    "pass": N_("passed"),
    "fail": N_("failed"),
    "not_applicable": N_("not applicable"),
    "not_assessed": N_("not assessed"),
    "waived": N_("waived"),
}
MATCH_LABELS: dict[str, str] = {
    "same": N_("same"),
    "stricter": N_("stricter"),
    "weaker": N_("weaker"),
    "partial": N_("partial"),
}
LEVEL_LABELS: dict[str, str] = {
    "clause": N_("clause"),
    "section": N_("section"),
    "practice": N_("practice"),
    "project": N_("project"),
}
TYPE_LABELS: dict[str, str] = {
    "core": N_("core"),
    "major": N_("major"),
    "minor": N_("minor"),
    "development": N_("development"),
}
CATEGORY_LABELS: dict[str, str] = {
    "environment": N_("Environment"),
    "labour": N_("Labour"),
    "legality": N_("Legality"),
    "organisation": N_("Organisation"),
    "health_and_safety": N_("Health and safety"),
    "toxic_substances": N_("Toxic substances"),
    "womens_rights": N_("Women's rights"),
    "child_labour": N_("Child labour"),
    "premium": N_("Premium"),
    "traceability": N_("Traceability"),
    "trade": N_("Trade"),
}
FOLLOW_UP_LABELS: dict[str, str] = {
    "closed_in_time": N_("closed in time"),
    "closed_late": N_("closed late"),
    "open_not_due": N_("open, not yet due"),
    "overdue": N_("overdue"),
}
DECISION_LABELS: dict[str, str] = {
    "certified": N_("CERTIFIED"),
    "not_certified": N_("NOT CERTIFIED"),
    "suspended": N_("SUSPENDED"),
}
_PERIOD = re.compile(r"(\d+) (day|week|month|year)s?\Z")


# --------------------------------------------------------------------------- requirement text


@attrs.frozen
class RequirementText:
    title: str
    description: str
    translated: bool


def _i18n_dir() -> Any:
    return resources.files("fairmined") / "_standards" / "i18n"


@cache
def _translation_file(
    standard_id: str, lang: str, directory: str | None = None
) -> Mapping[str, Any]:
    """``<directory>/<standard_id>.<lang>.toml`` parsed, once (default: the shipped
    ``standards/i18n``); empty when there is no such file."""
    base: Any = Path(directory) if directory is not None else _i18n_dir()
    path = base / f"{standard_id}.{lang}.toml"
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def requirement_translations(
    standard_id: str, lang: str, directory: str | None = None
) -> Mapping[str, Mapping[str, str]]:
    """``{requirement id: {"title": ..., "description": ...}}`` for one standard and language.

    Read from ``<directory>/<standard_id>.<lang>.toml`` (default: the shipped
    ``standards/i18n``); empty when there is no such file.
    """
    reqs = _translation_file(standard_id, lang, directory).get("requirements", {})
    return {
        str(k): {f: str(v[f]) for f in ("title", "description") if f in v}
        for k, v in reqs.items()
        if isinstance(v, dict)
    }


@cache
def _i18n_table(standard_id: str, lang: str, table: str) -> Mapping[str, str]:
    """``{key: text}`` from one table of a translation file: ``types`` (type name: label),
    ``unverified`` (certification table: its note)."""
    data = _translation_file(standard_id, lang).get(table, {})
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def type_label(std: Standard, name: str, tr: Translator) -> str:
    """The scheme's own name for a requirement type, in ``tr``'s language or marked English."""
    policy = std.certification
    label = policy.label(name) if policy is not None else name
    if tr.language == "en":
        return label
    if name in TYPE_LABELS and label == name:  # a format-1 file's shared vocabulary
        return tr._(TYPE_LABELS[name])
    return _i18n_table(std.id, tr.language, "types").get(name) or EN_MARK + label


def requirement_text(
    standard_id: str, req: Requirement, tr: Translator, directory: str | None = None
) -> RequirementText:
    """The requirement's title and description in ``tr``'s language, or marked English."""
    if tr.language == "en":
        return RequirementText(req.title, req.description, True)
    entry = requirement_translations(standard_id, tr.language, directory).get(req.id, {})
    title, desc = entry.get("title"), entry.get("description")
    return RequirementText(
        title or EN_MARK + req.title,
        desc or EN_MARK + req.description,
        bool(title and desc),
    )


# --------------------------------------------------------------------------- wording


def _status(tr: Translator, status: str) -> str:
    return tr._(STATUS_LABELS[status])


def _category(tr: Translator, category: str) -> str:
    label = CATEGORY_LABELS.get(category)
    return tr._(label) if label else category


def _period(tr: Translator, text: str | None) -> str:
    if not text:
        return ""
    m = _PERIOD.match(text)
    if m is None:
        return text
    n, unit = int(m.group(1)), m.group(2)
    if unit == "day":
        return tr.n_("{n} day", "{n} days", n)
    if unit == "week":
        return tr.n_("{n} week", "{n} weeks", n)
    if unit == "month":
        return tr.n_("{n} month", "{n} months", n)
    return tr.n_("{n} year", "{n} years", n)


def _explain_lines(tr: Translator, r: Result, std: Standard) -> list[str]:
    """Why a requirement has its status, in sentences (report/_explain.py), then the
    auditor's own words (where something is to be done: failed, not assessed or waived)
    and the evidence documents (described in the auditor's words there too)."""
    text = requirement_text(std.id, r.requirement, tr)
    lines = explain_sentences(
        tr,
        r,
        standard_id=std.id,
        title=text.title,
        type_label=type_label(std, r.requirement.type, tr),
    )
    if r.finding is not None and r.finding.evidence and r.status in _ACTION_STATUSES:
        lines.append(tr._("Auditor's finding: {evidence}", evidence=r.finding.evidence))
    if r.finding is not None:
        quoted = r.status in _ACTION_STATUSES
        lines += [
            tr._("Evidence: {reference}", reference=reference_text(x, tr, described=quoted))
            for x in r.finding.references
        ]
    return lines


#: The statuses whose explanation quotes the auditor's finding: something is to be done.
_ACTION_STATUSES = frozenset({"fail", "not_assessed", "waived"})


def _heading(tr: Translator, ev: Evaluation, r: Result) -> str:
    text = requirement_text(ev.standard.id, r.requirement, tr)
    return tr._(
        "{id} {title} ({type}, {category})",
        id=r.requirement.id,
        title=text.title,
        type=type_label(ev.standard, r.requirement.type, tr),
        category=_category(tr, r.requirement.category),
    ) + _level_mark(tr, r.requirement)


def _level_mark(tr: Translator, req: Requirement) -> str:
    """`` [project]`` after a requirement that is not confirmed clause text."""
    if req.provenance.is_clause:
        return ""
    return " [" + tr._(LEVEL_LABELS[req.provenance.level]) + "]"


def _fidelity(tr: Translator, std: Standard) -> Block:
    counts = std.fidelity_counts()
    return Facts([(tr._(LEVEL_LABELS[level]), str(n)) for level, n in counts.items()])


# --------------------------------------------------------------------------- document


def _warnings(ev: Evaluation, tr: Translator) -> list[Block]:
    """The dates-in-force warning in the reader's words, then the record's notes."""
    kind = lambda t: type_label(ev.standard, t, tr)  # noqa: E731
    out: list[Block] = [
        Para(reason_text(tr, n, kind), "warning")
        for n in ev.reason_notices
        if n.code in _WARNING_REASONS
    ]
    out += [Para(tr._("Note: {note}", note=note_text(tr, n)), "note") for n in ev.note_notices]
    out += [Para(_alias_notice(tr, n), "warning") for n in ev.alias_notices]
    return out


def _alias_notice(tr: Translator, n: AliasNotice) -> str:
    """A finding or waiver that named a former id, in the reader's words."""
    ids = {"former": n.former, "current": n.current, "standard": n.standard}
    if n.kind == "waiver":
        return tr._(
            "Notice: the waiver for {former} applies to {current}: {standard} renumbered "
            "{former} as {current}; name {current} in new records",
            **ids,
        )
    return tr._(
        "Notice: the finding for {former} applies to {current}: {standard} renumbered "
        "{former} as {current}; name {current} in new records",
        **ids,
    )


#: Reasons the lead shows as warnings, before the notes: the audit date is outside the
#: standard's dates in force.
_WARNING_REASONS = frozenset({"audit_before_force", "audit_after_force"})


def _reason_paras(ev: Evaluation, tr: Translator) -> list[Block]:
    """Why the decision is what it is, one paragraph per reason, in the reader's words:
    what blocks certification (failed, or not assessed and so counted as not met), an
    overdue previous action, the suspension's end, the development average, and how
    many corrective actions are set and how many of them have a deadline."""
    kind = lambda t: type_label(ev.standard, t, tr)  # noqa: E731
    return [
        Para(reason_text(tr, n, kind)) for n in ev.reason_notices if n.code not in _WARNING_REASONS
    ]


_TASKS = {
    "correct": N_("Correct the failure"),
    "evidence": N_("Provide the missing evidence"),
    "develop": N_("Raise the development score"),
}


def action_text(a: CorrectiveAction, tr: Translator) -> str:
    """What a corrective action asks and what follows for certification, worded."""
    if a.task == "overdue" and a.since is not None:
        task = tr._("Close the action overdue since {date}", date=tr.date(a.since))
    elif a.task in _TASKS:
        task = tr._(_TASKS[a.task])
    else:
        return english(tr, a.reason) if a.reason else a.reason
    if a.then == "waits":
        return tr._("{task}; certification waits until it is corrected and verified.", task=task)
    if a.then == "no_limit":
        return tr._("{task}; the standard file sets no maximum suspension period.", task=task)
    if a.then == "suspension" and a.deadline is not None:
        return tr._(
            "{task}; the suspension must be cleared by {date} (a suspension lasts at most "
            "{period}), or the organisation is decertified.",
            task=task,
            date=tr.date(a.deadline),
            period=_period(tr, a.period),
        )
    return task + "."


def _action_lines(tr: Translator, a: CorrectiveAction) -> list[str]:
    """A corrective action under its requirement: by when, then what to do."""
    if a.deadline is not None:
        when = tr._(
            "Corrective action due by {date} ({period})",
            date=tr.date(a.deadline),
            period=_period(tr, a.period),
        )
    else:
        when = tr._("Corrective action: no deadline (blocks certification)")
    return [when, action_text(a, tr)]


def _facts_rows(ev: Evaluation, tr: Translator, name: str) -> list[tuple[str, str]]:
    """Who was audited, against what, when, and in which certification year."""
    std = ev.standard
    facts = ev.record.facts
    org = facts.get("organisation")
    org_map: Mapping[str, Any] = org if isinstance(org, Mapping) else {}
    audit = facts.get("audit")
    audit_map: Mapping[str, Any] = audit if isinstance(audit, Mapping) else {}
    year = str(ev.year)
    if ev.self_assessment:
        year = tr._("{year} (self-assessment)", year=ev.year)
    rows = [
        (tr._("Organisation"), name),
        (tr._("Standard"), tr._("{id} (version {version})", id=std.id, version=std.info.version)),
        (tr._("Audit date"), tr.date(ev.record.audit_date)),
        (tr._("Certification year"), year),
    ]
    if org_map.get("country"):
        rows.append((tr._("Country"), tr.country(str(org_map["country"]))))
    if audit_map.get("auditor"):
        rows.append((tr._("Auditor"), str(audit_map["auditor"])))
    return rows


def _organisation_name(ev: Evaluation, tr: Translator) -> str:
    org = ev.record.facts.get("organisation")
    name = org.get("name") if isinstance(org, Mapping) else None
    return str(name or tr._("(unnamed organisation)"))


def _decision_para(ev: Evaluation, tr: Translator) -> Para:
    label = tr._(DECISION_LABELS[ev.decision])
    decision = tr._("Decision: {decision}", decision=label)
    if ev.self_assessment:
        decision = tr._(
            "Self-assessment, not a certification decision: indicative outcome {decision}",
            decision=label,
        )
    return Para(decision, "good" if ev.decision == "certified" else "bad")


def _outcomes_section(ev: Evaluation, tr: Translator) -> Section:
    """The chart of outcomes per category, then the totals per outcome."""
    counts = ev.counts_by_category()
    chart = Chart(
        caption=tr._("Outcomes per category"),
        series=[(s, _status(tr, s)) for s in STATUSES],
        bars=[(_category(tr, c), [row[s] for s in STATUSES]) for c, row in counts.items()],
    )
    total = ev.counts()
    words = ", ".join(f"{_status(tr, s)} {total[s]}" for s in STATUSES)
    return Section(
        tr._("Outcomes per category"), [chart, Para(tr._("In all: {counts}", counts=words))]
    )


#: The sections that explain requirements, by status, in the report's order.
_STATUS_SECTIONS = (
    ("fail", N_("Failed requirements"), N_("No requirement failed.")),
    (
        "not_assessed",
        N_("Requirements not assessed"),
        N_("Every requirement that applies was assessed."),
    ),
    ("waived", N_("Waived requirements"), N_("No waivers.")),
)
#: Explained after the table of all requirements: what passed, and what does not apply.
_OTHER_SECTIONS = (
    ("pass", N_("Why each requirement passed"), ""),
    ("not_applicable", N_("Why requirements do not apply"), ""),
)


def _status_items(ev: Evaluation, tr: Translator, status: str) -> list[Item]:
    """Each requirement with ``status``: heading, why, and its corrective action if any."""
    actions = {a.requirement.id: a for a in ev.corrective_actions}
    out = []
    for r in ev.results:
        if r.status != status:
            continue
        lines = _explain_lines(tr, r, ev.standard)
        a = actions.get(r.id)
        if a is not None:
            lines += _action_lines(tr, a)
        rule = " ".join((r.requirement.rule_text or "").split())
        out.append(Item(_heading(tr, ev, r), lines, r.status, rule))
    return out


def _items_sections(
    ev: Evaluation, tr: Translator, which: Sequence[tuple[str, str, str]]
) -> list[Section]:
    out = []
    for status, title, empty in which:
        items = _status_items(ev, tr, status)
        if items or empty:
            out.append(Section(tr._(title), [Items(items, tr._(empty) if empty else "")]))
    return out


def _follow_up_section(ev: Evaluation, tr: Translator) -> list[Section]:
    if not ev.follow_ups:
        return []
    follow = [
        Item(
            f"{f.requirement.id} ({tr._(FOLLOW_UP_LABELS[f.state])})",
            [follow_up_sentence(tr, f, type_label(ev.standard, f.requirement.type, tr))],
            "fail" if f.state == "overdue" else "pass",
        )
        for f in ev.follow_ups
    ]
    return [Section(tr._("Previous corrective actions"), [Items(follow, "")])]


def _development_section(ev: Evaluation, tr: Translator) -> list[Section]:
    dev = ev.development
    if not (dev.scored or dev.unscored):
        return []
    avg = tr._("none scored") if dev.average is None else tr.number(dev.average)
    rows = [
        (tr._("Average score"), avg),
        (tr._("Threshold"), tr.number(dev.threshold)),
        (tr._("Scored"), str(dev.scored)),
        (tr._("Not scored"), str(dev.unscored)),
    ]
    return [Section(tr._("Development requirements"), [Facts(rows)])]


def _self_assessment_section(ev: Evaluation, tr: Translator) -> list[Section]:
    """For a self-assessment: what blocks certification now, what becomes due next year."""
    if not ev.self_assessment:
        return []
    nothing = tr._("nothing")
    rows = [
        (tr._("Blocks certification now"), ", ".join(ev.blocking) or nothing),
        (tr._("Becomes due next year"), ", ".join(ev.due_next_year) or nothing),
    ]
    title = tr._("Self-assessment for certification year {year}", year=ev.year)
    return [Section(title, [Facts(rows)])]


def _table_section(ev: Evaluation, tr: Translator) -> Section:
    std = ev.standard
    table = Table(
        headers=[tr._("Status"), tr._("Id"), tr._("Type"), tr._("Category"), tr._("Requirement")],
        rows=[
            (
                _status(tr, r.status),
                r.id,
                type_label(std, r.requirement.type, tr),
                _category(tr, r.requirement.category),
                requirement_text(std.id, r.requirement, tr).title + _level_mark(tr, r.requirement),
            )
            for r in ev.results
        ],
        marks=[r.status for r in ev.results],
    )
    return Section(tr._("All requirements"), [table])


def unverified_rows(ev: Evaluation, tr: Translator) -> list[tuple[str, str]]:
    """What the decision rests on that is not verified, as (subject, the standard file's
    note) in ``tr``'s words (the note from the language's translation file, or marked
    English): the report's section and the workbook's sheet."""
    own = _i18n_table(ev.standard.id, tr.language, "unverified")
    return [
        (
            tr._(UNVERIFIED_LABELS[table]),
            note if tr.language == "en" else own.get(table) or EN_MARK + note,
        )
        for table, note in unverified_items(ev)
    ]


def _unverified_section(ev: Evaluation, tr: Translator) -> list[Section]:
    items = [Item(subject, [note]) for subject, note in unverified_rows(ev, tr)]
    return [Section(tr._("Not verified"), [Items(items)])] if items else []


def _fidelity_section(ev: Evaluation, tr: Translator) -> Section:
    note = Para(
        tr._(
            "Only clause is the standard's confirmed text; section is our paraphrase "
            "of a confirmed section; practice rests on published certification "
            "practice; project is our own reading."
        ),
        "note",
    )
    return Section(
        tr._("Fidelity: requirements per provenance level"), [_fidelity(tr, ev.standard), note]
    )


def _footer(ev: Evaluation, tr: Translator) -> list[Block]:
    return [
        Facts(
            [
                (tr._("Record SHA-256"), ev.record.sha256),
                (tr._("Standard SHA-256"), ev.standard.sha256),
                (tr._("Library"), f"fairmined {__version__}"),
            ]
        ),
        Para(
            tr._(
                "Replay: the same record, standard file and library version give the same decision."
            ),
            "note",
        ),
    ]


def audit_document(ev: Evaluation, tr: Translator) -> Document:
    """One evaluation as a :class:`Document` in ``tr``'s language."""
    name = _organisation_name(ev, tr)
    lead: list[Block] = [Facts(_facts_rows(ev, tr, name)), _decision_para(ev, tr)]
    lead += _warnings(ev, tr)
    lead += _reason_paras(ev, tr)
    sections = [_outcomes_section(ev, tr)]
    sections += _items_sections(ev, tr, _STATUS_SECTIONS)
    sections += _follow_up_section(ev, tr)
    sections += _development_section(ev, tr)
    sections += _self_assessment_section(ev, tr)
    sections.append(_table_section(ev, tr))
    sections += _items_sections(ev, tr, _OTHER_SECTIONS)
    sections += _unverified_section(ev, tr)
    sections.append(_fidelity_section(ev, tr))
    return Document(
        lang=tr.tag,
        title=tr._("Audit report: {organisation}", organisation=name),
        lead=lead,
        sections=sections,
        footer=_footer(ev, tr),
    )


def _combine(docs: Sequence[Document], evs: Sequence[Evaluation], tr: Translator) -> Document:
    """Several evaluations of one record: each standard's decision and sections in turn,
    then the standards side by side: per category, and requirement by requirement."""
    sections: list[Section] = []
    for d, ev in zip(docs, evs, strict=True):
        sid = ev.standard.id
        sections.append(Section(sid, d.lead))
        sections += [Section(f"{sid}{tr.colon} {s.title}", s.blocks) for s in d.sections]
    sections.append(_categories_section(evs, tr))
    sections.append(_crosswalk_section(evs, tr))
    rows = [(tr._("Record SHA-256"), evs[0].record.sha256)]
    rows += [
        (f"{ev.standard.id}{tr.colon} {tr._('Standard SHA-256')}", ev.standard.sha256) for ev in evs
    ]
    rows.append((tr._("Library"), f"fairmined {__version__}"))
    footer = [Facts(rows), *docs[0].footer[1:]]
    return Document(
        lang=docs[0].lang, title=docs[0].title, lead=(), sections=sections, footer=footer
    )


def _categories_section(evs: Sequence[Evaluation], tr: Translator) -> Section:
    """Per category, each standard's passed / failed / not assessed counts, and decisions."""
    counts = [ev.counts_by_category() for ev in evs]
    cats: list[str] = []
    for per_category in counts:
        cats += [c for c in per_category if c not in cats]
    rows = []
    for cat in cats:
        cells = []
        for per_category in counts:
            c = per_category.get(cat)
            cells.append("-" if c is None else f"{c['pass']} / {c['fail']} / {c['not_assessed']}")
        rows.append((_category(tr, cat), *cells))
    rows.append((tr._("Decision"), *(tr._(DECISION_LABELS[ev.decision]) for ev in evs)))
    table = Table(headers=[tr._("Category"), *(ev.standard.id for ev in evs)], rows=rows)
    note = Para(
        tr._(
            "Each cell counts the category's requirements {passed} / {failed} / {not_assessed}.",
            passed=_status(tr, "pass"),
            failed=_status(tr, "fail"),
            not_assessed=_status(tr, "not_assessed"),
        ),
        "note",
    )
    return Section(tr._("Outcomes per category, standard by standard"), [table, note])


def _crosswalk_section(evs: Sequence[Evaluation], tr: Translator) -> Section:
    """Requirements of the evaluated standards lined up by the crosswalk, with statuses."""
    ids = [ev.standard.id for ev in evs]
    by_id = {ev.standard.id: ev for ev in evs}
    rows = []
    for row, statuses in crosswalk_rows(list(evs)):
        cells = []
        for sid in ids:
            m = row.member(sid)
            if m is None:
                cells.append("-")
                continue
            status = statuses.get((sid, m.requirement))
            cell = f"{m.requirement}{tr.colon} {_status(tr, status) if status else '?'}"
            if m.match:
                cell += f" ({tr._(MATCH_LABELS[m.match])})"
            cells.append(cell)
        req = by_id[row.members[0].standard].standard.requirement(row.members[0].requirement)
        title = requirement_text(row.members[0].standard, req, tr).title if req else row.topic
        rows.append((title, *cells))
    table = Table(headers=[tr._("Requirement"), *ids], rows=rows)
    note = Para(
        tr._(
            "Each row lines up requirements that ask for the same thing; the match compares "
            "each with the first standard's (the project's own reading)."
        ),
        "note",
    )
    alone = [
        Para(tr._("No counterpart in {standard}: {ids}", standard=sid, ids=", ".join(ids_)))
        for sid, ids_ in no_counterpart(list(evs)).items()
        if ids_
    ]
    return Section(tr._("Crosswalk by requirement"), [table, note, *alone])


def render_audit(evaluations: Sequence[Evaluation], fmt: str, locale: Any = None) -> str:
    """The evaluations as ``text``, ``markdown``, ``html`` or ``json``."""
    ok = isinstance(evaluations, Iterable) and not isinstance(evaluations, str | bytes | Mapping)
    evs = list(evaluations) if ok else []
    if not evs or not all(isinstance(ev, Evaluation) for ev in evs):
        raise TypeError("evaluations must be a non-empty sequence of Evaluation")
    f = check_format(fmt, "audit")
    if f.data is not None:
        return f.data(evaluations_to_json(evs))
    tr = locale if isinstance(locale, Translator) else translator(locale)

    def document() -> Document:
        docs = [audit_document(ev, tr) for ev in evs]
        return docs[0] if len(docs) == 1 else _combine(docs, evs, tr)

    return render_as(f, document=document)


REFERENCE_KINDS: dict[str, str] = {
    "document": N_("document"),
    "photo": N_("photo"),
    "interview": N_("interview"),
    "record": N_("record"),
    "other": N_("other evidence"),
}


def reference_text(ref: Reference, tr: Translator | None = None, *, described: bool = True) -> str:
    """One piece of evidence in a line: kind, file with its digest, document id, and
    (``described``) the auditor's description, in ``tr``'s words (default English)."""
    tr = tr or translator("en")
    kind = REFERENCE_KINDS.get(ref.kind or "", "")
    parts = [tr._(kind) if kind else (ref.kind or tr._("evidence"))]
    if ref.file:
        parts.append(ref.file + (f" (SHA-256 {ref.sha256})" if ref.sha256 else ""))
    if ref.document_id:
        parts.append(tr._("document {id}", id=ref.document_id))
    if ref.description and described:
        parts.append(ref.description)
    rest = f"{tr.semicolon} ".join(parts[1:])
    return f"{parts[0]}{tr.colon} {rest}" if len(parts) > 1 else parts[0]


def _info_translation(std: Standard, tr: Translator, key: str) -> str | None:
    """A top-level text of the standard's translation file (``fidelity``, ``publisher``)."""
    if tr.language == "en":
        return None
    text = _translation_file(std.id, tr.language).get(key)
    return text if isinstance(text, str) and text else None


def _fidelity_note(std: Standard, tr: Translator) -> str:
    """How faithful the file is to the official text, from the translation file if any."""
    if tr.language == "en":
        return std.info.fidelity
    return _info_translation(std, tr, "fidelity") or EN_MARK + std.info.fidelity


def publisher_text(std: Standard, tr: Translator) -> str:
    """Who published the standard, in ``tr``'s words where the translation file gives
    them (the names stay; "and ..., jointly" does not), else as the standard says."""
    return _info_translation(std, tr, "publisher") or std.info.publisher


def _filled(text: str, indent: str) -> list[str]:
    """``text`` wrapped to the terminal width (80 columns), every line indented."""
    return fill_text(text, TEXT_WIDTH, indent, indent) or [indent.rstrip()]


def catalog_text(std: Any, reqs: Sequence[Requirement], tr: Translator) -> str:
    """A standard's requirement catalog as text (``fairmined standards show``), 80 columns.

    The fidelity note comes from the language's translation file (``[en]`` where
    it has none); a source is a citation, in its document's own words. The rule
    that decides a requirement is shown as written, for the certifier.
    """
    out = [
        tr.n_(
            "{id} (version {version}): {n} requirement",
            "{id} (version {version}): {n} requirements",
            len(reqs),
            id=std.id,
            version=std.info.version,
        ),
        *_filled(_fidelity_note(std, tr), ""),
    ]
    for r in reqs:
        text = requirement_text(std.id, r, tr)
        # "due from year 0", not "entry": beside "entry requirement" that read
        # "[requisito de entrada, …, de entrada]"
        due = tr._("due from year {year}", year=r.due_from_year)
        how = tr._("auditor finding") if r.manual else (r.rule_text or "")
        decided = tr._("decided by: {how}", how=how)
        if r.scope_text:
            decided += tr._("; applies when {scope}", scope=r.scope_text)
        heading = (
            f"{r.id}  [{type_label(std, r.type, tr)}, {_category(tr, r.category)}, {due}]  "
            f"{text.title}{_level_mark(tr, r)}"
        )
        source = tr._(
            "provenance: {level}, {source}",
            level=tr._(LEVEL_LABELS[r.provenance.level]),
            source=r.source,
        )
        out += ["", *_filled(heading, "")]
        out += [*_filled(text.description, "    "), *_filled(decided, "    ")]
        out += _filled(source, "    ")
        if r.aliases:
            out += _filled(tr._("former ids: {ids}", ids=", ".join(r.aliases)), "    ")
    return terminal_safe("\n".join(out) + "\n")
