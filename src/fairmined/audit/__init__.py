"""The audit engine: evaluate an audit record against a standard and decide."""

from fairmined.audit._api import evaluate
from fairmined.audit._evaluate import (
    STATUSES,
    CorrectiveAction,
    Development,
    Evaluation,
    EvidenceItem,
    Result,
)
from fairmined.audit._json import evaluation_to_json, evaluations_to_json
from fairmined.audit._text import evaluation_to_text, evaluations_to_text

__all__ = [
    "STATUSES",
    "CorrectiveAction",
    "Development",
    "Evaluation",
    "EvidenceItem",
    "Result",
    "evaluate",
    "evaluation_to_json",
    "evaluation_to_text",
    "evaluations_to_json",
    "evaluations_to_text",
]
