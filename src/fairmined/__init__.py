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
    from fairmined.model import Fineness, Mass, Metal, Money
    from fairmined.pricing import PriceTable, Quote, Quoter, ReferencePrice, quote
    from fairmined.standards import Standard, list_standards, load_standard

_LAZY = {
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
    "Fineness": "fairmined.model",
    "Mass": "fairmined.model",
    "Metal": "fairmined.model",
    "Money": "fairmined.model",
    "PriceTable": "fairmined.pricing",
    "Quote": "fairmined.pricing",
    "Quoter": "fairmined.pricing",
    "ReferencePrice": "fairmined.pricing",
    "quote": "fairmined.pricing",
    "Standard": "fairmined.standards",
    "list_standards": "fairmined.standards",
    "load_standard": "fairmined.standards",
}

__all__ = [
    "CurrencyMismatchError",
    "FairminedError",
    "FileProblems",
    "Fineness",
    "InputError",
    "Mass",
    "Metal",
    "Money",
    "PriceLookupError",
    "PriceTable",
    "QuantityError",
    "Quote",
    "Quoter",
    "RecordError",
    "ReferencePrice",
    "RuleError",
    "RuleSyntaxError",
    "RuleTypeError",
    "Standard",
    "StandardFileError",
    "UnknownStandardError",
    "__version__",
    "list_standards",
    "load_standard",
    "quote",
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
