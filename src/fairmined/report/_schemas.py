"""The JSON Schema of every output document, written to ``docs/schemas/``.

Each schema requires the keys a document always has, with their types; an
object may carry more keys than listed (a key added to a document keeps its
version, so readers ignore keys they do not know). Amounts, masses and rates
are exact decimal text, never JSON numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from fairmined.audit import CHANGES, FOLLOW_UP_STATES, STATUSES
from fairmined.report._documents import DOCUMENTS
from fairmined.standards import LEVELS

__all__ = ["SCHEMAS", "schema"]

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
BOOL: Schema = {"type": "boolean"}
DECIMAL: Schema = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$"}
DATE: Schema = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
SHA256: Schema = {"type": "string", "pattern": r"^[0-9a-f]{64}$"}
CURRENCY: Schema = {"type": "string", "pattern": r"^[A-Z]{3}$"}


def null(s: Schema) -> Schema:
    """``s`` or ``null``."""
    return {"anyOf": [s, {"type": "null"}]}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def mapping(values: Schema) -> Schema:
    """An object whose keys are data (ids, names) and whose values are all ``values``."""
    return {"type": "object", "additionalProperties": values}


def obj(props: Mapping[str, Schema], optional: Iterable[str] = ()) -> Schema:
    """An object with ``props``, all required but the ``optional`` ones."""
    skip = set(optional)
    return {
        "type": "object",
        "properties": dict(props),
        "required": [k for k in props if k not in skip],
    }


def enum(values: Iterable[str]) -> Schema:
    return {"type": "string", "enum": list(values)}


MONEY = obj({"amount": DECIMAL, "currency": CURRENCY})
#: A message as data: its code, its facts, and the English sentence.
NOTICE = obj({"code": STR, "args": {"type": "object"}, "text": STR})
PROVENANCE = obj(
    {
        "level": enum(LEVELS),
        "source": null(obj({"title": STR, "version": null(STR), "date": null(STR)})),
        "locator": null(STR),
        "note": null(STR),
    }
)
FIDELITY = mapping(INT)
REFERENCE = obj(
    {"kind": STR, "file": STR, "sha256": SHA256, "document_id": STR, "description": STR},
    optional=("kind", "file", "sha256", "document_id", "description"),
)
COUNTS = mapping(INT)

# --------------------------------------------------------------------------- audits

#: What a value is made of (report/_explain.py words it): a field by its schema
#: path, a literal, a function or an operator over terms.
_TERM: Schema = {
    "type": "object",
    "properties": {"kind": STR, "name": STR, "value": {}, "args": {"type": "array"}},
    "required": ["kind", "name", "value"],
}
_EVIDENCE = obj(
    {
        "path": STR,
        "observed": {},
        "required": {},
        "code": enum(("compare", "flag", "absent")),
        "subject": null(obj({"list": STR, "key": STR})),
        "term": null(_TERM),
        "value": {},
        "op": STR,
        "limit": {},
        "limit_term": null(_TERM),
    }
)

_RESULT = obj(
    {
        "id": STR,
        "aliases": array(STR),
        "category": STR,
        "type": STR,
        "type_label": STR,
        "status": enum(STATUSES),
        "explanation": STR,
        "sentence": STR,
        "code": STR,
        "args": {"type": "object"},
        "title": STR,
        "due_from_year": INT,
        "evidence": array(_EVIDENCE),
        "missing": array(STR),
        "source": STR,
        "clause_verified": BOOL,
        "provenance": PROVENANCE,
        "finding": obj(
            {
                "outcome": STR,
                "evidence": null(STR),
                "score": null(DECIMAL),
                "date": DATE,
                "deadline": DATE,
                "references": array(REFERENCE),
            },
            optional=("date", "deadline", "references"),
        ),
        "note": STR,
        "waiver": obj({"justification": STR, "expires": DATE}),
    },
    optional=("finding", "note", "waiver"),
)

EVALUATION = obj(
    {
        "format": {"const": DOCUMENTS["evaluation"]},
        "standard": obj({"id": STR, "version": STR}),
        "organisation": obj({"name": null(STR), "id": null(STR), "country": null(STR)}),
        "assessment": enum(("certification", "self_assessment")),
        "decision": enum(("certified", "not_certified", "suspended")),
        "reasons": array(STR),
        "warnings": array(STR),
        "notes": array(STR),
        "notices": array(STR),
        "reason_notices": array(NOTICE),
        "note_notices": array(NOTICE),
        "audit_date": DATE,
        "certification_year": INT,
        "results": array(_RESULT),
        "corrective_actions": array(
            obj(
                {
                    "id": STR,
                    "type": STR,
                    "type_label": STR,
                    "deadline": null(DATE),
                    "period": null(STR),
                    "reason": STR,
                    "clears_suspension": BOOL,
                    "set_by_certifier": BOOL,
                }
            )
        ),
        "previous_corrective_actions": array(
            obj(
                {
                    "id": STR,
                    "type": STR,
                    "deadline": DATE,
                    "recorded_state": STR,
                    "closed_on": null(DATE),
                    "state": enum(FOLLOW_UP_STATES),
                    "consequence": null(STR),
                    "explanation": STR,
                    "evidence": STR,
                    "references": array(REFERENCE),
                },
                optional=("evidence", "references"),
            )
        ),
        "development": obj(
            {
                "average": null(DECIMAL),
                "threshold": DECIMAL,
                "scored": INT,
                "unscored": INT,
                "met": null(BOOL),
            }
        ),
        "summary": obj({"by_status": COUNTS, "by_category": mapping(COUNTS)}),
        "unverified": array(STR),
        "record": obj({"sha256": SHA256, "standard_sha256": SHA256, "library_version": STR}),
        "fidelity": FIDELITY,
        "self_assessment": obj(
            {"year": INT, "blocking_now": array(STR), "due_next_year": array(STR)}
        ),
    },
    optional=("self_assessment",),
)

EVALUATIONS = obj(
    {
        "format": {"const": DOCUMENTS["evaluations"]},
        "evaluations": array({"$ref": "#/$defs/evaluation"}),
        "crosswalk": obj(
            {
                "decisions": mapping(STR),
                "by_category": mapping(mapping(null(COUNTS))),
                "requirements": array(
                    obj(
                        {
                            "topic": STR,
                            "members": array(
                                obj(
                                    {
                                        "standard": STR,
                                        "requirement": STR,
                                        "match": null(STR),
                                        "status": null(enum(STATUSES)),
                                    }
                                )
                            ),
                        }
                    )
                ),
                "no_counterpart": mapping(array(STR)),
            }
        ),
    }
)

_SIDE = obj(
    {
        "audit_date": DATE,
        "assessment": STR,
        "decision": STR,
        "record_sha256": SHA256,
        "file": null(STR),
    }
)
AUDIT_DIFF = obj(
    {
        "format": {"const": DOCUMENTS["audit-diff"]},
        "standard": obj({"id": STR, "version": STR}),
        "previous": _SIDE,
        "current": _SIDE,
        "requirements": obj(
            {
                kind: array(obj({"id": STR, "before": null(STR), "after": null(STR), "title": STR}))
                for kind in CHANGES
            }
        ),
        "corrective_actions": array(
            obj({"id": STR, "state": STR, "deadline": null(DATE), "explanation": STR})
        ),
    }
)
AUDIT_DIFFS = obj(
    {
        "format": {"const": DOCUMENTS["audit-diffs"]},
        "comparisons": array({"$ref": "#/$defs/audit-diff"}),
    }
)

# --------------------------------------------------------------------------- pricing

_RULE = obj(
    {
        "kind": STR,
        "value": DECIMAL,
        "currency": null(CURRENCY),
        "description": STR,
        "source": STR,
        "verified": BOOL,
        "note": null(STR),
        "provenance": null(PROVENANCE),
    }
)
QUOTE = obj(
    {
        "format": {"const": DOCUMENTS["quote"]},
        "standard": STR,
        "standard_version": STR,
        "metal": STR,
        "ecological": BOOL,
        "sale_date": DATE,
        "gross_mass": STR,
        "fineness": STR,
        "fine_mass_g": DECIMAL,
        "reference_price": MONEY,
        "reference_price_unit": STR,
        "floor_price": null(MONEY),
        "floor_rule": null(_RULE),
        "price": MONEY,
        "premium": MONEY,
        "premium_rule": _RULE,
        "total": MONEY,
        "rounding": STR,
        "local": null(
            obj(
                {
                    "currency": CURRENCY,
                    "rate": DECIMAL,
                    "floor_price": null(MONEY),
                    "price": MONEY,
                    "premium": MONEY,
                    "total": MONEY,
                }
            )
        ),
        "warnings": array(STR),
        "notices": array(NOTICE),
    }
)

_AMOUNTS = obj(
    {k: MONEY for k in ("floor_price", "price_received", "premium_due", "premium_received")}
    | {"shortfall": MONEY}
)
_TOTAL = obj(
    {
        "kind": STR,
        "key": STR,
        "sales": INT,
        "fine_mass_g": DECIMAL,
        "usd": _AMOUNTS,
        "local": null(_AMOUNTS),
    }
)
STATEMENT = obj(
    {
        "format": {"const": DOCUMENTS["statement"]},
        "standard": STR,
        "standard_version": STR,
        "from": null(DATE),
        "to": null(DATE),
        "currency": CURRENCY,
        "reference_prices": null(STR),
        "rates": null(STR),
        "rounding": STR,
        "sales": array(
            obj(
                {
                    "row": INT,
                    "sale_date": DATE,
                    "buyer": STR,
                    "lot_id": STR,
                    "metal": STR,
                    "ecological": BOOL,
                    "fine_mass_g": DECIMAL,
                    "reference_price": MONEY,
                    "usd": _AMOUNTS,
                    "local": null(_AMOUNTS),
                    "underpaid": BOOL,
                }
            )
        ),
        "totals": obj({"by_buyer": array(_TOTAL), "by_month": array(_TOTAL), "period": _TOTAL}),
        "skipped_outside_period": INT,
        "underpaid": array(STR),
        "notices": array(NOTICE),
    }
)

# --------------------------------------------------------------------------- lots

#: A finding's or an invalid row's facts: text (amounts, dates, ids), null, or lists of text.
_ARGS = mapping({"anyOf": [STR, {"type": "null"}, array(STR)]})

LOT = obj(
    {
        "format": {"const": DOCUMENTS["lot"]},
        "line": INT,
        "lot_id": null(STR),
        "status": enum(("pass", "fail", "invalid")),
        "findings": array(obj({"check": STR, "message": STR, "args": _ARGS})),
        "premium_due": null(MONEY),
        "premium_paid": null(MONEY),
        "reason": null(STR),
        "reason_code": enum(("row_unreadable", "fields_invalid", "not_priced")),
        "reason_args": _ARGS,
    },
    optional=("reason_code", "reason_args"),
)
_SUMMARY = obj(
    {
        "rows": INT,
        "by_status": COUNTS,
        "by_check": COUNTS,
        "premium_due": null(MONEY),
        "premium_paid": null(MONEY),
        "shortfall": null(MONEY),
    }
)
LOT_SUMMARY = obj({"format": {"const": DOCUMENTS["lot-summary"]}, "summary": _SUMMARY})
LOTS = obj(
    {
        "format": {"const": DOCUMENTS["lots"]},
        "lots": array({"$ref": "#/$defs/lot"}),
        "summary": _SUMMARY,
    }
)
LEDGER = obj(
    {
        "format": {"const": DOCUMENTS["ledger"]},
        "ledger": STR,
        "periods": array(
            obj(
                {
                    "certificate_id": STR,
                    "metal": STR,
                    "period_start": null(DATE),
                    "period_end": null(DATE),
                    "declared_g": null(DECIMAL),
                    "bought_g": DECIMAL,
                    "lots": INT,
                    "over": BOOL,
                }
            )
        ),
    }
)

# --------------------------------------------------------------------------- standards

_REVIEWS = array(obj({"by": STR, "on": DATE, "document_version": null(STR), "note": null(STR)}))
STANDARDS = obj(
    {
        "format": {"const": DOCUMENTS["standards"]},
        "standards": array(
            obj(
                {
                    "id": STR,
                    "name": STR,
                    "version": STR,
                    "publisher": STR,
                    "in_force_from": DATE,
                    "in_force_to": null(DATE),
                    "predecessor": null(STR),
                    "unverified_figures": array(STR),
                    "fidelity_counts": FIDELITY,
                    "reviewed_by": _REVIEWS,
                }
            )
        ),
    }
)
_POLICY_FIGURE = {"verified": BOOL, "note": null(STR), "provenance": null(PROVENANCE)}
_POLICY = obj(
    {
        "source": STR,
        "provenance": null(PROVENANCE),
        "core_failure": STR,
        "core_failure_when_certified": STR,
        "certified_from_year": INT,
        "corrective_action_periods": obj({"periods": mapping(STR), **_POLICY_FIGURE}),
        "development": obj({"threshold": DECIMAL, "scale": array(INT), **_POLICY_FIGURE}),
        "suspension": null(obj({"max_period": STR, "source": STR, **_POLICY_FIGURE})),
        "overdue_actions": null(
            obj({"consequences": mapping(STR), "source": STR, **_POLICY_FIGURE})
        ),
    }
)
STANDARD = obj(
    {
        "format": {"const": DOCUMENTS["standard"]},
        "id": STR,
        "version": STR,
        "fidelity": STR,
        "fidelity_counts": FIDELITY,
        "types": mapping(
            obj(
                {
                    "label": STR,
                    "blocks_certification": BOOL,
                    "corrective_action": BOOL,
                    "scored": BOOL,
                    "waivable": BOOL,
                    "provenance": null(PROVENANCE),
                }
            )
        ),
        "supply_models": array(
            obj(
                {
                    "id": STR,
                    "name": STR,
                    "duties": array(STR),
                    "requirements": array(STR),
                    "provenance": PROVENANCE,
                }
            )
        ),
        "pricing": array(
            obj(
                {
                    "metal": STR,
                    "effective_from": DATE,
                    "effective_to": null(DATE),
                    "reference": STR,
                    "floor": _RULE,
                    "premium": _RULE,
                    "ecological_premium": _RULE,
                }
            )
        ),
        "policy": null(_POLICY),
        "requirements": array(
            obj(
                {
                    "id": STR,
                    "aliases": array(STR),
                    "category": STR,
                    "type": STR,
                    "type_label": STR,
                    "title": STR,
                    "description": STR,
                    "due_from_year": INT,
                    "scope": null(STR),
                    "rule": null(STR),
                    "manual": BOOL,
                    "source": STR,
                    "clause_verified": BOOL,
                    "provenance": PROVENANCE,
                    "note": null(STR),
                }
            )
        ),
    }
)
STANDARD_REVIEW = obj(
    {
        "format": {"const": DOCUMENTS["standard-review"]},
        "id": STR,
        "version": STR,
        "fidelity_counts": FIDELITY,
        "reviewed_by": _REVIEWS,
        "to_check": mapping(
            array(obj({"kind": STR, "id": STR, "title": STR, "provenance": PROVENANCE}))
        ),
    }
)

_BODIES: dict[str, Schema] = {
    "evaluation": EVALUATION,
    "evaluations": EVALUATIONS,
    "audit-diff": AUDIT_DIFF,
    "audit-diffs": AUDIT_DIFFS,
    "quote": QUOTE,
    "statement": STATEMENT,
    "lot": LOT,
    "lot-summary": LOT_SUMMARY,
    "lots": LOTS,
    "ledger": LEDGER,
    "standards": STANDARDS,
    "standard": STANDARD,
    "standard-review": STANDARD_REVIEW,
}
#: The documents a schema refers to by ``$ref`` (included under ``$defs``).
_REFS = {"evaluations": "evaluation", "audit-diffs": "audit-diff", "lots": "lot"}


def schema(kind: str) -> Schema:
    """The JSON Schema (draft 2020-12) of the document ``kind`` (a key of ``DOCUMENTS``)."""
    name = DOCUMENTS[kind]
    out: Schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": name,
        "description": f'A document with "format": "{name}", as the fairmined library writes it.',
        **_BODIES[kind],
    }
    if kind in _REFS:
        out["$defs"] = {_REFS[kind]: _BODIES[_REFS[kind]]}
    return out


#: Every output document's schema, by kind.
SCHEMAS: Mapping[str, Schema] = MappingProxyType({kind: schema(kind) for kind in DOCUMENTS})
