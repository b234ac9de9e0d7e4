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
    OVERDUE_CONSEQUENCES,
    REQUIREMENT_TYPES,
    CertificationPolicy,
    OverduePolicy,
    Period,
    Requirement,
    Suspension,
)

__all__ = [
    "CATEGORIES",
    "DECISIONS",
    "MISSION_AREAS",
    "OVERDUE_CONSEQUENCES",
    "REQUIREMENT_TYPES",
    "SHIPPED_STANDARDS",
    "CertificationPolicy",
    "Figure",
    "OverduePolicy",
    "Period",
    "PricingRow",
    "Requirement",
    "Standard",
    "StandardInfo",
    "Suspension",
    "clear_cache",
    "list_standards",
    "load_standard",
    "parse_standard",
]
