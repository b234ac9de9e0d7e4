"""What format 2 adds to a record: checks across its new sections, and derived facts.

Derived facts let the standards' rules, written against the format-1 names,
read a format-2 record: ``legality.mining_title`` and
``legality.environmental_permit`` from ``permits``, and
``traceability.g_per_miner_per_day`` from ``production``. A derived fact is
never written over one the record gives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Literal

import attrs

from fairmined.errors import RecordError
from fairmined.model import Notice, repr_of

__all__ = ["PreviousAction", "Reference", "derive", "previous_actions", "references", "v2_problems"]

_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
#: Grams per miner per day are derived to this quantum, rounding half to even.
G_PER_MINER_PER_DAY_QUANTUM = Decimal("0.001")
#: Permit kinds the format-1 ``legality`` section names.
_LEGALITY = {"mining_title": "mining_title", "environmental": "environmental_permit"}


@attrs.frozen
class Reference:
    """A piece of evidence: a file with its SHA-256, or a document or photo id."""

    __repr__ = repr_of("kind", "file", "document_id", "sha256")

    kind: str | None = None
    file: str | None = None
    sha256: str | None = None
    document_id: str | None = None
    description: str | None = None


@attrs.frozen
class PreviousAction:
    """A corrective action of the previous audit and its state at this one."""

    __repr__ = repr_of("requirement", "state", "deadline", "closed_on")

    requirement: str
    deadline: date
    state: Literal["closed", "open"]
    closed_on: date | None = None
    evidence: str | None = None
    standard: str | None = None
    references: tuple[Reference, ...] = ()


def _items(value: object) -> list[Mapping[str, object]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def references(value: object) -> tuple[Reference, ...]:
    """The references of a finding or action, as read."""
    return tuple(
        Reference(
            kind=_str(r.get("kind")),
            file=_str(r.get("file")),
            sha256=_str(r.get("sha256")),
            document_id=_str(r.get("document_id")),
            description=_str(r.get("description")),
        )
        for r in _items(value)
    )


def previous_actions(facts: Mapping[str, object]) -> tuple[PreviousAction, ...]:
    """The previous audit's corrective actions (checked by :func:`v2_problems`)."""
    out = []
    for raw in _items(facts.get("previous_corrective_actions")):
        deadline, closed = raw.get("deadline"), raw.get("closed_on")
        assert isinstance(deadline, date)
        out.append(
            PreviousAction(
                requirement=str(raw["requirement"]),
                deadline=deadline,
                state="closed" if raw.get("state") == "closed" else "open",
                closed_on=closed if isinstance(closed, date) else None,
                evidence=_str(raw.get("evidence")),
                standard=_str(raw.get("standard")),
                references=references(raw.get("references")),
            )
        )
    return tuple(out)


def _reference_problems(value: object, path: str, file: str | None) -> list[RecordError]:
    out = []
    for i, r in enumerate(_items(value)):
        where = f"{path}[{i}]"
        digest = r.get("sha256")
        if isinstance(digest, str) and not _SHA256.match(digest):
            out.append(
                RecordError(
                    "a SHA-256 is 64 lowercase hexadecimal digits",
                    file=file,
                    path=f"{where}.sha256",
                )
            )
        if digest is not None and r.get("file") is None:
            out.append(
                RecordError("a digest needs the file it is of", file=file, path=f"{where}.file")
            )
        if r.get("file") is None and r.get("document_id") is None:
            out.append(RecordError("give a file or a document_id", file=file, path=where))
    return out


def _action_problems(facts: Mapping[str, object], file: str | None) -> list[RecordError]:
    out = []
    seen: dict[str, int] = {}
    for i, a in enumerate(_items(facts.get("previous_corrective_actions"))):
        where = f"$.previous_corrective_actions[{i}]"
        key = f"{a.get('standard') or ''}\x00{a.get('requirement')}"
        if key in seen:
            out.append(
                RecordError(
                    f"a second action for {a.get('requirement')!r} (the first is "
                    f"$.previous_corrective_actions[{seen[key]}])",
                    file=file,
                    path=f"{where}.requirement",
                )
            )
        seen.setdefault(key, i)
        if a.get("state") == "closed" and a.get("closed_on") is None:
            out.append(
                RecordError("a closed action needs closed_on", file=file, path=f"{where}.closed_on")
            )
        if a.get("state") == "open" and a.get("closed_on") is not None:
            out.append(
                RecordError(
                    "an open action cannot have closed_on", file=file, path=f"{where}.closed_on"
                )
            )
        out += _reference_problems(a.get("references"), f"{where}.references", file)
    return out


def _sample_problems(facts: Mapping[str, object], file: str | None) -> list[RecordError]:
    sample = facts.get("worker_sample")
    if not isinstance(sample, Mapping):
        return []
    out = []
    workers = facts.get("workers")
    listed = len(workers) if isinstance(workers, list) else 0
    size, population = sample.get("size"), sample.get("population")
    if isinstance(size, Decimal) and size != listed:
        out.append(
            RecordError(
                f"the sample size is {size} but workers lists {listed}",
                file=file,
                path="$.worker_sample.size",
            )
        )
    if isinstance(size, Decimal) and isinstance(population, Decimal) and population < size:
        out.append(
            RecordError(
                f"the population ({population}) is smaller than the sample ({size})",
                file=file,
                path="$.worker_sample.population",
            )
        )
    return out


def _premium_problems(
    facts: Mapping[str, object], audit_date: date, file: str | None
) -> list[RecordError]:
    premium = facts.get("premium")
    years = premium.get("years") if isinstance(premium, Mapping) else None
    out = []
    seen: set[object] = set()
    for i, y in enumerate(_items(years)):
        year = y.get("year")
        if isinstance(year, Decimal) and year > audit_date.year:
            out.append(
                RecordError(
                    f"premium for {year} is after the audit year {audit_date.year}",
                    file=file,
                    path=f"$.premium.years[{i}].year",
                )
            )
        if (year, y.get("currency")) in seen:
            out.append(
                RecordError(
                    f"a second entry for {year}", file=file, path=f"$.premium.years[{i}].year"
                )
            )
        seen.add((year, y.get("currency")))
    return out


def _production_problems(facts: Mapping[str, object], file: str | None) -> list[RecordError]:
    prod = facts.get("production")
    if not isinstance(prod, Mapping):
        return []
    start, end = prod.get("period_from"), prod.get("period_to")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        return [
            RecordError(
                "the period ends before it starts", file=file, path="$.production.period_to"
            )
        ]
    return []


def v2_problems(
    facts: Mapping[str, object], audit_date: date, file: str | None
) -> list[RecordError]:
    """Every problem across format 2's sections."""
    out = _action_problems(facts, file) + _sample_problems(facts, file)
    out += _premium_problems(facts, audit_date, file) + _production_problems(facts, file)
    for i, f in enumerate(_items(facts.get("findings"))):
        out += _reference_problems(f.get("references"), f"$.findings[{i}].references", file)
    audit = facts.get("audit")
    end = audit.get("end_date") if isinstance(audit, Mapping) else None
    if isinstance(end, date) and end < audit_date:
        out.append(
            RecordError("the audit ends before it starts", file=file, path="$.audit.end_date")
        )
    return out


def _legality(facts: dict[str, object], audit_date: date) -> list[Notice]:
    permits = _items(facts.get("permits"))
    if not permits:
        return []
    legality = facts.setdefault("legality", {})
    assert isinstance(legality, dict)
    notes: list[Notice] = []
    for kind, key in _LEGALITY.items():
        mine = [p for p in permits if p.get("kind") == kind]
        if not mine or key in legality:
            continue
        ends = [p.get("valid_until") for p in mine]
        starts = [p.get("valid_from") for p in mine]
        derived: dict[str, object] = {
            "held": all(not isinstance(s, date) or s <= audit_date for s in starts)
        }
        if all(isinstance(e, date) for e in ends):
            derived["valid_until"] = min(e for e in ends if isinstance(e, date))
        legality[key] = derived
        notes.append(
            Notice(
                "legality_derived",
                {"key": key, "kind": kind, "permits": len(mine)},
                f"legality.{key} derived from {len(mine)} permit{'s' * (len(mine) > 1)} of kind "
                f"{kind}: held when every one has started by the audit date, valid until the "
                "earliest end",
            )
        )
    return notes


def _per_miner_per_day(facts: dict[str, object]) -> list[Notice]:
    prod = facts.get("production")
    if not isinstance(prod, Mapping):
        return []
    kg, miners, days = prod.get("gold_kg"), prod.get("miners"), prod.get("days_worked")
    if not (isinstance(kg, Decimal) and isinstance(miners, Decimal) and isinstance(days, Decimal)):
        return []
    if miners == 0 or days == 0:
        return []
    trace = facts.setdefault("traceability", {})
    assert isinstance(trace, dict)
    if "g_per_miner_per_day" in trace:
        return []
    with localcontext() as ctx:
        ctx.prec = 60
        value = (kg * 1000 / (miners * days)).quantize(
            G_PER_MINER_PER_DAY_QUANTUM, rounding=ROUND_HALF_EVEN
        )
    trace["g_per_miner_per_day"] = value
    return [
        Notice(
            "per_miner_per_day_derived",
            {"gold_kg": kg, "miners": miners, "days_worked": days, "value": value},
            f"traceability.g_per_miner_per_day derived from production: {kg} kg / "
            f"({miners} miners x {days} days) = {value} g",
        )
    ]


def derive(facts: dict[str, object], audit_date: date) -> tuple[Notice, ...]:
    """Fill the format-1 facts the rules read from format 2's sections; say what was derived."""
    return (*_legality(facts, audit_date), *_per_miner_per_day(facts))
