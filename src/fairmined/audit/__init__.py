"""The audit engine: evaluate an audit record against a standard and decide."""

from fairmined.audit._api import evaluate
from fairmined.audit._diff import CHANGES, ActionStatus, AuditDiff, Change, diff, diff_to_json
from fairmined.audit._evaluate import (
    STATUSES,
    CorrectiveAction,
    Development,
    Evaluation,
    EvidenceItem,
    Result,
)
from fairmined.audit._followup import FOLLOW_UP_STATES, FollowUp
from fairmined.audit._frame import requirements_frame
from fairmined.audit._json import crosswalk_rows, evaluation_to_json, evaluations_to_json
from fairmined.audit._text import evaluation_to_text, evaluations_to_text, reference_text

__all__ = [
    "CHANGES",
    "FOLLOW_UP_STATES",
    "STATUSES",
    "ActionStatus",
    "AuditDiff",
    "Change",
    "CorrectiveAction",
    "Development",
    "Evaluation",
    "EvidenceItem",
    "FollowUp",
    "Result",
    "crosswalk_rows",
    "diff",
    "diff_to_json",
    "evaluate",
    "evaluation_to_json",
    "evaluation_to_text",
    "evaluations_to_json",
    "evaluations_to_text",
    "reference_text",
    "requirements_frame",
]
