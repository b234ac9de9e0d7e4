"""Where each requirement, price figure and policy figure comes from.

Every item of a standard file (format 2) carries a provenance: a level, the
source document it rests on, a locator inside that document and an optional
note. The levels, from strongest to weakest:

``clause``
    the standard's clause number and text were confirmed in a public copy;
``section``
    the section is confirmed, the wording is our paraphrase of it;
``practice``
    from the certifier's or the owner's published practice (FLOCERT
    procedures, the owner's price pages);
``project``
    our own reading, no public source.

Source documents are declared once per file under ``[documents.<key>]``
(title, version, date, address) and named by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, cast

import attrs

from fairmined.errors import FairminedError, StandardFileError
from fairmined.model import repr_line, repr_of

__all__ = [
    "LEVELS",
    "Provenance",
    "SourceDocument",
    "legacy_provenance",
    "read_documents",
    "read_provenance",
]

Level = Literal["clause", "section", "practice", "project"]
#: The provenance levels, strongest first.
LEVELS: tuple[Level, ...] = ("clause", "section", "practice", "project")

_DOC_KEYS = ("title", "version", "date", "address", "note")
_PROV_KEYS = ("level", "document", "locator", "note")


@attrs.frozen
class SourceDocument:
    """A document the data rests on: the standard itself, a copy of it, a report."""

    __repr__ = repr_of("key", "title", "version", "date")

    key: str
    title: str
    version: str
    date: str
    address: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "version": self.version,
            "date": self.date,
            "address": self.address,
        }


@attrs.frozen
class Provenance:
    """How far one item of a standard file can be trusted, and where to check it."""

    level: Level
    document: SourceDocument | None = None
    locator: str | None = None
    note: str | None = None

    def __repr__(self) -> str:
        doc = None if self.document is None else self.document.key
        return repr_line("Provenance", level=self.level, document=doc, locator=self.locator)

    @property
    def is_clause(self) -> bool:
        return self.level == "clause"

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "source": None if self.document is None else self.document.to_json(),
            "locator": self.locator,
            "note": self.note,
        }

    def cite(self) -> str:
        """One line: the document and the locator, e.g. ``Standard 2010, Section B, 6.1.1``."""
        parts = []
        if self.document is not None:
            parts.append(f"{self.document.title} ({self.document.version})")
        if self.locator:
            parts.append(self.locator)
        return ", ".join(parts) if parts else "no public source"


def _text(
    raw: Mapping[str, Any], key: str, path: str, problems: list[FairminedError]
) -> str | None:
    v = raw.get(key)
    if v is None:
        return None
    if not isinstance(v, str) or not v.strip():
        problems.append(StandardFileError("expected non-empty text", path=f"{path}.{key}"))
        return None
    return v


def read_documents(value: object, problems: list[FairminedError]) -> dict[str, SourceDocument]:
    """Read the ``[documents.<key>]`` tables."""
    path = "$.documents"
    if not isinstance(value, dict):
        problems.append(StandardFileError("documents must be [documents.<key>] tables", path=path))
        return {}
    out: dict[str, SourceDocument] = {}
    for key, raw in value.items():
        dpath = f"{path}.{key}"
        if not isinstance(raw, dict):
            problems.append(StandardFileError("a document must be a table", path=dpath))
            continue
        before = len(problems)
        for extra in sorted(set(raw) - set(_DOC_KEYS)):
            problems.append(StandardFileError("unknown key", path=f"{dpath}.{extra}"))
        fields = {k: _text(raw, k, dpath, problems) for k in _DOC_KEYS}
        for k in ("title", "version", "date"):
            if k not in raw:
                problems.append(StandardFileError("required key is missing", path=f"{dpath}.{k}"))
        if len(problems) > before:
            continue
        out[key] = SourceDocument(key=key, **cast(dict[str, Any], fields))
    return out


def read_provenance(
    value: object,
    path: str,
    documents: Mapping[str, SourceDocument],
    problems: list[FairminedError],
    *,
    verified: bool | None = None,
) -> Provenance | None:
    """Read one ``provenance = {level, document, locator, note}`` table.

    ``clause`` needs a document and a locator; ``section`` and ``practice``
    need a document; a figure marked ``verified`` needs a locator and a level
    above ``project``.
    """
    if value is None:
        problems.append(
            StandardFileError(
                "required key is missing",
                path=path,
                hint='provenance = { level = "project", document = "...", locator = "..." }',
            )
        )
        return None
    if not isinstance(value, dict):
        problems.append(StandardFileError("provenance must be a table", path=path))
        return None
    before = len(problems)
    for extra in sorted(set(value) - set(_PROV_KEYS)):
        problems.append(StandardFileError("unknown key", path=f"{path}.{extra}"))
    level = value.get("level")
    if level not in LEVELS:
        problems.append(
            StandardFileError(
                f"level must be one of {', '.join(LEVELS)}, not {level!r}", path=f"{path}.level"
            )
        )
    doc_key = _text(value, "document", path, problems)
    locator = _text(value, "locator", path, problems)
    note = _text(value, "note", path, problems)
    document = None
    if doc_key is not None:
        document = documents.get(doc_key)
        if document is None:
            problems.append(
                StandardFileError(
                    f"no [documents.{doc_key}] table in this file", path=f"{path}.document"
                )
            )
    if level in ("clause", "section", "practice") and doc_key is None:
        problems.append(
            StandardFileError(f"level {level} needs the document it rests on", path=path)
        )
    if level == "clause" and locator is None:
        problems.append(
            StandardFileError(
                "level clause needs a locator (section, clause, page)", path=f"{path}.locator"
            )
        )
    if verified:
        if locator is None:
            problems.append(
                StandardFileError(
                    "a verified figure needs a locator saying where it was confirmed",
                    path=f"{path}.locator",
                )
            )
        if level == "project":
            problems.append(
                StandardFileError(
                    "a verified figure cannot rest on the project's own reading",
                    path=f"{path}.level",
                )
            )
    if len(problems) > before:
        return None
    return Provenance(level=cast(Level, level), document=document, locator=locator, note=note)


def legacy_provenance(locator: str, level: Level) -> Provenance:
    """What a format-1 file says: its ``source`` text as the locator, at ``level``.

    Format 1 knew only ``clause_verified`` and ``verified``: a requirement is
    read as ``clause`` when its clause was verified and ``project`` otherwise;
    a figure as ``practice`` when verified and ``project`` otherwise.
    """
    return Provenance(level=level, locator=locator)
