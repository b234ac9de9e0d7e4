"""Evaluating an audit record against a standard's requirements, and deciding.

Each requirement gets exactly one status:

``not_applicable``
    not due in this certification year, or its scope rule is false;
``not_assessed``
    the facts or the auditor's finding needed are missing (never a silent pass);
``waived``
    a waiver valid on the audit date exempts it (an expired waiver is ignored,
    and a waiver can only exempt the types the standard's policy allows);
``pass`` / ``fail``
    decided by the rule, or by the auditor's finding for a manual requirement.

A finding recorded for a rule requirement is combined with the rule this way:
a failing rule stays failed (the finding is shown); a passing rule becomes a
failure when the auditor recorded ``fail`` (the auditor saw something the facts
do not show); an unknown rule (facts missing) is decided by the finding.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

from fairmined.audit._followup import FollowUp, follow_up
from fairmined.errors import FairminedError, FileProblems, RecordError
from fairmined.model import Notice, document_of, repr_line, repr_of, shorten
from fairmined.records import AuditRecord, Finding, PreviousAction, Waiver
from fairmined.rules import Decided, Deciding, Evidence, Rule, listing
from fairmined.standards import (
    SHIPPED_STANDARDS,
    CertificationPolicy,
    Requirement,
    Standard,
    load_standard,
)

__all__ = [
    "STATUSES",
    "AliasNotice",
    "CorrectiveAction",
    "Development",
    "Evaluation",
    "EvidenceItem",
    "Result",
    "evaluate",
]

#: The arguments of a result whose code needs none (shared, read-only).
_NO_ARGS: Mapping[str, object] = MappingProxyType({})

Status = Literal["pass", "fail", "not_applicable", "not_assessed", "waived"]
#: Every status, in display order.
STATUSES: tuple[Status, ...] = ("pass", "fail", "not_applicable", "not_assessed", "waived")


EvidenceItem = Evidence

#: How many offending items (workers, permits...) of each quantifier a rule's result
#: names by id (``Result.deciding``, with their count); every one is worded when an
#: output reads ``Result.evidence``.
EAGER_ITEMS = 5

_Words = tuple[str, tuple[EvidenceItem, ...], tuple[str, ...]]


class _Why:
    """A result's words (sentence, evidence, missing facts), made when first read, then kept.

    Each kind keeps what its words need in slots of its own, not in a tuple of
    arguments: one object fewer per result for the garbage collector to visit.
    """

    __slots__ = ("_words",)
    _words: _Words | None

    def words(self) -> _Words:
        words = self._words
        if words is None:
            words = self._words = self._make()
        return words

    def _make(self) -> _Words:
        raise NotImplementedError


class _ScopeWhy(_Why):
    """An out-of-scope result's evidence, from the scope's explanation."""

    __slots__ = ("_ctx", "_req", "_text")

    def __init__(self, req: Requirement, ctx: _Context, text: str) -> None:
        self._words = None
        self._req = req
        self._ctx = ctx
        self._text = text

    def _make(self) -> _Words:
        scope = self._req.scope
        assert scope is not None
        return self._text, scope.explain(self._ctx.record.facts).evidence, ()


class _RuleWords(_Why):
    """A rule result's words, from the rule's explanation (cached by the values it reads)."""

    __slots__ = ("_code", "_ctx", "_finding", "_ignored", "_req")

    def __init__(
        self, req: Requirement, ctx: _Context, ignored: _Prefix, finding: Finding | None, code: str
    ) -> None:
        self._words = None
        self._req = req
        self._ctx = ctx
        self._ignored = ignored
        self._finding = finding
        self._code = code

    def _make(self) -> _Words:
        return _rule_words(self._req, self._ctx, self._ignored, self._finding, self._code, None)


class _RuleWhy(_RuleWords):
    """A quantified rule's words and deciding items, found when first read, then kept.

    The status comes from the compiled rule (:attr:`Rule.evaluate`, which stops
    at the first offending item); the pass that counts every offending item and
    names the first :data:`EAGER_ITEMS` (:meth:`Rule.decide`) runs only when an
    output reads ``Result.deciding``, ``explanation``, ``evidence`` or ``missing``,
    and its words reuse that pass.
    """

    __slots__ = ("_decided",)

    def __init__(
        self, req: Requirement, ctx: _Context, ignored: _Prefix, finding: Finding | None, code: str
    ) -> None:
        super().__init__(req, ctx, ignored, finding, code)
        self._decided: Decided | None = None

    def decided(self) -> Decided:
        decided = self._decided
        if decided is None:
            rule = self._req.rule
            assert rule is not None
            decided = self._decided = rule.decide(self._ctx.record.facts, EAGER_ITEMS)
        return decided

    def _make(self) -> _Words:
        return _rule_words(
            self._req, self._ctx, self._ignored, self._finding, self._code, self.decided()
        )


def _text(v: str | _Why) -> str:
    return v.words()[0] if isinstance(v, _Why) else v


def _items(v: tuple[EvidenceItem, ...] | _Why) -> tuple[EvidenceItem, ...]:
    return v.words()[1] if isinstance(v, _Why) else v


def _facts(v: tuple[str, ...] | _Why) -> tuple[str, ...]:
    return v.words()[2] if isinstance(v, _Why) else v


def _deciding(v: tuple[Deciding, ...] | _RuleWhy) -> tuple[Deciding, ...]:
    return v.decided().deciding if isinstance(v, _RuleWhy) else v


@attrs.frozen
class Result:
    """The outcome of one requirement, with one plain sentence saying why.

    ``explanation``, ``evidence``, ``missing`` and ``deciding`` of a rule's result
    are built when one of them is first read (then kept): ``evaluate()`` decides
    every status with the compiled rules; reading runs one pass per quantifier
    that counts its deciding items and names the first :data:`EAGER_ITEMS`, and
    words them. Reading gives what a full explanation gives.
    """

    requirement: Requirement
    status: Status
    _explanation: str | _Why = attrs.field(alias="explanation", eq=_text)
    _evidence: tuple[EvidenceItem, ...] | _Why = attrs.field(
        default=(), alias="evidence", eq=_items
    )
    _missing: tuple[str, ...] | _Why = attrs.field(default=(), alias="missing", eq=_facts)
    finding: Finding | None = None
    waiver: Waiver | None = None
    score: Decimal | None = None
    note: str | None = None
    #: Why, as data: the report layer words ``code`` with ``args`` (and the
    #: evidence and missing facts) in the reader's language; ``explanation``
    #: is the rule engine's English. Codes: see :data:`REASONS`.
    code: str = ""
    args: Mapping[str, object] = attrs.field(default=_NO_ARGS, hash=False)
    _deciding: tuple[Deciding, ...] | _RuleWhy = attrs.field(
        default=(), alias="deciding", eq=_deciding
    )

    def __repr__(self) -> str:
        head = repr_line("Result", id=self.id, status=self.status)[:-1]
        return f"{head}, explanation={shorten(self.explanation, 90)!r})"  # the informative part

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def explanation(self) -> str:
        """One sentence saying why, in the rule engine's English."""
        return _text(self._explanation)

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        """Every deciding observation (every offending item of a quantifier)."""
        return _items(self._evidence)

    @property
    def missing(self) -> tuple[str, ...]:
        """Every fact whose absence leaves the result unknown."""
        return _facts(self._missing)

    @property
    def deciding(self) -> tuple[Deciding, ...]:
        """A rule's quantifiers that decide it (or leave it unknown): per quantifier, the
        ids of its first :data:`EAGER_ITEMS` offending (or unknown) items and their
        count. ``evidence`` has every one of them, worded."""
        return _deciding(self._deciding)


@attrs.frozen
class CorrectiveAction:
    """What must be corrected, and by when (audit date plus the policy's period)."""

    __repr__ = repr_of("requirement", "reason", "deadline", "task")

    requirement: Requirement
    reason: str
    deadline: date | None
    period: str | None
    #: The deadline is the date by which a suspension must be cleared.
    clears_suspension: bool = False
    #: The certifier set this deadline in the finding, instead of the default period.
    set_by_certifier: bool = False
    #: What to do, as a code the report words: ``correct``, ``evidence``, ``develop``
    #: or ``overdue`` (close the previous action, overdue since ``since``).
    task: str = ""
    since: date | None = None
    #: What follows for certification: ``waits`` (until corrected and verified),
    #: ``no_limit`` (no maximum suspension), ``suspension`` (cleared by the deadline).
    then: str = ""


@attrs.frozen
class Development:
    """Development criteria due this year: their scores against the threshold."""

    average: Decimal | None
    threshold: Decimal
    scored: int
    unscored: int
    met: bool | None


@attrs.frozen
class AliasNotice:
    """A finding or waiver named a former id: it applies to the requirement's current id."""

    __repr__ = repr_of("kind", "former", "current", "standard")

    kind: Literal["finding", "waiver"]
    former: str
    current: str
    standard: str

    @property
    def text(self) -> str:
        return (
            f"{self.kind} for {self.former} applies to {self.current}: {self.standard} "
            f"renumbered {self.former} as {self.current}; name {self.current} in new records"
        )


@attrs.frozen
class Evaluation:
    """Every result, the decision and what follows from it."""

    standard: Standard
    record: AuditRecord
    year: int
    results: tuple[Result, ...]
    decision: Literal["certified", "not_certified", "suspended"]
    reasons: tuple[str, ...]
    corrective_actions: tuple[CorrectiveAction, ...]
    development: Development
    blocking: tuple[str, ...]
    due_next_year: tuple[str, ...]
    self_assessment: bool = False
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    notices: tuple[str, ...] = ()
    #: The same notices as values, for reports in other languages.
    alias_notices: tuple[AliasNotice, ...] = ()
    #: ``reasons`` and ``notes`` as data (codes: :data:`DECISION_REASONS`; the
    #: record's note codes, and ``worker_gap``), worded per locale by reports.
    reason_notices: tuple[Notice, ...] = ()
    note_notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``fairmined-evaluation/1`` JSON document, as ``fairmined audit --json`` writes it."""
        return document_of(self)

    def __repr__(self) -> str:
        org = self.record.facts.get("organisation")
        name = org.get("name") if isinstance(org, dict) else None
        return repr_line(
            "Evaluation",
            standard=self.standard.id,
            organisation=name if isinstance(name, str) else None,
            audit_date=self.record.audit_date,
            decision=self.decision,
            results=len(self.results),
        )

    def counts(self) -> dict[str, int]:
        """Number of results per status, every status present."""
        out: dict[str, int] = dict.fromkeys(STATUSES, 0)
        for r in self.results:
            out[r.status] += 1
        return out

    def counts_by_category(self) -> dict[str, dict[str, int]]:
        """Number of results per category and status, categories in catalog order."""
        out: dict[str, dict[str, int]] = {}
        for r in self.results:
            row = out.setdefault(r.requirement.category, dict.fromkeys(STATUSES, 0))
            row[r.status] += 1
        return out


#: Every ``Result.code``, with the ``args`` it carries.
REASONS: dict[str, tuple[str, ...]] = {
    "not_due": ("due_from_year", "year"),
    "out_of_scope": (),
    "scope_unknown": (),
    "scope_worker_gap": ("listed", "members"),
    "waived": ("expires", "justification"),
    "rule_fail": (),
    "rule_pass": (),
    "rule_pass_finding_fail": (),
    "rule_pass_worker_gap": ("listed", "members"),
    "rule_unknown_finding": (),
    "rule_unknown": (),
    "no_finding": (),
    "finding": (),
    "scored_fail": ("low", "unused_score"),
    "scored_missing": ("low", "high"),
    "scored": ("score", "high", "threshold"),
}
# Any result may also carry ``waiver_expired`` (a date) or ``waiver_type`` (a
# type the policy does not let a waiver exempt): a waiver found and ignored;
# and a scored one ``average``, ``threshold`` and ``development`` ("improve":
# below the threshold but the average meets it; "raise": the average does not).


def _gap_args(record: AuditRecord) -> dict[str, object]:
    """The worker list's size and the membership declared, for a worker-gap reason."""
    workers = record.facts.get("workers")
    org = record.facts.get("organisation")
    members = org.get("members") if isinstance(org, Mapping) else None
    return {
        "listed": len(workers) if isinstance(workers, list) else 0,
        "members": members if isinstance(members, Decimal) else None,
    }


@functools.lru_cache(maxsize=4096)  # the same few sentences recur across records
def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _finding_words(f: Finding) -> str:
    said = f"the auditor recorded {f.outcome}"
    return f"{said} ({f.evidence.strip()})" if f.evidence and f.evidence.strip() else said


def _tag_problem(
    standard: Standard, tag: str | None, requirement: str, file: str | None, where: str
) -> RecordError | None:
    """Why a finding or waiver tag cannot be honoured, or None when it can.

    An untagged item, or one tagged with the standard evaluated, must name one
    of its requirements. A tag naming another shipped standard is checked
    against that standard's own ids; any other tag is a misspelt standard id,
    which would otherwise silently drop the auditor's judgement.
    """
    target = standard
    if tag is not None and tag != standard.id:
        if tag not in SHIPPED_STANDARDS:
            ids = sorted({*SHIPPED_STANDARDS, standard.id})
            close = difflib.get_close_matches(tag, ids, n=1, cutoff=0.5)
            return RecordError(
                f"no standard {tag!r} is known, so this item would apply to none",
                file=file,
                path=f"{where}.standard",
                hint=f"did you mean {close[0]}?" if close else "known: " + ", ".join(ids),
            )
        target = load_standard(tag)
    known = [r.id for r in target.requirements]
    if requirement in known or target.requirement(requirement) is not None:
        return None
    close = difflib.get_close_matches(requirement, known, n=1, cutoff=0.5)
    return RecordError(
        f"{target.id} has no requirement {requirement!r}",
        file=file,
        path=f"{where}.requirement",
        hint=f"did you mean {close[0]}?" if close else None,
    )


def _resolve_aliases(
    standard: Standard, record: AuditRecord
) -> tuple[AuditRecord, list[AliasNotice]]:
    """Findings and waivers naming a former id apply to the requirement now under a new id."""
    current = {a: r.id for r in standard.requirements for a in r.aliases}
    notices: list[AliasNotice] = []

    def move(kind: Literal["finding", "waiver"], items: tuple[Any, ...]) -> tuple[Any, ...]:
        out = []
        for item in items:
            new = current.get(item.requirement)
            if new is None or item.standard not in (None, standard.id):
                out.append(item)
                continue
            notices.append(AliasNotice(kind, item.requirement, new, standard.id))
            out.append(attrs.evolve(item, requirement=new))
        return tuple(out)

    if not current:
        return record, notices
    findings = move("finding", record.findings)
    waivers = move("waiver", record.waivers)
    if not notices:
        return record, notices
    return attrs.evolve(record, findings=findings, waivers=waivers), notices


def _check_ids(standard: Standard, record: AuditRecord) -> None:
    problems: list[FairminedError] = []
    tagged: list[tuple[str, Finding | Waiver | PreviousAction]] = [
        (f"$.findings[{i}]", f) for i, f in enumerate(record.findings)
    ]
    tagged += [(f"$.waivers[{i}]", w) for i, w in enumerate(record.waivers)]
    tagged += [
        (f"$.previous_corrective_actions[{i}]", a) for i, a in enumerate(record.previous_actions)
    ]
    seen: dict[tuple[str, str], str] = {}
    for where, item in tagged:
        problem = _tag_problem(standard, item.standard, item.requirement, record.file, where)
        if problem is not None:
            problems.append(problem)
        if item.standard in (None, standard.id):
            problem = _second(seen, where, item.requirement, record.file)
            problems += [problem] if problem is not None else []
    if problems:
        raise FileProblems(problems, file=record.file)


def _second(
    seen: dict[tuple[str, str], str], where: str, requirement: str, file: str | None
) -> RecordError | None:
    """A second item of one kind applying to the evaluated standard for one requirement.

    An untagged item applies to every standard, so an untagged and a tagged
    one for the same requirement both apply here: one would be silently lost.
    """
    key = (where.split("[", maxsplit=1)[0], requirement)
    if key not in seen:
        seen[key] = where
        return None
    kind = key[0].removeprefix("$.").rstrip("s").replace("_", " ")
    return RecordError(
        f"a second {kind} for {requirement!r} applies to this standard (the first is {seen[key]})",
        file=file,
        path=f"{where}.requirement",
    )


@attrs.frozen
class _Context:
    """What every requirement's evaluation needs to know about this audit."""

    record: AuditRecord
    year: int
    policy: CertificationPolicy
    worker_gap: str | None
    #: Per requirement id, what ``record.finding`` and ``record.waiver`` give.
    findings: Mapping[str, Finding] = attrs.field(factory=dict)
    waivers: Mapping[str, Waiver] = attrs.field(factory=dict)


def _context(record: AuditRecord, year: int, policy: CertificationPolicy, std: str) -> _Context:
    """The audit's context, with its findings and waivers for ``std`` looked up once.

    At most one finding and one waiver apply to ``std`` per requirement: :func:`_check_ids`
    refuses a second before this is called.
    """
    findings = {f.requirement: f for f in record.findings if f.standard in (None, std)}
    waivers = {w.requirement: w for w in record.waivers if w.standard in (None, std)}
    return _Context(record, year, policy, worker_gap(record), findings, waivers)


def worker_gap(record: AuditRecord) -> str | None:
    """Why the worker list is no evidence that worker rules hold, or None when it is.

    An empty list, or one shorter than the declared membership, proves only
    what it shows: unless a sample is declared (``worker_sample``), a pass
    over it is not evidence for everyone.
    """
    facts = record.facts
    workers = facts.get("workers")
    if not isinstance(workers, list) or isinstance(facts.get("worker_sample"), Mapping):
        return None
    if not workers:
        return "the worker list is empty and no interview sample is stated"
    org = facts.get("organisation")
    members = org.get("members") if isinstance(org, Mapping) else None
    if isinstance(members, Decimal) and len(workers) < members:
        return (
            f"the worker list holds {len(workers)} people but the organisation declares "
            f"{members} members, and no interview sample is stated"
        )
    return None


def _reads_workers(rule: Rule) -> bool:
    return "workers" in rule.fields


def _scope_result(req: Requirement, ctx: _Context, value: bool | None) -> Result:
    """The result of a requirement whose scope is false or unknown (``value``)."""
    assert req.scope is not None
    if value is False and ctx.worker_gap and _reads_workers(req.scope):
        return Result(
            req,
            "not_assessed",
            _sentence(f"cannot tell whether it applies: {ctx.worker_gap}"),
            missing=("workers",),
            code="scope_worker_gap",
            args=_gap_args(ctx.record),
        )
    if value is False:
        text = _sentence(f"does not apply here: its scope ({req.scope_text}) is false")
        why = _ScopeWhy(req, ctx, text)
        return Result(req, "not_applicable", text, why, code="out_of_scope")
    scope = req.scope.explain(ctx.record.facts)
    return Result(
        req,
        "not_assessed",
        _sentence(f"cannot tell whether it applies: {scope.text}"),
        missing=scope.missing,
        code="scope_unknown",
    )


@attrs.frozen
class _Prefix:
    """A waiver found and ignored: the English words and the same as data."""

    text: str = ""
    args: Mapping[str, object] = attrs.field(default=_NO_ARGS, hash=False)


_NO_PREFIX = _Prefix()


def _waiver_result(req: Requirement, ctx: _Context) -> Result | _Prefix:
    """The waived result, or the prefix saying why a waiver found is ignored."""
    waiver = ctx.waivers.get(req.id)
    if waiver is None:
        return _NO_PREFIX
    if not waiver.valid_on(ctx.record.audit_date):
        return _Prefix(
            f"a waiver expired on {waiver.expires.isoformat()} and is ignored; ",
            {"waiver_expired": waiver.expires},
        )
    if not ctx.policy.type_of(req).waivable:
        return _Prefix(
            f"a waiver cannot exempt a {ctx.policy.label(req.type)} and is ignored; ",
            {"waiver_type": req.type},
        )
    return Result(
        req,
        "waived",
        _sentence(f"waived until {waiver.expires.isoformat()}: {waiver.justification}"),
        waiver=waiver,
        code="waived",
        args={"expires": waiver.expires, "justification": waiver.justification},
    )


def _rule_outcome(
    value: bool | None, rule: Rule, ctx: _Context, finding: Finding | None
) -> tuple[Status, str]:
    """The status and reason code of a rule requirement from the rule's value."""
    if value is False:
        return "fail", "rule_fail"
    if value is True and finding is not None and finding.outcome == "fail":
        return "fail", "rule_pass_finding_fail"
    if value is True and ctx.worker_gap and _reads_workers(rule):
        return "not_assessed", "rule_pass_worker_gap"
    if value is True:
        return "pass", "rule_pass"
    if finding is not None:
        return finding.outcome, "rule_unknown_finding"
    return "not_assessed", "rule_unknown"


def _rule_result(req: Requirement, ctx: _Context, ignored: _Prefix) -> Result:
    """The status from the compiled rule; the words and deciding items when read."""
    rule = req.rule
    assert rule is not None
    finding = ctx.findings.get(req.id)
    facts = ctx.record.facts
    value = rule.evaluate(facts)
    status, code = _rule_outcome(value, rule, ctx, finding)
    # A rule without quantifiers is worded from its explanation (cached by the values read).
    why = (_RuleWhy if rule.quantified else _RuleWords)(req, ctx, ignored, finding, code)
    args = {**ignored.args, **_gap_args(ctx.record)} if code == "rule_pass_worker_gap" else None
    return Result(
        req,
        status,
        why,
        why,
        why if value is None else ("workers",) if args is not None else (),
        finding=finding,
        code=code,
        args=ignored.args if args is None else args,
        deciding=why if isinstance(why, _RuleWhy) else (),
    )


def _rule_words(
    req: Requirement,
    ctx: _Context,
    ignored: _Prefix,
    finding: Finding | None,
    code: str,
    decided: Decided | None,
) -> _Words:
    """A rule result's sentence, evidence and missing facts, from the rule's explanation
    (reusing the counting pass of a quantified rule)."""
    assert req.rule is not None
    ex = req.rule.explain(ctx.record.facts) if decided is None else decided.explain()
    prefix = ignored.text
    said = f"; {_finding_words(finding)}" if finding is not None else ""
    if code == "rule_fail":
        return _sentence(f"{prefix}fails: {ex.text}{said}"), ex.evidence, ()
    if code == "rule_pass_finding_fail":
        assert finding is not None
        text = f"{prefix}the facts meet the rule, but {_finding_words(finding)}"
        return _sentence(text), ex.evidence, ()
    if code == "rule_pass_worker_gap":
        text = f"{prefix}not assessed: the rule holds for the workers listed, but {ctx.worker_gap}"
        return _sentence(f"{text}{said}"), ex.evidence, ("workers",)
    if code == "rule_pass":
        return _sentence(f"{prefix}passes: {ex.text}{said}"), ex.evidence, ()
    if code == "rule_unknown_finding":
        assert finding is not None
        text = (
            f"{prefix}facts missing ({listing(ex.missing)}), so the finding decides: "
            f"{_finding_words(finding)}"
        )
        return _sentence(text), ex.evidence, ex.missing
    return _sentence(f"{prefix}not assessed: facts missing: {listing(ex.missing)}"), (), ex.missing


def _manual_result(req: Requirement, ctx: _Context, ignored: _Prefix) -> Result:
    prefix = ignored.text
    finding = ctx.findings.get(req.id)
    if finding is None and ignored is _NO_PREFIX:
        return _kept(req, "no_finding", 0, _no_finding_alone)
    if finding is None:
        return _no_finding(req, ignored)
    if ctx.policy.type_of(req).scored:
        return _scored(req, finding, ctx.policy, ignored)
    return Result(
        req,
        finding.outcome,
        _sentence(f"{prefix}{_finding_words(finding)}"),
        finding=finding,
        code="finding",
        args=ignored.args,
    )


#: Results that depend only on their requirement (and the year), made once: they are
#: immutable, and the same ones recur in every audit against a standard. Keyed by
#: the requirement's id(); each value holds its requirement, so the id stays its own.
_KEPT: dict[tuple[int, str, int], Result] = {}


def _kept(
    req: Requirement, code: str, year: int, make: Callable[[Requirement, int], Result]
) -> Result:
    """The result ``make(req, year)`` gives, made once (no closure per call: a hot path)."""
    found = _KEPT.get((id(req), code, year))
    if found is not None and found.requirement is req:
        return found
    if len(_KEPT) >= 4096:
        _KEPT.clear()
    found = _KEPT[(id(req), code, year)] = make(req, year)
    return found


def _not_due(req: Requirement, year: int) -> Result:
    return Result(
        req,
        "not_applicable",
        _sentence(
            f"not due yet: due from certification year {req.due_from_year}, this is year {year}"
        ),
        code="not_due",
        args=MappingProxyType({"due_from_year": req.due_from_year, "year": year}),
    )


def _no_finding_alone(req: Requirement, year: int) -> Result:
    """A manual requirement without a finding or an ignored waiver (the same every audit)."""
    return _no_finding(req, _NO_PREFIX)


def _no_finding(req: Requirement, ignored: _Prefix) -> Result:
    return Result(
        req,
        "not_assessed",
        _sentence(
            f"{ignored.text}not assessed: this requirement is judged by the auditor and the "
            "record has no finding for it"
        ),
        missing=(f"findings[{req.id}]",),
        code="no_finding",
        args=ignored.args,
    )


def _results(requirements: tuple[Requirement, ...], ctx: _Context) -> list[Result]:
    """Every requirement's result, in catalog order: not due, out of scope or unknown
    scope, waived, else decided by its rule or by the auditor's finding."""
    facts, year, waivers = ctx.record.facts, ctx.year, ctx.waivers
    out: list[Result] = []
    for req in requirements:
        if req.due_from_year > year:
            out.append(_kept(req, "not_due", year, _not_due))
            continue
        scope = req.scope
        if scope is not None:
            in_scope = scope.evaluate(facts)
            if in_scope is not True:  # in scope, nothing of the scope is shown
                out.append(_scope_result(req, ctx, in_scope))
                continue
        ignored = _NO_PREFIX
        if req.id in waivers:
            waived = _waiver_result(req, ctx)
            if isinstance(waived, Result):
                out.append(waived)
                continue
            ignored = waived
        if req.rule is not None:
            out.append(_rule_result(req, ctx, ignored))
        else:
            out.append(_manual_result(req, ctx, ignored))
    return out


def evaluate(
    standard: Standard, record: AuditRecord, *, year: int | None, strict: bool
) -> Evaluation:
    """Evaluate ``record`` against ``standard`` and decide (:func:`fairmined.audit.evaluate`,
    which passes ``year`` and ``strict`` always, is the public one).

    ``year`` evaluates as if in that certification year (self-assessment);
    by default the record's ``audit.certification_year`` is used. A record of
    type ``self_assessment`` is a self-assessment too: its outcome is never a
    certification decision. An audit dated outside the standard's dates in
    force gives a warning, or with ``strict`` a :class:`RecordError`.
    """
    policy = standard.certification
    if policy is None or not standard.requirements:
        raise RecordError(
            f"{standard.id} has no requirement catalog to audit against", file=standard.path
        )
    self_assessment = year is not None or _audit_type(record) == "self_assessment"
    warnings = _in_force(standard, record, strict=strict)
    if year is None:
        year = record.certification_year
    if year is None:
        raise RecordError(
            "the certification year is missing",
            file=record.file,
            path="$.audit.certification_year",
            hint="give it in the record or pass --year",
        )
    if year < 0:
        raise RecordError(f"the certification year cannot be negative: {year}", path="year")
    record, notices = _resolve_aliases(standard, record)
    _check_ids(standard, record)
    ctx = _context(record, year, policy, standard.id)
    results = _results(standard.requirements, ctx)
    development = _development(results, policy)
    decision, reasons, blocking = _decide(results, policy, year)
    followups = follow_up(standard, record)
    decision = _escalate(decision, followups, reasons, year >= policy.certified_from_year)
    reasons = [*warnings, *reasons]
    actions = _actions(results, record.audit_date, policy, decision)
    actions = _one_per_requirement(
        actions + _overdue_actions(followups, record.audit_date, policy, decision)
    )
    if decision == "suspended" and policy.suspension is not None:
        reasons.append(_suspension_reason(record.audit_date, policy))
    reasons += _development_reasons(results, development, policy)
    if actions:
        reasons.append(_actions_sentence(actions))
    notes = (*record.note_notices, *_gap_note(ctx))
    due_next = tuple(r.id for r in standard.requirements if r.due_from_year == year + 1)
    return Evaluation(
        standard=standard,
        record=record,
        year=year,
        results=tuple(results),
        decision=decision,
        reasons=tuple(n.text for n in reasons),
        corrective_actions=tuple(actions),
        development=development,
        blocking=blocking,
        due_next_year=due_next,
        self_assessment=self_assessment,
        warnings=tuple(n.text for n in warnings),
        follow_ups=followups,
        notes=tuple(n.text for n in notes),
        notices=tuple(n.text for n in notices),
        alias_notices=tuple(notices),
        reason_notices=tuple(reasons),
        note_notices=notes,
    )


#: Every code of :attr:`Evaluation.reason_notices`, with the ``args`` it carries.
DECISION_REASONS: dict[str, tuple[str, ...]] = {
    "audit_before_force": ("date", "standard", "since"),
    "audit_after_force": ("date", "standard", "until"),
    "blocking_met": ("types",),
    "blocking_failed": ("type", "ids"),
    "blocking_not_assessed": ("type", "ids"),
    "previous_action_overdue": ("id", "deadline"),
    "suspension_clear_by": ("date", "period", "source"),
    "development_below": ("average", "threshold"),
    "development_failed_by_auditor": ("ids",),
    "development_unscored": ("unscored", "scored"),
    "corrective_actions": ("n", "dated"),
}


def _suspension_reason(day: date, policy: CertificationPolicy) -> Notice:
    assert policy.suspension is not None
    clear_by = _after(day, policy.suspension.period.delta)
    period, source = policy.suspension.period.text, policy.suspension.source
    return Notice(
        "suspension_clear_by",
        {"date": clear_by, "period": period, "source": source},
        f"the suspension must be cleared by {clear_by.isoformat()} (at most {period}; {source})",
    )


def _development_reasons(
    results: list[Result], development: Development, policy: CertificationPolicy
) -> list[Notice]:
    """What the development average and the auditor's explicit fails mean for the decision."""
    out = []
    if development.met is False:
        out.append(
            Notice(
                "development_below",
                {"average": development.average, "threshold": policy.development_threshold},
                f"development average {development.average} is below the threshold "
                f"{policy.development_threshold}: corrective actions set",
            )
        )
    explicit = [r.id for r in results if r.status == "fail" and _is_development(r, policy)]
    if explicit and development.met is not False:
        out.append(
            Notice(
                "development_failed_by_auditor",
                {"ids": tuple(explicit)},
                f"development requirement{'s' * (len(explicit) > 1)} failed by the auditor "
                f"({', '.join(explicit)}): corrective actions set; the average decides "
                "certification",
            )
        )
    if development.unscored:
        n, scored = development.unscored, development.scored
        out.append(
            Notice(
                "development_unscored",
                {"unscored": n, "scored": scored},
                f"{n} development requirement{'s' * (n > 1)} due but not scored: the average "
                f"rests on {scored}",
            )
        )
    return out


def _gap_note(ctx: _Context) -> tuple[Notice, ...]:
    """The worker list's gap as a note (``worker_gap``: listed, members), if any."""
    if not ctx.worker_gap:
        return ()
    return (Notice("worker_gap", _gap_args(ctx.record), ctx.worker_gap),)


_SEVERITY = {"certified": 0, "suspended": 1, "not_certified": 2}


def _escalate(
    decision: Decision, followups: tuple[FollowUp, ...], reasons: list[Notice], certified: bool
) -> Decision:
    """The decision after overdue actions from the previous audit, with their reasons.

    An organisation not yet certified cannot be suspended: a suspension
    consequence then refuses certification.
    """
    for f in followups:
        if f.state != "overdue":
            continue
        reasons.append(
            Notice(
                "previous_action_overdue",
                {"id": f.requirement.id, "deadline": f.action.deadline},
                f"corrective action for {f.requirement.id} from the previous audit: "
                f"{f.explanation}",
            )
        )
        if f.consequence not in ("suspended", "not_certified"):
            continue
        wanted: Decision = "suspended" if f.consequence == "suspended" else "not_certified"
        if wanted == "suspended" and not certified:
            wanted = "not_certified"
        if _SEVERITY[wanted] > _SEVERITY[decision]:
            decision = wanted
    return decision


def _overdue_actions(
    followups: tuple[FollowUp, ...], day: date, policy: CertificationPolicy, decision: Decision
) -> list[CorrectiveAction]:
    """A new action for every overdue one: by the suspension's end, or the type's period."""
    out = []
    for f in followups:
        if f.state != "overdue":
            continue
        why = f"close the action overdue since {f.action.deadline.isoformat()}"
        r = Result(f.requirement, "fail", f.explanation)
        if f.consequence in ("suspended", "not_certified"):
            a = _core_action(r, day, policy, decision, why, "overdue")
        else:
            a = _action(r, day, policy, why, "overdue")
        out.append(attrs.evolve(a, since=f.action.deadline))
    return out


def _one_per_requirement(actions: list[CorrectiveAction]) -> list[CorrectiveAction]:
    """One action per requirement: the one clearing a suspension, else the earliest due.

    A requirement failing now whose previous action is also overdue would
    otherwise get two actions with two deadlines.
    """
    chosen: dict[str, CorrectiveAction] = {}
    for a in actions:
        rid = a.requirement.id
        old = chosen.get(rid)
        if old is None or _sooner(a, old):
            chosen[rid] = a
    return [chosen[a.requirement.id] for a in actions if chosen[a.requirement.id] is a]


def _sooner(a: CorrectiveAction, b: CorrectiveAction) -> bool:
    if a.clears_suspension != b.clears_suspension:
        return a.clears_suspension
    if a.deadline is None or b.deadline is None:
        return b.deadline is None and a.deadline is not None
    return a.deadline < b.deadline


def _actions_sentence(actions: list[CorrectiveAction]) -> Notice:
    n, dated = len(actions), sum(1 for a in actions if a.deadline is not None)
    words = f"{n} corrective action{'s' * (n > 1)}"
    every = f"with {'deadlines' if n > 1 else 'a deadline'}"
    text = f"{words} {every}" if dated == n else f"{words} ({dated} with a deadline)"
    return Notice("corrective_actions", {"n": n, "dated": dated}, text)


def _audit_type(record: AuditRecord) -> object:
    audit = record.facts.get("audit")
    return audit.get("type") if isinstance(audit, Mapping) else None


def _in_force(standard: Standard, record: AuditRecord, *, strict: bool) -> tuple[Notice, ...]:
    """A warning when the audit date lies outside the standard's dates in force."""
    info, day = standard.info, record.audit_date
    if day < info.in_force_from:
        text = (
            f"warning: the audit date {day.isoformat()} is before {standard.id} came into "
            f"force on {info.in_force_from.isoformat()}"
        )
        code, args = "audit_before_force", {"since": info.in_force_from}
    elif info.in_force_to is not None and day > info.in_force_to:
        text = (
            f"warning: the audit date {day.isoformat()} is after {standard.id} ceased to be "
            f"in force on {info.in_force_to.isoformat()}"
        )
        code, args = "audit_after_force", {"until": info.in_force_to}
    else:
        return ()
    if strict:
        raise RecordError(
            text.removeprefix("warning: "),
            file=record.file,
            path="$.audit.date",
            hint="evaluate against the standard in force on that date, or drop --strict",
        )
    return (Notice(code, {"date": day, "standard": standard.id, **args}, text),)


Decision = Literal["certified", "not_certified", "suspended"]
#: The statuses of a requirement not met: they block or need a corrective action.
_NOT_MET = ("fail", "not_assessed")


def _is_development(r: Result, policy: CertificationPolicy) -> bool:
    """Whether the requirement's type is scored (the standard file says which types are)."""
    return policy.type_of(r.requirement).scored


def _blocks(r: Result, policy: CertificationPolicy) -> bool:
    """Whether this result stops certification: a failed or unassessed blocking type."""
    return r.status in _NOT_MET and policy.type_of(r.requirement).blocks_certification


def _decide(
    results: list[Result], policy: CertificationPolicy, year: int
) -> tuple[Decision, list[Notice], tuple[str, ...]]:
    """The decision from the blocking results, with its reasons."""
    blocking = tuple(r.id for r in results if r.status in _NOT_MET and _blocks(r, policy))
    if not blocking:
        types = tuple(n for n, t in policy.types.items() if t.blocks_certification)
        met = Notice(
            "blocking_met",
            {"types": types},
            f"every {_blocking_words(policy)} due is met or waived",
        )
        return "certified", [met], blocking
    already = year >= policy.certified_from_year
    decision = policy.core_failure_when_certified if already else policy.core_failure
    reasons = _blocking_reasons(results, blocking, policy)
    return cast(Decision, decision), reasons, blocking


def _blocking_words(policy: CertificationPolicy) -> str:
    """The scheme's names of the types that block certification: "major criterion"."""
    labels = [t.label for t in policy.types.values() if t.blocks_certification]
    return " or ".join(labels) if labels else "requirement that blocks certification"


def _plural(label: str, n: int) -> str:
    if n == 1:
        return label
    return label[: -len("criterion")] + "criteria" if label.endswith("criterion") else label + "s"


def _blocking_reasons(
    results: list[Result], blocking: tuple[str, ...], policy: CertificationPolicy
) -> list[Notice]:
    """One reason per blocking type and status, naming the scheme's own type."""
    out, blocked = [], set(blocking)
    bad = [r for r in results if r.status in _NOT_MET and r.id in blocked]
    for name, kind in policy.types.items():
        mine = [r for r in bad if r.requirement.type == name]
        failed = [r.id for r in mine if r.status == "fail"]
        unknown = [r.id for r in mine if r.status == "not_assessed"]
        if failed:
            out.append(
                Notice(
                    "blocking_failed",
                    {"type": name, "ids": tuple(failed)},
                    f"{_plural(kind.label, len(failed))} failed: {', '.join(failed)}",
                )
            )
        if unknown:
            out.append(
                Notice(
                    "blocking_not_assessed",
                    {"type": name, "ids": tuple(unknown)},
                    f"{_plural(kind.label, len(unknown))} not assessed "
                    f"(a {kind.label} that cannot be confirmed counts as not met): "
                    f"{', '.join(unknown)}",
                )
            )
    return out


def _actions(
    results: list[Result], day: date, policy: CertificationPolicy, decision: Decision
) -> list[CorrectiveAction]:
    """A corrective action for every failed or unassessed result of a type that blocks
    certification or gets corrective actions.

    A scored requirement not scored has no action: the average rests on the scored
    ones (the reasons say how many were not scored). Blocking actions share their
    words and deadline within an audit.
    """
    actions = []
    #: Per reason, the first blocking action: the others share its words and deadline.
    core: dict[str, CorrectiveAction] = {}
    for r in results:
        if r.status not in _NOT_MET:
            continue
        kind = policy.type_of(r.requirement)
        if not (kind.blocks_certification or kind.corrective_action):
            continue
        if kind.scored:
            if r.status != "fail":
                continue
            why, task = "raise the development score", "develop"
        elif r.status == "fail":
            why, task = "correct the failure", "correct"
        else:
            why, task = "provide the missing evidence", "evidence"
        if not kind.blocks_certification:
            actions.append(_action(r, day, policy, why, task))
            continue
        first = core.get(why)
        if first is None:
            first = core[why] = _core_action(r, day, policy, decision, why, task)
            actions.append(first)
            continue
        actions.append(
            CorrectiveAction(
                r.requirement,
                first.reason,
                first.deadline,
                first.period,
                clears_suspension=first.clears_suspension,
                task=task,
                then=first.then,
            )
        )
    return actions


def _core_action(
    r: Result, day: date, policy: CertificationPolicy, decision: Decision, why: str, task: str
) -> CorrectiveAction:
    """A blocking failure's action: under suspension, dated by the suspension's end.

    At an initial audit (not certified) there is no suspension to clear:
    certification waits until the failure is corrected and verified, so the
    action has no deadline.
    """
    if decision != "suspended":
        return CorrectiveAction(
            r.requirement,
            f"{why}; certification waits until it is corrected and verified",
            None,
            None,
            task=task,
            then="waits",
        )
    if policy.suspension is None:
        return CorrectiveAction(
            r.requirement,
            f"{why}; the standard file sets no maximum suspension period",
            None,
            None,
            task=task,
            then="no_limit",
        )
    period = policy.suspension.period
    deadline = _after(day, period.delta)
    return CorrectiveAction(
        r.requirement,
        f"{why}; the suspension must be cleared by {deadline.isoformat()} "
        f"(a suspension lasts at most {period.text}), or the organisation is decertified",
        deadline,
        period.text,
        clears_suspension=True,
        task=task,
        then="suspension",
    )


def _scored(
    req: Requirement, finding: Finding, policy: CertificationPolicy, ignored: _Prefix
) -> Result:
    """A development requirement's finding, before the average is known.

    An explicit ``fail`` is honoured: it counts as the lowest score of the
    scale, whatever score was written beside it. A ``pass`` needs a score.
    """
    prefix = ignored.text
    low, high = policy.development_scale
    ev = f" ({finding.evidence.strip()})" if finding.evidence and finding.evidence.strip() else ""
    if finding.outcome == "fail":
        unused = (
            f"; the score {finding.score} written with it is not used"
            if finding.score is not None and finding.score != low
            else ""
        )
        return Result(
            req,
            "fail",
            _sentence(
                f"{prefix}the auditor recorded fail{ev}: a failed development requirement "
                f"counts as the lowest score, {low}{unused}"
            ),
            finding=finding,
            score=Decimal(low),
            code="scored_fail",
            args={
                **ignored.args,
                "low": Decimal(low),
                "unused_score": finding.score if unused else None,
            },
        )
    if finding.score is None:
        return Result(
            req,
            "not_assessed",
            _sentence(
                f"{prefix}not assessed: a development requirement needs a score from "
                f"{low} to {high}"
            ),
            missing=(f"findings[{req.id}].score",),
            finding=finding,
            code="scored_missing",
            args={**ignored.args, "low": Decimal(low), "high": Decimal(high)},
        )
    return Result(
        req,
        "pass",
        _sentence(
            f"{prefix}scored {finding.score} of {high}, threshold "
            f"{policy.development_threshold}{ev}"
        ),
        finding=finding,
        score=finding.score,
        code="scored",
        args={
            **ignored.args,
            "score": finding.score,
            "high": Decimal(high),
            "threshold": policy.development_threshold,
        },
    )


def _development(results: list[Result], policy: CertificationPolicy) -> Development:
    """Average the scored development requirements and settle their statuses in place.

    The decision rests on the average: when it meets the threshold, a single
    score below the threshold is not a failure (it passes with an improvement
    note); when it does not, every criterion scored below the threshold fails
    and gets a corrective action. An explicit auditor fail stays a fail.
    """
    threshold = policy.development_threshold
    scored = [
        i for i, r in enumerate(results) if r.score is not None and _is_development(r, policy)
    ]
    unscored = sum(1 for r in results if r.status == "not_assessed" and _is_development(r, policy))
    if not scored:
        return Development(None, threshold, 0, unscored, None)
    total = sum((results[i].score or Decimal(0) for i in scored), Decimal(0))
    average = (total / Decimal(len(scored))).quantize(Decimal("0.01"))
    met = average >= threshold
    for i in scored:
        r = results[i]
        if r.status == "fail" or r.score is None or r.score >= threshold:
            continue
        if met:
            note = (
                f"below the threshold {threshold} on its own, but the average {average} meets "
                "it, so this is not a failure: improvement recommended"
            )
            more = {"average": average, "threshold": threshold, "development": "improve"}
            results[i] = attrs.evolve(
                r,
                explanation=f"{r.explanation[:-1]}; {note}.",
                note=note,
                args={**r.args, **more},
            )
        else:
            results[i] = attrs.evolve(
                r,
                status="fail",
                explanation=f"{r.explanation[:-1]}; the average {average} is below the "
                f"threshold {threshold}, so this score must rise.",
                args={**r.args, "average": average, "threshold": threshold, "development": "raise"},
            )
    return Development(average, threshold, len(scored), unscored, met)


def _action(
    r: Result, day: date, policy: CertificationPolicy, reason: str, task: str
) -> CorrectiveAction:
    own = r.finding.deadline if r.finding is not None else None
    if own is not None:
        return CorrectiveAction(
            r.requirement,
            reason,
            own,
            "set by the certifier",
            set_by_certifier=True,
            task=task,
        )
    period = policy.corrective_periods.get(r.requirement.type)
    if period is None:
        return CorrectiveAction(r.requirement, reason, None, None, task=task)
    return CorrectiveAction(
        r.requirement, reason, _after(day, period.delta), period.text, task=task
    )


@functools.lru_cache(maxsize=256)
def _after(day: date, delta: relativedelta) -> date:
    """``day`` plus a period: the same few sums recur for every action of every audit."""
    result: date = day + delta
    return result
