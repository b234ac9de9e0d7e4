"""Requirement catalogs and certification policy inside standard files.

A standard file lists its requirements as ``[[requirements]]`` tables and its
decision policy as a ``[certification]`` table (see docs/standard-format.md).
Rules are compiled here, when the standard loads, against the audit-record
schema, so a bad rule fails early with its file, requirement id, line and
column. tomllib reports no positions, so a rule's line is found by locating
its requirement's ``id = "..."`` line and the ``rule =`` line after it.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, cast

import attrs
from dateutil.relativedelta import relativedelta

from fairmined.errors import FairminedError, RuleError, StandardFileError
from fairmined.records import RECORD_SCHEMA
from fairmined.rules import Origin, Rule, compile_rule

__all__ = [
    "CATEGORIES",
    "DECISIONS",
    "MISSION_AREAS",
    "OVERDUE_CONSEQUENCES",
    "REQUIREMENT_TYPES",
    "CertificationPolicy",
    "OverduePolicy",
    "Period",
    "Requirement",
    "Suspension",
    "read_certification",
    "read_requirements",
]

#: The eight mission areas every standard covers with at least three requirements.
MISSION_AREAS: tuple[str, ...] = (
    "environment",
    "labour",
    "legality",
    "organisation",
    "health_and_safety",
    "toxic_substances",
    "womens_rights",
    "child_labour",
)
#: Every category a requirement may have: the mission areas plus what trade adds.
CATEGORIES: tuple[str, ...] = (*MISSION_AREAS, "premium", "traceability", "trade")
REQUIREMENT_TYPES: tuple[str, ...] = ("core", "major", "minor", "development")
#: The decision vocabulary.
DECISIONS: tuple[str, ...] = ("certified", "not_certified", "suspended")

RequirementType = Literal["core", "major", "minor", "development"]

_PERIOD = re.compile(r"\s*([0-9]{1,4})\s+(day|days|week|weeks|month|months|year|years)\s*\Z")


@attrs.frozen
class Period:
    """A span such as ``3 months``, kept with its text for display."""

    text: str
    delta: relativedelta = attrs.field(eq=False)

    @classmethod
    def parse(cls, text: object) -> Period:
        if not isinstance(text, str):
            raise ValueError(f'write a period as text such as "3 months", not {text!r}')
        m = _PERIOD.match(text)
        if m is None:
            raise ValueError(f'{text!r} is not a period such as "30 days" or "3 months"')
        n, unit = int(m.group(1)), m.group(2)
        unit = unit if unit.endswith("s") else unit + "s"
        delta = {
            "days": relativedelta(days=n),
            "weeks": relativedelta(weeks=n),
            "months": relativedelta(months=n),
            "years": relativedelta(years=n),
        }[unit]
        return cls(f"{n} {unit if n != 1 else unit[:-1]}", delta)


@attrs.frozen
class Requirement:
    """One requirement of a standard, as data.

    ``rule`` decides it from the record's facts; when ``manual`` is true the
    auditor's finding decides it instead. ``scope``, when given, is a rule
    that must hold for the requirement to apply at all. ``due_from_year`` is
    0 for an entry requirement, N for one due from certification year N.
    """

    id: str
    category: str
    type: RequirementType
    title: str
    description: str
    source: str
    clause_verified: bool
    due_from_year: int = 0
    manual: bool = False
    rule_text: str | None = None
    rule: Rule | None = attrs.field(default=None, eq=False, repr=False)
    scope_text: str | None = None
    scope: Rule | None = attrs.field(default=None, eq=False, repr=False)
    note: str | None = None


@attrs.frozen
class Suspension:
    """How long a suspension may last before decertification, with its source."""

    period: Period
    source: str
    verified: bool
    note: str | None = None


#: What a corrective action still open past its deadline may lead to.
OVERDUE_CONSEQUENCES: tuple[str, ...] = ("suspended", "not_certified", "new_action")


@attrs.frozen
class OverduePolicy:
    """Per requirement type, what an overdue corrective action leads to."""

    consequences: Mapping[str, str]
    source: str
    verified: bool
    note: str | None = None


@attrs.frozen
class CertificationPolicy:
    """How results become a decision; every figure is data from the standard file."""

    source: str
    core_failure: str = "not_certified"
    core_failure_when_certified: str = "suspended"
    certified_from_year: int = 1
    waivable_types: tuple[str, ...] = ("major", "minor", "development")
    corrective_periods: Mapping[str, Period] = attrs.field(factory=dict)
    periods_verified: bool = False
    periods_note: str | None = None
    development_threshold: Decimal = Decimal("3.0")
    development_scale: tuple[int, int] = (1, 5)
    development_verified: bool = False
    development_note: str | None = None
    suspension: Suspension | None = None
    overdue: OverduePolicy | None = None


_REQ_KEYS = {
    "id",
    "category",
    "type",
    "title",
    "description",
    "source",
    "clause_verified",
    "due_from_year",
    "manual",
    "rule",
    "scope",
    "note",
}


_ID_LINE = re.compile(r'\s*id\s*=\s*"([^"]*)"\s*(#.*)?\Z')


@functools.lru_cache(maxsize=4)
def _line_index(text: str) -> tuple[list[str], dict[str, int]]:
    """The file's lines and, for each id, the line of its first ``id = "..."``: built
    once per file, so locating every rule of a large file stays linear."""
    lines = text.splitlines()
    first: dict[str, int] = {}
    for i, line in enumerate(lines):
        if "id" in line and (m := _ID_LINE.match(line)):
            first.setdefault(m.group(1), i)
    return lines, first


def _position(text: str, req_id: str, key: str) -> tuple[int, int]:
    """Line and column (1-based) of the value of ``key`` in requirement ``req_id``."""
    lines, first = _line_index(text)
    key_line = re.compile(r"(\s*" + re.escape(key) + r"\s*=\s*)(\"{1,3}|'{1,3})")
    start = first.get(req_id)
    if start is None:
        return 1, 1
    for i in range(start, len(lines)):
        if i > start and lines[i].strip().startswith("[["):
            break
        m = key_line.match(lines[i])
        if m:
            return i + 1, m.end() + 1
    return start + 1, 1


def _hint(word: str, choices: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"did you mean {close[0]}?" if close else None


def _compile(
    text: str,
    *,
    file_text: str,
    file: str,
    req_id: str,
    key: str,
    path: str,
    problems: list[FairminedError],
) -> Rule | None:
    line, column = _position(file_text, req_id, key)
    try:
        return compile_rule(
            text, RECORD_SCHEMA, Origin(file=file, line=line, column=column, requirement=req_id)
        )
    except RuleError as e:
        problems.append(
            type(e)(
                f"requirement {req_id}: {e.message}",
                file=file,
                line=e.line if e.line is not None else line,
                column=e.column if e.column is not None else column,
                path=path,
                hint=e.hint,
            )
        )
        return None


def read_requirements(
    value: object, file_text: str, file: str, problems: list[FairminedError]
) -> tuple[Requirement, ...]:
    """Read and check every ``[[requirements]]`` table, compiling their rules."""
    if not isinstance(value, list):
        problems.append(
            StandardFileError("requirements must be [[requirements]] tables", path="$.requirements")
        )
        return ()
    out: list[Requirement] = []
    seen: set[str] = set()
    for i, raw in enumerate(value):
        path = f"$.requirements[{i}]"
        if not isinstance(raw, dict):
            problems.append(StandardFileError("a requirement must be a table", path=path))
            continue
        before = len(problems)
        for key in sorted(set(raw) - _REQ_KEYS):
            problems.append(
                StandardFileError(
                    "unknown key", path=f"{path}.{key}", hint=_hint(key, tuple(sorted(_REQ_KEYS)))
                )
            )

        def text_of(
            key: str,
            *,
            required: bool = True,
            p: str = path,
            r: dict[str, Any] = raw,
        ) -> str | None:
            v = r.get(key)
            if v is None:
                if required:
                    problems.append(StandardFileError("required key is missing", path=f"{p}.{key}"))
                return None
            if not isinstance(v, str) or not v.strip():
                problems.append(StandardFileError("expected non-empty text", path=f"{p}.{key}"))
                return None
            return v

        req_id = text_of("id")
        if req_id is not None:
            if req_id in seen:
                problems.append(
                    StandardFileError(f"duplicate requirement id {req_id!r}", path=f"{path}.id")
                )
            seen.add(req_id)
        category = text_of("category")
        if category is not None and category not in CATEGORIES:
            problems.append(
                StandardFileError(
                    f"{category!r} is not a category; use one of {', '.join(CATEGORIES)}",
                    path=f"{path}.category",
                    hint=_hint(category, CATEGORIES),
                )
            )
        rtype = text_of("type")
        if rtype is not None and rtype not in REQUIREMENT_TYPES:
            problems.append(
                StandardFileError(
                    f"{rtype!r} is not a requirement type; use one of "
                    f"{', '.join(REQUIREMENT_TYPES)}",
                    path=f"{path}.type",
                    hint=_hint(rtype, REQUIREMENT_TYPES),
                )
            )
        title = text_of("title")
        description = text_of("description")
        source = text_of("source")
        note = text_of("note", required=False)
        verified = raw.get("clause_verified")
        if not isinstance(verified, bool):
            problems.append(
                StandardFileError(
                    "clause_verified must be true or false (is the clause number confirmed?)",
                    path=f"{path}.clause_verified",
                )
            )
        due = raw.get("due_from_year", 0)
        if isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= 50:
            problems.append(
                StandardFileError(
                    f"due_from_year must be a whole number from 0 to 50, not {due!r}",
                    path=f"{path}.due_from_year",
                )
            )
            due = 0
        manual = raw.get("manual", False)
        if not isinstance(manual, bool):
            problems.append(
                StandardFileError("manual must be true or false", path=f"{path}.manual")
            )
            manual = False
        rule_text = text_of("rule", required=False)
        if manual == (rule_text is not None or "rule" in raw):
            problems.append(
                StandardFileError('give exactly one of rule = "..." or manual = true', path=path)
            )
        if rtype == "development" and not manual:
            problems.append(
                StandardFileError(
                    "development requirements are scored by the auditor: use manual = true",
                    path=f"{path}.manual",
                )
            )
        scope_text = text_of("scope", required=False)
        rule = scope = None
        if req_id is not None:
            if rule_text is not None:
                rule = _compile(
                    rule_text,
                    file_text=file_text,
                    file=file,
                    req_id=req_id,
                    key="rule",
                    path=f"{path}.rule",
                    problems=problems,
                )
            if scope_text is not None:
                scope = _compile(
                    scope_text,
                    file_text=file_text,
                    file=file,
                    req_id=req_id,
                    key="scope",
                    path=f"{path}.scope",
                    problems=problems,
                )
        if len(problems) > before:
            continue
        out.append(
            Requirement(
                id=cast(str, req_id),
                category=cast(str, category),
                type=cast(RequirementType, rtype),
                title=cast(str, title),
                description=cast(str, description),
                source=cast(str, source),
                clause_verified=cast(bool, verified),
                due_from_year=due,
                manual=manual,
                rule_text=rule_text,
                rule=rule,
                scope_text=scope_text,
                scope=scope,
                note=note,
            )
        )
    _check_total_cost(out, problems)
    return tuple(out)


#: Most evaluation steps all the rules and scopes of one standard may take on
#: one record at the record format's size limits (each rule is bounded too, see
#: ``fairmined.rules``). A shipped standard takes about 4.2 million.
MAX_STANDARD_COST = 100_000_000


def _check_total_cost(reqs: list[Requirement], problems: list[FairminedError]) -> None:
    total = sum(r.cost for q in reqs for r in (q.rule, q.scope) if r is not None)
    if total > MAX_STANDARD_COST:
        problems.append(
            StandardFileError(
                f"the rules may take about {total:.1e} steps per record at the size limits, "
                f"at most {MAX_STANDARD_COST:.0e}",
                path="$.requirements",
                hint="fewer or cheaper rules: avoid repeating passes over the workers",
            )
        )


_CERT_KEYS = {
    "source",
    "core_failure",
    "core_failure_when_certified",
    "certified_from_year",
    "waivable_types",
    "corrective_action_periods",
    "development",
    "suspension",
    "overdue_actions",
}


def read_certification(value: object, problems: list[FairminedError]) -> CertificationPolicy | None:
    """Read and check the ``[certification]`` table."""
    path = "$.certification"
    if not isinstance(value, dict):
        problems.append(StandardFileError("certification must be a table", path=path))
        return None
    before = len(problems)
    for key in sorted(set(value) - _CERT_KEYS):
        problems.append(
            StandardFileError(
                "unknown key", path=f"{path}.{key}", hint=_hint(key, tuple(sorted(_CERT_KEYS)))
            )
        )
    source = value.get("source")
    if not isinstance(source, str) or not source:
        problems.append(StandardFileError("required key is missing", path=f"{path}.source"))
    for key in ("core_failure", "core_failure_when_certified"):
        v = value.get(key, "not_certified" if key == "core_failure" else "suspended")
        if v not in DECISIONS[1:]:
            problems.append(
                StandardFileError(f"{key} must be not_certified or suspended", path=f"{path}.{key}")
            )
    from_year = value.get("certified_from_year", 1)
    if isinstance(from_year, bool) or not isinstance(from_year, int) or from_year < 0:
        problems.append(
            StandardFileError(
                "certified_from_year must be a whole number >= 0",
                path=f"{path}.certified_from_year",
            )
        )
    waivable = value.get("waivable_types", ["major", "minor", "development"])
    if not isinstance(waivable, list) or any(t not in REQUIREMENT_TYPES for t in waivable):
        problems.append(
            StandardFileError(
                f"waivable_types must list types among {', '.join(REQUIREMENT_TYPES)}",
                path=f"{path}.waivable_types",
            )
        )
        waivable = []

    periods: dict[str, Period] = {}
    raw_periods = value.get("corrective_action_periods", {})
    ppath = f"{path}.corrective_action_periods"
    if not isinstance(raw_periods, dict):
        problems.append(StandardFileError("must be a table", path=ppath))
        raw_periods = {}
    for key, v in raw_periods.items():
        if key in ("verified", "note", "source"):
            continue
        if key not in REQUIREMENT_TYPES[1:]:
            problems.append(
                StandardFileError(
                    "periods are given for major, minor and development",
                    path=f"{ppath}.{key}",
                    hint=_hint(key, REQUIREMENT_TYPES),
                )
            )
            continue
        try:
            periods[key] = Period.parse(v)
        except ValueError as e:
            problems.append(StandardFileError(str(e), path=f"{ppath}.{key}"))
    for key in ("major", "minor"):
        if key not in periods and key not in raw_periods:
            problems.append(StandardFileError("required key is missing", path=f"{ppath}.{key}"))
    pverified = raw_periods.get("verified")
    pnote = raw_periods.get("note")
    if not isinstance(pverified, bool):
        problems.append(
            StandardFileError("verified must be true or false", path=f"{ppath}.verified")
        )
    elif not pverified and not isinstance(pnote, str):
        problems.append(
            StandardFileError(
                "unverified periods need a note saying what is unknown", path=f"{ppath}.note"
            )
        )

    dev = value.get("development", {})
    dpath = f"{path}.development"
    threshold = Decimal("3.0")
    scale = (1, 5)
    if not isinstance(dev, dict):
        problems.append(StandardFileError("must be a table", path=dpath))
        dev = {}
    raw_threshold = dev.get("threshold", "3.0")
    try:
        if not isinstance(raw_threshold, str):
            raise InvalidOperation
        threshold = Decimal(raw_threshold)
    except InvalidOperation:
        problems.append(
            StandardFileError(
                f'write the threshold as a quoted number such as "3.0", not {raw_threshold!r}',
                path=f"{dpath}.threshold",
            )
        )
    smin, smax = dev.get("scale_min", 1), dev.get("scale_max", 5)
    if not (isinstance(smin, int) and isinstance(smax, int) and 0 <= smin < smax):
        problems.append(
            StandardFileError(
                "scale_min and scale_max must be whole numbers with scale_min < scale_max",
                path=dpath,
            )
        )
    else:
        scale = (smin, smax)
        if not smin <= threshold <= smax:
            problems.append(
                StandardFileError("the threshold lies outside the scale", path=f"{dpath}.threshold")
            )
    dverified = dev.get("verified")
    dnote = dev.get("note")
    if not isinstance(dverified, bool):
        problems.append(
            StandardFileError("verified must be true or false", path=f"{dpath}.verified")
        )
    elif not dverified and not isinstance(dnote, str):
        problems.append(
            StandardFileError("an unverified threshold needs a note", path=f"{dpath}.note")
        )
    suspension = _read_suspension(value.get("suspension"), f"{path}.suspension", problems)
    overdue = _read_overdue(value.get("overdue_actions"), f"{path}.overdue_actions", problems)
    if len(problems) > before:
        return None
    return CertificationPolicy(
        suspension=suspension,
        overdue=overdue,
        source=cast(str, source),
        core_failure=value.get("core_failure", "not_certified"),
        core_failure_when_certified=value.get("core_failure_when_certified", "suspended"),
        certified_from_year=from_year,
        waivable_types=tuple(waivable),
        corrective_periods=periods,
        periods_verified=cast(bool, pverified),
        periods_note=pnote if isinstance(pnote, str) else None,
        development_threshold=threshold,
        development_scale=scale,
        development_verified=cast(bool, dverified),
        development_note=dnote if isinstance(dnote, str) else None,
    )


def _provenance(
    raw: dict[str, Any], path: str, problems: list[FairminedError]
) -> tuple[str, bool, str | None]:
    """The ``source``, ``verified`` and ``note`` every policy table carries."""
    source, verified, note = raw.get("source"), raw.get("verified"), raw.get("note")
    if not isinstance(source, str) or not source.strip():
        problems.append(StandardFileError("required key is missing", path=f"{path}.source"))
    if not isinstance(verified, bool):
        problems.append(
            StandardFileError("verified must be true or false", path=f"{path}.verified")
        )
    elif not verified and not isinstance(note, str):
        problems.append(StandardFileError("an unverified figure needs a note", path=f"{path}.note"))
    return str(source), verified is True, note if isinstance(note, str) else None


def _read_suspension(raw: object, path: str, problems: list[FairminedError]) -> Suspension | None:
    """``[certification.suspension]``: the longest a suspension may last."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(StandardFileError("must be a table", path=path))
        return None
    for key in sorted(set(raw) - {"max_period", "source", "verified", "note"}):
        problems.append(StandardFileError("unknown key", path=f"{path}.{key}"))
    source, verified, note = _provenance(raw, path, problems)
    try:
        period = Period.parse(raw.get("max_period"))
    except ValueError as e:
        problems.append(StandardFileError(str(e), path=f"{path}.max_period"))
        return None
    return Suspension(period, source, verified, note)


def _read_overdue(raw: object, path: str, problems: list[FairminedError]) -> OverduePolicy | None:
    """``[certification.overdue_actions]``: requirement type -> consequence."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(StandardFileError("must be a table", path=path))
        return None
    source, verified, note = _provenance(raw, path, problems)
    out: dict[str, str] = {}
    for key, v in raw.items():
        if key in ("source", "verified", "note"):
            continue
        if key not in REQUIREMENT_TYPES:
            problems.append(
                StandardFileError(
                    "not a requirement type",
                    path=f"{path}.{key}",
                    hint=_hint(key, REQUIREMENT_TYPES),
                )
            )
        elif v not in OVERDUE_CONSEQUENCES:
            problems.append(
                StandardFileError(
                    f"use one of {', '.join(OVERDUE_CONSEQUENCES)}", path=f"{path}.{key}"
                )
            )
        else:
            out[key] = v
    return OverduePolicy(out, source, verified, note)
