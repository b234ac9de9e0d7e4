"""The versioned names of the JSON documents this library writes.

Every JSON document carries ``"format": "fairmined-<kind>/<version>"`` as its
first key, so a program knows what it reads; the version goes up when a key
is removed, renamed or changes meaning (an added key keeps it). The JSON
Schemas in ``docs/schemas/`` are generated from :mod:`fairmined.report._schemas`.
The audit record, the input, has its own names (``fairmined-audit/1`` and
``/2``): outputs never use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["DOCUMENTS", "to_dict", "versioned"]

#: Every output document: its kind and its ``format`` value.
DOCUMENTS: Mapping[str, str] = MappingProxyType(
    {
        "evaluation": "fairmined-evaluation/1",
        "evaluations": "fairmined-evaluations/1",
        "audit-diff": "fairmined-audit-diff/1",
        "audit-diffs": "fairmined-audit-diffs/1",
        "quote": "fairmined-quote/1",
        "statement": "fairmined-statement/1",
        "lot": "fairmined-lot/1",
        "lot-summary": "fairmined-lot-summary/1",
        "lots": "fairmined-lots/1",
        "ledger": "fairmined-ledger/1",
        "standards": "fairmined-standards/1",
        "standard": "fairmined-standard/1",
        "standard-review": "fairmined-standard-review/1",
    }
)


def versioned(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` with the ``format`` of ``kind`` as its first key."""
    return {"format": DOCUMENTS[kind], **body}


def to_dict(result: object) -> dict[str, Any]:
    """The versioned JSON document of a result (what its ``to_dict()`` method returns):
    an :class:`~fairmined.audit.Evaluation` or :class:`~fairmined.audit.AuditDiff`, a
    :class:`~fairmined.pricing.Quote`, a :class:`~fairmined.statement.Statement`, a
    :class:`~fairmined.lots.LotResult` or :class:`~fairmined.lots.LotSummary`."""
    from fairmined.audit import AuditDiff, Evaluation
    from fairmined.lots import LotResult, LotSummary
    from fairmined.pricing import Quote
    from fairmined.report._audit_diff import audit_diff_json
    from fairmined.report._audit_json import evaluation_to_json
    from fairmined.report._lots import lot_json, lot_summary_json
    from fairmined.report._premium import quote_json
    from fairmined.report._statement import statement_json
    from fairmined.statement import Statement

    if isinstance(result, Evaluation):
        return evaluation_to_json(result)
    if isinstance(result, AuditDiff):
        return audit_diff_json(result)
    if isinstance(result, Quote):
        return quote_json(result)
    if isinstance(result, Statement):
        return statement_json(result)
    if isinstance(result, LotResult):
        return lot_json(result)
    if isinstance(result, LotSummary):
        return lot_summary_json(result)
    raise TypeError(f"no JSON document for a {type(result).__name__}")
