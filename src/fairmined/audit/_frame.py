"""An evaluation's requirements as a pandas DataFrame (pandas imported only here)."""

from __future__ import annotations

from typing import Any

from fairmined.audit._evaluate import Evaluation
from fairmined.errors import InputError

__all__ = ["requirements_frame"]


def requirements_frame(evaluation: Evaluation) -> Any:
    """One row per requirement: id, type, category, status, explanation, due year, deadline."""
    try:
        import pandas as pd
    except ImportError:
        raise InputError("requirements_frame() needs pandas", hint="pip install pandas") from None
    deadlines = {a.requirement.id: a.deadline for a in evaluation.corrective_actions}
    rows = [
        {
            "standard": evaluation.standard.id,
            "id": r.id,
            "title": r.requirement.title,
            "type": r.requirement.type,
            "category": r.requirement.category,
            "status": r.status,
            "explanation": r.explanation,
            "due_from_year": r.requirement.due_from_year,
            "corrective_action": r.id in deadlines,
            "deadline": deadlines.get(r.id),
        }
        for r in evaluation.results
    ]
    return pd.DataFrame(rows, dtype=object)
