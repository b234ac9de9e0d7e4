"""Standards as data: load and check the files under ``standards/``."""

from fairmined.standards._catalog import (
    SHIPPED_STANDARDS,
    Figure,
    PricingRow,
    Standard,
    StandardInfo,
    clear_cache,
    list_standards,
    load_standard,
    parse_standard,
)
from fairmined.standards._requirements import (
    CATEGORIES,
    DECISIONS,
    MISSION_AREAS,
    REQUIREMENT_TYPES,
    CertificationPolicy,
    Period,
    Requirement,
)

__all__ = [
    "CATEGORIES",
    "DECISIONS",
    "MISSION_AREAS",
    "REQUIREMENT_TYPES",
    "SHIPPED_STANDARDS",
    "CertificationPolicy",
    "Figure",
    "Period",
    "PricingRow",
    "Requirement",
    "Standard",
    "StandardInfo",
    "clear_cache",
    "list_standards",
    "load_standard",
    "parse_standard",
]
