"""fairmined: Fairtrade and Fairmined gold certification as an open library.

Premium quotes, audits against the standards, and lot verification for buyers.
The public API is what ``__all__`` lists; everything in a module whose name
starts with an underscore is private.

Names are imported on first use, so ``import fairmined`` (and the command
line's start-up) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from fairmined._version import __version__

if TYPE_CHECKING:
    from fairmined.audit import Evaluation, evaluate
    from fairmined.errors import (
        CurrencyMismatchError,
        FairminedError,
        FileProblems,
        InputError,
        PriceLookupError,
        QuantityError,
        RecordError,
        RuleError,
        RuleSyntaxError,
        RuleTypeError,
        StandardFileError,
        UnknownStandardError,
    )
    from fairmined.lots import LotResult, LotSummary, verify_lots
    from fairmined.model import Fineness, Mass, Metal, Money
    from fairmined.pricing import (
        PriceTable,
        Quote,
        QuoteBatch,
        Quoter,
        ReferencePrice,
        quote,
        quote_batch,
    )
    from fairmined.records import AuditRecord, load_record
    from fairmined.standards import Standard, list_standards, load_standard
    from fairmined.statement import Statement, premium_statement

_LAZY = {
    "AuditRecord": "fairmined.records",
    "Evaluation": "fairmined.audit",
    "evaluate": "fairmined.audit",
    "load_record": "fairmined.records",
    "CurrencyMismatchError": "fairmined.errors",
    "FairminedError": "fairmined.errors",
    "FileProblems": "fairmined.errors",
    "InputError": "fairmined.errors",
    "PriceLookupError": "fairmined.errors",
    "QuantityError": "fairmined.errors",
    "RecordError": "fairmined.errors",
    "RuleError": "fairmined.errors",
    "RuleSyntaxError": "fairmined.errors",
    "RuleTypeError": "fairmined.errors",
    "StandardFileError": "fairmined.errors",
    "UnknownStandardError": "fairmined.errors",
    "LotResult": "fairmined.lots",
    "LotSummary": "fairmined.lots",
    "verify_lots": "fairmined.lots",
    "Statement": "fairmined.statement",
    "premium_statement": "fairmined.statement",
    "Fineness": "fairmined.model",
    "Mass": "fairmined.model",
    "Metal": "fairmined.model",
    "Money": "fairmined.model",
    "PriceTable": "fairmined.pricing",
    "Quote": "fairmined.pricing",
    "Quoter": "fairmined.pricing",
    "ReferencePrice": "fairmined.pricing",
    "quote": "fairmined.pricing",
    "quote_batch": "fairmined.pricing",
    "QuoteBatch": "fairmined.pricing",
    "Standard": "fairmined.standards",
    "list_standards": "fairmined.standards",
    "load_standard": "fairmined.standards",
}

__all__ = [
    "AuditRecord",
    "CurrencyMismatchError",
    "Evaluation",
    "FairminedError",
    "FileProblems",
    "Fineness",
    "InputError",
    "LotResult",
    "LotSummary",
    "Mass",
    "Metal",
    "Money",
    "PriceLookupError",
    "PriceTable",
    "QuantityError",
    "Quote",
    "QuoteBatch",
    "Quoter",
    "RecordError",
    "ReferencePrice",
    "RuleError",
    "RuleSyntaxError",
    "RuleTypeError",
    "Standard",
    "StandardFileError",
    "Statement",
    "UnknownStandardError",
    "__version__",
    "evaluate",
    "list_standards",
    "load_record",
    "load_standard",
    "premium_statement",
    "quote",
    "quote_batch",
    "verify_lots",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fairmined' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
