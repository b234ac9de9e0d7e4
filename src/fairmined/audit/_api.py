"""The public :func:`evaluate`: takes what a newcomer has at hand."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from fairmined.audit._evaluate import Evaluation
from fairmined.audit._evaluate import evaluate as _evaluate
from fairmined.records import AuditRecord, WorkerRegister, load_record
from fairmined.standards import Standard, load_standard

__all__ = ["evaluate"]


def evaluate(
    standard: str | Path | Standard,
    record: str | Path | Mapping[str, object] | AuditRecord,
    *,
    year: int | None = None,
    strict: bool = False,
    workers: str | Path | WorkerRegister | None = None,
) -> Evaluation:
    """Evaluate an audit record against a standard and decide.

    ``standard`` is a shipped standard's id (``"fairmined-2.0"``), a standard
    file's path or a loaded :class:`~fairmined.standards.Standard`; ``record``
    is a record file's path, the record as a mapping (parsed JSON) or a loaded
    :class:`~fairmined.records.AuditRecord`.

    ``year`` evaluates as if in that certification year (self-assessment);
    by default the record's ``audit.certification_year`` is used. An audit
    dated outside the standard's dates in force gives a warning, or with
    ``strict`` a :class:`~fairmined.errors.RecordError`. ``workers`` is a
    worker register (CSV or .xlsx path, a :class:`~fairmined.tables.TableFile`
    or a :func:`~fairmined.records.read_workers` result) whose rows become the
    record's workers; it needs the record as a path or mapping.

    >>> ev = evaluate("fairmined-2.0", "examples/audits/fairmined-2.0-certified.json")
    >>> ev.decision
    'certified'
    """
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise TypeError(f"year must be an int or None, not {type(year).__name__}")
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, not {type(strict).__name__}")
    std = standard if isinstance(standard, Standard) else load_standard(standard)
    if isinstance(record, AuditRecord):
        if workers is not None:
            raise TypeError("workers= needs the record as a path or mapping, not a loaded record")
        rec = record
    else:
        rec = load_record(record, workers=workers)
    return _evaluate(std, rec, year=year, strict=strict)
