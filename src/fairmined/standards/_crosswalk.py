"""The requirement-level crosswalk between standards (``standards/crosswalk.toml``).

A crosswalk row lines up requirements of different standards that ask for the
same thing; its first member is the reference and every other member says how
it compares: ``same``, ``stricter``, ``weaker`` or ``partial``. The file is
checked against the shipped standards when it loads: every standard and
requirement id must exist (a former id is accepted and resolved), and no
requirement may sit in two rows.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import attrs

from fairmined.errors import FairminedError, FileProblems, StandardFileError
from fairmined.model import repr_of
from fairmined.standards._catalog import Standard

__all__ = ["MATCHES", "Crosswalk", "CrosswalkMember", "CrosswalkRow", "load_crosswalk"]

#: How a member compares with the row's reference requirement.
MATCHES: tuple[str, ...] = ("same", "stricter", "weaker", "partial")


@attrs.frozen
class CrosswalkMember:
    """One requirement in a row; ``match`` is None for the row's reference."""

    __repr__ = repr_of("standard", "requirement", "match")

    standard: str
    requirement: str
    match: str | None = None


@attrs.frozen
class CrosswalkRow:
    __repr__ = repr_of("topic", "members")

    topic: str
    members: tuple[CrosswalkMember, ...]

    def member(self, standard: str) -> CrosswalkMember | None:
        return next((m for m in self.members if m.standard == standard), None)


@attrs.frozen
class Crosswalk:
    __repr__ = repr_of("rows")

    rows: tuple[CrosswalkRow, ...]

    def for_standards(self, ids: list[str]) -> tuple[CrosswalkRow, ...]:
        """The rows with members in at least two of ``ids``, members limited to ``ids``."""
        out = []
        for row in self.rows:
            members = tuple(m for m in row.members if m.standard in ids)
            if len({m.standard for m in members}) >= 2:
                out.append(CrosswalkRow(row.topic, members))
        return tuple(out)


def _member(
    raw: object,
    path: str,
    first: bool,
    find: Callable[[str], Standard | None],
    problems: list[FairminedError],
) -> CrosswalkMember | None:
    if not isinstance(raw, dict):
        problems.append(StandardFileError("a member must be a table", path=path))
        return None
    sid, rid, match = raw.get("standard"), raw.get("requirement"), raw.get("match")
    std = find(sid) if isinstance(sid, str) else None
    if std is None:
        problems.append(StandardFileError(f"unknown standard {sid!r}", path=f"{path}.standard"))
        return None
    req = std.requirement(rid) if isinstance(rid, str) else None
    if req is None:
        problems.append(
            StandardFileError(f"{sid} has no requirement {rid!r}", path=f"{path}.requirement")
        )
        return None
    if first and match is not None:
        problems.append(
            StandardFileError("the first member is the reference: no match", path=f"{path}.match")
        )
    if not first and match not in MATCHES:
        problems.append(
            StandardFileError(
                f"match must be one of {', '.join(MATCHES)}, not {match!r}", path=f"{path}.match"
            )
        )
        return None
    return CrosswalkMember(str(sid), req.id, None if first else str(match))


def parse_crosswalk(text: str, file: str, find: Callable[[str], Standard | None]) -> Crosswalk:
    """Parse and check a crosswalk file against the standards ``find`` returns."""
    data: dict[str, Any] = tomllib.loads(text)
    problems: list[FairminedError] = []
    if data.get("format_version") != 1:
        problems.append(StandardFileError("format_version must be 1", path="$.format_version"))
    rows: list[CrosswalkRow] = []
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(data.get("rows", [])):
        path = f"$.rows[{i}]"
        topic = raw.get("topic") if isinstance(raw, dict) else None
        members_raw = raw.get("members") if isinstance(raw, dict) else None
        if not isinstance(topic, str) or not isinstance(members_raw, list) or len(members_raw) < 2:
            problems.append(
                StandardFileError("a row needs a topic and at least two members", path=path)
            )
            continue
        members = []
        for j, m in enumerate(members_raw):
            member = _member(m, f"{path}.members[{j}]", j == 0, find, problems)
            if member is None:
                continue
            key = (member.standard, member.requirement)
            if key in seen:
                problems.append(
                    StandardFileError(
                        f"{key[0]} {key[1]} is already in row {seen[key]}",
                        path=f"{path}.members[{j}]",
                    )
                )
            seen[key] = i
            members.append(member)
        rows.append(CrosswalkRow(topic, tuple(members)))
    if problems:
        raise FileProblems([p.located(file=file) for p in problems], file=file)
    return Crosswalk(tuple(rows))


@cache
def load_crosswalk() -> Crosswalk:
    """The shipped crosswalk, checked against the shipped standards."""
    from fairmined.standards._catalog import SHIPPED_STANDARDS, load_standard

    def find(sid: str) -> Standard | None:
        return load_standard(sid) if sid in SHIPPED_STANDARDS else None

    text = (resources.files("fairmined") / "_standards" / "crosswalk.toml").read_text(
        encoding="utf-8"
    )
    return parse_crosswalk(text, "standards/crosswalk.toml", find)
