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
from typing import Any, cast

import attrs
from dateutil.relativedelta import relativedelta

from fairmined.errors import FairminedError, RuleError, StandardFileError
from fairmined.model import repr_of
from fairmined.records import RECORD_SCHEMA
from fairmined.rules import Origin, Rule, compile_rule
from fairmined.standards._provenance import (
    Provenance,
    SourceDocument,
    legacy_provenance,
    read_provenance,
)

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
    "TypeDefinition",
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
#: The requirement types of a format-1 file, which cannot declare its own.
REQUIREMENT_TYPES: tuple[str, ...] = ("core", "major", "minor", "development")
#: The decision vocabulary.
DECISIONS: tuple[str, ...] = ("certified", "not_certified", "suspended")
#: When a type's requirements may fall due: at entry only, in a later year only, or either.
DUE_KINDS: tuple[str, ...] = ("entry", "later", "any")

_PERIOD = re.compile(r"\s*([0-9]{1,4})\s+(day|days|week|weeks|month|months|year|years)\s*\Z")


@attrs.frozen
class Period:
    """A span such as ``3 months``, kept with its text for display."""

    __repr__ = repr_of("text")

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

    __repr__ = repr_of("id", "type", "category", "title")

    id: str
    category: str
    type: str
    title: str
    description: str
    provenance: Provenance
    due_from_year: int = 0
    manual: bool = False
    rule_text: str | None = None
    rule: Rule | None = attrs.field(default=None, eq=False, repr=False)
    scope_text: str | None = None
    scope: Rule | None = attrs.field(default=None, eq=False, repr=False)
    note: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """Where the requirement rests, in one line (document and locator)."""
        return self.provenance.cite()

    @property
    def clause_verified(self) -> bool:
        """True when the clause number and text were confirmed in a public copy."""
        return self.provenance.is_clause


@attrs.frozen
class TypeDefinition:
    """One requirement type of a scheme and what follows from it.

    ``label`` is the scheme's own name for the type ("minimum requirement"),
    shown in every output. A failed or unassessed requirement of a type that
    ``blocks_certification`` decides the certification; ``corrective_action``
    gives it an action with the type's period; a ``scored`` type is scored by
    the auditor and counted in the development average; ``waivable`` says
    whether a waiver may exempt it; ``due`` restricts ``due_from_year``
    (``entry``: 0 only; ``later``: 1 or more).
    """

    __repr__ = repr_of("name", "label", "blocks_certification", "corrective_action")

    name: str
    label: str
    blocks_certification: bool = False
    corrective_action: bool = False
    scored: bool = False
    waivable: bool = False
    due: str = "any"
    provenance: Provenance | None = None


def _legacy_types(waivable: tuple[str, ...]) -> dict[str, TypeDefinition]:
    """The four types every format-1 file shares, with their old behaviour."""
    return {
        "core": TypeDefinition("core", "core", blocks_certification=True),
        "major": TypeDefinition("major", "major", corrective_action=True),
        "minor": TypeDefinition("minor", "minor", corrective_action=True),
        "development": TypeDefinition(
            "development", "development", corrective_action=True, scored=True
        ),
    } | {
        name: TypeDefinition(
            name,
            name,
            blocks_certification=name == "core",
            corrective_action=name != "core",
            scored=name == "development",
            waivable=True,
        )
        for name in waivable
        if name in REQUIREMENT_TYPES
    }


@attrs.frozen
class Suspension:
    """How long a suspension may last before decertification, with its source."""

    __repr__ = repr_of("period", "verified")

    period: Period
    source: str
    verified: bool
    note: str | None = None
    provenance: Provenance | None = None


#: What a corrective action still open past its deadline may lead to.
OVERDUE_CONSEQUENCES: tuple[str, ...] = ("suspended", "not_certified", "new_action")


@attrs.frozen
class OverduePolicy:
    """Per requirement type, what an overdue corrective action leads to."""

    __repr__ = repr_of("consequences", "verified")

    consequences: Mapping[str, str]
    source: str
    verified: bool
    note: str | None = None
    provenance: Provenance | None = None


@attrs.frozen
class CertificationPolicy:
    """How results become a decision; every figure is data from the standard file."""

    __repr__ = repr_of("core_failure", "certified_from_year", "types", "development_threshold")

    source: str
    core_failure: str = "not_certified"
    core_failure_when_certified: str = "suspended"
    certified_from_year: int = 1
    types: Mapping[str, TypeDefinition] = attrs.field(factory=dict)
    provenance: Provenance | None = None
    periods_provenance: Provenance | None = None
    development_provenance: Provenance | None = None
    corrective_periods: Mapping[str, Period] = attrs.field(factory=dict)
    periods_verified: bool = False
    periods_note: str | None = None
    development_threshold: Decimal = Decimal("3.0")
    development_scale: tuple[int, int] = (1, 5)
    development_verified: bool = False
    development_note: str | None = None
    suspension: Suspension | None = None
    overdue: OverduePolicy | None = None

    @property
    def waivable_types(self) -> tuple[str, ...]:
        return tuple(n for n, t in self.types.items() if t.waivable)

    def type_of(self, requirement: Requirement) -> TypeDefinition:
        """The definition of ``requirement``'s type (checked when the file loaded)."""
        return self.types[requirement.type]

    def label(self, type_name: str) -> str:
        """The scheme's own name for a type."""
        t = self.types.get(type_name)
        return t.label if t is not None else type_name


_REQ_KEYS_V1 = {
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
_REQ_KEYS_V2 = (_REQ_KEYS_V1 - {"source", "clause_verified"}) | {"provenance", "aliases"}


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


@attrs.frozen
class FileContext:
    """What reading one requirement needs from the rest of its file."""

    file_text: str
    file: str
    problems: list[FairminedError]
    version: int = 1
    documents: Mapping[str, SourceDocument] = attrs.field(factory=dict)
    types: Mapping[str, TypeDefinition] | None = None


def _text_of(
    raw: Mapping[str, Any], key: str, path: str, problems: list[FairminedError], *, required: bool
) -> str | None:
    v = raw.get(key)
    if v is None:
        if required:
            problems.append(StandardFileError("required key is missing", path=f"{path}.{key}"))
        return None
    if not isinstance(v, str) or not v.strip():
        problems.append(StandardFileError("expected non-empty text", path=f"{path}.{key}"))
        return None
    return v


def _requirement_provenance(
    raw: Mapping[str, Any], path: str, ctx: FileContext
) -> Provenance | None:
    """Format 2: the ``provenance`` table; format 1: ``source`` and ``clause_verified``."""
    if ctx.version >= 2:
        return read_provenance(
            raw.get("provenance"), f"{path}.provenance", ctx.documents, ctx.problems
        )
    source = _text_of(raw, "source", path, ctx.problems, required=True)
    verified = raw.get("clause_verified")
    if not isinstance(verified, bool):
        ctx.problems.append(
            StandardFileError(
                "clause_verified must be true or false (is the clause number confirmed?)",
                path=f"{path}.clause_verified",
            )
        )
        return None
    if source is None:
        return None
    return legacy_provenance(source, "clause" if verified else "project")


def _requirement_type(raw: Mapping[str, Any], path: str, ctx: FileContext) -> TypeDefinition | None:
    rtype = _text_of(raw, "type", path, ctx.problems, required=True)
    if rtype is None:
        return None
    types = ctx.types if ctx.types is not None else _legacy_types(REQUIREMENT_TYPES)
    if rtype not in types:
        names = tuple(types)
        ctx.problems.append(
            StandardFileError(
                f"{rtype!r} is not a requirement type of this standard; use one of "
                f"{', '.join(names)}",
                path=f"{path}.type",
                hint=_hint(rtype, names),
            )
        )
        return None
    return types[rtype]


def _aliases(raw: Mapping[str, Any], path: str, ctx: FileContext) -> tuple[str, ...]:
    value = raw.get("aliases", [])
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        ctx.problems.append(
            StandardFileError(
                'aliases must be a list of former ids such as ["6.1.2"]', path=f"{path}.aliases"
            )
        )
        return ()
    return tuple(value)


def _due(raw: Mapping[str, Any], path: str, kind: TypeDefinition | None, ctx: FileContext) -> int:
    due = raw.get("due_from_year", 0)
    if isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= 50:
        ctx.problems.append(
            StandardFileError(
                f"due_from_year must be a whole number from 0 to 50, not {due!r}",
                path=f"{path}.due_from_year",
            )
        )
        return 0
    if kind is not None and kind.due == "entry" and due != 0:
        ctx.problems.append(
            StandardFileError(
                f"a {kind.label} is due at entry: due_from_year must be 0",
                path=f"{path}.due_from_year",
            )
        )
    if kind is not None and kind.due == "later" and due == 0:
        ctx.problems.append(
            StandardFileError(
                f"a {kind.label} falls due in a later year: give due_from_year >= 1",
                path=f"{path}.due_from_year",
            )
        )
    return due


def _rules(
    raw: Mapping[str, Any],
    path: str,
    req_id: str | None,
    kind: TypeDefinition | None,
    ctx: FileContext,
) -> tuple[bool, str | None, Rule | None, str | None, Rule | None]:
    """``manual``, the rule and the scope, compiled."""
    problems = ctx.problems
    manual = raw.get("manual", False)
    if not isinstance(manual, bool):
        problems.append(StandardFileError("manual must be true or false", path=f"{path}.manual"))
        manual = False
    rule_text = _text_of(raw, "rule", path, problems, required=False)
    if manual == (rule_text is not None or "rule" in raw):
        problems.append(
            StandardFileError('give exactly one of rule = "..." or manual = true', path=path)
        )
    if kind is not None and kind.scored and not manual:
        problems.append(
            StandardFileError(
                f"{kind.label} requirements are scored by the auditor: use manual = true",
                path=f"{path}.manual",
            )
        )
    scope_text = _text_of(raw, "scope", path, problems, required=False)
    compiled: dict[str, Rule | None] = {"rule": None, "scope": None}
    for key, text in (("rule", rule_text), ("scope", scope_text)):
        if req_id is not None and text is not None:
            compiled[key] = _compile(
                text,
                file_text=ctx.file_text,
                file=ctx.file,
                req_id=req_id,
                key=key,
                path=f"{path}.{key}",
                problems=problems,
            )
    return manual, rule_text, compiled["rule"], scope_text, compiled["scope"]


def _read_requirement(raw: dict[str, Any], path: str, ctx: FileContext) -> Requirement | None:
    problems = ctx.problems
    before = len(problems)
    keys = _REQ_KEYS_V2 if ctx.version >= 2 else _REQ_KEYS_V1
    for key in sorted(set(raw) - keys):
        hint = _hint(key, tuple(sorted(keys)))
        if key in ("source", "clause_verified") and ctx.version >= 2:
            hint = "format 2 replaces source and clause_verified with provenance = {...}"
        problems.append(StandardFileError("unknown key", path=f"{path}.{key}", hint=hint))
    req_id = _text_of(raw, "id", path, problems, required=True)
    category = _text_of(raw, "category", path, problems, required=True)
    if category is not None and category not in CATEGORIES:
        problems.append(
            StandardFileError(
                f"{category!r} is not a category; use one of {', '.join(CATEGORIES)}",
                path=f"{path}.category",
                hint=_hint(category, CATEGORIES),
            )
        )
    kind = _requirement_type(raw, path, ctx)
    title = _text_of(raw, "title", path, problems, required=True)
    description = _text_of(raw, "description", path, problems, required=True)
    note = _text_of(raw, "note", path, problems, required=False)
    provenance = _requirement_provenance(raw, path, ctx)
    aliases = _aliases(raw, path, ctx)
    due = _due(raw, path, kind, ctx)
    manual, rule_text, rule, scope_text, scope = _rules(raw, path, req_id, kind, ctx)
    if len(problems) > before:
        return None
    return Requirement(
        id=cast(str, req_id),
        category=cast(str, category),
        type=cast(TypeDefinition, kind).name,
        title=cast(str, title),
        description=cast(str, description),
        provenance=cast(Provenance, provenance),
        due_from_year=due,
        manual=manual,
        rule_text=rule_text,
        rule=rule,
        scope_text=scope_text,
        scope=scope,
        note=note,
        aliases=aliases,
    )


def read_requirements(value: object, ctx: FileContext) -> tuple[Requirement, ...]:
    """Read and check every ``[[requirements]]`` table, compiling their rules."""
    problems = ctx.problems
    if not isinstance(value, list):
        problems.append(
            StandardFileError("requirements must be [[requirements]] tables", path="$.requirements")
        )
        return ()
    out: list[Requirement] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(value):
        path = f"$.requirements[{i}]"
        if not isinstance(raw, dict):
            problems.append(StandardFileError("a requirement must be a table", path=path))
            continue
        for name, key in [(raw.get("id"), "id")] + [(a, "aliases") for a in _raw_aliases(raw)]:
            if not isinstance(name, str):
                continue
            if name in seen:
                problems.append(
                    StandardFileError(
                        f"duplicate requirement id {name!r} (already used as {seen[name]})",
                        path=f"{path}.{key}",
                    )
                )
            seen[name] = "an id" if key == "id" else "an alias"
        req = _read_requirement(raw, path, ctx)
        if req is not None:
            out.append(req)
    _check_total_cost(out, ctx.problems)
    return tuple(out)


def _raw_aliases(raw: Mapping[str, Any]) -> list[object]:
    value = raw.get("aliases", [])
    return list(value) if isinstance(value, list) else []


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


_CERT_KEYS_V1 = {
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
_CERT_KEYS_V2 = (_CERT_KEYS_V1 - {"waivable_types"}) | {"provenance", "types"}
_TYPE_FLAGS = ("blocks_certification", "corrective_action", "scored", "waivable")
_TYPE_KEYS = {"label", "due", "provenance", *_TYPE_FLAGS}


def _unknown_keys(
    raw: Mapping[str, Any], known: set[str], path: str, problems: list[FairminedError]
) -> None:
    for key in sorted(set(raw) - known):
        problems.append(
            StandardFileError(
                "unknown key", path=f"{path}.{key}", hint=_hint(key, tuple(sorted(known)))
            )
        )


def _read_type(name: str, raw: object, ctx: FileContext) -> TypeDefinition | None:
    path = f"$.certification.types.{name}"
    problems = ctx.problems
    if not isinstance(raw, dict):
        problems.append(StandardFileError("a type must be a table", path=path))
        return None
    before = len(problems)
    _unknown_keys(raw, _TYPE_KEYS, path, problems)
    label = _text_of(raw, "label", path, problems, required=True)
    flags = {}
    for key in _TYPE_FLAGS:
        v = raw.get(key)
        if not isinstance(v, bool):
            problems.append(StandardFileError("must be true or false", path=f"{path}.{key}"))
        flags[key] = v is True
    due = raw.get("due", "any")
    if due not in DUE_KINDS:
        problems.append(
            StandardFileError(f"due must be one of {', '.join(DUE_KINDS)}", path=f"{path}.due")
        )
    prov = read_provenance(raw.get("provenance"), f"{path}.provenance", ctx.documents, problems)
    if len(problems) > before:
        return None
    return TypeDefinition(name=name, label=cast(str, label), due=due, provenance=prov, **flags)


def _read_types(value: Mapping[str, Any], ctx: FileContext) -> dict[str, TypeDefinition] | None:
    """Format 2: the scheme's own ``[certification.types.<name>]``; format 1: the old four."""
    if ctx.version < 2:
        waivable = value.get("waivable_types", ["major", "minor", "development"])
        if not isinstance(waivable, list) or any(t not in REQUIREMENT_TYPES for t in waivable):
            ctx.problems.append(
                StandardFileError(
                    f"waivable_types must list types among {', '.join(REQUIREMENT_TYPES)}",
                    path="$.certification.waivable_types",
                )
            )
            waivable = []
        return _legacy_types(tuple(waivable))
    raw = value.get("types")
    if not isinstance(raw, dict) or not raw:
        ctx.problems.append(
            StandardFileError(
                "declare the scheme's requirement types as [certification.types.<name>] tables",
                path="$.certification.types",
            )
        )
        return None
    types = {name: _read_type(name, t, ctx) for name, t in raw.items()}
    if any(t is None for t in types.values()):
        return None
    return cast(dict[str, TypeDefinition], types)


def _verified_and_note(
    raw: Mapping[str, Any], path: str, what: str, ctx: FileContext
) -> tuple[bool, str | None, Provenance | None]:
    """The ``verified``/``note`` pair of a policy figure, and its provenance (format 2)."""
    verified = raw.get("verified")
    note = raw.get("note")
    if not isinstance(verified, bool):
        ctx.problems.append(
            StandardFileError("verified must be true or false", path=f"{path}.verified")
        )
        verified = False
    elif not verified and not isinstance(note, str):
        ctx.problems.append(StandardFileError(what, path=f"{path}.note"))
    prov = None
    if ctx.version >= 2:
        prov = read_provenance(
            raw.get("provenance"),
            f"{path}.provenance",
            ctx.documents,
            ctx.problems,
            verified=verified,
        )
    return verified, note if isinstance(note, str) else None, prov


def _read_periods(
    value: Mapping[str, Any], types: Mapping[str, TypeDefinition] | None, ctx: FileContext
) -> tuple[dict[str, Period], bool, str | None, Provenance | None]:
    problems = ctx.problems
    raw = value.get("corrective_action_periods", {})
    path = "$.certification.corrective_action_periods"
    if not isinstance(raw, dict):
        problems.append(StandardFileError("must be a table", path=path))
        raw = {}
    periods: dict[str, Period] = {}
    known = tuple(types or ())
    for key, v in raw.items():
        if key in ("verified", "note", "source", "provenance"):
            continue
        if types is not None and key not in types:
            problems.append(
                StandardFileError(
                    f"{key!r} is not a requirement type of this standard",
                    path=f"{path}.{key}",
                    hint=_hint(key, known),
                )
            )
            continue
        try:
            periods[key] = Period.parse(v)
        except ValueError as e:
            problems.append(StandardFileError(str(e), path=f"{path}.{key}"))
    if ctx.version < 2:
        needed: tuple[str, ...] = ("major", "minor")
    else:
        needed = tuple(n for n, t in (types or {}).items() if t.corrective_action and not t.scored)
    for key in needed:
        if key not in periods and key not in raw:
            problems.append(StandardFileError("required key is missing", path=f"{path}.{key}"))
    verified, note, prov = _verified_and_note(
        raw, path, "unverified periods need a note saying what is unknown", ctx
    )
    return periods, verified, note, prov


def _read_development(
    value: Mapping[str, Any], ctx: FileContext, *, needed: bool
) -> tuple[Decimal, tuple[int, int], bool, str | None, Provenance | None]:
    problems = ctx.problems
    dev = value.get("development", {})
    dpath = "$.certification.development"
    threshold = Decimal("3.0")
    scale = (1, 5)
    if not isinstance(dev, dict):
        problems.append(StandardFileError("must be a table", path=dpath))
        dev = {}
    if not dev and not needed:
        return threshold, scale, True, None, None
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
    verified, note, prov = _verified_and_note(
        dev, dpath, "an unverified threshold needs a note", ctx
    )
    return threshold, scale, verified, note, prov


def read_certification(value: object, ctx: FileContext) -> CertificationPolicy | None:
    """Read and check the ``[certification]`` table."""
    path = "$.certification"
    problems = ctx.problems
    if not isinstance(value, dict):
        problems.append(StandardFileError("certification must be a table", path=path))
        return None
    before = len(problems)
    _unknown_keys(value, _CERT_KEYS_V2 if ctx.version >= 2 else _CERT_KEYS_V1, path, problems)
    source = value.get("source")
    if not isinstance(source, str) or not source:
        problems.append(StandardFileError("required key is missing", path=f"{path}.source"))
    prov = None
    if ctx.version >= 2:
        prov = read_provenance(
            value.get("provenance"), f"{path}.provenance", ctx.documents, problems
        )
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
    types = _read_types(value, ctx)
    periods, pverified, pnote, pprov = _read_periods(value, types, ctx)
    scored = ctx.version < 2 or any(t.scored for t in (types or {}).values())
    threshold, scale, dverified, dnote, dprov = _read_development(value, ctx, needed=scored)
    suspension = _read_suspension(value.get("suspension"), f"{path}.suspension", ctx)
    overdue = _read_overdue(value.get("overdue_actions"), f"{path}.overdue_actions", types, ctx)
    if len(problems) > before or types is None:
        return None
    return CertificationPolicy(
        suspension=suspension,
        overdue=overdue,
        source=cast(str, source),
        core_failure=value.get("core_failure", "not_certified"),
        core_failure_when_certified=value.get("core_failure_when_certified", "suspended"),
        certified_from_year=from_year,
        types=types,
        provenance=prov if prov is not None else legacy_provenance(cast(str, source), "project"),
        periods_provenance=pprov,
        development_provenance=dprov,
        corrective_periods=periods,
        periods_verified=pverified,
        periods_note=pnote,
        development_threshold=threshold,
        development_scale=scale,
        development_verified=dverified,
        development_note=dnote,
    )


def _policy_source(
    raw: dict[str, Any], path: str, ctx: FileContext
) -> tuple[str, bool, str | None, Provenance | None]:
    """The ``source``, ``verified``, ``note`` (and, format 2, ``provenance``) of a policy table."""
    problems = ctx.problems
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        problems.append(StandardFileError("required key is missing", path=f"{path}.source"))
    verified, note, prov = _verified_and_note(raw, path, "an unverified figure needs a note", ctx)
    return str(source), verified, note, prov


def _read_suspension(raw: object, path: str, ctx: FileContext) -> Suspension | None:
    """``[certification.suspension]``: the longest a suspension may last."""
    problems = ctx.problems
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(StandardFileError("must be a table", path=path))
        return None
    known = {"max_period", "source", "verified", "note"} | (
        {"provenance"} if ctx.version >= 2 else set()
    )
    for key in sorted(set(raw) - known):
        problems.append(StandardFileError("unknown key", path=f"{path}.{key}"))
    source, verified, note, prov = _policy_source(raw, path, ctx)
    try:
        period = Period.parse(raw.get("max_period"))
    except ValueError as e:
        problems.append(StandardFileError(str(e), path=f"{path}.max_period"))
        return None
    return Suspension(period, source, verified, note, prov)


def _read_overdue(
    raw: object, path: str, types: Mapping[str, TypeDefinition] | None, ctx: FileContext
) -> OverduePolicy | None:
    """``[certification.overdue_actions]``: requirement type -> consequence."""
    problems = ctx.problems
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(StandardFileError("must be a table", path=path))
        return None
    source, verified, note, prov = _policy_source(raw, path, ctx)
    names = tuple(types) if types is not None else REQUIREMENT_TYPES
    out: dict[str, str] = {}
    for key, v in raw.items():
        if key in ("source", "verified", "note", "provenance"):
            continue
        if key not in names:
            problems.append(
                StandardFileError(
                    "not a requirement type of this standard",
                    path=f"{path}.{key}",
                    hint=_hint(key, names),
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
    return OverduePolicy(out, source, verified, note, prov)
