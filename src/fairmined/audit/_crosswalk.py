"""The crosswalk rows that span several evaluations of one record, with statuses."""

from __future__ import annotations

from fairmined.audit._evaluate import Evaluation
from fairmined.standards import CrosswalkRow, load_crosswalk

__all__ = ["crosswalk_rows", "no_counterpart"]


def crosswalk_rows(
    evs: list[Evaluation],
) -> list[tuple[CrosswalkRow, dict[tuple[str, str], str]]]:
    """The crosswalk rows that span the evaluated standards, with each member's status."""
    statuses: dict[tuple[str, str], str] = {
        (ev.standard.id, r.id): r.status for ev in evs for r in ev.results
    }
    rows = load_crosswalk().for_standards([ev.standard.id for ev in evs])
    return [(row, statuses) for row in rows]


def no_counterpart(evs: list[Evaluation]) -> dict[str, list[str]]:
    """Per standard, the requirements that no crosswalk row pairs with another standard."""
    paired = {(m.standard, m.requirement) for row, _ in crosswalk_rows(evs) for m in row.members}
    return {
        ev.standard.id: [r.id for r in ev.results if (ev.standard.id, r.id) not in paired]
        for ev in evs
    }
