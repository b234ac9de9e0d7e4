"""Reading audit records: JSON text or a mapping, checked against the format."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

import attrs

from fairmined.errors import FairminedError, FileProblems, RecordError
from fairmined.files import read_bounded
from fairmined.model import Notice, repr_line, repr_of
from fairmined.records._schema import FORMAT_V1, FORMAT_V2, FORMATS, SCHEMAS
from fairmined.records._sense import sense_problems
from fairmined.records._v2 import (
    PreviousAction,
    Reference,
    derive,
    previous_actions,
    references,
    v2_problems,
)
from fairmined.records._workers import WorkerRegister, read_workers, with_register
from fairmined.rules import coerce

__all__ = ["MAX_BYTES", "MAX_DEPTH", "AuditRecord", "Finding", "Waiver", "load_record"]

#: Largest record file read, in bytes.
MAX_BYTES = 20_000_000
#: Deepest nesting of arrays and objects accepted.
MAX_DEPTH = 32


@attrs.frozen
class Finding:
    """An auditor's judgement on one requirement."""

    __repr__ = repr_of("requirement", "outcome", "standard", "score", "evidence")

    requirement: str
    outcome: Literal["pass", "fail"]
    evidence: str | None = None
    score: Decimal | None = None
    standard: str | None = None
    #: The certifier's own deadline for the corrective action, where it differs
    #: from the standard's default period (format 2).
    deadline: date | None = None
    date: date | None = None
    references: tuple[Reference, ...] = ()


@attrs.frozen
class Waiver:
    """An exemption from one requirement, valid until ``expires`` (inclusive)."""

    __repr__ = repr_of("requirement", "expires", "granted_by", "justification")

    requirement: str
    justification: str
    expires: date
    granted_by: str | None = None
    standard: str | None = None

    def valid_on(self, day: date) -> bool:
        return day <= self.expires


@attrs.frozen
class AuditRecord:
    """A checked audit record: the facts the rules read, plus findings and waivers.

    ``notes`` say how the record was read where it left something out (for
    example that ecological certification was not requested). ``sha256`` is
    the digest of the record's bytes as read (of its canonical JSON when built
    from a mapping), so a decision can be replayed.
    """

    facts: Mapping[str, object] = attrs.field(eq=False)
    findings: tuple[Finding, ...]
    waivers: tuple[Waiver, ...]
    audit_date: date
    certification_year: int | None
    standard: str | None
    sha256: str
    file: str | None = None
    notes: tuple[str, ...] = ()
    #: The same notes as data (codes ``ecological_not_requested``,
    #: ``legality_derived``, ``per_miner_per_day_derived``), for other languages.
    note_notices: tuple[Notice, ...] = ()

    def __repr__(self) -> str:
        return repr_line(
            "AuditRecord",
            file=self.file,
            standard=self.standard,
            audit_date=self.audit_date,
            findings=len(self.findings),
            sha256=self.sha256[:12] + "…",
        )

    format: str = FORMAT_V1
    previous_actions: tuple[PreviousAction, ...] = ()

    def finding(self, requirement: str, standard: str | None = None) -> Finding | None:
        """The finding for ``requirement`` that applies to ``standard``, if any.

        A finding naming a standard applies only to that standard; one naming
        none applies to every standard.
        """
        for f in self.findings:
            if f.requirement == requirement and f.standard in (None, standard):
                return f
        return None

    def waiver(self, requirement: str, standard: str | None = None) -> Waiver | None:
        """The waiver for ``requirement`` (and ``standard``) with the latest expiry, if any."""
        mine = [
            w
            for w in self.waivers
            if w.requirement == requirement and w.standard in (None, standard)
        ]
        return max(mine, key=lambda w: w.expires) if mine else None


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)  # in C; only a short dict means a key came twice
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise RecordError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return out


#: Most digits, and largest power of ten either way, of a number in a record:
#: no count, score or amount in an audit needs more, and bigger ones are typos.
MAX_NUMBER_DIGITS = 30


class _NumberTooLarge(RecordError):
    def __init__(self, literal: str) -> None:
        shown = literal if len(literal) <= 40 else f"{literal[:20]}...({len(literal)} characters)"
        super().__init__(
            f"the number {shown} is too large or too precise "
            f"(at most {MAX_NUMBER_DIGITS} digits and powers of ten up to {MAX_NUMBER_DIGITS})"
        )
        self.literal = literal


#: Longest number text that can hold an accepted value: a sign, "0.", 29 zeros and
#: 30 digits, or an exponent of at most four digits.
_MAX_NUMBER_TEXT = 2 * MAX_NUMBER_DIGITS + 3
_MAX_EXPONENT_TEXT = 5


def _number(literal: str) -> Decimal:
    # The text is bounded before Decimal() or any formatting sees it: a zero
    # with a billion-digit exponent is cheap to hold but not to print.
    mantissa, e, exponent = literal.partition("e") if "e" in literal else literal.partition("E")
    if len(mantissa) > _MAX_NUMBER_TEXT or len(exponent) > _MAX_EXPONENT_TEXT:
        raise _NumberTooLarge(literal)
    if not e and len(literal) <= MAX_NUMBER_DIGITS:
        return Decimal(literal)  # short and without exponent: within both limits
    value = Decimal(literal)
    digits = len(value.as_tuple().digits)
    if digits > MAX_NUMBER_DIGITS or abs(value.adjusted()) > MAX_NUMBER_DIGITS:
        raise _NumberTooLarge(literal)
    return value


def _position(text: str, needle: str) -> tuple[int | None, int | None]:
    at = text.find(needle)
    if at < 0:
        return None, None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _reject_constant(name: str) -> object:
    raise RecordError(f"{name} is not a number in JSON")


def _refuse_if_too_deep(data: object, file: str | None) -> None:
    too_deep = _depth(data, "$", MAX_DEPTH)
    if too_deep is not None:
        raise RecordError(f"nested deeper than {MAX_DEPTH} levels", file=file, path=too_deep)


def _depth(value: object, path: str, limit: int) -> str | None:
    """The path of the first value nested deeper than ``limit``, or None.

    Walks the containers level by level without naming them; only a record
    that is too deep is walked again for the path (:func:`_deep_path`).
    """
    containers = (dict, list, tuple)
    level: list[object] = [value] if isinstance(value, containers) else []
    depth = 0
    while level:
        if depth == limit:  # anything inside these is one level too deep
            return _deep_path(value, path, limit) if any(level) else None
        below: list[object] = []
        for item in level:
            values = item.values() if isinstance(item, dict) else item
            below += [v for v in values if isinstance(v, containers)]  # type: ignore[attr-defined]
        level = below
        depth += 1
    return None


def _deep_path(value: object, path: str, limit: int) -> str | None:
    """The path of the first value nested deeper than ``limit``, or None."""
    stack: list[tuple[object, str, int]] = [(value, path, 0)]
    while stack:
        item, where, depth = stack.pop()
        if depth > limit:
            return where
        if isinstance(item, Mapping):
            stack.extend((v, f"{where}.{k}", depth + 1) for k, v in item.items())
        elif isinstance(item, list | tuple):
            stack.extend((v, f"{where}[{i}]", depth + 1) for i, v in enumerate(item))
    return None


def _canonical(data: object) -> bytes:
    def default(value: object) -> object:
        if isinstance(value, Decimal | date):
            return str(value)
        raise TypeError(f"cannot hash a {type(value).__name__}")

    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), default=default, ensure_ascii=False
    ).encode("utf-8")


def parse_record_text(
    text: bytes | str,
    file: str | None = None,
    *,
    today: date | None = None,
    workers: WorkerRegister | None = None,
) -> AuditRecord:
    """Check and read one record from JSON text; ``file`` names it in errors.

    ``today`` (default: the system date) is the day an audit date may not pass.
    ``workers`` is a worker register whose rows are the record's workers.
    """
    if not isinstance(text, str | bytes):
        raise TypeError(f"a record's text is str or bytes, not {type(text).__name__}")
    try:
        raw = text.encode("utf-8") if isinstance(text, str) else text
    except UnicodeEncodeError as e:
        raise RecordError(
            f"the text holds an unpaired surrogate at character {e.start}", file=file
        ) from None
    if len(raw) > MAX_BYTES:
        raise RecordError(
            f"the record is {len(raw)} bytes, at most {MAX_BYTES} are read", file=file
        )
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RecordError(f"not UTF-8 text (byte {e.start})", file=file) from None
    try:
        data = json.loads(
            decoded,
            parse_float=_number,
            parse_int=_number,
            parse_constant=_reject_constant,
            object_pairs_hook=_reject_duplicates,
        )
    except json.JSONDecodeError as e:
        raise RecordError(
            f"not valid JSON: {e.msg}", file=file, line=e.lineno, column=e.colno
        ) from None
    except RecursionError:
        raise RecordError(f"nested deeper than {MAX_DEPTH} levels", file=file) from None
    except _NumberTooLarge as e:
        line, column = _position(decoded, e.literal)
        raise RecordError(e.message, file=file, line=line, column=column) from None
    except FairminedError as e:
        raise RecordError(e.message, file=file) from None
    return _build_with(data, file, hashlib.sha256(raw).hexdigest(), today, workers)


def _build_with(
    data: object, file: str | None, digest: str, today: date | None, workers: object
) -> AuditRecord:
    register = read_workers(workers) if isinstance(workers, str | Path) else workers
    if register is not None and not isinstance(register, WorkerRegister):
        raise TypeError(f"workers must be a path or a WorkerRegister, not {type(workers).__name__}")
    return with_register(lambda d, h: _build(d, file, h, today), data, digest, register, file)


def load_record(
    source: str | Path | Mapping[str, object],
    *,
    today: date | None = None,
    workers: str | Path | WorkerRegister | None = None,
) -> AuditRecord:
    """Load an audit record from a JSON file path or from an already parsed mapping.

    Every problem is reported at once as a :class:`~fairmined.errors.FileProblems`
    of :class:`~fairmined.errors.RecordError`, each naming the file and the
    path of the bad value (``$.workers[3].birth_date``). ``workers`` is a
    worker register (CSV or .xlsx, see :func:`read_workers`) whose rows are the
    record's workers; its problems name its row and column.
    """
    if isinstance(source, Mapping):
        data = dict(source)
        try:
            digest = hashlib.sha256(_canonical(data)).hexdigest()
        except (TypeError, ValueError) as e:
            raise RecordError(f"the record holds a value JSON cannot express: {e}") from None
        return _build_with(data, None, digest, today, workers)
    if not isinstance(source, str | Path):
        raise TypeError(f"a record is a path or a mapping, not {type(source).__name__}")
    raw = read_bounded(source, MAX_BYTES, what="the record", error=RecordError)
    register = read_workers(workers) if isinstance(workers, str | Path) else workers
    return parse_record_text(raw, str(source), today=today, workers=register)


def _build(data: object, file: str | None, digest: str, today: date | None) -> AuditRecord:
    if not isinstance(data, Mapping):
        raise RecordError("a record is a JSON object", file=file, path="$")
    fmt = data.get("format")
    if fmt not in FORMATS:
        _refuse_if_too_deep(data, file)
        raise RecordError(
            f'this library reads records with "format": {" or ".join(map(repr, FORMATS))}; '
            f"got {fmt!r}",
            file=file,
            path="$.format",
        )
    try:
        facts = coerce(dict(data), SCHEMAS[str(fmt)], file=file)
    except FileProblems:
        # A record the schema accepts is as shallow as the schema: look only now.
        _refuse_if_too_deep(data, file)
        raise
    problems: list[FairminedError] = []
    findings = _read_findings(facts, file, problems)
    for name, items in facts.items():
        # Ids of listed things (workers, sites, ...) name them in explanations:
        # two with one id would make a finding ambiguous.
        if _distinct_ids(items):
            continue
        ids: dict[object, int] = {}
        for i, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, Mapping) or item.get("id") is None:
                continue
            if item["id"] in ids:
                problems.append(
                    RecordError(
                        f"duplicate id {item['id']!r} (the first is $.{name}[{ids[item['id']]}])",
                        file=file,
                        path=f"$.{name}[{i}].id",
                    )
                )
            else:
                ids[item["id"]] = i
    waivers = _read_waivers(facts, file, problems)
    audit = facts["audit"]
    assert isinstance(audit, Mapping)
    audit_date = audit["date"]
    assert isinstance(audit_date, date)
    problems += sense_problems(facts, audit_date, file, today or date.today())
    if fmt == FORMAT_V2:
        problems += v2_problems(facts, audit_date, file)
    if problems:
        raise FileProblems(problems, file=file)
    notices = _defaults(audit)
    if fmt == FORMAT_V2:
        notices += derive(facts, audit_date)
    year = audit.get("certification_year")
    standard = facts.get("standard")
    return AuditRecord(
        facts=facts,
        findings=findings,
        waivers=waivers,
        audit_date=audit_date,
        certification_year=int(year) if isinstance(year, Decimal) else None,
        standard=standard if isinstance(standard, str) else None,
        sha256=digest,
        file=file,
        notes=tuple(n.text for n in notices),
        note_notices=notices,
        format=str(fmt),
        previous_actions=previous_actions(facts),
    )


def _distinct_ids(items: object) -> bool:
    """True when no two dict items of a list share an id: the common case, checked in C."""
    if not isinstance(items, list):
        return True
    ids = [item.get("id") for item in items if type(item) is dict]
    if len(ids) != len(items):
        return False  # not all plain dicts: let the full check look
    ids = [i for i in ids if i is not None] if None in ids else ids
    return len(set(ids)) == len(ids)


def _items(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, Mapping)]


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _duplicate(
    kind: str, raw: Mapping[str, object], i: int, seen: dict[str, int], file: str | None
) -> RecordError | None:
    """A second item of ``kind`` for one requirement (and standard tag) is refused."""
    req = str(raw["requirement"])
    key = f"{_opt_str(raw.get('standard')) or ''}\x00{req}"
    if key in seen:
        return RecordError(
            f"a second {kind[:-1]} for {req!r} (the first is $.{kind}[{seen[key]}])",
            file=file,
            path=f"$.{kind}[{i}].requirement",
        )
    seen[key] = i
    return None


def _read_findings(
    facts: Mapping[str, object], file: str | None, problems: list[FairminedError]
) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(_items(facts.get("findings"))):
        twice = _duplicate("findings", raw, i, seen, file)
        if twice is not None:
            problems.append(twice)
            continue
        score = raw.get("score")
        findings.append(
            Finding(
                requirement=str(raw["requirement"]),
                outcome="pass" if raw["outcome"] == "pass" else "fail",
                evidence=_opt_str(raw.get("evidence")),
                score=score if isinstance(score, Decimal) else None,
                standard=_opt_str(raw.get("standard")),
                deadline=_opt_date(raw.get("deadline")),
                date=_opt_date(raw.get("date")),
                references=references(raw.get("references")),
            )
        )
    return tuple(findings)


def _read_waivers(
    facts: Mapping[str, object], file: str | None, problems: list[FairminedError]
) -> tuple[Waiver, ...]:
    waivers: list[Waiver] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(_items(facts.get("waivers"))):
        twice = _duplicate("waivers", raw, i, seen, file)
        if twice is not None:
            problems.append(twice)
            continue
        expires = raw["expires"]
        assert isinstance(expires, date)
        waivers.append(
            Waiver(
                requirement=str(raw["requirement"]),
                justification=str(raw["justification"]),
                expires=expires,
                granted_by=_opt_str(raw.get("granted_by")),
                standard=_opt_str(raw.get("standard")),
            )
        )
    return tuple(waivers)


#: Said in every output when ``audit.ecological`` is absent.
ECOLOGICAL_NOT_REQUESTED = (
    "audit.ecological is absent: ecological certification was not requested, "
    "so the ecological requirements do not apply"
)


def _defaults(audit: Mapping[str, object]) -> tuple[Notice, ...]:
    """What an absent key means, said in every output.

    The facts stay as given: the standards' ecological scopes read an absent
    ``audit.ecological`` as not requested (``present(...) and ...``).
    """
    if "ecological" in audit:
        return ()
    return (Notice("ecological_not_requested", {}, ECOLOGICAL_NOT_REQUESTED),)


def _opt_date(value: object) -> date | None:
    return value if isinstance(value, date) else None
