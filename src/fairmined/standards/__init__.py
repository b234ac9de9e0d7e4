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
    register_section,
)

__all__ = [
    "SHIPPED_STANDARDS",
    "Figure",
    "PricingRow",
    "Standard",
    "StandardInfo",
    "clear_cache",
    "list_standards",
    "load_standard",
    "parse_standard",
    "register_section",
]
