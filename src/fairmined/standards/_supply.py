"""A standard's supply models: how certified metal may travel from the mine to a product.

A standard file (format 2) lists them as ``[[supply_models]]`` tables. Each
names the duties a buyer's lots file can show, from a closed list the lot
verification knows how to check:

``certificate_scope``
    the seller's certificate must cover the supply model (when the
    certificates file has a ``supply_models`` column);
``declared_production``
    every lot must fall in a production period its certificate declared for
    its metal (when a production file is given): metal kept apart from the
    mine on cannot come from production nobody declared.

A standard without supply models lists none; a lot naming a supply model its
certificate's standard does not have fails the lot verification.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from fairmined.errors import FairminedError, StandardFileError
from fairmined.model import repr_of
from fairmined.standards._provenance import Provenance, SourceDocument, read_provenance

__all__ = ["SUPPLY_DUTIES", "SupplyModel", "read_supply_models"]

#: The duties of a supply model the lot verification can check, in the order it checks them.
SUPPLY_DUTIES: tuple[str, ...] = ("certificate_scope", "declared_production")

_KEYS = ("id", "name", "description", "duties", "requirements", "provenance", "note")
_ID = re.compile(r"[a-z][a-z0-9_-]*\Z")


@attrs.frozen
class SupplyModel:
    """One supply model of a standard, with the duties a lots file can show."""

    __repr__ = repr_of("id", "name", "duties", "requirements")

    id: str
    name: str
    description: str
    duties: tuple[str, ...]
    provenance: Provenance
    requirements: tuple[str, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "duties": list(self.duties),
            "requirements": list(self.requirements),
            "provenance": self.provenance.to_json(),
            "note": self.note,
        }


def _text(raw: Mapping[str, Any], key: str, path: str, problems: list[FairminedError]) -> str:
    v = raw.get(key)
    if not isinstance(v, str) or not v.strip():
        problems.append(StandardFileError("expected non-empty text", path=f"{path}.{key}"))
        return ""
    return v


def _texts(
    raw: Mapping[str, Any], key: str, path: str, problems: list[FairminedError]
) -> list[str]:
    v = raw.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        problems.append(
            StandardFileError('expected a list of texts such as ["..."]', path=f"{path}.{key}")
        )
        return []
    return list(v)


def read_supply_models(
    value: object,
    documents: Mapping[str, SourceDocument],
    requirement_ids: set[str],
    problems: list[FairminedError],
) -> tuple[SupplyModel, ...]:
    """Read the ``[[supply_models]]`` tables; every problem goes to ``problems``."""
    if not isinstance(value, list):
        problems.append(StandardFileError("use [[supply_models]] tables", path="$.supply_models"))
        return ()
    out: list[SupplyModel] = []
    seen: set[str] = set()
    for i, raw in enumerate(value):
        path = f"$.supply_models[{i}]"
        if not isinstance(raw, dict):
            problems.append(StandardFileError("a supply model must be a table", path=path))
            continue
        before = len(problems)
        for extra in sorted(set(raw) - set(_KEYS)):
            problems.append(StandardFileError("unknown key", path=f"{path}.{extra}"))
        ident = _text(raw, "id", path, problems)
        if ident and not _ID.match(ident):
            problems.append(
                StandardFileError(
                    "a supply model id is lowercase letters, digits, '-' and '_'",
                    path=f"{path}.id",
                )
            )
        elif ident in seen:
            problems.append(
                StandardFileError(f"supply model {ident} appears twice", path=f"{path}.id")
            )
        seen.add(ident)
        name = _text(raw, "name", path, problems)
        description = _text(raw, "description", path, problems)
        duties = _texts(raw, "duties", path, problems)
        for d in duties:
            if d not in SUPPLY_DUTIES:
                problems.append(
                    StandardFileError(
                        f"unknown duty {d!r}: one of {', '.join(SUPPLY_DUTIES)}",
                        path=f"{path}.duties",
                    )
                )
        reqs = _texts(raw, "requirements", path, problems)
        for r in reqs:
            if r not in requirement_ids:
                where = f"{path}.requirements"
                problems.append(StandardFileError(f"no requirement {r} in this file", path=where))
        note = raw.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            problems.append(StandardFileError("expected non-empty text", path=f"{path}.note"))
        prov = read_provenance(raw.get("provenance"), f"{path}.provenance", documents, problems)
        if len(problems) > before or prov is None:
            continue
        ordered = tuple(d for d in SUPPLY_DUTIES if d in duties)
        out.append(SupplyModel(ident, name, description, ordered, prov, tuple(reqs), note))
    return tuple(out)
