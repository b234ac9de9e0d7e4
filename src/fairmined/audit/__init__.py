"""The audit engine: evaluate an audit record against a standard and decide."""

from fairmined.audit._api import evaluate
from fairmined.audit._crosswalk import crosswalk_rows, no_counterpart
from fairmined.audit._diff import CHANGES, ActionStatus, AuditDiff, Change, diff, diff_to_json
from fairmined.audit._evaluate import (
    STATUSES,
    AliasNotice,
    CorrectiveAction,
    Development,
    Evaluation,
    EvidenceItem,
    Result,
)
from fairmined.audit._followup import FOLLOW_UP_STATES, FollowUp
from fairmined.audit._frame import requirements_frame

__all__ = [
    "CHANGES",
    "FOLLOW_UP_STATES",
    "STATUSES",
    "ActionStatus",
    "AliasNotice",
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
    "no_counterpart",
    "requirements_frame",
]
