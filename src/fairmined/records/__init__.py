"""The audit-record format: one JSON document per audit of one mining organisation."""

from fairmined.records._loader import (
    MAX_BYTES,
    MAX_DEPTH,
    AuditRecord,
    Finding,
    Waiver,
    load_record,
    parse_record_text,
)
from fairmined.records._schema import AUDIT_TYPES, FORMAT, RECORD_SCHEMA

__all__ = [
    "AUDIT_TYPES",
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "RECORD_SCHEMA",
    "AuditRecord",
    "Finding",
    "Waiver",
    "load_record",
    "parse_record_text",
]
