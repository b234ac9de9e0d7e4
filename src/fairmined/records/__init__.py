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
from fairmined.records._schema import (
    AUDIT_TYPES,
    AUDIT_TYPES_V2,
    FORMAT,
    FORMAT_V1,
    FORMAT_V2,
    FORMATS,
    PERMIT_KINDS,
    RECORD_SCHEMA,
    RECORD_SCHEMA_V1,
    SCHEMAS,
)
from fairmined.records._v2 import PreviousAction, Reference
from fairmined.records._workers import WORKER_FIELDS, WorkerRegister, read_workers

__all__ = [
    "AUDIT_TYPES",
    "AUDIT_TYPES_V2",
    "FORMAT",
    "FORMATS",
    "FORMAT_V1",
    "FORMAT_V2",
    "MAX_BYTES",
    "MAX_DEPTH",
    "PERMIT_KINDS",
    "RECORD_SCHEMA",
    "RECORD_SCHEMA_V1",
    "SCHEMAS",
    "WORKER_FIELDS",
    "AuditRecord",
    "Finding",
    "PreviousAction",
    "Reference",
    "Waiver",
    "WorkerRegister",
    "load_record",
    "parse_record_text",
    "read_workers",
]
