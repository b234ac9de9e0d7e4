"""Sense checks on a record's facts: dates that must be past, facts that contradict.

A record that fails these checks is refused (exit 2), each problem naming the
file and the JSON path, because a decision built on it would be certification
by contradiction: an age of -6, an assembly held after the audit, no mercury
used yet amalgam burned in the open.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from fairmined.errors import RecordError

__all__ = ["CONTRADICTIONS", "PAST_DATES", "sense_problems"]

#: Dates that record something that already happened: none may be after the
#: audit date. ``[*]`` walks a list.
PAST_DATES: tuple[str, ...] = (
    "workers[*].birth_date",
    "workers[*].hire_date",
    "governance.general_assembly_last_held",
    "permits[*].issued",
    "findings[*].date",
    "previous_corrective_actions[*].closed_on",
)

#: Facts that cannot both hold: (a flag that is false, a fact that says it is true).
CONTRADICTIONS: tuple[tuple[str, str], ...] = (
    ("toxic_substances.mercury.used", "toxic_substances.mercury.retorts_used"),
    ("toxic_substances.mercury.used", "toxic_substances.mercury.amalgam_burned_in_homes"),
    ("toxic_substances.mercury.used", "toxic_substances.mercury.amalgam_burned_in_open"),
    ("toxic_substances.mercury.used", "toxic_substances.mercury.kg_per_year"),
    ("toxic_substances.cyanide.used", "toxic_substances.cyanide.on_mercury_tailings"),
)

#: Facts that say processing is mercury- and cyanide-free, against their use.
_GRAVITY_ONLY = "environment.only_gravity_processing"
_CHEMICALS = ("toxic_substances.mercury.used", "toxic_substances.cyanide.used")


def _walk(node: object, parts: list[str], path: str) -> Iterator[tuple[str, object]]:
    if not parts:
        yield path, node
        return
    head, rest = parts[0], parts[1:]
    many = head.endswith("[*]")
    key = head[:-3] if many else head
    if not isinstance(node, Mapping) or key not in node:
        return
    value = node[key]
    if many:
        for i, item in enumerate(value if isinstance(value, list) else ()):
            yield from _walk(item, rest, f"{path}.{key}[{i}]")
    else:
        yield from _walk(value, rest, f"{path}.{key}")


def _reached(facts: Mapping[str, object], dotted: str) -> list[object]:
    """The values :func:`values` gives, without their paths (one loop per level)."""
    level: list[object] = [facts]
    for head in dotted.split("."):
        many = head.endswith("[*]")
        key = head[:-3] if many else head
        below: list[object] = []
        for node in level:
            if isinstance(node, dict | Mapping) and key in node:
                value = node[key]
                if not many:
                    below.append(value)
                elif isinstance(value, list):
                    below.extend(value)
        level = below
    return level


def values(facts: Mapping[str, object], dotted: str) -> list[tuple[str, object]]:
    """Every (JSON path, value) the dotted path reaches; empty when absent."""
    return list(_walk(facts, dotted.split("."), "$"))


def _truthy(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return value is not None and not isinstance(value, str) and bool(value)


def _future_audit(facts: Mapping[str, object], file: str | None, today: date) -> list[RecordError]:
    audit = facts.get("audit")
    if not isinstance(audit, Mapping) or audit.get("type") == "self_assessment":
        return []
    out = []
    for key in ("date", "end_date"):
        day = audit.get(key)
        if isinstance(day, date) and day > today:
            out.append(
                RecordError(
                    f"the audit {key.replace('_', ' ')} {day.isoformat()} is in the future "
                    f"(today is {today.isoformat()}); only a self-assessment may be dated ahead",
                    file=file,
                    path=f"$.audit.{key}",
                )
            )
    return out


def sense_problems(
    facts: Mapping[str, object], audit_date: date, file: str | None, today: date
) -> list[RecordError]:
    """Every date after the audit that must be past, and every contradiction.

    "After the audit" is after its last day: ``audit.end_date`` when given.
    """
    out = _future_audit(facts, file, today)
    audit = facts.get("audit")
    end = audit.get("end_date") if isinstance(audit, Mapping) else None
    last = max(audit_date, end) if isinstance(end, date) else audit_date
    for dotted in PAST_DATES:
        if not any(isinstance(d, date) and d > last for d in _reached(facts, dotted)):
            continue  # the common case, found without naming every value's path
        for path, day in values(facts, dotted):
            if isinstance(day, date) and day > last:
                out.append(
                    RecordError(
                        f"{day.isoformat()} is after the audit ({last.isoformat()}), "
                        "but this date records something already past",
                        file=file,
                        path=path,
                    )
                )
    for flag, fact in CONTRADICTIONS:
        said = values(facts, flag)
        if said and said[0][1] is False:
            for path, value in values(facts, fact):
                if _truthy(value):
                    out.append(
                        RecordError(
                            f"contradicts {said[0][0]} = false (the record says it is not "
                            f"used, yet {fact.rsplit('.', 1)[-1]} is {value})",
                            file=file,
                            path=path,
                        )
                    )
    gravity = values(facts, _GRAVITY_ONLY)
    if gravity and gravity[0][1] is True:
        for dotted in _CHEMICALS:
            for path, value in values(facts, dotted):
                if value is True:
                    out.append(
                        RecordError(
                            f"contradicts {gravity[0][0]} = true (only gravity processing, "
                            "yet this chemical is used)",
                            file=file,
                            path=path,
                        )
                    )
    return out
