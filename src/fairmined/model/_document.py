"""The bridge from a result to its versioned JSON document (``to_dict``)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["document_of"]


def document_of(result: object) -> dict[str, Any]:
    """``result``'s versioned JSON document, as ``--json`` writes it.

    The documents are built by the report layer (:func:`fairmined.report.to_dict`);
    the result types' ``to_dict`` methods, in lower layers, reach it here, by
    name at call time: the one place a lower layer calls up, so that a Python
    user finds the document on the object itself.
    """
    report: Any = import_module("fairmined.report")
    doc: dict[str, Any] = report.to_dict(result)
    return doc
